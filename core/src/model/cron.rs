//! The cron grammar: standard cron schedules in an IANA time zone (`docs/scaling.md`, "Cron
//! syntax"). It lives in the model because an app service's timed policies are written in
//! it (validation parses them); the scaling area's `cron_next` and timed policies use it.
//!
//! weir reads cron itself rather than wrapping the `cron` crate: that crate is Quartz-style
//! (seconds field required, day-of-week 1–7 with Sunday = 1, a skipped local time never
//! fires and a repeated one fires twice), and every one of those differs from what weir
//! promises. The rules here:
//!
//! - 5 fields `minute hour day-of-month month day-of-week`, or 6 with leading seconds
//!   (cronhpa style); `@yearly`/`@annually`, `@monthly`, `@weekly`, `@daily`/`@midnight`,
//!   `@hourly`.
//! - Items `*`, `n`, `a-b`, `*/s`, `a-b/s`, `a/s` (from `a` to the field's end), joined by
//!   `,`; month names `JAN`–`DEC` and day names `SUN`–`SAT`, any case. Day-of-week 0–6 with
//!   Sunday = 0; 7 is Sunday too. `?` means `*` in the two day fields.
//! - Day-of-month and day-of-week as in Vixie cron (`entry.c`, `DOM_STAR`/`DOW_STAR`): when
//!   either field starts with `*`, a day must match both; otherwise either may match.
//! - Time zones with DST: a local time skipped by a spring-forward gap fires at the first
//!   instant after the gap; a repeated local time fires once, at its first occurrence.
//! - A schedule that can never fire (`0 0 30 2 *`) is refused when parsed.

use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeZone, Timelike};
use chrono_tz::Tz;

use crate::error::{Error, FieldErrorCode, Result, ValidationErrors, clip};
use crate::time::{days_from_civil, days_in_month};

/// How far ahead or back a fire is searched: the Gregorian calendar repeats every 400
/// years, so a schedule that passes the parse-time check fires within one cycle (29
/// February on a Sunday, `0 0 29 2 */7`, recurs only every 28 years or so).
const SEARCH_YEARS: i32 = 400;

/// How many matching local times one fire search tries before giving up: the candidates
/// whose instant is not after the search's start are repeats in a folded stretch of local
/// time (or times a gap skipped), so only a fold longer than a day of seconds (none in the
/// time zone database) could exhaust it. A structural bound on the search's loop.
const MAX_CANDIDATES: u32 = 100_000;

/// A parsed cron schedule in its time zone.
///
/// # Examples
///
/// ```
/// use weir::model::cron::Cron;
/// // Monday to Friday at 09:00 in Shanghai.
/// let c = Cron::parse("0 9 * * 1-5", "Asia/Shanghai")?;
/// let friday = weir::time::parse("2026-11-27T02:00:00Z").ok_or("not a time")? as i64; // 10:00 local
/// let next = c.next_after(friday).ok_or("never fires")?;
/// assert_eq!(weir::time::format(next as f64), "2026-11-30T01:00:00Z"); // Monday 09:00
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cron {
    seconds: u64,
    minutes: u64,
    hours: u64,
    days: u64,
    months: u64,
    weekdays: u64,
    day_star: bool,
    weekday_star: bool,
    tz: Tz,
}

const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];
const DAYS: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/// Parse an IANA time zone name.
///
/// # Errors
///
/// A message naming the zone when it is unknown.
pub fn parse_time_zone(name: &str) -> std::result::Result<Tz, String> {
    name.parse::<Tz>().map_err(|_| {
        format!(
            "`{}` is not an IANA time zone name (e.g. `Asia/Shanghai`)",
            clip(name)
        )
    })
}

impl Cron {
    /// Parse an expression in a time zone.
    ///
    /// # Errors
    ///
    /// [`Error::Validation`] at `cron` (syntax, or a schedule that never fires) or at
    /// `timeZone` (not an IANA name).
    pub fn parse(expr: &str, time_zone: &str) -> Result<Cron> {
        let mut errs = ValidationErrors::new();
        let tz = parse_time_zone(time_zone)
            .map_err(|m| errs.push("timeZone", FieldErrorCode::Invalid, m))
            .ok();
        let cron = Cron::parse_in(expr, tz.unwrap_or(Tz::UTC))
            .map_err(|m| errs.push("cron", FieldErrorCode::Invalid, m))
            .ok();
        match (cron, errs.is_empty()) {
            (Some(c), true) => Ok(c),
            _ => Err(Error::Validation(errs)),
        }
    }

    /// Parse an expression in a known zone; the error is a message for a field error.
    ///
    /// # Errors
    ///
    /// A message saying what is wrong with the expression.
    pub fn parse_in(expr: &str, tz: Tz) -> std::result::Result<Cron, String> {
        let text = expr.trim();
        let expanded = match text.to_ascii_lowercase().as_str() {
            "@yearly" | "@annually" => "0 0 1 1 *",
            "@monthly" => "0 0 1 * *",
            "@weekly" => "0 0 * * 0",
            "@daily" | "@midnight" => "0 0 * * *",
            "@hourly" => "0 * * * *",
            d if d.starts_with('@') => {
                return Err(format!(
                    "`{text}`: the descriptors are @yearly, @annually, @monthly, @weekly, @daily, @midnight and @hourly"
                ));
            }
            _ => text,
        };
        let fields: Vec<&str> = expanded.split_whitespace().collect();
        let (sec, rest) = match fields.as_slice() {
            [m, h, dom, mon, dow] => ("0", [*m, *h, *dom, *mon, *dow]),
            [s, m, h, dom, mon, dow] => (*s, [*m, *h, *dom, *mon, *dow]),
            _ => {
                return Err(format!(
                    "`{text}` has {} fields: a cron expression has 5 (minute hour day-of-month month day-of-week) or 6 with leading seconds",
                    fields.len()
                ));
            }
        };
        let [min, hour, dom, mon, dow] = rest;
        let weekdays = field(dow, "day-of-week", 0, 7, Some(&DAYS), true)?;
        let weekdays = (weekdays | (weekdays >> 7)) & 0x7f;
        let c = Cron {
            seconds: field(sec, "second", 0, 59, None, false)?,
            minutes: field(min, "minute", 0, 59, None, false)?,
            hours: field(hour, "hour", 0, 23, None, false)?,
            days: field(dom, "day-of-month", 1, 31, None, true)?,
            months: field(mon, "month", 1, 12, Some(&MONTHS), false)?,
            weekdays,
            day_star: dom.starts_with(['*', '?']),
            weekday_star: dow.starts_with(['*', '?']),
            tz,
        };
        if !c.can_fire() {
            return Err(format!(
                "`{}` can never fire: no month has that day",
                clip(text)
            ));
        }
        Ok(c)
    }

    /// The time zone.
    #[must_use]
    pub fn time_zone(&self) -> Tz {
        self.tz
    }

    /// Whether some date matches (the day-of-month check against month lengths, with
    /// 29 February counted).
    fn can_fire(&self) -> bool {
        if !self.day_star && !self.weekday_star {
            return true; // either field may match, and every week has each weekday
        }
        if self.day_star {
            return true; // every weekday occurs in every month
        }
        (1..=12).any(|m| {
            bit(self.months, m)
                && (1..=days_in_month(2000, i64::from(m))).any(|d| bit(self.days, d as u32))
        })
    }

    fn day_matches(&self, y: i32, m: u32, d: u32) -> bool {
        let wd = weekday(y, m, d);
        let dom = bit(self.days, d);
        let dow = bit(self.weekdays, wd);
        if self.day_star || self.weekday_star {
            dom && dow
        } else {
            dom || dow
        }
    }

    /// The first fire strictly after `t` (Unix seconds), or `None` past the search horizon
    /// or after [`crate::time::MAX_UNIX_SECONDS`] (year 9999 ends every schedule: a later
    /// instant has no RFC 3339 form to print).
    #[must_use]
    pub fn next_after(&self, t: i64) -> Option<i64> {
        self.next_after_unbounded(t)
            .filter(|f| *f <= crate::time::MAX_UNIX_SECONDS)
    }

    /// [`Cron::next_after`] without the year-9999 end. The loop is bounded: at most
    /// [`MAX_CANDIDATES`] candidates, each a search of at most [`SEARCH_YEARS`].
    fn next_after_unbounded(&self, t: i64) -> Option<i64> {
        if t >= crate::time::MAX_UNIX_SECONDS {
            return None;
        }
        let local = self.local(t)?;
        let mut cand = self.next_naive(local.checked_add_signed(chrono::TimeDelta::seconds(1))?)?;
        // Candidates whose fire is not after `t` are repeats of a folded hour (they fired
        // at their first occurrence) or gap times already fired at the gap's end.
        for _ in 0..MAX_CANDIDATES {
            let f = self.fire(cand)?;
            if f > t {
                return Some(f);
            }
            cand = self.next_naive(cand.checked_add_signed(chrono::TimeDelta::seconds(1))?)?;
        }
        None
    }

    /// The last fire at or before `t` (Unix seconds), or `None` within the search horizon
    /// or before [`crate::time::MIN_UNIX_SECONDS`] (year 0000 starts every schedule).
    #[must_use]
    pub fn latest_at_or_before(&self, t: i64) -> Option<i64> {
        self.latest_unbounded(t)
            .filter(|f| *f >= crate::time::MIN_UNIX_SECONDS)
    }

    /// [`Cron::latest_at_or_before`] without the year-0000 start (bounded as
    /// [`Cron::next_after_unbounded`]).
    fn latest_unbounded(&self, t: i64) -> Option<i64> {
        if t < crate::time::MIN_UNIX_SECONDS {
            return None;
        }
        let local = self.local(t)?;
        // In the second pass of a folded hour, later local times fired (first occurrence)
        // before `t`: start the search at the end of the fold.
        let start = match self.tz.from_local_datetime(&local) {
            chrono::LocalResult::Ambiguous(a, b) if b.timestamp() == t => {
                local.checked_add_signed(b.signed_duration_since(a))?
            }
            _ => local,
        };
        let mut cand = self.prev_naive(start)?;
        for _ in 0..MAX_CANDIDATES {
            let f = self.fire(cand)?;
            if f <= t {
                return Some(f);
            }
            cand = self.prev_naive(cand.checked_sub_signed(chrono::TimeDelta::seconds(1))?)?;
        }
        None
    }

    fn local(&self, t: i64) -> Option<NaiveDateTime> {
        self.tz
            .timestamp_opt(t, 0)
            .single()
            .map(|d| d.naive_local())
    }

    /// The instant a matching local time fires: itself, its first occurrence when
    /// repeated, or the end of the gap that skips it.
    fn fire(&self, naive: NaiveDateTime) -> Option<i64> {
        match self.tz.from_local_datetime(&naive) {
            chrono::LocalResult::Single(x) => Some(x.timestamp()),
            chrono::LocalResult::Ambiguous(a, _) => Some(a.timestamp()),
            chrono::LocalResult::None => {
                // The first instant whose local time is at or after `naive`.
                let guess = naive.and_utc().timestamp();
                let (mut lo, mut hi) = (guess - 2 * 86_400, guess + 2 * 86_400);
                while lo + 1 < hi {
                    let mid = lo + (hi - lo) / 2;
                    if self.local(mid)? >= naive {
                        hi = mid;
                    } else {
                        lo = mid;
                    }
                }
                Some(hi)
            }
        }
    }

    /// The first matching local time at or after `from`.
    fn next_naive(&self, from: NaiveDateTime) -> Option<NaiveDateTime> {
        let (mut y, mut mo, mut d) = (from.year(), from.month(), from.day());
        let (mut h, mut mi, mut s) = (from.hour(), from.minute(), from.second());
        let limit = y.checked_add(SEARCH_YEARS)?;
        loop {
            if y > limit {
                return None;
            }
            if !bit(self.months, mo) {
                match next_bit(self.months, mo + 1, 12) {
                    Some(m) => mo = m,
                    None => {
                        y += 1;
                        mo = next_bit(self.months, 1, 12)?;
                    }
                }
                (d, h, mi, s) = (1, 0, 0, 0);
                continue;
            }
            if i64::from(d) > days_in_month(i64::from(y), i64::from(mo)) {
                (mo, d, h, mi, s) = (mo + 1, 1, 0, 0, 0);
                if mo > 12 {
                    (y, mo) = (y + 1, 1);
                }
                continue;
            }
            if !self.day_matches(y, mo, d) {
                (d, h, mi, s) = (d + 1, 0, 0, 0);
                continue;
            }
            if !bit(self.hours, h) {
                match next_bit(self.hours, h, 23) {
                    Some(x) => (h, mi, s) = (x, 0, 0),
                    None => (d, h, mi, s) = (d + 1, 0, 0, 0),
                }
                continue;
            }
            if !bit(self.minutes, mi) {
                match next_bit(self.minutes, mi, 59) {
                    Some(x) => (mi, s) = (x, 0),
                    None => {
                        (h, mi, s) = (h + 1, 0, 0);
                        if h > 23 {
                            (d, h) = (d + 1, 0);
                        }
                    }
                }
                continue;
            }
            if !bit(self.seconds, s) {
                match next_bit(self.seconds, s, 59) {
                    Some(x) => s = x,
                    None => {
                        (mi, s) = (mi + 1, 0);
                        if mi > 59 {
                            (h, mi) = (h + 1, 0);
                            if h > 23 {
                                (d, h) = (d + 1, 0);
                            }
                        }
                    }
                }
                continue;
            }
            return NaiveDate::from_ymd_opt(y, mo, d)?.and_hms_opt(h, mi, s);
        }
    }

    /// The last matching local time at or before `from`.
    fn prev_naive(&self, from: NaiveDateTime) -> Option<NaiveDateTime> {
        let (mut y, mut mo, mut d) = (from.year(), from.month(), from.day());
        let (mut h, mut mi, mut s) = (from.hour(), from.minute(), from.second());
        let limit = y.checked_sub(SEARCH_YEARS)?;
        let last_day = |y: i32, m: u32| days_in_month(i64::from(y), i64::from(m)) as u32;
        loop {
            if y < limit {
                return None;
            }
            if !bit(self.months, mo) {
                match prev_bit(self.months, mo.checked_sub(1)?) {
                    Some(m) if m >= 1 => mo = m,
                    _ => {
                        y -= 1;
                        mo = prev_bit(self.months, 12)?;
                    }
                }
                (d, h, mi, s) = (last_day(y, mo), 23, 59, 59);
                continue;
            }
            if d < 1 {
                if mo == 1 {
                    (y, mo) = (y - 1, 12);
                } else {
                    mo -= 1;
                }
                (d, h, mi, s) = (last_day(y, mo), 23, 59, 59);
                continue;
            }
            if !self.day_matches(y, mo, d) {
                (d, h, mi, s) = (d - 1, 23, 59, 59);
                continue;
            }
            if !bit(self.hours, h) {
                match prev_bit(self.hours, h) {
                    Some(x) => (h, mi, s) = (x, 59, 59),
                    None => (d, h, mi, s) = (d - 1, 23, 59, 59),
                }
                continue;
            }
            if !bit(self.minutes, mi) {
                match prev_bit(self.minutes, mi) {
                    Some(x) => (mi, s) = (x, 59),
                    None if h == 0 => (d, h, mi, s) = (d - 1, 23, 59, 59),
                    None => (h, mi, s) = (h - 1, 59, 59),
                }
                continue;
            }
            if !bit(self.seconds, s) {
                match prev_bit(self.seconds, s) {
                    Some(x) => s = x,
                    None if mi > 0 => (mi, s) = (mi - 1, 59),
                    None if h > 0 => (h, mi, s) = (h - 1, 59, 59),
                    None => (d, h, mi, s) = (d - 1, 23, 59, 59),
                }
                continue;
            }
            return NaiveDate::from_ymd_opt(y, mo, d)?.and_hms_opt(h, mi, s);
        }
    }
}

fn bit(mask: u64, n: u32) -> bool {
    n < 64 && mask & (1u64 << n) != 0
}

/// The lowest set bit in `from..=to`.
fn next_bit(mask: u64, from: u32, to: u32) -> Option<u32> {
    if from > to || from >= 64 {
        return None;
    }
    let m = mask >> from;
    if m == 0 {
        return None;
    }
    let n = from + m.trailing_zeros();
    (n <= to).then_some(n)
}

/// The highest set bit in `0..=upto`.
fn prev_bit(mask: u64, upto: u32) -> Option<u32> {
    if upto >= 64 {
        return None;
    }
    let m = mask & (u64::MAX >> (63 - upto));
    (m != 0).then(|| 63 - m.leading_zeros())
}

/// Day of the week, Sunday = 0.
fn weekday(y: i32, m: u32, d: u32) -> u32 {
    // 1970-01-01 was a Thursday (4).
    let days = days_from_civil(i64::from(y), i64::from(m), i64::from(d));
    (days + 4).rem_euclid(7) as u32
}

/// A cron number: digits only (Rust's parser would take a leading `+`, cron does not).
fn number(s: &str) -> Option<u32> {
    s.parse()
        .ok()
        .filter(|_| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
}

/// One field's bit set.
fn field(
    text: &str,
    what: &str,
    min: u32,
    max: u32,
    names: Option<&[&str]>,
    question_mark: bool,
) -> std::result::Result<u64, String> {
    let value = |v: &str| -> std::result::Result<u32, String> {
        if let Some(names) = names
            && let Some(i) = names.iter().position(|n| n.eq_ignore_ascii_case(v))
        {
            // Month names count from 1 (the field's minimum), day names from 0.
            return Ok(u32::try_from(i).unwrap_or(0) + min);
        }
        let n = number(v).ok_or_else(|| {
            format!(
                "{what} `{v}` is not a number{}",
                if names.is_some() { " or a name" } else { "" }
            )
        })?;
        if n < min || n > max {
            return Err(format!("{what} {n} is outside {min}–{max}"));
        }
        Ok(n)
    };
    let mut mask = 0u64;
    for item in text.split(',') {
        if item.is_empty() {
            return Err(format!("{what} field `{}` has an empty item", clip(text)));
        }
        let (range, step) = match item.split_once('/') {
            Some((r, s)) => {
                let step = number(s)
                    .ok_or_else(|| format!("{what} step `{}` is not a number", clip(s)))?;
                // Any step ≥ 1, as Vixie cron (`*/30` hours is hour 0 only).
                if step == 0 {
                    return Err(format!("{what} step must be at least 1"));
                }
                (r, Some(step))
            }
            None => (item, None),
        };
        let (lo, hi) = if range == "*" || (question_mark && range == "?") {
            (min, max)
        } else if let Some((a, b_text)) = range.split_once('-') {
            let (a, mut b) = (value(a)?, value(b_text)?);
            // `FRI-SUN`: Sunday ending a range after another day counts as 7 (as the digit
            // 7 does); `SUN-SUN` stays Sunday alone. Only the day field has the name.
            if a > 0 && b == 0 && b_text.eq_ignore_ascii_case("SUN") {
                b = 7;
            }
            if a > b {
                return Err(format!("{what} range {a}-{b} runs backwards"));
            }
            (a, b)
        } else {
            let a = value(range)?;
            (a, if step.is_some() { max } else { a })
        };
        let step = step.unwrap_or(1);
        let mut v = lo;
        while v <= hi {
            mask |= 1u64 << v;
            let Some(n) = v.checked_add(step) else { break };
            v = n;
        }
    }
    Ok(mask)
}

/// An instant as RFC 3339 with the zone's offset (`Z` for UTC).
///
/// RFC 3339 offsets are whole minutes, and its years have four digits. When the zone's
/// offset at `t` has seconds (local mean time before standard time: New York in 1800 is
/// −04:56:02), or the local date falls outside years 0000–9999, the instant is printed in
/// UTC instead (`1800-01-01T04:56:02Z`): cutting the offset to `-04:56` would name another
/// instant. So the text always parses back ([`crate::time::parse`]) to exactly `t`, for
/// every `t` in [`crate::time::in_range`].
#[must_use]
pub fn format_in(t: i64, tz: Tz) -> String {
    use chrono::Offset as _;
    match tz.timestamp_opt(t, 0).single() {
        Some(d)
            if d.offset().fix().local_minus_utc() % 60 == 0 && (0..=9999).contains(&d.year()) =>
        {
            d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        }
        _ => crate::time::format(t as f64),
    }
}

//! Time as weir takes it: the caller's `now`, an RFC 3339 string (ground rule 5: no clock).

use crate::error::{Error, FieldErrorCode, Result, ValidationErrors, clip};

/// The instant `now` names, in Unix seconds (milliseconds kept; exact as an `f64` for the
/// next 285,000 years).
///
/// # Errors
///
/// [`Error::Validation`] at the path `now` when it is not an RFC 3339 timestamp.
///
/// # Examples
///
/// ```
/// assert_eq!(weir::time::unix_seconds("1970-01-01T00:00:01.5Z")?, 1.5);
/// assert_eq!(weir::time::unix_seconds("yesterday").unwrap_err().code(), "validation");
/// # Ok::<(), weir::Error>(())
/// ```
pub fn unix_seconds(now: &str) -> Result<f64> {
    unix_seconds_at(now, "now")
}

/// [`unix_seconds`] with the error reported at `path`.
///
/// # Errors
///
/// [`Error::Validation`] at `path` when `text` is not an RFC 3339 timestamp.
pub fn unix_seconds_at(text: &str, path: &str) -> Result<f64> {
    let mut errs = ValidationErrors::new();
    match check(text, || path, &mut errs) {
        Some(t) => Ok(t),
        None => Err(Error::Validation(errs)),
    }
}

/// Parse `text` as an instant, or note a field error at `path()` and return `None`: the
/// one wording of a bad timestamp, for checks that collect every problem. The path is only
/// built for a bad timestamp (the HPA checks hundreds of good ones per reconcile).
pub fn check<P: Into<String>>(
    text: &str,
    path: impl FnOnce() -> P,
    errs: &mut ValidationErrors,
) -> Option<f64> {
    let any = parse_any(text);
    let t = any.filter(|t| in_range(*t));
    if t.is_none() {
        let message = if any.is_some() {
            format!(
                "`{}` is outside the years 0000 to 9999 (UTC) that weir's timestamps name",
                clip(text)
            )
        } else {
            format!(
                "`{}` must be an RFC 3339 timestamp such as `2026-11-27T09:00:00Z`",
                clip(text)
            )
        };
        errs.push(path(), FieldErrorCode::Invalid, message);
    }
    t
}

/// The first instant weir names: `0000-01-01T00:00:00Z`, in Unix seconds.
///
/// RFC 3339 has four-digit years, so an instant before this one printed in UTC has no
/// RFC 3339 form: [`parse`] refuses it (`0000-01-01T00:00:00+01:00` is an hour earlier).
pub const MIN_UNIX_SECONDS: i64 = -62_167_219_200;

/// The last whole second weir names: `9999-12-31T23:59:59Z`, in Unix seconds. [`parse`]
/// refuses anything from `10000-01-01T00:00:00Z` on (`9999-12-31T23:00:00-05:00` is
/// such an instant), so every instant it returns prints back through [`format`](fn@format) as text
/// it reads again.
pub const MAX_UNIX_SECONDS: i64 = 253_402_300_799;

/// Parse RFC 3339 text to Unix seconds (milliseconds kept), or `None`: not RFC 3339, or
/// an instant outside [`MIN_UNIX_SECONDS`] to the end of [`MAX_UNIX_SECONDS`]'s second.
///
/// The common shape `YYYY-MM-DDTHH:MM:SS[.fff]Z` is read directly (the HPA parses a few
/// hundred timestamps per reconcile); anything else goes through chrono.
#[must_use]
pub fn parse(text: &str) -> Option<f64> {
    parse_any(text).filter(|t| in_range(*t))
}

/// [`parse`] without the range check.
fn parse_any(text: &str) -> Option<f64> {
    fast_utc(text.as_bytes()).or_else(|| {
        chrono::DateTime::parse_from_rfc3339(text)
            .ok()
            .map(|t| t.timestamp_millis() as f64 / 1000.0)
    })
}

/// Whether Unix seconds `t` lie in the span weir's timestamps name (years 0000 to 9999 in
/// UTC, [`MIN_UNIX_SECONDS`] to the end of [`MAX_UNIX_SECONDS`]'s second).
#[must_use]
pub fn in_range(t: f64) -> bool {
    t >= MIN_UNIX_SECONDS as f64 && t < (MAX_UNIX_SECONDS + 1) as f64
}

/// `YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z` only; `None` sends the text to the full parser.
fn fast_utc(b: &[u8]) -> Option<f64> {
    fn num(b: &[u8], from: usize, len: usize) -> Option<i64> {
        let digits = b.get(from..from + len)?;
        let mut v = 0i64;
        for d in digits {
            if !d.is_ascii_digit() {
                return None;
            }
            v = v * 10 + i64::from(d - b'0');
        }
        Some(v)
    }
    if b.len() < 20
        || b.get(4) != Some(&b'-')
        || b.get(7) != Some(&b'-')
        || !matches!(b.get(10), Some(b'T' | b't'))
        || b.get(13) != Some(&b':')
        || b.get(16) != Some(&b':')
        || !matches!(b.last(), Some(b'Z' | b'z'))
    {
        return None;
    }
    let (y, mo, d) = (num(b, 0, 4)?, num(b, 5, 2)?, num(b, 8, 2)?);
    let (h, mi, s) = (num(b, 11, 2)?, num(b, 14, 2)?, num(b, 17, 2)?);
    let mut millis = 0i64;
    match b.len() {
        20 => {}
        n if (22..=30).contains(&n) && b.get(19) == Some(&b'.') => {
            let frac = num(b, 20, n - 21)?;
            let digits = u32::try_from(n - 21).ok()?;
            millis = if digits >= 3 {
                frac / 10i64.pow(digits - 3)
            } else {
                frac * 10i64.pow(3 - digits)
            };
        }
        _ => return None,
    }
    if !(1..=12).contains(&mo) || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || s > 59 {
        return None;
    }
    let days = days_from_civil(y, mo, d);
    Some((days * 86_400 + h * 3600 + mi * 60 + s) as f64 + millis as f64 / 1000.0)
}

/// Days in a month of the proleptic Gregorian calendar.
#[must_use]
pub fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a civil date (the well-known era algorithm).
#[must_use]
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Unix seconds as RFC 3339 UTC text, with milliseconds only when there are some.
///
/// Within [`in_range`] the text parses back ([`parse`]) to the same instant (to the
/// millisecond); outside it chrono's signed-year form (`+10000-01-01T00:00:00Z`) is not
/// RFC 3339, so callers keep their instants in range.
#[must_use]
pub fn format(seconds: f64) -> String {
    let millis = (seconds * 1000.0).round() as i64;
    match chrono::DateTime::from_timestamp_millis(millis) {
        Some(t) => t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
        None => String::from("invalid"),
    }
}

/// An instant: RFC 3339 text on the wire, Unix seconds (milliseconds kept) inside.
///
/// The one type of time every machine takes (`handle(now, ...)`, `poll_timeout()`): it can
/// only be made from text that [`parse`] accepts or from seconds inside [`in_range`], so a
/// `Timestamp` always names an instant of the years 0000 to 9999 and prints back as text
/// that reads again. A bad `now` is an error where it is made, never the Unix epoch.
///
/// # Examples
///
/// ```
/// use weir::time::Timestamp;
/// let t: Timestamp = serde_json::from_str("\"2026-01-01T00:00:30Z\"")?;
/// assert_eq!(t.unix_seconds(), 1_767_225_630.0);
/// assert_eq!(serde_json::to_string(&t)?, "\"2026-01-01T00:00:30Z\"");
/// assert_eq!(t, "2026-01-01T00:00:30Z".parse::<Timestamp>().unwrap());
/// assert_eq!(t.plus_seconds(30.0).unwrap().to_string(), "2026-01-01T00:01:00Z");
/// assert!("yesterday".parse::<Timestamp>().is_err());
/// assert!(Timestamp::from_unix_seconds(f64::NAN).is_none());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timestamp(f64);

impl PartialOrd for Timestamp {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Timestamp {
    /// The last instant weir names, `9999-12-31T23:59:59Z`.
    pub const MAX: Timestamp = Timestamp(MAX_UNIX_SECONDS as f64);

    /// The instant `text` names, with a bad text reported at the field `path`.
    ///
    /// # Errors
    ///
    /// [`Error::Validation`] at `path` when `text` is not an RFC 3339 timestamp of the
    /// years 0000 to 9999.
    pub fn parse_at(text: &str, path: &str) -> Result<Timestamp> {
        unix_seconds_at(text, path).map(|t| Timestamp(t + 0.0))
    }

    /// The instant `seconds` after the Unix epoch; `None` for NaN, infinities and instants
    /// outside the years 0000 to 9999.
    #[must_use]
    pub fn from_unix_seconds(seconds: f64) -> Option<Timestamp> {
        // `+ 0.0` makes -0 into +0, so that equality and `total_cmp` agree.
        in_range(seconds).then_some(Timestamp(seconds + 0.0))
    }

    /// An instant already checked with [`in_range`] (inside the crate only).
    pub(crate) fn checked(seconds: f64) -> Timestamp {
        debug_assert!(in_range(seconds));
        Timestamp(seconds + 0.0)
    }

    /// Seconds since the Unix epoch (milliseconds kept).
    #[must_use]
    pub fn unix_seconds(self) -> f64 {
        self.0
    }

    /// The instant `seconds` later (earlier when negative), or `None` past the years weir
    /// names.
    #[must_use]
    pub fn plus_seconds(self, seconds: f64) -> Option<Timestamp> {
        Timestamp::from_unix_seconds(self.0 + seconds)
    }

    /// Seconds from `earlier` to `self` (negative when `earlier` is later).
    #[must_use]
    pub fn seconds_since(self, earlier: Timestamp) -> f64 {
        self.0 - earlier.0
    }

    /// The later of two instants.
    #[must_use]
    pub fn max(self, other: Timestamp) -> Timestamp {
        if other.0 > self.0 { other } else { self }
    }

    /// The earlier of two instants.
    #[must_use]
    pub fn min(self, other: Timestamp) -> Timestamp {
        if other.0 < self.0 { other } else { self }
    }
}

// A Timestamp is never NaN (it is made only from instants in range), so equality and
// order are total.
impl Eq for Timestamp {}

impl Ord for Timestamp {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

impl std::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&format(self.0))
    }
}

impl std::str::FromStr for Timestamp {
    type Err = Error;
    /// [`Timestamp::parse_at`] with errors at the path `now`.
    fn from_str(text: &str) -> Result<Timestamp> {
        Timestamp::parse_at(text, "now")
    }
}

impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&format(self.0))
    }
}

impl<'de> serde::Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(d)?;
        parse(&text).map(|t| Timestamp(t + 0.0)).ok_or_else(|| {
            serde::de::Error::custom(format!("`{}` is not an RFC 3339 timestamp", clip(&text)))
        })
    }
}

impl schemars::JsonSchema for Timestamp {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Timestamp".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An RFC 3339 instant, e.g. `2026-11-27T09:00:00Z`.",
            "type": "string"
        })
    }
}

//! The replica curve as an SVG picture ([`ReplicaCurve::to_svg`]).
//!
//! The curve is user data here (the bindings take it back from the caller), so the picture
//! is built with structural bounds: the input is checked first (at most
//! [`MAX_CURVE_POINTS`] points, instants in years 0000–9999 and in time order), the grid
//! draws at most [`MAX_VALUE_TICKS`] and [`MAX_TIME_TICKS`] lines whatever the values,
//! and every other element is drawn once per point at most (the output grows linearly
//! with the points). Every text taken from the curve goes through one escape.

use std::borrow::Cow;
use std::fmt::Write as _;

use super::timed::{MAX_CURVE_POINTS, ReplicaCurve};
use crate::error::{FieldErrorCode, FieldPath, Result, ValidationErrors};

/// The most horizontal grid lines (replica values) one picture draws.
const MAX_VALUE_TICKS: usize = 16;

/// The most vertical grid lines (dates) one picture draws.
const MAX_TIME_TICKS: usize = 16;

const W: f64 = 960.0;
const H: f64 = 360.0;
const L: f64 = 56.0;
const R: f64 = 16.0;
const T: f64 = 40.0;
const B: f64 = 48.0;
const DAY: f64 = 86_400.0;

impl ReplicaCurve {
    /// The curve as an SVG picture (960 × 360, times in UTC): the replicas as a step line,
    /// metric windows as shaded `[min, max]` bands, the elastic bounds dashed, and each
    /// policy's name where it takes over.
    ///
    /// # Errors
    ///
    /// [`crate::Error::Validation`] when the curve is not one [`super::timed::replica_curve`]
    /// could return: `from` or `to` not an RFC 3339 timestamp, more than
    /// [`MAX_CURVE_POINTS`] points (`points`, `too_many`), or a point's `t` not the Unix
    /// seconds of an instant in years 0000–9999 or earlier than the point before it
    /// (`points[i].t`, the first such point only).
    pub fn to_svg(&self) -> Result<String> {
        let (from, to) = self.check()?;
        let frame = Frame::new(self);
        let mut s = String::with_capacity(4096 + self.points.len() / 4);
        let _ = write!(
            s,
            r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" font-family="sans-serif" font-size="11">
<rect width="{W}" height="{H}" fill="#ffffff"/>
<text x="{L}" y="18" font-size="13" font-weight="bold">Replica curve, {} to {} (UTC), every {} s</text>
"##,
            escape(&from),
            escape(&to),
            self.step_seconds
        );
        frame.value_grid(&mut s);
        frame.time_grid(&mut s);
        for (bound, name) in [(self.min_replicas, "min"), (self.max_replicas, "max")] {
            let yy = frame.y(f64::from(bound));
            let _ = writeln!(
                s,
                r##"<line x1="{L}" x2="{:.1}" y1="{yy:.1}" y2="{yy:.1}" stroke="#999" stroke-dasharray="4 4"/><text x="{:.1}" y="{:.1}" text-anchor="end" fill="#999">{} {bound}</text>"##,
                W - R,
                W - R - 2.0,
                yy - 3.0,
                escape(name)
            );
        }
        frame.bands(self, &mut s);
        frame.step_line(self, &mut s);
        frame.policy_marks(self, &mut s);
        let ly = H - 12.0;
        let _ = write!(
            s,
            r##"<line x1="{L}" x2="{:.1}" y1="{:.1}" y2="{:.1}" stroke="#d9480f" stroke-width="2"/><text x="{:.1}" y="{ly:.1}">replicas (preset, ramp, initial)</text>
<rect x="{:.1}" y="{:.1}" width="20" height="10" fill="#7fb3e6" fill-opacity="0.35" stroke="#4a86c5"/><text x="{:.1}" y="{ly:.1}">metric window: the HPA decides within [min, max]</text>
</svg>
"##,
            L + 20.0,
            ly - 4.0,
            ly - 4.0,
            L + 26.0,
            L + 230.0,
            ly - 9.0,
            L + 256.0
        );
        Ok(s)
    }

    /// The input checks of [`ReplicaCurve::to_svg`]; `from` and `to` as UTC text.
    fn check(&self) -> Result<(String, String)> {
        let mut errs = ValidationErrors::new();
        let from = crate::time::check(&self.from, || "from", &mut errs);
        let to = crate::time::check(&self.to, || "to", &mut errs);
        if self.points.len() as u64 > MAX_CURVE_POINTS {
            errs.push(
                "points",
                FieldErrorCode::TooMany,
                format!(
                    "{} points; a curve has at most {MAX_CURVE_POINTS}",
                    self.points.len()
                ),
            );
        } else {
            let mut prev = f64::NEG_INFINITY;
            for (n, p) in self.points.iter().enumerate() {
                let problem = if !crate::time::in_range(p.t) {
                    "must be the Unix seconds of an instant in years 0000 to 9999"
                } else if p.t < prev {
                    "the points must be in time order"
                } else {
                    prev = p.t;
                    continue;
                };
                errs.push(
                    FieldPath::root("points").index(n).child("t"),
                    FieldErrorCode::Invalid,
                    format!("{}: {problem}", p.t),
                );
                break;
            }
        }
        errs.into_result(())?;
        let utc = |t: Option<f64>| t.map(crate::time::format).unwrap_or_default();
        Ok((utc(from), utc(to)))
    }
}

/// The picture's scales.
struct Frame {
    t0: f64,
    t1: f64,
    top: i32,
    y_max: f64,
}

impl Frame {
    fn new(c: &ReplicaCurve) -> Frame {
        // Checked: finite, within years 0000–9999 (|t| < 2⁵³, so t0 + 1 > t0), in order.
        let (t0, t1) = match (c.points.first(), c.points.last()) {
            (Some(a), Some(b)) => (a.t, b.t.max(a.t + 1.0)),
            _ => (0.0, 1.0),
        };
        let top = c
            .points
            .iter()
            .filter_map(|p| p.replicas.max(p.max))
            .max()
            .unwrap_or(0)
            .max(c.max_replicas)
            .max(1);
        Frame {
            t0,
            t1,
            top,
            y_max: f64::from(top) * 1.1 + 1.0,
        }
    }

    fn x(&self, t: f64) -> f64 {
        L + (t - self.t0) / (self.t1 - self.t0) * (W - L - R)
    }

    fn y(&self, v: f64) -> f64 {
        H - B - v / self.y_max * (H - T - B)
    }

    /// Horizontal grid lines and their values: a round step, at most [`MAX_VALUE_TICKS`].
    fn value_grid(&self, s: &mut String) {
        let step = nice_step(f64::from(self.top), 6.0);
        for k in 0..tick_count(0.0, self.y_max, step, MAX_VALUE_TICKS) {
            let v = k as f64 * step;
            let yy = self.y(v);
            let _ = writeln!(
                s,
                r##"<line x1="{L}" x2="{:.1}" y1="{yy:.1}" y2="{yy:.1}" stroke="#e5e5e5"/><text x="{:.1}" y="{:.1}" text-anchor="end" fill="#555">{v}</text>"##,
                W - R,
                L - 6.0,
                yy + 4.0
            );
        }
    }

    /// Vertical grid lines with dates: a round interval, at most [`MAX_TIME_TICKS`].
    fn time_grid(&self, s: &mut String) {
        let span = self.t1 - self.t0;
        let tick = [
            60.0,
            300.0,
            900.0,
            3600.0,
            3.0 * 3600.0,
            6.0 * 3600.0,
            12.0 * 3600.0,
            DAY,
            2.0 * DAY,
            7.0 * DAY,
            30.0 * DAY,
            365.0 * DAY,
        ]
        .into_iter()
        .find(|d| span / d <= 8.0)
        .unwrap_or_else(|| nice_step(span / (365.0 * DAY), 8.0) * 365.0 * DAY);
        let pattern = if tick >= 365.0 * DAY {
            "%Y-%m-%d"
        } else if tick >= DAY {
            "%m-%d"
        } else {
            "%m-%d %H:%M"
        };
        let first = (self.t0 / tick).ceil() * tick;
        for k in 0..tick_count(first, self.t1, tick, MAX_TIME_TICKS) {
            let tt = first + k as f64 * tick;
            let xx = self.x(tt);
            let label = chrono::DateTime::from_timestamp(tt as i64, 0)
                .map(|d| d.format(pattern).to_string())
                .unwrap_or_default();
            let _ = writeln!(
                s,
                r##"<line x1="{xx:.1}" x2="{xx:.1}" y1="{T}" y2="{:.1}" stroke="#f0f0f0"/><text x="{xx:.1}" y="{:.1}" text-anchor="middle" fill="#555">{}</text>"##,
                H - B,
                H - B + 16.0,
                escape(&label)
            );
        }
    }

    /// Metric bands, one rectangle per run of equal bands.
    fn bands(&self, c: &ReplicaCurve, s: &mut String) {
        let close = |s: &mut String, start: f64, end: f64, lo: i32, hi: i32| {
            let _ = writeln!(
                s,
                r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="#7fb3e6" fill-opacity="0.35" stroke="#4a86c5"/>"##,
                self.x(start),
                self.y(f64::from(hi)),
                (self.x(end) - self.x(start)).max(1.0),
                (self.y(f64::from(lo)) - self.y(f64::from(hi))).max(1.0)
            );
        };
        let mut run: Option<(f64, i32, i32)> = None;
        for (n, p) in c.points.iter().enumerate() {
            let end = c.points.get(n + 1).map_or(p.t, |q| q.t);
            let last = n + 1 == c.points.len();
            match (p.min.zip(p.max), run) {
                (Some((lo, hi)), Some((start, a, b))) if (lo, hi) == (a, b) => {
                    if last {
                        close(s, start, end, a, b);
                    }
                }
                (band, prev) => {
                    if let Some((start, a, b)) = prev {
                        close(s, start, p.t, a, b);
                    }
                    run = band.map(|(lo, hi)| (p.t, lo, hi));
                    if let (Some((start, lo, hi)), true) = (run, last) {
                        close(s, start, end, lo, hi);
                    }
                }
            }
        }
    }

    /// The replicas as a step line (a new segment after each metric window).
    fn step_line(&self, c: &ReplicaCurve, s: &mut String) {
        let mut path = String::new();
        let mut last: Option<i32> = None;
        for p in &c.points {
            match p.replicas {
                Some(r) => {
                    let (xx, yy) = (self.x(p.t), self.y(f64::from(r)));
                    match last {
                        None => {
                            let _ = write!(path, "M{xx:.1},{yy:.1}");
                        }
                        Some(l) if l != r => {
                            let _ = write!(path, "H{xx:.1}V{yy:.1}");
                        }
                        Some(_) => {}
                    }
                    last = Some(r);
                }
                None => {
                    if last.is_some() {
                        let _ = write!(path, "H{:.1}", self.x(p.t));
                    }
                    last = None;
                }
            }
        }
        if last.is_some() {
            let _ = write!(path, "H{:.1}", self.x(self.t1));
        }
        let _ = writeln!(
            s,
            r##"<path d="{path}" fill="none" stroke="#d9480f" stroke-width="2"/>"##
        );
    }

    /// A dashed line where a policy takes over (one per drawn position: takeovers closer
    /// than the printed precision share it) and its name where there is room.
    fn policy_marks(&self, c: &ReplicaCurve, s: &mut String) {
        let mut prev: Option<&str> = None;
        let mut last_label = f64::NEG_INFINITY;
        let mut last_line = String::new();
        for p in &c.points {
            let name = p.policy.as_deref();
            if name != prev
                && let Some(name) = name
            {
                let xx = self.x(p.t);
                let at = format!("{xx:.1}");
                if at != last_line {
                    let _ = writeln!(
                        s,
                        r##"<line x1="{at}" x2="{at}" y1="{T}" y2="{:.1}" stroke="#888" stroke-dasharray="2 3"/>"##,
                        H - B
                    );
                    last_line = at;
                }
                if xx - last_label > 70.0 {
                    let _ = writeln!(
                        s,
                        r##"<text x="{:.1}" y="{:.1}" fill="#333">{}</text>"##,
                        xx + 3.0,
                        T + 10.0,
                        escape(name)
                    );
                    last_label = xx;
                }
            }
            prev = name;
        }
    }
}

/// How many ticks `from`, `from + step`, … lie at or below `to`, at most `cap` (the loop
/// bound is computed, never found by stepping a float that may not move).
fn tick_count(from: f64, to: f64, step: f64, cap: usize) -> usize {
    let n = ((to - from) / step).floor();
    if n.is_finite() && n >= 0.0 {
        (n as usize).saturating_add(1).min(cap)
    } else {
        0
    }
}

/// A round step (1, 2, 5 × 10ⁿ) giving about `ticks` ticks up to `top`.
fn nice_step(top: f64, ticks: f64) -> f64 {
    let raw = (top / ticks).max(1.0);
    let mag = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(raw)
}

/// Text for SVG (XML) character data and attribute values: `&`, `<`, `>`, `"` and `'` as
/// entities. Every text taken from the curve is written through this one function.
pub(crate) fn escape(text: &str) -> Cow<'_, str> {
    let special = |c: char| matches!(c, '&' | '<' | '>' | '"' | '\'') || !xml_char(c);
    if !text.contains(special) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // A character XML 1.0 forbids would make the whole picture unreadable.
            c if !xml_char(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Whether XML 1.0 allows `c` in a document (its `Char` production).
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_the_five_xml_specials() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;"
        );
        assert!(matches!(escape("plain"), Cow::Borrowed("plain")));
        assert_eq!(escape("a\u{1}b\u{FFFE}\tc"), "a\u{FFFD}b\u{FFFD}\tc");
    }

    #[test]
    fn tick_counts_are_bounded_whatever_the_floats() {
        assert_eq!(tick_count(0.0, 10.0, 1.0, 16), 11);
        assert_eq!(tick_count(0.0, 1e300, 1.0, 16), 16);
        assert_eq!(tick_count(1e308, 1e308, 60.0, 16), 1);
        assert_eq!(tick_count(0.0, f64::NAN, 1.0, 16), 0);
        assert_eq!(tick_count(5.0, 1.0, 1.0, 16), 0);
        assert_eq!(tick_count(0.0, 1.0, 0.0, 16), 0);
    }
}

//! The day as an SVG chart ([`SimulationResult::to_svg`]): replicas per service, nodes
//! and pending pods, and the water level, in three panels over the run's time.
//!
//! The picture grows linearly with the samples (one point per sample and line, at most
//! [`MAX_LINES`] lines a panel); every text taken from the scenario (service and group
//! names, the scenario's name) goes through one escape.

use std::fmt::Write as _;

use super::report::SimulationResult;
use crate::scaling::svg::escape;

/// The most lines one panel draws (the rest are summed into `other`).
const MAX_LINES: usize = 8;

const W: f64 = 960.0;
const PANEL: f64 = 150.0;
const GAP: f64 = 44.0;
const L: f64 = 56.0;
const R: f64 = 180.0;
const TOP: f64 = 40.0;
const COLORS: [&str; 9] = [
    "#d9480f", "#1c7ed6", "#2b8a3e", "#ae3ec9", "#f08c00", "#0b7285", "#5c940d", "#c2255c",
    "#868e96",
];

impl SimulationResult {
    /// The chart of the run (960 pixels wide; times as hours since `start`).
    #[must_use]
    pub fn to_svg(&self) -> String {
        let s = &self.series;
        let span = s.span.max(s.t.last().copied().unwrap_or(0)).max(1);
        let h = TOP + 3.0 * (PANEL + GAP);
        let mut out = String::with_capacity(8192 + s.t.len() * 64);
        let title = self.name.as_deref().unwrap_or("simulation");
        let _ = write!(
            out,
            r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {h}" width="{W}" height="{h}" font-family="sans-serif" font-size="11">
<rect width="{W}" height="{h}" fill="#ffffff"/>
<text x="{L}" y="20" font-size="13" font-weight="bold">{}: the day in virtual time (hours since start)</text>
"##,
            escape(title)
        );
        let as_f = |v: &Vec<u32>| v.iter().map(|x| f64::from(*x)).collect::<Vec<f64>>();
        let replicas: Vec<(String, Vec<f64>)> = top_lines(
            s.replicas
                .iter()
                .map(|(k, v)| (k.clone(), as_f(v)))
                .collect(),
            s.t.len(),
        );
        let mut nodes: Vec<(String, Vec<f64>)> = top_lines(
            s.nodes
                .iter()
                .map(|(k, v)| (format!("nodes {k}"), as_f(v)))
                .collect(),
            s.t.len(),
        );
        nodes.push(("pending pods".into(), as_f(&s.pending)));
        let water = vec![
            ("cpu requested %".to_owned(), s.cpu_percent.clone()),
            ("memory requested %".to_owned(), s.memory_percent.clone()),
            ("slot reserve cpu %".to_owned(), s.reserve_percent.clone()),
        ];
        let mut water = water;
        if !s.water_level.is_empty() {
            water.push(("water level (managed) %".to_owned(), s.water_level.clone()));
        }
        let panels = [
            ("Replicas per app service", replicas),
            ("Nodes per group, and pods waiting for a node", nodes),
            ("Water level: requests over allocatable", water),
        ];
        for (i, (name, lines)) in panels.iter().enumerate() {
            let top = TOP + i as f64 * (PANEL + GAP);
            panel(&mut out, top, name, lines, &s.t, span);
        }
        out.push_str("</svg>\n");
        out
    }
}

/// The `MAX_LINES - 1` largest lines, the rest summed as `other`.
fn top_lines(mut lines: Vec<(String, Vec<f64>)>, n: usize) -> Vec<(String, Vec<f64>)> {
    if lines.len() <= MAX_LINES {
        return lines;
    }
    lines.sort_by(|a, b| {
        let peak = |v: &Vec<f64>| v.iter().copied().fold(0.0, f64::max);
        peak(&b.1).total_cmp(&peak(&a.1)).then(a.0.cmp(&b.0))
    });
    let rest = lines.split_off(MAX_LINES - 1);
    let mut other = vec![0.0; n];
    for (_, v) in rest {
        for (o, x) in other.iter_mut().zip(v) {
            *o += x;
        }
    }
    lines.push(("other".into(), other));
    lines
}

fn panel(
    out: &mut String,
    top: f64,
    name: &str,
    lines: &[(String, Vec<f64>)],
    t: &[u32],
    span: u32,
) {
    let peak = lines
        .iter()
        .flat_map(|(_, v)| v.iter().copied())
        .fold(1.0, f64::max);
    let ymax = nice(peak);
    let (x0, x1) = (L, W - R);
    let x = |s: u32| x0 + (x1 - x0) * f64::from(s) / f64::from(span);
    let y = |v: f64| top + PANEL - PANEL * (v / ymax).clamp(0.0, 1.0);
    let _ = writeln!(
        out,
        r##"<text x="{L}" y="{:.1}" font-weight="bold">{}</text>
<rect x="{x0}" y="{top:.1}" width="{:.1}" height="{PANEL}" fill="none" stroke="#ccc"/>"##,
        top - 6.0,
        escape(name),
        x1 - x0
    );
    for k in 0..=4 {
        let v = ymax * f64::from(k) / 4.0;
        let yy = y(v);
        let _ = writeln!(
            out,
            r##"<line x1="{x0}" x2="{x1}" y1="{yy:.1}" y2="{yy:.1}" stroke="#eee"/><text x="{:.1}" y="{:.1}" text-anchor="end" fill="#666">{}</text>"##,
            x0 - 4.0,
            yy + 4.0,
            trim(v)
        );
    }
    let hours = span / 3600;
    let every = (hours / 12).max(1);
    for hh in (0..=hours).step_by(every as usize) {
        let xx = x(hh.saturating_mul(3600));
        let _ = writeln!(
            out,
            r##"<text x="{xx:.1}" y="{:.1}" text-anchor="middle" fill="#666">{hh}h</text>"##,
            top + PANEL + 14.0
        );
    }
    for (i, (label, values)) in lines.iter().enumerate() {
        let color = COLORS.get(i).copied().unwrap_or("#868e96");
        let mut pts = String::with_capacity(values.len() * 24);
        let mut prev: Option<f64> = None;
        for (s, v) in t.iter().zip(values) {
            if let Some(p) = prev {
                let _ = write!(pts, "{:.1},{:.1} ", x(*s), y(p));
            }
            let _ = write!(pts, "{:.1},{:.1} ", x(*s), y(*v));
            prev = Some(*v);
        }
        if let Some(p) = prev {
            let _ = write!(pts, "{x1:.1},{:.1}", y(p));
        }
        let ly = top + 12.0 + 14.0 * i as f64;
        let _ = writeln!(
            out,
            r##"<polyline fill="none" stroke="{color}" stroke-width="1.5" points="{}"/>
<line x1="{:.1}" x2="{:.1}" y1="{:.1}" y2="{:.1}" stroke="{color}" stroke-width="2"/><text x="{:.1}" y="{ly:.1}">{}</text>"##,
            pts.trim_end(),
            x1 + 8.0,
            x1 + 24.0,
            ly - 4.0,
            ly - 4.0,
            x1 + 28.0,
            escape(label)
        );
    }
}

/// A round top for an axis: 1, 2 or 5 × 10ⁿ at or above `v`.
fn nice(v: f64) -> f64 {
    let mag = 10f64.powf(v.max(1.0).log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|s| *s >= v)
        .unwrap_or(v)
}

fn trim(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_the_xml_specials() {
        assert_eq!(
            escape("<a & 'b'>\"\u{1}"),
            "&lt;a &amp; &apos;b&apos;&gt;&quot;\u{FFFD}"
        );
        assert_eq!(escape("plain"), "plain");
    }
}

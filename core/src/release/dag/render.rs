//! The DAG drawn as text: Graphviz DOT and Mermaid, every name escaped for its language.

use std::fmt::Write as _;

use super::{DagDrawing, DagInput, build};
use crate::error::Result;

/// A DOT quoted ID: `"` and `\` behind a backslash, a newline as `\n` (a line break in
/// a label), a carriage return as `\r`; other control characters (which [`build`]
/// refuses) become U+FFFD. The text never holds a raw line break or an unescaped quote,
/// so a name cannot end the string or the statement.
fn dot_id(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A Mermaid node label in double quotes. Mermaid has no backslash escapes; it decodes
/// entity codes (`#quot;`, `#35;`) in labels. So `"` becomes `#quot;`, and `#` (else a
/// name could spell an entity), `&`, `<`, `>` (HTML labels) and `` ` `` (markdown
/// strings) become their decimal codes, as do control characters and line separators:
/// the label stays on its line and inside its quotes.
fn mermaid_label(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            // `%` `{` `}` too: Mermaid reads `%%{...}%%` as a directive wherever it stands.
            '#' | '&' | '<' | '>' | '`' | '%' | '{' | '}' => {
                let _ = write!(out, "#{};", u32::from(c));
            }
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "#{};", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// DOT and Mermaid text of the order's DAG (dependencies point to their dependents), in
/// topological order. Names are escaped for each language (see `dot_id` and
/// `mermaid_label`); Mermaid node ids are generated (`n` and the service's position in
/// the input), never names.
///
/// # Errors
///
/// As [`analyze_dag`](super::analyze_dag).
pub fn render_dag(input: &DagInput) -> Result<DagDrawing> {
    let g = build(input)?;
    let order = g.topological()?;
    let ids: Vec<String> = g.names.iter().map(|n| dot_id(n)).collect();
    let id = |u: u32| ids.get(u as usize).map_or("\"\"", String::as_str);
    let mut dot = String::from("digraph release {\n  rankdir=LR;\n");
    let mut mermaid = String::from("flowchart LR\n");
    for &u in &order {
        let _ = writeln!(dot, "  {};", id(u));
        let _ = writeln!(mermaid, "  n{u}[{}]", mermaid_label(g.name(u)));
    }
    let mut ds: Vec<u32> = Vec::new();
    for &u in &order {
        ds.clear();
        ds.extend_from_slice(g.deps.of(u));
        ds.sort_by(|a, b| g.name(*a).cmp(g.name(*b)));
        for &d in &ds {
            let _ = writeln!(dot, "  {} -> {};", id(d), id(u));
            let _ = writeln!(mermaid, "  n{d} --> n{u}");
        }
    }
    dot.push_str("}\n");
    Ok(DagDrawing { dot, mermaid })
}

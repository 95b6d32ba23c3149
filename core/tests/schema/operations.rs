//! What is generated from the table of operations (`weir::for_each_operation!`):
//! `core/schema/operations.json` (read by the Python and Node vector runners) and the
//! function parts of the bindings' stubs and re-exports, each between the marker lines
//! `<generated: NAME>` and `</generated>` of a hand-written file (what lies outside the
//! markers stays hand-written: the classes, the errors).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use schemars::{JsonSchema, SchemaGenerator, generate::SchemaSettings};
use serde_json::{Value, json};

use super::{Lang, check_file, expr, ref_name};

/// One row of the table.
struct Op {
    name: &'static str,
    /// The doc text, as the bindings' docstring: one line per `///` line.
    doc: String,
    input: Value,
    output: Value,
}

impl Op {
    /// Node's name (napi's camelCase of the Rust name).
    fn js_name(&self) -> String {
        let mut out = String::new();
        let mut up = false;
        for c in self.name.chars() {
            if c == '_' {
                up = true;
            } else if up {
                out.extend(c.to_uppercase());
                up = false;
            } else {
                out.push(c);
            }
        }
        out
    }
}

fn doc(lines: &[&str]) -> String {
    lines
        .iter()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The schema of a type as an operation's argument or result sees it: a `$ref` to a named
/// type, or the inline schema of a `Vec`, a map, `()` or `String`.
fn sub<T: JsonSchema>(g: &mut SchemaGenerator) -> Value {
    serde_json::to_value(g.subschema_for::<T>()).unwrap()
}

macro_rules! table {
    ($($(#[doc = $doc:literal])* $name:ident($input:ty) -> $output:ty = $call:path;)*) => {
        fn table() -> Vec<Op> {
            let mut g = SchemaSettings::draft2020_12().into_generator();
            vec![$(Op {
                name: stringify!($name),
                doc: doc(&[$($doc),*]),
                input: sub::<$input>(&mut g),
                output: sub::<$output>(&mut g),
            }),*]
        }
    };
}

weir::for_each_operation!(table);

/// `v` with every `$ref` pointing at the named type's file in `core/schema/`.
fn file_refs(v: &Value, refs: &mut BTreeSet<String>) -> Value {
    match v {
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, x)| {
                    if k == "$ref" {
                        let name = ref_name(v).unwrap().to_owned();
                        let file = format!("{name}.json");
                        refs.insert(name);
                        (k.clone(), Value::from(file))
                    } else {
                        (k.clone(), file_refs(x, refs))
                    }
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(|x| file_refs(x, refs)).collect()),
        other => other.clone(),
    }
}

/// `core/schema/operations.json`: every operation's name, Node name, argument and result
/// schema (`$ref`s to the files beside it) and doc text.
fn operations_json(ops: &[Op], types: &BTreeSet<String>, problems: &mut Vec<String>) -> String {
    let mut rows = Vec::new();
    for op in ops {
        let mut refs = BTreeSet::new();
        let input = file_refs(&op.input, &mut refs);
        let output = file_refs(&op.output, &mut refs);
        for r in refs.difference(types) {
            problems.push(format!(
                "{}: type {r} has no file in core/schema (add it to weir::schema::all)",
                op.name
            ));
        }
        rows.push(json!({
            "name": op.name,
            "jsName": op.js_name(),
            "input": input,
            "output": output,
            "doc": op.doc,
        }));
    }
    let doc = json!({
        "description": "The stateless operations of weir (generated from `weir::for_each_operation!` by `WEIR_BLESS=1 cargo test -p weir --test schema`; do not edit).",
        "operations": rows,
    });
    serde_json::to_string_pretty(&doc).unwrap() + "\n"
}

/// A type expression for a stub: the schema code generator's, with plain names.
fn type_expr(v: &Value, lang: Lang) -> String {
    expr(v, lang).replace('"', "")
}

/// The names imported unaliased from `./types` (`weir.types`) outside the generated
/// blocks, so that the generated import does not import them a second time (TypeScript
/// refuses a duplicate identifier).
fn hand_imports(text: &str, lang: Lang) -> BTreeSet<String> {
    let (start, close) = match lang {
        Lang::Py => ("from weir.types import ", ')'),
        Lang::Ts => ("import type {", '}'),
    };
    let mut out = BTreeSet::new();
    for (at, _) in text.match_indices(start) {
        let rest = &text[at + start.len()..];
        let list = if rest.starts_with('(') || lang == Lang::Ts {
            &rest[..rest.find(close).unwrap()]
        } else {
            &rest[..rest.find('\n').unwrap_or(rest.len())]
        };
        for item in list.split([',', '\n', '(']) {
            let item = item.trim();
            if !item.is_empty() && !item.contains(" as ") {
                out.insert(item.to_owned());
            }
        }
    }
    out
}

/// Replace the lines between `<generated: NAME>` and the next `</generated>` with `body`.
fn fill(text: &str, name: &str, body: &str, path: &Path) -> String {
    let open = format!("<generated: {name}>");
    let start = text
        .find(&open)
        .unwrap_or_else(|| panic!("{}: no `{open}` marker", path.display()));
    let start = start + text[start..].find('\n').unwrap() + 1;
    let end = start
        + text[start..]
            .find("</generated>")
            .unwrap_or_else(|| panic!("{}: `{open}` is not closed", path.display()));
    let end = text[..end].rfind('\n').map_or(start, |n| n + 1);
    format!("{}{body}{}", &text[..start], &text[end..])
}

/// `text` without its generated blocks (what is hand-written).
fn hand_written(text: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for line in text.lines() {
        if line.contains("<generated: ") {
            inside = true;
        } else if line.contains("</generated>") {
            inside = false;
        } else if !inside {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn used_types(ops: &[Op]) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    for op in ops {
        file_refs(&op.input, &mut used);
        file_refs(&op.output, &mut used);
    }
    used
}

fn pyi(text: &str, ops: &[Op], path: &Path) -> String {
    let hand = hand_imports(&hand_written(text), Lang::Py);
    let mut imports = String::new();
    let missing: Vec<String> = used_types(ops).difference(&hand).cloned().collect();
    if !missing.is_empty() {
        imports.push_str("from weir.types import (\n");
        for n in missing {
            writeln!(imports, "    {n},").unwrap();
        }
        imports.push_str(")\n");
    }
    let mut defs = String::new();
    for op in ops {
        if !defs.is_empty() {
            defs.push('\n');
        }
        let doc = op.doc.replace('\\', "\\\\").replace("\n", "\n    ");
        writeln!(
            defs,
            "def {}(input: {}) -> {}:\n    \"\"\"{doc}\"\"\"",
            op.name,
            type_expr(&op.input, Lang::Py),
            type_expr(&op.output, Lang::Py)
        )
        .unwrap();
    }
    let text = fill(text, "operation types", &imports, path);
    fill(&text, "operations", &defs, path)
}

fn init_py(text: &str, ops: &[Op], path: &Path) -> String {
    let mut imports = String::from("from weir._weir import (\n");
    let mut all = String::new();
    let sorted: BTreeMap<&str, &Op> = ops.iter().map(|o| (o.name, o)).collect();
    for name in sorted.keys() {
        writeln!(imports, "    {name},").unwrap();
        writeln!(all, "    \"{name}\",").unwrap();
    }
    imports.push_str(")\n");
    let text = fill(text, "operations", &imports, path);
    fill(&text, "operation names", &all, path)
}

fn index_d_ts(text: &str, ops: &[Op], path: &Path) -> String {
    let hand = hand_imports(&hand_written(text), Lang::Ts);
    let mut imports = String::new();
    let missing: Vec<String> = used_types(ops).difference(&hand).cloned().collect();
    if !missing.is_empty() {
        imports.push_str("import type {\n");
        for n in missing {
            writeln!(imports, "  {n},").unwrap();
        }
        imports.push_str("} from './types';\n");
    }
    let mut decls = String::new();
    for op in ops {
        assert!(!op.doc.contains("*/"), "{}: `*/` in its doc", op.name);
        let lines: Vec<&str> = op.doc.lines().collect();
        if lines.len() == 1 {
            writeln!(decls, "/** {} */", lines[0]).unwrap();
        } else {
            writeln!(decls, "/**\n * {}\n */", lines.join("\n * ")).unwrap();
        }
        writeln!(
            decls,
            "export declare function {}(input: {}): {};",
            op.js_name(),
            type_expr(&op.input, Lang::Ts),
            type_expr(&op.output, Lang::Ts)
        )
        .unwrap();
    }
    let text = fill(text, "operation types", &imports, path);
    fill(&text, "operations", &decls, path)
}

fn index_js(text: &str, ops: &[Op], path: &Path) -> String {
    let mut exports = String::new();
    for op in ops {
        let js = op.js_name();
        writeln!(exports, "  {js}: wrap(native.{js}),").unwrap();
    }
    fill(text, "operations", &exports, path)
}

/// A generator of one hand-written file's generated blocks: (its text, the table, its path)
/// → the text with the blocks filled.
type Generator = fn(&str, &[Op], &Path) -> String;

/// Check (or, blessing, rewrite) everything generated from the table; `types` are the
/// names that have a schema file.
pub fn check(root: &Path, types: &BTreeSet<String>, stale: &mut Vec<String>) {
    let ops = table();
    let mut problems = Vec::new();
    let json = operations_json(&ops, types, &mut problems);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    check_file(&root.join("core/schema/operations.json"), &json, stale);
    let stubs: [(&str, Generator); 4] = [
        ("bindings-python/python/weir/_weir.pyi", pyi),
        ("bindings-python/python/weir/__init__.py", init_py),
        ("bindings-node/index.d.ts", index_d_ts),
        ("bindings-node/index.js", index_js),
    ];
    for (file, generate) in stubs {
        let path = root.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        check_file(&path, &generate(&text, &ops, &path), stale);
    }
}

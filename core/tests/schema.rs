//! One source of types: the JSON Schema of every wire type is generated from the Rust types
//! (`weir::schema::all`), and the Python `TypedDict`s and TypeScript interfaces of the
//! bindings are generated from those schemas. These tests fail when a committed file is
//! stale; run `WEIR_BLESS=1 cargo test -p weir --test schema` to rewrite them.
//!
//! The table of operations (`weir::for_each_operation!`) is generated the same way into
//! `core/schema/operations.json` and the function parts of the stubs (see `operations`).
//!
//! They also enforce the wire rules of STYLE.md on every schema: camelCase field names,
//! no 64-bit integers, enums either plain strings or internally tagged by `type`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

#[path = "schema/operations.rs"]
mod operations;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn schemas() -> Vec<(String, Value)> {
    weir::schema::all()
        .into_iter()
        .map(|(n, s)| (n, serde_json::to_value(s).unwrap()))
        .collect()
}

/// Compare `content` with the committed file, or write it when blessing.
fn check_file(path: &Path, content: &str, stale: &mut Vec<String>) {
    let current = std::fs::read_to_string(path).unwrap_or_default();
    if current == content {
        return;
    }
    if std::env::var_os("WEIR_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    } else {
        stale.push(path.display().to_string());
    }
}

#[test]
fn generated_files_are_fresh() {
    let root = repo();
    let all = schemas();
    let mut stale = Vec::new();
    let mut names = Vec::new();
    for (name, schema) in &all {
        let text = serde_json::to_string_pretty(schema).unwrap() + "\n";
        check_file(
            &root.join(format!("core/schema/{name}.json")),
            &text,
            &mut stale,
        );
        names.push(format!("{name}.json"));
    }
    // No schema file without a type behind it (but the table of operations).
    for entry in std::fs::read_dir(root.join("core/schema")).unwrap() {
        let file = entry.unwrap().file_name().into_string().unwrap();
        if !names.contains(&file) && file != "operations.json" {
            if std::env::var_os("WEIR_BLESS").is_some() {
                std::fs::remove_file(root.join("core/schema").join(&file)).unwrap();
            } else {
                stale.push(format!("core/schema/{file} (no such type)"));
            }
        }
    }
    let defs = definitions(&all);
    check_file(
        &root.join("bindings-python/python/weir/types.py"),
        &python(&defs),
        &mut stale,
    );
    check_file(
        &root.join("bindings-node/types.d.ts"),
        &typescript(&defs),
        &mut stale,
    );
    let types = all.iter().map(|(n, _)| n.clone()).collect();
    operations::check(&root, &types, &mut stale);
    assert!(
        stale.is_empty(),
        "stale generated files (run `WEIR_BLESS=1 cargo test -p weir --test schema`):\n{}",
        stale.join("\n")
    );
}

/// Every named type: the roots and their `$defs`, merged by name.
fn definitions(all: &[(String, Value)]) -> BTreeMap<String, Value> {
    let mut defs = BTreeMap::new();
    for (name, schema) in all {
        let mut root = schema.as_object().unwrap().clone();
        if let Some(Value::Object(d)) = root.remove("$defs") {
            for (k, v) in d {
                if let Some(old) = defs.insert(k.clone(), v.clone()) {
                    assert_eq!(old, v, "two different types are both named {k}");
                }
            }
        }
        root.remove("$schema");
        root.remove("title");
        defs.insert(name.clone(), Value::Object(root));
    }
    defs
}

// ---------------------------------------------------------------------------------------
// Wire rules

fn walk(v: &Value, path: &str, problems: &mut Vec<String>) {
    let Some(o) = v.as_object() else { return };
    if let Some(f) = o.get("format").and_then(Value::as_str)
        && !matches!(
            f,
            "int32" | "uint32" | "int16" | "uint16" | "int8" | "uint8" | "double" | "float"
        )
    {
        problems.push(format!(
            "{path}: format `{f}` (no 64-bit integers on the wire)"
        ));
    }
    if let Some(Value::Object(props)) = o.get("properties") {
        for (k, p) in props {
            let camel = k.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                && k.chars().all(|c| c.is_ascii_alphanumeric());
            if !camel {
                problems.push(format!("{path}.{k}: field names are camelCase"));
            }
            walk(p, &format!("{path}.{k}"), problems);
        }
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(Value::Array(branches)) = o.get(key) {
            let nullable = key == "anyOf"
                && branches.len() == 2
                && branches.iter().any(|b| b["type"] == "null");
            let strings = branches
                .iter()
                .all(|b| b["type"] == "string" && b.get("const").is_some());
            let tagged = branches.iter().all(|b| {
                b["properties"]["type"]["const"].is_string()
                    && b["required"]
                        .as_array()
                        .is_some_and(|r| r.contains(&Value::from("type")))
            });
            if !(nullable || strings || tagged) {
                problems.push(format!("{path}: `{key}` must be an Option, a string enum or tagged by `type` (no untagged enums)"));
            }
            for (i, b) in branches.iter().enumerate() {
                walk(b, &format!("{path}.{key}[{i}]"), problems);
            }
        }
    }
    for key in ["items", "additionalProperties"] {
        if let Some(x) = o.get(key) {
            walk(x, &format!("{path}.{key}"), problems);
        }
    }
    if o.contains_key("allOf") {
        problems.push(format!("{path}: `allOf` (serde flatten) is not allowed"));
    }
}

#[test]
fn wire_rules_hold_for_every_type() {
    let mut problems = Vec::new();
    for (name, def) in definitions(&schemas()) {
        walk(&def, &name, &mut problems);
    }
    assert!(
        problems.is_empty(),
        "wire rule violations:\n{}",
        problems.join("\n")
    );
}

// ---------------------------------------------------------------------------------------
// Code generation

const PY_KEYWORDS: [&str; 35] = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

#[derive(Clone, Copy, PartialEq)]
enum Lang {
    Py,
    Ts,
}

fn ref_name(v: &Value) -> Option<&str> {
    v.get("$ref")?.as_str()?.rsplit('/').next()
}

fn pascal(s: &str) -> String {
    let mut out = String::new();
    let mut up = true;
    for c in s.chars() {
        if c == '_' || c == '-' {
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

fn scalar(t: &str, lang: Lang) -> &'static str {
    match (t, lang) {
        ("string", Lang::Py) => "str",
        ("integer", Lang::Py) => "int",
        ("number", Lang::Py) => "float",
        ("boolean", Lang::Py) => "bool",
        ("null", Lang::Py) => "None",
        ("string", Lang::Ts) => "string",
        ("integer" | "number", Lang::Ts) => "number",
        ("boolean", Lang::Ts) => "boolean",
        ("null", Lang::Ts) => "null",
        _ => panic!("unsupported schema type {t}"),
    }
}

fn union(parts: Vec<String>, lang: Lang) -> String {
    match lang {
        Lang::Py => format!("Union[{}]", parts.join(", ")),
        Lang::Ts => parts.join(" | "),
    }
}

fn literal(values: &[&str], lang: Lang) -> String {
    match lang {
        Lang::Py => format!(
            "Literal[{}]",
            values
                .iter()
                .map(|v| format!("{v:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Lang::Ts => values
            .iter()
            .map(|v| format!("{v:?}"))
            .collect::<Vec<_>>()
            .join(" | "),
    }
}

/// The type expression of an anonymous schema.
fn expr(v: &Value, lang: Lang) -> String {
    if let Some(r) = ref_name(v) {
        return if lang == Lang::Py {
            format!("\"{r}\"")
        } else {
            r.to_owned()
        };
    }
    if let Some(c) = v.get("const").and_then(Value::as_str) {
        return literal(&[c], lang);
    }
    if let Some(Value::Array(vals)) = v.get("enum") {
        let vals: Vec<&str> = vals.iter().filter_map(Value::as_str).collect();
        return literal(&vals, lang);
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(Value::Array(bs)) = v.get(key) {
            let consts: Option<Vec<&str>> = bs
                .iter()
                .map(|b| b.get("const").and_then(Value::as_str))
                .collect();
            if let Some(consts) = consts {
                return literal(&consts, lang);
            }
            return union(bs.iter().map(|b| expr(b, lang)).collect(), lang);
        }
    }
    match &v["type"] {
        Value::Array(ts) => union(
            ts.iter()
                .map(|t| match t.as_str().unwrap() {
                    // `Option<Vec<T>>` is `{"type": ["array", "null"], "items": ...}`.
                    kind @ ("array" | "object") => {
                        let mut one = v.clone();
                        one["type"] = Value::from(kind);
                        expr(&one, lang)
                    }
                    other => scalar(other, lang).to_owned(),
                })
                .collect(),
            lang,
        ),
        Value::String(t) if t == "array" => {
            let item = expr(&v["items"], lang);
            if lang == Lang::Py {
                format!("List[{item}]")
            } else if item.contains(' ') {
                format!("Array<{item}>")
            } else {
                format!("{item}[]")
            }
        }
        Value::String(t) if t == "object" => {
            let value = v.get("additionalProperties").map_or_else(
                || {
                    if lang == Lang::Py {
                        "Any".to_owned()
                    } else {
                        "unknown".to_owned()
                    }
                },
                |a| expr(a, lang),
            );
            if lang == Lang::Py {
                format!("Dict[str, {value}]")
            } else {
                format!("Record<string, {value}>")
            }
        }
        Value::String(t) => scalar(t, lang).to_owned(),
        _ => {
            if lang == Lang::Py {
                "Any".to_owned()
            } else {
                "unknown".to_owned()
            }
        }
    }
}

fn doc_lines(v: &Value) -> Vec<String> {
    v.get("description")
        .and_then(Value::as_str)
        .map(|d| d.lines().map(str::to_owned).collect())
        .unwrap_or_default()
}

/// Emit one object type (a TypedDict / interface).
fn object(name: &str, v: &Map<String, Value>, lang: Lang, out: &mut String) {
    let required: Vec<&str> = v
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let doc = doc_lines(&Value::Object(v.clone()));
    let empty = Map::new();
    let props = v
        .get("properties")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    match lang {
        Lang::Py if props.keys().any(|k| PY_KEYWORDS.contains(&k.as_str())) => {
            // A key that is a Python keyword (`from`) needs the functional form; the types
            // are strings, so nothing is evaluated at import time.
            writeln!(out, "\n\n{name} = TypedDict(\"{name}\", {{").unwrap();
            for (k, p) in props {
                let t = expr(p, lang).replace('"', "");
                let t = if required.contains(&k.as_str()) {
                    t
                } else {
                    format!("NotRequired[{t}]")
                };
                writeln!(out, "    \"{k}\": \"{t}\",").unwrap();
            }
            writeln!(out, "}})").unwrap();
            if !doc.is_empty() {
                writeln!(out, "\"\"\"{}\"\"\"", doc.join("\n").replace('\\', "\\\\")).unwrap();
            }
        }
        Lang::Py => {
            writeln!(out, "\n\nclass {name}(TypedDict):").unwrap();
            if !doc.is_empty() {
                writeln!(
                    out,
                    "    \"\"\"{}\"\"\"",
                    doc.join("\n    ").replace('\\', "\\\\")
                )
                .unwrap();
            }
            if props.is_empty() && doc.is_empty() {
                writeln!(out, "    pass").unwrap();
            }
            for (k, p) in props {
                let t = expr(p, lang);
                let t = if required.contains(&k.as_str()) {
                    t
                } else {
                    format!("NotRequired[{t}]")
                };
                for line in doc_lines(p) {
                    writeln!(out, "    #: {line}").unwrap();
                }
                writeln!(out, "    {k}: {t}").unwrap();
            }
        }
        Lang::Ts => {
            writeln!(out).unwrap();
            if !doc.is_empty() {
                writeln!(out, "/** {} */", doc.join("\n * ")).unwrap();
            }
            writeln!(out, "export interface {name} {{").unwrap();
            for (k, p) in props {
                let d = doc_lines(p);
                if !d.is_empty() {
                    writeln!(out, "  /** {} */", d.join(" ")).unwrap();
                }
                let opt = if required.contains(&k.as_str()) {
                    ""
                } else {
                    "?"
                };
                writeln!(out, "  {k}{opt}: {};", expr(p, lang)).unwrap();
            }
            writeln!(out, "}}").unwrap();
        }
    }
}

fn alias(name: &str, doc: &[String], rhs: &str, lang: Lang, out: &mut String) {
    match lang {
        Lang::Py => {
            writeln!(out, "\n{name} = {rhs}").unwrap();
            if !doc.is_empty() {
                writeln!(out, "\"\"\"{}\"\"\"", doc.join("\n").replace('\\', "\\\\")).unwrap();
            }
        }
        Lang::Ts => {
            writeln!(out).unwrap();
            if !doc.is_empty() {
                writeln!(out, "/** {} */", doc.join("\n * ")).unwrap();
            }
            writeln!(out, "export type {name} = {rhs};").unwrap();
        }
    }
}

fn generate(defs: &BTreeMap<String, Value>, lang: Lang) -> String {
    let mut objects = String::new();
    let mut aliases = String::new();
    for (name, def) in defs {
        let o = def.as_object().unwrap();
        let doc = doc_lines(def);
        if let Some(Value::Array(branches)) = o.get("oneOf")
            && branches
                .iter()
                .all(|b| b["properties"]["type"]["const"].is_string())
        {
            // A tagged enum: one object type per variant, and their union.
            let mut names = Vec::new();
            for b in branches {
                let variant = format!(
                    "{name}{}",
                    pascal(b["properties"]["type"]["const"].as_str().unwrap())
                );
                object(&variant, b.as_object().unwrap(), lang, &mut objects);
                names.push(if lang == Lang::Py {
                    format!("\"{variant}\"")
                } else {
                    variant
                });
            }
            alias(name, &doc, &union(names, lang), lang, &mut aliases);
        } else if o.get("type") == Some(&Value::from("object")) && o.contains_key("properties") {
            object(name, o, lang, &mut objects);
        } else {
            alias(name, &doc, &expr(def, lang), lang, &mut aliases);
        }
    }
    let header = "Generated from core/schema/*.json by `WEIR_BLESS=1 cargo test -p weir --test schema`. Do not edit.";
    match lang {
        Lang::Py => format!(
            "\"\"\"Data types of weir, as TypedDicts (camelCase keys, as on the wire).\n\n{header}\n\"\"\"\n\nfrom __future__ import annotations\n\nimport sys\nfrom typing import TYPE_CHECKING, Any, Dict, List, Literal, TypedDict, Union\n\nif TYPE_CHECKING:\n    if sys.version_info >= (3, 11):\n        from typing import NotRequired\n    else:\n        from typing_extensions import NotRequired\n{objects}\n{aliases}"
        ),
        Lang::Ts => format!(
            "// Data types of weir (camelCase keys, as on the wire).\n// {header}\n{objects}{aliases}"
        ),
    }
}

fn python(defs: &BTreeMap<String, Value>) -> String {
    generate(defs, Lang::Py)
}

fn typescript(defs: &BTreeMap<String, Value>) -> String {
    generate(defs, Lang::Ts)
}

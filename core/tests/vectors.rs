//! Runs the shared vectors (`tests/vectors/**/*.json`) against the Rust API: the same files
//! the Python and Node runners execute. Results compare by value — `expect` holds what the
//! result must contain (objects may carry more keys, such as a warning's message; arrays
//! match element by element); errors compare by `code` and by the details the case names,
//! never by message text. An unknown `op` fails.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// A step's `now` as the bindings read it: text, then an RFC 3339 instant (`validation`
/// at `now` otherwise).
fn timestamp(v: &Value) -> weir::Result<weir::time::Timestamp> {
    let text: String = input(v)?;
    text.parse()
}

/// Deserialize an op's input as the bindings do: a shape error is `invalid_input`.
fn input<T: DeserializeOwned>(v: &Value) -> weir::Result<T> {
    weir::error::from_json_str(&v.to_string())
}

fn out<T: serde::Serialize>(r: weir::Result<T>) -> weir::Result<Value> {
    r.map(|v| serde_json::to_value(v).unwrap())
}

/// The ops this runner knows; the skip list is empty (every op runs everywhere). The plain
/// operations come from the table (`weir::for_each_operation!`); the ones whose case input
/// is not the operation's input, and the transcripts of the stateful engines, are here.
fn run(op: &str, i: &Value) -> Option<weir::Result<Value>> {
    Some(match op {
        "parse_quantity" => (|| {
            let q: weir::RawQuantity = input(i.get("quantity").unwrap_or(&Value::Null))?;
            out(weir::parse_quantity(&q))
        })(),
        "validate_labels" => (|| {
            let l: weir::LabelsInput = input(i)?;
            out(weir::validate_labels(&l.labels))
        })(),
        "version_history" => version_history(i),
        "release_engine" => release_engine(i),
        "release_guard" => release_guard(i),
        "hpa" => hpa(i),
        "scheduler" => scheduler(i),
        "autoscaler" => autoscaler(i),
        _ => return operation(op, i),
    })
}

/// A plain operation of the table: the case's input is the operation's input.
macro_rules! operations {
    ($($(#[doc = $doc:literal])* $name:ident($input:ty) -> $output:ty = $call:path;)*) => {
        fn operation(op: &str, i: &Value) -> Option<weir::Result<Value>> {
            Some(match op {
                $(stringify!($name) => (|| {
                    let parsed: $input = input(i)?;
                    out::<$output>($call(&parsed))
                })(),)*
                _ => return None,
            })
        }
    };
}

weir::for_each_operation!(operations);

/// `expected` is a subset of `actual`: every key of an expected object is in the actual one
/// with a matching value; arrays match element by element and have the same length.
fn subset(expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => e.iter().all(|(k, v)| {
            a.get(k).is_some_and(|x| subset(v, x)) || (v.is_null() && !a.contains_key(k))
        }),
        (Value::Array(e), Value::Array(a)) => {
            e.len() == a.len() && e.iter().zip(a).all(|(x, y)| subset(x, y))
        }
        _ => expected == actual,
    }
}

/// Run a transcript: each step's result must contain its `expect`, or the step must fail
/// with its `error` and leave the snapshot unchanged; after every step the engine continues
/// from its snapshot (serialized and read back).
fn transcript<E>(
    mut engine: E,
    steps: &Value,
    mut call: impl FnMut(&mut E, &Value) -> weir::Result<Value>,
) -> E
where
    E: Snap,
{
    for (n, step) in steps.as_array().unwrap().iter().enumerate() {
        let before = engine.snap();
        let result = if step.get("poll").is_some() {
            Ok(engine.poll())
        } else {
            call(&mut engine, step)
        };
        match (result, step.get("error")) {
            (Ok(got), None) => {
                if let Some(want) = step.get("expect") {
                    assert!(subset(want, &got), "step {n}: expected {want}, got {got}");
                }
            }
            (Err(e), Some(want)) => {
                if let Err(msg) = check_error(&e, want) {
                    panic!("step {n}: {msg}");
                }
                assert_eq!(
                    engine.snap(),
                    before,
                    "step {n}: a refused step changed the state"
                );
            }
            (Ok(got), Some(want)) => panic!("step {n}: expected error {want}, got {got}"),
            (Err(e), None) => panic!("step {n}: unexpected error {e}"),
        }
        engine = E::back(engine.snap());
    }
    engine
}

/// A machine's snapshot as JSON, the machine restored from it, and its next timer.
trait Snap: Sized {
    fn snap(&self) -> Value;
    fn back(v: Value) -> Self;
    fn poll(&self) -> Value;
}

impl<M> Snap for M
where
    M: weir::machine::Machine,
    M::Snapshot: serde::Serialize + DeserializeOwned,
{
    fn snap(&self) -> Value {
        serde_json::to_value(self.snapshot()).unwrap()
    }
    fn back(v: Value) -> Self {
        M::restore(serde_json::from_value(v).unwrap()).unwrap()
    }
    fn poll(&self) -> Value {
        json!(self.poll_timeout().map(|t| t.to_string()))
    }
}

/// An autoscaler transcript: `{config | snapshot, steps: [{now, event, expect? | error?}]}`;
/// the autoscaler comes from `new(config)` or `restore(snapshot)` (a refused one is the
/// case's error) and continues from `restore(snapshot)` after every step. A step may also
/// be `{limits: true}` (the derived limits) or `{poll: true}` (the next timer). The result
/// is the final snapshot.
fn autoscaler(i: &Value) -> weir::Result<Value> {
    use weir::machine::Machine;
    let a = match i.get("snapshot") {
        Some(s) => weir::Autoscaler::restore(input(s)?)?,
        None => weir::Autoscaler::new(input(&i["config"])?)?,
    };
    let a = transcript(a, &i["steps"], |a, step| {
        if step.get("limits").is_some() {
            return Ok(serde_json::to_value(a.derived_limits()).unwrap());
        }
        let now = timestamp(&step["now"])?;
        Ok(serde_json::to_value(a.handle(now, input(&step["event"])?)?).unwrap())
    });
    Ok(serde_json::to_value(a.snapshot()).unwrap())
}

/// A version-history transcript: `{profile?, snapshot?, steps: [{now, event, expect? |
/// error?}]}`; the history starts empty or from `restore(snapshot)` (a refused snapshot is
/// the case's error); the result is the final snapshot (restore also checks the snapshot's
/// consistency after every step).
fn version_history(i: &Value) -> weir::Result<Value> {
    let h = match i.get("snapshot") {
        Some(s) => weir::VersionHistory::restore(input(s)?)?,
        None => weir::VersionHistory::new(input::<Option<weir::PlatformProfile>>(
            i.get("profile").unwrap_or(&Value::Null),
        )?),
    };
    let h = transcript(h, &i["steps"], |h, step| {
        let out = h.handle(timestamp(&step["now"])?, input(&step["event"])?)?;
        Ok(serde_json::to_value(out).unwrap())
    });
    Ok(serde_json::to_value(h.snapshot()).unwrap())
}

/// A release-engine transcript: `{order | plan | snapshot, steps: [{now, event} | {status:
/// now}, expect? | error?]}`. The engine comes from `planRelease(order)`, a given plan
/// (`new`) or a snapshot (`restore`); a refused plan or snapshot is the case's error. A
/// `status` step asks for the status at that time. After every step the engine continues
/// from `restore(snapshot)`. The result is `status(now of the last step)` (a fixed time when
/// the last step has no good `now`).
fn release_engine(i: &Value) -> weir::Result<Value> {
    let engine = if let Some(plan) = i.get("plan") {
        weir::ReleaseEngine::new(input(plan)?)?
    } else if let Some(snapshot) = i.get("snapshot") {
        weir::ReleaseEngine::restore(input(snapshot)?)?
    } else {
        weir::ReleaseEngine::new(weir::plan_release(&input(&i["order"])?)?)?
    };
    let engine = transcript(engine, &i["steps"], |e, step| {
        let out = match step.get("status") {
            Some(now) => serde_json::to_value(e.status(timestamp(now)?)).unwrap(),
            None => {
                let now = timestamp(&step["now"])?;
                serde_json::to_value(e.handle(now, input(&step["event"])?)?).unwrap()
            }
        };
        Ok(out)
    });
    let last = i["steps"]
        .as_array()
        .unwrap()
        .last()
        .and_then(|s| s.get("now"))
        .and_then(Value::as_str)
        .unwrap_or("");
    let now = last
        .parse()
        .or_else(|_| "2026-01-01T00:00:00Z".parse())
        .unwrap();
    out(Ok(engine.status(now)))
}

/// A guard transcript: `{snapshot?, steps: [{now, event, error?}]}`; the guard starts empty or
/// from `restore(snapshot)` (a refused snapshot is the case's error) and continues from
/// `restore(snapshot)` after every step; the result is the final snapshot.
fn release_guard(i: &Value) -> weir::Result<Value> {
    let guard = match i.get("snapshot") {
        Some(s) => weir::ReleaseGuard::restore(input(s)?)?,
        None => weir::ReleaseGuard::new(),
    };
    let guard = transcript(guard, &i["steps"], |g, step| {
        g.handle(timestamp(&step["now"])?, input(&step["event"])?)?;
        Ok(Value::Null)
    });
    Ok(serde_json::to_value(guard.snapshot()).unwrap())
}

/// An HPA transcript: `{state?, steps: [{now, input, expect? | error?}]}`; the result is
/// the final snapshot.
fn hpa(i: &Value) -> weir::Result<Value> {
    let state = match i.get("state") {
        Some(s) => weir::HpaState::restore(input(s)?)?,
        None => weir::HpaState::new(None),
    };
    let state = transcript(state, &i["steps"], |h, step| {
        let now = timestamp(&step["now"])?;
        Ok(serde_json::to_value(h.handle(now, &input(&step["input"])?)?).unwrap())
    });
    Ok(serde_json::to_value(state.snapshot()).unwrap())
}

/// A scheduler transcript: `{snapshot, steps: [{now, event} | {scheduleOne: pod} |
/// {scheduleAll: input} | {place: input} | {drain: node} | {taintEvictions: now},
/// expect? | error?]}`; the result is the final snapshot. In every machine transcript a
/// step `{poll: true, expect}` compares `poll_timeout()` (RFC 3339 or null).
fn scheduler(i: &Value) -> weir::Result<Value> {
    let s = weir::Scheduler::new(&input(&i["snapshot"])?)?;
    let s = transcript(s, &i["steps"], |s, step| {
        let out = if let Some(event) = step.get("event") {
            serde_json::to_value(s.handle(timestamp(&step["now"])?, input(event)?)?)
        } else if let Some(pod) = step.get("scheduleOne") {
            serde_json::to_value(s.schedule_one(&input(pod)?)?)
        } else if let Some(p) = step.get("place") {
            serde_json::to_value(s.place(&input(p)?)?)
        } else if let Some(node) = step.get("drain") {
            serde_json::to_value(s.drain(node.as_str().unwrap())?)
        } else if let Some(now) = step.get("taintEvictions") {
            serde_json::to_value(s.taint_evictions(now.as_str().unwrap())?)
        } else {
            serde_json::to_value(s.schedule_all(&input(&step["scheduleAll"])?)?)
        };
        Ok(out.unwrap())
    });
    Ok(serde_json::to_value(s.cluster()).unwrap())
}

fn files(dir: &Path, acc: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            files(&p, acc);
        } else if p.extension().is_some_and(|e| e == "json") {
            acc.push(p);
        }
    }
}

/// Compare an error with the expected `{code, ...details}`: `fields` as `(path, code)`
/// pairs, any other key against the same key of the details.
fn check_error(err: &weir::Error, expected: &Value) -> Result<(), String> {
    let code = expected["code"].as_str().unwrap();
    if err.code() != code {
        return Err(format!(
            "expected error code {code}, got {}: {err}",
            err.code()
        ));
    }
    let details = serde_json::to_value(err.details()).unwrap();
    for (k, want) in expected.as_object().unwrap() {
        if k == "code" {
            continue;
        }
        let got = if k == "fields" {
            json!(details["fields"].as_array().map(|fs| {
                fs.iter()
                    .map(|f| json!({"path": f["path"], "code": f["code"]}))
                    .collect::<Vec<_>>()
            }))
        } else {
            details[k].clone()
        };
        if &got != want {
            return Err(format!("details.{k}: expected {want}, got {got} ({err})"));
        }
    }
    Ok(())
}

#[test]
fn shared_vectors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors");
    let mut paths = Vec::new();
    files(&root, &mut paths);
    paths.sort();
    assert!(
        !paths.is_empty(),
        "no vector files under {}",
        root.display()
    );
    let mut failures = Vec::new();
    let mut count = 0;
    for path in &paths {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let op = doc["op"].as_str().unwrap();
        for case in doc["cases"].as_array().unwrap() {
            count += 1;
            let name = case["name"].as_str().unwrap();
            let Some(result) = run(op, &case["input"]) else {
                panic!("{}: unknown op `{op}`", path.display());
            };
            let outcome = match (result, case.get("expect"), case.get("error")) {
                (Ok(v), Some(want), None) if subset(want, &v) => Ok(()),
                (Ok(v), Some(want), None) => Err(format!("expected {want}, got {v}")),
                (Err(e), None, Some(want)) => check_error(&e, want),
                (Ok(v), None, Some(want)) => Err(format!("expected error {want}, got {v}")),
                (Err(e), Some(want), None) => Err(format!("expected {want}, got error {e}")),
                _ => Err("a case needs exactly one of `expect` and `error`".into()),
            };
            if let Err(msg) = outcome {
                failures.push(format!("{op} / {name}: {msg}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {count} vectors failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!("{count} vectors passed");
}

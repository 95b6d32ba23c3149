//! Invariant checks shared by the fuzz targets (`fuzz/`) and the test that replays
//! `fuzz/regressions/`: one body, so a crash found by the fuzzer is replayed exactly.
//!
//! Each function takes arbitrary bytes, must never panic on any of them, and returns
//! `Err` with a description when an invariant is broken.

use crate::{
    LabelSelectorMatchInput, NodeSelectorMatchInput, Quantity, match_label_selector,
    match_node_selector,
};

/// Quantity parsing on arbitrary text: a parsed quantity's canonical form parses back to
/// the same value, and is a fixed point of canonicalisation.
///
/// # Errors
///
/// A description of the broken invariant.
pub fn quantity(data: &[u8]) -> Result<(), String> {
    let Ok(text) = std::str::from_utf8(data) else {
        return Ok(());
    };
    let Ok(q) = Quantity::parse(text) else {
        return Ok(());
    };
    let canonical = q.canonical();
    let again = Quantity::parse(&canonical)
        .map_err(|e| format!("canonical `{canonical}` of `{text}` does not parse: {e}"))?;
    if again.nano_value() != q.nano_value() {
        return Err(format!(
            "`{text}` and its canonical `{canonical}` differ in value"
        ));
    }
    // A binary quantity that is no multiple of 1024 prints without suffix (`62.5Ki` →
    // `64000`) and reads back as decimal (`64k`), as in Kubernetes; from there on the
    // canonical form is a fixed point.
    let settled = again.canonical();
    let third =
        Quantity::parse(&settled).map_err(|e| format!("`{settled}` does not parse: {e}"))?;
    if third.canonical() != settled || third.nano_value() != q.nano_value() {
        return Err(format!(
            "canonical form of `{text}` does not settle: `{canonical}` → `{settled}`"
        ));
    }
    Ok(())
}

/// Selector JSON on arbitrary bytes: parsing and matching never panic, and a selector
/// that validates also matches deterministically (twice the same answer).
///
/// # Errors
///
/// A description of the broken invariant.
pub fn selector(data: &[u8]) -> Result<(), String> {
    if let Ok(input) = serde_json::from_slice::<LabelSelectorMatchInput>(data) {
        let a = match_label_selector(&input);
        if a != match_label_selector(&input) {
            return Err("label selector matching is not deterministic".into());
        }
    }
    if let Ok(input) = serde_json::from_slice::<NodeSelectorMatchInput>(data) {
        let a = match_node_selector(&input);
        if a != match_node_selector(&input) {
            return Err("node selector matching is not deterministic".into());
        }
        if let Ok(m) = &a
            && m.matches != m.matched_term.is_some()
        {
            return Err("matches disagrees with matchedTerm".into());
        }
    }
    Ok(())
}

/// App service JSON on arbitrary bytes: validation never panics; a spec that normalizes
/// normalizes to itself again, and its diff with itself is empty.
///
/// # Errors
///
/// A description of the broken invariant.
pub fn app_service(data: &[u8]) -> Result<(), String> {
    let Ok(input) = serde_json::from_slice::<crate::AppServiceInput>(data) else {
        return Ok(());
    };
    let valid = crate::validate_app_service(&input).is_ok();
    let Ok(n) = crate::normalize_app_service(&input) else {
        return if valid {
            Err("validate accepted what normalize refused".into())
        } else {
            Ok(())
        };
    };
    if !valid {
        return Err("normalize accepted what validate refused".into());
    }
    if crate::normalize(&n, input.profile.as_ref()).as_ref() != Ok(&n) {
        return Err("normalize is not idempotent".into());
    }
    match crate::diff(&n, &n, crate::InPlaceRules::Seed, input.profile.as_ref()) {
        Ok(d) if d.changes.is_empty() && d.upgrade == crate::Upgrade::None => Ok(()),
        other => Err(format!(
            "diff of a spec with itself is not empty: {other:?}"
        )),
    }
}

/// A small order used by the engine checks: `a` and `c` independent, `b` depends on `a`;
/// each with four pods over two units, an image update, beta and group pauses on.
fn engine_fixture() -> Option<crate::ReleaseEngine> {
    let spec = |name: &str, image: &str| {
        serde_json::json!({"name": name, "app": name, "template": {"containers": [{"name": "c", "image": image}]},
            "scaling": {"type": "fixed", "replicas": 4}})
    };
    let svc = |name: &str, deps: &[&str], last: bool| {
        let pods: Vec<serde_json::Value> = (0u32..4).map(|i| serde_json::json!({"name": format!("{name}{i}"), "unit": if i.is_multiple_of(2) { "u1" } else { "u2" }})).collect();
        let mut s = serde_json::json!({"name": name, "dependsOn": deps, "toVersion": "v2", "toSpec": spec(name, "img:v2"),
            "fromVersion": "v1", "fromSpec": spec(name, "img:v1"), "pods": pods});
        if last && let Some(map) = s.as_object_mut() {
            map.insert("lastSuccessfulVersion".into(), serde_json::json!("v1"));
        }
        s
    };
    let order = serde_json::json!({"id": "fuzz", "readySeconds": 5, "maxParallelServices": 2,
        "services": [svc("a", &[], true), svc("b", &["a"], false), svc("c", &[], true)]});
    crate::plan_release(&serde_json::from_value(order).ok()?)
        .ok()
        .and_then(|p| crate::ReleaseEngine::new(p).ok())
}

/// The event a byte pair stands for, on [`engine_fixture`]'s order.
fn engine_event(op: u8, arg: u8) -> crate::ReleaseEvent {
    use crate::ReleaseEvent as E;
    let service = ["a", "b", "c"]
        .get(usize::from(arg % 3))
        .copied()
        .unwrap_or("a")
        .to_owned();
    let pod = format!("{service}{}", (arg / 3) % 4);
    match op % 14 {
        0 => E::Start,
        1 => E::StartService { service },
        2..=5 => E::PodObserved {
            service,
            pod,
            version: if arg.is_multiple_of(5) {
                "v1".into()
            } else {
                "v2".into()
            },
            ready: !arg.is_multiple_of(7),
            failed: arg.is_multiple_of(11),
            reason: None,
        },
        6 => E::TaskFinished {
            service,
            task: crate::TaskName::ApplyServiceConfig,
            ok: arg.is_multiple_of(2),
            message: None,
        },
        7 => E::ConfirmBeta { service },
        8 => E::Resume { service },
        9 => E::Cancel {
            service: (!arg.is_multiple_of(4)).then_some(service),
        },
        10 => E::Retry { service },
        11 => E::Rollback { service },
        12 => match arg % 3 {
            0 => E::ConfirmRollback { service },
            1 => E::RetryRollback { service },
            _ => E::CancelRollback { service },
        },
        _ => E::Tick,
    }
}

/// Release-engine event sequences on arbitrary bytes (two bytes an event, three more for
/// the seconds that pass): a refused event leaves the engine unchanged; no pod of a
/// service is updated before all its dependencies succeeded; a restored snapshot
/// continues identically; the order ends only when every service is final.
///
/// # Errors
///
/// A description of the broken invariant.
pub fn release_events(data: &[u8]) -> Result<(), String> {
    let Some(mut engine) = engine_fixture() else {
        return Err("the fixture order does not plan".into());
    };
    let mut t: u32 = 0;
    for chunk in data.chunks(3).take(400) {
        let (op, arg, dt) = match chunk {
            [a, b, c] => (*a, *b, *c),
            _ => break,
        };
        t = t.saturating_add(u32::from(dt % 8));
        let now = fuzz_now(t);
        let event = engine_event(op, arg);
        let before = engine.clone();
        let mut twin = crate::ReleaseEngine::restore(engine.snapshot())
            .map_err(|e| format!("the engine's own snapshot does not restore: {e}"))?;
        let result = engine.handle(now, event.clone());
        if twin.handle(now, event) != result || twin.snapshot() != engine.snapshot() {
            return Err("a restored snapshot did not continue identically".into());
        }
        match result {
            Err(_) if engine != before => return Err("a refused event changed the engine".into()),
            Err(_) => {}
            Ok(commands) => {
                engine_invariants(&engine, before.timeline().len(), now)?;
                for c in &commands {
                    if let crate::ReleaseAction::UpdatePods { service, .. } = c {
                        let run = engine
                            .services
                            .iter()
                            .find(|s| &s.plan.name == service)
                            .ok_or("unknown service")?;
                        let deps_done = run.plan.depends_on.iter().all(|d| {
                            engine.services.iter().any(|s| {
                                &s.plan.name == d && s.phase == crate::ServicePhase::Succeeded
                            })
                        });
                        if !deps_done {
                            return Err(format!(
                                "pods of `{service}` updated before its dependencies succeeded"
                            ));
                        }
                    }
                }
            }
        }
        if engine.outcome().is_some() != engine.services.iter().all(|s| s.phase.terminal()) {
            return Err("the order's outcome disagrees with its services".into());
        }
        let groups = engine
            .services
            .iter()
            .all(|s| s.group_updated as usize <= s.largest_group());
        if !groups {
            return Err("a group counts more updated pods than it has".into());
        }
    }
    Ok(())
}

/// What holds after every event the engine accepted, whatever it was restored from: the
/// snapshot restores to the same engine; a service past `waiting` (and not cancelled
/// there) has every dependency succeeded; an updating service counts exactly its counted
/// pods; a group the service finished in this event (it paused, went on to its post-tasks
/// or to the rollback confirmation) has every pod updated at `now`.
fn engine_invariants(
    engine: &crate::ReleaseEngine,
    entries_before: usize,
    now: crate::time::Timestamp,
) -> Result<(), String> {
    use crate::ServicePhase as P;
    match crate::ReleaseEngine::restore(engine.snapshot()) {
        Ok(again)
            if again.snapshot() == engine.snapshot()
                && again.poll_timeout() == engine.poll_timeout() => {}
        Ok(_) => return Err("restoring a snapshot changed it".into()),
        Err(e) => return Err(format!("the engine's own snapshot does not restore: {e}")),
    }
    let status = engine.status(now);
    for (s, st) in engine.services.iter().zip(&status.services) {
        let moved = !matches!(s.phase, P::Waiting | P::Cancelled);
        let deps_done = s.plan.depends_on.iter().all(|d| {
            engine
                .services
                .iter()
                .any(|o| &o.plan.name == d && o.phase == P::Succeeded)
        });
        if moved && !deps_done {
            return Err(format!(
                "`{}` is {:?} before its dependencies succeeded",
                s.plan.name, s.phase
            ));
        }
        let rolling = s.phase == P::RollingBack;
        if matches!(s.phase, P::Updating | P::RollingBack) {
            let counted = s
                .pods
                .values()
                .filter(|p| {
                    p.counted && s.group == if rolling { p.rollback_group } else { p.group }
                })
                .count();
            if counted != s.group_updated as usize {
                return Err(format!(
                    "`{}` counts {} updated pods, {counted} are counted",
                    s.plan.name, s.group_updated
                ));
            }
        }
        let finished = engine.timeline().iter().skip(entries_before).find(|t| {
            t.service.as_deref() == Some(s.plan.name.as_str())
                && matches!(
                    (t.from, t.to),
                    (P::Updating, P::Paused | P::PostTasks)
                        | (P::RollingBack, P::AwaitingRollbackConfirmation)
                )
        });
        let Some(entry) = finished else { continue };
        let groups = if entry.from == P::RollingBack {
            &s.plan.rollback_groups
        } else {
            &s.plan.groups
        };
        let done = if entry.to == P::Paused {
            groups.groups.get(s.group as usize)
        } else {
            groups.groups.last()
        };
        // Judged unless it failed in the same event (an order reported succeeded is: it
        // went from its post-tasks, if any, to succeeded at once).
        if s.phase != entry.to && !(entry.to == P::PostTasks && s.phase == P::Succeeded) {
            continue;
        }
        for pod in done.map(|g| g.pods.as_slice()).unwrap_or(&[]) {
            if st.pods.get(pod) != Some(&crate::PodStatus::Updated) {
                return Err(format!(
                    "`{}` finished a group with pod `{pod}` {:?}",
                    s.plan.name,
                    st.pods.get(pod)
                ));
            }
        }
    }
    Ok(())
}

/// Strings a tampered snapshot may hold: names of the fixture, versions, phases, times.
const TAMPER_TEXT: [&str; 20] = [
    "a",
    "b",
    "c",
    "a0",
    "b1",
    "c3",
    "v1",
    "v2",
    "ghost",
    "",
    "waiting",
    "updating",
    "paused",
    "postTasks",
    "succeeded",
    "rollingBack",
    "failed",
    "beta",
    "2026-11-27T10:00:00Z",
    "later",
];

/// Every JSON pointer of `v`, depth first (at most a few thousand).
fn pointers(v: &serde_json::Value, at: String, out: &mut Vec<String>) {
    if out.len() >= 4096 {
        return;
    }
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                pointers(
                    x,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                pointers(x, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

/// Change one node of a snapshot, as bytes `(node, kind, value)` say.
fn tamper(snap: &mut serde_json::Value, node: u8, kind: u8, value: u8) {
    use serde_json::{Value, json};
    let mut all = Vec::new();
    pointers(snap, String::new(), &mut all);
    let Some(at) = all.get(usize::from(node) % all.len().max(1)).cloned() else {
        return;
    };
    let other = all
        .get(usize::from(value) % all.len().max(1))
        .and_then(|p| snap.pointer(p))
        .cloned();
    let Some(target) = snap.pointer_mut(&at) else {
        return;
    };
    let text = TAMPER_TEXT
        .get(usize::from(value) % TAMPER_TEXT.len())
        .copied()
        .unwrap_or("");
    match kind % 8 {
        0 => {
            *target = match value % 6 {
                0 => json!(0),
                1 => json!(1),
                2 => json!(1_000_000_000u32),
                3 => json!(-1),
                4 => json!(0.5),
                _ => json!(u32::from(value / 6)),
            }
        }
        1 => *target = json!(text),
        2 => *target = json!(value.is_multiple_of(2)),
        3 => *target = Value::Null,
        4 => match target {
            Value::Array(a) if !a.is_empty() => {
                a.remove(usize::from(value) % a.len());
            }
            Value::Object(m) => {
                let key = m.keys().nth(usize::from(value) % m.len().max(1)).cloned();
                if let Some(k) = key {
                    m.remove(&k);
                }
            }
            _ => {}
        },
        5 => {
            if let Value::Array(a) = target
                && let Some(x) = a.get(usize::from(value) % a.len().max(1)).cloned()
            {
                a.push(x);
            }
        }
        6 => {
            if let Value::Array(a) = target
                && !a.is_empty()
            {
                let n = a.len();
                a.swap(usize::from(value) % n, usize::from(value / 7) % n);
            }
        }
        _ => {
            if let Some(x) = other {
                *target = x;
            }
        }
    }
}

/// The time `t` seconds into the fuzzed order (from 2026-11-27T10:00:00Z).
fn fuzz_now(t: u32) -> crate::time::Timestamp {
    crate::time::Timestamp::from_unix_seconds(1_795_773_600.0 + f64::from(t))
        .unwrap_or(crate::time::Timestamp::MAX)
}

/// Tampered release-engine snapshots on arbitrary bytes. Byte 0 says how many events
/// (three bytes each: event, argument, seconds) drive the fixture order before its
/// snapshot is taken, byte 1 how many edits (three bytes each: node, kind, value) tamper
/// with it; the rest are events for the restored engine. A snapshot that reads back is
/// either refused by `restore` or drives correctly: a refused event leaves the snapshot
/// byte for byte as it was, and every accepted one keeps the invariants of
/// `engine_invariants` (a group is only finished with every pod updated, so an order
/// reported succeeded was released).
///
/// # Errors
///
/// A description of the broken invariant.
pub fn engine_restore(data: &[u8]) -> Result<(), String> {
    let Some(mut engine) = engine_fixture() else {
        return Err("the fixture order does not plan".into());
    };
    let (Some(&lead), Some(&edits), Some(rest)) = (data.first(), data.get(1), data.get(2..)) else {
        return Ok(());
    };
    let mut chunks = rest.chunks_exact(3);
    let mut t: u32 = 0;
    for c in chunks.by_ref().take(usize::from(lead % 48)) {
        if let [op, arg, dt] = c {
            t = t.saturating_add(u32::from(dt % 8));
            let _ = engine.handle(fuzz_now(t), engine_event(*op, *arg));
        }
    }
    let mut snap = serde_json::to_value(engine.snapshot()).map_err(|e| e.to_string())?;
    for c in chunks.by_ref().take(usize::from(edits % 6)) {
        if let [node, kind, value] = c {
            tamper(&mut snap, *node, *kind, *value);
        }
    }
    let Ok(parsed) = serde_json::from_value::<crate::ReleaseSnapshot>(snap) else {
        return Ok(());
    };
    let Ok(mut engine) = crate::ReleaseEngine::restore(parsed) else {
        return Ok(());
    };
    engine_invariants(&engine, engine.timeline().len(), fuzz_now(t))?;
    for c in chunks.take(300) {
        let [op, arg, dt] = c else { break };
        t = t.saturating_add(u32::from(dt % 8));
        let now = fuzz_now(t);
        let before = serde_json::to_string(&engine.snapshot()).map_err(|e| e.to_string())?;
        let entries = engine.timeline().len();
        match engine.handle(now, engine_event(*op, *arg)) {
            Err(_) => {
                if serde_json::to_string(&engine.snapshot()).map_err(|e| e.to_string())? != before {
                    return Err("a refused event changed the restored engine".into());
                }
            }
            Ok(_) => engine_invariants(&engine, entries, now)?,
        }
        let final_ = engine.services.iter().all(|s| s.phase.terminal());
        if engine.outcome().is_some() != (final_ && !engine.services.is_empty()) {
            return Err("the order's outcome disagrees with its services".into());
        }
    }
    Ok(())
}

/// Zones with every kind of offset change: none, fixed, ±1 h DST, 30-minute DST, and a
/// skipped day (Samoa, December 2011).
const FUZZ_ZONES: [chrono_tz::Tz; 6] = [
    chrono_tz::Tz::UTC,
    chrono_tz::Tz::Asia__Shanghai,
    chrono_tz::Tz::America__New_York,
    chrono_tz::Tz::Europe__Berlin,
    chrono_tz::Tz::Australia__Lord_Howe,
    chrono_tz::Tz::Pacific__Apia,
];

/// Cron text and timed-policy JSON on arbitrary bytes.
///
/// Byte 0 picks a zone, bytes 1–4 an instant (1970–2106); the rest is a cron expression,
/// or (when it starts with `{`) a [`crate::CurveInput`]-like scaling document. A parsed
/// schedule's next fire is after the instant, is a fire itself, and nothing fires in
/// between; a valid scaling's curve stays within its bounds.
///
/// # Errors
///
/// A description of the broken invariant.
pub fn cron_policy(data: &[u8]) -> Result<(), String> {
    let (Some(&zone), Some(t), Some(rest)) = (data.first(), data.get(1..5), data.get(5..)) else {
        return Ok(());
    };
    let tz = FUZZ_ZONES
        .get(usize::from(zone) % FUZZ_ZONES.len())
        .copied()
        .unwrap_or(chrono_tz::Tz::UTC);
    let t = i64::from(u32::from_le_bytes([
        *t.first().unwrap_or(&0),
        *t.get(1).unwrap_or(&0),
        *t.get(2).unwrap_or(&0),
        *t.get(3).unwrap_or(&0),
    ]));
    if rest.first() == Some(&b'{') {
        return scaling_json(rest, t);
    }
    let Ok(text) = std::str::from_utf8(rest) else {
        return Ok(());
    };
    let Ok(cron) = crate::model::cron::Cron::parse_in(text, tz) else {
        return Ok(());
    };
    let Some(next) = cron.next_after(t) else {
        return Err(format!("`{text}` parsed but never fires after {t}"));
    };
    if next <= t {
        return Err(format!("`{text}`: next fire {next} is not after {t}"));
    }
    if cron.latest_at_or_before(next) != Some(next) {
        return Err(format!("`{text}`: {next} is a next fire but not a fire"));
    }
    if let Some(between) = cron.latest_at_or_before(next - 1)
        && between > t
    {
        return Err(format!(
            "`{text}`: {between} fires between {t} and the next fire {next}"
        ));
    }
    Ok(())
}

fn scaling_json(data: &[u8], t: i64) -> Result<(), String> {
    let Ok(input) = serde_json::from_slice::<crate::ScalingInput>(data) else {
        return Ok(());
    };
    let valid = crate::validate_scaling(&input).is_ok();
    let at = crate::time::format(t as f64);
    let curve = crate::replica_curve(&crate::CurveInput {
        scaling: input.scaling.clone(),
        from: at.clone(),
        to: crate::time::format((t + 86_400) as f64),
        step_seconds: 900,
        current_replicas: None,
    });
    match (valid, curve) {
        (false, Ok(_)) => Err("a curve from scaling that validation refuses".into()),
        (true, Err(e)) => Err(format!("valid scaling, but the curve failed: {e}")),
        (false, Err(_)) => Ok(()),
        (true, Ok(curve)) => {
            for p in &curve.points {
                let v = p.replicas.or(p.min).unwrap_or(curve.min_replicas);
                let hi = p.replicas.or(p.max).unwrap_or(curve.max_replicas);
                if matches!(input.scaling, crate::Scaling::Elastic { .. })
                    && (v < curve.min_replicas || hi > curve.max_replicas)
                {
                    return Err(format!(
                        "point {p:?} outside {}..{}",
                        curve.min_replicas, curve.max_replicas
                    ));
                }
            }
            crate::next_changes(&crate::NextChangesInput {
                scaling: input.scaling,
                from: at,
                count: Some(5),
                until: Some(crate::time::format((t + 30 * 86_400) as f64)),
                current_replicas: Some(1),
            })
            .map(|_| ())
            .map_err(|e| format!("valid scaling, but nextChanges failed: {e}"))
        }
    }
}

/// An HPA reconcile from arbitrary JSON: a refused input leaves the state as it was, an
/// accepted one stays within `[minReplicas, maxReplicas]`, and a snapshot continues the
/// same way.
///
/// # Errors
///
/// A description of the broken invariant.
pub fn hpa(data: &[u8]) -> Result<(), String> {
    let Ok(input) = serde_json::from_slice::<crate::HpaInput>(data) else {
        return Ok(());
    };
    // The reconcile happens at a fixed instant; the input's own times (pod starts,
    // samples) vary around it.
    let now = crate::time::Timestamp::from_unix_seconds(1_767_225_600.0)
        .unwrap_or(crate::time::Timestamp::MAX);
    let mut state = crate::HpaState::new(None);
    let mut copy = crate::HpaState::restore(state.snapshot()).map_err(|e| e.to_string())?;
    let before = state.snapshot();
    match state.handle(now, &input) {
        Err(_) => {
            if state.snapshot() != before {
                return Err("a refused input changed the state".into());
            }
        }
        Ok(r) => {
            let min = input.spec.min_replicas.unwrap_or(1);
            let max = input.spec.max_replicas;
            let disabled = r.reason == crate::HpaReason::ScalingDisabled;
            if !disabled && (r.desired_replicas < min || r.desired_replicas > max) {
                return Err(format!(
                    "{} outside {min}..{max}: {r:?}",
                    r.desired_replicas
                ));
            }
            let again = copy.handle(now, &input).map_err(|e| e.to_string())?;
            if again != r || copy != state {
                return Err("the same input on a restored state gave another answer".into());
            }
        }
    }
    Ok(())
}

/// Scheduling from arbitrary JSON ([`crate::ScheduleAllInput`]): no node ends over its
/// allocatable CPU, memory or pod count, every pending pod gets exactly one answer, and
/// the same input gives the same answer twice.
///
/// # Errors
///
/// A description of the broken invariant.
pub fn scheduling(data: &[u8]) -> Result<(), String> {
    let Ok(input) = serde_json::from_slice::<crate::ScheduleAllInput>(data) else {
        return Ok(());
    };
    if input.snapshot.nodes.len() > 64 || input.snapshot.pods.len() + input.pods.len() > 256 {
        return Ok(());
    }
    // A caller's snapshot may already be over (pods bound by someone else): nothing to say.
    if check_commitments(&input.snapshot).is_err() {
        return Ok(());
    }
    let Ok(out) = crate::schedule_all(&input) else {
        return Ok(());
    };
    check_commitments(&out.snapshot)?;
    let pending = input
        .snapshot
        .pods
        .iter()
        .filter(|p| p.spec.node_name.is_none())
        .count()
        + input.pods.len();
    let answered: std::collections::BTreeSet<&str> =
        out.placements.iter().map(|p| p.pod.as_str()).collect();
    if out.placements.len() != pending || answered.len() != pending {
        return Err(format!(
            "{pending} pending pods, {} placements for {} pods",
            out.placements.len(),
            answered.len()
        ));
    }
    let again = crate::schedule_all(&input).map_err(|e| e.to_string())?;
    if again != out {
        return Err("the same input scheduled differently".into());
    }
    Ok(())
}

/// Every node's bound pods fit its allocatable CPU, memory and pod count.
///
/// # Errors
///
/// The first node over its allocatable.
pub fn check_commitments(snapshot: &crate::ClusterSnapshot) -> Result<(), String> {
    match crate::scheduling::over_committed(snapshot) {
        Ok(None) => Ok(()),
        Ok(Some(node)) => Err(node),
        Err(e) => Err(e.to_string()),
    }
}

/// Autoscaler step and observe sequences (the harness lives with the autoscaler).
pub use crate::autoscaling::fuzz::autoscaler_steps;

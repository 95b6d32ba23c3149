//! Hostile inputs to replica scaling: every call ends quickly with a bounded answer or a
//! typed error (the replica-curve picture, policy counts, sweeps over many events), and
//! every timestamp weir prints reads back through weir's own parser.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// Run `f` on a thread and fail if it takes longer than `secs` (the runaway case would
/// otherwise hang the test run; the thread is left behind and ends with the process).
fn within<T: Send + 'static>(secs: u64, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(secs))
        .unwrap_or_else(|_| panic!("still running after {secs} s"))
}

fn field_errors(e: &weir::Error) -> Vec<(String, String)> {
    match e {
        weir::Error::Validation(errors) => errors
            .0
            .iter()
            .cloned()
            .map(|f| {
                (
                    f.path,
                    serde_json::to_value(f.code)
                        .unwrap()
                        .as_str()
                        .unwrap()
                        .to_owned(),
                )
            })
            .collect(),
        other => panic!("not a validation error: {other:?}"),
    }
}

fn curve(from: &str, to: &str, points: Value) -> weir::ReplicaCurve {
    serde_json::from_value(json!({"from": from, "to": to, "stepSeconds": 60,
        "minReplicas": 1, "maxReplicas": 4, "points": points}))
    .unwrap()
}

const FROM: &str = "2026-01-01T00:00:00Z";
const TO: &str = "2026-01-01T03:00:00Z";

#[test]
fn svg_refuses_instants_no_timestamp_names_without_looping() {
    // 2^63 and 1e308: `t0 + 1` rounds back to `t0`, and the tick loop never advanced.
    for t in [9.223_372_036_854_776e18, 1e308, -1e308, 253_402_300_800.0] {
        let c = curve(
            FROM,
            TO,
            json!([{"t": t, "kind": "initial", "replicas": 1}]),
        );
        let err = within(5, move || weir::replica_curve_svg(&c)).unwrap_err();
        assert_eq!(
            field_errors(&err),
            [("points[0].t".to_owned(), "invalid".to_owned())]
        );
    }
    // Not finite (only a Rust caller can build these).
    for t in [f64::NAN, f64::INFINITY] {
        let mut c = curve(
            FROM,
            TO,
            json!([{"t": 0.0, "kind": "initial", "replicas": 1}]),
        );
        c.points[0].t = t;
        assert_eq!(
            weir::replica_curve_svg(&c).unwrap_err().code(),
            "validation"
        );
    }
    // Out of order.
    let c = curve(
        FROM,
        TO,
        json!([{"t": 10.0, "kind": "initial", "replicas": 1},
               {"t": 5.0, "kind": "initial", "replicas": 1}]),
    );
    assert_eq!(
        field_errors(&weir::replica_curve_svg(&c).unwrap_err()),
        [("points[1].t".to_owned(), "invalid".to_owned())]
    );
}

/// A picture a browser would draw: the SVG frame, no non-numbers, a bounded size.
fn assert_sane(svg: &str, max_len: usize) {
    assert!(
        svg.starts_with("<svg ") && svg.ends_with("</svg>\n"),
        "{svg}"
    );
    for bad in ["NaN", "inf", "<script"] {
        assert!(!svg.contains(bad), "{bad} in {svg}");
    }
    assert!(svg.len() <= max_len, "{} bytes", svg.len());
}

#[test]
fn svg_of_extreme_but_valid_curves_is_bounded() {
    let cases = [
        // The whole span weir names, the first point at the far end.
        json!([{"t": -62_167_219_200.0, "kind": "initial", "replicas": 1},
               {"t": 253_402_300_799.0, "kind": "preset", "replicas": 2147483647, "policy": "big"}]),
        // One point at the end of year 9999; the last is not later than the first.
        json!([{"t": 253_402_300_799.0, "kind": "initial", "replicas": 1}]),
        json!([{"t": 253_402_300_799.0, "kind": "initial", "replicas": 1},
               {"t": 253_402_300_799.0, "kind": "initial", "replicas": 3}]),
        // Negative times, negative replicas, a band upside down, huge bounds.
        json!([{"t": -1e9, "kind": "metric", "min": 2147483647, "max": -5, "policy": "m"},
               {"t": -1.0, "kind": "preset", "replicas": -2147483648}]),
        json!([]),
    ];
    for points in cases {
        let mut c = curve(FROM, TO, points);
        c.min_replicas = i32::MAX;
        c.max_replicas = i32::MIN;
        let svg = within(5, move || weir::replica_curve_svg(&c)).unwrap();
        assert_sane(&svg, 16_000);
    }
}

#[test]
fn svg_takes_at_most_max_curve_points() {
    let n = usize::try_from(weir::scaling::timed::MAX_CURVE_POINTS).unwrap();
    let point = weir::CurvePoint {
        t: 0.0,
        kind: weir::EffectiveKind::Initial,
        replicas: Some(1),
        min: None,
        max: None,
        policy: None,
    };
    let mut c = curve(FROM, TO, json!([]));
    c.points = vec![point; n + 1];
    let err = weir::replica_curve_svg(&c).unwrap_err();
    assert_eq!(
        field_errors(&err),
        [("points".to_owned(), "too_many".to_owned())]
    );
    // At the limit, with a policy change at every point: drawn, and linear in the points.
    c.points.truncate(n);
    for (i, p) in c.points.iter_mut().enumerate() {
        p.t = i as f64;
        p.replicas = Some(i32::try_from(i % 2).unwrap());
        p.policy = Some(if i % 2 == 0 { "a" } else { "b" }.into());
    }
    let svg = within(30, move || weir::replica_curve_svg(&c)).unwrap();
    assert_sane(&svg, 40 * n);
}

#[test]
fn svg_escapes_every_text_it_writes() {
    let evil = r#"<script>alert('x')</script>&"#;
    let c = curve(
        FROM,
        TO,
        json!([{"t": 1_767_225_600.0, "kind": "preset", "replicas": 1, "policy": evil},
               {"t": 1_767_229_200.0, "kind": "metric", "min": 1, "max": 3, "policy": evil}]),
    );
    let svg = weir::replica_curve_svg(&c).unwrap();
    assert_sane(&svg, 16_000);
    assert!(
        svg.contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;&amp;"),
        "{svg}"
    );
    // `from` and `to` are RFC 3339 instants: anything else is refused, not drawn.
    for (from, to, path) in [(evil, TO, "from"), (FROM, evil, "to")] {
        let err = weir::replica_curve_svg(&curve(from, to, json!([]))).unwrap_err();
        assert_eq!(
            field_errors(&err),
            [(path.to_owned(), "invalid".to_owned())]
        );
    }
}

fn policies(n: usize, cron: &str) -> Vec<Value> {
    (0..n)
        .map(|i| {
            json!({"name": format!("p{i:05}"), "schedule": {"cron": cron},
                   "action": {"type": "replicas", "replicas": 1 + i % 3}})
        })
        .collect()
}

fn elastic(policies: Vec<Value>) -> Value {
    json!({"type": "elastic", "initialReplicas": 1, "minReplicas": 1, "maxReplicas": 5,
           "policies": policies})
}

#[test]
fn policies_per_scaling_are_limited_before_any_work() {
    let n = weir::MAX_POLICIES;
    let too_many = elastic(policies(n + 1, "0 0 * * *"));
    let at = json!({"scaling": too_many, "at": FROM});
    let want = [("scaling.policies".to_owned(), "too_many".to_owned())];
    let err = weir::effective_at(&serde_json::from_value(at.clone()).unwrap()).unwrap_err();
    assert_eq!(field_errors(&err), want);
    let input = json!({"scaling": at["scaling"], "from": FROM});
    let err = weir::next_changes(&serde_json::from_value(input).unwrap()).unwrap_err();
    assert_eq!(field_errors(&err), want);
    let input = json!({"scaling": at["scaling"], "from": FROM, "to": TO, "stepSeconds": 60});
    let err = weir::replica_curve(&serde_json::from_value(input).unwrap()).unwrap_err();
    assert_eq!(field_errors(&err), want);
    let input = json!({"scaling": at["scaling"]});
    let err = weir::validate_scaling(&serde_json::from_value(input).unwrap()).unwrap_err();
    assert_eq!(field_errors(&err), want);
    // At the limit: accepted.
    let input = json!({"scaling": elastic(policies(n, "0 0 * * *")), "at": FROM});
    weir::effective_at(&serde_json::from_value(input).unwrap()).unwrap();
}

#[test]
fn curve_points_times_policies_are_limited_before_the_work() {
    // 50 policies × 1,000,000 points: refused at once (it took seconds, then minutes
    // with more policies).
    let input: weir::CurveInput = serde_json::from_value(json!({
        "scaling": elastic(policies(50, "* * * * * *")),
        "from": FROM, "to": "2026-01-12T13:46:39Z", "stepSeconds": 1}))
    .unwrap();
    let start = Instant::now();
    let err = within(60, move || weir::replica_curve(&input)).unwrap_err();
    assert!(start.elapsed() < Duration::from_secs(1));
    assert_eq!(
        field_errors(&err),
        [("stepSeconds".to_owned(), "too_many".to_owned())]
    );
}

#[test]
fn the_largest_curve_allowed_ends_in_reasonable_time() {
    // The worst case within the limits: every policy fires every second, a point a second.
    let limit = weir::scaling::timed::MAX_CURVE_WORK;
    let n = 20u64;
    let seconds = i64::try_from(limit / n).unwrap() - 1;
    let to = weir::time::format(1_767_225_600.0 + seconds as f64);
    let input: weir::CurveInput = serde_json::from_value(json!({
        "scaling": elastic(policies(20, "* * * * * *")),
        "from": FROM, "to": to, "stepSeconds": 1}))
    .unwrap();
    let curve = within(120, move || weir::replica_curve(&input)).unwrap();
    assert_eq!(curve.points.len() as u64, limit / n);
}

#[test]
fn next_changes_over_many_silent_events_is_bounded() {
    // 100 policies firing every second with the same winner: nothing changes, and the
    // sweep examined 1,000,000 events × 100 policies before it gave up.
    let input: weir::NextChangesInput = serde_json::from_value(json!({
        "scaling": elastic(policies(weir::MAX_POLICIES, "* * * * * *")),
        "from": FROM, "count": 10}))
    .unwrap();
    let out = within(60, move || weir::next_changes(&input)).unwrap();
    assert!(out.changes.len() <= 1);
}

#[test]
fn cron_searches_over_rare_schedules_are_bounded() {
    // Leap days on a Monday, 1 February on a Monday (about every seven years), a seconds
    // schedule: the most fires a call may ask for, all before the end of year 9999.
    for (cron, after) in [
        ("0 0 29 2 1", "2026-01-01T00:00:00Z"),
        ("0 0 */30 2 1", "0000-01-01T00:00:00Z"),
        ("0 0 29 2 *", "0000-01-01T00:00:00Z"),
        ("* * * * * *", "9999-12-31T00:00:00Z"),
    ] {
        let input = weir::CronNextInput {
            cron: cron.into(),
            time_zone: Some("America/New_York".into()),
            after: after.into(),
            count: Some(weir::scaling::cron::MAX_CRON_FIRES),
        };
        let out = within(60, move || weir::cron_next(&input)).unwrap();
        let last = out.fires.last().unwrap();
        assert!(
            weir::time::parse(last).unwrap() <= 253_402_300_799.0,
            "{cron}: {last}"
        );
    }
}

#[test]
fn every_printed_scaling_instant_reads_back() {
    // A window that would end after year 9999, a fire near the end, a zone with seconds.
    let scaling = json!({"type": "elastic", "initialReplicas": 1, "minReplicas": 1,
        "maxReplicas": 5, "policies": [
            {"name": "late", "schedule": {"cron": "0 23 31 12 *", "timeZone": "Pacific/Kiritimati"},
             "durationSeconds": 86_400, "action": {"type": "replicas", "replicas": 3}},
            {"name": "lmt", "schedule": {"cron": "0 0 * * *", "timeZone": "America/New_York"},
             "action": {"type": "replicas", "replicas": 2}}]});
    let e: weir::Effective = weir::effective_at(
        &serde_json::from_value(json!({"scaling": scaling, "at": "9999-12-31T23:59:59Z"})).unwrap(),
    )
    .unwrap();
    for text in [&e.fired_at, &e.until].into_iter().flatten() {
        assert!(weir::time::parse(text).is_some(), "{text}");
    }
    let changes = weir::next_changes(
        &serde_json::from_value(
            json!({"scaling": scaling, "from": "9999-12-01T00:00:00Z", "count": 1000}),
        )
        .unwrap(),
    )
    .unwrap();
    for c in &changes.changes {
        assert!(weir::time::parse(&c.at).is_some(), "{}", c.at);
        for text in [&c.effective.fired_at, &c.effective.until]
            .into_iter()
            .flatten()
        {
            assert!(weir::time::parse(text).is_some(), "{text}");
        }
    }
    let e: weir::Effective = weir::effective_at(
        &serde_json::from_value(json!({"scaling": scaling, "at": "1800-01-03T12:00:00Z"})).unwrap(),
    )
    .unwrap();
    // New York's local midnight at −04:56:02 (it printed `-04:56`, 2 s off).
    let fired = e.fired_at.unwrap();
    assert_eq!(fired, "1800-01-03T04:56:02Z");
    assert_eq!(weir::time::parse(&fired), Some(-5_364_471_838.0));
    // An `at` past year 9999 once read with its offset: refused with its path.
    let scaling = json!({"type": "elastic", "initialReplicas": 1, "minReplicas": 1,
        "maxReplicas": 5, "policies": [{"name": "end", "schedule": {"at": "9999-12-31T23:00:00-05:00"},
        "action": {"type": "replicas", "replicas": 3}}]});
    let err = weir::validate_scaling(&serde_json::from_value(json!({"scaling": scaling})).unwrap())
        .unwrap_err();
    assert_eq!(
        field_errors(&err),
        [(
            "scaling.policies[0].schedule.at".to_owned(),
            "invalid".to_owned()
        )]
    );
}

/// An HPA reconcile with `pods` pods, `observations` CPU observations (empty) and
/// `policies` scale-up policies.
fn hpa_input(pods: usize, metrics: usize, observations: usize, policies: usize) -> Value {
    let pods: Vec<_> = (0..pods)
        .map(|i| json!({"name": format!("p{i}"), "containers": [{"name": "c", "requests": {"cpu": "1"}}]}))
        .collect();
    let metric = json!({"type": "Resource", "resource": {"name": "cpu",
        "target": {"type": "Utilization", "averageUtilization": 50}}});
    let policy = json!({"type": "Pods", "value": 1, "periodSeconds": 60});
    json!({"currentReplicas": 1, "pods": pods,
        "spec": {"minReplicas": 1, "maxReplicas": 10, "metrics": vec![metric; metrics],
                 "behavior": {"scaleUp": {"policies": vec![policy; policies]}}},
        "metrics": vec![json!({"pods": []}); observations]})
}

#[test]
fn hpa_sizes_are_checked_before_the_work() {
    // 100,000 observations × 100,000 pods: each observation was matched against every pod.
    let hpa = weir::scaling::hpa::MAX_HPA_METRICS;
    let policies = weir::scaling::hpa::MAX_HPA_POLICIES;
    for (input, path) in [
        (hpa_input(100_000, 1, 100_000, 1), "metrics"),
        (hpa_input(10, hpa + 1, hpa + 1, 1), "spec.metrics"),
        (
            hpa_input(10, 1, 1, policies + 1),
            "spec.behavior.scaleUp.policies",
        ),
    ] {
        let input: weir::HpaInput = serde_json::from_value(input).unwrap();
        let err = within(10, move || {
            weir::HpaState::new(None).handle(FROM.parse().unwrap(), &input)
        })
        .unwrap_err();
        let fields = field_errors(&err);
        assert!(
            fields.contains(&(path.to_owned(), "too_many".to_owned())),
            "{fields:?}"
        );
    }
    // At the limits: answered.
    let input: weir::HpaInput =
        serde_json::from_value(hpa_input(1000, hpa, hpa, policies)).unwrap();
    within(30, move || {
        weir::HpaState::new(None).handle(FROM.parse().unwrap(), &input)
    })
    .unwrap();
}

#[test]
fn hpa_state_lists_are_limited_and_always_restore() {
    let n = weir::MAX_HPA_ITEMS;
    let event = json!({"replicaChange": 1, "timestamp": FROM, "outdated": false});
    let snapshot: weir::HpaSnapshot =
        serde_json::from_value(json!({"scaleUpEvents": vec![event; n + 1]})).unwrap();
    let err = weir::HpaState::restore(snapshot).unwrap_err();
    assert_eq!(
        field_errors(&err),
        [("scaleUpEvents".to_owned(), "too_many".to_owned())]
    );
}

#[test]
fn hpa_history_at_its_limit_stays_restorable() {
    // A state with MAX_HPA_ITEMS recommendations, all at the same instant: another call at
    // that instant pushed one more, and the snapshot no longer restored.
    let n = weir::MAX_HPA_ITEMS;
    let rec = json!({"replicas": 1, "timestamp": FROM});
    let state: weir::HpaSnapshot =
        serde_json::from_value(json!({"recommendations": vec![rec; n]})).unwrap();
    let mut state = weir::HpaState::restore(state).unwrap();
    let input: weir::HpaInput = serde_json::from_value(json!({"currentReplicas": 1,
        "pods": [{"name": "p", "ready": true, "startTime": "2025-12-01T00:00:00Z",
                  "containers": [{"name": "c", "requests": {"cpu": "1"}}]}],
        "spec": {"minReplicas": 1, "maxReplicas": 10, "metrics": [{"type": "Resource",
            "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 50}}}]},
        "metrics": [{"pods": [{"pod": "p", "value": "900m"}]}]}))
    .unwrap();
    state.handle(FROM.parse().unwrap(), &input).unwrap();
    let snapshot = state.snapshot();
    assert_eq!(snapshot.recommendations.as_ref().map(Vec::len), Some(n));
    weir::HpaState::restore(snapshot).unwrap();
}

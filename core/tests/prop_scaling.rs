//! Invariants of replica scaling (docs/scaling.md): the HPA stays within its bounds and
//! never moves against its metric; cron fires are ordered and complete; a replica curve is
//! piecewise constant between the policy changes `next_changes` reports, and within the
//! elastic bounds.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use serde_json::json;
use weir::model::cron::Cron;

const NOW: &str = "2026-01-01T00:00:00Z";

/// One CPU-utilisation reconcile: every pod ready, started long ago, with a sample.
fn cpu_input(
    min: i32,
    max: i32,
    current: i32,
    target: i32,
    usage: &[u32],
    behavior: bool,
) -> weir::HpaInput {
    let pods: Vec<_> = (0..usage.len())
        .map(|i| {
            json!({"name": format!("p{i}"), "ready": true, "startTime": "2025-12-01T00:00:00Z",
            "containers": [{"name": "c", "requests": {"cpu": "1"}}]})
        })
        .collect();
    let samples: Vec<_> = usage
        .iter()
        .enumerate()
        .map(|(i, u)| json!({"pod": format!("p{i}"), "value": format!("{u}m")}))
        .collect();
    let mut spec = json!({"minReplicas": min, "maxReplicas": max, "metrics": [{"type": "Resource",
        "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": target}}}]});
    if behavior {
        spec["behavior"] = json!({"scaleDown": {"stabilizationWindowSeconds": 0}});
    }
    serde_json::from_value(json!({"spec": spec, "currentReplicas": current,
        "pods": pods, "metrics": [{"pods": samples}]}))
    .unwrap()
}

fn now() -> weir::time::Timestamp {
    NOW.parse().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Whatever the metrics say, the answer is within [min, max] (current 0 with min > 0
    /// is Kubernetes' "scaling disabled", which keeps 0).
    #[test]
    fn hpa_stays_within_bounds(
        min in 0i32..5, span in 0i32..30, current in 0i32..40, target in 1i32..200,
        usage in prop::collection::vec(0u32..5000, 1..40), behavior in any::<bool>(),
    ) {
        let max = (min + span).max(1);
        let input = cpu_input(min, max, current, target, &usage, behavior);
        let r = weir::HpaState::new(None).handle(now(), &input).unwrap();
        if r.reason == weir::HpaReason::ScalingDisabled {
            prop_assert_eq!(r.desired_replicas, 0);
        } else {
            prop_assert!(r.desired_replicas >= min && r.desired_replicas <= max, "{:?}", r);
        }
    }

    /// Above the target the HPA never scales down; below it, never up (within the bounds,
    /// with one ready pod per replica, so only the metric decides — with fewer pods than
    /// replicas Kubernetes' fast path multiplies by the pods and may go either way).
    #[test]
    fn hpa_never_moves_against_the_metric(
        target in 1i32..200, usage in prop::collection::vec(0u32..5000, 1..40),
    ) {
        let current = usage.len() as i32;
        let input = cpu_input(1, 1000, current, target, &usage, true);
        let mut snapshot = weir::HpaState::new(None).snapshot();
        snapshot.recommendations = Some(Vec::new());
        let mut state = weir::HpaState::restore(snapshot).unwrap();
        let r = state.handle(now(), &input).unwrap();
        let ratio = r.metrics[0].ratio.unwrap();
        if ratio > 1.0 {
            prop_assert!(r.desired_replicas >= current, "ratio {} but {:?}", ratio, r);
        }
        if ratio < 1.0 {
            prop_assert!(r.desired_replicas <= current, "ratio {} but {:?}", ratio, r);
        }
    }

    /// A refused reconcile (here: a `now` before the last one) leaves the state as it
    /// was; a snapshot continues exactly like the original.
    #[test]
    fn hpa_refusals_change_nothing_and_snapshots_continue(
        usage in prop::collection::vec(0u32..5000, 1..20), steps in 1usize..6,
    ) {
        let mut state = weir::HpaState::new(None);
        for n in 0..steps {
            let input = cpu_input(1, 50, usage.len() as i32, 50, &usage, n % 2 == 0);
            let t: weir::time::Timestamp = format!("2026-01-01T00:0{n}:00Z").parse().unwrap();
            let mut copy = weir::HpaState::restore(
                serde_json::from_value(serde_json::to_value(state.snapshot()).unwrap()).unwrap()).unwrap();
            prop_assert_eq!(state.handle(t, &input).unwrap(), copy.handle(t, &input).unwrap());
            prop_assert_eq!(&state, &copy);
            let before = state.clone();
            let earlier = t.plus_seconds(-1.0).unwrap();
            prop_assert!(state.handle(earlier, &input).is_err());
            prop_assert_eq!(&state, &before);
        }
    }
}

fn cron_expr() -> impl Strategy<Value = String> {
    let field = |lo: u32, hi: u32| {
        prop_oneof![
            Just("*".to_owned()),
            (lo..=hi).prop_map(|v| v.to_string()),
            (lo..=hi, lo..=hi).prop_map(|(a, b)| format!("{}-{}", a.min(b), a.max(b))),
            (1u32..=12).prop_map(|s| format!("*/{s}")),
            (lo..=hi, lo..=hi).prop_map(|(a, b)| format!("{a},{b}")),
        ]
    };
    (
        field(0, 59),
        field(0, 23),
        field(1, 28),
        field(1, 12),
        field(0, 7),
    )
        .prop_map(|(m, h, dom, mon, dow)| format!("{m} {h} {dom} {mon} {dow}"))
}

const ZONES: [&str; 4] = ["UTC", "Asia/Shanghai", "America/New_York", "Europe/Berlin"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// The next fire is after `t`, is itself a fire, and nothing fires in between, in
    /// every zone, around DST changes too (2026's are inside the range).
    #[test]
    fn cron_fires_are_ordered_and_complete(expr in cron_expr(), zone in 0usize..4, t in 1_767_225_600i64..1_798_761_600) {
        let cron = Cron::parse(&expr, ZONES[zone]).unwrap();
        let next = cron.next_after(t).unwrap();
        prop_assert!(next > t);
        prop_assert_eq!(cron.latest_at_or_before(next), Some(next));
        if let Some(between) = cron.latest_at_or_before(next - 1) {
            prop_assert!(between <= t, "{} fires at {} between {} and {}", expr, between, t, next);
        }
    }

    /// `0 9 * * 1-5` fires on weekdays only, at 09:00 local, whatever the zone.
    #[test]
    fn weekday_schedule_fires_monday_to_friday(zone in 0usize..4, t in 1_767_225_600i64..1_798_761_600) {
        use chrono::{Datelike, TimeZone, Timelike};
        let tz: chrono_tz::Tz = ZONES[zone].parse().unwrap();
        let cron = Cron::parse("0 9 * * 1-5", ZONES[zone]).unwrap();
        let next = cron.next_after(t).unwrap();
        let local = tz.timestamp_opt(next, 0).unwrap();
        prop_assert!(local.weekday().num_days_from_monday() < 5, "{}", local);
        prop_assert_eq!((local.hour(), local.minute()), (9, 0));
    }
}

fn policy() -> impl Strategy<Value = serde_json::Value> {
    (
        "[a-e][a-z]{1,3}",
        prop_oneof![
            Just("0 * * * *"), Just("30 */3 * * *"), Just("0 9 * * 1-5"),
            Just("15 2 * * *"), Just("0 0 * * 0"), Just("*/20 8-18 * * *")
        ],
        prop::option::of(60i32..20_000),
        1i32..5,
        0i32..40,
        prop::option::of((0i32..40, 0i32..40, 0usize..3)),
        any::<bool>(),
    )
        .prop_map(|(name, cron, duration, prio, replicas, ramp, metric)| {
            let action = if metric {
                json!({"type": "metric", "targets": {"cpuUtil": 50}})
            } else {
                match (ramp, duration) {
                    (Some((from, to, mode)), Some(_)) => {
                        let mode = ["linear", "accelerating", "decelerating"][mode];
                        json!({"type": "replicas", "replicas": replicas,
                            "ramp": {"from": from, "to": to, "mode": mode}})
                    }
                    _ => json!({"type": "replicas", "replicas": replicas}),
                }
            };
            let mut p = json!({"name": name, "schedule": {"cron": cron, "timeZone": "America/New_York"}, "action": action});
            if let Some(d) = duration {
                p["durationSeconds"] = json!(d);
                p["priority"] = json!(prio);
            }
            p
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    /// Between two consecutive changes reported by `next_changes`, the curve is constant
    /// (ramps aside); every point lies within the elastic bounds.
    #[test]
    fn curve_is_piecewise_constant_between_changes(
        policies in prop::collection::vec(policy(), 0..6), min in 0i32..5, span in 0i32..30,
        start in 1_772_900_000i64..1_773_100_000, // around the 2026-03-08 New York gap
    ) {
        let mut seen = std::collections::BTreeSet::new();
        let policies: Vec<_> = policies.into_iter().filter(|p| seen.insert(p["name"].as_str().unwrap().to_owned())).collect();
        let max = min + span;
        let scaling = json!({"type": "elastic", "initialReplicas": min, "minReplicas": min, "maxReplicas": max, "policies": policies});
        let from = weir::time::format(start as f64);
        let to = weir::time::format((start + 2 * 86_400) as f64);
        let curve = weir::replica_curve(&serde_json::from_value(json!({
            "scaling": scaling, "from": from, "to": to, "stepSeconds": 600}))
            .unwrap()).unwrap();
        let changes = weir::next_changes(&serde_json::from_value(json!({
            "scaling": scaling, "from": from, "until": to, "count": 10_000})).unwrap()).unwrap();
        let change_times: Vec<f64> = changes.changes.iter().map(|c| weir::time::parse(&c.at).unwrap()).collect();
        for p in &curve.points {
            let lo = p.replicas.or(p.min).unwrap();
            let hi = p.replicas.or(p.max).unwrap();
            prop_assert!(lo >= min && hi <= max, "{:?} outside {}..{}", p, min, max);
        }
        for w in curve.points.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            let changed = change_times.iter().any(|t| *t > a.t && *t <= b.t);
            if !changed && a.kind != weir::EffectiveKind::Ramp {
                prop_assert_eq!((a.kind, a.replicas, a.min, a.max, &a.policy), (b.kind, b.replicas, b.min, b.max, &b.policy),
                    "the curve changed between {} and {} with no change reported", a.t, b.t);
            }
        }
    }
}

/// Review findings, kept as checks: ranges ending in `SUN`, no `+` signs, rare dates far
/// ahead, ramp ties rounded up exactly.
#[test]
fn cron_and_ramp_edge_cases() {
    let fires = |expr: &str, after: &str, count: u32| {
        weir::cron_next(&weir::CronNextInput {
            cron: expr.into(),
            time_zone: None,
            after: after.into(),
            count: Some(count),
        })
        .map(|f| f.fires)
    };
    // Friday to Sunday, written with names.
    assert_eq!(
        fires("0 0 * * FRI-SUN", "2026-11-26T00:00:00Z", 3).unwrap(),
        [
            "2026-11-27T00:00:00Z",
            "2026-11-28T00:00:00Z",
            "2026-11-29T00:00:00Z"
        ]
    );
    assert!(fires("0 0 * * 5-0", "2026-11-26T00:00:00Z", 1).is_err());
    assert!(fires("0 0 * * +1", "2026-11-26T00:00:00Z", 1).is_err());
    assert!(fires("*/+5 * * * *", "2026-11-26T00:00:00Z", 1).is_err());
    // 29 February on a Sunday: 2032, then 2060.
    assert_eq!(
        fires("0 0 29 2 */7", "2033-01-01T00:00:00Z", 1).unwrap(),
        ["2060-02-29T00:00:00Z"]
    );
    // Linear 21 -> 0 over 14 s, 9 s in: exactly 7.5, rounded up to 8.
    let e = weir::effective_at(
        &serde_json::from_value(serde_json::json!({
            "scaling": {"type": "elastic", "initialReplicas": 0, "minReplicas": 0, "maxReplicas": 30,
                "policies": [{"name": "down", "schedule": {"at": "2026-01-01T00:00:00Z"}, "durationSeconds": 14,
                    "priority": 1, "action": {"type": "replicas", "replicas": 0,
                        "ramp": {"from": 21, "to": 0, "mode": "linear"}}}]},
            "at": "2026-01-01T00:00:09Z"}))
        .unwrap(),
    )
    .unwrap();
    assert_eq!(e.replicas, Some(8));
}

/// Zones whose early offsets have seconds (local mean time: New York −04:56:02 until 1883,
/// Amsterdam +00:19:32 until 1937, Monrovia −00:44:30 until 1972, Dublin −00:25:21 until
/// 1916, Kolkata +05:53:28), Sitka (its 1867 change repeated a whole day) and Kiritimati
/// (+14:00, so its year 10000 starts inside UTC's 9999).
const LMT_ZONES: [&str; 8] = [
    "America/New_York",
    "Europe/Amsterdam",
    "Africa/Monrovia",
    "Europe/Dublin",
    "Asia/Kolkata",
    "America/Sitka",
    "Pacific/Kiritimati",
    "Asia/Kathmandu",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Every fire `cron_next` prints parses back (weir's own parser) to exactly the instant
    /// fired, and given back as `after` pages on to strictly later fires: in zones with
    /// local-mean-time offsets, in any year up to 9999, with and without a seconds field.
    #[test]
    fn printed_fires_read_back_and_page_on(
        expr in cron_expr(), seconds in prop::option::of(0u32..60), zone in 0usize..8,
        year in prop_oneof![1i64..1940, 1i64..=9999, 9990i64..=9999],
        day in 0i64..366, second in 0i64..86_400,
    ) {
        let expr = match seconds {
            Some(s) => format!("{s} {expr}"),
            None => expr,
        };
        let zone = LMT_ZONES[zone];
        let start = (weir::time::days_from_civil(year, 1, 1) + day) * 86_400 + second;
        let start = start.min(weir::time::MAX_UNIX_SECONDS);
        let cron = Cron::parse(&expr, zone).unwrap();
        let next = |after: &str, count: u32| {
            weir::cron_next(&weir::CronNextInput {
                cron: expr.clone(),
                time_zone: Some(zone.to_owned()),
                after: after.to_owned(),
                count: Some(count),
            })
            .unwrap()
            .fires
        };
        let fires = next(&weir::time::format(start as f64), 4);
        let mut t = start;
        for fire in &fires {
            let at = weir::time::parse(fire);
            prop_assert_eq!(at, cron.next_after(t).map(|f| f as f64), "{} in {}: {}", expr, zone, fire);
            let at = at.unwrap();
            prop_assert!(at > t as f64);
            let page = next(fire, 1);
            if let Some(p) = page.first() {
                let p = weir::time::parse(p);
                prop_assert!(p.is_some_and(|p| p > at), "{} in {}: {:?} after {}", expr, zone, page, fire);
            }
            t = at as i64;
        }
        if fires.len() < 4 {
            prop_assert_eq!(cron.next_after(t), None);
        }
    }
}

//! Properties of the simulation over random small scenarios: no pod ever on a node it does
//! not fit, releases respect their dependencies, the same scenario gives the same result,
//! a restored snapshot continues exactly as the original; with the node autoscaler, the
//! water level settles under the upper mark and no business pod waits while slot pods hold
//! the reserve, and no scale-down strands a pod of the node it removes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use serde_json::{Value, json};
use weir::machine::Machine;
use weir::simulation::{Scenario, Simulation, SimulationResult};

fn service(name: &str, cpu_m: u32, scaling: Value) -> Value {
    json!({"name": name, "app": name, "scaling": scaling,
        "template": {"containers": [{"name": "c", "image": format!("{name}:1"),
            "resources": {"requests": {"cpu": format!("{cpu_m}m"), "memory": "256Mi"}}}]}})
}

/// A random scaling: fixed, or elastic with a linear ramp.
fn scaling() -> impl Strategy<Value = Value> {
    prop_oneof![
        (0i32..6).prop_map(|r| json!({"type": "fixed", "replicas": r})),
        (1i32..4, 2i32..10, 0u32..90).prop_map(|(from, to, minute)| json!({
            "type": "elastic", "initialReplicas": from, "minReplicas": 1, "maxReplicas": 10,
            "policies": [{"name": "ramp", "schedule": {"at": format!("2026-11-27T00:{:02}:00Z", minute % 60)},
                "durationSeconds": 1200, "priority": 1,
                "action": {"type": "replicas", "replicas": to, "ramp": {"from": from, "to": to, "mode": "linear"}}}]})),
    ]
}

prop_compose! {
    fn scenario()(
        nodes in prop::collection::vec((0usize..2, 1u32..4, 1u32..3), 1..4),
        services in prop::collection::vec((100u32..2000, scaling(), any::<bool>(), any::<bool>()), 1..4),
        release_minute in 0u32..30,
        chaos in prop::option::of((0usize..4, any::<bool>(), 1u32..50)),
        seed in any::<u32>(),
        autoscale in prop::option::of((1u32..4, 50i32..95, 0u32..40)),
    ) -> Value {
        let pools: Vec<Value> = nodes.iter().enumerate().map(|(i, (unit, count, cpu))| json!({
            "name": format!("p{i}"), "unit": format!("u{unit}"), "count": count,
            "cpu": cpu.to_string(), "memory": "8Gi"})).collect();
        let mut svcs = Vec::new();
        let mut targets = Vec::new();
        for (i, (cpu, sc, running, dep)) in services.iter().enumerate() {
            let name = format!("s{i}");
            svcs.push(json!({"running": running, "spec": service(&name, *cpu, sc.clone())}));
            if !running {
                let deps: Vec<String> = if *dep && i > 0 { vec![format!("s{}", i - 1)] } else { vec![] };
                targets.push(json!({"service": name, "version": "v1", "dependsOn": deps}));
            }
        }
        // Dependencies only on services of the same order.
        let names: Vec<String> = targets.iter().map(|t| t["service"].as_str().unwrap().to_owned()).collect();
        for t in &mut targets {
            let deps: Vec<Value> = t["dependsOn"].as_array().unwrap().iter()
                .filter(|d| names.iter().any(|n| n == d.as_str().unwrap())).cloned().collect();
            t["dependsOn"] = Value::Array(deps);
        }
        let mut script = Vec::new();
        if !targets.is_empty() {
            script.push(json!({"at": format!("2026-11-27T00:{release_minute:02}:00Z"),
                "action": {"type": "release", "order": "o1", "services": targets}}));
            for n in &names {
                for (minute, kind) in [(40, "confirmBeta"), (45, "resume"), (50, "resume"), (55, "resume")] {
                    script.push(json!({"at": format!("2026-11-27T00:{minute:02}:00Z"),
                        "action": {"type": kind, "order": "o1", "service": n}}));
                }
            }
        }
        script.sort_by_key(|a| a["at"].as_str().unwrap().to_owned());
        if let Some((pool, fail, minute)) = chaos {
            let p = pool % nodes.len();
            let kind = if fail { "failNode" } else { "drain" };
            script.push(json!({"at": format!("2026-11-27T01:{minute:02}:00Z"),
                "action": {"type": kind, "node": format!("p{p}-1")}}));
        }
        let mut v = json!({"start": "2026-11-27T00:00:00Z", "end": "2026-11-27T02:00:00Z", "stepSeconds": 10,
            "seed": seed,
            "units": [{"name": "u0", "zone": "z0"}, {"name": "u1", "zone": "z1"}],
            "nodePools": pools, "services": svcs, "script": script});
        if let Some((max, up, fail)) = autoscale {
            // An elastic pool the autoscaler manages, one node to start with.
            v["nodePools"].as_array_mut().unwrap().push(json!({"name": "el", "unit": "u0", "count": 1,
                "cpu": "2", "memory": "4Gi", "labels": {"weir.io/node-group": "el"}}));
            v["timing"] = json!({"nodeProvisioningSeconds": 60, "nodeFailurePercent": fail});
            v["autoscaler"] = json!({"scaleUp": {"enabled": true, "threshold": up},
                "slotPod": {"cpu": "500m", "memory": "1Gi"},
                "nodeGroups": [{"name": "el", "maxNodes": max + 1,
                    "template": {"unit": "u0", "zone": "z0", "cpu": "2", "memory": "4Gi"}}]});
        }
        v
    }
}

fn run(v: &Value) -> SimulationResult {
    let sc: Scenario = serde_json::from_value(v.clone()).unwrap();
    Simulation::new(sc).unwrap().run().unwrap()
}

/// Each service's first update happens after every dependency of it succeeded.
fn respects_dag(v: &Value, r: &SimulationResult) -> Result<(), String> {
    let Some(release) = v["script"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["action"]["type"] == "release")
    else {
        return Ok(());
    };
    let index =
        |pred: &dyn Fn(&weir::simulation::SimEvent) -> bool| r.timeline.iter().position(pred);
    for t in release["action"]["services"].as_array().unwrap() {
        let svc = t["service"].as_str().unwrap();
        let Some(first) =
            index(&|e| e.subject.as_deref() == Some(svc) && e.text.contains("updates ("))
        else {
            continue;
        };
        for d in t["dependsOn"].as_array().unwrap() {
            let d = d.as_str().unwrap();
            match index(&|e| e.subject.as_deref() == Some(d) && e.text == "succeeded") {
                Some(done) if done < first => {}
                other => {
                    return Err(format!(
                        "{svc} updated at event {first}, {d} succeeded at {other:?}"
                    ));
                }
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn pods_fit_and_releases_follow_the_dag(v in scenario()) {
        let r = run(&v);
        prop_assert!(r.summary.violations.is_empty(), "{:?}", r.summary.violations);
        prop_assert_eq!(r.summary.invariant_checks, r.summary.steps);
        prop_assert!(respects_dag(&v, &r).is_ok(), "{:?}", respects_dag(&v, &r));
    }

    #[test]
    fn same_scenario_same_result(v in scenario()) {
        let a = serde_json::to_value(run(&v)).unwrap();
        let b = serde_json::to_value(run(&v)).unwrap();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn restore_continues_identically(v in scenario(), k in 0u32..20) {
        let sc: Scenario = serde_json::from_value(v.clone()).unwrap();
        let whole = Simulation::new(sc.clone()).unwrap().run().unwrap();
        let mut sim = Simulation::new(sc).unwrap();
        for _ in 0..k {
            if sim.step().unwrap().is_none() { break; }
        }
        let snap = Machine::snapshot(&sim);
        let text = serde_json::to_string(&snap).unwrap();
        let restored = Simulation::restore(serde_json::from_str(&text).unwrap()).unwrap();
        prop_assert_eq!(
            serde_json::to_value(restored.run().unwrap()).unwrap(),
            serde_json::to_value(whole).unwrap()
        );
    }
}

#[test]
fn an_edited_snapshot_is_refused() {
    let v = json!({"start": "2026-11-27T00:00:00Z", "end": "2026-11-27T01:00:00Z", "stepSeconds": 10,
        "units": [{"name": "u0", "zone": "z0"}],
        "nodePools": [{"name": "p", "unit": "u0", "count": 1, "cpu": "4", "memory": "8Gi"}],
        "services": [{"running": true, "spec": service("web", 500, json!({"type": "fixed", "replicas": 2}))}]});
    let mut sim = Simulation::new(serde_json::from_value(v).unwrap()).unwrap();
    sim.step().unwrap();
    let mut snap = sim.snapshot();
    snap.digest = "0000000000000000".into();
    let err = Simulation::restore(snap.clone()).unwrap_err();
    assert_eq!(err.code(), "validation");
    snap.steps = 1_000;
    assert_eq!(Simulation::restore(snap).unwrap_err().code(), "validation");
}

#[test]
fn the_machine_shape_takes_every_step_due() {
    let v = json!({"start": "2026-11-27T00:00:00Z", "end": "2026-11-27T01:00:00Z", "stepSeconds": 10,
        "units": [{"name": "u0", "zone": "z0"}],
        "nodePools": [{"name": "p", "unit": "u0", "count": 1, "cpu": "4", "memory": "8Gi"}],
        "services": [{"running": true, "spec": service("web", 500, json!({"type": "fixed", "replicas": 2}))}]});
    let mut sim = Simulation::new(serde_json::from_value(v).unwrap()).unwrap();
    let first = Machine::poll_timeout(&sim).unwrap();
    let end: weir::time::Timestamp = "2026-11-27T01:00:00Z".parse().unwrap();
    let reports = sim.handle(end, ()).unwrap();
    assert_eq!(reports[0].at, first);
    assert!(Machine::poll_timeout(&sim).is_none());
    assert!(sim.handle(first, ()).is_err());
}

/// The node group size limit of the autoscaled scenarios (room to grow).
const MAX_EL_NODES: u32 = 30;

/// A business service for the autoscaled scenarios: on the elastic nodes, its replicas
/// set by policies that each start at a change's minute and last past the run's end, the
/// later one of higher priority (so the replicas step to each change's value and stay).
fn autoscaled_service(name: &str, cpu_m: u32, initial: u32, changes: &[(u32, u32)]) -> Value {
    let mut spec = service(name, cpu_m, json!({"type": "fixed", "replicas": initial}));
    if !changes.is_empty() {
        let policies: Vec<Value> = changes
            .iter()
            .enumerate()
            .map(|(k, (minute, replicas))| {
                json!({
            "name": format!("c{k}"),
            "schedule": {"at": format!("2026-11-27T{:02}:{:02}:00Z", minute / 60, minute % 60)},
            "durationSeconds": (300 - minute) * 60, "priority": k + 1,
            "action": {"type": "replicas", "replicas": replicas}})
            })
            .collect();
        spec["scaling"] = json!({"type": "elastic", "initialReplicas": initial, "minReplicas": 0,
            "maxReplicas": 20, "policies": policies});
    }
    spec["deploy"] = json!({"units": ["u0"]});
    spec["nodeAutoscaling"] = json!(true);
    spec["template"]["containers"][0]["resources"]["requests"]["memory"] = json!("256Mi");
    json!({"running": true, "spec": spec})
}

/// A scenario whose only nodes are one elastic group the autoscaler manages, with room to
/// grow (`MAX_EL_NODES`), and no failing node. Its services' replicas change at
/// `changes` (minute, service, replicas); the run ends at 04:00, over two hours after the
/// last change (at most 01:45), far longer than the autoscaler needs to settle
/// (provisioning ≤ 3 minutes, cooldowns and unneeded times of 5 minutes).
fn autoscaled_scenario(
    nodes: u32,
    services: &[(u32, u32)],
    changes: &[(u32, usize, u32)],
    up: i32,
    down: i32,
    provisioning: u32,
) -> Value {
    let svcs: Vec<Value> = services
        .iter()
        .enumerate()
        .map(|(i, (cpu, initial))| {
            let mine: Vec<(u32, u32)> = changes
                .iter()
                .filter(|(_, s, _)| *s == i)
                .map(|(m, _, r)| (*m, *r))
                .collect();
            autoscaled_service(&format!("s{i}"), *cpu, *initial, &mine)
        })
        .collect();
    json!({"start": "2026-11-27T00:00:00Z", "end": "2026-11-27T04:00:00Z", "stepSeconds": 10,
        "units": [{"name": "u0", "zone": "z0"}],
        "nodePools": [{"name": "el", "unit": "u0", "count": nodes, "cpu": "2", "memory": "4Gi",
            "labels": {"weir.io/node-group": "el", "cafe.sofastack.io/sub-cluster": "default"}}],
        "timing": {"nodeProvisioningSeconds": provisioning},
        "services": svcs,
        "autoscaler": {"scaleUp": {"enabled": true, "threshold": up},
            "scaleDown": {"enabled": true, "threshold": down},
            "slotPod": {"cpu": "500m", "memory": "512Mi"},
            "nodeGroups": [{"name": "el", "minNodes": 1, "maxNodes": MAX_EL_NODES,
                "template": {"unit": "u0", "zone": "z0", "cpu": "2", "memory": "4Gi"}}]}})
}

prop_compose! {
    /// Any growth: replicas jump to any value at each change (every 15 minutes).
    fn autoscaled_any()(
        nodes in 1u32..4,
        services in prop::collection::vec((100u32..=1000, 0u32..6), 1..4),
        changes in prop::collection::vec((any::<prop::sample::Index>(), 0u32..12), 0..7),
        up in 50i32..95,
        down in 1i32..40,
        provisioning in 30u32..=180,
    ) -> (Value, i32) {
        let changes: Vec<(u32, usize, u32)> = changes.iter().enumerate()
            .map(|(k, (s, r))| (15 * (k as u32 + 1), s.index(services.len()), *r)).collect();
        (autoscaled_scenario(nodes, &services, &changes, up, down, provisioning), up)
    }
}

/// The last sample of a series.
fn last(series: &[f64]) -> f64 {
    *series.last().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Once the load has stopped changing for longer than the autoscaler needs, the
    /// business water level is at or below the upper mark, in CPU and in memory (unless
    /// the group reached its size limit and could not add the reserve).
    #[test]
    fn the_water_level_settles_under_the_upper_mark((v, up) in autoscaled_any()) {
        let r = run(&v);
        prop_assert!(r.summary.violations.is_empty(), "{:?}", r.summary.violations);
        let el = *r.series.nodes["el"].last().unwrap();
        prop_assume!(el < MAX_EL_NODES);
        let up = f64::from(up) + 1e-9;
        prop_assert!(last(&r.series.cpu_percent) <= up, "cpu {} > {up}", last(&r.series.cpu_percent));
        prop_assert!(last(&r.series.memory_percent) <= up, "memory {} > {up}", last(&r.series.memory_percent));
        prop_assert!(last(&r.series.water_level) <= up, "water {} > {up}", last(&r.series.water_level));
    }
}

prop_compose! {
    /// Growth the reserve can absorb: every business pod is no larger than a slot pod
    /// (at most 500m and 256Mi against 500m and 512Mi), each change (every 15 minutes,
    /// one service) adds at most one pod or removes any number, and the upper mark is
    /// below 100 % (so the reserve is at least one slot pod).
    fn autoscaled_small_steps()(
        nodes in 1u32..4,
        services in prop::collection::vec((100u32..=500, 0u32..3), 1..4),
        changes in prop::collection::vec((any::<prop::sample::Index>(), any::<bool>(), 0u32..3), 0..8),
        up in 50i32..95,
        down in 1i32..40,
        provisioning in 30u32..=180,
    ) -> Value {
        let mut replicas: Vec<u32> = services.iter().map(|(_, r)| *r).collect();
        let mut steps = Vec::new();
        for (k, (s, grow, fewer)) in changes.iter().enumerate() {
            let s = s.index(services.len());
            replicas[s] = if *grow { replicas[s] + 1 } else { replicas[s].saturating_sub(*fewer) };
            steps.push((15 * (k as u32 + 1), s, replicas[s]));
        }
        autoscaled_scenario(nodes, &services, &steps, up, down, provisioning)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// While slot pods hold the reserve, no business pod waits for a node to be
    /// provisioned: each growth (one pod no larger than a slot pod, a change at a time,
    /// far enough apart for the reserve to be restored) takes a slot pod's room at once.
    /// Only the pods placed at the start, before any reserve exists, may wait.
    #[test]
    fn slot_pods_spare_business_pods_the_wait(v in autoscaled_small_steps()) {
        let r = run(&v);
        prop_assert!(r.summary.violations.is_empty(), "{:?}", r.summary.violations);
        let start: weir::time::Timestamp = "2026-11-27T00:00:00Z".parse().unwrap();
        for w in r.pending_waits.iter().filter(|w| w.service.is_some()) {
            prop_assert!(w.since == start, "{w:?} waited after the start:\n{}", r.lines().join("\n"));
        }
    }
}

/// Each scale-down removal leaves no business pod without a node: a pod of the removed
/// node that found no other node would wait from the removal's instant (a pod re-placed at
/// once, on the room the drain found or by preempting a slot pod, does not wait). Pods of
/// a service that grew at that instant may wait for their own reasons and are left out.
fn removals_move_every_pod(r: &SimulationResult) -> Result<usize, String> {
    let removals: Vec<&weir::simulation::SimEvent> = r
        .timeline
        .iter()
        .filter(|e| e.text.starts_with("scale-down: drained and removed"))
        .collect();
    for e in &removals {
        let grew = |svc: &str| {
            r.timeline.iter().any(|g| {
                g.at == e.at && g.subject.as_deref() == Some(svc) && g.text.starts_with("replicas ")
            })
        };
        let stranded = r
            .pending_waits
            .iter()
            .find(|w| w.since == e.at && w.service.as_deref().is_some_and(|s| !grew(s)));
        if let Some(w) = stranded {
            return Err(format!("{} removed, {w:?} left waiting", e.line()));
        }
    }
    Ok(removals.len())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// No node is removed while it hosts a pod that cannot move.
    #[test]
    fn scale_down_strands_no_pod((v, _up) in autoscaled_any()) {
        let r = run(&v);
        prop_assert!(r.summary.violations.is_empty(), "{:?}", r.summary.violations);
        let checked = removals_move_every_pod(&r);
        prop_assert!(checked.is_ok(), "{}\n{}", checked.unwrap_err(), r.lines().join("\n"));
    }
}

/// Once the load holds still, the autoscaler should hold still too: no node removed in
/// the last two hours, no slot pod waiting at the end.
///
/// Ignored: it fails. Scale-down checks that the slot pods of the remaining reserve fit
/// the remaining totals, not the nodes one by one: here (pods of 501m and 612m on nodes
/// of 2 CPU, upper mark 69 %) the totals leave room for the 30 slot pods 12 nodes ask
/// for, but the room is split into pieces under 500m, 6 of them wait, 4 nodes are added
/// for them and removed again every 10 minutes. Found by
/// `the_water_level_settles_under_the_upper_mark` with a pending-at-end check.
#[test]
#[ignore = "scale-down flaps when the reserve's slot pods do not fit node by node"]
fn the_reserve_settles_without_flapping() {
    let v = autoscaled_scenario(
        1,
        &[(501, 1), (612, 2)],
        &[(15, 1, 9), (30, 0, 6)],
        69,
        22,
        106,
    );
    let r = run(&v);
    let late: weir::time::Timestamp = "2026-11-27T02:00:00Z".parse().unwrap();
    let removed_late = r
        .timeline
        .iter()
        .filter(|e| e.at > late && e.text.starts_with("scale-down: drained and removed"))
        .count();
    assert_eq!(removed_late, 0, "{}", r.lines().join("\n"));
    assert_eq!(r.summary.pending_at_end, 0);
}

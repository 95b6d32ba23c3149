//! Invariants of the autoscaler (docs/autoscaling.md) over random configurations,
//! clusters and event sequences: a decision never takes a group past its max or the
//! cluster past its limits; it never removes a node hosting a pod that cannot move; a
//! business pod that fits the cluster (if need be by preempting slot pods) never scales
//! up; snapshot → restore continues identically; the same inputs and seed give the same
//! decisions; a refused event leaves the snapshot identical.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use serde_json::{Value, json};
use weir::machine::Machine;
use weir::time::Timestamp;
use weir::{Autoscaler, AutoscalerEvent, AutoscalerOutput, ClusterSnapshot, Decision};

const GROUPS: [&str; 3] = ["ga", "gb", "gc"];

fn config() -> impl Strategy<Value = Value> {
    (
        prop::collection::vec((1u32..8, 0i32..2, 1i32..6, -2i32..3), 1..=3),
        prop::sample::subsequence(vec!["priority", "leastWaste", "mostPods", "leastNodes", "random"], 1..=3),
        any::<bool>(),
        0u32..1000,
        prop::option::of(1i32..12),
        prop::option::of(4u32..40),
        (0i32..60, 1i32..4, 2i32..4),
    )
        .prop_map(|(groups, expander, random, seed, max_total, cores, (t, max_down, fails))| {
            let groups: Vec<Value> = groups
                .iter()
                .enumerate()
                .map(|(i, (cpu, min, extra, prio))| {
                    json!({"name": GROUPS[i], "priority": prio, "minNodes": min, "maxNodes": min + extra,
                        "template": {"cpu": format!("{cpu}"), "memory": format!("{}Gi", cpu * 2), "zone": format!("z{i}")}})
                })
                .collect();
            let mut c = json!({"nodeGroups": groups, "expander": expander,
                "zoneSelection": if random {"random"} else {"sequential"}, "seed": seed,
                "scaleDownUnneededTime": t, "scaleDownDelayAfterAdd": t, "maxScaleDownNodes": max_down,
                "maxFailedNodes": fails, "scaleDown": {"threshold": 50}, "scaleUp": {"threshold": 80},
                "backoff": {"initialSeconds": 30, "maxSeconds": 120}});
            if let Some(m) = max_total {
                c["maxNodesTotal"] = json!(m);
            }
            if let Some(m) = cores {
                c["coresTotal"] = json!({"max": format!("{m}")});
            }
            c
        })
}

/// Nodes (group index or unmanaged) and pods (size, node index or pending, kind).
type Shape = (Vec<(usize, u32)>, Vec<(u32, Option<usize>, u8, i32)>);

fn shape() -> impl Strategy<Value = Shape> {
    (
        prop::collection::vec((0usize..4, 1u32..8), 0..6),
        prop::collection::vec(
            (100u32..3000, prop::option::of(0usize..6), 0u8..6, 0i32..3),
            0..14,
        ),
    )
}

/// The cluster: node `i` of group `GROUPS[g]` (g = 3: unmanaged); pod kinds 0–2 business
/// node-autoscaling, 3 slot, 4 DaemonSet, 5 local storage.
fn cluster(s: &Shape) -> ClusterSnapshot {
    let nodes: Vec<Value> = s.0.iter().enumerate().map(|(i, (g, cpu))| {
        let mut labels = json!({});
        if *g < 3 {
            labels = json!({"weir.io/node-group": GROUPS[*g], "cafe.sofastack.io/sub-cluster": "default"});
        }
        json!({"metadata": {"name": format!("n{i}"), "labels": labels},
               "status": {"allocatable": {"cpu": format!("{cpu}"), "memory": format!("{}Gi", cpu * 2), "pods": "8"}}})
    }).collect();
    let mut load = vec![0u32; nodes.len()];
    let pods: Vec<Value> = s.1.iter().enumerate().map(|(i, (m, node, kind, prio))| {
        let (cpu, mem) = if *kind == 3 { (500, 512) } else { (*m, *m) };
        // Bind only where it fits (a snapshot is never over-committed).
        let node = node.filter(|&n| n < nodes.len()).filter(|&n| {
            let fits = load[n] + cpu <= s.0[n].1 * 1000 && (s.0[n].0 < 3 || *kind == 4);
            if fits { load[n] += cpu; }
            fits
        });
        let hints = match kind {
            3 => json!({"slot": true, "nodeAutoscaling": true}),
            4 => json!({"daemonSet": true}),
            5 => json!({"localStorage": true, "nodeAutoscaling": true}),
            _ => json!({"nodeAutoscaling": true}),
        };
        let mut p = json!({"metadata": {"name": format!("p{i}")}, "spec": {"priority": prio,
            "containers": [{"name": "c", "resources": {"requests": {"cpu": format!("{cpu}m"), "memory": format!("{mem}Mi")}}}]},
            "hints": hints});
        if let Some(n) = node { p["spec"]["nodeName"] = json!(format!("n{n}")); }
        p
    }).collect();
    serde_json::from_value(json!({"nodes": nodes, "pods": pods})).unwrap()
}

fn at(s: u32) -> Timestamp {
    Timestamp::from_unix_seconds(1_767_225_600.0 + f64::from(s)).unwrap()
}

/// Events: steps over shapes, observations, and refused ones (time backwards, unknown
/// group, nothing to join).
fn events() -> impl Strategy<Value = Vec<(u32, u8, Shape, usize)>> {
    prop::collection::vec((0u32..200, 0u8..10, shape(), 0usize..4), 1..12)
}

fn event(kind: u8, s: &Shape, base: &Shape, g: usize) -> AutoscalerEvent {
    let group = GROUPS.get(g).copied().unwrap_or("nope").to_owned();
    match kind {
        // The same cluster, no pending pods: nodes stay unneeded and go.
        0..=2 => {
            let mut c = cluster(base);
            c.pods.retain(|p| p.spec.node_name.is_some());
            AutoscalerEvent::Step {
                cluster: Box::new(c),
            }
        }
        3..=5 => AutoscalerEvent::Step {
            cluster: Box::new(cluster(s)),
        },
        6 => AutoscalerEvent::NodeJoined {
            group,
            node: "x".into(),
        },
        7 => AutoscalerEvent::NodeFailed { group, node: None },
        8 => AutoscalerEvent::NodeDeleted {
            group,
            node: "n0".into(),
            failed: g.is_multiple_of(2),
        },
        _ => AutoscalerEvent::ScaleDownFailed {
            group,
            node: "n0".into(),
        },
    }
}

/// Check one decision against the cluster and configuration.
fn check(cfg: &Value, cluster: &ClusterSnapshot, d: &Decision) {
    let groups = cfg["nodeGroups"].as_array().unwrap();
    for s in &d.groups {
        let g = groups.iter().find(|g| g["name"] == s.group).unwrap();
        if d.scale_up.as_ref().is_some_and(|u| u.group == s.group) {
            assert!(
                i64::from(s.size + s.upcoming) <= g["maxNodes"].as_i64().unwrap(),
                "group {} past max: {d:?}",
                s.group
            );
        }
    }
    if let Some(u) = &d.scale_up {
        assert!(u.count >= 1);
        let upcoming: i32 = d.groups.iter().map(|s| s.upcoming).sum();
        let total = i32::try_from(cluster.nodes.len()).unwrap() + upcoming;
        if let Some(m) = cfg["maxNodesTotal"].as_i64() {
            assert!(i64::from(total) <= m, "past maxNodesTotal: {total} > {m}");
        }
        if let Some(max) = cfg["coresTotal"]["max"].as_str() {
            let max: u32 = max.parse().unwrap();
            let existing: u32 = cluster
                .nodes
                .iter()
                .map(|n| n.status.allocatable["cpu"].milli_value() as u32 / 1000)
                .sum();
            let cores_of = |name: &str| {
                groups.iter().find(|g| g["name"] == name).unwrap()["template"]["cpu"]
                    .as_str()
                    .unwrap()
                    .parse::<u32>()
                    .unwrap()
            };
            let coming: u32 = d
                .groups
                .iter()
                .map(|s| cores_of(&s.group) * u32::try_from(s.upcoming).unwrap())
                .sum();
            assert!(
                existing + coming <= max,
                "past coresTotal: {existing} + {coming} > {max}"
            );
        }
        assert!(d.scale_down.is_empty());
    }
    // Every removal: drained in order on the cluster without slot and pending pods, its
    // pods all find a node, and none uses local storage.
    let mut snap = cluster.clone();
    snap.pods
        .retain(|p| p.spec.node_name.is_some() && !p.hints.as_ref().is_some_and(|h| h.slot));
    for r in &d.scale_down {
        let out = weir::drain(&weir::DrainInput {
            snapshot: snap.clone(),
            node: r.node.clone(),
        })
        .unwrap();
        assert!(
            out.placements.iter().all(|p| p.node.is_some()),
            "removed {} but a pod cannot move: {out:?}",
            r.node
        );
        assert!(
            out.kept.iter().all(|k| k.reason.starts_with("DaemonSet")),
            "removed {} with {:?}",
            r.node,
            out.kept
        );
        snap = out.snapshot;
    }
    // A business pod the scheduler places (preempting if need be) never waits for a node.
    let all = weir::schedule_all(&weir::ScheduleAllInput {
        snapshot: cluster.clone(),
        pods: vec![],
        preemption: Some(true),
    })
    .unwrap();
    // Pods preempted in the decision's own simulation (pending again, as their
    // controllers would recreate them) are not the scheduler's pending pods.
    let victims: Vec<&str> = d
        .pending
        .iter()
        .filter_map(|p| p.message.split_once(", preempting ").map(|(_, v)| v))
        .flat_map(|v| v.split(", "))
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    for p in &d.pending {
        assert!(
            seen.insert(&p.pod),
            "{} reported twice: {:?}",
            p.pod,
            d.pending
        );
        let placed = all
            .placements
            .iter()
            .find(|x| x.pod == p.pod)
            .is_some_and(|x| x.node.is_some());
        if placed && !victims.contains(&p.pod.as_str()) && !all.evicted.contains(&p.pod) {
            assert_eq!(
                p.reason,
                weir::PendingReason::FitsExistingNode,
                "{} fits the cluster but: {p:?}",
                p.pod
            );
        }
    }
}

fn run(
    cfg: &Value,
    base: &Shape,
    evs: &[(u32, u8, Shape, usize)],
    cut: Option<usize>,
) -> (Vec<Result<AutoscalerOutput, String>>, Value) {
    let mut a = Autoscaler::new(serde_json::from_value(cfg.clone()).unwrap()).unwrap();
    let mut outs = Vec::new();
    let mut now = 0u32;
    for (i, (dt, kind, s, g)) in evs.iter().enumerate() {
        if cut == Some(i) {
            let text = serde_json::to_string(&a.snapshot()).unwrap();
            a = Autoscaler::restore(serde_json::from_str(&text).unwrap()).unwrap();
        }
        // Kind 5 goes back in time (refused).
        let t = if *kind == 5 && now > 0 {
            now - 1
        } else {
            now + dt
        };
        let before = serde_json::to_value(a.snapshot()).unwrap();
        let ev = event(*kind, s, base, *g);
        let out = a.handle(at(t), ev.clone());
        match &out {
            Ok(AutoscalerOutput::Decision(d)) => {
                now = t;
                if let AutoscalerEvent::Step { cluster } = &ev {
                    check(cfg, cluster, d);
                }
            }
            Ok(_) => now = t,
            Err(_) => assert_eq!(
                serde_json::to_value(a.snapshot()).unwrap(),
                before,
                "a refused event changed the state"
            ),
        }
        outs.push(out.map_err(|e| e.to_string()));
    }
    (outs, serde_json::to_value(a.snapshot()).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn decisions_keep_the_invariants(cfg in config(), base in shape(), evs in events()) {
        let _ = run(&cfg, &base, &evs, None);
    }

    #[test]
    fn same_inputs_same_decisions_and_restore_continues(cfg in config(), base in shape(), evs in events(), cut in 0usize..8) {
        let (a, sa) = run(&cfg, &base, &evs, None);
        let (b, sb) = run(&cfg, &base, &evs, None);
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(&sa, &sb);
        let (c, sc) = run(&cfg, &base, &evs, Some(cut));
        prop_assert_eq!(&a, &c);
        prop_assert_eq!(&sa, &sc);
    }
}

/// Budget rules: (label, kind 0 minAvailable / 1 maxUnavailable / 2 neither, value,
/// percent?, given disruptionsAllowed).
type BudgetShape = (u8, u8, u32, bool, Option<i32>);

/// Nodes (CPU of each managed node), pods (CPU, node, label, kind 0 business / 1 slot /
/// 2 DaemonSet), budgets.
type PdbShape = (
    Vec<u32>,
    Vec<(u32, Option<usize>, u8, u8)>,
    Vec<BudgetShape>,
);

fn pdb_shape() -> impl Strategy<Value = PdbShape> {
    (
        prop::collection::vec(2u32..6, 1..7),
        prop::collection::vec(
            (100u32..1500, prop::option::of(0usize..7), 0u8..3, 0u8..3),
            0..16,
        ),
        prop::collection::vec(
            (
                0u8..3,
                0u8..3,
                0u32..4,
                any::<bool>(),
                prop::option::of(0i32..3),
            ),
            0..4,
        ),
    )
}

/// The cluster of a [`PdbShape`]: managed nodes `n0…`, one roomy unmanaged node `big`,
/// pods labelled `app: a<label>`, one budget per rule.
fn pdb_cluster(s: &PdbShape) -> ClusterSnapshot {
    let mut nodes: Vec<Value> = s.0.iter().enumerate().map(|(i, cpu)| {
        json!({"metadata": {"name": format!("n{i}"), "labels": {"weir.io/node-group": "ga", "cafe.sofastack.io/sub-cluster": "default"}},
               "status": {"allocatable": {"cpu": format!("{cpu}"), "memory": "64Gi"}}})
    }).collect();
    nodes.push(
        json!({"metadata": {"name": "big", "labels": {"cafe.sofastack.io/sub-cluster": "default"}},
        "status": {"allocatable": {"cpu": "64", "memory": "256Gi"}}}),
    );
    let mut load = vec![0u32; s.0.len()];
    let pods: Vec<Value> = s.1.iter().enumerate().map(|(i, (cpu, node, label, kind))| {
        let node = node.filter(|&n| n < s.0.len()).filter(|&n| {
            let fits = load[n] + cpu <= s.0[n] * 1000;
            if fits { load[n] += cpu; }
            fits
        });
        let hints = match kind {
            1 => json!({"slot": true, "nodeAutoscaling": true}),
            2 => json!({"daemonSet": true}),
            _ => json!({"nodeAutoscaling": true}),
        };
        let mut p = json!({"metadata": {"name": format!("p{i}"), "labels": {"app": format!("a{label}")}},
            "spec": {"containers": [{"name": "c", "resources": {"requests": {"cpu": format!("{cpu}m"), "memory": "64Mi"}}}]},
            "hints": hints});
        if let Some(n) = node { p["spec"]["nodeName"] = json!(format!("n{n}")); }
        p
    }).collect();
    let budgets: Vec<Value> =
        s.2.iter()
            .enumerate()
            .map(|(i, (label, kind, v, pct, given))| {
                let value = if *pct {
                    json!(format!("{}%", v * 30))
                } else {
                    json!(v)
                };
                let mut spec = json!({"selector": {"matchLabels": {"app": format!("a{label}")}}});
                match kind {
                    0 => spec["minAvailable"] = value,
                    1 => spec["maxUnavailable"] = value,
                    _ => {}
                }
                let mut b = json!({"metadata": {"name": format!("b{i}")}, "spec": spec});
                if let Some(g) = given {
                    b["status"] = json!({"disruptionsAllowed": g});
                }
                b
            })
            .collect();
    serde_json::from_value(json!({"nodes": nodes, "pods": pods, "podDisruptionBudgets": budgets}))
        .unwrap()
}

/// A budget's allowance, worked out here independently of weir (Kubernetes' disruption
/// controller: percentages round up; no owners, so the covered pods are the expected ones).
fn allowance(b: &BudgetShape, expected: i64, healthy: i64) -> i64 {
    let (_, kind, v, pct, given) = *b;
    if let Some(g) = given {
        return i64::from(g);
    }
    let scaled = if pct {
        (i64::from(v * 30) * expected + 99) / 100
    } else {
        i64::from(v)
    };
    let desired = match kind {
        0 => scaled,
        1 => (expected - scaled).max(0),
        _ => return 0,
    };
    if expected == 0 {
        0
    } else {
        (healthy - desired).max(0)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// A scale-down decision never evicts more pods of a budget than it allows (slot pods
    /// are never covered; DaemonSet pods are not evicted).
    #[test]
    fn scale_down_never_evicts_past_a_budget(s in pdb_shape(), max_down in 1i32..6) {
        let cfg = json!({"nodeGroups": [{"name": "ga", "maxNodes": 10, "template": {"cpu": "4", "memory": "64Gi"}}],
            "scaleDown": {"threshold": 50}, "scaleUp": {"threshold": 100}, "scaleDownUnneededTime": 0,
            "maxScaleDownNodes": max_down});
        let mut a = Autoscaler::new(serde_json::from_value(cfg).unwrap()).unwrap();
        let c = pdb_cluster(&s);
        a.step(at(0), &c).unwrap();
        let d = a.step(at(1), &c).unwrap();
        let removed: Vec<String> = d.scale_down.iter().map(|r| r.node.clone()).collect();
        for (bi, b) in s.2.iter().enumerate() {
            let label = format!("a{}", b.0);
            let covered = c.pods.iter().filter(|p| {
                p.metadata.labels.get("app") == Some(&label) && !p.hints.as_ref().is_some_and(|h| h.slot)
            });
            let (mut expected, mut healthy, mut evicted) = (0i64, 0i64, 0i64);
            for p in covered {
                expected += 1;
                let Some(n) = &p.spec.node_name else { continue };
                healthy += 1;
                if removed.contains(n) && !p.hints.as_ref().is_some_and(|h| h.daemon_set) {
                    evicted += 1;
                }
            }
            let allowed = allowance(b, expected, healthy);
            prop_assert!(evicted <= allowed, "budget b{bi} allows {allowed}, {evicted} evicted: {d:?}");
        }
    }
}

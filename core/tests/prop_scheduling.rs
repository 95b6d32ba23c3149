//! Invariants of scheduling (docs/scheduling.md): no node is ever over-committed; a pod
//! that fits an empty, untainted node is never reported unschedulable; spill-over never
//! leaves a pod pending while a unit of its service has room.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use serde_json::{Value, json};

fn node(name: &str, unit: &str, cpu: u32, mem_gi: u32, pods: u32, tainted: bool) -> Value {
    let taints = if tainted {
        json!([{"key": "dedicated", "value": "x", "effect": "NoSchedule"}])
    } else {
        json!([])
    };
    json!({"metadata": {"name": name, "labels": {"cafe.sofastack.io/cell": unit, "kubernetes.io/hostname": name,
            "cafe.sofastack.io/zone": format!("z{}", name.len() % 3)}},
        "spec": {"taints": taints},
        "status": {"allocatable": {"cpu": format!("{cpu}"), "memory": format!("{mem_gi}Gi"), "pods": format!("{pods}")}}})
}

fn pod(
    name: &str,
    cpu_m: u32,
    mem_mi: u32,
    prio: i32,
    anti: bool,
    spread: bool,
    slot: bool,
) -> Value {
    let mut spec = json!({"priority": prio, "containers": [{"name": "c", "resources": {"requests": {
        "cpu": format!("{cpu_m}m"), "memory": format!("{mem_mi}Mi")}}}]});
    if anti {
        spec["affinity"] = json!({"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [
            {"topologyKey": "kubernetes.io/hostname", "labelSelector": {"matchLabels": {"app": "anti"}}}]}});
    }
    if spread {
        spec["topologySpreadConstraints"] = json!([{"maxSkew": 1, "topologyKey": "cafe.sofastack.io/zone",
            "whenUnsatisfiable": "DoNotSchedule", "labelSelector": {"matchLabels": {"app": "spread"}}}]);
    }
    let app = if anti {
        "anti"
    } else if spread {
        "spread"
    } else {
        "plain"
    };
    json!({"metadata": {"name": name, "labels": {"app": app}}, "spec": spec, "hints": {"slot": slot}})
}

fn cluster() -> impl Strategy<Value = (Vec<Value>, Vec<Value>)> {
    (
        prop::collection::vec((1u32..8, 1u32..16, 1u32..6, any::<bool>(), 0usize..3), 1..8),
        prop::collection::vec(
            (
                50u32..3000,
                64u32..4096,
                -5i32..5,
                any::<bool>(),
                any::<bool>(),
                any::<bool>(),
            ),
            0..40,
        ),
    )
        .prop_map(|(ns, ps)| {
            let nodes = ns
                .iter()
                .enumerate()
                .map(|(i, (cpu, mem, pods, tainted, unit))| {
                    node(
                        &format!("n{i}"),
                        &format!("u{unit}"),
                        *cpu,
                        *mem,
                        *pods,
                        *tainted && i % 3 == 0,
                    )
                })
                .collect();
            let pods = ps
                .iter()
                .enumerate()
                .map(|(i, (cpu, mem, prio, anti, spread, slot))| {
                    pod(
                        &format!("p{i}"),
                        *cpu,
                        *mem,
                        *prio,
                        *anti && i % 4 == 0,
                        *spread && i % 5 == 0,
                        *slot && i % 2 == 0,
                    )
                })
                .collect();
            (nodes, pods)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Whatever is scheduled, with preemption, no node ends over its allocatable.
    #[test]
    fn no_node_is_over_committed((nodes, pods) in cluster()) {
        let input: weir::ScheduleAllInput = serde_json::from_value(json!({"snapshot": {"nodes": nodes}, "pods": pods})).unwrap();
        let out = weir::schedule_all(&input).unwrap();
        if let Err(e) = weir::fuzzing::check_commitments(&out.snapshot) {
            prop_assert!(false, "{}", e);
        }
        prop_assert_eq!(out.placements.len(), input.pods.len());
    }

    /// A pod that fits an empty, untainted node of the right unit is always placed.
    #[test]
    fn a_feasible_pod_is_never_unschedulable((nodes, pods) in cluster(), cpu in 50u32..1000) {
        let mut nodes = nodes;
        nodes.push(node("zz-empty", "u0", 64, 256, 110, false));
        let input: weir::ScheduleAllInput = serde_json::from_value(json!({"snapshot": {"nodes": nodes}, "pods": pods})).unwrap();
        let state = weir::schedule_all(&input).unwrap().snapshot;
        // The empty node may have been used by now; a pod that fits what is left of it
        // must still be placed somewhere.
        let one: weir::ScheduleOneInput = serde_json::from_value(json!({"snapshot": state,
            "pod": pod("probe", cpu, 64, 0, false, false, false)})).unwrap();
        let free = weir::fits_template(&serde_json::from_value(json!({
            "pod": pod("probe", cpu, 64, 0, false, false, false),
            "node": node("zz-empty", "u0", 64, 256, 110, false)})).unwrap()).unwrap();
        prop_assert!(free.fits);
        let placed = weir::schedule_one(&one).unwrap();
        let used: usize = one.snapshot.pods.iter().filter(|p| p.spec.node_name.as_deref() == Some("zz-empty")).count();
        if used == 0 {
            prop_assert!(placed.node.is_some(), "{:?}", placed.message);
        }
    }

    /// `place` leaves a pod pending only when no unit of the service can take one more.
    #[test]
    fn spill_over_never_strands_a_pod(caps in prop::collection::vec(0u32..4, 2..5), replicas in 0i32..20) {
        let units: Vec<String> = (0..caps.len()).map(|u| format!("u{u}")).collect();
        let nodes: Vec<Value> = caps.iter().enumerate()
            .map(|(u, c)| node(&format!("node-{u}"), &format!("u{u}"), 8, 32, *c, false)).collect();
        let template = json!({"metadata": {"name": "web", "labels": {"app": "web"}},
            "spec": {"containers": [{"name": "c", "resources": {"requests": {"cpu": "100m"}}}]},
            "hints": {"units": units}});
        let out = weir::place(&serde_json::from_value(json!({"snapshot": {"nodes": nodes}, "template": template, "replicas": replicas})).unwrap()).unwrap();
        let total: u32 = caps.iter().sum();
        let placed: u32 = out.units.iter().map(|u| u.placed).sum();
        prop_assert_eq!(placed as usize, out.placements.len());
        prop_assert_eq!(placed as i32 + out.pending.len() as i32, replicas);
        if !out.pending.is_empty() {
            prop_assert_eq!(placed, total, "pending while units have room: {:?}", out.units);
        }
        for (u, c) in out.units.iter().zip(&caps) {
            prop_assert!(u.placed <= *c);
        }
    }

    /// Every pod `place` leaves pending is explained as a fresh `schedule_one` of it on the
    /// resulting cluster explains it (later copies share the first one's explanation; only
    /// the first lists the per-node refusals), whatever rules the template carries.
    #[test]
    fn pending_pods_are_explained_as_a_fresh_decision(
        caps in prop::collection::vec(0u32..3, 1..4),
        extra in 0i32..6,
        cpu_m in prop::sample::select(vec![100u32, 9000]),
        anti in any::<bool>(),
        spread in any::<bool>(),
    ) {
        let units: Vec<String> = (0..caps.len()).map(|u| format!("u{u}")).collect();
        let nodes: Vec<Value> = caps.iter().enumerate()
            .map(|(u, c)| node(&format!("node-{u}"), &format!("u{u}"), 8, 32, *c, false)).collect();
        let mut template = pod("web", cpu_m, 64, 0, anti, spread, false);
        template["hints"]["units"] = json!(units);
        let replicas = caps.iter().sum::<u32>() as i32 + extra;
        let out = weir::place(&serde_json::from_value(json!({"snapshot": {"nodes": nodes},
            "template": template, "replicas": replicas})).unwrap()).unwrap();
        for (k, pending) in out.pending.iter().enumerate() {
            let mut copy = template.clone();
            copy["metadata"]["name"] = json!(pending.pod.trim_start_matches("default/"));
            let fresh = weir::schedule_one(&serde_json::from_value(json!({
                "snapshot": out.snapshot, "pod": copy})).unwrap()).unwrap();
            prop_assert_eq!(&pending.message, &fresh.message);
            prop_assert_eq!(pending.feasible_nodes, fresh.feasible_nodes);
            if k == 0 {
                prop_assert_eq!(&pending.refusals, &fresh.refusals);
            }
        }
    }
}

/// Preemption looks at every node a refusal allows, not only the first 1,000 listed.
#[test]
fn preemption_reaches_past_the_listed_refusals() {
    let nodes: Vec<Value> = (0..1001)
        .map(|i| node(&format!("n{i:04}"), "u0", 1, 4, 110, false))
        .collect();
    let pods: Vec<Value> = (0..1001)
        .map(|i| {
            let mut p = pod(&format!("p{i:04}"), 1000, 64, 0, false, false, i == 1000);
            p["spec"]["nodeName"] = json!(format!("n{i:04}"));
            p
        })
        .collect();
    let input: weir::ScheduleAllInput = serde_json::from_value(json!({
        "snapshot": {"nodes": nodes, "pods": pods},
        "pods": [pod("new", 1000, 64, 0, false, false, false)]}))
    .unwrap();
    let out = weir::schedule_all(&input).unwrap();
    assert_eq!(out.placements[0].node.as_deref(), Some("n1000"));
    assert_eq!(out.evicted, ["default/p1000"]);
    assert_eq!(out.placements[0].refusals.len(), 1000);
}

/// A node for the differential check: zones and units vary, some nodes carry a soft taint.
fn rich_node(i: usize, unit: usize, cpu: u32, pods: u32, soft_taint: bool) -> Value {
    let name = format!("n{i:02}");
    let taints = if soft_taint {
        json!([{"key": "spot", "value": "true", "effect": "PreferNoSchedule"}])
    } else {
        json!([])
    };
    json!({"metadata": {"name": name, "labels": {"cafe.sofastack.io/cell": format!("u{unit}"),
            "kubernetes.io/hostname": name, "cafe.sofastack.io/zone": format!("z{}", i % 3)}},
        "spec": {"taints": taints},
        "status": {"allocatable": {"cpu": format!("{cpu}"), "memory": "8Gi", "pods": format!("{pods}")}}})
}

/// A pod of service `svc` with the rules the scorer works out by class, by domain and by
/// cache: soft and hard spread, preferred and required anti-affinity, a unit selector.
fn rich_pod(i: usize, svc: u8, cpu_m: u32, rules: u8) -> Value {
    let app = format!("s{svc}");
    let mut spec = json!({"containers": [{"name": "c", "resources": {"requests": {
        "cpu": format!("{cpu_m}m"), "memory": "64Mi"}}}]});
    let sel = json!({"matchLabels": {"app": app}});
    let mut spread = Vec::new();
    if rules & 1 != 0 {
        spread.push(
            json!({"maxSkew": 1, "topologyKey": "cafe.sofastack.io/zone",
            "whenUnsatisfiable": "ScheduleAnyway", "labelSelector": sel}),
        );
    }
    if rules & 2 != 0 {
        spread.push(
            json!({"maxSkew": 2, "topologyKey": "kubernetes.io/hostname",
            "whenUnsatisfiable": "ScheduleAnyway", "labelSelector": sel}),
        );
    }
    if rules & 4 != 0 {
        spread.push(
            json!({"maxSkew": 1, "topologyKey": "cafe.sofastack.io/cell",
            "whenUnsatisfiable": "DoNotSchedule", "labelSelector": sel}),
        );
    }
    if !spread.is_empty() {
        spec["topologySpreadConstraints"] = json!(spread);
    }
    if rules & 8 != 0 {
        spec["affinity"] = json!({"podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
            {"weight": 50, "podAffinityTerm": {"topologyKey": "kubernetes.io/hostname", "labelSelector": sel}}]}});
    } else if rules & 16 != 0 {
        spec["affinity"] = json!({"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [
            {"topologyKey": "cafe.sofastack.io/zone", "labelSelector": sel}]}});
    }
    if rules & 32 != 0 {
        spec["nodeSelector"] = json!({"cafe.sofastack.io/cell": "u0"});
    }
    json!({"metadata": {"name": format!("p{i:03}"), "labels": {"app": app}}, "spec": spec})
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Scheduling many pods in one call, with every index and cache carried from pod to
    /// pod, places each exactly as a fresh `schedule_one` on the cluster as it stood then
    /// (same node, same scores, same refusals).
    #[test]
    fn incremental_equals_from_scratch(
        nodes in prop::collection::vec((0usize..3, 1u32..6, 1u32..12, any::<bool>()), 1..12),
        // Few request shapes, so pods share the per-shape score caches.
        pods in prop::collection::vec((0u8..4, 1u32..6, 0u8..64), 1..30),
    ) {
        let nodes: Vec<Value> = nodes.iter().enumerate()
            .map(|(i, (u, cpu, cap, t))| rich_node(i, *u, *cpu, *cap, *t)).collect();
        let pods: Vec<Value> = pods.iter().enumerate()
            .map(|(i, (svc, cpu, rules))| rich_pod(i, *svc, cpu * 250, *rules)).collect();
        let input: weir::ScheduleAllInput = serde_json::from_value(json!({
            "snapshot": {"nodes": nodes}, "pods": pods, "preemption": false})).unwrap();
        let all = weir::schedule_all(&input).unwrap();
        let mut state: weir::ClusterSnapshot = serde_json::from_value(json!({"nodes": nodes})).unwrap();
        for placed in &all.placements {
            let name = placed.pod.trim_start_matches("default/");
            let pod = input.pods.iter().find(|p| p.metadata.name == name).unwrap().clone();
            let one = weir::schedule_one(&weir::ScheduleOneInput { snapshot: state.clone(), pod: pod.clone() }).unwrap();
            prop_assert_eq!(&one, placed);
            if let Some(node) = &placed.node {
                let mut bound = pod;
                bound.spec.node_name = Some(node.clone());
                state.pods.push(bound);
            }
        }
    }
}

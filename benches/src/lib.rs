//! Workloads shared by the benches: deterministic, seeded, the same in every run.

use weir::{DagInput, DagService, GroupsInput, PodRef, ReleasePlan};

/// A small deterministic generator (a 64-bit LCG; Knuth's MMIX constants).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

/// `n` services, each depending on up to `k` distinct earlier ones (so acyclic), with
/// durations of 1–600 s: about `k·n` dependencies.
#[must_use]
pub fn dag_input(n: usize, k: usize) -> DagInput {
    let mut rng = Lcg(42);
    let services = (0..n)
        .map(|i| {
            let mut deps: Vec<String> = Vec::with_capacity(k);
            if i > 0 {
                for _ in 0..k {
                    let j = usize::try_from(rng.next()).unwrap_or(0) % i;
                    let name = format!("svc-{j:07}");
                    if !deps.contains(&name) {
                        deps.push(name);
                    }
                }
            }
            DagService {
                name: format!("svc-{i:07}"),
                depends_on: deps,
                duration_seconds: Some(u32::try_from(rng.next() % 600).unwrap_or(0) + 1),
            }
        })
        .collect();
    DagInput { services }
}

/// `pods` pods spread round-robin over `units` units, default grouping (fast, 3 groups,
/// beta on).
#[must_use]
pub fn pods_over_units(pods: usize, units: usize) -> GroupsInput {
    GroupsInput {
        pods: (0..pods)
            .map(|i| PodRef {
                name: format!("pod-{i:07}"),
                unit: format!("unit-{:04}", i % units.max(1)),
            })
            .collect(),
        grouping: None,
        beta: Some(true),
        pause_between_groups: Some(true),
        new_version: Some(true),
    }
}

/// A planned order of one app service (`svc`, v1 → v2, an image change) with `pods` pods
/// over `units` units, fast grouping without beta.
#[must_use]
pub fn release_plan(pods: usize, units: usize) -> Option<ReleasePlan> {
    let spec = |image: &str| {
        serde_json::json!({"name": "svc", "app": "svc",
            "template": {"containers": [{"name": "app", "image": image}]},
            "scaling": {"type": "fixed", "replicas": pods},
            "deploy": {"beta": false}})
    };
    let pods: Vec<serde_json::Value> = (0..pods)
        .map(|i| serde_json::json!({"name": format!("pod-{i:05}"), "unit": format!("unit-{:02}", i % units.max(1))}))
        .collect();
    let order = serde_json::json!({"id": "bench", "services": [{"name": "svc", "toVersion": "v2",
        "toSpec": spec("app:v2"), "fromVersion": "v1", "fromSpec": spec("app:v1"),
        "lastSuccessfulVersion": "v1", "pods": pods}]});
    let order: weir::ReleaseOrder = serde_json::from_value(order).ok()?;
    weir::plan_release(&order).ok()
}

/// One HPA reconcile with `pods` ready pods, a CPU utilisation metric (50 %) and a
/// memory average-value metric, and the default behaviour: the docs/performance.md HPA
/// workload at 100 pods.
#[must_use]
#[allow(
    clippy::panic,
    clippy::indexing_slicing,
    reason = "fixed bench data: a broken fixture should stop the bench"
)]
pub fn hpa_input(pods: usize) -> weir::HpaInput {
    let pod_list: Vec<serde_json::Value> = (0..pods)
        .map(|i| {
            serde_json::json!({"name": format!("pod-{i}"), "ready": true,
                "startTime": "2025-12-31T00:00:00Z", "readyTransitionTime": "2025-12-31T00:01:00Z",
                "containers": [{"name": "app", "requests": {"cpu": "500m", "memory": "512Mi"}},
                               {"name": "sidecar", "requests": {"cpu": "100m", "memory": "64Mi"}}]})
        })
        .collect();
    let cpu: Vec<serde_json::Value> = (0..pods)
        .map(|i| serde_json::json!({"pod": format!("pod-{i}"), "value": format!("{}m", 300 + (i * 37) % 400)}))
        .collect();
    let mem: Vec<serde_json::Value> = (0..pods)
        .map(|i| serde_json::json!({"pod": format!("pod-{i}"), "value": format!("{}Mi", 200 + (i * 13) % 300)}))
        .collect();
    serde_json::from_value(serde_json::json!({
        "spec": {"minReplicas": 2, "maxReplicas": 1000, "behavior": {},
            "metrics": [
                {"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 50}}},
                {"type": "Resource", "resource": {"name": "memory", "target": {"type": "AverageValue", "averageValue": "400Mi"}}}]},
        "currentReplicas": pods,
        "pods": pod_list,
        "metrics": [{"pods": cpu}, {"pods": mem}]
    }))
    .unwrap_or_else(|e| panic!("bench fixture: {e}"))
}

/// A week at a 60 s step with 20 policies in three zones: the docs/performance.md cron
/// curve workload.
#[must_use]
#[allow(
    clippy::panic,
    clippy::indexing_slicing,
    reason = "fixed bench data: a broken fixture should stop the bench"
)]
pub fn week_curve() -> weir::CurveInput {
    let zones = ["Asia/Shanghai", "America/New_York", "Europe/Berlin"];
    let crons = [
        "0 8 * * 1-5",
        "0 20 * * *",
        "30 11 * * 1-5",
        "0 */4 * * *",
        "15 2 * * 0,6",
        "0 9-17/2 * * 1-5",
        "45 23 * * 5",
        "0 6 1,15 * *",
        "*/30 12-13 * * *",
        "0 0 * * 0",
    ];
    let policies: Vec<serde_json::Value> = (0..20)
        .map(|i| {
            let mut p = serde_json::json!({"name": format!("policy-{i:02}"),
                "schedule": {"cron": crons[i % crons.len()], "timeZone": zones[i % zones.len()]},
                "action": {"type": "replicas", "replicas": 2 + (i * 7) % 30}});
            if i % 2 == 1 {
                p["durationSeconds"] = serde_json::json!(1800 + 600 * (i % 5));
                p["priority"] = serde_json::json!(1 + i % 4);
                if i % 4 == 1 {
                    p["action"]["ramp"] = serde_json::json!({"from": 2, "to": 30, "mode": "accelerating"});
                }
                if i % 6 == 3 {
                    p["action"] = serde_json::json!({"type": "metric", "targets": {"cpuUtil": 60}, "minReplicas": 4, "maxReplicas": 30});
                }
            }
            p
        })
        .collect();
    serde_json::from_value(serde_json::json!({
        "scaling": {"type": "elastic", "initialReplicas": 2, "minReplicas": 2, "maxReplicas": 40, "policies": policies},
        "from": "2026-03-23T00:00:00Z", "to": "2026-03-30T00:00:00Z", "stepSeconds": 60
    }))
    .unwrap_or_else(|e| panic!("bench fixture: {e}"))
}

/// The docs/performance.md scheduler workload: `nodes` nodes in 10 units and 5 zones (one
/// in ten tainted `dedicated=batch:NoSchedule`, one in five with a `PreferNoSchedule`
/// taint), 32 CPU / 128 GiB / 110 pods each; and `pods` pending pods of 500 services
/// (100 m–500 m CPU, 128–512 MiB): every service tolerates nothing special, a third
/// spread softly over zones, a third prefer anti-affinity on the hostname, one in ten
/// require a unit, one in twenty tolerate the batch taint.
#[must_use]
#[allow(
    clippy::panic,
    clippy::indexing_slicing,
    reason = "fixed bench data: a broken fixture should stop the bench"
)]
pub fn scheduling_workload(nodes: usize, pods: usize) -> weir::ScheduleAllInput {
    let node_list: Vec<serde_json::Value> = (0..nodes)
        .map(|i| {
            let mut taints = Vec::new();
            if i % 10 == 7 {
                taints.push(serde_json::json!({"key": "dedicated", "value": "batch", "effect": "NoSchedule"}));
            }
            if i % 5 == 3 {
                taints.push(serde_json::json!({"key": "spot", "value": "true", "effect": "PreferNoSchedule"}));
            }
            serde_json::json!({
                "metadata": {"name": format!("node-{i:05}"), "labels": {
                    "cafe.sofastack.io/cell": format!("rz{:02}", i % 10),
                    "cafe.sofastack.io/zone": format!("zone-{}", i % 5),
                    "kubernetes.io/hostname": format!("node-{i:05}")}},
                "spec": {"taints": taints},
                "status": {"allocatable": {"cpu": "32", "memory": "128Gi", "pods": "110"}}})
        })
        .collect();
    let pod_list: Vec<serde_json::Value> = (0..pods)
        .map(|i| {
            let svc = i % 500;
            let app = format!("svc-{svc:03}");
            let mut spec = serde_json::json!({"containers": [{"name": "app", "resources": {"requests": {
                "cpu": format!("{}m", 100 + (svc % 5) * 100), "memory": format!("{}Mi", 128 * (1 + svc % 4))}}}]});
            if svc % 3 == 0 {
                spec["topologySpreadConstraints"] = serde_json::json!([{"maxSkew": 1,
                    "topologyKey": "cafe.sofastack.io/zone", "whenUnsatisfiable": "ScheduleAnyway",
                    "labelSelector": {"matchLabels": {"app": app}}}]);
            }
            if svc % 3 == 1 {
                spec["affinity"] = serde_json::json!({"podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
                    {"weight": 100, "podAffinityTerm": {"topologyKey": "kubernetes.io/hostname",
                        "labelSelector": {"matchLabels": {"app": app}}}}]}});
            }
            if svc % 10 == 5 {
                spec["nodeSelector"] = serde_json::json!({"cafe.sofastack.io/cell": format!("rz{:02}", svc % 10)});
            }
            if svc % 20 == 7 {
                spec["tolerations"] = serde_json::json!([{"key": "dedicated", "operator": "Equal", "value": "batch", "effect": "NoSchedule"}]);
            }
            serde_json::json!({"metadata": {"name": format!("{app}-{i}"), "labels": {"app": app}}, "spec": spec})
        })
        .collect();
    serde_json::from_value(serde_json::json!({
        "snapshot": {"nodes": node_list},
        "pods": pod_list,
        "preemption": false
    }))
    .unwrap_or_else(|e| panic!("bench fixture: {e}"))
}

/// One simulated day: `nodes` nodes over two units, `services` app services of
/// `pods / services` pods at their peak (a linear morning ramp from half, the peak, an HPA
/// window at lunch, half again at night), a load series each, a 10 s step.
#[must_use]
pub fn day_scenario(nodes: usize, services: usize, pods: usize) -> weir::simulation::Scenario {
    let per = (pods / services.max(1)).max(2);
    let half = per / 2;
    let svcs: Vec<serde_json::Value> = (0..services)
        .map(|i| {
            serde_json::json!({"running": true, "spec": {
                "name": format!("svc-{i:03}"), "app": format!("app-{i:03}"),
                "template": {"containers": [{"name": "c", "image": "app:1",
                    "resources": {"requests": {"cpu": "250m", "memory": "512Mi"}}}]},
                "scaling": {"type": "elastic", "initialReplicas": half, "minReplicas": half, "maxReplicas": per,
                    "policies": [
                        {"name": "morning", "schedule": {"cron": format!("{} 8 * * *", i % 60)}, "durationSeconds": 7200,
                         "priority": 2, "action": {"type": "replicas", "replicas": per,
                         "ramp": {"from": half, "to": per, "mode": "linear"}}},
                        {"name": "peak", "schedule": {"cron": format!("{} 10 * * *", i % 60)},
                         "action": {"type": "replicas", "replicas": per}},
                        {"name": "lunch", "schedule": {"cron": "0 12 * * *"}, "durationSeconds": 7200, "priority": 3,
                         "action": {"type": "metric", "targets": {"cpuUtil": 60}, "minReplicas": half, "maxReplicas": per}},
                        {"name": "night", "schedule": {"cron": format!("{} 22 * * *", i % 60)},
                         "action": {"type": "replicas", "replicas": half}}]}},
                "load": [{"at": "00:00", "cpu": format!("{}m", half * 50)},
                         {"at": "12:00", "cpu": format!("{}m", per * 200)},
                         {"at": "14:00", "cpu": format!("{}m", per * 100)}]})
        })
        .collect();
    let per_unit = nodes / 2;
    let v = serde_json::json!({
        "name": format!("{nodes} nodes, {services} services, {pods} pods"),
        "start": "2026-11-27T00:00:00Z", "end": "2026-11-28T00:00:00Z", "stepSeconds": 10,
        "units": [{"name": "u1", "zone": "z1"}, {"name": "u2", "zone": "z2"}],
        "nodePools": [
            {"name": "a", "unit": "u1", "count": per_unit, "cpu": "8", "memory": "32Gi"},
            {"name": "b", "unit": "u2", "count": nodes - per_unit, "cpu": "8", "memory": "32Gi"}],
        "services": svcs});
    serde_json::from_value(v).unwrap_or_else(|e| unreachable!("the day scenario is valid: {e}"))
}

/// The autoscaler's workload: `groups` node groups (8 or 16 cores, over 3 zones, at most
/// 200 nodes each), `nodes` nodes spread over them, each nearly full (a business pod
/// leaving 500m and a DaemonSet pod), and `pending` node-autoscaling pods of 10
/// deployments (1–4 cores; one in five bound to a zone) that no existing node takes.
#[must_use]
#[allow(
    clippy::panic,
    clippy::indexing_slicing,
    reason = "fixed bench data: a broken fixture should stop the bench"
)]
pub fn autoscaler_workload(
    nodes: usize,
    groups: usize,
    pending: usize,
) -> (weir::AutoscalerConfig, weir::ClusterSnapshot) {
    let cores = |g: usize| if g.is_multiple_of(2) { 8 } else { 16 };
    let group_list: Vec<serde_json::Value> = (0..groups)
        .map(|g| {
            serde_json::json!({"name": format!("group-{g:03}"), "priority": g % 4, "maxNodes": 200,
                "template": {"zone": format!("zone-{}", g % 3), "cpu": format!("{}", cores(g)),
                    "memory": format!("{}Gi", cores(g) * 4)}})
        })
        .collect();
    let config = serde_json::json!({"nodeGroups": group_list});
    let mut pods: Vec<serde_json::Value> = Vec::with_capacity(nodes * 2 + pending);
    let node_list: Vec<serde_json::Value> = (0..nodes)
        .map(|i| {
            let g = i % groups.max(1);
            let name = format!("node-{i:05}");
            pods.push(serde_json::json!({"metadata": {"name": format!("busy-{i:05}")},
                "spec": {"nodeName": name, "containers": [{"name": "c", "resources": {"requests": {
                    "cpu": format!("{}m", cores(g) * 1000 - 700), "memory": format!("{}Gi", cores(g) * 2)}}}]},
                "hints": {"nodeAutoscaling": true}}));
            pods.push(serde_json::json!({"metadata": {"name": format!("ds-{i:05}"), "namespace": "kube-system"},
                "spec": {"nodeName": name, "containers": [{"name": "c", "resources": {"requests": {
                    "cpu": "200m", "memory": "256Mi"}}}]}, "hints": {"daemonSet": true}}));
            serde_json::json!({"metadata": {"name": name, "labels": {
                    "weir.io/node-group": format!("group-{g:03}"),
                    "cafe.sofastack.io/sub-cluster": "default",
                    "cafe.sofastack.io/zone": format!("zone-{}", g % 3),
                    "kubernetes.io/hostname": name}},
                "status": {"allocatable": {"cpu": format!("{}", cores(g)), "memory": format!("{}Gi", cores(g) * 4)}}})
        })
        .collect();
    for i in 0..pending {
        let d = i % 10;
        let mut spec = serde_json::json!({"containers": [{"name": "app", "resources": {"requests": {
            "cpu": format!("{}m", 1000 + (d % 4) * 1000), "memory": format!("{}Gi", 1 + d % 3)}}}]});
        if d.is_multiple_of(5) {
            spec["nodeSelector"] =
                serde_json::json!({"cafe.sofastack.io/zone": format!("zone-{}", d % 3)});
        }
        pods.push(serde_json::json!({"metadata": {"name": format!("app-{d}-{i:05}"), "labels": {"app": format!("app-{d}")}},
            "spec": spec, "hints": {"nodeAutoscaling": true}}));
    }
    let config = serde_json::from_value(config).unwrap_or_else(|e| panic!("bench fixture: {e}"));
    let cluster = serde_json::from_value(serde_json::json!({"nodes": node_list, "pods": pods}))
        .unwrap_or_else(|e| panic!("bench fixture: {e}"));
    (config, cluster)
}

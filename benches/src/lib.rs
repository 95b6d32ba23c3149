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

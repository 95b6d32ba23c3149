//! The scheduling limits (`weir::scheduling::limits`): each is refused before any work, as
//! `validation` / `too_many` at the field that carries the size, and a large shortfall in
//! `place` stays linear (found by a hostile-input sweep: 10^6 replicas took 18 s and 2 GB).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::{Value, json};
use weir::scheduling::limits::{
    MAX_DECISIONS, MAX_NODES, MAX_PDB_POD_CHECKS, MAX_PDBS, MAX_PLACE_REPLICAS,
};

fn node(i: usize, unit: &str) -> Value {
    json!({"metadata": {"name": format!("n{i:05}"), "labels": {"cafe.sofastack.io/cell": unit}},
        "status": {"allocatable": {"cpu": "1", "memory": "1Gi"}}})
}

fn template(cpu: &str) -> Value {
    json!({"metadata": {"name": "web"}, "spec": {"containers": [{"name": "c",
        "resources": {"requests": {"cpu": cpu}}}]}})
}

/// The one field error of a `too_many` refusal, as `(path, code)`.
fn too_many(err: weir::Error) -> String {
    let weir::Error::Validation(weir::ValidationErrors(fields)) = &err else {
        panic!("expected a validation error, got {err}");
    };
    assert_eq!(fields.len(), 1, "{fields:?}");
    assert_eq!(fields[0].code, weir::FieldErrorCode::TooMany);
    fields[0].path.clone()
}

#[test]
fn place_refuses_more_replicas_than_the_limit() {
    let input: weir::PlaceInput = serde_json::from_value(json!({
        "snapshot": {"nodes": [node(0, "a")]}, "template": template("100m"),
        "replicas": MAX_PLACE_REPLICAS + 1, "units": ["a"]}))
    .unwrap();
    assert_eq!(too_many(weir::place(&input).unwrap_err()), "replicas");
    let mut s = weir::Scheduler::new(&input.snapshot).unwrap();
    let before = serde_json::to_value(s.snapshot()).unwrap();
    let err = s
        .place(
            &serde_json::from_value(json!({"template": template("100m"),
            "replicas": i32::MAX, "units": ["a"]}))
            .unwrap(),
        )
        .unwrap_err();
    assert_eq!(too_many(err), "replicas");
    assert_eq!(serde_json::to_value(s.snapshot()).unwrap(), before);
}

/// The largest `place` allowed, where nothing fits: every copy is pending, explained once.
#[test]
fn a_shortfall_of_the_largest_place_is_linear() {
    let nodes: Vec<Value> = (0..200)
        .map(|i| node(i, if i % 2 == 0 { "a" } else { "b" }))
        .collect();
    let input: weir::PlaceInput = serde_json::from_value(json!({
        "snapshot": {"nodes": nodes}, "template": template("2"),
        "replicas": MAX_PLACE_REPLICAS, "units": ["a", "b"]}))
    .unwrap();
    let out = weir::place(&input).unwrap();
    assert!(out.placements.is_empty());
    assert_eq!(out.pending.len(), MAX_PLACE_REPLICAS as usize);
    assert_eq!(out.pending[0].refusals.len(), 200);
    let message = out.pending[0].message.clone();
    assert_eq!(
        message.as_deref(),
        Some("0/200 nodes are available: 200 Insufficient cpu.")
    );
    assert!(
        out.pending[1..]
            .iter()
            .all(|p| p.refusals.is_empty() && p.message == message)
    );
    assert_eq!(out.pending.last().unwrap().pod, "default/web-99999");
    assert_eq!(
        out.units.iter().map(|u| u.spilled_out).sum::<u32>(),
        MAX_PLACE_REPLICAS as u32
    );
}

#[test]
fn a_snapshot_over_the_node_limit_is_refused() {
    let nodes: Vec<Value> = (0..=MAX_NODES).map(|i| node(i, "a")).collect();
    let snapshot: weir::ClusterSnapshot = serde_json::from_value(json!({"nodes": nodes})).unwrap();
    assert_eq!(
        too_many(weir::Scheduler::new(&snapshot).unwrap_err()),
        "nodes"
    );
}

/// Pending pods × nodes over [`MAX_DECISIONS`] is refused before any pod is added.
#[test]
fn scheduling_work_over_the_limit_is_refused() {
    let nodes: Vec<Value> = (0..MAX_NODES).map(|i| node(i, "a")).collect();
    let snapshot: weir::ClusterSnapshot = serde_json::from_value(json!({"nodes": nodes})).unwrap();
    let mut s = weir::Scheduler::new(&snapshot).unwrap();
    let count = (MAX_DECISIONS / MAX_NODES as u64) as usize + 1;
    let pods: Vec<weir::Pod> = (0..count)
        .map(|i| {
            let mut p = template("1m");
            p["metadata"]["name"] = json!(format!("p{i}"));
            serde_json::from_value(p).unwrap()
        })
        .collect();
    let input = weir::SchedulePodsInput {
        pods,
        preemption: None,
    };
    assert_eq!(too_many(s.schedule_all(&input).unwrap_err()), "pods");
    assert!(s.cluster().pods.is_empty());
}

/// A template of `replicas` copies with a hard spread constraint over `units` units of two
/// nodes each, where no copy fits.
fn spread_place(units: usize, replicas: i32) -> weir::Result<weir::PlaceResult> {
    let names: Vec<String> = (0..units).map(|u| format!("u{u}")).collect();
    let nodes: Vec<Value> = (0..2 * units).map(|i| node(i, &names[i % units])).collect();
    let mut t = template("2");
    t["spec"]["topologySpreadConstraints"] = json!([{"maxSkew": 1,
        "topologyKey": "cafe.sofastack.io/cell", "whenUnsatisfiable": "DoNotSchedule",
        "labelSelector": {"matchLabels": {"app": "web"}}}]);
    t["metadata"]["labels"] = json!({"app": "web"});
    weir::place(
        &serde_json::from_value(json!({
        "snapshot": {"nodes": nodes}, "template": t, "replicas": replicas, "units": names}))
        .unwrap(),
    )
}

/// A template whose own pods change its feasibility (a hard spread constraint) keeps a
/// shortfall linear too: without a placement in between, a unit that refused a copy is not
/// tried again. Each copy may try every unit, so units count in the decisions checked
/// (the review's case: 20,000 copies over 1,000 units of 2,000 nodes).
#[test]
fn a_shortfall_with_spread_constraints_tries_each_unit_once() {
    assert_eq!(
        too_many(spread_place(1000, 20_000).unwrap_err()),
        "replicas"
    );
    let out = spread_place(100, 20_000).unwrap();
    assert_eq!(out.pending.len(), 20_000);
    assert_eq!(out.pending[0].refusals.len(), 200);
    assert!(out.pending[1..].iter().all(|p| p.refusals.is_empty()));
}

/// A budget of namespace `ns` over `app: web`.
fn budget(i: usize, ns: &str) -> Value {
    json!({"metadata": {"name": format!("b{i}"), "namespace": ns},
        "spec": {"selector": {"matchLabels": {"app": "web"}}, "minAvailable": 1}})
}

#[test]
fn a_snapshot_refuses_more_budgets_than_the_limit() {
    let budgets: Vec<Value> = (0..=MAX_PDBS).map(|i| budget(i, "default")).collect();
    let snap: weir::ClusterSnapshot =
        serde_json::from_value(json!({"nodes": [node(0, "a")], "podDisruptionBudgets": budgets}))
            .unwrap();
    let err = weir::Scheduler::new(&snap).unwrap_err();
    assert_eq!(too_many(err), "podDisruptionBudgets");
    let mut a = weir::Autoscaler::new(
        serde_json::from_value(
            json!({"nodeGroups": [{"name": "g", "template": {"cpu": "1", "memory": "1Gi"}}]}),
        )
        .unwrap(),
    )
    .unwrap();
    let t = weir::time::Timestamp::from_unix_seconds(1_767_225_600.0).unwrap();
    assert_eq!(
        too_many(a.step(t, &snap).unwrap_err()),
        "podDisruptionBudgets"
    );
    // The limit itself is accepted.
    let mut snap = snap;
    snap.pod_disruption_budgets.truncate(MAX_PDBS);
    assert!(weir::Scheduler::new(&snap).is_ok());
}

#[test]
fn a_snapshot_refuses_budgets_matched_against_too_many_pods() {
    // Every budget is matched against the pods of its namespace: budgets × pods past the
    // limit, without a pod being matched.
    let pods = usize::try_from(MAX_PDB_POD_CHECKS).unwrap() / 1_000 + 1;
    let pods: Vec<Value> = (0..pods)
        .map(|i| json!({"metadata": {"name": format!("p{i}"), "labels": {"app": "web"}}}))
        .collect();
    let budgets: Vec<Value> = (0..1_000).map(|i| budget(i, "default")).collect();
    let mut snap: weir::ClusterSnapshot = serde_json::from_value(
        json!({"nodes": [node(0, "a")], "pods": pods, "podDisruptionBudgets": budgets}),
    )
    .unwrap();
    assert_eq!(
        too_many(weir::Scheduler::new(&snap).unwrap_err()),
        "podDisruptionBudgets"
    );
    // Budgets of another namespace cost nothing against these pods.
    for b in &mut snap.pod_disruption_budgets {
        b.metadata.namespace = Some("other".into());
    }
    assert!(weir::Scheduler::new(&snap).is_ok());
}

//! The autoscaler's limits (`weir::autoscaling::limits`) on inputs too large for a shared
//! vector: each is refused before any work, as `validation` / `too_many` at the field that
//! carries the size, and the refused call changes nothing.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::json;
use weir::autoscaling::limits::{MAX_NODE_GROUPS, MAX_PENDING_PODS};
use weir::machine::Machine;
use weir::time::Timestamp;

/// The field errors of a validation refusal, as `(path, code)`.
fn fields(err: weir::Error) -> Vec<(String, weir::FieldErrorCode)> {
    let weir::Error::Validation(fields) = err else {
        panic!("expected a validation error, got {err}");
    };
    fields.0.into_iter().map(|f| (f.path, f.code)).collect()
}

fn group(i: usize) -> serde_json::Value {
    json!({"name": format!("g{i}"), "maxNodes": 1, "template": {"cpu": "1", "memory": "1Gi"}})
}

#[test]
fn too_many_node_groups_is_refused_at_node_groups() {
    let groups: Vec<_> = (0..=MAX_NODE_GROUPS).map(group).collect();
    let config: weir::AutoscalerConfig =
        serde_json::from_value(json!({"nodeGroups": groups})).unwrap();
    let err = weir::Autoscaler::new(config).unwrap_err();
    assert_eq!(
        fields(err),
        vec![("nodeGroups".to_owned(), weir::FieldErrorCode::TooMany)]
    );
    // At the limit: accepted.
    let groups: Vec<_> = (0..MAX_NODE_GROUPS).map(group).collect();
    let config = serde_json::from_value(json!({"nodeGroups": groups})).unwrap();
    assert!(weir::Autoscaler::new(config).is_ok());
}

#[test]
fn too_many_pending_pods_is_refused_and_changes_nothing() {
    let config = serde_json::from_value(json!({"nodeGroups": [group(0)]})).unwrap();
    let mut a = weir::Autoscaler::new(config).unwrap();
    let pod = |i: usize| {
        json!({"metadata": {"name": format!("p{i}")}, "spec": {"containers": [{"name": "c",
            "resources": {"requests": {"cpu": "1"}}}]}, "hints": {"nodeAutoscaling": true}})
    };
    let pods: Vec<_> = (0..=MAX_PENDING_PODS).map(pod).collect();
    let cluster: weir::ClusterSnapshot = serde_json::from_value(json!({"pods": pods})).unwrap();
    let now = Timestamp::from_unix_seconds(1_767_225_600.0).unwrap();
    let before = a.snapshot();
    let err = a.step(now, &cluster).unwrap_err();
    assert_eq!(
        fields(err),
        vec![("cluster.pods".to_owned(), weir::FieldErrorCode::TooMany)]
    );
    assert_eq!(a.snapshot(), before);
}

#[test]
fn a_pod_on_an_unknown_node_is_refused_as_the_scheduler_refuses_it() {
    // The step reads the snapshot's totals without the scheduler when nothing can fit;
    // its structural checks are the scheduler's, with the same paths.
    let config = serde_json::from_value(json!({"nodeGroups": [group(0)]})).unwrap();
    let mut a = weir::Autoscaler::new(config).unwrap();
    let cluster: weir::ClusterSnapshot = serde_json::from_value(json!({"pods": [
        {"metadata": {"name": "a"}, "spec": {"nodeName": "ghost"}},
        {"metadata": {"name": "a"}, "spec": {"nodeName": "ghost"}}]}))
    .unwrap();
    let now = Timestamp::from_unix_seconds(1_767_225_600.0).unwrap();
    let mine = fields(a.step(now, &cluster).unwrap_err());
    let scheduler = fields(weir::Scheduler::new(&cluster).err().unwrap());
    assert_eq!(mine, scheduler);
    assert_eq!(
        mine,
        vec![
            (
                "pods[0].spec.nodeName".to_owned(),
                weir::FieldErrorCode::Invalid
            ),
            (
                "pods[1].spec.nodeName".to_owned(),
                weir::FieldErrorCode::Invalid
            ),
            (
                "pods[1].metadata.name".to_owned(),
                weir::FieldErrorCode::Duplicate
            ),
        ]
    );
}

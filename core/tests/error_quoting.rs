//! An error quotes at most a bounded piece of its input: a hostile-input sweep found a
//! 10 MB quantity echoed whole in a 10 MB message. Here a 1 MB name, zone or timestamp goes
//! through each area's checks and every message stays short.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::json;

/// The longest message an error of any of these may carry (field messages are cut at
/// `MAX_FIELD_MESSAGE_CHARS`, a validation message lists at most `MAX_MESSAGE_FIELDS`).
const BOUND: usize = 16 * 600;

fn short(err: weir::Error) {
    let text = err.to_string();
    assert!(text.chars().count() < BOUND, "{} chars", text.len());
    let details = serde_json::to_string(&err.details()).unwrap();
    assert!(
        details.chars().count() < BOUND,
        "{} chars of details",
        details.len()
    );
}

fn huge() -> String {
    "x".repeat(1 << 20)
}

#[test]
fn cron_time_zone_and_timestamp() {
    let input = json!({"cron": "0 9 * * *", "timeZone": huge(), "after": "2026-11-27T00:00:00Z"});
    short(weir::cron_next(&serde_json::from_value(input).unwrap()).unwrap_err());
    let input = json!({"cron": "0 9 * * *", "after": huge()});
    short(weir::cron_next(&serde_json::from_value(input).unwrap()).unwrap_err());
    let input = json!({"cron": format!("0 9 * * 1,{}", huge()), "after": "2026-11-27T00:00:00Z"});
    short(weir::cron_next(&serde_json::from_value(input).unwrap()).unwrap_err());
}

#[test]
fn scheduling_names() {
    let node = json!({"metadata": {"name": huge()}, "status": {"allocatable": {"cpu": "1"}}});
    let snapshot: weir::ClusterSnapshot =
        serde_json::from_value(json!({"nodes": [node, node]})).unwrap();
    short(weir::Scheduler::new(&snapshot).unwrap_err());
    let pod = json!({"metadata": {"name": "p"}, "spec": {"nodeName": huge(), "containers": []}});
    let snapshot: weir::ClusterSnapshot =
        serde_json::from_value(json!({"nodes": [], "pods": [pod]})).unwrap();
    short(weir::Scheduler::new(&snapshot).unwrap_err());
}

#[test]
fn quantities_and_labels() {
    short(weir::Quantity::parse(&huge()).unwrap_err());
    let err = weir::error::from_json_str::<weir::HpaInput>(&json!({"now": huge()}).to_string());
    short(err.unwrap_err());
    let labels = weir::Labels::from([(huge(), huge())]);
    short(weir::validate_labels(&labels).unwrap_err());
}

#[test]
fn engine_and_guard_names() {
    let mut guard = weir::ReleaseGuard::new();
    let cmd = |v: serde_json::Value| -> weir::GuardEvent { serde_json::from_value(v).unwrap() };
    let now: weir::time::Timestamp = "2026-11-27T09:00:00Z".parse().unwrap();
    guard
        .handle(
            now,
            cmd(json!({"type": "beginOperation", "service": huge(), "operation": huge()})),
        )
        .unwrap();
    short(
        guard
            .handle(
                now,
                cmd(json!({"type": "beginOrder", "order": huge(), "services": [huge()]})),
            )
            .unwrap_err(),
    );
    short(
        guard
            .handle(
                now,
                cmd(json!({"type": "endOperation", "service": "other"})),
            )
            .unwrap_err(),
    );
    let mut h = weir::VersionHistory::new(None);
    let spec = json!({"name": "web", "app": "web", "template": {"containers": [{"name": "web", "image": "nginx:1"}]}});
    h.handle(
        now,
        serde_json::from_value(json!({"type": "create", "spec": spec, "author": "a"})).unwrap(),
    )
    .unwrap();
    let out = h.handle(
        now,
        serde_json::from_value(json!({"type": "copyToDraft", "version": huge()})).unwrap(),
    );
    short(out.unwrap_err());
}

/// A node's name goes into a field path as a map key (`nodes[name]...`), cut like any key:
/// a 1 MB node name with a bad taint timestamp made a 1 MB path.
#[test]
fn node_name_in_a_taint_path() {
    let input = json!({
        "snapshot": {
            "nodes": [{"metadata": {"name": huge()}, "spec": {"taints": [
                {"key": "k", "effect": "NoExecute", "timeAdded": "not a time"}]}}],
            "pods": [{"metadata": {"name": "p"}, "spec": {"nodeName": huge(),
                "containers": [{"name": "c"}]}}]
        },
        "now": "2026-01-01T00:00:00Z"
    });
    short(weir::taint_evictions(&serde_json::from_value(input).unwrap()).unwrap_err());
}

//! The quick start's scenario: the copies shipped with the Python and Node packages are the
//! example's, and the story it tells holds (both releases end as told, pods always fit).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;

use weir::simulation::{Scenario, Simulation};

fn read(rel: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    std::fs::read_to_string(root.join(rel)).unwrap()
}

#[test]
fn the_packages_ship_the_examples_scenario() {
    let example = read("core/examples/quickstart/scenario.json");
    assert_eq!(
        read("bindings-python/python/weir/quickstart_scenario.json"),
        example
    );
    assert_eq!(read("bindings-node/quickstart-scenario.json"), example);
}

#[test]
fn the_quick_start_tells_its_story() {
    let sc: Scenario =
        serde_json::from_str(&read("core/examples/quickstart/scenario.json")).unwrap();
    let r = Simulation::new(sc).unwrap().run().unwrap();
    let s = &r.summary;
    assert!(s.violations.is_empty(), "{:?}", s.violations);
    let outcomes: Vec<(String, Option<String>)> = s
        .releases
        .iter()
        .map(|rel| (rel.order.clone(), rel.outcome.map(|o| format!("{o:?}"))))
        .collect();
    assert_eq!(
        outcomes,
        [
            ("order-1".into(), Some("Succeeded".into())),
            ("order-2".into(), Some("Cancelled".into()))
        ]
    );
    assert_eq!(
        s.releases[1].services["aks-vote-front-appservice"],
        "rolledBack"
    );
    let lines = r.lines().join("\n");
    for needle in [
        "waiting for confirmBeta",
        "CrashLoopBackOff",
        "policy morning-ramp, ramp",
        "policy night",
    ] {
        assert!(
            lines.contains(needle),
            "no `{needle}` in the timeline:\n{lines}"
        );
    }
    assert!(s.nodes_added > 0 && s.nodes_removed > 0, "{s:?}");
    assert!(lines.contains("scale-up:") && lines.contains("scale-down: drained and removed"));
    let svg = r.to_svg();
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
}

/// Slot pods absorb a burst: the business pods take the slots' room at once (no business
/// pod waits while slot pods remain), and the autoscaler adds a node for the evicted
/// slot pods afterwards — ahead of the next burst.
#[test]
fn slot_pods_absorb_a_burst() {
    let v = serde_json::json!({
        "start": "2026-11-27T00:00:00Z", "end": "2026-11-27T02:00:00Z", "stepSeconds": 10,
        "units": [{"name": "u1", "zone": "z1"}],
        "nodePools": [{"name": "el", "unit": "u1", "count": 2, "cpu": "2", "memory": "4Gi",
            "labels": {"weir.io/node-group": "el", "cafe.sofastack.io/sub-cluster": "default"}}],
        "timing": {"nodeProvisioningSeconds": 120},
        "autoscaler": {"scaleUp": {"enabled": true, "threshold": 50},
            "slotPod": {"cpu": "500m", "memory": "1Gi"},
            "nodeGroups": [{"name": "el", "maxNodes": 5,
                "template": {"unit": "u1", "zone": "z1", "cpu": "2", "memory": "4Gi"}}]},
        "services": [{"running": true, "spec": {"name": "web", "app": "web", "nodeAutoscaling": true,
            "template": {"containers": [{"name": "c", "image": "web:1",
                "resources": {"requests": {"cpu": "500m", "memory": "256Mi"}}}]},
            "scaling": {"type": "elastic", "initialReplicas": 2, "minReplicas": 2, "maxReplicas": 8,
                "policies": [{"name": "burst", "schedule": {"at": "2026-11-27T00:30:00Z"},
                    "action": {"type": "replicas", "replicas": 5}}]}}}]
    });
    let sc: Scenario = serde_json::from_value(v).unwrap();
    let r = Simulation::new(sc).unwrap().run().unwrap();
    let s = &r.summary;
    assert!(s.violations.is_empty(), "{:?}", s.violations);
    assert_eq!(s.final_replicas["web"], 5);
    assert_eq!(s.longest_pending_seconds, 0, "{:?}", r.pending_waits);
    assert!(s.nodes_added >= 1, "{}", r.lines().join("\n"));
    let burst = r
        .timeline
        .iter()
        .position(|e| e.text.starts_with("replicas 2 → 5"))
        .unwrap();
    let up = r
        .timeline
        .iter()
        .position(|e| e.text.starts_with("scale-up:"))
        .unwrap();
    assert!(
        up > burst,
        "the scale-up follows the burst the slots absorbed"
    );
    // When the new node has joined, the water level is back at or below the upper mark.
    // (It does not stay there: the node holds only slot pods, so scale-down removes it as
    // unneeded after `scaleDownUnneededTime`, and the slot pods ask for it again — the
    // autoscaler flaps between the marks; see docs/simulation.md.)
    let joined = r
        .timeline
        .iter()
        .find(|e| e.text.starts_with("joined"))
        .unwrap();
    let t = u32::try_from(joined.at.seconds_since(r.timeline[0].at) as i64).unwrap();
    let i = r.series.t.iter().position(|x| *x == t).unwrap();
    let level = r.series.water_level[i];
    assert!(level <= 50.0, "water level {level} above the upper mark");
}

/// A day at 1 s with 300 services would record 26 million series values: refused before
/// any work, at `stepSeconds` (MAX_SERIES_VALUES).
#[test]
fn too_many_series_values_are_refused_before_work() {
    let services: Vec<serde_json::Value> = (0..300)
        .map(|i| {
            serde_json::json!({"spec": {"name": format!("s{i}"), "app": "a",
            "template": {"containers": [{"name": "c", "image": "i:1"}]}}})
        })
        .collect();
    let v = serde_json::json!({"start": "2026-11-27T00:00:00Z", "end": "2026-11-28T00:00:00Z",
        "stepSeconds": 1, "units": [{"name": "u", "zone": "z"}], "services": services});
    let err = Simulation::new(serde_json::from_value(v).unwrap()).unwrap_err();
    let weir::Error::Validation(fields) = &err else {
        panic!("{err}")
    };
    assert_eq!(fields.0[0].path, "stepSeconds");
    assert_eq!(fields.0[0].code, weir::FieldErrorCode::TooMany);
}

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

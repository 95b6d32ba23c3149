//! Replays every input under `fuzz/regressions/<target>/` (minimised crashers and edge
//! cases) and `fuzz/seeds/<target>/` through the same checks the fuzz targets run.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;

type Check = fn(&[u8]) -> Result<(), String>;

#[test]
fn replay_fuzz_inputs() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let targets: [(&str, Check); 10] = [
        ("parse_quantity", weir::fuzzing::quantity),
        ("selector_json", weir::fuzzing::selector),
        ("app_service_json", weir::fuzzing::app_service),
        ("release_events", weir::fuzzing::release_events),
        ("cron_policy", weir::fuzzing::cron_policy),
        ("hpa_json", weir::fuzzing::hpa),
        ("scheduling_json", weir::fuzzing::scheduling),
        ("engine_restore", weir::fuzzing::engine_restore),
        ("autoscaler_steps", weir::fuzzing::autoscaler_steps),
        ("simulation", weir::simulation::fuzz::scenario),
    ];
    let mut replayed = 0;
    for (target, check) in targets {
        for dir in ["regressions", "seeds"] {
            let Ok(entries) = std::fs::read_dir(fuzz.join(dir).join(target)) else {
                continue;
            };
            for entry in entries {
                let path = entry.unwrap().path();
                let data = std::fs::read(&path).unwrap();
                if let Err(broken) = check(&data) {
                    panic!("{}: {broken}", path.display());
                }
                replayed += 1;
            }
        }
    }
    assert!(
        replayed >= 10,
        "only {replayed} fuzz inputs found under {}",
        fuzz.display()
    );
}

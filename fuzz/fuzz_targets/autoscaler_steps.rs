//! Autoscaler step and observe sequences on arbitrary bytes: no panic, refused events
//! change nothing, restored twins answer alike, decisions keep their invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = weir::fuzzing::autoscaler_steps(data) {
        panic!("{broken}");
    }
});

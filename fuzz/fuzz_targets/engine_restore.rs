//! Tampered release-engine snapshots on arbitrary bytes: `restore` refuses them, or the
//! restored engine drives correctly (refused events change nothing, groups finish only
//! with every pod updated, its own snapshots restore).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = weir::fuzzing::engine_restore(data) {
        panic!("{broken}");
    }
});

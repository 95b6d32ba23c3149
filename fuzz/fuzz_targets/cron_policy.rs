//! See `weir::fuzzing::cron_policy`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = weir::fuzzing::cron_policy(data) {
        panic!("{broken}");
    }
});

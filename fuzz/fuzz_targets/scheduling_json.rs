//! See `weir::fuzzing::scheduling`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = weir::fuzzing::scheduling(data) {
        panic!("{broken}");
    }
});

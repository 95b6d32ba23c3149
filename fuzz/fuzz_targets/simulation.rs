//! See `weir::simulation::fuzz::scenario`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = weir::simulation::fuzz::scenario(data) {
        panic!("{broken}");
    }
});

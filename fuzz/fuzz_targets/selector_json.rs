//! Label/node selector JSON on arbitrary bytes: parsing, validation and matching never
//! panic and are deterministic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = weir::fuzzing::selector(data) {
        panic!("{broken}");
    }
});

//! Quantity parsing on arbitrary bytes: never panics; canonical forms round-trip.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = weir::fuzzing::quantity(data) {
        panic!("{broken}");
    }
});

//! App service JSON on arbitrary bytes: validate, normalize and diff never panic, and
//! normalize is idempotent.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = weir::fuzzing::app_service(data) {
        panic!("{broken}");
    }
});

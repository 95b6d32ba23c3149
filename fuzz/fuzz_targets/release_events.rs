//! Release-engine event sequences on arbitrary bytes: refused events change nothing, no
//! dependent is updated early, snapshots continue identically.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = weir::fuzzing::release_events(data) {
        panic!("{broken}");
    }
});

//! Random event sequences through the release engine never break its invariants
//! (docs/release.md; docs/performance.md robustness): the checks are those of the
//! `release_events` fuzz target, run here on proptest's sequences; and tampered snapshots
//! (the `engine_restore` fuzz target's checks) are refused or drive correctly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn event_sequences_keep_the_invariants(data in prop::collection::vec(any::<u8>(), 0..600)) {
        if let Err(broken) = weir::fuzzing::release_events(&data) {
            prop_assert!(false, "{}", broken);
        }
    }

    /// Biased towards progress: mostly pod observations that reach the target version.
    #[test]
    fn progressing_sequences_keep_the_invariants(ops in prop::collection::vec((prop::sample::select(vec![0u8, 2, 3, 4, 5, 6, 7, 8, 13]), any::<u8>(), 0u8..8), 0..300)) {
        let data: Vec<u8> = ops.into_iter().flat_map(|(a, b, c)| [a, b, c]).collect();
        if let Err(broken) = weir::fuzzing::release_events(&data) {
            prop_assert!(false, "{}", broken);
        }
    }

    /// A walk of the fixture order, a few edits of its snapshot, then more events: restore
    /// refuses the snapshot or the restored engine keeps the invariants.
    #[test]
    fn tampered_snapshots_are_refused_or_drive_correctly(
        lead in 0u8..48,
        edits in prop::collection::vec((any::<u8>(), any::<u8>(), any::<u8>()), 0..6),
        walk in prop::collection::vec((prop::sample::select(vec![0u8, 2, 3, 4, 5, 6, 7, 8, 13]), any::<u8>(), 0u8..8), 0..48),
        after in prop::collection::vec((any::<u8>(), any::<u8>(), 0u8..8), 0..150),
    ) {
        let mut walk: Vec<(u8, u8, u8)> = walk;
        walk.truncate(usize::from(lead));
        let lead = u8::try_from(walk.len()).unwrap();
        let edits_n = u8::try_from(edits.len()).unwrap();
        let mut data = vec![lead, edits_n];
        data.extend(walk.into_iter().chain(edits).chain(after).flat_map(|(a, b, c)| [a, b, c]));
        if let Err(broken) = weir::fuzzing::engine_restore(&data) {
            prop_assert!(false, "{}", broken);
        }
    }
}

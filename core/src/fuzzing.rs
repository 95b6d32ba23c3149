//! Invariant checks shared by the fuzz targets (`fuzz/`) and the test that replays
//! `fuzz/regressions/`: one body, so a crash found by the fuzzer is replayed exactly.
//!
//! Each function takes arbitrary bytes, must never panic on any of them, and returns
//! `Err` with a description when an invariant is broken.

use crate::{
    LabelSelectorMatchInput, NodeSelectorMatchInput, Quantity, match_label_selector,
    match_node_selector,
};

/// Quantity parsing on arbitrary text: a parsed quantity's canonical form parses back to
/// the same value, and is a fixed point of canonicalisation.
///
/// # Errors
///
/// A description of the broken invariant.
pub fn quantity(data: &[u8]) -> Result<(), String> {
    let Ok(text) = std::str::from_utf8(data) else {
        return Ok(());
    };
    let Ok(q) = Quantity::parse(text) else {
        return Ok(());
    };
    let canonical = q.canonical();
    let again = Quantity::parse(&canonical)
        .map_err(|e| format!("canonical `{canonical}` of `{text}` does not parse: {e}"))?;
    if again.nano_value() != q.nano_value() {
        return Err(format!(
            "`{text}` and its canonical `{canonical}` differ in value"
        ));
    }
    // A binary quantity that is no multiple of 1024 prints without suffix (`62.5Ki` →
    // `64000`) and reads back as decimal (`64k`), as in Kubernetes; from there on the
    // canonical form is a fixed point.
    let settled = again.canonical();
    let third =
        Quantity::parse(&settled).map_err(|e| format!("`{settled}` does not parse: {e}"))?;
    if third.canonical() != settled || third.nano_value() != q.nano_value() {
        return Err(format!(
            "canonical form of `{text}` does not settle: `{canonical}` → `{settled}`"
        ));
    }
    Ok(())
}

/// Selector JSON on arbitrary bytes: parsing and matching never panic, and a selector
/// that validates also matches deterministically (twice the same answer).
///
/// # Errors
///
/// A description of the broken invariant.
pub fn selector(data: &[u8]) -> Result<(), String> {
    if let Ok(input) = serde_json::from_slice::<LabelSelectorMatchInput>(data) {
        let a = match_label_selector(&input);
        if a != match_label_selector(&input) {
            return Err("label selector matching is not deterministic".into());
        }
    }
    if let Ok(input) = serde_json::from_slice::<NodeSelectorMatchInput>(data) {
        let a = match_node_selector(&input);
        if a != match_node_selector(&input) {
            return Err("node selector matching is not deterministic".into());
        }
        if let Ok(m) = &a
            && m.matches != m.matched_term.is_some()
        {
            return Err("matches disagrees with matchedTerm".into());
        }
    }
    Ok(())
}

/// App service JSON on arbitrary bytes: validation never panics; a spec that normalizes
/// normalizes to itself again, and its diff with itself is empty.
///
/// # Errors
///
/// A description of the broken invariant.
pub fn app_service(data: &[u8]) -> Result<(), String> {
    let Ok(input) = serde_json::from_slice::<crate::AppServiceInput>(data) else {
        return Ok(());
    };
    let valid = crate::validate_app_service(&input).is_ok();
    let Ok(n) = crate::normalize_app_service(&input) else {
        return if valid {
            Err("validate accepted what normalize refused".into())
        } else {
            Ok(())
        };
    };
    if !valid {
        return Err("normalize accepted what validate refused".into());
    }
    if crate::normalize(&n, input.profile.as_ref()).as_ref() != Ok(&n) {
        return Err("normalize is not idempotent".into());
    }
    match crate::diff(&n, &n, crate::InPlaceRules::Seed, input.profile.as_ref()) {
        Ok(d) if d.changes.is_empty() && d.upgrade == crate::Upgrade::None => Ok(()),
        other => Err(format!(
            "diff of a spec with itself is not empty: {other:?}"
        )),
    }
}

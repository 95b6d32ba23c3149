//! Deployment units (部署单元) and the even split of a service's replicas over them: the
//! rule both a release's first pods and `place` follow (seed 6.2: each unit gets `n / U`,
//! the first `n mod U` units one more).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{FieldErrorCode, Result, ValidationErrors};

/// The most deployment units [`split_units`] (and a release order's `units`, a spec's `deploy.units`) takes: a
/// platform has a handful of units (cells, zones); the output has one share per unit.
pub const MAX_UNITS: usize = 10_000;

/// Input of [`split_units`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UnitSplitInput {
    /// Desired replicas, ≥ 0.
    pub replicas: i32,
    /// The deployment units, in order; at least one, no duplicates.
    pub units: Vec<String>,
}

/// One unit's share of the replicas.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct UnitShare {
    /// The unit.
    pub unit: String,
    /// Its replicas.
    pub replicas: u32,
}

/// Split replicas evenly over units: `n / U` each, the first `n mod U` units one more.
///
/// # Errors
///
/// [`crate::Error::Validation`] for negative replicas, no units, more than [`MAX_UNITS`]
/// units (`too_many`) or a duplicate unit.
///
/// # Examples
///
/// ```
/// let split = weir::split_units(&weir::UnitSplitInput { replicas: 5, units: vec!["a".into(), "b".into()] })?;
/// assert_eq!(split.iter().map(|s| s.replicas).collect::<Vec<_>>(), [3, 2]);
/// # Ok::<(), weir::Error>(())
/// ```
pub fn split_units(input: &UnitSplitInput) -> Result<Vec<UnitShare>> {
    if input.units.len() > MAX_UNITS {
        return Err(crate::Error::validation_at(
            "units",
            FieldErrorCode::TooMany,
            format!("at most {MAX_UNITS} units, got {}", input.units.len()),
        ));
    }
    let mut errs = ValidationErrors::new();
    if input.replicas < 0 {
        errs.push(
            "replicas",
            FieldErrorCode::Invalid,
            format!("must be at least 0, got {}", input.replicas),
        );
    }
    if input.units.is_empty() {
        errs.push(
            "units",
            FieldErrorCode::Required,
            "at least one unit is required",
        );
    }
    duplicate_units(&input.units, "units", &mut errs);
    errs.into_result(())?;
    let n = u32::try_from(input.replicas).unwrap_or(0);
    let count = u32::try_from(input.units.len()).unwrap_or(u32::MAX);
    let (q, r) = (n / count, n % count);
    Ok(input
        .units
        .iter()
        .enumerate()
        .map(|(i, unit)| UnitShare {
            unit: unit.clone(),
            replicas: q + u32::from(u32::try_from(i).unwrap_or(u32::MAX) < r),
        })
        .collect())
}

/// Every unit listed again after its first place, as a `duplicate` at `path[i]` (a
/// release order's `units` are checked by the same rule as `split_units`').
pub(crate) fn duplicate_units(units: &[String], path: &str, errs: &mut ValidationErrors) {
    let mut seen = std::collections::BTreeSet::new();
    for (i, u) in units.iter().enumerate() {
        if !seen.insert(u.as_str()) {
            errs.push(
                crate::error::index(path, i),
                FieldErrorCode::Duplicate,
                format!("unit `{}` is listed twice", crate::error::clip(u)),
            );
        }
    }
}

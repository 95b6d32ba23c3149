//! `PodDisruptionBudget` (`policy/v1`): how many pods of a set may be evicted at once, with
//! Kubernetes' field names, validation and arithmetic.
//!
//! Facts (Kubernetes `pkg/apis/policy/validation/validation.go`
//! `ValidatePodDisruptionBudgetSpec` / `…Status`, `pkg/apis/apps/validation`
//! `ValidatePositiveIntOrPercent` and `IsNotMoreThan100Percent`, apimachinery
//! `util/intstr` `GetScaledValueFromIntOrPercent`, and the disruption controller
//! `pkg/controller/disruption/disruption.go` `getExpectedPodCount` / `updatePdbStatus`):
//!
//! - `minAvailable` and `maxUnavailable` cannot both be set (an `Invalid` at `spec`). Both
//!   absent is valid in `policy/v1` (only `v1beta1` defaulted `minAvailable` to 1): the
//!   controller then counts no expected pods and allows no disruption.
//! - Each is an integer ≥ 0 or a string `N%` (digits then `%`), at most `100%`.
//! - A percentage scales the expected count rounding **up** (`roundUp = true` for both
//!   fields): `ceil(N × count / 100)`.
//! - `maxUnavailable`: `desiredHealthy = max(0, expected − scaled)`. `minAvailable`
//!   integer: `desiredHealthy = minAvailable`; percentage: the scaled value.
//! - `disruptionsAllowed = currentHealthy − desiredHealthy`, 0 when negative or when the
//!   expected count is 0.
//! - `status.disruptionsAllowed` is ≥ 0.
//! - An absent selector matches no pod; an empty one every pod of the namespace.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{self, FieldErrorCode as Code, ValidationErrors, clip};
use crate::model::kube::ObjectMeta;
use crate::model::selector::{LabelSelector, Selector};

/// Kubernetes' `intstr.IntOrString` as PDBs use it: a count (`2`) or a percentage
/// (`"50%"`). Any string is read; validation says whether it is a percentage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IntOrString {
    /// A number of pods.
    Int(i32),
    /// A string, valid when it is a percentage such as `"50%"`.
    String(String),
}

impl Serialize for IntOrString {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            IntOrString::Int(n) => serializer.serialize_i32(*n),
            IntOrString::String(s) => serializer.serialize_str(s),
        }
    }
}

impl<'de> Deserialize<'de> for IntOrString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = IntOrString;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a 32-bit integer or a percentage string")
            }
            fn visit_str<E: serde::de::Error>(
                self,
                v: &str,
            ) -> std::result::Result<Self::Value, E> {
                Ok(IntOrString::String(v.to_owned()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<Self::Value, E> {
                i32::try_from(v)
                    .map(IntOrString::Int)
                    .map_err(|_| E::custom(format!("{v} is out of the 32-bit range")))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<Self::Value, E> {
                i32::try_from(v)
                    .map(IntOrString::Int)
                    .map_err(|_| E::custom(format!("{v} is out of the 32-bit range")))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl JsonSchema for IntOrString {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "IntOrString".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A count (a 32-bit integer) or a percentage string such as `\"50%\"`.",
            "type": ["integer", "string"],
            "format": "int32"
        })
    }
}

impl IntOrString {
    /// The value scaled to `total`, a percentage rounded up (`GetScaledValueFromIntOrPercent`
    /// with `roundUp`); `None` for a string that is not a percentage.
    #[must_use]
    pub fn scaled(&self, total: i64) -> Option<i64> {
        match self {
            IntOrString::Int(n) => Some(i64::from(*n)),
            IntOrString::String(s) => {
                let p = percent(s)?;
                let num = p.saturating_mul(total.max(0));
                Some(num.saturating_add(99) / 100)
            }
        }
    }
}

/// `N%` → `N` (digits only, as Kubernetes' `IsValidPercent`), at most 10 digits.
fn percent(s: &str) -> Option<i64> {
    let digits = s.strip_suffix('%')?;
    if digits.is_empty() || digits.len() > 10 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// `UnhealthyPodEvictionPolicyType`. weir reads it and does not need it: only bound pods
/// are evicted, and every bound pod counts as healthy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum UnhealthyPodEvictionPolicy {
    /// Unhealthy pods are evicted only while the budget is met (the default).
    IfHealthyBudget,
    /// Unhealthy pods may always be evicted.
    AlwaysAllow,
}

/// A `PodDisruptionBudget` (`policy/v1`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodDisruptionBudget {
    /// Name and namespace (default `default`): the budget covers pods of its namespace.
    pub metadata: ObjectMeta,
    /// Which pods, and how many may be disrupted.
    #[serde(default)]
    pub spec: PodDisruptionBudgetSpec,
    /// The live status; only `disruptionsAllowed` is read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<PodDisruptionBudgetStatus>,
}

/// `PodDisruptionBudgetSpec`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodDisruptionBudgetSpec {
    /// The pods covered; absent covers none, `{}` every pod of the namespace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selector: Option<LabelSelector>,
    /// At least this many (or this share) stay available after an eviction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_available: Option<IntOrString>,
    /// At most this many (or this share) are unavailable after an eviction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_unavailable: Option<IntOrString>,
    /// Read and not needed: weir evicts only bound pods, all of them healthy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unhealthy_pod_eviction_policy: Option<UnhealthyPodEvictionPolicy>,
}

/// `PodDisruptionBudgetStatus` (the part read).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodDisruptionBudgetStatus {
    /// The disruption controller's live value. When given, weir trusts it as is; when
    /// absent, weir computes it from the snapshot's pods.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disruptions_allowed: Option<i32>,
}

/// A validated budget, ready to match pods.
#[derive(Debug, Clone)]
pub(crate) struct Budget {
    /// `namespace/name`.
    pub id: String,
    pub namespace: String,
    /// `None`: matches no pod.
    pub selector: Option<Selector>,
    pub min_available: Option<IntOrString>,
    pub max_unavailable: Option<IntOrString>,
    /// The given `status.disruptionsAllowed`.
    pub given: Option<i32>,
}

impl Budget {
    /// Whether the budget covers a pod of `namespace` with `labels`.
    pub fn covers(&self, namespace: &str, labels: &crate::model::labels::Labels) -> bool {
        namespace == self.namespace && self.selector.as_ref().is_some_and(|s| s.matches(labels))
    }

    /// The disruptions allowed: the given status, else computed from the covered pods
    /// (`expected` of them, `healthy` of them running) as the disruption controller does.
    pub fn allowed(&self, expected: i64, healthy: i64) -> i64 {
        if let Some(n) = self.given {
            return i64::from(n).max(0);
        }
        let desired = if let Some(max) = &self.max_unavailable {
            (expected - max.scaled(expected).unwrap_or(0)).max(0)
        } else if let Some(min) = &self.min_available {
            min.scaled(expected).unwrap_or(0)
        } else {
            // Neither set: the controller leaves its expected count at 0.
            return 0;
        };
        if expected <= 0 {
            return 0;
        }
        (healthy - desired).max(0)
    }
}

/// Check one int-or-percent field at `path` (`ValidatePositiveIntOrPercent`,
/// `IsNotMoreThan100Percent`).
fn check_int_or_percent(v: &IntOrString, path: &str, errs: &mut ValidationErrors) {
    match v {
        IntOrString::Int(n) if *n < 0 => {
            errs.push(path, Code::Invalid, "must be greater than or equal to 0");
        }
        IntOrString::Int(_) => {}
        IntOrString::String(s) => match percent(s) {
            None => errs.push(
                path,
                Code::Invalid,
                format!("`{}` must be an integer or percentage (e.g '5%')", clip(s)),
            ),
            Some(p) if p > 100 => errs.push(path, Code::Invalid, "must not be greater than 100%"),
            Some(_) => {}
        },
    }
}

impl PodDisruptionBudget {
    /// Validate the budget at `path`, reporting every problem, and compile it.
    pub(crate) fn compile_at(&self, path: &str, errs: &mut ValidationErrors) -> Budget {
        let meta = error::child(path, "metadata");
        if self.metadata.name.is_empty() {
            errs.push(
                error::child(&meta, "name"),
                Code::Required,
                "a budget has a name",
            );
        }
        let spec_path = error::child(path, "spec");
        let spec = &self.spec;
        if spec.min_available.is_some() && spec.max_unavailable.is_some() {
            errs.push(
                &spec_path,
                Code::Invalid,
                "minAvailable and maxUnavailable cannot be both set",
            );
        }
        if let Some(v) = &spec.min_available {
            check_int_or_percent(v, &error::child(&spec_path, "minAvailable"), errs);
        }
        if let Some(v) = &spec.max_unavailable {
            check_int_or_percent(v, &error::child(&spec_path, "maxUnavailable"), errs);
        }
        let selector = spec
            .selector
            .as_ref()
            .map(|s| s.compile_at(&error::child(&spec_path, "selector"), errs));
        let given = self.status.as_ref().and_then(|s| s.disruptions_allowed);
        if given.is_some_and(|n| n < 0) {
            errs.push(
                error::child(&error::child(path, "status"), "disruptionsAllowed"),
                Code::Invalid,
                "must be greater than or equal to 0",
            );
        }
        let namespace = self
            .metadata
            .namespace
            .clone()
            .unwrap_or_else(|| "default".to_owned());
        Budget {
            id: format!("{namespace}/{}", self.metadata.name),
            namespace,
            selector,
            min_available: spec.min_available.clone(),
            max_unavailable: spec.max_unavailable.clone(),
            given,
        }
    }
}

/// Validate and compile a snapshot's budgets (`podDisruptionBudgets[i]`), reporting every
/// problem; a budget listed twice (same namespace and name) is a `duplicate`.
pub(crate) fn compile_all(
    pdbs: &[PodDisruptionBudget],
    errs: &mut ValidationErrors,
) -> Vec<Budget> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::with_capacity(pdbs.len());
    for (i, b) in pdbs.iter().enumerate() {
        let path = error::index("podDisruptionBudgets", i);
        let budget = b.compile_at(&path, errs);
        if !seen.insert(budget.id.clone()) {
            errs.push(
                error::child(&error::child(&path, "metadata"), "name"),
                Code::Duplicate,
                format!("budget `{}` is listed twice", clip(&budget.id)),
            );
        }
        out.push(budget);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_rounds_up() {
        // The PDB task page: 7 pods with minAvailable "50%" need 4.
        assert_eq!(IntOrString::String("50%".into()).scaled(7), Some(4));
        let half = IntOrString::String("50%".into());
        assert_eq!(half.scaled(5), Some(3));
        assert_eq!(half.scaled(10), Some(5));
        assert_eq!(IntOrString::String("1%".into()).scaled(1), Some(1));
        assert_eq!(IntOrString::String("0%".into()).scaled(7), Some(0));
        assert_eq!(IntOrString::String("x%".into()).scaled(7), None);
        assert_eq!(IntOrString::String("50".into()).scaled(7), None);
        assert_eq!(IntOrString::Int(2).scaled(7), Some(2));
    }

    #[test]
    fn allowed_follows_the_controller() {
        let b = |min: Option<IntOrString>, max: Option<IntOrString>| Budget {
            id: "default/b".into(),
            namespace: "default".into(),
            selector: None,
            min_available: min,
            max_unavailable: max,
            given: None,
        };
        // minAvailable 2 of 3 healthy: 1.
        assert_eq!(b(Some(IntOrString::Int(2)), None).allowed(3, 3), 1);
        // maxUnavailable 1 of 3, one not running: 3 − 1 = 2 desired, 2 healthy: 0.
        assert_eq!(b(None, Some(IntOrString::Int(1))).allowed(3, 2), 0);
        // minAvailable 50% of 7 → 4 desired (rounded up), 7 healthy: 3.
        assert_eq!(
            b(Some(IntOrString::String("50%".into())), None).allowed(7, 7),
            3
        );
        // maxUnavailable 30% of 10 → 3.
        assert_eq!(
            b(None, Some(IntOrString::String("30%".into()))).allowed(10, 10),
            3
        );
        // Neither set, or no pods: none.
        assert_eq!(b(None, None).allowed(3, 3), 0);
        assert_eq!(b(Some(IntOrString::Int(0)), None).allowed(0, 0), 0);
        let mut given = b(Some(IntOrString::Int(5)), None);
        given.given = Some(4);
        assert_eq!(given.allowed(1, 1), 4);
    }
}

//! Label keys and values: Kubernetes' syntax rules, with every problem at its field path.
//!
//! Facts from Kubernetes' `apimachinery/pkg/util/validation/validation.go`
//! (`IsQualifiedName`, `IsValidLabelValue`, `IsDNS1123Subdomain`):
//! a key is `[prefix/]name`; the prefix is a DNS-1123 subdomain of at most 253 characters;
//! the name is 1–63 characters of `[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?`; a value is
//! empty or follows the name rule.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{self, FieldErrorCode, Result, ValidationErrors};

/// A set of labels, as in `metadata.labels`; sorted, so every output is deterministic.
pub type Labels = BTreeMap<String, String>;

/// Longest label name (and value).
pub const MAX_LABEL_NAME_LEN: usize = 63;
/// Longest key prefix (a DNS-1123 subdomain).
pub const MAX_PREFIX_LEN: usize = 253;

fn is_alnum(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// `[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?`
fn is_name_syntax(s: &str) -> bool {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(&f), Some(&l)) => {
            is_alnum(f)
                && is_alnum(l)
                && b.iter()
                    .all(|&c| is_alnum(c) || c == b'-' || c == b'_' || c == b'.')
        }
        _ => false,
    }
}

/// A DNS-1123 label: `[a-z0-9]([-a-z0-9]*[a-z0-9])?`, at most 63 characters.
#[must_use]
pub fn is_dns1123_label(s: &str) -> bool {
    let b = s.as_bytes();
    let lower_alnum = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    match (b.first(), b.last()) {
        (Some(&f), Some(&l)) => {
            b.len() <= 63
                && lower_alnum(f)
                && lower_alnum(l)
                && b.iter().all(|&c| lower_alnum(c) || c == b'-')
        }
        _ => false,
    }
}

/// A DNS-1123 subdomain: at most 253 characters of dot-separated parts, each
/// `[a-z0-9]([-a-z0-9]*[a-z0-9])?`. As Kubernetes' `IsDNS1123Subdomain`, a part is not
/// limited to 63 characters on its own; only the whole is.
#[must_use]
pub fn is_dns1123_subdomain(s: &str) -> bool {
    let part = |p: &str| {
        let b = p.as_bytes();
        let lower_alnum = |c: &u8| c.is_ascii_lowercase() || c.is_ascii_digit();
        b.first().is_some_and(lower_alnum)
            && b.last().is_some_and(lower_alnum)
            && b.iter().all(|c| lower_alnum(c) || *c == b'-')
    };
    s.len() <= MAX_PREFIX_LEN && s.split('.').all(part)
}

/// Check a label key (a Kubernetes qualified name), adding every problem at `path`.
pub fn check_label_key(key: &str, path: &str, errs: &mut ValidationErrors) {
    let (prefix, name) = match key.split_once('/') {
        Some((p, n)) => (Some(p), n),
        None => (None, key),
    };
    if let Some(prefix) = prefix {
        if prefix.is_empty() {
            errs.push(
                path,
                FieldErrorCode::Invalid,
                format!(
                    "invalid label key `{key}`: prefix part must be non-empty",
                    key = error::clip(key)
                ),
            );
        } else if prefix.len() > MAX_PREFIX_LEN {
            errs.push(path, FieldErrorCode::TooLong, format!("invalid label key `{key}`: prefix part must be no more than {MAX_PREFIX_LEN} characters", key = error::clip(key)));
        } else if !is_dns1123_subdomain(prefix) {
            errs.push(path, FieldErrorCode::Invalid, format!("invalid label key `{key}`: prefix part must be a lowercase DNS-1123 subdomain (e.g. `example.com`)", key = error::clip(key)));
        }
    }
    if name.is_empty() {
        errs.push(
            path,
            FieldErrorCode::Invalid,
            format!(
                "invalid label key `{key}`: name part must be non-empty",
                key = error::clip(key)
            ),
        );
    } else if name.len() > MAX_LABEL_NAME_LEN {
        errs.push(path, FieldErrorCode::TooLong, format!("invalid label key `{key}`: name part must be no more than {MAX_LABEL_NAME_LEN} characters", key = error::clip(key)));
    } else if !is_name_syntax(name) {
        errs.push(path, FieldErrorCode::Invalid, format!("invalid label key `{key}`: name part must consist of alphanumeric characters, `-`, `_` or `.`, and must start and end with an alphanumeric character", key = error::clip(key)));
    }
}

/// Check a label value, adding every problem at `path`.
pub fn check_label_value(value: &str, path: &str, errs: &mut ValidationErrors) {
    if value.len() > MAX_LABEL_NAME_LEN {
        errs.push(path, FieldErrorCode::TooLong, format!("invalid label value `{value}`: must be no more than {MAX_LABEL_NAME_LEN} characters", value = error::clip(value)));
    } else if !value.is_empty() && !is_name_syntax(value) {
        errs.push(path, FieldErrorCode::Invalid, format!("invalid label value `{value}`: must be empty or consist of alphanumeric characters, `-`, `_` or `.`, and must start and end with an alphanumeric character", value = error::clip(value)));
    }
}

/// Check a whole label map; keys are reported at `path[key]`, values too (Kubernetes
/// reports both at the map's path; weir names the entry so a console can point at it).
pub fn check_labels(labels: &Labels, path: &str, errs: &mut ValidationErrors) {
    for (k, v) in labels {
        let entry = error::key(path, k);
        check_label_key(k, &entry, errs);
        check_label_value(v, &entry, errs);
    }
}

/// Input of [`validate_labels`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LabelsInput {
    /// The labels to check.
    #[serde(default)]
    pub labels: Labels,
}

/// Validate a label map: every bad key and value at once, at `labels[key]`.
///
/// # Errors
///
/// [`crate::Error::Validation`] listing every problem.
///
/// # Examples
///
/// ```
/// use weir::Labels;
/// let mut labels = Labels::new();
/// labels.insert("app.kubernetes.io/name".into(), "vote".into());
/// assert!(weir::validate_labels(&labels).is_ok());
/// labels.insert("-bad".into(), "x".repeat(64));
/// let err = weir::validate_labels(&labels).unwrap_err();
/// assert_eq!(err.code(), "validation");
/// ```
pub fn validate_labels(labels: &Labels) -> Result<()> {
    let mut errs = ValidationErrors::new();
    check_labels(labels, "labels", &mut errs);
    errs.into_result(())
}

//! Label selectors and node selectors, with Kubernetes' exact matching semantics.
//!
//! Facts (from `apimachinery/pkg/apis/meta/v1/helpers.go` `LabelSelectorAsSelector`,
//! `apimachinery/pkg/labels/selector.go` `Requirement.Matches`,
//! `component-helpers/scheduling/corev1/nodeaffinity` and
//! `pkg/apis/core/validation` `ValidateNodeSelector*`):
//!
//! - `matchLabels` entries and `matchExpressions` are AND'ed; an empty selector matches
//!   every label set, an absent (`null`) selector matches none.
//! - `In`: the key is present with one of the values. `NotIn`: the key is absent, or its
//!   value is none of the values. `Exists` / `DoesNotExist`: presence. `Gt` / `Lt` (node
//!   selectors only): the key is present and its value, read as a 64-bit integer, is
//!   greater / less than the one value; a value that is not an integer never matches.
//! - `In`/`NotIn` need at least one value, `Exists`/`DoesNotExist` none, `Gt`/`Lt` exactly
//!   one integer. Keys are label keys, values label values.
//! - Node selector terms are OR'ed; inside a term, `matchExpressions` and `matchFields` are
//!   AND'ed; a term with neither matches nothing; at least one term is required.
//!   `matchFields` supports only `metadata.name` with `In`/`NotIn` and exactly one value.
//!
//! Compile a selector once ([`LabelSelector::compile`], [`NodeSelector::compile`]): that
//! validates it, reporting every problem with its field path, and gives a matcher whose
//! `matches` cannot fail.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{self, FieldErrorCode, Result, ValidationErrors};
use crate::model::labels::{Labels, check_label_key, check_label_value, check_labels};

/// The operators of a label selector requirement (Kubernetes spellings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum LabelSelectorOperator {
    /// The key's value is one of the values.
    In,
    /// The key is absent or its value is none of the values.
    NotIn,
    /// The key is present.
    Exists,
    /// The key is absent.
    DoesNotExist,
}

/// The operators of a node selector requirement (Kubernetes spellings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum NodeSelectorOperator {
    /// The key's value is one of the values.
    In,
    /// The key is absent or its value is none of the values.
    NotIn,
    /// The key is present.
    Exists,
    /// The key is absent.
    DoesNotExist,
    /// The key's value, as an integer, is greater than the one value.
    Gt,
    /// The key's value, as an integer, is less than the one value.
    Lt,
}

/// One requirement of a label selector.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LabelSelectorRequirement {
    /// The label key.
    pub key: String,
    /// How the key relates to the values.
    pub operator: LabelSelectorOperator,
    /// The values (none for `Exists`/`DoesNotExist`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
}

/// A Kubernetes label selector (`metav1.LabelSelector`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LabelSelector {
    /// Exact key/value pairs, each like an `In` with one value.
    #[serde(default, skip_serializing_if = "Labels::is_empty")]
    pub match_labels: Labels,
    /// Requirements, AND'ed with `matchLabels`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub match_expressions: Vec<LabelSelectorRequirement>,
}

/// One requirement of a node selector term (`matchExpressions` or `matchFields`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodeSelectorRequirement {
    /// The label key (or `metadata.name` in `matchFields`).
    pub key: String,
    /// How the key relates to the values.
    pub operator: NodeSelectorOperator,
    /// The values (none for `Exists`/`DoesNotExist`, one integer for `Gt`/`Lt`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
}

/// One term of a node selector: its requirements are AND'ed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodeSelectorTerm {
    /// Requirements on node labels.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub match_expressions: Vec<NodeSelectorRequirement>,
    /// Requirements on node fields (only `metadata.name`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub match_fields: Vec<NodeSelectorRequirement>,
}

/// A Kubernetes node selector (`requiredDuringSchedulingIgnoredDuringExecution`): its terms
/// are OR'ed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodeSelector {
    /// The terms; at least one.
    pub node_selector_terms: Vec<NodeSelectorTerm>,
}

/// The only field `matchFields` may name (Kubernetes' `ObjectNameField`).
pub const NODE_NAME_FIELD: &str = "metadata.name";

/// A validated requirement, ready to match.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Check {
    In(Vec<String>),
    NotIn(Vec<String>),
    Exists,
    DoesNotExist,
    Gt(i64),
    Lt(i64),
}

impl Check {
    fn matches(&self, value: Option<&str>) -> bool {
        match (self, value) {
            (Check::In(set), Some(v)) => set.binary_search_by(|s| s.as_str().cmp(v)).is_ok(),
            (Check::NotIn(set), Some(v)) => set.binary_search_by(|s| s.as_str().cmp(v)).is_err(),
            (Check::NotIn(_) | Check::DoesNotExist, None) | (Check::Exists, Some(_)) => true,
            (Check::Gt(n), Some(v)) => v.parse::<i64>().is_ok_and(|x| x > *n),
            (Check::Lt(n), Some(v)) => v.parse::<i64>().is_ok_and(|x| x < *n),
            _ => false,
        }
    }
}

fn sorted(values: &[String]) -> Vec<String> {
    let mut v = values.to_vec();
    v.sort();
    v.dedup();
    v
}

/// Check the values of one requirement against its operator and build its check.
fn check_requirement(
    op: NodeSelectorOperator,
    values: &[String],
    path: &str,
    label_values: bool,
    errs: &mut ValidationErrors,
) -> Option<Check> {
    let values_path = error::child(path, "values");
    let before = errs.0.len();
    match op {
        NodeSelectorOperator::In | NodeSelectorOperator::NotIn => {
            if values.is_empty() {
                errs.push(
                    &values_path,
                    FieldErrorCode::Required,
                    "must be specified when `operator` is `In` or `NotIn`",
                );
            }
            if label_values {
                for (i, v) in values.iter().enumerate() {
                    check_label_value(v, &error::index(&values_path, i), errs);
                }
            }
        }
        NodeSelectorOperator::Exists | NodeSelectorOperator::DoesNotExist => {
            if !values.is_empty() {
                errs.push(
                    &values_path,
                    FieldErrorCode::Forbidden,
                    "may not be specified when `operator` is `Exists` or `DoesNotExist`",
                );
            }
        }
        NodeSelectorOperator::Gt | NodeSelectorOperator::Lt => match values {
            [one] => {
                // Kubernetes' labels.NewRequirement checks the value as a label value too,
                // so a negative threshold is not expressible (nor is a negative label).
                let path0 = error::index(&values_path, 0);
                let n = errs.0.len();
                if label_values {
                    check_label_value(one, &path0, errs);
                }
                if errs.0.len() == n && one.parse::<i64>().is_err() {
                    errs.push(
                        path0,
                        FieldErrorCode::Invalid,
                        format!(
                            "`{one}` is not an integer: `Gt` and `Lt` need a 64-bit integer",
                            one = error::clip(&one.to_string())
                        ),
                    );
                }
            }
            _ => errs.push(
                &values_path,
                FieldErrorCode::Required,
                "must be exactly one value when `operator` is `Gt` or `Lt`",
            ),
        },
    }
    if errs.0.len() > before {
        return None;
    }
    let first_int = || values.first().and_then(|v| v.parse::<i64>().ok());
    Some(match op {
        NodeSelectorOperator::In => Check::In(sorted(values)),
        NodeSelectorOperator::NotIn => Check::NotIn(sorted(values)),
        NodeSelectorOperator::Exists => Check::Exists,
        NodeSelectorOperator::DoesNotExist => Check::DoesNotExist,
        NodeSelectorOperator::Gt => Check::Gt(first_int()?),
        NodeSelectorOperator::Lt => Check::Lt(first_int()?),
    })
}

impl From<LabelSelectorOperator> for NodeSelectorOperator {
    fn from(op: LabelSelectorOperator) -> Self {
        match op {
            LabelSelectorOperator::In => NodeSelectorOperator::In,
            LabelSelectorOperator::NotIn => NodeSelectorOperator::NotIn,
            LabelSelectorOperator::Exists => NodeSelectorOperator::Exists,
            LabelSelectorOperator::DoesNotExist => NodeSelectorOperator::DoesNotExist,
        }
    }
}

/// A compiled label selector: requirements sorted by key, each ready to match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector {
    requirements: Vec<(String, Check)>,
}

impl Selector {
    /// The selector that matches every label set (an empty `LabelSelector`).
    #[must_use]
    pub fn everything() -> Self {
        Selector {
            requirements: Vec::new(),
        }
    }

    /// Whether the labels satisfy every requirement.
    #[must_use]
    pub fn matches(&self, labels: &Labels) -> bool {
        self.requirements
            .iter()
            .all(|(key, check)| check.matches(labels.get(key).map(String::as_str)))
    }
}

impl LabelSelector {
    /// Validate the selector, reporting every problem under `path`.
    pub fn check(&self, path: &str, errs: &mut ValidationErrors) {
        let _ = self.compile_at(path, errs);
    }

    pub(crate) fn compile_at(&self, path: &str, errs: &mut ValidationErrors) -> Selector {
        check_labels(&self.match_labels, &error::child(path, "matchLabels"), errs);
        let mut requirements: Vec<(String, Check)> = self
            .match_labels
            .iter()
            .map(|(k, v)| (k.clone(), Check::In(vec![v.clone()])))
            .collect();
        let exprs_path = error::child(path, "matchExpressions");
        for (i, req) in self.match_expressions.iter().enumerate() {
            let p = error::index(&exprs_path, i);
            check_label_key(&req.key, &error::child(&p, "key"), errs);
            if let Some(check) = check_requirement(req.operator.into(), &req.values, &p, true, errs)
            {
                requirements.push((req.key.clone(), check));
            }
        }
        requirements.sort_by(|a, b| a.0.cmp(&b.0));
        Selector { requirements }
    }

    /// Validate and compile the selector (Kubernetes' `LabelSelectorAsSelector`).
    ///
    /// # Errors
    ///
    /// [`crate::Error::Validation`] with every problem, at paths like
    /// `selector.matchExpressions[0].values`.
    ///
    /// # Examples
    ///
    /// ```
    /// use weir::{LabelSelector, Labels};
    /// let selector: LabelSelector = serde_json::from_value(serde_json::json!({
    ///     "matchLabels": {"app": "vote"},
    ///     "matchExpressions": [{"key": "tier", "operator": "NotIn", "values": ["cache"]}]
    /// }))?;
    /// let compiled = selector.compile()?;
    /// let labels = Labels::from([("app".into(), "vote".into()), ("tier".into(), "front".into())]);
    /// assert!(compiled.matches(&labels));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn compile(&self) -> Result<Selector> {
        let mut errs = ValidationErrors::new();
        let selector = self.compile_at("selector", &mut errs);
        errs.into_result(selector)
    }
}

/// One compiled node selector term.
#[derive(Debug, Clone, PartialEq, Eq)]
struct CompiledTerm {
    labels: Vec<(String, Check)>,
    name: Vec<Check>,
    /// A term with no requirement at all matches nothing.
    empty: bool,
}

/// A compiled node selector: terms ready to match a node's name and labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeSelectorMatcher {
    terms: Vec<CompiledTerm>,
}

impl NodeSelectorMatcher {
    /// The index of the first term the node satisfies, if any.
    #[must_use]
    pub fn matching_term(&self, node_name: &str, labels: &Labels) -> Option<usize> {
        self.terms.iter().position(|t| {
            !t.empty
                && t.labels
                    .iter()
                    .all(|(k, c)| c.matches(labels.get(k).map(String::as_str)))
                && t.name.iter().all(|c| c.matches(Some(node_name)))
        })
    }

    /// Whether the node satisfies at least one term.
    #[must_use]
    pub fn matches(&self, node_name: &str, labels: &Labels) -> bool {
        self.matching_term(node_name, labels).is_some()
    }
}

impl NodeSelector {
    /// Validate the selector, reporting every problem under `path`.
    pub fn check(&self, path: &str, errs: &mut ValidationErrors) {
        let _ = self.compile_at(path, errs);
    }

    fn compile_at(&self, path: &str, errs: &mut ValidationErrors) -> NodeSelectorMatcher {
        let terms_path = error::child(path, "nodeSelectorTerms");
        if self.node_selector_terms.is_empty() {
            errs.push(
                &terms_path,
                FieldErrorCode::Required,
                "must have at least one node selector term",
            );
        }
        let mut terms = Vec::with_capacity(self.node_selector_terms.len());
        for (t, term) in self.node_selector_terms.iter().enumerate() {
            let tp = error::index(&terms_path, t);
            let mut labels = Vec::new();
            let ep = error::child(&tp, "matchExpressions");
            for (i, req) in term.match_expressions.iter().enumerate() {
                let p = error::index(&ep, i);
                check_label_key(&req.key, &error::child(&p, "key"), errs);
                if let Some(c) = check_requirement(req.operator, &req.values, &p, true, errs) {
                    labels.push((req.key.clone(), c));
                }
            }
            let mut name = Vec::new();
            let fp = error::child(&tp, "matchFields");
            for (i, req) in term.match_fields.iter().enumerate() {
                let p = error::index(&fp, i);
                if req.key != NODE_NAME_FIELD {
                    errs.push(
                        error::child(&p, "key"),
                        FieldErrorCode::NotSupported,
                        format!(
                            "unsupported field `{}`: only `{NODE_NAME_FIELD}` can be matched",
                            error::clip(&req.key.to_string())
                        ),
                    );
                }
                match req.operator {
                    NodeSelectorOperator::In | NodeSelectorOperator::NotIn => {
                        if req.values.len() != 1 {
                            errs.push(error::child(&p, "values"), FieldErrorCode::Required, "must be only one value when `operator` is `In` or `NotIn` for node field selector");
                        } else if let Some(c) = check_requirement(req.operator, &req.values, &p, false, errs) {
                            name.push(c);
                        }
                    }
                    other => errs.push(error::child(&p, "operator"), FieldErrorCode::NotSupported, format!("unsupported operator `{other:?}` for node field selector: only `In` and `NotIn`")),
                }
            }
            terms.push(CompiledTerm {
                empty: term.match_expressions.is_empty() && term.match_fields.is_empty(),
                labels,
                name,
            });
        }
        NodeSelectorMatcher { terms }
    }

    /// Validate and compile the node selector.
    ///
    /// # Errors
    ///
    /// [`crate::Error::Validation`] with every problem, at paths like
    /// `nodeSelector.nodeSelectorTerms[0].matchExpressions[1].values`.
    ///
    /// # Examples
    ///
    /// ```
    /// use weir::{Labels, NodeSelector};
    /// let selector: NodeSelector = serde_json::from_value(serde_json::json!({
    ///     "nodeSelectorTerms": [{"matchExpressions": [
    ///         {"key": "cpu-count", "operator": "Gt", "values": ["8"]}]}]
    /// }))?;
    /// let m = selector.compile()?;
    /// let labels = Labels::from([("cpu-count".into(), "16".into())]);
    /// assert!(m.matches("node-1", &labels));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn compile(&self) -> Result<NodeSelectorMatcher> {
        let mut errs = ValidationErrors::new();
        let m = self.compile_at("nodeSelector", &mut errs);
        errs.into_result(m)
    }
}

/// Input of [`match_label_selector`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LabelSelectorMatchInput {
    /// The selector; `null` (absent) matches nothing, `{}` matches everything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selector: Option<LabelSelector>,
    /// The labels to test.
    #[serde(default)]
    pub labels: Labels,
}

/// Output of [`match_label_selector`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LabelSelectorMatch {
    /// Whether the labels satisfy the selector.
    pub matches: bool,
}

/// Validate a label selector and test one label set against it.
///
/// # Errors
///
/// [`crate::Error::Validation`] when the selector or the labels are invalid.
pub fn match_label_selector(input: &LabelSelectorMatchInput) -> Result<LabelSelectorMatch> {
    let mut errs = ValidationErrors::new();
    let compiled = input
        .selector
        .as_ref()
        .map(|s| s.compile_at("selector", &mut errs));
    check_labels(&input.labels, "labels", &mut errs);
    errs.into_result(LabelSelectorMatch {
        matches: compiled.is_some_and(|c| c.matches(&input.labels)),
    })
}

/// Input of [`match_node_selector`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodeSelectorMatchInput {
    /// The node selector.
    pub node_selector: NodeSelector,
    /// The node's `metadata.name`.
    pub node_name: String,
    /// The node's `metadata.labels`.
    #[serde(default)]
    pub labels: Labels,
}

/// Output of [`match_node_selector`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct NodeSelectorMatch {
    /// Whether the node satisfies at least one term.
    pub matches: bool,
    /// The index of the first satisfied term (why it matched), absent when none is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matched_term: Option<u32>,
}

/// Validate a node selector and test one node against it.
///
/// # Errors
///
/// [`crate::Error::Validation`] when the selector or the labels are invalid.
pub fn match_node_selector(input: &NodeSelectorMatchInput) -> Result<NodeSelectorMatch> {
    let mut errs = ValidationErrors::new();
    let m = input.node_selector.compile_at("nodeSelector", &mut errs);
    check_labels(&input.labels, "labels", &mut errs);
    let term = m.matching_term(&input.node_name, &input.labels);
    errs.into_result(NodeSelectorMatch {
        matches: term.is_some(),
        matched_term: term.and_then(|t| u32::try_from(t).ok()),
    })
}

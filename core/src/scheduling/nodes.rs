//! Nodes as the scheduler compiles them, the failures the Filter plugins report about them,
//! and `ToleratesTaint`.

use super::pods::Res;
use super::types::{Node, Taint, Toleration, TolerationOperator};
use crate::model::labels::Labels;

/// A node with its running totals.
#[derive(Debug, Clone)]
pub(crate) struct NodeInfo {
    pub name: String,
    pub labels: Labels,
    pub taints: Vec<Taint>,
    pub unschedulable: bool,
    pub alloc: Res,
    pub alloc_pods: i64,
    pub requested: Res,
    pub nonzero: Res,
    pub pods: Vec<usize>,
    /// The unit and zone label values and the sub-cluster mark, read once.
    pub unit: Option<String>,
    pub zone: Option<String>,
    pub sub_cluster: bool,
    pub source: Node,
}

/// Why a Filter plugin refused a node, kept cheap (no text) until an explanation is needed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reason {
    /// A fixed message.
    Text(&'static str),
    /// The node's taint at this index is not tolerated.
    Taint(usize),
    /// NodeResourcesFit: too many pods, and the short resources.
    Short { pods: bool, resources: Vec<String> },
}

/// One Filter failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Failure {
    pub plugin: &'static str,
    pub reason: Reason,
    /// `UnschedulableAndUnresolvable`: preemption cannot help.
    pub unresolvable: bool,
}

impl Failure {
    /// kube-scheduler's reason texts (one per short resource).
    pub(crate) fn texts(&self, node: Option<&NodeInfo>) -> Vec<String> {
        match &self.reason {
            Reason::Text(t) => vec![(*t).to_owned()],
            Reason::Taint(i) => {
                let t = node.and_then(|n| n.taints.get(*i));
                vec![format!(
                    "node(s) had untolerated taint {{{}: {}}}",
                    t.map_or("", |t| t.key.as_str()),
                    t.map_or("", |t| t.value.as_str())
                )]
            }
            Reason::Short { pods, resources } => {
                let mut v: Vec<String> = Vec::new();
                if *pods {
                    v.push("Too many pods".to_owned());
                }
                v.extend(resources.iter().map(|r| format!("Insufficient {r}")));
                v
            }
        }
    }
}

pub(crate) fn fail(
    plugin: &'static str,
    reason: &'static str,
    unresolvable: bool,
) -> Option<Failure> {
    Some(Failure {
        plugin,
        reason: Reason::Text(reason),
        unresolvable,
    })
}

/// `ToleratesTaint` (`k8s.io/api/core/v1/toleration.go`).
pub(crate) fn tolerates(t: &Toleration, taint: &Taint) -> bool {
    if t.effect.is_some_and(|e| e != taint.effect) {
        return false;
    }
    if !t.key.is_empty() && t.key != taint.key {
        return false;
    }
    match t.operator.unwrap_or(TolerationOperator::Equal) {
        TolerationOperator::Exists => true,
        TolerationOperator::Equal => t.value == taint.value,
    }
}

pub(crate) fn tolerated(tolerations: &[Toleration], taint: &Taint) -> bool {
    tolerations.iter().any(|t| tolerates(t, taint))
}

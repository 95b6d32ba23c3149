//! The wire types of scheduling: a cluster snapshot of Kubernetes nodes and pods (the
//! model's [`crate::model::kube`] nouns) with the label keys and scoring settings that
//! placement reads.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::labels::Labels;
use crate::model::pdb::PodDisruptionBudget;

/// The cluster as the scheduler sees it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClusterSnapshot {
    /// The nodes.
    #[serde(default)]
    pub nodes: Vec<Node>,
    /// The pods: bound (`spec.nodeName` set) or pending.
    #[serde(default)]
    pub pods: Vec<Pod>,
    /// Namespace labels, for `namespaceSelector` in pod affinity terms.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub namespaces: BTreeMap<String, Labels>,
    /// The label keys that carry meaning; default the seed's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_keys: Option<LabelKeys>,
    /// How nodes are scored; default kube-scheduler's default profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scoring: Option<ScoringConfig>,
    /// PodDisruptionBudgets (`policy/v1`): the autoscaler's scale-down evicts no more pods
    /// of a budget in one step than it allows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pod_disruption_budgets: Vec<PodDisruptionBudget>,
}

/// Label keys with a meaning (seed 6.2, 9.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct LabelKeys {
    /// The deployment unit of a node; default `cafe.sofastack.io/cell`.
    pub unit: String,
    /// The zone of a node (zone-bound volumes); default `cafe.sofastack.io/zone`.
    pub zone: String,
    /// Marks sub-cluster (elastic) nodes; default `cafe.sofastack.io/sub-cluster`.
    pub sub_cluster: String,
    /// The value of `subCluster` on sub-cluster nodes; default `default`.
    pub sub_cluster_value: String,
    /// The node's own name as a label (app-service affinity); default `kubernetes.io/hostname`.
    pub hostname: String,
}

impl Default for LabelKeys {
    fn default() -> Self {
        LabelKeys {
            unit: "cafe.sofastack.io/cell".into(),
            zone: "cafe.sofastack.io/zone".into(),
            sub_cluster: "cafe.sofastack.io/sub-cluster".into(),
            sub_cluster_value: "default".into(),
            hostname: "kubernetes.io/hostname".into(),
        }
    }
}

/// Scoring: the resource strategy and the plugin weights (kube-scheduler's default profile:
/// TaintToleration 3, NodeAffinity 2, PodTopologySpread 2, InterPodAffinity 2,
/// NodeResourcesFit 1, NodeResourcesBalancedAllocation 1 —
/// `pkg/scheduler/apis/config/v1/default_plugins.go`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct ScoringConfig {
    /// `leastAllocated` (spread, the default) or `mostAllocated` (bin-packing).
    pub strategy: ScoringStrategy,
    /// NodeResourcesFit weight.
    pub resources_weight: i32,
    /// NodeResourcesBalancedAllocation weight (0 turns it off).
    pub balanced_weight: i32,
    /// TaintToleration (PreferNoSchedule) weight.
    pub taint_weight: i32,
    /// NodeAffinity (preferred terms) weight.
    pub node_affinity_weight: i32,
    /// InterPodAffinity (preferred terms) weight.
    pub pod_affinity_weight: i32,
    /// PodTopologySpread (`ScheduleAnyway`) weight.
    pub spread_weight: i32,
}

impl Default for ScoringConfig {
    fn default() -> Self {
        ScoringConfig {
            strategy: ScoringStrategy::LeastAllocated,
            resources_weight: 1,
            balanced_weight: 1,
            taint_weight: 3,
            node_affinity_weight: 2,
            pod_affinity_weight: 2,
            spread_weight: 2,
        }
    }
}

/// `NodeResourcesFitArgs.scoringStrategy.type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum ScoringStrategy {
    /// Prefer the emptiest node: `(allocatable − requested) × 100 / allocatable`.
    LeastAllocated,
    /// Prefer the fullest node: `requested × 100 / allocatable`.
    MostAllocated,
}

// The Kubernetes nouns, for this area's files (their public path is `crate::model::kube`).
pub(crate) use crate::model::kube::*;

//! The Kubernetes nouns weir reads: nodes, pods and their parts (metadata, taints,
//! tolerations, affinity, topology spread), with Kubernetes' field names and meaning, as
//! `kubectl get -o json` writes them, trimmed to what weir's decisions read, plus weir's
//! own `hints` on a pod. Scheduling places them; the autoscaler and the simulation will
//! build on the same nouns.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::labels::Labels;
use crate::model::quantity::Quantity;
use crate::model::selector::{LabelSelector, NodeSelector, NodeSelectorTerm};

/// Object metadata (the parts placement reads).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ObjectMeta {
    /// Name, unique among nodes (or among pods of a namespace).
    pub name: String,
    /// Namespace (pods); default `default`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// Labels.
    #[serde(default, skip_serializing_if = "Labels::is_empty")]
    pub labels: Labels,
    /// Set when the object is being deleted (terminating pods do not count for spread).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deletion_timestamp: Option<String>,
}

/// A node.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Node {
    /// Name and labels.
    pub metadata: ObjectMeta,
    /// Taints and cordon.
    #[serde(default)]
    pub spec: NodeSpec,
    /// Allocatable resources.
    #[serde(default)]
    pub status: NodeStatus,
}

/// `NodeSpec`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodeSpec {
    /// Taints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub taints: Vec<Taint>,
    /// Cordoned.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unschedulable: bool,
}

/// `NodeStatus`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodeStatus {
    /// `cpu`, `memory`, `pods`, extended resources. Without `pods` a node takes 110 (the
    /// kubelet's default `maxPods`; kube-scheduler would read 0 and refuse every pod, which
    /// only ever happens with a hand-written node).
    #[serde(default)]
    pub allocatable: BTreeMap<String, Quantity>,
}

/// A taint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Taint {
    /// Key.
    pub key: String,
    /// Value.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub value: String,
    /// Effect.
    pub effect: TaintEffect,
    /// When a `NoExecute` taint was added (RFC 3339; eviction times count from it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_added: Option<String>,
}

/// `TaintEffect`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum TaintEffect {
    /// New pods that do not tolerate it are not placed.
    NoSchedule,
    /// A soft `NoSchedule`: scored down.
    PreferNoSchedule,
    /// Not placed, and running pods that do not tolerate it are evicted.
    NoExecute,
}

/// A toleration.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Toleration {
    /// Empty with `Exists` matches every key.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub key: String,
    /// `Equal` (default) or `Exists`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<TolerationOperator>,
    /// Compared with `Equal`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub value: String,
    /// Empty matches every effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effect: Option<TaintEffect>,
    /// For `NoExecute`: how long the pod stays after the taint appears (an `int64` in
    /// Kubernetes; 32 bits here, about 68 years, keep every value exact in JavaScript).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub toleration_seconds: Option<i32>,
}

/// `TolerationOperator`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum TolerationOperator {
    /// Values must be equal.
    Equal,
    /// Any value.
    Exists,
}

/// A pod.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Pod {
    /// Name, namespace, labels.
    pub metadata: ObjectMeta,
    /// What placement reads.
    #[serde(default)]
    pub spec: PodSpec,
    /// `status.startTime` (preemption prefers victims started later).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<PodRunStatus>,
    /// weir's hints: what the platform knows that Kubernetes' pod does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hints: Option<PodHints>,
}

/// `PodRunStatus` (the part read).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodRunStatus {
    /// RFC 3339.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<String>,
}

/// weir's hints about a pod.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodHints {
    /// A placeholder reserving capacity: the lowest priority, preempted first.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub slot: bool,
    /// A DaemonSet pod: may go anywhere (sub-cluster too), is not drained.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub daemon_set: bool,
    /// A system pod: may go on sub-cluster nodes.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub system: bool,
    /// Uses node-local storage: cannot move when its node is drained.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub local_storage: bool,
    /// The app service the pod belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// The service's deployment units: the pod only goes on nodes of these units.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<String>,
    /// The service uses node autoscaling: the pod only goes on sub-cluster nodes.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub node_autoscaling: bool,
    /// A volume bound to this zone: the pod only goes on nodes of the zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume_zone: Option<String>,
}

/// `PodSpec` (the parts placement reads).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodSpec {
    /// The node it is bound to; absent: pending.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_name: Option<String>,
    /// Containers.
    #[serde(default)]
    pub containers: Vec<PodContainer>,
    /// Init containers (`restartPolicy: Always` makes a sidecar).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub init_containers: Vec<PodContainer>,
    /// Pod overhead (RuntimeClass), added to the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overhead: Option<BTreeMap<String, Quantity>>,
    /// Priority; default 0 (slot pods count as the lowest whatever this says).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<i32>,
    /// `Never` keeps the pod from preempting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preemption_policy: Option<PreemptionPolicy>,
    /// Tolerations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tolerations: Vec<Toleration>,
    /// Every pair must be a node label.
    #[serde(default, skip_serializing_if = "Labels::is_empty")]
    pub node_selector: Labels,
    /// Node and pod affinity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affinity: Option<Affinity>,
    /// Topology spread constraints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topology_spread_constraints: Vec<TopologySpreadConstraint>,
}

/// `PreemptionPolicy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum PreemptionPolicy {
    /// May preempt lower priorities (default).
    PreemptLowerPriority,
    /// Never preempts.
    Never,
}

/// A container's requests.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodContainer {
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Requests.
    #[serde(default)]
    pub resources: ContainerResources,
    /// `Always` on an init container makes it a sidecar (it keeps running).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restart_policy: Option<String>,
}

/// `ResourceRequirements` (requests only; limits do not affect placement).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContainerResources {
    /// Requests.
    #[serde(default)]
    pub requests: BTreeMap<String, Quantity>,
    /// Limits (read and ignored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limits: Option<BTreeMap<String, Quantity>>,
}

/// `Affinity`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Affinity {
    /// Node affinity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_affinity: Option<NodeAffinity>,
    /// Pod affinity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pod_affinity: Option<PodAffinity>,
    /// Pod anti-affinity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pod_anti_affinity: Option<PodAffinity>,
}

/// `NodeAffinity`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NodeAffinity {
    /// Hard: the node must match.
    #[serde(
        rename = "requiredDuringSchedulingIgnoredDuringExecution",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub required: Option<NodeSelector>,
    /// Soft: matching terms add their weight.
    #[serde(
        rename = "preferredDuringSchedulingIgnoredDuringExecution",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub preferred: Vec<PreferredSchedulingTerm>,
}

/// `PreferredSchedulingTerm`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PreferredSchedulingTerm {
    /// 1–100.
    pub weight: i32,
    /// The term.
    pub preference: NodeSelectorTerm,
}

/// `PodAffinity` / `PodAntiAffinity`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PodAffinity {
    /// Hard terms.
    #[serde(
        rename = "requiredDuringSchedulingIgnoredDuringExecution",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub required: Vec<PodAffinityTerm>,
    /// Soft terms.
    #[serde(
        rename = "preferredDuringSchedulingIgnoredDuringExecution",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub preferred: Vec<WeightedPodAffinityTerm>,
}

/// `PodAffinityTerm`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodAffinityTerm {
    /// Which pods; absent matches none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_selector: Option<LabelSelector>,
    /// Namespaces; with `namespaceSelector` absent too: the pod's own namespace.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub namespaces: Vec<String>,
    /// Namespaces by label (`{}`: all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace_selector: Option<LabelSelector>,
    /// The node label that defines "the same place".
    pub topology_key: String,
}

/// `WeightedPodAffinityTerm`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WeightedPodAffinityTerm {
    /// 1–100.
    pub weight: i32,
    /// The term.
    pub pod_affinity_term: PodAffinityTerm,
}

/// `TopologySpreadConstraint`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TopologySpreadConstraint {
    /// ≥ 1.
    pub max_skew: i32,
    /// The node label whose values are the domains.
    pub topology_key: String,
    /// Hard or soft.
    pub when_unsatisfiable: WhenUnsatisfiable,
    /// Which pods count; absent counts none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_selector: Option<LabelSelector>,
    /// Fewer eligible domains than this makes the global minimum 0; default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_domains: Option<i32>,
    /// `Honor` (default): only nodes matching the pod's node affinity count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_affinity_policy: Option<InclusionPolicy>,
    /// `Ignore` (default): tainted nodes count too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_taints_policy: Option<InclusionPolicy>,
    /// Pod label keys whose values narrow the selector.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub match_label_keys: Vec<String>,
}

/// `UnsatisfiableConstraintAction`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum WhenUnsatisfiable {
    /// Hard.
    DoNotSchedule,
    /// Soft (scored).
    ScheduleAnyway,
}

/// `NodeInclusionPolicy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum InclusionPolicy {
    /// Apply the pod's rule when counting.
    Honor,
    /// Count every node.
    Ignore,
}

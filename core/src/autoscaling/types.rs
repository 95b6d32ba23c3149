//! The autoscaler's wire types: events in, decisions out, and the snapshot.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::config::AutoscalerConfig;
use crate::model::quantity::Quantity;
use crate::scheduling::types::ClusterSnapshot;
use crate::time::Timestamp;

/// What the autoscaler is told (`type`-tagged, camelCase).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum AutoscalerEvent {
    /// Decide on the cluster as it is now.
    Step {
        /// The cluster: nodes (managed ones carry the group label) and pods.
        cluster: Box<ClusterSnapshot>,
    },
    /// A node the autoscaler asked for joined its group.
    NodeJoined {
        /// The group.
        group: String,
        /// The node.
        node: String,
    },
    /// A node the autoscaler asked for will not join (the cloud refused or it broke):
    /// it counts as failed (circuit breaker, backoff).
    NodeFailed {
        /// The group.
        group: String,
        /// The node, when it has a name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        node: Option<String>,
    },
    /// A node was deleted: one the autoscaler removed, or (with `failed`) a failed node
    /// an operator cleaned up, which closes the breaker by one.
    NodeDeleted {
        /// The group.
        group: String,
        /// The node.
        node: String,
        /// It was one of the failed nodes.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        failed: bool,
    },
    /// Removing a node the autoscaler chose failed: scale-down pauses
    /// (`scaleDownDelayAfterFailure`) and the node starts its unneeded time over.
    ScaleDownFailed {
        /// The group.
        group: String,
        /// The node.
        node: String,
    },
}

/// What the autoscaler answers: a decision for a `step`, `observed` for the rest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum AutoscalerOutput {
    /// The decision of a step.
    Decision(Box<Decision>),
    /// An observation was recorded.
    Observed,
}

/// One step's decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Decision {
    /// The managed nodes' water level and the slot-pod delta.
    pub water_level: WaterLevel,
    /// The nodes to add, if any (one group per step, as CA).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale_up: Option<ScaleUp>,
    /// The nodes to remove, emptiest first.
    pub scale_down: Vec<ScaleDownNode>,
    /// Why scale-down removed nothing more, when it did not run or stopped early.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale_down_blocked: Option<String>,
    /// Every node group: its state and its scale-up verdict.
    pub groups: Vec<GroupStatus>,
    /// Every pending pod and what becomes of it.
    pub pending: Vec<PendingPod>,
    /// Every managed node that is unneeded, and since when.
    pub unneeded: Vec<UnneededStatus>,
    /// The circuit breaker.
    pub breaker: Breaker,
    /// Set when the health gate halted scaling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub halted: Option<String>,
}

/// The water level of the managed nodes (seed 9.3): business requests over allocatable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct WaterLevel {
    /// Business CPU utilisation, percent (slot pods and, when ignored, DaemonSet pods
    /// left out).
    pub cpu: f64,
    /// Business memory utilisation, percent.
    pub memory: f64,
    /// Managed allocatable CPU.
    pub allocatable_cpu: Quantity,
    /// Managed allocatable memory.
    pub allocatable_memory: Quantity,
    /// CPU the reserve holds: (100 − upper mark)% of allocatable.
    pub reserved_cpu: Quantity,
    /// Memory the reserve holds.
    pub reserved_memory: Quantity,
    /// Slot pods in the cluster (bound and pending).
    pub slots: i32,
    /// Slot pods that cover the reserve in CPU and memory.
    pub desired_slots: i32,
    /// Slot pods to create (positive) or delete (negative).
    pub slot_delta: i32,
}

/// A scale-up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ScaleUp {
    /// The group.
    pub group: String,
    /// Its zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    /// Nodes to add.
    pub count: i32,
    /// The pending pods the new nodes take, `namespace/name`.
    pub pods: Vec<String>,
    /// Why this group and this count.
    pub why: String,
}

/// A node to remove.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ScaleDownNode {
    /// The node.
    pub node: String,
    /// Its group.
    pub group: String,
    /// Why it may go.
    pub why: String,
}

/// A node group's state and scale-up verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GroupStatus {
    /// The group.
    pub group: String,
    /// Its nodes in the snapshot.
    pub size: i32,
    /// Nodes asked for that have not joined.
    pub upcoming: i32,
    /// Nodes asked for that failed and were not deleted yet.
    pub failed_nodes: i32,
    /// Backed off until then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backed_off_until: Option<Timestamp>,
    /// The scale-up verdict.
    pub verdict: GroupVerdict,
    /// What the verdict rests on.
    pub message: String,
}

/// A node group's scale-up verdict (CA's `NoScaleUp` reasons, and the choice).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum GroupVerdict {
    /// The group scales up.
    Chosen,
    /// It could take pods, but the expander chose another group.
    NotChosen,
    /// No pending pod needs a new node.
    NoPendingPods,
    /// Scale-up is off, or the health gate halted it.
    ScaleUpDisabled,
    /// The circuit breaker is open.
    BreakerOpen,
    /// The group is at its `maxNodes` (nodes and upcoming nodes).
    MaxSizeReached,
    /// The group is backed off after a failure.
    BackedOff,
    /// The cluster is at `maxNodesTotal`.
    MaxNodesTotalReached,
    /// One more node would pass the cluster's CPU or memory total.
    ResourceLimitReached,
    /// No pending pod fits the group's template.
    NoPodFits,
}

/// A pending pod and what becomes of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PendingPod {
    /// `namespace/name`.
    pub pod: String,
    /// What becomes of it.
    pub reason: PendingReason,
    /// Details (the node, the groups' refusals).
    pub message: String,
}

/// What becomes of a pending pod.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum PendingReason {
    /// An existing node takes it (perhaps by preempting slot pods): no new node.
    FitsExistingNode,
    /// A node asked for earlier takes it.
    UpcomingNode,
    /// This step's scale-up takes it.
    ScaleUp,
    /// Another group could take it: a later step decides (CA "awaiting evaluation").
    AwaitingEvaluation,
    /// No group can take it (each group's verdict says why).
    NoGroupFits,
    /// It may not use managed nodes (neither a slot pod nor a node-autoscaling pod).
    NotAutoscaled,
}

/// An unneeded managed node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct UnneededStatus {
    /// The node.
    pub node: String,
    /// Unneeded since.
    pub since: Timestamp,
    /// It may be removed after this instant.
    pub removable_after: Timestamp,
    /// Why this step did not remove it, when its time had come.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kept: Option<String>,
}

/// The circuit breaker (seed 9.6): nodes created by scale-up that did not join.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Breaker {
    /// No scale-up while open.
    pub open: bool,
    /// Failed nodes not deleted yet.
    pub failed_nodes: i32,
    /// The configured limit; open above it.
    pub max_failed_nodes: i32,
}

/// Nodes asked for that have not all joined.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProvisionRequest {
    /// The group.
    pub group: String,
    /// Nodes still to join (≥ 1).
    pub count: i32,
    /// When they were asked for.
    pub at: Timestamp,
}

/// A group's backoff (CA `exponential_backoff.go`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GroupBackoff {
    /// No scale-up before then.
    pub until: Timestamp,
    /// The length of this backoff, seconds (doubles on the next failure after it ends).
    pub seconds: i32,
    /// The last failure.
    pub last_failure: Timestamp,
}

/// An unneeded node's timer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Unneeded {
    /// Its group.
    pub group: String,
    /// Unneeded since.
    pub since: Timestamp,
    /// It was unready when last seen (the unready time applies).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unready: bool,
}

/// What a restore needs: the configuration and the timers; nothing derivable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AutoscalerSnapshot {
    /// The configuration, defaults filled.
    pub config: AutoscalerConfig,
    /// The last instant handled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Timestamp>,
    /// Steps handled (numbers the seeded draws).
    #[serde(default)]
    pub steps: u32,
    /// Nodes asked for and not joined yet, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requests: Vec<ProvisionRequest>,
    /// Failed nodes per group (the breaker counts them all).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub failed: BTreeMap<String, i32>,
    /// Backoffs per group.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub backoff: BTreeMap<String, GroupBackoff>,
    /// Unneeded nodes by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub unneeded: BTreeMap<String, Unneeded>,
    /// The last scale-up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_scale_up: Option<Timestamp>,
    /// The last scale-down (decided or observed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_scale_down: Option<Timestamp>,
    /// The last failed scale-down.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_scale_down_failure: Option<Timestamp>,
}

//! What a simulation reports: timeline events, step reports, time series, pending waits,
//! the summary and the whole result.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::release::engine::OrderOutcome;
use crate::time::Timestamp;

/// What kind of thing happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum EventKind {
    /// A scripted action was carried out.
    Action,
    /// A scripted action was refused (the reason is in the text).
    Refused,
    /// A release engine asked for something or reported an outcome.
    Release,
    /// Pods were created, placed, became ready, failed or were removed.
    Pods,
    /// A service's replica target changed (timed policy or HPA).
    Scale,
    /// A node joined, failed, was cordoned, drained or removed.
    Node,
    /// The node autoscaler decided something.
    Autoscaler,
}

/// One timeline event: a line for a person and the same as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SimEvent {
    /// When.
    pub at: Timestamp,
    /// What kind.
    pub kind: EventKind,
    /// The service, node or order it is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// What happened, in words.
    pub text: String,
}

impl SimEvent {
    /// The event as one line: time, subject, text.
    #[must_use]
    pub fn line(&self) -> String {
        match &self.subject {
            Some(s) => format!("{}  {s}: {}", self.at, self.text),
            None => format!("{}  {}", self.at, self.text),
        }
    }
}

/// What one step did and how the cluster looks after it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct StepReport {
    /// The instant of the step.
    pub at: Timestamp,
    /// What happened.
    pub events: Vec<SimEvent>,
    /// Business pods per service (placed or pending).
    pub replicas: BTreeMap<String, u32>,
    /// Ready nodes.
    pub nodes: u32,
    /// Pods waiting for a node (slot pods included).
    pub pending: u32,
    /// Business pods' CPU requests over the ready nodes' allocatable CPU, percent.
    pub cpu_percent: f64,
    /// The same for memory.
    pub memory_percent: f64,
    /// Slot pods holding reserve capacity.
    pub slots: u32,
}

/// The day as time series: one sample per step taken (the values hold until the next).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Series {
    /// Seconds from `start` to `end`.
    pub span: u32,
    /// Seconds since `start` of each sample.
    pub t: Vec<u32>,
    /// Business pods per service.
    pub replicas: BTreeMap<String, Vec<u32>>,
    /// Ready nodes per group (node pool or autoscaled group).
    pub nodes: BTreeMap<String, Vec<u32>>,
    /// Pods waiting for a node.
    pub pending: Vec<u32>,
    /// Business CPU requests over allocatable CPU, percent (the water level).
    pub cpu_percent: Vec<f64>,
    /// Business memory requests over allocatable memory, percent.
    pub memory_percent: Vec<f64>,
    /// Slot pods' CPU requests over allocatable CPU, percent (the reserve).
    pub reserve_percent: Vec<f64>,
    /// Slot pods.
    pub slots: Vec<u32>,
    /// The autoscaler's water level: business CPU requests over the managed nodes'
    /// allocatable, percent, as of its last step (empty without an autoscaler).
    pub water_level: Vec<f64>,
}

/// How long a pod waited for a node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PendingWait {
    /// The pod.
    pub pod: String,
    /// Its service; absent for a slot pod.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// When it started waiting.
    pub since: Timestamp,
    /// When it got a node (or was removed, scaled down while waiting); absent: still
    /// waiting at the end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Timestamp>,
    /// Seconds waited (until the end when still waiting).
    pub seconds: u32,
}

/// How one release order went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReleaseSummary {
    /// The order.
    pub order: String,
    /// Its outcome; absent when it had not finished at the end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<OrderOutcome>,
    /// Each service's last phase (`succeeded`, `rolledBack`, `paused`, ...).
    pub services: BTreeMap<String, String>,
}

/// The run in numbers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Steps taken (instants the simulation stopped at).
    pub steps: u32,
    /// The release orders.
    pub releases: Vec<ReleaseSummary>,
    /// Business pods per service at the end.
    pub final_replicas: BTreeMap<String, u32>,
    /// Ready nodes at the end.
    pub final_nodes: u32,
    /// The most ready nodes at once.
    pub peak_nodes: u32,
    /// Node-hours (ready nodes over time).
    pub node_hours: f64,
    /// The highest business CPU water level, percent.
    pub peak_cpu_percent: f64,
    /// The highest business memory water level, percent.
    pub peak_memory_percent: f64,
    /// The longest a business pod waited for a node, seconds.
    pub longest_pending_seconds: u32,
    /// That pod.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub longest_pending_pod: Option<String>,
    /// Pods still waiting at the end.
    pub pending_at_end: u32,
    /// Nodes the autoscaler asked for.
    pub nodes_added: u32,
    /// Nodes the autoscaler drained and removed.
    pub nodes_removed: u32,
    /// Nodes whose provisioning failed.
    pub nodes_failed: u32,
    /// Invariant checks passed (each step: every pod on a ready node it fits).
    pub invariant_checks: u32,
    /// Invariant checks failed, in words (empty when the simulation is sound).
    pub violations: Vec<String>,
    /// Timeline events not kept (beyond the limit).
    pub dropped_events: u32,
}

/// The result of a whole run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SimulationResult {
    /// The scenario's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Every event, in order.
    pub timeline: Vec<SimEvent>,
    /// The time series.
    pub series: Series,
    /// Every pod that waited for a node, and how long.
    pub pending_waits: Vec<PendingWait>,
    /// The numbers.
    pub summary: Summary,
}

impl SimulationResult {
    /// The timeline as lines, one per event.
    #[must_use]
    pub fn lines(&self) -> Vec<String> {
        self.timeline.iter().map(SimEvent::line).collect()
    }
}

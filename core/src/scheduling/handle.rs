//! A cluster kept compiled between calls: large snapshots are converted and compiled once,
//! not on every `schedule_one` (from Python, one call on 5,000 nodes and 20,000 pods spent
//! 118 ms converting and compiling the snapshot, and under 1 ms deciding).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::cluster::Cluster;
use super::ops::{
    KeptPod, Placement, TaintEviction, add_pod, add_pods, capped, drain_cordoned, evictions_at,
};
use super::place::{UnitPlacement, place_in};
use super::types::{ClusterSnapshot, Pod};
use crate::error::{Error, FieldPath, Result};
use crate::time::Timestamp;

/// Input of [`Scheduler::schedule_all`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SchedulePodsInput {
    /// Pods to add and schedule (with the cluster's pending pods).
    #[serde(default)]
    pub pods: Vec<Pod>,
    /// Preempt lower-priority pods when nothing fits; default true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preemption: Option<bool>,
}

/// The result of [`Scheduler::schedule_all`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SchedulePodsResult {
    /// One per pending pod, in the order they were scheduled.
    pub placements: Vec<Placement>,
    /// Pods removed by preemption, `namespace/name`.
    pub evicted: Vec<String>,
}

/// Input of [`Scheduler::place`]: [`super::place::PlaceInput`] without the snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlacePodsInput {
    /// The service's pod template (`metadata.name` is the name prefix); its
    /// `hints.units` are the service's units unless `units` is given.
    pub template: Pod,
    /// How many pods to place.
    pub replicas: i32,
    /// The service's deployment units, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<String>,
    /// Preempt lower-priority (slot) pods when a unit is full; default false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preemption: Option<bool>,
}

/// The result of [`Scheduler::place`]: [`super::place::PlaceResult`] without the snapshot
/// (the scheduler keeps it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PlacePodsResult {
    /// Per unit, in the given order.
    pub units: Vec<UnitPlacement>,
    /// Every pod placed, in order.
    pub placements: Vec<Placement>,
    /// Pods no unit could take, with the reasons across all the service's units.
    pub pending: Vec<Placement>,
}

/// The result of [`Scheduler::drain`]: [`super::ops::DrainResult`] without the snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DrainNodeResult {
    /// Evicted pods and where they went (or why they are pending).
    pub placements: Vec<Placement>,
    /// Pods that stay: DaemonSet pods and pods on node-local storage, with the reason.
    pub kept: Vec<KeptPod>,
}

/// A cluster snapshot compiled once, then scheduled against many times: the stateful form
/// of [`super::ops::schedule_one`], [`super::ops::schedule_all`], [`super::place::place`],
/// [`super::ops::drain`] and [`super::ops::taint_evictions`]. Its data is its
/// [`ClusterSnapshot`] (`snapshot()` / `restore()`); a refused call changes nothing.
///
/// # Examples
///
/// ```
/// let snapshot: weir::ClusterSnapshot = serde_json::from_value(serde_json::json!({
///     "nodes": [{"metadata": {"name": "n1"}, "status": {"allocatable": {"cpu": "2", "memory": "4Gi"}}}]}))?;
/// let mut s = weir::Scheduler::new(&snapshot)?;
/// let pod: weir::Pod = serde_json::from_value(serde_json::json!({"metadata": {"name": "web-0"},
///     "spec": {"containers": [{"name": "c", "resources": {"requests": {"cpu": "1500m"}}}]}}))?;
/// assert_eq!(s.schedule_one(&pod)?.node.as_deref(), Some("n1"));
/// let done = s.schedule_all(&weir::SchedulePodsInput { pods: vec![pod.clone()], preemption: None })?;
/// assert_eq!(done.placements[0].node.as_deref(), Some("n1"));
/// // The node now has 500m left: a second copy does not fit.
/// let mut again = pod;
/// again.metadata.name = "web-1".into();
/// assert_eq!(s.schedule_one(&again)?.node, None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Scheduler {
    cluster: Cluster,
    /// The snapshot's nodes and settings (pods live in `cluster`).
    base: ClusterSnapshot,
    /// The last instant handled (`handle`), for `poll_timeout`.
    pub(super) at: Option<Timestamp>,
}

impl Scheduler {
    /// Compile a snapshot.
    ///
    /// # Errors
    ///
    /// As [`super::ops::schedule_one`]: [`Error::Validation`] for duplicate names, unknown
    /// `nodeName`s or bad selectors.
    pub fn new(snapshot: &ClusterSnapshot) -> Result<Scheduler> {
        let cluster = Cluster::build(snapshot)?;
        let base = without_pods(snapshot);
        Ok(Scheduler {
            cluster,
            base,
            at: None,
        })
    }

    /// Where one pod would go (nothing changes).
    ///
    /// # Errors
    ///
    /// [`Error::Validation`] for a malformed pod or one whose name is taken.
    pub fn schedule_one(&mut self, pod: &Pod) -> Result<Placement> {
        let i = add_pod(&mut self.cluster, pod, "pod")?;
        let out = self.cluster.decide_added(i).map(capped);
        self.cluster.drop_last();
        out
    }

    /// Add the pods and schedule every pending pod (priority first, with preemption),
    /// keeping the result.
    ///
    /// # Errors
    ///
    /// [`Error::Validation`] for a malformed pod or a name already taken (every pod is
    /// checked before any is added: a refused call changes nothing).
    pub fn schedule_all(&mut self, input: &SchedulePodsInput) -> Result<SchedulePodsResult> {
        self.cluster.check_pending_work(input.pods.len())?;
        add_pods(&mut self.cluster, &input.pods, |i| {
            FieldPath::root("pods").index(i).into()
        })?;
        let pending = self.cluster.pending_in_order();
        let (placements, evicted) = self
            .cluster
            .run_pending(pending, input.preemption.unwrap_or(true));
        Ok(SchedulePodsResult {
            placements,
            evicted,
        })
    }

    /// Place a service's replicas evenly over its units with spill-over, keeping them (as
    /// [`super::place::place`]).
    ///
    /// # Errors
    ///
    /// [`Error::Validation`] for a malformed template or unit split (nothing changes).
    pub fn place(&mut self, input: &PlacePodsInput) -> Result<PlacePodsResult> {
        let (units, placements, pending) = place_in(
            &mut self.cluster,
            &input.template,
            input.replicas,
            &input.units,
            input.preemption,
        )?;
        Ok(PlacePodsResult {
            units,
            placements,
            pending,
        })
    }

    /// Cordon node `node`, evict its pods but DaemonSet and node-local ones, and schedule
    /// them elsewhere, keeping the result (as [`super::ops::drain`]). A cordon changes the
    /// node's class, so the cluster is compiled again from its snapshot.
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`] for an unknown node (nothing changes).
    pub fn drain(&mut self, node: &str) -> Result<DrainNodeResult> {
        let mut snapshot = self.cluster();
        let Some(n) = snapshot.nodes.iter_mut().find(|n| n.metadata.name == node) else {
            return Err(Error::NotFound {
                kind: "node".into(),
                id: node.to_owned(),
            });
        };
        n.spec.unschedulable = true;
        let mut cluster = Cluster::build(&snapshot)?;
        let (placements, kept) = drain_cordoned(&mut cluster, node);
        self.cluster = cluster;
        self.base = without_pods(&snapshot);
        Ok(DrainNodeResult { placements, kept })
    }

    /// The pods `NoExecute` taints evict, and when, as of `now` (RFC 3339; as
    /// [`super::ops::taint_evictions`]). Nothing changes.
    ///
    /// # Errors
    ///
    /// [`Error::Validation`] for a bad `now` or taint `timeAdded`.
    pub fn taint_evictions(&self, now: &str) -> Result<Vec<TaintEviction>> {
        evictions_at(&self.cluster, crate::time::unix_seconds(now)?)
    }

    /// [`Scheduler::taint_evictions`] at an instant.
    pub(super) fn taint_evictions_at(&self, now: Timestamp) -> Result<Vec<TaintEviction>> {
        evictions_at(&self.cluster, now.unix_seconds())
    }

    /// Unbind the pods whose eviction is due at `now`; they become pending.
    pub(super) fn evict_tainted(&mut self, now: Timestamp) -> Result<Vec<TaintEviction>> {
        let due: Vec<TaintEviction> = self
            .taint_evictions_at(now)?
            .into_iter()
            .filter(|e| Timestamp::parse_at(&e.evict_at, "evictAt").is_ok_and(|t| t <= now))
            .collect();
        for e in &due {
            if let Some(&i) = self.cluster.ids.get(e.pod.as_str()) {
                self.cluster.unbind(i);
            }
        }
        Ok(due)
    }

    /// The cluster as data (pods with their current `nodeName`; victims gone).
    #[must_use]
    pub fn cluster(&self) -> ClusterSnapshot {
        self.cluster.snapshot(&self.base)
    }
}

/// Everything of a snapshot but its pods (which live in the cluster), without copying them.
fn without_pods(snapshot: &ClusterSnapshot) -> ClusterSnapshot {
    ClusterSnapshot {
        nodes: snapshot.nodes.clone(),
        pods: Vec::new(),
        namespaces: snapshot.namespaces.clone(),
        label_keys: snapshot.label_keys.clone(),
        scoring: snapshot.scoring.clone(),
        pod_disruption_budgets: snapshot.pod_disruption_budgets.clone(),
    }
}

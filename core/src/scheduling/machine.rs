//! The scheduler in the common machine shape ([`Machine`]): one event at an instant, one
//! output. The methods of [`Scheduler`] stay as the direct way to call it; this is the
//! shape a loop that drives every machine (a simulation) uses.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::handle::{
    DrainNodeResult, PlacePodsInput, PlacePodsResult, SchedulePodsInput, SchedulePodsResult,
    Scheduler,
};
use super::ops::{Placement, TaintEviction};
use super::types::{ClusterSnapshot, Pod};
use crate::error::{FieldPath, Result};
use crate::machine::{Machine, check_forward};
use crate::time::Timestamp;

/// An event for the scheduler, tagged by `type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum SchedulerEvent {
    /// Where one pod would go (nothing changes).
    ScheduleOne {
        /// The pod.
        pod: Pod,
    },
    /// Add pods and schedule every pending pod, with preemption unless `preemption` is
    /// false.
    ScheduleAll {
        /// Pods to add.
        #[serde(default)]
        pods: Vec<Pod>,
        /// Preempt lower-priority pods when nothing fits; default true.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        preemption: Option<bool>,
    },
    /// Place a service's replicas evenly over its units, with spill-over.
    Place(PlacePodsInput),
    /// Cordon a node, evict and reschedule its pods.
    Drain {
        /// The node.
        node: String,
    },
    /// Evict the pods whose `NoExecute` taint eviction is due at `now`: each becomes
    /// pending again (its controller recreates it), for the next `scheduleAll`.
    EvictTainted,
}

/// A scheduler's state, as [`Scheduler::snapshot`] gives it and [`Scheduler::restore`]
/// takes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SchedulerSnapshot {
    /// The cluster: the scheduler's decisions depend on it alone.
    pub cluster: ClusterSnapshot,
    /// The last instant handled; absent before the first event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Timestamp>,
}

/// What the scheduler answers, tagged by `type`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum SchedulerOutput {
    /// For `scheduleOne`.
    Placement(Placement),
    /// For `scheduleAll`.
    Scheduled(SchedulePodsResult),
    /// For `place`.
    Placed(PlacePodsResult),
    /// For `drain`.
    Drained(DrainNodeResult),
    /// For `evictTainted`: the pods evicted now.
    Evicted {
        /// The evictions that were due.
        evictions: Vec<TaintEviction>,
    },
}

impl Scheduler {
    /// Handle one event at `now` (see [`SchedulerEvent`]); nothing changes when it is
    /// refused.
    ///
    /// # Errors
    ///
    /// As the method the event names; `invalid_transition` for a `now` earlier than the
    /// last one handled.
    pub fn handle(&mut self, now: Timestamp, event: SchedulerEvent) -> Result<SchedulerOutput> {
        check_forward(self.at, now)?;
        let out = match event {
            SchedulerEvent::ScheduleOne { pod } => {
                SchedulerOutput::Placement(self.schedule_one(&pod)?)
            }
            SchedulerEvent::ScheduleAll { pods, preemption } => SchedulerOutput::Scheduled(
                self.schedule_all(&SchedulePodsInput { pods, preemption })?,
            ),
            SchedulerEvent::Place(input) => SchedulerOutput::Placed(self.place(&input)?),
            SchedulerEvent::Drain { node } => SchedulerOutput::Drained(self.drain(&node)?),
            SchedulerEvent::EvictTainted => SchedulerOutput::Evicted {
                evictions: self.evict_tainted(now)?,
            },
        };
        self.at = Some(now);
        Ok(out)
    }

    /// The next `NoExecute` eviction after the last instant handled (send `evictTainted`
    /// then), or `None`: no eviction pending, or no instant handled yet (a taint without
    /// `timeAdded` counts from the caller's `now`).
    #[must_use]
    pub fn poll_timeout(&self) -> Option<Timestamp> {
        let at = self.at?;
        self.taint_evictions_at(at)
            .ok()?
            .iter()
            .filter_map(|e| Timestamp::parse_at(&e.evict_at, "evictAt").ok())
            .min()
    }
}

impl Scheduler {
    /// What a restore needs: the cluster and the last instant handled.
    #[must_use]
    pub fn snapshot(&self) -> SchedulerSnapshot {
        SchedulerSnapshot {
            cluster: self.cluster(),
            at: self.at,
        }
    }

    /// A scheduler that continues from a snapshot (the cluster compiled as by
    /// [`Scheduler::new`]).
    ///
    /// # Errors
    ///
    /// As [`Scheduler::new`], at `cluster.<path>`.
    pub fn restore(snapshot: SchedulerSnapshot) -> Result<Scheduler> {
        let mut s =
            Scheduler::new(&snapshot.cluster).map_err(|e| e.under(&FieldPath::root("cluster")))?;
        s.at = snapshot.at;
        Ok(s)
    }
}

impl Machine for Scheduler {
    type Event = SchedulerEvent;
    type Output = SchedulerOutput;
    type Snapshot = SchedulerSnapshot;

    fn handle(&mut self, now: Timestamp, event: SchedulerEvent) -> Result<SchedulerOutput> {
        Scheduler::handle(self, now, event)
    }

    fn poll_timeout(&self) -> Option<Timestamp> {
        Scheduler::poll_timeout(self)
    }

    fn snapshot(&self) -> SchedulerSnapshot {
        Scheduler::snapshot(self)
    }

    fn restore(snapshot: SchedulerSnapshot) -> Result<Self> {
        Scheduler::restore(snapshot)
    }
}

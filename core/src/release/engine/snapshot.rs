//! The release engine's snapshot: what a restore needs and nothing the engine derives.
//!
//! A snapshot carries the plan, each service's position (phase, group, task, pause,
//! failure) and the pods as last observed, the timeline, and the last instant handled.
//! The bookkeeping that makes an observation cheap (which pods of the current group count
//! as updated, which are ready but not for long enough yet, when the next one matures) is
//! not in it: `restore` recomputes it from the pods as of that instant, so a snapshot
//! cannot carry a count that disagrees with its pods.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::run::{PodState, ServiceRun};
use super::{ConfirmReason, OrderOutcome, ReleaseEngine, ServicePhase, TimelineEntry};
use crate::release::plan::ServicePlan;
use crate::time::Timestamp;

/// A release engine's state, as [`ReleaseEngine::snapshot`] gives it and
/// [`ReleaseEngine::restore`] takes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReleaseSnapshot {
    /// The order's id.
    pub id: String,
    /// Seconds a pod must stay ready.
    pub ready_seconds: u32,
    /// At most this many services at once (0: no limit).
    pub max_parallel_services: u32,
    /// `start` was received.
    pub started: bool,
    /// The order's outcome once every service is final.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<OrderOutcome>,
    /// The last instant the engine handled; absent before its first event. The engine
    /// refuses an earlier `now`, and `restore` reads the pods as of this instant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Timestamp>,
    /// Every service, in topological order.
    pub services: Vec<ServiceSnapshot>,
    /// Every transition.
    pub timeline: Vec<TimelineEntry>,
}

/// One service in a [`ReleaseSnapshot`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceSnapshot {
    /// Its plan.
    pub plan: ServicePlan,
    /// Its phase.
    pub phase: ServicePhase,
    /// The current group (of the rollback groups while rolling back).
    pub group: u32,
    /// The current task (index into the pre- or post-tasks).
    pub task: u32,
    /// Why it is paused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paused_for: Option<ConfirmReason>,
    /// Asked to start by `startService`.
    #[serde(default)]
    pub requested: bool,
    /// Why it failed or was cancelled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The phase it failed in (a task phase, or updating), for `retry`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed_in: Option<ServicePhase>,
    /// The pods observed so far (pods of the plan never observed are absent).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub pods: BTreeMap<String, PodSnapshot>,
}

/// A pod as last observed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodSnapshot {
    /// The version it runs.
    pub version: String,
    /// Ready on that version since, while ready.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ready_since: Option<Timestamp>,
    /// Observed failed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub failed: bool,
}

impl ReleaseEngine {
    /// What a restore needs to continue from here.
    #[must_use]
    pub fn snapshot(&self) -> ReleaseSnapshot {
        ReleaseSnapshot {
            id: self.id.clone(),
            ready_seconds: self.ready_seconds,
            max_parallel_services: self.max_parallel_services,
            started: self.started,
            outcome: self.outcome,
            at: self.at,
            services: self.services.iter().map(service_snapshot).collect(),
            timeline: self.timeline.clone(),
        }
    }
}

fn service_snapshot(s: &ServiceRun) -> ServiceSnapshot {
    ServiceSnapshot {
        plan: s.plan.clone(),
        phase: s.phase,
        group: s.group,
        task: s.task,
        paused_for: s.paused_for,
        requested: s.requested,
        message: s.message.clone(),
        failed_in: s.failed_in,
        pods: s
            .pods
            .iter()
            .filter_map(|(name, p)| {
                Some((
                    name.clone(),
                    PodSnapshot {
                        version: p.version.clone()?,
                        ready_since: p.ready_since.and_then(Timestamp::from_unix_seconds),
                        failed: p.failed,
                    },
                ))
            })
            .collect(),
    }
}

/// A service's run from its snapshot: the planned pods with the observed ones laid over
/// them (a pod not in the plan is kept, for the check to report), bookkeeping empty.
pub(super) fn service_run(s: ServiceSnapshot) -> ServiceRun {
    let mut pods = super::check::planned_pods(&s.plan);
    for (name, p) in s.pods {
        let state = pods.entry(name).or_insert_with(|| PodState {
            group: u32::MAX,
            rollback_group: u32::MAX,
            ..PodState::default()
        });
        state.version = Some(p.version);
        state.ready_since = p.ready_since.map(Timestamp::unix_seconds);
        state.failed = p.failed;
    }
    ServiceRun {
        plan: s.plan,
        phase: s.phase,
        group: s.group,
        task: s.task,
        paused_for: s.paused_for,
        requested: s.requested,
        message: s.message,
        failed_in: s.failed_in,
        group_updated: 0,
        maturing: Vec::new(),
        failing: None,
        next_maturity: None,
        pods,
    }
}

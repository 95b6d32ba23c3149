//! The release engine: a sans-IO state machine that drives a planned release order
//! (`docs/release.md`; seed 6.6 立即发布, 6.7 发布单: groups, beta confirmation, pauses,
//! retry, rollback, cancel).
//!
//! The caller feeds events (`start`, pod observations, task results, confirmations, ...)
//! with the current time and carries out the commands it gets back (run a task, update
//! these pods to that version, ask a person to confirm, ...). Every event is checked
//! before anything changes: a refused event returns `invalid_transition` (or `not_found`,
//! `validation` for a bad `now`) and leaves the engine exactly as it was. Every phase
//! change is recorded in the timeline (前置、发布、后置任务事件完整记录).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result, ValidationErrors};
use crate::model::diff::{PostTask, PreTask, Upgrade};
use crate::release::groups::{PauseReason, PodGroups};
use crate::release::plan::{ReleasePlan, RollbackPlan, ServicePlan};

mod check;

/// Where a service is in the release.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum ServicePhase {
    /// Not started (dependencies pending, no slot, or the order not started).
    Waiting,
    /// Running its pre-tasks.
    PreTasks,
    /// Updating the pods of its current group.
    Updating,
    /// Waiting for a person after a group (beta confirmation or group pause).
    Paused,
    /// Running its post-tasks.
    PostTasks,
    /// Done: every pod runs the new version.
    Succeeded,
    /// A task or a pod failed; retry, roll back or cancel.
    Failed,
    /// Cancelled (by a person, or because a dependency did not succeed).
    Cancelled,
    /// Rolling back to the last successful version.
    RollingBack,
    /// Rolled back; waiting for the rollback to be confirmed.
    AwaitingRollbackConfirmation,
    /// Rolled back and confirmed.
    RolledBack,
    /// The rollback failed; retry or abandon it.
    RollbackFailed,
    /// Never released successfully: its resources were deleted (回退至无资源状态).
    ResourcesDeleted,
}

impl ServicePhase {
    /// Whether the service is done for this order (it no longer changes by itself).
    pub(crate) fn terminal(self) -> bool {
        matches!(
            self,
            ServicePhase::Succeeded
                | ServicePhase::Cancelled
                | ServicePhase::RolledBack
                | ServicePhase::ResourcesDeleted
        )
    }
}

/// A task name: a pre-task or a post-task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum TaskName {
    /// Apply the service (access) configuration.
    ApplyServiceConfig,
    /// Apply the log collection configuration.
    ApplyLogConfig,
    /// Remove services that are gone.
    CleanupServiceConfig,
    /// Remove log collection that is gone.
    RemoveLogConfig,
}

impl From<PreTask> for TaskName {
    fn from(t: PreTask) -> Self {
        match t {
            PreTask::ApplyServiceConfig => TaskName::ApplyServiceConfig,
            PreTask::ApplyLogConfig => TaskName::ApplyLogConfig,
        }
    }
}

impl From<PostTask> for TaskName {
    fn from(t: PostTask) -> Self {
        match t {
            PostTask::CleanupServiceConfig => TaskName::CleanupServiceConfig,
            PostTask::RemoveLogConfig => TaskName::RemoveLogConfig,
        }
    }
}

/// An event for the engine, tagged by `type`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum ReleaseEvent {
    /// Release the whole order (整体发布).
    Start,
    /// Release one service (its dependencies must have succeeded).
    StartService {
        /// The service.
        service: String,
    },
    /// What the caller saw of a pod.
    PodObserved {
        /// The service.
        service: String,
        /// The pod.
        pod: String,
        /// The version it runs.
        version: String,
        /// Whether it is ready.
        ready: bool,
        /// Whether it failed (crash loop, image pull error, ...).
        #[serde(default)]
        failed: bool,
        /// Why, for the timeline.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// A task the engine asked for has finished.
    TaskFinished {
        /// The service.
        service: String,
        /// The task.
        task: TaskName,
        /// Whether it succeeded.
        ok: bool,
        /// Why it failed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        message: Option<String>,
    },
    /// The beta group looks good: go on (Beta 分组确认).
    ConfirmBeta {
        /// The service.
        service: String,
    },
    /// Go on after a group pause.
    Resume {
        /// The service.
        service: String,
    },
    /// Cancel one service, or (without `service`) every unfinished one.
    Cancel {
        /// The service; absent: the whole order.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        service: Option<String>,
    },
    /// Retry a failed service.
    Retry {
        /// The service.
        service: String,
    },
    /// Roll a failed or paused service back.
    Rollback {
        /// The service.
        service: String,
    },
    /// The rollback looks good.
    ConfirmRollback {
        /// The service.
        service: String,
    },
    /// Retry a failed rollback.
    RetryRollback {
        /// The service.
        service: String,
    },
    /// Abandon a failed rollback.
    CancelRollback {
        /// The service.
        service: String,
    },
    /// Time passed (pods may have been ready long enough).
    Tick,
}

/// Why a person is asked to confirm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum ConfirmReason {
    /// The beta group is done.
    Beta,
    /// A group is done and groups pause.
    GroupPause,
    /// The rollback is done.
    Rollback,
}

/// How a service ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum ServiceOutcome {
    /// Released.
    Succeeded,
    /// Failed (it may still be retried, rolled back or cancelled).
    Failed,
    /// Cancelled.
    Cancelled,
    /// Rolled back to the last successful version.
    RolledBack,
    /// Its resources were deleted.
    ResourcesDeleted,
}

/// How the order ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum OrderOutcome {
    /// Every service succeeded.
    Succeeded,
    /// Some services succeeded, others were cancelled or rolled back.
    Partial,
    /// No service succeeded.
    Cancelled,
}

/// A command for the caller, tagged by `type`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum ReleaseCommand {
    /// Run a pre- or post-task, then send `taskFinished`.
    RunTask {
        /// The service.
        service: String,
        /// The task.
        task: TaskName,
    },
    /// Update these pods to this version, then report them with `podObserved`.
    UpdatePods {
        /// The service.
        service: String,
        /// The group (of the rollback groups while rolling back).
        group: u32,
        /// The pods.
        pods: Vec<String>,
        /// The version they should run.
        to_version: String,
        /// In place or recreate.
        mode: Upgrade,
    },
    /// Delete the service's resources (rollback of a first release).
    DeleteResources {
        /// The service.
        service: String,
    },
    /// Ask a person to confirm (`confirmBeta`, `resume`, `confirmRollback`).
    AwaitConfirmation {
        /// The service.
        service: String,
        /// Why.
        reason: ConfirmReason,
    },
    /// A service reached an outcome.
    ServiceFinished {
        /// The service.
        service: String,
        /// The outcome.
        outcome: ServiceOutcome,
        /// Why, for a person.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        message: Option<String>,
    },
    /// Every service reached a final outcome.
    OrderFinished {
        /// The outcome.
        outcome: OrderOutcome,
    },
}

/// A pod's state as the engine sees it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodState {
    /// The version last observed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Ready since (Unix seconds), while ready on its observed version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ready_since: Option<f64>,
    /// Observed failed.
    #[serde(default)]
    pub failed: bool,
    /// Its group in the release.
    #[serde(default)]
    pub group: u32,
    /// Its group in a rollback.
    #[serde(default)]
    pub rollback_group: u32,
    /// Counted in its service's `groupUpdated` (it is in the current group and updated).
    #[serde(default)]
    pub counted: bool,
    /// Listed in its service's `maturing`.
    #[serde(default)]
    pub maturing: bool,
}

/// A pod's release status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum PodStatus {
    /// Not on the target version.
    NotUpdated,
    /// On the target version, not ready or not ready for long enough.
    Updating,
    /// On the target version and ready for at least `readySeconds`.
    Updated,
    /// Failed.
    Failed,
}

/// One service's run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceRun {
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
    /// How many pods of the current group are updated (kept as pods change, so an
    /// observation costs O(log pods), not a scan of the group).
    #[serde(default)]
    pub group_updated: u32,
    /// Pods of the current group on the target version and ready, not yet for
    /// `readySeconds`: checked as time passes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub maturing: Vec<String>,
    /// A pod of the current group that failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failing: Option<String>,
    /// The earliest time (Unix seconds) a maturing pod can count as updated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_maturity: Option<f64>,
    /// Every pod seen or planned.
    pub pods: BTreeMap<String, PodState>,
}

/// One recorded transition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TimelineEntry {
    /// When (the event's `now`).
    pub at: String,
    /// The service; absent for order-level entries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// The phase before.
    pub from: ServicePhase,
    /// The phase after.
    pub to: ServicePhase,
    /// The event (or rule) that caused it.
    pub cause: String,
}

/// The release engine; its serialized form is its snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReleaseEngine {
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
    /// Every service, in topological order.
    pub services: Vec<ServiceRun>,
    /// Every transition.
    pub timeline: Vec<TimelineEntry>,
    /// Service name → position in `services`: derived, so not part of the snapshot; built
    /// by `new` and `restore` (lookups fall back to a scan when it is missing).
    #[serde(skip)]
    #[schemars(skip)]
    pub index: BTreeMap<String, u32>,
}

/// The event's time: the caller's text (for the timeline) and the instant it names,
/// parsed once by `handle` before anything changes.
#[derive(Clone, Copy)]
struct Now<'a> {
    text: &'a str,
    secs: f64,
}

fn refuse<T>(event: &str, state: impl Into<String>) -> Result<T> {
    Err(Error::invalid_transition(event, &state.into()))
}

impl ServiceRun {
    fn rolling_back(&self) -> bool {
        matches!(
            self.phase,
            ServicePhase::RollingBack
                | ServicePhase::RollbackFailed
                | ServicePhase::AwaitingRollbackConfirmation
        )
    }

    fn target(&self) -> &str {
        match (&self.plan.rollback, self.rolling_back()) {
            (RollbackPlan::ToVersion { version, .. }, true) => version,
            _ => &self.plan.to_version,
        }
    }

    fn groups(&self) -> &PodGroups {
        if self.rolling_back() {
            &self.plan.rollback_groups
        } else {
            &self.plan.groups
        }
    }

    fn group_pods(&self) -> &[String] {
        self.groups()
            .groups
            .get(self.group as usize)
            .map_or(&[], |g| g.pods.as_slice())
    }

    /// The most pods any of its groups (release or rollback) holds: the most a group can
    /// count as updated.
    pub(crate) fn largest_group(&self) -> usize {
        self.plan
            .groups
            .groups
            .iter()
            .chain(&self.plan.rollback_groups.groups)
            .map(|g| g.pods.len())
            .max()
            .unwrap_or(0)
    }

    /// The group `pod` is released in, in the current direction (release or rollback).
    fn group_of(&self, pod: &PodState) -> u32 {
        if self.rolling_back() {
            pod.rollback_group
        } else {
            pod.group
        }
    }

    /// Whether `pod` belongs to the current group.
    fn in_group(&self, pod: &PodState) -> bool {
        self.group_of(pod) == self.group
    }

    /// Count the current group's updated pods afresh (when the group changes).
    fn recount(&mut self, now: f64, ready_seconds: u32) {
        let pods: Vec<String> = self.group_pods().to_vec();
        let mut updated = 0;
        self.maturing.clear();
        self.failing = None;
        self.next_maturity = None;
        for p in self.pods.values_mut() {
            p.counted = false;
            p.maturing = false;
        }
        for name in pods {
            let st = self.status(&name, now, ready_seconds);
            match st {
                PodStatus::Updated => updated += 1,
                PodStatus::Updating
                    if self
                        .pods
                        .get(&name)
                        .is_some_and(|p| p.ready_since.is_some()) =>
                {
                    self.add_maturing(&name, ready_seconds)
                }
                PodStatus::Failed => self.failing = Some(name.clone()),
                _ => {}
            }
            if let Some(p) = self.pods.get_mut(&name) {
                p.counted = st == PodStatus::Updated;
            }
        }
        self.group_updated = updated;
    }

    /// List a pod as maturing (once) and note when it can be counted.
    fn add_maturing(&mut self, name: &str, ready_seconds: u32) {
        let Some(p) = self.pods.get_mut(name) else {
            return;
        };
        if let Some(since) = p.ready_since {
            let at = since + f64::from(ready_seconds);
            self.next_maturity = Some(self.next_maturity.map_or(at, |m| m.min(at)));
        }
        if !p.maturing {
            p.maturing = true;
            self.maturing.push(name.to_owned());
        }
    }

    /// Move the maturing pods that have been ready long enough into the count; nothing to
    /// do before the earliest maturity.
    fn mature(&mut self, now: f64, ready_seconds: u32) {
        if self.next_maturity.is_none_or(|m| now < m) {
            return;
        }
        self.next_maturity = None;
        for name in std::mem::take(&mut self.maturing) {
            if let Some(p) = self.pods.get_mut(&name) {
                p.maturing = false;
            }
            let in_group = self.pods.get(&name).is_some_and(|p| self.in_group(p));
            match self.status(&name, now, ready_seconds) {
                PodStatus::Updated if in_group => {
                    if let Some(p) = self.pods.get_mut(&name)
                        && !p.counted
                    {
                        p.counted = true;
                        self.group_updated += 1;
                    }
                }
                PodStatus::Updating
                    if self
                        .pods
                        .get(&name)
                        .is_some_and(|p| p.ready_since.is_some()) =>
                {
                    self.add_maturing(&name, ready_seconds)
                }
                _ => {}
            }
        }
    }

    fn status(&self, pod: &str, now: f64, ready_seconds: u32) -> PodStatus {
        let Some(p) = self.pods.get(pod) else {
            return PodStatus::NotUpdated;
        };
        if p.version.as_deref() != Some(self.target()) {
            // A failure on another version (say, the old one crash-looping) is not a
            // failure of this release: updating the pod is what fixes it.
            PodStatus::NotUpdated
        } else if p.failed {
            PodStatus::Failed
        } else if p
            .ready_since
            .is_some_and(|s| now - s >= f64::from(ready_seconds))
        {
            PodStatus::Updated
        } else {
            PodStatus::Updating
        }
    }
}

// INVARIANT: every `self.services[i]` index comes from `find()` or `0..self.services.len()`,
// and `services` never shrinks after `new`.
#[expect(
    clippy::indexing_slicing,
    reason = "service indices come from find() or 0..len(); services never shrink"
)]
impl ReleaseEngine {
    /// An engine for a planned order (see [`crate::plan_release`]); nothing happens until
    /// `start` or `startService`.
    ///
    /// # Errors
    ///
    /// [`Error::Validation`] with every problem of a plan the engine cannot drive (one not
    /// made by `plan_release`, or edited since): service names missing or twice, a
    /// dependency that is not an earlier service, groups not indexed in order, a pod in no
    /// group, two groups or no rollback group, a pause after no group, an empty version.
    pub fn new(plan: ReleasePlan) -> Result<Self> {
        let mut errs = ValidationErrors::new();
        check::id(&plan.id, &mut errs);
        check::services(
            plan.services.iter(),
            |i| format!("services[{i}]"),
            &mut errs,
        );
        errs.into_result(())?;
        let services = plan
            .services
            .into_iter()
            .map(|p| ServiceRun {
                pods: check::planned_pods(&p),
                plan: p,
                phase: ServicePhase::Waiting,
                group: 0,
                task: 0,
                paused_for: None,
                requested: false,
                message: None,
                failed_in: None,
                group_updated: 0,
                maturing: Vec::new(),
                failing: None,
                next_maturity: None,
            })
            .collect();
        Ok(ReleaseEngine {
            id: plan.id,
            ready_seconds: plan.ready_seconds,
            max_parallel_services: plan.max_parallel_services,
            started: false,
            outcome: None,
            services,
            timeline: Vec::new(),
            index: BTreeMap::new(),
        }
        .indexed())
    }

    fn indexed(mut self) -> Self {
        self.index = self
            .services
            .iter()
            .enumerate()
            .map(|(i, s)| (s.plan.name.clone(), u32::try_from(i).unwrap_or(u32::MAX)))
            .collect();
        self
    }

    /// The whole state (the engine is its own snapshot).
    #[must_use]
    pub fn snapshot(&self) -> ReleaseEngine {
        self.clone()
    }

    /// Continue from a snapshot: every invariant the engine relies on is checked first,
    /// and the bookkeeping that follows from the pods (which pods are maturing, when the
    /// next one matures, how many of the current group are updated) is recomputed rather
    /// than trusted.
    ///
    /// # Errors
    ///
    /// [`Error::Validation`] with every problem, at its path in the snapshot (the plan's
    /// problems as for [`ReleaseEngine::new`] under `services[i].plan`, then the state's:
    /// pods, groups, phases, tasks, counters, the timeline and the outcome).
    pub fn restore(snapshot: ReleaseEngine) -> Result<Self> {
        check::snapshot(snapshot).map(Self::indexed)
    }

    fn find(&self, service: &str) -> Result<usize> {
        self.index
            .get(service)
            .map(|&i| i as usize)
            .filter(|&i| self.services.get(i).is_some_and(|s| s.plan.name == service))
            .or_else(|| self.services.iter().position(|s| s.plan.name == service))
            .ok_or_else(|| Error::not_found("service", service))
    }

    fn phase_of(&self, name: &str) -> Option<ServicePhase> {
        self.find(name)
            .ok()
            .and_then(|i| self.services.get(i))
            .map(|s| s.phase)
    }

    /// Handle one event at `now` (RFC 3339); returns the commands to carry out.
    ///
    /// # Errors
    ///
    /// `invalid_transition` when the event is not allowed now, `not_found` for an unknown
    /// service or pod, `validation` for a bad `now`. The engine is unchanged then.
    pub fn handle(&mut self, event: ReleaseEvent, now: &str) -> Result<Vec<ReleaseCommand>> {
        let now = Now {
            text: now,
            secs: crate::time::unix_seconds(now)?,
        };
        let t = now.secs;
        let name = event_name(&event);
        if self.outcome.is_some() && event != ReleaseEvent::Tick {
            return refuse(name, "after the order finished");
        }
        let mut out = Vec::new();
        // Check, then change: every arm returns before its first write when refused.
        match event {
            ReleaseEvent::Start => {
                if self.started {
                    return refuse(name, "when the order already started");
                }
                self.started = true;
            }
            ReleaseEvent::StartService { service } => {
                let i = self.find(&service)?;
                let s = &self.services[i];
                if s.phase != ServicePhase::Waiting || s.requested {
                    return refuse(name, format!("when `{service}` is {:?}", s.phase));
                }
                if !s
                    .plan
                    .depends_on
                    .iter()
                    .all(|d| self.phase_of(d) == Some(ServicePhase::Succeeded))
                {
                    return refuse(
                        name,
                        format!("before every dependency of `{service}` succeeded"),
                    );
                }
                self.services[i].requested = true;
            }
            ReleaseEvent::PodObserved {
                service,
                pod,
                version,
                ready,
                failed,
                reason,
            } => {
                let i = self.find(&service)?;
                if !self.services[i].pods.contains_key(&pod) {
                    return Err(Error::not_found("pod", &pod));
                }
                let ready_seconds = self.ready_seconds;
                let s = &mut self.services[i];
                if let Some(p) = s.pods.get_mut(&pod) {
                    let same = p.version.as_deref() == Some(version.as_str());
                    p.ready_since = match (ready && !failed, same, p.ready_since) {
                        (true, true, Some(since)) => Some(since),
                        (true, _, _) => Some(t),
                        (false, _, _) => None,
                    };
                    p.version = Some(version);
                    p.failed = failed;
                }
                let active = matches!(s.phase, ServicePhase::Updating | ServicePhase::RollingBack);
                if active && s.pods.get(&pod).is_some_and(|p| s.in_group(p)) {
                    let st = s.status(&pod, t, ready_seconds);
                    let counted = s.pods.get(&pod).is_some_and(|p| p.counted);
                    if counted != (st == PodStatus::Updated) {
                        if let Some(p) = s.pods.get_mut(&pod) {
                            p.counted = !counted;
                        }
                        s.group_updated = if counted {
                            s.group_updated.saturating_sub(1)
                        } else {
                            s.group_updated + 1
                        };
                    }
                    if st == PodStatus::Updating && ready {
                        s.add_maturing(&pod, ready_seconds);
                    }
                }
                // Any released pod that fails on the target version fails the service: in
                // the current group, or in an earlier one (a beta pod crashing during the
                // beta pause).
                let holding = matches!(
                    s.phase,
                    ServicePhase::Updating
                        | ServicePhase::RollingBack
                        | ServicePhase::Paused
                        | ServicePhase::AwaitingRollbackConfirmation
                );
                let released = s.pods.get(&pod).is_some_and(|p| {
                    let g = if s.rolling_back() {
                        p.rollback_group
                    } else {
                        p.group
                    };
                    g <= s.group
                });
                if holding && released && s.status(&pod, t, ready_seconds) == PodStatus::Failed {
                    s.failing = Some(pod.clone());
                    s.message = Some(match reason {
                        Some(r) => format!("pod `{pod}` failed: {r}"),
                        None => format!("pod `{pod}` failed"),
                    });
                }
            }
            ReleaseEvent::TaskFinished {
                service,
                task,
                ok,
                message,
            } => {
                let i = self.find(&service)?;
                let s = &self.services[i];
                let current: Option<TaskName> = match s.phase {
                    ServicePhase::PreTasks => {
                        s.plan.pre_tasks.get(s.task as usize).map(|t| (*t).into())
                    }
                    ServicePhase::PostTasks => {
                        s.plan.post_tasks.get(s.task as usize).map(|t| (*t).into())
                    }
                    _ => None,
                };
                if current != Some(task) {
                    return refuse(
                        name,
                        format!("when `{service}` is not running task {task:?}"),
                    );
                }
                if ok {
                    self.services[i].task += 1;
                    self.continue_tasks(i, now, name, &mut out);
                } else {
                    let msg = format!(
                        "task {task:?} failed{}",
                        message.map(|m| format!(": {m}")).unwrap_or_default()
                    );
                    self.fail(i, now, name, msg, &mut out);
                }
            }
            ReleaseEvent::ConfirmBeta { service } | ReleaseEvent::Resume { service } => {
                let i = self.find(&service)?;
                let want = if name == "confirmBeta" {
                    ConfirmReason::Beta
                } else {
                    ConfirmReason::GroupPause
                };
                let s = &self.services[i];
                if s.phase != ServicePhase::Paused || s.paused_for != Some(want) {
                    return refuse(name, format!("when `{service}` is not paused for {want:?}"));
                }
                self.services[i].paused_for = None;
                self.services[i].group += 1;
                self.start_group(i, now, name, &mut out);
            }
            ReleaseEvent::Cancel {
                service: Some(service),
            } => {
                let i = self.find(&service)?;
                let phase = self.services[i].phase;
                if !matches!(
                    phase,
                    ServicePhase::Waiting | ServicePhase::Paused | ServicePhase::Failed
                ) {
                    return refuse(
                        name,
                        format!(
                            "when `{service}` is {phase:?} (only waiting, paused or failed services can be cancelled)"
                        ),
                    );
                }
                let msg = (phase == ServicePhase::Paused)
                    .then(|| "cancelled while paused: two versions stay online".to_owned());
                self.cancel(i, now, name, msg, &mut out);
            }
            ReleaseEvent::Cancel { service: None } => {
                let moving: Vec<&str> = self
                    .services
                    .iter()
                    .filter(|s| {
                        !s.phase.terminal()
                            && !matches!(
                                s.phase,
                                ServicePhase::Waiting | ServicePhase::Paused | ServicePhase::Failed
                            )
                    })
                    .map(|s| s.plan.name.as_str())
                    .collect();
                if !moving.is_empty() {
                    return refuse(
                        name,
                        format!(
                            "while {} {} in motion",
                            moving.join(", "),
                            if moving.len() == 1 { "is" } else { "are" }
                        ),
                    );
                }
                for i in 0..self.services.len() {
                    if !self.services[i].phase.terminal() {
                        let msg = (self.services[i].phase == ServicePhase::Paused)
                            .then(|| "cancelled while paused: two versions stay online".to_owned());
                        self.cancel(i, now, name, msg, &mut out);
                    }
                }
            }
            ReleaseEvent::Retry { service } => {
                let i = self.find(&service)?;
                if self.services[i].phase != ServicePhase::Failed {
                    return refuse(name, format!("when `{service}` has not failed"));
                }
                self.retry(i, now, name, &mut out);
            }
            ReleaseEvent::Rollback { service } => {
                let i = self.find(&service)?;
                let phase = self.services[i].phase;
                if !matches!(phase, ServicePhase::Failed | ServicePhase::Paused) {
                    return refuse(
                        name,
                        format!(
                            "when `{service}` is {phase:?} (only failed or paused services roll back)"
                        ),
                    );
                }
                self.rollback(i, now, name, &mut out);
            }
            ReleaseEvent::ConfirmRollback { service } => {
                let i = self.find(&service)?;
                if self.services[i].phase != ServicePhase::AwaitingRollbackConfirmation {
                    return refuse(
                        name,
                        format!("when `{service}` is not awaiting a rollback confirmation"),
                    );
                }
                self.set_phase(i, ServicePhase::RolledBack, now, name);
                out.push(ReleaseCommand::ServiceFinished {
                    service,
                    outcome: ServiceOutcome::RolledBack,
                    message: None,
                });
            }
            ReleaseEvent::RetryRollback { service } => {
                let i = self.find(&service)?;
                if self.services[i].phase != ServicePhase::RollbackFailed {
                    return refuse(
                        name,
                        format!("when the rollback of `{service}` has not failed"),
                    );
                }
                self.retry(i, now, name, &mut out);
            }
            ReleaseEvent::CancelRollback { service } => {
                let i = self.find(&service)?;
                if self.services[i].phase != ServicePhase::RollbackFailed {
                    return refuse(
                        name,
                        format!("when the rollback of `{service}` has not failed"),
                    );
                }
                self.cancel(
                    i,
                    now,
                    name,
                    Some("rollback abandoned: several versions may be online".into()),
                    &mut out,
                );
            }
            ReleaseEvent::Tick => {}
        }
        self.advance(now, name, &mut out);
        Ok(out)
    }

    fn set_phase(&mut self, i: usize, to: ServicePhase, now: Now<'_>, cause: &str) {
        if let Some(s) = self.services.get_mut(i) {
            if s.phase != to {
                self.timeline.push(TimelineEntry {
                    at: now.text.to_owned(),
                    service: Some(s.plan.name.clone()),
                    from: s.phase,
                    to,
                    cause: cause.to_owned(),
                });
            }
            s.phase = to;
        }
    }

    fn cancel(
        &mut self,
        i: usize,
        now: Now<'_>,
        cause: &str,
        message: Option<String>,
        out: &mut Vec<ReleaseCommand>,
    ) {
        self.set_phase(i, ServicePhase::Cancelled, now, cause);
        let s = &mut self.services[i];
        s.message.clone_from(&message);
        out.push(ReleaseCommand::ServiceFinished {
            service: s.plan.name.clone(),
            outcome: ServiceOutcome::Cancelled,
            message,
        });
    }

    fn fail(
        &mut self,
        i: usize,
        now: Now<'_>,
        cause: &str,
        message: String,
        out: &mut Vec<ReleaseCommand>,
    ) {
        let rollback = self.services[i].rolling_back();
        self.services[i].failed_in = Some(self.services[i].phase);
        self.set_phase(
            i,
            if rollback {
                ServicePhase::RollbackFailed
            } else {
                ServicePhase::Failed
            },
            now,
            cause,
        );
        let s = &mut self.services[i];
        s.message = Some(message.clone());
        out.push(ReleaseCommand::ServiceFinished {
            service: s.plan.name.clone(),
            outcome: ServiceOutcome::Failed,
            message: Some(message),
        });
    }

    /// Run the next pre/post task, or move on when there is none.
    fn continue_tasks(
        &mut self,
        i: usize,
        now: Now<'_>,
        cause: &str,
        out: &mut Vec<ReleaseCommand>,
    ) {
        let s = &self.services[i];
        let name = s.plan.name.clone();
        match s.phase {
            ServicePhase::PreTasks => match s.plan.pre_tasks.get(s.task as usize) {
                Some(t) => out.push(ReleaseCommand::RunTask {
                    service: name,
                    task: (*t).into(),
                }),
                None => {
                    self.services[i].group = 0;
                    self.start_group(i, now, cause, out);
                }
            },
            ServicePhase::PostTasks => match s.plan.post_tasks.get(s.task as usize) {
                Some(t) => out.push(ReleaseCommand::RunTask {
                    service: name,
                    task: (*t).into(),
                }),
                None => {
                    self.set_phase(i, ServicePhase::Succeeded, now, cause);
                    self.services[i].message = None;
                    out.push(ReleaseCommand::ServiceFinished {
                        service: name,
                        outcome: ServiceOutcome::Succeeded,
                        message: None,
                    });
                }
            },
            _ => {}
        }
    }

    /// Issue the current group (or finish the groups).
    fn start_group(&mut self, i: usize, now: Now<'_>, cause: &str, out: &mut Vec<ReleaseCommand>) {
        let s = &self.services[i];
        let rollback = s.rolling_back();
        let Some(_) = s.groups().groups.get(s.group as usize) else {
            if rollback {
                self.set_phase(i, ServicePhase::AwaitingRollbackConfirmation, now, cause);
                let s = &mut self.services[i];
                s.paused_for = Some(ConfirmReason::Rollback);
                out.push(ReleaseCommand::AwaitConfirmation {
                    service: s.plan.name.clone(),
                    reason: ConfirmReason::Rollback,
                });
            } else {
                self.set_phase(i, ServicePhase::PostTasks, now, cause);
                self.services[i].task = 0;
                self.continue_tasks(i, now, cause, out);
            }
            return;
        };
        let mode = match (&s.plan.rollback, rollback) {
            (RollbackPlan::ToVersion { upgrade, .. }, true) => *upgrade,
            _ => s.plan.upgrade,
        };
        let t = now.secs;
        let ready_seconds = self.ready_seconds;
        self.services[i].recount(t, ready_seconds);
        let s = &self.services[i];
        let Some(group) = s.groups().groups.get(s.group as usize) else {
            return;
        };
        out.push(ReleaseCommand::UpdatePods {
            service: s.plan.name.clone(),
            group: s.group,
            pods: group.pods.clone(),
            to_version: s.target().to_owned(),
            mode,
        });
        if !rollback {
            self.set_phase(i, ServicePhase::Updating, now, cause);
        }
    }

    fn retry(&mut self, i: usize, now: Now<'_>, cause: &str, out: &mut Vec<ReleaseCommand>) {
        let rollback = self.services[i].phase == ServicePhase::RollbackFailed;
        // A task failed: run it again.
        let s = &self.services[i];
        if let Some(phase @ (ServicePhase::PreTasks | ServicePhase::PostTasks)) = s.failed_in {
            self.set_phase(i, phase, now, cause);
            self.services[i].message = None;
            self.services[i].failed_in = None;
            self.continue_tasks(i, now, cause, out);
            return;
        }
        // Pods failed: clear the failures of the released pods (the current group and the
        // ones before it) and update again those that are not updated.
        let t = now.secs;
        let ready_seconds = self.ready_seconds;
        let s = &mut self.services[i];
        s.failed_in = None;
        s.message = None;
        // A pod that failed after the last group (awaiting the rollback's confirmation):
        // the last group is the current one again, so its pods are waited for (past it,
        // the retry went straight back to awaiting the confirmation).
        let groups = u32::try_from(s.groups().groups.len()).unwrap_or(u32::MAX);
        if s.group >= groups {
            s.group = groups.saturating_sub(1);
        }
        let released: Vec<String> = s
            .groups()
            .groups
            .iter()
            .take(s.group as usize + 1)
            .flat_map(|g| g.pods.iter().cloned())
            .collect();
        let pending: Vec<String> = released
            .into_iter()
            .filter(|p| s.status(p, t, ready_seconds) != PodStatus::Updated)
            .collect();
        for p in &pending {
            if let Some(state) = s.pods.get_mut(p) {
                state.failed = false;
            }
        }
        self.set_phase(
            i,
            if rollback {
                ServicePhase::RollingBack
            } else {
                ServicePhase::Updating
            },
            now,
            cause,
        );
        self.services[i].recount(t, ready_seconds);
        let s = &self.services[i];
        let target = s.target().to_owned();
        let mode = match (&s.plan.rollback, rollback) {
            (RollbackPlan::ToVersion { upgrade, .. }, true) => *upgrade,
            _ => s.plan.upgrade,
        };
        out.push(ReleaseCommand::UpdatePods {
            service: s.plan.name.clone(),
            group: s.group,
            pods: pending,
            to_version: target,
            mode,
        });
    }

    fn rollback(&mut self, i: usize, now: Now<'_>, cause: &str, out: &mut Vec<ReleaseCommand>) {
        let name = self.services[i].plan.name.clone();
        match self.services[i].plan.rollback.clone() {
            RollbackPlan::ToVersion { .. } => {
                self.services[i].paused_for = None;
                self.services[i].message = None;
                self.set_phase(i, ServicePhase::RollingBack, now, cause);
                for p in self.services[i].pods.values_mut() {
                    p.failed = false;
                }
                self.services[i].group = 0;
                self.start_group(i, now, cause, out);
            }
            RollbackPlan::DeleteResources {} => {
                self.set_phase(i, ServicePhase::ResourcesDeleted, now, cause);
                out.push(ReleaseCommand::DeleteResources {
                    service: name.clone(),
                });
                out.push(ReleaseCommand::ServiceFinished {
                    service: name,
                    outcome: ServiceOutcome::ResourcesDeleted,
                    message: Some("never released successfully: resources deleted".into()),
                });
            }
            RollbackPlan::Cancel {} => {
                self.cancel(i, now, cause, Some("the version that last succeeded is the one that failed: nothing to roll back to".into()), out);
            }
        }
    }

    /// Apply the rules that follow from the new state: group completion and failure,
    /// dependency blocking, starting ready services, the order's end.
    fn advance(&mut self, now: Now<'_>, cause: &str, out: &mut Vec<ReleaseCommand>) {
        let t = now.secs;
        let ready_seconds = self.ready_seconds;
        loop {
            let mut changed = false;
            for i in 0..self.services.len() {
                let phase = self.services[i].phase;
                if matches!(
                    phase,
                    ServicePhase::Paused | ServicePhase::AwaitingRollbackConfirmation
                ) {
                    if let Some(pod) = self.services[i].failing.take() {
                        let msg = self.services[i]
                            .message
                            .clone()
                            .unwrap_or_else(|| format!("pod `{pod}` failed"));
                        self.services[i].paused_for = None;
                        self.fail(i, now, cause, msg, out);
                        changed = true;
                    }
                    continue;
                }
                if !matches!(phase, ServicePhase::Updating | ServicePhase::RollingBack) {
                    continue;
                }
                self.services[i].mature(t, ready_seconds);
                let s = &self.services[i];
                if let Some(pod) = s.failing.clone() {
                    let msg = s
                        .message
                        .clone()
                        .unwrap_or_else(|| format!("pod `{pod}` failed"));
                    self.services[i].failing = None;
                    self.fail(i, now, cause, msg, out);
                    changed = true;
                } else if s.group_updated as usize >= s.group_pods().len() {
                    changed = true;
                    let s = &self.services[i];
                    let pause = if s.rolling_back() {
                        None
                    } else {
                        s.plan
                            .groups
                            .pauses
                            .iter()
                            .find(|p| p.after_group == s.group)
                            .map(|p| p.reason)
                    };
                    match pause {
                        Some(reason) => {
                            let reason = match reason {
                                PauseReason::Beta => ConfirmReason::Beta,
                                PauseReason::GroupPause => ConfirmReason::GroupPause,
                            };
                            self.set_phase(i, ServicePhase::Paused, now, cause);
                            let s = &mut self.services[i];
                            s.paused_for = Some(reason);
                            out.push(ReleaseCommand::AwaitConfirmation {
                                service: s.plan.name.clone(),
                                reason,
                            });
                        }
                        None => {
                            self.services[i].group += 1;
                            self.start_group(i, now, cause, out);
                        }
                    }
                }
            }
            // Dependents of a service that ended without succeeding are cancelled.
            for i in 0..self.services.len() {
                if self.services[i].phase != ServicePhase::Waiting {
                    continue;
                }
                let blocked = self.services[i].plan.depends_on.iter().find(|d| {
                    matches!(
                        self.phase_of(d),
                        Some(
                            ServicePhase::Cancelled
                                | ServicePhase::RolledBack
                                | ServicePhase::ResourcesDeleted
                        )
                    )
                });
                if let Some(d) = blocked.cloned() {
                    self.cancel(
                        i,
                        now,
                        cause,
                        Some(format!("dependency `{d}` did not succeed")),
                        out,
                    );
                    changed = true;
                }
            }
            // Start the services whose dependencies succeeded, in topological order.
            let limit = if self.max_parallel_services == 0 {
                usize::MAX
            } else {
                self.max_parallel_services as usize
            };
            let mut active = self
                .services
                .iter()
                .filter(|s| !s.phase.terminal() && s.phase != ServicePhase::Waiting)
                .count();
            for i in 0..self.services.len() {
                if active >= limit {
                    break;
                }
                let s = &self.services[i];
                if s.phase != ServicePhase::Waiting || !(self.started || s.requested) {
                    continue;
                }
                if s.plan
                    .depends_on
                    .iter()
                    .all(|d| self.phase_of(d) == Some(ServicePhase::Succeeded))
                {
                    self.set_phase(i, ServicePhase::PreTasks, now, cause);
                    self.services[i].task = 0;
                    self.continue_tasks(i, now, cause, out);
                    active += 1;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        if self.outcome.is_none()
            && !self.services.is_empty()
            && self.services.iter().all(|s| s.phase.terminal())
        {
            let ok = self
                .services
                .iter()
                .filter(|s| s.phase == ServicePhase::Succeeded)
                .count();
            let outcome = if ok == self.services.len() {
                OrderOutcome::Succeeded
            } else if ok > 0 {
                OrderOutcome::Partial
            } else {
                OrderOutcome::Cancelled
            };
            self.outcome = Some(outcome);
            out.push(ReleaseCommand::OrderFinished { outcome });
        }
    }

    /// A summary for a console at `now` (RFC 3339): each service's phase, group progress
    /// and pod statuses.
    ///
    /// # Errors
    ///
    /// `validation` at `now` when it is not an RFC 3339 timestamp (a pod's status depends
    /// on how long it has been ready).
    pub fn status(&self, now: &str) -> Result<EngineStatus> {
        let t = crate::time::unix_seconds(now)?;
        Ok(EngineStatus {
            id: self.id.clone(),
            started: self.started,
            outcome: self.outcome,
            services: self
                .services
                .iter()
                .map(|s| {
                    let mut pods = BTreeMap::new();
                    for name in s.pods.keys() {
                        pods.insert(name.clone(), s.status(name, t, self.ready_seconds));
                    }
                    ServiceStatus {
                        name: s.plan.name.clone(),
                        phase: s.phase,
                        group: s.group,
                        groups: u32::try_from(s.groups().groups.len()).unwrap_or(u32::MAX),
                        awaiting: if matches!(
                            s.phase,
                            ServicePhase::Paused | ServicePhase::AwaitingRollbackConfirmation
                        ) {
                            s.paused_for
                        } else {
                            None
                        },
                        message: s.message.clone(),
                        pods,
                    }
                })
                .collect(),
        })
    }
}

/// A console's view of the engine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EngineStatus {
    /// The order's id.
    pub id: String,
    /// `start` was received.
    pub started: bool,
    /// The order's outcome, once final.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<OrderOutcome>,
    /// Every service.
    pub services: Vec<ServiceStatus>,
}

/// One service in [`EngineStatus`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ServiceStatus {
    /// The service.
    pub name: String,
    /// Its phase.
    pub phase: ServicePhase,
    /// The current group.
    pub group: u32,
    /// How many groups.
    pub groups: u32,
    /// What confirmation it waits for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub awaiting: Option<ConfirmReason>,
    /// Why it failed or was cancelled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Each pod's status.
    pub pods: BTreeMap<String, PodStatus>,
}

fn event_name(e: &ReleaseEvent) -> &'static str {
    match e {
        ReleaseEvent::Start => "start",
        ReleaseEvent::StartService { .. } => "startService",
        ReleaseEvent::PodObserved { .. } => "podObserved",
        ReleaseEvent::TaskFinished { .. } => "taskFinished",
        ReleaseEvent::ConfirmBeta { .. } => "confirmBeta",
        ReleaseEvent::Resume { .. } => "resume",
        ReleaseEvent::Cancel { .. } => "cancel",
        ReleaseEvent::Retry { .. } => "retry",
        ReleaseEvent::Rollback { .. } => "rollback",
        ReleaseEvent::ConfirmRollback { .. } => "confirmRollback",
        ReleaseEvent::RetryRollback { .. } => "retryRollback",
        ReleaseEvent::CancelRollback { .. } => "cancelRollback",
        ReleaseEvent::Tick => "tick",
    }
}

//! The release engine: a sans-IO state machine that drives a planned release order
//! (`docs/release.md`; seed 6.6 立即发布, 6.7 发布单: groups, beta confirmation, pauses,
//! retry, rollback, cancel).
//!
//! The caller feeds events (`start`, pod observations, task results, confirmations, ...)
//! with the current time and carries out the actions it gets back (run a task, update
//! these pods to that version, ask a person to confirm, ...). Every event is checked
//! before anything changes: a refused event returns `invalid_transition` (or `not_found`,
//! `validation` for a bad `now`) and leaves the engine exactly as it was. Every phase
//! change is recorded in the timeline (前置、发布、后置任务事件完整记录).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, FieldPath, Result, ValidationErrors};
use crate::machine::{Machine, check_forward};
use crate::model::diff::{PostTask, PreTask, Upgrade};
use crate::release::plan::ReleasePlan;
use crate::time::Timestamp;

mod check;
mod events;
mod rules;
mod run;
mod snapshot;

use events::Observation;
use run::ServiceRun;
pub use snapshot::{PodSnapshot, ReleaseSnapshot, ServiceSnapshot};

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

/// An action for the caller to carry out, tagged by `type`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum ReleaseAction {
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

/// One recorded transition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TimelineEntry {
    /// When (the event's `now`).
    pub at: Timestamp,
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

/// The release engine: a sans-IO machine ([`Machine`]) that drives one planned release
/// order. Its state is private; [`ReleaseEngine::snapshot`] gives what a restore needs.
///
/// # Examples
///
/// ```
/// use weir::{ReleaseAction, ReleaseEngine, ReleaseEvent, ReleaseOrder, time::Timestamp};
/// let order: ReleaseOrder = serde_json::from_value(serde_json::json!({
///     "id": "o1", "units": ["u1"],
///     "services": [{"name": "web", "toVersion": "v1", "pods": [{"name": "web-0", "unit": "u1"}],
///                   "toSpec": {"name": "web", "app": "web", "template": {"containers": [
///                       {"name": "c", "image": "nginx:1"}]}}}]
/// })).unwrap();
/// let mut engine = ReleaseEngine::new(weir::plan_release(&order)?)?;
/// let t0: Timestamp = "2026-01-01T00:00:00Z".parse()?;
/// let actions = engine.handle(t0, ReleaseEvent::Start)?;
/// assert!(matches!(actions[0], ReleaseAction::UpdatePods { .. }));
/// // Time never runs backwards for a machine.
/// let earlier: Timestamp = "2025-12-31T23:59:59Z".parse()?;
/// assert!(engine.handle(earlier, ReleaseEvent::Tick).is_err());
/// # Ok::<(), weir::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ReleaseEngine {
    id: String,
    ready_seconds: u32,
    max_parallel_services: u32,
    started: bool,
    outcome: Option<OrderOutcome>,
    pub(crate) services: Vec<ServiceRun>,
    timeline: Vec<TimelineEntry>,
    /// The last instant handled.
    at: Option<Timestamp>,
    /// Service name → position in `services`: derived, built by `new` and `restore`.
    index: BTreeMap<String, u32>,
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
            |i| FieldPath::root("services").index(i),
            &mut errs,
        );
        errs.into_result(())?;
        let services = plan
            .services
            .into_iter()
            .map(|p| {
                snapshot::service_run(ServiceSnapshot {
                    plan: p,
                    phase: ServicePhase::Waiting,
                    group: 0,
                    task: 0,
                    paused_for: None,
                    requested: false,
                    message: None,
                    failed_in: None,
                    pods: BTreeMap::new(),
                })
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
            at: None,
            index: BTreeMap::new(),
        }
        .indexed())
    }

    pub(super) fn indexed(mut self) -> Self {
        self.index = self
            .services
            .iter()
            .enumerate()
            .map(|(i, s)| (s.plan.name.clone(), u32::try_from(i).unwrap_or(u32::MAX)))
            .collect();
        self
    }

    /// Continue from a snapshot: every invariant the engine relies on is checked first,
    /// and the bookkeeping that follows from the pods (which pods are maturing, when the
    /// next one matures, how many of the current group are updated) is recomputed as of
    /// the snapshot's `at`.
    ///
    /// # Errors
    ///
    /// [`Error::Validation`] with every problem, at its path in the snapshot (the plan's
    /// problems as for [`ReleaseEngine::new`] under `services[i].plan`, then the state's:
    /// pods, groups, phases, tasks, the timeline, `at` and the outcome).
    pub fn restore(snapshot: ReleaseSnapshot) -> Result<Self> {
        check::snapshot(snapshot).map(Self::indexed)
    }

    /// The order's id.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The order's outcome, once every service is final.
    #[must_use]
    pub fn outcome(&self) -> Option<OrderOutcome> {
        self.outcome
    }

    /// Every transition so far.
    #[must_use]
    pub fn timeline(&self) -> &[TimelineEntry] {
        &self.timeline
    }

    /// The last instant handled, if any.
    #[must_use]
    pub fn at(&self) -> Option<Timestamp> {
        self.at
    }

    pub(super) fn find(&self, service: &str) -> Result<usize> {
        self.index
            .get(service)
            .map(|&i| i as usize)
            .filter(|&i| self.services.get(i).is_some_and(|s| s.plan.name == service))
            .or_else(|| self.services.iter().position(|s| s.plan.name == service))
            .ok_or_else(|| Error::not_found("service", service))
    }

    pub(super) fn phase_of(&self, name: &str) -> Option<ServicePhase> {
        self.find(name)
            .ok()
            .and_then(|i| self.services.get(i))
            .map(|s| s.phase)
    }

    /// Whether every dependency of service `i` succeeded.
    pub(super) fn dependencies_succeeded(&self, i: usize) -> bool {
        self.services[i]
            .plan
            .depends_on
            .iter()
            .all(|d| self.phase_of(d) == Some(ServicePhase::Succeeded))
    }

    /// Handle one event at `now`; returns the actions to carry out.
    ///
    /// # Errors
    ///
    /// `invalid_transition` when the event is not allowed now (including a `now` earlier
    /// than the last one handled), `not_found` for an unknown service or pod. The engine
    /// is unchanged then.
    pub fn handle(&mut self, now: Timestamp, event: ReleaseEvent) -> Result<Vec<ReleaseAction>> {
        let name = event.name();
        check_forward(self.at, now)?;
        if self.outcome.is_some() && event != ReleaseEvent::Tick {
            return Err(Error::invalid_transition(name, "after the order finished"));
        }
        let mut out = Vec::new();
        // Each handler checks, then changes: it returns before its first write when it
        // refuses.
        match event {
            ReleaseEvent::Start => self.on_start(name)?,
            ReleaseEvent::StartService { service } => self.on_start_service(name, &service)?,
            ReleaseEvent::PodObserved {
                service,
                pod,
                version,
                ready,
                failed,
                reason,
            } => self.on_pod_observed(
                now,
                Observation {
                    service,
                    pod,
                    version,
                    ready,
                    failed,
                    reason,
                },
            )?,
            ReleaseEvent::TaskFinished {
                service,
                task,
                ok,
                message,
            } => self.on_task_finished(now, name, (&service, task, ok, message), &mut out)?,
            ReleaseEvent::ConfirmBeta { service } => {
                self.on_confirm(now, name, &service, ConfirmReason::Beta, &mut out)?;
            }
            ReleaseEvent::Resume { service } => {
                self.on_confirm(now, name, &service, ConfirmReason::GroupPause, &mut out)?;
            }
            ReleaseEvent::Cancel {
                service: Some(service),
            } => self.on_cancel(now, name, &service, &mut out)?,
            ReleaseEvent::Cancel { service: None } => self.on_cancel_all(now, name, &mut out)?,
            ReleaseEvent::Retry { service } => {
                self.on_retry(now, name, &service, ServicePhase::Failed, &mut out)?;
            }
            ReleaseEvent::Rollback { service } => {
                self.on_rollback(now, name, &service, &mut out)?
            }
            ReleaseEvent::ConfirmRollback { service } => {
                self.on_confirm_rollback(now, name, service, &mut out)?;
            }
            ReleaseEvent::RetryRollback { service } => {
                self.on_retry(now, name, &service, ServicePhase::RollbackFailed, &mut out)?;
            }
            ReleaseEvent::CancelRollback { service } => {
                self.on_cancel_rollback(now, name, &service, &mut out)?;
            }
            ReleaseEvent::Tick => {}
        }
        self.at = Some(now);
        self.advance(now, name, &mut out);
        Ok(out)
    }

    /// When a pod of a group being updated or rolled back will have been ready for
    /// `readySeconds`: a `tick` then may complete the group. `None` when no pod is
    /// maturing (the engine waits for events).
    #[must_use]
    pub fn poll_timeout(&self) -> Option<Timestamp> {
        if self.outcome.is_some() {
            return None;
        }
        let ready = f64::from(self.ready_seconds);
        self.services
            .iter()
            .filter(|s| matches!(s.phase, ServicePhase::Updating | ServicePhase::RollingBack))
            .flat_map(|s| {
                s.maturing.iter().filter_map(move |name| {
                    let p = s.pods.get(name)?;
                    let on_target = p.version.as_deref() == Some(s.target()) && !p.failed;
                    (on_target && s.in_group(p))
                        .then_some(p.ready_since)
                        .flatten()
                })
            })
            .map(|since| since + ready)
            .reduce(f64::min)
            .map(|t| Timestamp::from_unix_seconds(t).unwrap_or(Timestamp::MAX))
    }

    /// A summary for a console at `now`: each service's phase, group progress and pod
    /// statuses (a pod's status depends on how long it has been ready).
    pub fn status(&self, now: Timestamp) -> EngineStatus {
        let t = now.unix_seconds();
        EngineStatus {
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
        }
    }
}

impl Machine for ReleaseEngine {
    type Event = ReleaseEvent;
    type Output = Vec<ReleaseAction>;
    type Snapshot = ReleaseSnapshot;

    fn handle(&mut self, now: Timestamp, event: ReleaseEvent) -> Result<Vec<ReleaseAction>> {
        ReleaseEngine::handle(self, now, event)
    }

    fn poll_timeout(&self) -> Option<Timestamp> {
        ReleaseEngine::poll_timeout(self)
    }

    fn snapshot(&self) -> ReleaseSnapshot {
        ReleaseEngine::snapshot(self)
    }

    fn restore(snapshot: ReleaseSnapshot) -> Result<Self> {
        ReleaseEngine::restore(snapshot)
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

impl ReleaseEvent {
    /// The event's `type` tag, as on the wire.
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
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
}

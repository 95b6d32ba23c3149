//! One handler per event. Each checks the event against the state and returns before its
//! first write when it refuses, so a refused event changes nothing.

use super::{
    ConfirmReason, PodStatus, ReleaseAction, ReleaseEngine, ServiceOutcome, ServicePhase, TaskName,
};
use crate::error::{Error, Result};
use crate::time::Timestamp;

/// Whether a person may cancel a service in `phase`: waiting, paused or failed (a service
/// in motion finishes its step first).
fn cancellable(phase: ServicePhase) -> bool {
    matches!(
        phase,
        ServicePhase::Waiting | ServicePhase::Paused | ServicePhase::Failed
    )
}

/// The message a cancel records: a paused service leaves two versions online.
fn cancel_message(phase: ServicePhase) -> Option<String> {
    (phase == ServicePhase::Paused)
        .then(|| "cancelled while paused: two versions stay online".to_owned())
}

/// What a `podObserved` event says about one pod.
pub(super) struct Observation {
    pub(super) service: String,
    pub(super) pod: String,
    pub(super) version: String,
    pub(super) ready: bool,
    pub(super) failed: bool,
    pub(super) reason: Option<String>,
}

// INVARIANT: every `self.services[i]` index comes from `find()` or `0..self.services.len()`,
// and `services` never shrinks after `new`.
#[expect(
    clippy::indexing_slicing,
    reason = "service indices come from find() or 0..len(); services never shrink"
)]
impl ReleaseEngine {
    pub(super) fn on_start(&mut self, name: &str) -> Result<()> {
        if self.started {
            return Err(Error::invalid_transition(
                name,
                "when the order already started",
            ));
        }
        self.started = true;
        Ok(())
    }

    pub(super) fn on_start_service(&mut self, name: &str, service: &str) -> Result<()> {
        let i = self.find(service)?;
        let s = &self.services[i];
        if s.phase != ServicePhase::Waiting || s.requested {
            return Err(Error::invalid_transition(
                name,
                &format!("when `{service}` is {:?}", s.phase),
            ));
        }
        if !self.dependencies_succeeded(i) {
            return Err(Error::invalid_transition(
                name,
                &format!("before every dependency of `{service}` succeeded"),
            ));
        }
        self.services[i].requested = true;
        Ok(())
    }

    /// Record what the caller saw of a pod; keep the current group's count and maturing
    /// list, and note a failure of a released pod (the rules fail the service).
    pub(super) fn on_pod_observed(&mut self, now: Timestamp, o: Observation) -> Result<()> {
        let t = now.unix_seconds();
        let i = self.find(&o.service)?;
        if !self.services[i].pods.contains_key(&o.pod) {
            return Err(Error::not_found("pod", &o.pod));
        }
        let ready_seconds = self.ready_seconds;
        let s = &mut self.services[i];
        if let Some(p) = s.pods.get_mut(&o.pod) {
            let same = p.version.as_deref() == Some(o.version.as_str());
            p.ready_since = match (o.ready && !o.failed, same, p.ready_since) {
                (true, true, Some(since)) => Some(since),
                (true, _, _) => Some(t),
                (false, _, _) => None,
            };
            p.version = Some(o.version);
            p.failed = o.failed;
        }
        let active = matches!(s.phase, ServicePhase::Updating | ServicePhase::RollingBack);
        if active && s.pods.get(&o.pod).is_some_and(|p| s.in_group(p)) {
            let st = s.status(&o.pod, t, ready_seconds);
            let counted = s.pods.get(&o.pod).is_some_and(|p| p.counted);
            if counted != (st == PodStatus::Updated) {
                if let Some(p) = s.pods.get_mut(&o.pod) {
                    p.counted = !counted;
                }
                s.group_updated = if counted {
                    s.group_updated.saturating_sub(1)
                } else {
                    s.group_updated + 1
                };
            }
            if st == PodStatus::Updating && o.ready {
                s.add_maturing(&o.pod, ready_seconds);
            }
        }
        // Any released pod that fails on the target version fails the service: in the
        // current group, or in an earlier one (a beta pod crashing during the beta pause).
        let holding = matches!(
            s.phase,
            ServicePhase::Updating
                | ServicePhase::RollingBack
                | ServicePhase::Paused
                | ServicePhase::AwaitingRollbackConfirmation
        );
        let released = s.pods.get(&o.pod).is_some_and(|p| s.group_of(p) <= s.group);
        if holding && released && s.status(&o.pod, t, ready_seconds) == PodStatus::Failed {
            let pod = o.pod;
            s.message = Some(match o.reason {
                Some(r) => format!("pod `{pod}` failed: {r}"),
                None => format!("pod `{pod}` failed"),
            });
            s.failing = Some(pod);
        }
        Ok(())
    }

    pub(super) fn on_task_finished(
        &mut self,
        now: Timestamp,
        name: &str,
        (service, task, ok, message): (&str, TaskName, bool, Option<String>),
        out: &mut Vec<ReleaseAction>,
    ) -> Result<()> {
        let i = self.find(service)?;
        let s = &self.services[i];
        let current: Option<TaskName> = match s.phase {
            ServicePhase::PreTasks => s.plan.pre_tasks.get(s.task as usize).map(|t| (*t).into()),
            ServicePhase::PostTasks => s.plan.post_tasks.get(s.task as usize).map(|t| (*t).into()),
            _ => None,
        };
        if current != Some(task) {
            return Err(Error::invalid_transition(
                name,
                &format!("when `{service}` is not running task {task:?}"),
            ));
        }
        if ok {
            self.services[i].task += 1;
            self.continue_tasks(i, now, name, out);
        } else {
            let msg = format!(
                "task {task:?} failed{}",
                message.map(|m| format!(": {m}")).unwrap_or_default()
            );
            self.fail(i, now, name, msg, out);
        }
        Ok(())
    }

    /// `confirmBeta` (`want` = beta) or `resume` (`want` = group pause): go on with the
    /// next group.
    pub(super) fn on_confirm(
        &mut self,
        now: Timestamp,
        name: &str,
        service: &str,
        want: ConfirmReason,
        out: &mut Vec<ReleaseAction>,
    ) -> Result<()> {
        let i = self.find(service)?;
        let s = &self.services[i];
        if s.phase != ServicePhase::Paused || s.paused_for != Some(want) {
            return Err(Error::invalid_transition(
                name,
                &format!("when `{service}` is not paused for {want:?}"),
            ));
        }
        self.services[i].paused_for = None;
        self.services[i].group += 1;
        self.start_group(i, now, name, out);
        Ok(())
    }

    pub(super) fn on_cancel(
        &mut self,
        now: Timestamp,
        name: &str,
        service: &str,
        out: &mut Vec<ReleaseAction>,
    ) -> Result<()> {
        let i = self.find(service)?;
        let phase = self.services[i].phase;
        if !cancellable(phase) {
            return Err(Error::invalid_transition(
                name,
                &format!(
                    "when `{service}` is {phase:?} (only waiting, paused or failed services can be cancelled)"
                ),
            ));
        }
        self.cancel(i, now, name, cancel_message(phase), out);
        Ok(())
    }

    /// Cancel every unfinished service, refused while any of them is in motion.
    pub(super) fn on_cancel_all(
        &mut self,
        now: Timestamp,
        name: &str,
        out: &mut Vec<ReleaseAction>,
    ) -> Result<()> {
        let moving: Vec<&str> = self
            .services
            .iter()
            .filter(|s| !s.phase.terminal() && !cancellable(s.phase))
            .map(|s| s.plan.name.as_str())
            .collect();
        if !moving.is_empty() {
            return Err(Error::invalid_transition(
                name,
                &format!(
                    "while {} {} in motion",
                    moving.join(", "),
                    if moving.len() == 1 { "is" } else { "are" }
                ),
            ));
        }
        for i in 0..self.services.len() {
            let phase = self.services[i].phase;
            if !phase.terminal() {
                self.cancel(i, now, name, cancel_message(phase), out);
            }
        }
        Ok(())
    }

    /// `retry` (from `failed`) or `retryRollback` (from `rollbackFailed`).
    pub(super) fn on_retry(
        &mut self,
        now: Timestamp,
        name: &str,
        service: &str,
        from: ServicePhase,
        out: &mut Vec<ReleaseAction>,
    ) -> Result<()> {
        let i = self.find(service)?;
        if self.services[i].phase != from {
            return Err(Error::invalid_transition(
                name,
                &if from == ServicePhase::Failed {
                    format!("when `{service}` has not failed")
                } else {
                    format!("when the rollback of `{service}` has not failed")
                },
            ));
        }
        self.retry(i, now, name, out);
        Ok(())
    }

    pub(super) fn on_rollback(
        &mut self,
        now: Timestamp,
        name: &str,
        service: &str,
        out: &mut Vec<ReleaseAction>,
    ) -> Result<()> {
        let i = self.find(service)?;
        let phase = self.services[i].phase;
        if !matches!(phase, ServicePhase::Failed | ServicePhase::Paused) {
            return Err(Error::invalid_transition(
                name,
                &format!(
                    "when `{service}` is {phase:?} (only failed or paused services roll back)"
                ),
            ));
        }
        self.rollback(i, now, name, out);
        Ok(())
    }

    pub(super) fn on_confirm_rollback(
        &mut self,
        now: Timestamp,
        name: &str,
        service: String,
        out: &mut Vec<ReleaseAction>,
    ) -> Result<()> {
        let i = self.find(&service)?;
        if self.services[i].phase != ServicePhase::AwaitingRollbackConfirmation {
            return Err(Error::invalid_transition(
                name,
                &format!("when `{service}` is not awaiting a rollback confirmation"),
            ));
        }
        self.set_phase(i, ServicePhase::RolledBack, now, name);
        out.push(ReleaseAction::ServiceFinished {
            service,
            outcome: ServiceOutcome::RolledBack,
            message: None,
        });
        Ok(())
    }

    pub(super) fn on_cancel_rollback(
        &mut self,
        now: Timestamp,
        name: &str,
        service: &str,
        out: &mut Vec<ReleaseAction>,
    ) -> Result<()> {
        let i = self.find(service)?;
        if self.services[i].phase != ServicePhase::RollbackFailed {
            return Err(Error::invalid_transition(
                name,
                &format!("when the rollback of `{service}` has not failed"),
            ));
        }
        self.cancel(
            i,
            now,
            name,
            Some("rollback abandoned: several versions may be online".into()),
            out,
        );
        Ok(())
    }
}

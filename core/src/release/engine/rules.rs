//! The rules that follow from an event: phase changes with their timeline entries, tasks,
//! groups, failures, retries, rollbacks, and `advance`, which applies everything that
//! follows from the new state until nothing changes.

use super::{
    ConfirmReason, OrderOutcome, PodStatus, ReleaseAction, ReleaseEngine, ServiceOutcome,
    ServicePhase, TimelineEntry,
};
use crate::release::groups::PauseReason;
use crate::release::plan::RollbackPlan;
use crate::time::Timestamp;

// INVARIANT: every `self.services[i]` index comes from `find()` or `0..self.services.len()`,
// and `services` never shrinks after `new`.
#[expect(
    clippy::indexing_slicing,
    reason = "service indices come from find() or 0..len(); services never shrink"
)]
impl ReleaseEngine {
    pub(super) fn set_phase(&mut self, i: usize, to: ServicePhase, now: Timestamp, cause: &str) {
        if let Some(s) = self.services.get_mut(i) {
            if s.phase != to {
                self.timeline.push(TimelineEntry {
                    at: now,
                    service: Some(s.plan.name.clone()),
                    from: s.phase,
                    to,
                    cause: cause.to_owned(),
                });
            }
            s.phase = to;
        }
    }

    pub(super) fn cancel(
        &mut self,
        i: usize,
        now: Timestamp,
        cause: &str,
        message: Option<String>,
        out: &mut Vec<ReleaseAction>,
    ) {
        self.set_phase(i, ServicePhase::Cancelled, now, cause);
        let s = &mut self.services[i];
        s.message.clone_from(&message);
        out.push(ReleaseAction::ServiceFinished {
            service: s.plan.name.clone(),
            outcome: ServiceOutcome::Cancelled,
            message,
        });
    }

    pub(super) fn fail(
        &mut self,
        i: usize,
        now: Timestamp,
        cause: &str,
        message: String,
        out: &mut Vec<ReleaseAction>,
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
        out.push(ReleaseAction::ServiceFinished {
            service: s.plan.name.clone(),
            outcome: ServiceOutcome::Failed,
            message: Some(message),
        });
    }

    /// Run the next pre/post task, or move on when there is none.
    pub(super) fn continue_tasks(
        &mut self,
        i: usize,
        now: Timestamp,
        cause: &str,
        out: &mut Vec<ReleaseAction>,
    ) {
        let s = &self.services[i];
        let name = s.plan.name.clone();
        match s.phase {
            ServicePhase::PreTasks => match s.plan.pre_tasks.get(s.task as usize) {
                Some(t) => out.push(ReleaseAction::RunTask {
                    service: name,
                    task: (*t).into(),
                }),
                None => {
                    self.services[i].group = 0;
                    self.start_group(i, now, cause, out);
                }
            },
            ServicePhase::PostTasks => match s.plan.post_tasks.get(s.task as usize) {
                Some(t) => out.push(ReleaseAction::RunTask {
                    service: name,
                    task: (*t).into(),
                }),
                None => {
                    self.set_phase(i, ServicePhase::Succeeded, now, cause);
                    self.services[i].message = None;
                    out.push(ReleaseAction::ServiceFinished {
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
    pub(super) fn start_group(
        &mut self,
        i: usize,
        now: Timestamp,
        cause: &str,
        out: &mut Vec<ReleaseAction>,
    ) {
        let s = &self.services[i];
        let rollback = s.rolling_back();
        let Some(_) = s.groups().groups.get(s.group as usize) else {
            if rollback {
                self.set_phase(i, ServicePhase::AwaitingRollbackConfirmation, now, cause);
                let s = &mut self.services[i];
                s.paused_for = Some(ConfirmReason::Rollback);
                out.push(ReleaseAction::AwaitConfirmation {
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
        let t = now.unix_seconds();
        let ready_seconds = self.ready_seconds;
        self.services[i].recount(t, ready_seconds);
        let s = &self.services[i];
        let Some(group) = s.groups().groups.get(s.group as usize) else {
            return;
        };
        out.push(ReleaseAction::UpdatePods {
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

    pub(super) fn retry(
        &mut self,
        i: usize,
        now: Timestamp,
        cause: &str,
        out: &mut Vec<ReleaseAction>,
    ) {
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
        let t = now.unix_seconds();
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
        out.push(ReleaseAction::UpdatePods {
            service: s.plan.name.clone(),
            group: s.group,
            pods: pending,
            to_version: target,
            mode,
        });
    }

    pub(super) fn rollback(
        &mut self,
        i: usize,
        now: Timestamp,
        cause: &str,
        out: &mut Vec<ReleaseAction>,
    ) {
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
                out.push(ReleaseAction::DeleteResources {
                    service: name.clone(),
                });
                out.push(ReleaseAction::ServiceFinished {
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

    /// Apply the rules that follow from the new state until nothing changes: group
    /// completion and failure, dependency blocking, starting ready services; then the
    /// order's end.
    pub(super) fn advance(&mut self, now: Timestamp, cause: &str, out: &mut Vec<ReleaseAction>) {
        loop {
            let mut changed = false;
            for i in 0..self.services.len() {
                changed |= self.settle_group(i, now, cause, out);
            }
            changed |= self.cancel_blocked(now, cause, out);
            changed |= self.start_ready(now, cause, out);
            if !changed {
                break;
            }
        }
        self.finish_order(out);
    }

    /// Fail service `i` on a failed released pod, or finish its current group when every
    /// pod is updated (pause, next group, or the end of the groups). Whether it changed.
    fn settle_group(
        &mut self,
        i: usize,
        now: Timestamp,
        cause: &str,
        out: &mut Vec<ReleaseAction>,
    ) -> bool {
        let phase = self.services[i].phase;
        let waiting = matches!(
            phase,
            ServicePhase::Paused | ServicePhase::AwaitingRollbackConfirmation
        );
        if !waiting && !matches!(phase, ServicePhase::Updating | ServicePhase::RollingBack) {
            return false;
        }
        if !waiting {
            let ready_seconds = self.ready_seconds;
            self.services[i].mature(now.unix_seconds(), ready_seconds);
        }
        if let Some(pod) = self.services[i].failing.take() {
            let msg = self.services[i]
                .message
                .clone()
                .unwrap_or_else(|| format!("pod `{pod}` failed"));
            if waiting {
                self.services[i].paused_for = None;
            }
            self.fail(i, now, cause, msg, out);
            return true;
        }
        let s = &self.services[i];
        if waiting || (s.group_updated as usize) < s.group_pods().len() {
            return false;
        }
        let pause = if s.rolling_back() {
            None
        } else {
            s.plan
                .groups
                .pauses
                .iter()
                .find(|p| p.after_group == s.group)
                .map(|p| match p.reason {
                    PauseReason::Beta => ConfirmReason::Beta,
                    PauseReason::GroupPause => ConfirmReason::GroupPause,
                })
        };
        match pause {
            Some(reason) => {
                self.set_phase(i, ServicePhase::Paused, now, cause);
                let s = &mut self.services[i];
                s.paused_for = Some(reason);
                out.push(ReleaseAction::AwaitConfirmation {
                    service: s.plan.name.clone(),
                    reason,
                });
            }
            None => {
                self.services[i].group += 1;
                self.start_group(i, now, cause, out);
            }
        }
        true
    }

    /// Cancel the waiting dependents of a service that ended without succeeding.
    fn cancel_blocked(
        &mut self,
        now: Timestamp,
        cause: &str,
        out: &mut Vec<ReleaseAction>,
    ) -> bool {
        let mut changed = false;
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
        changed
    }

    /// Start the services whose dependencies succeeded, in topological order, up to
    /// `maxParallelServices` in motion.
    fn start_ready(&mut self, now: Timestamp, cause: &str, out: &mut Vec<ReleaseAction>) -> bool {
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
        let mut changed = false;
        for i in 0..self.services.len() {
            if active >= limit {
                break;
            }
            let s = &self.services[i];
            if s.phase != ServicePhase::Waiting || !(self.started || s.requested) {
                continue;
            }
            if self.dependencies_succeeded(i) {
                self.set_phase(i, ServicePhase::PreTasks, now, cause);
                self.services[i].task = 0;
                self.continue_tasks(i, now, cause, out);
                active += 1;
                changed = true;
            }
        }
        changed
    }

    /// The order's outcome, once every service is final.
    fn finish_order(&mut self, out: &mut Vec<ReleaseAction>) {
        if self.outcome.is_some()
            || self.services.is_empty()
            || !self.services.iter().all(|s| s.phase.terminal())
        {
            return;
        }
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
        out.push(ReleaseAction::OrderFinished { outcome });
    }
}

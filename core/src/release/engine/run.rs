//! One service's run inside the release engine: its pods as the engine sees them and the
//! bookkeeping that keeps an observation O(log pods) (which pods of the current group are
//! updated, which are ready but not for long enough yet).

use std::collections::BTreeMap;

use super::{ConfirmReason, PodStatus, ServicePhase};
use crate::release::groups::PodGroups;
use crate::release::plan::{RollbackPlan, ServicePlan};

/// A pod's state as the engine sees it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct PodState {
    /// The version last observed.
    pub(crate) version: Option<String>,
    /// Ready since (Unix seconds), while ready on its observed version.
    pub(crate) ready_since: Option<f64>,
    /// Observed failed.
    pub(crate) failed: bool,
    /// Its group in the release.
    pub(crate) group: u32,
    /// Its group in a rollback.
    pub(crate) rollback_group: u32,
    /// Counted in its service's `groupUpdated` (it is in the current group and updated).
    pub(crate) counted: bool,
    /// Listed in its service's `maturing`.
    pub(crate) maturing: bool,
}

/// One service's run.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ServiceRun {
    /// Its plan.
    pub(crate) plan: ServicePlan,
    /// Its phase.
    pub(crate) phase: ServicePhase,
    /// The current group (of the rollback groups while rolling back).
    pub(crate) group: u32,
    /// The current task (index into the pre- or post-tasks).
    pub(crate) task: u32,
    /// Why it is paused.
    pub(crate) paused_for: Option<ConfirmReason>,
    /// Asked to start by `startService`.
    pub(crate) requested: bool,
    /// Why it failed or was cancelled.
    pub(crate) message: Option<String>,
    /// The phase it failed in (a task phase, or updating), for `retry`.
    pub(crate) failed_in: Option<ServicePhase>,
    /// How many pods of the current group are updated (kept as pods change, so an
    /// observation costs O(log pods), not a scan of the group).
    pub(crate) group_updated: u32,
    /// Pods of the current group on the target version and ready, not yet for
    /// `readySeconds`: checked as time passes.
    pub(crate) maturing: Vec<String>,
    /// A pod of the current group that failed.
    pub(crate) failing: Option<String>,
    /// The earliest time (Unix seconds) a maturing pod can count as updated.
    pub(crate) next_maturity: Option<f64>,
    /// Every pod seen or planned.
    pub(crate) pods: BTreeMap<String, PodState>,
}

impl ServiceRun {
    pub(crate) fn rolling_back(&self) -> bool {
        matches!(
            self.phase,
            ServicePhase::RollingBack
                | ServicePhase::RollbackFailed
                | ServicePhase::AwaitingRollbackConfirmation
        )
    }

    pub(crate) fn target(&self) -> &str {
        match (&self.plan.rollback, self.rolling_back()) {
            (RollbackPlan::ToVersion { version, .. }, true) => version,
            _ => &self.plan.to_version,
        }
    }

    pub(crate) fn groups(&self) -> &PodGroups {
        if self.rolling_back() {
            &self.plan.rollback_groups
        } else {
            &self.plan.groups
        }
    }

    pub(crate) fn group_pods(&self) -> &[String] {
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
    pub(crate) fn group_of(&self, pod: &PodState) -> u32 {
        if self.rolling_back() {
            pod.rollback_group
        } else {
            pod.group
        }
    }

    /// Whether `pod` belongs to the current group.
    pub(crate) fn in_group(&self, pod: &PodState) -> bool {
        self.group_of(pod) == self.group
    }

    /// Count the current group's updated pods afresh (when the group changes).
    pub(crate) fn recount(&mut self, now: f64, ready_seconds: u32) {
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
    pub(crate) fn add_maturing(&mut self, name: &str, ready_seconds: u32) {
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
    pub(crate) fn mature(&mut self, now: f64, ready_seconds: u32) {
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

    pub(crate) fn status(&self, pod: &str, now: f64, ready_seconds: u32) -> PodStatus {
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

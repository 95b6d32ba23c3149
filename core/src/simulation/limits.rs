//! The simulation's limits (`docs/limits.md`): every size that drives its work, checked
//! when the scenario is validated, before the first step.

use crate::error::{FieldErrorCode, ValidationErrors};

/// The most app services in a scenario (`services`, `too_many`).
pub const MAX_SERVICES: usize = 1_000;

/// The most nodes a scenario starts with, pools and objects together (`nodePools`,
/// `too_many`).
pub const MAX_NODES: usize = 10_000;

/// The most pods one node of a pool may hold (`nodePools[i].pods`, `invalid`).
pub const MAX_NODE_PODS: usize = 1_000;

/// The most business pods the services may ask for together: the sum over the services
/// of their largest replica count (`maxReplicas` of elastic scaling, `replicas` of fixed
/// scaling; `services`, `too_many`). Each step looks at every pod.
pub const MAX_PODS: u64 = 100_000;

/// The most steps from `start` to `end` (`stepSeconds`, `too_many`): a day at 1 s is
/// 86,400; a week at 10 s is 60,480. Each service's timed policies are evaluated once per
/// step ahead of the run.
pub const MAX_STEPS: usize = 200_000;

/// The most slot pods the simulation holds at once: a desired count above it (a tiny
/// slot pod on a large cluster) is cut to it, and the cut is said in the timeline (a
/// structural bound).
pub const MAX_SLOT_PODS: usize = 10_000;

/// The most time-series values a run may record: the steps from `start` to `end` times
/// the series kept per step (one per service and per node pool, and six more) —
/// `stepSeconds`, `too_many`. A day at 10 s with 1,000 services is 8.7 million.
pub const MAX_SERIES_VALUES: u64 = 20_000_000;

/// The most scripted actions (`script`, `too_many`).
pub const MAX_ACTIONS: usize = 10_000;

/// The most points of one service's load series (`services[i].load`, `too_many`): one a
/// minute for a day.
pub const MAX_LOAD_POINTS: usize = 1_440;

/// The most timeline events a result keeps; later ones are counted in
/// `summary.droppedEvents`, not kept (a structural bound on the result's size).
pub const MAX_EVENTS: usize = 100_000;

pub(crate) fn check_len(len: usize, max: usize, path: &str, errs: &mut ValidationErrors) {
    if len > max {
        errs.push(
            path,
            FieldErrorCode::TooMany,
            format!("{len} items; at most {max}"),
        );
    }
}

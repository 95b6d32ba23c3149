//! What the release engine relies on, checked when it is built from a plan
//! ([`ReleaseEngine::new`]) or continues from a snapshot ([`ReleaseEngine::restore`]):
//! a plan or snapshot not made by weir, or edited since, is refused with every problem at
//! its path rather than driven to a wrong answer (an order reported succeeded with pods
//! not updated, a service that never finishes).
//!
//! The plan: service names present and unique; each dependency an earlier service (the
//! plan is in dependency order, so no cycle); groups indexed in order, none empty, every
//! pod named once; the rollback groups hold the same pods; pauses after existing groups,
//! one per group; versions named. The state: the pods are exactly the planned ones, in
//! their planned groups; each phase has the group, task, pause reason and failure phase it
//! can have; a started service's dependencies succeeded; counted pods are ready on the
//! target version in the current group; the timeline leads to each service's phase; the
//! outcome is the one the phases give. The bookkeeping that follows from the pods is then
//! recomputed: maturing flags, maturing pods, the next maturity, the updated count.

use std::collections::{BTreeMap, BTreeSet};

use super::run::{PodState, ServiceRun};
use super::snapshot::{ReleaseSnapshot, ServiceSnapshot, service_run};
use super::{ConfirmReason, PodStatus, ReleaseEngine, ServicePhase};
use crate::error::{FieldErrorCode as Code, FieldPath, Result, ValidationErrors, clip};
use crate::release::groups::{PauseReason, PodGroups};
use crate::release::plan::{MAX_ORDER_PODS, MAX_ORDER_SERVICES, RollbackPlan, ServicePlan};

/// The pod map a plan starts with: every pod of its groups, with its release and rollback
/// group.
pub(super) fn planned_pods(p: &ServicePlan) -> BTreeMap<String, PodState> {
    let mut pods: BTreeMap<String, PodState> = BTreeMap::new();
    for g in &p.groups.groups {
        for n in &g.pods {
            pods.entry(n.clone()).or_default().group = g.index;
        }
    }
    for g in &p.rollback_groups.groups {
        for n in &g.pods {
            pods.entry(n.clone()).or_default().rollback_group = g.index;
        }
    }
    pods
}

/// The order's id is required.
pub(super) fn id(id: &str, errs: &mut ValidationErrors) {
    if id.is_empty() {
        errs.push("id", Code::Required, "the order needs an id");
    }
}

/// Check every service plan (`path(i)` is the plan's path) and how they refer to each
/// other.
pub(super) fn services<'a>(
    plans: impl Iterator<Item = &'a ServicePlan>,
    path: impl Fn(usize) -> FieldPath,
    errs: &mut ValidationErrors,
) {
    let plans: Vec<&ServicePlan> = plans.collect();
    // The sizes `plan_release` bounds bound a hand-built plan too (the engine scans its
    // services on every event).
    let pods: usize = plans
        .iter()
        .flat_map(|p| &p.groups.groups)
        .map(|g| g.pods.len())
        .fold(0, usize::saturating_add);
    if plans.len() > MAX_ORDER_SERVICES || pods > MAX_ORDER_PODS {
        errs.push(
            "services",
            Code::TooMany,
            format!(
                "an order releases at most {MAX_ORDER_SERVICES} services and {MAX_ORDER_PODS} pods, got {} and {pods}",
                plans.len()
            ),
        );
        return;
    }
    if plans.is_empty() {
        // An order with nothing to release would never report an outcome.
        errs.push(
            "services",
            Code::Required,
            "an order releases at least one service",
        );
    }
    // Each name at its first place: the one a lookup finds.
    let mut at: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, p) in plans.iter().enumerate() {
        if p.name.is_empty() {
            errs.push(path(i).child("name"), Code::Required, "must not be empty");
        } else if at.contains_key(p.name.as_str()) {
            errs.push(
                path(i).child("name"),
                Code::Duplicate,
                format!("service `{}` is in the plan twice", p.name),
            );
        } else {
            at.insert(p.name.as_str(), i);
        }
    }
    for (i, p) in plans.iter().enumerate() {
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        for (j, d) in p.depends_on.iter().enumerate() {
            let dp = path(i).child("dependsOn").index(j);
            match at.get(d.as_str()) {
                None => errs.push(
                    dp,
                    Code::NotSupported,
                    format!("`{d}` is not a service of the plan"),
                ),
                Some(&k) if k == i => errs.push(dp, Code::Invalid, format!("`{d}` depends on itself")),
                Some(&k) if k > i => errs.push(
                    dp,
                    Code::Invalid,
                    format!(
                        "`{d}` must come before `{}`: a plan lists services in dependency order (a later one means a cycle)",
                        p.name
                    ),
                ),
                Some(_) if !seen.insert(d.as_str()) => {
                    errs.push(dp, Code::Duplicate, format!("`{d}` is listed twice"));
                }
                Some(_) => {}
            }
        }
        plan(p, &path(i), errs);
    }
}

/// One service plan: versions named, groups and rollback groups sound and over the same
/// pods.
fn plan(p: &ServicePlan, path: &FieldPath, errs: &mut ValidationErrors) {
    if p.to_version.is_empty() {
        errs.push(
            path.child("toVersion"),
            Code::Required,
            "the version to release is required",
        );
    }
    if let RollbackPlan::ToVersion { version, .. } = &p.rollback
        && version.is_empty()
    {
        errs.push(
            path.child("rollback").child("version"),
            Code::Required,
            "the version to roll back to is required",
        );
    }
    let forward = groups(&p.groups, &path.child("groups"), errs);
    let back = groups(&p.rollback_groups, &path.child("rollbackGroups"), errs);
    for (name, at) in &back {
        if !forward.contains_key(name) {
            errs.push(
                at.clone(),
                Code::Invalid,
                format!("pod `{}` is in no release group", clip(name)),
            );
        }
    }
    for (name, at) in &forward {
        if !back.contains_key(name) {
            errs.push(
                at.clone(),
                Code::Invalid,
                format!("pod `{}` is in no rollback group", clip(name)),
            );
        }
    }
}

/// Groups indexed in order, none empty, each pod named once; pauses after existing groups,
/// one per group. Returns each pod with the path where it is first listed.
fn groups<'a>(
    g: &'a PodGroups,
    path: &FieldPath,
    errs: &mut ValidationErrors,
) -> BTreeMap<&'a str, FieldPath> {
    let mut pods: BTreeMap<&str, FieldPath> = BTreeMap::new();
    for (k, group) in g.groups.iter().enumerate() {
        let gp = path.child("groups").index(k);
        if group.index as usize != k {
            errs.push(
                gp.child("index"),
                Code::Invalid,
                format!("group {k} must have index {k}, got {}", group.index),
            );
        }
        if group.pods.is_empty() {
            errs.push(
                gp.child("pods"),
                Code::Required,
                "a group needs at least one pod",
            );
        }
        for (j, name) in group.pods.iter().enumerate() {
            let pp = gp.child("pods").index(j);
            if name.is_empty() {
                errs.push(pp, Code::Required, "a pod needs a name");
            } else if pods.contains_key(name.as_str()) {
                errs.push(
                    pp,
                    Code::Duplicate,
                    format!("pod `{}` is in more than one place", clip(name)),
                );
            } else {
                pods.insert(name.as_str(), pp);
            }
        }
    }
    let mut after: BTreeSet<u32> = BTreeSet::new();
    for (n, pause) in g.pauses.iter().enumerate() {
        let pp = path.child("pauses").index(n).child("afterGroup");
        if pause.after_group as usize >= g.groups.len() {
            errs.push(
                pp,
                Code::Invalid,
                format!(
                    "there is no group {} to pause after ({} groups)",
                    pause.after_group,
                    g.groups.len()
                ),
            );
        } else if !after.insert(pause.after_group) {
            errs.push(
                pp,
                Code::Duplicate,
                format!("two pauses after group {}", pause.after_group),
            );
        }
    }
    pods
}

/// Check a snapshot, build the engine it describes and recompute its bookkeeping as of
/// the snapshot's `at`.
pub(super) fn snapshot(snap: ReleaseSnapshot) -> Result<ReleaseEngine> {
    let mut errs = ValidationErrors::new();
    id(&snap.id, &mut errs);
    services(
        snap.services.iter().map(|s| &s.plan),
        |i| FieldPath::root("services").index(i).child("plan"),
        &mut errs,
    );
    // The state is read against the plan: only a sound plan is worth reading it against.
    errs.into_result(())?;
    let mut errs = ValidationErrors::new();
    for (i, s) in snap.services.iter().enumerate() {
        pods(s, &FieldPath::root("services").index(i), &mut errs);
    }
    let mut e = ReleaseEngine {
        id: snap.id,
        ready_seconds: snap.ready_seconds,
        max_parallel_services: snap.max_parallel_services,
        started: snap.started,
        outcome: snap.outcome,
        services: snap.services.into_iter().map(service_run).collect(),
        timeline: snap.timeline,
        at: snap.at,
        index: BTreeMap::new(),
    };
    for (i, s) in e.services.iter().enumerate() {
        position(s, &FieldPath::root("services").index(i), &mut errs);
    }
    let moved = !e.timeline.is_empty()
        || e.services
            .iter()
            .any(|s| !s.pods.values().all(|p| p.version.is_none()));
    if e.at.is_none() && moved {
        errs.push(
            "at",
            Code::Required,
            "the order has moved: the snapshot needs the instant it was taken",
        );
    }
    started(&e, &mut errs);
    timeline(&e, &mut errs);
    outcome(&e, &mut errs);
    errs.into_result(())?;
    let mut errs = ValidationErrors::new();
    recount(&mut e, &mut errs);
    errs.into_result(e)
}

/// Count each active service's current group as of `at`, and refuse what the engine would
/// not have left behind: an active service with no `at`, a released pod that failed while
/// the service still updates or waits for a person.
fn recount(e: &mut ReleaseEngine, errs: &mut ValidationErrors) {
    let ready_seconds = e.ready_seconds;
    for (i, s) in e.services.iter_mut().enumerate() {
        let path = FieldPath::root("services").index(i);
        let holding = matches!(
            s.phase,
            ServicePhase::Updating
                | ServicePhase::RollingBack
                | ServicePhase::Paused
                | ServicePhase::AwaitingRollbackConfirmation
        );
        if !holding {
            continue;
        }
        // A moving service has timeline entries, so `at` was required above.
        let Some(at) = e.at else { continue };
        let t = at.unix_seconds();
        let failed = s.pods.iter().find(|(name, p)| {
            s.group_of(p) <= s.group && s.status(name, t, ready_seconds) == PodStatus::Failed
        });
        if let Some((name, _)) = failed {
            errs.push(
                path.child("pods").key(name).child("failed"),
                Code::Invalid,
                format!(
                    "released pod `{}` failed but `{}` is still {:?} (the engine fails it at once)",
                    clip(name),
                    s.plan.name,
                    s.phase
                ),
            );
        }
        if matches!(s.phase, ServicePhase::Updating | ServicePhase::RollingBack) {
            s.recount(t, ready_seconds);
            s.mature(t, ready_seconds);
        }
    }
}

/// A service past `waiting` (other than cancelled there) was started, by the order or by
/// itself, and every dependency of it succeeded.
fn started(e: &ReleaseEngine, errs: &mut ValidationErrors) {
    let phase: BTreeMap<&str, ServicePhase> = e
        .services
        .iter()
        .map(|s| (s.plan.name.as_str(), s.phase))
        .collect();
    for (i, s) in e.services.iter().enumerate() {
        if matches!(s.phase, ServicePhase::Waiting | ServicePhase::Cancelled) {
            continue;
        }
        let path = FieldPath::root("services").index(i).child("phase");
        if !e.started && !s.requested {
            errs.push(
                path.clone(),
                Code::Invalid,
                format!(
                    "`{}` is {:?} though neither the order nor the service was started",
                    s.plan.name, s.phase
                ),
            );
        }
        for d in &s.plan.depends_on {
            if phase.get(d.as_str()) != Some(&ServicePhase::Succeeded) {
                errs.push(
                    path.clone(),
                    Code::Invalid,
                    format!(
                        "`{}` is {:?} though its dependency `{d}` has not succeeded",
                        s.plan.name, s.phase
                    ),
                );
            }
        }
    }
}

/// The outcome is the one the phases give: none until every service is final.
fn outcome(e: &ReleaseEngine, errs: &mut ValidationErrors) {
    let finished = !e.services.is_empty() && e.services.iter().all(|s| s.phase.terminal());
    if e.outcome.is_some() != finished {
        errs.push(
            "outcome",
            Code::Invalid,
            if finished {
                "every service is final: the order has an outcome"
            } else {
                "the order has an outcome while a service is not final"
            },
        );
    } else if let Some(outcome) = e.outcome {
        let ok = e
            .services
            .iter()
            .filter(|s| s.phase == ServicePhase::Succeeded)
            .count();
        let want = if ok == e.services.len() {
            super::OrderOutcome::Succeeded
        } else if ok > 0 {
            super::OrderOutcome::Partial
        } else {
            super::OrderOutcome::Cancelled
        };
        if outcome != want {
            errs.push(
                "outcome",
                Code::Invalid,
                format!("the services' phases make the outcome {want:?}, not {outcome:?}"),
            );
        }
    }
}

/// The observed pods are pods of the plan, and each one's observation hangs together.
fn pods(s: &ServiceSnapshot, path: &FieldPath, errs: &mut ValidationErrors) {
    let planned = planned_pods(&s.plan);
    for (name, p) in &s.pods {
        let pp = path.child("pods").key(name);
        if !planned.contains_key(name) {
            errs.push(
                pp.clone(),
                Code::Invalid,
                format!("pod `{}` is in none of the plan's groups", clip(name)),
            );
        }
        if p.ready_since.is_some() && p.failed {
            errs.push(
                pp.child("readySince"),
                Code::Invalid,
                "a failed pod is not ready",
            );
        }
    }
}

/// Each phase has the group, task, pause reason and failure phase it can have.
fn position(s: &ServiceRun, path: &FieldPath, errs: &mut ValidationErrors) {
    use ServicePhase as P;
    let fwd = s.plan.groups.groups.len();
    let back = s.plan.rollback_groups.groups.len();
    let (group, task, phase) = (s.group as usize, s.task as usize, s.phase);
    let (pre, post) = (s.plan.pre_tasks.len(), s.plan.post_tasks.len());
    let mut bad = |field: &str, msg: String| {
        errs.push(path.child(field), Code::Invalid, msg);
    };
    match fits(s) {
        Ok((group_ok, task_ok)) => {
            if !group_ok {
                bad(
                    "group",
                    format!(
                        "group {group} does not fit phase {phase:?} ({fwd} groups, {back} rollback groups)"
                    ),
                );
            }
            if !task_ok {
                bad(
                    "task",
                    format!(
                        "task {task} is not a task of the {phase:?} service ({pre} pre-tasks, {post} post-tasks)"
                    ),
                );
            }
        }
        Err(msg) => bad("failedIn", msg),
    }
    let rolling = matches!(
        phase,
        P::RollingBack | P::AwaitingRollbackConfirmation | P::RollbackFailed | P::RolledBack
    );
    if rolling && !matches!(s.plan.rollback, RollbackPlan::ToVersion { .. }) {
        bad(
            "phase",
            format!(
                "a service whose rollback is {:?} never rolls back to a version",
                s.plan.rollback
            ),
        );
    }
    if phase == P::ResourcesDeleted && s.plan.rollback != (RollbackPlan::DeleteResources {}) {
        bad(
            "phase",
            "only a service that never released successfully has its resources deleted".into(),
        );
    }
    let pause = s
        .plan
        .groups
        .pauses
        .iter()
        .find(|p| p.after_group == s.group)
        .map(|p| match p.reason {
            PauseReason::Beta => ConfirmReason::Beta,
            PauseReason::GroupPause => ConfirmReason::GroupPause,
        });
    let awaited = match phase {
        P::Paused => Some(pause),
        P::AwaitingRollbackConfirmation => Some(Some(ConfirmReason::Rollback)),
        _ => None,
    };
    if let Some(want) = awaited
        && (want.is_none() || s.paused_for != want)
    {
        bad(
            "pausedFor",
            format!(
                "a {phase:?} service at group {group} waits for {want:?}, not {:?}",
                s.paused_for
            ),
        );
    }
}

/// Whether the group and the task fit the phase (and, for a failure, the phase it failed
/// in); `Err` when a failed service's `failedIn` is not a phase it can fail in.
fn fits(s: &ServiceRun) -> std::result::Result<(bool, bool), String> {
    use ServicePhase as P;
    let fwd = s.plan.groups.groups.len();
    let back = s.plan.rollback_groups.groups.len();
    let group = s.group as usize;
    let task = s.task as usize;
    let pre = task < s.plan.pre_tasks.len();
    let post = task < s.plan.post_tasks.len();
    Ok(match s.phase {
        P::Waiting => (group == 0, true),
        P::PreTasks => (group == 0, pre),
        P::Updating | P::Paused => (group < fwd, true),
        P::PostTasks => (group == fwd, post),
        P::Succeeded => (group == fwd, true),
        P::Failed => match s.failed_in {
            Some(P::PreTasks) => (group == 0, pre),
            Some(P::PostTasks) => (group == fwd, post),
            Some(P::Updating | P::Paused) => (group < fwd, true),
            other => {
                return Err(format!(
                    "a failed service failed in a task, updating or paused, not {other:?}"
                ));
            }
        },
        P::RollingBack => (group < back, true),
        P::AwaitingRollbackConfirmation | P::RolledBack => (group == back, true),
        P::RollbackFailed => match s.failed_in {
            Some(P::RollingBack) => (group < back, true),
            Some(P::AwaitingRollbackConfirmation) => (group == back, true),
            other => {
                return Err(format!(
                    "a failed rollback failed rolling back or awaiting its confirmation, not {other:?}"
                ));
            }
        },
        P::Cancelled | P::ResourcesDeleted => (group <= fwd.max(back), true),
    })
}

/// Each service's timeline entries lead from `waiting` to its phase, one change at a
/// time; every entry names a service of the order and a time.
fn timeline(e: &ReleaseEngine, errs: &mut ValidationErrors) {
    let mut last: BTreeMap<&str, ServicePhase> = BTreeMap::new();
    let known: BTreeSet<&str> = e.services.iter().map(|s| s.plan.name.as_str()).collect();
    for (n, entry) in e.timeline.iter().enumerate() {
        let path = FieldPath::root("timeline").index(n);
        if e.at.is_some_and(|at| entry.at > at) {
            errs.push(
                path.child("at"),
                Code::Invalid,
                "an entry is no later than the snapshot's `at`",
            );
        }
        if n > 0 && e.timeline.get(n - 1).is_some_and(|prev| prev.at > entry.at) {
            errs.push(path.child("at"), Code::Invalid, "entries are in time order");
        }
        let Some(service) = entry.service.as_deref() else {
            continue;
        };
        if !known.contains(service) {
            errs.push(
                path.child("service"),
                Code::Invalid,
                format!("`{service}` is not a service of the order"),
            );
            continue;
        }
        let from = last.get(service).copied().unwrap_or(ServicePhase::Waiting);
        if entry.from != from {
            errs.push(
                path.child("from"),
                Code::Invalid,
                format!("`{service}` was {from:?} here, not {:?}", entry.from),
            );
        }
        if entry.to == entry.from {
            errs.push(
                path.child("to"),
                Code::Invalid,
                "an entry records a change of phase",
            );
        }
        last.insert(service, entry.to);
    }
    for (i, s) in e.services.iter().enumerate() {
        let recorded = last
            .get(s.plan.name.as_str())
            .copied()
            .unwrap_or(ServicePhase::Waiting);
        if recorded != s.phase {
            errs.push(
                FieldPath::root("services").index(i).child("phase"),
                Code::Invalid,
                format!(
                    "the timeline leaves `{}` {recorded:?}, not {:?}",
                    s.plan.name, s.phase
                ),
            );
        }
    }
}

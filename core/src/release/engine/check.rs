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

use super::{ConfirmReason, PodState, ReleaseEngine, ServicePhase, ServiceRun};
use crate::error::{FieldErrorCode as Code, Result, ValidationErrors, clip, key};
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
    path: impl Fn(usize) -> String,
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
            errs.push(
                format!("{}.name", path(i)),
                Code::Required,
                "must not be empty",
            );
        } else if at.contains_key(p.name.as_str()) {
            errs.push(
                format!("{}.name", path(i)),
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
            let dp = format!("{}.dependsOn[{j}]", path(i));
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
fn plan(p: &ServicePlan, path: &str, errs: &mut ValidationErrors) {
    if p.to_version.is_empty() {
        errs.push(
            format!("{path}.toVersion"),
            Code::Required,
            "the version to release is required",
        );
    }
    if let RollbackPlan::ToVersion { version, .. } = &p.rollback
        && version.is_empty()
    {
        errs.push(
            format!("{path}.rollback.version"),
            Code::Required,
            "the version to roll back to is required",
        );
    }
    let forward = groups(&p.groups, &format!("{path}.groups"), errs);
    let back = groups(&p.rollback_groups, &format!("{path}.rollbackGroups"), errs);
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
    path: &str,
    errs: &mut ValidationErrors,
) -> BTreeMap<&'a str, String> {
    let mut pods: BTreeMap<&str, String> = BTreeMap::new();
    for (k, group) in g.groups.iter().enumerate() {
        let gp = format!("{path}.groups[{k}]");
        if group.index as usize != k {
            errs.push(
                format!("{gp}.index"),
                Code::Invalid,
                format!("group {k} must have index {k}, got {}", group.index),
            );
        }
        if group.pods.is_empty() {
            errs.push(
                format!("{gp}.pods"),
                Code::Required,
                "a group needs at least one pod",
            );
        }
        for (j, name) in group.pods.iter().enumerate() {
            let pp = format!("{gp}.pods[{j}]");
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
        let pp = format!("{path}.pauses[{n}].afterGroup");
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

/// Check a snapshot and recompute its derivable bookkeeping.
pub(super) fn snapshot(mut e: ReleaseEngine) -> Result<ReleaseEngine> {
    let mut errs = ValidationErrors::new();
    id(&e.id, &mut errs);
    services(
        e.services.iter().map(|s| &s.plan),
        |i| format!("services[{i}].plan"),
        &mut errs,
    );
    // The state is read against the plan: only a sound plan is worth reading it against.
    errs.into_result(())?;
    let mut errs = ValidationErrors::new();
    for (i, s) in e.services.iter().enumerate() {
        let path = format!("services[{i}]");
        pods(s, &path, &mut errs);
        position(s, &path, &mut errs);
        counters(s, &path, &mut errs);
    }
    started(&e, &mut errs);
    timeline(&e, &mut errs);
    outcome(&e, &mut errs);
    errs.into_result(())?;
    let ready_seconds = e.ready_seconds;
    for s in &mut e.services {
        recompute(s, ready_seconds);
    }
    Ok(e)
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
        let path = format!("services[{i}].phase");
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

/// The pods are exactly the planned ones, in their planned groups, and each one's
/// observation hangs together.
fn pods(s: &ServiceRun, path: &str, errs: &mut ValidationErrors) {
    let planned = planned_pods(&s.plan);
    for (name, p) in &s.pods {
        let pp = key(&format!("{path}.pods"), name);
        match planned.get(name) {
            None => errs.push(
                pp.clone(),
                Code::Invalid,
                format!("pod `{}` is in none of the plan's groups", clip(name)),
            ),
            Some(want) => {
                if p.group != want.group {
                    errs.push(
                        format!("{pp}.group"),
                        Code::Invalid,
                        format!(
                            "pod `{}` is in group {}, not {}",
                            clip(name),
                            want.group,
                            p.group
                        ),
                    );
                }
                if p.rollback_group != want.rollback_group {
                    errs.push(
                        format!("{pp}.rollbackGroup"),
                        Code::Invalid,
                        format!(
                            "pod `{}` is in rollback group {}, not {}",
                            clip(name),
                            want.rollback_group,
                            p.rollback_group
                        ),
                    );
                }
            }
        }
        if let Some(since) = p.ready_since
            && (!since.is_finite() || p.version.is_none() || p.failed)
        {
            errs.push(
                format!("{pp}.readySince"),
                Code::Invalid,
                "a pod is ready since a finite time, only when observed on a version and not failed",
            );
        }
        if p.failed && p.version.is_none() {
            errs.push(
                format!("{pp}.failed"),
                Code::Invalid,
                "a pod fails only when observed on a version",
            );
        }
    }
    for name in planned.keys() {
        if !s.pods.contains_key(name) {
            errs.push(
                key(&format!("{path}.pods"), name),
                Code::Required,
                format!("pod `{}` of the plan's groups is missing", clip(name)),
            );
        }
    }
}

/// Each phase has the group, task, pause reason and failure phase it can have.
fn position(s: &ServiceRun, path: &str, errs: &mut ValidationErrors) {
    use ServicePhase as P;
    let fwd = s.plan.groups.groups.len();
    let back = s.plan.rollback_groups.groups.len();
    let (group, task, phase) = (s.group as usize, s.task as usize, s.phase);
    let (pre, post) = (s.plan.pre_tasks.len(), s.plan.post_tasks.len());
    let mut bad = |field: &str, msg: String| {
        errs.push(format!("{path}.{field}"), Code::Invalid, msg);
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

/// Updating or rolling back: the pods it counts and watches.
fn active(s: &ServiceRun) -> bool {
    matches!(s.phase, ServicePhase::Updating | ServicePhase::RollingBack)
}

/// On the target version, not failed, and ready (for some time) in the current group.
fn ready_in_group(s: &ServiceRun, p: &PodState) -> bool {
    s.in_group(p)
        && p.version.as_deref() == Some(s.target())
        && !p.failed
        && p.ready_since.is_some()
}

/// The counted pods, the maturing list, the failing pod and the counters name pods that
/// can be in them.
fn counters(s: &ServiceRun, path: &str, errs: &mut ValidationErrors) {
    if active(s) {
        for (name, p) in &s.pods {
            if p.counted && !ready_in_group(s, p) {
                errs.push(
                    format!("{}.counted", key(&format!("{path}.pods"), name)),
                    Code::Invalid,
                    format!(
                        "pod `{}` is counted as updated but is not ready on `{}` in group {}",
                        clip(name),
                        s.target(),
                        s.group
                    ),
                );
            }
        }
    }
    let mut listed: BTreeSet<&str> = BTreeSet::new();
    for (n, name) in s.maturing.iter().enumerate() {
        let Some(p) = s.pods.get(name) else {
            errs.push(
                format!("{path}.maturing[{n}]"),
                Code::Invalid,
                format!("`{}` is not a pod of the service", clip(name)),
            );
            continue;
        };
        if active(s) && !s.in_group(p) {
            // The engine watches the current group's pods only: another group's pod
            // maturing would be counted for this group.
            errs.push(
                format!("{path}.maturing[{n}]"),
                Code::Invalid,
                format!("pod `{}` is not in group {}", clip(name), s.group),
            );
        } else if !listed.insert(name.as_str()) {
            errs.push(
                format!("{path}.maturing[{n}]"),
                Code::Duplicate,
                format!("pod `{}` is listed twice", clip(name)),
            );
        }
    }
    // A failing pod is one released so far: of the current group or an earlier one.
    if let Some(pod) = &s.failing
        && !s.pods.get(pod).is_some_and(|p| {
            p.failed && p.version.as_deref() == Some(s.target()) && s.group_of(p) <= s.group
        })
    {
        errs.push(
            format!("{path}.failing"),
            Code::Invalid,
            format!("pod `{}` has not failed on `{}`", clip(pod), s.target()),
        );
    }
    if s.next_maturity.is_some_and(|t| !t.is_finite()) {
        errs.push(
            format!("{path}.nextMaturity"),
            Code::Invalid,
            "must be a finite time",
        );
    }
    let largest = s.largest_group();
    if s.group_updated as usize > largest {
        errs.push(
            format!("{path}.groupUpdated"),
            Code::Invalid,
            format!(
                "no group has {} pods (the largest has {largest})",
                s.group_updated
            ),
        );
    }
}

/// Each service's timeline entries lead from `waiting` to its phase, one change at a
/// time; every entry names a service of the order and a time.
fn timeline(e: &ReleaseEngine, errs: &mut ValidationErrors) {
    let mut last: BTreeMap<&str, ServicePhase> = BTreeMap::new();
    let known: BTreeSet<&str> = e.services.iter().map(|s| s.plan.name.as_str()).collect();
    for (n, entry) in e.timeline.iter().enumerate() {
        let path = format!("timeline[{n}]");
        crate::time::check(&entry.at, || format!("{path}.at"), errs);
        let Some(service) = entry.service.as_deref() else {
            continue;
        };
        if !known.contains(service) {
            errs.push(
                format!("{path}.service"),
                Code::Invalid,
                format!("`{service}` is not a service of the order"),
            );
            continue;
        }
        let from = last.get(service).copied().unwrap_or(ServicePhase::Waiting);
        if entry.from != from {
            errs.push(
                format!("{path}.from"),
                Code::Invalid,
                format!("`{service}` was {from:?} here, not {:?}", entry.from),
            );
        }
        if entry.to == entry.from {
            errs.push(
                format!("{path}.to"),
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
                format!("services[{i}].phase"),
                Code::Invalid,
                format!(
                    "the timeline leaves `{}` {recorded:?}, not {:?}",
                    s.plan.name, s.phase
                ),
            );
        }
    }
}

/// Recompute what follows from the pods: the maturing flags from the list; while updating
/// or rolling back, the pods that should be maturing, the earliest maturity and the
/// updated count. The same values for a snapshot the engine wrote.
fn recompute(s: &mut ServiceRun, ready_seconds: u32) {
    let listed: BTreeSet<String> = s.maturing.iter().cloned().collect();
    for (name, p) in &mut s.pods {
        p.maturing = listed.contains(name);
    }
    if !active(s) {
        return;
    }
    let missing: Vec<String> = s
        .pods
        .iter()
        .filter(|(_, p)| !p.counted && !p.maturing && ready_in_group(s, p))
        .map(|(n, _)| n.clone())
        .collect();
    for name in missing {
        if let Some(p) = s.pods.get_mut(&name) {
            p.maturing = true;
        }
        s.maturing.push(name);
    }
    let earliest = s
        .maturing
        .iter()
        .filter_map(|n| s.pods.get(n).and_then(|p| p.ready_since))
        .map(|since| since + f64::from(ready_seconds))
        .reduce(f64::min);
    s.next_maturity = match (s.next_maturity, earliest) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let counted = s
        .pods
        .values()
        .filter(|p| p.counted && s.in_group(p))
        .count();
    s.group_updated = u32::try_from(counted).unwrap_or(u32::MAX);
}

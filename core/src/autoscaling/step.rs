//! One step: timers first (provision timeouts, stale backoffs), then the water level, the
//! health gate, scale-up and — when nothing scaled up — scale-down, on a copy of the state
//! that replaces the old one only when the whole step succeeded.

use super::config::AutoscalerConfig;
use super::engine::{fail_nodes, passed};
use super::facts::Facts;
use super::limits::MAX_PENDING_PODS;
use super::scale_up::{self, Opt, Stuck};
use super::types::{
    AutoscalerSnapshot, Breaker, Decision, GroupStatus, GroupVerdict, PendingPod, PendingReason,
    ProvisionRequest, ScaleUp,
};
use super::water;
use crate::error::{Error, FieldErrorCode as Code, Result, ValidationErrors};
use crate::scheduling::Cluster;
use crate::scheduling::types::ClusterSnapshot;
use crate::time::Timestamp;

/// The step at `now` from state `prev`: the decision and the next state.
pub(crate) fn run(
    prev: &AutoscalerSnapshot,
    now: Timestamp,
    snap: &ClusterSnapshot,
) -> Result<(Decision, AutoscalerSnapshot)> {
    check_pending(snap)?;
    let facts = Facts::new(&prev.config, snap)?;
    let (mut pending, stuck, exemplars, cluster) = who_waits(&facts, snap)?;
    let mut s = prev.clone();
    s.at = Some(now);
    s.steps = s.steps.wrapping_add(1);
    expire(&mut s, now);
    let cfg = s.config.clone();
    let view = &facts;
    let water_level = water::level(&cfg, &facts);
    let halted = health(&cfg, &facts);
    let failed_total = s.failed.values().fold(0i32, |a, n| a.saturating_add(*n));
    let breaker = Breaker {
        open: failed_total > cfg.max_failed_nodes,
        failed_nodes: failed_total,
        max_failed_nodes: cfg.max_failed_nodes,
    };
    let keys = snap.label_keys.clone().unwrap_or_default();
    let up = plan_up(
        &s,
        now,
        view,
        &stuck,
        &exemplars,
        &keys,
        halted.is_some(),
        breaker.open,
    )?;
    pending.extend(up.pending);
    if let Some(u) = &up.scale_up {
        s.requests.push(ProvisionRequest {
            group: u.group.clone(),
            count: u.count,
            at: now,
        });
        s.last_scale_up = Some(now);
    }
    let skip = if halted.is_some() {
        Some("the health gate halted scaling")
    } else if up.scale_up.is_some() {
        Some("a scale-up was decided this step")
    } else {
        None
    };
    let mut kept = std::collections::BTreeMap::new();
    let down = super::scale_down::run(&mut s, now, snap, cluster, &facts, skip, &mut kept)?;
    if halted.is_some() {
        // CA clears the unneeded timers while the cluster is unhealthy.
        s.unneeded.clear();
    }
    let groups = group_statuses(&s, now, view, up.verdicts);
    let unneeded = super::scale_down::unneeded_status(&s, &kept);
    Ok((
        Decision {
            water_level,
            scale_up: up.scale_up,
            scale_down: down.nodes,
            scale_down_blocked: down.blocked,
            groups,
            pending,
            unneeded,
            breaker,
            halted,
        },
        s,
    ))
}

/// The pending pods against [`MAX_PENDING_PODS`].
fn check_pending(snap: &ClusterSnapshot) -> Result<()> {
    let pending = snap
        .pods
        .iter()
        .filter(|p| p.spec.node_name.is_none())
        .count();
    if pending > MAX_PENDING_PODS {
        let mut errs = ValidationErrors::new();
        errs.push(
            "cluster.pods",
            Code::TooMany,
            format!("one step weighs at most {MAX_PENDING_PODS} pending pods, got {pending}"),
        );
        return Err(Error::Validation(errs));
    }
    Ok(())
}

/// Who waits for a node: the pods an existing node takes (reported), the stuck ones with
/// their classes' exemplars, and the compiled cluster when the scheduler had to decide
/// (module `facts`: only when a pending pod might fit or preempt).
#[allow(clippy::type_complexity)]
fn who_waits(
    facts: &Facts,
    snap: &ClusterSnapshot,
) -> Result<(
    Vec<PendingPod>,
    Vec<Stuck>,
    Vec<crate::model::kube::Pod>,
    Option<Cluster>,
)> {
    if facts.pending_may_fit(snap) {
        let mut c = Cluster::build(snap)?;
        c.check_pending_work(0)?;
        let (placed, stuck, exemplars) = scale_up::filter_out(&mut c, snap)?;
        return Ok((placed, stuck, exemplars, Some(c)));
    }
    let (stuck, exemplars) = scale_up::stuck_pending(facts, snap);
    Ok((Vec::new(), stuck, exemplars, None))
}

/// Requests past `maxNodeProvisionTime` fail their remaining nodes (CA
/// `clusterstate.go` `updateScaleRequests`); backoffs whose last failure is older than the
/// reset time are forgotten (`RemoveStaleBackoffData`).
fn expire(s: &mut AutoscalerSnapshot, now: Timestamp) {
    let d = s.config.max_node_provision_time;
    let (late, kept): (Vec<ProvisionRequest>, Vec<ProvisionRequest>) =
        std::mem::take(&mut s.requests)
            .into_iter()
            .partition(|r| passed(r.at, d, now));
    s.requests = kept;
    for r in late {
        fail_nodes(s, &r.group, r.count, now);
    }
    if let Some(b) = &s.config.backoff {
        let reset = b.reset_seconds;
        s.backoff.retain(|_, e| !passed(e.last_failure, reset, now));
    }
}

/// CA's health gate (`clusterstate.go` `IsClusterHealthy`): halted when unready nodes
/// exceed both the count and the share.
fn health(cfg: &AutoscalerConfig, facts: &Facts) -> Option<String> {
    let gate = cfg.health_gate.as_ref()?;
    let total = facts.nodes.len();
    let unready = facts.nodes.iter().filter(|n| n.unready).count();
    let count = usize::try_from(gate.ok_total_unready_count).unwrap_or(0);
    let share = unready.saturating_mul(100)
        > total.saturating_mul(usize::try_from(gate.max_total_unready_percentage).unwrap_or(0));
    (unready > count && share).then(|| {
        format!(
            "cluster unhealthy: {unready} of {total} nodes unready (more than {} and more than {}%)",
            gate.ok_total_unready_count, gate.max_total_unready_percentage
        )
    })
}

/// Nodes asked for and not joined, per group.
pub(crate) fn upcoming(s: &AutoscalerSnapshot, g: usize) -> i32 {
    let Some(name) = s.config.node_groups.get(g).map(|g| &g.name) else {
        return 0;
    };
    s.requests
        .iter()
        .filter(|r| &r.group == name)
        .fold(0i32, |a, r| a.saturating_add(r.count))
}

struct UpPlan {
    scale_up: Option<ScaleUp>,
    verdicts: Vec<(GroupVerdict, String)>,
    pending: Vec<PendingPod>,
}

/// The stuck pods' classes (their numbers) and each class's pods.
fn classes_of(stuck: &[Stuck]) -> (Vec<(i64, i64)>, Vec<Vec<String>>) {
    let (mut shapes, mut ids) = (Vec::new(), Vec::<Vec<String>>::new());
    for p in stuck.iter().filter(|p| p.eligible) {
        if p.class >= ids.len() {
            shapes.resize(p.class + 1, (0, 0));
            ids.resize(p.class + 1, Vec::new());
        }
        if let (Some(s), Some(v)) = (shapes.get_mut(p.class), ids.get_mut(p.class)) {
            *s = (p.cpu, p.mem);
            v.push(p.id.clone());
        }
    }
    (shapes, ids)
}

/// The stuck classes' pods and what becomes of them, marked in order.
struct Marks {
    /// Per class, its pods' ids.
    ids: Vec<Vec<String>>,
    /// Per class, the pods not marked yet (0 for classes past the template budget).
    left: Vec<usize>,
    /// Per class, the marks so far (the first pods of the class).
    reason: Vec<Vec<(PendingReason, String)>>,
}

impl Marks {
    /// Mark `o.placed[c]` more pods of each class with `why`; their ids.
    fn take(&mut self, o: &Opt, why: PendingReason, text: &str) -> Vec<String> {
        let mut taken = Vec::new();
        let rows = self.left.iter_mut().zip(self.reason.iter_mut());
        for (((l, r), n), v) in rows.zip(&o.placed).zip(&self.ids) {
            let n = (*n).min(*l);
            *l -= n;
            taken.extend(v.iter().skip(r.len()).take(n).cloned());
            r.extend(std::iter::repeat_n((why, text.to_owned()), n));
        }
        taken
    }
}

fn group_name(cfg: &AutoscalerConfig, g: usize) -> &str {
    cfg.node_groups.get(g).map_or("", |g| g.name.as_str())
}

#[allow(clippy::too_many_arguments)]
fn plan_up(
    s: &AutoscalerSnapshot,
    now: Timestamp,
    view: &Facts,
    stuck: &[Stuck],
    exemplars: &[crate::model::kube::Pod],
    keys: &crate::scheduling::types::LabelKeys,
    halted: bool,
    breaker_open: bool,
) -> Result<UpPlan> {
    let cfg = &s.config;
    let (shapes, ids) = classes_of(stuck);
    let fits = scale_up::template_fits(cfg, keys, exemplars)?;
    let mut m = Marks {
        // Classes past the template budget have no row: no group takes them this step.
        left: ids
            .iter()
            .enumerate()
            .map(|(c, v)| if c < fits.len() { v.len() } else { 0 })
            .collect(),
        reason: ids.iter().map(|_| Vec::new()).collect(),
        ids,
    };
    // Pods that nodes asked for earlier will take (CA counts upcoming nodes as template
    // nodes).
    for g in 0..cfg.node_groups.len() {
        let u = i64::from(upcoming(s, g));
        if u > 0 {
            let o = scale_up::estimate_group(cfg, g, &shapes, &m.left, &fits, u);
            let text = format!(
                "a node of group {} asked for earlier takes it",
                group_name(cfg, g)
            );
            m.take(&o, PendingReason::UpcomingNode, &text);
        }
    }
    let mut verdicts = Vec::with_capacity(cfg.node_groups.len());
    let mut opts: Vec<Opt> = Vec::new();
    let demand = m.left.iter().any(|n| *n > 0);
    for g in 0..cfg.node_groups.len() {
        let (gate, left) = ((demand, halted, breaker_open), &m.left);
        match group_option(s, now, view, g, gate, &shapes, left, &fits) {
            Ok(o) => {
                verdicts.push((GroupVerdict::NotChosen, String::new()));
                opts.push(o);
            }
            Err(v) => verdicts.push(v),
        }
    }
    let scale_up = expand(s, &opts, &mut verdicts, &mut m);
    let pending = pending_reasons(cfg, stuck, &m.ids, m.reason, &fits, &verdicts);
    Ok(UpPlan {
        scale_up,
        verdicts,
        pending,
    })
}

/// Choose among the options with the expander chain; mark the chosen option's pods
/// `scaleUp` and the other options' `awaitingEvaluation`.
fn expand(
    s: &AutoscalerSnapshot,
    opts: &[Opt],
    verdicts: &mut [(GroupVerdict, String)],
    m: &mut Marks,
) -> Option<ScaleUp> {
    let cfg = &s.config;
    if opts.is_empty() {
        return None;
    }
    let (best, why) = scale_up::choose(cfg, opts, s.steps);
    let o = opts.get(best)?;
    let pods = m.take(o, PendingReason::ScaleUp, "this step's scale-up takes it");
    let text = format!(
        "{} node(s) for {} pending pod(s); chosen by {why} among {} option(s)",
        o.nodes,
        o.pods,
        opts.len()
    );
    if let Some(v) = verdicts.get_mut(o.group) {
        *v = (GroupVerdict::Chosen, text.clone());
    }
    for other in opts.iter().filter(|x| x.group != o.group) {
        if let Some(v) = verdicts.get_mut(other.group) {
            v.1 = format!(
                "{} node(s) for {} pending pod(s); another group was chosen",
                other.nodes, other.pods
            );
        }
        let text = format!(
            "group {} could take it; another group scaled up this step",
            group_name(cfg, other.group)
        );
        m.take(other, PendingReason::AwaitingEvaluation, &text);
    }
    Some(scale_up::scale_up_of(cfg, o, pods, text))
}

/// What blocks a group before any estimate.
type Blocked = (GroupVerdict, String);

/// A group's option, or the verdict that blocks it.
#[allow(clippy::too_many_arguments)]
fn group_option(
    s: &AutoscalerSnapshot,
    now: Timestamp,
    view: &Facts,
    g: usize,
    (demand, halted, breaker_open): (bool, bool, bool),
    shapes: &[(i64, i64)],
    left: &[usize],
    fits: &[Vec<Option<String>>],
) -> std::result::Result<Opt, Blocked> {
    let cfg = &s.config;
    let room = group_room(s, now, view, g, demand, halted, breaker_open)?;
    let limit = room.min(cluster_room(s, view, g)?);
    let o = scale_up::estimate_group(cfg, g, shapes, left, fits, limit);
    if o.nodes == 0 {
        let why = fits
            .iter()
            .zip(left)
            .filter(|(_, n)| **n > 0)
            .find_map(|(row, _)| row.get(g).cloned().flatten())
            .unwrap_or_else(|| "no pending pod fits a fresh node".to_owned());
        return Err((GroupVerdict::NoPodFits, why));
    }
    Ok(o)
}

/// The nodes group `g` may add by its own state (CA `filterValidScaleUpNodeGroups`), or
/// what blocks it.
fn group_room(
    s: &AutoscalerSnapshot,
    now: Timestamp,
    view: &Facts,
    g: usize,
    demand: bool,
    halted: bool,
    breaker_open: bool,
) -> std::result::Result<i64, Blocked> {
    use GroupVerdict as V;
    let cfg = &s.config;
    let Some(group) = cfg.node_groups.get(g) else {
        return Err((V::NoPodFits, String::new()));
    };
    if !cfg.scale_up.enabled || halted {
        let why = if halted {
            "the health gate halted scaling"
        } else {
            "scale-up is off"
        };
        return Err((V::ScaleUpDisabled, why.to_owned()));
    }
    if !demand {
        let why = "no pending pod needs a new node";
        return Err((V::NoPendingPods, why.to_owned()));
    }
    if breaker_open {
        let why = "too many failed nodes: the circuit breaker is open";
        return Err((V::BreakerOpen, why.to_owned()));
    }
    let size = i64::from(view.size.get(g).copied().unwrap_or(0));
    let target = size + i64::from(upcoming(s, g));
    let max = i64::from(group.max_nodes);
    if target >= max {
        let why = format!("{target} nodes (with upcoming) of at most {max}");
        return Err((V::MaxSizeReached, why));
    }
    if let Some(b) = s.backoff.get(&group.name).filter(|b| b.until > now) {
        return Err((V::BackedOff, format!("backed off until {}", b.until)));
    }
    Ok(max - target)
}

/// The nodes of group `g` the cluster-wide limits leave room for (CA
/// `GetCappedNewNodeCount` and `resource/manager.go`), or what blocks them.
fn cluster_room(
    s: &AutoscalerSnapshot,
    view: &Facts,
    g: usize,
) -> std::result::Result<i64, Blocked> {
    use GroupVerdict as V;
    let cfg = &s.config;
    let mut limit = i64::MAX;
    let groups = 0..cfg.node_groups.len();
    let all_upcoming: i64 = groups.clone().map(|i| i64::from(upcoming(s, i))).sum();
    if let Some(total) = cfg.max_nodes_total {
        let nodes = i64::try_from(view.nodes.len()).unwrap_or(i64::MAX) + all_upcoming;
        if nodes >= i64::from(total) {
            let why = format!("{nodes} nodes of at most {total} in the cluster");
            return Err((V::MaxNodesTotalReached, why));
        }
        limit = i64::from(total) - nodes;
    }
    let room = scale_up::room(cfg, g);
    let coming = |per: &dyn Fn(super::estimator::Room) -> i64| -> i64 {
        groups
            .clone()
            .map(|i| per(scale_up::room(cfg, i)).saturating_mul(i64::from(upcoming(s, i))))
            .fold(0i64, i64::saturating_add)
    };
    let totals = [
        (
            &cfg.cores_total,
            view.total_cpu,
            coming(&|r| r.cpu),
            room.cpu,
            "CPU",
        ),
        (
            &cfg.memory_total,
            view.total_mem,
            coming(&|r| r.mem),
            room.mem,
            "memory",
        ),
    ];
    for (range, now_used, upcoming_used, each, what) in totals {
        let Some(r) = range else { continue };
        let max = if what == "CPU" {
            super::config::millis(&r.max)
        } else {
            super::config::units(&r.max)
        };
        let free = max.saturating_sub(now_used.saturating_add(upcoming_used));
        if each > free {
            let why = format!("one more node passes the cluster's {what} total");
            return Err((V::ResourceLimitReached, why));
        }
        if each > 0 {
            limit = limit.min(free / each);
        }
    }
    Ok(limit)
}

/// Every stuck pod's reason: its class's marks in order, then `noGroupFits`; pods that
/// may not use managed nodes are `notAutoscaled`.
fn pending_reasons(
    cfg: &AutoscalerConfig,
    stuck: &[Stuck],
    ids: &[Vec<String>],
    reason: Vec<Vec<(PendingReason, String)>>,
    fits: &[Vec<Option<String>>],
    verdicts: &[(GroupVerdict, String)],
) -> Vec<PendingPod> {
    let mut out = Vec::with_capacity(stuck.len());
    for p in stuck.iter().filter(|p| !p.eligible) {
        out.push(PendingPod {
            pod: p.id.clone(),
            reason: PendingReason::NotAutoscaled,
            message: "no existing node takes it, and it may not use managed nodes (neither a slot pod nor a node-autoscaling pod)".to_owned(),
        });
    }
    for (c, (v, r)) in ids.iter().zip(reason).enumerate() {
        let none = no_group_text(cfg, fits.get(c), verdicts);
        let mut marks = r.into_iter();
        for id in v {
            let (reason, message) = marks
                .next()
                .unwrap_or((PendingReason::NoGroupFits, none.clone()));
            out.push(PendingPod {
                pod: id.clone(),
                reason,
                message,
            });
        }
    }
    out
}

/// Why no group takes a class: the first three groups' verdicts or refusals.
fn no_group_text(
    cfg: &AutoscalerConfig,
    row: Option<&Vec<Option<String>>>,
    verdicts: &[(GroupVerdict, String)],
) -> String {
    let Some(row) = row else {
        return "past the template checks one step runs; a later step weighs it".to_owned();
    };
    if cfg.node_groups.is_empty() {
        return "no node group is configured".to_owned();
    }
    let parts: Vec<String> = cfg
        .node_groups
        .iter()
        .zip(verdicts)
        .enumerate()
        .map(|(g, (group, (v, msg)))| {
            let text = match (row.get(g).cloned().flatten(), v) {
                (Some(refusal), _) => refusal,
                (
                    None,
                    GroupVerdict::NotChosen | GroupVerdict::Chosen | GroupVerdict::NoPodFits,
                ) => "no room within the group's limits".to_owned(),
                (None, _) => msg.clone(),
            };
            format!("{}: {text}", group.name)
        })
        .collect();
    let n = parts.len();
    let mut text = parts.into_iter().take(3).collect::<Vec<_>>().join("; ");
    if n > 3 {
        text.push_str(&format!("; and {} more group(s)", n - 3));
    }
    format!("no node group takes it: {text}")
}

/// Every group's state and verdict.
fn group_statuses(
    s: &AutoscalerSnapshot,
    now: Timestamp,
    view: &Facts,
    verdicts: Vec<(GroupVerdict, String)>,
) -> Vec<GroupStatus> {
    s.config
        .node_groups
        .iter()
        .zip(verdicts)
        .enumerate()
        .map(|(g, (group, (verdict, message)))| GroupStatus {
            group: group.name.clone(),
            size: view.size.get(g).copied().unwrap_or(0),
            upcoming: upcoming(s, g),
            failed_nodes: s.failed.get(&group.name).copied().unwrap_or(0),
            backed_off_until: s
                .backoff
                .get(&group.name)
                .map(|b| b.until)
                .filter(|u| *u > now),
            verdict,
            message,
        })
        .collect()
}

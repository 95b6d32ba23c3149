//! Scale-down (CA `core/scaledown/*`): managed nodes whose CPU and memory business
//! utilisation are both below the lower mark stay unneeded for a while, then go — emptiest
//! first, at most `maxScaleDownNodes` per step — when their group stays at its minimum or
//! above and every pod that must move finds a node. The moves are simulated by the
//! scheduler in one cluster, so two removals never count on the same free room. Slot pods
//! never count and never block (unlike CA's pause pods, kubernetes/autoscaler#1496).
//! The evictions of one step stay within every PodDisruptionBudget (module `budgets`).

use std::collections::BTreeMap;

use super::budgets::Remaining;
use super::config::{AutoscalerConfig, millis, units};
use super::engine::{after, passed};
use super::facts::Facts;
use super::limits::MAX_SCALE_DOWN_SIMULATIONS;
use super::types::{AutoscalerSnapshot, ScaleDownNode, Unneeded, UnneededStatus};
use super::water::{mul_div_ceil, percent};
use crate::error::Result;
use crate::scheduling::Cluster;
use crate::scheduling::types::ClusterSnapshot;
use crate::time::Timestamp;

/// The scale-down part of a decision.
pub(crate) struct Down {
    pub nodes: Vec<ScaleDownNode>,
    pub blocked: Option<String>,
}

/// A node's unneeded time.
fn wait(cfg: &AutoscalerConfig, u: &Unneeded) -> i32 {
    if u.unready {
        cfg.scale_down_unready_time
    } else {
        cfg.scale_down_unneeded_time
    }
}

/// The unneeded nodes for the decision.
pub(crate) fn unneeded_status(
    s: &AutoscalerSnapshot,
    kept: &BTreeMap<String, String>,
) -> Vec<UnneededStatus> {
    s.unneeded
        .iter()
        .map(|(node, u)| UnneededStatus {
            node: node.clone(),
            since: u.since,
            removable_after: after(u.since, wait(&s.config, u)),
            kept: kept.get(node).cloned(),
        })
        .collect()
}

/// The cooldown in force at `now`, described.
fn cooldown(s: &AutoscalerSnapshot, now: Timestamp) -> Option<String> {
    let c = &s.config;
    [
        (s.last_scale_up, c.scale_down_delay_after_add, "a scale-up"),
        (
            s.last_scale_down,
            c.scale_down_delay_after_delete,
            "a removal",
        ),
        (
            s.last_scale_down_failure,
            c.scale_down_delay_after_failure,
            "a failed removal",
        ),
    ]
    .into_iter()
    .find_map(|(at, d, what)| {
        let at = at?;
        (!passed(at, d, now)).then(|| {
            format!(
                "cooldown after {what} at {at}: until after {}",
                after(at, d)
            )
        })
    })
}

/// Track unneeded nodes, then pick the removals. `skip`: a scale-up happened or the
/// health gate halted scaling (no removal this step). Rejections land in `kept`. The
/// scheduler's cluster (`cluster`, or compiled from `snap` when none) is needed only when
/// a node's time has come.
#[allow(clippy::too_many_arguments)]
pub(crate) fn run(
    s: &mut AutoscalerSnapshot,
    now: Timestamp,
    snap: &ClusterSnapshot,
    cluster: Option<Cluster>,
    facts: &Facts,
    skip: Option<&str>,
    kept: &mut BTreeMap<String, String>,
) -> Result<Down> {
    let cfg = s.config.clone();
    if !cfg.scale_down.enabled {
        s.unneeded.clear();
        return Ok(Down {
            nodes: Vec::new(),
            blocked: Some("scale-down is off".to_owned()),
        });
    }
    let emptiness = track(s, now, facts);
    if let Some(why) = skip.map(str::to_owned).or_else(|| cooldown(s, now)) {
        return Ok(Down {
            nodes: Vec::new(),
            blocked: Some(why),
        });
    }
    let mut ready: Vec<(f64, String, usize)> = s
        .unneeded
        .iter()
        .filter(|(_, u)| passed(u.since, wait(&cfg, u), now))
        .filter_map(|(name, _)| {
            emptiness
                .get(name.as_str())
                .map(|(e, n)| (*e, name.clone(), *n))
        })
        .collect();
    // Emptiest first, then by name.
    ready.sort_by(|a, b| {
        a.0.partial_cmp(&b.0)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a.1.cmp(&b.1))
    });
    if ready.is_empty() {
        return Ok(Down {
            nodes: Vec::new(),
            blocked: None,
        });
    }
    let mut cluster = match cluster {
        Some(c) => c,
        None => Cluster::build(snap)?,
    };
    let mut budgets = Remaining::new(snap, &cluster);
    // Slot pods never hold a node: out of the simulation entirely.
    let slots: Vec<usize> = (0..cluster.pods.len())
        .filter(|&i| {
            cluster
                .pods
                .get(i)
                .is_some_and(|p| p.hints.slot && p.node.is_some())
        })
        .collect();
    for i in slots {
        cluster.unbind(i);
    }
    let nodes = pick(s, &mut cluster, &mut budgets, facts, &ready, kept);
    for d in &nodes {
        s.unneeded.remove(&d.node);
    }
    if !nodes.is_empty() {
        s.last_scale_down = Some(now);
    }
    Ok(Down {
        nodes,
        blocked: None,
    })
}

/// Track the unneeded managed nodes in `s.unneeded` (a node keeps its `since` while it
/// stays unneeded); each one's emptiness (its larger utilisation) and fact index.
fn track<'f>(
    s: &mut AutoscalerSnapshot,
    now: Timestamp,
    facts: &Facts<'f>,
) -> BTreeMap<&'f str, (f64, usize)> {
    let cfg = &s.config;
    let mut emptiness: BTreeMap<&str, (f64, usize)> = BTreeMap::new();
    let mut next: BTreeMap<String, Unneeded> = BTreeMap::new();
    let t = i64::from(cfg.scale_down.threshold);
    // Strictly below the mark in CPU and in memory (CA: max(cpu, mem) < threshold).
    let below = |used: i64, alloc: i64| {
        i128::from(used) * 100 < i128::from(t) * i128::from(alloc.max(0))
            || (alloc <= 0 && used <= 0 && t > 0)
    };
    for (n, f) in facts.nodes.iter().enumerate() {
        let Some(g) = f.group else { continue };
        let [(cpu, acpu), (mem, amem)] = facts.usage(n);
        if !(below(cpu, acpu) && below(mem, amem)) {
            continue;
        }
        let since = s.unneeded.get(f.name).map_or(now, |u| u.since);
        next.insert(
            f.name.to_owned(),
            Unneeded {
                group: cfg
                    .node_groups
                    .get(g)
                    .map(|g| g.name.clone())
                    .unwrap_or_default(),
                since,
                unready: f.unready,
            },
        );
        emptiness.insert(f.name, (percent(cpu, acpu).max(percent(mem, amem)), n));
    }
    s.unneeded = next;
    emptiness
}

/// Try the ready candidates (`(emptiness, name, fact index)`) in order until
/// `maxScaleDownNodes` are picked.
fn pick(
    s: &AutoscalerSnapshot,
    cluster: &mut Cluster,
    budgets: &mut Remaining,
    facts: &Facts,
    ready: &[(f64, String, usize)],
    kept: &mut BTreeMap<String, String>,
) -> Vec<ScaleDownNode> {
    let cfg = &s.config;
    let max = usize::try_from(cfg.max_scale_down_nodes).unwrap_or(0);
    let mut removed_per_group = vec![0i32; cfg.node_groups.len()];
    let (mut cpu_left, mut mem_left) = (facts.total_cpu, facts.total_mem);
    let mut mark = UpperMark::new(cfg, facts);
    let mut out = Vec::new();
    for (i, (emptiness, name, f)) in ready.iter().enumerate() {
        if out.len() >= max {
            kept.insert(
                name.clone(),
                format!("{max} node(s) per step already picked"),
            );
            continue;
        }
        if i >= MAX_SCALE_DOWN_SIMULATIONS {
            kept.insert(
                name.clone(),
                "past the candidates one step simulates".to_owned(),
            );
            continue;
        }
        let Some(fact) = facts.nodes.get(*f) else {
            continue;
        };
        let (Some(g), Some(&n)) = (fact.group, cluster.node_by_name.get(name)) else {
            continue;
        };
        let Some(group) = cfg.node_groups.get(g) else {
            continue;
        };
        let (ncpu, nmem) = (fact.alloc[0], fact.alloc[1]);
        let size = facts.size.get(g).copied().unwrap_or(0);
        let gone = removed_per_group.get(g).copied().unwrap_or(0);
        let why_not = if size - gone <= group.min_nodes {
            Some(format!(
                "group {} is at its minimum of {} node(s)",
                group.name, group.min_nodes
            ))
        } else if cfg
            .cores_total
            .as_ref()
            .is_some_and(|r| cpu_left - ncpu < millis(&r.min))
        {
            Some("removing it passes the cluster's CPU minimum".to_owned())
        } else if cfg
            .memory_total
            .as_ref()
            .is_some_and(|r| mem_left - nmem < units(&r.min))
        {
            Some("removing it passes the cluster's memory minimum".to_owned())
        } else if mark.fits_without(ncpu, nmem) && !mark.holds_without(ncpu, nmem) {
            // (When the business pods do not even fit what remains, the drain below says
            // which pod has nowhere to go.)
            Some(format!(
                "removing it lifts the water level above the upper mark of {}%: the elastic nodes hold the reserve",
                cfg.scale_up.threshold
            ))
        } else {
            drain(cfg, cluster, budgets, n).err()
        };
        if let Some(why) = why_not {
            kept.insert(name.clone(), why);
            continue;
        }
        if let Some(r) = removed_per_group.get_mut(g) {
            *r += 1;
        }
        cpu_left -= ncpu;
        mem_left -= nmem;
        mark.remove(ncpu, nmem);
        let u = s.unneeded.get(name);
        out.push(ScaleDownNode {
            node: name.clone(),
            group: group.name.clone(),
            why: format!(
                "utilisation {emptiness}% below the lower mark of {}% since {}; its pods fit on other nodes",
                cfg.scale_down.threshold,
                u.map_or_else(String::new, |u| u.since.to_string())
            ),
        });
    }
    out
}

/// The upper water mark over the managed nodes during one round of removals: a node may go
/// only while the business requests stay at or below the mark of what remains, in CPU and
/// in memory. Without it a node that holds only slot pods (the reserve) is unneeded, goes,
/// and its slot pods ask for a node again at once: the two marks are meant to keep the
/// cluster between them, not to flap across the upper one. The reserve counts as the slot
/// pods that cover it (whole pods, in CPU and memory, as the water level asks for them):
/// when those no longer fit beside the business pods, one of them waits and asks for a
/// node again, so the node stays.
struct UpperMark {
    /// The mark in percent (100 when scale-up is off: no reserve to keep).
    percent: i64,
    business: [i64; 2],
    alloc: [i64; 2],
    /// One slot pod's CPU (millis) and memory (bytes).
    slot: [i64; 2],
}

impl UpperMark {
    fn new(cfg: &AutoscalerConfig, facts: &Facts) -> UpperMark {
        let mut business = [0i64; 2];
        let mut alloc = [0i64; 2];
        for n in facts.nodes.iter().filter(|n| n.group.is_some()) {
            for k in 0..2 {
                if let (Some(b), Some(nb), Some(a), Some(na)) = (
                    business.get_mut(k),
                    n.business.get(k),
                    alloc.get_mut(k),
                    n.alloc.get(k),
                ) {
                    *b = b.saturating_add(*nb);
                    *a = a.saturating_add(*na);
                }
            }
        }
        let percent = if cfg.scale_up.enabled {
            i64::from(cfg.scale_up.threshold.clamp(0, 100))
        } else {
            100
        };
        UpperMark {
            percent,
            business,
            alloc,
            slot: [millis(&cfg.slot_pod.cpu), units(&cfg.slot_pod.memory)],
        }
    }

    /// Whether the business requests stay at or below the mark without `cpu`/`mem` of
    /// allocatable, and the slot pods the rest asks for fit beside them.
    fn holds_without(&self, cpu: i64, mem: i64) -> bool {
        let [bc, bm] = self.business;
        let [ac, am] = self.alloc;
        let (rc, rm) = (ac.saturating_sub(cpu), am.saturating_sub(mem));
        let [sc, sm] = self.slot;
        let reserve = 100 - self.percent;
        let need = |rest: i64, each: i64| {
            if each > 0 {
                mul_div_ceil(mul_div_ceil(rest, reserve, 100), 1, each)
            } else {
                0
            }
        };
        let slots = i128::from(need(rc, sc).max(need(rm, sm)));
        let fits =
            |b: i64, each: i64, a: i64| i128::from(b) + slots * i128::from(each) <= i128::from(a);
        self.within(self.percent, cpu, mem) && fits(bc, sc, rc) && fits(bm, sm, rm)
    }

    /// Whether the business requests fit at all without `cpu`/`mem` of allocatable.
    fn fits_without(&self, cpu: i64, mem: i64) -> bool {
        self.within(100, cpu, mem)
    }

    fn within(&self, percent: i64, cpu: i64, mem: i64) -> bool {
        let [bc, bm] = self.business;
        let [ac, am] = self.alloc;
        let ok = |b: i64, a: i64| i128::from(b) * 100 <= i128::from(percent) * i128::from(a);
        ok(bc, ac.saturating_sub(cpu)) && ok(bm, am.saturating_sub(mem))
    }

    fn remove(&mut self, cpu: i64, mem: i64) {
        let [ac, am] = self.alloc;
        self.alloc = [ac.saturating_sub(cpu), am.saturating_sub(mem)];
    }
}

/// Simulate removing node `n`: block it, re-place every pod that must move (not DaemonSet,
/// not slot) with the scheduler, no preemption, when the disruption budgets allow their
/// evictions. On success the node stays blocked, its pods stay where they went (later
/// candidates see that room taken) and their evictions are taken off the budgets; on
/// failure everything is put back and the reason returned.
fn drain(
    cfg: &AutoscalerConfig,
    cluster: &mut Cluster,
    budgets: &mut Remaining,
    n: usize,
) -> Result<(), String> {
    let Some(node) = cluster.nodes.get(n) else {
        return Err("unknown node".to_owned());
    };
    let mut moving: Vec<(i64, usize)> = Vec::new();
    for &i in &node.pods {
        let Some(p) = cluster.pods.get(i) else {
            continue;
        };
        if p.hints.daemon_set || p.hints.slot {
            continue;
        }
        if p.hints.local_storage && cfg.skip_nodes_with_local_storage {
            return Err(format!(
                "pod {}/{} uses node-local storage",
                p.namespace, p.name
            ));
        }
        moving.push((p.priority, i));
    }
    moving.sort_by_key(|(prio, i)| (std::cmp::Reverse(*prio), *i));
    let evicted: Vec<usize> = moving.iter().map(|&(_, i)| i).collect();
    budgets.check(&evicted)?;
    let pods_room = node.alloc_pods;
    set_room(cluster, n, 0);
    for &(_, i) in &moving {
        cluster.unbind(i);
    }
    let mut failure = None;
    for &(_, i) in &moving {
        let out = cluster.schedule(i, false);
        if out.node.is_none() {
            failure = Some(format!(
                "pod {} fits no other node: {}",
                out.pod,
                out.message.unwrap_or_default()
            ));
            break;
        }
    }
    let Some(why) = failure else {
        budgets.take(&evicted);
        return Ok(());
    };
    for &(_, i) in &moving {
        cluster.unbind(i);
        cluster.bind(i, n);
    }
    set_room(cluster, n, pods_room);
    Err(why)
}

/// Set node `n`'s pod room (0 blocks it for every pod).
fn set_room(cluster: &mut Cluster, n: usize, pods: i64) {
    if let Some(node) = cluster.nodes.get_mut(n) {
        node.alloc_pods = pods;
    }
    cluster.refresh_hot(n);
}

//! Scale-up (CA `core/scaleup/orchestrator/orchestrator.go`): the pending pods that fit no
//! existing node, the node groups whose template takes them (the scheduler's filters), the
//! estimator per group, the expander chain, and a reason for every group and pod.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use rand_core::{Rng, SeedableRng};

use super::config::{AutoscalerConfig, Expander, ZoneSelection, millis, units};
use super::estimator::{Class, Room, estimate};
use super::limits::{MAX_NODES_PER_SCALE_UP, MAX_TEMPLATE_CHECKS};
use super::types::{PendingPod, PendingReason, ScaleUp};
use crate::error::Result;
use crate::model::kube::Pod;
use crate::scheduling::Cluster;
use crate::scheduling::ops::add_pods;
use crate::scheduling::types::{ClusterSnapshot, LabelKeys};

/// What decides whether two pending pods are alike (CA's equivalence groups): the rule
/// class (namespace, labels, tolerations, selectors, affinity, spread, hints), requests,
/// priority and preemption policy.
type ClassKey = (u32, usize, i64, i64, Vec<(String, i64)>, i64, bool);

/// A pending pod no existing node takes.
pub(crate) struct Stuck {
    pub id: String,
    /// Its class of alike pods (numbered in order of appearance; eligible pods only).
    pub class: usize,
    pub eligible: bool,
    pub cpu: i64,
    pub mem: i64,
}

/// The first pass: every pending pod the scheduler places now (preempting lower
/// priorities, slot pods first of all) is placed in `cluster`; the rest are stuck.
/// Preempted pods become pending again and are tried in turn.
pub(crate) fn filter_out(
    cluster: &mut Cluster,
    snap: &ClusterSnapshot,
) -> Result<(Vec<PendingPod>, Vec<Stuck>, Vec<Pod>)> {
    let mut queue: VecDeque<String> = cluster.pending_in_order().into();
    let mut min_bound = cluster
        .pods
        .iter()
        .filter(|p| p.node.is_some())
        .map(|p| p.priority)
        .min()
        .unwrap_or(i64::MAX);
    let mut failed: BTreeSet<ClassKey> = BTreeSet::new();
    let mut classes: BTreeMap<ClassKey, usize> = BTreeMap::new();
    let (mut placed, mut stuck, mut exemplars) = (Vec::new(), Vec::new(), Vec::new());
    let mut originals: Option<BTreeMap<String, &Pod>> = None;
    while let Some(id) = queue.pop_front() {
        let Some(&i) = cluster.ids.get(&id) else {
            continue;
        };
        let Some(p) = cluster.pods.get(i) else {
            continue;
        };
        let key = class_key(p, i);
        let prio = p.priority;
        if !failed.contains(&key) {
            if fits_now(cluster, i) || prio > min_bound {
                let out = cluster.schedule(i, true);
                if out.node.is_some() {
                    min_bound = min_bound.min(prio);
                    let map = originals.get_or_insert_with(|| {
                        snap.pods.iter().map(|p| (original_id(p), p)).collect()
                    });
                    placed_now(cluster, out, map, &mut placed, &mut queue)?;
                    continue;
                }
            }
            failed.insert(key.clone());
        }
        let Some(&i) = cluster.ids.get(&id) else {
            continue;
        };
        let Some(p) = cluster.pods.get(i) else {
            continue;
        };
        // The scheduler keeps every other pod off sub-cluster nodes (its SubCluster rule).
        let eligible = p.hints.slot || p.hints.node_autoscaling;
        let class = if eligible {
            let next = classes.len();
            let c = *classes.entry(key).or_insert(next);
            if c == next {
                // Each class's exemplar, as given (read once per class).
                exemplars.push(p.pod(None));
            }
            c
        } else {
            usize::MAX
        };
        stuck.push(Stuck {
            id,
            class,
            eligible,
            cpu: p.req.cpu,
            mem: p.req.mem,
        });
    }
    Ok((placed, stuck, exemplars))
}

/// The pending pods when no existing node can take any of them (the step's facts showed
/// it): all stuck, in scheduling order (priority descending, then the order given), in
/// classes of pods alike but for their names, without compiling the cluster.
pub(crate) fn stuck_pending(
    facts: &super::facts::Facts,
    snap: &ClusterSnapshot,
) -> (Vec<Stuck>, Vec<Pod>) {
    let mut order: Vec<(i64, usize, i64, i64)> = facts
        .pending
        .iter()
        .filter_map(|&(i, cpu, mem)| Some((super::facts::priority(snap.pods.get(i)?), i, cpu, mem)))
        .collect();
    order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut exemplars: Vec<Pod> = Vec::new();
    let mut buckets: crate::hash::FastMap<(i64, i64), Vec<usize>> = Default::default();
    let mut stuck = Vec::with_capacity(order.len());
    for (_, i, cpu, mem) in order {
        let Some(p) = snap.pods.get(i) else { continue };
        let hints = p.hints.as_ref();
        let eligible = hints.is_some_and(|h| h.slot || h.node_autoscaling);
        let class = if eligible {
            let bucket = buckets.entry((cpu, mem)).or_default();
            // Alike: the same namespace, labels, spec and hints (names aside). A bucket
            // compares with its first classes only; past them a pod is a class of its own.
            let found = bucket
                .iter()
                .take(32)
                .copied()
                .find(|&c| exemplars.get(c).is_some_and(|e| alike(e, p)));
            found.unwrap_or_else(|| {
                exemplars.push(p.clone());
                bucket.push(exemplars.len() - 1);
                exemplars.len() - 1
            })
        } else {
            usize::MAX
        };
        stuck.push(Stuck {
            id: original_id(p),
            class,
            eligible,
            cpu,
            mem,
        });
    }
    (stuck, exemplars)
}

/// Two pods the scheduler cannot tell apart but by name.
fn alike(a: &Pod, b: &Pod) -> bool {
    a.metadata.namespace == b.metadata.namespace
        && a.metadata.labels == b.metadata.labels
        && a.spec == b.spec
        && a.hints == b.hints
}

fn original_id(p: &Pod) -> String {
    format!(
        "{}/{}",
        p.metadata.namespace.as_deref().unwrap_or("default"),
        p.metadata.name
    )
}

/// A pending pod the scheduler placed: reported (with the pods it preempted), and the
/// preempted pods pending again (a pod placed earlier and preempted now loses its verdict).
fn placed_now(
    cluster: &mut Cluster,
    out: crate::scheduling::ops::Placement,
    originals: &BTreeMap<String, &Pod>,
    placed: &mut Vec<PendingPod>,
    queue: &mut VecDeque<String>,
) -> Result<()> {
    let victims = out.preemption.as_ref().map_or(&[][..], |p| &p.victims[..]);
    let node = out.node.as_deref().unwrap_or_default();
    let message = if victims.is_empty() {
        format!("node {node} takes it")
    } else {
        format!("node {node} takes it, preempting {}", victims.join(", "))
    };
    placed.retain(|p| !victims.contains(&p.pod));
    placed.push(PendingPod {
        pod: out.pod.clone(),
        reason: PendingReason::FitsExistingNode,
        message,
    });
    readd(cluster, victims, originals, queue)
}

/// Preempted pods, as given but pending, back into the cluster and the queue.
fn readd(
    cluster: &mut Cluster,
    victims: &[String],
    originals: &BTreeMap<String, &Pod>,
    queue: &mut VecDeque<String>,
) -> Result<()> {
    let pods: Vec<Pod> = victims
        .iter()
        .filter_map(|v| originals.get(v))
        .map(|p| {
            let mut p = (*p).clone();
            p.spec.node_name = None;
            p
        })
        .collect();
    add_pods(cluster, &pods, |i| format!("cluster.pods[{i}]"))?;
    queue.extend(pods.iter().map(original_id));
    Ok(())
}

fn class_key(p: &crate::scheduling::PodInfo, i: usize) -> ClassKey {
    (
        p.rule,
        // A pod outside any rule class is a class of its own.
        if p.rule == u32::MAX { i } else { 0 },
        p.req.cpu,
        p.req.mem,
        p.req.other.clone(),
        p.priority,
        p.preempt_never,
    )
}

/// Whether some node passes every filter for pending pod `i` now (no preemption).
fn fits_now(cluster: &mut Cluster, i: usize) -> bool {
    cluster.prepare(i);
    let mut scratch = std::mem::take(&mut cluster.scratch);
    let fits = cluster.pods.get(i).is_some_and(|p| {
        let ctx = cluster.context(p);
        cluster.feasible(p, &ctx, &mut scratch.feasible, &mut scratch.seen);
        !scratch.feasible.is_empty()
    });
    cluster.scratch = scratch;
    fits
}

/// Per class × group: `None` when the class's exemplar passes every filter on a fresh
/// node of the group's template, else the refusal (CA checks each equivalence group's
/// exemplar against the template node). Classes past the check budget get no row.
pub(crate) fn template_fits(
    cfg: &AutoscalerConfig,
    keys: &LabelKeys,
    exemplars: &[Pod],
) -> Result<Vec<Vec<Option<String>>>> {
    let groups = cfg.node_groups.len().max(1);
    let budget = (MAX_TEMPLATE_CHECKS / groups).max(1);
    let exemplars = exemplars.get(..budget.min(exemplars.len())).unwrap_or(&[]);
    let names: Vec<String> = (0..cfg.node_groups.len())
        .map(|i| format!("template-{i}"))
        .collect();
    let snapshot = ClusterSnapshot {
        nodes: cfg
            .node_groups
            .iter()
            .zip(&names)
            .map(|(g, n)| g.template_node(n, &cfg.group_label, keys))
            .collect(),
        label_keys: Some(keys.clone()),
        ..ClusterSnapshot::default()
    };
    let mut cluster = Cluster::build(&snapshot)?;
    let first = cluster.pods.len();
    let pods: Vec<Pod> = exemplars
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut p = p.clone();
            // Unique names: the exemplars come from different namespaces and classes.
            p.metadata.name = format!("exemplar-{i}");
            p
        })
        .collect();
    add_pods(&mut cluster, &pods, |i| format!("cluster.pods[{i}]"))?;
    let mut rows = Vec::with_capacity(pods.len());
    for c in 0..pods.len() {
        let at = first + c;
        cluster.prepare(at);
        let Some(p) = cluster.pods.get(at) else {
            continue;
        };
        let ctx = cluster.context(p);
        let row = names
            .iter()
            .map(|n| {
                let node = cluster.node_by_name.get(n).copied()?;
                let f = cluster.filter(p, node, &ctx, true)?;
                let texts = f.texts(cluster.nodes.get(node));
                Some(format!("{}: {}", f.plugin, texts.join(", ")))
            })
            .collect();
        rows.push(row);
    }
    Ok(rows)
}

/// The seeded draw of step number `steps`.
pub(crate) fn draw(seed: u32, steps: u32, len: usize) -> usize {
    let mut rng =
        rand_xorshift::XorShiftRng::seed_from_u64((u64::from(seed) << 32) | u64::from(steps));
    let n = u32::try_from(len).unwrap_or(u32::MAX).max(1);
    usize::try_from(rng.next_u32() % n).unwrap_or(0)
}

/// One group's scale-up option.
pub(crate) struct Opt {
    pub group: usize,
    pub nodes: i64,
    pub pods: usize,
    pub cpu: i64,
    pub mem: i64,
    /// Per class, the pods this option takes.
    pub placed: Vec<usize>,
}

/// The expander chain (CA `expander/factory/chain.go`): each expander keeps its best
/// options; the first to leave one decides. Equal options left at the end go to the zone
/// selection: the first in configuration order (`sequential`) or a seeded draw
/// (`random`). Returns the option's index and what decided.
pub(crate) fn choose(cfg: &AutoscalerConfig, opts: &[Opt], steps: u32) -> (usize, String) {
    let mut alive: Vec<usize> = (0..opts.len()).collect();
    let prio = |o: &Opt| cfg.node_groups.get(o.group).map_or(0, |g| g.priority);
    for e in &cfg.expander {
        if alive.len() <= 1 {
            break;
        }
        let get = |i: &usize| opts.get(*i);
        alive = match e {
            Expander::Priority => keep_best(&alive, |i| get(i).map(|o| -f64::from(prio(o)))),
            Expander::LeastWaste => keep_best(&alive, |i| get(i).map(|o| waste(cfg, o))),
            Expander::MostPods => keep_best(&alive, |i| get(i).map(|o| -(o.pods as f64))),
            Expander::LeastNodes => keep_best(&alive, |i| get(i).map(|o| o.nodes as f64)),
            Expander::Random => {
                let at = draw(cfg.seed, steps, alive.len());
                alive.get(at).copied().into_iter().collect()
            }
        };
        if alive.len() == 1 {
            return (
                alive.first().copied().unwrap_or(0),
                expander_name(*e).to_owned(),
            );
        }
    }
    match (alive.len(), cfg.zone_selection) {
        (1, _) => (
            alive.first().copied().unwrap_or(0),
            "the only option".to_owned(),
        ),
        (_, ZoneSelection::Sequential) => (
            alive.first().copied().unwrap_or(0),
            "zone selection sequential (first in order)".to_owned(),
        ),
        (n, ZoneSelection::Random) => (
            alive.get(draw(cfg.seed, steps, n)).copied().unwrap_or(0),
            "zone selection random (seeded)".to_owned(),
        ),
    }
}

fn expander_name(e: Expander) -> &'static str {
    match e {
        Expander::Priority => "expander priority",
        Expander::LeastWaste => "expander leastWaste",
        Expander::MostPods => "expander mostPods",
        Expander::LeastNodes => "expander leastNodes",
        Expander::Random => "expander random (seeded)",
    }
}

/// The options with the lowest score (exact ties kept).
fn keep_best(alive: &[usize], score: impl Fn(&usize) -> Option<f64>) -> Vec<usize> {
    let scores: Vec<(usize, f64)> = alive
        .iter()
        .filter_map(|i| score(i).map(|s| (*i, s)))
        .collect();
    let best = scores.iter().map(|(_, s)| *s).fold(f64::INFINITY, f64::min);
    scores
        .into_iter()
        .filter(|(_, s)| *s == best)
        .map(|(i, _)| i)
        .collect()
}

/// CA `waste.go`: unused CPU share + unused memory share of the new nodes.
fn waste(cfg: &AutoscalerConfig, o: &Opt) -> f64 {
    let Some(g) = cfg.node_groups.get(o.group) else {
        return f64::INFINITY;
    };
    let share = |each: i64, used: i64| {
        let total = each as f64 * o.nodes as f64;
        if total > 0.0 {
            (total - used as f64) / total
        } else {
            0.0
        }
    };
    share(millis(&g.template.cpu), o.cpu) + share(units(&g.template.memory), o.mem)
}

/// A group's template room.
pub(crate) fn room(cfg: &AutoscalerConfig, g: usize) -> Room {
    cfg.node_groups.get(g).map_or(
        Room {
            cpu: 0,
            mem: 0,
            pods: 0,
        },
        |g| Room {
            cpu: millis(&g.template.cpu),
            mem: units(&g.template.memory),
            pods: i64::from(g.template.pods),
        },
    )
}

/// The estimator over the classes that fit group `g` (`fits[c][g]` is `None`), with
/// `left[c]` pods each.
pub(crate) fn estimate_group(
    cfg: &AutoscalerConfig,
    g: usize,
    classes: &[(i64, i64)],
    left: &[usize],
    fits: &[Vec<Option<String>>],
    limit: i64,
) -> Opt {
    let usable: Vec<usize> = (0..classes.len())
        .filter(|&c| {
            left.get(c).is_some_and(|&n| n > 0)
                && fits
                    .get(c)
                    .and_then(|r| r.get(g))
                    .is_some_and(Option::is_none)
        })
        .collect();
    let input: Vec<Class> = usable
        .iter()
        .filter_map(|&c| {
            let (cpu, mem) = *classes.get(c)?;
            Some(Class {
                cpu,
                mem,
                count: left.get(c).copied().unwrap_or(0),
            })
        })
        .collect();
    let e = estimate(room(cfg, g), &input, limit.clamp(0, MAX_NODES_PER_SCALE_UP));
    let mut placed = vec![0usize; classes.len()];
    let (mut pods, mut cpu, mut mem) = (0usize, 0i64, 0i64);
    for (&c, &n) in usable.iter().zip(&e.placed) {
        if let Some(p) = placed.get_mut(c) {
            *p = n;
        }
        let (pc, pm) = classes.get(c).copied().unwrap_or((0, 0));
        let k = i64::try_from(n).unwrap_or(i64::MAX);
        pods = pods.saturating_add(n);
        cpu = cpu.saturating_add(pc.saturating_mul(k));
        mem = mem.saturating_add(pm.saturating_mul(k));
    }
    Opt {
        group: g,
        nodes: e.nodes,
        pods,
        cpu,
        mem,
        placed,
    }
}

/// The scale-up of the chosen option: its group, zone, count and pods.
pub(crate) fn scale_up_of(
    cfg: &AutoscalerConfig,
    o: &Opt,
    pods: Vec<String>,
    why: String,
) -> ScaleUp {
    let g = cfg.node_groups.get(o.group);
    ScaleUp {
        group: g.map(|g| g.name.clone()).unwrap_or_default(),
        zone: g.and_then(|g| g.template.zone.clone()),
        count: i32::try_from(o.nodes).unwrap_or(i32::MAX),
        pods,
        why,
    }
}

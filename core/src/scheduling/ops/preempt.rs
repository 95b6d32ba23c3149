//! DefaultPreemption: the nodes where removing lower-priority pods makes room, their
//! minimal victims, and the node `pickOneNodeForPreemption` chooses.

use super::{NodeRefusal, Preemption, PreemptionCandidate, pod_id};
use crate::scheduling::cluster::Cluster;
use crate::scheduling::pods::PodInfo;

/// `pickOneNodeForPreemption`'s rules in order, as a candidate's `lostBy` names them.
const RULES: [&str; 4] = [
    "lowest highest-victim priority",
    "lowest sum of victim priorities",
    "fewest victims",
    "latest start among the highest-priority victims",
];

impl Cluster {
    /// DefaultPreemption: candidates are nodes refused only for reasons preemption can
    /// fix; on each, every lower-priority pod is a potential victim, then the most
    /// important are reprieved while the pod still fits (`SelectVictimsOnNode`); the node is
    /// picked by `pickOneNodeForPreemption` (no PDBs here: rule 1 never decides).
    pub(super) fn preempt(&mut self, p: &PodInfo, refusals: &[NodeRefusal]) -> Option<Preemption> {
        let candidates = self.preemption_candidates(p, refusals)?;
        if candidates.is_empty() {
            return None;
        }
        self.pick_preemption(&candidates)
    }

    /// The candidate nodes, in the order of `refusals`, each with its minimal victims
    /// (`DryRunPreemption`, which stops after max(10 % of the nodes, 100) candidates).
    fn preemption_candidates(
        &mut self,
        p: &PodInfo,
        refusals: &[NodeRefusal],
    ) -> Option<Vec<(usize, Vec<usize>)>> {
        let mut candidates: Vec<(usize, Vec<usize>)> = Vec::new();
        let wanted = (self.nodes.len() / 10).max(100);
        // Without spread or affinity rules anywhere, only the node's totals decide a fit:
        // dry runs are arithmetic, not a re-run of every filter.
        let simple = p.spread.is_empty() && !p.has_affinity() && !self.any_bound_terms();
        for r in refusals.iter().filter(|r| !r.unresolvable) {
            if candidates.len() >= wanted {
                break;
            }
            let Some(&n) = self.node_by_name.get(&r.node) else {
                continue;
            };
            let mut lower: Vec<usize> = self
                .nodes
                .get(n)?
                .pods
                .iter()
                .copied()
                .filter(|&q| self.pods.get(q).is_some_and(|q| q.priority < p.priority))
                .collect();
            if lower.is_empty() {
                continue;
            }
            // Most important first: higher priority, then earlier start.
            lower.sort_by(|&a, &b| {
                let (pa, pb) = (self.pods.get(a), self.pods.get(b));
                let key =
                    |q: Option<&PodInfo>| q.map(|q| (-q.priority, q.start.unwrap_or(f64::MAX)));
                key(pa)
                    .partial_cmp(&key(pb))
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
            if let Some(victims) = self.victims_on(p, n, &lower, simple) {
                candidates.push((n, victims));
            }
        }
        Some(candidates)
    }

    /// `SelectVictimsOnNode`: with every pod of `lower` (most important first) gone, does
    /// `p` fit node `n`? Then the victims left once the most important are reprieved while
    /// the pod still fits; `None` when it does not fit. The cluster is left as it was.
    fn victims_on(
        &mut self,
        p: &PodInfo,
        n: usize,
        lower: &[usize],
        simple: bool,
    ) -> Option<Vec<usize>> {
        if simple {
            if !self.fits_without(p, n, lower) {
                return None;
            }
            let mut victims: Vec<usize> = lower.to_vec();
            for &q in lower {
                let trial: Vec<usize> = victims.iter().copied().filter(|&v| v != q).collect();
                if self.fits_without(p, n, &trial) {
                    victims = trial;
                }
            }
            return Some(victims);
        }
        for &q in lower {
            self.unbind(q);
        }
        let fits = self.filter(p, n, &self.context(p), false).is_none();
        let mut victims = Vec::new();
        if fits {
            for &q in lower {
                self.bind(q, n);
                if self.filter(p, n, &self.context(p), false).is_some() {
                    self.unbind(q);
                    victims.push(q);
                }
            }
        }
        for &q in &victims {
            self.bind(q, n);
        }
        if !fits {
            for &q in lower {
                self.bind(q, n);
            }
            return None;
        }
        Some(victims)
    }

    /// `pickOneNodeForPreemption`'s rules in order between victim sets `v` and `b`: the
    /// first rule that separates them and how (`Less`: `v` is the better node), `None` for
    /// a tie.
    fn compare_victims(&self, v: &[usize], b: &[usize]) -> Option<(std::cmp::Ordering, usize)> {
        let prio = |q: &usize| self.pods.get(*q).map_or(i64::MIN, |q| q.priority);
        let highest = |v: &[usize]| v.iter().map(prio).max().unwrap_or(i64::MIN);
        let sum = |v: &[usize]| v.iter().map(|q| prio(q) - i64::from(i32::MIN)).sum::<i64>();
        let earliest_start = |v: &[usize]| {
            let h = highest(v);
            v.iter()
                .filter(|q| prio(q) == h)
                .filter_map(|q| self.pods.get(*q).and_then(|q| q.start))
                .fold(f64::MAX, f64::min)
        };
        [
            highest(v).cmp(&highest(b)),
            sum(v).cmp(&sum(b)),
            v.len().cmp(&b.len()),
            earliest_start(b)
                .partial_cmp(&earliest_start(v))
                .unwrap_or(std::cmp::Ordering::Equal),
        ]
        .into_iter()
        .enumerate()
        .find(|(_, o)| o.is_ne())
        .map(|(i, o)| (o, i))
    }

    /// The preemption `pickOneNodeForPreemption` chooses among `candidates` (not empty),
    /// with the rule each other candidate lost by.
    fn pick_preemption(&self, candidates: &[(usize, Vec<usize>)]) -> Option<Preemption> {
        let mut best = 0usize;
        for (i, (_, v)) in candidates.iter().enumerate().skip(1) {
            let Some((_, b)) = candidates.get(best) else {
                break;
            };
            if self.compare_victims(v, b).is_some_and(|(o, _)| o.is_lt()) {
                best = i;
            }
        }
        let names = |v: &[usize]| {
            v.iter()
                .filter_map(|q| self.pods.get(*q).map(pod_id))
                .collect()
        };
        let (node, victims) = candidates.get(best)?;
        // Each other candidate: the rule it lost by (none: a tie, the first by name won).
        let lost: Vec<Option<Option<usize>>> = candidates
            .iter()
            .enumerate()
            .map(|(i, (_, v))| {
                (i != best).then(|| self.compare_victims(v, victims).map(|(_, r)| r))
            })
            .collect();
        // The choice's reason: the closest contest (the latest rule any rival lost by).
        let reason = match lost
            .iter()
            .flatten()
            .max_by_key(|r| r.map_or(usize::MAX, |r| r))
        {
            None => "the only candidate",
            Some(None) => "the first candidate by name (the rest tie)",
            Some(Some(r)) => RULES
                .get(*r)
                .copied()
                .unwrap_or("the first candidate by name"),
        };
        Some(Preemption {
            node: self.nodes.get(*node)?.name.clone(),
            victims: names(victims),
            reason: reason.to_owned(),
            candidates: candidates
                .iter()
                .zip(&lost)
                .filter_map(|((n, v), lost)| {
                    Some(PreemptionCandidate {
                        node: self.nodes.get(*n)?.name.clone(),
                        victims: names(v),
                        lost_by: lost.map(|r| {
                            r.and_then(|r| RULES.get(r).copied())
                                .unwrap_or("a tie: the first candidate by name won")
                                .to_owned()
                        }),
                    })
                })
                .collect(),
        })
    }

    /// Whether `p` fits node `n`'s resources and pod count once `removed` pods are gone.
    fn fits_without(&self, p: &PodInfo, n: usize, removed: &[usize]) -> bool {
        let Some(node) = self.nodes.get(n) else {
            return false;
        };
        let (used, _) = self.requests_without(n, removed);
        let pods = i64::try_from(node.pods.len().saturating_sub(removed.len())).unwrap_or(i64::MAX);
        pods < node.alloc_pods && node.alloc.has_room(&used, &p.req)
    }
}

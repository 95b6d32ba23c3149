//! The data structures that keep one pod's scheduling cost independent of how many pods
//! are bound: node label values interned per key (columns), bound pods grouped by what
//! selectors and symmetric affinity terms can see, per-rule caches of what fixed nodes
//! decide, and per-node running totals. The cluster owns them and keeps them up to date
//! (`cluster/rules.rs`, `cluster/resources.rs`); nothing here knows the cluster.
//!
//! Nothing here changes a result: every filter and score reads the same facts the plain
//! definitions of the plugins describe, only counted per group of alike pods and per class
//! of alike nodes instead of pod by pod.

use crate::hash::FastMap;
use crate::model::labels::Labels;

use super::nodes::Failure;
use super::pods::{PodInfo, Term};
use super::types::ScoringStrategy;

/// `MaxNodeScore`.
pub(crate) const MAX_SCORE: i64 = 100;

/// "The node lacks the key" in a [`Column`].
pub(crate) const NONE: u32 = u32::MAX;

/// One label key over every node: the value's id per node (cluster order), [`NONE`] when
/// the node lacks the key.
#[derive(Debug, Clone, Default)]
pub(crate) struct Column {
    pub values: Vec<u32>,
    /// How many distinct values.
    pub count: usize,
    /// The nodes of each value, grouped by value (`starts[v]..starts[v + 1]`).
    nodes: Vec<u32>,
    starts: Vec<usize>,
}

impl Column {
    /// The value id of node `n`, [`NONE`] when it lacks the key.
    #[inline]
    pub(crate) fn at(col: Option<&Column>, n: usize) -> u32 {
        col.and_then(|c| c.values.get(n).copied()).unwrap_or(NONE)
    }

    /// The nodes with value `v`, in node order.
    pub(crate) fn nodes_with(&self, v: u32) -> &[u32] {
        let at = v as usize;
        match (self.starts.get(at), self.starts.get(at + 1)) {
            (Some(&a), Some(&b)) => self.nodes.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Fill `nodes`/`starts` from `values` (a counting sort: node order within a value).
    fn index(&mut self) {
        let mut starts = vec![0usize; self.count + 1];
        for &v in &self.values {
            if let Some(s) = starts.get_mut(v as usize + 1) {
                *s += 1;
            }
        }
        for i in 1..starts.len() {
            let prev = starts.get(i - 1).copied().unwrap_or(0);
            if let Some(s) = starts.get_mut(i) {
                *s += prev;
            }
        }
        let mut next = starts.clone();
        let mut nodes = vec![0u32; starts.last().copied().unwrap_or(0)];
        for (n, &v) in self.values.iter().enumerate() {
            if let Some(at) = next.get_mut(v as usize) {
                if let Some(slot) = nodes.get_mut(*at) {
                    *slot = u32::try_from(n).unwrap_or(NONE);
                }
                *at += 1;
            }
        }
        (self.nodes, self.starts) = (nodes, starts);
    }
}

/// Every node label key as a [`Column`] (nodes never change once compiled).
#[derive(Debug, Clone, Default)]
pub(crate) struct Topology {
    columns: FastMap<String, Column>,
}

impl Topology {
    pub(crate) fn build<'a>(labels: impl ExactSizeIterator<Item = &'a Labels>) -> Topology {
        let total = labels.len();
        let mut columns: FastMap<String, Column> = FastMap::default();
        let mut ids: FastMap<String, FastMap<&str, u32>> = FastMap::default();
        for (n, node) in labels.enumerate() {
            for (k, v) in node {
                let col = columns.entry(k.clone()).or_insert_with(|| Column {
                    values: vec![NONE; total],
                    ..Column::default()
                });
                let by_value = ids.entry(k.clone()).or_default();
                let next = u32::try_from(by_value.len()).unwrap_or(NONE);
                let id = *by_value.entry(v.as_str()).or_insert(next);
                col.count = by_value.len();
                if let Some(slot) = col.values.get_mut(n) {
                    *slot = id;
                }
            }
        }
        columns.values_mut().for_each(Column::index);
        Topology { columns }
    }

    pub(crate) fn column(&self, key: &str) -> Option<&Column> {
        self.columns.get(key)
    }
}

/// Bound pods alike for every selector and symmetric rule: same namespace, labels and own
/// inter-pod terms.
#[derive(Debug, Clone)]
pub(crate) struct Group {
    pub namespace: String,
    pub labels: Labels,
    pub aff_req: Vec<Term>,
    pub aff_pref: Vec<(i64, Term)>,
    pub anti_req: Vec<Term>,
    pub anti_pref: Vec<(i64, Term)>,
    /// Per node: `[bound pods, bound pods not terminating]` (PodTopologySpread leaves out
    /// terminating pods, InterPodAffinity counts them).
    pub per_node: FastMap<u32, [u32; 2]>,
}

impl Group {
    pub(crate) fn has_terms(&self) -> bool {
        !(self.aff_req.is_empty()
            && self.aff_pref.is_empty()
            && self.anti_req.is_empty()
            && self.anti_pref.is_empty())
    }
}

/// What one rule class (pods alike in namespace, labels, tolerations, node rules, inter-pod
/// terms, spread constraints and hints) gets from the fixed nodes, plus which bound-pod
/// groups its terms match (extended as groups appear).
#[derive(Debug, Clone)]
pub(crate) struct Rules {
    /// The pod names nodes one by one: per-node verdicts instead of per-class ones.
    pub per_node: bool,
    /// The static filters' verdict per class (per node when `per_node`).
    pub static_fails: Vec<Option<Failure>>,
    /// Per spread constraint: its domains and the nodes it counts over.
    pub spread: Vec<SpreadDomains>,
    /// TaintToleration's raw score (untolerated PreferNoSchedule taints) per class.
    pub taint_raw: Vec<i64>,
    /// NodeAffinity's raw score per class (per node when `per_node`).
    pub node_aff_raw: Vec<i64>,
    /// Per term slot (`Cluster::slot_matches`): the groups it matches.
    pub matched: Vec<Vec<u32>>,
    /// Groups checked for `matched`.
    pub upto: usize,
    /// Groups with terms, whose terms match a pod of this class (symmetric rules).
    pub sym: Vec<u32>,
    /// Entries of `Cluster::term_groups` checked for `sym`.
    pub sym_upto: usize,
}

impl Rules {
    /// About what the per-node and per-class parts hold, in bytes.
    pub(crate) fn bytes(&self) -> usize {
        self.static_fails.len() * std::mem::size_of::<Option<Failure>>()
            + (self.taint_raw.len() + self.node_aff_raw.len()) * 8
            + self
                .spread
                .iter()
                .map(|s| s.template.len() * 8 + s.included.len())
                .sum::<usize>()
    }
}

/// A spread constraint's domains over the nodes it includes.
#[derive(Debug, Clone)]
pub(crate) struct SpreadDomains {
    /// By value id: 0 for a domain, −1 for a value no included node has.
    pub template: Vec<i64>,
    pub domains: i64,
    /// Per node: counted (has every key of the constraint's kind, passes the inclusion
    /// policies).
    pub included: Vec<bool>,
}

/// In a resource-score cache: a score outside 0–254 (totals gone wrong past `i64`), to be
/// worked out directly.
pub(crate) const UNCACHED: u8 = u8::MAX;

/// A node's running totals the per-node loops read: one cache line per node.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Hot {
    pub alloc_cpu: i64,
    pub alloc_mem: i64,
    /// Requests (Filter, BalancedAllocation).
    pub req_cpu: i64,
    pub req_mem: i64,
    /// Requests with the scoring defaults for missing ones (NodeResourcesFit score).
    pub nz_cpu: i64,
    pub nz_mem: i64,
    /// Pods the node still takes.
    pub free_pods: i64,
    /// Its equivalence class.
    pub class: u32,
}

impl Hot {
    /// Room no node has: the start of a class's least free room.
    pub(crate) fn roomiest() -> Hot {
        Hot {
            alloc_cpu: i64::MAX,
            alloc_mem: i64::MAX,
            free_pods: i64::MAX,
            ..Hot::default()
        }
    }

    /// Lower `self` (a class's least free room) to node `h`'s where it has less.
    pub(crate) fn lower_to(&mut self, h: &Hot) {
        let free = |alloc: i64, used: i64| alloc.saturating_sub(used);
        if free(h.alloc_cpu, h.req_cpu) < free(self.alloc_cpu, self.req_cpu) {
            (self.alloc_cpu, self.req_cpu) = (h.alloc_cpu, h.req_cpu);
        }
        if free(h.alloc_mem, h.req_mem) < free(self.alloc_mem, self.req_mem) {
            (self.alloc_mem, self.req_mem) = (h.alloc_mem, h.req_mem);
        }
        self.free_pods = self.free_pods.min(h.free_pods);
    }
}

/// NodeResourcesFit's and BalancedAllocation's scores of one request shape on every node,
/// as of `at` entries of `Cluster::changes`.
#[derive(Debug, Clone)]
pub(crate) struct ResourceScores {
    /// Entries of `Cluster::changes` the scores have caught up with (past the log's
    /// length: start over).
    pub at: usize,
    /// Per node: `[NodeResourcesFit, BalancedAllocation]`, or [`UNCACHED`].
    pub scores: Vec<[u8; 2]>,
}

/// NodeResourcesFit's score (cpu and memory, weight 1 each) and BalancedAllocation's for
/// `p` on a node with totals `h`, both 0–100.
pub(crate) fn resource_scores(strategy: ScoringStrategy, h: &Hot, p: &PodInfo) -> [i64; 2] {
    // Per resource, leaving out a resource the node has none of (`leastResourceScorer`
    // skips it in both sums).
    let (mut sum, mut weight) = (0i64, 0i64);
    for (alloc, used) in [
        (h.alloc_cpu, h.nz_cpu.saturating_add(p.nonzero.cpu)),
        (h.alloc_mem, h.nz_mem.saturating_add(p.nonzero.mem)),
    ] {
        if alloc <= 0 {
            continue;
        }
        let used = used.max(0);
        weight += 1;
        sum += match strategy {
            ScoringStrategy::LeastAllocated if used > alloc => 0,
            ScoringStrategy::LeastAllocated => percent(alloc - used, alloc),
            ScoringStrategy::MostAllocated => percent(used.min(alloc), alloc),
        };
    }
    let resources = if weight == 0 { 0 } else { sum / weight };
    // BalancedAllocation: actual requests, fractions capped at 1.
    let frac = |alloc: i64, used: i64| {
        if alloc == 0 {
            None
        } else {
            Some((used as f64 / alloc as f64).min(1.0))
        }
    };
    let std = match (
        frac(h.alloc_cpu, h.req_cpu.saturating_add(p.req.cpu)),
        frac(h.alloc_mem, h.req_mem.saturating_add(p.req.mem)),
    ) {
        (Some(a), Some(b)) => (a - b).abs() / 2.0,
        _ => 0.0,
    };
    [resources, ((1.0 - std) * MAX_SCORE as f64) as i64]
}

/// `part × 100 / whole` in integers (`whole` > 0, 0 ≤ `part` ≤ `whole`); i128 only when
/// the product could overflow.
fn percent(part: i64, whole: i64) -> i64 {
    if whole <= i64::MAX / MAX_SCORE {
        part * MAX_SCORE / whole
    } else {
        (i128::from(part) * i128::from(MAX_SCORE) / i128::from(whole)) as i64
    }
}

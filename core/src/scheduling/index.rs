//! Indexes that keep one pod's scheduling cost independent of how many pods are bound:
//! node label values interned per key (columns), bound pods grouped by what selectors and
//! symmetric affinity terms can see, and per-rule caches of what fixed nodes decide.
//!
//! Nothing here changes a result: every filter and score reads the same facts the plain
//! definitions in `cluster.rs` describe, only counted per group of alike pods and per class
//! of alike nodes instead of pod by pod (the lever `04-scheduling.md` names).

use std::sync::Arc;

use crate::error::ValidationErrors;
use crate::hash::FastMap;
use crate::model::labels::Labels;

use super::cluster::{Cluster, Failure, MAX_SCORE, PodInfo, PodRules, Term, check_name, rule_key};
use super::types::{Pod, ScoringStrategy, TaintEffect};

/// "The node lacks the key" in a [`Column`].
pub(crate) const NONE: u32 = u32::MAX;

/// Pods, rule classes or groups whose id is not assigned yet.
pub(crate) const UNSET: u32 = u32::MAX;

/// Rule classes kept compiled at once, and the bytes they may hold; past either the cache
/// starts over (a snapshot of more distinct pod shapes stays correct, only slower).
const MAX_RULES: usize = 4_096;
const MAX_RULE_BYTES: usize = 64 << 20;

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
    fn has_terms(&self) -> bool {
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
    /// Per term slot ([`Cluster::slot_matches`]): the groups it matches.
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
    fn bytes(&self) -> usize {
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

impl Cluster {
    /// The group of pod `p` (assigned on its first bind).
    pub(crate) fn group_of(&mut self, p: usize) -> u32 {
        let Some(pod) = self.pods.get(p) else {
            return UNSET;
        };
        if pod.group != UNSET {
            return pod.group;
        }
        // A rule class's key holds the group's, so its pods share one group.
        let by_rule = self.rule_group.get(pod.rule as usize).copied();
        if let Some(id) = by_rule.filter(|&g| g != UNSET) {
            if let Some(pod) = self.pods.get_mut(p) {
                pod.group = id;
            }
            return id;
        }
        let key = pod.group_key.clone();
        let next = u32::try_from(self.groups.len()).unwrap_or(UNSET);
        let id = *self.group_ids.entry(key).or_insert(next);
        if id == next {
            let g = Group {
                namespace: pod.namespace.clone(),
                labels: pod.labels.clone(),
                aff_req: pod.aff_req.clone(),
                aff_pref: pod.aff_pref.clone(),
                anti_req: pod.anti_req.clone(),
                anti_pref: pod.anti_pref.clone(),
                per_node: FastMap::default(),
            };
            if g.has_terms() {
                self.term_groups.push(id);
            }
            self.groups.push(g);
        }
        let rule = pod.rule as usize;
        if let Some(slot) = self.rule_group.get_mut(rule) {
            *slot = id;
        }
        if let Some(pod) = self.pods.get_mut(p) {
            pod.group = id;
        }
        id
    }

    /// Compile `pod`, sharing the rules of an earlier pod of the same rule class (rules
    /// with errors are not shared: each such pod reports its own).
    pub(crate) fn compile_pod(
        &mut self,
        pod: &Pod,
        path: &str,
        errs: &mut ValidationErrors,
    ) -> PodInfo {
        check_name(pod, path, errs);
        let key = rule_key(pod);
        if let Some(&id) = self.rule_ids.get(&key)
            && let Some(rules) = self.rule_arcs.get(id as usize)
        {
            return PodInfo::with_rules(pod, Arc::clone(rules), id);
        }
        let before = errs.0.len();
        let rules = Arc::new(PodRules::compile(pod, path, errs));
        if errs.0.len() > before {
            return PodInfo::with_rules(pod, rules, UNSET);
        }
        let id = u32::try_from(self.rule_arcs.len()).unwrap_or(UNSET);
        self.rule_ids.insert(key, id);
        self.rule_arcs.push(Arc::clone(&rules));
        self.rule_group.push(UNSET);
        PodInfo::with_rules(pod, rules, id)
    }

    /// Count pod `p` in (`add`) or out of its group on node `n`.
    pub(crate) fn count_in_group(&mut self, p: usize, n: usize, add: bool) {
        let g = self.group_of(p);
        let terminating = self.pods.get(p).is_some_and(|q| q.terminating);
        let (Some(group), Ok(n)) = (self.groups.get_mut(g as usize), u32::try_from(n)) else {
            return;
        };
        let step = [1, u32::from(!terminating)];
        let c = group.per_node.entry(n).or_insert([0, 0]);
        for (c, s) in c.iter_mut().zip(step) {
            *c = if add {
                c.saturating_add(s)
            } else {
                c.saturating_sub(s)
            };
        }
        if c[0] == 0 {
            group.per_node.remove(&n);
        }
    }

    /// Compile pod `pod`'s rule class, or bring its cached matches up to date, so that
    /// [`Cluster::context`] reads them instead of working them out for this pod alone.
    pub(crate) fn prepare(&mut self, pod: usize) {
        self.prepare_resources(pod);
        let Some(p) = self.pods.get(pod) else { return };
        // Compiled outside the cluster, or naming nodes one by one (verdicts per node, and
        // usually a class of one, as a DaemonSet's pinned pods): worked out afresh each time.
        if p.rule == UNSET || self.names_nodes(p) {
            return;
        }
        let id = p.rule as usize;
        let mut rules = self.rules.get_mut(id).and_then(Option::take);
        let Some(p) = self.pods.get(pod) else { return };
        if rules.is_none() {
            let compiled = self.static_rules(p);
            let bytes = compiled.bytes();
            if self.rules_built >= MAX_RULES || self.rules_bytes + bytes > MAX_RULE_BYTES {
                self.rules.iter_mut().for_each(|r| *r = None);
                (self.rules_built, self.rules_bytes) = (0, 0);
            }
            rules = Some(compiled);
            self.rules_built += 1;
            self.rules_bytes += bytes;
        }
        let Some(mut rules) = rules else { return };
        self.extend_matches(p, &mut rules);
        if self.rules.len() <= id {
            self.rules.resize_with(id + 1, || None);
        }
        if let Some(slot) = self.rules.get_mut(id) {
            *slot = Some(rules);
        }
    }

    /// The cached rules of `p` when they are up to date.
    pub(crate) fn cached_rules(&self, p: &PodInfo) -> Option<&Rules> {
        self.rules
            .get(p.rule as usize)
            .and_then(Option::as_ref)
            .filter(|r| r.upto == self.groups.len() && r.sym_upto == self.term_groups.len())
    }

    /// The parts of `p`'s rules that only the fixed nodes decide.
    pub(crate) fn static_rules(&self, p: &PodInfo) -> Rules {
        let per_node = self.names_nodes(p);
        let reps: Vec<usize> = if per_node {
            (0..self.nodes.len()).collect()
        } else {
            self.class_rep.clone()
        };
        let static_fails = reps
            .iter()
            .map(|&r| self.nodes.get(r).and_then(|n| self.static_filter(p, n)))
            .collect();
        let node_aff_raw = reps
            .iter()
            .map(|&r| {
                self.nodes.get(r).map_or(0, |node| {
                    p.preferred
                        .iter()
                        .filter(|(_, m)| m.matches(&node.name, &node.labels))
                        .map(|(w, _)| *w)
                        .sum::<i64>()
                })
            })
            .collect();
        // TaintToleration score: only tolerations with an empty or PreferNoSchedule effect.
        let prefer: Vec<_> = p
            .tolerations
            .iter()
            .filter(|t| t.effect.is_none_or(|e| e == TaintEffect::PreferNoSchedule))
            .cloned()
            .collect();
        let taint_raw = self
            .class_rep
            .iter()
            .map(|&r| {
                self.nodes.get(r).map_or(0, |node| {
                    node.taints
                        .iter()
                        .filter(|t| {
                            t.effect == TaintEffect::PreferNoSchedule
                                && !super::cluster::tolerated(&prefer, t)
                        })
                        .count() as i64
                })
            })
            .collect();
        let verdict = |n: usize| -> usize {
            if per_node {
                n
            } else {
                self.node_class.get(n).copied().unwrap_or(usize::MAX)
            }
        };
        let affinity_ok: Vec<bool> = reps
            .iter()
            .map(|&r| {
                self.nodes
                    .get(r)
                    .is_some_and(|n| self.node_affinity_ok(p, n))
            })
            .collect();
        let taints_ok: Vec<bool> = self
            .class_rep
            .iter()
            .map(|&r| {
                self.nodes.get(r).is_some_and(|node| {
                    node.taints.iter().all(|t| {
                        t.effect == TaintEffect::PreferNoSchedule
                            || super::cluster::tolerated(&p.tolerations, t)
                    })
                })
            })
            .collect();
        // PodTopologySpread: Filter counts over nodes with every hard key, Score over every
        // soft key (`calPreFilterState`, `initPreScoreState`), each minus the nodes the
        // inclusion policies leave out.
        let spread = p
            .spread
            .iter()
            .map(|s| {
                let keys: Vec<Option<&Column>> = p
                    .spread
                    .iter()
                    .filter(|c| c.hard == s.hard)
                    .map(|c| self.topology.column(&c.key))
                    .collect();
                let own = self.topology.column(&s.key);
                let mut template = vec![-1i64; own.map_or(0, |c| c.count)];
                let included: Vec<bool> = (0..self.nodes.len())
                    .map(|n| {
                        let class = self.node_class.get(n).copied().unwrap_or(usize::MAX);
                        keys.iter().all(|c| Column::at(*c, n) != NONE)
                            && (!s.honor_affinity
                                || affinity_ok.get(verdict(n)).copied().unwrap_or(false))
                            && (!s.honor_taints || taints_ok.get(class).copied().unwrap_or(false))
                    })
                    .collect();
                let mut domains = 0;
                for (n, _) in included.iter().enumerate().filter(|(_, i)| **i) {
                    if let Some(d) = template.get_mut(Column::at(own, n) as usize)
                        && *d < 0
                    {
                        *d = 0;
                        domains += 1;
                    }
                }
                SpreadDomains {
                    template,
                    domains,
                    included,
                }
            })
            .collect();
        Rules {
            per_node,
            static_fails,
            spread,
            taint_raw,
            node_aff_raw,
            matched: vec![Vec::new(); slot_count(p)],
            upto: 0,
            sym: Vec::new(),
            sym_upto: 0,
        }
    }

    /// Bring `rules`' group matches up to the groups that exist now.
    pub(crate) fn extend_matches(&self, p: &PodInfo, rules: &mut Rules) {
        for (g, group) in self.groups.iter().enumerate().skip(rules.upto) {
            let Ok(id) = u32::try_from(g) else { break };
            for (slot, list) in rules.matched.iter_mut().enumerate() {
                if self.slot_matches(p, slot, group) {
                    list.push(id);
                }
            }
        }
        rules.upto = self.groups.len();
        for &g in self.term_groups.iter().skip(rules.sym_upto) {
            let Some(group) = self.groups.get(g as usize) else {
                continue;
            };
            let ns = &self.ns_labels;
            let hit = |t: &Term| t.matches(&p.namespace, &p.labels, ns);
            if group.anti_req.iter().any(hit)
                || group.aff_req.iter().any(hit)
                || group.aff_pref.iter().any(|(_, t)| hit(t))
                || group.anti_pref.iter().any(|(_, t)| hit(t))
            {
                rules.sym.push(g);
            }
        }
        rules.sym_upto = self.term_groups.len();
    }

    /// Whether term slot `slot` of `p` matches the pods of `group`. Slots: each spread
    /// constraint, then "every required affinity term", then each required anti-affinity
    /// term, each preferred affinity term, each preferred anti-affinity term.
    pub(crate) fn slot_matches(&self, p: &PodInfo, slot: usize, group: &Group) -> bool {
        let ns = &self.ns_labels;
        let term = |t: &Term| t.matches(&group.namespace, &group.labels, ns);
        let s = p.spread.len();
        if let Some(c) = p.spread.get(slot) {
            return group.namespace == p.namespace && !c.empty_selector && c.matches(&group.labels);
        }
        if slot == s {
            return !p.aff_req.is_empty() && p.aff_req.iter().all(term);
        }
        let rest = slot - s - 1;
        if let Some(t) = p.anti_req.get(rest) {
            return term(t);
        }
        let rest = rest - p.anti_req.len();
        if let Some((_, t)) = p.aff_pref.get(rest) {
            return term(t);
        }
        p.anti_pref
            .get(rest - p.aff_pref.len())
            .is_some_and(|(_, t)| term(t))
    }
}

/// How many term slots `p` has (see [`Cluster::slot_matches`]).
pub(crate) fn slot_count(p: &PodInfo) -> usize {
    p.spread.len() + 1 + p.anti_req.len() + p.aff_pref.len() + p.anti_pref.len()
}

/// Resource-score caches kept at once (one per distinct CPU/memory request); a pod of
/// another request shape is scored directly.
const MAX_REQUEST_SHAPES: usize = 256;

/// Node changes remembered for the caches to catch up with; past this the caches start
/// over.
const MAX_CHANGES: usize = 1 << 20;

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
    fn lower_to(&mut self, h: &Hot) {
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
    at: usize,
    scores: Vec<[u8; 2]>,
}

/// The request shape the resource scores depend on.
fn shape(p: &PodInfo) -> [i64; 4] {
    [p.req.cpu, p.req.mem, p.nonzero.cpu, p.nonzero.mem]
}

impl Cluster {
    /// Re-read node `n`'s totals into [`Cluster::hot`] and log the change for the caches.
    pub(crate) fn refresh_hot(&mut self, n: usize) {
        let (Some(node), Some(h)) = (self.nodes.get(n), self.hot.get_mut(n)) else {
            return;
        };
        *h = Hot {
            alloc_cpu: node.alloc.cpu,
            alloc_mem: node.alloc.mem,
            req_cpu: node.requested.cpu,
            req_mem: node.requested.mem,
            nz_cpu: node.nonzero.cpu,
            nz_mem: node.nonzero.mem,
            free_pods: node
                .alloc_pods
                .saturating_sub(i64::try_from(node.pods.len()).unwrap_or(i64::MAX)),
            class: self
                .node_class
                .get(n)
                .and_then(|&c| u32::try_from(c).ok())
                .unwrap_or(UNSET),
        };
        let h = *h;
        if let Some(min) = self.class_min.get_mut(h.class as usize) {
            min.lower_to(&h);
        }
        if self.changes.len() >= MAX_CHANGES {
            self.changes.clear();
            // Every cache is now behind a log it cannot replay: it starts over.
            self.res_scores.iter_mut().for_each(|c| c.at = usize::MAX);
        }
        self.changes.push(u32::try_from(n).unwrap_or(UNSET));
    }

    /// Bring the resource scores of `p`'s request shape up to date.
    pub(crate) fn prepare_resources(&mut self, pod: usize) {
        let Some(p) = self.pods.get(pod) else { return };
        let key = shape(p);
        let id = match self.res_ids.get(&key) {
            Some(&id) => id as usize,
            None if self.res_scores.len() < MAX_REQUEST_SHAPES => {
                self.res_ids
                    .insert(key, u32::try_from(self.res_scores.len()).unwrap_or(UNSET));
                self.res_scores.push(ResourceScores {
                    at: usize::MAX,
                    scores: Vec::new(),
                });
                self.res_scores.len() - 1
            }
            None => return,
        };
        let strategy = self.scoring.strategy;
        let (hot, changes) = (&self.hot, &self.changes);
        let Some(cache) = self.res_scores.get_mut(id) else {
            return;
        };
        let score = |n: usize| {
            hot.get(n).map_or([0, 0], |h| {
                let [r, b] = resource_scores(strategy, h, p);
                let small = |v: i64| u8::try_from(v).ok().filter(|v| *v != UNCACHED);
                match (small(r), small(b)) {
                    (Some(r), Some(b)) => [r, b],
                    _ => [UNCACHED; 2],
                }
            })
        };
        if cache.at > changes.len() {
            cache.scores = (0..hot.len()).map(score).collect();
        } else {
            for &n in changes.iter().skip(cache.at) {
                if let Some(s) = cache.scores.get_mut(n as usize) {
                    *s = score(n as usize);
                }
            }
        }
        cache.at = changes.len();
    }

    /// The cached resource scores of `p`'s request shape, when up to date.
    pub(crate) fn cached_resources(&self, p: &PodInfo) -> Option<&[[u8; 2]]> {
        let id = *self.res_ids.get(&shape(p))?;
        self.res_scores
            .get(id as usize)
            .filter(|c| c.at == self.changes.len())
            .map(|c| c.scores.as_slice())
    }
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

//! The Filter plugins of kube-scheduler's default profile over one pod: its per-pod context
//! (the bound pods its terms match, per topology domain), the feasible nodes, and the first
//! failing filter of a node.

use std::borrow::Cow;

use super::Cluster;
use crate::scheduling::index::{Column, Group, Hot, NONE, Rules};
use crate::scheduling::nodes::{Failure, Reason, fail};
use crate::scheduling::pods::{PodInfo, Term, short};

/// Per-pod precomputation for the filters and scores.
pub(crate) struct PodCtx<'a> {
    /// The pod's rule class: static verdicts and the groups its terms match.
    pub(super) rules: Cow<'a, Rules>,
    /// Per spread constraint: matching pods per domain.
    pub(super) spread: Vec<SpreadCtx<'a>>,
    /// Per required affinity term: domains with a pod matching every term.
    pub(super) aff: Vec<Domains<'a, bool>>,
    /// No pod anywhere matches all required affinity terms, and the pod matches them.
    pub(super) first_replica: bool,
    /// Per required anti-affinity term: domains with a matching pod.
    pub(super) anti: Vec<Domains<'a, bool>>,
    /// Per topology key: domains blocked by existing pods' required anti-affinity.
    pub(super) blocked: Vec<(&'a str, Domains<'a, bool>)>,
    /// Preferred inter-pod affinity: per topology key, the score per domain.
    pub(super) topology: Vec<(&'a str, Domains<'a, i64>)>,
    /// Some term (own or existing) scored a domain: InterPodAffinity has something to say.
    pub(super) scored: bool,
}

pub(super) struct SpreadCtx<'a> {
    pub(super) col: Option<&'a Column>,
    /// By value id: matching pods in the domain; −1 for a value that is not a domain.
    pub(super) by_domain: Vec<i64>,
    /// Minimum over eligible domains (0 when fewer than `minDomains`).
    pub(super) global_min: i64,
    pub(super) self_match: i64,
    /// A soft hostname constraint: matching pods per node.
    pub(super) host: Option<Vec<i64>>,
}

impl Cluster {
    /// Everything the filters and scores need about pod `p` (not bound) beyond the node:
    /// its rule class's cached verdicts, and counts of the bound pods its terms match, per
    /// topology domain.
    pub(crate) fn context<'a>(&'a self, p: &'a PodInfo) -> PodCtx<'a> {
        let rules: Cow<'a, Rules> = match self.cached_rules(p) {
            Some(r) => Cow::Borrowed(r),
            None => {
                let mut r = self.static_rules(p);
                self.extend_matches(p, &mut r);
                Cow::Owned(r)
            }
        };
        let spread = self.spread_ctx(p, &rules);
        let (aff, any_match, anti) = self.required_ctx(p, &rules);
        let (topology, scored) = self.preferred_ctx(p, &rules);
        let blocked = self.blocked_ctx(p, &rules);
        let ns = &self.ns_labels;
        let first_replica =
            !any_match && (p.aff_req.iter()).all(|t| t.matches(&p.namespace, &p.labels, ns));
        PodCtx {
            rules,
            spread,
            aff,
            first_replica,
            anti,
            blocked,
            topology,
            scored,
        }
    }

    /// The bound-pod groups that term slot `slot` of a rule class matches (slots: see
    /// [`Cluster::slot_matches`]).
    fn matched<'s>(&'s self, rules: &Rules, slot: usize) -> impl Iterator<Item = &'s Group> {
        rules
            .matched
            .get(slot)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter_map(|&g| self.groups.get(g as usize))
    }

    /// PodTopologySpread: matching pods (not terminating) per domain, over the nodes the
    /// constraint includes; per node for a soft hostname constraint (Score counts the
    /// node's own pods).
    fn spread_ctx<'a>(&'a self, p: &PodInfo, rules: &Rules) -> Vec<SpreadCtx<'a>> {
        let mut spread = Vec::with_capacity(p.spread.len());
        for (i, (s, d)) in p.spread.iter().zip(&rules.spread).enumerate() {
            let col = self.topology.column(&s.key);
            let mut by_domain = d.template.clone();
            let mut host =
                (!s.hard && s.key == self.keys.hostname).then(|| vec![0; self.nodes.len()]);
            for g in self.matched(rules, i) {
                for (&n, c) in &g.per_node {
                    let (n, live) = (n as usize, i64::from(c[1]));
                    if let Some(h) = host.as_mut().and_then(|h| h.get_mut(n)) {
                        *h += live;
                    }
                    if d.included.get(n).copied().unwrap_or(false)
                        && let Some(c) = by_domain.get_mut(Column::at(col, n) as usize)
                        && *c >= 0
                    {
                        *c += live;
                    }
                }
            }
            let global_min = if d.domains < s.min_domains {
                0
            } else {
                by_domain
                    .iter()
                    .copied()
                    .filter(|c| *c >= 0)
                    .min()
                    .unwrap_or(0)
            };
            spread.push(SpreadCtx {
                col,
                by_domain,
                global_min,
                self_match: i64::from(s.matches(&p.labels)),
                host,
            });
        }
        spread
    }

    /// InterPodAffinity, the incoming pod's required terms: per affinity term the domains
    /// with a pod matching every term (`updateWithAffinityTerms` counts an existing pod only
    /// if it matches every required term, and only in the domains its node has), whether
    /// any pod matched, and per anti-affinity term the domains with a matching pod.
    fn required_ctx<'a>(
        &'a self,
        p: &PodInfo,
        rules: &Rules,
    ) -> (Vec<Domains<'a, bool>>, bool, Vec<Domains<'a, bool>>) {
        let slot_aff = p.spread.len();
        let mut aff: Vec<Domains<'a, bool>> = p
            .aff_req
            .iter()
            .map(|t| Domains::new(self.topology.column(&t.key)))
            .collect();
        let mut any_match = false;
        for g in self.matched(rules, slot_aff) {
            for &n in g.per_node.keys() {
                for d in &mut aff {
                    if let Some(v) = d.slot(n as usize) {
                        any_match = true;
                        *v = true;
                    }
                }
            }
        }
        let mut anti: Vec<Domains<'a, bool>> = Vec::with_capacity(p.anti_req.len());
        for (j, t) in p.anti_req.iter().enumerate() {
            let mut d = Domains::new(self.topology.column(&t.key));
            for g in self.matched(rules, slot_aff + 1 + j) {
                for &n in g.per_node.keys() {
                    if let Some(v) = d.slot(n as usize) {
                        *v = true;
                    }
                }
            }
            anti.push(d);
        }
        (aff, any_match, anti)
    }

    /// InterPodAffinity's score per topology key and domain: the incoming pod's preferred
    /// terms, then the symmetric terms of existing pods towards it (their preferred terms,
    /// and hardPodAffinityWeight, default 1, for their required affinity); and whether any
    /// term scored a domain.
    fn preferred_ctx<'a>(
        &'a self,
        p: &'a PodInfo,
        rules: &Rules,
    ) -> (Vec<(&'a str, Domains<'a, i64>)>, bool) {
        let mut topology: Vec<(&'a str, Domains<'a, i64>)> = Vec::new();
        let mut scored = false;
        let mut add = |key: &'a str, g: &Group, w: i64| {
            let at = match topology.iter().position(|(k, _)| *k == key) {
                Some(at) => at,
                None => {
                    topology.push((key, Domains::new(self.topology.column(key))));
                    topology.len() - 1
                }
            };
            let Some((_, d)) = topology.get_mut(at) else {
                return;
            };
            for (&n, c) in &g.per_node {
                scored |= d.add(n as usize, w * i64::from(c[0]));
            }
        };
        let pref_base = p.spread.len() + 1 + p.anti_req.len();
        for (k, (w, t)) in p.aff_pref.iter().enumerate() {
            (self.matched(rules, pref_base + k)).for_each(|g| add(&t.key, g, *w));
        }
        let anti_base = pref_base + p.aff_pref.len();
        for (k, (w, t)) in p.anti_pref.iter().enumerate() {
            (self.matched(rules, anti_base + k)).for_each(|g| add(&t.key, g, -*w));
        }
        let ns = &self.ns_labels;
        let hit = |t: &Term| t.matches(&p.namespace, &p.labels, ns);
        for g in (rules.sym.iter()).filter_map(|&g| self.groups.get(g as usize)) {
            for (w, t) in g.aff_pref.iter().filter(|(_, t)| hit(t)) {
                add(&t.key, g, *w);
            }
            for (w, t) in g.anti_pref.iter().filter(|(_, t)| hit(t)) {
                add(&t.key, g, -*w);
            }
            for t in g.aff_req.iter().filter(|t| hit(t)) {
                add(&t.key, g, 1);
            }
        }
        (topology, scored)
    }

    /// The symmetric required anti-affinity of existing pods towards the incoming one: per
    /// topology key, the domains it blocks.
    fn blocked_ctx<'a>(&'a self, p: &PodInfo, rules: &Rules) -> Vec<(&'a str, Domains<'a, bool>)> {
        let mut blocked: Vec<(&'a str, Domains<'a, bool>)> = Vec::new();
        let ns = &self.ns_labels;
        let hit = |t: &Term| t.matches(&p.namespace, &p.labels, ns);
        for g in (rules.sym.iter()).filter_map(|&g| self.groups.get(g as usize)) {
            for t in g.anti_req.iter().filter(|t| hit(t)) {
                let at = match blocked.iter().position(|(k, _)| *k == t.key) {
                    Some(at) => at,
                    None => {
                        blocked.push((&t.key, Domains::new(self.topology.column(&t.key))));
                        blocked.len() - 1
                    }
                };
                if let Some((_, d)) = blocked.get_mut(at) {
                    for &n in g.per_node.keys() {
                        if let Some(v) = d.slot(n as usize) {
                            *v = true;
                        }
                    }
                }
            }
        }
        blocked
    }

    /// The nodes that pass every filter, in node order. A pod whose only per-node filters
    /// are its class verdicts and CPU, memory and pod count (no hard spread, no required
    /// inter-pod terms on either side, no other resources) is checked on the node totals
    /// alone: the same verdict as [`Cluster::filter`], without its explanation.
    /// `seen` gets the verdict slots (classes, or nodes when the pod names nodes) that
    /// have a feasible node.
    pub(crate) fn feasible(
        &self,
        p: &PodInfo,
        ctx: &PodCtx,
        out: &mut Vec<usize>,
        seen: &mut Vec<bool>,
    ) {
        out.clear();
        seen.clear();
        seen.resize(ctx.rules.static_fails.len(), false);
        let simple = !ctx.rules.per_node
            && p.req.other.is_empty()
            && p.spread.iter().all(|s| !s.hard)
            && ctx.aff.is_empty()
            && ctx.anti.is_empty()
            && ctx.blocked.is_empty();
        if !simple {
            out.extend((0..self.nodes.len()).filter(|&n| self.filter(p, n, ctx, false).is_none()));
            for &n in out.iter() {
                if let Some(s) = seen.get_mut(self.verdict(ctx, n)) {
                    *s = true;
                }
            }
            return;
        }
        // Per class: refused, every node fits (the class's least free room does), or
        // check node by node.
        #[derive(Clone, Copy, PartialEq)]
        enum Verdict {
            Refused,
            AllFit,
            Check,
        }
        let by_class: Vec<Verdict> = ctx
            .rules
            .static_fails
            .iter()
            .zip(&self.class_min)
            .map(|(f, min)| match f {
                Some(_) => Verdict::Refused,
                None if fits_totals(min, p) => Verdict::AllFit,
                None => Verdict::Check,
            })
            .collect();
        for (n, &class) in self.node_class.iter().enumerate() {
            let fits = match by_class.get(class) {
                Some(Verdict::AllFit) => true,
                Some(Verdict::Check) => self.hot.get(n).is_some_and(|h| fits_totals(h, p)),
                _ => false,
            };
            if fits {
                out.push(n);
                if let Some(s) = seen.get_mut(class) {
                    *s = true;
                }
            }
        }
    }

    /// Where node `n`'s per-rule verdicts are kept: its class, or itself when the pod
    /// names nodes.
    #[inline]
    pub(super) fn verdict(&self, ctx: &PodCtx, n: usize) -> usize {
        if ctx.rules.per_node {
            n
        } else {
            self.node_class.get(n).copied().unwrap_or(usize::MAX)
        }
    }

    /// Every Filter plugin, in the default profile's order; the failure of the first
    /// plugin that fails (NodeResourcesFit reports every short resource when `explain`),
    /// or `None`.
    // Over 80 lines: the plugins one after another in the profile's order, best read whole.
    pub(crate) fn filter(
        &self,
        p: &PodInfo,
        n: usize,
        ctx: &PodCtx,
        explain: bool,
    ) -> Option<Failure> {
        let (Some(node), Some(h)) = (self.nodes.get(n), self.hot.get(n)) else {
            return fail("NodeName", "node(s) didn't exist", true);
        };
        let slot = if ctx.rules.per_node {
            n
        } else {
            h.class as usize
        };
        if let Some(f) = ctx.rules.static_fails.get(slot).and_then(Option::as_ref) {
            return Some(f.clone());
        }
        // NodeResourcesFit
        let too_many = h.free_pods < 1;
        let short_named = |name: &str| {
            short(
                p.req.get(name),
                node.alloc.get(name),
                node.requested.get(name),
            )
        };
        if !fits_totals(h, p) || p.req.other.iter().any(|(name, _)| short_named(name)) {
            return Some(Failure {
                plugin: "NodeResourcesFit",
                reason: Reason::Short {
                    pods: too_many,
                    resources: if explain {
                        p.req
                            .names()
                            .filter(|r| short_named(r))
                            .map(str::to_owned)
                            .collect()
                    } else {
                        Vec::new()
                    },
                },
                unresolvable: false,
            });
        }
        // PodTopologySpread (DoNotSchedule)
        for (s, c) in p.spread.iter().zip(&ctx.spread) {
            if !s.hard {
                continue;
            }
            let v = Column::at(c.col, n);
            if v == NONE {
                return fail(
                    "PodTopologySpread",
                    "node(s) didn't match pod topology spread constraints (missing required label)",
                    true,
                );
            }
            let count = c.by_domain.get(v as usize).copied().unwrap_or(0).max(0);
            if count + c.self_match - c.global_min > s.max_skew {
                return fail(
                    "PodTopologySpread",
                    "node(s) didn't match pod topology spread constraints",
                    false,
                );
            }
        }
        // InterPodAffinity: required affinity, own anti-affinity, existing anti-affinity.
        if ctx.first_replica {
            if ctx.aff.iter().any(|d| Column::at(d.col, n) == NONE) {
                return fail(
                    "InterPodAffinity",
                    "node(s) didn't match pod affinity rules",
                    true,
                );
            }
        } else if !ctx.aff.iter().all(|d| d.has(n)) {
            return fail(
                "InterPodAffinity",
                "node(s) didn't match pod affinity rules",
                true,
            );
        }
        if ctx.anti.iter().any(|d| d.has(n)) {
            return fail(
                "InterPodAffinity",
                "node(s) didn't match pod anti-affinity rules",
                false,
            );
        }
        if ctx.blocked.iter().any(|(_, d)| d.has(n)) {
            return fail(
                "InterPodAffinity",
                "node(s) didn't satisfy existing pods anti-affinity rules",
                false,
            );
        }
        None
    }
}

/// NodeResourcesFit on the node's pod count, CPU and memory (other resources aside).
#[inline]
fn fits_totals(h: &Hot, p: &PodInfo) -> bool {
    h.free_pods >= 1
        && !short(p.req.cpu, h.alloc_cpu, h.req_cpu)
        && !short(p.req.mem, h.alloc_mem, h.req_mem)
}

/// Per-domain values of one topology key: indexed by the key's value ids, read per node.
pub(crate) struct Domains<'a, T> {
    pub(super) col: Option<&'a Column>,
    pub(super) by_value: Vec<T>,
    /// Value ids written by [`Domains::add`], each once.
    pub(super) touched: Vec<u32>,
    /// Per value id: in `touched` (sized on the first write).
    pub(super) marked: Vec<bool>,
}

impl<'a, T: Copy + Default> Domains<'a, T> {
    pub(super) fn new(col: Option<&'a Column>) -> Self {
        Domains {
            col,
            by_value: vec![T::default(); col.map_or(0, |c| c.count)],
            touched: Vec::new(),
            marked: Vec::new(),
        }
    }

    /// Node `n`'s domain entry (`None`: the node lacks the key).
    pub(super) fn slot(&mut self, n: usize) -> Option<&mut T> {
        self.by_value.get_mut(Column::at(self.col, n) as usize)
    }

    /// Node `n`'s domain value (the default when it lacks the key).
    pub(super) fn value(&self, n: usize) -> T {
        self.by_value
            .get(Column::at(self.col, n) as usize)
            .copied()
            .unwrap_or_default()
    }
}

impl Domains<'_, i64> {
    /// Add `w` to node `n`'s domain; false when the node lacks the key.
    pub(super) fn add(&mut self, n: usize, w: i64) -> bool {
        let v = Column::at(self.col, n);
        let Some(x) = self.by_value.get_mut(v as usize) else {
            return false;
        };
        *x += w;
        if self.marked.is_empty() {
            self.marked = vec![false; self.by_value.len()];
        }
        if let Some(m) = self.marked.get_mut(v as usize)
            && !*m
        {
            *m = true;
            self.touched.push(v);
        }
        true
    }
}

impl Domains<'_, bool> {
    pub(super) fn has(&self, n: usize) -> bool {
        self.value(n)
    }
}

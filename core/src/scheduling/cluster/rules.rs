//! The per-rule-class caches: pods grouped by what selectors and symmetric terms can see,
//! each rule class compiled once with what the fixed nodes decide for it, and the bound-pod
//! groups its terms match.

use std::sync::Arc;

use super::Cluster;
use crate::error::ValidationErrors;
use crate::hash::FastMap;
use crate::scheduling::index::{Column, Group, NONE, Rules, SpreadDomains};
use crate::scheduling::nodes::tolerated;
use crate::scheduling::pods::{PodInfo, PodRules, Term, UNSET, check_name, rule_key};
use crate::scheduling::types::{Pod, TaintEffect};

/// Rule classes kept compiled at once, and the bytes they may hold; past either the cache
/// starts over (a snapshot of more distinct pod shapes stays correct, only slower).
const MAX_RULES: usize = 4_096;
const MAX_RULE_BYTES: usize = 64 << 20;

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
                            t.effect == TaintEffect::PreferNoSchedule && !tolerated(&prefer, t)
                        })
                        .count() as i64
                })
            })
            .collect();
        let spread = self.spread_domains(p, &reps, per_node);
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

    /// PodTopologySpread's domains per constraint of `p`: Filter counts over nodes with
    /// every hard key, Score over every soft key (`calPreFilterState`,
    /// `initPreScoreState`), each minus the nodes the inclusion policies leave out. `reps`
    /// are the verdict slots' nodes (every node when `per_node`, else one per class).
    fn spread_domains(&self, p: &PodInfo, reps: &[usize], per_node: bool) -> Vec<SpreadDomains> {
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
                        t.effect == TaintEffect::PreferNoSchedule || tolerated(&p.tolerations, t)
                    })
                })
            })
            .collect();
        p.spread
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
            .collect()
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

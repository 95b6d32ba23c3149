//! One decision of the scheduling cycle: filter, score and pick for one pod, bind it
//! (preempting when allowed), and the bookkeeping of the pending queue.

use std::collections::BTreeMap;

use super::{NodeRefusal, NodeScore, Placement, pod_id};
use crate::error::{Error, Result};
use crate::scheduling::cluster::{Cluster, Scratch};
use crate::scheduling::index::Hot;
use crate::scheduling::pods::{PodInfo, Res};
use crate::scheduling::types::{ClusterSnapshot, Node};

/// The most refusals listed per pod (the summary line still counts every node).
const MAX_REFUSALS: usize = 1_000;

impl Cluster {
    /// Filter every node, score the feasible ones, pick the best (ties: lowest name).
    /// `p` is not bound. [`Cluster::prepare`] first makes the per-rule work a cache hit.
    pub(crate) fn decide(&self, p: &PodInfo, scratch: &mut Scratch) -> Placement {
        let ctx = self.context(p);
        self.feasible(p, &ctx, &mut scratch.feasible, &mut scratch.seen);
        let feasible = &scratch.feasible;
        let mut out = Placement {
            pod: pod_id(p),
            node: None,
            feasible_nodes: u32::try_from(feasible.len()).unwrap_or(u32::MAX),
            scores: Vec::new(),
            refusals: Vec::new(),
            message: None,
            preemption: None,
        };
        if feasible.is_empty() {
            let explained: Vec<NodeRefusal> = (0..self.nodes.len())
                .filter_map(|n| {
                    let f = self.filter(p, n, &ctx, true)?;
                    let node = self.nodes.get(n)?;
                    Some(NodeRefusal {
                        node: node.name.clone(),
                        plugin: f.plugin.to_owned(),
                        reasons: f.texts(Some(node)),
                        unresolvable: f.unresolvable,
                    })
                })
                .collect();
            out.message = Some(summary(self.nodes.len(), &explained));
            // Every refusal stays here (preemption needs them all); callers cap the list.
            out.refusals = explained;
            return out;
        }
        let scores = self.score(p, feasible, &scratch.seen, &ctx, 5, &mut scratch.rows);
        let small = |v: i64| i32::try_from(v).unwrap_or(i32::MAX);
        out.scores = scores
            .best
            .iter()
            .filter_map(|(n, total, b)| {
                Some(NodeScore {
                    node: self.nodes.get(*n)?.name.clone(),
                    total: small(*total),
                    plugins: scores
                        .plugins
                        .iter()
                        .zip(b)
                        .filter_map(|(name, v)| name.map(|k| (k.to_owned(), small(*v))))
                        .collect(),
                })
            })
            .collect();
        out.node = out.scores.first().map(|s| s.node.clone());
        out
    }

    /// [`Cluster::decide`] for pod `pod` (unbound), its rule class and resource scores
    /// brought up to date first; `None` for an unknown index.
    fn decide_now(&mut self, pod: usize) -> Option<Placement> {
        self.prepare(pod);
        let mut scratch = std::mem::take(&mut self.scratch);
        let out = self.pods.get(pod).map(|p| self.decide(p, &mut scratch));
        self.scratch = scratch;
        out
    }

    /// [`Cluster::decide`] for pod `pod`, just added (unbound).
    pub(crate) fn decide_added(&mut self, pod: usize) -> Result<Placement> {
        self.decide_now(pod)
            .ok_or_else(|| Error::invalid_input("pod"))
    }

    /// Schedule pod `pod` (already in `self.pods`, unbound): bind it, preempting if
    /// needed and allowed.
    pub(crate) fn schedule(&mut self, pod: usize, preempt: bool) -> Placement {
        let Some(mut out) = self.decide_now(pod) else {
            return Placement {
                pod: String::new(),
                node: None,
                feasible_nodes: 0,
                scores: Vec::new(),
                refusals: Vec::new(),
                message: None,
                preemption: None,
            };
        };
        if let Some(node) = out
            .node
            .as_ref()
            .and_then(|n| self.node_by_name.get(n))
            .copied()
        {
            self.bind(pod, node);
            return capped(out);
        }
        let Some(p) = self
            .pods
            .get(pod)
            .filter(|p| preempt && !p.preempt_never)
            .cloned()
        else {
            return capped(out);
        };
        if let Some(pre) = self.preempt(&p, &out.refusals)
            && let Some(&node) = self.node_by_name.get(&pre.node)
        {
            // The victims leave the cluster; the pod takes their room at once (a pure
            // engine needs no nominated node).
            self.pods.retain(|q| !pre.victims.contains(&pod_id(q)));
            self.rebuild_ids();
            self.reindex_totals();
            if let Some(&i) = self.ids.get(&pod_id(&p)) {
                self.bind(i, node);
            }
            out.node = Some(pre.node.clone());
            out.preemption = Some(pre);
        }
        capped(out)
    }

    /// Scheduling the pending pods and `added` more, against
    /// [`crate::scheduling::limits::MAX_DECISIONS`] (reported at `pods`).
    pub(crate) fn check_pending_work(&self, added: usize) -> Result<()> {
        let pending = self.pods.iter().filter(|p| p.node.is_none()).count();
        crate::scheduling::limits::check_decisions(
            pending.saturating_add(added),
            self.nodes.len(),
            "pods",
        )
    }

    /// The pending pods, `namespace/name`, in scheduling order: priority descending, then
    /// the order given.
    pub(crate) fn pending_in_order(&self) -> Vec<String> {
        let mut pending: Vec<(i64, usize, String)> = self
            .pods
            .iter()
            .enumerate()
            .filter(|(_, p)| p.node.is_none())
            .map(|(i, p)| (p.priority, i, pod_id(p)))
            .collect();
        pending.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        pending.into_iter().map(|(_, _, id)| id).collect()
    }

    /// Schedule the pods, by `namespace/name`, in order (indices move when victims are
    /// removed): the placements and the pods evicted by preemption.
    pub(crate) fn run_pending(
        &mut self,
        ids: Vec<String>,
        preempt: bool,
    ) -> (Vec<Placement>, Vec<String>) {
        let mut placements = Vec::with_capacity(ids.len());
        let mut evicted = Vec::new();
        for id in ids {
            let Some(&i) = self.ids.get(&id) else {
                continue;
            };
            let placed = self.schedule(i, preempt);
            if let Some(pre) = &placed.preemption {
                evicted.extend(pre.victims.iter().cloned());
            }
            placements.push(placed);
        }
        (placements, evicted)
    }

    /// Rebuild the `namespace/name` index after pods were removed.
    fn rebuild_ids(&mut self) {
        self.ids = self
            .pods
            .iter()
            .enumerate()
            .map(|(i, p)| (pod_id(p), i))
            .collect();
    }

    /// Remove the trial pod just added (the last, unbound): nothing else moves.
    pub(crate) fn drop_last(&mut self) {
        if let Some(p) = self.pods.pop() {
            self.ids.remove(&pod_id(&p));
        }
    }

    /// Recompute every node's totals and pod list after pods were removed.
    fn reindex_totals(&mut self) {
        for n in &mut self.nodes {
            n.requested = Res::default();
            n.nonzero = Res::default();
        }
        let bound: Vec<(usize, usize)> = self
            .pods
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.node.map(|n| (i, n)))
            .collect();
        for (i, _) in &bound {
            if let Some(p) = self.pods.get_mut(*i) {
                p.node = None;
            }
        }
        for n in &mut self.nodes {
            n.pods.clear();
        }
        for g in &mut self.groups {
            g.per_node.clear();
        }
        // Every node's totals are re-read below; the class minimums start over.
        self.class_min.iter_mut().for_each(|m| *m = Hot::roomiest());
        for (i, n) in bound {
            self.bind(i, n);
        }
        (0..self.nodes.len()).for_each(|n| self.refresh_hot(n));
    }

    /// The snapshot as it stands: nodes as given, pods with their current `nodeName`.
    pub(crate) fn snapshot(&self, base: &ClusterSnapshot) -> ClusterSnapshot {
        let mut nodes: Vec<Node> = self.nodes.iter().map(|n| n.source.clone()).collect();
        // Keep the caller's node order.
        let order: BTreeMap<&str, usize> = base
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.metadata.name.as_str(), i))
            .collect();
        nodes.sort_by_key(|n| {
            order
                .get(n.metadata.name.as_str())
                .copied()
                .unwrap_or(usize::MAX)
        });
        ClusterSnapshot {
            nodes,
            pods: self
                .pods
                .iter()
                .map(|p| {
                    p.pod(
                        p.node
                            .and_then(|n| self.nodes.get(n))
                            .map(|n| n.name.clone()),
                    )
                })
                .collect(),
            namespaces: base.namespaces.clone(),
            label_keys: base.label_keys.clone(),
            scoring: base.scoring.clone(),
            pod_disruption_budgets: base.pod_disruption_budgets.clone(),
        }
    }
}

/// A placement with at most [`MAX_REFUSALS`] refusals listed (the summary counts them all).
pub(crate) fn capped(mut out: Placement) -> Placement {
    out.refusals.truncate(MAX_REFUSALS);
    out
}

/// kube-scheduler's `FitError` message: reason counts sorted as strings
/// (`pkg/scheduler/framework/types.go`).
fn summary(total: usize, refusals: &[NodeRefusal]) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for r in refusals {
        for reason in &r.reasons {
            *counts.entry(reason.as_str()).or_insert(0) += 1;
        }
    }
    let mut parts: Vec<String> = counts.iter().map(|(r, c)| format!("{c} {r}")).collect();
    parts.sort();
    if parts.is_empty() {
        format!("0/{total} nodes are available.")
    } else {
        format!("0/{total} nodes are available: {}.", parts.join(", "))
    }
}

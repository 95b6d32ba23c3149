//! PodDisruptionBudgets in scale-down: the evictions of one step, summed per budget over
//! every node removed, stay within each budget's `disruptionsAllowed` (cluster-autoscaler's
//! `core/scaledown/pdb` `RemainingPdbTracker`: `CanRemovePods`, then `RemovePods` takes the
//! removed node's pods off the budgets for the rest of the loop).
//!
//! A budget's allowance is its `status.disruptionsAllowed` when the caller gives it (the
//! live value), else the disruption controller's arithmetic over the snapshot's pods that
//! it covers ([`crate::model::pdb`]): a pod bound to a node and not terminating is healthy;
//! the expected count is the number of covered pods (weir's pods carry no owners, so every
//! covered pod stands for one replica of its workload). Slot pods are the autoscaler's own
//! placeholders: no budget covers them, and evicting them costs no budget.

use std::collections::BTreeMap;

use crate::scheduling::Cluster;
use crate::scheduling::types::ClusterSnapshot;

/// What is left of every budget in one step.
pub(crate) struct Remaining {
    /// Per budget: its `namespace/name` and the evictions still allowed.
    left: Vec<(String, i64)>,
    /// Per covered pod (its index in the snapshot, which is its index in the cluster):
    /// the budgets covering it.
    covering: BTreeMap<usize, Vec<usize>>,
}

impl Remaining {
    /// The allowances at the start of the step, from the snapshot's pods as given (before
    /// any simulation moved them). The work is bounded by `MAX_PDB_POD_CHECKS`, checked
    /// when the cluster was compiled.
    pub(crate) fn new(snap: &ClusterSnapshot, cluster: &Cluster) -> Remaining {
        let mut covering: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        if cluster.budgets.is_empty() {
            return Remaining {
                left: Vec::new(),
                covering,
            };
        }
        let mut by_ns: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, p) in snap.pods.iter().enumerate() {
            if p.hints.as_ref().is_some_and(|h| h.slot) {
                continue;
            }
            let ns = p.metadata.namespace.as_deref().unwrap_or("default");
            by_ns.entry(ns).or_default().push(i);
        }
        let mut left = Vec::with_capacity(cluster.budgets.len());
        for (b, budget) in cluster.budgets.iter().enumerate() {
            let (mut expected, mut healthy) = (0i64, 0i64);
            for &i in by_ns
                .get(budget.namespace.as_str())
                .map_or(&[][..], Vec::as_slice)
            {
                let Some(p) = snap.pods.get(i) else { continue };
                // The cluster was compiled from this snapshot in its order; check anyway.
                let same = cluster
                    .pods
                    .get(i)
                    .is_some_and(|c| c.name == p.metadata.name);
                if !same {
                    continue;
                }
                if !budget.covers(&budget.namespace, &p.metadata.labels) {
                    continue;
                }
                expected += 1;
                if p.spec.node_name.is_some() && p.metadata.deletion_timestamp.is_none() {
                    healthy += 1;
                }
                covering.entry(i).or_default().push(b);
            }
            left.push((budget.id.clone(), budget.allowed(expected, healthy)));
        }
        Remaining { left, covering }
    }

    /// Whether evicting `pods` (cluster indices) keeps every budget within its allowance;
    /// else the first budget it would exceed, described.
    pub(crate) fn check(&self, pods: &[usize]) -> Result<(), String> {
        let need = self.need(pods);
        for (b, n) in need {
            let Some((id, left)) = self.left.get(b) else {
                continue;
            };
            if n > *left {
                return Err(format!(
                    "podDisruptionBudget {id} allows {left} more eviction(s) this step; the node has {n} of its pods"
                ));
            }
        }
        Ok(())
    }

    /// Take the evictions of `pods` off their budgets (after [`Remaining::check`] passed).
    pub(crate) fn take(&mut self, pods: &[usize]) {
        for (b, n) in self.need(pods) {
            if let Some((_, left)) = self.left.get_mut(b) {
                *left -= n;
            }
        }
    }

    /// Per budget, the evictions `pods` cost.
    fn need(&self, pods: &[usize]) -> BTreeMap<usize, i64> {
        let mut need: BTreeMap<usize, i64> = BTreeMap::new();
        for i in pods {
            for &b in self.covering.get(i).map_or(&[][..], Vec::as_slice) {
                *need.entry(b).or_insert(0) += 1;
            }
        }
        need
    }
}

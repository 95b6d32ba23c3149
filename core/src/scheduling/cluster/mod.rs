//! The compiled cluster: nodes with their running totals, pods with their rules compiled
//! once, and the Filter and Score plugins of kube-scheduler's default profile
//! (`pkg/scheduler/framework/plugins/*`), plus the seed's unit, sub-cluster and zone rules.

mod filter;
mod resources;
mod rules;
mod score;

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::error::{FieldErrorCode as Code, FieldPath, Result, ValidationErrors, clip};
use crate::hash::{FastMap, map_with_capacity};
use crate::model::labels::Labels;
use crate::model::pdb::{Budget, compile_all};

use super::index::{Group, Hot, ResourceScores, Rules, Topology};
use super::nodes::{Failure, NodeInfo, Reason, fail, tolerated};
use super::pods::{PodInfo, PodRules, Res, res_of};
use super::types::{ClusterSnapshot, LabelKeys, Node, Pod, ScoringConfig, Taint, TaintEffect};

/// The cordon's synthetic taint (`node.kubernetes.io/unschedulable`).
const UNSCHEDULABLE_KEY: &str = "node.kubernetes.io/unschedulable";

/// The compiled cluster.
#[derive(Debug, Clone)]
pub(crate) struct Cluster {
    pub keys: LabelKeys,
    pub scoring: ScoringConfig,
    pub ns_labels: BTreeMap<String, Labels>,
    /// Sorted by name: ties go to the lowest name.
    pub nodes: Vec<NodeInfo>,
    pub node_by_name: FastMap<String, usize>,
    pub pods: Vec<PodInfo>,
    /// `namespace/name` → index in `pods`.
    pub ids: FastMap<String, usize>,
    /// Per node, its equivalence class: nodes with the same labels (the hostname aside),
    /// taints and cordon pass or fail the static filters alike.
    pub node_class: Vec<usize>,
    /// One node of each class.
    pub class_rep: Vec<usize>,
    /// Node label values per key.
    pub topology: Topology,
    /// Bound pods grouped by namespace, labels and own inter-pod terms.
    pub groups: Vec<Group>,
    pub group_ids: FastMap<String, u32>,
    /// The groups with inter-pod terms, in creation order.
    pub term_groups: Vec<u32>,
    /// Compiled rule classes by id (`None`: not compiled, or dropped past the cap).
    pub rules: Vec<Option<Rules>>,
    pub rule_ids: FastMap<String, u32>,
    /// The compiled rules of each rule class, shared by its pods.
    pub rule_arcs: Vec<Arc<PodRules>>,
    pub rules_built: usize,
    pub rules_bytes: usize,
    /// Per rule class, the group of its pods (once one is bound).
    pub rule_group: Vec<u32>,
    /// Per node, the totals the per-node loops read (derived from `nodes`).
    pub hot: Vec<Hot>,
    /// Per class, at most the least free CPU, memory and pod room of its nodes (kept
    /// exact as nodes fill; a node emptying leaves it low, which only costs speed).
    pub class_min: Vec<Hot>,
    /// Nodes whose totals changed, in order (the resource-score caches replay it).
    pub changes: Vec<u32>,
    /// Resource scores per request shape, and the shapes' ids.
    pub res_scores: Vec<ResourceScores>,
    pub res_ids: FastMap<[i64; 4], u32>,
    /// Buffers one decision uses, kept for the next (a pure speed matter).
    pub scratch: Scratch,
    /// The snapshot's PodDisruptionBudgets, validated.
    pub budgets: Vec<Budget>,
}

/// Per feasible node, the scores normalised over all of them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Rows {
    /// Nodes in a domain an inter-pod term wrote to.
    pub touched: Vec<usize>,
    /// PodTopologySpread raw per feasible node (`None`: a soft key is missing), when it
    /// is not worked out per domain value.
    pub raw_spread: Vec<Option<i64>>,
    /// PodTopologySpread normalised: per domain value or per feasible node.
    pub spread: Vec<i64>,
}

/// Per-decision buffers.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scratch {
    pub feasible: Vec<usize>,
    /// Verdict slots with a feasible node.
    pub seen: Vec<bool>,
    pub rows: Rows,
}

impl Cluster {
    pub(crate) fn build(snapshot: &ClusterSnapshot) -> Result<Cluster> {
        super::limits::check_snapshot(snapshot.nodes.len(), snapshot.pods.len())?;
        super::limits::check_pdbs(&snapshot.pod_disruption_budgets, &snapshot.pods)?;
        let mut errs = ValidationErrors::new();
        let budgets = compile_all(&snapshot.pod_disruption_budgets, &mut errs);
        let keys = snapshot.label_keys.clone().unwrap_or_default();
        let (nodes, node_by_name) = compile_nodes(&snapshot.nodes, &keys, &mut errs);
        let mut cluster = Cluster {
            keys,
            scoring: snapshot.scoring.clone().unwrap_or_default(),
            ns_labels: snapshot.namespaces.clone(),
            nodes,
            node_by_name,
            pods: Vec::with_capacity(snapshot.pods.len()),
            ids: FastMap::default(),
            node_class: Vec::new(),
            class_rep: Vec::new(),
            topology: Topology::default(),
            groups: Vec::new(),
            group_ids: FastMap::default(),
            term_groups: Vec::new(),
            rules: Vec::new(),
            rule_ids: FastMap::default(),
            rule_arcs: Vec::new(),
            rules_built: 0,
            rules_bytes: 0,
            rule_group: Vec::new(),
            hot: Vec::new(),
            class_min: Vec::new(),
            changes: Vec::new(),
            res_scores: Vec::new(),
            res_ids: FastMap::default(),
            scratch: Scratch::default(),
            budgets,
        };
        cluster.classify();
        cluster.topology = Topology::build(cluster.nodes.iter().map(|n| &n.labels));
        cluster.hot = vec![Hot::default(); cluster.nodes.len()];
        cluster.class_min = vec![Hot::roomiest(); cluster.class_rep.len()];
        (0..cluster.nodes.len()).for_each(|n| cluster.refresh_hot(n));
        for (i, p) in snapshot.pods.iter().enumerate() {
            let path = FieldPath::root("pods").index(i);
            cluster.add_snapshot_pod(p, path.as_str(), &mut errs);
        }
        errs.into_result(cluster)
    }

    /// Compile and bind (when it names a node) one pod of the snapshot, at `path`.
    fn add_snapshot_pod(&mut self, p: &Pod, path: &str, errs: &mut ValidationErrors) {
        let info = self.compile_pod(p, path, errs);
        let node = match &p.spec.node_name {
            Some(n) => match self.node_by_name.get(n) {
                Some(&idx) => Some(idx),
                None => {
                    errs.push(
                        FieldPath::from(path).child("spec").child("nodeName"),
                        Code::Invalid,
                        format!("node `{}` is not in the snapshot", clip(n)),
                    );
                    None
                }
            },
            None => None,
        };
        let idx = self.pods.len();
        let id = format!("{}/{}", info.namespace, info.name);
        if self.ids.insert(id, idx).is_some() {
            errs.push(
                FieldPath::from(path).child("metadata").child("name"),
                Code::Duplicate,
                format!(
                    "pod `{}/{}` is listed twice",
                    clip(&info.namespace),
                    clip(&info.name)
                ),
            );
        }
        self.pods.push(info);
        if let Some(n) = node {
            self.bind(idx, n);
        }
    }

    /// Group the nodes into equivalence classes (the lever the issue names: the static
    /// filters then run once per class, not once per node).
    fn classify(&mut self) {
        /// A class's identity: the labels but the hostname, the taints, the cordon — the
        /// values themselves, so no two different label sets can collide.
        type Signature<'n> = (Vec<(&'n str, &'n str)>, Vec<(&'n str, &'n str, u8)>, bool);
        let mut by_signature: FastMap<Signature, usize> = FastMap::default();
        let mut node_class = Vec::with_capacity(self.nodes.len());
        let mut class_rep = Vec::new();
        for (i, n) in self.nodes.iter().enumerate() {
            let labels = n
                .labels
                .iter()
                .filter(|(k, _)| **k != self.keys.hostname)
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let taints = n
                .taints
                .iter()
                .map(|t| {
                    let effect = match t.effect {
                        TaintEffect::NoSchedule => 0,
                        TaintEffect::PreferNoSchedule => 1,
                        TaintEffect::NoExecute => 2,
                    };
                    (t.key.as_str(), t.value.as_str(), effect)
                })
                .collect();
            let next = class_rep.len();
            let class = *by_signature
                .entry((labels, taints, n.unschedulable))
                .or_insert(next);
            if class == next {
                class_rep.push(i);
            }
            node_class.push(class);
        }
        (self.node_class, self.class_rep) = (node_class, class_rep);
    }

    /// Whether a pod's node rules name nodes one by one (`metadata.name` fields or the
    /// hostname label): then nodes of a class may differ for it.
    pub(crate) fn names_nodes(&self, p: &PodInfo) -> bool {
        p.names_fields || p.node_keys.contains(&self.keys.hostname)
    }

    /// The filters that read only the node's labels, taints and cordon, in the default
    /// profile's order: cordon, taints, node affinity, then the seed's unit, sub-cluster and
    /// zone rules.
    pub(crate) fn static_filter(&self, p: &PodInfo, node: &NodeInfo) -> Option<Failure> {
        // NodeUnschedulable
        if node.unschedulable {
            let cordon = Taint {
                key: UNSCHEDULABLE_KEY.into(),
                value: String::new(),
                effect: TaintEffect::NoSchedule,
                time_added: None,
            };
            if !tolerated(&p.tolerations, &cordon) {
                return fail("NodeUnschedulable", "node(s) were unschedulable", true);
            }
        }
        // TaintToleration: the first untolerated NoSchedule/NoExecute taint.
        if let Some(i) = node.taints.iter().position(|t| {
            t.effect != TaintEffect::PreferNoSchedule && !tolerated(&p.tolerations, t)
        }) {
            return Some(Failure {
                plugin: "TaintToleration",
                reason: Reason::Taint(i),
                unresolvable: true,
            });
        }
        // NodeAffinity
        if !self.node_affinity_ok(p, node) {
            return fail(
                "NodeAffinity",
                "node(s) didn't match Pod's node affinity/selector",
                true,
            );
        }
        // The seed's rules: deployment units, sub-cluster isolation, zone-bound volumes.
        if !p.hints.units.is_empty()
            && !node
                .unit
                .as_ref()
                .is_some_and(|u| p.hints.units.contains(u))
        {
            return fail(
                "DeploymentUnit",
                "node(s) were not in the service's deployment units",
                true,
            );
        }
        let sub_cluster = node.sub_cluster;
        if p.hints.node_autoscaling && !sub_cluster {
            return fail("SubCluster", "node(s) were not in the sub-cluster", true);
        }
        if sub_cluster && !p.hints.node_autoscaling && !p.hints.daemon_set && !p.hints.system {
            return fail(
                "SubCluster",
                "node(s) were reserved for the sub-cluster",
                true,
            );
        }
        if let Some(z) = &p.hints.volume_zone
            && node.zone.as_ref() != Some(z)
        {
            return fail("VolumeZone", "node(s) had no available volume zone", true);
        }
        None
    }

    /// Put pod `p` on node `n` (updating the totals).
    pub(crate) fn bind(&mut self, p: usize, n: usize) {
        let Some(pod) = self.pods.get_mut(p) else {
            return;
        };
        pod.node = Some(n);
        let (req, nonzero) = (pod.req.clone(), pod.nonzero.clone());
        if let Some(node) = self.nodes.get_mut(n) {
            node.requested.add(&req);
            node.nonzero.add(&nonzero);
            node.pods.push(p);
        }
        self.count_in_group(p, n, true);
        self.refresh_hot(n);
    }

    /// Take pod `p` off its node.
    pub(crate) fn unbind(&mut self, p: usize) {
        let Some(pod) = self.pods.get_mut(p) else {
            return;
        };
        let Some(n) = pod.node.take() else { return };
        if let Some(node) = self.nodes.get_mut(n) {
            node.pods.retain(|&q| q != p);
        }
        let totals = self.requests_without(n, &[]);
        if let Some(node) = self.nodes.get_mut(n) {
            (node.requested, node.nonzero) = totals;
        }
        self.count_in_group(p, n, false);
        self.refresh_hot(n);
    }

    /// The requests (actual, and with the scoring defaults) of node `n`'s pods but those in
    /// `leaving`, summed afresh: a saturated sum cannot be undone by subtracting.
    pub(crate) fn requests_without(&self, n: usize, leaving: &[usize]) -> (Res, Res) {
        let (mut requested, mut nonzero) = (Res::default(), Res::default());
        let pods = self
            .nodes
            .get(n)
            .map_or(&[][..], |node| node.pods.as_slice());
        for q in pods
            .iter()
            .filter(|q| !leaving.contains(q))
            .filter_map(|&q| self.pods.get(q))
        {
            requested.add(&q.req);
            nonzero.add(&q.nonzero);
        }
        (requested, nonzero)
    }

    /// Whether any bound pod has inter-pod terms (symmetric rules could then apply).
    pub(crate) fn any_bound_terms(&self) -> bool {
        self.term_groups.iter().any(|&g| {
            self.groups
                .get(g as usize)
                .is_some_and(|g| !g.per_node.is_empty())
        })
    }

    /// NodeAffinity's required part: `nodeSelector` and required terms.
    pub(crate) fn node_affinity_ok(&self, p: &PodInfo, node: &NodeInfo) -> bool {
        p.node_selector
            .iter()
            .all(|(k, v)| node.labels.get(k) == Some(v))
            && p.required
                .as_ref()
                .is_none_or(|m| m.matches(&node.name, &node.labels))
    }
}

/// The snapshot's nodes, compiled and sorted by name, and each name's index; an unnamed or
/// twice-listed node is reported at its place in the snapshot.
fn compile_nodes(
    snapshot_nodes: &[Node],
    keys: &LabelKeys,
    errs: &mut ValidationErrors,
) -> (Vec<NodeInfo>, FastMap<String, usize>) {
    let mut order: Vec<usize> = (0..snapshot_nodes.len()).collect();
    order.sort_by(|a, b| {
        let name = |i: &usize| snapshot_nodes.get(*i).map(|n| n.metadata.name.as_str());
        name(a).cmp(&name(b))
    });
    let mut nodes = Vec::with_capacity(order.len());
    let mut node_by_name = map_with_capacity(order.len());
    for i in order {
        let Some(n) = snapshot_nodes.get(i) else {
            continue;
        };
        let name_path = || {
            FieldPath::root("nodes")
                .index(i)
                .child("metadata")
                .child("name")
        };
        if n.metadata.name.is_empty() {
            errs.push(name_path(), Code::Required, "a node has a name");
        }
        if node_by_name
            .insert(n.metadata.name.clone(), nodes.len())
            .is_some()
        {
            errs.push(
                name_path(),
                Code::Duplicate,
                format!("node `{}` is listed twice", clip(&n.metadata.name)),
            );
        }
        nodes.push(NodeInfo {
            unit: n.metadata.labels.get(&keys.unit).cloned(),
            zone: n.metadata.labels.get(&keys.zone).cloned(),
            sub_cluster: n.metadata.labels.get(&keys.sub_cluster) == Some(&keys.sub_cluster_value),
            name: n.metadata.name.clone(),
            labels: n.metadata.labels.clone(),
            taints: n.spec.taints.clone(),
            unschedulable: n.spec.unschedulable,
            alloc: res_of(&n.status.allocatable),
            alloc_pods: n
                .status
                .allocatable
                .get("pods")
                .map_or(110, |q| i64::try_from(q.value()).unwrap_or(i64::MAX)),
            requested: Res::default(),
            nonzero: Res::default(),
            pods: Vec::new(),
            source: n.clone(),
        });
    }
    (nodes, node_by_name)
}

#[cfg(test)]
mod tests {
    use super::Cluster;

    /// Taking a pod off a node whose requests summed past `i64` (and saturated) leaves the
    /// exact sum of the pods that stay, not the saturated sum minus the pod.
    #[test]
    fn unbind_recounts_past_saturation() -> Result<(), Box<dyn std::error::Error>> {
        let pod = |name: &str, mem: &str| {
            serde_json::json!({"metadata": {"name": name}, "spec": {"nodeName": "n1",
                "containers": [{"name": "c", "resources": {"requests": {"cpu": "1", "memory": mem}}}]}})
        };
        let snapshot = serde_json::from_value(serde_json::json!({
            "nodes": [{"metadata": {"name": "n1"}, "status": {"allocatable": {"cpu": "4", "memory": "4Gi"}}}],
            "pods": [pod("a", "7Ei"), pod("b", "7Ei"), pod("c", "1Gi")]}))?;
        let mut cluster = Cluster::build(&snapshot)?;
        let requested = |c: &Cluster| c.nodes.first().map(|n| (n.requested.cpu, n.requested.mem));
        assert_eq!(requested(&cluster), Some((3000, i64::MAX)));
        cluster.unbind(1);
        assert_eq!(
            requested(&cluster),
            Some((2000, 7 * (1i64 << 60) + (1 << 30)))
        );
        Ok(())
    }
}

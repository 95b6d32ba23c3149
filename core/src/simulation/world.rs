//! The simulated cluster: nodes and pods as the simulation keeps them, turned into the
//! scheduler's snapshot when pods need placing, and read back after.

use std::collections::BTreeMap;

use crate::model::app_service::{AppService, ResourceList};
use crate::model::kube::{
    Affinity, ContainerResources, NodeAffinity, ObjectMeta, Pod, PodContainer, PodHints, PodSpec,
};
use crate::model::labels::Labels;
use crate::model::quantity::Quantity;
use crate::scheduling::types::{ClusterSnapshot, LabelKeys, Node};

/// The group label the simulation puts on every node (the node pool or autoscaled group).
pub const GROUP_LABEL: &str = "weir.simulation/group";

/// A node of the simulated cluster.
#[derive(Debug, Clone)]
pub(crate) struct SimNode {
    pub(crate) node: Node,
    pub(crate) group: String,
    pub(crate) unit: String,
    /// Joins at this instant (seconds since start); `None`: ready.
    pub(crate) joins_at: Option<i64>,
    /// Allocatable CPU (millicores) and memory (bytes).
    pub(crate) cpu: u128,
    pub(crate) memory: u128,
    /// Provisioning fails: at `joins_at` the node is gone instead.
    pub(crate) fails: bool,
}

impl SimNode {
    pub(crate) fn new(node: Node, group: String, joins_at: Option<i64>) -> SimNode {
        let keys = LabelKeys::default();
        let unit = node
            .metadata
            .labels
            .get(&keys.unit)
            .cloned()
            .unwrap_or_default();
        let get = |k: &str| {
            node.status
                .allocatable
                .get(k)
                .map_or(0, |q| q.milli_value())
        };
        let (cpu, memory) = (get("cpu"), get("memory") / 1000);
        SimNode {
            node,
            group,
            unit,
            joins_at,
            cpu,
            memory,
            fails: false,
        }
    }

    pub(crate) fn ready(&self) -> bool {
        self.joins_at.is_none()
    }
}

/// A pod of the simulated cluster.
#[derive(Debug, Clone)]
pub(crate) struct SimPod {
    /// The app service; `None`: a slot pod.
    pub(crate) service: Option<String>,
    pub(crate) version: String,
    /// The unit it must go to (set once placed).
    pub(crate) unit: Option<String>,
    pub(crate) node: Option<String>,
    /// Since when it waits for a node.
    pub(crate) pending_since: Option<i64>,
    /// When it becomes ready (bound, started, probe passed) or fails.
    pub(crate) ready_at: Option<i64>,
    pub(crate) ready: bool,
    pub(crate) failed: bool,
    /// Creation order, for scale-down (the newest goes first).
    pub(crate) seq: u64,
    pub(crate) cpu: u128,
    pub(crate) memory: u128,
}

/// A service's pod as the scheduler sees it, per version.
#[derive(Debug, Clone)]
pub(crate) struct Template {
    pub(crate) pod: Pod,
    pub(crate) cpu: u128,
    pub(crate) memory: u128,
}

fn request(list: Option<&ResourceList>, cpu: bool) -> Option<Quantity> {
    let raw = list.and_then(|l| {
        if cpu {
            l.cpu.as_ref()
        } else {
            l.memory.as_ref()
        }
    })?;
    raw.parse().ok()
}

/// The pod a spec makes (its requests, units, node affinity, the service hint).
pub(crate) fn template(spec: &AppService, units: &[String]) -> Template {
    let mut containers = Vec::new();
    let (mut cpu, mut memory) = (0u128, 0u128);
    for c in &spec.template.containers {
        let mut requests = BTreeMap::new();
        let reqs = c.resources.as_ref().and_then(|r| r.requests.as_ref());
        if let Some(q) = request(reqs, true) {
            cpu = cpu.saturating_add(q.milli_value());
            requests.insert("cpu".to_owned(), q);
        }
        if let Some(q) = request(reqs, false) {
            memory = memory.saturating_add(q.milli_value() / 1000);
            requests.insert("memory".to_owned(), q);
        }
        containers.push(PodContainer {
            name: c.name.clone(),
            resources: ContainerResources {
                requests,
                limits: None,
            },
            restart_policy: None,
        });
    }
    let deploy = spec.deploy.as_ref();
    let affinity = deploy
        .and_then(|d| d.node_affinity.clone())
        .map(|required| Affinity {
            node_affinity: Some(NodeAffinity {
                required: Some(required),
                ..NodeAffinity::default()
            }),
            ..Affinity::default()
        });
    let mut labels = Labels::new();
    labels.insert("app".to_owned(), spec.app.clone());
    let pod = Pod {
        metadata: ObjectMeta {
            name: spec.name.clone(),
            namespace: spec.namespace.clone(),
            labels,
            deletion_timestamp: None,
        },
        spec: PodSpec {
            containers,
            affinity,
            ..PodSpec::default()
        },
        status: None,
        hints: Some(PodHints {
            service: Some(spec.name.clone()),
            units: units.to_vec(),
            node_autoscaling: spec.node_autoscaling.unwrap_or(false),
            ..PodHints::default()
        }),
    };
    Template { pod, cpu, memory }
}

/// The cluster as the scheduler's snapshot: ready nodes, and every pod with its node.
pub(crate) fn snapshot(
    nodes: &BTreeMap<String, SimNode>,
    pods: &BTreeMap<String, SimPod>,
    pod_of: impl Fn(&str, &SimPod) -> Option<Pod>,
) -> ClusterSnapshot {
    ClusterSnapshot {
        nodes: nodes
            .values()
            .filter(|n| n.ready())
            .map(|n| n.node.clone())
            .collect(),
        pods: pods
            .iter()
            .filter_map(|(name, p)| {
                let mut pod = pod_of(name, p)?;
                pod.spec.node_name = p.node.clone();
                if let (Some(u), Some(h)) = (&p.unit, pod.hints.as_mut()) {
                    h.units = vec![u.clone()];
                }
                Some(pod)
            })
            .collect(),
        ..ClusterSnapshot::default()
    }
}

/// Each ready node's requested CPU and memory, and the checks: every pod on a ready node,
/// and no node over its allocatable.
pub(crate) fn check_fit(
    nodes: &BTreeMap<String, SimNode>,
    pods: &BTreeMap<String, SimPod>,
) -> Vec<String> {
    // A hash map for speed; the problems are sorted before they leave.
    let mut used: crate::hash::FastMap<&str, (u128, u128, u32)> =
        crate::hash::map_with_capacity(nodes.len());
    let mut problems = Vec::new();
    for (name, p) in pods {
        let Some(n) = &p.node else { continue };
        match nodes.get(n) {
            Some(node) if node.ready() => {
                let e = used.entry(n.as_str()).or_default();
                e.0 = e.0.saturating_add(p.cpu);
                e.1 = e.1.saturating_add(p.memory);
                e.2 = e.2.saturating_add(1);
            }
            _ => problems.push(format!("pod {name} on node {n}, which is not ready")),
        }
    }
    for (n, (cpu, memory, _)) in &used {
        if let Some(node) = nodes.get(*n)
            && (*cpu > node.cpu || *memory > node.memory)
        {
            problems.push(format!("node {n} holds more than it has"));
        }
    }
    problems.sort();
    problems
}

/// The business and slot requests, and the ready nodes' allocatable (CPU millicores,
/// memory bytes).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Water {
    pub(crate) cpu: u128,
    pub(crate) memory: u128,
    pub(crate) slot_cpu: u128,
    pub(crate) alloc_cpu: u128,
    pub(crate) alloc_memory: u128,
    pub(crate) slots: u32,
    pub(crate) pending: u32,
    pub(crate) nodes: u32,
}

impl Water {
    pub(crate) fn measure(
        nodes: &BTreeMap<String, SimNode>,
        pods: &BTreeMap<String, SimPod>,
    ) -> Water {
        let mut w = Water::default();
        for n in nodes.values().filter(|n| n.ready()) {
            w.alloc_cpu = w.alloc_cpu.saturating_add(n.cpu);
            w.alloc_memory = w.alloc_memory.saturating_add(n.memory);
            w.nodes = w.nodes.saturating_add(1);
        }
        for p in pods.values() {
            if p.node.is_none() {
                w.pending = w.pending.saturating_add(1);
                continue;
            }
            if p.service.is_some() {
                w.cpu = w.cpu.saturating_add(p.cpu);
                w.memory = w.memory.saturating_add(p.memory);
            } else {
                w.slot_cpu = w.slot_cpu.saturating_add(p.cpu);
                w.slots = w.slots.saturating_add(1);
            }
        }
        w
    }

    pub(crate) fn percent(used: u128, of: u128) -> f64 {
        if of == 0 {
            0.0
        } else {
            // Rounded to 0.01 so that outputs are stable text.
            ((used as f64) * 10_000.0 / (of as f64)).round() / 100.0
        }
    }
}

/// The nodes of a node pool.
pub(crate) fn pool_nodes(
    pool: &super::scenario::NodePool,
    zone: &str,
) -> impl Iterator<Item = Node> {
    let keys = LabelKeys::default();
    let mut labels = pool.labels.clone();
    labels.insert(keys.unit.clone(), pool.unit.clone());
    labels.insert(keys.zone.clone(), zone.to_owned());
    labels.insert(GROUP_LABEL.to_owned(), pool.name.clone());
    let mut allocatable = BTreeMap::new();
    allocatable.insert("cpu".to_owned(), pool.cpu);
    allocatable.insert("memory".to_owned(), pool.memory);
    if let Ok(q) = Quantity::parse(&pool.pods.unwrap_or(110).to_string()) {
        allocatable.insert("pods".to_owned(), q);
    }
    let (name, taints) = (pool.name.clone(), pool.taints.clone());
    (1..=pool.count).map(move |k| {
        let mut labels = labels.clone();
        labels.insert(keys.hostname.clone(), format!("{name}-{k}"));
        Node {
            metadata: ObjectMeta {
                name: format!("{name}-{k}"),
                labels,
                ..ObjectMeta::default()
            },
            spec: crate::model::kube::NodeSpec {
                taints: taints.clone(),
                unschedulable: false,
            },
            status: crate::model::kube::NodeStatus {
                allocatable: allocatable.clone(),
            },
        }
    })
}

//! The water level (seed 9.3): business requests on the managed nodes over their
//! allocatable, the reserve the upper mark implies and the slot pods that hold it; and the
//! per-node utilisation scale-down reads.

use super::config::{AutoscalerConfig, millis, units};
use super::types::WaterLevel;
use crate::model::quantity::{Quantity, QuantityFormat};
use crate::scheduling::Cluster;

/// Taint keys Kubernetes puts on a node that is not ready (the node lifecycle
/// controller's `node.kubernetes.io/not-ready` and `node.kubernetes.io/unreachable`): such
/// a node is unready for the autoscaler.
pub(crate) const UNREADY_TAINTS: [&str; 2] = [
    "node.kubernetes.io/not-ready",
    "node.kubernetes.io/unreachable",
];

/// What a step reads about the cluster's nodes.
pub(crate) struct View {
    /// Per compiled node (the cluster's order), its group.
    pub group_of: Vec<Option<usize>>,
    /// Per compiled node, unready.
    pub unready: Vec<bool>,
    /// Per group, its nodes.
    pub size: Vec<i32>,
    /// Every node's allocatable CPU (millicores) and memory, summed.
    pub total_cpu: i64,
    /// See `total_cpu`.
    pub total_mem: i64,
}

impl View {
    pub(crate) fn new(cfg: &AutoscalerConfig, cluster: &Cluster) -> View {
        let by_name: std::collections::BTreeMap<&str, usize> = cfg
            .node_groups
            .iter()
            .enumerate()
            .map(|(i, g)| (g.name.as_str(), i))
            .collect();
        let mut v = View {
            group_of: Vec::with_capacity(cluster.nodes.len()),
            unready: Vec::with_capacity(cluster.nodes.len()),
            size: vec![0; cfg.node_groups.len()],
            total_cpu: 0,
            total_mem: 0,
        };
        for n in &cluster.nodes {
            let g = n
                .labels
                .get(&cfg.group_label)
                .and_then(|name| by_name.get(name.as_str()).copied());
            if let Some(s) = g.and_then(|g| v.size.get_mut(g)) {
                *s = s.saturating_add(1);
            }
            v.group_of.push(g);
            v.unready.push(
                n.taints
                    .iter()
                    .any(|t| UNREADY_TAINTS.contains(&t.key.as_str())),
            );
            v.total_cpu = v.total_cpu.saturating_add(n.alloc.cpu);
            v.total_mem = v.total_mem.saturating_add(n.alloc.mem);
        }
        v
    }
}

/// A node's business requests and the allocatable they are measured against: slot pods
/// left out, and DaemonSet pods too when ignored (CA `utilization/info.go` then takes
/// their requests off the allocatable as well).
pub(crate) fn node_usage(cfg: &AutoscalerConfig, cluster: &Cluster, n: usize) -> [(i64, i64); 2] {
    let Some(node) = cluster.nodes.get(n) else {
        return [(0, 0); 2];
    };
    let (mut cpu, mut mem) = (0i64, 0i64);
    let (mut alloc_cpu, mut alloc_mem) = (node.alloc.cpu, node.alloc.mem);
    for p in node.pods.iter().filter_map(|&i| cluster.pods.get(i)) {
        if p.hints.slot {
            continue;
        }
        if p.hints.daemon_set && cfg.ignore_daemon_set_utilization {
            alloc_cpu = alloc_cpu.saturating_sub(p.req.cpu);
            alloc_mem = alloc_mem.saturating_sub(p.req.mem);
            continue;
        }
        cpu = cpu.saturating_add(p.req.cpu);
        mem = mem.saturating_add(p.req.mem);
    }
    [(cpu, alloc_cpu), (mem, alloc_mem)]
}

/// `used / alloc` in percent, two decimals (0 without allocatable).
pub(crate) fn percent(used: i64, alloc: i64) -> f64 {
    if alloc <= 0 {
        return 0.0;
    }
    let p = used as f64 * 100.0 / alloc as f64;
    (p * 100.0).round() / 100.0
}

/// `ceil(a × b / c)` in 128 bits, clamped to `i64` (0 for `c ≤ 0`).
pub(crate) fn mul_div_ceil(a: i64, b: i64, c: i64) -> i64 {
    if c <= 0 {
        return 0;
    }
    let v = (i128::from(a) * i128::from(b) + i128::from(c) - 1).div_euclid(i128::from(c));
    i64::try_from(v.max(0)).unwrap_or(i64::MAX)
}

fn cpu_q(m: i64) -> Quantity {
    Quantity::from_millis(
        u64::try_from(m.max(0)).unwrap_or(0),
        QuantityFormat::DecimalSI,
    )
    .unwrap_or(Quantity::ZERO)
}

fn mem_q(b: i64) -> Quantity {
    Quantity::from_units(
        u64::try_from(b.max(0)).unwrap_or(0),
        QuantityFormat::BinarySI,
    )
    .unwrap_or(Quantity::ZERO)
}

/// The managed nodes' water level and the slot-pod delta.
pub(crate) fn level(cfg: &AutoscalerConfig, cluster: &Cluster, view: &View) -> WaterLevel {
    let (mut alloc_cpu, mut alloc_mem, mut cpu, mut mem) = (0i64, 0i64, 0i64, 0i64);
    for (n, g) in view.group_of.iter().enumerate() {
        if g.is_none() {
            continue;
        }
        // The level divides by the whole allocatable (seed 9.3): DaemonSet requests leave
        // the numerator only.
        let [(c, _), (m, _)] = node_usage(cfg, cluster, n);
        if let Some(node) = cluster.nodes.get(n) {
            alloc_cpu = alloc_cpu.saturating_add(node.alloc.cpu);
            alloc_mem = alloc_mem.saturating_add(node.alloc.mem);
        }
        cpu = cpu.saturating_add(c);
        mem = mem.saturating_add(m);
    }
    let reserve = if cfg.scale_up.enabled {
        i64::from(100 - cfg.scale_up.threshold.clamp(0, 100))
    } else {
        0
    };
    let reserved_cpu = mul_div_ceil(alloc_cpu, reserve, 100);
    let reserved_mem = mul_div_ceil(alloc_mem, reserve, 100);
    let (slot_cpu, slot_mem) = (millis(&cfg.slot_pod.cpu), units(&cfg.slot_pod.memory));
    let need = |reserved: i64, each: i64| {
        if each > 0 {
            mul_div_ceil(reserved, 1, each)
        } else {
            0
        }
    };
    let desired = need(reserved_cpu, slot_cpu).max(need(reserved_mem, slot_mem));
    let desired = i32::try_from(desired).unwrap_or(i32::MAX);
    let slots = cluster.pods.iter().filter(|p| p.hints.slot).count();
    let slots = i32::try_from(slots).unwrap_or(i32::MAX);
    WaterLevel {
        cpu: percent(cpu, alloc_cpu),
        memory: percent(mem, alloc_mem),
        allocatable_cpu: cpu_q(alloc_cpu),
        allocatable_memory: mem_q(alloc_mem),
        reserved_cpu: cpu_q(reserved_cpu),
        reserved_memory: mem_q(reserved_mem),
        slots,
        desired_slots: desired,
        slot_delta: desired.saturating_sub(slots),
    }
}

//! The water level (seed 9.3): business requests on the managed nodes over their
//! allocatable, the reserve the upper mark implies and the slot pods that hold it; and the
//! unready-node rule.

use super::config::{AutoscalerConfig, millis, units};
use super::facts::Facts;
use super::types::WaterLevel;
use crate::model::quantity::{Quantity, QuantityFormat};

/// Taint keys Kubernetes puts on a node that is not ready (the node lifecycle
/// controller's `node.kubernetes.io/not-ready` and `node.kubernetes.io/unreachable`): such
/// a node is unready for the autoscaler.
pub(crate) const UNREADY_TAINTS: [&str; 2] = [
    "node.kubernetes.io/not-ready",
    "node.kubernetes.io/unreachable",
];

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
pub(crate) fn level(cfg: &AutoscalerConfig, facts: &Facts) -> WaterLevel {
    let (mut alloc_cpu, mut alloc_mem, mut cpu, mut mem) = (0i64, 0i64, 0i64, 0i64);
    // The level divides by the whole allocatable (seed 9.3): DaemonSet requests leave
    // the numerator only.
    for n in facts.nodes.iter().filter(|n| n.group.is_some()) {
        alloc_cpu = alloc_cpu.saturating_add(n.alloc[0]);
        alloc_mem = alloc_mem.saturating_add(n.alloc[1]);
        cpu = cpu.saturating_add(n.business[0]);
        mem = mem.saturating_add(n.business[1]);
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
    let slots = facts.slots;
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

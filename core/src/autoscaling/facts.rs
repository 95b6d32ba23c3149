//! What a step reads from a snapshot without compiling it for the scheduler: per node its
//! group, readiness, allocatable and requested totals; the pending pods; the lowest
//! priority bound anywhere. A step compiles the cluster only when the scheduler must
//! decide something (a pending pod might fit an existing node, or a node may go), so a
//! step over a full cluster costs a pass over its totals.
//!
//! The snapshot's structure is checked here as the scheduler checks it (limits, node
//! names, unknown `nodeName`, pods named twice), with the same paths and codes.

use super::config::AutoscalerConfig;
use super::water::UNREADY_TAINTS;
use crate::error::{FieldErrorCode as Code, Result, ValidationErrors, clip};
use crate::hash::FastMap;
use crate::model::kube::Pod;
use crate::scheduling::types::ClusterSnapshot;
use crate::scheduling::{SLOT_PRIORITY, check_name, pod_requests};

/// One node's facts.
pub(crate) struct NodeFact<'a> {
    pub name: &'a str,
    pub group: Option<usize>,
    pub unready: bool,
    /// Allocatable CPU (millicores), memory (bytes), pods.
    pub alloc: [i64; 3],
    /// Requested by every bound pod: CPU, memory, pod count.
    pub used: [i64; 3],
    /// Business requests (slot pods out; DaemonSet pods out when ignored).
    pub business: [i64; 2],
    /// DaemonSet requests, when ignored (CA takes them off the allocatable too).
    pub daemon_sets: [i64; 2],
}

/// The step's reading of a snapshot.
pub(crate) struct Facts<'a> {
    /// In snapshot order.
    pub nodes: Vec<NodeFact<'a>>,
    /// Per group, its nodes.
    pub size: Vec<i32>,
    pub total_cpu: i64,
    pub total_mem: i64,
    /// Slot pods, bound and pending.
    pub slots: i32,
    /// The pending pods (snapshot indices), with their CPU and memory requests.
    pub pending: Vec<(usize, i64, i64)>,
    /// The lowest effective priority among bound pods (`i64::MAX`: none).
    pub min_bound: i64,
}

/// A pod's effective priority (slot pods below every other).
pub(crate) fn priority(p: &Pod) -> i64 {
    if p.hints.as_ref().is_some_and(|h| h.slot) {
        SLOT_PRIORITY
    } else {
        i64::from(p.spec.priority.unwrap_or(0))
    }
}

fn alloc_of(n: &crate::model::kube::Node) -> [i64; 3] {
    let a = &n.status.allocatable;
    let get = |k: &str, milli: bool| {
        a.get(k).map_or(0, |q| {
            let v = if milli {
                q.milli_value()
            } else {
                u128::from(q.value())
            };
            i64::try_from(v).unwrap_or(i64::MAX)
        })
    };
    let pods = a
        .get("pods")
        .map_or(110, |q| i64::try_from(q.value()).unwrap_or(i64::MAX));
    [get("cpu", true), get("memory", false), pods]
}

impl<'a> Facts<'a> {
    pub(crate) fn new(cfg: &AutoscalerConfig, snap: &'a ClusterSnapshot) -> Result<Facts<'a>> {
        crate::scheduling::limits::check_snapshot(snap.nodes.len(), snap.pods.len())?;
        crate::scheduling::limits::check_pdbs(&snap.pod_disruption_budgets, &snap.pods)?;
        let groups: FastMap<&str, usize> = cfg
            .node_groups
            .iter()
            .enumerate()
            .map(|(i, g)| (g.name.as_str(), i))
            .collect();
        let mut errs = ValidationErrors::new();
        let mut by_name: FastMap<&str, usize> = FastMap::default();
        let mut f = Facts {
            nodes: Vec::with_capacity(snap.nodes.len()),
            size: vec![0; cfg.node_groups.len()],
            total_cpu: 0,
            total_mem: 0,
            slots: 0,
            pending: Vec::new(),
            min_bound: i64::MAX,
        };
        for (i, n) in snap.nodes.iter().enumerate() {
            let name = n.metadata.name.as_str();
            if name.is_empty() {
                errs.push(
                    format!("nodes[{i}].metadata.name"),
                    Code::Required,
                    "a node has a name",
                );
            }
            if by_name.insert(name, i).is_some() {
                errs.push(
                    format!("nodes[{i}].metadata.name"),
                    Code::Duplicate,
                    format!("node `{}` is listed twice", clip(name)),
                );
            }
            let group = n
                .metadata
                .labels
                .get(&cfg.group_label)
                .and_then(|g| groups.get(g.as_str()).copied());
            if let Some(s) = group.and_then(|g| f.size.get_mut(g)) {
                *s = s.saturating_add(1);
            }
            let alloc = alloc_of(n);
            f.total_cpu = f.total_cpu.saturating_add(alloc[0]);
            f.total_mem = f.total_mem.saturating_add(alloc[1]);
            f.nodes.push(NodeFact {
                name,
                group,
                unready: n
                    .spec
                    .taints
                    .iter()
                    .any(|t| UNREADY_TAINTS.contains(&t.key.as_str())),
                alloc,
                used: [0; 3],
                business: [0; 2],
                daemon_sets: [0; 2],
            });
        }
        f.read_pods(cfg, snap, &by_name, &mut errs);
        // The budgets are checked on every step, not only when scale-down compiles the
        // cluster, so a bad one is refused whatever the step decides.
        let _ = crate::model::pdb::compile_all(&snap.pod_disruption_budgets, &mut errs);
        errs.into_result(f)
    }

    fn read_pods(
        &mut self,
        cfg: &AutoscalerConfig,
        snap: &ClusterSnapshot,
        by_name: &FastMap<&str, usize>,
        errs: &mut ValidationErrors,
    ) {
        let mut ids: FastMap<(&str, &str), ()> = FastMap::default();
        for (i, p) in snap.pods.iter().enumerate() {
            let path = format!("pods[{i}]");
            check_name(p, &path, errs);
            // The scheduler's order: the name, the node, then a repeat.
            let node = p.spec.node_name.as_deref().map(|name| {
                let n = by_name.get(name).copied();
                if n.is_none() {
                    errs.push(
                        format!("{path}.spec.nodeName"),
                        Code::Invalid,
                        format!("node `{}` is not in the snapshot", clip(name)),
                    );
                }
                n
            });
            let ns = p.metadata.namespace.as_deref().unwrap_or("default");
            if ids.insert((ns, p.metadata.name.as_str()), ()).is_some() {
                errs.push(
                    format!("{path}.metadata.name"),
                    Code::Duplicate,
                    format!(
                        "pod `{}/{}` is listed twice",
                        clip(ns),
                        clip(&p.metadata.name)
                    ),
                );
            }
            let hints = p.hints.clone().unwrap_or_default();
            if hints.slot {
                self.slots = self.slots.saturating_add(1);
            }
            let r = pod_requests(p, false);
            let Some(node) = node else {
                self.pending.push((i, r.cpu, r.mem));
                continue;
            };
            let Some(n) = node.and_then(|n| self.nodes.get_mut(n)) else {
                continue;
            };
            self.min_bound = self.min_bound.min(priority(p));
            n.used[0] = n.used[0].saturating_add(r.cpu);
            n.used[1] = n.used[1].saturating_add(r.mem);
            n.used[2] = n.used[2].saturating_add(1);
            if hints.slot {
                continue;
            }
            let slot = if hints.daemon_set && cfg.ignore_daemon_set_utilization {
                &mut n.daemon_sets
            } else {
                &mut n.business
            };
            slot[0] = slot[0].saturating_add(r.cpu);
            slot[1] = slot[1].saturating_add(r.mem);
        }
    }

    /// Whether the scheduler must look at the pending pods: one might fit some node by its
    /// totals (taints, selectors and the like aside), or might preempt a lower priority.
    /// Otherwise every pending pod is stuck, and the scheduler would say so.
    pub(crate) fn pending_may_fit(&self, snap: &ClusterSnapshot) -> bool {
        if self.pending.is_empty() {
            return false;
        }
        let preempts = self.pending.iter().any(|&(i, _, _)| {
            snap.pods.get(i).is_some_and(|p| {
                priority(p) > self.min_bound
                    && p.spec.preemption_policy != Some(crate::PreemptionPolicy::Never)
            })
        });
        if preempts {
            return true;
        }
        // Each distinct request shape once, against every node's free room.
        let mut shapes: Vec<(i64, i64)> = self.pending.iter().map(|&(_, c, m)| (c, m)).collect();
        shapes.sort_unstable();
        shapes.dedup();
        if shapes.len().saturating_mul(self.nodes.len()) > super::limits::MAX_TEMPLATE_CHECKS * 100
        {
            return true;
        }
        shapes.iter().any(|&(cpu, mem)| {
            self.nodes.iter().any(|n| {
                // NodeResourcesFit on the totals (`fitsRequest`: a zero request fits).
                let short = |want: i64, alloc: i64, used: i64| {
                    want > 0 && want > alloc.saturating_sub(used)
                };
                n.used[2] < n.alloc[2]
                    && !short(cpu, n.alloc[0], n.used[0])
                    && !short(mem, n.alloc[1], n.used[1])
            })
        })
    }

    /// A node's business requests and the allocatable they are measured against.
    pub(crate) fn usage(&self, n: usize) -> [(i64, i64); 2] {
        self.nodes.get(n).map_or([(0, 0); 2], |f| {
            [
                (f.business[0], f.alloc[0].saturating_sub(f.daemon_sets[0])),
                (f.business[1], f.alloc[1].saturating_sub(f.daemon_sets[1])),
            ]
        })
    }
}

//! The operations on a snapshot: `schedule_one`, `schedule_all` (with preemption), `place`
//! (even over units, with spill-over), `drain`, `taint_evictions`, `fits_template`.

mod decide;
mod preempt;

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub(crate) use self::decide::capped;
use super::cluster::Cluster;
use super::nodes::tolerates;
use super::pods::PodInfo;
use super::types::{ClusterSnapshot, Node, Pod, TaintEffect};
use crate::error::{Error, FieldErrorCode as Code, FieldPath, Result, ValidationErrors, clip};
use crate::hash::FastSet;

/// Input of [`schedule_one`] and [`fits_template`]-like calls: a snapshot and a pod.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScheduleOneInput {
    /// The cluster.
    pub snapshot: ClusterSnapshot,
    /// The pod to place (its `nodeName` is ignored).
    pub pod: Pod,
}

/// Why one node was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct NodeRefusal {
    /// The node.
    pub node: String,
    /// The Filter plugin that refused it.
    pub plugin: String,
    /// kube-scheduler's reason text (one entry per short resource).
    pub reasons: Vec<String>,
    /// Preemption cannot help on this node (`UnschedulableAndUnresolvable`).
    pub unresolvable: bool,
}

/// One candidate node's score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct NodeScore {
    /// The node.
    pub node: String,
    /// Σ plugin score × weight.
    pub total: i32,
    /// Each plugin's weighted score.
    pub plugins: BTreeMap<String, i32>,
}

/// A preemption: the node and the pods removed to make room.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Preemption {
    /// The node chosen.
    pub node: String,
    /// The victims, `namespace/name`, most important first.
    pub victims: Vec<String>,
    /// Why this node: the `pickOneNodeForPreemption` rule of its closest contest.
    pub reason: String,
    /// Nodes where removing lower-priority pods would make room, with their victims.
    pub candidates: Vec<PreemptionCandidate>,
}

/// A node preemption could use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PreemptionCandidate {
    /// The node.
    pub node: String,
    /// Its minimal victims, `namespace/name`.
    pub victims: Vec<String>,
    /// Why it was not chosen: the `pickOneNodeForPreemption` rule the chosen node won by
    /// (absent on the chosen node).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lost_by: Option<String>,
}

/// Where one pod goes, or why it cannot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Placement {
    /// `namespace/name`.
    pub pod: String,
    /// The node; absent: unschedulable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
    /// How many nodes passed every filter.
    pub feasible_nodes: u32,
    /// The best candidates (at most 5), best first; the first is the choice.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scores: Vec<NodeScore>,
    /// Why each refused node was refused (unschedulable pods; capped at 1,000 nodes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refusals: Vec<NodeRefusal>,
    /// kube-scheduler's summary (`0/5 nodes are available: ...`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Set when the pod got its node by preempting others.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preemption: Option<Preemption>,
}

pub(crate) fn pod_id(p: &PodInfo) -> String {
    format!("{}/{}", p.namespace, p.name)
}

/// Add one pod (unbound), its index back.
pub(crate) fn add_pod(cluster: &mut Cluster, pod: &Pod, path: &str) -> Result<usize> {
    add_pods(cluster, std::slice::from_ref(pod), |_| path.to_owned())?;
    Ok(cluster.pods.len() - 1)
}

/// Add pods (unbound), the `i`th reported at `path(i)`. Every pod is compiled and checked
/// (its rules, a name, not already in the cluster or earlier in `pods`) before any is
/// added: a refused call adds nothing.
pub(crate) fn add_pods(
    cluster: &mut Cluster,
    pods: &[Pod],
    path: impl Fn(usize) -> String,
) -> Result<()> {
    let first = path(0);
    let list = first.strip_suffix("[0]").unwrap_or(&first);
    super::limits::check_added(cluster.pods.len(), pods.len(), list)?;
    let mut errs = ValidationErrors::new();
    let mut infos = Vec::with_capacity(pods.len());
    let mut names: FastSet<String> = FastSet::default();
    for (i, pod) in pods.iter().enumerate() {
        let path = path(i);
        let info = cluster.compile_pod(pod, &path, &mut errs);
        let id = pod_id(&info);
        if cluster.ids.contains_key(&id) || !names.insert(id.clone()) {
            errs.push(
                FieldPath::from(path.as_str())
                    .child("metadata")
                    .child("name"),
                Code::Duplicate,
                format!("pod `{}` is already in the snapshot", clip(&id)),
            );
        }
        infos.push((id, info));
    }
    errs.into_result(())?;
    for (id, info) in infos {
        cluster.ids.insert(id, cluster.pods.len());
        cluster.pods.push(info);
    }
    Ok(())
}

/// Where kube-scheduler would put one pod (no preemption, nothing changes): the node with
/// its score breakdown, or every node's refusal and the summary line.
///
/// # Errors
///
/// [`Error::Validation`] for a malformed snapshot or pod (duplicate names, unknown
/// `nodeName`, bad selectors).
pub fn schedule_one(input: &ScheduleOneInput) -> Result<Placement> {
    let mut cluster = Cluster::build(&input.snapshot)?;
    let pod = add_pod(&mut cluster, &input.pod, "pod")?;
    Ok(capped(cluster.decide_added(pod)?))
}

/// Input of [`schedule_all`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScheduleAllInput {
    /// The cluster; its pending pods are scheduled too.
    pub snapshot: ClusterSnapshot,
    /// More pods to schedule.
    #[serde(default)]
    pub pods: Vec<Pod>,
    /// Preempt lower-priority pods when nothing fits; default true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preemption: Option<bool>,
}

/// The result of [`schedule_all`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleAllResult {
    /// One per pending pod, in the order they were scheduled.
    pub placements: Vec<Placement>,
    /// Pods removed by preemption, `namespace/name`.
    pub evicted: Vec<String>,
    /// The snapshot afterwards (bound pods have `nodeName`; victims are gone).
    pub snapshot: ClusterSnapshot,
}

/// Schedule every pending pod: priority descending, then the given order (the snapshot's
/// pending pods first), each seeing the ones placed before it; with preemption.
///
/// # Errors
///
/// As [`schedule_one`].
pub fn schedule_all(input: &ScheduleAllInput) -> Result<ScheduleAllResult> {
    let mut cluster = Cluster::build(&input.snapshot)?;
    cluster.check_pending_work(input.pods.len())?;
    add_pods(&mut cluster, &input.pods, |i| {
        FieldPath::root("pods").index(i).into()
    })?;
    let pending = cluster.pending_in_order();
    let (placements, evicted) = cluster.run_pending(pending, input.preemption.unwrap_or(true));
    Ok(ScheduleAllResult {
        placements,
        evicted,
        snapshot: cluster.snapshot(&input.snapshot),
    })
}

/// Input of [`fits_template`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FitsTemplateInput {
    /// The pod.
    pub pod: Pod,
    /// A node as a node group would create it (empty).
    pub node: Node,
    /// Label keys, if not the seed's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_keys: Option<super::types::LabelKeys>,
}

/// Whether a pod fits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Fit {
    /// Every filter passed.
    pub fits: bool,
    /// The refusal, when it does not fit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refusal: Option<NodeRefusal>,
}

/// Would the pod fit on a new, empty node of this template (the autoscaler's predicate)?
///
/// # Errors
///
/// As [`schedule_one`].
pub fn fits_template(input: &FitsTemplateInput) -> Result<Fit> {
    let snapshot = ClusterSnapshot {
        nodes: vec![input.node.clone()],
        label_keys: input.label_keys.clone(),
        ..ClusterSnapshot::default()
    };
    let mut cluster = Cluster::build(&snapshot)?;
    let pod = add_pod(&mut cluster, &input.pod, "pod")?;
    let p = cluster
        .pods
        .get(pod)
        .cloned()
        .ok_or_else(|| Error::invalid_input("pod"))?;
    let ctx = cluster.context(&p);
    let f = cluster.filter(&p, 0, &ctx, true);
    Ok(Fit {
        fits: f.is_none(),
        refusal: f.map(|f| NodeRefusal {
            node: input.node.metadata.name.clone(),
            plugin: f.plugin.to_owned(),
            reasons: f.texts(cluster.nodes.first()),
            unresolvable: f.unresolvable,
        }),
    })
}

/// Input of [`drain`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DrainInput {
    /// The cluster.
    pub snapshot: ClusterSnapshot,
    /// The node to drain.
    pub node: String,
}

/// The result of [`drain`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DrainResult {
    /// Evicted pods and where they went (or why they are pending).
    pub placements: Vec<Placement>,
    /// Pods that stay: DaemonSet pods (not evicted) and pods on node-local storage
    /// (cannot move), `namespace/name` with the reason.
    pub kept: Vec<KeptPod>,
    /// The snapshot afterwards (the node cordoned).
    pub snapshot: ClusterSnapshot,
}

/// A pod a drain leaves in place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct KeptPod {
    /// `namespace/name`.
    pub pod: String,
    /// Why.
    pub reason: String,
}

/// `kubectl drain` before a node is removed (seed 4.7): cordon it, evict its pods except
/// DaemonSet pods, and reschedule them elsewhere (no preemption). A pod on node-local
/// storage cannot move: it is reported and left (the caller decides).
///
/// # Errors
///
/// [`Error::NotFound`] for an unknown node; as [`schedule_one`] otherwise.
pub fn drain(input: &DrainInput) -> Result<DrainResult> {
    let mut snapshot = input.snapshot.clone();
    let Some(node) = snapshot
        .nodes
        .iter_mut()
        .find(|n| n.metadata.name == input.node)
    else {
        return Err(Error::NotFound {
            kind: "node".into(),
            id: input.node.clone(),
        });
    };
    node.spec.unschedulable = true;
    let mut cluster = Cluster::build(&snapshot)?;
    let (placements, kept) = drain_cordoned(&mut cluster, &input.node);
    Ok(DrainResult {
        placements,
        kept,
        snapshot: cluster.snapshot(&snapshot),
    })
}

/// [`drain`] on a compiled cluster whose node `node` is already cordoned: the placements
/// of the evicted pods and the pods kept.
pub(crate) fn drain_cordoned(cluster: &mut Cluster, node: &str) -> (Vec<Placement>, Vec<KeptPod>) {
    let n = cluster.node_by_name.get(node).copied();
    let mut kept = Vec::new();
    let mut moving = Vec::new();
    for i in n
        .and_then(|n| cluster.nodes.get(n))
        .map(|n| n.pods.clone())
        .unwrap_or_default()
    {
        let Some(p) = cluster.pods.get(i) else {
            continue;
        };
        if p.hints.daemon_set {
            kept.push(KeptPod {
                pod: pod_id(p),
                reason: "DaemonSet pod: not evicted".into(),
            });
        } else if p.hints.local_storage {
            kept.push(KeptPod {
                pod: pod_id(p),
                reason: "uses node-local storage: cannot move".into(),
            });
        } else {
            moving.push(pod_id(p));
        }
    }
    for id in &moving {
        if let Some(&i) = cluster.ids.get(id) {
            cluster.unbind(i);
        }
    }
    // As the scheduling queue would: higher priority first, then the node's order.
    let priority = |id: &String| {
        cluster
            .ids
            .get(id)
            .and_then(|&i| cluster.pods.get(i))
            .map_or(i64::MIN, |p| p.priority)
    };
    let mut moving: Vec<(i64, String)> = moving.into_iter().map(|id| (priority(&id), id)).collect();
    moving.sort_by_key(|(prio, _)| std::cmp::Reverse(*prio));
    let mut placements = Vec::new();
    for (_, id) in moving {
        if let Some(&i) = cluster.ids.get(&id) {
            placements.push(cluster.schedule(i, false));
        }
    }
    (placements, kept)
}

/// Input of [`taint_evictions`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TaintEvictionsInput {
    /// The cluster.
    pub snapshot: ClusterSnapshot,
    /// The caller's clock, RFC 3339 (a taint without `timeAdded` counts from now).
    pub now: String,
}

/// A pod a `NoExecute` taint evicts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TaintEviction {
    /// `namespace/name`.
    pub pod: String,
    /// Its node.
    pub node: String,
    /// The taint that evicts it first, as `Taint.ToString()` writes it (`key=value:NoExecute`,
    /// `key:NoExecute` without a value).
    pub taint: String,
    /// When (RFC 3339 UTC): `timeAdded` (or now, if later or absent) when no toleration
    /// matches; else `timeAdded` + the smallest `tolerationSeconds` among the matching
    /// tolerations that have one.
    pub evict_at: String,
}

/// The taint manager's decisions (`pkg/controller/tainteviction`, `processPodOnNode` and
/// `getMinTolerationTime`): each bound pod on a node with `NoExecute` taints is evicted
/// once, at the earliest time any of them sets; a taint whose matching tolerations have no
/// `tolerationSeconds` keeps the pod forever. Times count from the taint's `timeAdded`
/// (the taint manager counts from when it saw the taint; the snapshot carries no such
/// memory). Sorted by time, then pod.
///
/// # Errors
///
/// [`Error::Validation`] for a bad `now` or `timeAdded`; as [`schedule_one`] otherwise.
pub fn taint_evictions(input: &TaintEvictionsInput) -> Result<Vec<TaintEviction>> {
    let now = crate::time::unix_seconds(&input.now)?;
    evictions_at(&Cluster::build(&input.snapshot)?, now)
}

/// [`taint_evictions`] on a compiled cluster, at `now` (Unix seconds).
pub(crate) fn evictions_at(cluster: &Cluster, now: f64) -> Result<Vec<TaintEviction>> {
    let mut errs = ValidationErrors::new();
    let mut out: Vec<(f64, TaintEviction)> = Vec::new();
    for p in &cluster.pods {
        let Some(node) = p.node.and_then(|n| cluster.nodes.get(n)) else {
            continue;
        };
        let mut earliest: Option<(f64, String)> = None;
        for (ti, t) in node
            .taints
            .iter()
            .enumerate()
            .filter(|(_, t)| t.effect == TaintEffect::NoExecute)
        {
            let added = match &t.time_added {
                Some(s) => {
                    let path = || {
                        (FieldPath::root("nodes").key(&node.name))
                            .child("spec")
                            .child("taints")
                            .index(ti)
                            .child("timeAdded")
                    };
                    let Some(v) = crate::time::check(s, path, &mut errs) else {
                        continue;
                    };
                    v
                }
                None => now,
            };
            // `GetMatchingTolerations` takes the first toleration that matches a taint;
            // `getMinTolerationTime`: its `tolerationSeconds` (≤ 0: at once), none: forever.
            // An eviction after the last instant weir names (the end of year 9999) is as
            // good as never, and is reported as a toleration without a limit is.
            let at = match p.tolerations.iter().find(|x| tolerates(x, t)) {
                None => Some(added.min(now)),
                Some(x) => x
                    .toleration_seconds
                    .map(|s| added + f64::from(s.max(0)))
                    .filter(|at| *at <= crate::time::MAX_UNIX_SECONDS as f64),
            };
            if let Some(at) = at
                && earliest.as_ref().is_none_or(|(e, _)| at < *e)
            {
                // `Taint.ToString()`: `key=value:effect`, or `key:effect` without a value.
                let text = if t.value.is_empty() {
                    format!("{}:NoExecute", t.key)
                } else {
                    format!("{}={}:NoExecute", t.key, t.value)
                };
                earliest = Some((at, text));
            }
        }
        if let Some((at, taint)) = earliest {
            out.push((
                at,
                TaintEviction {
                    pod: pod_id(p),
                    node: node.name.clone(),
                    taint,
                    evict_at: crate::time::format(at),
                },
            ));
        }
    }
    errs.into_result(())?;
    out.sort_by(|a, b| {
        a.0.partial_cmp(&b.0)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a.1.pod.cmp(&b.1.pod))
    });
    Ok(out.into_iter().map(|(_, e)| e).collect())
}

//! `place`: a service's replicas evenly over its deployment units, with spill-over to the
//! service's other units when one is full (seed 6.2), on top of the scheduler's decisions.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::cluster::Cluster;
use super::ops::{Placement, add_pod, capped};
use super::pods::PodInfo;
use super::types::{ClusterSnapshot, Pod};
use crate::error::{Result, ValidationErrors};
use crate::model::units::{UnitShare, UnitSplitInput, split_units};

/// Input of [`place`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlaceInput {
    /// The cluster.
    pub snapshot: ClusterSnapshot,
    /// The service's pod template (`metadata.name` is the name prefix); its
    /// `hints.units` are the service's units unless `units` is given.
    pub template: Pod,
    /// How many pods to place.
    pub replicas: i32,
    /// The service's deployment units, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<String>,
    /// Preempt lower-priority (slot) pods when a unit is full; default false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preemption: Option<bool>,
}

/// One unit's outcome in [`place`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct UnitPlacement {
    /// The unit.
    pub unit: String,
    /// Its share of the replicas (the even split).
    pub quota: u32,
    /// Pods placed in it.
    pub placed: u32,
    /// Pods of other units' quotas it took.
    pub spilled_in: u32,
    /// Pods of its quota that went to other units (or stayed pending).
    pub spilled_out: u32,
}

/// The result of [`place`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PlaceResult {
    /// Per unit, in the given order.
    pub units: Vec<UnitPlacement>,
    /// Every pod placed, in order.
    pub placements: Vec<Placement>,
    /// Pods no unit could take, with the reasons across all the service's units.
    pub pending: Vec<Placement>,
    /// The snapshot afterwards.
    pub snapshot: ClusterSnapshot,
}

/// Place a service's replicas evenly over its units, with spill-over (seed 6.2: "当某个部署
/// 单元资源不足以调度平均的 pod 数目时,该部署单元上的 pod 会被动态调整到其他单元"): each unit
/// gets its quota from the even split (`split_units`); what a unit cannot take moves to the
/// service's other units, the one with the fewest of the service's pods first — those
/// already running (same namespace and `hints.service`, or the template's labels when it
/// names no service) and those placed now — then unit order. Unlike a hard topology spread constraint, a full unit never leaves a pod pending
/// while another unit has room (kubernetes#116978).
///
/// # Errors
///
/// As [`schedule_one`](super::ops::schedule_one), and
/// [`Error::Validation`](crate::Error::Validation) for a bad split (no units, negative
/// replicas).
pub fn place(input: &PlaceInput) -> Result<PlaceResult> {
    let mut cluster = Cluster::build(&input.snapshot)?;
    let (units, placements, pending) = place_in(
        &mut cluster,
        &input.template,
        input.replicas,
        &input.units,
        input.preemption,
    )?;
    Ok(PlaceResult {
        units,
        placements,
        pending,
        snapshot: cluster.snapshot(&input.snapshot),
    })
}

/// Per unit, every pod placed, and the pods left pending.
pub(crate) type Placed = (Vec<UnitPlacement>, Vec<Placement>, Vec<Placement>);

/// [`place`] on a compiled cluster. The template and the unit split are checked before
/// anything is added: a refused call changes nothing.
pub(crate) fn place_in(
    cluster: &mut Cluster,
    template: &Pod,
    replicas: i32,
    units: &[String],
    preemption: Option<bool>,
) -> Result<Placed> {
    let (units, shares) = checked_shares(cluster, template, replicas, units)?;
    let preempt = preemption.unwrap_or(false);
    let mut report: Vec<UnitPlacement> = shares
        .iter()
        .map(|s| UnitPlacement {
            unit: s.unit.clone(),
            quota: s.replicas,
            placed: 0,
            spilled_in: 0,
            spilled_out: 0,
        })
        .collect();
    let namespace = template
        .metadata
        .namespace
        .clone()
        .unwrap_or_else(|| "default".into());
    let existing = running_per_unit(cluster, template, &namespace, &report);
    // Only names of this template's form can clash with its copies: keep just those (a
    // large cluster's every name is not copied for each call).
    let own = format!("{namespace}/{}-", template.metadata.name);
    let taken = cluster
        .ids
        .keys()
        .filter(|k| k.starts_with(&own))
        .cloned()
        .collect();
    let mut next_pod = copies(template, &namespace, taken);
    let mut full = FullUnits::new(template, preempt, shares.len());
    if !full.monotone {
        // Each placed copy may open every unit again: a copy may try each unit.
        let tries = usize::try_from(replicas)
            .unwrap_or(0)
            .saturating_mul(shares.len());
        super::limits::check_decisions(tries, cluster.nodes.len(), "replicas")?;
    }
    let mut placements = Vec::new();
    let mut shortfall: Vec<(usize, Pod)> = Vec::new();
    for (u, share) in shares.iter().enumerate() {
        for _ in 0..share.replicas {
            let pod = next_pod(vec![share.unit.clone()]);
            match place_in_unit(cluster, pod, u, &mut full, preempt)? {
                Ok(placed) => {
                    if let Some(r) = report.get_mut(u) {
                        r.placed += 1;
                    }
                    placements.push(placed);
                }
                Err(pod) => shortfall.push((u, pod)),
            }
        }
    }
    let mut pending = Vec::new();
    for (from, mut pod) in shortfall {
        if let Some(r) = report.get_mut(from) {
            r.spilled_out += 1;
        }
        let mut spill = Spill {
            report: &mut report,
            existing: &existing,
            full: &mut full,
            preempt,
        };
        if let Some(placed) = spill.elsewhere(cluster, &mut pod, from)? {
            placements.push(placed);
            continue;
        }
        let id = format!("{namespace}/{}", pod.metadata.name);
        if let Some(same) = full.nowhere(&id) {
            pending.push(same);
            continue;
        }
        // Explain across every unit of the service.
        if let Some(h) = pod.hints.as_mut() {
            h.units = units.clone();
        }
        let i = add_pod(cluster, &pod, "template")?;
        let explained = capped(cluster.decide_added(i)?);
        cluster.drop_last();
        full.explained(&explained);
        pending.push(explained);
    }
    Ok((report, placements, pending))
}

/// The template's copies, one per call, for the given units: named `prefix-N` with the
/// next N whose `namespace/prefix-N` is not `taken` (a scale-up keeps the old pods),
/// unbound.
fn copies<'a>(
    template: &'a Pod,
    namespace: &'a str,
    taken: std::collections::BTreeSet<String>,
) -> impl FnMut(Vec<String>) -> Pod + 'a {
    let prefix = template.metadata.name.clone();
    let mut counter = 0usize;
    move |unit_list: Vec<String>| {
        let mut pod = template.clone();
        while taken.contains(&format!("{namespace}/{prefix}-{counter}")) {
            counter += 1;
        }
        pod.metadata.name = format!("{prefix}-{counter}");
        counter += 1;
        pod.spec.node_name = None;
        let mut hints = pod.hints.unwrap_or_default();
        hints.units = unit_list;
        pod.hints = Some(hints);
        pod
    }
}

/// Place `pod` in its own unit `u` (unless `u` is known to be full): its placement, or the
/// pod back when it did not fit (the cluster then unchanged).
fn place_in_unit(
    cluster: &mut Cluster,
    pod: Pod,
    u: usize,
    full: &mut FullUnits,
    preempt: bool,
) -> Result<Result<Placement, Pod>> {
    if full.is_full(u) {
        return Ok(Err(pod));
    }
    let i = add_pod(cluster, &pod, "template")?;
    let placed = cluster.schedule(i, preempt);
    if placed.node.is_some() {
        full.placed();
        Ok(Ok(placed))
    } else {
        cluster.drop_last();
        full.failed(u);
        Ok(Err(pod))
    }
}

/// The units a template goes to (`units`, else its hints') and their shares of `replicas`,
/// once the replicas, the split and the template itself are checked.
fn checked_shares(
    cluster: &Cluster,
    template: &Pod,
    replicas: i32,
    units: &[String],
) -> Result<(Vec<String>, Vec<UnitShare>)> {
    let units = if units.is_empty() {
        template
            .hints
            .as_ref()
            .map(|h| h.units.clone())
            .unwrap_or_default()
    } else {
        units.to_vec()
    };
    super::limits::check_replicas(replicas, cluster.nodes.len())?;
    let shares = split_units(&UnitSplitInput {
        replicas,
        units: units.clone(),
    })?;
    let mut errs = ValidationErrors::new();
    PodInfo::compile(template, "template", &mut errs);
    errs.into_result((units, shares))
}

/// Per unit of `report`, the service's pods already running there (they count for "least
/// loaded"): pods of the template's service (by hint, else by labels) in `namespace`.
fn running_per_unit(
    cluster: &Cluster,
    template: &Pod,
    namespace: &str,
    report: &[UnitPlacement],
) -> Vec<u32> {
    let service = template.hints.as_ref().and_then(|h| h.service.clone());
    report
        .iter()
        .map(|r| {
            let n = cluster
                .pods
                .iter()
                .filter(|p| {
                    p.namespace == namespace
                        && match &service {
                            Some(s) => p.hints.service.as_ref() == Some(s),
                            None => p.labels == template.metadata.labels,
                        }
                })
                .filter_map(|p| p.node.and_then(|n| cluster.nodes.get(n)))
                .filter(|n| n.labels.get(&cluster.keys.unit) == Some(&r.unit))
                .count();
            u32::try_from(n).unwrap_or(u32::MAX)
        })
        .collect()
}

/// What spilling one copy over to other units reads and updates.
struct Spill<'a> {
    report: &'a mut [UnitPlacement],
    existing: &'a [u32],
    full: &'a mut FullUnits,
    preempt: bool,
}

impl Spill<'_> {
    /// Try `pod`, short in unit `from`, in the other units: least loaded first (fewest of
    /// the service's pods, running before and placed now, then unit order), units known
    /// to be full not again. The placement once one takes it.
    fn elsewhere(
        &mut self,
        cluster: &mut Cluster,
        pod: &mut Pod,
        from: usize,
    ) -> Result<Option<Placement>> {
        let mut order: Vec<usize> = (0..self.report.len())
            .filter(|&u| u != from && !self.full.is_full(u))
            .collect();
        order.sort_by_key(|&u| {
            let before = self.existing.get(u).copied().unwrap_or(0);
            (
                self.report
                    .get(u)
                    .map_or(u32::MAX, |r| r.placed.saturating_add(before)),
                u,
            )
        });
        for u in order {
            let Some(unit) = self.report.get(u).map(|r| r.unit.clone()) else {
                continue;
            };
            if let Some(h) = pod.hints.as_mut() {
                h.units = vec![unit];
            }
            let i = add_pod(cluster, pod, "template")?;
            let placed = cluster.schedule(i, self.preempt);
            if placed.node.is_some() {
                if let Some(r) = self.report.get_mut(u) {
                    r.placed += 1;
                    r.spilled_in += 1;
                }
                self.full.placed();
                return Ok(Some(placed));
            }
            cluster.drop_last();
            self.full.failed(u);
        }
        Ok(None)
    }
}

/// What [`place_in`] knows of the units where a copy of its template fitted nowhere, so that
/// a large shortfall costs one attempt per unit, not one per copy and unit.
///
/// INVARIANT: the copies differ in name only, and within one call the cluster changes only
/// when a copy is placed (`generation` counts those). So a copy that fitted nowhere in a
/// unit fits nowhere there again until a copy is placed somewhere — exact for any
/// template. When the template is `monotone` (no hard spread constraint, no required pod
/// affinity, no preemption), placing a copy only takes room and adds pods its own
/// anti-affinity may shun: a full unit then stays full for the rest of the call.
struct FullUnits {
    monotone: bool,
    generation: u64,
    /// Per unit, the generation at which a copy last fitted nowhere there.
    failed_at: Vec<Option<u64>>,
    /// The explanation of a copy that fitted nowhere at all, and its generation: the later
    /// copies share its message and feasible count (only the first lists refusals).
    nowhere: Option<(u64, Placement)>,
}

impl FullUnits {
    fn new(template: &Pod, preempt: bool, units: usize) -> Self {
        let monotone = !preempt
            && template.spec.topology_spread_constraints.is_empty()
            && template
                .spec
                .affinity
                .as_ref()
                .and_then(|a| a.pod_affinity.as_ref())
                .is_none_or(|a| a.required.is_empty());
        FullUnits {
            monotone,
            generation: 0,
            failed_at: vec![None; units],
            nowhere: None,
        }
    }

    /// Whether a copy still known not to fit counts for `generation` `g`.
    fn holds(&self, g: u64) -> bool {
        self.monotone || g == self.generation
    }

    fn is_full(&self, unit: usize) -> bool {
        matches!(self.failed_at.get(unit), Some(Some(g)) if self.holds(*g))
    }

    fn failed(&mut self, unit: usize) {
        if let Some(f) = self.failed_at.get_mut(unit) {
            *f = Some(self.generation);
        }
    }

    fn placed(&mut self) {
        self.generation += 1;
    }

    fn explained(&mut self, placement: &Placement) {
        self.nowhere = Some((self.generation, placement.clone()));
    }

    /// The pending placement of copy `pod` when a copy already fitted nowhere and nothing
    /// changed that could make room since.
    fn nowhere(&self, pod: &str) -> Option<Placement> {
        let (g, first) = self.nowhere.as_ref()?;
        self.holds(*g).then(|| Placement {
            pod: pod.to_owned(),
            node: None,
            feasible_nodes: first.feasible_nodes,
            scores: Vec::new(),
            refusals: Vec::new(),
            message: first.message.clone(),
            preemption: None,
        })
    }
}

//! The sizes that drive scheduling work, and their limits: each is checked before any work
//! starts, and a call over one is refused as [`Error::Validation`] (code `too_many`) at the
//! field that carries the size, changing nothing. The numbers are listed with every other
//! limit of weir in `docs/limits.md`.

use crate::error::{Error, FieldErrorCode, Result};

/// The most nodes a cluster snapshot holds: ten times Kubernetes' tested scalability limit
/// of 5,000 nodes per cluster.
pub const MAX_NODES: usize = 50_000;

/// The most pods a cluster holds, bound and pending together (Kubernetes tests 150,000 per
/// cluster), including those a call adds.
pub const MAX_PODS: usize = 1_000_000;

/// The most replicas one `place` call places (a Kubernetes workload's `replicas` is an
/// int32, but no service of a platform comes near this).
pub const MAX_PLACE_REPLICAS: i32 = 100_000;

/// The most scheduling decisions one call may make, counted as pods to schedule × nodes
/// (each decision filters every node): 2,000,000,000, eight times the 50,000 pods on 5,000
/// nodes that the scheduling benchmark runs in about 1.5 s.
pub const MAX_DECISIONS: u64 = 2_000_000_000;

/// The most PodDisruptionBudgets a cluster snapshot holds (`podDisruptionBudgets`): one per
/// workload of a large cluster, ten times the 1,000 a platform of a thousand services has.
pub const MAX_PDBS: usize = 10_000;

/// The most budget × pod checks a snapshot's budgets may cost (`podDisruptionBudgets`):
/// each budget is matched against the pods of its own namespace, and the sum over budgets
/// of those pods is bounded here (1,000 budgets over namespaces of 10,000 pods each).
pub const MAX_PDB_POD_CHECKS: u64 = 10_000_000;

/// `Err` with one `too_many` field error at `path`.
fn too_many(path: &str, message: String) -> Result<()> {
    Err(Error::validation_at(path, FieldErrorCode::TooMany, message))
}

/// A snapshot's node and pod counts against [`MAX_NODES`] and [`MAX_PODS`].
pub(crate) fn check_snapshot(nodes: usize, pods: usize) -> Result<()> {
    if nodes > MAX_NODES {
        return too_many(
            "nodes",
            format!("a cluster snapshot holds at most {MAX_NODES} nodes, got {nodes}"),
        );
    }
    if pods > MAX_PODS {
        return too_many(
            "pods",
            format!("a cluster snapshot holds at most {MAX_PODS} pods, got {pods}"),
        );
    }
    Ok(())
}

/// A snapshot's budgets against [`MAX_PDBS`] and [`MAX_PDB_POD_CHECKS`] (the pods of each
/// budget's namespace, summed).
pub(crate) fn check_pdbs(
    pdbs: &[crate::model::pdb::PodDisruptionBudget],
    pods: &[crate::model::kube::Pod],
) -> Result<()> {
    if pdbs.is_empty() {
        return Ok(());
    }
    if pdbs.len() > MAX_PDBS {
        return too_many(
            "podDisruptionBudgets",
            format!(
                "a cluster snapshot holds at most {MAX_PDBS} PodDisruptionBudgets, got {}",
                pdbs.len()
            ),
        );
    }
    let mut per_ns: std::collections::BTreeMap<&str, u64> = std::collections::BTreeMap::new();
    for p in pods {
        let ns = p.metadata.namespace.as_deref().unwrap_or("default");
        *per_ns.entry(ns).or_insert(0) += 1;
    }
    let work = pdbs.iter().fold(0u64, |acc, b| {
        let ns = b.metadata.namespace.as_deref().unwrap_or("default");
        acc.saturating_add(per_ns.get(ns).copied().unwrap_or(0))
    });
    if work > MAX_PDB_POD_CHECKS {
        return too_many(
            "podDisruptionBudgets",
            format!(
                "the budgets of a snapshot are matched against at most {MAX_PDB_POD_CHECKS} pods of their namespaces in all, got {work}"
            ),
        );
    }
    Ok(())
}

/// Adding `added` pods (reported at `path`) to a cluster of `held` pods.
pub(crate) fn check_added(held: usize, added: usize, path: &str) -> Result<()> {
    if held.saturating_add(added) > MAX_PODS {
        return too_many(
            path,
            format!("a cluster holds at most {MAX_PODS} pods: {held} held, {added} added"),
        );
    }
    Ok(())
}

/// Scheduling `pods` pods on `nodes` nodes in one call, against [`MAX_DECISIONS`].
pub(crate) fn check_decisions(pods: usize, nodes: usize, path: &str) -> Result<()> {
    let work = (pods as u64).saturating_mul(nodes as u64);
    if work > MAX_DECISIONS {
        return too_many(
            path,
            format!(
                "one call schedules at most {MAX_DECISIONS} pod × node decisions: {pods} pods on {nodes} nodes"
            ),
        );
    }
    Ok(())
}

/// A `place` call's `replicas` against [`MAX_PLACE_REPLICAS`] and [`MAX_DECISIONS`].
pub(crate) fn check_replicas(replicas: i32, nodes: usize) -> Result<()> {
    if replicas > MAX_PLACE_REPLICAS {
        return too_many(
            "replicas",
            format!("one call places at most {MAX_PLACE_REPLICAS} replicas, got {replicas}"),
        );
    }
    check_decisions(usize::try_from(replicas).unwrap_or(0), nodes, "replicas")
}

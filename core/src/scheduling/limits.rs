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

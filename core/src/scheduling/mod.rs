//! Scheduling policy (`spec/04-scheduling.md`): where pods go, and why.

mod cluster;
pub mod handle;
mod index;
pub mod ops;
pub mod types;

/// Per node: name, requested and allocatable CPU (millicores) and memory (bytes), pods and
/// the pod limit — what the commitment checks (fuzz, proptests) compare.
pub(crate) type Commitment = (String, i64, i64, i64, i64, usize, i64);

/// The commitments of a snapshot, for the checks in [`crate::fuzzing`].
pub(crate) fn cluster_for_checks(
    snapshot: &types::ClusterSnapshot,
) -> crate::error::Result<Vec<Commitment>> {
    let c = cluster::Cluster::build(snapshot)?;
    Ok(c.nodes
        .iter()
        .map(|n| {
            (
                n.name.clone(),
                n.requested.cpu,
                n.alloc.cpu,
                n.requested.mem,
                n.alloc.mem,
                n.pods.len(),
                n.alloc_pods,
            )
        })
        .collect())
}

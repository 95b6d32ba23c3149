//! Scheduling policy (`docs/scheduling.md`): where pods go, and why.
//!
//! The modules depend one way, lowest first: `types` and `limits` (the wire types and the
//! size checks); `pods` and `nodes` (pods and nodes as the scheduler compiles them);
//! `index` (the data structures the cluster owns: label columns, bound-pod groups, rule
//! and resource caches); `cluster` (the compiled cluster with kube-scheduler's Filter and
//! Score plugins); `ops` and `place` (the operations on a snapshot); `handle` (the
//! stateful `Scheduler`).

mod cluster;
pub mod handle;
mod index;
pub mod limits;
pub mod machine;
mod nodes;
pub mod ops;
pub mod place;
mod pods;
pub mod types;

// The compiled cluster, for the autoscaler's simulations (it sits above scheduling).
pub(crate) use cluster::Cluster;
pub(crate) use pods::{PodInfo, SLOT_PRIORITY, check_name, pod_requests};

/// The first node of a snapshot over its allocatable CPU, memory or pod count, described
/// (`None`: every node fits its pods) — the check of [`crate::fuzzing::check_commitments`].
pub(crate) fn over_committed(
    snapshot: &types::ClusterSnapshot,
) -> crate::error::Result<Option<String>> {
    let c = cluster::Cluster::build(snapshot)?;
    Ok(c.nodes.iter().find_map(|n| {
        let pods = i64::try_from(n.pods.len()).unwrap_or(i64::MAX);
        let (cpu, mem) = (&n.requested.cpu, &n.requested.mem);
        (*cpu > n.alloc.cpu || *mem > n.alloc.mem || pods > n.alloc_pods).then(|| {
            format!(
                "node {} over-committed: cpu {cpu}/{}m, memory {mem}/{}, pods {pods}/{}",
                n.name, n.alloc.cpu, n.alloc.mem, n.alloc_pods
            )
        })
    }))
}

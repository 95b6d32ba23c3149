//! The sizes that drive the autoscaler's work, and their limits: each is checked before
//! any work starts, and a call over one is refused as [`crate::Error::Validation`] (code
//! `too_many`, or `invalid` for a bounded number) at the field that carries it, changing
//! nothing. The cluster's own sizes (nodes, pods) are the scheduler's limits
//! ([`crate::scheduling::limits`]). Every number is listed in `docs/limits.md`.

/// The most node groups one autoscaler manages (`nodeGroups`, `too_many`): ten times the
/// 100 groups the benchmark runs.
pub const MAX_NODE_GROUPS: usize = 1_000;

/// The most pending pods one step considers (`cluster.pods`, `too_many`): twenty times the
/// 5,000 pending pods the benchmark runs in one step.
pub const MAX_PENDING_PODS: usize = 100_000;

/// The most expanders in the chain (`expander`, `invalid`): each of the five appears once.
pub const MAX_EXPANDERS: usize = 5;

/// The most nodes removed in one step (`maxScaleDownNodes`, `invalid`).
pub const MAX_SCALE_DOWN_NODES: i32 = 1_000;

/// The most scale-down candidates whose pods one step re-places in its simulation (CA
/// checks at most 30 non-empty candidates per loop; `--scale-down-non-empty-candidates-count`).
/// Candidates past it wait for a later step; not an error.
pub const MAX_SCALE_DOWN_SIMULATIONS: usize = 50;

/// The most nodes one scale-up adds (CA `--max-nodes-per-scaleup`, 1000): the estimator's
/// static limit.
pub const MAX_NODES_PER_SCALE_UP: i64 = 1_000;

/// The longest timer, seconds (one year; every timer field, `invalid`).
pub const MAX_TIMER_SECONDS: i32 = 31_536_000;

/// The longest node-group name (`nodeGroups[i].name`, `invalid`): a label value's 63.
pub const MAX_GROUP_NAME_LEN: usize = 63;

/// The most CPU of one template node, millicores (100,000 cores; `invalid`).
pub const MAX_TEMPLATE_CPU_MILLIS: i64 = 100_000_000;

/// The most memory of one template node, bytes (64 TiB; `invalid`).
pub const MAX_TEMPLATE_MEMORY_BYTES: i64 = 64 << 40;

/// The most pods one template node takes (`template.pods`, `invalid`).
pub const MAX_TEMPLATE_PODS: i32 = 10_000;

/// The most labels of one template (`template.labels`, `too_many`).
pub const MAX_TEMPLATE_LABELS: usize = 64;

/// The most taints of one template (`template.taints`, `too_many`).
pub const MAX_TEMPLATE_TAINTS: usize = 64;

/// The most provisioning requests a snapshot holds (`requests`, `too_many`): a request
/// holds at least one node, and upcoming nodes never take a group past its `maxNodes`,
/// which add up to at most a cluster's 50,000 nodes, so a running autoscaler stays within.
pub const MAX_REQUESTS: usize = crate::scheduling::limits::MAX_NODES;

/// The most template checks (pending pod classes × node groups) one step runs: the first
/// classes, in scheduling order, up to this budget; pods of the classes past it stay
/// pending with reason `noGroupFits` until a later step. 100,000 checks take about as long
/// as the rest of a benchmark step.
pub const MAX_TEMPLATE_CHECKS: usize = 100_000;

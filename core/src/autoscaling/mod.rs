//! Node autoscaling (`docs/autoscaling.md`): the cluster's water level between two marks,
//! slot pods that hold the reserve, scale-up for pending pods with Kubernetes
//! cluster-autoscaler's estimator and expanders, and scale-down of unneeded nodes, as one
//! sans-IO machine, [`Autoscaler`]. It sits above scheduling: every fit is the scheduler's.
//!
//! Slot pods are the pods with `hints.slot: true`; managed nodes are the nodes whose
//! `groupLabel` names a configured node group.

mod budgets;
pub mod config;
mod engine;
mod estimator;
mod facts;
#[doc(hidden)]
pub mod fuzz;
pub mod limits;
mod scale_down;
mod scale_up;
mod step;
pub mod types;
mod water;

pub use config::{
    AutoscalerConfig, BackoffConfig, DerivedLimits, Estimator, Expander, HealthGate,
    NodeGroupConfig, NodeTemplate, ResourceRange, SlotPodConfig, WaterMark, ZoneSelection,
};
pub use engine::Autoscaler;
pub use types::{
    AutoscalerEvent, AutoscalerOutput, AutoscalerSnapshot, Breaker, Decision, GroupBackoff,
    GroupStatus, GroupVerdict, PendingPod, PendingReason, ProvisionRequest, ScaleDownNode, ScaleUp,
    Unneeded, UnneededStatus, WaterLevel,
};

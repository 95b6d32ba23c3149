//! Replica scaling (`docs/scaling.md`): the Kubernetes HPA, timed (cron) policies and
//! the replica curve.

pub mod cron;
pub mod hpa;
mod hpa_types;
pub(crate) mod svg;
pub mod timed;

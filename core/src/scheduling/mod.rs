//! Scheduling policy (`spec/04-scheduling.md`): where pods go, and why.

mod cluster;
pub mod ops;
pub mod types;

//! The whole loop in virtual time (`docs/simulation.md`): a [`Scenario`] — a cluster, app
//! services, a script of what people do, a load — run by a [`Simulation`] that drives
//! every engine of weir together through its public face: release engines and version
//! histories, timed policies and the HPA, the scheduler. No cluster, no clock: the same
//! scenario and seed give the same result, in every language.
//!
//! This area sits on top of every other one; nothing imports it.

mod autoscale;
mod cluster;
// Not public API: the harness the fuzz crate and the regression test share.
#[doc(hidden)]
pub mod fuzz;
pub mod limits;
mod pods;
mod releases;
mod report;
mod scale;
mod scenario;
mod sim;
mod snapshot;
mod svg;
mod world;

pub use report::{
    EventKind, PendingWait, ReleaseSummary, Series, SimEvent, SimulationResult, StepReport, Summary,
};
pub use scenario::{
    Action, LoadPoint, MAX_DELAY_SECONDS, NodePool, ReleaseTarget, Scenario, ScriptedAction, Seed,
    SimService, SimUnit, Timing, validate_scenario,
};
pub use sim::Simulation;
pub use snapshot::SimulationSnapshot;
pub use world::GROUP_LABEL;

/// Run a scenario to its end (`simulate`).
///
/// # Errors
///
/// As [`Simulation::new`] and [`Simulation::step`].
pub fn simulate(scenario: &Scenario) -> crate::Result<SimulationResult> {
    Simulation::new(scenario.clone())?.run()
}

/// The chart of a result (`simulation_svg`); see [`SimulationResult::to_svg`].
///
/// # Errors
///
/// Never; the signature is the operations table's.
pub fn simulation_svg(result: &SimulationResult) -> crate::Result<String> {
    Ok(result.to_svg())
}

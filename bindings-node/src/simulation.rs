//! The `Simulation` class (native half): a scenario stepped through in virtual time; JSON
//! text in and out, as every export (`index.js` gives it the iterable, data-in data-out
//! face).

use napi::bindgen_prelude::*;
use napi_derive::napi;
use weir::machine::Machine;

use crate::convert::{from_json, to_json};
use crate::errors;

/// A what-if scenario run in virtual time (native half).
#[napi(js_name = "Simulation")]
pub struct NativeSimulation {
    inner: weir::simulation::Simulation,
}

#[napi]
impl NativeSimulation {
    /// Check a scenario (JSON text) and set the simulation at its start.
    #[napi(constructor, catch_unwind)]
    pub fn new(env: Env, scenario: String) -> Result<Self> {
        let parsed: weir::simulation::Scenario = from_json(&env, &scenario)?;
        let inner =
            weir::simulation::Simulation::new(parsed).map_err(|e| errors::to_js(&env, &e))?;
        Ok(Self { inner })
    }

    /// The next step's report as JSON text (`null` at the end).
    #[napi(catch_unwind)]
    pub fn step(&mut self, env: Env) -> Result<String> {
        to_json(&env, self.inner.step())
    }

    /// Take every remaining step; the result as JSON text.
    #[napi(catch_unwind)]
    pub fn run(&mut self, env: Env) -> Result<String> {
        while self
            .inner
            .step()
            .map_err(|e| errors::to_js(&env, &e))?
            .is_some()
        {}
        to_json(&env, Ok(self.inner.result()))
    }

    /// The result so far as JSON text.
    #[napi(catch_unwind)]
    pub fn result(&self, env: Env) -> Result<String> {
        to_json(&env, Ok(self.inner.result()))
    }

    /// The chart of the result so far (SVG text).
    #[napi(catch_unwind)]
    pub fn svg(&self) -> String {
        self.inner.result().to_svg()
    }

    /// Whether the run is over.
    #[napi(catch_unwind)]
    pub fn finished(&self) -> bool {
        self.inner.finished()
    }

    /// Take every step due at or before `now` (RFC 3339); their reports as JSON text.
    #[napi(catch_unwind)]
    pub fn handle(&mut self, env: Env, now: String) -> Result<String> {
        let t =
            weir::time::Timestamp::parse_at(&now, "now").map_err(|e| errors::to_js(&env, &e))?;
        to_json(&env, self.inner.handle(t, ()))
    }

    /// The instant of the next step, or `null` at the end.
    #[napi(catch_unwind)]
    pub fn poll_timeout(&self) -> Option<String> {
        Machine::poll_timeout(&self.inner).map(|t| t.to_string())
    }

    /// What a restore needs, as JSON text.
    #[napi(catch_unwind)]
    pub fn snapshot(&self, env: Env) -> Result<String> {
        to_json(&env, Ok(self.inner.snapshot()))
    }

    /// A simulation that continues from a snapshot (JSON text).
    #[napi(factory, catch_unwind)]
    pub fn restore(env: Env, snapshot: String) -> Result<Self> {
        let parsed: weir::simulation::SimulationSnapshot = from_json(&env, &snapshot)?;
        let inner =
            weir::simulation::Simulation::restore(parsed).map_err(|e| errors::to_js(&env, &e))?;
        Ok(Self { inner })
    }
}

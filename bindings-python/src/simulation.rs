//! The `Simulation` class: a scenario stepped through in virtual time, iterable (one step
//! report per iteration, so progress bars such as tqdm work), with the machine shape of
//! the other classes.

use pyo3::exceptions::PyStopIteration;
use pyo3::prelude::*;
use weir::machine::Machine;
use weir::simulation::{Scenario, SimulationSnapshot};

use crate::convert::{from_py, now_arg, to_py};

/// A what-if scenario run in virtual time (`docs/simulation.md`).
///
/// `Simulation(scenario)` checks the scenario (`ValidationError` with every problem).
/// `step()` advances to the next instant with something to do and returns its report
/// (`None` at the end); iterating yields the same reports. `run()` takes the remaining
/// steps and returns the result (`timeline`, `series`, `pendingWaits`, `summary`);
/// `result()` is the result so far, `svg()` its chart. Machine shape: `handle(now)` takes
/// every step due at or before `now`, `poll_timeout()` is the next step's instant,
/// `snapshot()` / `Simulation.restore(snapshot)` (a restore replays the steps and checks
/// the state's digest).
#[pyclass(name = "Simulation", module = "weir")]
pub struct Simulation {
    inner: weir::simulation::Simulation,
}

#[pymethods]
impl Simulation {
    #[new]
    fn new(scenario: &Bound<'_, PyAny>) -> PyResult<Self> {
        let parsed: Scenario = from_py(scenario)?;
        let inner = weir::simulation::Simulation::new(parsed).map_err(crate::errors::to_py)?;
        Ok(Self { inner })
    }

    /// The next step's report, or `None` when the run is over.
    fn step<'py>(&mut self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.step())
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&mut self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self.inner.step().map_err(crate::errors::to_py)? {
            Some(report) => to_py(py, Ok(report)),
            None => Err(PyStopIteration::new_err(())),
        }
    }

    /// Take every remaining step; the whole run's result.
    fn run<'py>(&mut self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        while self.inner.step().map_err(crate::errors::to_py)?.is_some() {}
        to_py(py, Ok(self.inner.result()))
    }

    /// The result so far.
    fn result<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, Ok(self.inner.result()))
    }

    /// The chart of the result so far, as SVG text.
    fn svg(&self) -> String {
        self.inner.result().to_svg()
    }

    /// Whether the run is over.
    #[getter]
    fn finished(&self) -> bool {
        self.inner.finished()
    }

    /// Take every step due at or before `now` (RFC 3339); their reports.
    fn handle<'py>(&mut self, now: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let t = now_arg(now, "now")?;
        to_py(now.py(), self.inner.handle(t, ()))
    }

    /// The instant of the next step (RFC 3339), or `None` at the end.
    fn poll_timeout(&self) -> Option<String> {
        Machine::poll_timeout(&self.inner).map(|t| t.to_string())
    }

    /// What a restore needs: the scenario, the steps taken, the state's digest.
    fn snapshot<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, Ok(self.inner.snapshot()))
    }

    /// A simulation that continues from `snapshot` exactly as the original would.
    #[staticmethod]
    fn restore(snapshot: &Bound<'_, PyAny>) -> PyResult<Self> {
        let parsed: SimulationSnapshot = from_py(snapshot)?;
        let inner = weir::simulation::Simulation::restore(parsed).map_err(crate::errors::to_py)?;
        Ok(Self { inner })
    }
}

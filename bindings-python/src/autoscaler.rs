//! The Python `Autoscaler` class: the core's water-level node autoscaler, thin (convert,
//! call, convert).

use pyo3::prelude::*;
use weir::machine::Machine;

use crate::convert::{from_py, text_arg, to_py};

/// The water-level node autoscaler (a sans-IO state machine).
///
/// `Autoscaler(config)` validates the configuration (every problem at once).
/// `step(cluster, now)` decides on a cluster snapshot at `now` (RFC 3339) and returns the
/// decision: water level and slot-pod delta, scale-up, scale-down, each group's verdict
/// and each pending pod's reason. `observe(event, now)` records `nodeJoined`,
/// `nodeFailed`, `nodeDeleted` or `scaleDownFailed`; `handle(event, now)` takes any event
/// (a `step` too) and returns `{type: decision, ...}` or `{type: observed}`. A refused call
/// raises and changes nothing. `poll_timeout()` is the next timer (RFC 3339) or `None`;
/// `derived_limits()`, `snapshot()`, `Autoscaler.restore(snapshot)`.
#[pyclass(name = "Autoscaler", module = "weir")]
pub struct Autoscaler {
    inner: weir::Autoscaler,
}

fn instant(now: &Bound<'_, PyAny>) -> PyResult<weir::time::Timestamp> {
    let text = text_arg(now, "now")?;
    weir::time::Timestamp::parse_at(&text, "now").map_err(crate::errors::to_py)
}

#[pymethods]
impl Autoscaler {
    #[new]
    fn new(config: &Bound<'_, PyAny>) -> PyResult<Self> {
        let config: weir::AutoscalerConfig = from_py(config)?;
        let inner = weir::Autoscaler::new(config).map_err(crate::errors::to_py)?;
        Ok(Self { inner })
    }

    /// Decide on `cluster` (a cluster snapshot dict) at `now`; returns the decision dict.
    fn step<'py>(
        &mut self,
        cluster: &Bound<'py, PyAny>,
        now: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = cluster.py();
        let cluster: weir::ClusterSnapshot = from_py(cluster)?;
        let now = instant(now)?;
        to_py(py, self.inner.step(now, &cluster))
    }

    /// Record an observation (an event dict tagged by `type`).
    fn observe(&mut self, event: &Bound<'_, PyAny>, now: &Bound<'_, PyAny>) -> PyResult<()> {
        let event: weir::AutoscalerEvent = from_py(event)?;
        let now = instant(now)?;
        self.inner.observe(now, event).map_err(crate::errors::to_py)
    }

    /// Handle any event at `now`; returns `{type: decision, ...}` or `{type: observed}`.
    fn handle<'py>(
        &mut self,
        event: &Bound<'py, PyAny>,
        now: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let parsed: weir::AutoscalerEvent = from_py(event)?;
        let now = instant(now)?;
        to_py(event.py(), self.inner.handle(now, parsed))
    }

    /// The next instant a timer changes a decision (RFC 3339), or `None`.
    fn poll_timeout(&self) -> Option<String> {
        self.inner.poll_timeout().map(|t| t.to_string())
    }

    /// The cluster limits the node groups imply (seed 9.6).
    fn derived_limits<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, Ok(self.inner.derived_limits()))
    }

    /// The whole state, as a dict.
    fn snapshot<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, Ok(self.inner.snapshot()))
    }

    /// An autoscaler that continues from a snapshot.
    #[staticmethod]
    fn restore(snapshot: &Bound<'_, PyAny>) -> PyResult<Self> {
        let parsed: weir::AutoscalerSnapshot = from_py(snapshot)?;
        let inner = weir::Autoscaler::restore(parsed).map_err(crate::errors::to_py)?;
        Ok(Self { inner })
    }
}

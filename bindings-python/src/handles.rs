//! One Python class per stateful core engine: each wraps the core struct and forwards.

use pyo3::prelude::*;

use crate::convert::{from_py, now_arg, text_arg, to_py};

/// The versions, draft and release state of one app service (a sans-IO state machine).
///
/// `VersionHistory(profile=None)` starts empty; `apply(command)` takes a command dict
/// tagged by `type` (`create`, `edit`, `updateDraft`, `copyToDraft`, `discardDraft`,
/// `submit`, `changeImage`, `changeReplicas`, `beginRelease`, `markPublished`,
/// `markFailed`, `cancelRelease`, `beginOperation`, `endOperation`, `delete`) and returns
/// the outcome; a refused command raises and changes nothing. `snapshot()` returns the
/// whole state; `VersionHistory.restore(snapshot)` continues from it.
#[pyclass(name = "VersionHistory", module = "weir")]
pub struct VersionHistory {
    inner: weir::VersionHistory,
}

#[pymethods]
impl VersionHistory {
    #[new]
    #[pyo3(signature = (profile = None))]
    fn new(profile: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let profile = profile.map(from_py).transpose()?;
        Ok(Self {
            inner: weir::VersionHistory::new(profile),
        })
    }

    /// Apply one command (a dict tagged by `type`); returns the outcome dict.
    fn apply<'py>(&mut self, command: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let parsed: weir::HistoryCommand = from_py(command)?;
        to_py(command.py(), self.inner.apply(parsed))
    }

    /// The whole state, as a dict (store it; `restore` continues from it).
    fn snapshot<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, Ok(self.inner.snapshot()))
    }

    /// A history that continues from a snapshot.
    #[staticmethod]
    fn restore(snapshot: &Bound<'_, PyAny>) -> PyResult<Self> {
        let parsed: weir::VersionHistory = from_py(snapshot)?;
        let inner = weir::VersionHistory::restore(parsed).map_err(crate::errors::to_py)?;
        Ok(Self { inner })
    }
}

/// The release engine: a sans-IO state machine that drives a planned release order.
///
/// `ReleaseEngine(plan)` takes `plan_release(order)`'s result. `handle(now, event)` takes
/// the time as RFC 3339 and an event dict tagged by `type` (`start`, `startService`,
/// `podObserved`, `taskFinished`, `confirmBeta`, `resume`, `cancel`, `retry`, `rollback`,
/// `confirmRollback`, `retryRollback`, `cancelRollback`, `tick`), and returns the actions
/// to carry out (`runTask`, `updatePods`, `deleteResources`, `awaitConfirmation`,
/// `serviceFinished`, `orderFinished`). A refused event raises and changes nothing; a `now`
/// earlier than the last one handled is refused. `poll_timeout()` is when to send the next
/// `tick` (or `None`); `status(now)`, `snapshot()`, `ReleaseEngine.restore(snapshot)`.
#[pyclass(name = "ReleaseEngine", module = "weir")]
pub struct ReleaseEngine {
    inner: weir::ReleaseEngine,
}

#[pymethods]
impl ReleaseEngine {
    #[new]
    fn new(plan: &Bound<'_, PyAny>) -> PyResult<Self> {
        let plan: weir::ReleasePlan = from_py(plan)?;
        let inner = weir::ReleaseEngine::new(plan).map_err(crate::errors::to_py)?;
        Ok(Self { inner })
    }

    /// Handle one event at `now` (RFC 3339); returns the list of actions.
    fn handle<'py>(
        &mut self,
        now: &Bound<'py, PyAny>,
        event: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let now = now_arg(now, "now")?;
        let parsed: weir::ReleaseEvent = from_py(event)?;
        to_py(event.py(), self.inner.handle(now, parsed))
    }

    /// When a pod will have been ready long enough to complete a group (RFC 3339), or
    /// `None`: send a `tick` then.
    fn poll_timeout(&self) -> Option<String> {
        self.inner.poll_timeout().map(|t| t.to_string())
    }

    /// Each service's phase, group and pod statuses at `now`.
    fn status<'py>(&self, py: Python<'py>, now: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let now = now_arg(now, "now")?;
        to_py(py, Ok(self.inner.status(now)))
    }

    /// What a restore needs, as a dict.
    fn snapshot<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, Ok(self.inner.snapshot()))
    }

    /// An engine that continues from a snapshot.
    #[staticmethod]
    fn restore(snapshot: &Bound<'_, PyAny>) -> PyResult<Self> {
        let parsed: weir::ReleaseSnapshot = from_py(snapshot)?;
        let inner = weir::ReleaseEngine::restore(parsed).map_err(crate::errors::to_py)?;
        Ok(Self { inner })
    }
}

/// Which release order or operation holds each app service (one at a time; a failed
/// release blocks new orders until the same order resolves it). `apply(command)` takes a
/// command dict tagged by `type` (`beginOrder`, `finishService`, `beginOperation`,
/// `endOperation`); a refused command raises and changes nothing.
#[pyclass(name = "ReleaseGuard", module = "weir")]
pub struct ReleaseGuard {
    inner: weir::ReleaseGuard,
}

#[pymethods]
impl ReleaseGuard {
    #[new]
    fn new() -> Self {
        Self {
            inner: weir::ReleaseGuard::new(),
        }
    }

    /// Apply one command (a dict tagged by `type`).
    fn apply(&mut self, command: &Bound<'_, PyAny>) -> PyResult<()> {
        let parsed: weir::GuardCommand = from_py(command)?;
        self.inner.apply(parsed).map_err(crate::errors::to_py)
    }

    /// The whole state, as a dict.
    fn snapshot<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, Ok(&self.inner))
    }

    /// A guard that continues from a snapshot.
    #[staticmethod]
    fn restore(snapshot: &Bound<'_, PyAny>) -> PyResult<Self> {
        let parsed: weir::ReleaseGuard = from_py(snapshot)?;
        let inner = weir::ReleaseGuard::restore(parsed).map_err(crate::errors::to_py)?;
        Ok(Self { inner })
    }
}

/// The Kubernetes HPA's memory for one autoscaler (recommendation history, scale events)
/// and its computation, sans-IO.
///
/// `HpaState(config=None)` takes the controller flags (`tolerance`,
/// `cpuInitializationPeriodSeconds`, ...; Kubernetes' defaults when absent).
/// `recommend(input)` takes one reconcile's observations (`now`, `spec`,
/// `currentReplicas`, `pods`, `metrics`) and returns `desiredReplicas` with the reason and
/// each metric's proposal; a bad input raises `ValidationError` and changes nothing.
/// `snapshot()`, `HpaState.restore(snapshot)`.
#[pyclass(name = "HpaState", module = "weir")]
pub struct HpaState {
    inner: weir::HpaState,
}

#[pymethods]
impl HpaState {
    #[new]
    #[pyo3(signature = (config = None))]
    fn new(config: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let config: Option<weir::HpaConfig> = config.map(from_py).transpose()?;
        let inner =
            weir::HpaState::restore(weir::HpaState::new(config)).map_err(crate::errors::to_py)?;
        Ok(Self { inner })
    }

    /// One reconcile: returns the recommendation dict.
    fn recommend<'py>(&mut self, input: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let parsed: weir::HpaInput = from_py(input)?;
        to_py(input.py(), self.inner.recommend(&parsed))
    }

    /// The whole state, as a dict.
    fn snapshot<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, Ok(self.inner.snapshot()))
    }

    /// A state that continues from a snapshot.
    #[staticmethod]
    fn restore(snapshot: &Bound<'_, PyAny>) -> PyResult<Self> {
        let parsed: weir::HpaState = from_py(snapshot)?;
        let inner = weir::HpaState::restore(parsed).map_err(crate::errors::to_py)?;
        Ok(Self { inner })
    }
}

/// A cluster snapshot compiled once and scheduled against many times (a large snapshot is
/// converted once, not on every call).
///
/// `Scheduler(snapshot)`; `schedule_one(pod)` says where a pod would go and changes
/// nothing; `schedule_all({"pods"?, "preemption"?})` adds the pods, schedules every pending
/// pod and keeps the result; `place({"template", "replicas", "units"?, "preemption"?})` and
/// `drain(node)` keep theirs; `taint_evictions(now)`; `snapshot()`;
/// `Scheduler.restore(snapshot)`. A refused call raises and changes nothing.
#[pyclass(name = "Scheduler", module = "weir")]
pub struct Scheduler {
    inner: weir::Scheduler,
}

#[pymethods]
impl Scheduler {
    #[new]
    fn new(snapshot: &Bound<'_, PyAny>) -> PyResult<Self> {
        let parsed: weir::ClusterSnapshot = from_py(snapshot)?;
        let inner = weir::Scheduler::new(&parsed).map_err(crate::errors::to_py)?;
        Ok(Self { inner })
    }

    /// Where one pod would go; nothing changes.
    fn schedule_one<'py>(&mut self, pod: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let parsed: weir::Pod = from_py(pod)?;
        to_py(pod.py(), self.inner.schedule_one(&parsed))
    }

    /// Add pods (none by default) and schedule every pending pod; the placements stay.
    #[pyo3(signature = (input = None))]
    fn schedule_all<'py>(
        &mut self,
        py: Python<'py>,
        input: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let parsed = match input {
            Some(i) => from_py(i)?,
            None => weir::SchedulePodsInput {
                pods: Vec::new(),
                preemption: None,
            },
        };
        to_py(py, self.inner.schedule_all(&parsed))
    }

    /// Place a service's replicas over its units with spill-over; the placements stay.
    fn place<'py>(&mut self, input: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let parsed: weir::PlacePodsInput = from_py(input)?;
        to_py(input.py(), self.inner.place(&parsed))
    }

    /// Cordon a node and move its pods elsewhere; the result stays.
    fn drain<'py>(
        &mut self,
        py: Python<'py>,
        node: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let node = &text_arg(node, "node")?;
        to_py(py, self.inner.drain(node))
    }

    /// The pods `NoExecute` taints evict as of `now` (RFC 3339); nothing changes.
    fn taint_evictions<'py>(
        &self,
        py: Python<'py>,
        now: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let now = &text_arg(now, "now")?;
        to_py(py, self.inner.taint_evictions(now))
    }

    /// The cluster as a snapshot dict.
    fn snapshot<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, Ok(self.inner.snapshot()))
    }

    /// A scheduler from a snapshot.
    #[staticmethod]
    fn restore(snapshot: &Bound<'_, PyAny>) -> PyResult<Self> {
        Self::new(snapshot)
    }
}

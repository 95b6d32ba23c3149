//! One Python class per sans-IO machine of the core. Each has the one machine shape —
//! `handle(now, event)`, `poll_timeout()`, `snapshot()`, `restore(snapshot)` — written
//! once here as generic functions over [`weir::machine::Machine`]; a class method is one
//! call to them.

use pyo3::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use weir::machine::Machine;

use crate::convert::{from_py, now_arg, text_arg, to_py};

/// `handle(now, event)`: the time as RFC 3339 text, the event as data; the output as data.
fn handle<'py, M>(
    m: &mut M,
    now: &Bound<'py, PyAny>,
    event: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>>
where
    M: Machine,
    M::Event: DeserializeOwned,
    M::Output: Serialize,
{
    let t = now_arg(now, "now")?;
    let parsed: M::Event = from_py(event)?;
    to_py(now.py(), m.handle(t, parsed))
}

/// `poll_timeout()`: RFC 3339 text or `None`.
fn poll_timeout<M: Machine>(m: &M) -> Option<String> {
    m.poll_timeout().map(|t| t.to_string())
}

/// `snapshot()`: what a restore needs, as data.
fn snapshot<'py, M>(py: Python<'py>, m: &M) -> PyResult<Bound<'py, PyAny>>
where
    M: Machine,
    M::Snapshot: Serialize,
{
    to_py(py, Ok(m.snapshot()))
}

/// `restore(snapshot)`: a machine that continues from the snapshot, after its checks.
fn restore<M>(snapshot: &Bound<'_, PyAny>) -> PyResult<M>
where
    M: Machine,
    M::Snapshot: DeserializeOwned,
{
    let parsed: M::Snapshot = from_py(snapshot)?;
    M::restore(parsed).map_err(crate::errors::to_py)
}

/// A class's `#[pymethods]`: the machine methods every class has (forwarding to the
/// generic functions above), then the class's own.
macro_rules! machine_class {
    ($class:ident { $($own:tt)* }) => {
        #[pymethods]
        impl $class {
            $($own)*

        /// Handle one event at `now` (RFC 3339); returns the output. A refused event
        /// raises and changes nothing; a `now` earlier than the last one handled is
        /// refused.
        fn handle<'py>(
            &mut self,
            now: &Bound<'py, PyAny>,
            event: &Bound<'py, PyAny>,
        ) -> PyResult<Bound<'py, PyAny>> {
            handle(&mut self.inner, now, event)
        }

        /// The next instant (RFC 3339) at which the machine would act with no new event,
        /// or `None`.
        fn poll_timeout(&self) -> Option<String> {
            poll_timeout(&self.inner)
        }

        /// What a restore needs, as a dict (store it; `restore` continues from it).
        fn snapshot<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            snapshot(py, &self.inner)
        }

        /// A machine that continues from a snapshot.
        #[staticmethod]
        fn restore(snapshot: &Bound<'_, PyAny>) -> PyResult<Self> {
            Ok(Self {
                inner: restore(snapshot)?,
            })
        }
        }
    };
}

/// The versions, draft and release state of one app service (a sans-IO state machine).
///
/// `VersionHistory(profile=None)` starts empty; `handle(now, event)` takes an event dict
/// tagged by `type` (`create`, `edit`, `updateDraft`, `copyToDraft`, `discardDraft`,
/// `submit`, `changeImage`, `changeReplicas`, `beginRelease`, `markPublished`,
/// `markFailed`, `cancelRelease`, `beginOperation`, `endOperation`, `delete`) and returns
/// the outcome; a refused event raises and changes nothing. `poll_timeout()` is always
/// `None`; `snapshot()`, `VersionHistory.restore(snapshot)`.
#[pyclass(name = "VersionHistory", module = "weir")]
pub struct VersionHistory {
    inner: weir::VersionHistory,
}

machine_class!(VersionHistory {
    #[new]
    #[pyo3(signature = (profile = None))]
    fn new(profile: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let profile = profile.map(from_py).transpose()?;
        Ok(Self {
            inner: weir::VersionHistory::new(profile),
        })
    }

});

/// The release engine: a sans-IO state machine that drives a planned release order.
///
/// `ReleaseEngine(plan)` takes `plan_release(order)`'s result. `handle(now, event)` takes
/// the time as RFC 3339 and an event dict tagged by `type` (`start`, `startService`,
/// `podObserved`, `taskFinished`, `confirmBeta`, `resume`, `cancel`, `retry`, `rollback`,
/// `confirmRollback`, `retryRollback`, `cancelRollback`, `tick`), and returns the actions
/// to carry out (`runTask`, `updatePods`, `deleteResources`, `awaitConfirmation`,
/// `serviceFinished`, `orderFinished`). `poll_timeout()` is when to send the next `tick`
/// (or `None`); `status(now)`, `snapshot()`, `ReleaseEngine.restore(snapshot)`.
#[pyclass(name = "ReleaseEngine", module = "weir")]
pub struct ReleaseEngine {
    inner: weir::ReleaseEngine,
}

machine_class!(ReleaseEngine {
    #[new]
    fn new(plan: &Bound<'_, PyAny>) -> PyResult<Self> {
        let plan: weir::ReleasePlan = from_py(plan)?;
        let inner = weir::ReleaseEngine::new(plan).map_err(crate::errors::to_py)?;
        Ok(Self { inner })
    }


    /// Each service's phase, group and pod statuses at `now`.
    fn status<'py>(&self, py: Python<'py>, now: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let now = now_arg(now, "now")?;
        to_py(py, Ok(self.inner.status(now)))
    }
});

/// Which release order or operation holds each app service (one at a time; a failed
/// release blocks new orders until the same order resolves it). `handle(now, event)` takes
/// an event dict tagged by `type` (`beginOrder`, `finishService`, `beginOperation`,
/// `endOperation`); a refused event raises and changes nothing.
#[pyclass(name = "ReleaseGuard", module = "weir")]
pub struct ReleaseGuard {
    inner: weir::ReleaseGuard,
}

machine_class!(ReleaseGuard {
    #[new]
    fn new() -> Self {
        Self {
            inner: weir::ReleaseGuard::new(),
        }
    }

});

/// The Kubernetes HPA's memory for one autoscaler (recommendation history, scale events)
/// and its computation, sans-IO.
///
/// `HpaState(config=None)` takes the controller flags (`tolerance`,
/// `cpuInitializationPeriodSeconds`, `syncPeriodSeconds`, ...; Kubernetes' defaults when
/// absent). `handle(now, input)` takes one reconcile's observations (`spec`,
/// `currentReplicas`, `pods`, `metrics`) and returns `desiredReplicas` with the reason and
/// each metric's proposal; a bad input raises `ValidationError` and changes nothing.
/// `poll_timeout()` is the next reconcile; `snapshot()`, `HpaState.restore(snapshot)`.
#[pyclass(name = "HpaState", module = "weir")]
pub struct HpaState {
    inner: weir::HpaState,
}

machine_class!(HpaState {
    #[new]
    #[pyo3(signature = (config = None))]
    fn new(config: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let config: Option<weir::HpaConfig> = config.map(from_py).transpose()?;
        let inner = weir::HpaState::restore(weir::HpaState::new(config).snapshot())
            .map_err(crate::errors::to_py)?;
        Ok(Self { inner })
    }

});

/// A cluster snapshot compiled once and scheduled against many times (a large snapshot is
/// converted once, not on every call).
///
/// `Scheduler(snapshot)`; `handle(now, event)` with `scheduleOne`, `scheduleAll`,
/// `place`, `drain` or `evictTainted`; `poll_timeout()` is the next `NoExecute` eviction.
/// The same operations as methods: `schedule_one(pod)` says where a pod would go and
/// changes nothing; `schedule_all({"pods"?, "preemption"?})` adds the pods, schedules
/// every pending pod and keeps the result; `place({"template", "replicas", "units"?,
/// "preemption"?})` and `drain(node)` keep theirs; `taint_evictions(now)`; `snapshot()`;
/// `Scheduler.restore(snapshot)`. A refused call raises and changes nothing.
#[pyclass(name = "Scheduler", module = "weir")]
pub struct Scheduler {
    inner: weir::Scheduler,
}

machine_class!(Scheduler {
    #[new]
    fn new(snapshot: &Bound<'_, PyAny>) -> PyResult<Self> {
        let parsed: weir::ClusterSnapshot = from_py(snapshot)?;
        let inner = weir::Scheduler::new(&parsed).map_err(crate::errors::to_py)?;
        Ok(Self { inner })
    }


    /// The cluster as a snapshot dict (pods with their current `nodeName`).
    fn cluster<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, Ok(self.inner.cluster()))
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

});

/// The water-level node autoscaler (a sans-IO state machine).
///
/// `Autoscaler(config)` validates the configuration; `step(now, cluster)` returns the
/// decision (water level and slot-pod delta, scale-up, scale-down, each group's verdict,
/// each pending pod's reason); `observe(now, event)` records `nodeJoined`, `nodeFailed`,
/// `nodeDeleted` or `scaleDownFailed`; `handle(now, event)` takes any event and returns
/// `{"type": "decision", ...}` or `{"type": "observed"}`; `poll_timeout()` is the next
/// timer; `derived_limits()`, `snapshot()`, `Autoscaler.restore(snapshot)`. A refused call
/// raises and changes nothing.
#[pyclass(name = "Autoscaler", module = "weir")]
pub struct Autoscaler {
    inner: weir::Autoscaler,
}

machine_class!(Autoscaler {
    #[new]
    fn new(config: &Bound<'_, PyAny>) -> PyResult<Self> {
        let config: weir::AutoscalerConfig = from_py(config)?;
        let inner = weir::Autoscaler::new(config).map_err(crate::errors::to_py)?;
        Ok(Self { inner })
    }

    /// Decide on a cluster snapshot at `now` (RFC 3339); returns the decision.
    fn step<'py>(
        &mut self,
        now: &Bound<'py, PyAny>,
        cluster: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let at = now_arg(now, "now")?;
        let cluster: weir::ClusterSnapshot = from_py(cluster)?;
        to_py(now.py(), self.inner.step(at, &cluster))
    }

    /// Record what happened to a node at `now` (`nodeJoined`, `nodeFailed`, `nodeDeleted`,
    /// `scaleDownFailed`).
    fn observe(&mut self, now: &Bound<'_, PyAny>, event: &Bound<'_, PyAny>) -> PyResult<()> {
        let at = now_arg(now, "now")?;
        let event: weir::AutoscalerEvent = from_py(event)?;
        self.inner.observe(at, event).map_err(crate::errors::to_py)
    }

    /// The cluster limits the node groups imply (read-only, seed 9.6).
    fn derived_limits<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, Ok(self.inner.derived_limits()))
    }
});

//! One JS class per sans-IO machine of the core; each wraps the core struct and forwards
//! JSON text (see `convert.rs`), and `index.js` gives it the public, data-in data-out face.
//! The machine shape — `handle(now, event)`, `pollTimeout()`, `snapshot()`,
//! `restore(snapshot)` — is written once here as generic functions over
//! [`weir::machine::Machine`]; a class method is one call to them.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde::Serialize;
use serde::de::DeserializeOwned;
use weir::machine::Machine;

use crate::convert::{from_json, to_json};
use crate::errors;

/// A time argument: RFC 3339 text (`validation` at `now` when it is not).
fn timestamp(env: &Env, text: &str) -> Result<weir::time::Timestamp> {
    weir::time::Timestamp::parse_at(text, "now").map_err(|e| errors::to_js(env, &e))
}

/// `handle(now, event)`: the event and the output as JSON text.
fn handle<M>(env: &Env, m: &mut M, now: &str, event: &str) -> Result<String>
where
    M: Machine,
    M::Event: DeserializeOwned,
    M::Output: Serialize,
{
    let now = timestamp(env, now)?;
    let event: M::Event = from_json(env, event)?;
    to_json(env, m.handle(now, event))
}

/// `restore(snapshot)`: a machine from a snapshot (JSON text), after its checks.
fn restore<M>(env: &Env, snapshot: &str) -> Result<M>
where
    M: Machine,
    M::Snapshot: DeserializeOwned,
{
    let parsed: M::Snapshot = from_json(env, snapshot)?;
    M::restore(parsed).map_err(|e| errors::to_js(env, &e))
}

/// A class's `#[napi]` methods: the machine methods every class has, then its own.
macro_rules! machine_class {
    ($class:ident { $($own:tt)* }) => {
        #[napi]
        impl $class {
            $($own)*

            /// Handle one event (JSON text) at `now`; returns the output as JSON text.
            #[napi(catch_unwind)]
            pub fn handle(&mut self, env: Env, now: String, event: String) -> Result<String> {
                handle(&env, &mut self.inner, &now, &event)
            }

            /// The next instant the machine would act with no new event, or `null`.
            #[napi(catch_unwind)]
            pub fn poll_timeout(&self) -> Option<String> {
                self.inner.poll_timeout().map(|t| t.to_string())
            }

            /// What a restore needs, as JSON text.
            #[napi(catch_unwind)]
            pub fn snapshot(&self, env: Env) -> Result<String> {
                to_json(&env, Ok(Machine::snapshot(&self.inner)))
            }

            /// A machine that continues from a snapshot (JSON text).
            #[napi(factory, catch_unwind)]
            pub fn restore(env: Env, snapshot: String) -> Result<Self> {
                Ok(Self {
                    inner: restore(&env, &snapshot)?,
                })
            }
        }
    };
}

/// The versions, draft and release state of one app service (native half).
#[napi(js_name = "VersionHistory")]
pub struct NativeVersionHistory {
    inner: weir::VersionHistory,
}

machine_class!(NativeVersionHistory {
    /// An empty history; `profile` is JSON text (`null` for none).
    #[napi(constructor, catch_unwind)]
    pub fn new(env: Env, profile: String) -> Result<Self> {
        let profile: Option<weir::PlatformProfile> = from_json(&env, &profile)?;
        Ok(Self {
            inner: weir::VersionHistory::new(profile),
        })
    }
});

/// The release engine (native half).
#[napi(js_name = "ReleaseEngine")]
pub struct NativeReleaseEngine {
    inner: weir::ReleaseEngine,
}

machine_class!(NativeReleaseEngine {
    /// An engine for a plan (JSON text).
    #[napi(constructor, catch_unwind)]
    pub fn new(env: Env, plan: String) -> Result<Self> {
        let plan: weir::ReleasePlan = from_json(&env, &plan)?;
        let inner = weir::ReleaseEngine::new(plan).map_err(|e| errors::to_js(&env, &e))?;
        Ok(Self { inner })
    }

    /// The status at `now`, as JSON text.
    #[napi(catch_unwind)]
    pub fn status(&self, env: Env, now: String) -> Result<String> {
        let now = timestamp(&env, &now)?;
        to_json(&env, Ok(self.inner.status(now)))
    }
});

/// The release guard (native half).
#[napi(js_name = "ReleaseGuard")]
pub struct NativeReleaseGuard {
    inner: weir::ReleaseGuard,
}

machine_class!(NativeReleaseGuard {
    /// An empty guard.
    #[napi(constructor, catch_unwind)]
    pub fn new() -> Self {
        Self {
            inner: weir::ReleaseGuard::new(),
        }
    }
});

/// The HPA's state and computation (native half).
#[napi(js_name = "HpaState")]
pub struct NativeHpaState {
    inner: weir::HpaState,
}

machine_class!(NativeHpaState {
    /// A fresh state; `config` is JSON text (`null` for Kubernetes' defaults).
    #[napi(constructor, catch_unwind)]
    pub fn new(env: Env, config: String) -> Result<Self> {
        let config: Option<weir::HpaConfig> = from_json(&env, &config)?;
        let inner = weir::HpaState::restore(weir::HpaState::new(config).snapshot())
            .map_err(|e| errors::to_js(&env, &e))?;
        Ok(Self { inner })
    }
});

/// A compiled cluster snapshot (native half).
#[napi(js_name = "Scheduler")]
pub struct NativeScheduler {
    inner: weir::Scheduler,
}

machine_class!(NativeScheduler {
    /// Compile a snapshot (JSON text).
    #[napi(constructor, catch_unwind)]
    pub fn new(env: Env, snapshot: String) -> Result<Self> {
        let parsed: weir::ClusterSnapshot = from_json(&env, &snapshot)?;
        let inner = weir::Scheduler::new(&parsed).map_err(|e| errors::to_js(&env, &e))?;
        Ok(Self { inner })
    }

    /// The cluster as JSON text.
    #[napi(catch_unwind)]
    pub fn cluster(&self, env: Env) -> Result<String> {
        to_json(&env, Ok(self.inner.cluster()))
    }

    /// Where one pod (JSON text) would go; nothing changes.
    #[napi(catch_unwind)]
    pub fn schedule_one(&mut self, env: Env, pod: String) -> Result<String> {
        let parsed: weir::Pod = from_json(&env, &pod)?;
        to_json(&env, self.inner.schedule_one(&parsed))
    }

    /// Add pods and schedule every pending pod (JSON text); the placements stay.
    #[napi(catch_unwind)]
    pub fn schedule_all(&mut self, env: Env, input: String) -> Result<String> {
        let parsed: weir::SchedulePodsInput = from_json(&env, &input)?;
        to_json(&env, self.inner.schedule_all(&parsed))
    }

    /// Place a service's replicas (JSON text) over its units with spill-over; they stay.
    #[napi(catch_unwind)]
    pub fn place(&mut self, env: Env, input: String) -> Result<String> {
        let parsed: weir::PlacePodsInput = from_json(&env, &input)?;
        to_json(&env, self.inner.place(&parsed))
    }

    /// Cordon node `node` and move its pods elsewhere; the result stays.
    #[napi(catch_unwind)]
    pub fn drain(&mut self, env: Env, node: String) -> Result<String> {
        to_json(&env, self.inner.drain(&node))
    }

    /// The pods `NoExecute` taints evict as of `now` (RFC 3339); nothing changes.
    #[napi(catch_unwind)]
    pub fn taint_evictions(&self, env: Env, now: String) -> Result<String> {
        to_json(&env, self.inner.taint_evictions(&now))
    }
});

/// The water-level node autoscaler (native half).
#[napi(js_name = "Autoscaler")]
pub struct NativeAutoscaler {
    inner: weir::Autoscaler,
}

machine_class!(NativeAutoscaler {
    /// An autoscaler for a configuration (JSON text).
    #[napi(constructor, catch_unwind)]
    pub fn new(env: Env, config: String) -> Result<Self> {
        let config: weir::AutoscalerConfig = from_json(&env, &config)?;
        let inner = weir::Autoscaler::new(config).map_err(|e| errors::to_js(&env, &e))?;
        Ok(Self { inner })
    }

    /// Decide on a cluster (JSON text) at `now`; the decision as JSON text.
    #[napi(catch_unwind)]
    pub fn step(&mut self, env: Env, now: String, cluster: String) -> Result<String> {
        let now = timestamp(&env, &now)?;
        let cluster: weir::ClusterSnapshot = from_json(&env, &cluster)?;
        to_json(&env, self.inner.step(now, &cluster))
    }

    /// Record what happened to a node (JSON text) at `now`.
    #[napi(catch_unwind)]
    pub fn observe(&mut self, env: Env, now: String, event: String) -> Result<()> {
        let now = timestamp(&env, &now)?;
        let event: weir::AutoscalerEvent = from_json(&env, &event)?;
        self.inner
            .observe(now, event)
            .map_err(|e| errors::to_js(&env, &e))
    }

    /// The derived cluster limits as JSON text.
    #[napi(catch_unwind)]
    pub fn derived_limits(&self, env: Env) -> Result<String> {
        to_json(&env, Ok(self.inner.derived_limits()))
    }
});

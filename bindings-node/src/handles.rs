//! One JS class per stateful core engine: each wraps the core struct and forwards JSON
//! text (see `convert.rs`); `index.js` gives it the public, data-in data-out face.

use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::convert::{from_json, to_json};
use crate::errors;

/// A time argument: RFC 3339 text (`validation` at `now` when it is not).
fn timestamp(env: &Env, text: &str) -> Result<weir::time::Timestamp> {
    weir::time::Timestamp::parse_at(text, "now").map_err(|e| errors::to_js(env, &e))
}

/// The versions, draft and release state of one app service (native half).
#[napi(js_name = "VersionHistory")]
pub struct NativeVersionHistory {
    inner: weir::VersionHistory,
}

#[napi]
impl NativeVersionHistory {
    /// An empty history; `profile` is JSON text (`null` for none).
    #[napi(constructor, catch_unwind)]
    pub fn new(env: Env, profile: String) -> Result<Self> {
        let profile: Option<weir::PlatformProfile> = from_json(&env, &profile)?;
        Ok(Self {
            inner: weir::VersionHistory::new(profile),
        })
    }

    /// Apply one command (JSON text); returns the outcome as JSON text.
    #[napi(catch_unwind)]
    pub fn apply(&mut self, env: Env, command: String) -> Result<String> {
        let command: weir::HistoryCommand = from_json(&env, &command)?;
        to_json(&env, self.inner.apply(command))
    }

    /// The whole state as JSON text.
    #[napi(catch_unwind)]
    pub fn snapshot(&self, env: Env) -> Result<String> {
        to_json(&env, Ok(self.inner.snapshot()))
    }

    /// A history that continues from a snapshot (JSON text).
    #[napi(factory, catch_unwind)]
    pub fn restore(env: Env, snapshot: String) -> Result<Self> {
        let parsed: weir::VersionHistory = from_json(&env, &snapshot)?;
        let inner = weir::VersionHistory::restore(parsed).map_err(|e| errors::to_js(&env, &e))?;
        Ok(Self { inner })
    }
}

/// The release engine (native half).
#[napi(js_name = "ReleaseEngine")]
pub struct NativeReleaseEngine {
    inner: weir::ReleaseEngine,
}

#[napi]
impl NativeReleaseEngine {
    /// An engine for a plan (JSON text).
    #[napi(constructor, catch_unwind)]
    pub fn new(env: Env, plan: String) -> Result<Self> {
        let plan: weir::ReleasePlan = from_json(&env, &plan)?;
        let inner = weir::ReleaseEngine::new(plan).map_err(|e| errors::to_js(&env, &e))?;
        Ok(Self { inner })
    }

    /// Handle one event (JSON text) at `now`; returns the actions as JSON text.
    #[napi(catch_unwind)]
    pub fn handle(&mut self, env: Env, now: String, event: String) -> Result<String> {
        let now = timestamp(&env, &now)?;
        let event: weir::ReleaseEvent = from_json(&env, &event)?;
        to_json(&env, self.inner.handle(now, event))
    }

    /// When to send the next `tick` (RFC 3339), or `null`.
    #[napi(catch_unwind)]
    pub fn poll_timeout(&self) -> Option<String> {
        self.inner.poll_timeout().map(|t| t.to_string())
    }

    /// The status at `now`, as JSON text.
    #[napi(catch_unwind)]
    pub fn status(&self, env: Env, now: String) -> Result<String> {
        let now = timestamp(&env, &now)?;
        to_json(&env, Ok(self.inner.status(now)))
    }

    /// The whole state as JSON text.
    #[napi(catch_unwind)]
    pub fn snapshot(&self, env: Env) -> Result<String> {
        to_json(&env, Ok(self.inner.snapshot()))
    }

    /// An engine that continues from a snapshot (JSON text).
    #[napi(factory, catch_unwind)]
    pub fn restore(env: Env, snapshot: String) -> Result<Self> {
        let parsed: weir::ReleaseSnapshot = from_json(&env, &snapshot)?;
        let inner = weir::ReleaseEngine::restore(parsed).map_err(|e| errors::to_js(&env, &e))?;
        Ok(Self { inner })
    }
}

/// The release guard (native half).
#[napi(js_name = "ReleaseGuard")]
pub struct NativeReleaseGuard {
    inner: weir::ReleaseGuard,
}

#[napi]
impl NativeReleaseGuard {
    /// An empty guard.
    #[napi(constructor, catch_unwind)]
    pub fn new() -> Self {
        Self {
            inner: weir::ReleaseGuard::new(),
        }
    }

    /// Apply one command (JSON text); returns `null` as JSON text.
    #[napi(catch_unwind)]
    pub fn apply(&mut self, env: Env, command: String) -> Result<String> {
        let command: weir::GuardCommand = from_json(&env, &command)?;
        to_json(&env, self.inner.apply(command))
    }

    /// The whole state as JSON text.
    #[napi(catch_unwind)]
    pub fn snapshot(&self, env: Env) -> Result<String> {
        to_json(&env, Ok(&self.inner))
    }

    /// A guard that continues from a snapshot (JSON text).
    #[napi(factory, catch_unwind)]
    pub fn restore(env: Env, snapshot: String) -> Result<Self> {
        let parsed: weir::ReleaseGuard = from_json(&env, &snapshot)?;
        let inner = weir::ReleaseGuard::restore(parsed).map_err(|e| errors::to_js(&env, &e))?;
        Ok(Self { inner })
    }
}

/// The HPA's state and computation (native half).
#[napi(js_name = "HpaState")]
pub struct NativeHpaState {
    inner: weir::HpaState,
}

#[napi]
impl NativeHpaState {
    /// A fresh state; `config` is JSON text (`null` for Kubernetes' defaults).
    #[napi(constructor, catch_unwind)]
    pub fn new(env: Env, config: String) -> Result<Self> {
        let config: Option<weir::HpaConfig> = from_json(&env, &config)?;
        let inner = weir::HpaState::restore(weir::HpaState::new(config))
            .map_err(|e| errors::to_js(&env, &e))?;
        Ok(Self { inner })
    }

    /// One reconcile (JSON text); returns the recommendation as JSON text.
    #[napi(catch_unwind)]
    pub fn recommend(&mut self, env: Env, input: String) -> Result<String> {
        let input: weir::HpaInput = from_json(&env, &input)?;
        to_json(&env, self.inner.recommend(&input))
    }

    /// The whole state as JSON text.
    #[napi(catch_unwind)]
    pub fn snapshot(&self, env: Env) -> Result<String> {
        to_json(&env, Ok(self.inner.snapshot()))
    }

    /// A state that continues from a snapshot (JSON text).
    #[napi(factory, catch_unwind)]
    pub fn restore(env: Env, snapshot: String) -> Result<Self> {
        let parsed: weir::HpaState = from_json(&env, &snapshot)?;
        let inner = weir::HpaState::restore(parsed).map_err(|e| errors::to_js(&env, &e))?;
        Ok(Self { inner })
    }
}

/// A compiled cluster snapshot (native half).
#[napi(js_name = "Scheduler")]
pub struct NativeScheduler {
    inner: weir::Scheduler,
}

#[napi]
impl NativeScheduler {
    /// Compile a snapshot (JSON text).
    #[napi(constructor, catch_unwind)]
    pub fn new(env: Env, snapshot: String) -> Result<Self> {
        let parsed: weir::ClusterSnapshot = from_json(&env, &snapshot)?;
        let inner = weir::Scheduler::new(&parsed).map_err(|e| errors::to_js(&env, &e))?;
        Ok(Self { inner })
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

    /// The cluster as JSON text.
    #[napi(catch_unwind)]
    pub fn snapshot(&self, env: Env) -> Result<String> {
        to_json(&env, Ok(self.inner.snapshot()))
    }
}

//! The JS `Autoscaler` class (native half): the core's water-level node autoscaler, thin
//! (JSON text in, the core call, JSON text out); `index.js` gives it its public face.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use weir::machine::Machine;

use crate::convert::{from_json, to_json};
use crate::errors;

/// The water-level node autoscaler (native half).
#[napi(js_name = "Autoscaler")]
pub struct NativeAutoscaler {
    inner: weir::Autoscaler,
}

fn instant(env: &Env, now: &str) -> Result<weir::time::Timestamp> {
    weir::time::Timestamp::parse_at(now, "now").map_err(|e| errors::to_js(env, &e))
}

#[napi]
impl NativeAutoscaler {
    /// An autoscaler for a configuration (JSON text).
    #[napi(constructor, catch_unwind)]
    pub fn new(env: Env, config: String) -> Result<Self> {
        let config: weir::AutoscalerConfig = from_json(&env, &config)?;
        let inner = weir::Autoscaler::new(config).map_err(|e| errors::to_js(&env, &e))?;
        Ok(Self { inner })
    }

    /// Decide on a cluster (JSON text) at `now`; the decision as JSON text.
    #[napi(catch_unwind)]
    pub fn step(&mut self, env: Env, cluster: String, now: String) -> Result<String> {
        let cluster: weir::ClusterSnapshot = from_json(&env, &cluster)?;
        let now = instant(&env, &now)?;
        to_json(&env, self.inner.step(now, &cluster))
    }

    /// Handle any event (JSON text) at `now`; the output as JSON text.
    #[napi(catch_unwind)]
    pub fn handle(&mut self, env: Env, event: String, now: String) -> Result<String> {
        let event: weir::AutoscalerEvent = from_json(&env, &event)?;
        let now = instant(&env, &now)?;
        to_json(&env, self.inner.handle(now, event))
    }

    /// The next timer (RFC 3339), or `null`, as JSON text.
    #[napi(catch_unwind)]
    pub fn poll_timeout(&self, env: Env) -> Result<String> {
        to_json(&env, Ok(self.inner.poll_timeout()))
    }

    /// The derived cluster limits as JSON text.
    #[napi(catch_unwind)]
    pub fn derived_limits(&self, env: Env) -> Result<String> {
        to_json(&env, Ok(self.inner.derived_limits()))
    }

    /// The whole state as JSON text.
    #[napi(catch_unwind)]
    pub fn snapshot(&self, env: Env) -> Result<String> {
        to_json(&env, Ok(self.inner.snapshot()))
    }

    /// An autoscaler that continues from a snapshot (JSON text).
    #[napi(factory, catch_unwind)]
    pub fn restore(env: Env, snapshot: String) -> Result<Self> {
        let parsed: weir::AutoscalerSnapshot = from_json(&env, &snapshot)?;
        let inner = weir::Autoscaler::restore(parsed).map_err(|e| errors::to_js(&env, &e))?;
        Ok(Self { inner })
    }
}

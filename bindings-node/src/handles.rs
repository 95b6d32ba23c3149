//! One JS class per stateful core engine: each wraps the core struct and forwards JSON
//! text (see `convert.rs`); `index.js` gives it the public, data-in data-out face.

use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::convert::{from_json, to_json};
use crate::errors;

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

//! The one generic conversion each way: JSON text between `index.js` and weir's serde types.
//!
//! Why JSON text rather than napi's serde value conversion: napi's deserializer hands a
//! whole-number JS double to serde as `i64`, saturating (`1e21` arrives as 2^63-1, and an
//! `f64` field silently gets the wrong value), while `JSON.stringify` + serde_json keep the
//! exact number; it is also the faster path for large payloads (oxc and swc do the same).
//! `JSON.stringify` would write NaN and ±Infinity as `null` (silently "absent"), round an
//! integer beyond 2^53, keep a lone surrogate only as an escape and turn a `Map` into `{}`,
//! so `index.js` refuses those first, as `invalid_input` at their path. The text is read by
//! [`weir::error::from_json_str`], which names the field path of a value that does not fit
//! and drops serde_json's line and column (of text the caller never saw).

use napi::{Env, Result};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::errors;

/// JSON text → weir input type; a value of the wrong shape is `invalid_input` at its path.
pub fn from_json<T: DeserializeOwned>(env: &Env, json: &str) -> Result<T> {
    weir::error::from_json_str(json).map_err(|e| errors::to_js(env, &e))
}

/// weir result → JSON text, or the JS error for a weir error.
pub fn to_json<T: Serialize>(env: &Env, result: weir::Result<T>) -> Result<String> {
    let value = result.map_err(|e| errors::to_js(env, &e))?;
    serde_json::to_string(&value).map_err(|e| errors::to_js(env, &weir::Error::invalid_input(e)))
}

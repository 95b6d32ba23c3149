//! Node bindings of weir: the native addon behind the `weir` npm package.
//!
//! Thin by construction: each export takes its input as a JSON string, calls the core and
//! returns JSON; `index.js` does the `JSON.stringify` / `JSON.parse` around it (see
//! [`convert`] for why JSON rather than napi's value conversion). Every export has
//! `catch_unwind`, so even a bug that panics surfaces as a JS exception, never an abort.

mod convert;
mod errors;
mod handles;

use napi::bindgen_prelude::*;
use napi_derive::napi;

use convert::{from_json, to_json};

/// Parse a Kubernetes quantity; input and output are JSON text (see `index.js`).
#[napi(catch_unwind)]
pub fn parse_quantity(env: Env, quantity: String) -> Result<String> {
    let raw: weir::RawQuantity = from_json(&env, &quantity)?;
    to_json(&env, weir::parse_quantity(&raw))
}

/// Check label keys and values; input and output are JSON text (see `index.js`).
#[napi(catch_unwind)]
pub fn validate_labels(env: Env, labels: String) -> Result<String> {
    let labels: weir::Labels = from_json(&env, &labels)?;
    to_json(&env, weir::validate_labels(&labels))
}

/// Validate a label selector and test labels; input and output are JSON text.
#[napi(catch_unwind)]
pub fn match_label_selector(env: Env, input: String) -> Result<String> {
    let input: weir::LabelSelectorMatchInput = from_json(&env, &input)?;
    to_json(&env, weir::match_label_selector(&input))
}

/// Validate a node selector and test a node; input and output are JSON text.
#[napi(catch_unwind)]
pub fn match_node_selector(env: Env, input: String) -> Result<String> {
    let input: weir::NodeSelectorMatchInput = from_json(&env, &input)?;
    to_json(&env, weir::match_node_selector(&input))
}

/// Validate an app service; input and output are JSON text (see `index.js`).
#[napi(catch_unwind)]
pub fn validate_app_service(env: Env, input: String) -> Result<String> {
    let input: weir::AppServiceInput = from_json(&env, &input)?;
    to_json(&env, weir::validate_app_service(&input))
}

/// Validate and fill every default; input and output are JSON text.
#[napi(catch_unwind)]
pub fn normalize_app_service(env: Env, input: String) -> Result<String> {
    let input: weir::AppServiceInput = from_json(&env, &input)?;
    to_json(&env, weir::normalize_app_service(&input))
}

/// Diff two app service versions; input and output are JSON text.
#[napi(catch_unwind)]
pub fn diff_app_services(env: Env, input: String) -> Result<String> {
    let input: weir::DiffInput = from_json(&env, &input)?;
    to_json(&env, weir::diff_app_services(&input))
}

/// The version of the native addon (the crate version).
#[napi(catch_unwind)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

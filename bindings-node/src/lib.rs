//! Node bindings of weir: the native addon behind the `weir` npm package.
//!
//! Thin by construction: each export takes its input as a JSON string, calls the core and
//! returns JSON; `index.js` does the `JSON.stringify` / `JSON.parse` around it (see
//! [`convert`] for why JSON rather than napi's value conversion). Every export has
//! `catch_unwind`, so even a bug that panics surfaces as a JS exception, never an abort.

mod autoscaler;
mod convert;
mod errors;
mod handles;

use napi::bindgen_prelude::*;
use napi_derive::napi;

use convert::{from_json, to_json};

/// One export per core operation: JSON text in, the core call, JSON text (or a JS error
/// with `code` and `details`) out. The public docs live in `index.d.ts`.
macro_rules! ops {
    ($($name:ident($input:ty) => $call:path;)*) => {
        $(
            #[doc = concat!("`", stringify!($name), "`: JSON text in, JSON text out (see `index.js`).")]
            #[napi(catch_unwind)]
            pub fn $name(env: Env, input: String) -> Result<String> {
                let parsed: $input = from_json(&env, &input)?;
                to_json(&env, $call(&parsed))
            }
        )*
    };
}

ops! {
    parse_quantity(weir::RawQuantity) => weir::parse_quantity;
    validate_labels(weir::Labels) => weir::validate_labels;
    match_label_selector(weir::LabelSelectorMatchInput) => weir::match_label_selector;
    match_node_selector(weir::NodeSelectorMatchInput) => weir::match_node_selector;
    validate_app_service(weir::AppServiceInput) => weir::validate_app_service;
    normalize_app_service(weir::AppServiceInput) => weir::normalize_app_service;
    diff_app_services(weir::DiffInput) => weir::diff_app_services;
    analyze_dag(weir::DagInput) => weir::analyze_dag;
    transitive_reduction(weir::DagInput) => weir::transitive_reduction;
    render_dag(weir::DagInput) => weir::render_dag;
    split_units(weir::UnitSplitInput) => weir::split_units;
    plan_groups(weir::GroupsInput) => weir::plan_groups;
    plan_release(weir::ReleaseOrder) => weir::plan_release;
    cron_next(weir::CronNextInput) => weir::cron_next;
    validate_scaling(weir::ScalingInput) => weir::validate_scaling;
    effective_at(weir::EffectiveAtInput) => weir::effective_at;
    next_changes(weir::NextChangesInput) => weir::next_changes;
    replica_curve(weir::CurveInput) => weir::replica_curve;
    schedule_one(weir::ScheduleOneInput) => weir::schedule_one;
    schedule_all(weir::ScheduleAllInput) => weir::schedule_all;
    place(weir::PlaceInput) => weir::place;
    drain(weir::DrainInput) => weir::drain;
    taint_evictions(weir::TaintEvictionsInput) => weir::taint_evictions;
    fits_template(weir::FitsTemplateInput) => weir::fits_template;
}

/// `replica_curve_svg`: a curve (JSON text) in, the SVG picture out.
#[napi(catch_unwind)]
pub fn replica_curve_svg(env: Env, input: String) -> Result<String> {
    let curve: weir::ReplicaCurve = from_json(&env, &input)?;
    weir::replica_curve_svg(&curve).map_err(|e| errors::to_js(&env, &e))
}

/// The version of the native addon (the crate version).
#[napi(catch_unwind)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

//! Python bindings of weir: the native module `weir._weir`.
//!
//! Thin by construction: each function converts its input (`convert`), calls the core,
//! and converts the result back (`ser`); errors go through [`errors::to_py`]. No logic lives here.
//! Docstrings are written once here; pyo3 makes them `__doc__`.

mod autoscaler;
mod convert;
mod errors;
mod handles;
mod ser;

use pyo3::prelude::*;

use convert::{from_py, to_py};

/// One exported function per core operation: convert the input, call the core, convert
/// the result or the error. Docstrings are written once here; pyo3 makes them `__doc__`.
macro_rules! ops {
    ($($(#[doc = $doc:literal])* $name:ident($input:ty) => $call:path;)*) => {
        $(
            $(#[doc = $doc])*
            #[pyfunction]
            fn $name<'py>(input: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
                let parsed: $input = from_py(input)?;
                to_py(input.py(), $call(&parsed))
            }
        )*

        fn add_functions(m: &Bound<'_, PyModule>) -> PyResult<()> {
            $(m.add_function(wrap_pyfunction!($name, m)?)?;)*
            Ok(())
        }
    };
}

ops! {
    /// Parse a Kubernetes quantity (`"500m"`, `"1.5Gi"`, `0.5`) and describe it: canonical
    /// form, format, and the exact `value` / `milliValue` as decimal strings.
    /// Raises `ParseQuantityError` for a bad, negative or too large quantity.
    parse_quantity(weir::RawQuantity) => weir::parse_quantity;
    /// Check label keys and values (a `dict[str, str]`); raises `ValidationError` listing
    /// every bad entry at `labels[key]`.
    validate_labels(weir::Labels) => weir::validate_labels;
    /// Validate a label selector and test a label set against it:
    /// `{"selector": {...}, "labels": {...}}` → `{"matches": bool}`. An absent selector
    /// matches nothing, `{}` matches everything.
    match_label_selector(weir::LabelSelectorMatchInput) => weir::match_label_selector;
    /// Validate a node selector and test a node against it:
    /// `{"nodeSelector": {...}, "nodeName": str, "labels": {...}}` →
    /// `{"matches": bool, "matchedTerm"?: int}`.
    match_node_selector(weir::NodeSelectorMatchInput) => weir::match_node_selector;
    /// Validate an app service: `{"spec": {...}, "profile"?: {...}}`; raises
    /// `ValidationError` listing every problem with its field path.
    validate_app_service(weir::AppServiceInput) => weir::validate_app_service;
    /// Validate an app service and return it with every default filled and every quantity
    /// canonical: `{"spec": {...}, "profile"?: {...}}` → the spec.
    normalize_app_service(weir::AppServiceInput) => weir::normalize_app_service;
    /// What changed between two versions and what the release implies:
    /// `{"from": spec, "to": spec, "rules"?: "seed" | "kubernetes", "profile"?: {...}}` →
    /// `{"changes", "upgrade", "reasons", "preTasks", "postTasks", "warnings"}`.
    diff_app_services(weir::DiffInput) => weir::diff_app_services;
    /// Validate a release order's dependencies and analyse them: `{"services": [{"name",
    /// "dependsOn"?, "durationSeconds"?}]}` → order, waves, earliest times, critical path.
    /// Raises `CycleError` with every cycle in `.details["cycles"]`.
    analyze_dag(weir::DagInput) => weir::analyze_dag;
    /// Which dependency edges another path already implies: `{"services": [...]}` →
    /// `{"redundantEdges", "keptEdges"}` (at most 10,000 services).
    transitive_reduction(weir::DagInput) => weir::transitive_reduction;
    /// DOT and Mermaid text of a release order's DAG: `{"services": [...]}` → `{"dot", "mermaid"}`.
    render_dag(weir::DagInput) => weir::render_dag;
    /// Split replicas evenly over units: `{"replicas", "units"}` → `[{"unit", "replicas"}]`.
    split_units(weir::UnitSplitInput) => weir::split_units;
    /// Group one service's pods for a release (beta, fast / perPod / single, pauses):
    /// `{"pods": [{"name", "unit"}], "grouping"?, "beta"?, "pauseBetweenGroups"?,
    /// "newVersion"?}` → `{"groups", "pauses", "betaSkipped"}`.
    plan_groups(weir::GroupsInput) => weir::plan_groups;
    /// Validate and plan a release order: waves, per service the version change, tasks,
    /// groups, pauses and what a rollback means. Raises `ValidationError` with every
    /// problem, or `CycleError`.
    plan_release(weir::ReleaseOrder) => weir::plan_release;
    /// The next fires of a cron expression: `{"cron", "timeZone"?, "after", "count"?}` →
    /// `{"fires": [RFC 3339 in the zone's offset]}`. Standard 5 fields (Sunday = 0 or 7),
    /// 6 with leading seconds, `@daily`-style; DST gaps fire when the gap ends, repeated
    /// times fire once.
    cron_next(weir::CronNextInput) => weir::cron_next;
    /// Validate scaling alone: `{"scaling": {...}}`; raises `ValidationError` with every
    /// problem (cron syntax, zones, schedules that never fire, priorities, ramps).
    validate_scaling(weir::ScalingInput) => weir::validate_scaling;
    /// What is in effect at an instant: `{"scaling", "at", "currentReplicas"?}` →
    /// `{"kind", "replicas"?, "minReplicas"?, "maxReplicas"?, "hpa"?, "policy"?, "firedAt"?,
    /// "until"?, "reason"}`. No `currentReplicas` means the first release.
    effective_at(weir::EffectiveAtInput) => weir::effective_at;
    /// The upcoming changes: `{"scaling", "from", "count"?, "currentReplicas"?}` →
    /// `{"changes": [{"at", "effective"}]}`.
    next_changes(weir::NextChangesInput) => weir::next_changes;
    /// The replica curve: `{"scaling", "from", "to", "stepSeconds", "currentReplicas"?}` →
    /// `{"from", "to", "stepSeconds", "minReplicas", "maxReplicas", "points": [{"t", "kind",
    /// "replicas"?, "min"?, "max"?, "policy"?}]}` (at most 1,000,000 points).
    replica_curve(weir::CurveInput) => weir::replica_curve;
    /// Where kube-scheduler would put one pod: `{"snapshot", "pod"}` → `{"pod", "node"?,
    /// "feasibleNodes", "scores", "refusals", "message"?}`; nothing changes.
    schedule_one(weir::ScheduleOneInput) => weir::schedule_one;
    /// Schedule every pending pod (priority order, with preemption): `{"snapshot",
    /// "pods"?, "preemption"?}` → `{"placements", "evicted", "snapshot"}`.
    schedule_all(weir::ScheduleAllInput) => weir::schedule_all;
    /// A service's replicas evenly over its units, with spill-over: `{"snapshot",
    /// "template", "replicas", "units"?}` → `{"units", "placements", "pending", "snapshot"}`.
    place(weir::PlaceInput) => weir::place;
    /// Cordon a node, evict and reschedule its pods: `{"snapshot", "node"}` →
    /// `{"placements", "kept", "snapshot"}`.
    drain(weir::DrainInput) => weir::drain;
    /// Which pods `NoExecute` taints evict, and when: `{"snapshot", "now"}` →
    /// `[{"pod", "node", "taint", "evictAt"}]`.
    taint_evictions(weir::TaintEvictionsInput) => weir::taint_evictions;
    /// Would a pod fit on a new node of a template: `{"pod", "node"}` → `{"fits",
    /// "refusal"?}`.
    fits_template(weir::FitsTemplateInput) => weir::fits_template;
}

/// Render a `replica_curve` result as an SVG picture (a `str`).
#[pyfunction]
fn replica_curve_svg(input: &Bound<'_, PyAny>) -> PyResult<String> {
    let curve: weir::ReplicaCurve = from_py(input)?;
    weir::replica_curve_svg(&curve).map_err(errors::to_py)
}

/// The native part of the `weir` package; import from `weir`, not from here.
#[pymodule]
fn _weir(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    errors::register(m)?;
    add_functions(m)?;
    m.add_function(wrap_pyfunction!(replica_curve_svg, m)?)?;
    m.add_class::<handles::VersionHistory>()?;
    m.add_class::<handles::ReleaseEngine>()?;
    m.add_class::<handles::ReleaseGuard>()?;
    m.add_class::<handles::HpaState>()?;
    m.add_class::<handles::Scheduler>()?;
    m.add_class::<autoscaler::Autoscaler>()?;
    Ok(())
}

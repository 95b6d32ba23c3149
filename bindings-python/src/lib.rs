//! Python bindings of weir: the native module `weir._weir`.
//!
//! Thin by construction: each function converts its input with pythonize, calls the core,
//! and converts the result back; errors go through [`errors::to_py`]. No logic lives here.
//! Docstrings are written once here; pyo3 makes them `__doc__`.

mod convert;
mod errors;
mod handles;

use pyo3::prelude::*;

use convert::{from_py, to_py};

/// Parse a Kubernetes quantity (`"500m"`, `"1.5Gi"`, `0.5`) and describe it: canonical
/// form, format, and the exact `value` / `milliValue` as decimal strings.
///
/// Raises `ParseQuantityError` for a bad, negative or too large quantity.
#[pyfunction]
fn parse_quantity<'py>(quantity: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let raw: weir::RawQuantity = from_py(quantity)?;
    to_py(quantity.py(), weir::parse_quantity(&raw))
}

/// Check label keys and values (a `dict[str, str]`); raises `ValidationError` listing
/// every bad entry at `labels[key]`.
#[pyfunction]
fn validate_labels(labels: &Bound<'_, PyAny>) -> PyResult<()> {
    let labels: weir::Labels = from_py(labels)?;
    weir::validate_labels(&labels).map_err(errors::to_py)
}

/// Validate a label selector and test a label set against it:
/// `{"selector": {...}, "labels": {...}}` → `{"matches": bool}`. An absent selector
/// matches nothing, `{}` matches everything.
#[pyfunction]
fn match_label_selector<'py>(input: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let parsed: weir::LabelSelectorMatchInput = from_py(input)?;
    to_py(input.py(), weir::match_label_selector(&parsed))
}

/// Validate a node selector and test a node against it:
/// `{"nodeSelector": {...}, "nodeName": str, "labels": {...}}` →
/// `{"matches": bool, "matchedTerm"?: int}`.
#[pyfunction]
fn match_node_selector<'py>(input: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let parsed: weir::NodeSelectorMatchInput = from_py(input)?;
    to_py(input.py(), weir::match_node_selector(&parsed))
}

/// Validate an app service: `{"spec": {...}, "profile"?: {...}}`; raises
/// `ValidationError` listing every problem with its field path.
#[pyfunction]
fn validate_app_service(input: &Bound<'_, PyAny>) -> PyResult<()> {
    let parsed: weir::AppServiceInput = from_py(input)?;
    weir::validate_app_service(&parsed).map_err(errors::to_py)
}

/// Validate an app service and return it with every default filled and every quantity
/// canonical: `{"spec": {...}, "profile"?: {...}}` → the spec.
#[pyfunction]
fn normalize_app_service<'py>(input: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let parsed: weir::AppServiceInput = from_py(input)?;
    to_py(input.py(), weir::normalize_app_service(&parsed))
}

/// What changed between two versions and what the release implies:
/// `{"from": spec, "to": spec, "rules"?: "seed" | "kubernetes"}` →
/// `{"changes", "upgrade", "reasons", "preTasks", "postTasks", "warnings"}`.
#[pyfunction]
fn diff_app_services<'py>(input: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let parsed: weir::DiffInput = from_py(input)?;
    to_py(input.py(), weir::diff_app_services(&parsed))
}

/// The native part of the `weir` package; import from `weir`, not from here.
#[pymodule]
fn _weir(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    errors::register(m)?;
    m.add_function(wrap_pyfunction!(parse_quantity, m)?)?;
    m.add_function(wrap_pyfunction!(validate_labels, m)?)?;
    m.add_function(wrap_pyfunction!(match_label_selector, m)?)?;
    m.add_function(wrap_pyfunction!(match_node_selector, m)?)?;
    m.add_function(wrap_pyfunction!(validate_app_service, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_app_service, m)?)?;
    m.add_function(wrap_pyfunction!(diff_app_services, m)?)?;
    m.add_class::<handles::VersionHistory>()?;
    Ok(())
}

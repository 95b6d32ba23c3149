//! The one generic conversion each way between Python objects and weir's serde types.

use pyo3::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::errors;

/// Python object → weir input type; a value of the wrong shape (wrong type, missing field,
/// an int too large for its field, a float where an int belongs) is `InvalidInputError`.
pub fn from_py<T: DeserializeOwned>(obj: &Bound<'_, PyAny>) -> PyResult<T> {
    pythonize::depythonize(obj).map_err(|e| errors::to_py(weir::Error::invalid_input(e)))
}

/// weir result → Python object (dicts with camelCase keys), or the mapped exception.
pub fn to_py<'py, T: Serialize>(
    py: Python<'py>,
    result: weir::Result<T>,
) -> PyResult<Bound<'py, PyAny>> {
    let value = result.map_err(errors::to_py)?;
    pythonize::pythonize(py, &value).map_err(|e| errors::to_py(weir::Error::invalid_input(e)))
}

//! The one generic conversion each way between Python objects and weir's serde types.
//!
//! Inbound, a Python object becomes a `serde_json::Value` first (dict, list/tuple, str,
//! int, float, bool, None) and then the weir type through serde_json — the same
//! deserializer the Rust vectors and the Node binding use, so the three front doors accept
//! and refuse exactly the same data (pythonize alone would read a `str` as a list of
//! characters). NaN and ±Infinity are refused rather than turned into `null`; an int beyond
//! 64 bits becomes a float, as in JSON. Outbound, pythonize writes dicts and lists.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Number, Value};

use crate::errors;

/// Nesting deeper than this is refused (serde_json's own parser stops at 128 too).
const MAX_DEPTH: usize = 128;

fn invalid(reason: impl std::fmt::Display) -> PyErr {
    errors::to_py(weir::Error::invalid_input(reason))
}

fn to_value(obj: &Bound<'_, PyAny>, depth: usize) -> PyResult<Value> {
    if depth > MAX_DEPTH {
        return Err(invalid(format!("nesting deeper than {MAX_DEPTH}")));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.cast::<PyInt>().is_ok() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::from(u));
        }
        let f: f64 = obj.extract()?;
        return Number::from_f64(f)
            .map(Value::Number)
            .ok_or_else(|| invalid("integer too large"));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        let v = f.value();
        return Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| invalid(format!("{v} is not a finite number")));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = Map::with_capacity(d.len());
        for (k, v) in d.iter() {
            let key = k
                .cast::<PyString>()
                .map_err(|_| invalid(format!("dict keys must be str, got {}", k.get_type())))?;
            map.insert(key.to_cow()?.into_owned(), to_value(&v, depth + 1)?);
        }
        return Ok(Value::Object(map));
    }
    if let Ok(l) = obj.cast::<PyList>() {
        return l
            .iter()
            .map(|v| to_value(&v, depth + 1))
            .collect::<PyResult<Vec<_>>>()
            .map(Value::Array);
    }
    if let Ok(t) = obj.cast::<PyTuple>() {
        return t
            .iter()
            .map(|v| to_value(&v, depth + 1))
            .collect::<PyResult<Vec<_>>>()
            .map(Value::Array);
    }
    Err(invalid(format!("unsupported type {}", obj.get_type())))
}

/// Python object → weir input type; a value of the wrong shape (wrong type, missing field,
/// an int too large for its field, a float where an int belongs, NaN) is
/// `InvalidInputError`.
pub fn from_py<T: DeserializeOwned>(obj: &Bound<'_, PyAny>) -> PyResult<T> {
    let value = to_value(obj, 0)?;
    serde_json::from_value(value).map_err(invalid)
}

/// weir result → Python object (dicts with camelCase keys), or the mapped exception.
pub fn to_py<'py, T: Serialize>(
    py: Python<'py>,
    result: weir::Result<T>,
) -> PyResult<Bound<'py, PyAny>> {
    let value = result.map_err(errors::to_py)?;
    pythonize::pythonize(py, &value).map_err(invalid)
}

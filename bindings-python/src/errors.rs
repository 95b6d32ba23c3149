//! weir's errors as Python exceptions: one class per stable code under `weir.WeirError`,
//! each instance carrying `.code` (str) and `.details` (dict, tagged by `type`).

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

create_exception!(
    weir,
    WeirError,
    PyException,
    "Base class of every weir error; `.code` and `.details` say what went wrong."
);
create_exception!(
    weir,
    ValidationError,
    WeirError,
    "The input broke one or more rules; `.details['fields']` lists every problem with its field path."
);
create_exception!(
    weir,
    ParseQuantityError,
    WeirError,
    "A Kubernetes quantity could not be parsed; `.details['reason']` says why."
);
create_exception!(
    weir,
    InvalidInputError,
    WeirError,
    "The input does not have the expected shape (wrong type, missing field, out-of-range number); `.details['path']` names the field."
);
create_exception!(
    weir,
    InvalidTransitionError,
    WeirError,
    "The command is not allowed in the engine's current state; nothing changed."
);
create_exception!(
    weir,
    ConflictError,
    WeirError,
    "Another release or operation holds the app service, or a choice must be made first; nothing changed."
);
create_exception!(
    weir,
    CycleError,
    WeirError,
    "The dependencies form cycles; `.details['cycles']` lists each as the names along it."
);
create_exception!(
    weir,
    NotFoundError,
    WeirError,
    "A referenced version or container does not exist; nothing changed."
);

/// Add the exception classes to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("WeirError", py.get_type::<WeirError>())?;
    m.add("ValidationError", py.get_type::<ValidationError>())?;
    m.add("ParseQuantityError", py.get_type::<ParseQuantityError>())?;
    m.add("InvalidInputError", py.get_type::<InvalidInputError>())?;
    m.add(
        "InvalidTransitionError",
        py.get_type::<InvalidTransitionError>(),
    )?;
    m.add("ConflictError", py.get_type::<ConflictError>())?;
    m.add("CycleError", py.get_type::<CycleError>())?;
    m.add("NotFoundError", py.get_type::<NotFoundError>())?;
    Ok(())
}

/// The exception for a weir error, with `.code` and `.details` (the error serialised) set.
/// Every code has its class; a code the core adds later is a plain `WeirError` until it
/// gets one (`weir::Error` is non-exhaustive).
pub fn to_py(err: weir::Error) -> PyErr {
    let message = err.to_string();
    let py_err = match &err {
        weir::Error::Validation(_) => ValidationError::new_err(message),
        weir::Error::ParseQuantity(_) => ParseQuantityError::new_err(message),
        weir::Error::InvalidInput(_) => InvalidInputError::new_err(message),
        weir::Error::InvalidTransition { .. } => InvalidTransitionError::new_err(message),
        weir::Error::Conflict { .. } => ConflictError::new_err(message),
        weir::Error::Cycle { .. } => CycleError::new_err(message),
        weir::Error::NotFound { .. } => NotFoundError::new_err(message),
        _ => WeirError::new_err(message),
    };
    Python::attach(|py| {
        let value = py_err.value(py);
        let _ = value.setattr("code", err.code());
        if let Ok(details) = crate::ser::to_object(py, &err) {
            let _ = value.setattr("details", details);
        }
    });
    py_err
}

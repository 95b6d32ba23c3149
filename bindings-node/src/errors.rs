//! weir's errors as JS `Error` objects: `err.code` is the stable code (`validation`,
//! `parse_quantity`, `invalid_input`) and `err.details` the structured details (the error
//! serialised).

use napi::bindgen_prelude::*;
use napi::{Env, JsError};

/// The JS error for a weir error, with `code` and `details` set. When the details cannot
/// be built (out of memory, or a hostile setter on `Object.prototype`), the error still
/// carries its weir `code` and message, without `details`.
pub fn to_js(env: &Env, err: &weir::Error) -> Error {
    let message = err.to_string();
    let build = || -> Result<Error> {
        let js = JsError::from(Error::new(err.code(), message.clone())).into_unknown(*env);
        let mut obj = js.coerce_to_object()?;
        obj.set_named_property("details", env.to_js_value(err)?)?;
        Ok(Error::from(obj.to_unknown()))
    };
    build().unwrap_or_else(|_| {
        clear_pending_exception(env);
        let js = JsError::from(Error::new(err.code(), message.clone())).into_unknown(*env);
        Error::from(js)
    })
}

/// Drop the exception a failed property write left pending: napi would otherwise throw
/// that one instead of weir's error.
#[allow(unsafe_code)]
fn clear_pending_exception(env: &Env) {
    let mut pending = false;
    let mut exception = std::ptr::null_mut();
    // SAFETY: `env` is the live environment of the current call on the JS thread; these
    // two calls only read and clear its pending-exception slot.
    unsafe {
        if napi::sys::napi_is_exception_pending(env.raw(), &mut pending)
            == napi::sys::Status::napi_ok
            && pending
        {
            napi::sys::napi_get_and_clear_last_exception(env.raw(), &mut exception);
        }
    }
}

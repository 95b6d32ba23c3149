//! weir's errors as JS `Error` objects: `err.code` is the stable code (`validation`,
//! `parse_quantity`, `invalid_input`) and `err.details` the structured details.

use napi::bindgen_prelude::*;
use napi::{Env, JsError};

/// The JS error for a weir error, with `code` and `details` set.
pub fn to_js(env: &Env, err: &weir::Error) -> Error {
    let plain = || Error::new(Status::GenericFailure, err.to_string());
    let build = || -> Result<Error> {
        let js = JsError::from(Error::new(err.code(), err.to_string())).into_unknown(*env);
        let mut obj = js.coerce_to_object()?;
        obj.set_named_property("details", env.to_js_value(&err.details())?)?;
        Ok(Error::from(obj.to_unknown()))
    };
    build().unwrap_or_else(|_| plain())
}

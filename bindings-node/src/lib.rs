//! Node bindings of weir: the native addon behind the `weir` npm package.
//!
//! Thin by construction: each export takes its input as a JSON string, calls the core and
//! returns JSON; `index.js` does the `JSON.stringify` / `JSON.parse` around it (see
//! [`convert`] for why JSON rather than napi's value conversion). Every export has
//! `catch_unwind`, so even a bug that panics surfaces as a JS exception, never an abort.

mod convert;
mod errors;
mod handles;
mod simulation;

use napi::bindgen_prelude::*;
use napi_derive::napi;

use convert::{from_json, to_json};

/// One export per core operation (the table is `weir::for_each_operation!`; napi names it
/// in camelCase): JSON text in, the core call, JSON text (or a JS error with `code` and
/// `details`) out. The public docs are the table's, generated into `index.d.ts`.
macro_rules! ops {
    ($($(#[doc = $doc:literal])* $name:ident($input:ty) -> $output:ty = $call:path;)*) => {
        $(
            #[doc = concat!("`", stringify!($name), "`: JSON text in, JSON text out (see `index.js`).")]
            #[napi(catch_unwind)]
            pub fn $name(env: Env, input: String) -> Result<String> {
                let parsed: $input = from_json(&env, &input)?;
                let result: weir::Result<$output> = $call(&parsed);
                to_json(&env, result)
            }
        )*
    };
}

weir::for_each_operation!(ops);

/// The version of the native addon (the crate version).
#[napi(catch_unwind)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

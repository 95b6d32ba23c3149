//! Python bindings of weir: the native module `weir._weir`.
//!
//! Thin by construction: each function converts its input (`convert`), calls the core,
//! and converts the result back (`ser`); errors go through [`errors::to_py`]. No logic lives here.
//! The stateless functions come from the one table of operations
//! (`weir::for_each_operation!`, docstrings included); the classes are in [`handles`].

mod convert;
mod errors;
mod handles;
mod ser;
mod simulation;

use pyo3::prelude::*;

use convert::{from_py, to_py};

/// One exported function per core operation (the table is `weir::for_each_operation!`):
/// convert the input, call the core, convert the result or the error. The docstrings are
/// the table's doc text; pyo3 makes them `__doc__`.
macro_rules! ops {
    ($($(#[doc = $doc:literal])* $name:ident($input:ty) -> $output:ty = $call:path;)*) => {
        $(
            $(#[doc = $doc])*
            #[pyfunction]
            fn $name<'py>(input: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
                let parsed: $input = from_py(input)?;
                let result: weir::Result<$output> = $call(&parsed);
                to_py(input.py(), result)
            }
        )*

        fn add_functions(m: &Bound<'_, PyModule>) -> PyResult<()> {
            $(m.add_function(wrap_pyfunction!($name, m)?)?;)*
            Ok(())
        }
    };
}

weir::for_each_operation!(ops);

/// The native part of the `weir` package; import from `weir`, not from here.
#[pymodule]
fn _weir(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    errors::register(m)?;
    add_functions(m)?;
    m.add_class::<handles::VersionHistory>()?;
    m.add_class::<handles::ReleaseEngine>()?;
    m.add_class::<handles::ReleaseGuard>()?;
    m.add_class::<handles::HpaState>()?;
    m.add_class::<handles::Scheduler>()?;
    m.add_class::<handles::Autoscaler>()?;
    m.add_class::<simulation::Simulation>()?;
    Ok(())
}

//! `jianyi._core`: the Python binding of `jianyi-core` (pyo3), imported as `jianyi`.
//!
//! Thin by design (SPEC §11): every rule lives in the core; this crate converts values
//! (dates as `datetime.date`), maps the core's typed errors to Python exceptions with their
//! stable codes, and turns a Rust panic into `jianyi.InternalError` instead of a crash.

mod arrow;
mod calendar;
mod convert;
mod errors;
mod ledger;
mod profile;
mod tables;

use pyo3::prelude::*;

/// Panics on purpose, to prove a panic inside Rust reaches Python as an exception.
#[cfg(feature = "test-panic")]
#[pyfunction]
fn _debug_panic(py: Python<'_>) -> PyResult<()> {
    errors::guard(py, || {
        #[expect(clippy::panic, reason = "the point of this test hook")]
        {
            panic!("deliberate panic for the binding tests")
        }
    })
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<profile::PyProfile>()?;
    m.add_class::<calendar::PyCalendar>()?;
    m.add_class::<ledger::PyLedger>()?;
    m.add_class::<ledger::PyOutcome>()?;
    m.add_class::<tables::PyTable>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("ERROR_CODES", jianyi_core::ALL_CODES.to_vec())?;
    m.add(
        "PanicException",
        py.get_type::<pyo3::panic::PanicException>(),
    )?;
    #[cfg(feature = "test-panic")]
    m.add_function(wrap_pyfunction!(_debug_panic, m)?)?;
    Ok(())
}

//! `jianyi._core`: the Python binding of `jianyi-core` (pyo3), imported as `jianyi`.
//!
//! Thin by design (SPEC §11): every rule lives in the core; this crate converts values
//! (dates as `datetime.date`), maps the core's typed errors to Python exceptions with their
//! stable codes, and turns a Rust panic into `jianyi.InternalError` instead of a crash.

mod arrow;
mod assessment;
mod calendar;
mod convert;
mod errors;
mod intake;
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

/// Report audit (SPEC §10): reads the "N件，占P%" tables of a Chinese report's text and, for
/// each, the conventions that reproduce it and every figure none does, with the nearest
/// correct value.
#[pyfunction]
fn audit_report_text<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    errors::guard(py, || {
        let audits: Vec<jianyi_core::audit::TableAudit> = jianyi_core::audit::tables_in_text(text)
            .iter()
            .map(jianyi_core::audit::audit_table)
            .collect();
        convert::to_py(py, &audits)
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
    m.add_class::<intake::PyScreener>()?;
    m.add_function(wrap_pyfunction!(audit_report_text, m)?)?;
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

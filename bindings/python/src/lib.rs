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
mod fonts;
mod intake;
mod ledger;
mod profile;
mod tables;
mod taizhang;

use pyo3::prelude::*;

use crate::errors::IntoPyResult;

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

/// Checks a ledger text's chain (format version 2) without replaying it: `{"version",
/// "lines", "head", "broken"}`, `broken` naming the first line whose `prev` link does not
/// match the line before it (`None` when the chain holds).
#[pyfunction]
fn verify_ledger<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    errors::guard(py, || {
        let report = jianyi_core::chain::verify(text)
            .map_err(jianyi_core::Error::from)
            .py(py)?;
        convert::to_py(py, &report)
    })
}

/// The upcaster: a format-version-1 ledger text rewritten as version 2 (header version
/// raised, every event line linked); the events are unchanged.
#[pyfunction]
fn upcast_ledger_v1(py: Python<'_>, text: &str) -> PyResult<String> {
    errors::guard(py, || {
        jianyi_core::chain::upcast_v1(text)
            .map_err(jianyi_core::Error::from)
            .py(py)
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
    m.add_function(wrap_pyfunction!(verify_ledger, m)?)?;
    m.add_function(wrap_pyfunction!(upcast_ledger_v1, m)?)?;
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

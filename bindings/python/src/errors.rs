//! The core's typed errors as Python exceptions (`jianyi.exceptions`).
//!
//! The exception classes are plain Python classes (`python/jianyi/exceptions.py`), so `.code`
//! and `.details` are real attributes with types, and the exceptions pickle. The family is
//! chosen from the core's error variant, never from the message text:
//!
//! | core error | Python class |
//! |---|---|
//! | `Error::Input`, `CommandError::Input` | `InputError` |
//! | `Error::Profile` | `ProfileError` |
//! | `Error::Calendar`, `CommandError::Calendar` | `CalendarError` |
//! | `Error::Command` (every other variant) | `CommandError` |
//! | `Error::Ledger`, a refused snapshot (`SnapshotError`, returned by `Ledger.reopen`) | `LedgerError` |
//! | a Rust panic caught at the boundary | `InternalError` (`internal.panic`) |

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

use jianyi_core::{CommandError, Error, InputError};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyModule};

use crate::convert::to_py;

/// Code of a panic caught at the boundary.
pub(crate) const PANIC_CODE: &str = "internal.panic";
/// Code of a call on a ledger that an earlier panic may have left half-changed.
pub(crate) const POISONED_CODE: &str = "internal.poisoned";

static EXCEPTIONS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

fn exceptions(py: Python<'_>) -> PyResult<&Bound<'_, PyModule>> {
    EXCEPTIONS
        .get_or_try_init(py, || {
            Ok::<_, PyErr>(py.import("jianyi.exceptions")?.unbind())
        })
        .map(|m| m.bind(py))
}

/// An exception of class `class` (in `jianyi.exceptions`) with its code and details.
pub(crate) fn raise(
    py: Python<'_>,
    class: &str,
    code: &str,
    message: &str,
    details: Bound<'_, PyDict>,
) -> PyErr {
    let built = exceptions(py)
        .and_then(|m| m.getattr(class))
        .and_then(|cls| cls.call1((message, code, details)));
    match built {
        Ok(exc) => PyErr::from_value(exc),
        // Only when the package's Python half is missing (e.g. `_core` loaded on its own).
        Err(_) => PyRuntimeError::new_err(format!("{code}: {message}")),
    }
}

/// The core's error as the Python exception of its family.
pub(crate) fn to_pyerr(py: Python<'_>, err: &Error) -> PyErr {
    let class = match err {
        Error::Input(_) | Error::Command(CommandError::Input(_)) => "InputError",
        Error::Profile(_) => "ProfileError",
        Error::Calendar(_) | Error::Command(CommandError::Calendar(_)) => "CalendarError",
        Error::Command(_) => "CommandError",
        Error::Ledger(_) => "LedgerError",
    };
    let details = details(py, err).unwrap_or_else(|_| PyDict::new(py));
    raise(py, class, err.code().as_str(), &err.to_string(), details)
}

/// Structured details: the variant's fields (dates as `datetime.date`) and `error`, the
/// variant's snake-case name.
fn details<'py>(py: Python<'py>, err: &Error) -> PyResult<Bound<'py, PyDict>> {
    let value = match err {
        Error::Input(e) | Error::Command(CommandError::Input(e)) => to_py(py, e)?,
        Error::Profile(e) => to_py(py, e)?,
        Error::Calendar(e) | Error::Command(CommandError::Calendar(e)) => to_py(py, e)?,
        Error::Command(e) => to_py(py, e)?,
        Error::Ledger(e) => to_py(py, e)?,
    };
    Ok(value.cast_into::<PyDict>()?)
}

/// A refused snapshot (`Ledger.reopen`) as a `LedgerError` instance, returned, not raised.
pub(crate) fn snapshot_refusal<'py>(
    py: Python<'py>,
    err: &jianyi_core::snapshot::SnapshotError,
) -> PyResult<Bound<'py, PyAny>> {
    let details = to_py(py, err)?.cast_into::<PyDict>()?;
    Ok(raise(
        py,
        "LedgerError",
        err.code().as_str(),
        &err.to_string(),
        details,
    )
    .into_value(py)
    .into_bound(py)
    .into_any())
}

/// `input.malformed` for a value the binding could not read (`what`: command, date, …).
pub(crate) fn malformed(py: Python<'_>, what: &'static str, reason: String) -> PyErr {
    to_pyerr(py, &Error::Input(InputError::Malformed { what, reason }))
}

/// Converts any core error type.
pub(crate) trait IntoPyResult<T> {
    /// The result with the error raised as its Python exception.
    fn py(self, py: Python<'_>) -> PyResult<T>;
}

impl<T, E: Into<Error>> IntoPyResult<T> for Result<T, E> {
    fn py(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_pyerr(py, &e.into()))
    }
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

/// `InternalError` for a caught panic.
pub(crate) fn internal(py: Python<'_>, code: &str, message: &str) -> PyErr {
    let details = PyDict::new(py);
    let _ = details.set_item("message", message);
    raise(py, "InternalError", code, message, details)
}

/// Runs `f`, turning a Rust panic into `jianyi.InternalError` (`internal.panic`), an ordinary
/// `Exception`, instead of pyo3's `PanicException` (a `BaseException`). Every exported
/// function and method goes through here.
pub(crate) fn guard<T>(py: Python<'_>, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let message = format!("a bug inside jianyi: {}", panic_message(&*payload));
        Err(internal(py, PANIC_CODE, &message))
    })
}

/// Like [`guard`], and tells whether `f` panicked (the caller then marks its state poisoned).
pub(crate) fn guard_mut<T>(py: Python<'_>, f: impl FnOnce() -> PyResult<T>) -> (PyResult<T>, bool) {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => (r, false),
        Err(payload) => {
            let message = format!("a bug inside jianyi: {}", panic_message(&*payload));
            (Err(internal(py, PANIC_CODE, &message)), true)
        }
    }
}

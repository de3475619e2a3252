//! `jianyi.Calendar`: working days with 调休 and Civil Code months (SPEC §3).

use jianyi_core::calendar::Deadline;
use jianyi_core::{Calendar, Window, WindowUnit};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::{to_py, DateArg};
use crate::errors::{guard, malformed, IntoPyResult};

/// The official holiday calendar (放假 days and 调休 working weekends). Immutable.
#[pyclass(module = "jianyi._core", name = "Calendar", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PyCalendar {
    pub(crate) inner: Calendar,
}

/// A deadline as a dict, with its explanations `explain_zh` and `explain_en`.
pub(crate) fn deadline_dict<'py>(py: Python<'py>, d: &Deadline) -> PyResult<Bound<'py, PyDict>> {
    let dict = to_py(py, d)?.cast_into::<PyDict>()?;
    dict.set_item("explain_zh", d.explain_zh())?;
    dict.set_item("explain_en", d.explain_en())?;
    Ok(dict)
}

fn window_unit(py: Python<'_>, unit: &str) -> PyResult<WindowUnit> {
    serde_json::from_value(serde_json::Value::String(unit.to_owned())).map_err(|_| {
        malformed(
            py,
            "window unit",
            format!("`{unit}` is not one of calendar_days, working_days, months"),
        )
    })
}

#[pymethods]
impl PyCalendar {
    /// China's national calendar bundled with the library (2004 to the latest published year).
    #[staticmethod]
    fn china(py: Python<'_>) -> PyResult<Self> {
        guard(py, || {
            Ok(PyCalendar {
                inner: Calendar::china(),
            })
        })
    }

    /// Reads a calendar in the `jianyi-calendar` JSON format.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || {
            Calendar::from_json(text)
                .py(py)
                .map(|inner| PyCalendar { inner })
        })
    }

    /// The calendar as JSON text.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || Ok(self.inner.to_json()))
    }

    /// A new calendar with `other`'s years added (replacing years both have).
    fn with_years(&self, py: Python<'_>, other: &Self) -> PyResult<Self> {
        guard(py, || {
            Ok(PyCalendar {
                inner: self.inner.with_years(&other.inner),
            })
        })
    }

    /// A new calendar whose uncovered years count Monday–Friday as working days (opt-in).
    fn with_weekend_fallback(&self, py: Python<'_>, on: bool) -> PyResult<Self> {
        guard(py, || {
            Ok(PyCalendar {
                inner: self.inner.with_weekend_fallback(on),
            })
        })
    }

    /// Calendar version, e.g. `cn-2026.1`.
    #[getter]
    fn version(&self) -> String {
        self.inner.version().to_owned()
    }

    /// First covered year.
    #[getter]
    fn first_year(&self) -> Option<i32> {
        self.inner.first_year()
    }

    /// Last covered year.
    #[getter]
    fn last_year(&self) -> Option<i32> {
        self.inner.last_year()
    }

    /// `workday`, `weekend`, `holiday` or `adjusted_workday` (a 调休 working weekend).
    fn day_kind<'py>(&self, py: Python<'py>, date: DateArg) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || to_py(py, &self.inner.day_kind(date.0).py(py)?))
    }

    /// Whether `date` is a working day (调休 working weekends included).
    fn is_working_day(&self, py: Python<'_>, date: DateArg) -> PyResult<bool> {
        guard(py, || self.inner.is_working_day(date.0).py(py))
    }

    /// The `n`-th working day after `date` (the start day is not counted).
    fn add_working_days(
        &self,
        py: Python<'_>,
        date: DateArg,
        n: u32,
    ) -> PyResult<chrono::NaiveDate> {
        guard(py, || self.inner.add_working_days(date.0, n).py(py))
    }

    /// Working days in `(a, b]`; negative when `b < a`.
    fn working_days_between(&self, py: Python<'_>, a: DateArg, b: DateArg) -> PyResult<i64> {
        guard(py, || self.inner.working_days_between(a.0, b.0).py(py))
    }

    /// The due date of `amount` `unit`s (`calendar_days`, `working_days`, `months`) from
    /// `anchor`, with Civil Code Art. 203 roll-forward, explained (`explain_zh`, `explain_en`).
    #[pyo3(signature = (anchor, amount, unit, roll_forward = true))]
    fn due_date<'py>(
        &self,
        py: Python<'py>,
        anchor: DateArg,
        amount: u32,
        unit: &str,
        roll_forward: bool,
    ) -> PyResult<Bound<'py, PyDict>> {
        guard(py, || {
            let window = Window {
                amount,
                unit: window_unit(py, unit)?,
            };
            let deadline = self.inner.due_date(anchor.0, window, roll_forward).py(py)?;
            deadline_dict(py, &deadline)
        })
    }

    fn __repr__(&self) -> String {
        let year = |y: Option<i32>| y.map_or_else(|| "None".to_owned(), |y| y.to_string());
        format!(
            "Calendar(version={:?}, first_year={}, last_year={})",
            self.inner.version(),
            year(self.inner.first_year()),
            year(self.inner.last_year())
        )
    }
}

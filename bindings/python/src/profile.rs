//! `jianyi.Profile`: the rules profile (SPEC §2).

use jianyi_core::profile::PRESET_NAMES;
use jianyi_core::Profile;
use pyo3::prelude::*;
use pyo3::types::PyList;

use crate::convert::to_py;
use crate::errors::{guard, IntoPyResult};

/// A validated rules profile (SPEC §2). Immutable.
#[pyclass(module = "jianyi._core", name = "Profile", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PyProfile {
    pub(crate) inner: Profile,
}

#[pymethods]
impl PyProfile {
    /// A bundled preset: `seed-city`, `shanghai`, `chongqing` or `npc`.
    #[staticmethod]
    #[pyo3(signature = (name = "seed-city"))]
    fn preset(py: Python<'_>, name: &str) -> PyResult<Self> {
        guard(py, || {
            Profile::preset(name)
                .py(py)
                .map(|inner| PyProfile { inner })
        })
    }

    /// The names `preset` accepts.
    #[staticmethod]
    fn presets() -> Vec<&'static str> {
        PRESET_NAMES.to_vec()
    }

    /// Reads and validates a profile from its JSON text.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || {
            Profile::from_json(text)
                .py(py)
                .map(|inner| PyProfile { inner })
        })
    }

    /// The profile as pretty JSON text (`Profile.from_json` reads it back).
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || Ok(self.inner.to_json()))
    }

    /// The profile as nested dicts.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || to_py(py, &self.inner))
    }

    /// Profile id, e.g. `seed-city`.
    #[getter]
    fn id(&self) -> String {
        self.inner.id.clone()
    }

    /// Profile version.
    #[getter]
    fn version(&self) -> String {
        self.inner.version.clone()
    }

    /// `sha256:…` of the profile's canonical JSON: what a ledger header records.
    #[getter]
    fn content_hash(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || Ok(self.inner.content_hash()))
    }

    /// `{"id", "version", "hash"}` as a ledger header records it.
    #[getter]
    fn reference<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || to_py(py, &self.inner.reference()))
    }

    /// Keys that differ: `[{"key", "before", "after"}]` (values as JSON text, `None` when
    /// absent on that side).
    fn diff<'py>(&self, py: Python<'py>, other: &Self) -> PyResult<Bound<'py, PyList>> {
        guard(py, || {
            let changes = self.inner.diff(&other.inner);
            Ok(to_py(py, &changes)?.cast_into::<PyList>()?)
        })
    }

    fn __repr__(&self) -> String {
        format!(
            "Profile(id={:?}, version={:?})",
            self.inner.id, self.inner.version
        )
    }
}

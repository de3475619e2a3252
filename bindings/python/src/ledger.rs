//! `jianyi.Ledger`: the event-sourced ledger (台账) with its queries (SPEC §4, §11).

use std::path::PathBuf;

use jianyi_core::generator::{self, GeneratorConfig};
use jianyi_core::json_api;
use jianyi_core::obligations::Obligation;
use jianyi_core::report::{Format, Lang};
use jianyi_core::{
    Calendar, Command, CommitteeId, DeputyId, ItemId, Ledger, Outcome, Profile, ProfileCheck,
    UnitId,
};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyIterator, PyList, PyString, PyTuple};

use crate::assessment;
use crate::calendar::{deadline_dict, PyCalendar};
use crate::convert::{py_to_json, to_py, DateArg};
use crate::errors::{guard, guard_mut, internal, malformed, raise, IntoPyResult, POISONED_CODE};
use crate::profile::PyProfile;
use crate::tables::{self, PyTable};

/// The ledger: directory, items and the event log under one profile and calendar.
///
/// Not frozen: `execute` changes it. A refused command changes nothing. Should a Rust panic
/// ever interrupt `execute`, the ledger is marked poisoned and every later call raises
/// `InternalError` (`internal.poisoned`): reload it from its JSON Lines.
#[pyclass(module = "jianyi._core", name = "Ledger")]
#[derive(Debug)]
pub(crate) struct PyLedger {
    inner: Ledger,
    poisoned: bool,
}

/// What `Ledger.execute` did: the events recorded and whether the command was a retry.
#[pyclass(module = "jianyi._core", name = "Outcome", frozen)]
#[derive(Debug)]
pub(crate) struct PyOutcome {
    events: Py<PyList>,
    duplicate: bool,
}

#[pymethods]
impl PyOutcome {
    /// The events recorded (for a retry: recorded the first time), as dicts.
    #[getter]
    fn events(&self, py: Python<'_>) -> Py<PyList> {
        self.events.clone_ref(py)
    }

    /// The command id had been executed before with the same content: nothing new was
    /// recorded.
    #[getter]
    fn duplicate(&self) -> bool {
        self.duplicate
    }

    fn __len__(&self, py: Python<'_>) -> usize {
        self.events.bind(py).len()
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyIterator>> {
        self.events.bind(py).as_any().try_iter()
    }

    fn __getitem__<'py>(
        &self,
        py: Python<'py>,
        index: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.events.bind(py).as_any().get_item(index)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Outcome(events={}, duplicate={})",
            self.events.bind(py).len(),
            if self.duplicate { "True" } else { "False" }
        )
    }
}

fn profile_or_default(profile: Option<PyRef<'_, PyProfile>>) -> Profile {
    profile.map(|p| p.inner.clone()).unwrap_or_default()
}

fn calendar_or_china(calendar: Option<PyRef<'_, PyCalendar>>) -> Calendar {
    calendar.map_or_else(Calendar::china, |c| c.inner.clone())
}

/// The profile to read a ledger under: the one given, else the bundled preset the header
/// names (same id and hash), else the default (the core then reports the mismatch).
fn profile_for(text: &str, given: Option<Profile>) -> Profile {
    given.unwrap_or_else(|| jianyi_core::wire::bundled_profile(text).unwrap_or_default())
}

/// Every core the process may use: reading a file, the summary and the tables share their
/// work among them (the GIL released), the same whatever the number.
fn every_core() -> std::num::NonZeroUsize {
    std::thread::available_parallelism().unwrap_or(std::num::NonZeroUsize::MIN)
}

fn check(what_if: bool) -> ProfileCheck {
    if what_if {
        ProfileCheck::WhatIf
    } else {
        ProfileCheck::Same
    }
}

/// A command given as a dict or as JSON text.
fn read_command(py: Python<'_>, command: &Bound<'_, PyAny>) -> PyResult<Command> {
    let parsed = if let Ok(text) = command.cast::<PyString>() {
        serde_json::from_str::<Command>(&text.to_cow()?).map_err(|e| e.to_string())
    } else {
        py_to_json(command).and_then(|v| serde_json::from_value(v).map_err(|e| e.to_string()))
    };
    parsed.map_err(|reason| malformed(py, "command", reason))
}

fn item_id(py: Python<'_>, id: &str) -> PyResult<ItemId> {
    ItemId::new(id).py(py)
}

/// An obligation as a dict; its deadline carries `explain_zh` and `explain_en`.
fn obligation_dict<'py>(py: Python<'py>, o: &Obligation) -> PyResult<Bound<'py, PyDict>> {
    let dict = to_py(py, o)?.cast_into::<PyDict>()?;
    if let Some(due) = dict.get_item("due")? {
        due.cast_into::<PyDict>()?
            .set_item("deadline", deadline_dict(py, &o.due.deadline)?)?;
    }
    Ok(dict)
}

fn obligation_list<'py>(py: Python<'py>, list: &[Obligation]) -> PyResult<Bound<'py, PyList>> {
    let out = PyList::empty(py);
    for o in list {
        out.append(obligation_dict(py, o)?)?;
    }
    Ok(out)
}

impl PyLedger {
    /// The ledger for another binding class (`Screener.for_ledger`).
    pub(crate) fn ledger(&self, py: Python<'_>) -> PyResult<&Ledger> {
        self.get(py)
    }

    fn wrap(inner: Ledger) -> PyLedger {
        PyLedger {
            inner,
            poisoned: false,
        }
    }

    /// The ledger, unless an earlier panic may have left it half-changed.
    /// Runs an obligations query on the ledger and converts its answer.
    fn obligation_query<'py>(
        &self,
        py: Python<'py>,
        query: impl FnOnce(&Ledger) -> Result<Vec<Obligation>, jianyi_core::Error>,
    ) -> PyResult<Bound<'py, PyList>> {
        guard(py, || obligation_list(py, &query(self.get(py)?).py(py)?))
    }

    fn get(&self, py: Python<'_>) -> PyResult<&Ledger> {
        if self.poisoned {
            return Err(internal(
                py,
                POISONED_CODE,
                "an earlier call panicked while changing this ledger; reload it from its JSON Lines",
            ));
        }
        Ok(&self.inner)
    }

    fn read(
        py: Python<'_>,
        text: &str,
        profile: Option<PyRef<'_, PyProfile>>,
        calendar: Option<PyRef<'_, PyCalendar>>,
        what_if: bool,
        keep_log: bool,
    ) -> PyResult<PyLedger> {
        let given = profile.map(|p| p.inner.clone());
        let calendar = calendar_or_china(calendar);
        let result = py.detach(|| {
            let profile = profile_for(text, given);
            // The lines are read on every core the process may use (the GIL is released);
            // the ledger is the same whatever the number.
            let threads = every_core();
            if keep_log {
                Ledger::from_jsonl_observed(
                    text,
                    profile,
                    &calendar,
                    check(what_if),
                    threads,
                    &mut |_| {},
                )
            } else {
                Ledger::from_jsonl_state_only(text, profile, &calendar, check(what_if), threads)
            }
        });
        result.py(py).map(PyLedger::wrap)
    }

    /// The annual summary, section 四 beside the rest on a second core when the process may
    /// use one (the GIL is released); the summary is the same whatever the number.
    fn summary_on_every_core(
        &self,
        py: Python<'_>,
        year: i32,
        as_of: chrono::NaiveDate,
    ) -> PyResult<jianyi_core::report::AnnualSummary> {
        let ledger = self.get(py)?;
        py.detach(|| ledger.annual_summary_on(year, as_of, every_core()))
            .py(py)
    }

    fn read_file(py: Python<'_>, path: PathBuf) -> PyResult<String> {
        py.detach(move || std::fs::read_to_string(path))
            .map_err(PyErr::from)
    }
}

#[pymethods]
impl PyLedger {
    /// An empty ledger under `profile` (default: the `seed-city` preset) and the national
    /// `calendar` (default: `Calendar.china()`; the profile's regional days are added).
    #[new]
    #[pyo3(signature = (profile = None, calendar = None))]
    fn new(
        py: Python<'_>,
        profile: Option<PyRef<'_, PyProfile>>,
        calendar: Option<PyRef<'_, PyCalendar>>,
    ) -> PyResult<Self> {
        let profile = profile_or_default(profile);
        let calendar = calendar_or_china(calendar);
        guard(py, || {
            Ledger::new(profile, &calendar).py(py).map(PyLedger::wrap)
        })
    }

    /// Reads a ledger from JSON Lines. Without `profile`, the bundled preset the header
    /// names is used. `what_if=True` replays the recorded facts under another profile.
    /// `keep_log=False` keeps the state only, not the events (every line is checked the
    /// same; the file holds the log): far less memory for a large ledger, and `holds_log`
    /// is false, as for a ledger reopened from a snapshot: `to_jsonl`, `events_table`,
    /// what-if replays and views of an earlier day raise `LedgerError`
    /// (`ledger.log_not_held`).
    #[staticmethod]
    #[pyo3(signature = (text, profile = None, calendar = None, what_if = false, keep_log = true))]
    fn from_jsonl(
        py: Python<'_>,
        text: &str,
        profile: Option<PyRef<'_, PyProfile>>,
        calendar: Option<PyRef<'_, PyCalendar>>,
        what_if: bool,
        keep_log: bool,
    ) -> PyResult<Self> {
        guard(py, || {
            PyLedger::read(py, text, profile, calendar, what_if, keep_log)
        })
    }

    /// Like `from_jsonl`, but keeps everything before the first bad line: returns the
    /// ledger and the `LedgerError` of that line (or `None`).
    #[staticmethod]
    #[pyo3(signature = (text, profile = None, calendar = None, what_if = false))]
    fn replay_jsonl<'py>(
        py: Python<'py>,
        text: &str,
        profile: Option<PyRef<'_, PyProfile>>,
        calendar: Option<PyRef<'_, PyCalendar>>,
        what_if: bool,
    ) -> PyResult<Bound<'py, PyTuple>> {
        guard(py, || {
            let given = profile.map(|p| p.inner.clone());
            let calendar = calendar_or_china(calendar);
            let (ledger, error) = py
                .detach(|| {
                    let profile = profile_for(text, given);
                    Ledger::replay_jsonl(text, profile, &calendar, check(what_if))
                })
                .py(py)?;
            let error: Option<Py<PyAny>> = error.map(|e| {
                crate::errors::to_pyerr(py, &e.into())
                    .into_value(py)
                    .into_any()
            });
            let ledger = Bound::new(py, PyLedger::wrap(ledger))?;
            PyTuple::new(py, [ledger.into_any(), error.into_pyobject(py)?.into_any()])
        })
    }

    /// Reads a ledger file (JSON Lines); see `from_jsonl` (and its `keep_log`).
    #[staticmethod]
    #[pyo3(signature = (path, profile = None, calendar = None, what_if = false, keep_log = true))]
    fn load(
        py: Python<'_>,
        path: PathBuf,
        profile: Option<PyRef<'_, PyProfile>>,
        calendar: Option<PyRef<'_, PyCalendar>>,
        what_if: bool,
        keep_log: bool,
    ) -> PyResult<Self> {
        guard(py, || {
            let text = PyLedger::read_file(py, path)?;
            PyLedger::read(py, &text, profile, calendar, what_if, keep_log)
        })
    }

    /// Reopens the ledger file `path` from the snapshot file `snapshot` (written from
    /// `snapshot()` when the ledger ended where it then ended): the snapshot's state, then only
    /// the lines appended after it, checked as `load` checks them. Returns the ledger and
    /// `None`, or, for a snapshot that cannot stand for the file (another ledger, version or
    /// profile, or damaged), the ledger read in full and the refusal as a `LedgerError`
    /// (`snapshot.*` code). A reopened ledger holds no event before the snapshot
    /// (`holds_log` is false): `to_jsonl`, `events_table`, what-if replays and views of an
    /// earlier day raise `LedgerError` (`ledger.log_not_held`).
    #[staticmethod]
    #[pyo3(signature = (path, snapshot, profile = None, calendar = None))]
    fn reopen<'py>(
        py: Python<'py>,
        path: PathBuf,
        snapshot: PathBuf,
        profile: Option<PyRef<'_, PyProfile>>,
        calendar: Option<PyRef<'_, PyCalendar>>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        guard(py, || {
            let snapshot = py
                .detach(move || std::fs::read(snapshot))
                .map_err(PyErr::from)?;
            let given = profile.map(|p| p.inner.clone());
            let calendar = calendar_or_china(calendar);
            let threads = every_core();
            // The file's end first (a national ledger's file runs to gigabytes; the lines
            // after the snapshot are few), the whole file when that does not do.
            let from_end = match given
                .clone()
                .or_else(|| jianyi_core::snapshot::bundled_profile(&snapshot))
            {
                Some(profile) => py
                    .detach(|| {
                        jianyi_files::reopen_from_end(
                            &path,
                            &snapshot,
                            &profile,
                            &calendar,
                            threads,
                            jianyi_files::first_window(),
                        )
                    })
                    .map_err(PyErr::from)?,
                None => None,
            };
            let (ledger, refused) = if let Some(ledger) = from_end {
                (ledger, None)
            } else {
                let text = PyLedger::read_file(py, path)?;
                py.detach(|| {
                    let profile = profile_for(&text, given);
                    Ledger::reopen(&text, &snapshot, profile, &calendar, threads)
                })
                .py(py)?
            };
            let refused: Option<Py<PyAny>> = match refused {
                Some(e) => Some(crate::errors::snapshot_refusal(py, &e)?.unbind()),
                None => None,
            };
            let ledger = Bound::new(py, PyLedger::wrap(ledger))?;
            PyTuple::new(
                py,
                [ledger.into_any(), refused.into_pyobject(py)?.into_any()],
            )
        })
    }

    /// The ledger's state at its last line, as a snapshot's bytes
    /// (`docs/snapshot-format.md`): written beside the ledger file, it lets `reopen` skip
    /// every line up to here.
    fn snapshot<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyBytes>> {
        guard(py, || {
            let ledger = self.get(py)?;
            let bytes = py.detach(|| ledger.snapshot());
            Ok(pyo3::types::PyBytes::new(py, &bytes))
        })
    }

    /// Whether the ledger holds its whole event log (false once reopened from a snapshot).
    #[getter]
    fn holds_log(&self, py: Python<'_>) -> PyResult<bool> {
        guard(py, || Ok(self.get(py)?.holds_log()))
    }

    /// The whole ledger as JSON Lines (header line, then one event per line).
    fn to_jsonl(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            let ledger = self.get(py)?;
            py.detach(|| ledger.to_jsonl())
                .map_err(|e| crate::errors::to_pyerr(py, &e.into()))
        })
    }

    /// Writes `to_jsonl()` to `path`.
    fn save(&self, py: Python<'_>, path: PathBuf) -> PyResult<()> {
        guard(py, || {
            let ledger = self.get(py)?;
            let text = py
                .detach(|| ledger.to_jsonl())
                .map_err(|e| crate::errors::to_pyerr(py, &e.into()))?;
            py.detach(move || std::fs::write(path, text))
                .map_err(PyErr::from)
        })
    }

    /// Decides and records a command (a dict or JSON text). A retry under the same id with
    /// the same content returns the original events with `duplicate=True`.
    fn execute(&mut self, py: Python<'_>, command: &Bound<'_, PyAny>) -> PyResult<PyOutcome> {
        let command = guard(py, || read_command(py, command))?;
        self.get(py)?;
        let (outcome, panicked): (PyResult<Outcome>, bool) =
            guard_mut(py, || self.inner.execute(&command).py(py));
        if panicked {
            self.poisoned = true;
        }
        let outcome = outcome?;
        guard(py, || {
            Ok(PyOutcome {
                events: to_py(py, &outcome.events)?.cast_into::<PyList>()?.unbind(),
                duplicate: outcome.duplicate,
            })
        })
    }

    /// The facts a command would record, without recording anything.
    fn decide<'py>(
        &self,
        py: Python<'py>,
        command: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        guard(py, || {
            let command = read_command(py, command)?;
            let facts = self.get(py)?.decide(&command).py(py)?;
            Ok(to_py(py, &facts)?.cast_into::<PyList>()?)
        })
    }

    /// The serialized surface: a JSON command in, the outcome as JSON text out
    /// (`{"events": [...], "duplicate": false}`).
    fn execute_json(&mut self, py: Python<'_>, command: &str) -> PyResult<String> {
        self.get(py)?;
        let (out, panicked) = guard_mut(py, || {
            json_api::execute_json(&mut self.inner, command).py(py)
        });
        if panicked {
            self.poisoned = true;
        }
        out
    }

    /// The serialized surface: a JSON command in, the facts as a JSON array out.
    fn decide_json(&self, py: Python<'_>, command: &str) -> PyResult<String> {
        guard(py, || json_api::decide_json(self.get(py)?, command).py(py))
    }

    /// The profile the ledger runs under.
    #[getter]
    fn profile(&self, py: Python<'_>) -> PyResult<PyProfile> {
        guard(py, || {
            Ok(PyProfile {
                inner: self.get(py)?.profile().clone(),
            })
        })
    }

    /// The calendar in force (national + the profile's regional days).
    #[getter]
    fn calendar(&self, py: Python<'_>) -> PyResult<PyCalendar> {
        guard(py, || {
            Ok(PyCalendar {
                inner: self.get(py)?.calendar().clone(),
            })
        })
    }

    /// Replaces the national calendar (e.g. a newer State Council arrangement): open
    /// obligations' due dates follow.
    fn set_calendar(&mut self, py: Python<'_>, calendar: &PyCalendar) -> PyResult<()> {
        self.get(py)?;
        let national = calendar.inner.clone();
        let (out, panicked) = guard_mut(py, || {
            self.inner.set_calendar(&national);
            Ok(())
        });
        if panicked {
            self.poisoned = true;
        }
        out
    }

    /// The header line as a dict (`format`, `version`, `profile`).
    #[getter]
    fn header<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || to_py(py, &self.get(py)?.header()))
    }

    /// Number of events recorded (held or not: a reopened ledger holds those after its
    /// snapshot, `events()`).
    #[getter]
    fn event_count(&self, py: Python<'_>) -> PyResult<usize> {
        guard(py, || Ok(self.get(py)?.event_count()))
    }

    /// Every event, as dicts.
    fn events<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || to_py(py, self.get(py)?.events()))
    }

    /// The directory (sessions, deputies, delegations, units, committees, leaders) as a dict.
    fn directory<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || to_py(py, self.get(py)?.directory()))
    }

    /// Item ids, in order.
    fn items(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        guard(py, || {
            Ok(self
                .get(py)?
                .items()
                .keys()
                .map(|id| id.as_str().to_owned())
                .collect())
        })
    }

    /// One item's full state as a dict, or `None` when there is no such item.
    fn item<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || {
            let id = item_id(py, id)?;
            self.get(py)?.item(&id).map(|it| to_py(py, it)).transpose()
        })
    }

    /// The item's events in order (empty for an unknown item).
    fn timeline<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let id = item_id(py, id)?;
            to_py(py, &self.get(py)?.timeline(&id))
        })
    }

    /// Who holds the item now (`{"kind": "units", "units": [...]}`, …), or `None`.
    fn holder<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || {
            let id = item_id(py, id)?;
            self.get(py)?.holder(&id).map(|h| to_py(py, &h)).transpose()
        })
    }

    /// Every obligation of an item with its status as of `as_of`.
    fn obligations<'py>(
        &self,
        py: Python<'py>,
        id: &str,
        as_of: DateArg,
    ) -> PyResult<Bound<'py, PyList>> {
        let id = item_id(py, id)?;
        self.obligation_query(py, |l| l.obligations(&id, as_of.0))
    }

    /// A unit's open obligations (its worklist) as of `as_of`.
    fn open_obligations_of_unit<'py>(
        &self,
        py: Python<'py>,
        unit: &str,
        as_of: DateArg,
    ) -> PyResult<Bound<'py, PyList>> {
        let unit = UnitId::new(unit).py(py)?;
        self.obligation_query(py, |l| l.open_obligations_of_unit(&unit, as_of.0))
    }

    /// Open obligations of the units a committee liaises with.
    fn open_obligations_of_committee<'py>(
        &self,
        py: Python<'py>,
        committee: &str,
        as_of: DateArg,
    ) -> PyResult<Bound<'py, PyList>> {
        let committee = CommitteeId::new(committee).py(py)?;
        self.obligation_query(py, |l| l.open_obligations_of_committee(&committee, as_of.0))
    }

    /// A deputy's view: ratings the deputy owes and open obligations on items they signed.
    fn open_obligations_of_deputy<'py>(
        &self,
        py: Python<'py>,
        deputy: &str,
        as_of: DateArg,
    ) -> PyResult<Bound<'py, PyList>> {
        let deputy = DeputyId::new(deputy).py(py)?;
        self.obligation_query(py, |l| l.open_obligations_of_deputy(&deputy, as_of.0))
    }

    /// Open obligations of the office (assignment, reassignment).
    fn open_obligations_of_office<'py>(
        &self,
        py: Python<'py>,
        as_of: DateArg,
    ) -> PyResult<Bound<'py, PyList>> {
        self.obligation_query(py, |l| l.open_obligations_of_office(as_of.0))
    }

    /// Every overdue obligation as of `as_of`.
    fn overdue<'py>(&self, py: Python<'py>, as_of: DateArg) -> PyResult<Bound<'py, PyList>> {
        self.obligation_query(py, |l| l.overdue(as_of.0))
    }

    /// Every obligation due soon as of `as_of`.
    fn due_soon<'py>(&self, py: Python<'py>, as_of: DateArg) -> PyResult<Bound<'py, PyList>> {
        self.obligation_query(py, |l| l.due_soon(as_of.0))
    }

    /// The work list of `year`: `{"year", "new_items", "rolled_over"}`.
    fn work_list<'py>(&self, py: Python<'py>, year: i32) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || to_py(py, &self.get(py)?.work_list(year)))
    }

    /// The year in figures for work year `year`, obligations as of `as_of`.
    fn year_figures<'py>(
        &self,
        py: Python<'py>,
        year: i32,
        as_of: DateArg,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let figures = self.get(py)?.year_figures(year, as_of.0).py(py)?;
            to_py(py, &figures)
        })
    }

    /// What-if under another profile: the same events replayed under `profile` (figures,
    /// rates and deadlines follow its definitions) with `calendar` as the national calendar
    /// (default `Calendar.china()`). This ledger is unchanged. A profile that lacks one of
    /// the ledger's result classes or feedback levels raises `LedgerError`
    /// (`ledger.inconsistent`).
    #[pyo3(signature = (profile, calendar = None))]
    fn under(
        &self,
        py: Python<'_>,
        profile: &PyProfile,
        calendar: Option<PyRef<'_, PyCalendar>>,
    ) -> PyResult<PyLedger> {
        let profile = profile.inner.clone();
        let calendar = calendar_or_china(calendar);
        let ledger = self.get(py)?;
        let result = py.detach(|| ledger.under_profile(profile, &calendar));
        result.py(py).map(PyLedger::wrap)
    }

    /// The annual summary of work year `year` (obligations as of `as_of`): a dict with
    /// `figures` (as `year_figures`) and `facts` (the dated facts its sentences tell).
    fn annual_summary<'py>(
        &self,
        py: Python<'py>,
        year: i32,
        as_of: DateArg,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let summary = self.summary_on_every_core(py, year, as_of.0)?;
            to_py(py, &summary)
        })
    }

    /// The annual summary rendered in the seed's structure: `lang` `"zh"` or `"en"`,
    /// `format` `"text"`, `"md"` or `"html"`. Byte-identical for identical inputs.
    #[pyo3(signature = (year, as_of, lang = "zh", format = "text"))]
    fn summary_text(
        &self,
        py: Python<'_>,
        year: i32,
        as_of: DateArg,
        lang: &str,
        format: &str,
    ) -> PyResult<String> {
        guard(py, || {
            let bad = |e: jianyi_core::report::document::UnknownName| {
                pyo3::exceptions::PyValueError::new_err(e.to_string())
            };
            let lang: Lang = lang.parse().map_err(bad)?;
            let format: Format = format.parse().map_err(bad)?;
            let summary = self.summary_on_every_core(py, year, as_of.0)?;
            Ok(summary.render(lang, format))
        })
    }

    /// The annual summary and its figures' appendix (every chart, as a picture, beside its
    /// table) as a Word document: the `.docx` file's bytes, `lang` `"zh"` or `"en"`. The
    /// charts' text is drawn with the system's fonts. Byte-identical for identical inputs.
    #[pyo3(signature = (year, as_of, lang = "zh"))]
    fn summary_docx<'py>(
        &self,
        py: Python<'py>,
        year: i32,
        as_of: DateArg,
        lang: &str,
    ) -> PyResult<Bound<'py, PyBytes>> {
        guard(py, || {
            let lang: Lang =
                lang.parse()
                    .map_err(|e: jianyi_core::report::document::UnknownName| {
                        pyo3::exceptions::PyValueError::new_err(e.to_string())
                    })?;
            let summary = self.summary_on_every_core(py, year, as_of.0)?;
            let bytes = summary
                .render_docx(lang, crate::fonts::system())
                .map_err(|e| {
                    let details = PyDict::new(py);
                    let _ = details.set_item("message", e.to_string());
                    raise(
                        py,
                        "ReportError",
                        e.code().as_str(),
                        &e.to_string(),
                        details,
                    )
                })?;
            Ok(PyBytes::new(py, &bytes))
        })
    }

    /// A synthetic city-year from the core's seeded generator: `suggestions=None` gives the
    /// bundled sample city-year (2022, seed 2022); a number gives the same shape at that
    /// size. Same arguments, byte-identical ledger.
    #[staticmethod]
    #[pyo3(signature = (suggestions = None, seed = 2022))]
    fn generate(py: Python<'_>, suggestions: Option<usize>, seed: u64) -> PyResult<PyLedger> {
        let config = match suggestions {
            None if seed == 2022 => GeneratorConfig::seed_city(),
            None => GeneratorConfig {
                seed,
                ..GeneratorConfig::seed_city()
            },
            Some(n) => GeneratorConfig::scaled(n, seed),
        };
        let result = py.detach(|| generator::generate(&config));
        result.py(py).map(PyLedger::wrap)
    }

    /// Every table of the year's report (SPEC §10) as `{id: Table}` — counts, exact
    /// numerators and denominators, printed percentages — plus `not_in_ledger`: the sections
    /// the ledger holds no facts for (no numbers are made up for them).
    fn report_tables<'py>(
        &self,
        py: Python<'py>,
        year: i32,
        as_of: DateArg,
    ) -> PyResult<Bound<'py, PyDict>> {
        guard(py, || {
            let ledger = self.get(py)?;
            // The pass over the items runs on every core the process may use (the GIL is
            // released); the tables are the same whatever the number.
            let threads = every_core();
            let tables = py
                .detach(|| ledger.year_tables_on(year, as_of.0, threads))
                .py(py)?;
            let (built, absent) = tables::report_tables(&tables);
            let out = PyDict::new(py);
            for (name, table) in built {
                out.set_item(name, table)?;
            }
            out.set_item("not_in_ledger", absent)?;
            Ok(out)
        })
    }

    /// The year's tables as one dict in the JSON shape (`Ledger::year_tables`).
    fn year_tables<'py>(
        &self,
        py: Python<'py>,
        year: i32,
        as_of: DateArg,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let tables = self.get(py)?.year_tables(year, as_of.0).py(py)?;
            to_py(py, &tables)
        })
    }

    /// Third-party candidates of `year` under the profile's rule, the basically-satisfied
    /// sample drawn with `seed`: `[{"item", "title", "reasons"}]`.
    fn evaluation_candidates<'py>(
        &self,
        py: Python<'py>,
        year: i32,
        seed: u64,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            to_py(py, &self.get(py)?.evaluation_candidates(year, seed))
        })
    }

    /// The year's third-party evaluation in figures (recommended, selected, areas, dates,
    /// outcomes, last year's reopened items followed up).
    fn evaluation_figures<'py>(&self, py: Python<'py>, year: i32) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || to_py(py, &self.get(py)?.evaluation_figures(year)))
    }

    /// The unit assessment of `year` with every explanation (dimensions, indicators and
    /// the items that cost points, deductions, vetoes, bands, ranks), as a dict.
    fn unit_assessment<'py>(
        &self,
        py: Python<'py>,
        year: i32,
        as_of: DateArg,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let a = self.get(py)?.unit_assessment(year, as_of.0).py(py)?;
            to_py(py, &a)
        })
    }

    /// The unit assessment as a `Table`: one row per unit, one column per dimension.
    fn unit_assessment_table(
        &self,
        py: Python<'_>,
        year: i32,
        as_of: DateArg,
    ) -> PyResult<PyTable> {
        guard(py, || {
            let ledger = self.get(py)?;
            let a = ledger.unit_assessment(year, as_of.0).py(py)?;
            let dims: Vec<String> = ledger
                .profile()
                .assessment
                .dimensions
                .iter()
                .map(|d| d.id.clone())
                .collect();
            Ok(assessment::unit_assessment(&a, &dims))
        })
    }

    /// The excellence rankings of `year` as `{"suggestions": Table, "deputies": Table}` plus
    /// `"quotas"`: pool, quota, tied at the cut and allowed for each.
    fn excellence<'py>(&self, py: Python<'py>, year: i32) -> PyResult<Bound<'py, PyDict>> {
        guard(py, || {
            let ex = self.get(py)?.excellence(year);
            let out = PyDict::new(py);
            out.set_item("suggestions", assessment::ranking(&ex.suggestions))?;
            out.set_item("deputies", assessment::ranking(&ex.deputies))?;
            let quotas = PyDict::new(py);
            for (name, r) in [("suggestions", &ex.suggestions), ("deputies", &ex.deputies)] {
                let q = PyDict::new(py);
                q.set_item("pool", r.pool)?;
                q.set_item("quota", r.quota)?;
                q.set_item("tied_at_cut", r.tied_at_cut)?;
                q.set_item("allowed", r.allowed)?;
                quotas.set_item(name, q)?;
            }
            out.set_item("quotas", quotas)?;
            Ok(out)
        })
    }

    /// Every deputy's points for `year` (履职积分) as a `Table`.
    fn deputy_points_table(&self, py: Python<'_>, year: i32) -> PyResult<PyTable> {
        guard(py, || {
            Ok(assessment::deputy_points(
                &self.get(py)?.deputy_points(year),
            ))
        })
    }

    /// One row per item (columnar `Table`).
    fn items_table(&self, py: Python<'_>) -> PyResult<PyTable> {
        guard(py, || {
            let ledger = self.get(py)?;
            Ok(py.detach(|| tables::items(ledger)))
        })
    }

    /// One row per event (columnar `Table`); `LedgerError` (`ledger.log_not_held`) for a
    /// ledger reopened from a snapshot.
    fn events_table(&self, py: Python<'_>) -> PyResult<PyTable> {
        guard(py, || {
            let ledger = self.get(py)?;
            ledger.log("events_table").py(py)?;
            Ok(py.detach(|| tables::events(ledger)))
        })
    }

    /// One row per obligation of every item, with its status as of `as_of`.
    fn obligations_table(&self, py: Python<'_>, as_of: DateArg) -> PyResult<PyTable> {
        guard(py, || tables::obligations(py, self.get(py)?, as_of.0))
    }

    /// Imports an office's 台账 as a ledger (`jianyi import`): `table` is a `.xlsx` / `.csv`
    /// path, a pandas or polars `DataFrame`, or rows of plain values with the header first.
    /// Every fact carries its file and row and the facts the row does not give. By default
    /// any bad row raises `InputError` (one line per bad row, naming its row and column);
    /// with `keep_going` the good rows are imported. Returns the ledger and the skipped rows'
    /// lines (empty unless `keep_going`).
    #[staticmethod]
    #[pyo3(signature = (table, year, profile = None, calendar = None, sheet = None, mapping = None, keep_going = false))]
    #[expect(clippy::too_many_arguments, reason = "the Python keyword arguments")]
    fn import_table(
        py: Python<'_>,
        table: &Bound<'_, PyAny>,
        year: i32,
        profile: Option<PyRef<'_, PyProfile>>,
        calendar: Option<PyRef<'_, PyCalendar>>,
        sheet: Option<&str>,
        mapping: Option<&Bound<'_, PyAny>>,
        keep_going: bool,
    ) -> PyResult<(PyLedger, Vec<String>)> {
        guard(py, || {
            let profile = profile_or_default(profile);
            let calendar = calendar_or_china(calendar);
            let (ledger, skipped) = crate::taizhang::import_table(
                py, table, year, &profile, &calendar, sheet, mapping, keep_going,
            )?;
            Ok((PyLedger::wrap(ledger), skipped))
        })
    }

    /// Writes the ledger's tables as Parquet files into `dir` (created if missing): items,
    /// events and obligations as of `as_of`, the figures and every report table of `year`
    /// (`jianyi export --to parquet`). `year` defaults to the latest session's, `as_of` to
    /// 31 December of it. Returns one `{"path", "rows", "bytes"}` per file.
    #[pyo3(signature = (dir, year = None, as_of = None))]
    fn to_parquet<'py>(
        &self,
        py: Python<'py>,
        dir: PathBuf,
        year: Option<i32>,
        as_of: Option<DateArg>,
    ) -> PyResult<Bound<'py, PyList>> {
        guard(py, || {
            let ledger = self.get(py)?;
            let year = year
                .or_else(|| jianyi_export::default_year(ledger))
                .ok_or_else(|| {
                    pyo3::exceptions::PyValueError::new_err("the ledger has no session: give year")
                })?;
            let as_of = match as_of {
                Some(d) => d.0,
                None => chrono::NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(|| {
                    pyo3::exceptions::PyValueError::new_err(format!("year {year} is out of range"))
                })?,
            };
            let written = py.detach(move || {
                jianyi_export::write_parquet(ledger, &dir, year, as_of, &mut |_| {})
            });
            let written = written.map_err(|e| match e {
                jianyi_export::ExportError::Ledger(e) => crate::errors::to_pyerr(py, &e),
                other => {
                    pyo3::exceptions::PyOSError::new_err(format!("{other} [{}]", other.code()))
                }
            })?;
            let out = PyList::empty(py);
            for w in written {
                let d = PyDict::new(py);
                d.set_item("path", w.path)?;
                d.set_item("rows", w.rows)?;
                d.set_item("bytes", w.bytes)?;
                out.append(d)?;
            }
            Ok(out)
        })
    }

    /// Panics while holding the ledger mutably, as a bug in `execute` would: the ledger is
    /// then poisoned. Test wheels only (feature `test-panic`).
    #[cfg(feature = "test-panic")]
    fn _debug_panic_while_changing(&mut self, py: Python<'_>) -> PyResult<()> {
        self.get(py)?;
        let (out, panicked) = guard_mut(py, || {
            #[expect(clippy::panic, reason = "the point of this test hook")]
            {
                panic!("deliberate panic while changing the ledger")
            }
        });
        if panicked {
            self.poisoned = true;
        }
        out
    }

    fn __repr__(&self) -> String {
        let r = self.inner.profile_ref();
        format!(
            "Ledger(profile={:?}, items={}, events={}{})",
            format!("{}@{}", r.id, r.version),
            self.inner.items().len(),
            self.inner.events().len(),
            if self.poisoned { ", poisoned" } else { "" }
        )
    }
}

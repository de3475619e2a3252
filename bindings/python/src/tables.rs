//! Columnar tables for analysts (SPEC §0, §11): built column by column in Rust, handed to
//! Python as one list per column, and from there to pandas or polars.
//!
//! Every value is read from the core's state or queries; nothing here decides a rule.

use chrono::NaiveDate;
use jianyi_core::item::Party;
use jianyi_core::tables::{CountTable, YearTables};
use jianyi_core::vocab::Origin;
use jianyi_core::{Ledger, System};
use pyo3::exceptions::{PyKeyError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyDict, PyList, PyString};
use serde::Serialize;

use crate::arrow;
use crate::errors::{guard, IntoPyResult};

/// One column's values.
#[derive(Debug)]
pub(crate) enum Values {
    Str(Vec<Option<String>>),
    Int(Vec<Option<i64>>),
    Float(Vec<Option<f64>>),
    Date(Vec<Option<NaiveDate>>),
    Bool(Vec<bool>),
    StrList(Vec<Vec<String>>),
    IntList(Vec<Vec<i64>>),
}

impl Values {
    fn dtype(&self) -> &'static str {
        match self {
            Values::Str(_) => "str",
            Values::Int(_) => "int",
            Values::Float(_) => "float",
            Values::Date(_) => "date",
            Values::Bool(_) => "bool",
            Values::StrList(_) => "list[str]",
            Values::IntList(_) => "list[int]",
        }
    }

    /// A new Python list of the values.
    fn to_list<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        match self {
            Values::Str(v) => PyList::new(py, v),
            Values::Int(v) => PyList::new(py, v),
            Values::Float(v) => PyList::new(py, v),
            Values::Date(v) => PyList::new(py, v),
            Values::Bool(v) => PyList::new(py, v),
            Values::StrList(v) => PyList::new(py, v),
            Values::IntList(v) => PyList::new(py, v),
        }
    }
}

/// A table: named columns of equal length, held in Rust. Python lists are made when asked
/// for (`columns`, `column`, `to_records`, `to_pandas`); Arrow consumers read the columns
/// through `__arrow_c_stream__` without a Python object per field.
#[pyclass(module = "jianyi._core", name = "Table", frozen)]
#[derive(Debug)]
pub(crate) struct PyTable {
    names: Vec<String>,
    columns: Vec<Values>,
    rows: usize,
}

impl PyTable {
    pub(crate) fn build<S: Into<String>>(rows: usize, columns: Vec<(S, Values)>) -> PyTable {
        let (names, columns) = columns
            .into_iter()
            .map(|(name, values)| (name.into(), values))
            .unzip();
        PyTable {
            names,
            columns,
            rows,
        }
    }

    /// `{name: list}` with new lists.
    fn column_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (name, values) in self.names.iter().zip(&self.columns) {
            dict.set_item(name, values.to_list(py)?)?;
        }
        Ok(dict)
    }

    fn dtype_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (name, values) in self.names.iter().zip(&self.columns) {
            dict.set_item(name, values.dtype())?;
        }
        Ok(dict)
    }

    fn frame<'py>(&self, py: Python<'py>, function: &str) -> PyResult<Bound<'py, PyAny>> {
        py.import("jianyi._frames")?
            .getattr(function)?
            .call1((self.column_dict(py)?, self.dtype_dict(py)?))
    }
}

#[pymethods]
impl PyTable {
    /// The columns as `{name: list}` (copies: changing them leaves the table as it is).
    #[getter]
    fn columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        guard(py, || self.column_dict(py))
    }

    /// Column names, in order.
    #[getter]
    fn names(&self) -> Vec<String> {
        self.names.clone()
    }

    /// `{name: dtype}` with dtype one of `str`, `int`, `date`, `bool`, `list[str]`,
    /// `list[int]`. Any value may be `None` except in `bool` and list columns.
    #[getter]
    fn dtypes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        guard(py, || self.dtype_dict(py))
    }

    /// One column (a copy).
    fn column<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyList>> {
        guard(py, || {
            let values = self
                .names
                .iter()
                .position(|n| n == name)
                .and_then(|i| self.columns.get(i))
                .ok_or_else(|| PyKeyError::new_err(name.to_owned()))?;
            values.to_list(py)
        })
    }

    /// One dict per row.
    fn to_records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        guard(py, || {
            let names: Vec<Bound<'py, PyString>> =
                self.names.iter().map(|n| PyString::intern(py, n)).collect();
            let lists = self
                .columns
                .iter()
                .map(|c| c.to_list(py))
                .collect::<PyResult<Vec<_>>>()?;
            let out = PyList::empty(py);
            for row in 0..self.rows {
                let record = PyDict::new(py);
                for (name, list) in names.iter().zip(&lists) {
                    record.set_item(name, list.get_item(row)?)?;
                }
                out.append(record)?;
            }
            Ok(out)
        })
    }

    /// A `pandas.DataFrame` (date columns as `datetime64`, integer columns with gaps as
    /// `Int64`). Raises `ImportError` naming pandas when it is not installed.
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || self.frame(py, "to_pandas"))
    }

    /// A `polars.DataFrame` read through the Arrow stream (`Date`, `Int64`, `String`,
    /// `Boolean`, `List`). Raises `ImportError` naming polars when it is not installed.
    fn to_polars<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        guard(py, || {
            py.import("jianyi._frames")?
                .getattr("to_polars")?
                .call1((slf,))
        })
    }

    /// A `pyarrow.Table` (through the Arrow stream). Raises `ImportError` naming pyarrow
    /// when it is not installed.
    fn to_arrow<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        guard(py, || {
            py.import("jianyi._frames")?
                .getattr("to_arrow")?
                .call1((slf,))
        })
    }

    /// The Arrow `PyCapsule` interface: an `ArrowArrayStream` capsule with one record batch
    /// (`str` → `utf8`, `int` → `int64`, `date` → `date32`, `bool` → `bool`, lists → `list`).
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyCapsule>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        guard(py, || {
            let batch = arrow::record_batch(&self.names, &self.columns, self.rows)
                .map_err(|e| PyValueError::new_err(format!("Arrow export: {e}")))?;
            arrow::stream_capsule(py, batch, requested_schema)
        })
    }

    fn __len__(&self) -> usize {
        self.rows
    }

    fn __repr__(&self) -> String {
        format!("Table(rows={}, columns={:?})", self.rows, self.names)
    }
}

/// The snake-case name serde gives a value: a unit variant's name, or the `kind`/`type`
/// tag of an internally tagged enum.
fn name_of<T: Serialize>(value: &T) -> Option<String> {
    match serde_json::to_value(value).ok()? {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Object(map) => map
            .get("kind")
            .or_else(|| map.get("type"))
            .and_then(|v| v.as_str())
            .map(str::to_owned),
        _ => None,
    }
}

fn names_of<'a, T: std::fmt::Display + 'a>(ids: impl IntoIterator<Item = &'a T>) -> Vec<String> {
    ids.into_iter().map(ToString::to_string).collect()
}

/// One row per item.
pub(crate) fn items(ledger: &Ledger) -> PyTable {
    let n = ledger.items().len();
    let mut id = Vec::with_capacity(n);
    let mut kind = Vec::with_capacity(n);
    let mut year = Vec::with_capacity(n);
    let mut period = Vec::with_capacity(n);
    let mut origin = Vec::with_capacity(n);
    let mut converted_from = Vec::with_capacity(n);
    let mut session = Vec::with_capacity(n);
    let mut lead = Vec::with_capacity(n);
    let mut n_cosigners = Vec::with_capacity(n);
    let mut cosigners = Vec::with_capacity(n);
    let mut delegation = Vec::with_capacity(n);
    let mut title = Vec::with_capacity(n);
    let mut topic = Vec::with_capacity(n);
    let mut merge_group = Vec::with_capacity(n);
    let mut proposed_unit = Vec::with_capacity(n);
    let mut submitted_on = Vec::with_capacity(n);
    let mut status = Vec::with_capacity(n);
    let mut holder = Vec::with_capacity(n);
    let mut motion_decision = Vec::with_capacity(n);
    let mut assigned_on = Vec::with_capacity(n);
    let mut handling_mode = Vec::with_capacity(n);
    let mut lead_units = Vec::with_capacity(n);
    let mut co_units = Vec::with_capacity(n);
    let mut systems = Vec::with_capacity(n);
    let mut n_reassignments = Vec::with_capacity(n);
    let mut replied_on = Vec::with_capacity(n);
    let mut latest_replied_on = Vec::with_capacity(n);
    let mut n_replies = Vec::with_capacity(n);
    let mut first_class = Vec::with_capacity(n);
    let mut latest_class = Vec::with_capacity(n);
    let mut promised_by = Vec::with_capacity(n);
    let mut first_rating = Vec::with_capacity(n);
    let mut latest_rating = Vec::with_capacity(n);
    let mut rated_on = Vec::with_capacity(n);
    let mut feedback_lapsed = Vec::with_capacity(n);
    let mut n_reopened = Vec::with_capacity(n);
    let mut n_follow_ups = Vec::with_capacity(n);
    let mut n_commitments = Vec::with_capacity(n);
    let mut rolled_into = Vec::with_capacity(n);
    let mut closing = Vec::with_capacity(n);
    let mut closed_on = Vec::with_capacity(n);
    let mut n_events = Vec::with_capacity(n);
    let mut last_on = Vec::with_capacity(n);

    let directory = ledger.directory();
    for it in ledger.items().values() {
        id.push(Some(it.id.to_string()));
        kind.push(name_of(&it.kind));
        year.push(Some(i64::from(it.year)));
        period.push(name_of(&it.period));
        origin.push(name_of(&it.origin));
        converted_from.push(match &it.origin {
            Origin::Direct => None,
            Origin::ConvertedFromMotion { motion } => Some(motion.to_string()),
        });
        session.push(Some(it.session.to_string()));
        lead.push(Some(it.lead.to_string()));
        n_cosigners.push(i64::try_from(it.cosigners.len()).ok());
        cosigners.push(names_of(&it.cosigners));
        delegation.push(it.delegation.as_ref().map(ToString::to_string));
        title.push(Some(it.text.title.clone()));
        topic.push(it.topic.clone());
        merge_group.push(it.merge_group.as_ref().map(ToString::to_string));
        proposed_unit.push(it.proposed_unit.as_ref().map(ToString::to_string));
        submitted_on.push(Some(it.submitted_on));
        status.push(Some(it.status.as_str().to_owned()));
        holder.push(ledger.holder(&it.id).as_ref().and_then(name_of));
        motion_decision.push(it.motion_decision.as_ref().and_then(name_of));
        let current = it.current_assignment();
        assigned_on.push(current.map(|a| a.on));
        handling_mode.push(current.and_then(|a| name_of(&a.plan.mode)));
        lead_units.push(current.map(|a| names_of(&a.plan.leads)).unwrap_or_default());
        co_units.push(current.map(|a| names_of(&a.plan.co)).unwrap_or_default());
        let mut item_systems: Vec<System> = current
            .map(|a| {
                a.plan
                    .leads
                    .iter()
                    .filter_map(|u| directory.units.get(u).map(|u| u.system))
                    .collect()
            })
            .unwrap_or_default();
        item_systems.sort();
        item_systems.dedup();
        systems.push(item_systems.iter().filter_map(name_of).collect::<Vec<_>>());
        n_reassignments
            .push(i64::try_from(it.assignments.iter().filter(|a| a.reassignment).count()).ok());
        replied_on.push(it.replies.first().map(|r| r.on));
        latest_replied_on.push(it.latest_reply().map(|r| r.on));
        n_replies.push(i64::try_from(it.replies.len()).ok());
        first_class.push(it.first_class(&ledger.profile().results).map(str::to_owned));
        latest_class.push(
            it.latest_class(&ledger.profile().results)
                .map(str::to_owned),
        );
        promised_by.push(it.latest_reply().and_then(|r| r.promised_by));
        first_rating.push(it.first_rating().and_then(|r| r.level.clone()));
        latest_rating.push(it.latest_rating().and_then(|r| r.level.clone()));
        rated_on.push(it.latest_rating().map(|r| r.on));
        feedback_lapsed.push(it.feedback.iter().any(|f| f.level.is_none()));
        n_reopened.push(i64::try_from(it.reopened_on.len()).ok());
        n_follow_ups.push(i64::try_from(it.follow_ups.len()).ok());
        n_commitments.push(i64::try_from(it.commitments.len()).ok());
        rolled_into.push(
            it.rolled_into
                .iter()
                .map(|y| i64::from(*y))
                .collect::<Vec<_>>(),
        );
        closing.push(it.closing.as_ref().and_then(|(how, _)| name_of(how)));
        closed_on.push(it.closing.as_ref().map(|(_, on)| *on));
        n_events.push(i64::try_from(it.events.len()).ok());
        last_on.push(Some(it.last_on));
    }
    PyTable::build(
        n,
        vec![
            ("id", Values::Str(id)),
            ("kind", Values::Str(kind)),
            ("year", Values::Int(year)),
            ("period", Values::Str(period)),
            ("origin", Values::Str(origin)),
            ("converted_from", Values::Str(converted_from)),
            ("session", Values::Str(session)),
            ("lead", Values::Str(lead)),
            ("n_cosigners", Values::Int(n_cosigners)),
            ("cosigners", Values::StrList(cosigners)),
            ("delegation", Values::Str(delegation)),
            ("title", Values::Str(title)),
            ("topic", Values::Str(topic)),
            ("merge_group", Values::Str(merge_group)),
            ("proposed_unit", Values::Str(proposed_unit)),
            ("submitted_on", Values::Date(submitted_on)),
            ("status", Values::Str(status)),
            ("holder", Values::Str(holder)),
            ("motion_decision", Values::Str(motion_decision)),
            ("assigned_on", Values::Date(assigned_on)),
            ("handling_mode", Values::Str(handling_mode)),
            ("lead_units", Values::StrList(lead_units)),
            ("co_units", Values::StrList(co_units)),
            ("systems", Values::StrList(systems)),
            ("n_reassignments", Values::Int(n_reassignments)),
            ("replied_on", Values::Date(replied_on)),
            ("latest_replied_on", Values::Date(latest_replied_on)),
            ("n_replies", Values::Int(n_replies)),
            ("first_class", Values::Str(first_class)),
            ("latest_class", Values::Str(latest_class)),
            ("promised_by", Values::Date(promised_by)),
            ("first_rating", Values::Str(first_rating)),
            ("latest_rating", Values::Str(latest_rating)),
            ("rated_on", Values::Date(rated_on)),
            ("feedback_lapsed", Values::Bool(feedback_lapsed)),
            ("n_reopened", Values::Int(n_reopened)),
            ("n_follow_ups", Values::Int(n_follow_ups)),
            ("n_commitments", Values::Int(n_commitments)),
            ("rolled_into", Values::IntList(rolled_into)),
            ("closing", Values::Str(closing)),
            ("closed_on", Values::Date(closed_on)),
            ("n_events", Values::Int(n_events)),
            ("last_on", Values::Date(last_on)),
        ],
    )
}

/// One row per event; `fact` is the fact as JSON text.
pub(crate) fn events(ledger: &Ledger) -> PyTable {
    let n = ledger.events().len();
    let mut seq = Vec::with_capacity(n);
    let mut on = Vec::with_capacity(n);
    let mut command = Vec::with_capacity(n);
    let mut actor_role = Vec::with_capacity(n);
    let mut actor = Vec::with_capacity(n);
    let mut kind = Vec::with_capacity(n);
    let mut item = Vec::with_capacity(n);
    let mut unit = Vec::with_capacity(n);
    let mut fact = Vec::with_capacity(n);
    for e in ledger.events() {
        seq.push(i64::try_from(e.seq).ok());
        on.push(Some(e.on));
        command.push(Some(e.command.to_string()));
        actor_role.push(Some(e.actor.role().as_str().to_owned()));
        actor.push(e.actor.acting_id().map(str::to_owned));
        kind.push(Some(e.fact.name().to_owned()));
        item.push(e.fact.item().map(ToString::to_string));
        let value = serde_json::to_value(&e.fact).unwrap_or_default();
        unit.push(
            value
                .get("unit")
                .and_then(|u| u.as_str())
                .map(str::to_owned),
        );
        fact.push(Some(value.to_string()));
    }
    PyTable::build(
        n,
        vec![
            ("seq", Values::Int(seq)),
            ("on", Values::Date(on)),
            ("command", Values::Str(command)),
            ("actor_role", Values::Str(actor_role)),
            ("actor", Values::Str(actor)),
            ("type", Values::Str(kind)),
            ("item", Values::Str(item)),
            ("unit", Values::Str(unit)),
            ("fact", Values::Str(fact)),
        ],
    )
}

/// One row per live obligation of every item, status as of `as_of`.
pub(crate) fn obligations(py: Python<'_>, ledger: &Ledger, as_of: NaiveDate) -> PyResult<PyTable> {
    let mut item = Vec::new();
    let mut party = Vec::new();
    let mut party_id = Vec::new();
    let mut kind = Vec::new();
    let mut label_zh = Vec::new();
    let mut anchor = Vec::new();
    let mut window_amount = Vec::new();
    let mut window_unit = Vec::new();
    let mut due = Vec::new();
    let mut original_due = Vec::new();
    let mut hard_maximum = Vec::new();
    let mut rolled_forward_from = Vec::new();
    let mut done_on = Vec::new();
    let mut status = Vec::new();
    let mut working_days_left = Vec::new();
    let mut calendar_version = Vec::new();
    for o in ledger.every_obligation(as_of).py(py)? {
        item.push(Some(o.item.to_string()));
        let (p, pid) = match &o.party {
            Party::Office => ("office", None),
            Party::Unit { id } => ("unit", Some(id.to_string())),
            Party::Deputy { id } => ("deputy", Some(id.to_string())),
        };
        party.push(Some(p.to_owned()));
        party_id.push(pid);
        kind.push(Some(o.kind.as_str().to_owned()));
        label_zh.push(Some(o.label_zh.clone()));
        let d = &o.due.deadline;
        anchor.push(Some(d.anchor));
        window_amount.push(Some(i64::from(d.window.amount)));
        window_unit.push(name_of(&d.window.unit));
        due.push(Some(d.due));
        original_due.push(o.due.original_due);
        hard_maximum.push(o.due.hard_maximum);
        rolled_forward_from.push(d.rolled_forward_from);
        done_on.push(o.done_on);
        status.push(name_of(&o.status));
        working_days_left.push(Some(o.working_days_left));
        calendar_version.push(Some(d.calendar_version.clone()));
    }
    let n = item.len();
    Ok(PyTable::build(
        n,
        vec![
            ("item", Values::Str(item)),
            ("party", Values::Str(party)),
            ("party_id", Values::Str(party_id)),
            ("kind", Values::Str(kind)),
            ("label_zh", Values::Str(label_zh)),
            ("anchor", Values::Date(anchor)),
            ("window_amount", Values::Int(window_amount)),
            ("window_unit", Values::Str(window_unit)),
            ("due", Values::Date(due)),
            ("original_due", Values::Date(original_due)),
            ("hard_maximum", Values::Date(hard_maximum)),
            ("rolled_forward_from", Values::Date(rolled_forward_from)),
            ("done_on", Values::Date(done_on)),
            ("status", Values::Str(status)),
            ("working_days_left", Values::Int(working_days_left)),
            ("calendar_version", Values::Str(calendar_version)),
        ],
    ))
}

/// A count table of the report (`id`, labels, count, numerator, denominator, percent).
fn count_table(t: &CountTable) -> PyTable {
    let rows = t.rows.len();
    let int = |v: u64| i64::try_from(v).ok();
    PyTable::build(
        rows,
        vec![
            (
                "id",
                Values::Str(t.rows.iter().map(|r| Some(r.id.clone())).collect()),
            ),
            (
                "label_zh",
                Values::Str(t.rows.iter().map(|r| Some(r.label_zh.clone())).collect()),
            ),
            (
                "label_en",
                Values::Str(t.rows.iter().map(|r| Some(r.label_en.clone())).collect()),
            ),
            (
                "count",
                Values::Int(t.rows.iter().map(|r| int(r.count)).collect()),
            ),
            (
                "numerator",
                Values::Int(t.rows.iter().map(|r| int(r.share.numerator)).collect()),
            ),
            (
                "denominator",
                Values::Int(t.rows.iter().map(|r| int(r.share.denominator)).collect()),
            ),
            (
                "percent",
                Values::Str(t.rows.iter().map(|r| Some(r.percent.clone())).collect()),
            ),
        ],
    )
}

/// Every table of the year's report, by id; sections the ledger holds no facts for are
/// left out (`not_in_ledger` lists them).
pub(crate) fn report_tables(t: &YearTables) -> (Vec<(String, PyTable)>, Vec<&'static str>) {
    let int = |v: u64| i64::try_from(v).ok();
    let mut out: Vec<(String, PyTable)> = [
        &t.by_kind,
        &t.by_period,
        &t.by_origin,
        &t.by_topic,
        &t.by_committee,
        &t.classes_first_reply,
        &t.classes_second_round,
        &t.classes_final,
        &t.satisfaction_first,
        &t.satisfaction_latest,
        &t.timeliness,
        &t.contact_before_reply,
        &t.rollover,
    ]
    .into_iter()
    .map(|c| (c.id.clone(), count_table(c)))
    .collect();
    out.push((
        "by_system".to_owned(),
        PyTable::build(
            t.by_system.len(),
            vec![
                (
                    "system",
                    Values::Str(t.by_system.iter().map(|r| name_of(&r.system)).collect()),
                ),
                (
                    "items",
                    Values::Int(t.by_system.iter().map(|r| int(r.items)).collect()),
                ),
                (
                    "joint_with_other_systems",
                    Values::Int(
                        t.by_system
                            .iter()
                            .map(|r| int(r.joint_with_other_systems))
                            .collect(),
                    ),
                ),
                (
                    "joint_with_party_mass",
                    Values::Int(
                        t.by_system
                            .iter()
                            .map(|r| int(r.joint_with_party_mass))
                            .collect(),
                    ),
                ),
            ],
        ),
    ));
    out.push((
        "by_unit".to_owned(),
        PyTable::build(
            t.by_unit.len(),
            vec![
                (
                    "unit",
                    Values::Str(t.by_unit.iter().map(|r| Some(r.unit.to_string())).collect()),
                ),
                (
                    "name",
                    Values::Str(t.by_unit.iter().map(|r| Some(r.name.clone())).collect()),
                ),
                (
                    "system",
                    Values::Str(t.by_unit.iter().map(|r| name_of(&r.system)).collect()),
                ),
                (
                    "lead",
                    Values::Int(t.by_unit.iter().map(|r| int(r.lead)).collect()),
                ),
                (
                    "co",
                    Values::Int(t.by_unit.iter().map(|r| int(r.co)).collect()),
                ),
                (
                    "total",
                    Values::Int(t.by_unit.iter().map(|r| int(r.total)).collect()),
                ),
            ],
        ),
    ));
    for (name, table) in t.sections() {
        if let Some(c) = table {
            out.push((name.to_owned(), count_table(c)));
        }
    }
    let absent = t.sections_not_in_ledger();
    (out, absent)
}

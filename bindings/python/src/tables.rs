//! Columnar tables for analysts (SPEC §0, §11): built column by column in Rust (the ledger's
//! tables by `jianyi_export::frames`, the same the Parquet export writes), handed to Python
//! as one list per column, and from there to pandas or polars.
//!
//! Every value is read from the core's state or queries; nothing here decides a rule.

use chrono::NaiveDate;
use jianyi_core::tables::YearTables;
use jianyi_core::Ledger;
use jianyi_export::{frames, Column, Table};
use pyo3::exceptions::{PyKeyError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyDict, PyList, PyString};

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
impl From<Table> for PyTable {
    /// The export's table as a Python one: class columns (Arrow dictionaries in Parquet) are
    /// plain `str` columns here, as they always were.
    fn from(t: Table) -> PyTable {
        let columns = t
            .columns
            .into_iter()
            .map(|c| match c {
                Column::Str(v) | Column::Class(v) => Values::Str(v),
                Column::Int(v) => Values::Int(v),
                Column::Float(v) => Values::Float(v),
                Column::Date(v) => Values::Date(v),
                Column::Bool(v) => Values::Bool(v),
                Column::StrList(v) => Values::StrList(v),
                Column::IntList(v) => Values::IntList(v),
            })
            .collect();
        PyTable {
            names: t.names,
            columns,
            rows: t.rows,
        }
    }
}

/// One row per item.
pub(crate) fn items(ledger: &Ledger) -> PyTable {
    frames::items(ledger).into()
}

/// One row per event; `fact` is the fact as JSON text.
pub(crate) fn events(ledger: &Ledger) -> PyTable {
    frames::events(ledger).into()
}

/// One row per live obligation of every item, status as of `as_of`.
pub(crate) fn obligations(py: Python<'_>, ledger: &Ledger, as_of: NaiveDate) -> PyResult<PyTable> {
    Ok(frames::obligations(ledger, as_of).py(py)?.into())
}

/// Every table of the year's report, by id; sections the ledger holds no facts for are
/// left out (`not_in_ledger` lists them).
pub(crate) fn report_tables(t: &YearTables) -> (Vec<(String, PyTable)>, Vec<&'static str>) {
    let (built, absent) = frames::report_tables(t);
    (
        built
            .into_iter()
            .map(|(id, table)| (id, table.into()))
            .collect(),
        absent,
    )
}

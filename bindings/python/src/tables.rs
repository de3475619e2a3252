//! Columnar tables for analysts (SPEC §0, §11): built column by column in Rust (the ledger's
//! tables by `jianyi_export::frames`, the same the Parquet export writes), handed to Python
//! as one list per column, and from there to pandas or polars.
//!
//! Every value is read from the core's state or queries; nothing here decides a rule.

use std::sync::OnceLock;

use arrow_array::RecordBatch;
use chrono::NaiveDate;
use jianyi_core::tables::YearTables;
use jianyi_core::Ledger;
use jianyi_export::{frames, Column, Table};
use pyo3::exceptions::{PyKeyError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyDict, PyList, PyString};

use crate::arrow;
use crate::errors::{guard, IntoPyResult};

/// The dtype a column shows Python (`Table.dtypes`).
fn dtype(column: &Column) -> &'static str {
    match column {
        Column::Str(_) | Column::Text(_) => "str",
        Column::Class(_) | Column::Classes(_) => "category",
        Column::Int(_) => "int",
        Column::Float(_) => "float",
        Column::Date(_) => "date",
        Column::Bool(_) => "bool",
        Column::StrList(_) | Column::TextLists(_) => "list[str]",
        Column::IntList(_) => "list[int]",
    }
}

/// A new Python list of the column's values (a category's values as `str`).
fn to_list<'py>(py: Python<'py>, column: &Column) -> PyResult<Bound<'py, PyList>> {
    match column {
        Column::Str(v) | Column::Class(v) => PyList::new(py, v),
        Column::Int(v) => PyList::new(py, v),
        Column::Float(v) => PyList::new(py, v),
        Column::Date(v) => PyList::new(py, v),
        Column::Bool(v) => PyList::new(py, v),
        Column::StrList(v) => PyList::new(py, v),
        Column::IntList(v) => PyList::new(py, v),
        Column::Text(_) | Column::Classes(_) => {
            PyList::new(py, column.strings().unwrap_or_default())
        }
        Column::TextLists(_) => PyList::new(py, column.string_lists().unwrap_or_default()),
    }
}

/// A table: named columns of equal length, held in Rust (the export's [`Table`], the same
/// the Parquet files are written from). Python lists are made when asked for (`columns`,
/// `column`, `to_records`); Arrow consumers (pyarrow, polars, duckdb, and `to_pandas` when
/// pyarrow is installed) read the columns through `__arrow_c_stream__`, built once, without a
/// Python object per field.
#[pyclass(module = "jianyi._core", name = "Table", frozen)]
#[derive(Debug)]
pub(crate) struct PyTable {
    table: Table,
    /// The Arrow form, built on the first Arrow read and shared by the later ones (Arrow
    /// arrays are reference-counted: handing one out copies no buffer).
    batch: OnceLock<RecordBatch>,
}

impl PyTable {
    pub(crate) fn build<S: Into<String>>(rows: usize, columns: Vec<(S, Column)>) -> PyTable {
        Table::build(rows, columns).into()
    }

    fn named(&self) -> impl Iterator<Item = (&String, &Column)> {
        self.table.names.iter().zip(&self.table.columns)
    }

    /// `{name: list}` with new lists.
    fn column_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (name, column) in self.named() {
            dict.set_item(name, to_list(py, column)?)?;
        }
        Ok(dict)
    }

    fn dtype_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (name, column) in self.named() {
            dict.set_item(name, dtype(column))?;
        }
        Ok(dict)
    }

    /// The table as one Arrow record batch, built once.
    fn record_batch(&self) -> PyResult<RecordBatch> {
        if let Some(batch) = self.batch.get() {
            return Ok(batch.clone());
        }
        let batch = self
            .table
            .record_batch()
            .map_err(|e| PyValueError::new_err(format!("Arrow export: {e}")))?;
        Ok(self.batch.get_or_init(|| batch).clone())
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
        self.table.names.clone()
    }

    /// `{name: dtype}` with dtype one of `str`, `category` (a value of a closed vocabulary:
    /// a class, a status, a kind; a dictionary in Arrow, a `str` in lists), `int`, `float`,
    /// `date`, `bool`, `list[str]`, `list[int]`. Any value may be `None` except in `bool` and
    /// list columns.
    #[getter]
    fn dtypes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        guard(py, || self.dtype_dict(py))
    }

    /// One column (a copy).
    fn column<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyList>> {
        guard(py, || {
            let column = self
                .named()
                .find(|(n, _)| *n == name)
                .map(|(_, c)| c)
                .ok_or_else(|| PyKeyError::new_err(name.to_owned()))?;
            to_list(py, column)
        })
    }

    /// One dict per row.
    fn to_records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        guard(py, || {
            let names: Vec<Bound<'py, PyString>> = self
                .table
                .names
                .iter()
                .map(|n| PyString::intern(py, n))
                .collect();
            let lists = self
                .table
                .columns
                .iter()
                .map(|c| to_list(py, c))
                .collect::<PyResult<Vec<_>>>()?;
            let out = PyList::empty(py);
            for row in 0..self.table.rows {
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
    /// `Int64`, categories as `category`; through the Arrow stream when pyarrow is installed,
    /// through lists otherwise). Raises `ImportError` naming pandas when it is not installed.
    fn to_pandas<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        guard(py, || {
            py.import("jianyi._frames")?
                .getattr("to_pandas")?
                .call1((slf,))
        })
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
    /// (`str` → `utf8`, `category` → `dictionary<int32, utf8>`, `int` → `int64`, `float` →
    /// `float64`, `date` → `date32`, `bool` → `bool`, lists → `list`).
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyCapsule>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        guard(py, || {
            arrow::stream_capsule(py, self.record_batch()?, requested_schema)
        })
    }

    fn __len__(&self) -> usize {
        self.table.rows
    }

    fn __repr__(&self) -> String {
        format!(
            "Table(rows={}, columns={:?})",
            self.table.rows, self.table.names
        )
    }
}

impl From<Table> for PyTable {
    fn from(table: Table) -> PyTable {
        PyTable {
            table,
            batch: OnceLock::new(),
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

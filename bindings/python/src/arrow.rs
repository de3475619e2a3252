//! Tables as Arrow (the Arrow `PyCapsule` interface, `__arrow_c_stream__`): a 1 000 000-item ledger
//! reaches polars, pyarrow or duckdb as a handful of contiguous buffers per column, not as one
//! Python object per field.
//!
//! The buffers are built once per export from the table's Rust-side columns; the capsule
//! itself is made by `pyo3-arrow` (the Arrow C stream interface), so this crate writes no
//! raw pointer code of its own.

use std::sync::Arc;

use arrow_array::builder::{Int64Builder, ListBuilder, StringBuilder};
use arrow_array::{
    ArrayRef, BooleanArray, Date32Array, Float64Array, Int64Array, RecordBatch, RecordBatchOptions,
    StringArray,
};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use chrono::{Datelike, NaiveDate};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::tables::Values;

/// Days from 0001-01-01 (chrono's day 1) to 1970-01-01, Arrow's `date32` epoch.
const UNIX_EPOCH_FROM_CE: i32 = 719_163;

/// `date32`: days since 1970-01-01.
fn date32(date: NaiveDate) -> Option<i32> {
    date.num_days_from_ce().checked_sub(UNIX_EPOCH_FROM_CE)
}

impl Values {
    /// The Arrow type of the column.
    fn arrow_type(&self) -> DataType {
        match self {
            Values::Str(_) => DataType::Utf8,
            Values::Int(_) => DataType::Int64,
            Values::Float(_) => DataType::Float64,
            Values::Date(_) => DataType::Date32,
            Values::Bool(_) => DataType::Boolean,
            Values::StrList(_) => {
                DataType::List(Arc::new(Field::new_list_field(DataType::Utf8, true)))
            }
            Values::IntList(_) => {
                DataType::List(Arc::new(Field::new_list_field(DataType::Int64, true)))
            }
        }
    }

    /// `bool` and list columns never hold a null (an empty list is empty, not missing).
    fn nullable(&self) -> bool {
        matches!(
            self,
            Values::Str(_) | Values::Int(_) | Values::Float(_) | Values::Date(_)
        )
    }

    /// The column as an Arrow array.
    fn to_arrow(&self) -> ArrayRef {
        match self {
            Values::Str(v) => Arc::new(v.iter().map(Option::as_deref).collect::<StringArray>()),
            Values::Int(v) => Arc::new(v.iter().copied().collect::<Int64Array>()),
            Values::Float(v) => Arc::new(v.iter().copied().collect::<Float64Array>()),
            Values::Date(v) => Arc::new(
                v.iter()
                    .map(|d| d.and_then(date32))
                    .collect::<Date32Array>(),
            ),
            Values::Bool(v) => Arc::new(v.iter().map(|b| Some(*b)).collect::<BooleanArray>()),
            Values::StrList(v) => {
                let mut builder = ListBuilder::new(StringBuilder::new());
                for row in v {
                    for s in row {
                        builder.values().append_value(s);
                    }
                    builder.append(true);
                }
                Arc::new(builder.finish())
            }
            Values::IntList(v) => {
                let mut builder = ListBuilder::new(Int64Builder::new());
                for row in v {
                    builder.values().append_slice(row);
                    builder.append(true);
                }
                Arc::new(builder.finish())
            }
        }
    }
}

/// The table as one Arrow record batch.
pub(crate) fn record_batch(
    names: &[String],
    columns: &[Values],
    rows: usize,
) -> Result<RecordBatch, ArrowError> {
    let fields: Vec<Field> = names
        .iter()
        .zip(columns)
        .map(|(name, values)| Field::new(name, values.arrow_type(), values.nullable()))
        .collect();
    let schema: SchemaRef = Arc::new(Schema::new(fields));
    let arrays: Vec<ArrayRef> = columns.iter().map(Values::to_arrow).collect();
    // The row count is explicit so that a table without columns keeps its length.
    let options = RecordBatchOptions::new().with_row_count(Some(rows));
    RecordBatch::try_new_with_options(schema, arrays, &options)
}

/// An Arrow C stream capsule of the batch (the `PyCapsule` interface's
/// `__arrow_c_stream__`).
pub(crate) fn stream_capsule<'py>(
    py: Python<'py>,
    batch: RecordBatch,
    requested_schema: Option<Bound<'py, pyo3::types::PyCapsule>>,
) -> PyResult<Bound<'py, pyo3::types::PyCapsule>> {
    let schema = batch.schema();
    let table = pyo3_arrow::PyTable::try_new(vec![batch], schema)?;
    let capsule = table
        .into_pyobject(py)?
        .call_method1("__arrow_c_stream__", (requested_schema,))?;
    capsule
        .cast_into()
        .map_err(|e| PyValueError::new_err(format!("Arrow stream capsule: {e}")))
}

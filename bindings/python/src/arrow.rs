//! Tables as Arrow (the Arrow `PyCapsule` interface, `__arrow_c_stream__`): a 1 000 000-item ledger
//! reaches polars, pyarrow or duckdb as a handful of contiguous buffers per column, not as one
//! Python object per field.
//!
//! The record batch is the export's (`jianyi_export::Table::record_batch`, the one the Parquet
//! files are written from); the capsule itself is made by `pyo3-arrow` (the Arrow C stream
//! interface), so this crate writes no raw pointer code of its own.

use arrow_array::RecordBatch;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

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

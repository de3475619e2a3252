//! Parquet 文件 (writing a table as one Parquet file): Snappy pages, the Arrow schema kept in
//! the file (so readers get dictionary classes and `date32` dates back), and the ledger's
//! profile and the export's day in the file's key-value metadata.

use std::fs::File;
use std::path::Path;

use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;

use crate::table::Table;
use crate::ExportError;

/// Writes `table` to `path` (created or replaced) with `metadata` as key-value pairs.
/// Returns the file's size in bytes.
pub(crate) fn write_table(
    path: &Path,
    table: &Table,
    metadata: &[(&str, String)],
) -> Result<u64, ExportError> {
    let batch = table.record_batch().map_err(|source| ExportError::Arrow {
        path: path.to_owned(),
        source,
    })?;
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_key_value_metadata(Some(
            metadata
                .iter()
                .map(|(k, v)| KeyValue::new((*k).to_owned(), v.clone()))
                .collect(),
        ))
        .build();
    let io = |source| ExportError::Io {
        path: path.to_owned(),
        source,
    };
    let parquet = |source| ExportError::Parquet {
        path: path.to_owned(),
        source,
    };
    let file = File::create(path).map_err(io)?;
    let mut writer = ArrowWriter::try_new(file, batch.schema(), Some(props)).map_err(parquet)?;
    writer.write(&batch).map_err(parquet)?;
    let file = writer.into_inner().map_err(parquet)?;
    file.sync_all().map_err(io)?;
    Ok(file.metadata().map_err(io)?.len())
}

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

/// Writes the `chunks` of one table, in order, to `path` (created or replaced) with
/// `metadata` as key-value pairs; the first chunk's columns are the file's schema. Returns
/// the rows written and the file's size in bytes.
pub(crate) fn write_chunks(
    path: &Path,
    chunks: impl Iterator<Item = Result<Table, ExportError>>,
    metadata: &[(&str, String)],
) -> Result<(usize, u64), ExportError> {
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
    let arrow = |source| ExportError::Arrow {
        path: path.to_owned(),
        source,
    };
    let mut writer = None;
    let mut rows = 0usize;
    for table in chunks {
        let batch = table?.record_batch().map_err(arrow)?;
        rows = rows.saturating_add(batch.num_rows());
        if writer.is_none() {
            let file = File::create(path).map_err(io)?;
            writer = Some(
                ArrowWriter::try_new(file, batch.schema(), Some(props.clone())).map_err(parquet)?,
            );
        }
        if let Some(w) = writer.as_mut() {
            w.write(&batch).map_err(parquet)?;
        }
    }
    // INVARIANT: every job gives at least one chunk (an empty table is one empty chunk).
    let Some(writer) = writer else {
        return Err(io(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "no table to write",
        )));
    };
    let file = writer.into_inner().map_err(parquet)?;
    file.sync_all().map_err(io)?;
    Ok((rows, file.metadata().map_err(io)?.len()))
}

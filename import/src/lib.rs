//! 台账导入 (reading the offices' spreadsheets): the 台账 a deputies' affairs office keeps,
//! one row per suggestion, as `.xlsx` or `.csv`, read into typed [`Row`]s.
//!
//! - [`grid`]: the file's cells with Excel's row numbers (CSV in UTF-8, UTF-16 or GB18030).
//! - [`header`]: which column holds which field, by the Chinese names and aliases offices use,
//!   over one header row or two (merged group cells), plus a mapping file for other names.
//! - [`value`]: full-width digits, dates such as `2022.3.5` or `2022年3月5日`, name lists.
//! - [`row`]: a row's fields, classes and levels by the profile's labels or letters.
//! - [`build`](mod@build): the rows as a ledger, through the core's commands, every fact carrying its
//!   file and row and the facts the row does not know.
//!
//! Every bad cell is reported with its file, row and column; nothing is guessed: a blank
//! cell stays unknown.

pub mod build;
pub mod grid;
pub mod header;
pub mod row;
pub mod value;

use std::path::Path;

use jianyi_core::Profile;

pub use build::{build, Imported};
pub use grid::{Cell, Grid};
pub use header::{Field, Header, Mapping};
pub use row::Row;

/// 导入错误 (an import error), naming the file and, for a cell, its row and column.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read as a spreadsheet (`import.read`).
    #[error("{file}: {reason}")]
    Read {
        /// The file.
        file: String,
        /// Why.
        reason: String,
    },
    /// The mapping file is not `{"header name": "field"}` (`import.mapping`).
    #[error("{file} line {line} column {column}: {reason}")]
    Mapping {
        /// The mapping file.
        file: String,
        /// Line (1-based).
        line: usize,
        /// Column (1-based).
        column: usize,
        /// Why.
        reason: String,
    },
    /// No row of the first dozen names the title and lead columns (`import.no_header`).
    #[error("{file}: no header row found (looked for {looked_for})")]
    NoHeader {
        /// The file.
        file: String,
        /// The names looked for.
        looked_for: String,
    },
    /// A cell could not be read (`import.bad_cell`).
    #[error("{file} row {row} column {column}: {reason}")]
    BadCell {
        /// The file.
        file: String,
        /// The row number, as Excel shows it.
        row: u64,
        /// The column's letters and header (`J（办理结果）`).
        column: String,
        /// Why.
        reason: String,
    },
    /// The core refused a row's facts (`import.refused`; the core's own code is kept).
    #[error("{file} row {row} column {column}: {reason} [{code}]")]
    Refused {
        /// The file.
        file: String,
        /// The row number, as Excel shows it.
        row: u64,
        /// The column's letters and header.
        column: String,
        /// The core's code (`command.duplicate_item` …), or `import.refused`.
        code: String,
        /// Why.
        reason: String,
    },
}

impl ImportError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Read { .. } => "import.read",
            ImportError::Mapping { .. } => "import.mapping",
            ImportError::NoHeader { .. } => "import.no_header",
            ImportError::BadCell { .. } => "import.bad_cell",
            ImportError::Refused { .. } => "import.refused",
        }
    }
}

/// A 台账 read: the rows that passed and every bad cell of the others.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The file, as given.
    pub file: String,
    /// The sheet (workbooks).
    pub sheet: Option<String>,
    /// The header found.
    pub header: Header,
    /// Rows read, in file order (blank rows left out).
    pub rows: Vec<Row>,
    /// Bad cells (`import.bad_cell`), in file order; their rows are not in `rows`.
    pub bad: Vec<ImportError>,
}

/// Reads the 台账 at `path` (a `.csv`, or `sheet` of a workbook, else its first) under
/// `profile`'s classes, levels and topics, with extra header names from `mapping`.
///
/// # Errors
/// `import.read` and `import.no_header`; bad cells are returned in [`Sheet::bad`].
pub fn read(
    path: &Path,
    sheet: Option<&str>,
    mapping: &Mapping,
    profile: &Profile,
) -> Result<Sheet, ImportError> {
    read_grid(grid::read(path, sheet)?, mapping, profile)
}

/// Reads a grid already in memory (a `DataFrame`'s cells handed over by a binding) as
/// [`read`] reads a file's.
///
/// # Errors
/// `import.no_header`; bad cells are returned in [`Sheet::bad`].
pub fn read_grid(grid: Grid, mapping: &Mapping, profile: &Profile) -> Result<Sheet, ImportError> {
    let header = header::find(&grid, mapping)?;
    let mut rows = Vec::new();
    let mut bad = Vec::new();
    for (n, cells) in grid.rows.iter().filter(|(n, _)| *n > header.row) {
        match row::read_row(*n, cells, &header, profile) {
            Ok(Some(r)) => rows.push(r),
            Ok(None) => {}
            Err(errors) => bad.extend(errors.into_iter().map(|e| ImportError::BadCell {
                file: grid.file.clone(),
                row: *n,
                column: header.column_name(e.column),
                reason: e.reason,
            })),
        }
    }
    Ok(Sheet {
        file: grid.file,
        sheet: grid.sheet,
        header,
        rows,
        bad,
    })
}

//! 表格 (a sheet as a grid of cells): a `.csv` or the first (or a named) sheet of a workbook,
//! each row with its 1-based row number as the office sees it in Excel.

use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader as _};

use crate::ImportError;

/// One cell's value as read.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing (also the cells a merge covers, other than its first).
    Empty,
    /// Text (every CSV cell; text cells of a workbook).
    Text(String),
    /// A number cell of a workbook.
    Number(f64),
    /// A date cell of a workbook, as Excel's serial day number (1900 date system).
    Date(f64),
}

impl Cell {
    /// No value, or only spaces.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            Cell::Number(_) | Cell::Date(_) => false,
        }
    }

    /// The cell as text (numbers without a trailing `.0`).
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_owned(),
            Cell::Number(n) | Cell::Date(n) => number_text(*n),
        }
    }
}

fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{n:.0}")
    } else {
        n.to_string()
    }
}

/// A sheet: rows of cells, each with its 1-based row number.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// The file, as given.
    pub file: String,
    /// The sheet's name (workbooks only).
    pub sheet: Option<String>,
    /// `(row number, cells)`, in order.
    pub rows: Vec<(u64, Vec<Cell>)>,
}

/// Reads `path`: `.csv` (UTF-8, with or without a byte-order mark, UTF-16 with one, or
/// GB18030) or a workbook (`.xlsx`, `.xlsm`, `.xls`, `.ods`; `sheet` by name, else the
/// first).
///
/// # Errors
/// `import.read`, naming the file (and the sheet).
pub fn read(path: &Path, sheet: Option<&str>) -> Result<Grid, ImportError> {
    let file = path.display().to_string();
    let fail = |reason: String| ImportError::Read {
        file: file.clone(),
        reason,
    };
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if ext == "csv" || ext == "txt" {
        let bytes = std::fs::read(path).map_err(|e| fail(format!("cannot read: {e}")))?;
        return Ok(Grid {
            rows: csv_rows(&decode(&bytes).map_err(fail)?).map_err(fail)?,
            file: file.clone(),
            sheet: None,
        });
    }
    let mut book = open_workbook_auto(path).map_err(|e| fail(e.to_string()))?;
    let names = book.sheet_names();
    let (name, range) = match sheet {
        Some(name) => (
            name.to_owned(),
            book.worksheet_range(name).map_err(|e| {
                fail(format!(
                    "sheet `{name}`: {e} (sheets: {})",
                    names.join(", ")
                ))
            })?,
        ),
        None => (
            names.first().cloned().unwrap_or_default(),
            book.worksheet_range_at(0)
                .ok_or_else(|| fail("the workbook has no sheet".to_owned()))?
                .map_err(|e| fail(e.to_string()))?,
        ),
    };
    // The range starts at its first non-empty cell: keep Excel's own row numbers and
    // column positions.
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    let pad = usize::try_from(first_column).unwrap_or(0);
    let rows = range
        .rows()
        .zip(u64::from(first_row).saturating_add(1)..)
        .map(|(cells, n)| {
            let mut out = vec![Cell::Empty; pad];
            out.extend(cells.iter().map(cell));
            (n, out)
        })
        .collect();
    Ok(Grid {
        file,
        sheet: Some(name),
        rows,
    })
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Text(i.to_string()),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(d) if d.is_datetime() => Cell::Date(d.as_f64()),
        Data::DateTime(d) => Cell::Number(d.as_f64()),
    }
}

/// A text file's bytes as text: a byte-order mark decides, else UTF-8, else GB18030.
fn decode(bytes: &[u8]) -> Result<String, String> {
    let (encoding, body) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, bom)) => (encoding, bytes.get(bom..).unwrap_or_default()),
        None if std::str::from_utf8(bytes).is_ok() => (encoding_rs::UTF_8, bytes),
        None => (encoding_rs::GB18030, bytes),
    };
    let (text, errors) = encoding.decode_without_bom_handling(body);
    if errors {
        return Err("not text in UTF-8, UTF-16 or GB18030".to_owned());
    }
    Ok(text.into_owned())
}

/// CSV records with the line each starts on (as a text editor numbers it; the same as
/// Excel's row unless a quoted cell holds a line break).
fn csv_rows(text: &str) -> Result<Vec<(u64, Vec<Cell>)>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let bytes = text.as_bytes();
    let (mut counted_to, mut line) = (0usize, 1u64);
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        // The reader's position is where it began reading: before any blank lines it
        // skipped. The record starts after them.
        let mut start = record
            .position()
            .and_then(|p| usize::try_from(p.byte()).ok())
            .unwrap_or(counted_to);
        while matches!(bytes.get(start), Some(b'\n' | b'\r')) {
            start = start.saturating_add(1);
        }
        let newlines = text
            .get(counted_to..start)
            .map_or(0, |skipped| skipped.matches('\n').count());
        line = line.saturating_add(u64::try_from(newlines).unwrap_or(0));
        counted_to = start.max(counted_to);
        rows.push((
            line,
            record.iter().map(|s| Cell::Text(s.to_owned())).collect(),
        ));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]
    use super::*;

    #[test]
    fn csv_rows_keep_their_line_numbers_and_quoted_newlines() {
        let rows = csv_rows("编号,标题\n1,\"关于\n建议\"\n\n2,b\n").unwrap();
        let lines: Vec<u64> = rows.iter().map(|(n, _)| *n).collect();
        assert_eq!(lines, vec![1, 2, 5]);
        assert_eq!(rows[1].1[1], Cell::Text("关于\n建议".into()));
    }

    #[test]
    fn gb18030_csv_is_decoded() {
        let (gb, _, _) =
            encoding_rs::GB18030.encode("编号,标题,领衔代表\n1,关于加快建设的建议,张三\n");
        let text = decode(&gb).unwrap();
        assert!(text.starts_with("编号,标题"));
    }

    #[test]
    fn numbers_print_without_a_decimal_point() {
        assert_eq!(Cell::Number(12.0).text(), "12");
        assert_eq!(Cell::Number(1.5).text(), "1.5");
        assert!(Cell::Text("  ".into()).is_blank());
    }
}

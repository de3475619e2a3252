//! `Ledger.import_table`: an office's 台账 (a `.xlsx` / `.csv` file, or a pandas / polars
//! `DataFrame`, or rows of plain values) as a ledger. Thin: the reading and the building are
//! `jianyi_import`'s, shared with `jianyi import`; a `DataFrame` is turned into rows of plain
//! cell values on the Python side (`jianyi._frames.frame_rows`) and read like a CSV's.

use std::path::PathBuf;

use jianyi_core::{Calendar, Ledger, Profile};
use jianyi_import::{Cell, Grid, ImportError, Mapping};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDate, PyDict, PyFloat, PyInt, PyList, PyString};

/// One cell of a row handed over from Python.
fn cell(value: &Bound<'_, PyAny>) -> PyResult<Cell> {
    if value.is_none() {
        return Ok(Cell::Empty);
    }
    if value.cast::<PyBool>().is_ok() {
        return Ok(Cell::Text(value.str()?.to_cow()?.into_owned()));
    }
    if value.cast::<PyInt>().is_ok() {
        return Ok(Cell::Text(value.str()?.to_cow()?.into_owned()));
    }
    if let Ok(f) = value.cast::<PyFloat>() {
        let f = f.value();
        return Ok(if f.is_nan() {
            Cell::Empty
        } else {
            Cell::Number(f)
        });
    }
    if value.cast::<PyDate>().is_ok() {
        // A date (or a datetime: its day) as ISO text, which the reader parses like a CSV's.
        let iso = value.call_method0("isoformat")?;
        let text = iso.str()?.to_cow()?.into_owned();
        let day = text.split('T').next().unwrap_or_default().to_owned();
        return Ok(Cell::Text(day));
    }
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(Cell::Text(s.to_cow()?.into_owned()));
    }
    Ok(Cell::Text(value.str()?.to_cow()?.into_owned()))
}

/// Rows of plain values (the header first) as a grid numbered as Excel would.
fn grid_of_rows(rows: &Bound<'_, PyAny>, name: &str) -> PyResult<Grid> {
    let mut out = Vec::new();
    for (n, row) in rows.try_iter()?.enumerate() {
        let cells = row?
            .try_iter()?
            .map(|c| cell(&c?))
            .collect::<PyResult<Vec<Cell>>>()?;
        out.push((
            u64::try_from(n).unwrap_or(u64::MAX).saturating_add(1),
            cells,
        ));
    }
    Ok(Grid {
        file: name.to_owned(),
        sheet: None,
        rows: out,
    })
}

/// The errors as one `InputError` (code of the first; one line per bad row).
fn to_pyerr(py: Python<'_>, errors: &[ImportError]) -> PyErr {
    let lines: Vec<String> = errors.iter().map(line).collect();
    let details = PyDict::new(py);
    let _ = details.set_item("errors", &lines);
    let code = errors.first().map_or("import.read", ImportError::code);
    crate::errors::raise(py, "InputError", code, &lines.join("\n"), details)
}

/// One line for an error with its code (a refused row already carries the core's).
fn line(e: &ImportError) -> String {
    match e {
        ImportError::Refused { .. } => e.to_string(),
        _ => format!("{e} [{}]", e.code()),
    }
}

/// What the caller named: a path, a `DataFrame`, or rows.
enum Source {
    Path(PathBuf),
    Rows(Grid),
}

fn source(py: Python<'_>, table: &Bound<'_, PyAny>) -> PyResult<Source> {
    if let Ok(path) = table.extract::<PathBuf>() {
        return Ok(Source::Path(path));
    }
    if table.hasattr("columns")? && table.cast::<PyList>().is_err() {
        let rows = py
            .import("jianyi._frames")?
            .call_method1("frame_rows", (table,))?;
        return Ok(Source::Rows(grid_of_rows(&rows, "DataFrame")?));
    }
    Ok(Source::Rows(grid_of_rows(table, "rows")?))
}

fn mapping(py: Python<'_>, given: Option<&Bound<'_, PyAny>>) -> PyResult<Mapping> {
    let Some(given) = given else {
        return Ok(Mapping::new());
    };
    let (name, text) = if let Ok(path) = given.extract::<PathBuf>() {
        let text = std::fs::read_to_string(&path).map_err(|e| {
            pyo3::exceptions::PyOSError::new_err(format!("{}: {e}", path.display()))
        })?;
        (path.display().to_string(), text)
    } else {
        let json = py.import("json")?.call_method1("dumps", (given,))?;
        ("mapping".to_owned(), json.extract::<String>()?)
    };
    jianyi_import::header::mapping(&name, &text).map_err(|e| to_pyerr(py, &[e]))
}

/// Reads and builds; returns the ledger and the skipped rows' lines.
#[expect(
    clippy::too_many_arguments,
    reason = "the Python keyword arguments, each named"
)]
pub(crate) fn import_table(
    py: Python<'_>,
    table: &Bound<'_, PyAny>,
    year: i32,
    profile: &Profile,
    calendar: &Calendar,
    sheet: Option<&str>,
    mapping_given: Option<&Bound<'_, PyAny>>,
    keep_going: bool,
) -> PyResult<(Ledger, Vec<String>)> {
    let mapping = mapping(py, mapping_given)?;
    let read = match source(py, table)? {
        Source::Path(path) => py.detach(|| jianyi_import::read(&path, sheet, &mapping, profile)),
        Source::Rows(grid) => py.detach(|| jianyi_import::read_grid(grid, &mapping, profile)),
    };
    let sheet = read.map_err(|e| to_pyerr(py, &[e]))?;
    let built = py.detach(|| {
        jianyi_import::build(&sheet, profile, calendar, year, keep_going, &mut |_, _| {})
    });
    let imported = built.map_err(|errors| to_pyerr(py, &errors))?;
    let skipped = imported.skipped.iter().map(line).collect();
    Ok((imported.ledger, skipped))
}

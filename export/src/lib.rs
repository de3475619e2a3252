//! 导出 (export): a jianyi ledger's tables as Arrow record batches and Parquet files, for
//! analysts' engines (`DuckDB` on one machine, Spark beyond it, pandas and polars in between).
//!
//! The core stays pure (no I/O): this crate reads its state and queries, builds typed columns
//! ([`table`]), and writes files ([`write_parquet`]). The `jianyi` command line
//! (`jianyi export LEDGER --to parquet DIR`) and the Python binding (`Ledger.to_parquet(dir)`)
//! both call [`write_parquet`]; the Python tables (`items_table` …) are built by [`frames`].
//!
//! Layout of an export directory:
//!
//! | file | one row per | columns |
//! |---|---|---|
//! | `items.parquet` | item (议案 and 建议) | `profile`, then [`frames::items`] |
//! | `events.parquet` | event of the log | `profile`, then [`frames::events`] |
//! | `obligations.parquet` | live obligation, status as of the day | `profile`, `as_of`, then [`frames::obligations`] |
//! | `report/figures.parquet` | figure of the year (总数, 已答复, 满意率 …) | `profile`, `year`, `as_of`, `id`, `count`, `denominator`, `percent` |
//! | `report/<table>.parquet` | row of a report table (`by_topic`, `classes_final` …) | `profile`, `year`, `as_of`, then the table's |
//!
//! `profile` (the locality's rules profile id, e.g. `seed-city`), `year` and `as_of` make the
//! files of many years and localities one dataset: `read_parquet('*/items.parquet')`.
//!
//! Items and events are those the ledger knew at the end of the day (`as_of`, SPEC §10).

pub mod concat;
pub mod frames;
mod parquet_out;
pub mod table;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use jianyi_core::{Ledger, YearFigures};

pub use table::{Column, Table};

/// 导出错误 (an export error); each names the file it was writing.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The file or directory could not be created or written (`export.io`).
    #[error("{}: cannot write: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// The columns did not make a record batch (`export.arrow`).
    #[error("{}: {source}", path.display())]
    Arrow {
        /// The file being written.
        path: PathBuf,
        /// Arrow's reason.
        source: arrow_schema::ArrowError,
    },
    /// The Parquet writer failed (`export.parquet`).
    #[error("{}: {source}", path.display())]
    Parquet {
        /// The file being written.
        path: PathBuf,
        /// The writer's reason.
        source: parquet::errors::ParquetError,
    },
    /// The ledger could not answer (a view as of the day, a due date out of the calendar).
    #[error(transparent)]
    Ledger(#[from] jianyi_core::Error),
}

impl ExportError {
    /// The stable code (`export.io`, `export.arrow`, `export.parquet`, or the core's).
    pub fn code(&self) -> &'static str {
        match self {
            ExportError::Io { .. } => "export.io",
            ExportError::Arrow { .. } => "export.arrow",
            ExportError::Parquet { .. } => "export.parquet",
            ExportError::Ledger(e) => e.code().as_str(),
        }
    }
}

/// A file written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// Its path.
    pub path: PathBuf,
    /// Rows.
    pub rows: usize,
    /// Size in bytes.
    pub bytes: u64,
}

/// A step of an export, for a progress bar: `done` of `total` files, the one just written.
#[derive(Debug, Clone, Copy)]
pub struct Step<'a> {
    /// Files written so far.
    pub done: usize,
    /// Files to write.
    pub total: usize,
    /// The file just written.
    pub file: &'a Written,
}

/// The year's main figures as a long table: one row per count (`suggestions_total`,
/// `replied` …) and per rate (`satisfaction`, `on_time` and the profile's rates, with their
/// denominator and printed percent).
pub fn figures_table(f: &YearFigures) -> Table {
    let mut id = Vec::new();
    let mut count = Vec::new();
    let mut denominator = Vec::new();
    let mut percent = Vec::new();
    let int = |v: u64| i64::try_from(v).ok();
    let counts = [
        ("motions", f.motions),
        (
            "motions_to_standing_committee",
            f.motions_to_standing_committee,
        ),
        ("motions_to_agenda", f.motions_to_agenda),
        ("motions_converted", f.motions_converted),
        ("suggestions_at_session", f.suggestions_at_session),
        ("suggestions_in_recess", f.suggestions_in_recess),
        ("suggestions_total", f.suggestions_total),
        ("withdrawn", f.withdrawn),
        ("rejected", f.rejected),
        ("rolled_over_into_year", f.rolled_over_into_year),
        ("handled_by_systems", f.handled_by_systems),
        ("replied", f.replied),
        ("second_round_items", f.second_round_items),
        ("rated", f.rated),
        ("lapsed", f.lapsed),
        ("replies_late", f.replies_late),
        ("overdue_obligations", f.overdue_obligations),
    ];
    for (name, n) in counts {
        id.push(Some(name.to_owned()));
        count.push(int(n));
        denominator.push(None);
        percent.push(None);
    }
    for rate in [&f.satisfaction_rate, &f.on_time_rate]
        .into_iter()
        .chain(&f.rates)
    {
        // A profile rate may share its id with the built-in satisfaction or on-time rate
        // (the same count over the same items): one row per id.
        if id.iter().flatten().any(|seen| *seen == rate.id) {
            continue;
        }
        id.push(Some(rate.id.clone()));
        count.push(int(rate.count));
        denominator.push(int(rate.share.denominator));
        percent.push(Some(rate.percent.clone()));
    }
    let rows = id.len();
    Table::build(
        rows,
        vec![
            ("id", Column::Str(id)),
            ("count", Column::Int(count)),
            ("denominator", Column::Int(denominator)),
            ("percent", Column::Str(percent)),
        ],
    )
}

/// The work year an export reads by default: the year of the ledger's latest session
/// (`None` for a ledger without sessions).
pub fn default_year(ledger: &Ledger) -> Option<i32> {
    ledger
        .directory()
        .sessions
        .values()
        .map(jianyi_core::Session::year)
        .max()
}

/// A file's tables, built one chunk at a time when its turn to be written comes.
type Job<'a> = Box<dyn FnOnce() -> Chunks<'a> + 'a>;

/// The chunks of one file's table, in row order (all with the same columns).
type Chunks<'a> = Box<dyn Iterator<Item = Result<Table, ExportError>> + 'a>;

/// Rows of the items and events tables built and written at a time by [`write_parquet`]:
/// the export of a national ledger (10 M events) then holds a quarter of a million rows'
/// columns, not ten million (a Parquet row group still holds up to 1 M rows).
pub const ROWS_PER_CHUNK: usize = 1 << 18;

/// Writes the ledger's tables as Parquet files into `dir` (created if missing; files of the
/// same names are replaced): items, events and obligations as of `as_of`, and the figures
/// and every table of work year `year` as of `as_of` (see the crate's layout table).
/// `progress` is called after each file.
///
/// # Errors
/// [`ExportError`], naming the file; files written before the failure stay.
pub fn write_parquet(
    ledger: &Ledger,
    dir: &Path,
    year: i32,
    as_of: NaiveDate,
    progress: &mut dyn FnMut(Step<'_>),
) -> Result<Vec<Written>, ExportError> {
    write_parquet_in_chunks(ledger, dir, year, as_of, ROWS_PER_CHUNK, progress)
}

/// [`write_parquet`], building the items and events tables `rows_per_chunk` rows at a time
/// (at least one). The files are the same whatever the chunk size; a smaller one holds less
/// in memory while writing.
///
/// # Errors
/// As [`write_parquet`].
pub fn write_parquet_in_chunks(
    ledger: &Ledger,
    dir: &Path,
    year: i32,
    as_of: NaiveDate,
    rows_per_chunk: usize,
    progress: &mut dyn FnMut(Step<'_>),
) -> Result<Vec<Written>, ExportError> {
    let view = ledger.as_of(as_of).map_err(jianyi_core::Error::from)?;
    // The events table is the whole log: a ledger reopened from a snapshot is refused.
    view.log("export").map_err(jianyi_core::Error::from)?;
    let figures = view.year_figures(year, as_of)?;
    let year_tables = view.year_tables_on(year, as_of, concat::cores())?;
    let (report, _absent) = frames::report_tables(&year_tables);

    let report_dir = dir.join("report");
    std::fs::create_dir_all(&report_dir).map_err(|source| ExportError::Io {
        path: report_dir.clone(),
        source,
    })?;
    let profile = ledger.profile_ref();
    let metadata = [
        (
            "jianyi.profile",
            format!("{} {} {}", profile.id, profile.version, profile.hash),
        ),
        ("jianyi.as_of", as_of.to_string()),
        ("jianyi.year", year.to_string()),
    ];
    let profile_column = |rows: usize| Column::Class(vec![Some(profile.id.clone()); rows]);
    let as_of_column = |rows: usize| Column::Date(vec![Some(as_of); rows]);
    let year_column = |rows: usize| Column::Int(vec![Some(i64::from(year)); rows]);
    let dated = |t: Table| {
        let rows = t.rows;
        t.with_leading(vec![
            ("profile", profile_column(rows)),
            ("year", year_column(rows)),
            ("as_of", as_of_column(rows)),
        ])
    };

    // Each table is built just before it is written, so that only one is held at a time;
    // the two long ones (items, events) a chunk at a time.
    let view = &*view;
    let step = rows_per_chunk.max(1);
    let chunks = move |rows: usize| {
        // INVARIANT: an empty table still gives one (empty) chunk, so its file has columns.
        (0..rows.max(1))
            .step_by(step)
            .map(move |start| start..start.saturating_add(step).min(rows))
    };
    let one =
        |table: Result<Table, ExportError>| -> Chunks<'_> { Box::new(std::iter::once(table)) };
    let mut jobs: Vec<(PathBuf, Job<'_>)> = vec![
        (
            dir.join("items.parquet"),
            Box::new(move || -> Chunks<'_> {
                Box::new(chunks(view.items().len()).map(move |rows| {
                    let t = frames::items_in(view, rows);
                    let rows = t.rows;
                    Ok(t.with_leading(vec![("profile", profile_column(rows))]))
                }))
            }),
        ),
        (
            dir.join("events.parquet"),
            Box::new(move || -> Chunks<'_> {
                Box::new(chunks(view.events().len()).map(move |rows| {
                    let t = frames::events_in(view, rows);
                    let rows = t.rows;
                    Ok(t.with_leading(vec![("profile", profile_column(rows))]))
                }))
            }),
        ),
        (
            dir.join("obligations.parquet"),
            Box::new(move || {
                one(frames::obligations(view, as_of)
                    .map_err(ExportError::from)
                    .map(|t| {
                        let rows = t.rows;
                        t.with_leading(vec![
                            ("profile", profile_column(rows)),
                            ("as_of", as_of_column(rows)),
                        ])
                    }))
            }),
        ),
        (
            report_dir.join("figures.parquet"),
            Box::new(move || one(Ok(dated(figures_table(&figures))))),
        ),
    ];
    for (id, t) in report {
        jobs.push((
            report_dir.join(format!("{id}.parquet")),
            Box::new(move || one(Ok(dated(t)))),
        ));
    }
    let total = jobs.len();
    let mut written = Vec::with_capacity(total);
    for (path, build) in jobs {
        let (rows, bytes) = parquet_out::write_chunks(&path, build(), &metadata)?;
        written.push(Written { path, rows, bytes });
        if let Some(file) = written.last() {
            progress(Step {
                done: written.len(),
                total,
                file,
            });
        }
    }
    Ok(written)
}

//! `jianyi export LEDGER --to parquet DIR`: the ledger's items, events and obligations as of
//! a day, and the figures and every table of the year's report, as typed Parquet files for
//! `DuckDB`, Spark, pandas or polars (the layout is `jianyi_export`'s).

use std::path::PathBuf;

use clap::ValueEnum;

use crate::progress::Progress;
use crate::{input, output, Failure, Outcome};

/// The format written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum To {
    /// Apache Parquet, one file per table.
    Parquet,
}

/// `jianyi export`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The ledger (JSON Lines).
    ledger: PathBuf,
    /// The format.
    #[arg(long, value_enum)]
    to: To,
    /// The directory to write (created if missing; files of the same names are replaced).
    dir: PathBuf,
    /// Work year of the report tables (default: the year of the ledger's latest session).
    #[arg(long)]
    year: Option<i32>,
    /// As of this day, ISO (default: 31 December of the year): items, events and
    /// obligations are those the ledger knew at the end of it.
    #[arg(long)]
    as_of: Option<String>,
}

pub(crate) fn run(args: &Args) -> Result<Outcome, Failure> {
    let ledger = input::ledger(&args.ledger)?;
    let (year, as_of) =
        input::year_and_day(args.year, args.as_of.as_deref(), &ledger, &args.ledger)?;
    let ledger = input::as_of_view(ledger, as_of, &args.ledger)?;
    match args.to {
        To::Parquet => {
            let mut bar = Progress::new("writing Parquet", 0);
            let written =
                jianyi_export::write_parquet(&ledger, &args.dir, year, as_of, &mut |step| {
                    bar.set_length(u64::try_from(step.total).unwrap_or(0));
                    bar.set(u64::try_from(step.done).unwrap_or(0));
                });
            bar.finish();
            let written = written.map_err(|e| Failure(format!("{e} [{}]", e.code())))?;
            let (mut rows, mut bytes) = (0usize, 0u64);
            for w in &written {
                let shown = w.path.strip_prefix(&args.dir).unwrap_or(&w.path);
                output::line(&format!(
                    "{}\t{} rows\t{} bytes",
                    shown.display(),
                    w.rows,
                    w.bytes
                ));
                rows = rows.saturating_add(w.rows);
                bytes = bytes.saturating_add(w.bytes);
            }
            output::line(&format!(
                "{} files, {rows} rows, {bytes} bytes in {} (year {year}, as of {as_of})",
                written.len(),
                args.dir.display()
            ));
        }
    }
    Ok(Outcome::Clean)
}

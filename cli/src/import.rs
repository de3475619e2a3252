//! `jianyi import FILE.xlsx|.csv --profile … --year …`: an office's 台账 as a ledger, built
//! through the core's commands (`jianyi_import::build`), every fact carrying its file and row
//! and the facts the row does not give. By default nothing is written unless every row
//! passes; `--keep-going` writes the good rows and reports the others.

use std::path::{Path, PathBuf};

use jianyi_core::{Calendar, Profile};
use jianyi_import::{ImportError, Mapping};

use crate::progress::Progress;
use crate::{input, output, Failure, Outcome};

/// `jianyi import`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The 台账: `.xlsx` (or `.xls`, `.ods`) or `.csv`.
    file: PathBuf,
    /// The rules profile (a bundled preset: seed-city, …).
    #[arg(long)]
    profile: String,
    /// The work year the rows belong to.
    #[arg(long)]
    year: i32,
    /// The sheet of a workbook (default: the first).
    #[arg(long)]
    sheet: Option<String>,
    /// A JSON file naming other headers: `{"建议人": "lead", …}`.
    #[arg(long)]
    mapping: Option<PathBuf>,
    /// Write the ledger here (default: standard output).
    #[arg(short = 'o', long = "output", value_name = "LEDGER.jsonl")]
    output: Option<PathBuf>,
    /// Write the good rows and report the bad ones (exit code 1 when any is left out),
    /// instead of writing nothing.
    #[arg(long)]
    keep_going: bool,
}

/// One line for an import error with its code (a refused row already carries the core's).
fn line(e: &ImportError) -> String {
    match e {
        ImportError::Refused { .. } => e.to_string(),
        _ => format!("{e} [{}]", e.code()),
    }
}

fn fail(e: &ImportError) -> Failure {
    Failure(line(e))
}

/// The report of skipped rows beside the ledger: `LEDGER.jsonl` → `LEDGER.skipped.txt`.
fn skipped_path(out: &Path) -> PathBuf {
    out.with_extension("skipped.txt")
}

pub(crate) fn run(args: &Args) -> Result<Outcome, Failure> {
    let profile = Profile::preset(&args.profile).map_err(|e| {
        Failure(format!(
            "--profile: `{}`: {e} (presets: {})",
            args.profile,
            jianyi_core::profile::PRESET_NAMES.join(", ")
        ))
    })?;
    let mapping = match &args.mapping {
        Some(path) => {
            jianyi_import::header::mapping(&path.display().to_string(), &input::read(path)?)
                .map_err(|e| fail(&e))?
        }
        None => Mapping::new(),
    };
    let sheet = jianyi_import::read(&args.file, args.sheet.as_deref(), &mapping, &profile)
        .map_err(|e| fail(&e))?;
    let mut bar = Progress::new("importing", u64::try_from(sheet.rows.len()).unwrap_or(0));
    let built = jianyi_import::build(
        &sheet,
        &profile,
        &Calendar::china(),
        args.year,
        args.keep_going,
        &mut |done, _| bar.set(u64::try_from(done).unwrap_or(0)),
    );
    bar.finish();
    let imported = match built {
        Ok(i) => i,
        Err(errors) => {
            // Every bad row, one line each; the last is returned as the failure.
            let (last, others) = errors
                .split_last()
                .ok_or_else(|| Failure(format!("{}: nothing imported", args.file.display())))?;
            for e in others {
                output::error(&line(e));
            }
            return Err(Failure(format!(
                "{} ({} bad row(s); nothing written)",
                line(last),
                errors.len()
            )));
        }
    };
    let text = imported
        .ledger
        .to_jsonl()
        .map_err(|e| Failure(format!("{e} [{}]", e.code())))?;
    match &args.output {
        Some(out) => {
            std::fs::write(out, &text)
                .map_err(|e| Failure(format!("{}: cannot write: {e}", out.display())))?;
            if !imported.skipped.is_empty() {
                let mut report = String::new();
                for e in &imported.skipped {
                    report.push_str(&line(e));
                    report.push('\n');
                }
                let at = skipped_path(out);
                std::fs::write(&at, report)
                    .map_err(|e| Failure(format!("{}: cannot write: {e}", at.display())))?;
            }
        }
        None => output::text(&text),
    }
    for e in &imported.skipped {
        output::error(&format!("skipped: {}", line(e)));
    }
    let figures = imported
        .ledger
        .year_figures(
            args.year,
            chrono::NaiveDate::from_ymd_opt(args.year, 12, 31).unwrap_or_default(),
        )
        .map_err(|e| Failure(format!("{e} [{}]", e.code())))?;
    let unknown: Vec<String> = figures
        .unknown
        .iter()
        .map(|u| format!("{} ({} items)", u.fact.as_str(), u.items))
        .collect();
    output::error(&format!(
        "imported {} row(s) of {} into {} ({} events){}; not in the sheet, reported unknown: {}",
        imported.rows,
        args.file.display(),
        args.output
            .as_ref()
            .map_or_else(|| "standard output".to_owned(), |p| p.display().to_string()),
        imported.ledger.events().len(),
        if imported.skipped.is_empty() {
            String::new()
        } else {
            format!(", {} row(s) skipped", imported.skipped.len())
        },
        unknown.join(", ")
    ));
    if imported.skipped.is_empty() {
        Ok(Outcome::Clean)
    } else {
        Ok(Outcome::Findings)
    }
}

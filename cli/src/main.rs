//! `jianyi`: the secretariat's command line (issue 18). The people who write the annual
//! summary work in a deputies' affairs office, not in Rust or Python: this binary gives them
//! the summary and tables of a ledger, the chain check, worklists, the report audit, routing
//! and working-day arithmetic, the import of an office's spreadsheet and the Parquet export. Every rule is the core's; this crate reads files, parses
//! arguments and prints.
//!
//! Exit codes: 0 ok; 1 findings (a broken chain, wrong figures in a report, overdue duties
//! with `--fail-on-overdue`); 2 bad input, with one line naming the file, line or argument.

mod audit;
mod calendar;
mod document;
mod export;
mod import;
mod input;
mod output;
mod progress;
mod report;
mod route;
mod verify;
mod worklist;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// 建议办理: the rules core of deputies' motions and suggestions, for the secretariat.
#[derive(Debug, Parser)]
#[command(name = "jianyi", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// The annual summary (年度办理工作总结) and tables of a work year.
    Report(report::Args),
    /// Checks a ledger's chain and replays it; names the first bad line.
    Verify(verify::Args),
    /// Overdue and due-soon duties of a unit, deputy, committee or the office.
    Worklist(worklist::Args),
    /// Checks every share printed in a report's text; names each wrong figure.
    Audit(audit::Args),
    /// Routes a suggestion (or a CSV of them) to its handling units, with reasons.
    Route(route::Args),
    /// Working days and Civil Code deadlines, explained.
    Calendar(calendar::Args),
    /// Imports an office's 台账 (.xlsx or .csv) as a ledger; nothing is written unless every
    /// row passes (or `--keep-going`).
    Import(import::Args),
    /// Writes the ledger's tables (items, events, obligations, report tables) as Parquet.
    Export(export::Args),
}

/// How a command that ran ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Nothing to report.
    Clean,
    /// Something to act on (exit code 1).
    Findings,
}

/// Bad input: one line naming the file, line or argument (exit code 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Failure(pub(crate) String);

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Report(args) => report::run(&args),
        Command::Verify(args) => verify::run(&args),
        Command::Worklist(args) => worklist::run(&args),
        Command::Audit(args) => audit::run(&args),
        Command::Route(args) => route::run(&args),
        Command::Calendar(args) => calendar::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Import(args) => import::run(&args),
    };
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(Failure(message)) => {
            output::error(&message);
            ExitCode::from(2)
        }
    }
}

//! `jianyi calendar`: working-day arithmetic on the official calendar (调休 weekends
//! counted, holidays skipped) and Civil Code deadlines, each with its explanation.

use clap::{Subcommand, ValueEnum};
use jianyi_core::{Calendar, Window, WindowUnit};

use crate::{input, output, Failure, Outcome};

/// `jianyi calendar`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Debug, Subcommand)]
enum What {
    /// The N-th working day after DATE (DATE itself not counted).
    Add {
        /// Start, ISO.
        date: String,
        /// Working days.
        n: u32,
    },
    /// Working days in (START, END].
    Between {
        /// Start, ISO.
        start: String,
        /// End, ISO.
        end: String,
    },
    /// The due date of a window from ANCHOR, explained (Civil Code Arts 201–203).
    Due {
        /// Anchor (起算日), ISO.
        anchor: String,
        /// Amount of units.
        amount: u32,
        /// Unit.
        #[arg(long, value_enum, default_value = "working-days")]
        unit: UnitArg,
        /// Keep an end on a rest day where it falls (no Art 203 roll forward).
        #[arg(long)]
        no_roll: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum UnitArg {
    /// 工作日.
    WorkingDays,
    /// 自然日.
    CalendarDays,
    /// 月 (Civil Code months).
    Months,
}

#[expect(
    clippy::needless_pass_by_value,
    reason = "used as map_err(calendar_failure)"
)]
fn calendar_failure(e: jianyi_core::CalendarError) -> Failure {
    Failure(format!("{e} [{}]", e.code()))
}

pub(crate) fn run(args: &Args) -> Result<Outcome, Failure> {
    let cal = Calendar::china();
    match &args.what {
        What::Add { date, n } => {
            let start = input::date("DATE", date)?;
            let due = cal.add_working_days(start, *n).map_err(calendar_failure)?;
            output::line(&format!(
                "{due}\t({n} working days after {start}, {})",
                cal.version()
            ));
        }
        What::Between { start, end } => {
            let a = input::date("START", start)?;
            let b = input::date("END", end)?;
            let n = cal.working_days_between(a, b).map_err(calendar_failure)?;
            output::line(&format!(
                "{n}\t(working days in ({a}, {b}], {})",
                cal.version()
            ));
        }
        What::Due {
            anchor,
            amount,
            unit,
            no_roll,
        } => {
            let a = input::date("ANCHOR", anchor)?;
            let unit = match unit {
                UnitArg::WorkingDays => WindowUnit::WorkingDays,
                UnitArg::CalendarDays => WindowUnit::CalendarDays,
                UnitArg::Months => WindowUnit::Months,
            };
            let window = Window {
                amount: *amount,
                unit,
            };
            let d = cal
                .due_date(a, window, !no_roll)
                .map_err(calendar_failure)?;
            output::line(&d.due.to_string());
            output::line(&d.explain_zh());
            output::line(&d.explain_en());
        }
    }
    Ok(Outcome::Clean)
}

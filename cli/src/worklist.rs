//! `jianyi worklist LEDGER --unit|--deputy|--committee|--office`: overdue and due-soon duties
//! as of a day, with the working days left.

use std::path::PathBuf;

use jianyi_core::{Obligation, ObligationStatus};

use crate::{input, output, Failure, Outcome};

/// `jianyi worklist`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("whose").required(true).args(["unit", "deputy", "committee", "office"])))]
pub(crate) struct Args {
    /// The ledger (JSON Lines).
    ledger: PathBuf,
    /// A snapshot of the ledger (`jianyi verify --write-snapshot`): its state is read instead
    /// of every line before its head. Refused (another ledger, version or profile; damaged):
    /// named on standard error, and the ledger is read in full.
    #[arg(long, value_name = "FILE")]
    snapshot: Option<PathBuf>,
    /// A handling unit's id.
    #[arg(long)]
    unit: Option<String>,
    /// A deputy's id (the ratings owed, and every open duty on items the deputy signed).
    #[arg(long)]
    deputy: Option<String>,
    /// A committee's id (the units it liaises with).
    #[arg(long)]
    committee: Option<String>,
    /// The deputy-affairs office (assignment, reassignment).
    #[arg(long)]
    office: bool,
    /// As of this day, ISO (default: the ledger's latest event).
    #[arg(long)]
    as_of: Option<String>,
    /// Exit with 1 when a duty is overdue.
    #[arg(long)]
    fail_on_overdue: bool,
}

fn id<T: std::str::FromStr>(what: &str, text: &str) -> Result<T, Failure>
where
    T::Err: std::fmt::Display,
{
    text.parse()
        .map_err(|e| Failure(format!("{what}: `{text}`: {e}")))
}

pub(crate) fn run(args: &Args) -> Result<Outcome, Failure> {
    let ledger = input::ledger_or_snapshot(&args.ledger, args.snapshot.as_deref())?;
    let as_of = input::as_of(args.as_of.as_deref(), &ledger)?;
    let ledger = input::as_of_view(ledger, as_of, &args.ledger)?;
    let fail =
        |e: jianyi_core::Error| Failure(format!("{}: {e} [{}]", args.ledger.display(), e.code()));
    let list: Vec<Obligation> = if let Some(u) = &args.unit {
        ledger
            .open_obligations_of_unit(&id("--unit", u)?, as_of)
            .map_err(fail)?
    } else if let Some(d) = &args.deputy {
        ledger
            .open_obligations_of_deputy(&id("--deputy", d)?, as_of)
            .map_err(fail)?
    } else if let Some(c) = &args.committee {
        ledger
            .open_obligations_of_committee(&id("--committee", c)?, as_of)
            .map_err(fail)?
    } else {
        ledger.open_obligations_of_office(as_of).map_err(fail)?
    };
    let mut shown: Vec<&Obligation> = list
        .iter()
        .filter(|o| {
            matches!(
                o.status,
                ObligationStatus::Overdue | ObligationStatus::DueSoon
            )
        })
        .collect();
    // Most urgent first: fewest working days left, then item.
    shown.sort_by(|a, b| {
        a.working_days_left
            .cmp(&b.working_days_left)
            .then_with(|| a.item.cmp(&b.item))
    });
    let overdue = shown
        .iter()
        .filter(|o| o.status == ObligationStatus::Overdue)
        .count();
    output::line(&format!(
        "as of {as_of}: {overdue} overdue, {} due soon ({} open in all)",
        shown.len().saturating_sub(overdue),
        list.len()
    ));
    // Imported items with stand-in dates have no known deadline and are on no worklist:
    // say so rather than let the count read as complete.
    let unknown = ledger
        .items()
        .values()
        .filter(|it| it.unknown.contains(jianyi_core::Unknown::Date))
        .count();
    if unknown > 0 {
        output::line(&format!(
            "({unknown} imported item(s) left out: their dates, and so their deadlines, are not known)"
        ));
    }
    for o in shown {
        let status = match o.status {
            ObligationStatus::Overdue => "逾期 overdue",
            _ => "将到期 due soon",
        };
        output::line(&format!(
            "{}\t{}\t{}\tdue {}\t{} working days left",
            o.item, o.label_zh, status, o.due.deadline.due, o.working_days_left
        ));
    }
    Ok(if args.fail_on_overdue && overdue > 0 {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

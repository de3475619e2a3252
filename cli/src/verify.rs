//! `jianyi verify LEDGER`: checks the chain (each line's `prev` is the SHA-256 of the line
//! before) and replays every event; names the first bad line.

use std::path::PathBuf;

use jianyi_core::{Calendar, Ledger, ProfileCheck};

use crate::{input, output, Failure, Outcome};

/// `jianyi verify`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The ledger (JSON Lines).
    ledger: PathBuf,
    /// Once the ledger verifies, write its snapshot here: `report --snapshot` and
    /// `worklist --snapshot` then read only the lines appended after it.
    #[arg(long, value_name = "FILE")]
    write_snapshot: Option<PathBuf>,
}

pub(crate) fn run(args: &Args) -> Result<Outcome, Failure> {
    let path = &args.ledger;
    let text = input::read(path)?;
    let report = jianyi_core::chain::verify(&text)
        .map_err(|e| Failure(format!("{}: {e} [{}]", path.display(), e.code())))?;
    if let Some(b) = &report.broken {
        output::line(&format!(
            "{} line {}: the chain is broken: its link is `{}`, the line before hashes to `{}` [ledger.chain_broken]",
            path.display(),
            b.line,
            b.found,
            b.expected
        ));
        return Ok(Outcome::Findings);
    }
    let profile = input::profile_of(path, &text)?;
    // The state only: the file holds the events, and a snapshot needs none of them (at a
    // million suggestions the log would be most of the memory the check takes).
    let (ledger, error) = Ledger::replay_jsonl_state_only(
        &text,
        profile,
        &Calendar::china(),
        ProfileCheck::Same,
        crate::input::every_core(),
    )
    .map_err(|e| Failure(format!("{}: {e} [{}]", path.display(), e.code())))?;
    drop(text);
    if let Some(e) = error {
        output::line(&format!(
            "{}: {e} [{}] ({} events before it replay)",
            path.display(),
            e.code(),
            ledger.event_count()
        ));
        return Ok(Outcome::Findings);
    }
    output::line(&format!(
        "{}: {} lines, the chain holds (head {}); {} events replay into {} items",
        path.display(),
        report.lines,
        report.head.as_deref().unwrap_or("-"),
        ledger.event_count(),
        ledger.items().len()
    ));
    if let Some(out) = &args.write_snapshot {
        input::write_snapshot(&ledger, out)?;
        output::line(&format!(
            "{}: snapshot of {} events written",
            out.display(),
            ledger.event_count()
        ));
    }
    Ok(Outcome::Clean)
}

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
    let (ledger, error) =
        Ledger::replay_jsonl(&text, profile, &Calendar::china(), ProfileCheck::Same)
            .map_err(|e| Failure(format!("{}: {e} [{}]", path.display(), e.code())))?;
    if let Some(e) = error {
        output::line(&format!(
            "{}: {e} [{}] ({} events before it replay)",
            path.display(),
            e.code(),
            ledger.events().len()
        ));
        return Ok(Outcome::Findings);
    }
    output::line(&format!(
        "{}: {} lines, the chain holds (head {}); {} events replay into {} items",
        path.display(),
        report.lines,
        report.head.as_deref().unwrap_or("-"),
        ledger.events().len(),
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

//! Reading what the user names: files, ledgers, dates. Every failure is one line that names
//! the file and, for a ledger, the line and the stable error code.

use std::path::Path;

use chrono::NaiveDate;
use jianyi_core::{Calendar, Ledger, Profile, ProfileCheck};

use crate::progress::Progress;
use crate::Failure;

/// The text of `path`.
pub(crate) fn read(path: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(path)
        .map_err(|e| Failure(format!("{}: cannot read: {e}", path.display())))
}

/// The profile a ledger text was decided under: the bundled preset its header names.
pub(crate) fn profile_of(path: &Path, text: &str) -> Result<Profile, Failure> {
    jianyi_core::wire::bundled_profile(text).ok_or_else(|| {
        Failure(format!(
            "{} line 1: not a jianyi ledger of a bundled profile (the header names none of {})",
            path.display(),
            jianyi_core::profile::PRESET_NAMES.join(", ")
        ))
    })
}

/// The ledger in `path`, replayed under the profile its header names (with a progress bar
/// on a terminal when the replay takes over a second).
pub(crate) fn ledger(path: &Path) -> Result<Ledger, Failure> {
    let text = read(path)?;
    let profile = profile_of(path, &text)?;
    let lines = text.bytes().filter(|b| *b == b'\n').count();
    let mut bar = Progress::new("replaying the ledger", u64::try_from(lines).unwrap_or(0));
    let ledger = Ledger::from_jsonl_observed(
        &text,
        profile,
        &Calendar::china(),
        ProfileCheck::Same,
        // The lines are read on every core the process may use; the result is the same.
        every_core(),
        &mut |line| bar.set(u64::try_from(line).unwrap_or(0)),
    );
    bar.finish();
    ledger.map_err(|e| fail(path, &e))
}

/// Every core the process may use: reading a file, the summary and the tables share their
/// work among them, the same whatever the number.
pub(crate) fn every_core() -> std::num::NonZeroUsize {
    std::thread::available_parallelism().unwrap_or(std::num::NonZeroUsize::MIN)
}

/// The ledger in `path`, reopened from the snapshot in `snapshot` when one is given
/// ([`Ledger::reopen`]: the snapshot's state, then only the lines after its head). Only the
/// end of the file is read first (the lines appended since a snapshot are few); when the
/// head is not in it, the snapshot is refused, or a line after the head is bad, the whole
/// file is read, so that a refusal is named on standard error with its code and an error
/// names its line in the file.
pub(crate) fn ledger_or_snapshot(path: &Path, snapshot: Option<&Path>) -> Result<Ledger, Failure> {
    let Some(snapshot_path) = snapshot else {
        return ledger(path);
    };
    let snapshot = std::fs::read(snapshot_path)
        .map_err(|e| Failure(format!("{}: cannot read: {e}", snapshot_path.display())))?;
    let threads = every_core();
    if let Some(profile) = jianyi_core::snapshot::bundled_profile(&snapshot) {
        let from_end = jianyi_files::reopen_from_end(
            path,
            &snapshot,
            &profile,
            &Calendar::china(),
            threads,
            jianyi_files::first_window(),
        )
        .map_err(|e| Failure(format!("{}: cannot read: {e}", path.display())))?;
        if let Some(ledger) = from_end {
            return Ok(ledger);
        }
    }
    let text = read(path)?;
    let profile = profile_of(path, &text)?;
    let (ledger, refused) = Ledger::reopen(&text, &snapshot, profile, &Calendar::china(), threads)
        .map_err(|e| fail(path, &e))?;
    if let Some(e) = refused {
        crate::output::error(&format!(
            "{}: {e} [{}]; the ledger was read in full",
            snapshot_path.display(),
            e.code()
        ));
    }
    Ok(ledger)
}

/// Writes `ledger`'s snapshot to `path` (what `--snapshot` reads).
pub(crate) fn write_snapshot(ledger: &Ledger, path: &Path) -> Result<(), Failure> {
    std::fs::write(path, ledger.snapshot())
        .map_err(|e| Failure(format!("{}: cannot write: {e}", path.display())))
}

/// The ledger as it stood at the end of `as_of` ([`Ledger::into_as_of`]): built from the
/// loaded ledger's own events once, so that the report's or the export's queries as of that
/// day all read it without another replay, and a national ledger needs the memory of one
/// ledger rather than two. A ledger reopened from a snapshot holds no event before it: when
/// an event is dated after `as_of`, the ledger is read in full for the view.
pub(crate) fn as_of_view(ledger: Ledger, as_of: NaiveDate, path: &Path) -> Result<Ledger, Failure> {
    let ledger = if !ledger.holds_log() && ledger.latest_date().is_some_and(|d| d > as_of) {
        crate::output::error(&format!(
            "{}: events are dated after {as_of}; the ledger is read in full for the view as of that day",
            path.display()
        ));
        self::ledger(path)?
    } else {
        ledger
    };
    ledger
        .into_as_of(as_of)
        .map_err(|e| fail(path, &jianyi_core::Error::from(e)))
}

/// A failure reading the ledger in `path`: its message and stable code.
fn fail(path: &Path, e: &jianyi_core::Error) -> Failure {
    Failure(format!("{}: {e} [{}]", path.display(), e.code()))
}

/// An ISO date given for `what`.
pub(crate) fn date(what: &str, text: &str) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| Failure(format!("{what}: `{text}` is not a date YYYY-MM-DD ({e})")))
}

/// The day to look from: `--as-of` when given, else the ledger's latest event (an empty
/// ledger owes nothing on any day: 1 January 2000 is shown).
pub(crate) fn as_of(given: Option<&str>, ledger: &Ledger) -> Result<NaiveDate, Failure> {
    match given {
        Some(text) => date("--as-of", text),
        None => Ok(ledger
            .latest_date()
            .unwrap_or_else(|| NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default())),
    }
}

/// The work year (`--year`, else the year of the ledger's latest session) and the day to
/// look from (`--as-of`, else 31 December of that year).
pub(crate) fn year_and_day(
    year: Option<i32>,
    as_of: Option<&str>,
    ledger: &Ledger,
    path: &Path,
) -> Result<(i32, NaiveDate), Failure> {
    let year = match year {
        Some(y) => y,
        None => jianyi_export::default_year(ledger).ok_or_else(|| {
            Failure(format!(
                "{}: the ledger has no session; give --year",
                path.display()
            ))
        })?,
    };
    let as_of = match as_of {
        Some(text) => date("--as-of", text)?,
        None => NaiveDate::from_ymd_opt(year, 12, 31)
            .ok_or_else(|| Failure(format!("--year: {year} is out of range")))?,
    };
    Ok((year, as_of))
}

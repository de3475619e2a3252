//! Reading what the user names: files, ledgers, dates. Every failure is one line that names
//! the file and, for a ledger, the line and the stable error code.

use std::path::Path;

use chrono::NaiveDate;
use jianyi_core::{Calendar, Ledger, Profile, ProfileCheck};

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

/// The ledger in `path`, replayed under the profile its header names.
pub(crate) fn ledger(path: &Path) -> Result<Ledger, Failure> {
    let text = read(path)?;
    let profile = profile_of(path, &text)?;
    Ledger::from_jsonl(&text, profile, &Calendar::china(), ProfileCheck::Same)
        .map_err(|e| Failure(format!("{}: {e} [{}]", path.display(), e.code())))
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

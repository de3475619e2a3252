//! Ledgers rebuilt from events, for hosts: a replay that keeps everything before the first
//! bad line, what-if replays under another profile (all builds), and the core's seeded
//! sample city-year (feature `server`). Python's `Ledger.replay_jsonl`, `from_jsonl(...,
//! what_if=True)`, `under` and `generate` give the same ledgers.

use std::sync::Arc;

use jianyi_core::{Profile, ProfileCheck};

use crate::calendar::national;
use crate::errors::JianyiError;
use crate::Ledger;

/// Why a ledger line did not apply: the same code, message and details a raised
/// `JianyiError.Ledger` carries.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LineErrorRecord {
    /// Stable dotted code (`ledger.parse`, `ledger.chain_broken`, `ledger.inconsistent` …).
    pub code: String,
    /// One line naming the line number.
    pub detail: String,
    /// Structured details (a JSON object with `line`).
    pub details_json: String,
}

/// A replay that stopped at a bad line: the ledger holds every event before it.
#[derive(Debug, uniffi::Record)]
pub struct ReplayOutcome {
    /// The ledger of the lines that applied (usable: query it, execute on it).
    pub ledger: Arc<Ledger>,
    /// The first bad line's error; `None` when every line applied.
    pub error: Option<LineErrorRecord>,
}

fn line_error(e: jianyi_core::LedgerError) -> LineErrorRecord {
    let e = jianyi_core::Error::from(e);
    LineErrorRecord {
        code: e.code().as_str().to_owned(),
        detail: e.to_string(),
        details_json: e.details_json(),
    }
}

/// The profile a replay is checked against: the named preset, else the bundled preset the
/// ledger's header names (else the default preset, which the header check then refuses by
/// name unless `what_if`).
fn profile_named(text: &str, preset: Option<String>) -> Result<Profile, JianyiError> {
    match preset {
        Some(name) => Ok(Profile::preset(&name)?),
        None => Ok(jianyi_core::wire::bundled_profile(text).unwrap_or_default()),
    }
}

fn check(what_if: bool) -> ProfileCheck {
    if what_if {
        ProfileCheck::WhatIf
    } else {
        ProfileCheck::Same
    }
}

/// Reads a ledger file like `Ledger.fromJsonl`, but keeps everything before the first bad
/// line and returns that line's error instead of raising it (for a host repairing a file).
/// `preset` `None` takes the bundled preset the header names. `what_if` replays the recorded
/// facts under another profile than the one they were decided under. Header and profile
/// errors are still raised.
#[uniffi::export(default(preset = None, calendar_json = None, what_if = false))]
pub fn replay_ledger_jsonl(
    text: String,
    preset: Option<String>,
    calendar_json: Option<String>,
    what_if: bool,
) -> Result<ReplayOutcome, JianyiError> {
    let profile = profile_named(&text, preset)?;
    let cal = national(calendar_json.as_deref())?;
    let (ledger, error) = jianyi_core::Ledger::replay_jsonl(&text, profile, &cal, check(what_if))?;
    Ok(ReplayOutcome {
        ledger: Ledger::wrap(ledger, cal),
        error: error.map(line_error),
    })
}

#[uniffi::export]
impl Ledger {
    /// What-if: the same events replayed under another profile (given as JSON: its rate
    /// definitions, windows and rounding), on this ledger's national calendar plus the years
    /// of `calendar_json`. This ledger is unchanged. `ledger.inconsistent` when the profile
    /// lacks one of the ledger's result classes or feedback levels.
    #[uniffi::method(default(calendar_json = None))]
    pub fn under(
        &self,
        profile_json: String,
        calendar_json: Option<String>,
    ) -> Result<Arc<Ledger>, JianyiError> {
        let profile = Profile::from_json(&profile_json)?;
        let mut cal = self.national();
        if let Some(text) = calendar_json {
            cal = cal.with_years(&jianyi_core::Calendar::from_json(&text)?);
        }
        let ledger = self.snapshot()?.under_profile(profile, &cal)?;
        Ok(Ledger::wrap(ledger, cal))
    }
}

#[cfg(feature = "server")]
#[uniffi::export]
impl Ledger {
    /// A synthetic city-year from the core's seeded generator: `suggestions` `None` gives the
    /// bundled sample city-year (2022, seed 2022); a number gives the same shape at that
    /// size. The same arguments give a byte-identical ledger.
    #[uniffi::constructor(default(suggestions = None, seed = 2022))]
    pub fn generate(suggestions: Option<i64>, seed: i64) -> Result<Arc<Ledger>, JianyiError> {
        let config = generator_config(suggestions, seed)?;
        let ledger = jianyi_core::generator::generate(&config)?;
        Ok(Ledger::wrap(ledger, jianyi_core::Calendar::china()))
    }
}

/// A ledger reopened from a snapshot: the ledger and, when the snapshot was refused (the
/// ledger then read in full), why.
#[cfg(feature = "server")]
#[derive(Debug, uniffi::Record)]
pub struct ReopenOutcome {
    /// The ledger (holding only the events after the snapshot unless it was refused).
    pub ledger: Arc<Ledger>,
    /// The refusal (`snapshot.*`), or `None` when the snapshot was used.
    pub refusal: Option<LineErrorRecord>,
}

/// Reopens a ledger file `text` from a `snapshot` of it taken earlier (`Ledger.stateSnapshot`):
/// the snapshot's state, then only the lines after it, checked as `Ledger.fromJsonl` checks
/// them (`docs/snapshot-format.md`). A snapshot that cannot stand for the file (another
/// ledger, version or profile, or damaged) is refused and the file read in full; the refusal
/// comes back in the outcome. A reopened ledger holds no event before the snapshot: `toJsonl`
/// and views of earlier days raise `ledger.log_not_held`. `preset` `None` takes the bundled
/// preset the ledger's header names.
#[cfg(feature = "server")]
#[uniffi::export(default(preset = None, calendar_json = None))]
pub fn reopen_ledger(
    text: String,
    snapshot: Vec<u8>,
    preset: Option<String>,
    calendar_json: Option<String>,
) -> Result<ReopenOutcome, JianyiError> {
    let profile = profile_named(&text, preset)?;
    let cal = national(calendar_json.as_deref())?;
    let threads = crate::reports::every_core();
    let (ledger, refused) = jianyi_core::Ledger::reopen(&text, &snapshot, profile, &cal, threads)?;
    Ok(ReopenOutcome {
        ledger: Ledger::wrap(ledger, cal),
        refusal: refused.map(|e| LineErrorRecord {
            code: e.code().as_str().to_owned(),
            detail: e.to_string(),
            details_json: serde_json::to_string(&e).unwrap_or_default(),
        }),
    })
}

/// Reads a ledger file `text` keeping its state only, not its events
/// (`docs/snapshot-format.md`, "Reading a ledger file without its log"): every line is checked
/// as `Ledger.fromJsonl` checks it, on every core the process may use, and the ledger then
/// stands as one reopened from a snapshot of its last line (far less memory for a large
/// ledger; `toJsonl` and views of earlier days raise `ledger.log_not_held`). A server that
/// keeps the file calls this at start-up, then `stateSnapshot` for the next start.
/// `preset` `None` takes the bundled preset the ledger's header names.
#[cfg(feature = "server")]
#[uniffi::export(default(preset = None, calendar_json = None))]
pub fn load_ledger_state_only(
    text: String,
    preset: Option<String>,
    calendar_json: Option<String>,
) -> Result<Arc<Ledger>, JianyiError> {
    let profile = profile_named(&text, preset)?;
    let cal = national(calendar_json.as_deref())?;
    let threads = crate::reports::every_core();
    let ledger = jianyi_core::Ledger::from_jsonl_state_only(
        &text,
        profile,
        &cal,
        ProfileCheck::Same,
        threads,
    )?;
    Ok(Ledger::wrap(ledger, cal))
}

/// The commands of a generated city-year's story (`Ledger.generate` with the same arguments
/// executes them, then the directors' meeting's honours), one JSON object each, in order:
/// what a test sends to a server to rebuild the city-year through its own API.
#[cfg(feature = "server")]
#[uniffi::export(default(suggestions = None, seed = 2022))]
pub fn generated_commands_json(
    suggestions: Option<i64>,
    seed: i64,
) -> Result<Vec<String>, JianyiError> {
    jianyi_core::generator::commands(&generator_config(suggestions, seed)?)?
        .iter()
        .map(|c| crate::types::to_json("command", c))
        .collect()
}

/// The generator's settings for `suggestions` (`None`: the bundled sample city-year) and `seed`.
#[cfg(feature = "server")]
fn generator_config(
    suggestions: Option<i64>,
    seed: i64,
) -> Result<jianyi_core::generator::GeneratorConfig, JianyiError> {
    use jianyi_core::generator::GeneratorConfig;
    let seed = u64::try_from(seed).map_err(|_| jianyi_core::InputError::Malformed {
        what: "seed",
        reason: format!("{seed} is negative"),
    })?;
    Ok(match suggestions {
        None => GeneratorConfig {
            seed,
            ..GeneratorConfig::seed_city()
        },
        Some(n) => {
            let n = usize::try_from(n).map_err(|_| jianyi_core::InputError::Malformed {
                what: "suggestions",
                reason: format!("{n} is negative"),
            })?;
            GeneratorConfig::scaled(n, seed)
        }
    })
}

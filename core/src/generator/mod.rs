//! 样例台账生成器 (the deterministic synthetic generator): a seeded city-year of the seed's
//! shape, from a few hundred suggestions up to a million, written only through
//! [`Ledger::execute`] so every event is legitimately decided.
//!
//! Every path of the seed occurs (SEED-NOTES.md): motions converted into suggestions and one
//! sent to the standing committee (opening paragraph), session and recess items, pre-assignment
//! rounds and a coordination meeting on 29 March for 疑难件 (一.三), lead-with-co, split and
//! joint assignment across systems, returns inside the window and reassignment, contacts,
//! co-opinions sent back for redo, extensions, late replies, every result class, satisfied,
//! basically satisfied, dissatisfied (then reopened and rehandled) and lapsed feedback, the
//! August second-reply notice for every item answered 正在解决 (三.1), commitments, rollover of
//! the previous term's planned items into this year (三.2) and of this year's into the next,
//! a withdrawal, a rejection, merge groups and closing.

mod evaluation;
mod names;
mod rng;
mod routed;
mod story;
mod supervision;

use chrono::NaiveDate;

use crate::calendar::Calendar;
use crate::command::{Action, Command};
use crate::error::Error;
use crate::id::DeputyId;
use crate::ledger::Ledger;
use crate::profile::Profile;

pub use rng::Rng;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratorConfig {
    /// Seed of the pseudo-random choices: same config, byte-identical ledger.
    pub seed: u64,
    /// Work year (the first session of the new term opens in it).
    pub year: i32,
    /// Suggestions submitted directly this year (converted motions come on top).
    pub suggestions: usize,
    /// Motions at the session (one goes to the standing committee, the rest convert).
    pub motions: usize,
    /// Deputies.
    pub deputies: usize,
    /// Copies of the city's unit list (the first keeps the city names, the others are
    /// district bureaus): 36 units per copy.
    pub unit_copies: usize,
    /// Share of recess (闭会期间) items, in permille.
    pub recess_permille: u64,
    /// Previous term's planned items rolled into this year, per thousand suggestions.
    pub rollover_permille: u64,
}

impl GeneratorConfig {
    /// The seed's city-year: 2022, about 450 suggestions, 72 units, 480 deputies.
    pub fn seed_city() -> GeneratorConfig {
        GeneratorConfig {
            seed: 2022,
            year: 2022,
            suggestions: 430,
            motions: 18,
            deputies: 480,
            unit_copies: 2,
            recess_permille: 25,
            rollover_permille: 60,
        }
    }

    /// The same shape at any size (benchmarks: 10 000 to 1 000 000 suggestions).
    pub fn scaled(suggestions: usize, seed: u64) -> GeneratorConfig {
        GeneratorConfig {
            seed,
            suggestions,
            motions: suggestions.checked_div(25).unwrap_or(0).max(2),
            deputies: suggestions.max(480),
            unit_copies: suggestions
                .checked_div(5_000)
                .unwrap_or(0)
                .saturating_add(2)
                .min(13),
            ..GeneratorConfig::seed_city()
        }
    }
}

/// The profile the generator decides under (`seed-city`).
pub fn profile() -> Profile {
    Profile::default()
}

/// Generate a ledger.
///
/// # Errors
/// A refused command is a generator bug; it is returned as the error.
pub fn generate(config: &GeneratorConfig) -> Result<Ledger, Error> {
    let (mut ledger, _) = run(config)?;
    evaluation::honour(&mut ledger, config.year)?;
    Ok(ledger)
}

/// The commands [`generate`] executes for the city-year's story, in order, before the
/// directors' meeting's honours (which it decides from the state the story leaves): what a
/// test sends to a server to rebuild the city-year through its API.
///
/// # Errors
/// As [`generate`].
pub fn commands(config: &GeneratorConfig) -> Result<Vec<Command>, Error> {
    Ok(run(config)?.1)
}

/// The story executed: the ledger and the commands that went into it.
fn run(config: &GeneratorConfig) -> Result<(Ledger, Vec<Command>), Error> {
    let mut ledger = Ledger::new(profile(), &Calendar::china())?;
    let mut executed = Vec::new();
    for command in story::plan(config) {
        if office_has_nothing_to_send(&ledger, &command) {
            continue;
        }
        ledger.execute(&command)?;
        executed.push(command);
    }
    Ok((ledger, executed))
}

/// Command `n` of a stream that is valid on any generated city after its year: a recess
/// suggestion (`J-PROBE-n`, dated 5 January of the next year) led by `lead` (a registered
/// deputy, e.g. the directory's first). Benchmarks time it as "one command decided and applied with the statistics kept
/// current": it adds an item, so the tally takes the item's contribution.
pub fn probe_suggestion(lead: &DeputyId, year: i32, n: u64) -> Option<Command> {
    let lead = lead.clone();
    Some(Command {
        source: None,
        id: format!("probe-{n}").parse().ok()?,
        on: NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 5)?,
        actor: crate::actor::Actor::Deputy { id: lead.clone() },
        action: Action::SubmitSuggestion {
            item: format!("J-PROBE-{n}").parse().ok()?,
            lead,
            cosigners: Vec::new(),
            delegation: None,
            text: crate::command::ItemText {
                title: "关于增设社区公共充电设施的建议".to_owned(),
                body: "老旧小区电动自行车充电难，建议统筹增设公共充电设施。".to_owned(),
            },
            proposed_unit: None,
        },
    })
}

/// The office sends the August notice and decides the year-end rollover only when some item
/// is due (a small city-year may have none); it asks the core which, rather than the planner
/// guessing from its stories (a lapse, a reopening or a third-party conclusion change them).
fn office_has_nothing_to_send(ledger: &Ledger, command: &Command) -> bool {
    match &command.action {
        Action::RequestFollowUp { year } => ledger.follow_up_due(*year, command.on).is_empty(),
        Action::Rollover {
            from_year,
            into_year,
        } => ledger
            .rollover_due(*from_year, *into_year, command.on)
            .is_empty(),
        _ => false,
    }
}

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

//! Instruction counts, not seconds (issue 22): one step of the main job, run once under
//! `valgrind --tool=callgrind`, counted only inside the step. Wall time on the project's noisy
//! 2-core machines moves by tens of percent from run to run; the instructions a step executes
//! do not, so a later change can be compared to the counts in BENCHMARKS.md.
//!
//! ```text
//! bash scripts/callgrind-bench            # every step at 10 000 suggestions
//! valgrind --tool=callgrind --toggle-collect='*callgrind_probe*measured*' \
//!     target/release/examples/callgrind_probe replay LEDGER.jsonl
//! ```
//!
//! Steps (each measured function does only its step; reading the file, the profile and the
//! replay a later step needs stay outside the count):
//! - `replay`: parse the JSON Lines, check the chain, replay every event;
//! - `figures`: the year's figures of 2022 as of 2022-12-31, after the replay;
//! - `summary`: the annual summary of 2022 rendered (zh, text), after the replay.
//!
//! The ledger's year and as-of day are the sample's (2022, 2022-12-31).

use std::hint::black_box;
use std::process::ExitCode;

use chrono::NaiveDate;
use jianyi_core::report::{Format, Lang};
use jianyi_core::{Calendar, Error, Ledger, Profile, ProfileCheck};

/// Parse, chain check and replay.
fn replay(text: &str, profile: Profile, calendar: &Calendar) -> Result<Ledger, Error> {
    Ledger::from_jsonl(text, profile, calendar, ProfileCheck::Same)
}

/// [`replay`], counted (the later steps replay outside the count).
#[inline(never)]
fn measured_replay(text: &str, profile: Profile, calendar: &Calendar) -> Result<Ledger, Error> {
    replay(text, profile, calendar)
}

/// The year's figures (SPEC §10), kept current by the replay.
#[inline(never)]
fn measured_figures(ledger: &Ledger, as_of: NaiveDate) -> Result<u64, Error> {
    Ok(ledger.year_figures(2022, as_of)?.suggestions_total)
}

/// The annual summary, every section, rendered as zh text.
#[inline(never)]
fn measured_summary(ledger: &Ledger, as_of: NaiveDate) -> Result<usize, Error> {
    Ok(ledger
        .annual_summary(2022, as_of)?
        .render(Lang::Zh, Format::Text)
        .len())
}

fn run(step: &str, text: &str) -> Result<String, Error> {
    let calendar = Calendar::china();
    // The bundled profile the header names (a ledger under another one is refused by the
    // replay with `ledger.profile_mismatch`).
    let profile = jianyi_core::wire::bundled_profile(text).unwrap_or_default();
    let as_of = NaiveDate::from_ymd_opt(2022, 12, 31).unwrap_or_default();
    if step == "replay" {
        let ledger = black_box(measured_replay(black_box(text), profile, &calendar)?);
        return Ok(format!("{} events replayed", ledger.events().len()));
    }
    let ledger = replay(text, profile, &calendar)?;
    match step {
        "figures" => Ok(format!(
            "{} suggestions in the figures",
            black_box(measured_figures(black_box(&ledger), as_of)?)
        )),
        _ => Ok(format!(
            "{} bytes of summary",
            black_box(measured_summary(black_box(&ledger), as_of)?)
        )),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(step), Some(path)) = (args.first(), args.get(1)) else {
        eprintln!("usage: callgrind_probe replay|figures|summary LEDGER.jsonl");
        return ExitCode::from(2);
    };
    if !matches!(step.as_str(), "replay" | "figures" | "summary") {
        eprintln!("unknown step {step:?}: replay, figures or summary");
        return ExitCode::from(2);
    }
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            return ExitCode::from(2);
        }
    };
    match run(step, &text) {
        Ok(done) => {
            println!("{step}: {done}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{path}: error [{}]: {e}", e.code());
            ExitCode::FAILURE
        }
    }
}

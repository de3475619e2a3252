//! Memory per item (SPEC §13, issue 8): reads a ledger file, replays it, and prints the
//! resident memory the replayed ledger holds, per item, with the replay rate; then times
//! the year's figures, the annual summary and the parts of its section 四 over the replayed
//! ledger, one command executed on it with the statistics kept current, and last the replay
//! of its events from memory (the ledger dropped first, so that two are never held).
//!
//! ```text
//! cargo run --release --example generate_sample -- 100000 > /tmp/city-100k.jsonl
//! cargo run --release --example replay_memory -- /tmp/city-100k.jsonl [THREADS] [--state-only]
//! ```
//!
//! The lines are read on `THREADS` threads (default: the cores the process may use). With
//! `--state-only` the ledger is read keeping its state, not its events
//! (`Ledger::from_jsonl_state_only`): the memory it then holds, the year's figures and the
//! summary as of the latest day (a view as of an earlier day needs the log), and one command
//! executed.
//!
//! Linux only (reads `/proc/self/status`). The ledger text is dropped before the ledger's
//! memory is read, so the figure is the ledger's own state (items, directory, event log).

use std::process::ExitCode;
use std::time::Instant;

use jianyi_core::generator::probe_suggestion;
use jianyi_core::{Calendar, Ledger, Profile, ProfileCheck};

/// A `kB` field of `/proc/self/status`, in bytes.
fn status_bytes(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    kb.checked_mul(1024)
}

fn mib(bytes: u64) -> String {
    #[allow(clippy::cast_precision_loss, reason = "a printed figure")]
    let m = bytes as f64 / f64::from(1u32 << 20);
    format!("{m:.0} MiB")
}

fn main() -> ExitCode {
    let state_only = std::env::args().any(|a| a == "--state-only");
    let mut args = std::env::args().skip(1).filter(|a| a != "--state-only");
    let Some(path) = args.next() else {
        eprintln!("usage: replay_memory LEDGER.jsonl [THREADS] [--state-only]");
        return ExitCode::FAILURE;
    };
    let before = status_bytes("VmRSS:").unwrap_or(0);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let start = Instant::now();
    let calendar = Calendar::china();
    let profile = Profile::preset("seed-city").unwrap_or_default();
    let threads = args
        .next()
        .and_then(|t| t.parse().ok())
        .or_else(|| std::thread::available_parallelism().ok())
        .unwrap_or(std::num::NonZeroUsize::MIN);
    let read = if state_only {
        Ledger::from_jsonl_state_only(&text, profile, &calendar, ProfileCheck::Same, threads)
    } else {
        Ledger::from_jsonl_observed(
            &text,
            profile,
            &calendar,
            ProfileCheck::Same,
            threads,
            &mut |_| {},
        )
    };
    let mut ledger = match read {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error [{}]: {e}", e.code());
            return ExitCode::FAILURE;
        }
    };
    let seconds = start.elapsed().as_secs_f64();
    let peak = status_bytes("VmHWM:").unwrap_or(0);
    drop(text);
    let after = status_bytes("VmRSS:").unwrap_or(0);
    let held = after.saturating_sub(before);
    let items = ledger.items().len().max(1);
    let events = ledger.event_count();
    #[allow(clippy::cast_precision_loss, reason = "printed figures")]
    let (per_item, rate) = (held as f64 / items as f64 / 1024.0, events as f64 / seconds);
    let kept = if state_only { " (state only)" } else { "" };
    println!("{path}: {items} items, {events} events{kept}");
    println!("parse + replay on {threads} thread(s): {seconds:.2} s ({rate:.0} events/s)");
    println!(
        "ledger held in memory: {} ({per_item:.1} KiB per item); peak RSS {}",
        mib(held),
        mib(peak)
    );
    // After the replay: the year's figures (kept current) and the whole annual summary.
    let as_of = if state_only {
        ledger.latest_date()
    } else {
        chrono::NaiveDate::from_ymd_opt(2022, 12, 31)
    };
    let Some(as_of) = as_of else {
        return ExitCode::FAILURE;
    };
    let start = Instant::now();
    let figures = ledger.year_figures(2022, as_of);
    let figures_s = start.elapsed().as_secs_f64();
    let start = Instant::now();
    // On the load's threads, as a host with the cores would ask it (section 四 beside the rest).
    let summary = ledger.annual_summary_on(2022, as_of, threads).map(|s| {
        s.render(
            jianyi_core::report::Lang::Zh,
            jianyi_core::report::Format::Text,
        )
    });
    let summary_s = start.elapsed().as_secs_f64();
    match (figures, summary) {
        (Ok(f), Ok(text)) => println!(
            "year figures: {figures_s:.3} s ({} suggestions); annual summary (zh) on {threads} thread(s): {summary_s:.2} s, {} characters",
            f.suggestions_total,
            text.chars().count()
        ),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("error [{}]: {e}", e.code());
            return ExitCode::FAILURE;
        }
    }
    if state_only {
        return match execute_one(&mut ledger) {
            Ok(()) => ExitCode::SUCCESS,
            Err(code) => code,
        };
    }
    if let Err(e) = section_four_parts(&ledger, as_of) {
        eprintln!("error [{}]: {e}", e.code());
        return ExitCode::FAILURE;
    }
    if let Err(code) = execute_one(&mut ledger) {
        return code;
    }
    replay_from_memory(ledger)
}

/// The ledger's events folded again into a new ledger, from memory (SPEC §13's replay rate:
/// no parsing, no chain check).
fn replay_from_memory(ledger: Ledger) -> ExitCode {
    let events = ledger.events().to_vec();
    let profile = ledger.profile().clone();
    drop(ledger);
    let count = events.len();
    let start = Instant::now();
    let replayed = Ledger::replay(profile, &Calendar::china(), events);
    let seconds = start.elapsed().as_secs_f64();
    if let Err(e) = replayed {
        eprintln!("error [{}]: {e}", e.code());
        return ExitCode::FAILURE;
    }
    #[allow(clippy::cast_precision_loss, reason = "a printed figure")]
    let rate = count as f64 / seconds;
    println!("replay from memory: {seconds:.2} s ({rate:.0} events/s, {count} events)");
    ExitCode::SUCCESS
}

/// The parts of the summary's section 四, one by one (each is also part of the summary).
fn section_four_parts(ledger: &Ledger, as_of: chrono::NaiveDate) -> Result<(), jianyi_core::Error> {
    let start = Instant::now();
    let units = ledger.unit_assessment(2022, as_of)?.units.len();
    let units_s = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let deputies = ledger.deputy_points(2022).len();
    let points_s = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let ranked = ledger.excellence(2022).suggestions.rows.len();
    let excellence_s = start.elapsed().as_secs_f64();
    println!(
        "section 四: unit assessment {units_s:.2} s ({units} units); deputy points {points_s:.2} s \
         ({deputies} deputies); excellence rankings {excellence_s:.2} s ({ranked} suggestions, \
         deputy points included)"
    );
    Ok(())
}

/// One command decided and applied with the statistics kept current (SPEC §13): 1 001 new
/// suggestions executed one by one on the replayed ledger, each timed; the median and the
/// 90th percentile are printed (the rare growth of the event log's buffer lands in the tail).
fn execute_one(ledger: &mut Ledger) -> Result<(), ExitCode> {
    let mut times = Vec::with_capacity(1001);
    let Some(lead) = ledger.directory().deputies.keys().next().cloned() else {
        eprintln!("no deputy to lead the probe suggestion");
        return Err(ExitCode::FAILURE);
    };
    for n in 1..=1001u64 {
        let Some(command) = probe_suggestion(&lead, 2022, n) else {
            eprintln!("no deputy to lead the probe suggestion");
            return Err(ExitCode::FAILURE);
        };
        let start = Instant::now();
        if let Err(e) = ledger.execute(&command) {
            eprintln!("error [{}]: {e}", e.code());
            return Err(ExitCode::FAILURE);
        }
        times.push(start.elapsed());
    }
    times.sort_unstable();
    let at = |q: usize| {
        times
            .get(times.len().saturating_mul(q) / 100)
            .copied()
            .unwrap_or_default()
    };
    println!(
        "execute one suggestion (statistics kept current): median {:.1} µs, p90 {:.1} µs",
        at(50).as_secs_f64() * 1e6,
        at(90).as_secs_f64() * 1e6
    );
    Ok(())
}

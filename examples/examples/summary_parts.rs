//! Where the annual summary's time goes once a ledger is loaded (issue 22): the view "as of"
//! the day asked (a replay when events are dated after it), the summary on that view, its
//! section 四 (honours and the unit assessment), and the year's tables the Python
//! `report_tables()` reads. Each part is timed alone, best of `REPEAT` runs.
//!
//! ```text
//! cargo run --release --example generate_sample -- 100000 > /tmp/city-100k.jsonl
//! cargo run --release --example summary_parts -- /tmp/city-100k.jsonl [REPEAT [latest]]
//! ```

use std::process::ExitCode;
use std::time::Instant;

use jianyi_core::{Calendar, Ledger, Profile, ProfileCheck};

/// The best of `repeat` runs of `run`, in seconds, with the last result.
fn best<T>(repeat: u32, mut run: impl FnMut() -> T) -> (f64, Option<T>) {
    let mut best = f64::INFINITY;
    let mut last = None;
    for _ in 0..repeat.max(1) {
        let start = Instant::now();
        let out = run();
        best = best.min(start.elapsed().as_secs_f64());
        last = Some(out);
    }
    (best, last)
}

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: summary_parts LEDGER.jsonl [REPEAT [latest]]");
        return ExitCode::FAILURE;
    };
    let repeat: u32 = std::env::args()
        .nth(2)
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let profile = Profile::preset("seed-city").unwrap_or_default();
    let start = Instant::now();
    let ledger = match Ledger::from_jsonl(&text, profile, &Calendar::china(), ProfileCheck::Same) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error [{}]: {e}", e.code());
            return ExitCode::FAILURE;
        }
    };
    drop(text);
    println!(
        "{path}: {} items, {} events; parse + replay {:.2} s; latest event {:?}",
        ledger.items().len(),
        ledger.events().len(),
        start.elapsed().as_secs_f64(),
        ledger.latest_date()
    );
    let (Some(year_end), Some(latest)) = (
        chrono::NaiveDate::from_ymd_opt(2022, 12, 31),
        ledger.latest_date(),
    ) else {
        return ExitCode::FAILURE;
    };
    // The year's end (a view when later events exist) and the latest day (the ledger itself);
    // a third argument `latest` times the latter alone (for a profiler).
    let days = if std::env::args().nth(3).as_deref() == Some("latest") {
        vec![latest.max(year_end)]
    } else {
        vec![year_end, latest.max(year_end)]
    };
    for as_of in days {
        let cores = std::thread::available_parallelism().unwrap_or(std::num::NonZeroUsize::MIN);
        let (view_s, _) = best(repeat, || ledger.as_of(as_of).map(|v| v.items().len()));
        let (view_on_s, _) = best(repeat, || {
            ledger.as_of_on(as_of, cores).map(|v| v.items().len())
        });
        let (summary_s, summary) = best(repeat, || {
            ledger.annual_summary(2022, as_of).map(|s| {
                s.render(
                    jianyi_core::report::Lang::Zh,
                    jianyi_core::report::Format::Text,
                )
            })
        });
        let (summary_on_s, _) = best(repeat, || {
            ledger.annual_summary_on(2022, as_of, cores).map(|s| {
                s.render(
                    jianyi_core::report::Lang::Zh,
                    jianyi_core::report::Format::Text,
                )
            })
        });
        let (four_s, four) = best(repeat, || ledger.recognition_figures(2022, as_of));
        let (tables_s, tables) = best(repeat, || ledger.year_tables(2022, as_of));
        let (tables_on_s, _) = best(repeat, || ledger.year_tables_on(2022, as_of, cores));
        let (Some(Ok(text)), Some(Ok(four)), Some(Ok(_))) = (summary, four, tables) else {
            eprintln!("a query failed as of {as_of}");
            return ExitCode::FAILURE;
        };
        println!(
            "as of {as_of}: view {view_s:.3} s ({view_on_s:.3} s on {cores} threads); annual summary (zh) {summary_s:.3} s \
             ({} characters; {summary_on_s:.3} s on {cores} threads); section 四 figures {four_s:.3} s ({} units, {} + {} honoured); \
             year tables {tables_s:.3} s ({tables_on_s:.3} s on {cores} threads)",
            text.chars().count(),
            four.units,
            four.suggestions.honoured,
            four.deputies.honoured
        );
    }
    ExitCode::SUCCESS
}

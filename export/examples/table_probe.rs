//! Times an analyst's tables on a ledger file, apart from the load: each table built from the
//! loaded ledger, then its Arrow record batch (what Python hands to polars, pyarrow and
//! pandas). Best of three.
//!
//! `cargo run --release -p jianyi-export --example table_probe -- LEDGER.jsonl`
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::arithmetic_side_effects,
    reason = "a probe"
)]
use std::time::{Duration, Instant};

use jianyi_core::wire::{bundled_profile, ProfileCheck};
use jianyi_core::{Calendar, Ledger};
use jianyi_export::Table;

/// A table built from a loaded ledger.
type BuildTable = fn(&Ledger) -> Table;

/// The obligations as of 2022-12-31 (the sample city-year's end), as Python's
/// `obligations_table` asks them.
fn obligations(ledger: &Ledger) -> Table {
    let day = chrono::NaiveDate::from_ymd_opt(2022, 12, 31).unwrap();
    jianyi_export::frames::obligations(ledger, day).unwrap()
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: table_probe LEDGER.jsonl");
    let text = std::fs::read_to_string(path).unwrap();
    let profile = bundled_profile(&text).unwrap_or_default();
    let start = Instant::now();
    let ledger =
        Ledger::from_jsonl(&text, profile, &Calendar::china(), ProfileCheck::Same).unwrap();
    println!(
        "load {:.2} s, {} events",
        start.elapsed().as_secs_f64(),
        ledger.event_count()
    );
    drop(text);
    let tables: [(&str, BuildTable); 3] = [
        ("items", jianyi_export::frames::items),
        ("events", jianyi_export::frames::events),
        ("obligations as of 2022-12-31", obligations),
    ];
    for (name, build) in tables {
        let (mut built, mut batched) = (Duration::MAX, Duration::MAX);
        let mut rows = 0;
        for _ in 0..3 {
            let t0 = Instant::now();
            let table = build(&ledger);
            let t1 = Instant::now();
            let batch = table.record_batch().unwrap();
            built = built.min(t1 - t0);
            batched = batched.min(t1.elapsed());
            rows = batch.num_rows();
        }
        println!(
            "{name}: {rows} rows, built in {:.3} s, Arrow batch {:.3} s",
            built.as_secs_f64(),
            batched.as_secs_f64()
        );
    }
}

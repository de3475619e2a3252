//! Ledger benchmarks on the seeded generator (SPEC §13, issue 8): replay of events, JSON Lines
//! parse + replay, the year's figures and annual summary after replay, and one command
//! decided and applied on a large ledger.
//!
//! Sizes (suggestions per generated city) come from `JIANYI_BENCH_SIZES`, default `10000`;
//! e.g. `JIANYI_BENCH_SIZES=10000,100000 cargo bench -p jianyi-core --bench ledger`.
//! Generating a ledger is not timed. Figures are written down in `BENCHMARKS.md`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::arithmetic_side_effects,
    missing_docs,
    reason = "benchmark harness"
)]

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use jianyi_core::generator::{generate, probe_suggestion, profile, GeneratorConfig};
use jianyi_core::{Calendar, Command, Ledger, ProfileCheck};

fn sizes() -> Vec<usize> {
    std::env::var("JIANYI_BENCH_SIZES")
        .unwrap_or_else(|_| "10000".to_owned())
        .split(',')
        .map(|s| {
            s.trim()
                .parse()
                .expect("JIANYI_BENCH_SIZES: numbers separated by commas")
        })
        .collect()
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 12, 31).unwrap()
}

/// A command that is valid on any generated city: registering committee number `n`.
fn one_more_committee(n: u64) -> Command {
    serde_json::from_value(serde_json::json!({
        "id": format!("bench-committee-{n}"),
        "on": "2023-01-05",
        "actor": {"role": "deputy_affairs_office"},
        "action": {"type": "register_committee", "committee": {"id": format!("C-BENCH-{n}"), "name": "测试委员会"}}
    }))
    .unwrap()
}

fn ledger_benches(c: &mut Criterion) {
    let calendar = Calendar::china();
    for n in sizes() {
        let ledger = generate(&GeneratorConfig::scaled(n, 2022)).unwrap();
        let events = ledger.events().to_vec();
        let jsonl = ledger.to_jsonl();
        let events_count = u64::try_from(events.len()).unwrap();
        eprintln!(
            "{n} suggestions: {} items, {events_count} events, {} MiB of JSON Lines",
            ledger.items().len(),
            jsonl.len() / (1 << 20)
        );

        let mut group = c.benchmark_group(format!("ledger/{n}"));
        group.sample_size(10);
        group.measurement_time(Duration::from_secs(if n > 20_000 { 30 } else { 8 }));
        group.throughput(Throughput::Elements(events_count));
        group.bench_function("replay events", |b| {
            b.iter_batched(
                || events.clone(),
                |events| Ledger::replay(profile(), &calendar, events).unwrap(),
                BatchSize::LargeInput,
            );
        });
        group.bench_function("parse JSON Lines + replay", |b| {
            b.iter(|| {
                Ledger::from_jsonl(black_box(&jsonl), profile(), &calendar, ProfileCheck::Same)
                    .unwrap()
            });
        });
        group.throughput(Throughput::Elements(1));
        group.bench_function("year figures", |b| {
            b.iter(|| ledger.year_figures(black_box(2022), as_of()).unwrap());
        });
        group.bench_function("annual summary rendered (zh)", |b| {
            b.iter(|| ledger.annual_summary(2022, as_of()).unwrap().render_zh());
        });
        let command = one_more_committee(0);
        group.bench_function("decide one command", |b| {
            b.iter(|| ledger.decide(black_box(&command)).unwrap());
        });
        // One ledger that keeps growing, as a server's does: each iteration executes a new
        // command (the command is built outside the timing).
        let mut live = ledger.clone();
        let mut n = 0u64;
        group.bench_function("execute one command", |b| {
            b.iter_batched(
                || {
                    n += 1;
                    one_more_committee(n)
                },
                |command| live.execute(&command).unwrap(),
                BatchSize::SmallInput,
            );
        });
        // The same with a command that touches the statistics: a new suggestion, whose
        // contribution the tally takes.
        let mut live = ledger.clone();
        let lead = ledger.directory().deputies.keys().next().unwrap().clone();
        let mut n = 0u64;
        group.bench_function("execute one suggestion", |b| {
            b.iter_batched(
                || {
                    n += 1;
                    probe_suggestion(&lead, 2022, n).unwrap()
                },
                |command| live.execute(&command).unwrap(),
                BatchSize::SmallInput,
            );
        });
        group.finish();
    }
}

criterion_group!(benches, ledger_benches);
criterion_main!(benches);

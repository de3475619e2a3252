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
use std::time::{Duration, Instant};

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

/// The time `iters` executions take, on copies of `ledger` that each take `chunk` commands
/// (`command(1)`, `command(2)`, …). Copying the ledger, building the commands and dropping the
/// outcomes are not timed, nor is a first `command(0)` on each copy: a copy shares the parts of
/// state held behind an `Arc` (the directory) until its first change copies them, once.
fn time_executions(
    ledger: &Ledger,
    iters: u64,
    chunk: u64,
    command: impl Fn(u64) -> Command,
) -> Duration {
    let mut total = Duration::ZERO;
    let mut left = iters;
    while left > 0 {
        let k = left.min(chunk);
        let mut live = ledger.clone();
        live.execute(&command(0)).unwrap();
        let commands: Vec<Command> = (1..=k).map(&command).collect();
        let mut outcomes = Vec::with_capacity(commands.len());
        let start = Instant::now();
        for c in &commands {
            outcomes.push(live.execute(black_box(c)).unwrap());
        }
        total += start.elapsed();
        drop(outcomes);
        left -= k;
    }
    total
}

fn ledger_benches(c: &mut Criterion) {
    let calendar = Calendar::china();
    for n in sizes() {
        let ledger = generate(&GeneratorConfig::scaled(n, 2022)).unwrap();
        let events = ledger.events().to_vec();
        let jsonl = ledger.to_jsonl().unwrap();
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
        // One command on a ledger of this size, as a server's grows: criterion asks for as
        // many executions as fill its time (hundreds of thousands), so they run on fresh
        // copies of the ledger, each taking at most a tenth of its size in new commands.
        let chunk = u64::try_from(n / 10).unwrap().max(1000);
        group.bench_function("execute one command", |b| {
            b.iter_custom(|iters| time_executions(&ledger, iters, chunk, one_more_committee));
        });
        // The same with a command that touches the statistics: a new suggestion, whose
        // contribution the tally takes.
        let lead = ledger.directory().deputies.keys().next().unwrap().clone();
        group.bench_function("execute one suggestion", |b| {
            b.iter_custom(|iters| {
                time_executions(&ledger, iters, chunk, |k| {
                    probe_suggestion(&lead, 2022, k).unwrap()
                })
            });
        });
        group.finish();
    }
}

criterion_group!(benches, ledger_benches);
criterion_main!(benches);

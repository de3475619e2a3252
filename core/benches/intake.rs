//! Intake intelligence benchmarks (SPEC §13): topic + unit routing on ~2 KB Chinese items
//! (target ≥ 20 000 items/s) and similar-item candidates among 10 000 items (target < 3 s).
//! Texts come from a seeded generator over realistic phrases, so runs are reproducible.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "benchmark harness on fixed inputs: a failure should abort the run"
)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use jianyi_core::intake::{IndexedText, Screener, SimilarityIndex, Submission};
use jianyi_core::Profile;

/// Connective phrases between terms (ordinary wording, mostly no keyword).
const LINKS: [&str; 16] = [
    "方面存在不足，",
    "工作推进较慢，",
    "群众反映强烈，",
    "与周边城市相比仍有差距，",
    "相关配套不够完善，",
    "统筹协调有待加强，",
    "资金保障不到位，",
    "标准不够统一，",
    "建议尽快出台实施细则，",
    "建议建立长效机制，",
    "建议明确责任分工，",
    "并定期向社会公开进展。",
    "覆盖范围偏小，",
    "服务质量参差不齐，",
    "信息共享不够充分，",
    "考核评价有待完善。",
];

/// A tiny seeded generator (xorshift) so the bench texts are reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % 1_000_003).unwrap_or(0)
    }

    fn pick<'a>(&mut self, from: &'a [String]) -> &'a str {
        &from[self.next() % from.len()]
    }
}

/// Every term of the profile's topic and unit tables: the vocabulary of the generated items.
fn vocabulary(p: &Profile) -> Vec<String> {
    let s = &p.screening;
    let mut v: Vec<String> = s
        .topic_terms
        .iter()
        .flat_map(|t| t.terms.iter())
        .chain(s.units.iter().flat_map(|u| u.terms.iter()))
        .map(|t| t.term.clone())
        .collect();
    v.sort();
    v.dedup();
    v
}

/// One item of about `bytes` bytes: a title and sentences of terms and connectives.
fn item(rng: &mut Rng, vocab: &[String], bytes: usize) -> Submission {
    let links: Vec<String> = LINKS.iter().map(|&l| l.to_owned()).collect();
    let mut body = String::with_capacity(bytes + 64);
    while body.len() < bytes {
        body.push_str(rng.pick(vocab));
        body.push('和');
        body.push_str(rng.pick(vocab));
        body.push_str(rng.pick(&links));
    }
    let title = format!("关于加强{}和{}工作的建议", rng.pick(vocab), rng.pick(vocab));
    Submission::new(&title, &body)
}

fn items(p: &Profile, n: usize, bytes: usize) -> Vec<Submission> {
    let vocab = vocabulary(p);
    let mut rng = Rng(0x5EED_2022);
    let mut out: Vec<Submission> = Vec::with_capacity(n);
    for i in 0..n {
        // One item in twenty rewords an earlier one: its sentences in another order, one dropped.
        if i % 20 == 19 {
            let earlier = &out[rng.next() % out.len()];
            let mut parts: Vec<&str> = earlier.body.split('，').collect();
            parts.rotate_left(2);
            parts.pop();
            let reworded =
                Submission::new(&earlier.title.replace("加强", "推进"), &parts.join("，"));
            out.push(reworded);
        } else {
            out.push(item(&mut rng, &vocab, bytes));
        }
    }
    out
}

fn routing(c: &mut Criterion) {
    let profile = Profile::preset("seed-city").unwrap();
    let screener = Screener::new(&profile).unwrap();
    let batch = items(&profile, 1_000, 2_048);
    let mut g = c.benchmark_group("routing");
    g.throughput(Throughput::Elements(batch.len() as u64));
    g.bench_function("route 1000 items of 2 KB", |b| {
        b.iter(|| {
            for s in &batch {
                black_box(screener.route(black_box(s)));
            }
        });
    });
    g.finish();
}

fn similarity(c: &mut Criterion) {
    let profile = Profile::preset("seed-city").unwrap();
    // Items of ≈ 600 bytes (200 characters), over two years; one in twenty a reworded copy.
    let texts: Vec<IndexedText> = items(&profile, 10_000, 600)
        .into_iter()
        .enumerate()
        .map(|(i, s)| IndexedText {
            id: format!("J{i:05}"),
            year: if i % 2 == 0 { 2022 } else { 2021 },
            text: format!("{}{}", s.title, s.body),
        })
        .collect();
    let rules = &profile.screening.similarity;
    let found = SimilarityIndex::build(rules, texts.iter().cloned()).candidates();
    println!(
        "similarity: {} candidates among {} items ({} reworded copies planted)",
        found.len(),
        texts.len(),
        texts.len() / 20
    );
    let mut g = c.benchmark_group("similarity");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    g.bench_function("index and candidates, 10 000 items", |b| {
        b.iter(|| {
            let idx = SimilarityIndex::build(rules, texts.iter().cloned());
            black_box(idx.candidates().len())
        });
    });
    g.finish();
}

criterion_group!(benches, routing, similarity);
criterion_main!(benches);

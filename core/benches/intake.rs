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

const PHRASES: [&str; 24] = [
    "我市老旧小区加装电梯审批流程较长，居民意见难以统一，",
    "部分中小学课后服务内容单一，教师负担较重，",
    "高标准农田建设后期管护不到位，灌溉设施老化，",
    "中小企业融资难、融资贵问题依然突出，",
    "养老服务设施分布不均，社区助餐点覆盖不足，",
    "城区停车位供需矛盾突出，公交接驳不便，",
    "电信诈骗案件高发，反诈宣传覆盖面不够，",
    "河道水质反复，污水管网雨污分流改造滞后，",
    "基层医疗机构人才流失，群众看病难，",
    "灵活就业人员社保参保率低，欠薪问题时有发生，",
    "营商环境仍有短板，政务服务一网通办推进不平衡，",
    "乡村振兴产业基础薄弱，农产品品牌影响力不强，",
    "建议一是加大财政专项资金投入，",
    "二是完善部门协同机制，明确责任分工和完成时限，",
    "三是加强督促检查，定期通报进展，",
    "究其原因，主要是规划缺乏统筹、资金保障不足，",
    "据统计，全市相关投诉量较上年增长两成，",
    "调研发现，基层对此反映强烈，",
    "垃圾分类投放点设置不合理，收运体系不完善，",
    "文物保护和非遗传承人才短缺，",
    "食品安全监管力量不足，市场监管执法手段有限，",
    "农民工技能培训与用工需求脱节，",
    "充电桩建设滞后于新能源汽车增长，",
    "未成年人心理健康问题值得关注。",
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
}

fn text(rng: &mut Rng, bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 64);
    while s.len() < bytes {
        s.push_str(PHRASES[rng.next() % PHRASES.len()]);
    }
    s
}

fn items(n: usize, bytes: usize) -> Vec<Submission> {
    let mut rng = Rng(0x5EED_2022);
    (0..n)
        .map(|_| {
            let body = text(&mut rng, bytes);
            let title = format!(
                "关于{}的建议",
                PHRASES[rng.next() % 12].trim_end_matches('，')
            );
            Submission::new(&title, &body)
        })
        .collect()
}

fn routing(c: &mut Criterion) {
    let profile = Profile::preset("seed-city").unwrap();
    let screener = Screener::new(&profile).unwrap();
    let batch = items(1_000, 2_048);
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
    // Shorter texts (≈ 600 bytes, 200 characters), several per phrase mix, two years.
    let texts: Vec<IndexedText> = items(10_000, 600)
        .into_iter()
        .enumerate()
        .map(|(i, s)| IndexedText {
            id: format!("J{i:05}"),
            year: if i % 2 == 0 { 2022 } else { 2021 },
            text: format!("{}{}", s.title, s.body),
        })
        .collect();
    let mut g = c.benchmark_group("similarity");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    g.bench_function("index and candidates, 10 000 items", |b| {
        b.iter(|| {
            let idx = SimilarityIndex::build(&profile.screening.similarity, texts.iter().cloned());
            black_box(idx.candidates().len())
        });
    });
    g.finish();
}

criterion_group!(benches, routing, similarity);
criterion_main!(benches);

//! Golden files of the sample year's annual summary (issue 3): Chinese and English, plain
//! text, Markdown and HTML, and every figure as JSON. A change of wording or of a figure is
//! a reviewed diff: bless with `JIANYI_BLESS=1 cargo test -p jianyi-core --test golden_summary`.
#![allow(clippy::unwrap_used, clippy::panic, reason = "tests")]

use std::path::PathBuf;

use chrono::NaiveDate;
use jianyi_core::generator::{generate, GeneratorConfig};
use jianyi_core::report::{Format, Lang};

fn check(name: &str, text: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/summary")
        .join(name);
    if std::env::var_os("JIANYI_BLESS").is_some() {
        std::fs::write(&path, text).unwrap();
        return;
    }
    let golden = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; bless with JIANYI_BLESS=1", path.display()));
    assert!(
        golden == text,
        "{} differs from the rendering; review and bless with JIANYI_BLESS=1",
        path.display()
    );
}

#[test]
fn the_sample_years_summary_matches_its_golden_files() {
    let ledger = generate(&GeneratorConfig::seed_city()).unwrap();
    let summary = ledger
        .annual_summary(2022, NaiveDate::from_ymd_opt(2022, 12, 31).unwrap())
        .unwrap();
    for (lang, l) in [(Lang::Zh, "zh"), (Lang::En, "en")] {
        for (format, ext) in [
            (Format::Text, "txt"),
            (Format::Markdown, "md"),
            (Format::Html, "html"),
        ] {
            let rendered = summary.render(lang, format);
            // Byte-identical for identical inputs.
            assert_eq!(rendered, summary.clone().render(lang, format));
            check(&format!("summary-2022.{l}.{ext}"), &rendered);
        }
    }
    check(
        "summary-2022.json",
        &(serde_json::to_string_pretty(&summary).unwrap() + "\n"),
    );
}

#[test]
fn every_paragraph_of_the_text_is_in_the_markdown_and_the_html() {
    let ledger = generate(&GeneratorConfig::seed_city()).unwrap();
    let summary = ledger
        .annual_summary(2022, NaiveDate::from_ymd_opt(2022, 12, 31).unwrap())
        .unwrap();
    for lang in [Lang::Zh, Lang::En] {
        let doc = summary.document(lang);
        let html = summary.render(lang, Format::Html);
        let text = summary.render(lang, Format::Text);
        for block in &doc.blocks {
            let (jianyi_core::report::Block::Heading(t) | jianyi_core::report::Block::Paragraph(t)) =
                block
            else {
                panic!("the summary's body holds headings and paragraphs only: {block:?}");
            };
            assert!(text.contains(t.as_str()));
            let escaped = jianyi_core::report::document::html_escape(t);
            assert!(html.contains(&escaped), "{t}");
        }
        // The HTML carries the figures' appendix: every chart inline, with its table.
        let charts = summary.charts(lang);
        assert!(charts.len() >= 4);
        for (chart, table) in &charts {
            assert!(
                html.contains(&format!("id=\"chart-{}\"", chart.id)),
                "{}",
                chart.id
            );
            let caption = jianyi_core::report::document::html_escape(&table.caption);
            assert!(html.contains(&format!("<caption>{caption}</caption>")));
        }
    }
}

#[test]
fn the_sample_years_tables_add_up_and_match_their_golden_file() {
    let ledger = generate(&GeneratorConfig::seed_city()).unwrap();
    let as_of = NaiveDate::from_ymd_opt(2022, 12, 31).unwrap();
    let t = ledger.year_tables(2022, as_of).unwrap();
    let f = ledger.year_figures(2022, as_of).unwrap();
    let sum = |t: &jianyi_core::tables::CountTable| t.rows.iter().map(|r| r.count).sum::<u64>();
    for table in [
        &t.by_kind,
        &t.by_period,
        &t.by_origin,
        &t.by_topic,
        &t.classes_first_reply,
        &t.classes_second_round,
        &t.classes_final,
        &t.satisfaction_first,
        &t.satisfaction_latest,
        &t.timeliness,
        &t.contact_before_reply,
        &t.rollover,
    ] {
        assert_eq!(sum(table), table.denominator, "{}", table.id);
        for row in &table.rows {
            assert_eq!(row.share.denominator, table.denominator, "{}", table.id);
        }
    }
    assert_eq!(t.by_topic.denominator, f.suggestions_total);
    assert_eq!(t.rollover.denominator, f.rolled_over_into_year);
    // A committee counts an item once however many of its units handle it.
    assert!(sum(&t.by_committee) >= t.by_committee.denominator);
    let leads: u64 = t.by_unit.iter().map(|u| u.lead).sum();
    assert!(leads >= f.replied, "every replied item has a lead unit");
    assert!(t.by_unit.windows(2).all(|w| w[0].total >= w[1].total));
    // The sample holds the third-party cycle, the honours and the assessors' scores.
    for section in [
        &t.third_party,
        &t.excellence,
        &t.excellent_deputies,
        &t.unit_assessment,
    ] {
        assert!(matches!(section, jianyi_core::tables::Section::InLedger(_)));
    }
    check(
        "tables-2022.json",
        &(serde_json::to_string_pretty(&t).unwrap() + "\n"),
    );
}

#[test]
fn year_on_year_in_percentage_points() {
    let ledger = generate(&GeneratorConfig::seed_city()).unwrap();
    let before = ledger
        .year_figures(2021, NaiveDate::from_ymd_opt(2021, 12, 31).unwrap())
        .unwrap();
    let after = ledger
        .year_figures(2022, NaiveDate::from_ymd_opt(2022, 12, 31).unwrap())
        .unwrap();
    let changes = jianyi_core::tables::year_on_year(&before, &after, &ledger.profile().statistics);
    let ids: Vec<&str> = changes.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["resolution", "satisfaction", "on_time"]);
    for c in &changes {
        assert!(
            c.points == "0" || c.points.starts_with(['+', '-']) || c.points == "—",
            "{c:?}"
        );
    }
    check(
        "year-on-year-2021-2022.json",
        &(serde_json::to_string_pretty(&changes).unwrap() + "\n"),
    );
}

#[test]
fn the_report_audit_finds_nothing_wrong_in_our_own_summary_and_catches_a_typo() {
    let ledger = generate(&GeneratorConfig::seed_city()).unwrap();
    let text = ledger
        .annual_summary(2022, NaiveDate::from_ymd_opt(2022, 12, 31).unwrap())
        .unwrap()
        .render_zh();
    let tables = jianyi_core::audit::tables_in_text(&text);
    assert!(!tables.is_empty());
    for t in &tables {
        let a = jianyi_core::audit::audit_table(t);
        assert_eq!(a.wrong_figures().count(), 0, "{a:?}");
    }
    let typo = text.replacen("占70.8%", "占75%", 1);
    let wrong: Vec<String> = jianyi_core::audit::tables_in_text(&typo)
        .iter()
        .flat_map(|t| {
            jianyi_core::audit::audit_table(t)
                .wrong_figures()
                .map(|f| format!("{}: {} → {}", f.label, f.printed, f.nearest))
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(wrong, ["解决采纳: 75 → 70.8"]);
}

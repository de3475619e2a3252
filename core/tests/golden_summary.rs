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
                block;
            assert!(text.contains(t.as_str()));
            let escaped = jianyi_core::report::document::html_escape(t);
            assert!(html.contains(&escaped), "{t}");
        }
    }
}

//! The sample 台账 (examples/data/sample-city-2022-taizhang.xlsx and .csv, written from the
//! sample ledger by scripts/make-sample-taizhang.py with a title row, merged two-row headers,
//! full-width digits, blank rows and dates typed four ways) read back: every row, no bad
//! cell, and the counts a spreadsheet carries equal the sample ledger's figures.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests"
)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use jianyi_core::{Calendar, Ledger, Period, Profile, ProfileCheck};
use jianyi_import::{Field, Mapping, Sheet};

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/data")
        .join(name)
}

fn ledger() -> Ledger {
    let text = std::fs::read_to_string(data("sample-city-2022.jsonl")).unwrap();
    let profile = jianyi_core::wire::bundled_profile(&text).unwrap();
    Ledger::from_jsonl(&text, profile, &Calendar::china(), ProfileCheck::Same).unwrap()
}

fn read(name: &str) -> Sheet {
    let profile = Profile::preset("seed-city").unwrap();
    jianyi_import::read(&data(name), None, &Mapping::new(), &profile).unwrap()
}

fn counts<'a>(values: impl Iterator<Item = &'a str>) -> BTreeMap<String, u64> {
    let mut out = BTreeMap::new();
    for v in values {
        *out.entry(v.to_owned()).or_insert(0) += 1;
    }
    out
}

fn check(sheet: &Sheet, ledger: &Ledger) {
    let day = NaiveDate::from_ymd_opt(2022, 12, 31).unwrap();
    let f = ledger.year_figures(2022, day).unwrap();
    let t = ledger.year_tables(2022, day).unwrap();
    assert!(sheet.bad.is_empty(), "{:?}", sheet.bad.first());
    assert_eq!(sheet.rows.len() as u64, f.suggestions_total);
    let recess = sheet
        .rows
        .iter()
        .filter(|r| r.period == Some(Period::Recess))
        .count();
    assert_eq!(recess as u64, f.suggestions_in_recess);
    let replied: Vec<_> = sheet.rows.iter().filter(|r| r.reply_on.is_some()).collect();
    assert_eq!(replied.len() as u64, f.replied);
    // The final class: the second reply's when there is one.
    let finals = counts(
        replied
            .iter()
            .filter_map(|r| r.second_reply_class.as_deref().or(r.reply_class.as_deref())),
    );
    for row in &f.classes_final {
        assert_eq!(
            finals.get(&row.id).copied().unwrap_or(0),
            row.count,
            "{}",
            row.id
        );
    }
    let firsts = counts(replied.iter().filter_map(|r| r.reply_class.as_deref()));
    for row in &f.classes_first_reply {
        assert_eq!(
            firsts.get(&row.id).copied().unwrap_or(0),
            row.count,
            "{}",
            row.id
        );
    }
    let levels = counts(sheet.rows.iter().filter_map(|r| r.feedback.as_deref()));
    for row in &f.satisfaction_latest {
        assert_eq!(
            levels.get(&row.id).copied().unwrap_or(0),
            row.count,
            "{}",
            row.id
        );
    }
    let topics = counts(
        sheet
            .rows
            .iter()
            .map(|r| r.topic.as_deref().unwrap_or("unclassified")),
    );
    for row in &t.by_topic.rows {
        assert_eq!(
            topics.get(&row.id).copied().unwrap_or(0),
            row.count,
            "{}",
            row.id
        );
    }
    let second = sheet
        .rows
        .iter()
        .filter(|r| r.second_reply_on.is_some())
        .count();
    assert!(second > 0);
    // Ids read back as the ledger's, full-width digits or not.
    for r in &sheet.rows {
        let id = r.number.as_deref().unwrap();
        assert!(
            ledger.items().keys().any(|k| k.as_str() == id),
            "row {}: {id}",
            r.row
        );
    }
}

#[test]
fn the_sample_workbook_reads_back_with_the_ledgers_figures() {
    let ledger = ledger();
    let sheet = read("sample-city-2022-taizhang.xlsx");
    assert_eq!(sheet.header.row, 3, "title row, then two header rows");
    assert_eq!(
        sheet.header.columns.get(&Field::SecondReplyClass),
        Some(&14)
    );
    assert_eq!(sheet.header.columns.get(&Field::Topic), Some(&6));
    assert_eq!(sheet.sheet.as_deref(), Some("2022年建议台账"));
    // Row numbers are Excel's: the first data row is 4, and blank rows are counted.
    assert_eq!(sheet.rows[0].row, 4);
    assert_eq!(sheet.rows.last().unwrap().row, 3 + 447 + 447 / 40);
    check(&sheet, &ledger);
}

#[test]
fn the_sample_csv_reads_back_with_the_ledgers_figures() {
    let ledger = ledger();
    let sheet = read("sample-city-2022-taizhang.csv");
    assert_eq!(sheet.header.row, 1);
    check(&sheet, &ledger);
}

#[test]
fn a_bad_cell_is_named_by_row_and_column() {
    let text = std::fs::read_to_string(data("sample-city-2022-taizhang.csv")).unwrap();
    let broken = text.replacen("2022-05-25", "2022-05-35", 1);
    assert_ne!(broken, text);
    let dir = std::env::temp_dir().join(format!("jianyi-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("broken.csv");
    std::fs::write(&path, broken).unwrap();
    let profile = Profile::preset("seed-city").unwrap();
    let sheet = jianyi_import::read(&path, None, &Mapping::new(), &profile).unwrap();
    assert_eq!(sheet.bad.len(), 1);
    let e = &sheet.bad[0];
    assert_eq!(e.code(), "import.bad_cell");
    let message = e.to_string();
    assert!(
        message.contains("broken.csv row ") && message.contains("column K（答复日期）"),
        "{message}"
    );
    assert!(message.contains("2022-05-35"), "{message}");
    assert_eq!(sheet.rows.len(), 446);
    let _ = std::fs::remove_dir_all(&dir);
}

//! The Parquet export of the sample city-year read back with the Parquet crate's own Arrow
//! reader: every file there, rows as the ledger's, the types kept (dictionary classes,
//! `date32` dates, string ids), and the ledger's profile in the metadata.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use std::fs::File;
use std::path::PathBuf;

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Int64Type};
use arrow_schema::DataType;
use chrono::NaiveDate;
use jianyi_core::{Calendar, Ledger, ProfileCheck};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

const SAMPLE: &str = include_str!("../../examples/data/sample-city-2022.jsonl");

fn sample() -> Ledger {
    let profile = jianyi_core::wire::bundled_profile(SAMPLE).unwrap();
    Ledger::from_jsonl(SAMPLE, profile, &Calendar::china(), ProfileCheck::Same).unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jianyi-export-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn read(path: &PathBuf) -> Vec<arrow_array::RecordBatch> {
    ParquetRecordBatchReaderBuilder::try_new(File::open(path).unwrap())
        .unwrap()
        .build()
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap()
}

#[test]
fn the_sample_exports_typed_tables_with_the_ledgers_rows() {
    let ledger = sample();
    let dir = scratch("sample");
    let day = NaiveDate::from_ymd_opt(2022, 12, 31).unwrap();
    let mut steps = Vec::new();
    let written = jianyi_export::write_parquet(&ledger, &dir, 2022, day, &mut |s| {
        steps.push((s.done, s.total));
    })
    .unwrap();
    assert_eq!(steps.len(), written.len());
    assert_eq!(steps.last(), Some(&(written.len(), written.len())));
    for w in &written {
        assert!(w.path.exists() && w.bytes > 0, "{}", w.path.display());
    }

    let items = dir.join("items.parquet");
    let builder = ParquetRecordBatchReaderBuilder::try_new(File::open(&items).unwrap()).unwrap();
    let kv = builder
        .metadata()
        .file_metadata()
        .key_value_metadata()
        .unwrap();
    let profile = kv.iter().find(|k| k.key == "jianyi.profile").unwrap();
    assert!(profile.value.as_deref().unwrap().starts_with("seed-city "));
    let schema = builder.schema().clone();
    let dictionary = DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8));
    assert_eq!(
        schema.field_with_name("latest_class").unwrap().data_type(),
        &dictionary
    );
    assert_eq!(
        schema.field_with_name("profile").unwrap().data_type(),
        &dictionary
    );
    assert_eq!(
        schema.field_with_name("id").unwrap().data_type(),
        &DataType::Utf8
    );
    assert_eq!(
        schema.field_with_name("submitted_on").unwrap().data_type(),
        &DataType::Date32
    );

    let batches = read(&items);
    let rows: usize = batches.iter().map(arrow_array::RecordBatch::num_rows).sum();
    assert_eq!(rows, ledger.items().len());
    // The first item's submission date survives as the same day.
    let first = ledger.items().values().next().unwrap();
    let col = batches[0].column_by_name("submitted_on").unwrap();
    let days = col.as_primitive::<Date32Type>().value(0);
    assert_eq!(
        NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()
            + chrono::Days::new(u64::try_from(days).unwrap()),
        first.submitted_on
    );

    let events: usize = read(&dir.join("events.parquet"))
        .iter()
        .map(arrow_array::RecordBatch::num_rows)
        .sum();
    assert_eq!(events, ledger.events().len());

    // figures.parquet: one row per id, the library's counts.
    let figures = ledger.year_figures(2022, day).unwrap();
    let batch = &read(&dir.join("report/figures.parquet"))[0];
    let ids = batch.column_by_name("id").unwrap().as_string::<i32>();
    let counts = batch
        .column_by_name("count")
        .unwrap()
        .as_primitive::<Int64Type>();
    let mut seen: Vec<&str> = ids.iter().flatten().collect();
    let n = seen.len();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), n, "one row per figure id");
    let at = ids
        .iter()
        .position(|i| i == Some("suggestions_total"))
        .unwrap();
    assert_eq!(
        counts.value(at),
        i64::try_from(figures.suggestions_total).unwrap()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_unwritable_directory_is_named_with_its_code() {
    let ledger = sample();
    let dir = scratch("blocked");
    std::fs::create_dir_all(dir.parent().unwrap()).unwrap();
    std::fs::write(&dir, "a file where the directory should be").unwrap();
    let day = NaiveDate::from_ymd_opt(2022, 12, 31).unwrap();
    let err = jianyi_export::write_parquet(&ledger, &dir, 2022, day, &mut |_| {}).unwrap_err();
    assert_eq!(err.code(), "export.io");
    assert!(
        err.to_string().contains(&dir.display().to_string()),
        "{err}"
    );
    let _ = std::fs::remove_file(&dir);
}

/// The events table reads each fact's unit and JSON from the fact itself: they are the wire
/// line's `fact` object and its `unit` id, for every event of the sample.
#[test]
fn the_events_table_carries_each_facts_wire_json_and_unit() {
    let ledger = sample();
    let events = jianyi_export::frames::events(&ledger);
    let column = |name: &str| {
        let i = events.names.iter().position(|n| n == name).unwrap();
        let strings = events.columns[i]
            .strings()
            .unwrap_or_else(|| panic!("{name} is a column of strings"));
        strings
            .into_iter()
            .map(|s| s.map(str::to_owned))
            .collect::<Vec<_>>()
    };
    let (facts, units) = (column("fact"), column("unit"));
    let lines: Vec<serde_json::Value> = SAMPLE
        .lines()
        .skip(1)
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), facts.len());
    let mut with_unit = 0;
    for (n, line) in lines.iter().enumerate() {
        let fact = &line["fact"];
        let text: serde_json::Value = serde_json::from_str(facts[n].as_deref().unwrap()).unwrap();
        assert_eq!(&text, fact, "event {n}");
        let unit = fact.get("unit").and_then(|u| u.as_str());
        assert_eq!(units[n].as_deref(), unit, "event {n}");
        with_unit += usize::from(unit.is_some());
    }
    assert!(
        with_unit > 1_000,
        "the sample's replies and contacts name units"
    );
}

#[test]
fn the_items_and_events_written_in_chunks_read_back_as_one_table() {
    // The export builds the long tables a chunk at a time (ROWS_PER_CHUNK); the sample's 484
    // items and 3 890 events in chunks of 1 000 rows (and of 1 row) must read back exactly
    // as when each table is one chunk.
    let ledger = sample();
    let day = NaiveDate::from_ymd_opt(2022, 12, 31).unwrap();
    let whole = scratch("whole");
    jianyi_export::write_parquet_in_chunks(&ledger, &whole, 2022, day, usize::MAX, &mut |_| {})
        .unwrap();
    for rows_per_chunk in [1_000, 1] {
        let chunked = scratch(&format!("chunked-{rows_per_chunk}"));
        let written = jianyi_export::write_parquet_in_chunks(
            &ledger,
            &chunked,
            2022,
            day,
            rows_per_chunk,
            &mut |_| {},
        )
        .unwrap();
        for (file, rows) in [
            ("items.parquet", ledger.items().len()),
            ("events.parquet", ledger.events().len()),
        ] {
            let w = written.iter().find(|w| w.path.ends_with(file)).unwrap();
            assert_eq!(w.rows, rows, "{file}");
            let (a, b) = (read(&whole.join(file)), read(&chunked.join(file)));
            assert_eq!(
                a.iter()
                    .map(arrow_array::RecordBatch::num_rows)
                    .sum::<usize>(),
                rows,
                "{file}"
            );
            assert_eq!(a, b, "{file} in chunks of {rows_per_chunk}");
        }
        std::fs::remove_dir_all(&chunked).unwrap();
    }
    std::fs::remove_dir_all(&whole).unwrap();
}

#[test]
fn an_empty_ledgers_tables_are_written_with_their_columns() {
    let profile = jianyi_core::wire::bundled_profile(SAMPLE).unwrap();
    let ledger = Ledger::new(profile, &Calendar::china()).unwrap();
    let dir = scratch("empty");
    let day = NaiveDate::from_ymd_opt(2022, 12, 31).unwrap();
    let written = jianyi_export::write_parquet(&ledger, &dir, 2022, day, &mut |_| {}).unwrap();
    for file in ["items.parquet", "events.parquet"] {
        let w = written.iter().find(|w| w.path.ends_with(file)).unwrap();
        assert_eq!(w.rows, 0, "{file}");
        let schema = ParquetRecordBatchReaderBuilder::try_new(File::open(&w.path).unwrap())
            .unwrap()
            .schema()
            .clone();
        assert!(schema.fields().len() > 5, "{file}: {schema:?}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

//! The sample city-year round trip: the ledger → the office's 台账 (written by
//! scripts/make-sample-taizhang.py, committed as examples/data/sample-city-2022-taizhang.*)
//! → `jianyi_import::build` → the annual figures a spreadsheet can carry equal the ledger's,
//! and every other figure is reported unknown (never invented, never silently zero).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "tests"
)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use jianyi_core::{Calendar, Ledger, Profile, ProfileCheck, Unknown};
use jianyi_import::{build, read, Mapping};

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/data")
        .join(name)
}

fn original() -> Ledger {
    let text = std::fs::read_to_string(data("sample-city-2022.jsonl")).unwrap();
    Ledger::from_jsonl(
        &text,
        Profile::preset("seed-city").unwrap(),
        &Calendar::china(),
        ProfileCheck::Same,
    )
    .unwrap()
}

fn imported(file: &str) -> Ledger {
    let profile = Profile::preset("seed-city").unwrap();
    let sheet = read(&data(file), None, &Mapping::new(), &profile).unwrap();
    assert!(sheet.bad.is_empty(), "{:?}", sheet.bad);
    let done = build(
        &sheet,
        &profile,
        &Calendar::china(),
        2022,
        false,
        &mut |_, _| {},
    )
    .unwrap_or_else(|e| {
        let lines: Vec<String> = e.iter().map(ToString::to_string).collect();
        panic!("{} errors:\n{}", e.len(), lines.join("\n"))
    });
    assert_eq!(done.rows, 447);
    done.ledger
}

/// The year's figures (fields of `YearFigures`) a 台账 carries: equal after the round trip.
const CARRIED: &[&str] = &[
    "year",
    "as_of",
    "calendar_version",
    "suggestions_total",
    "suggestions_in_recess",
    "handled_by_systems",
    "replied",
    "classes_first_reply",
    "second_round_items",
    "classes_second_round",
    "classes_final",
    "rated",
    "satisfaction_latest",
    "satisfaction_rate",
    "rates",
];

/// The report's tables a 台账 carries (`by_unit` by the units' names).
const CARRIED_TABLES: &[&str] = &[
    "year",
    "as_of",
    "by_period",
    "by_topic",
    "handled_by_systems",
    "classes_first_reply",
    "classes_second_round",
    "classes_final",
    "satisfaction_latest",
];

/// Figures and tables a 台账 does not carry: each must be named unknown by the imported
/// ledger's figures (`YearFigures::unknown`).
const NOT_CARRIED: &[&str] = &[
    "motions",
    "motions_to_standing_committee",
    "motions_to_agenda",
    "motions_converted",
    "suggestions_at_session",
    "withdrawn",
    "rejected",
    "rolled_over_into_year",
    "by_system",
    "system_overlaps",
    "lapsed",
    "replies_late",
    "overdue_obligations",
    "on_time_rate",
    "by_kind",
    "by_origin",
    "by_committee",
    "satisfaction_first",
    "timeliness",
    "contact_before_reply",
    "rollover",
];

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 12, 31).unwrap()
}

fn json<T: serde::Serialize>(v: &T) -> BTreeMap<String, serde_json::Value> {
    serde_json::from_value(serde_json::to_value(v).unwrap()).unwrap()
}

#[test]
fn the_figures_a_spreadsheet_carries_survive_the_round_trip() {
    let before = original();
    for file in [
        "sample-city-2022-taizhang.xlsx",
        "sample-city-2022-taizhang.csv",
    ] {
        let after = imported(file);
        let (f0, f1) = (
            before.year_figures(2022, day()).unwrap(),
            after.year_figures(2022, day()).unwrap(),
        );
        let (a, b) = (json(&f0), json(&f1));
        for key in CARRIED {
            assert_eq!(a.get(*key), b.get(*key), "{file}: figure {key}");
        }
        let (t0, t1) = (
            json(&before.year_tables(2022, day()).unwrap()),
            json(&after.year_tables(2022, day()).unwrap()),
        );
        for key in CARRIED_TABLES {
            assert_eq!(t0.get(*key), t1.get(*key), "{file}: table {key}");
        }
        // Units by name: the import gives its own ids.
        let units = |t: &BTreeMap<String, serde_json::Value>| -> Vec<(String, u64, u64)> {
            let mut v: Vec<(String, u64, u64)> = t["by_unit"]
                .as_array()
                .unwrap()
                .iter()
                .map(|u| {
                    (
                        u["name"].as_str().unwrap().to_owned(),
                        u["lead"].as_u64().unwrap(),
                        u["co"].as_u64().unwrap(),
                    )
                })
                .collect();
            v.sort();
            v
        };
        assert_eq!(units(&t0), units(&t1), "{file}: by_unit");

        // Everything else is named unknown, and every figure or table that differs is
        // among them: nothing differs silently.
        let unknown: Vec<&str> = f1
            .unknown
            .iter()
            .flat_map(|u| u.figures.iter().map(String::as_str))
            .collect();
        for key in NOT_CARRIED {
            assert!(
                unknown.contains(key),
                "{file}: {key} is not reported unknown"
            );
        }
        let pairs = a.iter().map(|(k, v)| (k, v, b.get(k)));
        for (key, value, other) in pairs.chain(t0.iter().map(|(k, v)| (k, v, t1.get(k)))) {
            let section_absent = other
                .and_then(|o| o.get("status"))
                .is_some_and(|s| s == "not_in_ledger");
            if other != Some(value) && key != "by_unit" && !section_absent {
                assert!(
                    unknown.contains(&key.as_str()) || key == "unknown",
                    "{file}: {key} differs but is not reported unknown"
                );
            }
        }
        // Imported items are left out of timeliness and overdue counts, never counted as
        // on time: the on-time rate has no denominator and says so.
        assert_eq!(f1.timing_unknown, f1.replied);
        assert_eq!(f1.on_time_rate.share.denominator, 0);
        assert_eq!(f1.on_time_rate.percent, "—");
        assert_eq!(f1.overdue_obligations, 0);
        let timeliness = &after.year_tables(2022, day()).unwrap().timeliness;
        let last = timeliness.rows.last().unwrap();
        assert_eq!((last.id.as_str(), last.count), ("unknown", f1.replied));
        let dates = f1.unknown.iter().find(|u| u.fact == Unknown::Date).unwrap();
        assert_eq!(dates.items, 447);
    }
}

#[test]
fn an_imported_ledger_replays_to_the_same_figures_and_names_its_rows() {
    let l = imported("sample-city-2022-taizhang.csv");
    let text = l.to_jsonl().unwrap();
    let again = Ledger::from_jsonl(
        &text,
        Profile::preset("seed-city").unwrap(),
        &Calendar::china(),
        ProfileCheck::Same,
    )
    .unwrap();
    assert_eq!(
        json(&l.year_figures(2022, day()).unwrap()),
        json(&again.year_figures(2022, day()).unwrap())
    );
    // Every event says where it came from; an item's first names its row.
    assert!(l.events().iter().all(|e| e.source.is_some()));
    let first = l
        .events()
        .iter()
        .find(|e| e.fact.item().is_some_and(|i| i.as_str() == "J2022-000003"))
        .unwrap();
    let source = first.source.as_ref().unwrap();
    assert!(source.file.ends_with("sample-city-2022-taizhang.csv"));
    assert_eq!(source.row, 4);
    assert!(source.unknown.contains(&Unknown::Date));
    assert!(text.contains(r#""source":{"file":"#));
    assert!(text.starts_with(r#"{"format":"jianyi-ledger","version":3,"#));
}

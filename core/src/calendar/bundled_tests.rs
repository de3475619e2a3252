//! Sanity checks of the bundled national calendar (`data/calendar-cn.json`).

#![allow(
    clippy::arithmetic_side_effects,
    reason = "test oracles use plain integer arithmetic on small, bounded values"
)]

use std::collections::BTreeSet;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate, Weekday};
use serde_json::Value;

use super::year::is_weekend;
use super::{Calendar, DayKind, BUNDLED_CN};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Expands the raw JSON lists of one year (independently of the parser).
fn raw_lists(year: i32) -> (Vec<NaiveDate>, Vec<NaiveDate>) {
    let root: Value = serde_json::from_str(BUNDLED_CN).unwrap();
    let y = &root["years"][year.to_string()];
    let expand = |key: &str| -> Vec<NaiveDate> {
        let mut out = Vec::new();
        for item in y[key].as_array().unwrap() {
            let s = item.as_str().unwrap();
            let (a, b) = s.split_once("..").unwrap_or((s, s));
            let a = NaiveDate::parse_from_str(a, "%Y-%m-%d").unwrap();
            let b = NaiveDate::parse_from_str(b, "%Y-%m-%d").unwrap();
            out.extend(a.iter_days().take_while(|x| *x <= b));
        }
        out
    };
    (expand("off"), expand("work"))
}

fn working_days_in_year(cal: &Calendar, year: i32) -> i64 {
    cal.working_days_between(d(year, 1, 1), d(year, 12, 31))
        .unwrap()
        + i64::from(cal.is_working_day(d(year, 1, 1)).unwrap())
}

/// Working days per year, printed for the report (`cargo test -- --nocapture`).
const EXPECTED_WORKING_DAYS: [(i32, i64); 23] = [
    (2004, 252),
    (2005, 251),
    (2006, 251),
    (2007, 249),
    (2008, 251),
    (2009, 250),
    (2010, 250),
    (2011, 250),
    (2012, 249),
    (2013, 250),
    (2014, 250),
    (2015, 249),
    (2016, 250),
    (2017, 249),
    (2018, 250),
    (2019, 250),
    (2020, 249),
    (2021, 250),
    (2022, 249),
    (2023, 249),
    (2024, 251),
    (2025, 248),
    (2026, 248),
];

#[test]
fn every_year_2004_to_2026_is_present() {
    let cal = Calendar::china();
    for year in 2004..=2026 {
        assert!(cal.covers_year(year), "{year} missing");
    }
    assert_eq!(cal.first_year(), Some(2004));
    assert_eq!(cal.last_year(), Some(2026));
}

#[test]
fn work_days_are_weekends_and_off_days_are_unique() {
    for year in 2004..=2026 {
        let (off, work) = raw_lists(year);
        let unique: BTreeSet<_> = off.iter().collect();
        assert_eq!(unique.len(), off.len(), "{year}: an off date is repeated");
        for w in &work {
            assert!(is_weekend(*w), "{year}: work day {w} is not a weekend");
            assert!(!unique.contains(w), "{year}: {w} both off and work");
        }
        assert!(!work.is_empty(), "{year}: no 调休 day at all?");
        for x in off.iter().chain(&work) {
            assert_eq!(x.year(), year);
        }
    }
}

#[test]
fn spring_festival_and_national_day_blocks_exist() {
    let cal = Calendar::china();
    for year in 2004..=2026 {
        // Spring Festival: at least 7 consecutive off days between 20 Jan and 1 Mar.
        let mut best = 0;
        let mut run = 0;
        for x in d(year, 1, 20)
            .iter_days()
            .take_while(|x| *x <= d(year, 3, 1))
        {
            if cal.day_kind(x).unwrap() == DayKind::Holiday {
                run += 1;
                best = best.max(run);
            } else {
                run = 0;
            }
        }
        assert!(best >= 7, "{year}: spring festival block of {best} days");
        // National Day: 1–3 October are always off, and the block is at least 7 days.
        for day in 1..=3 {
            assert_eq!(
                cal.day_kind(d(year, 10, day)).unwrap(),
                DayKind::Holiday,
                "{year}-10-{day}"
            );
        }
        let block = d(year, 9, 25)
            .iter_days()
            .take_while(|x| *x <= d(year, 10, 10))
            .filter(|x| cal.day_kind(*x).unwrap() == DayKind::Holiday)
            .count();
        assert!(block >= 7, "{year}: national day block of {block} days");
        // New Year's Day is always off.
        assert_eq!(cal.day_kind(d(year, 1, 1)).unwrap(), DayKind::Holiday);
    }
}

#[test]
fn working_day_counts_per_year_are_plausible() {
    let cal = Calendar::china();
    let mut report = String::new();
    for (year, expected) in EXPECTED_WORKING_DAYS {
        let n = working_days_in_year(&cal, year);
        let _ = writeln!(report, "{year}: {n}");
        assert!((248..=252).contains(&n), "{year}: {n} working days");
        assert_eq!(n, expected, "{year}");
        // Independent count from the raw lists.
        let (off, work) = raw_lists(year);
        let off: BTreeSet<_> = off.into_iter().collect();
        let naive = d(year, 1, 1)
            .iter_days()
            .take_while(|x| x.year() == year)
            .filter(|x| {
                work.contains(x)
                    || (!off.contains(x) && !matches!(x.weekday(), Weekday::Sat | Weekday::Sun))
            })
            .count();
        assert_eq!(i64::try_from(naive).unwrap(), n, "{year}");
    }
    println!("working days per year:\n{report}");
}

#[test]
fn known_2026_arrangement() {
    // 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04).
    let (off, work) = raw_lists(2026);
    let expect_work = [
        d(2026, 1, 4),
        d(2026, 2, 14),
        d(2026, 2, 28),
        d(2026, 5, 9),
        d(2026, 9, 20),
        d(2026, 10, 10),
    ];
    assert_eq!(work, expect_work);
    let blocks = [
        (d(2026, 1, 1), d(2026, 1, 3)),
        (d(2026, 2, 15), d(2026, 2, 23)),
        (d(2026, 4, 4), d(2026, 4, 6)),
        (d(2026, 5, 1), d(2026, 5, 5)),
        (d(2026, 6, 19), d(2026, 6, 21)),
        (d(2026, 9, 25), d(2026, 9, 27)),
        (d(2026, 10, 1), d(2026, 10, 7)),
    ];
    let expect_off: Vec<_> = blocks
        .iter()
        .flat_map(|(a, b)| a.iter_days().take_while(move |x| x <= b))
        .collect();
    assert_eq!(off, expect_off);
}

#[test]
fn spot_checks_across_years() {
    let cal = Calendar::china();
    // Cross-year 调休: 2005-12-31 (2006 notice), 2006-12-30/31 (2007 notice),
    // 2007-12-29 (2008 notice), 2011-12-31 (2012 notice), 2018-12-29 (2019 notice).
    for x in [
        d(2005, 12, 31),
        d(2006, 12, 30),
        d(2006, 12, 31),
        d(2007, 12, 29),
        d(2011, 12, 31),
        d(2018, 12, 29),
    ] {
        assert_eq!(cal.day_kind(x).unwrap(), DayKind::AdjustedWorkday, "{x}");
    }
    // 2015 70th-anniversary holiday, 2020 Covid extension, 2019 May Day amendment.
    assert_eq!(cal.day_kind(d(2015, 9, 3)).unwrap(), DayKind::Holiday);
    assert_eq!(
        cal.day_kind(d(2015, 9, 6)).unwrap(),
        DayKind::AdjustedWorkday
    );
    assert_eq!(cal.day_kind(d(2020, 1, 31)).unwrap(), DayKind::Holiday);
    assert_eq!(cal.day_kind(d(2020, 2, 1)).unwrap(), DayKind::Holiday);
    assert_eq!(cal.day_kind(d(2020, 2, 3)).unwrap(), DayKind::Workday);
    assert_eq!(cal.day_kind(d(2019, 5, 4)).unwrap(), DayKind::Holiday);
    assert_eq!(
        cal.day_kind(d(2019, 5, 5)).unwrap(),
        DayKind::AdjustedWorkday
    );
    // 与周末连休 weekends belong to the holiday block.
    assert_eq!(cal.day_kind(d(2024, 6, 8)).unwrap(), DayKind::Holiday);
    assert_eq!(cal.day_kind(d(2023, 12, 30)).unwrap(), DayKind::Holiday);
}

//! Property tests against simple oracles.

#![allow(
    clippy::arithmetic_side_effects,
    reason = "test oracles use plain integer arithmetic on small, bounded values"
)]

use std::collections::BTreeSet;
use std::fmt::Write as _;

use chrono::{Datelike, Days, NaiveDate};
use proptest::prelude::*;

use super::year::is_weekend;
use super::{Calendar, Window, WindowUnit};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Dates from 2003-10-01 to 2027-03-31, so some fall outside the covered years.
fn any_date() -> impl Strategy<Value = NaiveDate> {
    let base = d(2003, 10, 1);
    let span = (d(2027, 3, 31) - base).num_days().unsigned_abs();
    (0..=span).prop_map(move |k| base.checked_add_days(Days::new(k)).unwrap())
}

/// Dates well inside the covered years, leaving room for windows to end inside too.
fn covered_date() -> impl Strategy<Value = NaiveDate> {
    let base = d(2004, 1, 1);
    let span = (d(2026, 6, 30) - base).num_days().unsigned_abs();
    (0..=span).prop_map(move |k| base.checked_add_days(Days::new(k)).unwrap())
}

fn any_window() -> impl Strategy<Value = Window> {
    prop_oneof![
        (0..=90_u32).prop_map(Window::calendar_days),
        (0..=60_u32).prop_map(Window::working_days),
        (0..=6_u32).prop_map(Window::months),
    ]
}

/// Naive oracle: step one day at a time asking `is_working_day`.
fn naive_add(cal: &Calendar, start: NaiveDate, n: u32) -> Option<NaiveDate> {
    let mut left = n;
    let mut x = start;
    while left > 0 {
        x = x.succ_opt()?;
        if cal.is_working_day(x).ok()? {
            left -= 1;
        }
    }
    Some(x)
}

/// Naive oracles with their errors: one day at a time, each classified (the first day of an
/// uncovered year is the error's date).
fn naive_add_result(
    cal: &Calendar,
    start: NaiveDate,
    n: u32,
) -> Result<NaiveDate, super::CalendarError> {
    let mut left = n;
    let mut x = start;
    while left > 0 {
        x = x.succ_opt().unwrap();
        if cal.day_kind(x)?.is_working() {
            left -= 1;
        }
    }
    Ok(x)
}

fn naive_between(
    cal: &Calendar,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<i64, super::CalendarError> {
    let (lo, hi, sign) = if to >= from {
        (from, to, 1)
    } else {
        (to, from, -1)
    };
    let mut count = 0;
    let mut x = lo;
    while x < hi {
        x = x.succ_opt().unwrap();
        if cal.day_kind(x)?.is_working() {
            count += 1;
        }
    }
    Ok(sign * count)
}

/// The national calendar with regional days moved (an extra holiday on a 调休 Saturday,
/// a working weekday taken off, a weekend day made working).
fn regional() -> Calendar {
    Calendar::china().with_regional(
        "test",
        &[d(2024, 2, 4), d(2025, 3, 3), d(2026, 7, 15)],
        &[d(2025, 10, 2), d(2026, 6, 6)],
    )
}

/// Direct reading of Civil Code Art. 202: same-numbered day of the final month, else
/// the month's last day.
fn civil_oracle(start: NaiveDate, n: u32) -> Option<NaiveDate> {
    let months = i64::from(start.year()) * 12 + i64::from(start.month0()) + i64::from(n);
    let year = i32::try_from(months.div_euclid(12)).ok()?;
    let month = u32::try_from(months.rem_euclid(12)).ok()? + 1;
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let last = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if leap => 29,
        _ => 28,
    };
    NaiveDate::from_ymd_opt(year, month, start.day().min(last))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn add_working_days_matches_naive_loop(start in any_date(), n in 0..=80_u32) {
        let cal = Calendar::china();
        match cal.add_working_days(start, n) {
            Ok(due) => prop_assert_eq!(Some(due), naive_add(&cal, start, n)),
            Err(e) => {
                prop_assert_eq!(e.code(), "calendar.out_of_range");
                prop_assert_eq!(naive_add(&cal, start, n), None);
            }
        }
    }

    #[test]
    fn counting_by_words_is_counting_day_by_day(
        start in any_date(), other in any_date(), n in 0..=800_u32, which in 0..3_u8
    ) {
        let cal = match which {
            0 => Calendar::china(),
            1 => Calendar::china().with_weekend_fallback(true),
            _ => regional(),
        };
        prop_assert_eq!(cal.add_working_days(start, n), naive_add_result(&cal, start, n));
        prop_assert_eq!(
            cal.working_days_between(start, other),
            naive_between(&cal, start, other)
        );
    }

    #[test]
    fn fallback_add_matches_naive_loop(start in any_date(), n in 0..=80_u32) {
        let cal = Calendar::china().with_weekend_fallback(true);
        prop_assert_eq!(cal.add_working_days(start, n).ok(), naive_add(&cal, start, n));
    }

    #[test]
    fn between_inverts_add(start in covered_date(), n in 0..=120_u32) {
        let cal = Calendar::china();
        let due = cal.add_working_days(start, n).unwrap();
        prop_assert_eq!(cal.working_days_between(start, due).unwrap(), i64::from(n));
        prop_assert_eq!(cal.working_days_between(due, start).unwrap(), -i64::from(n));
        if n > 0 {
            prop_assert!(cal.is_working_day(due).unwrap());
        }
    }

    #[test]
    fn due_date_never_before_anchor(anchor in any_date(), w in any_window(), roll in any::<bool>()) {
        let cal = Calendar::china();
        if let Ok(dl) = cal.due_date(anchor, w, roll) {
            prop_assert!(dl.due >= anchor);
            if roll {
                prop_assert!(cal.is_working_day(dl.due).unwrap());
            }
            if let Some(orig) = dl.rolled_forward_from {
                prop_assert!(orig < dl.due);
                prop_assert!(!cal.is_working_day(orig).unwrap());
            }
            if w.unit == WindowUnit::WorkingDays && dl.rolled_forward_from.is_none() {
                // Every day of (anchor, due] is accounted for exactly once.
                let days = (dl.due - anchor).num_days();
                let accounted = i64::from(w.amount)
                    + i64::try_from(dl.holidays_skipped.len()).unwrap()
                    + i64::from(dl.weekend_days_skipped);
                prop_assert_eq!(days, accounted);
            }
            prop_assert!(!dl.explain_zh().is_empty() && !dl.explain_en().is_empty());
        }
    }

    #[test]
    fn due_day_is_the_due_date_without_its_explanation(
        anchor in any_date(), w in any_window(), roll in any::<bool>()
    ) {
        let cal = Calendar::china();
        prop_assert_eq!(
            cal.due_day(anchor, w, roll),
            cal.due_date(anchor, w, roll).map(|dl| dl.due)
        );
    }

    #[test]
    fn months_match_civil_code_text(
        y in 1_i32..=9000, m in 1_u32..=12, day in 1_u32..=31, n in 0_u32..=2400
    ) {
        prop_assume!(NaiveDate::from_ymd_opt(y, m, day).is_some());
        let start = d(y, m, day);
        let cal = Calendar::china();
        prop_assert_eq!(cal.add_months_civil(start, n).ok(), civil_oracle(start, n));
    }

    #[test]
    fn json_round_trip(
        years in proptest::collection::btree_map(
            1990_i32..=2100,
            (proptest::collection::vec(0_u32..366, 0..40), proptest::collection::vec(0_u32..366, 0..10)),
            0..6,
        ),
        fallback in any::<bool>(),
    ) {
        let mut doc = String::from(r#"{"format":"jianyi-calendar","version":"prop-1","years":{"#);
        let mut first = true;
        for (year, (off_raw, work_raw)) in &years {
            let off: BTreeSet<NaiveDate> = off_raw
                .iter()
                .filter_map(|o| NaiveDate::from_yo_opt(*year, o + 1))
                .collect();
            let work: BTreeSet<NaiveDate> = work_raw
                .iter()
                .filter_map(|o| NaiveDate::from_yo_opt(*year, o + 1))
                .filter(|x| is_weekend(*x) && !off.contains(x))
                .collect();
            let q = |s: &BTreeSet<NaiveDate>| {
                s.iter().map(|x| format!("\"{x}\"")).collect::<Vec<_>>().join(",")
            };
            if !first {
                doc.push(',');
            }
            first = false;
            let _ = write!(doc, r#""{year}":{{"off":[{}],"work":[{}]}}"#, q(&off), q(&work));
        }
        doc.push_str("}}");
        let cal = Calendar::from_json(&doc).unwrap().with_weekend_fallback(fallback);
        let back = Calendar::from_json(&cal.to_json()).unwrap();
        prop_assert_eq!(&back, &cal);
        prop_assert_eq!(back.to_json(), cal.to_json());
    }

    #[test]
    fn regional_calendar_round_trips(
        off in proptest::collection::vec(covered_date(), 0..5),
        work in proptest::collection::vec(covered_date(), 0..5),
    ) {
        let cal = Calendar::china().with_regional("prop", &off, &work);
        prop_assert_eq!(Calendar::from_json(&cal.to_json()).unwrap(), cal);
    }
}

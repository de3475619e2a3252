//! Published figures reproduce (issue 3, RULES.md §12): ledgers built to the counts real
//! reports printed give the same printed shares under the locality's profile.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests"
)]

mod common;

use common::*;
use jianyi_core::{Profile, YearFigures};

/// A city-year under `preset` whose items got these latest classes, `count` items each.
fn year_with(preset: &str, classes: &[(&str, usize)]) -> YearFigures {
    let mut s = Scenario::new(Profile::preset(preset).unwrap()).unrecorded();
    let profile = s.ledger.profile().clone();
    let mut n = 0;
    for (class, count) in classes {
        let needs_date = profile.class(class).unwrap().needs_promised_date;
        for _ in 0..*count {
            n += 1;
            let id = format!("J{n:04}");
            s.assigned(&id, "D02", "U-EDU");
            s.contact("2022-04-10", &id, "U-EDU");
            s.reply(
                "2022-04-20",
                &id,
                "U-EDU",
                class,
                needs_date.then_some("2022-12-31"),
            );
        }
    }
    s.ledger.year_figures(2022, d("2022-12-31")).unwrap()
}

fn printed(f: &YearFigures) -> Vec<(&str, u64, &str)> {
    f.classes_final
        .iter()
        .filter(|r| r.count > 0)
        .map(|r| (r.id.as_str(), r.count, r.percent.as_str()))
        .collect()
}

#[test]
fn shanghai_2014_prints_60_9_5_2_11_9_22_0() {
    // Shanghai government 2014: 504/43/98/182 of 827, half-up to one decimal, trailing zero
    // kept ("22.0%").
    let f = year_with(
        "shanghai",
        &[
            ("resolved", 504),
            ("in_progress", 43),
            ("planned", 98),
            ("reference", 182),
        ],
    );
    assert_eq!(f.replied, 827);
    assert_eq!(
        printed(&f),
        [
            ("resolved", 504, "60.9"),
            ("in_progress", 43, "5.2"),
            ("planned", 98, "11.9"),
            ("reference", 182, "22.0"),
        ]
    );
}

#[test]
fn changning_2021_two_decimals_and_the_npc_headline_rate() {
    // Changning 2021: 62/1/4 of 67 → 92.54 / 1.49 / 5.97 (half-up, two decimals); under the
    // NPC-style profile the headline is (A+B) over all items: 63/67 = 94.03%.
    let f = year_with("npc", &[("a", 62), ("b", 1), ("d", 4)]);
    assert_eq!(
        printed(&f),
        [("a", 62, "92.54"), ("b", 1, "1.49"), ("d", 4, "5.97")]
    );
    let headline = f
        .rates
        .iter()
        .find(|r| r.id == "solved_or_planned")
        .unwrap();
    assert_eq!(
        (headline.share.numerator, headline.share.denominator),
        (63, 67)
    );
    assert_eq!(headline.percent, "94.03");
}

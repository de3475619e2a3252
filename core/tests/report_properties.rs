//! Property tests of the annual figures on real semantics (SPEC §4, §10; issue 16):
//! - cut invariance: any year as of D reads the same on the full ledger and on the ledger
//!   cut after D;
//! - order invariance: a split item's parts replying in any order on any days give the same
//!   class, tables and rollover;
//! - counting once: replies late is the number of late reply facts, and the combined
//!   motions-and-suggestions figure is the number of distinct submissions;
//! - overlaps told: the by-system counts less the stated overlaps are the handled items.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests"
)]

mod common;

use chrono::{Days, NaiveDate};
use common::*;
use jianyi_core::generator::{generate, GeneratorConfig};
use jianyi_core::item::{DutyKind, Party};
use jianyi_core::report::{Format, Lang};
use jianyi_core::vocab::Origin;
use jianyi_core::{
    Action, AssignmentPlan, Calendar, Fact, HandlingMode, ItemKind, Ledger, ObligationStatus,
    Profile,
};
use proptest::prelude::*;

/// A small generated city-year (two work years: 2021's rolled items and 2022).
fn city(seed: u64) -> Ledger {
    generate(&GeneratorConfig::scaled(40, seed)).unwrap()
}

/// The ledger cut after `day`: the lines up to the last one dated on or before it.
fn cut_after(ledger: &Ledger, day: NaiveDate) -> Ledger {
    let events: Vec<_> = ledger
        .events()
        .iter()
        .take_while(|e| e.on <= day)
        .cloned()
        .collect();
    Ledger::replay(
        Profile::preset("seed-city").unwrap(),
        &Calendar::china(),
        events,
    )
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, .. ProptestConfig::default() })]

    /// Any year as of any day reads the same on the full ledger and on the ledger cut after
    /// that day, and on one thread or two: figures, tables and every rendering of the
    /// summary, byte for byte.
    #[test]
    fn a_year_as_of_a_day_is_the_same_on_the_ledger_cut_after_it(seed in 0u64..10_000, days in 0u64..730) {
        let full = city(seed);
        let day = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap() + Days::new(days);
        let cut = cut_after(&full, day);
        prop_assert_eq!(&full.clone().into_as_of(day).unwrap(), &*full.as_of(day).unwrap());
        let two = std::num::NonZeroUsize::new(2).unwrap();
        prop_assert_eq!(&*full.as_of_on(day, two).unwrap(), &*full.as_of(day).unwrap());
        for year in [2021, 2022] {
            let json = |l: &Ledger| {
                (
                    serde_json::to_string(&l.year_figures(year, day).unwrap()).unwrap(),
                    serde_json::to_string(&l.year_tables(year, day).unwrap()).unwrap(),
                )
            };
            prop_assert_eq!(json(&full), json(&cut), "{} as of {}", year, day);
            let (a, b) = (
                full.annual_summary(year, day).unwrap(),
                cut.annual_summary(year, day).unwrap(),
            );
            // Section 四 computed beside the rest on a second thread: the same summary.
            prop_assert_eq!(&full.annual_summary_on(year, day, two).unwrap(), &b);
            for lang in [Lang::Zh, Lang::En] {
                for format in [Format::Text, Format::Markdown, Format::Html] {
                    prop_assert_eq!(a.render(lang, format), b.render(lang, format));
                }
            }
            let (oa, ob) = (full.overdue(day).unwrap(), cut.overdue(day).unwrap());
            prop_assert_eq!(oa, ob);
        }
    }

    /// Replies late counts reply facts (a joint reply once), each found late through its own
    /// obligation; the by-kind denominator counts each submission once (a converted motion
    /// is one document); the by-system counts less the stated overlaps are the items with a
    /// lead unit, and the summary states every overlap.
    #[test]
    fn each_thing_is_counted_once_and_every_overlap_is_told(seed in 0u64..10_000) {
        let ledger = city(seed);
        let end = NaiveDate::from_ymd_opt(2022, 12, 31).unwrap();
        let f = ledger.year_figures(2022, end).unwrap();
        let mut late = 0u64;
        for e in ledger.events() {
            let Fact::ReplyIssued { item, unit, round, .. } = &e.fact else { continue };
            if ledger.item(item).unwrap().year != 2022 {
                continue;
            }
            let obligations = ledger.obligations(item, end).unwrap();
            let own: Vec<_> = obligations
                .iter()
                .filter(|o| {
                    o.kind == (DutyKind::Reply { round: *round })
                        && o.done_on == Some(e.on)
                        && matches!(&o.party, Party::Unit { id } if id == unit)
                })
                .collect();
            prop_assert_eq!(own.len(), 1, "the duty reply {} answered", e.seq);
            if own[0].status == ObligationStatus::DoneLate {
                late += 1;
            }
        }
        prop_assert_eq!(f.replies_late, late);

        let submissions = ledger
            .events()
            .iter()
            .filter(|e| match &e.fact {
                Fact::MotionSubmitted(m) => ledger.directory().sessions[&m.session].year() == 2022,
                Fact::SuggestionSubmitted(s) => s.year == 2022 && s.origin == Origin::Direct,
                _ => false,
            })
            .count();
        let t = ledger.year_tables(2022, end).unwrap();
        prop_assert_eq!(t.by_kind.denominator, u64::try_from(submissions).unwrap());
        prop_assert_eq!(t.by_kind.rows.iter().map(|r| r.count).sum::<u64>(), t.by_kind.denominator);

        let handled = ledger
            .items()
            .values()
            .filter(|it| it.kind == ItemKind::Suggestion && it.year == 2022)
            .filter(|it| it.current_assignment().is_some())
            .count();
        let counted: u64 = f.by_system.iter().map(|r| r.items).sum();
        let overlaps: u64 = f.system_overlaps.iter().map(jianyi_core::figures::SystemOverlap::extra_counts).sum();
        prop_assert_eq!(f.handled_by_systems, u64::try_from(handled).unwrap());
        prop_assert_eq!(counted - overlaps, f.handled_by_systems);
        let summary = ledger.annual_summary(2022, end).unwrap();
        let (zh, en) = (summary.render_zh(), summary.render(Lang::En, Format::Text));
        for o in &f.system_overlaps {
            let names: Vec<&str> = o.systems.iter().map(|s| s.label_zh()).collect();
            let how = if o.mode == HandlingMode::Split { "分办" } else { "合办" };
            let told = format!("{}{how}{}件", names.join("与"), o.items);
            prop_assert!(zh.contains(&told), "{} not told", told);
        }
        if !f.system_overlaps.is_empty() {
            prop_assert!(en.contains("These counts overlap"));
        }
    }
}

const CLASSES: [&str; 4] = ["resolved", "in_progress", "planned", "reference"];

/// A split item handled by `parts` (unit, class index, reply day after 14 April), replying
/// in day order (ties in the order given), then rated.
fn split_item(parts: &[(&str, usize, u64)]) -> Scenario {
    let mut s = Scenario::seed_city().unrecorded();
    s.submit("2022-02-23", "J001", "D02", &[]);
    s.register("2022-03-01", "J001");
    s.assign(
        "2022-03-31",
        "J001",
        AssignmentPlan {
            mode: HandlingMode::Split,
            leads: parts.iter().map(|(u, _, _)| unit(u)).collect(),
            co: vec![],
        },
    );
    for (u, _, _) in parts {
        s.contact("2022-04-10", "J001", u);
    }
    let mut order: Vec<&(&str, usize, u64)> = parts.iter().collect();
    order.sort_by_key(|(_, _, day)| *day);
    let mut last = d("2022-04-14");
    for (u, class, day) in order {
        let on = d("2022-04-14") + Days::new(*day);
        last = last.max(on);
        let class = CLASSES[*class];
        let promised = (class == "in_progress" || class == "planned").then_some("2023-06-30");
        s.reply(&on.to_string(), "J001", u, class, promised);
    }
    s.rate(
        &(last + Days::new(3)).to_string(),
        "J001",
        "D02",
        "satisfied",
        None,
    );
    s
}

/// What a split item shows the annual report and the year-end office.
fn seen(s: &Scenario) -> (String, String, Vec<String>) {
    let end = d("2022-12-31");
    let f = s.ledger.year_figures(2022, end).unwrap();
    let t = s.ledger.year_tables(2022, end).unwrap();
    let classes = |rows: &[jianyi_core::figures::CountShare]| {
        rows.iter().map(|r| r.count).collect::<Vec<_>>()
    };
    let figures = format!(
        "{:?} {:?} {} {} {}",
        classes(&f.classes_first_reply),
        classes(&f.classes_final),
        f.replied,
        f.replies_late,
        f.rated
    );
    let tables = format!(
        "{:?} {:?} {:?}",
        t.timeliness.rows, t.contact_before_reply.rows, t.classes_final.rows
    );
    let rollover = s
        .ledger
        .rollover_due(2022, 2023, end)
        .into_iter()
        .map(ToString::to_string)
        .collect();
    (figures, tables, rollover)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    /// The parts' replies to a split item, issued in any order on any days (inside the
    /// reply window), give the same item class, the same tables and the same rollover.
    #[test]
    fn a_split_items_class_does_not_depend_on_the_order_of_its_parts(
        classes in prop::collection::vec(0usize..4, 2..=3),
        days_a in prop::collection::vec(0u64..60, 3),
        days_b in prop::collection::vec(0u64..60, 3),
    ) {
        let units = ["U-EDU", "U-HOUSE", "U-COURT"];
        let parts = |days: &[u64]| -> Vec<(&str, usize, u64)> {
            classes.iter().enumerate().map(|(i, c)| (units[i], *c, days[i])).collect()
        };
        let a = seen(&split_item(&parts(&days_a)));
        let b = seen(&split_item(&parts(&days_b)));
        prop_assert_eq!(&a, &b);
        // The least-resolved part's class, whatever came last.
        let worst = classes.iter().max().copied().unwrap();
        let s = split_item(&parts(&days_a));
        let it = s.ledger.item(&item("J001")).unwrap();
        prop_assert_eq!(it.latest_class(&s.ledger.profile().results), Some(CLASSES[worst]));
        prop_assert_eq!(a.2.is_empty(), !classes.contains(&2));
    }
}

#[test]
fn a_view_that_needs_a_later_fact_is_refused_with_its_line() {
    // The housing bureau registers on 1 April; a reply dated 31 March to a unit registered
    // the next day cannot be read as of 31 March.
    let mut s = Scenario::seed_city().unrecorded();
    s.ok(
        "2022-04-01",
        office(),
        Action::RegisterUnit {
            unit: jianyi_core::Unit {
                id: unit("U-NEW"),
                name: "市新局".into(),
                system: jianyi_core::System::Government,
                liaison_committee: None,
            },
        },
    );
    s.submit("2022-02-23", "J001", "D02", &[]);
    s.register("2022-03-01", "J001");
    s.assign("2022-03-31", "J001", lead_only("U-NEW"));
    let e = s.ledger.year_figures(2022, d("2022-03-31")).unwrap_err();
    assert_eq!(e.code().as_str(), "ledger.inconsistent");
    assert!(e.to_string().contains("as of 2022-03-31"), "{e}");
    // As of the day after, everything applies.
    assert!(s.ledger.year_figures(2022, d("2022-04-01")).is_ok());
}

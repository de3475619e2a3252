//! Property tests (ARCHITECTURE.md §6.7): replay = fold, serde round trips, decide never
//! panics and every refusal has a committed code and changes nothing, deadlines never
//! precede their anchors and never pass the hard maximum.
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
use jianyi_core::item::DutyKind;
use jianyi_core::{
    Action, Actor, AssignmentPlan, Calendar, Closing, Command, ContactMethod, Event, HandlingMode,
    Ledger, Profile, ProfileCheck, ALL_CODES,
};
use proptest::prelude::*;

/// Kinds of random step (`to_action`).
const OPS: u8 = 29;

const UNITS: [&str; 5] = ["U-FIN", "U-EDU", "U-HOUSE", "U-YOUTH", "U-COURT"];
const CLASSES: [&str; 5] = ["resolved", "in_progress", "planned", "reference", "bogus"];
const LEVELS: [&str; 4] = ["satisfied", "basically_satisfied", "dissatisfied", "bogus"];

/// One random step: an operation on an item by a chosen actor, `day` days after 2022-02-20.
#[derive(Debug, Clone)]
struct Step {
    op: u8,
    item: u8,
    who: u8,
    day: u16,
    pick: u8,
}

fn step() -> impl Strategy<Value = Step> {
    (0u8..OPS, 0u8..6, 0u8..12, 0u16..420, 0u8..16).prop_map(|(op, item, who, day, pick)| Step {
        op,
        item,
        who,
        day,
        pick,
    })
}

fn to_action(s: &Step) -> (Actor, Action) {
    let it = item(&format!("J{:03}", s.item));
    let u = UNITS[usize::from(s.who) % UNITS.len()];
    let dep = format!("D{:02}", (s.who % 12) + 1);
    let promised = chrono::NaiveDate::from_ymd_opt(2023, 6, 30);
    match s.op {
        0 | 1 => (
            as_deputy(&dep),
            Action::SubmitSuggestion {
                item: it,
                lead: deputy(&dep),
                cosigners: vec![],
                delegation: None,
                text: text("关于某事的建议"),
                proposed_unit: None,
            },
        ),
        2 => (
            office(),
            Action::Register {
                item: it,
                topic: "social".into(),
                merge_group: None,
            },
        ),
        3 => (
            office(),
            Action::Assign {
                item: it,
                plan: lead_only(u),
            },
        ),
        4 => (
            office(),
            Action::Assign {
                item: it,
                plan: AssignmentPlan {
                    mode: if s.pick.is_multiple_of(2) {
                        HandlingMode::Split
                    } else {
                        HandlingMode::Joint
                    },
                    leads: vec![unit(u), unit(UNITS[(usize::from(s.who) + 1) % UNITS.len()])],
                    co: vec![],
                },
            },
        ),
        5 => (
            as_unit(u),
            Action::RequestReturn {
                item: it,
                reason: "不属本单位".into(),
            },
        ),
        6 => (
            office(),
            Action::DecideReturn {
                item: it,
                unit: unit(u),
                approved: s.pick.is_multiple_of(2),
            },
        ),
        7 => (
            office(),
            Action::Reassign {
                item: it,
                plan: lead_only(u),
            },
        ),
        8 | 9 => (
            as_unit(u),
            Action::RecordContact {
                item: it,
                method: ContactMethod::Visit,
            },
        ),
        10 | 11 => (
            as_unit(u),
            Action::IssueReply {
                item: it,
                class: CLASSES[usize::from(s.pick) % CLASSES.len()].into(),
                promised_by: if s.pick.is_multiple_of(3) {
                    None
                } else {
                    promised
                },
                signed_by_head: true,
                copied_to: vec![],
                leader_reviewed: false,
            },
        ),
        12 => (
            as_unit(u),
            Action::RequestExtension {
                item: it,
                until: chrono::NaiveDate::from_ymd_opt(2022, 6 + u32::from(s.pick % 6), 28)
                    .unwrap(),
                reason: "复杂".into(),
            },
        ),
        13 => (
            office(),
            Action::DecideExtension {
                item: it,
                unit: unit(u),
                approved: true,
            },
        ),
        14 | 15 => (
            as_deputy(&dep),
            Action::GiveFeedback {
                item: it,
                level: LEVELS[usize::from(s.pick) % LEVELS.len()].into(),
                attitude: None,
                result: None,
                comment: (s.pick.is_multiple_of(2)).then(|| "意见".to_owned()),
            },
        ),
        16 => (
            office(),
            Action::DecideReopen {
                item: it,
                reopen: s.pick.is_multiple_of(2),
            },
        ),
        17 => (office(), Action::RequestFollowUp { year: 2022 }),
        18 => (office(), Action::LapseFeedback { item: it }),
        19 => (
            office(),
            Action::Rollover {
                from_year: 2022,
                into_year: 2023,
            },
        ),
        20 => (
            as_deputy(&dep),
            Action::Withdraw {
                item: it,
                agreed_by: vec![deputy(&dep)],
            },
        ),
        22 => (as_deputy(&dep), Action::RequestEvaluation { item: it }),
        23 => (
            office(),
            Action::RecommendForEvaluation {
                seed: u64::from(s.pick),
                items: vec![it],
            },
        ),
        24 => (
            Actor::DirectorsMeeting,
            Action::SelectForEvaluation {
                area: "城市建设".into(),
                items: vec![it],
            },
        ),
        25 => (office(), Action::DeployEvaluation { items: vec![it] }),
        26 => (
            Actor::DirectorsMeeting,
            Action::ConcludeEvaluation {
                item: it,
                outcome: ["continue", "basically_resolved", "bogus"][usize::from(s.pick) % 3]
                    .into(),
                finding: "评估".into(),
            },
        ),
        27 => (
            Actor::DirectorsMeeting,
            Action::HonourExcellence {
                year: 2022,
                suggestions: vec![it],
                deputies: if s.pick.is_multiple_of(2) {
                    vec![deputy(&dep)]
                } else {
                    vec![]
                },
            },
        ),
        28 => (
            Actor::Assessor,
            Action::RecordAssessmentScore {
                year: 2022,
                unit: unit(u),
                indicator: ["rules", "plan", "staff", "on_time"][usize::from(s.pick) % 4].into(),
                points: jianyi_core::profile::Points::from_milli(i64::from(s.pick) * 700),
                note: String::new(),
            },
        ),
        21 => (
            office(),
            Action::Close {
                item: it,
                how: if s.pick.is_multiple_of(2) {
                    Closing::Completed
                } else {
                    Closing::TermEnd {
                        explanation: "换届".into(),
                    }
                },
            },
        ),
        _ => (office(), Action::RequestFollowUp { year: 2021 }),
    }
}

/// Runs steps in date order; returns the scenario. Panics (failing the property) if a
/// refusal has an unknown code or changes the ledger.
fn run(steps: &[Step]) -> Scenario {
    let mut s = Scenario::seed_city();
    let mut sorted = steps.to_vec();
    sorted.sort_by_key(|s| s.day);
    for st in &sorted {
        let (actor, action) = to_action(st);
        let on = d("2022-02-20") + chrono::Days::new(u64::from(st.day));
        if let Err(e) = s.run(&on.to_string(), actor, action) {
            assert!(ALL_CODES.contains(&e.code().as_str()), "{}", e.code());
        }
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    #[test]
    fn replay_equals_fold(steps in prop::collection::vec(step(), 1..120)) {
        let s = run(&steps);
        let text = s.ledger.to_jsonl().unwrap();
        let replayed = Ledger::from_jsonl(&text, Profile::default(), &Calendar::china(), ProfileCheck::Same).unwrap();
        prop_assert_eq!(&replayed, &s.ledger);
        prop_assert_eq!(replayed.to_jsonl().unwrap(), text);
    }

    #[test]
    fn statistics_kept_current_equal_a_recount_and_merge(steps in prop::collection::vec(step(), 1..120), cut in 0usize..6) {
        let s = run(&steps);
        let kept = s.ledger.tally().clone();
        prop_assert_eq!(&kept, &s.ledger.recount().unwrap());
        // Mergeable: the tallies of two disjoint sets of items add up to the whole.
        let (mut a, mut b) = (jianyi_core::tally::Tally::default(), jianyi_core::tally::Tally::default());
        for (i, it) in s.ledger.items().values().enumerate() {
            let part = jianyi_core::tally::contribution(&s.ledger, it).unwrap();
            let one = jianyi_core::tally::Tally::from_contribution(&part);
            if i % 6 < cut { a.merge(&one) } else { b.merge(&one) }
        }
        a.merge(&b);
        prop_assert_eq!(a, kept);
    }

    #[test]
    fn events_round_trip_through_json(steps in prop::collection::vec(step(), 1..80)) {
        let s = run(&steps);
        for e in s.ledger.events() {
            let json = serde_json::to_string(e).unwrap();
            let back: Event = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(&back, e);
        }
    }

    #[test]
    fn deadlines_respect_anchor_and_hard_maximum(steps in prop::collection::vec(step(), 1..120), as_of in 0u16..500) {
        let s = run(&steps);
        let as_of = d("2022-02-20") + chrono::Days::new(u64::from(as_of));
        for id in s.ledger.items().keys() {
            for o in s.ledger.obligations(id, as_of).unwrap() {
                let dl = &o.due.deadline;
                prop_assert!(dl.due >= dl.anchor, "{:?}", o);
                if let (DutyKind::Reply { .. }, Some(max)) = (o.kind, o.due.hard_maximum) {
                    prop_assert!(dl.due <= max, "{:?}", o);
                    prop_assert!(o.due.original_due.is_none_or(|orig| orig <= dl.due));
                }
            }
        }
    }

    #[test]
    fn decide_never_panics_on_arbitrary_commands(
        steps in prop::collection::vec(step(), 0..40),
        raw in prop::collection::vec((any::<u8>(), any::<u8>(), any::<u8>(), any::<u16>(), any::<u8>()), 0..40),
    ) {
        let mut s = run(&steps);
        for (i, (op, item, who, day, pick)) in raw.into_iter().enumerate() {
            let st = Step { op: op % OPS, item, who, day, pick };
            let (actor, action) = to_action(&st);
            let cmd = Command { source: None, id: format!("x{i}").parse().unwrap(), on: d("2004-01-01") + chrono::Days::new(u64::from(day)), actor, action };
            let before = s.ledger.clone();
            if let Err(e) = s.ledger.execute(&cmd) {
                prop_assert!(ALL_CODES.contains(&e.code().as_str()));
                prop_assert_eq!(&s.ledger, &before);
            }
        }
    }
}

#[test]
fn commands_and_profiles_round_trip_through_json() {
    for name in jianyi_core::profile::PRESET_NAMES {
        let p = Profile::preset(name).unwrap();
        let back: Profile = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
        assert_eq!(back, p);
    }
    for op in 0..OPS {
        let (actor, action) = to_action(&Step {
            op,
            item: 1,
            who: 2,
            day: 3,
            pick: 4,
        });
        let cmd = Command {
            source: None,
            id: "c1".parse().unwrap(),
            on: d("2022-03-01"),
            actor,
            action,
        };
        let back: Command = serde_json::from_str(&serde_json::to_string(&cmd).unwrap()).unwrap();
        assert_eq!(back, cmd);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    /// Untrusted text never panics: it is read or refused with a committed code.
    #[test]
    fn untrusted_text_is_read_or_refused(
        junk in ".{0,200}",
        cut in 0usize..4000,
    ) {
        let s = {
            let mut s = Scenario::seed_city();
            s.assigned("J001", "D02", "U-EDU");
            s
        };
        let text = s.ledger.to_jsonl().unwrap();
        let cut_text: String = text.chars().take(cut).collect();
        for candidate in [junk.clone(), cut_text.clone(), format!("{cut_text}{junk}")] {
            match Ledger::replay_jsonl(&candidate, Profile::default(), &Calendar::china(), ProfileCheck::Same) {
                Ok((ledger, err)) => {
                    if let Some(e) = err {
                        prop_assert!(ALL_CODES.contains(&e.code().as_str()));
                    }
                    prop_assert!(ledger.events().len() <= s.ledger.events().len());
                }
                Err(e) => prop_assert!(ALL_CODES.contains(&e.code().as_str())),
            }
            if let Err(e) = Profile::from_json(&candidate) {
                prop_assert!(ALL_CODES.contains(&e.code().as_str()));
            }
            if let Err(e) = Calendar::from_json(&candidate) {
                prop_assert!(ALL_CODES.contains(&e.code()));
            }
            if let Err(e) = jianyi_core::json_api::execute_json(&mut s.ledger.clone(), &candidate) {
                prop_assert!(ALL_CODES.contains(&e.code().as_str()));
            }
        }
    }
}

/// Runs the steps sorted by day, and within a day by item in the given direction: steps on
/// one item keep their order, steps on different items the same day swap.
fn run_in_item_order(steps: &[Step], reverse_items: bool) -> Scenario {
    let mut s = Scenario::seed_city().unrecorded();
    let mut sorted = steps.to_vec();
    sorted.sort_by_key(|st| {
        let item = if reverse_items {
            u8::MAX - st.item
        } else {
            st.item
        };
        (st.day, item)
    });
    for st in &sorted {
        let (actor, action) = to_action(st);
        let on = d("2022-02-20") + chrono::Days::new(u64::from(st.day));
        let _ = s.run(&on.to_string(), actor, action);
    }
    s
}

/// Every printed percentage of a set, in units of 10^-decimals percent.
fn units(percent: &str, decimals: u8) -> u64 {
    let (whole, frac) = percent.split_once('.').unwrap_or((percent, ""));
    let mut frac = frac.to_owned();
    while frac.len() < usize::from(decimals) {
        frac.push('0');
    }
    format!("{whole}{frac}").parse().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    /// Report arithmetic (issue 3): class counts sum to their totals, every rate's
    /// numerator is at most its denominator, and with largest remainder on every printed set
    /// of shares totals exactly 100.
    #[test]
    fn report_arithmetic_holds(steps in prop::collection::vec(step(), 1..120), as_of in 0u16..500) {
        let s = run(&steps);
        let as_of = d("2022-02-20") + chrono::Days::new(u64::from(as_of));
        let f = s.ledger.year_figures(2022, as_of).unwrap();
        let sum = |rows: &[jianyi_core::figures::CountShare]| rows.iter().map(|r| r.count).sum::<u64>();
        prop_assert_eq!(sum(&f.classes_first_reply), f.replied);
        prop_assert_eq!(sum(&f.classes_final), f.replied);
        prop_assert_eq!(sum(&f.classes_second_round), f.second_round_items);
        prop_assert_eq!(sum(&f.satisfaction_latest), f.rated);
        prop_assert!(f.replied <= f.suggestions_total);
        for rate in f.rates.iter().chain([&f.satisfaction_rate, &f.on_time_rate]) {
            prop_assert!(rate.share.numerator <= rate.share.denominator, "{}", rate.id);
        }

        let mut profile = Profile::preset("seed-city").unwrap();
        profile.statistics.force_total_100 = true;
        let decimals = profile.statistics.decimals;
        let forced = s.ledger.under_profile(profile, &Calendar::china()).unwrap();
        let g = forced.year_figures(2022, as_of).unwrap();
        for set in [&g.classes_first_reply, &g.classes_final, &g.classes_second_round, &g.satisfaction_latest] {
            if set.first().is_some_and(|r| r.share.denominator > 0) {
                let total: u64 = set.iter().map(|r| units(&r.percent, decimals)).sum();
                prop_assert_eq!(total, 10u64.pow(u32::from(decimals) + 2));
            }
        }
    }

    /// A report does not depend on the order of independent events: the same steps with
    /// same-day steps on different items swapped give the same figures and summary.
    #[test]
    fn reports_do_not_depend_on_the_order_of_independent_events(steps in prop::collection::vec(step(), 1..100)) {
        let a = run_in_item_order(&steps, false);
        let b = run_in_item_order(&steps, true);
        let as_of = d("2022-12-31");
        let fa = a.ledger.annual_summary(2022, as_of).unwrap();
        let fb = b.ledger.annual_summary(2022, as_of).unwrap();
        prop_assert_eq!(&fa, &fb);
        prop_assert_eq!(fa.render(jianyi_core::report::Lang::En, jianyi_core::report::Format::Html),
                        fb.render(jianyi_core::report::Lang::En, jianyi_core::report::Format::Html));
    }
}

mod recognition {
    //! Issue 5's invariants: quotas obey their rounding and the minimum of one; ties at the
    //! cut line are never split silently; assessment totals are the dimensions minus the
    //! deductions, clamped; a band never contradicts a veto.

    use jianyi_core::assessment::excellence::{quota, RankRow, Ranking, Standing};
    use jianyi_core::generator::{generate, GeneratorConfig};
    use jianyi_core::profile::{Points, Proportion, QuotaRounding};
    use jianyi_core::Profile;
    use proptest::prelude::*;

    fn rounding() -> impl Strategy<Value = QuotaRounding> {
        prop_oneof![
            Just(QuotaRounding::Floor),
            Just(QuotaRounding::HalfUp),
            Just(QuotaRounding::Ceil)
        ]
    }

    fn row(i: usize, score: i64, tie: i64, ineligible: bool) -> RankRow {
        RankRow {
            id: format!("R{i:03}"),
            name: String::new(),
            score: Points::whole(score),
            rank: 0,
            standing: Standing::Below,
            ineligible: ineligible.then(|| "excluded".to_owned()),
            reasons: vec![],
            tie_breaks: vec![tie],
            honoured: false,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

        #[test]
        fn quotas_obey_their_rounding(ppm in 0u32..=1_000_000, n in 0u64..2_000_000, r in rounding(), min_one in any::<bool>()) {
            let ratio = Proportion::from_ppm(ppm).unwrap();
            let q = quota(ratio, n, r, min_one);
            // exact = ppm·n / 10⁶; compare in integers.
            let exact = u128::from(ppm) * u128::from(n);
            let scale = 1_000_000u128;
            let raw = match r {
                QuotaRounding::Floor => exact / scale,
                QuotaRounding::Ceil => exact.div_ceil(scale),
                QuotaRounding::HalfUp => (exact + scale / 2) / scale,
            };
            let raw = u64::try_from(raw).unwrap();
            if min_one && n > 0 {
                prop_assert_eq!(q, raw.max(1));
            } else {
                prop_assert_eq!(q, raw);
            }
            prop_assert!(q <= n.max(u64::from(min_one && n > 0)));
            if n == 0 { prop_assert_eq!(q, 0); }
        }

        #[test]
        fn ties_at_the_cut_are_never_split(
            scores in prop::collection::vec((0i64..6, 0i64..2, prop::bool::weighted(0.1)), 0..60),
            ppm in 0u32..=1_000_000,
            include in any::<bool>(),
        ) {
            let mut rules = Profile::default().excellence;
            rules.include_ties_at_cut = include;
            let rows: Vec<RankRow> = scores.iter().enumerate().map(|(i, (s, t, x))| row(i, *s, *t, *x)).collect();
            let pool = u64::try_from(rows.len()).unwrap();
            let ratio = Proportion::from_ppm(ppm).unwrap();
            let r = Ranking::of(rows, pool, &rules, ratio);
            let key = |x: &RankRow| (x.score, x.tie_breaks.clone());
            let of = |st: Standing| r.rows.iter().filter(move |x| x.standing == st);
            let tied: Vec<_> = of(Standing::TiedAtCut).map(key).collect();
            // One tied key at most, and every row with that key is in the tie.
            if let Some(k) = tied.first() {
                prop_assert!(tied.iter().all(|t| t == k));
                prop_assert!(r.rows.iter().filter(|x| x.ineligible.is_none() && &key(x) == k).all(|x| x.standing == Standing::TiedAtCut));
                prop_assert!(tied.len() >= 2);
            }
            // No key is both selected and left below.
            for s in of(Standing::Selected) {
                prop_assert!(of(Standing::Below).all(|b| key(b) < key(s)));
            }
            let selected = u64::try_from(of(Standing::Selected).count()).unwrap();
            let eligible = u64::try_from(r.rows.iter().filter(|x| x.ineligible.is_none()).count()).unwrap();
            prop_assert!(selected <= r.quota);
            prop_assert_eq!(r.tied_at_cut, u64::try_from(tied.len()).unwrap());
            if tied.is_empty() {
                prop_assert_eq!(selected, r.quota.min(eligible));
            } else {
                prop_assert!(selected < r.quota && selected + r.tied_at_cut > r.quota);
            }
            prop_assert_eq!(r.allowed, if include { selected + r.tied_at_cut } else { selected });
            // Ranks never decrease down the eligible rows.
            let ranks: Vec<u64> = r.rows.iter().filter(|x| x.ineligible.is_none()).map(|x| x.rank).collect();
            prop_assert!(ranks.windows(2).all(|w| w[0] <= w[1]));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 6, .. ProptestConfig::default() })]

        #[test]
        fn assessment_totals_add_up_and_bands_obey_vetoes(seed in 0u64..10_000) {
            let ledger = generate(&GeneratorConfig::scaled(40, seed)).unwrap();
            let rules = &ledger.profile().assessment;
            let a = ledger.unit_assessment(2022, super::d("2022-12-31")).unwrap();
            prop_assert!(!a.units.is_empty());
            let band_at = |id: &str| rules.bands.iter().position(|b| b.id == id).unwrap();
            for u in &a.units {
                let sum = u.dimensions.iter().fold(Points::ZERO, |acc, d| acc.plus(d.points));
                prop_assert_eq!(sum, u.subtotal);
                for d in &u.dimensions {
                    let ind = d.indicators.iter().fold(Points::ZERO, |acc, i| acc.plus(i.points));
                    prop_assert_eq!(ind, d.points);
                    for i in &d.indicators {
                        prop_assert!(i.points >= Points::ZERO && i.points <= i.max);
                        // Every lost computed point is explained by items.
                        if i.computed && i.points < i.max {
                            prop_assert!(!i.cost_by.is_empty(), "{} lost points without items", i.id);
                        }
                    }
                }
                let deducted = u.deductions.iter().fold(Points::ZERO, |acc, d| acc.plus(d.points));
                let expect = u.subtotal.minus(deducted).max(Points::ZERO).min(a.max);
                prop_assert_eq!(u.total, expect);
                let band = band_at(&u.band);
                prop_assert!(band >= band_at(&u.band_by_points));
                for v in &u.vetoes {
                    prop_assert!(band >= band_at(&v.cap), "{} above its veto cap", u.unit);
                }
                prop_assert!(u.total >= rules.bands[band_at(&u.band_by_points)].min);
            }
        }
    }
}

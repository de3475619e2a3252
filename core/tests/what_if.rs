//! What-if under another profile (SPEC §0, analysts): the same events, other definitions.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "tests"
)]

use chrono::NaiveDate;
use jianyi_core::generator::{generate, GeneratorConfig};
use jianyi_core::profile::{RateDef, ResultDenominator};
use jianyi_core::{Calendar, Profile};

#[test]
fn the_sample_year_under_other_rate_definitions() {
    let ledger = generate(&GeneratorConfig::seed_city()).unwrap();
    let as_of = NaiveDate::from_ymd_opt(2022, 12, 31).unwrap();
    let before = ledger.year_figures(2022, as_of).unwrap();

    // An analyst's definition: resolved or planned, over every item of the year.
    let mut profile = Profile::preset("seed-city").unwrap();
    for rate in &mut profile.statistics.rates {
        if let RateDef::ResultShare { classes, over, .. } = rate {
            classes.push("planned".to_owned());
            *over = ResultDenominator::All;
        }
    }
    let what_if = ledger.under_profile(profile, &Calendar::china()).unwrap();
    assert_eq!(what_if.events(), ledger.events());
    let after = what_if.year_figures(2022, as_of).unwrap();

    let resolved = |f: &jianyi_core::YearFigures| f.classes_final[0].count;
    let planned = |f: &jianyi_core::YearFigures| f.classes_final[2].count;
    assert_eq!(before.rates[0].share.numerator, resolved(&before));
    assert_eq!(before.rates[0].share.denominator, before.replied);
    assert_eq!(
        after.rates[0].share.numerator,
        resolved(&after) + planned(&after)
    );
    assert!(after.rates[0].share.numerator > before.rates[0].share.numerator);
    assert!(after.rates[0].share.denominator >= before.rates[0].share.denominator);
    // Counts do not depend on the definitions.
    assert_eq!(after.classes_final, before.classes_final);
    // The original ledger is unchanged.
    assert_eq!(ledger.year_figures(2022, as_of).unwrap(), before);
}

#[test]
fn a_profile_without_the_ledgers_classes_is_refused_with_the_line() {
    let ledger = generate(&GeneratorConfig::seed_city()).unwrap();
    let Err(err) = ledger.under_profile(Profile::preset("npc").unwrap(), &Calendar::china()) else {
        panic!("the npc profile has no class `resolved`: the what-if must be refused");
    };
    assert_eq!(err.code().as_str(), "ledger.inconsistent");
    let message = err.to_string();
    assert!(message.contains("ledger line"), "{message}");
    assert!(
        message.contains("is not defined by profile `npc`"),
        "{message}"
    );
}

#[test]
fn the_sample_units_under_the_hainan_and_shenzhen_templates() {
    use jianyi_core::profile::{AssessmentRules, Points};
    let ledger = generate(&GeneratorConfig::seed_city()).unwrap();
    let as_of = NaiveDate::from_ymd_opt(2022, 12, 31).unwrap();
    let base = ledger.unit_assessment(2022, as_of).unwrap();
    let under = |template: &str| {
        let mut p = Profile::preset("seed-city").unwrap();
        p.assessment =
            AssessmentRules::preset(template, &p.results.classes, &p.feedback.levels).unwrap();
        let w = ledger.under_profile(p, &Calendar::china()).unwrap();
        w.unit_assessment(2022, as_of).unwrap()
    };

    // Hainan: per-item speed is all or nothing, so the speed dimension is 20 × the share of
    // items answered on time; the organisation is scored by assessors the sample never asked.
    let hainan = under("hainan");
    assert_eq!(hainan.max, Points::whole(120));
    assert_eq!(hainan.units.len(), base.units.len());
    for u in &hainan.units {
        let speed = &u.dimensions[0];
        assert_eq!(speed.id, "speed");
        let on_time = &speed.indicators[0];
        assert_eq!(
            on_time.cost_by.is_empty(),
            speed.points == Points::whole(20)
        );
        assert_eq!(
            u.dimensions[4].points,
            Points::ZERO,
            "organisation not scored"
        );
    }

    // Shenzhen: any reply past its deadline or any 不满意 makes the unit 不合格.
    let shenzhen = under("shenzhen");
    let mut failed = 0;
    for u in &shenzhen.units {
        let late = u.vetoes.iter().any(|v| v.id == "late_reply");
        if late {
            assert_eq!(u.band, "fail", "{}", u.unit);
            failed += 1;
        } else if u.vetoes.is_empty() {
            assert_eq!(u.band, u.band_by_points);
        }
    }
    assert!(failed > 0, "the sample has late replies");
    let band_counts: u64 = shenzhen.by_band.iter().map(|b| b.2).sum();
    assert_eq!(band_counts, shenzhen.units.len() as u64);
}

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

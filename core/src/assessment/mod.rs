//! 考核与评优 (assessment and excellence, SPEC §9; RULES.md §10–§11; the seed's 四).
//!
//! Decisions are facts in the ledger — an assessor's score for a manual indicator
//! (`assessment_scored`), a suggestion or a deputy honoured (`suggestion_honoured`,
//! `deputy_honoured`) — and everything computed from them is a pure projection:
//! [`units`] scores every handling unit on the profile's template with the items that cost
//! each lost point, [`excellence`] ranks suggestions and deputies against their quotas, and
//! `honours` counts what the annual report says of those rankings without listing them.

pub mod excellence;
mod honours;
#[cfg(feature = "kept-section-four")]
pub(crate) mod kept;
#[cfg(feature = "kept-section-four")]
mod led_on;
pub mod report;
pub mod units;

/// Without section 四 kept current (feature `kept-section-four`; the phone library): nothing
/// is kept and every figure is counted from the items when asked.
#[cfg(not(feature = "kept-section-four"))]
pub(crate) mod kept {
    use crate::calendar::CalendarError;
    use crate::id::ItemId;
    use crate::item::Item;
    use crate::ledger::Ledger;

    /// Nothing kept.
    #[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    pub(crate) struct Kept;

    /// Nothing added.
    #[derive(Debug, Clone, Default, PartialEq, Eq)]
    pub(crate) struct Part;

    impl Kept {
        pub(crate) fn add(&mut self, _: &ItemId, _: &Part) {}

        pub(crate) fn remove(&mut self, _: &ItemId, _: &Part) {}
    }

    #[allow(clippy::unnecessary_wraps, reason = "the signature of the kept `part`")]
    pub(crate) fn part(_: &Ledger, _: &Item) -> Result<Part, CalendarError> {
        Ok(Part)
    }
}

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::id::{DeputyId, UnitId};
use crate::profile::Points;

/// An assessor's score for one manual indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManualScore {
    /// Points given.
    pub points: Points,
    /// The assessor's note.
    pub note: String,
    /// When (a later score for the same indicator replaces it).
    pub on: NaiveDate,
}

/// What the ledger holds beyond items and the directory: assessors' scores and honoured
/// deputies, by work year.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Records {
    /// (year, unit) → indicator id → score.
    pub(crate) scores: BTreeMap<(i32, UnitId), BTreeMap<String, ManualScore>>,
    /// Year → deputies honoured as excellent.
    pub(crate) honoured_deputies: BTreeMap<i32, BTreeSet<DeputyId>>,
}

impl Records {
    /// The manual scores of `unit` for `year`.
    pub fn scores(&self, year: i32, unit: &UnitId) -> Option<&BTreeMap<String, ManualScore>> {
        self.scores.get(&(year, unit.clone()))
    }

    /// The deputies honoured for `year`.
    pub fn honoured_deputies(&self, year: i32) -> Option<&BTreeSet<DeputyId>> {
        self.honoured_deputies.get(&year)
    }
}

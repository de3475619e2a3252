//! Third-party evaluation (第三方评估) and deputies' points (履职积分) for JVM vendors
//! (feature `server`), as records: the same figures as Python's `evaluation_candidates`,
//! `evaluation_figures` and `deputy_points_table`. Every figure is the core's.

use jianyi_core::evaluation::{Candidate, EvaluationFigures};

use crate::errors::JianyiError;
use crate::types::{code_of, count, iso};
use crate::Ledger;

/// An item the profile's rule puts forward for third-party evaluation, and why.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EvaluationCandidateRecord {
    /// Item id.
    pub item: String,
    /// Title.
    pub title: String,
    /// Reason codes (`dissatisfied`, `sampled_basically_satisfied`, `repeated_unsolved`,
    /// `requested`), in that order.
    pub reasons: Vec<String>,
}

/// Items concluded with one outcome.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OutcomeCountRecord {
    /// Outcome id.
    pub outcome: String,
    /// 中文 label.
    pub label_zh: String,
    /// English label.
    pub label_en: String,
    /// Areas (方面) with an item concluded so.
    pub areas: i64,
    /// Items.
    pub items: i64,
}

/// Last year's reopened items by the class of their latest reply.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FollowUpClassRecord {
    /// Result class id.
    pub class: String,
    /// 中文 label.
    pub label_zh: String,
    /// Items.
    pub items: i64,
}

/// The year's third-party evaluation in figures.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EvaluationFiguresRecord {
    /// Items recommended.
    pub recommended: i64,
    /// Months of the recommendations.
    pub recommended_months: Vec<i32>,
    /// Items selected.
    pub selected: i64,
    /// Areas (方面) selected.
    pub areas: i64,
    /// Months of the selections.
    pub selected_months: Vec<i32>,
    /// Days of the deployment meetings.
    pub deployed_on: Vec<String>,
    /// Days of the concluding meetings.
    pub concluded_on: Vec<String>,
    /// Concluded items per outcome, in the profile's order.
    pub outcomes: Vec<OutcomeCountRecord>,
    /// Items reopened by last year's evaluation.
    pub follow_up_items: i64,
    /// Those items by the class of their latest reply since.
    pub follow_up_by_class: Vec<FollowUpClassRecord>,
    /// Those not replied to since.
    pub follow_up_unreplied: i64,
}

/// One line of a deputy's points: what, how many times, the points.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ScoreLineRecord {
    /// What (中文).
    pub what: String,
    /// How many times.
    pub times: i64,
    /// Points as printed.
    pub points: String,
    /// Points in thousandths.
    pub points_milli: i64,
}

/// A deputy's points for the year (履职积分) and the lines that make them.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DeputyPointsRecord {
    /// Deputy id.
    pub deputy: String,
    /// Name.
    pub name: String,
    /// Total as printed.
    pub total: String,
    /// Total in thousandths.
    pub total_milli: i64,
    /// Line by line, in the profile's table order.
    pub lines: Vec<ScoreLineRecord>,
    /// Suggestions led whose latest class means resolved.
    pub resolved: i64,
    /// Key items led.
    pub key_items: i64,
    /// Suggestions led.
    pub lead_items: i64,
    /// Earliest submission of the year, if any.
    pub first_submitted: Option<String>,
}

fn candidate_record(c: &Candidate) -> EvaluationCandidateRecord {
    EvaluationCandidateRecord {
        item: c.item.to_string(),
        title: c.title.clone(),
        reasons: c.reasons.iter().map(code_of).collect(),
    }
}

fn months(list: &[u32]) -> Vec<i32> {
    list.iter()
        .map(|m| i32::try_from(*m).unwrap_or(i32::MAX))
        .collect()
}

fn figures_record(f: &EvaluationFigures) -> EvaluationFiguresRecord {
    EvaluationFiguresRecord {
        recommended: count(f.recommended),
        recommended_months: months(&f.recommended_months),
        selected: count(f.selected),
        areas: count(f.areas),
        selected_months: months(&f.selected_months),
        deployed_on: f.deployed_on.iter().copied().map(iso).collect(),
        concluded_on: f.concluded_on.iter().copied().map(iso).collect(),
        outcomes: f
            .outcomes
            .iter()
            .map(|o| OutcomeCountRecord {
                outcome: o.outcome.clone(),
                label_zh: o.label.zh.clone(),
                label_en: o.label.en.clone(),
                areas: count(o.areas),
                items: count(o.items),
            })
            .collect(),
        follow_up_items: count(f.follow_up.items),
        follow_up_by_class: f
            .follow_up
            .by_class
            .iter()
            .map(|(class, label, n)| FollowUpClassRecord {
                class: class.clone(),
                label_zh: label.zh.clone(),
                items: count(*n),
            })
            .collect(),
        follow_up_unreplied: count(f.follow_up.unreplied),
    }
}

#[uniffi::export]
impl Ledger {
    /// Third-party candidates of work year `year` under the profile's rule; the
    /// basically-satisfied sample is drawn with `seed` (the same seed, the same sample).
    pub fn evaluation_candidates(
        &self,
        year: i32,
        seed: i64,
    ) -> Result<Vec<EvaluationCandidateRecord>, JianyiError> {
        // The seed is any 64-bit pattern: a negative Java long is reinterpreted, not refused.
        let seed = u64::from_ne_bytes(seed.to_ne_bytes());
        Ok(self
            .snapshot()?
            .evaluation_candidates(year, seed)
            .iter()
            .map(candidate_record)
            .collect())
    }

    /// The year's third-party evaluation in figures (recommended, selected, areas, dates,
    /// outcomes, last year's reopened items followed up).
    pub fn evaluation_figures(&self, year: i32) -> Result<EvaluationFiguresRecord, JianyiError> {
        Ok(figures_record(&self.snapshot()?.evaluation_figures(year)))
    }

    /// Every deputy's points for `year` (履职积分), with the lines that make them.
    pub fn deputy_points(&self, year: i32) -> Result<Vec<DeputyPointsRecord>, JianyiError> {
        Ok(self
            .snapshot()?
            .deputy_points(year)
            .iter()
            .map(|d| DeputyPointsRecord {
                deputy: d.deputy.to_string(),
                name: d.name.clone(),
                total: d.total.to_string(),
                total_milli: d.total.milli(),
                lines: d
                    .lines
                    .iter()
                    .map(|l| ScoreLineRecord {
                        what: l.what.clone(),
                        times: count(l.times),
                        points: l.points.to_string(),
                        points_milli: l.points.milli(),
                    })
                    .collect(),
                resolved: count(d.resolved),
                key_items: count(d.key_items),
                lead_items: count(d.lead_items),
                first_submitted: d.first_submitted.map(iso),
            })
            .collect())
    }
}

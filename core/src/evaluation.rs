//! 第三方评估 (third-party evaluation, SPEC §8; RULES.md §9; the seed's 三.3).
//!
//! The cycle of the seed: in July the deputies' affairs office recommends candidates; in
//! August the directors' meeting selects items in areas (方面); on 7 September a meeting
//! deploys the evaluation; on 21 October a joint meeting concludes each item with one of
//! the profile's outcomes. An outcome that reopens ("继续办理") sends the item back to its
//! lead units for re-handling, into the next work year when the year has ended; in April
//! of the next year the directors' meeting hears how last year's reopened items went.
//!
//! Who may be a candidate is the profile's rule ([`crate::profile::ThirdPartyRules`]):
//! dissatisfied ∪ a seeded sample of basically satisfied ∪ raised in several years without
//! a solution ∪ requested. The sample depends only on the seed and the item id
//! ([`sampled`]), so it is reproducible and the same for every caller.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::id::ItemId;
use crate::item::Item;
use crate::ledger::Ledger;
use crate::profile::{FeedbackMeaning, Label, Profile, Proportion, ResultMeaning};
use crate::vocab::ItemKind;

/// Why an item is a candidate for third-party evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CandidateReason {
    /// The deputy rated a reply 不满意.
    Dissatisfied,
    /// Rated 基本满意 and drawn in the seeded sample.
    SampledBasicallySatisfied,
    /// In the work lists of several years without a solution (多年提出未解决).
    RepeatedUnsolved,
    /// A deputy or a handling unit asked for it.
    Requested,
}

impl CandidateReason {
    /// Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            CandidateReason::Dissatisfied => "代表不满意",
            CandidateReason::SampledBasicallySatisfied => "基本满意抽样",
            CandidateReason::RepeatedUnsolved => "多年提出未解决",
            CandidateReason::Requested => "申请评估",
        }
    }
}

/// The conclusion of the joint meeting on one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conclusion {
    /// When.
    pub on: NaiveDate,
    /// The profile's outcome id.
    pub outcome: String,
    /// The evaluation's finding (necessity, feasibility, effect).
    pub finding: String,
    /// The outcome sent the item back for re-handling.
    pub reopened: bool,
}

/// An item's evaluation, stage by stage.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    /// Asked for by a deputy or unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested_on: Option<NaiveDate>,
    /// Recommended, with the reasons it was a candidate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recommended: Option<(NaiveDate, Vec<CandidateReason>)>,
    /// Selected by the directors' meeting, in an area (方面).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selected: Option<(NaiveDate, String)>,
    /// Deployed (部署会).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployed_on: Option<NaiveDate>,
    /// Concluded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concluded: Option<Conclusion>,
}

/// The stage an evaluation has reached (for `evaluation.wrong_stage`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Nothing yet (or only a request).
    None,
    /// Recommended.
    Recommended,
    /// Selected.
    Selected,
    /// Deployed.
    Deployed,
    /// Concluded.
    Concluded,
}

impl Stage {
    /// Stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::None => "none",
            Stage::Recommended => "recommended",
            Stage::Selected => "selected",
            Stage::Deployed => "deployed",
            Stage::Concluded => "concluded",
        }
    }
}

impl std::fmt::Display for Stage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Evaluation {
    /// The stage reached.
    pub fn stage(&self) -> Stage {
        if self.concluded.is_some() {
            Stage::Concluded
        } else if self.deployed_on.is_some() {
            Stage::Deployed
        } else if self.selected.is_some() {
            Stage::Selected
        } else if self.recommended.is_some() {
            Stage::Recommended
        } else {
            Stage::None
        }
    }
}

/// Whether `item` is drawn in the seeded sample of `share` (a pure function of the seed and
/// the id: the first 8 bytes of SHA-256 of `"{seed}:{item}"`, modulo one million, below the
/// share in parts per million).
pub fn sampled(seed: u64, item: &ItemId, share: Proportion) -> bool {
    let digest = Sha256::digest(format!("{seed}:{item}").as_bytes());
    let mut first = [0u8; 8];
    for (dst, src) in first.iter_mut().zip(digest.iter()) {
        *dst = *src;
    }
    let draw = u64::from_be_bytes(first)
        .checked_rem(u64::from(Proportion::SCALE))
        .unwrap_or(0);
    draw < u64::from(share.ppm())
}

/// The reasons `item` is a candidate under `profile`'s rule, with the sample `seed`; empty
/// when it is none.
pub fn candidate_reasons(profile: &Profile, item: &Item, seed: u64) -> Vec<CandidateReason> {
    let rules = &profile.third_party;
    let meaning = |level: &str| profile.level(level).map(|l| l.meaning);
    let mut reasons = Vec::new();
    if item.kind != ItemKind::Suggestion {
        return reasons;
    }
    let rated = |m: FeedbackMeaning| {
        item.feedback
            .iter()
            .filter_map(|f| f.level.as_deref())
            .any(|l| meaning(l) == Some(m))
    };
    if rules.include_dissatisfied && rated(FeedbackMeaning::Dissatisfied) {
        reasons.push(CandidateReason::Dissatisfied);
    }
    let latest_basic = item
        .latest_rating()
        .and_then(|r| r.level.as_deref())
        .is_some_and(|l| meaning(l) == Some(FeedbackMeaning::BasicallySatisfied));
    if latest_basic && sampled(seed, &item.id, rules.basically_satisfied_sample) {
        reasons.push(CandidateReason::SampledBasicallySatisfied);
    }
    let years = 1usize.saturating_add(item.rolled_into.len());
    let resolved = item
        .latest_class(&profile.results)
        .and_then(|c| profile.class(c))
        .is_some_and(|c| c.meaning == ResultMeaning::Resolved);
    if rules.repeated_years_min > 0
        && u32::try_from(years).is_ok_and(|y| y >= rules.repeated_years_min)
        && !resolved
    {
        reasons.push(CandidateReason::RepeatedUnsolved);
    }
    if item
        .evaluation
        .as_ref()
        .is_some_and(|e| e.requested_on.is_some())
    {
        reasons.push(CandidateReason::Requested);
    }
    reasons
}

/// A candidate and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    /// Item.
    pub item: ItemId,
    /// Title.
    pub title: String,
    /// Reasons, in [`CandidateReason`] order.
    pub reasons: Vec<CandidateReason>,
}

/// One outcome's count in a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeCount {
    /// Outcome id.
    pub outcome: String,
    /// Label.
    pub label: Label,
    /// Areas (方面) with an item concluded so.
    pub areas: u64,
    /// Items.
    pub items: u64,
}

/// How last year's reopened items went (the seed: "4件重新办理的建议中，结果为解决采纳的*件、
/// 正在解决的*件").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationFollowUp {
    /// Items reopened by last year's evaluation.
    pub items: u64,
    /// By the class of the latest reply since the conclusion, in the profile's class order.
    pub by_class: Vec<(String, Label, u64)>,
    /// Not replied since.
    pub unreplied: u64,
}

/// The year's third-party evaluation in figures.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationFigures {
    /// Items recommended.
    pub recommended: u64,
    /// Months of the recommendations.
    pub recommended_months: Vec<u32>,
    /// Items selected.
    pub selected: u64,
    /// Areas (方面) selected.
    pub areas: u64,
    /// Months of the selections.
    pub selected_months: Vec<u32>,
    /// Dates of the deployment meetings.
    pub deployed_on: Vec<NaiveDate>,
    /// Dates of the concluding meetings.
    pub concluded_on: Vec<NaiveDate>,
    /// Concluded items per outcome, in the profile's order.
    pub outcomes: Vec<OutcomeCount>,
    /// Last year's reopened items.
    pub follow_up: EvaluationFollowUp,
}

impl EvaluationFigures {
    /// Whether the ledger holds any evaluation fact for the year.
    pub fn is_empty(&self) -> bool {
        self.recommended == 0 && self.selected == 0 && self.follow_up.items == 0
    }
}

fn count(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

impl Ledger {
    /// The candidates of work year `year` under the profile's rule with sample `seed`, in
    /// item order: suggestions of the year (or rolled into it) that were replied to and are
    /// not yet recommended.
    pub fn evaluation_candidates(&self, year: i32, seed: u64) -> Vec<Candidate> {
        self.items
            .values()
            .filter(|it| it.in_work_list(year) && !it.replies.is_empty())
            .filter(|it| {
                it.evaluation
                    .as_ref()
                    .is_none_or(|e| e.recommended.is_none())
            })
            .filter_map(|it| {
                let reasons = candidate_reasons(&self.profile, it, seed);
                (!reasons.is_empty()).then(|| Candidate {
                    item: it.id.clone(),
                    title: it.text.title.clone(),
                    reasons,
                })
            })
            .collect()
    }

    /// The third-party evaluation of `year`: recommended in the year, selected, deployed,
    /// concluded per outcome, and last year's reopened items followed up.
    pub fn evaluation_figures(&self, year: i32) -> EvaluationFigures {
        let mut f = EvaluationFigures::default();
        let mut areas: BTreeSet<&str> = BTreeSet::new();
        let mut outcome_areas: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        let mut outcome_items: BTreeMap<&str, u64> = BTreeMap::new();
        let (mut rec_months, mut sel_months) = (BTreeSet::new(), BTreeSet::new());
        let (mut deployed, mut concluded) = (BTreeSet::new(), BTreeSet::new());
        let mut follow: BTreeMap<&str, u64> = BTreeMap::new();
        for it in self.items.values() {
            let Some(ev) = &it.evaluation else { continue };
            if let Some((on, _)) = ev.recommended.as_ref().filter(|(on, _)| on.year() == year) {
                f.recommended = f.recommended.saturating_add(1);
                rec_months.insert(on.month());
            }
            let area = ev.selected.as_ref().filter(|(on, _)| on.year() == year);
            if let Some((on, area)) = area {
                f.selected = f.selected.saturating_add(1);
                sel_months.insert(on.month());
                areas.insert(area);
                if let Some(d) = ev.deployed_on {
                    deployed.insert(d);
                }
                if let Some(c) = &ev.concluded {
                    concluded.insert(c.on);
                    outcome_areas
                        .entry(c.outcome.as_str())
                        .or_default()
                        .insert(area);
                    let n = outcome_items.entry(c.outcome.as_str()).or_default();
                    *n = n.saturating_add(1);
                }
            }
            let reopened_last_year = ev
                .concluded
                .as_ref()
                .filter(|c| c.reopened && c.on.year() == year.saturating_sub(1));
            if let Some(c) = reopened_last_year {
                f.follow_up.items = f.follow_up.items.saturating_add(1);
                match it.replies.iter().rev().find(|r| r.on > c.on) {
                    Some(r) => {
                        let n = follow.entry(r.class.as_str()).or_default();
                        *n = n.saturating_add(1);
                    }
                    None => f.follow_up.unreplied = f.follow_up.unreplied.saturating_add(1),
                }
            }
        }
        f.areas = count(areas.len());
        f.recommended_months = rec_months.into_iter().collect();
        f.selected_months = sel_months.into_iter().collect();
        f.deployed_on = deployed.into_iter().collect();
        f.concluded_on = concluded.into_iter().collect();
        f.outcomes = self
            .profile
            .third_party
            .outcomes
            .iter()
            .map(|o| OutcomeCount {
                outcome: o.id.clone(),
                label: o.label.clone(),
                areas: outcome_areas
                    .get(o.id.as_str())
                    .map_or(0, |a| count(a.len())),
                items: outcome_items.get(o.id.as_str()).copied().unwrap_or(0),
            })
            .collect();
        f.follow_up.by_class = self
            .profile
            .results
            .classes
            .iter()
            .map(|c| {
                let n = follow.get(c.id.as_str()).copied().unwrap_or(0);
                (c.id.clone(), c.label.clone(), n)
            })
            .collect();
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_is_a_pure_function_of_seed_and_id() {
        let share = Proportion::from_ppm(200_000).unwrap();
        let ids: Vec<ItemId> = (0..2000)
            .map(|i| format!("J2022-{i:04}").parse().unwrap())
            .collect();
        let a: Vec<bool> = ids.iter().map(|i| sampled(7, i, share)).collect();
        let b: Vec<bool> = ids.iter().map(|i| sampled(7, i, share)).collect();
        assert_eq!(a, b);
        let drawn = a.iter().filter(|x| **x).count();
        // 20% of 2000 = 400; a fair hash stays well within ±80.
        assert!((320..=480).contains(&drawn), "{drawn}");
        let other: Vec<bool> = ids.iter().map(|i| sampled(8, i, share)).collect();
        assert_ne!(a, other, "another seed draws another sample");
        assert!(ids
            .iter()
            .all(|i| !sampled(7, i, Proportion::from_ppm(0).unwrap())));
        assert!(ids
            .iter()
            .all(|i| sampled(7, i, Proportion::from_ppm(1_000_000).unwrap())));
    }
}

//! 路由评测 (routing evaluation): how often routing names the right kind of department on
//! real suggestions whose answering unit is known (issue 21's development set,
//! `core/tests/data/routing-dev/`).
//!
//! A case is right at top 1 when the proposed lead unit does the kind of work of the unit that
//! really answered; right at top 3 when one of the first three candidates does. The kinds of
//! the real unit are recognised from its name by the same table routing uses (a merged
//! 文化广电旅游体育局 does culture and sports; a 交警大队 is part of the 公安局, so either
//! answers for the other); a case whose unit name the table does not recognise keeps the kind
//! its collector gave it, and is listed so the table can be checked.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::profile::unit_kinds::recognise_all;

use super::{Screener, Submission, UnitCandidate};

/// A real suggestion with the unit that answered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutingCase {
    /// Case id.
    pub id: String,
    /// The suggestion's title.
    pub title: String,
    /// A short excerpt of the deputy's text, if the source quotes one.
    #[serde(default)]
    pub excerpt: String,
    /// The answering lead unit, as the source names it.
    pub lead: String,
    /// Co-handling units the source names.
    #[serde(default)]
    pub co: Vec<String>,
    /// The lead unit's kind, as the collector read its name.
    pub kind: String,
    /// `city`, `county`, `district` or `province`.
    #[serde(default)]
    pub level: String,
    /// Where.
    #[serde(default)]
    pub locality: String,
    /// Year, if known.
    #[serde(default)]
    pub year: Option<i32>,
    /// The source's address.
    #[serde(default)]
    pub source: String,
}

/// Right answers of one kind of department.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindScore {
    /// Cases whose real unit is of this kind.
    pub cases: u64,
    /// Lead of the right kind.
    pub top1: u64,
    /// The right kind among the first three candidates.
    pub top3: u64,
}

/// The evaluation of a set of cases.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutingEvaluation {
    /// Every case.
    pub cases: u64,
    /// Lead of the right kind.
    pub top1: u64,
    /// The right kind among the first three candidates.
    pub top3: u64,
    /// By the real unit's kind.
    pub by_kind: BTreeMap<String, KindScore>,
    /// (real kind, proposed kind or `none`) → cases, for the wrong leads.
    pub confusions: BTreeMap<(String, String), u64>,
    /// The wrong leads: (case id, real kind, proposed kind or `none`).
    pub misses: Vec<(String, String, String)>,
    /// Cases whose unit name the kind table read otherwise than the collector:
    /// (case id, unit name, collector's kind, recognised kind or `none`).
    pub unrecognised: Vec<(String, String, String, String)>,
}

impl RoutingEvaluation {
    /// Top-1 accuracy in thousandths.
    pub fn top1_permille(&self) -> u64 {
        (self.top1.saturating_mul(1000))
            .checked_div(self.cases)
            .unwrap_or(0)
    }

    /// Top-3 accuracy in thousandths.
    pub fn top3_permille(&self) -> u64 {
        (self.top3.saturating_mul(1000))
            .checked_div(self.cases)
            .unwrap_or(0)
    }
}

impl Screener {
    /// Routes every case and scores the answers by department kind.
    pub fn evaluate(&self, cases: &[RoutingCase]) -> RoutingEvaluation {
        let mut e = RoutingEvaluation::default();
        let kinds = &self.kinds;
        let part_of = |k: &str| -> Option<&str> {
            kinds
                .iter()
                .find(|x| x.id == k)
                .and_then(|x| x.part_of.as_deref())
        };
        for case in cases {
            let recognised = self.unit_kind(&case.lead);
            if recognised != Some(case.kind.as_str()) {
                e.unrecognised.push((
                    case.id.clone(),
                    case.lead.clone(),
                    case.kind.clone(),
                    recognised.unwrap_or("none").to_owned(),
                ));
            }
            let truth = recognised.unwrap_or(case.kind.as_str()).to_owned();
            let mut truth_kinds: Vec<&str> = recognise_all(kinds, &case.lead)
                .iter()
                .map(|k| k.id.as_str())
                .collect();
            if truth_kinds.is_empty() {
                truth_kinds.push(case.kind.as_str());
            }
            // The real unit's work: its kinds, the body it is part of, and its parts.
            let does = |unit: &UnitCandidate| -> bool {
                let Some(u) = self.units.iter().find(|u| u.id == unit.unit) else {
                    return false;
                };
                u.kinds.iter().any(|k| {
                    truth_kinds
                        .iter()
                        .any(|t| k == t || part_of(k) == Some(*t) || part_of(t) == Some(k.as_str()))
                })
            };
            let answer = self.route(&Submission::new(&case.title, &case.excerpt));
            let lead_kind = answer
                .lead
                .as_ref()
                .and_then(|c| c.kind.as_deref())
                .unwrap_or("none");
            let right = answer.lead.as_ref().is_some_and(does);
            let in_top3 = answer.candidates.iter().take(3).any(does);
            let row = e.by_kind.entry(truth.clone()).or_default();
            row.cases = row.cases.saturating_add(1);
            e.cases = e.cases.saturating_add(1);
            if right {
                row.top1 = row.top1.saturating_add(1);
                e.top1 = e.top1.saturating_add(1);
            } else {
                let n = e
                    .confusions
                    .entry((truth.clone(), lead_kind.to_owned()))
                    .or_default();
                *n = n.saturating_add(1);
                e.misses
                    .push((case.id.clone(), truth.clone(), lead_kind.to_owned()));
            }
            if in_top3 {
                row.top3 = row.top3.saturating_add(1);
                e.top3 = e.top3.saturating_add(1);
            }
        }
        e
    }
}

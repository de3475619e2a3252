//! 承办单位考核评价 (unit assessment, SPEC §9; RULES.md §10; the seed's 四: "从建章立制、人员配备、
//! 代表沟通、规范答复、办理成效等方面对承办单位的建议办理工作进行考核").
//!
//! Each unit with items in the year's work list is scored on the profile's template:
//! computed indicators are `points × the share of the unit's items that meet the measure`
//! (a weighted share for the result mix), manual ones are the assessors' recorded scores.
//! Deductions are per triggering item; the total is the dimensions' sum minus deductions,
//! clamped to `0..=max` (扣完为止). The band comes from the total, capped by any veto. Every
//! lost point names the items that cost it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::CalendarError;
use crate::id::{ItemId, UnitId};
use crate::item::{DutyKind, HandlerRole, Item, Party};
use crate::ledger::Ledger;
use crate::obligations::{duty_status, ObligationStatus};
use crate::profile::{
    AssessmentRules, IndicatorSource, ItemScope, Label, Measure, Points, ResultRules, Trigger,
};

/// One indicator's score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorScore {
    /// Indicator id.
    pub id: String,
    /// Label.
    pub label: Label,
    /// Most points.
    pub max: Points,
    /// Points earned.
    pub points: Points,
    /// Computed from the ledger (`false`: scored by assessors).
    pub computed: bool,
    /// Items measured (computed indicators).
    pub measured: u64,
    /// The items that cost points, in id order.
    pub cost_by: Vec<ItemId>,
    /// Why points were lost, in words.
    pub explanation: String,
}

/// One dimension's score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DimensionScore {
    /// Dimension id.
    pub id: String,
    /// Label.
    pub label: Label,
    /// Most points.
    pub max: Points,
    /// Points earned.
    pub points: Points,
    /// Indicators.
    pub indicators: Vec<IndicatorScore>,
}

/// A deduction applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeductionApplied {
    /// Deduction id.
    pub id: String,
    /// Label.
    pub label: Label,
    /// Points lost.
    pub points: Points,
    /// The items that triggered it.
    pub items: Vec<ItemId>,
}

/// A veto that capped the band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VetoApplied {
    /// Veto id.
    pub id: String,
    /// Label.
    pub label: Label,
    /// The band it caps at.
    pub cap: String,
    /// The items that triggered it.
    pub items: Vec<ItemId>,
}

/// A unit's assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitAssessment {
    /// Unit.
    pub unit: UnitId,
    /// Name.
    pub name: String,
    /// Ranking group id.
    pub group: String,
    /// Lead items in the year's work list.
    pub lead_items: u64,
    /// Co-handled items.
    pub co_items: u64,
    /// Dimensions.
    pub dimensions: Vec<DimensionScore>,
    /// Sum of the dimensions.
    pub subtotal: Points,
    /// Deductions applied.
    pub deductions: Vec<DeductionApplied>,
    /// The total: subtotal minus deductions, clamped to `0..=max`.
    pub total: Points,
    /// The band the total reaches.
    pub band_by_points: String,
    /// Vetoes that apply.
    pub vetoes: Vec<VetoApplied>,
    /// The band after vetoes.
    pub band: String,
    /// The band's label.
    pub band_label: Label,
    /// Competition rank within the group by total (1, 2, 2, 4 …).
    pub rank_in_group: u64,
}

/// The year's assessment of every unit with items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    /// Work year.
    pub year: i32,
    /// The date the ledger-computed indicators are taken at.
    pub as_of: NaiveDate,
    /// The template's maximum.
    pub max: Points,
    /// Units in group order, then by rank, then by id.
    pub units: Vec<UnitAssessment>,
    /// Units per band, in the profile's band order.
    pub by_band: Vec<(String, Label, u64)>,
}

/// What the assessment needs of an item's duty: who owes it, what, and its status as of the
/// day asked (an [`crate::obligations::Obligation`] without its explanation).
pub(super) struct DutyState<'a> {
    party: &'a Party,
    kind: DutyKind,
    status: ObligationStatus,
}

/// Appends every duty of `item` still owed or done, with its status as of `as_of`, to `out`.
pub(super) fn push_duty_states<'a>(
    ledger: &Ledger,
    item: &'a Item,
    as_of: NaiveDate,
    out: &mut Vec<DutyState<'a>>,
) -> Result<(), CalendarError> {
    for d in item.duties.iter().filter(|d| d.cancelled_on.is_none()) {
        out.push(DutyState {
            party: &d.party,
            kind: d.kind,
            status: duty_status(&ledger.profile, &ledger.calendar, d, as_of)?,
        });
    }
    Ok(())
}

/// What one item gives a measure: `None` when it does not apply, else thousandths met.
pub(super) fn measure_item(
    results: &ResultRules,
    unit: &UnitId,
    item: &Item,
    obligations: &[DutyState<'_>],
    measure: &Measure,
) -> Option<u32> {
    // The unit's own replies, read only by the measures about replies.
    let replies = || item.replies.iter().filter(move |r| &r.unit == unit);
    let all = |ok: bool| Some(if ok { 1000 } else { 0 });
    let late = |o: &DutyState<'_>| {
        matches!(
            o.status,
            ObligationStatus::DoneLate | ObligationStatus::Overdue
        )
    };
    // The unit's settled duties of the kinds asked: all on time (1000), one late (0), or
    // none to measure.
    let on_time = |kinds: fn(DutyKind) -> bool| {
        let mut owed = obligations.iter().filter(|o| {
            matches!(o.party, Party::Unit { id } if id == unit)
                && kinds(o.kind)
                && matches!(
                    o.status,
                    ObligationStatus::Done | ObligationStatus::DoneLate | ObligationStatus::Overdue
                )
        });
        let first = owed.next()?;
        all(!late(first) && !owed.any(late))
    };
    match measure {
        Measure::RepliesOnTime => on_time(|k| matches!(k, DutyKind::Reply { .. })),
        Measure::ContactBeforeReply => {
            let first = replies().next()?;
            all(item
                .contacts
                .iter()
                .any(|(u, on, _)| u == unit && *on <= first.on))
        }
        Measure::SignedByHead => {
            replies().next()?;
            all(replies().all(|r| r.signed_by_head))
        }
        Measure::CopiedTo { recipients } => {
            replies().next()?;
            all(replies().all(|r| recipients.iter().all(|x| r.copied_to.contains(x))))
        }
        Measure::ResultMix { weights } => {
            let class = item.class_for_unit(unit, results)?;
            Some(
                weights
                    .iter()
                    .find(|w| w.class == class)
                    .map_or(0, |w| w.permille.min(1000)),
            )
        }
        Measure::Satisfaction { levels } => {
            let level = item.latest_rating()?.level.as_deref()?;
            all(levels.iter().any(|l| l == level))
        }
        Measure::NotRehandled => {
            (!item.assignments.is_empty()).then_some(())?;
            all(item.reopened_on.is_empty())
        }
        Measure::CoOpinionsOnTime => {
            on_time(|k| matches!(k, DutyKind::CoOpinion | DutyKind::CoOpinionRedo))
        }
    }
}

pub(super) fn triggered(
    results: &ResultRules,
    unit: &UnitId,
    item: &Item,
    obligations: &[DutyState<'_>],
    t: &Trigger,
) -> bool {
    match t {
        Trigger::Rated { levels } => item
            .latest_rating()
            .and_then(|r| r.level.as_deref())
            .is_some_and(|l| levels.iter().any(|x| x == l)),
        Trigger::Class { classes } => item
            .class_for_unit(unit, results)
            .is_some_and(|c| classes.iter().any(|x| x == c)),
        Trigger::LateReply => {
            measure_item(results, unit, item, obligations, &Measure::RepliesOnTime) == Some(0)
        }
    }
}

/// A unit's items of the year with their obligations, by role.
struct UnitItems<'a> {
    lead: Vec<(&'a Item, &'a [DutyState<'a>])>,
    co: Vec<(&'a Item, &'a [DutyState<'a>])>,
}

fn score_unit(
    ledger: &Ledger,
    rules: &AssessmentRules,
    year: i32,
    unit: &UnitId,
    items: &UnitItems<'_>,
) -> (Vec<DimensionScore>, Vec<DeductionApplied>, Vec<VetoApplied>) {
    let manual = ledger.records.scores(year, unit);
    let dimensions = rules
        .dimensions
        .iter()
        .map(|d| {
            let indicators: Vec<IndicatorScore> = d
                .indicators
                .iter()
                .map(|ind| match &ind.source {
                    IndicatorSource::Computed { measure, over } => {
                        let pool = match over {
                            ItemScope::Lead => &items.lead,
                            ItemScope::Co => &items.co,
                        };
                        let mut sum = 0u64;
                        let mut n = 0u64;
                        let mut cost_by = Vec::new();
                        for (it, obl) in pool {
                            if let Some(m) =
                                measure_item(&ledger.profile.results, unit, it, obl, measure)
                            {
                                n = n.saturating_add(1);
                                sum = sum.saturating_add(u64::from(m));
                                if m < 1000 {
                                    cost_by.push(it.id.clone());
                                }
                            }
                        }
                        let points = ind.points.share(sum, n.saturating_mul(1000));
                        let explanation = if n == 0 {
                            "no item to measure: full points".to_owned()
                        } else if cost_by.is_empty() {
                            format!("all {n} items meet it")
                        } else {
                            format!("{} of {n} items fall short", cost_by.len())
                        };
                        IndicatorScore {
                            id: ind.id.clone(),
                            label: ind.label.clone(),
                            max: ind.points,
                            points,
                            computed: true,
                            measured: n,
                            cost_by,
                            explanation,
                        }
                    }
                    IndicatorSource::Manual => {
                        let score = manual.and_then(|m| m.get(&ind.id));
                        IndicatorScore {
                            id: ind.id.clone(),
                            label: ind.label.clone(),
                            max: ind.points,
                            points: score.map_or(Points::ZERO, |s| s.points.min(ind.points)),
                            computed: false,
                            measured: 0,
                            cost_by: Vec::new(),
                            explanation: score.map_or_else(
                                || "not scored by the assessors".to_owned(),
                                |s| s.note.clone(),
                            ),
                        }
                    }
                })
                .collect();
            DimensionScore {
                id: d.id.clone(),
                label: d.label.clone(),
                max: d
                    .indicators
                    .iter()
                    .fold(Points::ZERO, |a, i| a.plus(i.points)),
                points: indicators
                    .iter()
                    .fold(Points::ZERO, |a, i| a.plus(i.points)),
                indicators,
            }
        })
        .collect();
    let hits = |t: &Trigger| -> Vec<ItemId> {
        items
            .lead
            .iter()
            .filter(|(it, obl)| triggered(&ledger.profile.results, unit, it, obl, t))
            .map(|(it, _)| it.id.clone())
            .collect()
    };
    let deductions = rules
        .deductions
        .iter()
        .filter_map(|d| {
            let items = hits(&d.trigger);
            (!items.is_empty()).then(|| DeductionApplied {
                id: d.id.clone(),
                label: d.label.clone(),
                points: d
                    .per_item
                    .times(u64::try_from(items.len()).unwrap_or(u64::MAX)),
                items,
            })
        })
        .collect();
    let vetoes = rules
        .vetoes
        .iter()
        .filter_map(|v| {
            let items = hits(&v.trigger);
            (!items.is_empty()).then(|| VetoApplied {
                id: v.id.clone(),
                label: v.label.clone(),
                cap: v.cap.clone(),
                items,
            })
        })
        .collect();
    (dimensions, deductions, vetoes)
}

/// The band index a total reaches (bands best first; the last starts at 0).
pub(super) fn band_index(rules: &AssessmentRules, total: Points) -> usize {
    rules
        .bands
        .iter()
        .position(|b| total >= b.min)
        .unwrap_or(rules.bands.len().saturating_sub(1))
}

impl Ledger {
    /// The unit assessment of work year `year` from this ledger as it stands, obligations
    /// taken as of `as_of` ([`Ledger::unit_assessment`] reads the view as of that day).
    ///
    /// # Errors
    /// `calendar.out_of_range` when a due date falls outside the calendar.
    pub(crate) fn compute_unit_assessment(
        &self,
        year: i32,
        as_of: NaiveDate,
    ) -> Result<Assessment, CalendarError> {
        let p = &self.profile;
        let rules = &p.assessment;
        // Each handled item of the work list with its obligations, computed once.
        // The duty states of every handled item in one buffer, each item's a range of it
        // (not a million small allocations).
        let mut states: Vec<DutyState<'_>> = Vec::new();
        let mut handled: Vec<(&Item, std::ops::Range<usize>)> = Vec::new();
        for it in self
            .items
            .values()
            .filter(|it| it.in_work_list(year) && !it.handlers.is_empty())
        {
            let from = states.len();
            push_duty_states(self, it, as_of, &mut states)?;
            handled.push((it, from..states.len()));
        }
        let mut by_unit: BTreeMap<&UnitId, UnitItems<'_>> = BTreeMap::new();
        for (it, range) in &handled {
            let obligations = states.get(range.clone()).unwrap_or_default();
            for (unit, h) in &it.handlers {
                let entry = by_unit.entry(unit).or_insert_with(|| UnitItems {
                    lead: Vec::new(),
                    co: Vec::new(),
                });
                match h.role {
                    HandlerRole::Lead => entry.lead.push((it, obligations)),
                    HandlerRole::Co => entry.co.push((it, obligations)),
                }
            }
        }
        let max = rules.max_points();
        let mut units: Vec<UnitAssessment> = Vec::new();
        for (unit, items) in &by_unit {
            let Some(u) = self.directory.units.get(*unit) else {
                continue;
            };
            let (dimensions, deductions, vetoes) = score_unit(self, rules, year, unit, items);
            let subtotal = dimensions
                .iter()
                .fold(Points::ZERO, |a, d| a.plus(d.points));
            let deducted = deductions
                .iter()
                .fold(Points::ZERO, |a, d| a.plus(d.points));
            // INVARIANT: total = clamp(Σ dimensions − Σ deductions, 0, max) (property-tested).
            let total = subtotal.minus(deducted).max(Points::ZERO).min(max);
            let by_points = band_index(rules, total);
            let capped = vetoes
                .iter()
                .filter_map(|v| rules.bands.iter().position(|b| b.id == v.cap))
                .fold(by_points, usize::max);
            let band_of = |i: usize| rules.bands.get(i);
            let group = rules
                .groups
                .iter()
                .find(|g| g.systems.contains(&u.system))
                .map_or_else(String::new, |g| g.id.clone());
            units.push(UnitAssessment {
                unit: (*unit).clone(),
                name: u.name.clone(),
                group,
                lead_items: u64::try_from(items.lead.len()).unwrap_or(u64::MAX),
                co_items: u64::try_from(items.co.len()).unwrap_or(u64::MAX),
                dimensions,
                subtotal,
                deductions,
                total,
                band_by_points: band_of(by_points).map_or_else(String::new, |b| b.id.clone()),
                vetoes,
                band: band_of(capped).map_or_else(String::new, |b| b.id.clone()),
                band_label: band_of(capped).map_or_else(|| Label::new("", ""), |b| b.label.clone()),
                rank_in_group: 0,
            });
        }
        let group_order = |g: &str| rules.groups.iter().position(|x| x.id == g);
        units.sort_by(|a, b| {
            group_order(&a.group)
                .cmp(&group_order(&b.group))
                .then(b.total.cmp(&a.total))
                .then_with(|| a.unit.cmp(&b.unit))
        });
        let mut prev: Option<(&str, Points)> = None;
        let mut ranks = Vec::with_capacity(units.len());
        let mut in_group = 0u64;
        let mut rank = 0u64;
        for u in &units {
            if prev.is_none_or(|(g, _)| g != u.group) {
                in_group = 0;
            }
            in_group = in_group.saturating_add(1);
            if prev != Some((u.group.as_str(), u.total)) {
                rank = in_group;
            }
            prev = Some((u.group.as_str(), u.total));
            ranks.push(rank);
        }
        for (u, r) in units.iter_mut().zip(ranks) {
            u.rank_in_group = r;
        }
        let by_band = rules
            .bands
            .iter()
            .map(|b| {
                let n = units.iter().filter(|u| u.band == b.id).count();
                (
                    b.id.clone(),
                    b.label.clone(),
                    u64::try_from(n).unwrap_or(u64::MAX),
                )
            })
            .collect();
        Ok(Assessment {
            year,
            as_of,
            max,
            units,
            by_band,
        })
    }
}

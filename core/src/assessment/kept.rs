//! 第四部分随办随记 (section 四 kept current; issue 22, "the compact state"): what each item
//! adds to its units' indicators (承办单位考评), to its deputies' points (履职积分) and to the
//! year's pool of excellent suggestions (优秀建议), summed as events are applied like the
//! year's counts ([`crate::tally`]).
//!
//! The ledger keeps a [`Kept`] beside its tally: executing a command takes the touched items'
//! old [`Part`]s out and their new ones in, a replay sums every item once at the end. The
//! annual summary and the report's tables then read sums: the units' bands from their
//! indicator sums, the deputies' points from their counted events, the honours' cut line from
//! one walk down the suggestions' scores. The full lists (every unit's lost points with the
//! items that cost them, every candidate's row) are still computed from the items when asked
//! for ([`Ledger::unit_assessment`], [`Ledger::excellence`]), and the from-scratch counts
//! are the oracle the kept ones are tested against.
//!
//! One part of an item depends on the day asked: a duty still open is overdue or not as of
//! that day. An item with an open duty is therefore kept by id, not by sums, and measured
//! when asked (as the tally counts overdue obligations).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::calendar::CalendarError;
use crate::id::{DeputyId, ItemId, UnitId};
use crate::item::{HandlerRole, Item, ItemStatus};
use crate::ledger::Ledger;
use crate::profile::{
    AssessmentRules, ExcellenceRules, IndicatorSource, ItemScope, PointEvent, Points, Proportion,
    ResultMeaning,
};
use crate::vocab::ItemKind;

use super::excellence::{
    merit_points, quota, rank_key, suggestion_ineligible, suggestion_tie_breaks, DeputyTally,
    RankKey,
};
use super::honours::HonourCounts;
use super::led_on::LedOn;
use super::report::UnitBands;
use super::units::{band_index, measure_item, push_duty_states, triggered};

/// What items add to one unit's assessment of a year: one item's share, or the sum of all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct UnitSums {
    /// Items led.
    lead: u64,
    /// Items co-handled.
    co: u64,
    /// Per indicator of the template, dimensions flattened in order (manual ones stay
    /// zero): items measured and thousandths met.
    measures: Vec<(u64, u64)>,
    /// Per deduction, then per veto: items led that trigger it.
    hits: Vec<u64>,
}

fn plus(a: &mut u64, b: u64) {
    *a = a.saturating_add(b);
}

fn less(a: &mut u64, b: u64) {
    *a = a.saturating_sub(b);
}

impl UnitSums {
    /// Nothing, shaped for `rules`.
    fn zero(rules: &AssessmentRules) -> UnitSums {
        let indicators = rules.dimensions.iter().map(|d| d.indicators.len()).sum();
        UnitSums {
            lead: 0,
            co: 0,
            measures: vec![(0, 0); indicators],
            hits: vec![0; rules.deductions.len().saturating_add(rules.vetoes.len())],
        }
    }

    fn add(&mut self, other: &UnitSums) {
        self.apply(other, plus);
    }

    fn remove(&mut self, other: &UnitSums) {
        self.apply(other, less);
    }

    fn apply(&mut self, other: &UnitSums, op: fn(&mut u64, u64)) {
        op(&mut self.lead, other.lead);
        op(&mut self.co, other.co);
        if self.measures.len() < other.measures.len() {
            self.measures.resize(other.measures.len(), (0, 0));
        }
        for ((n, sum), (m, s)) in self.measures.iter_mut().zip(&other.measures) {
            op(n, *m);
            op(sum, *s);
        }
        if self.hits.len() < other.hits.len() {
            self.hits.resize(other.hits.len(), 0);
        }
        for (h, o) in self.hits.iter_mut().zip(&other.hits) {
            op(h, *o);
        }
    }

    /// No item left: the unit is not assessed.
    fn is_empty(&self) -> bool {
        self.lead == 0 && self.co == 0
    }
}

/// A deputy's counted point events of a year (`DeputyTally`, with every submission date
/// led so that one can be taken out again).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DeputySums {
    events: [u64; PointEvent::ALL.len()],
    /// Dates of the submissions led, with how many on each, in date order.
    led_on: LedOn,
}

impl DeputySums {
    fn add(&mut self, e: PointEvent, on: NaiveDate) {
        if let Some(n) = self.events.get_mut(e.ordinal()) {
            plus(n, 1);
        }
        if led(e) {
            self.led_on.add(on);
        }
    }

    fn remove(&mut self, e: PointEvent, on: NaiveDate) {
        if let Some(n) = self.events.get_mut(e.ordinal()) {
            less(n, 1);
        }
        if led(e) {
            self.led_on.remove(on);
        }
    }

    fn is_empty(&self) -> bool {
        self.events.iter().all(|n| *n == 0) && self.led_on.is_empty()
    }

    fn tally(&self) -> DeputyTally {
        DeputyTally::of(self.events, self.led_on.earliest())
    }
}

/// The point events whose date is a submission led (the earliest is a tie-breaker).
fn led(e: PointEvent) -> bool {
    matches!(e, PointEvent::LeadSuggestion | PointEvent::LeadMotion)
}

/// The year's suggestions as the honours count them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SuggestionSums {
    /// Suggestions of the year (the quota's pool).
    pool: u64,
    /// Honoured for the year, eligible or not.
    honoured: u64,
    /// Eligible suggestions by rank key: how many, and how many of them honoured.
    #[serde(with = "pairs")]
    keys: BTreeMap<RankKey, (u64, u64)>,
}

/// A map whose keys are not strings, stored as its `[key, value]` pairs in key order (a
/// snapshot's JSON, `crate::snapshot`).
mod pairs {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(super) fn serialize<K: Serialize, V: Serialize, S: Serializer>(
        map: &BTreeMap<K, V>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_seq(map.iter())
    }

    pub(super) fn deserialize<'de, K, V, D>(d: D) -> Result<BTreeMap<K, V>, D::Error>
    where
        K: Deserialize<'de> + Ord,
        V: Deserialize<'de>,
        D: Deserializer<'de>,
    {
        let pairs: Vec<(K, V)> = Vec::deserialize(d)?;
        Ok(pairs.into_iter().collect())
    }
}

/// What one item adds to section 四.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Part {
    /// The work years whose lists hold the item with a handling unit.
    years: Vec<i32>,
    /// An open duty: the item is measured when asked, in each of `years`.
    open: bool,
    /// Otherwise, what it adds to each handling unit, in each of `years`.
    units: Vec<(UnitId, UnitSums)>,
    /// Point events: (year, deputy, event, submission date).
    deputies: Vec<(i32, DeputyId, PointEvent, NaiveDate)>,
    /// A suggestion: its year, its rank key when eligible, whether honoured for its year.
    suggestion: Option<(i32, Option<RankKey>, bool)>,
}

/// What `it` adds to each of its handling units' assessment, its duties taken as of `as_of`.
fn unit_sums(
    ledger: &Ledger,
    it: &Item,
    as_of: NaiveDate,
) -> Result<Vec<(UnitId, UnitSums)>, CalendarError> {
    let rules = &ledger.profile.assessment;
    let results = &ledger.profile.results;
    let mut states = Vec::new();
    push_duty_states(ledger, it, as_of, &mut states)?;
    let indicators = || rules.dimensions.iter().flat_map(|d| d.indicators.iter());
    let mut out = Vec::with_capacity(it.handlers.len());
    for (unit, h) in &it.handlers {
        let mut s = UnitSums::zero(rules);
        let scope = match h.role {
            HandlerRole::Lead => {
                s.lead = 1;
                ItemScope::Lead
            }
            HandlerRole::Co => {
                s.co = 1;
                ItemScope::Co
            }
        };
        for (slot, ind) in s.measures.iter_mut().zip(indicators()) {
            if let IndicatorSource::Computed { measure, over } = &ind.source {
                if *over == scope {
                    if let Some(m) = measure_item(results, unit, it, &states, measure) {
                        *slot = (1, u64::from(m));
                    }
                }
            }
        }
        if h.role == HandlerRole::Lead {
            let triggers = rules
                .deductions
                .iter()
                .map(|d| &d.trigger)
                .chain(rules.vetoes.iter().map(|v| &v.trigger));
            for (hit, t) in s.hits.iter_mut().zip(triggers) {
                *hit = u64::from(triggered(results, unit, it, &states, t));
            }
        }
        out.push((unit.clone(), s));
    }
    Ok(out)
}

/// What `it` adds to section 四 (the same rules as the unit assessment, the deputies'
/// points and the honours count from the items).
///
/// # Errors
/// `calendar.out_of_range` when a due date of a handled item falls outside the calendar.
pub(crate) fn part(ledger: &Ledger, it: &Item) -> Result<Part, CalendarError> {
    let p = &ledger.profile;
    let mut out = Part::default();
    if it.kind == ItemKind::Suggestion && !it.handlers.is_empty() {
        out.years.push(it.year);
        out.years.extend(it.rolled_into.iter().copied());
        out.years.sort_unstable();
        out.years.dedup();
        // INVARIANT: a duty done or cancelled has one status whatever the day asked
        // (`obligations::status_as_of` reads the day only for open duties; cancelled ones
        // are no obligation), so an item without an open duty measures the same as of any
        // day and its sums can be kept.
        out.open = it.duties.iter().any(crate::item::Duty::is_open);
        if !out.open {
            out.units = unit_sums(ledger, it, NaiveDate::MIN)?;
        }
    }
    if it.kind == ItemKind::Suggestion {
        let key = suggestion_ineligible(it)
            .is_none()
            .then(|| rank_key(merit_points(p, it), &suggestion_tie_breaks(it)));
        out.suggestion = Some((it.year, key, it.honoured == Some(it.year)));
    }
    if matches!(it.status, ItemStatus::Withdrawn | ItemStatus::Rejected) {
        return Ok(out);
    }
    let on = it.submitted_on;
    let mut add = |year: i32, d: &DeputyId, e: PointEvent| {
        out.deputies.push((year, d.clone(), e, on));
    };
    match it.kind {
        ItemKind::Motion => {
            let year = on.year();
            add(year, &it.lead, PointEvent::LeadMotion);
            for c in &it.cosigners {
                add(year, c, PointEvent::CosignedMotion);
            }
        }
        ItemKind::Suggestion => {
            let year = it.year;
            add(year, &it.lead, PointEvent::LeadSuggestion);
            for c in &it.cosigners {
                add(year, c, PointEvent::CosignedSuggestion);
            }
            if it.key_supervision.is_some() {
                add(year, &it.lead, PointEvent::KeyItem);
            }
            let resolved = it
                .latest_class(&p.results)
                .and_then(|c| p.class(c))
                .is_some_and(|c| c.meaning == ResultMeaning::Resolved);
            if resolved {
                add(year, &it.lead, PointEvent::ResolvedSuggestion);
            }
            if it.honoured == Some(year) {
                add(year, &it.lead, PointEvent::ExcellentSuggestion);
            }
        }
    }
    Ok(out)
}

/// Section 四's sums over every item, by work year: the sum of the items' [`Part`]s. A
/// snapshot stores them as they are (`crate::snapshot`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Kept {
    units: BTreeMap<i32, BTreeMap<UnitId, UnitSums>>,
    /// Items with an open duty, measured when asked.
    open: BTreeMap<i32, BTreeSet<ItemId>>,
    deputies: BTreeMap<i32, BTreeMap<DeputyId, DeputySums>>,
    suggestions: BTreeMap<i32, SuggestionSums>,
}

impl Kept {
    /// Adds item `id`'s part.
    pub(crate) fn add(&mut self, id: &ItemId, part: &Part) {
        for year in &part.years {
            if part.open {
                self.open.entry(*year).or_default().insert(id.clone());
            }
            if part.units.is_empty() {
                continue;
            }
            let units = self.units.entry(*year).or_default();
            for (unit, s) in &part.units {
                units.entry(unit.clone()).or_default().add(s);
            }
        }
        for (year, d, e, on) in &part.deputies {
            let of_year = self.deputies.entry(*year).or_default();
            of_year.entry(d.clone()).or_default().add(*e, *on);
        }
        if let Some((year, key, honoured)) = &part.suggestion {
            let s = self.suggestions.entry(*year).or_default();
            plus(&mut s.pool, 1);
            plus(&mut s.honoured, u64::from(*honoured));
            if let Some(k) = key {
                let (n, h) = s.keys.entry(*k).or_default();
                plus(n, 1);
                plus(h, u64::from(*honoured));
            }
        }
    }

    /// Takes item `id`'s part out (the part added for it before).
    pub(crate) fn remove(&mut self, id: &ItemId, part: &Part) {
        for year in &part.years {
            if part.open {
                if let Some(open) = self.open.get_mut(year) {
                    open.remove(id);
                }
            }
            if let Some(units) = self.units.get_mut(year) {
                for (unit, s) in &part.units {
                    if let Some(sum) = units.get_mut(unit) {
                        sum.remove(s);
                        if sum.is_empty() {
                            units.remove(unit);
                        }
                    }
                }
            }
        }
        for (year, d, e, on) in &part.deputies {
            if let Some(of_year) = self.deputies.get_mut(year) {
                if let Some(sum) = of_year.get_mut(d) {
                    sum.remove(*e, *on);
                    if sum.is_empty() {
                        of_year.remove(d);
                    }
                }
            }
        }
        if let Some((year, key, honoured)) = &part.suggestion {
            if let Some(s) = self.suggestions.get_mut(year) {
                less(&mut s.pool, 1);
                less(&mut s.honoured, u64::from(*honoured));
                if let Some(k) = key {
                    if let Some((n, h)) = s.keys.get_mut(k) {
                        less(n, 1);
                        less(h, u64::from(*honoured));
                        if *n == 0 {
                            s.keys.remove(k);
                        }
                    }
                }
            }
        }
        // Empty years go, so that sums of the same items compare equal however they came.
        self.units.retain(|_, u| !u.is_empty());
        self.open.retain(|_, o| !o.is_empty());
        self.deputies.retain(|_, d| !d.is_empty());
        self.suggestions.retain(|_, s| s.pool > 0);
    }

    /// The year's honoured suggestions counted against their quota ([`HonourCounts::of`]'s
    /// rule, from the keys' counts: one walk down the scores to the cut line).
    pub(super) fn suggestion_honours(
        &self,
        year: i32,
        rules: &ExcellenceRules,
        ratio: Proportion,
    ) -> HonourCounts {
        let empty = SuggestionSums::default();
        let s = self.suggestions.get(&year).unwrap_or(&empty);
        let quota = quota(ratio, s.pool, rules.rounding, rules.minimum_one);
        let eligible = s.keys.values().fold(0u64, |a, (n, _)| a.saturating_add(*n));
        // The cut splits a tie when the quota-th best key is also the one after it (none
        // after when the quota takes every eligible candidate).
        let mut tied = 0u64;
        if let Some(last_in) = quota.checked_sub(1).filter(|_| quota < eligible) {
            let mut before = 0u64;
            for (n, h) in s.keys.values().rev() {
                let through = before.saturating_add(*n);
                if last_in < through {
                    if last_in.saturating_add(1) < through {
                        tied = *h;
                    }
                    break;
                }
                before = through;
            }
        }
        HonourCounts {
            pool: s.pool,
            quota,
            honoured: s.honoured,
            tied_honoured: tied,
        }
    }

    /// Every registered deputy's tally of `year`, in the directory's order (both are in id
    /// order: one merge, no lookup).
    pub(super) fn deputy_tallies(&self, ledger: &Ledger, year: i32) -> Vec<DeputyTally> {
        let mut kept = self
            .deputies
            .get(&year)
            .into_iter()
            .flat_map(|d| d.iter())
            .peekable();
        let mut out = Vec::with_capacity(ledger.directory.deputies.len());
        for id in ledger.directory.deputies.keys() {
            // Skip the kept deputies not (or no longer) in the directory.
            while kept.next_if(|(k, _)| *k < id).is_some() {}
            match kept.next_if(|(k, _)| *k == id) {
                Some((_, sums)) => out.push(sums.tally()),
                None => out.push(DeputyTally::default()),
            }
        }
        out
    }
}

impl Ledger {
    /// The units assessed for `year` by band from the kept sums, duties taken as of
    /// `as_of` (items with an open duty measured now): what the full assessment
    /// ([`Ledger::compute_unit_assessment`]) counts.
    ///
    /// # Errors
    /// `calendar.out_of_range`.
    pub(super) fn kept_unit_bands(
        &self,
        kept: &Kept,
        year: i32,
        as_of: NaiveDate,
    ) -> Result<UnitBands, CalendarError> {
        let mut sums: BTreeMap<UnitId, UnitSums> =
            kept.units.get(&year).cloned().unwrap_or_default();
        for id in kept.open.get(&year).into_iter().flatten() {
            if let Some(it) = self.items.get(id) {
                for (unit, s) in unit_sums(self, it, as_of)? {
                    sums.entry(unit).or_default().add(&s);
                }
            }
        }
        let rules = &self.profile.assessment;
        let mut bands: Vec<&str> = Vec::new();
        for (unit, s) in &sums {
            if s.is_empty() || !self.directory.units.contains_key(unit) {
                continue;
            }
            bands.push(self.band_of(rules, year, unit, s));
        }
        let by_band = rules
            .bands
            .iter()
            .map(|b| {
                let n = bands.iter().filter(|id| **id == b.id).count();
                (b.id.clone(), b.label.clone(), super::excellence::count(n))
            })
            .collect();
        Ok(UnitBands {
            units: super::excellence::count(bands.len()),
            by_band,
        })
    }

    /// The band a unit reaches from its sums: the same arithmetic as the full assessment
    /// (`units::score_unit`), without the items named.
    fn band_of<'a>(
        &self,
        rules: &'a AssessmentRules,
        year: i32,
        unit: &UnitId,
        s: &UnitSums,
    ) -> &'a str {
        let manual = self.records.scores(year, unit);
        let mut slots = s.measures.iter();
        let subtotal = rules.dimensions.iter().fold(Points::ZERO, |acc, d| {
            let points = d.indicators.iter().fold(Points::ZERO, |a, ind| {
                let (n, sum) = slots.next().copied().unwrap_or((0, 0));
                a.plus(match &ind.source {
                    IndicatorSource::Computed { .. } => {
                        ind.points.share(sum, n.saturating_mul(1000))
                    }
                    IndicatorSource::Manual => manual
                        .and_then(|m| m.get(&ind.id))
                        .map_or(Points::ZERO, |m| m.points.min(ind.points)),
                })
            });
            acc.plus(points)
        });
        let mut hits = s.hits.iter().copied();
        let deducted = rules.deductions.iter().fold(Points::ZERO, |acc, d| {
            let n = hits.next().unwrap_or(0);
            if n == 0 {
                acc
            } else {
                acc.plus(d.per_item.times(n))
            }
        });
        let total = subtotal
            .minus(deducted)
            .max(Points::ZERO)
            .min(rules.max_points());
        let capped = rules
            .vetoes
            .iter()
            .zip(hits)
            .filter(|(_, n)| *n > 0)
            .filter_map(|(v, _)| rules.bands.iter().position(|b| b.id == v.cap))
            .fold(band_index(rules, total), usize::max);
        rules.bands.get(capped).map_or("", |b| b.id.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::excellence::count;
    use crate::generator::{generate, GeneratorConfig};
    use proptest::prelude::*;

    /// The kept figures of `ledger` against the items counted afresh (the full unit
    /// assessment, the deputies' points and the honours as they were computed before they
    /// were kept): work years 2021–2023, duties taken as of `as_of`.
    fn agrees_with_the_items(ledger: &Ledger, as_of: NaiveDate) -> Result<(), TestCaseError> {
        let kept = ledger.fresh_kept();
        prop_assert!(kept.is_some());
        let kept = kept.unwrap();
        let recounted = ledger.recount_section_four();
        prop_assert_eq!(Some(kept), recounted.as_ref());
        let rules = &ledger.profile.excellence;
        for year in 2021..=2023 {
            prop_assert_eq!(
                kept.deputy_tallies(ledger, year),
                ledger.count_deputy_tallies(year)
            );
            prop_assert_eq!(
                kept.suggestion_honours(year, rules, rules.suggestion_ratio),
                ledger.count_suggestion_honours(year)
            );
            let full = ledger.compute_unit_assessment(year, as_of).unwrap();
            let bands = ledger.unit_bands(year, as_of).unwrap();
            prop_assert_eq!(
                bands,
                UnitBands {
                    units: count(full.units.len()),
                    by_band: full.by_band,
                }
            );
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 6, .. ProptestConfig::default() })]

        /// On generated city-years (built command by command, so the sums are kept by
        /// taking parts out and putting them back), section 四 as kept equals section 四
        /// counted from the items: on the whole ledger with duties as of any day of the year
        /// and after, and on the view as of that day (a ledger replayed up to it).
        #[test]
        fn section_four_kept_equals_a_count_from_the_items(seed in 0u64..10_000, days in 0u64..420) {
            let ledger = generate(&GeneratorConfig::scaled(40, seed)).unwrap();
            let as_of = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap().checked_add_days(chrono::Days::new(days)).unwrap();
            agrees_with_the_items(&ledger, as_of)?;
            agrees_with_the_items(&ledger.as_of(as_of).unwrap(), as_of)?;
        }

        /// The cut line read from the kept keys' counts is the cut line of a selection over
        /// every candidate (`HonourCounts::of`), ties across it included, after candidates
        /// are added and some taken out again.
        #[test]
        fn suggestion_honours_from_counts_agree_with_a_selection(
            candidates in proptest::collection::vec(
                (0i64..4, 0i64..3, proptest::bool::weighted(0.8), proptest::bool::ANY, proptest::bool::weighted(0.3)),
                0..60,
            ),
            ratio in 0u32..400_000,
            include_ties in proptest::bool::ANY,
            minimum_one in proptest::bool::ANY,
        ) {
            let rules = ExcellenceRules {
                include_ties_at_cut: include_ties,
                minimum_one,
                ..crate::Profile::default().excellence
            };
            let ratio = Proportion::from_ppm(ratio).unwrap();
            let mut kept = Kept::default();
            let parts: Vec<(ItemId, Part, bool)> = candidates
                .iter()
                .enumerate()
                .map(|(i, (score, tie, eligible, honoured, dropped))| {
                    let key = eligible.then(|| rank_key(Points::whole(*score), &[*tie, -1]));
                    let part = Part {
                        suggestion: Some((2022, key, *honoured)),
                        ..Part::default()
                    };
                    (ItemId::new(format!("J{i:03}")).unwrap(), part, *dropped)
                })
                .collect();
            for (id, part, _) in &parts {
                kept.add(id, part);
            }
            for (id, part, _) in parts.iter().filter(|(_, _, dropped)| *dropped) {
                kept.remove(id, part);
            }
            let left = parts.iter().filter(|(_, _, dropped)| !dropped).map(|(_, p, _)| {
                let (_, key, honoured) = p.suggestion.unwrap();
                (key, honoured)
            });
            prop_assert_eq!(
                kept.suggestion_honours(2022, &rules, ratio),
                HonourCounts::of(left, &rules, ratio)
            );
        }
    }
}

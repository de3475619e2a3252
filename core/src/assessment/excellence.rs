//! 履职积分与评优 (deputy points and excellence, SPEC §9; RULES.md §11; the seed's 四: "每年按照
//! 代表建议总数的10%左右比例评选一批优秀建议，每年按照代表总数的6%比例评选一批优秀市人大代表").
//!
//! A quota is `ratio × N` under the profile's rounding, at least one when `N > 0` if the
//! profile says so. Candidates are ranked by score, then by tie-breakers; when the last
//! place inside the quota is tied with the first outside it, everyone in that tie is
//! flagged [`Standing::TiedAtCut`] — included or left out together, never split.

use std::cmp::Ordering;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::directory::Deputy;
use crate::id::DeputyId;
use crate::item::{Item, ItemStatus};
use crate::ledger::Ledger;
use crate::lookup::PositionIndex;
use crate::profile::{
    ExcellenceRules, Merit, MeritRule, PointEvent, Points, Profile, Proportion, QuotaRounding,
    ResultMeaning,
};
use crate::vocab::{ItemKind, Origin};

/// The quota for a pool of `n` under `rules`' rounding (RULES.md §11 default: floor, at
/// least one when `n > 0`).
pub fn quota(ratio: Proportion, n: u64, rounding: QuotaRounding, minimum_one: bool) -> u64 {
    let scale = u128::from(Proportion::SCALE);
    let exact = u128::from(ratio.ppm()).saturating_mul(u128::from(n));
    let q = match rounding {
        QuotaRounding::Floor => exact.checked_div(scale).unwrap_or(0),
        QuotaRounding::HalfUp => exact
            .saturating_add(scale.checked_div(2).unwrap_or(0))
            .checked_div(scale)
            .unwrap_or(0),
        QuotaRounding::Ceil => exact.div_ceil(scale),
    };
    let q = u64::try_from(q).unwrap_or(u64::MAX);
    if minimum_one && n > 0 {
        q.max(1)
    } else {
        q
    }
}

/// Where a candidate stands against the quota.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Inside the quota.
    Selected,
    /// Tied with others across the cut line: all of them in or all out (flagged for the
    /// directors' meeting).
    TiedAtCut,
    /// Outside the quota.
    Below,
    /// Not eligible.
    Ineligible,
}

impl Standing {
    /// Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            Standing::Selected => "入选",
            Standing::TiedAtCut => "并列（提请主任会议研究）",
            Standing::Below => "未入选",
            Standing::Ineligible => "不符合条件",
        }
    }
}

/// One line of a score: what earned points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreLine {
    /// What (Chinese label).
    pub what: String,
    /// How many times.
    pub times: u64,
    /// Points earned.
    pub points: Points,
}

/// A ranked candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankRow {
    /// Suggestion or deputy id.
    pub id: String,
    /// Title or name.
    pub name: String,
    /// Score.
    pub score: Points,
    /// Competition rank (1, 2, 2, 4 …) on score and tie-breakers; 0 when ineligible.
    pub rank: u64,
    /// Standing.
    pub standing: Standing,
    /// Why it is not eligible.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ineligible: Option<String>,
    /// The score, line by line.
    pub reasons: Vec<ScoreLine>,
    /// The tie-breakers after the score, in order (larger is better).
    pub tie_breaks: Vec<i64>,
    /// Already honoured for the year.
    pub honoured: bool,
}

/// A ranking against a quota.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ranking {
    /// The pool the quota is a share of (the year's suggestions; all deputies).
    pub pool: u64,
    /// The quota.
    pub quota: u64,
    /// Candidates tied across the cut line (0 when the cut falls between different keys).
    pub tied_at_cut: u64,
    /// The most that may be honoured: those selected, plus the tied group when the profile
    /// includes ties at the cut.
    pub allowed: u64,
    /// Rows: eligible candidates in rank order, then the ineligible in id order.
    pub rows: Vec<RankRow>,
}

/// The year's excellence rankings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Excellence {
    /// 优秀建议.
    pub suggestions: Ranking,
    /// 优秀代表.
    pub deputies: Ranking,
}

/// A deputy's points for a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeputyPoints {
    /// Deputy.
    pub deputy: DeputyId,
    /// Name.
    pub name: String,
    /// Total.
    pub total: Points,
    /// Line by line, in the profile's table order (lines with no occurrence left out).
    pub lines: Vec<ScoreLine>,
    /// Items led whose latest class means resolved.
    pub resolved: u64,
    /// Key items led.
    pub key_items: u64,
    /// Suggestions led.
    pub lead_items: u64,
    /// Earliest submission of the year, if any.
    pub first_submitted: Option<NaiveDate>,
}

impl Ranking {
    /// Rank `rows` (eligible ones carry `ineligible = None`; `rank` and `standing` are
    /// filled here) against the quota of `ratio × pool` under `rules`.
    pub fn of(
        mut rows: Vec<RankRow>,
        pool: u64,
        rules: &ExcellenceRules,
        ratio: Proportion,
    ) -> Ranking {
        let quota = quota(ratio, pool, rules.rounding, rules.minimum_one);
        let cmp_key = |a: &RankRow, b: &RankRow| {
            a.score
                .cmp(&b.score)
                .then_with(|| a.tie_breaks.cmp(&b.tie_breaks))
        };
        // Ids are unique, so the order is total and an unstable sort gives the one answer.
        rows.sort_unstable_by(|a, b| match (&a.ineligible, &b.ineligible) {
            (None, None) => cmp_key(b, a).then_with(|| a.id.cmp(&b.id)),
            (None, Some(_)) => Ordering::Less,
            (Some(_), None) => Ordering::Greater,
            (Some(_), Some(_)) => a.id.cmp(&b.id),
        });
        let eligible = rows.iter().filter(|r| r.ineligible.is_none()).count();
        // Competition ranks: a row ties the one before it or ranks at its own position.
        let mut ranks: Vec<u64> = Vec::with_capacity(eligible);
        if eligible > 0 {
            ranks.push(1);
        }
        let mut rank = 1u64;
        let ranked = rows.get(..eligible).unwrap_or_default();
        for (i, pair) in ranked.windows(2).enumerate() {
            if let [a, b] = pair {
                if cmp_key(a, b) != Ordering::Equal {
                    rank = u64::try_from(i).unwrap_or(u64::MAX).saturating_add(2);
                }
            }
            ranks.push(rank);
        }
        for (r, k) in rows.iter_mut().zip(ranks) {
            r.rank = k;
        }
        let q = usize::try_from(quota).unwrap_or(usize::MAX).min(eligible);
        let mut keys: Vec<RankKey> = rows
            .iter()
            .take(eligible)
            .map(|r| rank_key(r.score, &r.tie_breaks))
            .collect();
        let cut_key = tie_across_cut(&mut keys, q);
        let mut tied = 0u64;
        for (i, r) in rows.iter_mut().enumerate() {
            let at_cut = cut_key.is_some_and(|k| rank_key(r.score, &r.tie_breaks) == k);
            r.standing = if r.ineligible.is_some() {
                Standing::Ineligible
            } else if at_cut {
                tied = tied.saturating_add(1);
                Standing::TiedAtCut
            } else if i < q {
                Standing::Selected
            } else {
                Standing::Below
            };
        }
        let selected = rows
            .iter()
            .filter(|r| r.standing == Standing::Selected)
            .count();
        // The tied group comes in whole when the profile includes ties at the cut, else it
        // stays out whole (and the honours fall short of the quota).
        let selected = u64::try_from(selected).unwrap_or(u64::MAX);
        let allowed = if rules.include_ties_at_cut {
            selected.saturating_add(tied)
        } else {
            selected
        };
        Ranking {
            pool,
            quota,
            tied_at_cut: tied,
            allowed,
            rows,
        }
    }
}

fn line(what: &str, times: u64, each: Points) -> ScoreLine {
    ScoreLine {
        what: what.to_owned(),
        times,
        points: each.times(times),
    }
}

/// Whether `it` earns `merit`.
fn earns(profile: &Profile, it: &Item, merit: &Merit) -> bool {
    match merit {
        Merit::Class { class } => it.latest_class(&profile.results) == Some(class.as_str()),
        Merit::Rated { level } => {
            it.latest_rating().and_then(|r| r.level.as_deref()) == Some(level.as_str())
        }
        Merit::KeyItem => it.key_supervision.is_some(),
        Merit::LeaderLed => it.leader_led.is_some(),
        Merit::ConvertedMotion => matches!(it.origin, Origin::ConvertedFromMotion { .. }),
    }
}

/// What a merit line says (Chinese).
fn merit_label(profile: &Profile, merit: &Merit) -> String {
    match merit {
        Merit::Class { class } => profile
            .class(class)
            .map_or(class.clone(), |c| c.label.zh.clone()),
        Merit::Rated { level } => profile
            .level(level)
            .map_or(level.clone(), |l| format!("代表{}", l.label.zh)),
        Merit::KeyItem => "重点督办".to_owned(),
        Merit::LeaderLed => "市长领办".to_owned(),
        Merit::ConvertedMotion => "议案转建议".to_owned(),
    }
}

/// The merit rules `it` earns, in the profile's order.
fn earned<'a>(profile: &'a Profile, it: &'a Item) -> impl Iterator<Item = &'a MeritRule> + 'a {
    profile
        .excellence
        .suggestion_merits
        .iter()
        .filter(|rule| earns(profile, it, &rule.merit))
}

/// A suggestion's score: the points of the merits it earns.
pub(super) fn merit_points(profile: &Profile, it: &Item) -> Points {
    earned(profile, it).fold(Points::ZERO, |acc, rule| acc.plus(rule.points.times(1)))
}

/// The merit lines `it` earns; a label is built only for a line earned.
fn suggestion_merit(profile: &Profile, it: &Item) -> Vec<ScoreLine> {
    earned(profile, it)
        .map(|rule| ScoreLine {
            what: merit_label(profile, &rule.merit),
            times: 1,
            points: rule.points.times(1),
        })
        .collect()
}

fn total(lines: &[ScoreLine]) -> Points {
    lines.iter().fold(Points::ZERO, |acc, l| acc.plus(l.points))
}

fn days(d: Option<NaiveDate>) -> i64 {
    // Earlier is better: negate the day number so that larger compares better.
    d.map_or(i64::MIN, |d| {
        i64::from(d.num_days_from_ce()).saturating_neg()
    })
}

pub(super) fn count(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// A candidate's place in a ranking: its score, then its tie-breakers (larger is better). A
/// ranking with fewer than four tie-breakers pads them with zeros, which orders nothing: all
/// candidates of one ranking have the same tie-breakers.
pub(super) type RankKey = (Points, [i64; 4]);

pub(super) fn rank_key(score: Points, tie_breaks: &[i64]) -> RankKey {
    let mut ties = [0i64; 4];
    for (slot, t) in ties.iter_mut().zip(tie_breaks) {
        *slot = *t;
    }
    (score, ties)
}

/// The key tied across the cut line, if any (module doc: a tie is never split): the
/// `quota`-th best of the eligible candidates' `keys` when the best one after it is equal.
/// `keys` are reordered; the work is linear, not a sort.
pub(super) fn tie_across_cut(keys: &mut [RankKey], quota: usize) -> Option<RankKey> {
    let last_in = quota.min(keys.len()).checked_sub(1)?;
    let (_, cut, after) = keys.select_nth_unstable_by(last_in, |a, b| b.cmp(a));
    let next = after.iter().max()?;
    (next == cut).then_some(*cut)
}

/// Why a suggestion cannot be honoured, if it cannot.
pub(super) fn suggestion_ineligible(it: &Item) -> Option<&'static str> {
    match it.status {
        ItemStatus::Withdrawn => Some("withdrawn"),
        ItemStatus::Rejected => Some("not accepted"),
        _ if it.replies.is_empty() => Some("not yet replied"),
        _ => None,
    }
}

/// A suggestion's tie-breakers: more co-signers, then earlier submission.
pub(super) fn suggestion_tie_breaks(it: &Item) -> [i64; 2] {
    [
        i64::try_from(it.cosigners.len()).unwrap_or(i64::MAX),
        days(Some(it.submitted_on)),
    ]
}

/// Why a deputy cannot be honoured, if they cannot.
pub(super) fn deputy_ineligible(rules: &ExcellenceRules, deputy: &Deputy) -> Option<&'static str> {
    (rules.exclude_office_holders && deputy.office_holder).then_some("holds a leading office")
}

/// A deputy's point events of a year, counted (`Ledger::deputy_tallies`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct DeputyTally {
    events: [u64; PointEvent::ALL.len()],
    first_submitted: Option<NaiveDate>,
}

impl DeputyTally {
    /// A tally of counted point events (in [`PointEvent::ALL`]'s order) and the earliest
    /// submission led.
    #[cfg(feature = "kept-section-four")]
    pub(super) fn of(
        events: [u64; PointEvent::ALL.len()],
        first_submitted: Option<NaiveDate>,
    ) -> Self {
        DeputyTally {
            events,
            first_submitted,
        }
    }

    pub(super) fn times(&self, e: PointEvent) -> u64 {
        self.events.get(e.ordinal()).copied().unwrap_or(0)
    }

    /// The total of the profile's point table (RULES.md §11).
    pub(super) fn total(&self, profile: &Profile) -> Points {
        profile.deputy_points.iter().fold(Points::ZERO, |acc, r| {
            acc.plus(r.points.times(self.times(r.event)))
        })
    }

    /// The tie-breakers after the points: resolved items, key items, items led, earlier
    /// submission.
    pub(super) fn tie_breaks(&self) -> [i64; 4] {
        let to_i64 = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
        [
            to_i64(self.times(PointEvent::ResolvedSuggestion)),
            to_i64(self.times(PointEvent::KeyItem)),
            to_i64(self.times(PointEvent::LeadSuggestion)),
            days(self.first_submitted),
        ]
    }

    /// The deputy's points, line by line (`Ledger::deputy_points`).
    fn points(&self, profile: &Profile, deputy: &Deputy) -> DeputyPoints {
        let lines: Vec<ScoreLine> = profile
            .deputy_points
            .iter()
            .filter(|r| self.times(r.event) > 0)
            .map(|r| line(r.event.label_zh(), self.times(r.event), r.points))
            .collect();
        DeputyPoints {
            deputy: deputy.id.clone(),
            name: deputy.name.clone(),
            total: self.total(profile),
            lines,
            resolved: self.times(PointEvent::ResolvedSuggestion),
            key_items: self.times(PointEvent::KeyItem),
            lead_items: self.times(PointEvent::LeadSuggestion),
            first_submitted: self.first_submitted,
        }
    }
}

impl Ledger {
    /// Every registered deputy's point events of work year `year`, in the directory's order:
    /// the kept sums when current ([`super::kept`]), else counted from the items.
    pub(super) fn deputy_tallies(&self, year: i32) -> Vec<DeputyTally> {
        #[cfg(feature = "kept-section-four")]
        if let Some(kept) = self.fresh_kept() {
            return kept.deputy_tallies(self, year);
        }
        self.count_deputy_tallies(year)
    }

    /// Every registered deputy's point events of work year `year`, counted from the items,
    /// in the directory's order.
    pub(super) fn count_deputy_tallies(&self, year: i32) -> Vec<DeputyTally> {
        let p = &self.profile;
        let resolved = |it: &Item| {
            it.latest_class(&p.results)
                .and_then(|c| p.class(c))
                .is_some_and(|c| c.meaning == ResultMeaning::Resolved)
        };
        // Deputies by their position in the directory; counts per point event.
        let index = PositionIndex::new(self.directory.deputies.keys().map(DeputyId::as_str));
        let mut tally: Vec<DeputyTally> = vec![DeputyTally::default(); index.len()];
        let mut add = |d: &DeputyId, e: PointEvent, on: NaiveDate| {
            if let Some(t) = index.get(d.as_str()).and_then(|i| tally.get_mut(i)) {
                if let Some(n) = t.events.get_mut(e.ordinal()) {
                    *n = n.saturating_add(1);
                }
                if matches!(e, PointEvent::LeadSuggestion | PointEvent::LeadMotion) {
                    t.first_submitted = Some(t.first_submitted.map_or(on, |f| f.min(on)));
                }
            }
        };
        for it in self.items.values() {
            if matches!(it.status, ItemStatus::Withdrawn | ItemStatus::Rejected) {
                continue;
            }
            match it.kind {
                ItemKind::Motion if it.submitted_on.year() == year => {
                    add(&it.lead, PointEvent::LeadMotion, it.submitted_on);
                    for c in &it.cosigners {
                        add(c, PointEvent::CosignedMotion, it.submitted_on);
                    }
                }
                ItemKind::Suggestion if it.year == year => {
                    let on = it.submitted_on;
                    add(&it.lead, PointEvent::LeadSuggestion, on);
                    for c in &it.cosigners {
                        add(c, PointEvent::CosignedSuggestion, on);
                    }
                    if it.key_supervision.is_some() {
                        add(&it.lead, PointEvent::KeyItem, on);
                    }
                    if resolved(it) {
                        add(&it.lead, PointEvent::ResolvedSuggestion, on);
                    }
                    if it.honoured == Some(year) {
                        add(&it.lead, PointEvent::ExcellentSuggestion, on);
                    }
                }
                _ => {}
            }
        }
        tally
    }

    /// Every registered deputy's points for work year `year`, in id order.
    pub fn deputy_points(&self, year: i32) -> Vec<DeputyPoints> {
        self.directory
            .deputies
            .values()
            .zip(self.deputy_tallies(year))
            .map(|(d, t)| t.points(&self.profile, d))
            .collect()
    }

    /// The excellence rankings of work year `year` (RULES.md §11): suggestions of the year
    /// ranked by merit, then more co-signers, then earliest submission; deputies by points,
    /// then resolved items, key items, items led, earliest submission. Deputies' points count the suggestions
    /// already honoured for the year, so suggestions are honoured first.
    pub fn excellence(&self, year: i32) -> Excellence {
        let p = &self.profile;
        let rules = &p.excellence;
        let year_items: Vec<&Item> = self
            .items
            .values()
            .map(|it| &**it)
            .filter(|it| it.kind == ItemKind::Suggestion && it.year == year)
            .collect();
        let suggestions = year_items
            .iter()
            .map(|it| {
                let reasons = suggestion_merit(p, it);
                RankRow {
                    id: it.id.as_str().to_owned(),
                    name: it.text.title.clone(),
                    score: total(&reasons),
                    rank: 0,
                    standing: Standing::Below,
                    ineligible: suggestion_ineligible(it).map(str::to_owned),
                    reasons,
                    tie_breaks: suggestion_tie_breaks(it).to_vec(),
                    honoured: it.honoured == Some(year),
                }
            })
            .collect();
        let honoured = self.records.honoured_deputies(year);
        // INVARIANT: `deputy_tallies` lists the directory's deputies in its order, so the
        // two zip without a lookup per deputy.
        let deputies = self
            .directory
            .deputies
            .values()
            .zip(self.deputy_tallies(year))
            .map(|(registered, t)| {
                let d = t.points(p, registered);
                RankRow {
                    id: d.deputy.as_str().to_owned(),
                    name: d.name,
                    score: d.total,
                    rank: 0,
                    standing: Standing::Below,
                    ineligible: deputy_ineligible(rules, registered).map(str::to_owned),
                    reasons: d.lines,
                    tie_breaks: t.tie_breaks().to_vec(),
                    honoured: honoured.is_some_and(|h| h.contains(&d.deputy)),
                }
            })
            .collect();
        Excellence {
            suggestions: Ranking::of(
                suggestions,
                count(year_items.len()),
                rules,
                rules.suggestion_ratio,
            ),
            deputies: Ranking::of(
                deputies,
                count(self.directory.deputies.len()),
                rules,
                rules.deputy_ratio,
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ppm(v: u32) -> Proportion {
        Proportion::from_ppm(v).unwrap()
    }

    #[test]
    fn quotas_round_as_the_profile_says() {
        // 10% of 447 suggestions: 44.7.
        assert_eq!(quota(ppm(100_000), 447, QuotaRounding::Floor, true), 44);
        assert_eq!(quota(ppm(100_000), 447, QuotaRounding::HalfUp, true), 45);
        assert_eq!(quota(ppm(100_000), 447, QuotaRounding::Ceil, true), 45);
        // 6% of 480 deputies is exactly 28.8 → 28 / 29 / 29.
        assert_eq!(quota(ppm(60_000), 480, QuotaRounding::Floor, true), 28);
        assert_eq!(quota(ppm(60_000), 480, QuotaRounding::HalfUp, true), 29);
        // Half exactly rounds up: 5% of 10 = 0.5.
        assert_eq!(quota(ppm(50_000), 10, QuotaRounding::HalfUp, false), 1);
        // At least one when the pool is not empty.
        assert_eq!(quota(ppm(60_000), 5, QuotaRounding::Floor, true), 1);
        assert_eq!(quota(ppm(60_000), 5, QuotaRounding::Floor, false), 0);
        assert_eq!(quota(ppm(60_000), 0, QuotaRounding::Ceil, true), 0);
    }
}

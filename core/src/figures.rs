//! 年度数据 (the year in figures): the opening paragraph of the seed as numbers.
//!
//! Totals by kind, period and origin; by system with joint items stated; result classes
//! after the first reply and after the second round; satisfaction; timeliness and overdue.
//! The full annual summary (SPEC §10) builds on these.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::CalendarError;
use crate::directory::System;
use crate::ledger::Ledger;
use crate::profile::{FeedbackMeaning, Label, RateDef, ResultDenominator};
use crate::provenance::Unknown;
use crate::share::{format_scaled, scaled_set, Share};
use crate::tally::Count;
use crate::vocab::HandlingMode;

/// A count with its share, as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountShare {
    /// Id (class, level, system).
    pub id: String,
    /// Chinese label.
    pub label_zh: String,
    /// English label.
    #[serde(default)]
    pub label_en: String,
    /// Count.
    pub count: u64,
    /// Exact share.
    pub share: Share,
    /// Printed percentage (profile rounding), without `%`.
    pub percent: String,
}

/// Items handled by one system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SystemCount {
    /// System.
    pub system: System,
    /// Items with a lead unit of this system.
    pub items: u64,
    /// Of those, items handled jointly (合办) with a unit of another system.
    pub joint_with_other_systems: u64,
    /// Of those, items also led by a party-mass unit (the seed's "含与党群部门合办").
    pub joint_with_party_mass: u64,
}

/// Items counted under more than one system: lead units of several systems, jointly (合办)
/// or in parts (分办). Each is counted once in every system it names, so the by-system
/// counts overlap by `items × (systems − 1)`; the summary states every overlap (SPEC §10).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SystemOverlap {
    /// The systems, in report order.
    pub systems: Vec<System>,
    /// How the item was assigned (joint, split, or lead-with-co with several leads).
    pub mode: HandlingMode,
    /// Items.
    pub items: u64,
}

impl SystemOverlap {
    /// How many extra times these items are counted in the by-system table.
    pub fn extra_counts(&self) -> u64 {
        let others = u64::try_from(self.systems.len().saturating_sub(1)).unwrap_or(u64::MAX);
        self.items.saturating_mul(others)
    }
}

/// 未知: a fact the ledger's sources do not know for some of the year's items (an imported
/// 台账), and the figures that leave those items out or cannot be given for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnknownFigure {
    /// The fact.
    pub fact: Unknown,
    /// Chinese label.
    pub label_zh: String,
    /// English label.
    pub label_en: String,
    /// Items of the year it is unknown for.
    pub items: u64,
    /// Ids of the figures and tables that rest on it.
    pub figures: Vec<String>,
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes a reference"
)]
fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// The year in figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearFigures {
    /// Work year.
    pub year: i32,
    /// The date obligations were looked at.
    pub as_of: NaiveDate,
    /// Calendar version used.
    pub calendar_version: String,
    /// Motions submitted in the year's sessions.
    pub motions: u64,
    /// Motions sent to the standing committee.
    pub motions_to_standing_committee: u64,
    /// Motions put on the agenda.
    pub motions_to_agenda: u64,
    /// Motions converted into suggestions.
    pub motions_converted: u64,
    /// Suggestions submitted during the session (converted motions not included).
    pub suggestions_at_session: u64,
    /// Suggestions submitted between sessions.
    pub suggestions_in_recess: u64,
    /// All new suggestions of the year (session + recess + converted).
    pub suggestions_total: u64,
    /// Withdrawn.
    pub withdrawn: u64,
    /// Rejected.
    pub rejected: u64,
    /// Earlier years' items rolled into this year's work list (not counted as new).
    pub rolled_over_into_year: u64,
    /// Items handled, by system (overlapping: see `system_overlaps`).
    pub by_system: Vec<SystemCount>,
    /// Items with a lead unit, each counted once: the by-system counts less the overlaps.
    #[serde(default)]
    pub handled_by_systems: u64,
    /// Every overlap of the by-system counts (items whose leads sit in several systems).
    #[serde(default)]
    pub system_overlaps: Vec<SystemOverlap>,
    /// Replied items (denominator of result shares).
    pub replied: u64,
    /// Result classes after the first reply.
    pub classes_first_reply: Vec<CountShare>,
    /// Items that received a second reply (二次答复).
    pub second_round_items: u64,
    /// Classes the second round produced.
    pub classes_second_round: Vec<CountShare>,
    /// Final classes (latest reply).
    pub classes_final: Vec<CountShare>,
    /// Rated items (lapsed excluded per profile).
    pub rated: u64,
    /// Latest ratings by level.
    pub satisfaction_latest: Vec<CountShare>,
    /// Satisfied + basically satisfied, over rated.
    pub satisfaction_rate: CountShare,
    /// Items whose feedback lapsed.
    pub lapsed: u64,
    /// Replies given after their due date.
    pub replies_late: u64,
    /// Obligations overdue as of `as_of`.
    pub overdue_obligations: u64,
    /// Items replied to within their deadline, over replied items whose dates are known.
    pub on_time_rate: CountShare,
    /// Replied items whose dates are unknown (imported): left out of `on_time_rate`.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub timing_unknown: u64,
    /// Facts unknown for some items (imported), with the figures that rest on them; empty
    /// for a ledger recorded as things happened.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unknown: Vec<UnknownFigure>,
    /// The profile's named rates (SPEC §10: numerator set over denominator set).
    pub rates: Vec<CountShare>,
}

impl YearFigures {
    /// Whether the figure or table `id` rests on facts the ledger's sources do not know for
    /// some items (an imported 台账): the report then says so instead of stating it.
    pub fn is_unknown(&self, id: &str) -> bool {
        self.unknown
            .iter()
            .any(|u| u.figures.iter().any(|f| f == id))
    }

    /// Whether `fact` is unknown for some of the year's items.
    pub fn has_unknown(&self, fact: Unknown) -> bool {
        self.unknown.iter().any(|u| u.fact == fact)
    }
}

/// Rows of one table over one denominator, printed by the profile's rules: with
/// `force_total_100` the shares of the set total exactly 100 (largest remainder).
pub(crate) fn share_set<'a>(
    rows: impl Iterator<Item = (&'a str, &'a Label, u64)>,
    den: u64,
    rules: &crate::profile::StatisticsRules,
) -> Vec<CountShare> {
    let rows: Vec<(&str, &Label, u64)> = rows.collect();
    let shares: Vec<Share> = rows.iter().map(|(_, _, n)| Share::new(*n, den)).collect();
    let scaled = scaled_set(
        &shares,
        rules.decimals,
        rules.rounding,
        rules.force_total_100,
    );
    rows.into_iter()
        .zip(shares)
        .zip(scaled)
        .map(|(((id, label, count), share), value)| CountShare {
            id: id.to_owned(),
            label_zh: label.zh.clone(),
            label_en: label.en.clone(),
            count,
            share,
            percent: value.map_or_else(
                || "—".to_owned(),
                |v| format_scaled(v, rules.decimals, rules.trim_trailing_zeros),
            ),
        })
        .collect()
}

/// Counts by the id of the class or level at each profile position.
fn by_position<'a>(
    tally: &crate::tally::Tally,
    year: i32,
    count: fn(u16) -> Count,
    ids: impl Iterator<Item = &'a str>,
) -> BTreeMap<&'a str, u64> {
    ids.enumerate()
        .filter_map(|(i, id)| {
            u16::try_from(i)
                .ok()
                .map(|i| (id, tally.get(year, count(i))))
        })
        .collect()
}

impl Ledger {
    /// The year in figures for work year `year` from this ledger as it stands, obligations
    /// as of `as_of` ([`Ledger::year_figures`] reads the view as of that day).
    ///
    /// # Errors
    /// `calendar.out_of_range`.
    pub(crate) fn compute_year_figures(
        &self,
        year: i32,
        as_of: NaiveDate,
    ) -> Result<YearFigures, CalendarError> {
        let counts = self.counts_on(std::num::NonZeroUsize::MIN)?;
        self.year_figures_from(&counts, year, as_of)
    }

    /// The year in figures for work year `year` as of `as_of`, its counts read from `tally`
    /// (this ledger's, current or recounted).
    ///
    /// # Errors
    /// `calendar.out_of_range`.
    pub(crate) fn year_figures_from(
        &self,
        tally: &crate::tally::Tally,
        year: i32,
        as_of: NaiveDate,
    ) -> Result<YearFigures, CalendarError> {
        let p = &self.profile;
        let st = &p.statistics;
        let satisfaction_label = Label::new("满意率", "satisfaction rate");
        let on_time_label = Label::new("按时答复率", "on-time reply rate");
        let fmt = |id: &str, label: &Label, count: u64, den: u64| CountShare {
            id: id.to_owned(),
            label_zh: label.zh.clone(),
            label_en: label.en.clone(),
            count,
            share: Share::new(count, den),
            percent: Share::new(count, den).percent_text(
                st.decimals,
                st.rounding,
                st.trim_trailing_zeros,
            ),
        };
        let mut f = YearFigures {
            year,
            as_of,
            calendar_version: self.calendar.version().to_owned(),
            motions: 0,
            motions_to_standing_committee: 0,
            motions_to_agenda: 0,
            motions_converted: 0,
            suggestions_at_session: 0,
            suggestions_in_recess: 0,
            suggestions_total: 0,
            withdrawn: 0,
            rejected: 0,
            rolled_over_into_year: 0,
            by_system: Vec::new(),
            handled_by_systems: 0,
            system_overlaps: Vec::new(),
            replied: 0,
            classes_first_reply: Vec::new(),
            second_round_items: 0,
            classes_second_round: Vec::new(),
            classes_final: Vec::new(),
            rated: 0,
            satisfaction_latest: Vec::new(),
            satisfaction_rate: fmt("satisfaction", &satisfaction_label, 0, 0),
            lapsed: 0,
            replies_late: 0,
            overdue_obligations: 0,
            on_time_rate: fmt("on_time", &on_time_label, 0, 0),
            timing_unknown: 0,
            unknown: Vec::new(),
            rates: Vec::new(),
        };
        let get = |c: Count| tally.get(year, c);
        f.motions = get(Count::Motions);
        f.motions_to_standing_committee = get(Count::MotionsToStandingCommittee);
        f.motions_to_agenda = get(Count::MotionsToAgenda);
        f.motions_converted = get(Count::MotionsConverted);
        f.suggestions_at_session = get(Count::AtSession);
        f.suggestions_in_recess = get(Count::InRecess);
        f.suggestions_total = get(Count::Suggestions);
        f.withdrawn = get(Count::Withdrawn);
        f.rejected = get(Count::Rejected);
        f.rolled_over_into_year = get(Count::RolledIn);
        f.replied = get(Count::Replied);
        f.second_round_items = get(Count::SecondRound);
        f.rated = get(Count::Rated);
        f.lapsed = get(Count::Lapsed);
        f.replies_late = get(Count::RepliesLate);
        f.overdue_obligations = self.overdue_of_year(year, as_of)?;
        let on_time = get(Count::OnTime);
        let class_ids = || p.results.classes.iter().map(|c| c.id.as_str());
        let first = by_position(tally, year, Count::FirstClass, class_ids());
        let second = by_position(tally, year, Count::SecondClass, class_ids());
        let last = by_position(tally, year, Count::LatestClass, class_ids());
        let levels = by_position(
            tally,
            year,
            Count::Level,
            p.feedback.levels.iter().map(|l| l.id.as_str()),
        );
        let class_rows = |counts: &BTreeMap<&str, u64>, den: u64| {
            let rows = p.results.classes.iter().map(|c| {
                let n = counts.get(c.id.as_str()).copied().unwrap_or(0);
                (c.id.as_str(), &c.label, n)
            });
            share_set(rows, den, st)
        };
        f.classes_first_reply = class_rows(&first, f.replied);
        f.classes_second_round = class_rows(&second, f.second_round_items);
        f.classes_final = class_rows(&last, f.replied);
        let level_rows = p.feedback.levels.iter().map(|l| {
            let n = levels.get(l.id.as_str()).copied().unwrap_or(0);
            (l.id.as_str(), &l.label, n)
        });
        f.satisfaction_latest = share_set(level_rows, f.rated, st);
        let satisfied: u64 = p
            .feedback
            .levels
            .iter()
            .filter(|l| l.meaning != FeedbackMeaning::Dissatisfied)
            .map(|l| levels.get(l.id.as_str()).copied().unwrap_or(0))
            .fold(0u64, u64::saturating_add);
        f.satisfaction_rate = fmt("satisfaction", &satisfaction_label, satisfied, f.rated);
        f.timing_unknown = get(Count::TimingUnknown);
        f.on_time_rate = fmt(
            "on_time",
            &on_time_label,
            on_time,
            f.replied.saturating_sub(f.timing_unknown),
        );
        f.unknown = Unknown::ALL
            .iter()
            .map(|u| (*u, get(Count::Unknown(*u))))
            .filter(|(_, n)| *n > 0)
            .map(|(u, items)| UnknownFigure {
                fact: u,
                label_zh: u.label_zh().to_owned(),
                label_en: u.label_en().to_owned(),
                items,
                figures: u.figures().iter().map(|f| (*f).to_owned()).collect(),
            })
            .collect();
        let sum_of = |counts: &BTreeMap<&str, u64>, ids: &[String]| {
            ids.iter()
                .map(|id| counts.get(id.as_str()).copied().unwrap_or(0))
                .fold(0u64, u64::saturating_add)
        };
        let handled = f
            .suggestions_total
            .saturating_sub(f.withdrawn)
            .saturating_sub(f.rejected);
        f.rates = st
            .rates
            .iter()
            .map(|rate| match rate {
                RateDef::ResultShare {
                    id,
                    label,
                    classes,
                    over,
                } => {
                    let den = match over {
                        ResultDenominator::Replied => f.replied,
                        ResultDenominator::All => handled,
                    };
                    fmt(id, label, sum_of(&last, classes), den)
                }
                RateDef::Satisfaction {
                    id,
                    label,
                    levels: ids,
                } => fmt(id, label, sum_of(&levels, ids), f.rated),
            })
            .collect();
        f.by_system = System::ALL
            .iter()
            .map(|s| SystemCount {
                system: *s,
                items: get(Count::SystemItems(*s)),
                joint_with_other_systems: get(Count::SystemJoint(*s)),
                joint_with_party_mass: get(Count::SystemJointWithPartyMass(*s)),
            })
            .filter(|c| c.items > 0)
            .collect();
        f.handled_by_systems = get(Count::WithLeadUnit);
        f.system_overlaps = tally
            .of_year(year)
            .filter_map(|(c, n)| match c {
                Count::Overlap(mode, set) => Some(SystemOverlap {
                    systems: crate::tally::systems_of_set(set),
                    mode,
                    items: n,
                }),
                _ => None,
            })
            .collect();
        Ok(f)
    }
}

//! 督办 (supervision, SPEC §6; RULES.md §8; the seed's section 二): key supervision
//! (重点督办) chosen by the directors' meeting and led by a chair or vice-chair, items led by
//! the mayor or a vice-mayor (市长领办), and the supervision activities logged on items
//! (座谈会, 视察现场, 调研, 走访). Counterpart supervision (对口督办) follows from the
//! committee–unit liaison table and is a table of its own (`tables::YearTables::by_committee`).
//!
//! The facts live on the items ([`KeySupervision`], [`LeaderLed`], [`ActivityRecord`]); this
//! module also holds the year's projection, [`SupervisionFigures`].

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::id::{CommandId, CommitteeId, LeaderId};
use crate::ledger::Ledger;
use crate::vocab::ItemKind;

/// 督办活动 (the kind of a supervision activity; the seed: "走访、调研、座谈、视察").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    /// 座谈会 (a seminar with the units and deputies).
    Seminar,
    /// 视察 (a site inspection).
    SiteVisit,
    /// 调研 (a survey).
    Survey,
    /// 走访 (a visit to the unit).
    Visit,
}

impl ActivityKind {
    /// Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            ActivityKind::Seminar => "座谈会",
            ActivityKind::SiteVisit => "视察",
            ActivityKind::Survey => "调研",
            ActivityKind::Visit => "走访",
        }
    }
}

/// 重点督办 on an item: who supervises it and with which committee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeySupervision {
    /// The chair or vice-chair who leads the supervision (牵头督办).
    pub supervisor: LeaderId,
    /// The committee that organises it.
    pub committee: CommitteeId,
    /// When the directors' meeting chose it.
    pub on: NaiveDate,
}

/// 市长领办 on an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaderLed {
    /// The mayor or vice-mayor.
    pub leader: LeaderId,
    /// When it was assigned.
    pub on: NaiveDate,
}

/// A supervision activity as recorded on one of its items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityRecord {
    /// The activity (the id of the command that logged it: one activity may cover items).
    pub activity: CommandId,
    /// Kind.
    pub kind: ActivityKind,
    /// Date.
    pub on: NaiveDate,
    /// The congress leader who led it.
    pub led_by: Option<LeaderId>,
    /// Sites inspected.
    pub sites: u32,
    /// Government leaders (mayor, vice-mayors) taking part.
    pub leaders: Vec<LeaderId>,
    /// Deputies taking part.
    pub deputies: u32,
}

/// The year's supervision in figures (the seed's section 二).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupervisionFigures {
    /// Key items of the year (重点督办建议).
    pub key_items: u64,
    /// Months in which the directors' meeting chose them.
    pub key_chosen_months: Vec<u32>,
    /// Chairs and vice-chairs leading key supervision.
    pub key_supervisors: u64,
    /// Key items per supervising committee.
    pub key_by_committee: BTreeMap<CommitteeId, u64>,
    /// Activities on key items, per kind (each activity once, however many items it covered).
    pub activities: BTreeMap<ActivityKind, u64>,
    /// First and last month with an activity on a key item.
    pub activity_months: Option<(u32, u32)>,
    /// Sites inspected in those activities.
    pub sites: u64,
    /// Distinct government leaders (mayor, vice-mayors) who took part.
    pub government_leaders: u64,
    /// Deputies who took part, summed over activities.
    pub deputies: u64,
    /// Items led by the mayor or a vice-mayor (市长领办).
    pub leader_led_items: u64,
    /// Distinct leaders leading items.
    pub leading_leaders: u64,
    /// Items both key and leader-led (the seed: "高度融合").
    pub key_and_leader_led: u64,
    /// Titles of up to three leader-led items, in item order.
    pub leader_led_examples: Vec<String>,
}

impl SupervisionFigures {
    /// Whether the ledger holds any supervision fact for the year.
    pub fn is_empty(&self) -> bool {
        self.key_items == 0 && self.leader_led_items == 0 && self.activities.is_empty()
    }
}

fn bump<K: Ord>(map: &mut BTreeMap<K, u64>, key: K) {
    let n = map.entry(key).or_default();
    *n = n.saturating_add(1);
}

fn count(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

impl Ledger {
    /// The supervision of work year `year`: key items, their activities, leader-led items.
    pub fn supervision_figures(&self, year: i32) -> SupervisionFigures {
        let mut f = SupervisionFigures::default();
        let mut supervisors = BTreeSet::new();
        let mut leaders = BTreeSet::new();
        let mut leading = BTreeSet::new();
        let mut seen: BTreeSet<&CommandId> = BTreeSet::new();
        let mut months = BTreeSet::new();
        let mut chosen = BTreeSet::new();
        let in_year = |on: NaiveDate| on.year() == year;
        for it in self
            .items
            .values()
            .filter(|i| i.kind == ItemKind::Suggestion)
        {
            let key = it.key_supervision.as_ref().filter(|k| in_year(k.on));
            let led = it.leader_led.as_ref().filter(|l| in_year(l.on));
            if let Some(k) = key {
                f.key_items = f.key_items.saturating_add(1);
                supervisors.insert(&k.supervisor);
                chosen.insert(k.on.month());
                bump(&mut f.key_by_committee, k.committee.clone());
                for a in it.activities.iter().filter(|a| in_year(a.on)) {
                    if seen.insert(&a.activity) {
                        bump(&mut f.activities, a.kind);
                        months.insert(a.on.month());
                        f.sites = f.sites.saturating_add(u64::from(a.sites));
                        f.deputies = f.deputies.saturating_add(u64::from(a.deputies));
                        leaders.extend(a.leaders.iter());
                    }
                }
            }
            if let Some(l) = led {
                f.leader_led_items = f.leader_led_items.saturating_add(1);
                leading.insert(&l.leader);
                if key.is_some() {
                    f.key_and_leader_led = f.key_and_leader_led.saturating_add(1);
                }
                if f.leader_led_examples.len() < 3 {
                    f.leader_led_examples.push(it.text.title.clone());
                }
            }
        }
        f.key_supervisors = count(supervisors.len());
        f.government_leaders = count(leaders.len());
        f.leading_leaders = count(leading.len());
        f.key_chosen_months = chosen.into_iter().collect();
        f.activity_months = months.first().copied().zip(months.last().copied());
        f
    }

    /// Key items chosen in `year` so far (the profile caps them).
    pub(crate) fn key_items_of_year(&self, year: i32) -> usize {
        self.items
            .values()
            .filter(|i| {
                i.key_supervision
                    .as_ref()
                    .is_some_and(|k| k.on.year() == year)
            })
            .count()
    }
}

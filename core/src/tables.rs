//! 统计表 (the tables of SPEC §10): every count the annual report prints, by kind, period,
//! origin, system, unit, topic and committee, result classes, satisfaction, timeliness,
//! contact, rollover, and the year-on-year change in percentage points.
//!
//! Each table carries its counts and its denominator, so every printed share can be
//! recomputed from printed counts (RULES.md §12: "Always compute from counts"). Sections
//! whose facts a ledger may not hold (key supervision, leader-led items, third-party
//! evaluation, honours, assessors' scores) are [`Section::NotInLedger`] when it holds none
//! and say so, rather than printing a number nobody recorded.

use std::collections::BTreeMap;
use std::num::NonZeroUsize;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::CalendarError;
use crate::directory::System;
use crate::figures::{share_set, CountShare, SystemCount, SystemOverlap, YearFigures};
use crate::id::UnitId;
use crate::ledger::Ledger;
use crate::profile::{Label, StatisticsRules};
use crate::share::Share;

mod item_counts;

use item_counts::ItemCounts;

/// 计数表 (a count table): rows over one denominator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountTable {
    /// Stable id (`by_topic`, `timeliness`, …).
    pub id: String,
    /// Title.
    pub title: Label,
    /// What the shares are of (`of the year's suggestions`, `of replied items` …).
    pub of: Label,
    /// The denominator.
    pub denominator: u64,
    /// Rows in the profile's or the report's order.
    pub rows: Vec<CountShare>,
}

/// 承办单位 (one unit's items: lead plus co-handled, Shanghai's "主会办件合计").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitRow {
    /// Unit.
    pub unit: UnitId,
    /// Name.
    pub name: String,
    /// System.
    pub system: System,
    /// Items it leads (主办, including split parts and joint leads).
    pub lead: u64,
    /// Items it co-handles (协办/会办).
    pub co: u64,
    /// Lead + co.
    pub total: u64,
}

/// A part of the report whose facts may not be in the ledger yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", content = "table", rename_all = "snake_case")]
pub enum Section<T> {
    /// The ledger holds these facts.
    InLedger(T),
    /// The ledger holds no such facts: the report says so and prints no number.
    NotInLedger,
}

impl<T> Section<T> {
    /// The table, when the ledger holds its facts.
    pub fn table(&self) -> Option<&T> {
        match self {
            Section::InLedger(t) => Some(t),
            Section::NotInLedger => None,
        }
    }
}

/// Every table of the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearTables {
    /// Work year.
    pub year: i32,
    /// Obligations as of.
    pub as_of: NaiveDate,
    /// 议案 and 建议 of the year.
    pub by_kind: CountTable,
    /// 大会 / 闭会 suggestions.
    pub by_period: CountTable,
    /// Direct suggestions and converted motions.
    pub by_origin: CountTable,
    /// Items per system (an item with leads in several systems counts in each of them).
    pub by_system: Vec<SystemCount>,
    /// The overlaps of `by_system`, every one (SPEC §10).
    #[serde(default)]
    pub system_overlaps: Vec<SystemOverlap>,
    /// Items with a lead unit, each counted once (`by_system` less its overlaps).
    #[serde(default)]
    pub handled_by_systems: u64,
    /// Units by lead + co items, most first.
    pub by_unit: Vec<UnitRow>,
    /// Topics of the profile's tree, then `unclassified`.
    pub by_topic: CountTable,
    /// Items whose handling units liaise with each committee (对口督办).
    pub by_committee: CountTable,
    /// Result classes after the first reply.
    pub classes_first_reply: CountTable,
    /// Result classes after the second round (二次答复), over items that had one.
    pub classes_second_round: CountTable,
    /// Result classes, final (latest reply).
    pub classes_final: CountTable,
    /// Satisfaction at the first rating.
    pub satisfaction_first: CountTable,
    /// Satisfaction at the latest rating.
    pub satisfaction_latest: CountTable,
    /// First replies on time and late.
    pub timeliness: CountTable,
    /// Replied items whose unit contacted the deputy before the first reply (见面/面商).
    pub contact_before_reply: CountTable,
    /// Items rolled into this year, by their latest class.
    pub rollover: CountTable,
    /// 重点督办 and supervision activities.
    pub key_supervision: Section<CountTable>,
    /// 领导领衔督办 (mayor / vice-mayors).
    pub leader_led: Section<CountTable>,
    /// 第三方评估.
    pub third_party: Section<CountTable>,
    /// 优秀建议 (of the year's suggestions).
    pub excellence: Section<CountTable>,
    /// 优秀代表 (of all deputies).
    pub excellent_deputies: Section<CountTable>,
    /// 承办单位考核.
    pub unit_assessment: Section<CountTable>,
}

impl YearTables {
    /// The report's sections that depend on facts a ledger may not hold, by id, with their
    /// table when it holds them (`None`: the report says so and prints no number).
    pub fn sections(&self) -> [(&'static str, Option<&CountTable>); 6] {
        [
            ("key_supervision", self.key_supervision.table()),
            ("leader_led", self.leader_led.table()),
            ("third_party", self.third_party.table()),
            ("excellence", self.excellence.table()),
            ("excellent_deputies", self.excellent_deputies.table()),
            ("unit_assessment", self.unit_assessment.table()),
        ]
    }

    /// Every count table in the report's order, the sections the ledger holds facts for
    /// included, the others left out.
    pub fn count_tables(&self) -> Vec<&CountTable> {
        let mut out = vec![
            &self.by_kind,
            &self.by_period,
            &self.by_origin,
            &self.by_topic,
            &self.by_committee,
            &self.classes_first_reply,
            &self.classes_second_round,
            &self.classes_final,
            &self.satisfaction_first,
            &self.satisfaction_latest,
            &self.timeliness,
            &self.contact_before_reply,
            &self.rollover,
        ];
        out.extend(self.sections().into_iter().filter_map(|(_, t)| t));
        out
    }

    /// The ids of the sections the ledger holds no facts for.
    pub fn sections_not_in_ledger(&self) -> Vec<&'static str> {
        self.sections()
            .into_iter()
            .filter(|(_, t)| t.is_none())
            .map(|(id, _)| id)
            .collect()
    }
}

/// 同比 (a rate's change from one year to the next, in percentage points).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// Rate id.
    pub id: String,
    /// Chinese label.
    pub label_zh: String,
    /// The earlier year's share.
    pub before: Share,
    /// The later year's share.
    pub after: Share,
    /// Signed change in percentage points, printed with the profile's rounding
    /// (`+6.7`, `-1.2`, `0`); `—` when either share has no denominator.
    pub points: String,
}

pub(crate) fn table(
    id: &str,
    title: Label,
    of: Label,
    denominator: u64,
    rows: &[(&str, &Label, u64)],
    rules: &StatisticsRules,
) -> CountTable {
    CountTable {
        id: id.to_owned(),
        title,
        of,
        denominator,
        rows: share_set(rows.iter().copied(), denominator, rules),
    }
}

fn from_rows(id: &str, title: Label, of: Label, rows: &[CountShare]) -> CountTable {
    CountTable {
        id: id.to_owned(),
        title,
        of,
        denominator: rows.first().map_or(0, |r| r.share.denominator),
        rows: rows.to_vec(),
    }
}

/// The signed difference `after − before` in percentage points, printed.
fn points(before: Share, after: Share, rules: &StatisticsRules) -> String {
    if before.denominator == 0 || after.denominator == 0 {
        return "—".to_owned();
    }
    // a/b − c/d = (a·d − c·b) / (b·d), exactly.
    let lhs = u128::from(after.numerator).checked_mul(u128::from(before.denominator));
    let rhs = u128::from(before.numerator).checked_mul(u128::from(after.denominator));
    let den = u128::from(after.denominator).checked_mul(u128::from(before.denominator));
    let (Some(lhs), Some(rhs), Some(den)) = (lhs, rhs, den) else {
        return "—".to_owned();
    };
    let (sign, num) = if lhs >= rhs {
        ("+", lhs.saturating_sub(rhs))
    } else {
        ("-", rhs.saturating_sub(lhs))
    };
    let (Ok(num), Ok(den)) = (u64::try_from(num), u64::try_from(den)) else {
        return "—".to_owned();
    };
    let text = Share::new(num, den).percent_text(
        rules.decimals,
        rules.rounding,
        rules.trim_trailing_zeros,
    );
    if num == 0 || text.trim_start_matches(['0', '.']).is_empty() {
        text
    } else {
        format!("{sign}{text}")
    }
}

/// The change of every rate of the profile, and of satisfaction and timeliness, between two
/// years' figures (year-on-year, "提高N个百分点").
pub fn year_on_year(
    before: &YearFigures,
    after: &YearFigures,
    rules: &StatisticsRules,
) -> Vec<Change> {
    let pairs = after
        .rates
        .iter()
        .chain([&after.satisfaction_rate, &after.on_time_rate])
        .filter_map(|a| {
            before
                .rates
                .iter()
                .chain([&before.satisfaction_rate, &before.on_time_rate])
                .find(|b| b.id == a.id)
                .map(|b| (b, a))
        });
    let mut seen: Vec<&str> = Vec::new();
    pairs
        // A profile rate may share its id with the built-in satisfaction or on-time rate.
        .filter(|(_, a)| {
            let fresh = !seen.contains(&a.id.as_str());
            seen.push(a.id.as_str());
            fresh
        })
        .map(|(b, a)| Change {
            id: a.id.clone(),
            label_zh: a.label_zh.clone(),
            before: b.share,
            after: a.share,
            points: points(b.share, a.share, rules),
        })
        .collect()
}

impl Ledger {
    /// Every table of SPEC §10 for work year `year` from this ledger as it stands
    /// ([`Ledger::year_tables`] reads the view as of `as_of`).
    ///
    /// # Errors
    /// `calendar.out_of_range`.
    pub(crate) fn compute_year_tables(
        &self,
        year: i32,
        as_of: NaiveDate,
        threads: NonZeroUsize,
    ) -> Result<YearTables, CalendarError> {
        let p = &self.profile;
        let st = &p.statistics;
        // Section 四's tables (honours, the unit assessment's bands) beside the pass over
        // the items, when there are two threads; the items then share the rest.
        let rest = NonZeroUsize::new(threads.get().saturating_sub(1)).unwrap_or(NonZeroUsize::MIN);
        let ((f, counts), (honours, unit_assessment)) = crate::shares::both(
            threads,
            || {
                (
                    self.compute_year_figures(year, as_of),
                    ItemCounts::of(self, year, rest),
                )
            },
            || {
                (
                    self.honour_tables(year, st),
                    self.unit_assessment_table(year, as_of, st),
                )
            },
        );
        let f = f?;
        let (excellence, excellent_deputies) = honours;
        let of_year = Label::new("占今年建议总数", "of the year's suggestions");
        let of_replied = Label::new("占已答复件", "of replied items");
        let of_rated = Label::new("占已测评件", "of rated items");

        let ItemCounts {
            topics,
            committees,
            units,
            first_levels,
            rollover,
            first_rated,
            contacted,
            assigned,
            contact_unknown,
            first_unknown,
            several_committees,
        } = counts;

        let unclassified = Label::new("未分类", "unclassified");
        let mut topic_rows: Vec<(&str, &Label, u64)> = p
            .intake
            .topics
            .iter()
            .map(|t| {
                (
                    t.id.as_str(),
                    &t.label,
                    topics.get(t.id.as_str()).copied().unwrap_or(0),
                )
            })
            .collect();
        let known = |id: &str| p.intake.topics.iter().any(|t| t.id == id);
        let other: u64 = topics
            .iter()
            .filter(|(id, _)| !known(id))
            .map(|(_, n)| *n)
            .fold(0, u64::saturating_add);
        if other > 0 {
            topic_rows.push(("unclassified", &unclassified, other));
        }

        let committee_labels: Vec<(String, Label)> = self
            .directory
            .committees
            .values()
            .map(|c| (c.id.to_string(), Label::new(&c.name, &c.name)))
            .collect();
        let committee_rows: Vec<(&str, &Label, u64)> = committee_labels
            .iter()
            .map(|(id, l)| {
                (
                    id.as_str(),
                    l,
                    committees.get(id.as_str()).copied().unwrap_or(0),
                )
            })
            .collect();

        let mut by_unit: Vec<UnitRow> = units
            .into_iter()
            .filter_map(|(id, (lead, co, _))| {
                let u = self.directory.units.get(id)?;
                Some(UnitRow {
                    unit: id.clone(),
                    name: u.name.clone(),
                    system: u.system,
                    lead,
                    co,
                    total: lead.saturating_add(co),
                })
            })
            .collect();
        // INVARIANT: a total order (total desc, then id), so the table never depends on the
        // order items were read in.
        by_unit.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.unit.cmp(&b.unit)));

        let unknown_l = Label::new("台账未载明", "not known (imported)");
        let mut level_rows: Vec<(&str, &Label, u64)> = p
            .feedback
            .levels
            .iter()
            .map(|l| {
                (
                    l.id.as_str(),
                    &l.label,
                    first_levels.get(l.id.as_str()).copied().unwrap_or(0),
                )
            })
            .collect();
        if first_unknown > 0 {
            level_rows.push(("unknown", &unknown_l, first_unknown));
        }
        let unreplied = Label::new("尚未答复", "not yet replied");
        let mut rollover_rows: Vec<(&str, &Label, u64)> = p
            .results
            .classes
            .iter()
            .map(|c| {
                (
                    c.id.as_str(),
                    &c.label,
                    rollover.get(c.id.as_str()).copied().unwrap_or(0),
                )
            })
            .collect();
        if let Some(n) = rollover.get("unreplied") {
            rollover_rows.push(("unreplied", &unreplied, *n));
        }
        let motions_l = Label::new("议案", "motions");
        let (session_l, recess_l) = (
            Label::new("大会期间", "at the session"),
            Label::new("闭会期间", "in the recess"),
        );
        let (direct_l, converted_l) = (
            Label::new("代表直接提出", "submitted as suggestions"),
            Label::new("议案转为建议", "converted from motions"),
        );
        let (on_time_l, late_l) = (
            Label::new("按期答复", "on time"),
            Label::new("逾期答复", "late"),
        );
        let (contacted_l, not_contacted_l) = (
            Label::new("答复前已联系代表", "contacted before the reply"),
            Label::new("答复前未联系代表", "not contacted before the reply"),
        );
        let converted = f
            .suggestions_total
            .saturating_sub(f.suggestions_at_session)
            .saturating_sub(f.suggestions_in_recess);
        let session_total = f.suggestions_total.saturating_sub(f.suggestions_in_recess);
        let on_time = f.on_time_rate.count;
        let mut timeliness_rows = vec![
            ("on_time", &on_time_l, on_time),
            (
                "late",
                &late_l,
                f.replied
                    .saturating_sub(on_time)
                    .saturating_sub(f.timing_unknown),
            ),
        ];
        if f.timing_unknown > 0 {
            timeliness_rows.push(("unknown", &unknown_l, f.timing_unknown));
        }
        let mut contact_rows = vec![
            ("contacted", &contacted_l, contacted),
            (
                "not_contacted",
                &not_contacted_l,
                f.replied
                    .saturating_sub(contacted)
                    .saturating_sub(contact_unknown),
            ),
        ];
        if contact_unknown > 0 {
            contact_rows.push(("unknown", &unknown_l, contact_unknown));
        }
        // A document is one document (SPEC §10): a motion converted into a suggestion is
        // counted once, as the motion it was submitted as.
        let direct = f.suggestions_total.saturating_sub(converted);
        let kinds_total = f.motions.saturating_add(direct);
        let direct_suggestions_l = Label::new(
            "建议（不含议案转为建议的）",
            "suggestions (not converted from motions)",
        );

        Ok(YearTables {
            year,
            as_of,
            by_kind: table(
                "by_kind",
                Label::new("议案和建议", "motions and suggestions"),
                Label::new(
                    &format!("占代表提出的议案建议{kinds_total}件（议案转为建议的{converted}件只计一次，计入议案）"),
                    &format!("of the {kinds_total} motions and suggestions deputies submitted (the {converted} motions converted into suggestions counted once, as motions)"),
                ),
                kinds_total,
                &[
                    ("motion", &motions_l, f.motions),
                    ("suggestion", &direct_suggestions_l, direct),
                ],
                st,
            ),
            by_period: table(
                "by_period",
                Label::new("提出时间", "when submitted"),
                of_year.clone(),
                f.suggestions_total,
                &[
                    ("session", &session_l, session_total),
                    ("recess", &recess_l, f.suggestions_in_recess),
                ],
                st,
            ),
            by_origin: table(
                "by_origin",
                Label::new("来源", "origin"),
                of_year.clone(),
                f.suggestions_total,
                &[
                    (
                        "direct",
                        &direct_l,
                        f.suggestions_total.saturating_sub(converted),
                    ),
                    ("converted_from_motion", &converted_l, converted),
                ],
                st,
            ),
            by_system: f.by_system.clone(),
            system_overlaps: f.system_overlaps.clone(),
            handled_by_systems: f.handled_by_systems,
            by_unit,
            by_topic: table(
                "by_topic",
                Label::new("按类别", "by topic"),
                of_year,
                f.suggestions_total,
                &topic_rows,
                st,
            ),
            by_committee: table(
                "by_committee",
                Label::new("按对口联系委办室", "by liaison committee"),
                if several_committees > 0 {
                    Label::new(
                        &format!("占已交办件（其中{several_committees}件的承办单位对口多个委室，分别计入各委室）"),
                        &format!("of assigned items ({several_committees} items whose units liaise with several committees count under each)"),
                    )
                } else {
                    Label::new("占已交办件", "of assigned items")
                },
                assigned,
                &committee_rows,
                st,
            ),
            classes_first_reply: from_rows(
                "classes_first_reply",
                Label::new("首次答复办理结果", "result classes, first reply"),
                of_replied.clone(),
                &f.classes_first_reply,
            ),
            classes_second_round: from_rows(
                "classes_second_round",
                Label::new("二次答复办理结果", "result classes, second round"),
                Label::new("占二次答复件", "of items replied a second time"),
                &f.classes_second_round,
            ),
            classes_final: from_rows(
                "classes_final",
                Label::new("最终办理结果", "result classes, final"),
                of_replied.clone(),
                &f.classes_final,
            ),
            satisfaction_first: table(
                "satisfaction_first",
                Label::new("初次测评满意度", "satisfaction, first rating"),
                of_rated.clone(),
                first_rated,
                &level_rows,
                st,
            ),
            satisfaction_latest: from_rows(
                "satisfaction_latest",
                Label::new("最新测评满意度", "satisfaction, latest rating"),
                of_rated,
                &f.satisfaction_latest,
            ),
            timeliness: table(
                "timeliness",
                Label::new("答复时效", "timeliness of the first reply"),
                of_replied.clone(),
                f.replied,
                &timeliness_rows,
                st,
            ),
            contact_before_reply: table(
                "contact_before_reply",
                Label::new("答复前联系代表", "contact before the reply"),
                of_replied,
                f.replied,
                &contact_rows,
                st,
            ),
            rollover: table(
                "rollover",
                Label::new("滚动办理", "rolled over into this year"),
                Label::new("占滚动办理件", "of rolled-over items"),
                f.rolled_over_into_year,
                &rollover_rows,
                st,
            ),
            key_supervision: self.key_supervision_table(year, st),
            leader_led: self.leader_led_table(year, st),
            third_party: self.third_party_table(year, st),
            excellence,
            excellent_deputies,
            unit_assessment: unit_assessment?,
        })
    }
}

impl Ledger {
    /// Key items of the year per supervising committee.
    fn key_supervision_table(&self, year: i32, st: &StatisticsRules) -> Section<CountTable> {
        let mut per: BTreeMap<String, u64> = BTreeMap::new();
        for it in self.items.values() {
            if let Some(k) = it
                .key_supervision
                .as_ref()
                .filter(|k| chrono::Datelike::year(&k.on) == year)
            {
                item_counts::bump(&mut per, k.committee.to_string(), 1);
            }
        }
        Self::named_section(
            "key_supervision",
            Label::new("重点督办（按牵头委办室）", "key supervision by committee"),
            Label::new("占重点督办件", "of key items"),
            &per,
            |id| {
                self.directory
                    .committees
                    .values()
                    .find(|c| c.id.as_str() == id)
                    .map(|c| c.name.clone())
            },
            st,
        )
    }

    /// Leader-led items of the year per leader.
    fn leader_led_table(&self, year: i32, st: &StatisticsRules) -> Section<CountTable> {
        let mut per: BTreeMap<String, u64> = BTreeMap::new();
        for it in self.items.values() {
            if let Some(l) = it
                .leader_led
                .as_ref()
                .filter(|l| chrono::Datelike::year(&l.on) == year)
            {
                item_counts::bump(&mut per, l.leader.to_string(), 1);
            }
        }
        Self::named_section(
            "leader_led",
            Label::new(
                "市长领办（按领导）",
                "items led by the mayor and vice-mayors",
            ),
            Label::new("占领办件", "of leader-led items"),
            &per,
            |id| {
                self.directory
                    .leaders
                    .values()
                    .find(|l| l.id.as_str() == id)
                    .map(|l| l.name.clone())
            },
            st,
        )
    }

    /// A count table over named entries, or `NotInLedger` when there are none.
    fn named_section(
        id: &str,
        title: Label,
        of: Label,
        per: &BTreeMap<String, u64>,
        name: impl Fn(&str) -> Option<String>,
        st: &StatisticsRules,
    ) -> Section<CountTable> {
        if per.is_empty() {
            return Section::NotInLedger;
        }
        let labels: Vec<(String, Label)> = per
            .keys()
            .map(|k| {
                let n = name(k).unwrap_or_else(|| k.clone());
                (k.clone(), Label::new(&n, &n))
            })
            .collect();
        let total = per.values().copied().fold(0u64, u64::saturating_add);
        let rows: Vec<(&str, &Label, u64)> = labels
            .iter()
            .map(|(k, l)| (k.as_str(), l, per.get(k).copied().unwrap_or(0)))
            .collect();
        Section::InLedger(table(id, title, of, total, &rows, st))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Profile;

    #[test]
    fn percentage_points_are_signed_and_exact() {
        let rules = Profile::default().statistics;
        // 66.35% → 73.0%: +6.65 points, printed with the profile's one decimal.
        let before = Share::new(1327, 2000);
        let after = Share::new(73, 100);
        assert_eq!(points(before, after, &rules), "+6.7");
        assert_eq!(points(after, before, &rules), "-6.7");
        assert_eq!(points(after, after, &rules), "0");
        assert_eq!(points(Share::new(0, 0), after, &rules), "—");
    }
}

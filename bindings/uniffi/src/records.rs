//! An item's detail and the year's figures as records (issue 17), for every build, the phone
//! included. The `*_json` methods stay for hosts that hold JSON.

use jianyi_core::figures::CountShare;
use jianyi_core::item::Item;
use jianyi_core::{ItemId, YearFigures};

use crate::errors::JianyiError;
use crate::types::{code_of, count, iso, parse_date, parse_id, to_json, ItemKind, ItemStatus};
use crate::Ledger;

/// N件，占P%: a count with the exact share behind its printed percent.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ShareRecord {
    /// Row id (a class, a satisfaction level, a rate).
    pub id: String,
    /// 中文 label.
    pub label_zh: String,
    /// English label.
    pub label_en: String,
    /// Items counted.
    pub count: i64,
    /// Exact share: numerator.
    pub numerator: i64,
    /// Exact share: denominator.
    pub denominator: i64,
    /// The percent as the report prints it.
    pub percent: String,
}

pub(crate) fn share_record(r: &CountShare) -> ShareRecord {
    ShareRecord {
        id: r.id.clone(),
        label_zh: r.label_zh.clone(),
        label_en: r.label_en.clone(),
        count: count(r.count),
        numerator: count(r.share.numerator),
        denominator: count(r.share.denominator),
        percent: r.percent.clone(),
    }
}

fn shares(list: &[CountShare]) -> Vec<ShareRecord> {
    list.iter().map(share_record).collect()
}

/// Items handled by one system (政府, 法院 …).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SystemCountRecord {
    /// The system's code (`government`, `court` …).
    pub system: String,
    /// Items.
    pub items: i64,
}

/// Items handled by several systems together, counted once in the total.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SystemOverlapRecord {
    /// The systems' codes.
    pub systems: Vec<String>,
    /// The handling mode's code (`split`, `joint`, `lead_with_co`).
    pub mode: String,
    /// Items.
    pub items: i64,
}

/// 未知: a fact the ledger's sources do not know for some of the year's items (an imported
/// 台账), and the figures that leave those items out or cannot be given for them.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct UnknownFigureRecord {
    /// The fact's code (`date`, `contact`, `system` …).
    pub fact: String,
    /// 中文 label.
    pub label_zh: String,
    /// English label.
    pub label_en: String,
    /// Items of the year it is unknown for.
    pub items: i64,
    /// Ids of the figures and tables that rest on it.
    pub figures: Vec<String>,
}

/// 年度数据: the year's figures (SPEC §10), as of a date.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct YearFiguresRecord {
    /// Work year.
    pub year: i32,
    /// As of (ISO).
    pub as_of: String,
    /// 议案.
    pub motions: i64,
    /// 议案交常委会审议.
    pub motions_to_standing_committee: i64,
    /// 议案列入大会议程.
    pub motions_to_agenda: i64,
    /// 议案转为建议.
    pub motions_converted: i64,
    /// 会议期间提出的建议.
    pub suggestions_at_session: i64,
    /// 闭会期间提出的建议.
    pub suggestions_in_recess: i64,
    /// 建议合计.
    pub suggestions_total: i64,
    /// 撤回.
    pub withdrawn: i64,
    /// 不予立案.
    pub rejected: i64,
    /// 滚入本年度的.
    pub rolled_over_into_year: i64,
    /// By system.
    pub by_system: Vec<SystemCountRecord>,
    /// Items handled by the systems, each counted once.
    pub handled_by_systems: i64,
    /// Items several systems handled.
    pub system_overlaps: Vec<SystemOverlapRecord>,
    /// 已答复.
    pub replied: i64,
    /// Classes at the first reply.
    pub classes_first_reply: Vec<ShareRecord>,
    /// Items with a second round.
    pub second_round_items: i64,
    /// Classes at the second round.
    pub classes_second_round: Vec<ShareRecord>,
    /// Final classes (a split item: its least-resolved part).
    pub classes_final: Vec<ShareRecord>,
    /// 已评价.
    pub rated: i64,
    /// Latest satisfaction levels.
    pub satisfaction_latest: Vec<ShareRecord>,
    /// 满意率.
    pub satisfaction_rate: ShareRecord,
    /// 评价逾期视为满意 (lapsed feedback).
    pub lapsed: i64,
    /// Replies late.
    pub replies_late: i64,
    /// Obligations overdue on the as-of date.
    pub overdue_obligations: i64,
    /// 按时答复率 (over replied items whose dates are known).
    pub on_time_rate: ShareRecord,
    /// Replied items whose dates are unknown (imported): left out of `on_time_rate`.
    pub timing_unknown: i64,
    /// Facts unknown for some items (imported), with the figures that rest on them; empty
    /// for a ledger recorded as things happened.
    pub unknown: Vec<UnknownFigureRecord>,
    /// The other rates of the report.
    pub rates: Vec<ShareRecord>,
}

fn figures_record(f: &YearFigures) -> YearFiguresRecord {
    YearFiguresRecord {
        year: f.year,
        as_of: iso(f.as_of),
        motions: count(f.motions),
        motions_to_standing_committee: count(f.motions_to_standing_committee),
        motions_to_agenda: count(f.motions_to_agenda),
        motions_converted: count(f.motions_converted),
        suggestions_at_session: count(f.suggestions_at_session),
        suggestions_in_recess: count(f.suggestions_in_recess),
        suggestions_total: count(f.suggestions_total),
        withdrawn: count(f.withdrawn),
        rejected: count(f.rejected),
        rolled_over_into_year: count(f.rolled_over_into_year),
        by_system: f
            .by_system
            .iter()
            .map(|s| SystemCountRecord {
                system: code_of(&s.system),
                items: count(s.items),
            })
            .collect(),
        handled_by_systems: count(f.handled_by_systems),
        system_overlaps: f
            .system_overlaps
            .iter()
            .map(|o| SystemOverlapRecord {
                systems: o.systems.iter().map(code_of).collect(),
                mode: code_of(&o.mode),
                items: count(o.items),
            })
            .collect(),
        replied: count(f.replied),
        classes_first_reply: shares(&f.classes_first_reply),
        second_round_items: count(f.second_round_items),
        classes_second_round: shares(&f.classes_second_round),
        classes_final: shares(&f.classes_final),
        rated: count(f.rated),
        satisfaction_latest: shares(&f.satisfaction_latest),
        satisfaction_rate: share_record(&f.satisfaction_rate),
        lapsed: count(f.lapsed),
        replies_late: count(f.replies_late),
        overdue_obligations: count(f.overdue_obligations),
        on_time_rate: share_record(&f.on_time_rate),
        timing_unknown: count(f.timing_unknown),
        unknown: f
            .unknown
            .iter()
            .map(|u| UnknownFigureRecord {
                fact: code_of(&u.fact),
                label_zh: u.label_zh.clone(),
                label_en: u.label_en.clone(),
                items: count(u.items),
                figures: u.figures.clone(),
            })
            .collect(),
        rates: shares(&f.rates),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]
    use super::*;

    /// The unknown facts of an imported ledger reach a host with their codes and counts.
    #[test]
    fn unknown_facts_carry_their_code_count_and_figures() {
        let text = include_str!("../../../examples/data/sample-city-2022.jsonl");
        let profile = jianyi_core::wire::bundled_profile(text).unwrap();
        let ledger = jianyi_core::Ledger::from_jsonl(
            text,
            profile,
            &jianyi_core::Calendar::china(),
            jianyi_core::ProfileCheck::Same,
        )
        .unwrap();
        let day = chrono::NaiveDate::from_ymd_opt(2022, 12, 31).unwrap();
        let mut figures = ledger.year_figures(2022, day).unwrap();
        assert!(
            figures_record(&figures).unknown.is_empty(),
            "a recorded ledger"
        );
        figures.timing_unknown = 7;
        figures.unknown.push(jianyi_core::figures::UnknownFigure {
            fact: jianyi_core::provenance::Unknown::Contact,
            label_zh: "沟通".into(),
            label_en: "contact".into(),
            items: 9,
            figures: vec!["contact_before_reply".into()],
        });
        let record = figures_record(&figures);
        assert_eq!(record.timing_unknown, 7);
        assert_eq!(
            record.unknown,
            vec![UnknownFigureRecord {
                fact: "contact".into(),
                label_zh: "沟通".into(),
                label_en: "contact".into(),
                items: 9,
                figures: vec!["contact_before_reply".into()],
            }]
        );
    }
}

/// An assignment: the plan and when.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AssignmentInfo {
    /// The handling mode's code.
    pub mode: String,
    /// Lead units.
    pub leads: Vec<String>,
    /// Co-handling units.
    pub co: Vec<String>,
    /// Date (ISO).
    pub on: String,
    /// Whether it replaced an earlier assignment.
    pub reassignment: bool,
}

/// A reply (答复).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReplyInfo {
    /// The replying unit.
    pub unit: String,
    /// `first`, `follow_up`, `rehandle` or `rollover`.
    pub round: String,
    /// Result class (`resolved`, `in_progress` … as the profile names them).
    pub class: String,
    /// The date promised for a planned item, if any.
    pub promised_by: Option<String>,
    /// Date (ISO).
    pub on: String,
    /// Signed by the unit's head.
    pub signed_by_head: bool,
}

/// A deputy's feedback (评价).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FeedbackInfo {
    /// The deputy (none when the window lapsed).
    pub by: Option<String>,
    /// The level's code (none when lapsed).
    pub level: Option<String>,
    /// Date (ISO).
    pub on: String,
    /// The deputy's comment.
    pub comment: Option<String>,
}

/// An item's detail: what an app shows, with everything else in `detail_json`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ItemRecord {
    /// Id.
    pub id: String,
    /// 议案 or 建议.
    pub kind: ItemKind,
    /// Session id.
    pub session: String,
    /// Work year.
    pub year: i32,
    /// Lead deputy.
    pub lead: String,
    /// Cosigners.
    pub cosigners: Vec<String>,
    /// Delegation, if submitted by one.
    pub delegation: Option<String>,
    /// 标题.
    pub title: String,
    /// 正文.
    pub body: String,
    /// The unit the deputy proposed.
    pub proposed_unit: Option<String>,
    /// Submitted on (ISO).
    pub submitted_on: String,
    /// Status.
    pub status: ItemStatus,
    /// Topic id, once registered.
    pub topic: Option<String>,
    /// Every assignment, the current one last.
    pub assignments: Vec<AssignmentInfo>,
    /// Every reply.
    pub replies: Vec<ReplyInfo>,
    /// Every feedback.
    pub feedback: Vec<FeedbackInfo>,
    /// Years it rolled into.
    pub rolled_into: Vec<i32>,
    /// Selected for key supervision (重点督办).
    pub key_supervision: bool,
    /// Year it was honoured as excellent, if it was.
    pub honoured: Option<i32>,
    /// Closed on (ISO), if closed.
    pub closed_on: Option<String>,
    /// The whole item as JSON (duties, contacts, commitments, supervision, evaluation …).
    pub detail_json: String,
}

fn item_record(it: &Item) -> Result<ItemRecord, JianyiError> {
    Ok(ItemRecord {
        id: it.id.to_string(),
        kind: it.kind.into(),
        session: it.session.to_string(),
        year: it.year,
        lead: it.lead.to_string(),
        cosigners: it.cosigners.iter().map(ToString::to_string).collect(),
        delegation: it.delegation.as_ref().map(ToString::to_string),
        title: it.text.title.clone(),
        body: it.text.body.clone(),
        proposed_unit: it.proposed_unit.as_ref().map(ToString::to_string),
        submitted_on: iso(it.submitted_on),
        status: it.status.into(),
        topic: it.topic.clone(),
        assignments: it
            .assignments
            .iter()
            .map(|a| AssignmentInfo {
                mode: code_of(&a.plan.mode),
                leads: a.plan.leads.iter().map(ToString::to_string).collect(),
                co: a.plan.co.iter().map(ToString::to_string).collect(),
                on: iso(a.on),
                reassignment: a.reassignment,
            })
            .collect(),
        replies: it
            .replies
            .iter()
            .map(|r| ReplyInfo {
                unit: r.unit.to_string(),
                round: code_of(&r.round),
                class: r.class.clone(),
                promised_by: r.promised_by.map(iso),
                on: iso(r.on),
                signed_by_head: r.signed_by_head,
            })
            .collect(),
        feedback: it
            .feedback
            .iter()
            .map(|f| FeedbackInfo {
                by: f.by.as_ref().map(ToString::to_string),
                level: f.level.clone(),
                on: iso(f.on),
                comment: f.comment.clone(),
            })
            .collect(),
        rolled_into: it.rolled_into.clone(),
        key_supervision: it.key_supervision.is_some(),
        honoured: it.honoured,
        closed_on: it.closing.as_ref().map(|(_, on)| iso(*on)),
        detail_json: to_json("item", it)?,
    })
}

#[uniffi::export]
impl Ledger {
    /// An item's detail as a record; none for an unknown item.
    pub fn item(&self, item: String) -> Result<Option<ItemRecord>, JianyiError> {
        let id: ItemId = parse_id(&item)?;
        self.snapshot()?.item(&id).map(item_record).transpose()
    }

    /// The year's figures as of a date, as a record (SPEC §10).
    pub fn year_figures(&self, year: i32, as_of: String) -> Result<YearFiguresRecord, JianyiError> {
        let as_of = parse_date("as_of", &as_of)?;
        Ok(figures_record(&self.snapshot()?.year_figures(year, as_of)?))
    }
}

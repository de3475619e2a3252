//! 来源 (provenance): where a command's facts came from when they were not recorded as they
//! happened but imported from an office's spreadsheet (台账导入), and which of their facts
//! the source does not know.
//!
//! A command may carry a [`Source`]; the events it produces carry the same. A ledger written
//! as things happen carries none, and its lines are exactly as before (the field is left
//! out when absent). The core never fills an unknown fact in: a fact marked [`Unknown`] is
//! a stand-in the caller had to give (a date the sheet has no column for) or a check the
//! core cannot make (a contact before the reply). Items remember what is unknown about them
//! ([`UnknownSet`]) and the figures that rest on it say so instead of counting it
//! (`crate::figures::UnknownFigure`).

use serde::{Deserialize, Serialize};

/// 导入来源: the file and row a command's facts were read from, and what it does not know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The file, as the importer named it.
    pub file: String,
    /// The row (as Excel numbers it) the facts were read from.
    pub row: u64,
    /// The facts the row does not give (stand-ins, or checks that could not be made).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unknown: Vec<Unknown>,
}

impl Source {
    /// Whether `fact` is unknown to this source.
    pub fn is_unknown(&self, fact: Unknown) -> bool {
        self.unknown.contains(&fact)
    }
}

/// 未知事实: a fact a source does not know, and so the figures that cannot count it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Unknown {
    /// 日期: the effective date is a stand-in (submission, assignment, rating dates; a reply
    /// date the row leaves blank). Deadlines and timeliness are not known.
    Date,
    /// 沟通: whether and when the unit contacted the deputy before replying.
    Contact,
    /// 具体意见: the deputy's comment with a rating.
    Comment,
    /// 来源: submitted directly or converted from a motion (a 台账 of suggestions holds no
    /// motions).
    Origin,
    /// 撤回、不予受理: whether the item was withdrawn or rejected.
    Status,
    /// 承办系统: the system the handling units belong to.
    System,
    /// 对口联系委办室: the committee that liaises with the handling units.
    Liaison,
    /// 初次测评: ratings before the latest.
    EarlierRatings,
    /// 签发、审核: whether the head signed the reply and a leader reviewed it.
    Signature,
    /// 提出方式: submitted at the session or in the recess.
    Period,
    /// 承诺时限: the date a reply promised a solution by.
    Promise,
    /// 测评: whether a replied item was rated, is awaiting its rating, or lapsed.
    Rating,
    /// 滚动办理: whether the item was rolled over, and earlier years' items rolled in.
    Rollover,
}

impl Unknown {
    /// Every unknown fact, in a fixed order (bit positions of [`UnknownSet`]).
    pub const ALL: [Unknown; 13] = [
        Unknown::Date,
        Unknown::Contact,
        Unknown::Comment,
        Unknown::Origin,
        Unknown::Status,
        Unknown::System,
        Unknown::Liaison,
        Unknown::EarlierRatings,
        Unknown::Signature,
        Unknown::Period,
        Unknown::Promise,
        Unknown::Rating,
        Unknown::Rollover,
    ];

    /// The id as written in ledgers and figures.
    pub fn as_str(self) -> &'static str {
        match self {
            Unknown::Date => "date",
            Unknown::Contact => "contact",
            Unknown::Comment => "comment",
            Unknown::Origin => "origin",
            Unknown::Status => "status",
            Unknown::System => "system",
            Unknown::Liaison => "liaison",
            Unknown::EarlierRatings => "earlier_ratings",
            Unknown::Signature => "signature",
            Unknown::Period => "period",
            Unknown::Promise => "promise",
            Unknown::Rating => "rating",
            Unknown::Rollover => "rollover",
        }
    }

    /// Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            Unknown::Date => "提出、交办、测评日期",
            Unknown::Contact => "答复前是否联系代表",
            Unknown::Comment => "代表的具体意见",
            Unknown::Origin => "议案及议案转为建议的情况",
            Unknown::Status => "是否撤回或不予受理",
            Unknown::System => "承办单位所属系统",
            Unknown::Liaison => "承办单位对口联系委办室",
            Unknown::EarlierRatings => "二次答复前的测评",
            Unknown::Signature => "答复是否由主要负责人签发",
            Unknown::Period => "会议期间或闭会期间提出",
            Unknown::Promise => "承诺解决时限",
            Unknown::Rating => "已答复件是否测评或逾期未评",
            Unknown::Rollover => "是否滚动办理",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Unknown::Date => "dates of submission, assignment and rating",
            Unknown::Contact => "whether the unit contacted the deputy before replying",
            Unknown::Comment => "the deputy's comment",
            Unknown::Origin => "the motions, and which suggestions were converted from one",
            Unknown::Status => "whether it was withdrawn or rejected",
            Unknown::System => "the handling units' systems",
            Unknown::Liaison => "the handling units' liaison committees",
            Unknown::EarlierRatings => "ratings before the second reply",
            Unknown::Signature => "whether the head signed the reply",
            Unknown::Period => "whether it was submitted at the session or in the recess",
            Unknown::Promise => "the date a reply promised a solution by",
            Unknown::Rating => "whether a replied item was rated or its rating lapsed",
            Unknown::Rollover => "whether it was rolled over (and earlier items rolled in)",
        }
    }

    /// The ids of the year's figures and tables that rest on this fact: items it is unknown
    /// for are left out of them (and counted as unknown) or the figure is marked unknown.
    pub fn figures(self) -> &'static [&'static str] {
        match self {
            Unknown::Date => &[
                "on_time_rate",
                "replies_late",
                "overdue_obligations",
                "timeliness",
            ],
            Unknown::Contact => &["contact_before_reply"],
            Unknown::Comment | Unknown::Promise => &[],
            Unknown::Origin => &[
                "motions",
                "motions_to_standing_committee",
                "motions_to_agenda",
                "motions_converted",
                "suggestions_at_session",
                "by_origin",
                "by_kind",
            ],
            Unknown::Status => &["withdrawn", "rejected"],
            Unknown::System => &["by_system", "system_overlaps"],
            Unknown::Liaison => &["by_committee"],
            Unknown::EarlierRatings => &["satisfaction_first"],
            Unknown::Signature => &["unit_assessment"],
            Unknown::Period => &[
                "suggestions_at_session",
                "suggestions_in_recess",
                "by_period",
            ],
            Unknown::Rating => &["lapsed"],
            Unknown::Rollover => &["rolled_over_into_year", "rollover"],
        }
    }

    fn bit(self) -> u16 {
        let i = Unknown::ALL.iter().position(|u| *u == self).unwrap_or(0);
        u32::try_from(i)
            .ok()
            .and_then(|i| 1u16.checked_shl(i))
            .unwrap_or(0)
    }
}

/// The unknown facts of an item: a small set (two bytes; most items have none).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct UnknownSet(u16);

impl UnknownSet {
    /// No unknown fact.
    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }

    /// Whether `fact` is in the set.
    pub fn contains(&self, fact: Unknown) -> bool {
        self.0 & fact.bit() != 0
    }

    /// Adds `fact`.
    pub fn insert(&mut self, fact: Unknown) {
        self.0 |= fact.bit();
    }

    /// The facts, in [`Unknown::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = Unknown> + '_ {
        Unknown::ALL.into_iter().filter(|u| self.contains(*u))
    }
}

impl Serialize for UnknownSet {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for UnknownSet {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let list = Vec::<Unknown>::deserialize(d)?;
        let mut set = UnknownSet::default();
        for u in list {
            set.insert(u);
        }
        Ok(set)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

    #[test]
    fn a_set_keeps_each_fact_and_serializes_as_a_list() {
        let mut s = UnknownSet::default();
        assert!(s.is_empty());
        s.insert(Unknown::Contact);
        s.insert(Unknown::Date);
        s.insert(Unknown::Date);
        assert!(s.contains(Unknown::Date) && !s.contains(Unknown::Status));
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(json, r#"["date","contact"]"#);
        assert_eq!(serde_json::from_str::<UnknownSet>(&json).unwrap(), s);
        for u in Unknown::ALL {
            assert_eq!(
                serde_json::to_string(&u).unwrap(),
                format!("\"{}\"", u.as_str())
            );
        }
    }

    #[test]
    fn a_source_without_unknowns_leaves_the_list_out() {
        let s = Source {
            file: "a.csv".into(),
            row: 3,
            unknown: vec![],
        };
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            r#"{"file":"a.csv","row":3}"#
        );
        assert!(!s.is_unknown(Unknown::Date));
    }
}

//! The domain's small value types shared by commands, events and state.

use serde::{Deserialize, Serialize};

use crate::id::{ItemId, UnitId};

/// 议案 or 建议 (SPEC §1; RULES.md §1.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// 议案 (a formal motion).
    Motion,
    /// 建议、批评和意见 (a suggestion).
    Suggestion,
}

/// 会议期间 / 闭会期间: when an item was submitted (RULES.md §1.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// 会议期间 (during the session).
    Session,
    /// 闭会期间 (between sessions).
    Recess,
}

/// Where a suggestion came from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Origin {
    /// Submitted as a suggestion.
    Direct,
    /// 议案转建议: a motion the presidium turned into a suggestion (RULES.md §1.1).
    ConvertedFromMotion {
        /// The motion it came from.
        motion: ItemId,
    },
}

/// 主席团 decision on a motion (RULES.md §1.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum MotionDecision {
    /// 交常委会审议 (sent to the standing committee for deliberation).
    ToStandingCommittee,
    /// 列入会议议程 (put on the session's agenda).
    ToAgenda,
    /// 转为建议办理 (converted to a suggestion, under a new item id).
    ConvertToSuggestion {
        /// The id the new suggestion gets.
        suggestion: ItemId,
    },
    /// 不列入议程 (not listed).
    NotListed,
}

/// 不予受理的理由 (why an item is not accepted as a suggestion; RULES.md §1.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExclusionReason {
    /// 超出本级职权范围.
    OutsideJurisdiction,
    /// 代表本人、亲属或本单位的个别问题.
    PersonalMatter,
    /// 具体司法案件.
    JudicialCase,
    /// 代转来信、检举、申诉、控告.
    ForwardedPetition,
    /// 学术探讨、广告宣传.
    Advertising,
    /// 没有实质内容.
    NoSubstance,
    /// 具体招投标.
    BidOutcome,
    /// 其他.
    Other,
}

/// 处理方式 for a rejected item (RULES.md §1.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Disposition {
    /// 退回代表.
    ReturnedToDeputy,
    /// 作代表来信处理.
    TreatedAsLetter,
    /// 转有关部门作工作参考.
    ForwardedForReference,
}

/// 办理方式 (RULES.md §3.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum HandlingMode {
    /// 主办 + 协办/会办: the lead(s) reply, co-handlers give opinions to the lead.
    LeadWithCo,
    /// 分办: each unit handles and replies for its own part.
    Split,
    /// 合办: several leads reach one agreed reply.
    Joint,
}

/// The units an assignment names (交办方案).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AssignmentPlan {
    /// Mode.
    pub mode: HandlingMode,
    /// 主办 (lead units; in split mode, every unit that handles a part).
    pub leads: Vec<UnitId>,
    /// 协办 / 会办 (co-handlers; lead-with-co and joint modes only).
    #[serde(default)]
    pub co: Vec<UnitId>,
}

/// 沟通方式 (RULES.md §4.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ContactMethod {
    /// 走访 / 见面.
    Visit,
    /// 座谈 / 面商.
    Meeting,
    /// 电话.
    Phone,
    /// 网上.
    Online,
}

/// 答复轮次 (reply round).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReplyRound {
    /// 首次答复.
    First,
    /// 二次答复 (after a follow-up request).
    FollowUp,
    /// 重新办理 (after a reopen order).
    Rehandle,
    /// 滚动办理 (handled again after rollover into a later year's work list).
    Rollover,
}

/// 疑难件 escalation steps (RULES.md §2.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DisputeStep {
    /// 协调会.
    Coordination,
    /// 书面意见.
    WrittenObjection,
    /// 政府领导裁定.
    LeaderRuling,
}

/// How an item was closed (办结).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Closing {
    /// 办结.
    Completed,
    /// 换届终结, with the written explanation (RULES.md §7, Shanghai Art 22).
    TermEnd {
        /// 书面说明.
        explanation: String,
    },
}

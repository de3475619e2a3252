//! 事实 (events): what the ledger records. Past tense, one per line of the ledger.
//!
//! Events are decided by [`crate::decide`] and folded into state by
//! [`crate::Ledger::apply`]; replaying a ledger's events always rebuilds the same state.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::actor::Actor;
use crate::command::ItemText;
use crate::directory::{Committee, Delegation, Deputy, Leader, Session, Unit};
use crate::id::{
    CommandDigest, CommandId, CommitteeId, DelegationId, DeputyId, ItemId, LeaderId, MergeGroupId,
    SessionId, UnitId,
};
use crate::vocab::{
    AssignmentPlan, Closing, ContactMethod, Disposition, DisputeStep, ExclusionReason,
    MotionDecision, Origin, Period, ReplyRound,
};

/// An event as stored: sequence number, the command that produced it, date, actor, fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// 1-based position in the ledger; strictly increasing.
    pub seq: u64,
    /// The command that produced it.
    pub command: CommandId,
    /// Digest of that command (first 16 hex digits of SHA-256 of its JSON): a retry with
    /// the same id is recognised, a different command under a used id is refused.
    pub digest: CommandDigest,
    /// Effective date.
    pub on: NaiveDate,
    /// Who acted.
    pub actor: Actor,
    /// What happened.
    // Read by `crate::fact_reader` (feature `fast-facts`): the same facts as `Fact`'s derived
    // reader, without its buffer when `type` comes first. (Not in the doc comment, which is
    // the field's description in the JSON Schema.)
    #[cfg_attr(
        feature = "fast-facts",
        serde(deserialize_with = "crate::fact_reader::deserialize")
    )]
    pub fact: Fact,
    /// 导入来源: the command's source (imported ledgers only; left out otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Box<crate::provenance::Source>>,
}

crate::fact_reader::fact_enum! {
/// Everything the ledger records (SPEC §4 table).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Fact {
    /// A session was registered.
    SessionRegistered {
        /// The session.
        session: Session,
    },
    /// A deputy was registered.
    DeputyRegistered {
        /// The deputy.
        deputy: Deputy,
    },
    /// A delegation was registered.
    DelegationRegistered {
        /// The delegation.
        delegation: Delegation,
    },
    /// A unit was registered.
    UnitRegistered {
        /// The unit.
        unit: Unit,
    },
    /// A committee was registered.
    CommitteeRegistered {
        /// The committee.
        committee: Committee,
    },
    /// A leader was registered.
    LeaderRegistered {
        /// The leader.
        leader: Leader,
    },
    /// 议案提出.
    MotionSubmitted(Box<MotionSubmitted>),
    /// 主席团决定.
    MotionDecided {
        /// Item.
        item: ItemId,
        /// Decision.
        decision: MotionDecision,
    },
    /// 建议提出 (directly, or by conversion of a motion).
    SuggestionSubmitted(Box<SuggestionSubmitted>),
    /// 撤回.
    Withdrawn {
        /// Item.
        item: ItemId,
    },
    /// 不予受理.
    Rejected {
        /// Item.
        item: ItemId,
        /// Reason.
        reason: ExclusionReason,
        /// Disposition.
        disposition: Disposition,
    },
    /// 分类登记.
    Registered {
        /// Item.
        item: ItemId,
        /// Topic.
        topic: String,
        /// Merge group.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        merge_group: Option<MergeGroupId>,
    },
    /// 预交办.
    PreAssigned {
        /// Item.
        item: ItemId,
        /// Round (1-based).
        round: u32,
        /// Proposed units.
        units: Vec<UnitId>,
    },
    /// 疑难件提出.
    DisputeRaised {
        /// Item.
        item: ItemId,
        /// Why.
        reason: String,
    },
    /// 疑难件协调确定.
    DisputeSettled {
        /// Item.
        item: ItemId,
        /// Step.
        step: DisputeStep,
    },
    /// 交办 (or 重新交办 when `reassignment`).
    Assigned {
        /// Item.
        item: ItemId,
        /// Plan.
        plan: AssignmentPlan,
        /// A reassignment (history kept).
        reassignment: bool,
    },
    /// 申请退回.
    ReturnRequested {
        /// Item.
        item: ItemId,
        /// Unit.
        unit: UnitId,
        /// Why.
        reason: String,
    },
    /// 退回审核.
    ReturnDecided {
        /// Item.
        item: ItemId,
        /// Unit.
        unit: UnitId,
        /// Approved or not.
        approved: bool,
    },
    /// 沟通.
    ContactMade {
        /// Item.
        item: ItemId,
        /// Unit.
        unit: UnitId,
        /// How.
        method: ContactMethod,
    },
    /// 协办意见.
    CoOpinionSent {
        /// Item.
        item: ItemId,
        /// Co-handler.
        unit: UnitId,
    },
    /// 协办意见退回重办.
    CoOpinionReturned {
        /// Item.
        item: ItemId,
        /// Co-handler.
        unit: UnitId,
    },
    /// 延期申请.
    ExtensionRequested {
        /// Item.
        item: ItemId,
        /// Unit.
        unit: UnitId,
        /// New due date asked for.
        until: NaiveDate,
        /// Why.
        reason: String,
    },
    /// 延期审批.
    ExtensionDecided {
        /// Item.
        item: ItemId,
        /// Unit.
        unit: UnitId,
        /// Approved or not.
        approved: bool,
    },
    /// 答复.
    ReplyIssued {
        /// Item.
        item: ItemId,
        /// Unit.
        unit: UnitId,
        /// Round.
        round: ReplyRound,
        /// Result class id.
        class: String,
        /// Promised date.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        promised_by: Option<NaiveDate>,
        /// Signed by the head.
        signed_by_head: bool,
        /// Copies.
        copied_to: Vec<String>,
        /// Leader reviewed.
        leader_reviewed: bool,
    },
    /// 承诺事项登记.
    CommitmentRecorded {
        /// Item.
        item: ItemId,
        /// Unit.
        unit: UnitId,
        /// Index on the item (0-based).
        index: u32,
        /// Due.
        due: NaiveDate,
    },
    /// 承诺兑现.
    CommitmentFulfilled {
        /// Item.
        item: ItemId,
        /// Index.
        index: u32,
    },
    /// 满意度测评.
    FeedbackGiven(Box<FeedbackGiven>),
    /// 逾期未测评.
    FeedbackLapsed {
        /// Item.
        item: ItemId,
    },
    /// 重新办理决定.
    ReopenDecided {
        /// Item.
        item: ItemId,
        /// Reopened or not.
        reopen: bool,
    },
    /// 二次答复通知.
    FollowUpRequested {
        /// Item.
        item: ItemId,
    },
    /// 滚动办理 into a later year's work list.
    RolledOver {
        /// Item.
        item: ItemId,
        /// Year whose work list receives it.
        into_year: i32,
    },
    /// 重点督办 chosen.
    KeyItemSelected {
        /// Item.
        item: ItemId,
        /// The chair or vice-chair leading it.
        supervisor: LeaderId,
        /// The committee organising it.
        committee: CommitteeId,
    },
    /// 市长领办 assigned.
    LeaderLedAssigned {
        /// Item.
        item: ItemId,
        /// The mayor or vice-mayor.
        leader: LeaderId,
    },
    /// A supervision activity, recorded on each item it covered.
    SupervisionActivityLogged {
        /// Item.
        item: ItemId,
        /// The activity (the command that logged it).
        activity: CommandId,
        /// Kind.
        kind: crate::supervision::ActivityKind,
        /// The congress leader who led it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        led_by: Option<LeaderId>,
        /// Sites inspected.
        #[serde(default)]
        sites: u32,
        /// Government leaders taking part.
        #[serde(default)]
        leaders: Vec<LeaderId>,
        /// Deputies taking part.
        #[serde(default)]
        deputies: u32,
    },
    /// 申请第三方评估: a deputy or a handling unit asks for the item to be evaluated.
    EvaluationRequested {
        /// Item.
        item: ItemId,
    },
    /// 推荐第三方评估建议 (the seed: July), with the reasons it was a candidate.
    EvaluationRecommended {
        /// Item.
        item: ItemId,
        /// Why it was a candidate under the profile's rule.
        reasons: Vec<crate::evaluation::CandidateReason>,
    },
    /// 主任会议研究确定 (the seed: August): selected in an area (方面).
    EvaluationSelected {
        /// Item.
        item: ItemId,
        /// The area.
        area: String,
    },
    /// 部署会 (the seed: 7 September).
    EvaluationDeployed {
        /// Item.
        item: ItemId,
    },
    /// 联组会议逐项讨论 (the seed: 21 October): the item's conclusion.
    EvaluationConcluded {
        /// Item.
        item: ItemId,
        /// The profile's outcome id.
        outcome: String,
        /// The finding (necessity, feasibility, effect).
        finding: String,
        /// The outcome reopens the item for re-handling by its lead units.
        reopens: bool,
        /// The work year the reopened item rolls into, when its own year has ended.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        into_year: Option<i32>,
    },
    /// An assessor's score for a manual indicator of a unit's assessment (考核评分).
    AssessmentScored {
        /// Work year assessed.
        year: i32,
        /// Unit.
        unit: UnitId,
        /// The indicator id of the profile's template.
        indicator: String,
        /// Points given.
        points: crate::profile::Points,
        /// The assessor's note.
        note: String,
    },
    /// 优秀建议: a suggestion of `year` honoured.
    SuggestionHonoured {
        /// Item.
        item: ItemId,
        /// The work year it was honoured for.
        year: i32,
    },
    /// 优秀代表: a deputy honoured for `year`.
    DeputyHonoured {
        /// Deputy.
        deputy: DeputyId,
        /// The work year.
        year: i32,
    },
    /// 回头看.
    LookedBack {
        /// Item.
        item: ItemId,
        /// Finding.
        note: String,
    },
    /// 办结.
    Closed {
        /// Item.
        item: ItemId,
        /// How.
        how: Closing,
    },
}
}

/// 议案提出 (a motion submitted): the fields of [`Fact::MotionSubmitted`].
///
/// Held behind a `Box` in the fact: the submissions and feedback are the largest facts, and an
/// enum is as large as its largest variant, so every event of the log was sized for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MotionSubmitted {
    /// Item.
    pub item: ItemId,
    /// Session.
    pub session: SessionId,
    /// 领衔代表.
    pub lead: DeputyId,
    /// 联名代表.
    pub cosigners: Vec<DeputyId>,
    /// 代表团.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delegation: Option<DelegationId>,
    /// Text.
    pub text: ItemText,
}

/// 建议提出 (a suggestion submitted, directly or by conversion of a motion): the fields of
/// [`Fact::SuggestionSubmitted`].
///
/// Held behind a `Box` in the fact: the submissions and feedback are the largest facts, and an
/// enum is as large as its largest variant, so every event of the log was sized for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SuggestionSubmitted {
    /// Item.
    pub item: ItemId,
    /// Session it belongs to.
    pub session: SessionId,
    /// Session or recess.
    pub period: Period,
    /// Work year (工作年度).
    pub year: i32,
    /// 领衔代表.
    pub lead: DeputyId,
    /// 联名代表.
    pub cosigners: Vec<DeputyId>,
    /// 代表团.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delegation: Option<DelegationId>,
    /// Text.
    pub text: ItemText,
    /// Proposed unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposed_unit: Option<UnitId>,
    /// Direct or converted.
    pub origin: Origin,
}

/// 满意度测评 (a deputy's feedback on the replies): the fields of [`Fact::FeedbackGiven`].
///
/// Held behind a `Box` in the fact: the submissions and feedback are the largest facts, and an
/// enum is as large as its largest variant, so every event of the log was sized for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FeedbackGiven {
    /// Item.
    pub item: ItemId,
    /// Evaluator.
    pub by: DeputyId,
    /// Level id.
    pub level: String,
    /// Attitude rating.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attitude: Option<String>,
    /// Result rating.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    /// Comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl Fact {
    /// The item the fact is about, if any.
    pub fn item(&self) -> Option<&ItemId> {
        match self {
            Fact::SessionRegistered { .. }
            | Fact::DeputyRegistered { .. }
            | Fact::DelegationRegistered { .. }
            | Fact::UnitRegistered { .. }
            | Fact::CommitteeRegistered { .. }
            | Fact::LeaderRegistered { .. }
            | Fact::AssessmentScored { .. }
            | Fact::DeputyHonoured { .. } => None,
            Fact::MotionSubmitted(fact) => Some(&fact.item),
            Fact::SuggestionSubmitted(fact) => Some(&fact.item),
            Fact::FeedbackGiven(fact) => Some(&fact.item),
            Fact::MotionDecided { item, .. }
            | Fact::Withdrawn { item }
            | Fact::Rejected { item, .. }
            | Fact::Registered { item, .. }
            | Fact::PreAssigned { item, .. }
            | Fact::DisputeRaised { item, .. }
            | Fact::DisputeSettled { item, .. }
            | Fact::Assigned { item, .. }
            | Fact::ReturnRequested { item, .. }
            | Fact::ReturnDecided { item, .. }
            | Fact::ContactMade { item, .. }
            | Fact::CoOpinionSent { item, .. }
            | Fact::CoOpinionReturned { item, .. }
            | Fact::ExtensionRequested { item, .. }
            | Fact::ExtensionDecided { item, .. }
            | Fact::ReplyIssued { item, .. }
            | Fact::CommitmentRecorded { item, .. }
            | Fact::CommitmentFulfilled { item, .. }
            | Fact::FeedbackLapsed { item }
            | Fact::ReopenDecided { item, .. }
            | Fact::FollowUpRequested { item }
            | Fact::RolledOver { item, .. }
            | Fact::LookedBack { item, .. }
            | Fact::Closed { item, .. }
            | Fact::KeyItemSelected { item, .. }
            | Fact::LeaderLedAssigned { item, .. }
            | Fact::SupervisionActivityLogged { item, .. }
            | Fact::EvaluationRequested { item }
            | Fact::EvaluationRecommended { item, .. }
            | Fact::EvaluationSelected { item, .. }
            | Fact::EvaluationDeployed { item }
            | Fact::EvaluationConcluded { item, .. }
            | Fact::SuggestionHonoured { item, .. } => Some(item),
        }
    }

    /// The unit the fact names as its `unit` (the one that replied, asked, made contact, or
    /// was scored), if any. A unit's registration carries the whole unit, not this id.
    pub fn unit(&self) -> Option<&UnitId> {
        match self {
            Fact::ReturnRequested { unit, .. }
            | Fact::ReturnDecided { unit, .. }
            | Fact::ContactMade { unit, .. }
            | Fact::CoOpinionSent { unit, .. }
            | Fact::CoOpinionReturned { unit, .. }
            | Fact::ExtensionRequested { unit, .. }
            | Fact::ExtensionDecided { unit, .. }
            | Fact::ReplyIssued { unit, .. }
            | Fact::CommitmentRecorded { unit, .. }
            | Fact::AssessmentScored { unit, .. } => Some(unit),
            _ => None,
        }
    }

    /// The stable snake-case name of the fact (its `type` tag).
    pub fn name(&self) -> &'static str {
        match self {
            Fact::SessionRegistered { .. } => "session_registered",
            Fact::DeputyRegistered { .. } => "deputy_registered",
            Fact::DelegationRegistered { .. } => "delegation_registered",
            Fact::UnitRegistered { .. } => "unit_registered",
            Fact::CommitteeRegistered { .. } => "committee_registered",
            Fact::LeaderRegistered { .. } => "leader_registered",
            Fact::MotionSubmitted { .. } => "motion_submitted",
            Fact::MotionDecided { .. } => "motion_decided",
            Fact::SuggestionSubmitted { .. } => "suggestion_submitted",
            Fact::Withdrawn { .. } => "withdrawn",
            Fact::Rejected { .. } => "rejected",
            Fact::Registered { .. } => "registered",
            Fact::PreAssigned { .. } => "pre_assigned",
            Fact::DisputeRaised { .. } => "dispute_raised",
            Fact::DisputeSettled { .. } => "dispute_settled",
            Fact::Assigned { .. } => "assigned",
            Fact::ReturnRequested { .. } => "return_requested",
            Fact::ReturnDecided { .. } => "return_decided",
            Fact::ContactMade { .. } => "contact_made",
            Fact::CoOpinionSent { .. } => "co_opinion_sent",
            Fact::CoOpinionReturned { .. } => "co_opinion_returned",
            Fact::ExtensionRequested { .. } => "extension_requested",
            Fact::ExtensionDecided { .. } => "extension_decided",
            Fact::ReplyIssued { .. } => "reply_issued",
            Fact::CommitmentRecorded { .. } => "commitment_recorded",
            Fact::CommitmentFulfilled { .. } => "commitment_fulfilled",
            Fact::FeedbackGiven { .. } => "feedback_given",
            Fact::FeedbackLapsed { .. } => "feedback_lapsed",
            Fact::ReopenDecided { .. } => "reopen_decided",
            Fact::FollowUpRequested { .. } => "follow_up_requested",
            Fact::RolledOver { .. } => "rolled_over",
            Fact::LookedBack { .. } => "looked_back",
            Fact::Closed { .. } => "closed",
            Fact::KeyItemSelected { .. } => "key_item_selected",
            Fact::LeaderLedAssigned { .. } => "leader_led_assigned",
            Fact::SupervisionActivityLogged { .. } => "supervision_activity_logged",
            Fact::EvaluationRequested { .. } => "evaluation_requested",
            Fact::EvaluationRecommended { .. } => "evaluation_recommended",
            Fact::EvaluationSelected { .. } => "evaluation_selected",
            Fact::EvaluationDeployed { .. } => "evaluation_deployed",
            Fact::EvaluationConcluded { .. } => "evaluation_concluded",
            Fact::AssessmentScored { .. } => "assessment_scored",
            Fact::SuggestionHonoured { .. } => "suggestion_honoured",
            Fact::DeputyHonoured { .. } => "deputy_honoured",
        }
    }
}
#[cfg(test)]
mod tests {
    /// The log holds ≈ 9 events per item: the largest facts are boxed so that an event stays
    /// small (it was 320 bytes, sized for a submission). A new large fact should be boxed too.
    #[cfg(target_pointer_width = "64")]
    #[test]
    fn an_event_stays_small() {
        assert!(std::mem::size_of::<super::Fact>() <= 112);
        // 208 + 8: the optional `source` of imported events (one pointer, `None` otherwise).
        assert!(std::mem::size_of::<super::Event>() <= 216);
    }
}

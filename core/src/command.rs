//! 指令 (commands): what an actor asks the ledger to do.
//!
//! A command carries its own id (for idempotency), its date (the library has no clock)
//! and its actor. [`crate::decide`] turns it into facts or a typed error.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::actor::Actor;
use crate::directory::{Committee, Delegation, Deputy, Leader, Session, Unit};
use crate::id::{
    CommandId, CommitteeId, DelegationId, DeputyId, ItemId, LeaderId, MergeGroupId, SessionId,
    UnitId,
};
use crate::vocab::{
    AssignmentPlan, Closing, ContactMethod, Disposition, DisputeStep, ExclusionReason,
    MotionDecision,
};

/// A command: id, date, actor and what is asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Command {
    /// Idempotency key chosen by the caller.
    pub id: CommandId,
    /// The date the action takes effect (passed in; the core has no clock).
    pub on: NaiveDate,
    /// Who acts.
    pub actor: Actor,
    /// What is asked.
    pub action: Action,
    /// 导入来源: the file and row the command was read from, and what they do not know
    /// (imported ledgers only; left out otherwise, so the command's digest is unchanged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Box<crate::provenance::Source>>,
}

/// The text of an item as the deputy wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ItemText {
    /// 标题.
    pub title: String,
    /// 正文.
    #[serde(default)]
    pub body: String,
}

/// Everything an actor can ask for, grouped by stage (提、交、办、评、跟踪).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Action {
    // ---- directory ----
    /// Register a session.
    RegisterSession {
        /// The session.
        session: Session,
    },
    /// Register a deputy.
    RegisterDeputy {
        /// The deputy.
        deputy: Deputy,
    },
    /// Register a delegation.
    RegisterDelegation {
        /// The delegation.
        delegation: Delegation,
    },
    /// Register a handling unit.
    RegisterUnit {
        /// The unit.
        unit: Unit,
    },
    /// Register a committee.
    RegisterCommittee {
        /// The committee.
        committee: Committee,
    },
    /// Register a leader.
    RegisterLeader {
        /// The leader.
        leader: Leader,
    },
    // ---- 提 submit ----
    /// 提出议案 (submit a motion during a session).
    SubmitMotion {
        /// New item id.
        item: ItemId,
        /// The session.
        session: SessionId,
        /// 领衔代表.
        lead: DeputyId,
        /// 联名代表.
        #[serde(default)]
        cosigners: Vec<DeputyId>,
        /// 代表团 (a delegation motion).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        delegation: Option<DelegationId>,
        /// Text.
        text: ItemText,
    },
    /// 主席团决定 (decide a motion).
    DecideMotion {
        /// The motion.
        item: ItemId,
        /// The decision.
        decision: MotionDecision,
    },
    /// 提出建议 (submit a suggestion; the period follows from the date and the session).
    SubmitSuggestion {
        /// New item id.
        item: ItemId,
        /// 领衔代表.
        lead: DeputyId,
        /// 联名代表.
        #[serde(default)]
        cosigners: Vec<DeputyId>,
        /// 代表团.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        delegation: Option<DelegationId>,
        /// Text.
        text: ItemText,
        /// 建议承办单位 proposed by the deputy.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        proposed_unit: Option<UnitId>,
    },
    /// 撤回 (withdraw; every signer must agree).
    Withdraw {
        /// The item.
        item: ItemId,
        /// Signers who agreed.
        agreed_by: Vec<DeputyId>,
    },
    /// 不予受理 (reject as not a suggestion).
    Reject {
        /// The item.
        item: ItemId,
        /// Reason.
        reason: ExclusionReason,
        /// What is done with it.
        disposition: Disposition,
    },
    // ---- 交 assign ----
    /// 分类、登记 (classify and register).
    Register {
        /// The item.
        item: ItemId,
        /// Topic id from the profile's topic list.
        topic: String,
        /// 并案 group.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        merge_group: Option<MergeGroupId>,
    },
    /// 预交办 (a pre-assignment round).
    PreAssign {
        /// The item.
        item: ItemId,
        /// Proposed units.
        units: Vec<UnitId>,
    },
    /// 提出疑难件 (raise a routing dispute).
    RaiseDispute {
        /// The item.
        item: ItemId,
        /// Why.
        reason: String,
    },
    /// 协调确定承办单位 (settle a dispute and assign in one step).
    SettleDispute {
        /// The item.
        item: ItemId,
        /// Where in the ladder it was settled.
        step: DisputeStep,
        /// The assignment decided.
        plan: AssignmentPlan,
    },
    /// 交办 (formal assignment).
    Assign {
        /// The item.
        item: ItemId,
        /// Units and mode.
        plan: AssignmentPlan,
    },
    /// 申请调整 / 退回 (a unit asks to be relieved).
    RequestReturn {
        /// The item.
        item: ItemId,
        /// Why.
        reason: String,
    },
    /// 审核退回申请.
    DecideReturn {
        /// The item.
        item: ItemId,
        /// The unit that asked.
        unit: UnitId,
        /// Approved or refused.
        approved: bool,
    },
    /// 重新交办 (reassign; the reply clock restarts per profile).
    Reassign {
        /// The item.
        item: ItemId,
        /// The new plan.
        plan: AssignmentPlan,
    },
    // ---- 办 handle ----
    /// 沟通 (contact with the deputy).
    RecordContact {
        /// The item.
        item: ItemId,
        /// How.
        method: ContactMethod,
    },
    /// 协办意见 (a co-handler sends its opinion to the lead).
    SendCoOpinion {
        /// The item.
        item: ItemId,
    },
    /// 退回协办意见 (the lead sends an opinion back for redo).
    ReturnCoOpinion {
        /// The item.
        item: ItemId,
        /// The co-handler.
        unit: UnitId,
    },
    /// 申请延期.
    RequestExtension {
        /// The item.
        item: ItemId,
        /// New due date asked for.
        until: NaiveDate,
        /// Why.
        reason: String,
    },
    /// 审批延期.
    DecideExtension {
        /// The item.
        item: ItemId,
        /// The unit that asked.
        unit: UnitId,
        /// Approved or refused.
        approved: bool,
    },
    /// 答复 (reply to the deputy).
    IssueReply {
        /// The item.
        item: ItemId,
        /// Result class id from the profile.
        class: String,
        /// 承诺解决时间 (needed for in-progress and planned classes).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        promised_by: Option<NaiveDate>,
        /// 主要负责人签发.
        #[serde(default)]
        signed_by_head: bool,
        /// 抄送.
        #[serde(default)]
        copied_to: Vec<String>,
        /// 领导审阅.
        #[serde(default)]
        leader_reviewed: bool,
    },
    // ---- 评 feedback ----
    /// 满意度测评.
    GiveFeedback {
        /// The item.
        item: ItemId,
        /// Level id from the profile.
        level: String,
        /// 办理态度 rating, when asked separately.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        attitude: Option<String>,
        /// 办理结果 rating, when asked separately.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        result: Option<String>,
        /// Comment (required when dissatisfied, per profile).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        comment: Option<String>,
    },
    /// 逾期未测评 (mark feedback as lapsed after the window).
    LapseFeedback {
        /// The item.
        item: ItemId,
    },
    /// 决定是否重新办理.
    DecideReopen {
        /// The item.
        item: ItemId,
        /// Reopen or not.
        reopen: bool,
    },
    // ---- follow-up ----
    /// 二次答复通知: covers every item of the year whose latest class triggers it.
    RequestFollowUp {
        /// Work year.
        year: i32,
    },
    /// 承诺兑现.
    FulfilCommitment {
        /// The item.
        item: ItemId,
        /// Index of the commitment on the item.
        commitment: u32,
    },
    /// 滚动办理: carry open planned items of `from_year` into `into_year`'s work list.
    Rollover {
        /// Year whose items are looked at.
        from_year: i32,
        /// Year whose work list receives them.
        into_year: i32,
    },
    // ---- 督 supervise ----
    /// 重点督办: the directors' meeting chooses an item for key supervision, led by a chair
    /// or vice-chair with a committee (RULES.md §8.1–8.2; the seed: chosen in April).
    SelectKeyItem {
        /// The item.
        item: ItemId,
        /// The chair or vice-chair who leads its supervision.
        supervisor: LeaderId,
        /// The committee that organises it.
        committee: CommitteeId,
    },
    /// 市长领办: the mayor or a vice-mayor leads the handling of an item (RULES.md §8.2).
    AssignLeaderLed {
        /// The item.
        item: ItemId,
        /// The mayor or vice-mayor.
        leader: LeaderId,
    },
    /// 督办活动: a seminar, site visit, survey or visit on one or more items (the seed:
    /// "走访、调研、座谈、视察", May–September).
    LogSupervisionActivity {
        /// The items it covered.
        items: Vec<ItemId>,
        /// Kind.
        kind: crate::supervision::ActivityKind,
        /// The congress leader who led it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        led_by: Option<LeaderId>,
        /// Sites inspected.
        #[serde(default)]
        sites: u32,
        /// Government leaders (mayor, vice-mayors) taking part.
        #[serde(default)]
        leaders: Vec<LeaderId>,
        /// Deputies taking part.
        #[serde(default)]
        deputies: u32,
    },
    // ---- 评 evaluate ----
    /// 申请第三方评估 (RULES.md §9: "items either party asks to evaluate"): a signer of the
    /// item or one of its handling units asks.
    RequestEvaluation {
        /// The item.
        item: ItemId,
    },
    /// 推荐第三方评估建议 (the seed: July): each item must be a candidate under the profile's
    /// rule, the basically-satisfied sample drawn with `seed`.
    RecommendForEvaluation {
        /// The seed of the basically-satisfied sample.
        seed: u64,
        /// The items.
        items: Vec<ItemId>,
    },
    /// 主任会议研究确定第三方评估建议 (the seed: August), in one area (方面).
    SelectForEvaluation {
        /// The area, e.g. a topic such as 城市建设.
        area: String,
        /// The recommended items selected.
        items: Vec<ItemId>,
    },
    /// 部署会 (the seed: 7 September): the evaluation of the selected items starts.
    DeployEvaluation {
        /// The items.
        items: Vec<ItemId>,
    },
    /// 联组会议 (the seed: 21 October): the conclusion on one item.
    ConcludeEvaluation {
        /// The item.
        item: ItemId,
        /// One of the profile's `third_party.outcomes`.
        outcome: String,
        /// The finding.
        finding: String,
    },
    /// 考核评分: an assessor scores a manual indicator of a unit's assessment for a year.
    RecordAssessmentScore {
        /// Work year.
        year: i32,
        /// Unit.
        unit: UnitId,
        /// A manual indicator of the profile's template.
        indicator: String,
        /// Points, from 0 to the indicator's maximum.
        points: crate::profile::Points,
        /// The assessor's note.
        #[serde(default)]
        note: String,
    },
    /// 评选优秀建议、优秀代表 (the seed 四): the directors' meeting honours the year's
    /// excellent suggestions and deputies within the profile's quotas.
    HonourExcellence {
        /// The work year honoured.
        year: i32,
        /// Excellent suggestions.
        #[serde(default)]
        suggestions: Vec<ItemId>,
        /// Excellent deputies.
        #[serde(default)]
        deputies: Vec<DeputyId>,
    },
    /// 回头看 done on an item.
    LookBack {
        /// The item.
        item: ItemId,
        /// Finding.
        note: String,
    },
    /// 办结 / 换届终结.
    Close {
        /// The item.
        item: ItemId,
        /// How.
        how: Closing,
    },
}

macro_rules! action_kinds {
    ($($variant:ident => $name:literal),* $(,)?) => {
        /// The kind of an [`Action`], without its data: the key of the authorization table.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum ActionKind {
            $(
                #[doc = concat!("`", $name, "`")]
                $variant,
            )*
        }

        impl ActionKind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [ActionKind] = &[$(ActionKind::$variant),*];

            /// The stable snake-case name (the `type` tag on the wire).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ActionKind::$variant => $name,)*
                }
            }
        }

        impl Action {
            /// The kind of this action.
            pub fn kind(&self) -> ActionKind {
                match self {
                    $(Action::$variant { .. } => ActionKind::$variant,)*
                }
            }
        }
    };
}

action_kinds! {
    RegisterSession => "register_session",
    RegisterDeputy => "register_deputy",
    RegisterDelegation => "register_delegation",
    RegisterUnit => "register_unit",
    RegisterCommittee => "register_committee",
    RegisterLeader => "register_leader",
    SubmitMotion => "submit_motion",
    DecideMotion => "decide_motion",
    SubmitSuggestion => "submit_suggestion",
    Withdraw => "withdraw",
    Reject => "reject",
    Register => "register",
    PreAssign => "pre_assign",
    RaiseDispute => "raise_dispute",
    SettleDispute => "settle_dispute",
    Assign => "assign",
    RequestReturn => "request_return",
    DecideReturn => "decide_return",
    Reassign => "reassign",
    RecordContact => "record_contact",
    SendCoOpinion => "send_co_opinion",
    ReturnCoOpinion => "return_co_opinion",
    RequestExtension => "request_extension",
    DecideExtension => "decide_extension",
    IssueReply => "issue_reply",
    GiveFeedback => "give_feedback",
    LapseFeedback => "lapse_feedback",
    DecideReopen => "decide_reopen",
    RequestFollowUp => "request_follow_up",
    FulfilCommitment => "fulfil_commitment",
    Rollover => "rollover",
    LookBack => "look_back",
    Close => "close",
    SelectKeyItem => "select_key_item",
    AssignLeaderLed => "assign_leader_led",
    LogSupervisionActivity => "log_supervision_activity",
    RequestEvaluation => "request_evaluation",
    RecommendForEvaluation => "recommend_for_evaluation",
    SelectForEvaluation => "select_for_evaluation",
    DeployEvaluation => "deploy_evaluation",
    ConcludeEvaluation => "conclude_evaluation",
    RecordAssessmentScore => "record_assessment_score",
    HonourExcellence => "honour_excellence",
}

impl fmt::Display for ActionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Action {
    /// The item the action is about, when it is about one item.
    pub fn item(&self) -> Option<&ItemId> {
        match self {
            Action::SubmitMotion { item, .. }
            | Action::DecideMotion { item, .. }
            | Action::SubmitSuggestion { item, .. }
            | Action::Withdraw { item, .. }
            | Action::Reject { item, .. }
            | Action::Register { item, .. }
            | Action::PreAssign { item, .. }
            | Action::RaiseDispute { item, .. }
            | Action::SettleDispute { item, .. }
            | Action::Assign { item, .. }
            | Action::RequestReturn { item, .. }
            | Action::DecideReturn { item, .. }
            | Action::Reassign { item, .. }
            | Action::RecordContact { item, .. }
            | Action::SendCoOpinion { item }
            | Action::ReturnCoOpinion { item, .. }
            | Action::RequestExtension { item, .. }
            | Action::DecideExtension { item, .. }
            | Action::IssueReply { item, .. }
            | Action::GiveFeedback { item, .. }
            | Action::LapseFeedback { item }
            | Action::DecideReopen { item, .. }
            | Action::FulfilCommitment { item, .. }
            | Action::LookBack { item, .. }
            | Action::Close { item, .. }
            | Action::SelectKeyItem { item, .. }
            | Action::AssignLeaderLed { item, .. }
            | Action::RequestEvaluation { item }
            | Action::ConcludeEvaluation { item, .. } => Some(item),
            Action::RegisterSession { .. }
            | Action::RegisterDeputy { .. }
            | Action::RegisterDelegation { .. }
            | Action::RegisterUnit { .. }
            | Action::RegisterCommittee { .. }
            | Action::RegisterLeader { .. }
            | Action::RequestFollowUp { .. }
            | Action::Rollover { .. }
            | Action::LogSupervisionActivity { .. }
            | Action::RecommendForEvaluation { .. }
            | Action::SelectForEvaluation { .. }
            | Action::DeployEvaluation { .. }
            | Action::RecordAssessmentScore { .. }
            | Action::HonourExcellence { .. } => None,
        }
    }
}

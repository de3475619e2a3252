//! 件 (item) state: a motion or a suggestion with everything that happened to it.
//!
//! The state is what [`crate::Ledger::apply`] folds events into. Obligations are kept as
//! [`Duty`] records holding an anchor date only; their due dates are computed when asked,
//! from the profile and calendar in force (SPEC §3 "calendar updates reach open items").

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::command::ItemText;
use crate::id::{DelegationId, DeputyId, ItemId, MergeGroupId, SessionId, UnitId};
use crate::vocab::{
    AssignmentPlan, Closing, ContactMethod, DisputeStep, ItemKind, MotionDecision, Origin, Period,
    ReplyRound,
};

/// Where an item stands (RULES.md §14, suggested states).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    /// 议案 awaiting the presidium.
    MotionPending,
    /// 议案 decided (see the decision).
    MotionDecided,
    /// 建议 submitted, not yet registered.
    Submitted,
    /// 已登记, awaiting (re)assignment.
    Registered,
    /// 办理中: at least one unit owes a reply.
    Handling,
    /// 已答复: every reply owed has been given.
    Replied,
    /// 已办结.
    Closed,
    /// 已撤回.
    Withdrawn,
    /// 不予受理.
    Rejected,
}

impl ItemStatus {
    /// Stable name, used in error messages.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemStatus::MotionPending => "motion_pending",
            ItemStatus::MotionDecided => "motion_decided",
            ItemStatus::Submitted => "submitted",
            ItemStatus::Registered => "registered",
            ItemStatus::Handling => "handling",
            ItemStatus::Replied => "replied",
            ItemStatus::Closed => "closed",
            ItemStatus::Withdrawn => "withdrawn",
            ItemStatus::Rejected => "rejected",
        }
    }

    /// Withdrawn, rejected or closed: no more handling.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            ItemStatus::Closed | ItemStatus::Withdrawn | ItemStatus::Rejected
        )
    }
}

/// A unit's role on the current assignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HandlerRole {
    /// 主办 (or a part in split mode, or a joint lead): replies to the deputy.
    Lead,
    /// 协办 / 会办: opinion to the lead, no reply to the deputy.
    Co,
}

/// A unit currently handling the item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handler {
    /// Role.
    pub role: HandlerRole,
    /// 收到之日 (the assignment date).
    pub received_on: NaiveDate,
    /// Pending return request (the unit keeps the item until it is approved).
    pub return_requested_on: Option<NaiveDate>,
    /// Pending extension request: the date asked for.
    pub extension_requested: Option<NaiveDate>,
    /// Extensions granted on the current reply duty.
    pub extensions_used: u32,
    /// At least one contact with the deputy.
    pub contacted: bool,
    /// Co-opinion sent and not sent back.
    pub co_opinion_sent: bool,
}

/// One assignment in the item's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentRecord {
    /// Plan.
    pub plan: AssignmentPlan,
    /// Date.
    pub on: NaiveDate,
    /// A reassignment.
    pub reassignment: bool,
}

/// A reply as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyRecord {
    /// Unit.
    pub unit: UnitId,
    /// Round.
    pub round: ReplyRound,
    /// Class id.
    pub class: String,
    /// Promised date.
    pub promised_by: Option<NaiveDate>,
    /// Date.
    pub on: NaiveDate,
    /// Signed by the head.
    pub signed_by_head: bool,
    /// Copies.
    pub copied_to: Vec<String>,
    /// Leader reviewed.
    pub leader_reviewed: bool,
}

/// A feedback record; `level` is `None` when the feedback lapsed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackRecord {
    /// Evaluator (`None` for a lapse).
    pub by: Option<DeputyId>,
    /// Level id, `None` when lapsed.
    pub level: Option<String>,
    /// Date.
    pub on: NaiveDate,
    /// Comment.
    pub comment: Option<String>,
}

/// 承诺事项 (a commitment made by a reply; RULES.md §7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commitment {
    /// Unit.
    pub unit: UnitId,
    /// Due.
    pub due: NaiveDate,
    /// Recorded.
    pub recorded_on: NaiveDate,
    /// Fulfilled.
    pub fulfilled_on: Option<NaiveDate>,
}

/// Routing dispute (疑难件) state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dispute {
    /// Raised.
    pub raised_on: NaiveDate,
    /// Why.
    pub reason: String,
    /// Settled at which step, when.
    pub settled: Option<(DisputeStep, NaiveDate)>,
}

/// Who owes an obligation.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Party {
    /// 代表工委 / the assigning office.
    Office,
    /// A unit.
    Unit {
        /// Unit.
        id: UnitId,
    },
    /// A deputy.
    Deputy {
        /// Deputy.
        id: DeputyId,
    },
}

/// What an obligation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DutyKind {
    /// 闭会建议交办.
    RecessAssignment,
    /// 重新交办 after an approved return.
    Reassignment,
    /// 首次沟通.
    FirstContact,
    /// 协办意见.
    CoOpinion,
    /// 协办意见重办.
    CoOpinionRedo,
    /// 答复 in a round.
    Reply {
        /// Round.
        round: ReplyRound,
    },
    /// 满意度测评.
    Feedback,
    /// 承诺事项.
    Commitment {
        /// Index on the item.
        index: u32,
    },
}

impl DutyKind {
    /// Stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            DutyKind::RecessAssignment => "recess_assignment",
            DutyKind::Reassignment => "reassignment",
            DutyKind::FirstContact => "first_contact",
            DutyKind::CoOpinion => "co_opinion",
            DutyKind::CoOpinionRedo => "co_opinion_redo",
            DutyKind::Reply { round } => match round {
                ReplyRound::First => "reply",
                ReplyRound::FollowUp => "follow_up_reply",
                ReplyRound::Rehandle => "rehandle_reply",
                ReplyRound::Rollover => "rollover_reply",
            },
            DutyKind::Feedback => "feedback",
            DutyKind::Commitment { .. } => "commitment",
        }
    }

    /// Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            DutyKind::RecessAssignment => "闭会建议交办",
            DutyKind::Reassignment => "重新交办",
            DutyKind::FirstContact => "首次沟通",
            DutyKind::CoOpinion => "协办意见",
            DutyKind::CoOpinionRedo => "协办意见重办",
            DutyKind::Reply { round } => match round {
                ReplyRound::First => "答复",
                ReplyRound::FollowUp => "二次答复",
                ReplyRound::Rehandle => "重新办理答复",
                ReplyRound::Rollover => "滚动办理答复",
            },
            DutyKind::Feedback => "满意度测评",
            DutyKind::Commitment { .. } => "承诺事项",
        }
    }
}

/// An obligation as recorded: its anchor; the due date is computed on demand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Duty {
    /// What.
    pub kind: DutyKind,
    /// Who owes it.
    pub party: Party,
    /// Anchor date the window counts from.
    pub anchor: NaiveDate,
    /// A fixed due date (commitments), instead of a window.
    pub fixed_due: Option<NaiveDate>,
    /// Approved extension.
    pub extended_until: Option<NaiveDate>,
    /// Done on.
    pub done_on: Option<NaiveDate>,
    /// No longer owed (reassigned away, withdrawn, closed, lapsed) on.
    pub cancelled_on: Option<NaiveDate>,
}

impl Duty {
    /// Still owed.
    pub fn is_open(&self) -> bool {
        self.done_on.is_none() && self.cancelled_on.is_none()
    }
}

/// A motion or suggestion and everything that happened to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// Id.
    pub id: ItemId,
    /// 议案 or 建议.
    pub kind: ItemKind,
    /// Session it belongs to.
    pub session: SessionId,
    /// Session or recess.
    pub period: Period,
    /// Work year it was submitted in (its "new item" year).
    pub year: i32,
    /// 领衔代表.
    pub lead: DeputyId,
    /// 联名代表.
    pub cosigners: Vec<DeputyId>,
    /// 代表团.
    pub delegation: Option<DelegationId>,
    /// Text.
    pub text: ItemText,
    /// Proposed unit.
    pub proposed_unit: Option<UnitId>,
    /// Origin.
    pub origin: Origin,
    /// Submitted.
    pub submitted_on: NaiveDate,
    /// Status.
    pub status: ItemStatus,
    /// Presidium decision (motions).
    pub motion_decision: Option<MotionDecision>,
    /// Topic id (after registration).
    pub topic: Option<String>,
    /// 并案 group.
    pub merge_group: Option<MergeGroupId>,
    /// 预交办 rounds: (round, units, date).
    pub pre_assignments: Vec<(u32, Vec<UnitId>, NaiveDate)>,
    /// 疑难件 (boxed, as the other parts few items have: `tests::an_item_stays_small`).
    pub dispute: Option<Box<Dispute>>,
    /// Assignment history; the last is current.
    pub assignments: Vec<AssignmentRecord>,
    /// Units currently handling.
    pub handlers: crate::unit_map::UnitMap<Handler>,
    /// Contacts: (unit, date, method).
    pub contacts: Vec<(UnitId, NaiveDate, ContactMethod)>,
    /// Replies in order.
    pub replies: Vec<ReplyRecord>,
    /// Feedback in order.
    pub feedback: Vec<FeedbackRecord>,
    /// A dissatisfied rating awaits the office's reopen decision.
    pub reopen_pending: bool,
    /// Reopen orders.
    pub reopened_on: Vec<NaiveDate>,
    /// Follow-up (二次答复) notices.
    pub follow_ups: Vec<NaiveDate>,
    /// Commitments.
    pub commitments: Vec<Commitment>,
    /// Later work years it was rolled into.
    pub rolled_into: Vec<i32>,
    /// 回头看 notes.
    pub look_backs: Vec<(NaiveDate, String)>,
    /// 重点督办 (boxed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_supervision: Option<Box<crate::supervision::KeySupervision>>,
    /// 市长领办 (boxed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leader_led: Option<Box<crate::supervision::LeaderLed>>,
    /// 督办活动 on this item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activities: Vec<crate::supervision::ActivityRecord>,
    /// 第三方评估 (boxed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluation: Option<Box<crate::evaluation::Evaluation>>,
    /// 优秀建议: the work year it was honoured for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub honoured: Option<i32>,
    /// How and when it closed.
    pub closing: Option<(Closing, NaiveDate)>,
    /// Obligations, open and past.
    pub duties: Vec<Duty>,
    /// Sequence numbers of the item's events (its timeline).
    pub events: Vec<u64>,
    /// Date of the latest fact.
    pub last_on: NaiveDate,
    /// 未知事实: what the item's sources (an imported row) do not know; empty for an item
    /// recorded as it happened.
    #[serde(
        default,
        skip_serializing_if = "crate::provenance::UnknownSet::is_empty"
    )]
    pub unknown: crate::provenance::UnknownSet,
}

impl Item {
    /// The current assignment.
    pub fn current_assignment(&self) -> Option<&AssignmentRecord> {
        self.assignments.last()
    }

    /// The latest reply given (of any part: the item's class is
    /// [`Item::latest_class`], the least-resolved of its parts').
    pub fn latest_reply(&self) -> Option<&ReplyRecord> {
        self.replies.last()
    }

    /// The latest feedback that is a rating (not a lapse).
    pub fn latest_rating(&self) -> Option<&FeedbackRecord> {
        self.feedback.iter().rev().find(|f| f.level.is_some())
    }

    /// The first rating given.
    pub fn first_rating(&self) -> Option<&FeedbackRecord> {
        self.feedback.iter().find(|f| f.level.is_some())
    }

    /// Every signer, the lead first.
    pub fn signers(&self) -> impl Iterator<Item = &DeputyId> {
        std::iter::once(&self.lead).chain(self.cosigners.iter())
    }

    /// Lead handlers (those who reply).
    pub fn lead_units(&self) -> impl Iterator<Item = &UnitId> {
        self.handlers
            .iter()
            .filter(|(_, h)| h.role == HandlerRole::Lead)
            .map(|(u, _)| u)
    }

    /// The open duty of this kind owed by this party, if any.
    pub fn open_duty(&self, kind: DutyKind, party: &Party) -> Option<&Duty> {
        self.duties
            .iter()
            .find(|d| d.kind == kind && &d.party == party && d.is_open())
    }

    /// The open reply duty of a unit (any round).
    pub fn open_reply_duty(&self, unit: &UnitId) -> Option<&Duty> {
        self.duties.iter().find(|d| {
            matches!(d.kind, DutyKind::Reply { .. })
                && matches!(&d.party, Party::Unit { id } if id == unit)
                && d.is_open()
        })
    }

    /// Whether this item is a suggestion of work year `year` or was rolled into it.
    pub fn in_work_list(&self, year: i32) -> bool {
        self.kind == crate::vocab::ItemKind::Suggestion
            && (self.year == year || self.rolled_into.contains(&year))
    }
}

#[cfg(test)]
mod tests {
    /// Items are held inline in the ledger's sorted map, whose nodes stay little more than half
    /// full as items arrive in id order: every byte of an item costs nearly two. What few items
    /// have (a dispute, key or leader-led supervision, a third-party evaluation) is boxed; a new
    /// large and rare part should be boxed too.
    #[cfg(target_pointer_width = "64")]
    #[test]
    fn an_item_stays_small() {
        // 712 + 8: the unknown facts of imported items (two bytes, padded).
        assert!(std::mem::size_of::<super::Item>() <= 720);
    }

    #[test]
    fn a_date_is_already_one_day_number() {
        // Issue 22 asks for dates as day numbers: chrono packs a date into one non-zero
        // 32-bit number (year, then day of the year), so a date and an absent one cost what a
        // day number would, and dates compare as integers do.
        use chrono::NaiveDate;
        assert_eq!(std::mem::size_of::<NaiveDate>(), 4);
        assert_eq!(std::mem::size_of::<Option<NaiveDate>>(), 4);
        let (a, b) = (
            NaiveDate::from_ymd_opt(2021, 12, 31).unwrap(),
            NaiveDate::from_ymd_opt(2022, 1, 1).unwrap(),
        );
        assert!(a < b && a.succ_opt() == Some(b));
    }
}

//! Errors (SPEC §12): typed values with stable dotted codes, one-line messages naming the
//! field, item or line, and structured details.
//!
//! Codes never change once published; the committed list is [`ALL_CODES`] (mirrored in
//! `docs/error-codes.md`) and a test produces every one of them.

use std::fmt;

use chrono::NaiveDate;
use serde::Serialize;

use crate::actor::ActorRole;
use crate::calendar::CalendarError;
use crate::command::ActionKind;
use crate::id::{CommandId, DeputyId, ItemId, UnitId};

/// A stable error code such as `assign.return_window_closed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ErrorCode(&'static str);

impl ErrorCode {
    /// The dotted code.
    pub fn as_str(self) -> &'static str {
        self.0
    }

    /// A code of a module outside this file (in [`ALL_CODES`], or an `internal.*` code no
    /// input can cause).
    #[cfg_attr(
        not(any(feature = "docx", feature = "snapshots")),
        expect(
            dead_code,
            reason = "only the docx writer's and the snapshots' errors use it"
        )
    )]
    pub(crate) const fn new(code: &'static str) -> ErrorCode {
        ErrorCode(code)
    }

    /// The family: the part before the first dot (`assign`, `profile`, …).
    pub fn family(self) -> &'static str {
        self.0.split('.').next().unwrap_or(self.0)
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// Bad input values (ids, text sizes).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum InputError {
    /// An id is empty, too long or has whitespace.
    #[error("{kind} id `{id}` {reason}")]
    InvalidId {
        /// What the id names.
        kind: &'static str,
        /// The id (shortened when long).
        id: String,
        /// Why.
        reason: &'static str,
    },
    /// A text is longer than the profile allows.
    #[error("`{field}` has {actual} characters, more than the limit of {limit}")]
    OversizedText {
        /// Field.
        field: &'static str,
        /// Limit.
        limit: u32,
        /// Actual length.
        actual: usize,
    },
    /// A required text is empty.
    #[error("`{field}` must not be empty")]
    EmptyText {
        /// Field.
        field: &'static str,
    },
    /// A command or value could not be read.
    #[error("cannot read {what}: {reason}")]
    Malformed {
        /// What was read.
        what: &'static str,
        /// Parser message.
        reason: String,
    },
}

impl InputError {
    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        ErrorCode(match self {
            InputError::InvalidId { .. } => "input.invalid_id",
            InputError::OversizedText { .. } => "input.oversized_text",
            InputError::EmptyText { .. } => "input.empty_text",
            InputError::Malformed { .. } => "input.malformed",
        })
    }
}

/// An invalid rules profile (SPEC §2).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum ProfileError {
    /// Malformed JSON or a value of the wrong type.
    #[error("profile key `{key}`: {reason}")]
    Parse {
        /// Key path.
        key: String,
        /// Parser message.
        reason: String,
    },
    /// A key the profile format does not know.
    #[error("profile key `{key}`: {reason}")]
    UnknownKey {
        /// Key path.
        key: String,
        /// Parser message.
        reason: String,
    },
    /// A value outside its range or contradicting another.
    #[error("profile key `{key}`: {reason}")]
    InvalidValue {
        /// Key path.
        key: String,
        /// Why.
        reason: String,
    },
    /// A class, level or topic referenced but not defined.
    #[error("profile key `{key}` refers to `{id}`, which is not defined")]
    UndefinedReference {
        /// Key path.
        key: String,
        /// The missing id.
        id: String,
    },
    /// No preset of that name.
    #[error("no preset named `{name}` (known: seed-city, shanghai, chongqing, npc)")]
    UnknownPreset {
        /// The name asked for.
        name: String,
    },
}

impl ProfileError {
    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        ErrorCode(match self {
            ProfileError::Parse { .. } => "profile.parse",
            ProfileError::UnknownKey { .. } => "profile.unknown_key",
            ProfileError::InvalidValue { .. } => "profile.invalid_value",
            ProfileError::UndefinedReference { .. } => "profile.undefined_reference",
            ProfileError::UnknownPreset { .. } => "profile.unknown_preset",
        })
    }
}

/// A refused command (SPEC §4, §12). A refused command changes nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum CommandError {
    /// The actor's role may not issue this command (profile authorization table).
    #[error("{role} may not issue `{action}`")]
    RoleNotAllowed {
        /// Command kind.
        action: ActionKind,
        /// Role.
        role: ActorRole,
    },
    /// A unit acted on an item not assigned to it.
    #[error("unit `{unit}` is not assigned item `{item}`")]
    UnitNotAssigned {
        /// Item.
        item: ItemId,
        /// Unit.
        unit: UnitId,
    },
    /// Someone other than the evaluator gave feedback.
    #[error("deputy `{deputy}` is not the evaluator of item `{item}`")]
    NotEvaluator {
        /// Item.
        item: ItemId,
        /// Deputy.
        deputy: DeputyId,
    },
    /// A deputy acted for an item they did not sign, or for another deputy.
    #[error("{actor} cannot act for `{item}`: not its lead deputy or delegation")]
    NotSigner {
        /// Item.
        item: ItemId,
        /// Actor, as text.
        actor: String,
    },
    /// A command id was used before for a different command.
    #[error("command id `{id}` was already used for a different command")]
    IdReused {
        /// Id.
        id: CommandId,
    },
    /// The command is dated before the item's latest fact.
    #[error("command on `{on}` is dated before the latest fact of item `{item}` ({latest})")]
    DateOutOfOrder {
        /// Item.
        item: ItemId,
        /// Command date.
        on: NaiveDate,
        /// Latest fact date.
        latest: NaiveDate,
    },
    /// A directory entry is not known.
    #[error("unknown {kind} `{id}`")]
    UnknownEntry {
        /// deputy, unit, session, delegation, committee.
        kind: &'static str,
        /// Id.
        id: String,
    },
    /// A directory entry is registered twice.
    #[error("{kind} `{id}` is already registered")]
    DuplicateEntry {
        /// Kind.
        kind: &'static str,
        /// Id.
        id: String,
    },
    /// A session closes before it opens.
    #[error("session `{id}` closes before it opens")]
    InvalidSession {
        /// Id.
        id: String,
    },
    /// No such item.
    #[error("unknown item `{item}`")]
    UnknownItem {
        /// Item.
        item: ItemId,
    },
    /// An item id is used twice.
    #[error("item `{item}` already exists")]
    DuplicateItem {
        /// Item.
        item: ItemId,
    },
    /// The item is in a state where the command does not apply.
    #[error("`{action}` does not apply to item `{item}` while it is {state}")]
    WrongState {
        /// Item.
        item: ItemId,
        /// Command kind.
        action: ActionKind,
        /// The item's state.
        state: &'static str,
    },
    /// A motion command on a suggestion or the reverse.
    #[error("item `{item}` is not a {expected}")]
    WrongKind {
        /// Item.
        item: ItemId,
        /// Expected kind.
        expected: &'static str,
    },
    /// Fewer signers than the motion threshold.
    #[error("a motion needs {required} signers or a delegation; it has {actual}")]
    TooFewSigners {
        /// Threshold.
        required: u32,
        /// Signers.
        actual: usize,
    },
    /// A motion outside its session's dates.
    #[error("motions are submitted during a session; `{on}` is outside session `{session}`")]
    MotionOutsideSession {
        /// Session.
        session: String,
        /// Date.
        on: NaiveDate,
    },
    /// No session has opened on or before the date.
    #[error("no session has opened by `{on}`")]
    NoSession {
        /// Date.
        on: NaiveDate,
    },
    /// A signer appears twice.
    #[error("deputy `{deputy}` signs twice")]
    DuplicateSigner {
        /// Deputy.
        deputy: DeputyId,
    },
    /// Withdrawal lacks a signer's agreement (Shanghai Art 10).
    #[error("withdrawing `{item}` needs every signer; `{missing}` has not agreed")]
    WithdrawalNeedsAllSigners {
        /// Item.
        item: ItemId,
        /// A missing signer.
        missing: DeputyId,
    },
    /// Delegation motions are not allowed by the profile.
    #[error("this profile does not let a delegation submit motions")]
    DelegationNotAllowed,
    /// The topic is not in the profile.
    #[error("unknown topic `{topic}`")]
    UnknownTopic {
        /// Topic.
        topic: String,
    },
    /// An assignment without a lead unit (件件有去处).
    #[error("assignment of `{item}` names no lead unit")]
    NoLeadUnit {
        /// Item.
        item: ItemId,
    },
    /// An inconsistent assignment plan.
    #[error("assignment of `{item}`: {reason}")]
    InvalidPlan {
        /// Item.
        item: ItemId,
        /// Why.
        reason: String,
    },
    /// Too many pre-assignment rounds.
    #[error("item `{item}` already had {max} pre-assignment rounds")]
    TooManyRounds {
        /// Item.
        item: ItemId,
        /// Limit.
        max: u32,
    },
    /// A dispute is open, so the item cannot be assigned directly.
    #[error("item `{item}` has an open routing dispute; settle it first")]
    DisputeOpen {
        /// Item.
        item: ItemId,
    },
    /// No open dispute to settle.
    #[error("item `{item}` has no open routing dispute")]
    NoDispute {
        /// Item.
        item: ItemId,
    },
    /// A return request after its window (RULES.md §3.3).
    #[error("return window for `{item}` closed on `{closed_on}` for unit `{unit}`")]
    ReturnWindowClosed {
        /// Item.
        item: ItemId,
        /// Unit.
        unit: UnitId,
        /// Last day of the window.
        closed_on: NaiveDate,
    },
    /// A return request is already pending.
    #[error("unit `{unit}` already has a pending return request on `{item}`")]
    ReturnPending {
        /// Item.
        item: ItemId,
        /// Unit.
        unit: UnitId,
    },
    /// No pending return request to decide.
    #[error("unit `{unit}` has no pending return request on `{item}`")]
    NoReturnRequest {
        /// Item.
        item: ItemId,
        /// Unit.
        unit: UnitId,
    },
    /// A reply without a prior contact (RULES.md §4.2).
    #[error("unit `{unit}` must contact the deputy before replying to `{item}`")]
    ContactRequired {
        /// Item.
        item: ItemId,
        /// Unit.
        unit: UnitId,
    },
    /// A co-opinion from a unit that is not a co-handler.
    #[error("unit `{unit}` is not a co-handler of `{item}`")]
    NotCoHandler {
        /// Item.
        item: ItemId,
        /// Unit.
        unit: UnitId,
    },
    /// No co-opinion to send back.
    #[error("co-handler `{unit}` has sent no opinion on `{item}`")]
    NoCoOpinion {
        /// Item.
        item: ItemId,
        /// Unit.
        unit: UnitId,
    },
    /// Extension count exhausted.
    #[error("unit `{unit}` already used its {max} extension(s) on `{item}`")]
    ExtensionLimit {
        /// Item.
        item: ItemId,
        /// Unit.
        unit: UnitId,
        /// Limit.
        max: u32,
    },
    /// Extension past the hard maximum (代表法 Art 51: 6 months).
    #[error("extension to `{until}` passes the hard maximum `{maximum}`")]
    ExtensionBeyondMaximum {
        /// Asked.
        until: NaiveDate,
        /// Maximum.
        maximum: NaiveDate,
    },
    /// Extension not later than the current due date.
    #[error("extension to `{until}` is not later than the current due date `{due}`")]
    ExtensionNotLater {
        /// Asked.
        until: NaiveDate,
        /// Current due date.
        due: NaiveDate,
    },
    /// No pending extension request.
    #[error("unit `{unit}` has no pending extension request on `{item}`")]
    NoExtensionRequest {
        /// Item.
        item: ItemId,
        /// Unit.
        unit: UnitId,
    },
    /// The class is not in the profile.
    #[error("unknown result class `{class}`")]
    UnknownClass {
        /// Class.
        class: String,
    },
    /// The class needs a promised date.
    #[error("class `{class}` needs a promised date (`promised_by`)")]
    PromisedDateRequired {
        /// Class.
        class: String,
    },
    /// The promised date is before the reply.
    #[error("promised date `{promised_by}` is before the reply date `{on}`")]
    PromisedDateInPast {
        /// Promised.
        promised_by: NaiveDate,
        /// Reply date.
        on: NaiveDate,
    },
    /// A co-handler tried to reply to the deputy (RULES.md §3.2).
    #[error("co-handler `{unit}` does not reply to the deputy on `{item}`; the lead does")]
    CoHandlerCannotReply {
        /// Item.
        item: ItemId,
        /// Unit.
        unit: UnitId,
    },
    /// Nothing is due from the unit: it already replied and no follow-up, reopen or rollover asks again.
    #[error("unit `{unit}` owes no reply on `{item}`")]
    ReplyNotDue {
        /// Item.
        item: ItemId,
        /// Unit.
        unit: UnitId,
    },
    /// Feedback before a reply.
    #[error("item `{item}` has no reply awaiting feedback")]
    NoReplyToRate {
        /// Item.
        item: ItemId,
    },
    /// Feedback outside its window.
    #[error("feedback window for `{item}` closed on `{closed_on}`")]
    FeedbackWindowClosed {
        /// Item.
        item: ItemId,
        /// Last day.
        closed_on: NaiveDate,
    },
    /// Lapse marked before the window closed.
    #[error("feedback window for `{item}` is open until `{closes_on}`")]
    FeedbackWindowOpen {
        /// Item.
        item: ItemId,
        /// Last day.
        closes_on: NaiveDate,
    },
    /// The level is not in the profile.
    #[error("unknown feedback level `{level}`")]
    UnknownLevel {
        /// Level.
        level: String,
    },
    /// A dissatisfied rating without a comment (Shanghai Art 21).
    #[error("a `{level}` rating on `{item}` needs a comment")]
    CommentRequired {
        /// Item.
        item: ItemId,
        /// Level.
        level: String,
    },
    /// A reopen decision without a dissatisfied rating.
    #[error("item `{item}` has no dissatisfied rating awaiting a reopen decision")]
    ReopenNotApplicable {
        /// Item.
        item: ItemId,
    },
    /// A follow-up request that covers no item.
    #[error("no item of {year} has a class that triggers a follow-up reply")]
    NoFollowUpItems {
        /// Year.
        year: i32,
    },
    /// No such commitment.
    #[error("item `{item}` has no open commitment #{index}")]
    UnknownCommitment {
        /// Item.
        item: ItemId,
        /// Index.
        index: u32,
    },
    /// A rollover before the cut-off.
    #[error("rollover of {year} is allowed from `{cutoff}`")]
    BeforeCutoff {
        /// Year.
        year: i32,
        /// Cut-off date.
        cutoff: NaiveDate,
    },
    /// A rollover with no item to carry.
    #[error("no open item of {year} has a class that rolls over")]
    NothingToRollOver {
        /// Year.
        year: i32,
    },
    /// Closing as completed an item a part of which is answered in a class that rolls over
    /// (SPEC §4: the item rolls over while any part is planned).
    #[error("item `{item}` cannot be closed as completed: the part of `{unit}` is answered `{class}`, which rolls over")]
    StillRollsOver {
        /// Item.
        item: ItemId,
        /// The unit whose part is still open.
        unit: UnitId,
        /// Its latest class.
        class: String,
    },
    /// Years that do not make sense.
    #[error("cannot roll {from_year} into {into_year}")]
    InvalidYears {
        /// From.
        from_year: i32,
        /// Into.
        into_year: i32,
    },
    /// Term-end closing without the written explanation.
    #[error("closing `{item}` at term end needs a written explanation")]
    ExplanationRequired {
        /// Item.
        item: ItemId,
    },
    /// A leader acts in a role their post does not hold (a vice-mayor cannot lead key
    /// supervision for the congress; a chair cannot lead an item for the government).
    #[error("leader `{leader}` is {post:?}, which cannot take part in `{action}` that way")]
    WrongLeaderPost {
        /// Leader.
        leader: crate::id::LeaderId,
        /// The leader's post.
        post: crate::directory::LeaderPost,
        /// Action.
        action: ActionKind,
    },
    /// The item is already a key item.
    #[error("`{item}` is already a key supervision item")]
    AlreadyKeyItem {
        /// Item.
        item: ItemId,
    },
    /// The year's key items are at the profile's maximum.
    #[error("{year} already has the profile's maximum of {max} key supervision items")]
    TooManyKeyItems {
        /// Year.
        year: i32,
        /// The profile's `supervision.key_items_max`.
        max: u32,
    },
    /// The item is already led by a government leader.
    #[error("`{item}` is already led by a government leader")]
    AlreadyLeaderLed {
        /// Item.
        item: ItemId,
    },
    /// An action on a list of items got an empty list.
    #[error("`{action}` names no item")]
    NoItems {
        /// Action.
        action: ActionKind,
    },
    /// The item is not a third-party evaluation candidate under the profile's rule.
    #[error("`{item}` is not a third-party evaluation candidate: not dissatisfied, not in the basically-satisfied sample, not raised in several years without a solution, not requested")]
    NotCandidate {
        /// Item.
        item: ItemId,
    },
    /// The item's evaluation is not at the stage the action needs.
    #[error("`{item}`'s evaluation is at stage `{stage}`; `{action}` needs stage `{expected}`")]
    WrongStage {
        /// Item.
        item: ItemId,
        /// The action.
        action: ActionKind,
        /// The stage reached.
        stage: &'static str,
        /// The stage needed.
        expected: &'static str,
    },
    /// The outcome is not one of the profile's `third_party.outcomes`.
    #[error("`{outcome}` is not an evaluation outcome of the profile")]
    UnknownOutcome {
        /// Outcome.
        outcome: String,
    },
    /// The indicator is not a manual indicator of the profile's assessment template.
    #[error("`{indicator}` is not a manual indicator of the assessment template{reason}")]
    UnknownIndicator {
        /// Indicator.
        indicator: String,
        /// Why, when it exists but is computed.
        reason: &'static str,
    },
    /// Points outside 0 to the indicator's maximum.
    #[error("{points} points for `{indicator}` is outside 0..={max}")]
    PointsOutOfRange {
        /// Indicator.
        indicator: String,
        /// Points given.
        points: String,
        /// The indicator's maximum.
        max: String,
    },
    /// Not eligible for the honour.
    #[error("`{id}` is not eligible: {reason}")]
    Ineligible {
        /// Suggestion or deputy id.
        id: String,
        /// Why.
        reason: &'static str,
    },
    /// More honoured than the quota and the ties at its cut line allow.
    #[error("{named} {kind} named, but the quota is {quota} (with everyone tied at the cut line: {allowed})")]
    OverQuota {
        /// `suggestions` or `deputies`.
        kind: &'static str,
        /// The quota.
        quota: u64,
        /// The most the ranking allows (quota plus those tied at the cut).
        allowed: u64,
        /// Named.
        named: u64,
    },
    /// Candidates tied at the cut line split: some named, some left out.
    #[error("the {kind} tied at the cut line must be honoured together or not at all; left out: {left_out:?}")]
    TieSplit {
        /// `suggestions` or `deputies`.
        kind: &'static str,
        /// The tied candidates left out.
        left_out: Vec<String>,
    },
    /// Already honoured (for this year).
    #[error("`{id}` is already honoured")]
    AlreadyHonoured {
        /// Suggestion or deputy id.
        id: String,
    },
    /// A bad input value.
    #[error(transparent)]
    #[serde(skip)]
    Input(#[from] InputError),
    /// A date outside the calendar.
    #[error(transparent)]
    #[serde(skip)]
    Calendar(#[from] CalendarError),
}

impl CommandError {
    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        ErrorCode(match self {
            CommandError::RoleNotAllowed { .. } => "permission.role_not_allowed",
            CommandError::UnitNotAssigned { .. } => "permission.unit_not_assigned",
            CommandError::NotEvaluator { .. } => "permission.not_evaluator",
            CommandError::NotSigner { .. } => "permission.not_signer",
            CommandError::IdReused { .. } => "command.id_reused",
            CommandError::DateOutOfOrder { .. } => "command.date_out_of_order",
            CommandError::UnknownEntry { .. } => "directory.unknown_entry",
            CommandError::DuplicateEntry { .. } => "directory.duplicate_entry",
            CommandError::InvalidSession { .. } => "directory.invalid_session",
            CommandError::UnknownItem { .. } => "item.unknown",
            CommandError::DuplicateItem { .. } => "item.duplicate_id",
            CommandError::WrongState { .. } => "item.wrong_state",
            CommandError::WrongKind { .. } => "item.wrong_kind",
            CommandError::TooFewSigners { .. } => "submit.too_few_signers",
            CommandError::MotionOutsideSession { .. } => "submit.motion_outside_session",
            CommandError::NoSession { .. } => "submit.no_session",
            CommandError::DuplicateSigner { .. } => "submit.duplicate_signer",
            CommandError::WithdrawalNeedsAllSigners { .. } => "submit.withdrawal_needs_all_signers",
            CommandError::DelegationNotAllowed => "submit.delegation_not_allowed",
            CommandError::UnknownTopic { .. } => "assign.unknown_topic",
            CommandError::NoLeadUnit { .. } => "assign.no_lead_unit",
            CommandError::InvalidPlan { .. } => "assign.invalid_plan",
            CommandError::TooManyRounds { .. } => "assign.too_many_rounds",
            CommandError::DisputeOpen { .. } => "assign.dispute_open",
            CommandError::NoDispute { .. } => "assign.no_dispute",
            CommandError::ReturnWindowClosed { .. } => "assign.return_window_closed",
            CommandError::ReturnPending { .. } => "assign.return_pending",
            CommandError::NoReturnRequest { .. } => "assign.no_return_request",
            CommandError::ContactRequired { .. } => "handle.contact_required",
            CommandError::NotCoHandler { .. } => "handle.not_co_handler",
            CommandError::NoCoOpinion { .. } => "handle.no_co_opinion",
            CommandError::ExtensionLimit { .. } => "handle.extension_limit",
            CommandError::ExtensionBeyondMaximum { .. } => "handle.extension_beyond_maximum",
            CommandError::ExtensionNotLater { .. } => "handle.extension_not_later",
            CommandError::NoExtensionRequest { .. } => "handle.no_extension_request",
            CommandError::UnknownClass { .. } => "reply.unknown_class",
            CommandError::PromisedDateRequired { .. } => "reply.promised_date_required",
            CommandError::PromisedDateInPast { .. } => "reply.promised_date_in_past",
            CommandError::CoHandlerCannotReply { .. } => "reply.co_handler_cannot_reply",
            CommandError::ReplyNotDue { .. } => "reply.not_due",
            CommandError::NoReplyToRate { .. } => "feedback.no_reply",
            CommandError::FeedbackWindowClosed { .. } => "feedback.window_closed",
            CommandError::FeedbackWindowOpen { .. } => "feedback.window_open",
            CommandError::UnknownLevel { .. } => "feedback.unknown_level",
            CommandError::CommentRequired { .. } => "feedback.comment_required",
            CommandError::ReopenNotApplicable { .. } => "feedback.reopen_not_applicable",
            CommandError::NoFollowUpItems { .. } => "followup.no_items",
            CommandError::UnknownCommitment { .. } => "followup.unknown_commitment",
            CommandError::BeforeCutoff { .. } => "followup.before_cutoff",
            CommandError::NothingToRollOver { .. } => "followup.nothing_to_roll_over",
            CommandError::StillRollsOver { .. } => "followup.still_rolls_over",
            CommandError::InvalidYears { .. } => "followup.invalid_years",
            CommandError::ExplanationRequired { .. } => "followup.explanation_required",
            CommandError::WrongLeaderPost { .. } => "supervision.wrong_leader_post",
            CommandError::AlreadyKeyItem { .. } => "supervision.already_key_item",
            CommandError::TooManyKeyItems { .. } => "supervision.too_many_key_items",
            CommandError::AlreadyLeaderLed { .. } => "supervision.already_leader_led",
            CommandError::NoItems { .. } => "supervision.no_items",
            CommandError::NotCandidate { .. } => "evaluation.not_candidate",
            CommandError::WrongStage { .. } => "evaluation.wrong_stage",
            CommandError::UnknownOutcome { .. } => "evaluation.unknown_outcome",
            CommandError::UnknownIndicator { .. } => "assessment.unknown_indicator",
            CommandError::PointsOutOfRange { .. } => "assessment.points_out_of_range",
            CommandError::Ineligible { .. } => "excellence.ineligible",
            CommandError::OverQuota { .. } => "excellence.over_quota",
            CommandError::TieSplit { .. } => "excellence.tie_split",
            CommandError::AlreadyHonoured { .. } => "excellence.already_honoured",
            CommandError::Input(e) => return e.code(),
            CommandError::Calendar(e) => return ErrorCode(e.code()),
        })
    }
}

/// A ledger that cannot be read or replayed (SPEC §11). Earlier lines stay applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum LedgerError {
    /// A line is not valid JSON or not a valid record.
    #[error("ledger line {line}: {reason}")]
    Parse {
        /// 1-based line number.
        line: usize,
        /// Parser message.
        reason: String,
    },
    /// The first line is not a ledger header.
    #[error("ledger line 1: not a jianyi ledger header ({reason})")]
    MissingHeader {
        /// Why.
        reason: String,
    },
    /// A format version this library does not read.
    #[error(
        "ledger line {line}: format version {version} is not supported (this library reads 1 and 2)"
    )]
    UnsupportedVersion {
        /// Line.
        line: usize,
        /// Version found.
        version: u32,
    },
    /// A sequence number out of order.
    #[error("ledger line {line}: sequence number {seq} where {expected} was expected")]
    OutOfOrder {
        /// Line.
        line: usize,
        /// Found.
        seq: u64,
        /// Expected.
        expected: u64,
    },
    /// An event that does not fit the state before it.
    #[error("ledger line {line}: event {seq} cannot apply: {reason}")]
    Inconsistent {
        /// Line.
        line: usize,
        /// Sequence number.
        seq: u64,
        /// Why.
        reason: String,
    },
    /// A line's `prev` link is not the SHA-256 of the line before it: a line was changed,
    /// removed, inserted or moved (format version 2).
    #[error("ledger line {line}: the chain is broken (expected prev {expected}, found `{found}`)")]
    ChainBroken {
        /// Line.
        line: usize,
        /// The link of the line before.
        expected: String,
        /// What the line carries.
        found: String,
    },
    /// The ledger was decided under another profile than the one given.
    #[error("ledger was decided under profile `{expected}`, not `{found}`")]
    ProfileMismatch {
        /// In the ledger.
        expected: String,
        /// Given.
        found: String,
    },
    /// A call that reads the whole event log, on a ledger reopened from a snapshot.
    #[error(
        "`{needed_by}` reads the whole event log, but this ledger was reopened from a snapshot and holds only the events from {held_from} on; read the ledger file in full for it"
    )]
    LogNotHeld {
        /// The call.
        needed_by: &'static str,
        /// The first event held.
        held_from: u64,
    },
}

impl LedgerError {
    /// The same error, located at `line`.
    #[must_use]
    pub fn at_line(self, line: usize) -> LedgerError {
        match self {
            LedgerError::Parse { reason, .. } => LedgerError::Parse { line, reason },
            LedgerError::UnsupportedVersion { version, .. } => {
                LedgerError::UnsupportedVersion { line, version }
            }
            LedgerError::OutOfOrder { seq, expected, .. } => LedgerError::OutOfOrder {
                line,
                seq,
                expected,
            },
            LedgerError::Inconsistent { seq, reason, .. } => {
                LedgerError::Inconsistent { line, seq, reason }
            }
            LedgerError::ChainBroken {
                expected, found, ..
            } => LedgerError::ChainBroken {
                line,
                expected,
                found,
            },
            other => other,
        }
    }

    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        ErrorCode(match self {
            LedgerError::Parse { .. } => "ledger.parse",
            LedgerError::MissingHeader { .. } => "ledger.missing_header",
            LedgerError::UnsupportedVersion { .. } => "ledger.unsupported_version",
            LedgerError::OutOfOrder { .. } => "ledger.out_of_order",
            LedgerError::Inconsistent { .. } => "ledger.inconsistent",
            LedgerError::ProfileMismatch { .. } => "ledger.profile_mismatch",
            LedgerError::ChainBroken { .. } => "ledger.chain_broken",
            LedgerError::LogNotHeld { .. } => "ledger.log_not_held",
        })
    }
}

/// Any error of the library, for callers who want one type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// Bad input.
    #[error(transparent)]
    Input(#[from] InputError),
    /// Bad profile.
    #[error(transparent)]
    Profile(#[from] ProfileError),
    /// Calendar.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// Refused command.
    #[error(transparent)]
    Command(#[from] CommandError),
    /// Bad ledger.
    #[error(transparent)]
    Ledger(#[from] LedgerError),
}

impl Error {
    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Input(e) => e.code(),
            Error::Profile(e) => e.code(),
            Error::Calendar(e) => ErrorCode(e.code()),
            Error::Command(e) => e.code(),
            Error::Ledger(e) => e.code(),
        }
    }

    /// Structured details as a JSON object (field names of the variant).
    pub fn details_json(&self) -> String {
        let value = match self {
            Error::Input(e) | Error::Command(CommandError::Input(e)) => serde_json::to_value(e),
            Error::Profile(e) => serde_json::to_value(e),
            Error::Calendar(e) | Error::Command(CommandError::Calendar(e)) => {
                serde_json::to_value(e)
            }
            Error::Command(e) => serde_json::to_value(e),
            Error::Ledger(e) => serde_json::to_value(e),
        };
        value.map(|v| v.to_string()).unwrap_or_default()
    }
}

/// Every code the library can return, in the committed order (docs/error-codes.md).
pub const ALL_CODES: &[&str] = &[
    "input.invalid_id",
    "input.oversized_text",
    "input.empty_text",
    "input.malformed",
    "profile.parse",
    "profile.unknown_key",
    "profile.invalid_value",
    "profile.undefined_reference",
    "profile.unknown_preset",
    "calendar.out_of_range",
    "calendar.invalid_data",
    "calendar.overflow",
    "permission.role_not_allowed",
    "permission.unit_not_assigned",
    "permission.not_evaluator",
    "permission.not_signer",
    "command.id_reused",
    "command.date_out_of_order",
    "directory.unknown_entry",
    "directory.duplicate_entry",
    "directory.invalid_session",
    "item.unknown",
    "item.duplicate_id",
    "item.wrong_state",
    "item.wrong_kind",
    "submit.too_few_signers",
    "submit.motion_outside_session",
    "submit.no_session",
    "submit.duplicate_signer",
    "submit.withdrawal_needs_all_signers",
    "submit.delegation_not_allowed",
    "assign.unknown_topic",
    "assign.no_lead_unit",
    "assign.invalid_plan",
    "assign.too_many_rounds",
    "assign.dispute_open",
    "assign.no_dispute",
    "assign.return_window_closed",
    "assign.return_pending",
    "assign.no_return_request",
    "handle.contact_required",
    "handle.not_co_handler",
    "handle.no_co_opinion",
    "handle.extension_limit",
    "handle.extension_beyond_maximum",
    "handle.extension_not_later",
    "handle.no_extension_request",
    "reply.unknown_class",
    "reply.promised_date_required",
    "reply.promised_date_in_past",
    "reply.co_handler_cannot_reply",
    "reply.not_due",
    "feedback.no_reply",
    "feedback.window_closed",
    "feedback.window_open",
    "feedback.unknown_level",
    "feedback.comment_required",
    "feedback.reopen_not_applicable",
    "followup.no_items",
    "followup.unknown_commitment",
    "followup.before_cutoff",
    "followup.nothing_to_roll_over",
    "followup.still_rolls_over",
    "followup.invalid_years",
    "followup.explanation_required",
    "ledger.parse",
    "ledger.missing_header",
    "ledger.unsupported_version",
    "ledger.out_of_order",
    "ledger.inconsistent",
    "ledger.profile_mismatch",
    "supervision.wrong_leader_post",
    "supervision.already_key_item",
    "supervision.too_many_key_items",
    "supervision.already_leader_led",
    "supervision.no_items",
    "evaluation.not_candidate",
    "evaluation.wrong_stage",
    "evaluation.unknown_outcome",
    "assessment.unknown_indicator",
    "assessment.points_out_of_range",
    "excellence.ineligible",
    "excellence.over_quota",
    "excellence.tie_split",
    "excellence.already_honoured",
    "ledger.chain_broken",
    "report.chart_render",
    "ledger.log_not_held",
    "snapshot.parse",
    "snapshot.version",
    "snapshot.profile_mismatch",
    "snapshot.corrupt",
    "snapshot.head_mismatch",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_dotted() {
        let mut seen = std::collections::BTreeSet::new();
        for code in ALL_CODES {
            assert!(seen.insert(code), "{code} twice");
            assert_eq!(code.matches('.').count(), 1, "{code}");
            assert!(code
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '.' || c == '_'));
        }
    }

    #[test]
    fn committed_list_matches_docs() {
        let doc = include_str!("../../docs/error-codes.md");
        let listed: Vec<&str> = doc
            .lines()
            .filter_map(|l| l.strip_prefix("| `"))
            .filter_map(|l| l.split('`').next())
            .collect();
        assert_eq!(listed, ALL_CODES);
    }
}

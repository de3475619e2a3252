//! Kotlin and Swift binding of [`jianyi_core`] (uniffi, library mode), also usable from
//! uniffi's Python.
//!
//! Thin by rule (SPEC §11): every decision is the core's; this crate only converts. Commands
//! cross as typed records ([`CommandRecord`]) or, on servers, as JSON text; events cross as
//! the ledger's own JSON lines; dates as ISO strings and ids as strings — both validated inside each exported function, so bad input is a typed
//! `JianyiError.Input`, never a crash. Every exported function and method returns
//! `Result<_, JianyiError>`, so a panic inside Rust is a catchable `InternalException`
//! (Kotlin) / `InternalError` (Python), not a crash of the host app.
//!
//! - [`Ledger`]: the 台账 object (execute, decide, timeline, holder, obligations, worklists,
//!   year figures, JSON Lines in and out).
//! - [`HolidayCalendar`]: working days with 调休 and Civil Code deadlines, explained.
//! - [`preset_names`], [`preset_json`], [`validate_profile_json`]: rules profiles.
//! - [`Screener`], [`SimilarityIndex`]: classification, the draft check, motion
//!   qualification, exclusion flags and similar items (on the phone too), and routing with
//!   its reasons (the `server` feature).
//!
//! Features: `server` (default) is everything, for JVM servers and the secretariat. `phone`
//! (with `--no-default-features`) is the phone library, within SPEC §13's 3 MiB: the ledger,
//! typed commands, obligations, working days and the deputy's offline checks (`intake`), but
//! not routing, the reports or command JSON.

#![allow(
    clippy::needless_pass_by_value,
    reason = "exported functions take owned values: uniffi lifts every argument as an owned \
              String, Option<String> or Vec<String>"
)]

uniffi::setup_scaffolding!();

mod calendar;
mod commands;
mod directory;
mod errors;
#[cfg(feature = "server")]
mod evaluation;
#[cfg(feature = "intake")]
mod intake;
mod ledger;
mod records;
mod replay;
#[cfg(feature = "server")]
mod reports;
mod types;

pub use calendar::HolidayCalendar;
pub use commands::{
    command_json, ActionRecord, ActivityKindRecord, ActorRecord, ClosingRecord, CommandRecord,
    ContactMethodRecord, DispositionRecord, DisputeStepRecord, ExclusionReasonRecord,
    HandlingModeRecord, LeaderPostRecord, MotionDecisionRecord, PlanRecord, SystemRecord,
};
pub use directory::{
    CommitteeRecord, DelegationRecord, DeputyRecord, DirectoryRecord, HeaderRecord, LeaderRecord,
    SessionRecord, UnitRecord,
};
pub use errors::JianyiError;
#[cfg(feature = "server")]
pub use evaluation::{
    DeputyPointsRecord, EvaluationCandidateRecord, EvaluationFiguresRecord, FollowUpClassRecord,
    OutcomeCountRecord, ScoreLineRecord,
};
#[cfg(feature = "server")]
pub use intake::unit_kind;
#[cfg(feature = "intake")]
pub use intake::{
    ClassificationRecord, Draft, DraftFixRecord, DraftReportRecord, ExclusionFlagRecord,
    IndexedTextRecord, MatchedTermRecord, MergeCandidateRecord, MotionQualificationRecord,
    ReasonRecord, RoutedUnitRecord, RoutingRecord, Screener, SimilarityIndex, TopicScoreRecord,
    UnitCandidateRecord,
};
pub use ledger::Ledger;
pub use records::{
    AssignmentInfo, FeedbackInfo, ItemRecord, ReplyInfo, ShareRecord, SystemCountRecord,
    SystemOverlapRecord, YearFiguresRecord,
};
#[cfg(feature = "server")]
pub use replay::{generated_commands_json, load_ledger_state_only, reopen_ledger, ReopenOutcome};
pub use replay::{replay_ledger_jsonl, LineErrorRecord, ReplayOutcome};
#[cfg(feature = "server")]
pub use reports::{
    audit_report_text, CountTableRecord, DimensionRecord, ExcellenceRecord, FigureFindingRecord,
    RankRowRecord, RankingRecord, TableAuditRecord, UnitAssessmentRecord, UnitRowRecord,
};
#[cfg(feature = "server")]
pub use types::PreparedAppend;
pub use types::{
    DayKind, Deadline, ExecuteOutcome, Holder, HolderKind, ItemKind, ItemStatus, ItemSummary,
    ObligationRecord, ObligationStatus, PartyKind, ProfileInfo, TimelineEntry, WindowUnit,
    WorkList,
};

use jianyi_core::Profile;

/// The bundled profile presets: `seed-city`, `shanghai`, `chongqing`, `npc`.
#[uniffi::export]
pub fn preset_names() -> Result<Vec<String>, JianyiError> {
    Ok(jianyi_core::profile::PRESET_NAMES
        .iter()
        .map(|n| (*n).to_owned())
        .collect())
}

/// A bundled preset as JSON: the starting point of a locality's own profile.
#[uniffi::export]
pub fn preset_json(name: String) -> Result<String, JianyiError> {
    Ok(Profile::preset(&name)?.to_json())
}

/// Validates a profile given as JSON; returns its id, version and content hash, or the
/// first problem with its key (`profile.parse`, `profile.unknown_key`,
/// `profile.invalid_value`, `profile.undefined_reference`).
#[uniffi::export]
pub fn validate_profile_json(text: String) -> Result<ProfileInfo, JianyiError> {
    Ok(Profile::from_json(&text)?.reference().into())
}

/// One key where two profiles differ (values as JSON text; `None` where a side lacks it).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ProfileChangeRecord {
    /// Dotted key path, e.g. `handling.reply_deadline.amount`.
    pub key: String,
    /// The value in the first profile.
    pub before: Option<String>,
    /// The value in the second profile.
    pub after: Option<String>,
}

/// The keys where profile `after` differs from profile `before` (both JSON, validated): what
/// a locality changed from its preset.
#[uniffi::export]
pub fn diff_profiles(
    before_json: String,
    after_json: String,
) -> Result<Vec<ProfileChangeRecord>, JianyiError> {
    let before = Profile::from_json(&before_json)?;
    let after = Profile::from_json(&after_json)?;
    Ok(before
        .diff(&after)
        .into_iter()
        .map(|c| ProfileChangeRecord {
            key: c.key,
            before: c.before,
            after: c.after,
        })
        .collect())
}

/// Every stable error code the core can return, in the committed order (for hosts that
/// localise messages by code).
#[uniffi::export]
pub fn error_codes() -> Result<Vec<String>, JianyiError> {
    Ok(jianyi_core::ALL_CODES
        .iter()
        .map(|c| (*c).to_owned())
        .collect())
}

/// The ledger format version this library writes (it reads 1 and 2).
#[uniffi::export]
pub fn ledger_format_version() -> Result<i32, JianyiError> {
    Ok(i32::try_from(jianyi_core::wire::FORMAT_VERSION).unwrap_or(i32::MAX))
}

/// Checks a ledger text's chain without replaying it: `{"version", "lines", "head",
/// "broken": {"line", "expected", "found"} | null}` as JSON.
#[uniffi::export]
pub fn verify_ledger(text: String) -> Result<String, JianyiError> {
    let report = jianyi_core::chain::verify(&text).map_err(jianyi_core::Error::from)?;
    Ok(serde_json::to_string(&report).unwrap_or_default())
}

/// A format-version-1 ledger text rewritten as version 2 (every event line linked into the
/// chain); a version-2 text is refused with `ledger.unsupported_version`.
#[uniffi::export]
pub fn upcast_ledger_v1(text: String) -> Result<String, JianyiError> {
    Ok(jianyi_core::chain::upcast_v1(&text)?)
}

/// The library version.
#[uniffi::export]
pub fn library_version() -> Result<String, JianyiError> {
    Ok(env!("CARGO_PKG_VERSION").to_owned())
}

/// Test hook (feature `test-panic`): panics, to prove a panic is a caught exception.
#[cfg(feature = "test-panic")]
#[doc(hidden)]
#[uniffi::export]
#[allow(clippy::panic, reason = "the point of this test hook")]
pub fn debug_panic() -> Result<(), JianyiError> {
    panic!("debug_panic: a panic inside jianyi-uniffi, on purpose")
}

/// Test hook (feature `test-panic`): returns the `Internal` error family.
#[cfg(feature = "test-panic")]
#[doc(hidden)]
#[uniffi::export]
pub fn debug_internal_error() -> Result<(), JianyiError> {
    Err(JianyiError::internal("a test value", "on purpose"))
}

//! Plain records and enums built from core data (ARCHITECTURE.md §6.4). Dates cross as ISO
//! `YYYY-MM-DD` strings and ids as strings; both are validated inside the exported functions
//! ([`parse_date`], [`parse_id`]), so bad input is a typed `JianyiError.Input`, never a lift
//! panic. Enums are mirrored with exhaustive `From` impls: a variant added to the core fails
//! this crate's build until it is mirrored here.

use chrono::NaiveDate;
use jianyi_core::item::{DutyKind, Party};
use jianyi_core::{calendar, obligations, queries, InputError};

use crate::errors::JianyiError;

/// Reads an ISO date (`2022-04-12`); `what` names the argument in the error.
pub(crate) fn parse_date(what: &'static str, text: &str) -> Result<NaiveDate, JianyiError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| {
        InputError::Malformed {
            what,
            reason: format!("`{text}` is not an ISO date YYYY-MM-DD ({e})"),
        }
        .into()
    })
}

/// A count from a host: JVM and Swift callers pass signed integers (Kotlin's unsigned types
/// cannot be called from Java), so a negative one is `input.malformed`.
pub(crate) fn non_negative(what: &'static str, n: i32) -> Result<u32, JianyiError> {
    u32::try_from(n).map_err(|_| {
        InputError::Malformed {
            what,
            reason: format!("{n} is negative"),
        }
        .into()
    })
}

/// A count for a host, signed (see [`non_negative`]); saturates at `i64::MAX`.
pub(crate) fn signed(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// A core count (`u64`) for a host, signed; saturates at `i64::MAX`.
pub(crate) fn count(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The `snake_case` code serde gives a core enum value (`outside_jurisdiction`, `split` …).
pub(crate) fn code_of<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Validates an id with the core's rules (`input.invalid_id`).
pub(crate) fn parse_id<T>(text: &str) -> Result<T, JianyiError>
where
    T: std::str::FromStr<Err = InputError>,
{
    text.parse().map_err(JianyiError::from)
}

/// An ISO date.
pub(crate) fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Serializes core data to JSON text.
pub(crate) fn to_json<T: serde::Serialize>(what: &str, value: &T) -> Result<String, JianyiError> {
    serde_json::to_string(value).map_err(|e| JianyiError::internal(what, &e.to_string()))
}

/// What executing a command did.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ExecuteOutcome {
    /// The events recorded, one JSON object each — exactly the lines of the ledger file.
    /// Send them to the server; for a retry, the events recorded the first time.
    pub events_json: Vec<String>,
    /// The command id had been executed before with the same content: nothing new was
    /// recorded.
    pub duplicate: bool,
}

/// What a command would record, prepared for a host's own store (a database shared by
/// several servers) before the ledger records it: append `lines`, then `apply_events(lines)`.
#[cfg(feature = "server")]
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PreparedAppend {
    /// The events, one JSON object each (as `ExecuteOutcome.events_json`): for a retry, the
    /// events recorded the first time.
    pub events_json: Vec<String>,
    /// The same events as the chained ledger lines that follow the ledger's last line (each
    /// starting with its `prev` link); empty for a retry: nothing is to be appended.
    pub lines: Vec<String>,
    /// The link the line after `lines` must carry (the chain head once they are appended).
    pub head: String,
    /// The command id had been executed before with the same content.
    pub duplicate: bool,
}

/// One event of an item's timeline.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TimelineEntry {
    /// Position in the ledger (1-based).
    pub seq: i64,
    /// The command that produced it.
    pub command_id: String,
    /// Effective date, ISO.
    pub date: String,
    /// Who acted: `deputy`, `unit`, `deputy_affairs_office`, …
    pub actor_role: String,
    /// The actor's id, for roles that have one (deputy, unit, delegation, committee, leader).
    pub actor_id: Option<String>,
    /// The fact's type, e.g. `return_requested`.
    pub fact_type: String,
    /// The fact as JSON (its `type` tag included).
    pub fact_json: String,
}

impl TimelineEntry {
    pub(crate) fn from_event(e: &jianyi_core::Event) -> Result<TimelineEntry, JianyiError> {
        let actor_id = e.actor.acting_id().map(str::to_owned);
        Ok(TimelineEntry {
            seq: i64::try_from(e.seq).unwrap_or(i64::MAX),
            command_id: e.command.to_string(),
            date: iso(e.on),
            actor_role: e.actor.role().as_str().to_owned(),
            actor_id,
            fact_type: e.fact.name().to_owned(),
            fact_json: to_json("fact", &e.fact)?,
        })
    }
}

/// Who has the item now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum HolderKind {
    /// 主席团: a motion awaiting decision.
    Presidium,
    /// 代表工委: registration, assignment, reopen decision, closing.
    Office,
    /// Handling units owing a reply or an opinion (`units`).
    Units,
    /// Deputies whose rating is awaited (`deputies`).
    Deputies,
    /// Nobody: withdrawn, rejected, closed or a decided motion.
    Nobody,
}

/// 当前办理环节: who holds an item.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Holder {
    /// Which kind of holder.
    pub kind: HolderKind,
    /// The units, when `kind` is `Units`.
    pub units: Vec<String>,
    /// The deputies, when `kind` is `Deputies`.
    pub deputies: Vec<String>,
}

impl From<queries::Holder> for Holder {
    fn from(h: queries::Holder) -> Holder {
        let (kind, units, deputies) = match h {
            queries::Holder::Presidium => (HolderKind::Presidium, vec![], vec![]),
            queries::Holder::Office => (HolderKind::Office, vec![], vec![]),
            queries::Holder::Units { units } => (
                HolderKind::Units,
                units.iter().map(ToString::to_string).collect(),
                vec![],
            ),
            queries::Holder::Deputies { deputies } => (
                HolderKind::Deputies,
                vec![],
                deputies.iter().map(ToString::to_string).collect(),
            ),
            queries::Holder::Nobody => (HolderKind::Nobody, vec![], vec![]),
        };
        Holder {
            kind,
            units,
            deputies,
        }
    }
}

/// Who owes an obligation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum PartyKind {
    /// 代表工委 (the assigning office).
    Office,
    /// A handling unit (`party_id` is the unit).
    Unit,
    /// A deputy (`party_id` is the deputy).
    Deputy,
}

/// Status of an obligation as of the date asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ObligationStatus {
    /// Done on time.
    Done,
    /// Done after the due date.
    DoneLate,
    /// Open, not yet due soon.
    Open,
    /// Open, due within the profile's due-soon working days.
    DueSoon,
    /// Open past its due date.
    Overdue,
}

impl From<obligations::ObligationStatus> for ObligationStatus {
    fn from(s: obligations::ObligationStatus) -> ObligationStatus {
        match s {
            obligations::ObligationStatus::Done => ObligationStatus::Done,
            obligations::ObligationStatus::DoneLate => ObligationStatus::DoneLate,
            obligations::ObligationStatus::Open => ObligationStatus::Open,
            obligations::ObligationStatus::DueSoon => ObligationStatus::DueSoon,
            obligations::ObligationStatus::Overdue => ObligationStatus::Overdue,
        }
    }
}

/// An obligation (办理时限) as a unit officer, a deputy or the office sees it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ObligationRecord {
    /// Item.
    pub item: String,
    /// Who owes it.
    pub party_kind: PartyKind,
    /// The unit or deputy that owes it (none for the office).
    pub party_id: Option<String>,
    /// Stable kind: `first_contact`, `co_opinion`, `reply`, `follow_up_reply`, `feedback`,
    /// `reassignment`, `commitment`, …
    pub kind: String,
    /// The commitment's index on the item, for `commitment`.
    pub commitment_index: Option<i32>,
    /// Chinese label of the kind, e.g. `答复`.
    pub label_zh: String,
    /// 起算日: the date the window counts from, ISO.
    pub anchor: String,
    /// Effective due date (after any approved extension), ISO.
    pub due: String,
    /// The due date before an approved extension, ISO.
    pub original_due: Option<String>,
    /// The hard maximum for replies (代表法 Art 51: 6 months), ISO.
    pub hard_maximum: Option<String>,
    /// Done on, ISO.
    pub done_on: Option<String>,
    /// Status as of the date asked.
    pub status: ObligationStatus,
    /// Working days from the date asked to the due date; negative when overdue, 0 when done.
    pub working_days_left: i64,
    /// How the due date was computed, in Chinese (holidays skipped, 调休 days counted).
    pub explanation_zh: String,
    /// The same in English.
    pub explanation_en: String,
}

impl From<obligations::Obligation> for ObligationRecord {
    fn from(o: obligations::Obligation) -> ObligationRecord {
        let (party_kind, party_id) = match &o.party {
            Party::Office => (PartyKind::Office, None),
            Party::Unit { id } => (PartyKind::Unit, Some(id.to_string())),
            Party::Deputy { id } => (PartyKind::Deputy, Some(id.to_string())),
        };
        let commitment_index = match o.kind {
            DutyKind::Commitment { index } => Some(i32::try_from(index).unwrap_or(i32::MAX)),
            DutyKind::RecessAssignment
            | DutyKind::Reassignment
            | DutyKind::FirstContact
            | DutyKind::CoOpinion
            | DutyKind::CoOpinionRedo
            | DutyKind::Reply { .. }
            | DutyKind::Feedback => None,
        };
        let deadline = &o.due.deadline;
        ObligationRecord {
            item: o.item.to_string(),
            party_kind,
            party_id,
            kind: o.kind.as_str().to_owned(),
            commitment_index,
            label_zh: o.label_zh.clone(),
            anchor: iso(deadline.anchor),
            due: iso(deadline.due),
            original_due: o.due.original_due.map(iso),
            hard_maximum: o.due.hard_maximum.map(iso),
            done_on: o.done_on.map(iso),
            status: o.status.into(),
            working_days_left: o.working_days_left,
            explanation_zh: deadline.explain_zh(),
            explanation_en: deadline.explain_en(),
        }
    }
}

/// A year's work list (年度办理清单): new items and rolled-over items kept apart.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct WorkList {
    /// Work year.
    pub year: i32,
    /// This year's new suggestions.
    pub new_items: Vec<String>,
    /// Earlier years' items rolled into this year.
    pub rolled_over: Vec<String>,
}

impl From<queries::WorkList> for WorkList {
    fn from(w: queries::WorkList) -> WorkList {
        WorkList {
            year: w.year,
            new_items: w.new_items.iter().map(ToString::to_string).collect(),
            rolled_over: w.rolled_over.iter().map(ToString::to_string).collect(),
        }
    }
}

/// 议案 or 建议.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ItemKind {
    /// 议案.
    Motion,
    /// 建议.
    Suggestion,
}

impl From<jianyi_core::ItemKind> for ItemKind {
    fn from(k: jianyi_core::ItemKind) -> ItemKind {
        match k {
            jianyi_core::ItemKind::Motion => ItemKind::Motion,
            jianyi_core::ItemKind::Suggestion => ItemKind::Suggestion,
        }
    }
}

/// Where an item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ItemStatus {
    /// 议案 awaiting the presidium.
    MotionPending,
    /// 议案 decided.
    MotionDecided,
    /// 建议 submitted, not yet registered.
    Submitted,
    /// 已登记, awaiting (re)assignment.
    Registered,
    /// 办理中.
    Handling,
    /// 已答复.
    Replied,
    /// 已办结.
    Closed,
    /// 已撤回.
    Withdrawn,
    /// 不予受理.
    Rejected,
}

impl From<jianyi_core::ItemStatus> for ItemStatus {
    fn from(s: jianyi_core::ItemStatus) -> ItemStatus {
        use jianyi_core::ItemStatus as S;
        match s {
            S::MotionPending => ItemStatus::MotionPending,
            S::MotionDecided => ItemStatus::MotionDecided,
            S::Submitted => ItemStatus::Submitted,
            S::Registered => ItemStatus::Registered,
            S::Handling => ItemStatus::Handling,
            S::Replied => ItemStatus::Replied,
            S::Closed => ItemStatus::Closed,
            S::Withdrawn => ItemStatus::Withdrawn,
            S::Rejected => ItemStatus::Rejected,
        }
    }
}

/// An item in a list: enough to show a row; `Ledger.item_json` has everything.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ItemSummary {
    /// Id.
    pub id: String,
    /// 议案 or 建议.
    pub kind: ItemKind,
    /// Status.
    pub status: ItemStatus,
    /// Work year.
    pub year: i32,
    /// Title.
    pub title: String,
    /// 领衔代表.
    pub lead: String,
    /// 联名代表.
    pub cosigners: Vec<String>,
    /// Topic, once registered.
    pub topic: Option<String>,
    /// Submitted on, ISO.
    pub submitted_on: String,
    /// Latest result class, once replied.
    pub latest_class: Option<String>,
}

impl ItemSummary {
    /// The summary of `it`; its class is read under `results` (least-resolved part).
    pub(crate) fn of(
        it: &jianyi_core::Item,
        results: &jianyi_core::profile::ResultRules,
    ) -> ItemSummary {
        ItemSummary {
            id: it.id.to_string(),
            kind: it.kind.into(),
            status: it.status.into(),
            year: it.year,
            title: it.text.title.clone(),
            lead: it.lead.to_string(),
            cosigners: it.cosigners.iter().map(ToString::to_string).collect(),
            topic: it.topic.clone(),
            submitted_on: iso(it.submitted_on),
            latest_class: it.latest_class(results).map(str::to_owned),
        }
    }
}

/// What a ledger records about its rules profile.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ProfileInfo {
    /// Profile id, e.g. `seed-city`.
    pub id: String,
    /// Profile version.
    pub version: String,
    /// `sha256:` + hex digest of the canonical JSON.
    pub hash: String,
}

impl From<jianyi_core::ProfileRef> for ProfileInfo {
    fn from(r: jianyi_core::ProfileRef) -> ProfileInfo {
        ProfileInfo {
            id: r.id,
            version: r.version,
            hash: r.hash,
        }
    }
}

/// 期限单位: the unit of a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum WindowUnit {
    /// 自然日: every day counts.
    CalendarDays,
    /// 工作日 on the official calendar, 调休 included.
    WorkingDays,
    /// 月 by the Civil Code.
    Months,
}

impl From<WindowUnit> for calendar::WindowUnit {
    fn from(u: WindowUnit) -> calendar::WindowUnit {
        match u {
            WindowUnit::CalendarDays => calendar::WindowUnit::CalendarDays,
            WindowUnit::WorkingDays => calendar::WindowUnit::WorkingDays,
            WindowUnit::Months => calendar::WindowUnit::Months,
        }
    }
}

impl From<calendar::WindowUnit> for WindowUnit {
    fn from(u: calendar::WindowUnit) -> WindowUnit {
        match u {
            calendar::WindowUnit::CalendarDays => WindowUnit::CalendarDays,
            calendar::WindowUnit::WorkingDays => WindowUnit::WorkingDays,
            calendar::WindowUnit::Months => WindowUnit::Months,
        }
    }
}

/// 日期类型: the kind of a day on the official calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum DayKind {
    /// 工作日: Monday–Friday, not a holiday.
    Workday,
    /// 休息日: an ordinary weekend day.
    Weekend,
    /// 法定节假日 / 放假.
    Holiday,
    /// 调休上班: a Saturday or Sunday that is a working day.
    AdjustedWorkday,
}

impl From<calendar::DayKind> for DayKind {
    fn from(k: calendar::DayKind) -> DayKind {
        match k {
            calendar::DayKind::Workday => DayKind::Workday,
            calendar::DayKind::Weekend => DayKind::Weekend,
            calendar::DayKind::Holiday => DayKind::Holiday,
            calendar::DayKind::AdjustedWorkday => DayKind::AdjustedWorkday,
        }
    }
}

/// A due date that explains itself.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Deadline {
    /// 起算日, ISO (not itself counted).
    pub anchor: String,
    /// Amount of units.
    pub amount: i32,
    /// Unit.
    pub unit: WindowUnit,
    /// 届满日, ISO.
    pub due: String,
    /// Official holidays skipped, ISO.
    pub holidays_skipped: Vec<String>,
    /// Ordinary weekend days not counted or jumped over.
    pub weekend_days_skipped: i32,
    /// 调休 working weekends counted, ISO.
    pub adjusted_workdays_counted: Vec<String>,
    /// The end before the Civil Code Art 203 roll-forward, ISO.
    pub rolled_forward_from: Option<String>,
    /// Calendar version used, e.g. `cn-2026.1`.
    pub calendar_version: String,
    /// The explanation in Chinese.
    pub explanation_zh: String,
    /// The explanation in English.
    pub explanation_en: String,
}

impl From<calendar::Deadline> for Deadline {
    fn from(d: calendar::Deadline) -> Deadline {
        Deadline {
            anchor: iso(d.anchor),
            amount: i32::try_from(d.window.amount).unwrap_or(i32::MAX),
            unit: d.window.unit.into(),
            due: iso(d.due),
            holidays_skipped: d.holidays_skipped.iter().copied().map(iso).collect(),
            weekend_days_skipped: i32::try_from(d.weekend_days_skipped).unwrap_or(i32::MAX),
            adjusted_workdays_counted: d
                .adjusted_workdays_counted
                .iter()
                .copied()
                .map(iso)
                .collect(),
            rolled_forward_from: d.rolled_forward_from.map(iso),
            calendar_version: d.calendar_version.clone(),
            explanation_zh: d.explain_zh(),
            explanation_en: d.explain_en(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_ids_are_validated_with_core_codes() {
        assert_eq!(iso(parse_date("date", "2022-04-12").unwrap()), "2022-04-12");
        let e = parse_date("as_of", "2022-13-01").unwrap_err();
        assert_eq!(e.code(), "input.malformed");
        assert!(e.to_string().contains("as_of"), "{e}");
        let e = parse_id::<jianyi_core::ItemId>("J 1").unwrap_err();
        assert_eq!(e.code(), "input.invalid_id");
    }
}

//! 办理时限 (obligations and their status as of a date, SPEC §3).
//!
//! A [`Duty`] holds only its anchor; the window comes from the profile and the due date
//! from the calendar in force when asked, so loading a newer calendar moves every open
//! obligation. Every due date carries its explanation ([`Deadline`]).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, CalendarError, Deadline, Window, WindowUnit};
use crate::id::ItemId;
use crate::item::{Duty, DutyKind, Item, Party};
use crate::profile::Profile;
use crate::vocab::ReplyRound;

/// The window the profile sets for a duty kind (`None` for fixed-date commitments).
pub fn window_for(profile: &Profile, kind: DutyKind) -> Option<Window> {
    Some(match kind {
        DutyKind::RecessAssignment => profile.intake.recess_assign_within,
        DutyKind::Reassignment => profile.assignment.reassign_within,
        DutyKind::FirstContact => profile.handling.first_contact_within,
        DutyKind::CoOpinion => profile.handling.co_opinion_within,
        DutyKind::CoOpinionRedo => profile.handling.co_opinion_redo_within,
        DutyKind::Reply { round } => match round {
            ReplyRound::First | ReplyRound::Rollover => profile.handling.reply_deadline,
            ReplyRound::FollowUp => profile.follow_up.deadline,
            ReplyRound::Rehandle => profile.rehandle.deadline,
        },
        DutyKind::Feedback => profile.feedback.window,
        DutyKind::Commitment { .. } => return None,
    })
}

/// A duty's due date with its explanation, extension and hard maximum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DutyDue {
    /// The deadline; `deadline.due` is the effective due date (after any extension).
    pub deadline: Deadline,
    /// The due date before the extension, when one was granted.
    pub original_due: Option<NaiveDate>,
    /// The hard maximum (代表法 Art 51: 6 months from 交办) for reply duties.
    pub hard_maximum: Option<NaiveDate>,
}

/// Compute a duty's due date under `profile` and `calendar`.
///
/// # Errors
/// `calendar.out_of_range` when the dates leave the calendar's years.
pub fn duty_due(
    profile: &Profile,
    calendar: &Calendar,
    duty: &Duty,
) -> Result<DutyDue, CalendarError> {
    let mut due = effective_due(profile, calendar, duty)?;
    if let (DutyKind::Reply { .. }, Some(_)) = (duty.kind, window_for(profile, duty.kind)) {
        let roll = profile.calendar.holiday_roll_forward;
        let max = profile.handling.extension.hard_maximum;
        due.hard_maximum = Some(calendar.due_date(duty.anchor, max, roll)?.due);
    }
    Ok(due)
}

/// The effective due date, explained, without the hard maximum (which only reply duties
/// carry and only an explanation needs).
fn effective_due(
    profile: &Profile,
    calendar: &Calendar,
    duty: &Duty,
) -> Result<DutyDue, CalendarError> {
    let roll = profile.calendar.holiday_roll_forward;
    let Some(window) = window_for(profile, duty.kind) else {
        let due = duty.fixed_due.unwrap_or(duty.anchor);
        let days = u32::try_from(due.signed_duration_since(duty.anchor).num_days()).unwrap_or(0);
        let mut deadline = calendar.due_date(
            duty.anchor,
            Window {
                amount: days,
                unit: WindowUnit::CalendarDays,
            },
            false,
        )?;
        deadline.due = due;
        return Ok(DutyDue {
            deadline,
            original_due: None,
            hard_maximum: None,
        });
    };
    let mut deadline = calendar.due_date(duty.anchor, window, roll)?;
    let (due, original_due) = extended(deadline.due, duty);
    deadline.due = due;
    Ok(DutyDue {
        deadline,
        original_due,
        hard_maximum: None,
    })
}

/// The effective due date alone ([`effective_due`]'s `deadline.due`), for passes over every
/// duty of a ledger.
fn effective_due_day(
    profile: &Profile,
    calendar: &Calendar,
    duty: &Duty,
) -> Result<NaiveDate, CalendarError> {
    let Some(window) = window_for(profile, duty.kind) else {
        return Ok(duty.fixed_due.unwrap_or(duty.anchor));
    };
    let due = calendar.due_day(duty.anchor, window, profile.calendar.holiday_roll_forward)?;
    Ok(extended(due, duty).0)
}

/// The due date after `duty`'s extension (延期), if one was granted past `due`, with the
/// due date it replaced.
fn extended(due: NaiveDate, duty: &Duty) -> (NaiveDate, Option<NaiveDate>) {
    match duty.extended_until {
        Some(until) if until > due => (until, Some(due)),
        _ => (due, None),
    }
}

/// Status of an obligation as of a date (SPEC §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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

impl ObligationStatus {
    /// Still owed.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            ObligationStatus::Open | ObligationStatus::DueSoon | ObligationStatus::Overdue
        )
    }
}

/// An obligation as a unit officer, a deputy or the office sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Obligation {
    /// Item.
    pub item: ItemId,
    /// Who owes it.
    pub party: Party,
    /// What.
    pub kind: DutyKind,
    /// Chinese label of the kind.
    pub label_zh: String,
    /// Due date, explained.
    pub due: DutyDue,
    /// Done on.
    pub done_on: Option<NaiveDate>,
    /// Status as of the date asked.
    pub status: ObligationStatus,
    /// Working days from the date asked to the due date (negative when overdue).
    pub working_days_left: i64,
}

/// Done after the due date (a duty done on its due date is on time).
fn is_late(done: NaiveDate, due: NaiveDate) -> bool {
    done > due
}

/// Whether a done duty was done late (`None` while it is still owed): independent of the
/// day asked, so statistics can count it once (`crate::tally`).
///
/// # Errors
/// `calendar.out_of_range`.
pub fn done_late(
    profile: &Profile,
    calendar: &Calendar,
    duty: &Duty,
) -> Result<Option<bool>, CalendarError> {
    let Some(done) = duty.done_on else {
        return Ok(None);
    };
    // INVARIANT: the hard maximum `duty_due` adds does not move the effective due date.
    let due = effective_due_day(profile, calendar, duty)?;
    Ok(Some(is_late(done, due)))
}

/// Every live (not cancelled) obligation of an item, with its status as of `as_of`.
///
/// # Errors
/// `calendar.out_of_range`.
pub fn item_obligations(
    profile: &Profile,
    calendar: &Calendar,
    item: &Item,
    as_of: NaiveDate,
) -> Result<Vec<Obligation>, CalendarError> {
    item.duties
        .iter()
        .filter(|d| d.cancelled_on.is_none())
        .map(|d| obligation(profile, calendar, item, d, as_of))
        .collect()
}

/// A duty's status as of `as_of`, given its effective due date `due_on`.
fn status_as_of(
    profile: &Profile,
    calendar: &Calendar,
    duty: &Duty,
    due_on: NaiveDate,
    as_of: NaiveDate,
) -> Result<ObligationStatus, CalendarError> {
    Ok(match duty.done_on {
        Some(done) if is_late(done, due_on) => ObligationStatus::DoneLate,
        Some(_) => ObligationStatus::Done,
        None if as_of > due_on => ObligationStatus::Overdue,
        None => {
            let left = calendar.working_days_between(as_of, due_on)?;
            if left <= i64::from(profile.calendar.due_soon_working_days) {
                ObligationStatus::DueSoon
            } else {
                ObligationStatus::Open
            }
        }
    })
}

/// A duty's status as of `as_of`: what an [`Obligation`] says of it, without the
/// explanation and copies an `Obligation` carries (whole-ledger passes such as the unit
/// assessment keep one per duty of a million items).
///
/// # Errors
/// `calendar.out_of_range`.
pub(crate) fn duty_status(
    profile: &Profile,
    calendar: &Calendar,
    duty: &Duty,
    as_of: NaiveDate,
) -> Result<ObligationStatus, CalendarError> {
    let due_on = effective_due_day(profile, calendar, duty)?;
    status_as_of(profile, calendar, duty, due_on, as_of)
}

fn obligation(
    profile: &Profile,
    calendar: &Calendar,
    item: &Item,
    duty: &Duty,
    as_of: NaiveDate,
) -> Result<Obligation, CalendarError> {
    let due = duty_due(profile, calendar, duty)?;
    let due_on = due.deadline.due;
    let status = status_as_of(profile, calendar, duty, due_on, as_of)?;
    let working_days_left = if duty.done_on.is_some() {
        0
    } else {
        calendar.working_days_between(as_of, due_on)?
    };
    Ok(Obligation {
        item: item.id.clone(),
        party: duty.party.clone(),
        kind: duty.kind,
        label_zh: duty.kind.label_zh().to_owned(),
        due,
        done_on: duty.done_on,
        status,
        working_days_left,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_due_day_alone_is_the_explained_due_date() {
        let ledger =
            crate::generator::generate(&crate::generator::GeneratorConfig::scaled(40, 3)).unwrap();
        let (profile, calendar) = (ledger.profile(), &ledger.calendar);
        let mut extended_duties = 0;
        for item in ledger.items().values() {
            for duty in &item.duties {
                let explained = effective_due(profile, calendar, duty).map(|d| d.deadline.due);
                assert_eq!(effective_due_day(profile, calendar, duty), explained);
                let mut longer = duty.clone();
                longer.extended_until = Some(duty.anchor + chrono::Days::new(200));
                let explained = effective_due(profile, calendar, &longer).unwrap();
                assert_eq!(
                    effective_due_day(profile, calendar, &longer).unwrap(),
                    explained.deadline.due
                );
                extended_duties += usize::from(explained.original_due.is_some());
            }
        }
        assert!(extended_duties > 0);
    }

    #[test]
    fn every_duty_kind_but_commitment_has_a_window() {
        let p = Profile::default();
        for kind in [
            DutyKind::RecessAssignment,
            DutyKind::Reassignment,
            DutyKind::FirstContact,
            DutyKind::CoOpinion,
            DutyKind::CoOpinionRedo,
            DutyKind::Reply {
                round: ReplyRound::First,
            },
            DutyKind::Reply {
                round: ReplyRound::FollowUp,
            },
            DutyKind::Reply {
                round: ReplyRound::Rehandle,
            },
            DutyKind::Reply {
                round: ReplyRound::Rollover,
            },
            DutyKind::Feedback,
        ] {
            assert!(window_for(&p, kind).is_some(), "{kind:?}");
        }
        assert!(window_for(&p, DutyKind::Commitment { index: 0 }).is_none());
    }
}

//! `decide`: a command against the ledger → the facts to record, or a typed refusal.
//!
//! Pure: reads the ledger, never changes it. Checks run in a fixed order so that the same
//! bad command always gets the same code: authorization table → input sizes → the item
//! exists and the date is not before its latest fact → the stage's own rules.

mod assign;
mod directory;
mod evaluate;
mod feedback;
mod followup;
mod handle;
mod submit;
mod supervision;

use chrono::NaiveDate;

use crate::actor::Actor;
use crate::calendar::Window;
use crate::command::{Action, Command, ItemText};
use crate::error::{CommandError, InputError};
use crate::event::Fact;
use crate::id::{ItemId, UnitId};
use crate::item::{Handler, Item, ItemStatus};
use crate::ledger::Ledger;

/// Decide `command` against `ledger`.
///
/// # Errors
/// A [`CommandError`]; its `code()` is stable.
pub fn decide(ledger: &Ledger, command: &Command) -> Result<Vec<Fact>, CommandError> {
    let kind = command.action.kind();
    let role = command.actor.role();
    if !ledger.profile.allows(kind, role) {
        return Err(CommandError::RoleNotAllowed { action: kind, role });
    }
    let cx = Cx { ledger, command };
    if let Some(id) = command.action.item() {
        if let Some(item) = ledger.items.get(id) {
            if command.on < item.last_on {
                return Err(CommandError::DateOutOfOrder {
                    item: id.clone(),
                    on: command.on,
                    latest: item.last_on,
                });
            }
        }
    }
    match &command.action {
        Action::RegisterSession { .. }
        | Action::RegisterDeputy { .. }
        | Action::RegisterDelegation { .. }
        | Action::RegisterUnit { .. }
        | Action::RegisterCommittee { .. }
        | Action::RegisterLeader { .. } => directory::decide(&cx),
        Action::SubmitMotion { .. }
        | Action::DecideMotion { .. }
        | Action::SubmitSuggestion { .. }
        | Action::Withdraw { .. }
        | Action::Reject { .. } => submit::decide(&cx),
        Action::Register { .. }
        | Action::PreAssign { .. }
        | Action::RaiseDispute { .. }
        | Action::SettleDispute { .. }
        | Action::Assign { .. }
        | Action::RequestReturn { .. }
        | Action::DecideReturn { .. }
        | Action::Reassign { .. } => assign::decide(&cx),
        Action::RecordContact { .. }
        | Action::SendCoOpinion { .. }
        | Action::ReturnCoOpinion { .. }
        | Action::RequestExtension { .. }
        | Action::DecideExtension { .. }
        | Action::IssueReply { .. } => handle::decide(&cx),
        Action::GiveFeedback { .. }
        | Action::LapseFeedback { .. }
        | Action::DecideReopen { .. } => feedback::decide(&cx),
        Action::RequestFollowUp { .. }
        | Action::FulfilCommitment { .. }
        | Action::Rollover { .. }
        | Action::LookBack { .. }
        | Action::Close { .. } => followup::decide(&cx),
        Action::SelectKeyItem { .. }
        | Action::AssignLeaderLed { .. }
        | Action::LogSupervisionActivity { .. } => supervision::decide(&cx),
        Action::RequestEvaluation { .. }
        | Action::RecommendForEvaluation { .. }
        | Action::SelectForEvaluation { .. }
        | Action::DeployEvaluation { .. }
        | Action::ConcludeEvaluation { .. }
        | Action::RecordAssessmentScore { .. }
        | Action::HonourExcellence { .. } => evaluate::decide(&cx),
    }
}

/// What every stage's decider reads.
struct Cx<'a> {
    ledger: &'a Ledger,
    command: &'a Command,
}

impl<'a> Cx<'a> {
    fn on(&self) -> NaiveDate {
        self.command.on
    }

    /// Whether the command's source (an imported row) does not know `fact`: a check that
    /// rests on it cannot be made and is not (`crate::provenance`).
    fn unknown(&self, fact: crate::provenance::Unknown) -> bool {
        self.command
            .source
            .as_ref()
            .is_some_and(|s| s.is_unknown(fact))
    }

    fn item(&self, id: &ItemId) -> Result<&'a Item, CommandError> {
        self.ledger
            .items
            .get(id)
            .map(|it| &**it)
            .ok_or_else(|| CommandError::UnknownItem { item: id.clone() })
    }

    fn wrong_state(&self, item: &Item) -> CommandError {
        CommandError::WrongState {
            item: item.id.clone(),
            action: self.command.action.kind(),
            state: item.status.as_str(),
        }
    }

    /// The item, which must be a suggestion in one of `states`.
    fn suggestion_in(&self, id: &ItemId, states: &[ItemStatus]) -> Result<&'a Item, CommandError> {
        let item = self.item(id)?;
        if item.kind != crate::vocab::ItemKind::Suggestion {
            return Err(CommandError::WrongKind {
                item: id.clone(),
                expected: "suggestion",
            });
        }
        if !states.contains(&item.status) {
            return Err(self.wrong_state(item));
        }
        Ok(item)
    }

    /// The acting unit and its handler record on `item`.
    fn acting_unit(&self, item: &'a Item) -> Result<(&'a UnitId, &'a Handler), CommandError> {
        let Actor::Unit { id } = &self.command.actor else {
            return Err(CommandError::RoleNotAllowed {
                action: self.command.action.kind(),
                role: self.command.actor.role(),
            });
        };
        item.handlers
            .get_key_value(id)
            .ok_or_else(|| CommandError::UnitNotAssigned {
                item: item.id.clone(),
                unit: id.clone(),
            })
    }

    fn unit_known(&self, unit: &UnitId) -> Result<(), CommandError> {
        if self.ledger.directory.units.contains_key(unit) {
            Ok(())
        } else {
            Err(CommandError::UnknownEntry {
                kind: "unit",
                id: unit.to_string(),
            })
        }
    }

    /// The due date of a window from `anchor` under the ledger's calendar.
    fn due(&self, anchor: NaiveDate, window: Window) -> Result<NaiveDate, CommandError> {
        let roll = self.ledger.profile.calendar.holiday_roll_forward;
        Ok(self.ledger.calendar.due_date(anchor, window, roll)?.due)
    }

    fn check_text(field: &'static str, text: &str, limit: u32) -> Result<(), CommandError> {
        let n = text.chars().count();
        if usize::try_from(limit).is_ok_and(|l| n > l) {
            return Err(InputError::OversizedText {
                field,
                limit,
                actual: n,
            }
            .into());
        }
        Ok(())
    }

    fn check_item_text(&self, text: &ItemText) -> Result<(), CommandError> {
        if text.title.trim().is_empty() {
            return Err(InputError::EmptyText {
                field: "text.title",
            }
            .into());
        }
        let limits = &self.ledger.profile.limits;
        Self::check_text("text.title", &text.title, limits.max_title_chars)?;
        Self::check_text("text.body", &text.body, limits.max_text_chars)
    }
}

/// The dispatcher above sends each action to its stage; a stage seeing another stage's
/// action is a bug, answered with an error rather than a panic.
fn not_this_stage(cx: &Cx<'_>) -> CommandError {
    CommandError::Input(InputError::Malformed {
        what: "command",
        reason: format!("`{}` reached the wrong stage", cx.command.action.kind()),
    })
}

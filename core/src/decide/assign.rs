//! 交 (assign): registration, pre-assignment rounds, routing disputes (疑难件),
//! assignment, return requests and reassignment (RULES.md §2–§3).

use std::collections::BTreeSet;

use crate::command::Action;
use crate::error::CommandError;
use crate::event::Fact;
use crate::id::ItemId;
use crate::item::{Item, ItemStatus};
use crate::profile::ReturnAnchor;
use crate::vocab::{AssignmentPlan, HandlingMode};

use super::Cx;

/// 件件有去处: every plan names at least one lead; a unit appears once; co-handlers only
/// in lead-with-co and joint modes; a joint assignment needs two leads (RULES.md §3.2).
fn check_plan(cx: &Cx<'_>, item: &ItemId, plan: &AssignmentPlan) -> Result<(), CommandError> {
    if plan.leads.is_empty() {
        return Err(CommandError::NoLeadUnit { item: item.clone() });
    }
    let mut seen = BTreeSet::new();
    for u in plan.leads.iter().chain(&plan.co) {
        cx.unit_known(u)?;
        if !seen.insert(u) {
            return Err(CommandError::InvalidPlan {
                item: item.clone(),
                reason: format!("unit `{u}` is named twice"),
            });
        }
    }
    match plan.mode {
        HandlingMode::Split if !plan.co.is_empty() => Err(CommandError::InvalidPlan {
            item: item.clone(),
            reason: "a split assignment has no co-handlers; each unit handles its part".to_owned(),
        }),
        HandlingMode::Joint if plan.leads.len() < 2 => Err(CommandError::InvalidPlan {
            item: item.clone(),
            reason: "a joint assignment needs at least two lead units".to_owned(),
        }),
        _ => Ok(()),
    }
}

fn dispute_open(item: &Item) -> bool {
    item.dispute.as_ref().is_some_and(|d| d.settled.is_none())
}

fn register(
    cx: &Cx<'_>,
    item: &ItemId,
    topic: &str,
    group: Option<&crate::id::MergeGroupId>,
) -> Result<Vec<Fact>, CommandError> {
    cx.suggestion_in(item, &[ItemStatus::Submitted])?;
    if !cx
        .ledger
        .profile
        .intake
        .topics
        .iter()
        .any(|t| t.id == topic)
    {
        return Err(CommandError::UnknownTopic {
            topic: topic.to_owned(),
        });
    }
    Ok(vec![Fact::Registered {
        item: item.clone(),
        topic: topic.to_owned(),
        merge_group: group.cloned(),
    }])
}

fn request_return(cx: &Cx<'_>, item: &ItemId, reason: &str) -> Result<Vec<Fact>, CommandError> {
    let it = cx.suggestion_in(item, &[ItemStatus::Handling])?;
    let (unit, handler) = cx.acting_unit(it)?;
    Cx::check_text("reason", reason, cx.ledger.profile.limits.max_text_chars)?;
    if handler.return_requested_on.is_some() {
        return Err(CommandError::ReturnPending {
            item: item.clone(),
            unit: unit.clone(),
        });
    }
    if it.replies.iter().any(|r| &r.unit == unit) {
        return Err(cx.wrong_state(it));
    }
    // 申请调整时限 (Shanghai Art 14: 7 working days from receipt; Chongqing Art 16: 10
    // working days from 交办). Late: refused when the profile says so (Yulin).
    let rules = &cx.ledger.profile.assignment;
    let anchor = match rules.return_anchor {
        ReturnAnchor::Receipt => handler.received_on,
        ReturnAnchor::Assignment => it
            .current_assignment()
            .map_or(handler.received_on, |a| a.on),
    };
    let closes = cx.due(anchor, rules.return_window)?;
    if rules.late_return_refused && cx.on() > closes {
        return Err(CommandError::ReturnWindowClosed {
            item: item.clone(),
            unit: unit.clone(),
            closed_on: closes,
        });
    }
    Ok(vec![Fact::ReturnRequested {
        item: item.clone(),
        unit: unit.clone(),
        reason: reason.to_owned(),
    }])
}

pub(super) fn decide(cx: &Cx<'_>) -> Result<Vec<Fact>, CommandError> {
    match &cx.command.action {
        Action::Register {
            item,
            topic,
            merge_group,
        } => register(cx, item, topic, merge_group.as_ref()),
        Action::PreAssign { item, units } => {
            let it = cx.suggestion_in(item, &[ItemStatus::Submitted, ItemStatus::Registered])?;
            if units.is_empty() {
                return Err(CommandError::NoLeadUnit { item: item.clone() });
            }
            for u in units {
                cx.unit_known(u)?;
            }
            let max = cx.ledger.profile.assignment.max_pre_assignment_rounds;
            let done = u32::try_from(it.pre_assignments.len()).unwrap_or(u32::MAX);
            if done >= max {
                return Err(CommandError::TooManyRounds {
                    item: item.clone(),
                    max,
                });
            }
            Ok(vec![Fact::PreAssigned {
                item: item.clone(),
                round: done.saturating_add(1),
                units: units.clone(),
            }])
        }
        Action::RaiseDispute { item, reason } => {
            let it = cx.suggestion_in(
                item,
                &[
                    ItemStatus::Submitted,
                    ItemStatus::Registered,
                    ItemStatus::Handling,
                ],
            )?;
            Cx::check_text("reason", reason, cx.ledger.profile.limits.max_text_chars)?;
            if cx.command.actor.role() == crate::actor::ActorRole::Unit {
                cx.acting_unit(it)?;
            }
            if dispute_open(it) {
                return Err(cx.wrong_state(it));
            }
            Ok(vec![Fact::DisputeRaised {
                item: item.clone(),
                reason: reason.clone(),
            }])
        }
        Action::SettleDispute { item, step, plan } => {
            let it = cx.suggestion_in(
                item,
                &[
                    ItemStatus::Submitted,
                    ItemStatus::Registered,
                    ItemStatus::Handling,
                ],
            )?;
            if !dispute_open(it) {
                return Err(CommandError::NoDispute { item: item.clone() });
            }
            if it.status == ItemStatus::Submitted {
                return Err(cx.wrong_state(it));
            }
            check_plan(cx, item, plan)?;
            // The ruling binds: the units "遵照办理" (RULES.md §2.4). A contested existing
            // assignment stays binding until this ruling replaces it.
            Ok(vec![
                Fact::DisputeSettled {
                    item: item.clone(),
                    step: *step,
                },
                Fact::Assigned {
                    item: item.clone(),
                    plan: plan.clone(),
                    reassignment: !it.assignments.is_empty(),
                },
            ])
        }
        Action::Assign { item, plan } => {
            let it = cx.suggestion_in(item, &[ItemStatus::Registered])?;
            if !it.assignments.is_empty() {
                return Err(cx.wrong_state(it));
            }
            if dispute_open(it) {
                return Err(CommandError::DisputeOpen { item: item.clone() });
            }
            check_plan(cx, item, plan)?;
            Ok(vec![Fact::Assigned {
                item: item.clone(),
                plan: plan.clone(),
                reassignment: false,
            }])
        }
        Action::RequestReturn { item, reason } => request_return(cx, item, reason),
        Action::DecideReturn {
            item,
            unit,
            approved,
        } => {
            let it = cx.suggestion_in(item, &[ItemStatus::Handling])?;
            let pending = it
                .handlers
                .get(unit)
                .is_some_and(|h| h.return_requested_on.is_some());
            if !pending {
                return Err(CommandError::NoReturnRequest {
                    item: item.clone(),
                    unit: unit.clone(),
                });
            }
            Ok(vec![Fact::ReturnDecided {
                item: item.clone(),
                unit: unit.clone(),
                approved: *approved,
            }])
        }
        Action::Reassign { item, plan } => {
            // After an approved return (the item is back with the office), or ex officio
            // before any reply; history is kept and the reply clock restarts per profile.
            let it = cx.suggestion_in(item, &[ItemStatus::Registered, ItemStatus::Handling])?;
            if it.assignments.is_empty() || !it.replies.is_empty() {
                return Err(cx.wrong_state(it));
            }
            if dispute_open(it) {
                return Err(CommandError::DisputeOpen { item: item.clone() });
            }
            check_plan(cx, item, plan)?;
            Ok(vec![Fact::Assigned {
                item: item.clone(),
                plan: plan.clone(),
                reassignment: true,
            }])
        }
        _ => Err(super::not_this_stage(cx)),
    }
}

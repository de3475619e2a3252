//! 办 (handle): contacts, co-handler opinions, extensions and replies (RULES.md §4–§5).

use crate::command::Action;
use crate::error::CommandError;
use crate::event::Fact;
use crate::id::ItemId;
use crate::item::{HandlerRole, ItemStatus};
use crate::obligations::duty_due;
use crate::profile::ResultMeaning;
use crate::provenance::Unknown;
use crate::vocab::HandlingMode;

use super::Cx;

fn reply(cx: &Cx<'_>, item: &ItemId) -> Result<Vec<Fact>, CommandError> {
    let Action::IssueReply {
        class,
        promised_by,
        signed_by_head,
        copied_to,
        leader_reviewed,
        ..
    } = &cx.command.action
    else {
        return Err(super::not_this_stage(cx));
    };
    let it = cx.suggestion_in(item, &[ItemStatus::Handling, ItemStatus::Replied])?;
    let (unit, handler) = cx.acting_unit(it)?;
    let mode = it.current_assignment().map(|a| a.plan.mode);
    // 协办单位不直接答复代表 (RULES.md §3.2): only leads reply, except in split mode
    // where every unit is a lead for its own part.
    if handler.role == HandlerRole::Co && mode != Some(HandlingMode::Split) {
        return Err(CommandError::CoHandlerCannotReply {
            item: item.clone(),
            unit: unit.clone(),
        });
    }
    let duty = it
        .open_reply_duty(unit)
        .ok_or_else(|| CommandError::ReplyNotDue {
            item: item.clone(),
            unit: unit.clone(),
        })?;
    let crate::item::DutyKind::Reply { round } = duty.kind else {
        return Err(CommandError::ReplyNotDue {
            item: item.clone(),
            unit: unit.clone(),
        });
    };
    let profile = &cx.ledger.profile;
    // 答复前须与代表沟通 (代表法 Art 51; RULES.md §4.2; profile flag).
    // INVARIANT: an imported reply whose source does not know the contact is not refused
    // for it; the item then counts as "contact unknown", never as contacted.
    if profile.handling.contact_required_before_reply
        && !handler.contacted
        && !cx.unknown(Unknown::Contact)
    {
        return Err(CommandError::ContactRequired {
            item: item.clone(),
            unit: unit.clone(),
        });
    }
    let def = profile
        .class(class)
        .ok_or_else(|| CommandError::UnknownClass {
            class: class.clone(),
        })?;
    if def.needs_promised_date && promised_by.is_none() && !cx.unknown(Unknown::Promise) {
        return Err(CommandError::PromisedDateRequired {
            class: class.clone(),
        });
    }
    if let Some(p) = promised_by {
        if *p < cx.on() {
            return Err(CommandError::PromisedDateInPast {
                promised_by: *p,
                on: cx.on(),
            });
        }
    }
    for c in copied_to {
        Cx::check_text("copied_to", c, profile.limits.max_title_chars)?;
    }
    let mut facts = vec![Fact::ReplyIssued {
        item: item.clone(),
        unit: unit.clone(),
        round,
        class: class.clone(),
        promised_by: *promised_by,
        signed_by_head: *signed_by_head,
        copied_to: copied_to.clone(),
        leader_reviewed: *leader_reviewed,
    }];
    // A resolved reply fulfils the unit's open commitments (RULES.md §7, Shanghai Art 22).
    if def.meaning == ResultMeaning::Resolved {
        for (i, c) in it.commitments.iter().enumerate() {
            if &c.unit == unit && c.fulfilled_on.is_none() {
                facts.push(Fact::CommitmentFulfilled {
                    item: item.clone(),
                    index: u32::try_from(i).unwrap_or(u32::MAX),
                });
            }
        }
    }
    if def.creates_commitment {
        if let Some(due) = promised_by {
            facts.push(Fact::CommitmentRecorded {
                item: item.clone(),
                unit: unit.clone(),
                index: u32::try_from(it.commitments.len()).unwrap_or(u32::MAX),
                due: *due,
            });
        }
    }
    Ok(facts)
}

fn extension(cx: &Cx<'_>, item: &ItemId) -> Result<Vec<Fact>, CommandError> {
    let Action::RequestExtension { until, reason, .. } = &cx.command.action else {
        return Err(super::not_this_stage(cx));
    };
    let it = cx.suggestion_in(item, &[ItemStatus::Handling])?;
    let (unit, handler) = cx.acting_unit(it)?;
    let duty = it
        .open_reply_duty(unit)
        .ok_or_else(|| CommandError::ReplyNotDue {
            item: item.clone(),
            unit: unit.clone(),
        })?;
    let rules = &cx.ledger.profile.handling.extension;
    if handler.extensions_used >= rules.max_extensions || handler.extension_requested.is_some() {
        return Err(CommandError::ExtensionLimit {
            item: item.clone(),
            unit: unit.clone(),
            max: rules.max_extensions,
        });
    }
    Cx::check_text("reason", reason, cx.ledger.profile.limits.max_text_chars)?;
    let due = duty_due(&cx.ledger.profile, &cx.ledger.calendar, duty)?;
    if *until <= due.deadline.due {
        return Err(CommandError::ExtensionNotLater {
            until: *until,
            due: due.deadline.due,
        });
    }
    // 延期不得超过交办之日起六个月 (代表法 Art 51; Shanghai Art 19).
    if let Some(max) = due.hard_maximum {
        if *until > max {
            return Err(CommandError::ExtensionBeyondMaximum {
                until: *until,
                maximum: max,
            });
        }
    }
    let mut facts = vec![Fact::ExtensionRequested {
        item: item.clone(),
        unit: unit.clone(),
        until: *until,
        reason: reason.clone(),
    }];
    // Chongqing Art 21 writes no approval step: the extension stands at once.
    if !rules.needs_approval {
        facts.push(Fact::ExtensionDecided {
            item: item.clone(),
            unit: unit.clone(),
            approved: true,
        });
    }
    Ok(facts)
}

pub(super) fn decide(cx: &Cx<'_>) -> Result<Vec<Fact>, CommandError> {
    match &cx.command.action {
        Action::RecordContact { item, method } => {
            let it = cx.suggestion_in(item, &[ItemStatus::Handling, ItemStatus::Replied])?;
            let (unit, _) = cx.acting_unit(it)?;
            Ok(vec![Fact::ContactMade {
                item: item.clone(),
                unit: unit.clone(),
                method: *method,
            }])
        }
        Action::SendCoOpinion { item } => {
            let it = cx.suggestion_in(item, &[ItemStatus::Handling])?;
            let (unit, handler) = cx.acting_unit(it)?;
            if handler.role != HandlerRole::Co || handler.co_opinion_sent {
                return Err(CommandError::NotCoHandler {
                    item: item.clone(),
                    unit: unit.clone(),
                });
            }
            Ok(vec![Fact::CoOpinionSent {
                item: item.clone(),
                unit: unit.clone(),
            }])
        }
        Action::ReturnCoOpinion { item, unit } => {
            let it = cx.suggestion_in(item, &[ItemStatus::Handling])?;
            let (_, lead) = cx.acting_unit(it)?;
            if lead.role != HandlerRole::Lead {
                return Err(CommandError::NotCoHandler {
                    item: item.clone(),
                    unit: unit.clone(),
                });
            }
            let sent = it
                .handlers
                .get(unit)
                .is_some_and(|h| h.role == HandlerRole::Co && h.co_opinion_sent);
            if !sent {
                return Err(CommandError::NoCoOpinion {
                    item: item.clone(),
                    unit: unit.clone(),
                });
            }
            Ok(vec![Fact::CoOpinionReturned {
                item: item.clone(),
                unit: unit.clone(),
            }])
        }
        Action::RequestExtension { item, .. } => extension(cx, item),
        Action::DecideExtension {
            item,
            unit,
            approved,
        } => {
            let it = cx.suggestion_in(item, &[ItemStatus::Handling])?;
            let pending = it
                .handlers
                .get(unit)
                .is_some_and(|h| h.extension_requested.is_some());
            if !pending {
                return Err(CommandError::NoExtensionRequest {
                    item: item.clone(),
                    unit: unit.clone(),
                });
            }
            Ok(vec![Fact::ExtensionDecided {
                item: item.clone(),
                unit: unit.clone(),
                approved: *approved,
            }])
        }
        Action::IssueReply { item, .. } => reply(cx, item),
        _ => Err(super::not_this_stage(cx)),
    }
}

//! 评 (feedback): satisfaction ratings, lapse, and the reopen decision (RULES.md §6).

use crate::actor::Actor;
use crate::command::Action;
use crate::error::CommandError;
use crate::event::{Fact, FeedbackGiven};
use crate::id::{DeputyId, ItemId};
use crate::item::{DutyKind, Item, ItemStatus, Party};
use crate::obligations::duty_due;
use crate::profile::FeedbackMeaning;
use crate::provenance::Unknown;

use super::Cx;

/// The deputy the actor rates as: a deputy for themself, a delegation head for the
/// delegation's lead signer (代表团建议 is answered to the delegation, RULES.md §1.2).
fn rater(cx: &Cx<'_>, item: &Item) -> Result<DeputyId, CommandError> {
    match &cx.command.actor {
        Actor::Deputy { id } => Ok(id.clone()),
        Actor::DelegationHead { delegation } if item.delegation.as_ref() == Some(delegation) => {
            Ok(item.lead.clone())
        }
        other => Err(CommandError::NotSigner {
            item: item.id.clone(),
            actor: other.to_string(),
        }),
    }
}

fn give(cx: &Cx<'_>, item: &ItemId) -> Result<Vec<Fact>, CommandError> {
    let Action::GiveFeedback {
        level,
        attitude,
        result,
        comment,
        ..
    } = &cx.command.action
    else {
        return Err(super::not_this_stage(cx));
    };
    let it = cx.suggestion_in(item, &[ItemStatus::Replied, ItemStatus::Handling])?;
    let by = rater(cx, it)?;
    if it.replies.is_empty() {
        return Err(CommandError::NoReplyToRate { item: item.clone() });
    }
    let party = Party::Deputy { id: by.clone() };
    // Only the evaluator rates (Chongqing Art 26: the lead deputy).
    let Some(duty) = it.open_duty(DutyKind::Feedback, &party) else {
        let awaited_from_others = it
            .duties
            .iter()
            .any(|d| d.kind == DutyKind::Feedback && d.is_open());
        if awaited_from_others || !it.signers().any(|s| s == &by) {
            return Err(CommandError::NotEvaluator {
                item: item.clone(),
                deputy: by,
            });
        }
        return Err(CommandError::NoReplyToRate { item: item.clone() });
    };
    let profile = &cx.ledger.profile;
    let def = profile
        .level(level)
        .ok_or_else(|| CommandError::UnknownLevel {
            level: level.clone(),
        })?;
    for extra in [attitude, result].into_iter().flatten() {
        if profile.level(extra).is_none() {
            return Err(CommandError::UnknownLevel {
                level: extra.clone(),
            });
        }
    }
    // 测评时限 (Chongqing Art 27: 20 working days from the reply).
    let due = duty_due(profile, &cx.ledger.calendar, duty)?;
    // An imported rating's date is a stand-in: the window cannot be checked.
    if cx.on() > due.deadline.due && !cx.unknown(Unknown::Date) {
        return Err(CommandError::FeedbackWindowClosed {
            item: item.clone(),
            closed_on: due.deadline.due,
        });
    }
    let dissatisfied = def.meaning == FeedbackMeaning::Dissatisfied;
    let comment = comment.as_ref().filter(|c| !c.trim().is_empty());
    if let Some(c) = comment {
        Cx::check_text("comment", c, profile.limits.max_text_chars)?;
    }
    // 选择不满意的须写明具体意见 (Shanghai Art 21).
    if dissatisfied
        && profile.feedback.comment_required_when_dissatisfied
        && comment.is_none()
        && !cx.unknown(Unknown::Comment)
    {
        return Err(CommandError::CommentRequired {
            item: item.clone(),
            level: level.clone(),
        });
    }
    let mut facts = vec![Fact::FeedbackGiven(Box::new(FeedbackGiven {
        item: item.clone(),
        by,
        level: level.clone(),
        attitude: attitude.clone(),
        result: result.clone(),
        comment: comment.cloned(),
    }))];
    // Where the office does not filter, 不满意 reopens at once (RULES.md §6.3).
    if dissatisfied && !profile.rehandle.decided_by_office {
        facts.push(Fact::ReopenDecided {
            item: item.clone(),
            reopen: true,
        });
    }
    Ok(facts)
}

pub(super) fn decide(cx: &Cx<'_>) -> Result<Vec<Fact>, CommandError> {
    match &cx.command.action {
        Action::GiveFeedback { item, .. } => give(cx, item),
        Action::LapseFeedback { item } => {
            let it = cx.suggestion_in(item, &[ItemStatus::Replied])?;
            let open: Vec<_> = it
                .duties
                .iter()
                .filter(|d| d.kind == DutyKind::Feedback && d.is_open())
                .collect();
            if open.is_empty() {
                return Err(CommandError::NoReplyToRate { item: item.clone() });
            }
            // Silence lapses only after the window and is then excluded from the
            // satisfaction denominators (Chongqing Art 29).
            for d in open {
                let due = duty_due(&cx.ledger.profile, &cx.ledger.calendar, d)?;
                if cx.on() <= due.deadline.due {
                    return Err(CommandError::FeedbackWindowOpen {
                        item: item.clone(),
                        closes_on: due.deadline.due,
                    });
                }
            }
            Ok(vec![Fact::FeedbackLapsed { item: item.clone() }])
        }
        Action::DecideReopen { item, reopen } => {
            let it = cx.item(item)?;
            // An imported reopening whose rating the source does not know (a second reply
            // after a rating the 台账 does not keep) needs no pending rating.
            let pending = it.reopen_pending || cx.unknown(Unknown::EarlierRatings);
            if !pending || it.status.is_final() {
                return Err(CommandError::ReopenNotApplicable { item: item.clone() });
            }
            Ok(vec![Fact::ReopenDecided {
                item: item.clone(),
                reopen: *reopen,
            }])
        }
        _ => Err(super::not_this_stage(cx)),
    }
}

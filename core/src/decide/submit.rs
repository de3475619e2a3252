//! 提 (submit): motions, their conversion, suggestions, withdrawal, rejection
//! (RULES.md §1).

use std::collections::BTreeSet;

use crate::actor::Actor;
use crate::command::{Action, ItemText};
use crate::error::CommandError;
use crate::event::{Fact, MotionSubmitted, SuggestionSubmitted};
use crate::id::{DelegationId, DeputyId, ItemId};
use crate::item::ItemStatus;
use crate::vocab::{ItemKind, MotionDecision, Origin, Period};

use super::Cx;

/// The lead and co-signers must be registered deputies, each once (联名, RULES.md §1.2),
/// and the actor must be the lead deputy or the delegation's head.
fn check_signers(
    cx: &Cx<'_>,
    item: &ItemId,
    lead: &DeputyId,
    cosigners: &[DeputyId],
    delegation: Option<&DelegationId>,
) -> Result<(), CommandError> {
    let dir = &cx.ledger.directory;
    let mut seen = BTreeSet::new();
    for d in std::iter::once(lead).chain(cosigners) {
        if !dir.deputies.contains_key(d) {
            return Err(CommandError::UnknownEntry {
                kind: "deputy",
                id: d.to_string(),
            });
        }
        if !seen.insert(d) {
            return Err(CommandError::DuplicateSigner { deputy: d.clone() });
        }
    }
    if let Some(del) = delegation {
        if !dir.delegations.contains_key(del) {
            return Err(CommandError::UnknownEntry {
                kind: "delegation",
                id: del.to_string(),
            });
        }
    }
    let limit = cx.ledger.profile.limits.max_signers;
    if usize::try_from(limit).is_ok_and(|l| seen.len() > l) {
        return Err(crate::error::InputError::OversizedText {
            field: "cosigners",
            limit,
            actual: seen.len(),
        }
        .into());
    }
    let acts_for = match &cx.command.actor {
        Actor::Deputy { id } => id == lead,
        Actor::DelegationHead { delegation: d } => delegation == Some(d),
        _ => false,
    };
    if !acts_for {
        return Err(CommandError::NotSigner {
            item: item.clone(),
            actor: cx.command.actor.to_string(),
        });
    }
    Ok(())
}

fn motion(
    cx: &Cx<'_>,
    item: &ItemId,
    session: &crate::id::SessionId,
    lead: &DeputyId,
    cosigners: &[DeputyId],
    delegation: Option<&DelegationId>,
    text: &ItemText,
) -> Result<Vec<Fact>, CommandError> {
    if cx.ledger.items.contains_key(item) {
        return Err(CommandError::DuplicateItem { item: item.clone() });
    }
    let s =
        cx.ledger
            .directory
            .sessions
            .get(session)
            .ok_or_else(|| CommandError::UnknownEntry {
                kind: "session",
                id: session.to_string(),
            })?;
    cx.check_item_text(text)?;
    check_signers(cx, item, lead, cosigners, delegation)?;
    // 议案 only during a session, before the deadline the presidium sets (RULES.md §1.1).
    if cx.on() < s.opens || cx.on() > s.closes {
        return Err(CommandError::MotionOutsideSession {
            session: session.to_string(),
            on: cx.on(),
        });
    }
    // 地方组织法 Art 22: 10 or more deputies jointly, or a delegation (profile).
    let rules = &cx.ledger.profile.motion;
    let by_delegation =
        delegation.is_some() && matches!(cx.command.actor, Actor::DelegationHead { .. });
    if by_delegation && !rules.delegation_may_submit {
        return Err(CommandError::DelegationNotAllowed);
    }
    let signers = cosigners.len().saturating_add(1);
    if !by_delegation && usize::try_from(rules.min_signers).is_ok_and(|m| signers < m) {
        return Err(CommandError::TooFewSigners {
            required: rules.min_signers,
            actual: signers,
        });
    }
    Ok(vec![Fact::MotionSubmitted(Box::new(MotionSubmitted {
        item: item.clone(),
        session: session.clone(),
        lead: lead.clone(),
        cosigners: cosigners.to_vec(),
        delegation: delegation.cloned(),
        text: text.clone(),
    }))])
}

fn decide_motion(
    cx: &Cx<'_>,
    item: &ItemId,
    decision: &MotionDecision,
) -> Result<Vec<Fact>, CommandError> {
    let motion = cx.item(item)?;
    if motion.kind != ItemKind::Motion {
        return Err(CommandError::WrongKind {
            item: item.clone(),
            expected: "motion",
        });
    }
    if motion.status != ItemStatus::MotionPending {
        return Err(cx.wrong_state(motion));
    }
    let mut facts = vec![Fact::MotionDecided {
        item: item.clone(),
        decision: decision.clone(),
    }];
    // 议案转建议: the new suggestion keeps the motion's signers, text and session and
    // links back to it; it then follows the suggestion path (RULES.md §1.1).
    if let MotionDecision::ConvertToSuggestion { suggestion } = decision {
        if cx.ledger.items.contains_key(suggestion) {
            return Err(CommandError::DuplicateItem {
                item: suggestion.clone(),
            });
        }
        facts.push(Fact::SuggestionSubmitted(Box::new(SuggestionSubmitted {
            item: suggestion.clone(),
            session: motion.session.clone(),
            period: Period::Session,
            year: motion.year,
            lead: motion.lead.clone(),
            cosigners: motion.cosigners.clone(),
            delegation: motion.delegation.clone(),
            text: motion.text.clone(),
            proposed_unit: None,
            origin: Origin::ConvertedFromMotion {
                motion: item.clone(),
            },
        })));
    }
    Ok(facts)
}

fn suggestion(
    cx: &Cx<'_>,
    item: &ItemId,
    lead: &DeputyId,
    cosigners: &[DeputyId],
    delegation: Option<&DelegationId>,
    text: &ItemText,
    proposed_unit: Option<&crate::id::UnitId>,
) -> Result<Vec<Fact>, CommandError> {
    if cx.ledger.items.contains_key(item) {
        return Err(CommandError::DuplicateItem { item: item.clone() });
    }
    cx.check_item_text(text)?;
    check_signers(cx, item, lead, cosigners, delegation)?;
    if let Some(u) = proposed_unit {
        cx.unit_known(u)?;
    }
    // 会议期间 if the date falls within the session, 闭会期间 after its close
    // (代表法 Art 24, 36; RULES.md §1.3).
    let session = cx
        .ledger
        .directory
        .session_at(cx.on())
        .ok_or(CommandError::NoSession { on: cx.on() })?;
    let period = if cx.on() <= session.closes {
        Period::Session
    } else {
        Period::Recess
    };
    let year = match period {
        Period::Session => session.year(),
        Period::Recess => chrono::Datelike::year(&cx.on()),
    };
    Ok(vec![Fact::SuggestionSubmitted(Box::new(
        SuggestionSubmitted {
            item: item.clone(),
            session: session.id.clone(),
            period,
            year,
            lead: lead.clone(),
            cosigners: cosigners.to_vec(),
            delegation: delegation.cloned(),
            text: text.clone(),
            proposed_unit: proposed_unit.cloned(),
            origin: Origin::Direct,
        },
    ))])
}

pub(super) fn decide(cx: &Cx<'_>) -> Result<Vec<Fact>, CommandError> {
    match &cx.command.action {
        Action::SubmitMotion {
            item,
            session,
            lead,
            cosigners,
            delegation,
            text,
        } => motion(
            cx,
            item,
            session,
            lead,
            cosigners,
            delegation.as_ref(),
            text,
        ),
        Action::DecideMotion { item, decision } => decide_motion(cx, item, decision),
        Action::SubmitSuggestion {
            item,
            lead,
            cosigners,
            delegation,
            text,
            proposed_unit,
        } => suggestion(
            cx,
            item,
            lead,
            cosigners,
            delegation.as_ref(),
            text,
            proposed_unit.as_ref(),
        ),
        Action::Withdraw { item, agreed_by } => {
            let it = cx.item(item)?;
            if it.status.is_final() {
                return Err(cx.wrong_state(it));
            }
            let acts_for = match &cx.command.actor {
                Actor::Deputy { id } => it.signers().any(|s| s == id),
                Actor::DelegationHead { delegation } => it.delegation.as_ref() == Some(delegation),
                _ => false,
            };
            if !acts_for {
                return Err(CommandError::NotSigner {
                    item: item.clone(),
                    actor: cx.command.actor.to_string(),
                });
            }
            // 联名建议撤回须全体联名代表同意 (Shanghai Art 10).
            if let Some(missing) = it.signers().find(|s| !agreed_by.contains(s)) {
                return Err(CommandError::WithdrawalNeedsAllSigners {
                    item: item.clone(),
                    missing: missing.clone(),
                });
            }
            Ok(vec![Fact::Withdrawn { item: item.clone() }])
        }
        Action::Reject {
            item,
            reason,
            disposition,
        } => {
            cx.suggestion_in(item, &[ItemStatus::Submitted, ItemStatus::Registered])?;
            Ok(vec![Fact::Rejected {
                item: item.clone(),
                reason: *reason,
                disposition: *disposition,
            }])
        }
        _ => Err(super::not_this_stage(cx)),
    }
}

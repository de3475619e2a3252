//! `evolve`: fold one event into the ledger.
//!
//! Every arm checks that the event fits the state before it changes anything, so a bad
//! stored event is refused with a reason and leaves the ledger as it was (SPEC §11).
//! Events produced by `decide` always fit (property-tested).

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::evaluation::Stage;

use chrono::NaiveDate;

use crate::event::{Event, Fact, FeedbackGiven, MotionSubmitted, SuggestionSubmitted};
use crate::id::{ItemId, UnitId};
use crate::item::{
    AssignmentRecord, Commitment, Dispute, Duty, DutyKind, FeedbackRecord, Handler, HandlerRole,
    Item, ItemStatus, Party, ReplyRecord,
};
use crate::ledger::Ledger;
use crate::profile::{Evaluator, FeedbackMeaning, ReplyAnchor};
use crate::vocab::{HandlingMode, ItemKind, MotionDecision, Origin, Period, ReplyRound};

type Applied = Result<(), String>;

fn duty(kind: DutyKind, party: Party, anchor: NaiveDate) -> Duty {
    Duty {
        kind,
        party,
        anchor,
        fixed_due: None,
        extended_until: None,
        done_on: None,
        cancelled_on: None,
    }
}

fn unit_party(id: &UnitId) -> Party {
    Party::Unit { id: id.clone() }
}

fn item_mut<'a>(ledger: &'a mut Ledger, id: &ItemId) -> Result<&'a mut Item, String> {
    ledger
        .items
        .get_mut(id)
        .map(Arc::make_mut)
        .ok_or_else(|| format!("unknown item `{id}`"))
}

fn close_duties(item: &mut Item, on: NaiveDate, pred: impl Fn(&Duty) -> bool) {
    for d in item.duties.iter_mut().filter(|d| d.is_open() && pred(d)) {
        d.done_on = Some(on);
    }
}

fn cancel_duties(item: &mut Item, on: NaiveDate, pred: impl Fn(&Duty) -> bool) {
    for d in item.duties.iter_mut().filter(|d| d.is_open() && pred(d)) {
        d.cancelled_on = Some(on);
    }
}

fn is_units(d: &Duty, unit: &UnitId) -> bool {
    matches!(&d.party, Party::Unit { id } if id == unit)
}

/// Opens the reply duties of a new round for every lead handler.
fn open_reply_round(item: &mut Item, round: ReplyRound, anchor: NaiveDate) {
    let leads: Vec<UnitId> = item.lead_units().cloned().collect();
    open_reply_round_for(item, &leads, round, anchor);
}

/// Opens a round for the leads whose part's latest class is one of `classes` (a split
/// item's second reply or rollover is owed by its open parts only: SPEC §4); for every lead
/// when none is (a request recorded before parts were told apart).
fn open_reply_round_of_parts(
    item: &mut Item,
    classes: &[String],
    round: ReplyRound,
    anchor: NaiveDate,
) {
    let mut leads: Vec<UnitId> = item
        .leads_with_class_in(classes)
        .into_iter()
        .cloned()
        .collect();
    if leads.is_empty() {
        leads = item.lead_units().cloned().collect();
    }
    open_reply_round_for(item, &leads, round, anchor);
}

fn open_reply_round_for(item: &mut Item, leads: &[UnitId], round: ReplyRound, anchor: NaiveDate) {
    for unit in leads {
        cancel_duties(item, anchor, |d| {
            matches!(d.kind, DutyKind::Reply { .. }) && is_units(d, unit)
        });
        item.duties
            .push(duty(DutyKind::Reply { round }, unit_party(unit), anchor));
        if let Some(h) = item.handlers.get_mut(unit) {
            h.extensions_used = 0;
            h.extension_requested = None;
        }
    }
    if !leads.is_empty() {
        item.status = ItemStatus::Handling;
    }
}

/// Apply the handlers of a (re)assignment and open their duties.
fn assign(
    ledger: &mut Ledger,
    event: &Event,
    item_id: &ItemId,
    fact_plan: &crate::vocab::AssignmentPlan,
    reassignment: bool,
) -> Applied {
    for u in fact_plan.leads.iter().chain(fact_plan.co.iter()) {
        if !ledger.directory.units.contains_key(u) {
            return Err(format!("unknown unit `{u}`"));
        }
    }
    if fact_plan.leads.is_empty() {
        return Err("an assignment needs a lead unit".to_owned());
    }
    let restarts = ledger
        .profile
        .assignment
        .reply_clock_restarts_on_reassignment;
    let anchor_rule = ledger.profile.handling.reply_anchor;
    let session_close = {
        let item = ledger
            .items
            .get(item_id)
            .ok_or_else(|| format!("unknown item `{item_id}`"))?;
        ledger
            .directory
            .sessions
            .get(&item.session)
            .map(|s| s.closes)
    };
    let item = item_mut(ledger, item_id)?;
    if item.kind != ItemKind::Suggestion || item.status.is_final() {
        return Err(format!(
            "item `{item_id}` cannot be assigned while {}",
            item.status.as_str()
        ));
    }
    let on = event.on;
    let first_anchor = item.assignments.first().map_or(on, |a| a.on);
    let mut reply_anchor = if reassignment && !restarts {
        first_anchor
    } else {
        on
    };
    if anchor_rule == ReplyAnchor::SessionClose && item.period == Period::Session && !reassignment {
        if let Some(close) = session_close {
            reply_anchor = close.min(on);
        }
    }
    // Units that leave lose their open duties; the item's history is kept.
    let old: Vec<UnitId> = item.handlers.keys().cloned().collect();
    for u in &old {
        cancel_duties(item, on, |d| {
            is_units(d, u) && !matches!(d.kind, DutyKind::Commitment { .. })
        });
    }
    close_duties(item, on, |d| {
        matches!(d.kind, DutyKind::RecessAssignment | DutyKind::Reassignment)
    });
    let mut handlers = crate::unit_map::UnitMap::with_capacity(
        fact_plan.leads.len().saturating_add(fact_plan.co.len()),
    );
    for u in &fact_plan.leads {
        let keep = item.handlers.get(u);
        handlers.insert(
            u.clone(),
            Handler {
                role: HandlerRole::Lead,
                received_on: if restarts {
                    on
                } else {
                    keep.map_or(on, |h| h.received_on)
                },
                return_requested_on: None,
                extension_requested: None,
                extensions_used: 0,
                contacted: keep.is_some_and(|h| h.contacted),
                co_opinion_sent: false,
            },
        );
        item.duties.push(duty(
            DutyKind::Reply {
                round: ReplyRound::First,
            },
            unit_party(u),
            reply_anchor,
        ));
        if !keep.is_some_and(|h| h.contacted) {
            item.duties
                .push(duty(DutyKind::FirstContact, unit_party(u), on));
        }
    }
    for u in &fact_plan.co {
        handlers.insert(
            u.clone(),
            Handler {
                role: HandlerRole::Co,
                received_on: on,
                return_requested_on: None,
                extension_requested: None,
                extensions_used: 0,
                contacted: false,
                co_opinion_sent: false,
            },
        );
        item.duties
            .push(duty(DutyKind::CoOpinion, unit_party(u), on));
    }
    item.handlers = handlers;
    item.assignments.push(AssignmentRecord {
        plan: fact_plan.clone(),
        on,
        reassignment,
    });
    item.status = ItemStatus::Handling;
    Ok(())
}

/// Adds a directory entry; an id registered twice does not fit.
fn register<K: Ord + Clone + std::fmt::Display, V: Clone>(
    map: &mut BTreeMap<K, V>,
    id: &K,
    entry: &V,
    kind: &str,
) -> Applied {
    if map.contains_key(id) {
        return Err(format!("{kind} `{id}` registered twice"));
    }
    map.insert(id.clone(), entry.clone());
    Ok(())
}

fn require_handler<'a>(item: &'a Item, unit: &UnitId) -> Result<&'a Handler, String> {
    item.handlers
        .get(unit)
        .ok_or_else(|| format!("unit `{unit}` does not handle item `{}`", item.id))
}

#[expect(
    clippy::too_many_lines,
    reason = "one arm per fact keeps the fold readable"
)]
fn apply_fact(ledger: &mut Ledger, event: &Event) -> Applied {
    let on = event.on;
    match &event.fact {
        Fact::SessionRegistered { session } => {
            let dir = Arc::make_mut(&mut ledger.directory);
            register(&mut dir.sessions, &session.id, session, "session")?;
        }
        Fact::DeputyRegistered { deputy } => {
            let dir = Arc::make_mut(&mut ledger.directory);
            register(&mut dir.deputies, &deputy.id, deputy, "deputy")?;
        }
        Fact::DelegationRegistered { delegation } => {
            let dir = Arc::make_mut(&mut ledger.directory);
            register(
                &mut dir.delegations,
                &delegation.id,
                delegation,
                "delegation",
            )?;
        }
        Fact::UnitRegistered { unit } => {
            let dir = Arc::make_mut(&mut ledger.directory);
            register(&mut dir.units, &unit.id, unit, "unit")?;
        }
        Fact::CommitteeRegistered { committee } => {
            let dir = Arc::make_mut(&mut ledger.directory);
            register(&mut dir.committees, &committee.id, committee, "committee")?;
        }
        Fact::LeaderRegistered { leader } => {
            let dir = Arc::make_mut(&mut ledger.directory);
            register(&mut dir.leaders, &leader.id, leader, "leader")?;
        }
        Fact::MotionSubmitted(fact) => {
            let MotionSubmitted {
                item,
                session,
                lead,
                cosigners,
                delegation,
                text,
            } = &**fact;
            new_item(ledger, item, session)?;
            let year = ledger
                .directory
                .sessions
                .get(session)
                .map_or(0, crate::directory::Session::year);
            ledger.items.insert(
                item.clone(),
                Arc::new(blank_item(
                    item.clone(),
                    ItemKind::Motion,
                    session.clone(),
                    Period::Session,
                    year,
                    lead.clone(),
                    cosigners.clone(),
                    delegation.clone(),
                    text.clone(),
                    None,
                    Origin::Direct,
                    on,
                    ItemStatus::MotionPending,
                )),
            );
        }
        Fact::MotionDecided { item, decision } => {
            let target = item_mut(ledger, item)?;
            if target.status != ItemStatus::MotionPending {
                return Err(format!("motion `{item}` is not awaiting a decision"));
            }
            target.status = ItemStatus::MotionDecided;
            target.motion_decision = Some(decision.clone());
        }
        Fact::SuggestionSubmitted(fact) => {
            let SuggestionSubmitted {
                item,
                session,
                period,
                year,
                lead,
                cosigners,
                delegation,
                text,
                proposed_unit,
                origin,
            } = &**fact;
            new_item(ledger, item, session)?;
            if let Origin::ConvertedFromMotion { motion } = origin {
                let m = ledger
                    .items
                    .get(motion)
                    .ok_or_else(|| format!("unknown motion `{motion}`"))?;
                let converted = matches!(&m.motion_decision, Some(MotionDecision::ConvertToSuggestion { suggestion }) if suggestion == item);
                if !converted {
                    return Err(format!("motion `{motion}` was not converted into `{item}`"));
                }
            }
            let mut it = blank_item(
                item.clone(),
                ItemKind::Suggestion,
                session.clone(),
                *period,
                *year,
                lead.clone(),
                cosigners.clone(),
                delegation.clone(),
                text.clone(),
                proposed_unit.clone(),
                origin.clone(),
                on,
                ItemStatus::Submitted,
            );
            if *period == Period::Recess {
                it.duties
                    .push(duty(DutyKind::RecessAssignment, Party::Office, on));
            }
            ledger.items.insert(item.clone(), Arc::new(it));
        }
        Fact::Withdrawn { item } => {
            let it = item_mut(ledger, item)?;
            if it.status.is_final() {
                return Err(format!("item `{item}` is already {}", it.status.as_str()));
            }
            it.status = ItemStatus::Withdrawn;
            cancel_duties(it, on, |_| true);
        }
        Fact::Rejected { item, .. } => {
            let it = item_mut(ledger, item)?;
            if !matches!(it.status, ItemStatus::Submitted | ItemStatus::Registered) {
                return Err(format!(
                    "item `{item}` cannot be rejected while {}",
                    it.status.as_str()
                ));
            }
            it.status = ItemStatus::Rejected;
            cancel_duties(it, on, |_| true);
        }
        Fact::Registered {
            item,
            topic,
            merge_group,
        } => {
            let it = item_mut(ledger, item)?;
            if it.status != ItemStatus::Submitted {
                return Err(format!(
                    "item `{item}` cannot be registered while {}",
                    it.status.as_str()
                ));
            }
            it.status = ItemStatus::Registered;
            it.topic = Some(topic.clone());
            it.merge_group.clone_from(merge_group);
        }
        Fact::PreAssigned { item, round, units } => {
            let it = item_mut(ledger, item)?;
            it.pre_assignments.push((*round, units.clone(), on));
        }
        Fact::DisputeRaised { item, reason } => {
            let it = item_mut(ledger, item)?;
            it.dispute = Some(Box::new(Dispute {
                raised_on: on,
                reason: reason.clone(),
                settled: None,
            }));
        }
        Fact::DisputeSettled { item, step } => {
            let it = item_mut(ledger, item)?;
            match it.dispute.as_mut() {
                Some(d) if d.settled.is_none() => d.settled = Some((*step, on)),
                _ => return Err(format!("item `{item}` has no open dispute")),
            }
        }
        Fact::Assigned {
            item,
            plan,
            reassignment,
        } => {
            assign(ledger, event, item, plan, *reassignment)?;
        }
        Fact::ReturnRequested { item, unit, .. } => {
            let it = item_mut(ledger, item)?;
            require_handler(it, unit)?;
            if let Some(h) = it.handlers.get_mut(unit) {
                h.return_requested_on = Some(on);
            }
        }
        Fact::ReturnDecided {
            item,
            unit,
            approved,
        } => {
            let it = item_mut(ledger, item)?;
            if require_handler(it, unit)?.return_requested_on.is_none() {
                return Err(format!("unit `{unit}` has no pending return on `{item}`"));
            }
            if *approved {
                it.handlers.remove(unit);
                cancel_duties(it, on, |d| is_units(d, unit));
                if it.lead_units().next().is_none() {
                    it.status = ItemStatus::Registered;
                    it.duties
                        .push(duty(DutyKind::Reassignment, Party::Office, on));
                }
            } else if let Some(h) = it.handlers.get_mut(unit) {
                h.return_requested_on = None;
            }
        }
        Fact::ContactMade { item, unit, method } => {
            let it = item_mut(ledger, item)?;
            require_handler(it, unit)?;
            it.contacts.push((unit.clone(), on, *method));
            if let Some(h) = it.handlers.get_mut(unit) {
                h.contacted = true;
            }
            close_duties(it, on, |d| {
                d.kind == DutyKind::FirstContact && is_units(d, unit)
            });
        }
        Fact::CoOpinionSent { item, unit } => {
            let it = item_mut(ledger, item)?;
            require_handler(it, unit)?;
            if let Some(h) = it.handlers.get_mut(unit) {
                h.co_opinion_sent = true;
            }
            close_duties(it, on, |d| {
                matches!(d.kind, DutyKind::CoOpinion | DutyKind::CoOpinionRedo) && is_units(d, unit)
            });
        }
        Fact::CoOpinionReturned { item, unit } => {
            let it = item_mut(ledger, item)?;
            if !require_handler(it, unit)?.co_opinion_sent {
                return Err(format!("unit `{unit}` sent no opinion on `{item}`"));
            }
            if let Some(h) = it.handlers.get_mut(unit) {
                h.co_opinion_sent = false;
            }
            it.duties
                .push(duty(DutyKind::CoOpinionRedo, unit_party(unit), on));
        }
        Fact::ExtensionRequested {
            item, unit, until, ..
        } => {
            let it = item_mut(ledger, item)?;
            require_handler(it, unit)?;
            if let Some(h) = it.handlers.get_mut(unit) {
                h.extension_requested = Some(*until);
            }
        }
        Fact::ExtensionDecided {
            item,
            unit,
            approved,
        } => {
            let it = item_mut(ledger, item)?;
            let until = require_handler(it, unit)?
                .extension_requested
                .ok_or_else(|| format!("unit `{unit}` has no pending extension on `{item}`"))?;
            if let Some(h) = it.handlers.get_mut(unit) {
                h.extension_requested = None;
                if *approved {
                    h.extensions_used = h.extensions_used.saturating_add(1);
                }
            }
            if *approved {
                for d in it.duties.iter_mut().filter(|d| {
                    d.is_open() && matches!(d.kind, DutyKind::Reply { .. }) && is_units(d, unit)
                }) {
                    d.extended_until = Some(until);
                }
            }
        }
        Fact::ReplyIssued {
            item,
            unit,
            round,
            class,
            promised_by,
            signed_by_head,
            copied_to,
            leader_reviewed,
        } => {
            let evaluator = ledger.profile.feedback.evaluator;
            let it = item_mut(ledger, item)?;
            require_handler(it, unit)?;
            let joint = it
                .current_assignment()
                .is_some_and(|a| a.plan.mode == HandlingMode::Joint);
            it.replies.push(ReplyRecord {
                unit: unit.clone(),
                round: *round,
                class: class.clone(),
                promised_by: *promised_by,
                on,
                signed_by_head: *signed_by_head,
                copied_to: copied_to.clone(),
                leader_reviewed: *leader_reviewed,
            });
            // INVARIANT: in joint mode one agreed reply answers for every lead.
            close_duties(it, on, |d| {
                matches!(d.kind, DutyKind::Reply { .. }) && (joint || is_units(d, unit))
            });
            let still_owed = it
                .duties
                .iter()
                .any(|d| d.is_open() && matches!(d.kind, DutyKind::Reply { .. }));
            if !still_owed {
                it.status = ItemStatus::Replied;
                cancel_duties(it, on, |d| d.kind == DutyKind::Feedback);
                let evaluators: Vec<_> = match evaluator {
                    Evaluator::LeadDeputy => vec![it.lead.clone()],
                    Evaluator::AllSigners => it.signers().cloned().collect(),
                };
                for dep in evaluators {
                    it.duties
                        .push(duty(DutyKind::Feedback, Party::Deputy { id: dep }, on));
                }
            }
        }
        Fact::CommitmentRecorded {
            item,
            unit,
            index,
            due,
        } => {
            let it = item_mut(ledger, item)?;
            if usize::try_from(*index).ok() != Some(it.commitments.len()) {
                return Err(format!("commitment #{index} out of order on `{item}`"));
            }
            it.commitments.push(Commitment {
                unit: unit.clone(),
                due: *due,
                recorded_on: on,
                fulfilled_on: None,
            });
            let mut d = duty(DutyKind::Commitment { index: *index }, unit_party(unit), on);
            d.fixed_due = Some(*due);
            it.duties.push(d);
        }
        Fact::CommitmentFulfilled { item, index } => {
            let it = item_mut(ledger, item)?;
            let c = usize::try_from(*index)
                .ok()
                .and_then(|i| it.commitments.get_mut(i))
                .ok_or_else(|| format!("no commitment #{index} on `{item}`"))?;
            if c.fulfilled_on.is_some() {
                return Err(format!(
                    "commitment #{index} on `{item}` is already fulfilled"
                ));
            }
            c.fulfilled_on = Some(on);
            close_duties(it, on, |d| d.kind == DutyKind::Commitment { index: *index });
        }
        Fact::FeedbackGiven(fact) => {
            let FeedbackGiven {
                item,
                by,
                level,
                comment,
                ..
            } = &**fact;
            let dissatisfied = ledger.profile.level(level).map(|l| l.meaning)
                == Some(FeedbackMeaning::Dissatisfied);
            let it = item_mut(ledger, item)?;
            if it.replies.is_empty() {
                return Err(format!("item `{item}` has no reply to rate"));
            }
            it.feedback.push(FeedbackRecord {
                by: Some(by.clone()),
                level: Some(level.clone()),
                on,
                comment: comment.clone(),
            });
            close_duties(it, on, |d| {
                d.kind == DutyKind::Feedback && matches!(&d.party, Party::Deputy { id } if id == by)
            });
            if dissatisfied {
                it.reopen_pending = true;
            }
        }
        Fact::FeedbackLapsed { item } => {
            let it = item_mut(ledger, item)?;
            it.feedback.push(FeedbackRecord {
                by: None,
                level: None,
                on,
                comment: None,
            });
            cancel_duties(it, on, |d| d.kind == DutyKind::Feedback);
        }
        Fact::ReopenDecided { item, reopen } => {
            let it = item_mut(ledger, item)?;
            let rating_unknown = event
                .source
                .as_ref()
                .is_some_and(|s| s.is_unknown(crate::provenance::Unknown::EarlierRatings));
            if !it.reopen_pending && !rating_unknown {
                return Err(format!("item `{item}` awaits no reopen decision"));
            }
            it.reopen_pending = false;
            if *reopen {
                it.reopened_on.push(on);
                open_reply_round(it, ReplyRound::Rehandle, on);
            }
        }
        Fact::FollowUpRequested { item } => {
            let profile = Arc::clone(&ledger.profile);
            let triggers = &profile.follow_up.trigger_classes;
            let it = item_mut(ledger, item)?;
            if it.status.is_final() {
                return Err(format!("item `{item}` is {}", it.status.as_str()));
            }
            it.follow_ups.push(on);
            open_reply_round_of_parts(it, triggers, ReplyRound::FollowUp, on);
        }
        Fact::RolledOver { item, into_year } => {
            let profile = Arc::clone(&ledger.profile);
            let rolling = &profile.rollover.classes;
            let it = item_mut(ledger, item)?;
            if it.status.is_final() || it.rolled_into.contains(into_year) {
                return Err(format!("item `{item}` cannot roll into {into_year}"));
            }
            it.rolled_into.push(*into_year);
            open_reply_round_of_parts(it, rolling, ReplyRound::Rollover, on);
        }
        Fact::LookedBack { item, note } => {
            let it = item_mut(ledger, item)?;
            it.look_backs.push((on, note.clone()));
        }
        Fact::KeyItemSelected {
            item,
            supervisor,
            committee,
        } => {
            let it = item_mut(ledger, item)?;
            if it.key_supervision.is_some() {
                return Err(format!("item `{item}` is already a key item"));
            }
            it.key_supervision = Some(Box::new(crate::supervision::KeySupervision {
                supervisor: supervisor.clone(),
                committee: committee.clone(),
                on,
            }));
        }
        Fact::LeaderLedAssigned { item, leader } => {
            let it = item_mut(ledger, item)?;
            if it.leader_led.is_some() {
                return Err(format!("item `{item}` is already led by a leader"));
            }
            it.leader_led = Some(Box::new(crate::supervision::LeaderLed {
                leader: leader.clone(),
                on,
            }));
        }
        Fact::SupervisionActivityLogged {
            item,
            activity,
            kind,
            led_by,
            sites,
            leaders,
            deputies,
        } => {
            let it = item_mut(ledger, item)?;
            it.activities.push(crate::supervision::ActivityRecord {
                activity: activity.clone(),
                kind: *kind,
                on,
                led_by: led_by.clone(),
                sites: *sites,
                leaders: leaders.clone(),
                deputies: *deputies,
            });
        }
        Fact::EvaluationRequested { item } => {
            let it = item_mut(ledger, item)?;
            let ev = it.evaluation.get_or_insert_with(Default::default);
            ev.requested_on.get_or_insert(on);
        }
        Fact::EvaluationRecommended { item, reasons } => {
            let it = item_mut(ledger, item)?;
            let ev = it.evaluation.get_or_insert_with(Default::default);
            if ev.recommended.is_some() {
                return Err(format!("item `{item}` is already recommended"));
            }
            ev.recommended = Some((on, reasons.clone()));
        }
        Fact::EvaluationSelected { item, area } => {
            let ev = evaluation_at(ledger, item, Stage::Recommended)?;
            ev.selected = Some((on, area.clone()));
        }
        Fact::EvaluationDeployed { item } => {
            let ev = evaluation_at(ledger, item, Stage::Selected)?;
            ev.deployed_on = Some(on);
        }
        Fact::EvaluationConcluded {
            item,
            outcome,
            finding,
            reopens,
            into_year,
        } => {
            let ev = evaluation_at(ledger, item, Stage::Deployed)?;
            ev.concluded = Some(crate::evaluation::Conclusion {
                on,
                outcome: outcome.clone(),
                finding: finding.clone(),
                reopened: *reopens,
            });
            let it = item_mut(ledger, item)?;
            if *reopens {
                if it.status.is_final() {
                    return Err(format!("item `{item}` is {}", it.status.as_str()));
                }
                // 继续办理: the lead units handle it again (RULES.md §9 default; §6.3).
                it.reopened_on.push(on);
                match into_year {
                    Some(y) if !it.rolled_into.contains(y) => {
                        it.rolled_into.push(*y);
                        open_reply_round(it, ReplyRound::Rollover, on);
                    }
                    _ => open_reply_round(it, ReplyRound::Rehandle, on),
                }
            }
        }
        Fact::AssessmentScored {
            year,
            unit,
            indicator,
            points,
            note,
        } => {
            let records = Arc::make_mut(&mut ledger.records);
            records
                .scores
                .entry((*year, unit.clone()))
                .or_default()
                .insert(
                    indicator.clone(),
                    crate::assessment::ManualScore {
                        points: *points,
                        note: note.clone(),
                        on,
                    },
                );
        }
        Fact::SuggestionHonoured { item, year } => {
            let it = item_mut(ledger, item)?;
            if it.honoured.is_some() {
                return Err(format!("item `{item}` is already honoured"));
            }
            it.honoured = Some(*year);
        }
        Fact::DeputyHonoured { deputy, year } => {
            let records = Arc::make_mut(&mut ledger.records);
            if !records
                .honoured_deputies
                .entry(*year)
                .or_default()
                .insert(deputy.clone())
            {
                return Err(format!("deputy `{deputy}` is already honoured for {year}"));
            }
        }
        Fact::Closed { item, how } => {
            let it = item_mut(ledger, item)?;
            if it.status.is_final() {
                return Err(format!("item `{item}` is already {}", it.status.as_str()));
            }
            it.status = ItemStatus::Closed;
            it.closing = Some((how.clone(), on));
            cancel_duties(it, on, |_| true);
        }
    }
    Ok(())
}

/// The item's evaluation, which must have reached `stage`.
fn evaluation_at<'a>(
    ledger: &'a mut Ledger,
    item: &ItemId,
    stage: Stage,
) -> Result<&'a mut crate::evaluation::Evaluation, String> {
    let it = item_mut(ledger, item)?;
    match it.evaluation.as_mut() {
        Some(ev) if ev.stage() == stage => Ok(ev),
        other => Err(format!(
            "item `{item}`'s evaluation is at stage `{}`, not `{stage}`",
            other.map_or(Stage::None, |e| e.stage())
        )),
    }
}

fn new_item(ledger: &Ledger, item: &ItemId, session: &crate::id::SessionId) -> Applied {
    if ledger.items.contains_key(item) {
        return Err(format!("item `{item}` already exists"));
    }
    if !ledger.directory.sessions.contains_key(session) {
        return Err(format!("unknown session `{session}`"));
    }
    Ok(())
}

#[expect(
    clippy::too_many_arguments,
    reason = "a constructor for the two submission facts"
)]
fn blank_item(
    id: ItemId,
    kind: ItemKind,
    session: crate::id::SessionId,
    period: Period,
    year: i32,
    lead: crate::id::DeputyId,
    cosigners: Vec<crate::id::DeputyId>,
    delegation: Option<crate::id::DelegationId>,
    text: crate::command::ItemText,
    proposed_unit: Option<UnitId>,
    origin: Origin,
    on: NaiveDate,
    status: ItemStatus,
) -> Item {
    Item {
        id,
        kind,
        session,
        period,
        year,
        lead,
        cosigners,
        delegation,
        text,
        proposed_unit,
        origin,
        submitted_on: on,
        status,
        motion_decision: None,
        topic: None,
        merge_group: None,
        pre_assignments: Vec::new(),
        dispute: None,
        assignments: Vec::new(),
        handlers: crate::unit_map::UnitMap::new(),
        contacts: Vec::new(),
        replies: Vec::new(),
        feedback: Vec::new(),
        reopen_pending: false,
        reopened_on: Vec::new(),
        follow_ups: Vec::new(),
        commitments: Vec::new(),
        rolled_into: Vec::new(),
        look_backs: Vec::new(),
        key_supervision: None,
        leader_led: None,
        activities: Vec::new(),
        evaluation: None,
        honoured: None,
        closing: None,
        duties: Vec::new(),
        events: Vec::new(),
        last_on: on,
        unknown: crate::provenance::UnknownSet::default(),
    }
}

/// Fold `event` into `ledger`, or say why it does not fit (nothing changes then).
pub(crate) fn evolve(ledger: &mut Ledger, event: &Event) -> Applied {
    apply_fact(ledger, event)?;
    if let Some(id) = event.fact.item() {
        if let Some(it) = ledger.items.get_mut(id).map(Arc::make_mut) {
            it.events.push(event.seq);
            it.last_on = it.last_on.max(event.on);
            // An imported fact's unknowns stay with the item: the figures that rest on them
            // leave it out and say so (`crate::provenance`).
            for u in event.source.iter().flat_map(|s| &s.unknown) {
                it.unknown.insert(*u);
            }
        }
    }
    Ok(())
}

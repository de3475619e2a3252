//! Scenario tests: the seed's year end to end (given events, when a command, then facts or
//! an error code). Each refusal also checks that the ledger did not change.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests"
)]

mod common;
#[path = "scenarios/evaluation.rs"]
mod evaluation;
#[path = "scenarios/report_semantics.rs"]
mod report_semantics;

use common::*;
use jianyi_core::item::{DutyKind, Party};
use jianyi_core::vocab::{DisputeStep, MotionDecision, Origin, Period};
use jianyi_core::{
    Action, Actor, AssignmentPlan, Closing, DelegationId, Fact, HandlingMode, Holder, ItemStatus,
    ObligationStatus, ReplyRound,
};

#[test]
fn a_motion_is_converted_into_a_suggestion_and_one_goes_to_the_standing_committee() {
    let mut s = Scenario::seed_city();
    let signers: Vec<_> = (2..=10).map(|i| deputy(&format!("D{i:02}"))).collect();
    let motion = |id: &str, cos: Vec<jianyi_core::DeputyId>| Action::SubmitMotion {
        item: item(id),
        session: "9-1".parse().unwrap(),
        lead: deputy("D01"),
        cosigners: cos,
        delegation: None,
        text: text("关于切实优化提升营商环境的议案"),
    };
    // 地方组织法 Art 22: ten deputies jointly.
    s.refused(
        "2022-02-22",
        as_deputy("D01"),
        motion("M1", signers[..5].to_vec()),
        "submit.too_few_signers",
    );
    s.ok(
        "2022-02-22",
        as_deputy("D01"),
        motion("M1", signers.clone()),
    );
    s.ok(
        "2022-02-22",
        as_deputy("D01"),
        motion("M2", signers.clone()),
    );
    s.refused(
        "2022-03-01",
        as_deputy("D01"),
        motion("M3", signers.clone()),
        "submit.motion_outside_session",
    );
    s.refused(
        "2022-02-24",
        as_deputy("D01"),
        Action::DecideMotion {
            item: item("M1"),
            decision: MotionDecision::ToStandingCommittee,
        },
        "permission.role_not_allowed",
    );
    s.ok(
        "2022-02-24",
        Actor::Presidium,
        Action::DecideMotion {
            item: item("M1"),
            decision: MotionDecision::ToStandingCommittee,
        },
    );
    let facts = s.ok(
        "2022-02-24",
        Actor::Presidium,
        Action::DecideMotion {
            item: item("M2"),
            decision: MotionDecision::ConvertToSuggestion {
                suggestion: item("J001"),
            },
        },
    );
    assert_eq!(facts.len(), 2);
    let j = s.ledger.item(&item("J001")).unwrap();
    assert_eq!(j.origin, Origin::ConvertedFromMotion { motion: item("M2") });
    assert_eq!(j.cosigners.len(), 9);
    assert_eq!(j.status, ItemStatus::Submitted);
    // A decided motion is decided once.
    s.refused(
        "2022-02-25",
        Actor::Presidium,
        Action::DecideMotion {
            item: item("M2"),
            decision: MotionDecision::NotListed,
        },
        "item.wrong_state",
    );
    // The converted item follows the suggestion path.
    s.register("2022-03-01", "J001");
    s.assign("2022-03-31", "J001", lead_only("U-FIN"));
    let f = s.ledger.year_figures(2022, d("2022-12-31")).unwrap();
    assert_eq!(
        (
            f.motions,
            f.motions_to_standing_committee,
            f.motions_converted
        ),
        (2, 1, 1)
    );
    assert_eq!(f.suggestions_total, 1);
}

#[test]
fn recess_items_are_recess_and_must_be_assigned_within_seven_working_days() {
    let mut s = Scenario::seed_city();
    s.submit("2022-02-23", "J001", "D02", &[]);
    s.submit("2022-06-06", "B001", "D03", &["D04"]);
    let b = s.ledger.item(&item("B001")).unwrap();
    assert_eq!(b.period, Period::Recess);
    assert_eq!(b.year, 2022);
    assert_eq!(
        s.ledger.item(&item("J001")).unwrap().period,
        Period::Session
    );
    let obligations = s
        .ledger
        .obligations(&item("B001"), d("2022-06-10"))
        .unwrap();
    let assign = obligations
        .iter()
        .find(|o| o.kind == DutyKind::RecessAssignment)
        .unwrap();
    assert_eq!(assign.party, Party::Office);
    // 2022-06-06 + 7 working days; 3 June (端午) is before the anchor.
    assert_eq!(assign.due.deadline.due, d("2022-06-15"));
    assert_eq!(assign.status, ObligationStatus::DueSoon);
    let late = s
        .ledger
        .obligations(&item("B001"), d("2022-06-20"))
        .unwrap();
    assert_eq!(
        late.iter()
            .find(|o| o.kind == DutyKind::RecessAssignment)
            .unwrap()
            .status,
        ObligationStatus::Overdue
    );
    assert_eq!(
        s.ledger
            .open_obligations_of_office(d("2022-06-20"))
            .unwrap()
            .len(),
        1
    );
    s.register("2022-06-08", "B001");
    s.assign("2022-06-13", "B001", lead_only("U-EDU"));
    let done = s
        .ledger
        .obligations(&item("B001"), d("2022-06-20"))
        .unwrap();
    assert_eq!(
        done.iter()
            .find(|o| o.kind == DutyKind::RecessAssignment)
            .unwrap()
            .status,
        ObligationStatus::Done
    );
    let f = s.ledger.year_figures(2022, d("2022-12-31")).unwrap();
    assert_eq!(
        (
            f.suggestions_at_session,
            f.suggestions_in_recess,
            f.suggestions_total
        ),
        (1, 1, 2)
    );
}

#[test]
fn a_return_inside_its_window_is_reassigned_and_one_outside_is_refused() {
    let mut s = Scenario::seed_city();
    s.assigned("J001", "D02", "U-FIN");
    s.assigned("J002", "D03", "U-FIN");
    // Shanghai Art 14: 7 working days from receipt (31 Mar 2022). 2 Apr (Sat) is a 调休
    // working day, 3–5 Apr 清明 are off: the window closes on 12 Apr.
    let ret = |id: &str| Action::RequestReturn {
        item: item(id),
        reason: "不属于本单位职责".into(),
    };
    s.ok("2022-04-12", as_unit("U-FIN"), ret("J001"));
    s.refused(
        "2022-04-13",
        as_unit("U-FIN"),
        ret("J002"),
        "assign.return_window_closed",
    );
    s.refused(
        "2022-04-12",
        as_unit("U-EDU"),
        ret("J002"),
        "permission.unit_not_assigned",
    );
    s.refused(
        "2022-04-12",
        as_unit("U-FIN"),
        ret("J001"),
        "assign.return_pending",
    );
    // The unit keeps the item until the office approves.
    assert_eq!(
        s.ledger.holder(&item("J001")),
        Some(Holder::Units {
            units: vec![unit("U-FIN")]
        })
    );
    s.ok(
        "2022-04-13",
        office(),
        Action::DecideReturn {
            item: item("J001"),
            unit: unit("U-FIN"),
            approved: true,
        },
    );
    assert_eq!(s.ledger.holder(&item("J001")), Some(Holder::Office));
    let obligations = s
        .ledger
        .obligations(&item("J001"), d("2022-04-14"))
        .unwrap();
    assert!(obligations
        .iter()
        .any(|o| o.kind == DutyKind::Reassignment && o.status.is_open()));
    s.ok(
        "2022-04-15",
        office(),
        Action::Reassign {
            item: item("J001"),
            plan: lead_only("U-HOUSE"),
        },
    );
    let j = s.ledger.item(&item("J001")).unwrap();
    assert_eq!(j.assignments.len(), 2, "history kept");
    assert!(j.assignments[1].reassignment);
    // The reply clock restarts at reassignment: 15 Apr + 3 months = 15 Jul.
    let reply = s
        .ledger
        .obligations(&item("J001"), d("2022-04-15"))
        .unwrap()
        .into_iter()
        .find(|o| matches!(o.kind, DutyKind::Reply { .. }) && o.status.is_open())
        .unwrap();
    assert_eq!(
        reply.party,
        Party::Unit {
            id: unit("U-HOUSE")
        }
    );
    assert_eq!(reply.due.deadline.due, d("2022-07-15"));
    s.refused(
        "2022-04-16",
        as_unit("U-FIN"),
        Action::RecordContact {
            item: item("J001"),
            method: jianyi_core::ContactMethod::Phone,
        },
        "permission.unit_not_assigned",
    );
}

#[test]
fn a_difficult_item_is_settled_by_the_coordination_meeting() {
    let mut s = Scenario::seed_city();
    s.submit("2022-02-23", "J001", "D02", &[]);
    s.register("2022-03-01", "J001");
    s.ok(
        "2022-03-05",
        office(),
        Action::PreAssign {
            item: item("J001"),
            units: vec![unit("U-FIN")],
        },
    );
    s.ok(
        "2022-03-15",
        office(),
        Action::PreAssign {
            item: item("J001"),
            units: vec![unit("U-AGRI")],
        },
    );
    s.refused(
        "2022-03-16",
        office(),
        Action::PreAssign {
            item: item("J001"),
            units: vec![unit("U-EDU")],
        },
        "assign.too_many_rounds",
    );
    s.ok(
        "2022-03-20",
        office(),
        Action::RaiseDispute {
            item: item("J001"),
            reason: "财政局与农业农村局均认为不属本单位职责".into(),
        },
    );
    s.refused(
        "2022-03-21",
        office(),
        Action::Assign {
            item: item("J001"),
            plan: lead_only("U-FIN"),
        },
        "assign.dispute_open",
    );
    let plan = AssignmentPlan {
        mode: HandlingMode::LeadWithCo,
        leads: vec![unit("U-AGRI")],
        co: vec![unit("U-FIN")],
    };
    // 29 March: the coordination meeting fixes the handling units (件件有去处).
    let facts = s.ok(
        "2022-03-29",
        office(),
        Action::SettleDispute {
            item: item("J001"),
            step: DisputeStep::Coordination,
            plan,
        },
    );
    assert!(matches!(facts[0], Fact::DisputeSettled { .. }));
    assert!(matches!(facts[1], Fact::Assigned { .. }));
    assert_eq!(
        s.ledger.item(&item("J001")).unwrap().status,
        ItemStatus::Handling
    );
    s.refused(
        "2022-03-30",
        office(),
        Action::SettleDispute {
            item: item("J001"),
            step: DisputeStep::LeaderRuling,
            plan: lead_only("U-FIN"),
        },
        "assign.no_dispute",
    );
    // The co-handler gives its opinion to the lead and never replies to the deputy.
    s.contact("2022-04-06", "J001", "U-FIN");
    s.refused(
        "2022-04-07",
        as_unit("U-FIN"),
        Action::IssueReply {
            item: item("J001"),
            class: "resolved".into(),
            promised_by: None,
            signed_by_head: true,
            copied_to: vec![],
            leader_reviewed: false,
        },
        "reply.co_handler_cannot_reply",
    );
    s.ok(
        "2022-04-07",
        as_unit("U-FIN"),
        Action::SendCoOpinion { item: item("J001") },
    );
    s.ok(
        "2022-04-08",
        as_unit("U-AGRI"),
        Action::ReturnCoOpinion {
            item: item("J001"),
            unit: unit("U-FIN"),
        },
    );
    s.ok(
        "2022-04-11",
        as_unit("U-FIN"),
        Action::SendCoOpinion { item: item("J001") },
    );
}

#[test]
fn a_reply_before_any_contact_is_refused() {
    let mut s = Scenario::seed_city();
    s.assigned("J001", "D02", "U-EDU");
    s.refused(
        "2022-04-20",
        as_unit("U-EDU"),
        Action::IssueReply {
            item: item("J001"),
            class: "resolved".into(),
            promised_by: None,
            signed_by_head: true,
            copied_to: vec![],
            leader_reviewed: false,
        },
        "handle.contact_required",
    );
    s.contact("2022-04-20", "J001", "U-EDU");
    s.reply("2022-04-21", "J001", "U-EDU", "resolved", None);
    assert_eq!(
        s.ledger.holder(&item("J001")),
        Some(Holder::Deputies {
            deputies: vec![deputy("D02")]
        })
    );
}

#[test]
fn an_in_progress_reply_is_reclassified_by_the_second_reply() {
    let mut s = Scenario::seed_city();
    s.assigned("J001", "D02", "U-HOUSE");
    s.assigned("J002", "D03", "U-EDU");
    s.contact("2022-04-20", "J001", "U-HOUSE");
    s.contact("2022-04-20", "J002", "U-EDU");
    s.refused(
        "2022-05-10",
        as_unit("U-HOUSE"),
        Action::IssueReply {
            item: item("J001"),
            class: "in_progress".into(),
            promised_by: None,
            signed_by_head: true,
            copied_to: vec![],
            leader_reviewed: false,
        },
        "reply.promised_date_required",
    );
    let facts = s.reply(
        "2022-05-10",
        "J001",
        "U-HOUSE",
        "in_progress",
        Some("2022-10-31"),
    );
    assert!(facts
        .iter()
        .any(|f| matches!(f, Fact::CommitmentRecorded { .. })));
    s.reply("2022-05-12", "J002", "U-EDU", "resolved", None);
    s.rate("2022-05-20", "J001", "D02", "satisfied", None);
    s.rate("2022-05-20", "J002", "D03", "satisfied", None);
    s.refused(
        "2022-05-21",
        as_unit("U-HOUSE"),
        Action::IssueReply {
            item: item("J001"),
            class: "resolved".into(),
            promised_by: None,
            signed_by_head: true,
            copied_to: vec![],
            leader_reviewed: false,
        },
        "reply.not_due",
    );
    // August: the follow-up notice covers every item whose latest class is 正在解决.
    let facts = s.ok(
        "2022-08-08",
        office(),
        Action::RequestFollowUp { year: 2022 },
    );
    assert_eq!(facts, vec![Fact::FollowUpRequested { item: item("J001") }]);
    let facts = s.reply("2022-08-30", "J001", "U-HOUSE", "resolved", None);
    assert!(matches!(
        &facts[0],
        Fact::ReplyIssued {
            round: ReplyRound::FollowUp,
            ..
        }
    ));
    assert!(facts
        .iter()
        .any(|f| matches!(f, Fact::CommitmentFulfilled { index: 0, .. })));
    s.refused(
        "2022-09-01",
        office(),
        Action::RequestFollowUp { year: 2022 },
        "followup.no_items",
    );
    let f = s.ledger.year_figures(2022, d("2022-12-31")).unwrap();
    let count = |rows: &[jianyi_core::figures::CountShare], id: &str| {
        rows.iter().find(|r| r.id == id).unwrap().count
    };
    assert_eq!(count(&f.classes_first_reply, "in_progress"), 1);
    assert_eq!(count(&f.classes_final, "in_progress"), 0);
    assert_eq!(count(&f.classes_final, "resolved"), 2);
    assert_eq!(f.second_round_items, 1);
    assert_eq!(count(&f.classes_second_round, "resolved"), 1);
    assert_eq!(
        f.classes_final
            .iter()
            .find(|r| r.id == "resolved")
            .unwrap()
            .percent,
        "100"
    );
}

#[test]
fn a_dissatisfied_deputy_gets_the_item_rehandled() {
    let mut s = Scenario::seed_city();
    s.assigned("J001", "D02", "U-EDU");
    s.contact("2022-04-20", "J001", "U-EDU");
    s.reply("2022-05-10", "J001", "U-EDU", "reference", None);
    let dissatisfied = |c: Option<&str>| Action::GiveFeedback {
        item: item("J001"),
        level: "dissatisfied".into(),
        attitude: None,
        result: None,
        comment: c.map(str::to_owned),
    };
    s.refused(
        "2022-05-20",
        as_deputy("D03"),
        dissatisfied(Some("x")),
        "permission.not_evaluator",
    );
    s.refused(
        "2022-05-20",
        as_deputy("D02"),
        dissatisfied(None),
        "feedback.comment_required",
    );
    s.refused(
        "2022-05-20",
        as_deputy("D02"),
        Action::GiveFeedback {
            item: item("J001"),
            level: "meh".into(),
            attitude: None,
            result: None,
            comment: None,
        },
        "feedback.unknown_level",
    );
    s.ok(
        "2022-05-20",
        as_deputy("D02"),
        dissatisfied(Some("答复未回应具体问题")),
    );
    assert_eq!(s.ledger.holder(&item("J001")), Some(Holder::Office));
    s.refused(
        "2022-05-21",
        as_deputy("D02"),
        dissatisfied(Some("again")),
        "feedback.no_reply",
    );
    s.ok(
        "2022-05-23",
        office(),
        Action::DecideReopen {
            item: item("J001"),
            reopen: true,
        },
    );
    s.refused(
        "2022-05-24",
        office(),
        Action::DecideReopen {
            item: item("J001"),
            reopen: true,
        },
        "feedback.reopen_not_applicable",
    );
    // Shanghai Art 21: the new reply within 1 month of the reopen order.
    let rehandle = s
        .ledger
        .obligations(&item("J001"), d("2022-05-24"))
        .unwrap()
        .into_iter()
        .find(|o| {
            o.kind
                == DutyKind::Reply {
                    round: ReplyRound::Rehandle,
                }
        })
        .unwrap();
    assert_eq!(rehandle.due.deadline.due, d("2022-06-23"));
    let facts = s.reply("2022-06-15", "J001", "U-EDU", "resolved", None);
    assert!(matches!(
        &facts[0],
        Fact::ReplyIssued {
            round: ReplyRound::Rehandle,
            ..
        }
    ));
    s.rate("2022-06-20", "J001", "D02", "satisfied", None);
    let j = s.ledger.item(&item("J001")).unwrap();
    assert_eq!(
        j.first_rating().unwrap().level.as_deref(),
        Some("dissatisfied")
    );
    assert_eq!(
        j.latest_rating().unwrap().level.as_deref(),
        Some("satisfied")
    );
    s.ok(
        "2022-06-21",
        office(),
        Action::Close {
            item: item("J001"),
            how: Closing::Completed,
        },
    );
    assert_eq!(s.ledger.holder(&item("J001")), Some(Holder::Nobody));
}

#[test]
fn a_planned_item_rolls_into_next_year_without_counting_as_new() {
    let mut s = Scenario::seed_city();
    // Last term's session (8-5, January 2021).
    s.submit("2021-01-12", "P001", "D04", &[]);
    s.register("2021-01-20", "P001");
    s.assign("2021-02-20", "P001", lead_only("U-HOUSE"));
    s.contact("2021-03-01", "P001", "U-HOUSE");
    s.reply(
        "2021-04-10",
        "P001",
        "U-HOUSE",
        "planned",
        Some("2022-06-30"),
    );
    s.rate("2021-04-20", "P001", "D04", "basically_satisfied", None);
    s.refused(
        "2021-12-01",
        office(),
        Action::Rollover {
            from_year: 2021,
            into_year: 2022,
        },
        "followup.before_cutoff",
    );
    s.refused(
        "2021-12-31",
        office(),
        Action::Rollover {
            from_year: 2021,
            into_year: 2021,
        },
        "followup.invalid_years",
    );
    let facts = s.ok(
        "2021-12-31",
        office(),
        Action::Rollover {
            from_year: 2021,
            into_year: 2022,
        },
    );
    assert_eq!(
        facts,
        vec![Fact::RolledOver {
            item: item("P001"),
            into_year: 2022
        }]
    );
    s.refused(
        "2022-01-02",
        office(),
        Action::Rollover {
            from_year: 2021,
            into_year: 2022,
        },
        "followup.nothing_to_roll_over",
    );
    // This year's items.
    s.assigned("J001", "D02", "U-EDU");
    let list = s.ledger.work_list(2022);
    assert_eq!(list.new_items, vec![item("J001")]);
    assert_eq!(list.rolled_over, vec![item("P001")]);
    // Handled with this year's items: a rollover reply is owed, and it reports the result.
    let facts = s.reply("2022-05-10", "P001", "U-HOUSE", "resolved", None);
    assert!(matches!(
        &facts[0],
        Fact::ReplyIssued {
            round: ReplyRound::Rollover,
            ..
        }
    ));
    assert!(facts
        .iter()
        .any(|f| matches!(f, Fact::CommitmentFulfilled { .. })));
    s.ok(
        "2022-05-20",
        office(),
        Action::LookBack {
            item: item("P001"),
            note: "路灯已安装".into(),
        },
    );
    let f = s.ledger.year_figures(2022, d("2022-12-31")).unwrap();
    assert_eq!(f.suggestions_total, 1);
    assert_eq!(f.rolled_over_into_year, 1);
}

#[test]
fn withdrawal_needs_every_signer_and_stops_handling() {
    let mut s = Scenario::seed_city();
    s.submit("2022-02-23", "J001", "D02", &["D03", "D04"]);
    s.register("2022-03-01", "J001");
    s.assign("2022-03-31", "J001", lead_only("U-EDU"));
    let w = |agreed: &[&str]| Action::Withdraw {
        item: item("J001"),
        agreed_by: agreed.iter().map(|a| deputy(a)).collect(),
    };
    s.refused(
        "2022-04-02",
        as_deputy("D02"),
        w(&["D02", "D03"]),
        "submit.withdrawal_needs_all_signers",
    );
    s.refused(
        "2022-04-02",
        as_deputy("D05"),
        w(&["D02", "D03", "D04"]),
        "permission.not_signer",
    );
    s.ok("2022-04-02", as_deputy("D02"), w(&["D02", "D03", "D04"]));
    assert_eq!(
        s.ledger.item(&item("J001")).unwrap().status,
        ItemStatus::Withdrawn
    );
    assert!(s
        .ledger
        .open_obligations_of_unit(&unit("U-EDU"), d("2022-04-06"))
        .unwrap()
        .is_empty());
    s.refused(
        "2022-04-06",
        as_unit("U-EDU"),
        jianyi_core::Action::RecordContact {
            item: item("J001"),
            method: jianyi_core::ContactMethod::Visit,
        },
        "item.wrong_state",
    );
    let f = s.ledger.year_figures(2022, d("2022-12-31")).unwrap();
    assert_eq!(f.withdrawn, 1);
}

#[test]
fn joint_items_count_in_both_systems() {
    let mut s = Scenario::seed_city();
    s.submit("2022-02-23", "J001", "D02", &[]);
    s.register("2022-03-01", "J001");
    s.assign(
        "2022-03-31",
        "J001",
        AssignmentPlan {
            mode: HandlingMode::Joint,
            leads: vec![unit("U-EDU"), unit("U-YOUTH")],
            co: vec![],
        },
    );
    s.assigned("J002", "D03", "U-COURT");
    let f = s.ledger.year_figures(2022, d("2022-12-31")).unwrap();
    let gov = f
        .by_system
        .iter()
        .find(|r| r.system == jianyi_core::System::Government)
        .unwrap();
    assert_eq!((gov.items, gov.joint_with_party_mass), (1, 1));
    let pm = f
        .by_system
        .iter()
        .find(|r| r.system == jianyi_core::System::PartyMass)
        .unwrap();
    assert_eq!(pm.items, 1);
    // One agreed reply answers for both joint leads.
    s.contact("2022-04-10", "J001", "U-EDU");
    s.reply("2022-04-20", "J001", "U-EDU", "resolved", None);
    assert_eq!(
        s.ledger.item(&item("J001")).unwrap().status,
        ItemStatus::Replied
    );
}

#[test]
fn split_items_are_replied_part_by_part() {
    let mut s = Scenario::seed_city();
    s.submit("2022-02-23", "J001", "D02", &[]);
    s.register("2022-03-01", "J001");
    s.assign(
        "2022-03-31",
        "J001",
        AssignmentPlan {
            mode: HandlingMode::Split,
            leads: vec![unit("U-EDU"), unit("U-HOUSE")],
            co: vec![],
        },
    );
    s.contact("2022-04-10", "J001", "U-EDU");
    s.contact("2022-04-10", "J001", "U-HOUSE");
    s.reply("2022-04-20", "J001", "U-EDU", "resolved", None);
    assert_eq!(
        s.ledger.item(&item("J001")).unwrap().status,
        ItemStatus::Handling
    );
    s.refused(
        "2022-04-21",
        as_deputy("D02"),
        Action::GiveFeedback {
            item: item("J001"),
            level: "satisfied".into(),
            attitude: None,
            result: None,
            comment: None,
        },
        "feedback.no_reply",
    );
    s.reply(
        "2022-04-22",
        "J001",
        "U-HOUSE",
        "planned",
        Some("2023-06-30"),
    );
    s.rate("2022-04-25", "J001", "D02", "satisfied", None);
}

#[test]
fn extensions_stay_within_the_hard_maximum_and_late_replies_are_marked() {
    let mut s = Scenario::seed_city();
    s.assigned("J001", "D02", "U-FIN");
    s.assigned("J002", "D03", "U-FIN");
    let ext = |id: &str, until: &str| Action::RequestExtension {
        item: item(id),
        until: d(until),
        reason: "涉及面广".into(),
    };
    // 代表法 Art 51: at most 6 months from 交办 (31 Mar → 30 Sep 2022, a Friday).
    s.refused(
        "2022-06-01",
        as_unit("U-FIN"),
        ext("J001", "2022-10-31"),
        "handle.extension_beyond_maximum",
    );
    s.refused(
        "2022-06-01",
        as_unit("U-FIN"),
        ext("J001", "2022-06-10"),
        "handle.extension_not_later",
    );
    s.ok("2022-06-01", as_unit("U-FIN"), ext("J001", "2022-08-31"));
    s.refused(
        "2022-06-02",
        as_unit("U-FIN"),
        ext("J001", "2022-09-01"),
        "handle.extension_limit",
    );
    s.ok(
        "2022-06-03",
        office(),
        Action::DecideExtension {
            item: item("J001"),
            unit: unit("U-FIN"),
            approved: true,
        },
    );
    s.refused(
        "2022-06-04",
        office(),
        Action::DecideExtension {
            item: item("J001"),
            unit: unit("U-FIN"),
            approved: true,
        },
        "handle.no_extension_request",
    );
    let o = s
        .ledger
        .obligations(&item("J001"), d("2022-07-15"))
        .unwrap()
        .into_iter()
        .find(|o| matches!(o.kind, DutyKind::Reply { .. }))
        .unwrap();
    assert_eq!(o.due.deadline.due, d("2022-08-31"));
    assert_eq!(o.due.original_due, Some(d("2022-06-30")));
    assert_eq!(o.due.hard_maximum, Some(d("2022-09-30")));
    // J002 had no extension: its reply after 30 Jun is late.
    s.contact("2022-04-10", "J002", "U-FIN");
    let overdue = s.ledger.overdue(d("2022-07-05")).unwrap();
    assert!(overdue
        .iter()
        .any(|o| o.item == item("J002") && matches!(o.kind, DutyKind::Reply { .. })));
    s.reply("2022-07-05", "J002", "U-FIN", "resolved", None);
    let f = s.ledger.year_figures(2022, d("2022-12-31")).unwrap();
    assert_eq!(f.replies_late, 1);
}

#[test]
fn feedback_lapses_only_after_its_window() {
    let mut s = Scenario::seed_city();
    s.assigned("J001", "D02", "U-EDU");
    s.contact("2022-04-10", "J001", "U-EDU");
    s.reply("2022-04-20", "J001", "U-EDU", "resolved", None);
    s.refused(
        "2022-05-10",
        office(),
        Action::LapseFeedback { item: item("J001") },
        "feedback.window_open",
    );
    s.ok(
        "2022-05-25",
        office(),
        Action::LapseFeedback { item: item("J001") },
    );
    s.refused(
        "2022-05-26",
        as_deputy("D02"),
        Action::GiveFeedback {
            item: item("J001"),
            level: "satisfied".into(),
            attitude: None,
            result: None,
            comment: None,
        },
        "feedback.no_reply",
    );
    let f = s.ledger.year_figures(2022, d("2022-12-31")).unwrap();
    assert_eq!((f.rated, f.lapsed), (0, 1));
}

#[test]
fn a_delegation_item_is_rated_by_its_head() {
    let mut s = Scenario::seed_city();
    let del: DelegationId = "DL-EAST".parse().unwrap();
    s.ok(
        "2022-02-23",
        Actor::DelegationHead {
            delegation: del.clone(),
        },
        Action::SubmitSuggestion {
            item: item("J001"),
            lead: deputy("D05"),
            cosigners: vec![],
            delegation: Some(del.clone()),
            text: text("关于东区教育的建议"),
            proposed_unit: Some(unit("U-EDU")),
        },
    );
    s.register("2022-03-01", "J001");
    s.assign("2022-03-31", "J001", lead_only("U-EDU"));
    s.contact("2022-04-10", "J001", "U-EDU");
    s.reply("2022-04-20", "J001", "U-EDU", "resolved", None);
    s.ok(
        "2022-04-25",
        Actor::DelegationHead { delegation: del },
        Action::GiveFeedback {
            item: item("J001"),
            level: "satisfied".into(),
            attitude: None,
            result: None,
            comment: None,
        },
    );
}

#[test]
fn term_end_closing_needs_an_explanation() {
    let mut s = Scenario::seed_city();
    s.assigned("J001", "D02", "U-EDU");
    s.refused(
        "2022-12-31",
        office(),
        Action::Close {
            item: item("J001"),
            how: Closing::TermEnd {
                explanation: " ".into(),
            },
        },
        "followup.explanation_required",
    );
    s.refused(
        "2022-12-31",
        office(),
        Action::Close {
            item: item("J001"),
            how: Closing::Completed,
        },
        "item.wrong_state",
    );
    s.ok(
        "2022-12-31",
        office(),
        Action::Close {
            item: item("J001"),
            how: Closing::TermEnd {
                explanation: "换届，书面说明已送代表".into(),
            },
        },
    );
}

#[test]
fn a_newer_calendar_moves_open_deadlines_and_regional_holidays_apply() {
    let mut s = Scenario::seed_city();
    s.assigned("J001", "D02", "U-EDU");
    let due = |s: &Scenario| {
        s.ledger
            .obligations(&item("J001"), d("2022-04-01"))
            .unwrap()
            .into_iter()
            .find(|o| o.kind == DutyKind::FirstContact)
            .unwrap()
            .due
            .deadline
            .due
    };
    // 31 Mar + 20 working days: 2 Apr (Sat) and 24 Apr (Sun) are 调休 working days, 3–5 Apr off.
    assert_eq!(due(&s), d("2022-04-28"));
    // A holiday announced later (a regional one, here) moves the open deadline.
    let national = jianyi_core::Calendar::china();
    let mut regional = s.ledger.clone();
    regional.set_calendar(&national.with_regional("test", &[d("2022-04-15")], &[]));
    assert_eq!(due(&clone_scenario(&regional)), d("2022-04-29"));
    regional.set_calendar(&national);
    assert_eq!(due(&clone_scenario(&regional)), d("2022-04-28"));
    // A profile with its own holiday uses it for its ledger only.
    let mut p = jianyi_core::Profile::default();
    p.calendar.regional_holidays = vec![d("2022-04-15")];
    let mut local = Scenario::new(p);
    local.assigned("J001", "D02", "U-EDU");
    assert_eq!(due(&local), d("2022-04-29"));
    assert_eq!(due(&s), d("2022-04-28"));
}

fn clone_scenario(ledger: &jianyi_core::Ledger) -> Scenario {
    Scenario::from_ledger(ledger.clone())
}

#[test]
fn replay_of_the_event_list_equals_the_ledger() {
    let mut s = Scenario::seed_city();
    s.assigned("J001", "D02", "U-EDU");
    let events = s.ledger.events().to_vec();
    let replayed = jianyi_core::Ledger::replay(
        jianyi_core::Profile::default(),
        &jianyi_core::Calendar::china(),
        events.clone(),
    )
    .unwrap();
    assert_eq!(replayed, s.ledger);
    let mut broken = events;
    broken.swap(2, 3);
    let err = jianyi_core::Ledger::replay(
        jianyi_core::Profile::default(),
        &jianyi_core::Calendar::china(),
        broken,
    )
    .unwrap_err();
    assert_eq!(err.code().as_str(), "ledger.out_of_order");
    assert!(err.to_string().contains("line 3"), "{err}");
}

#[test]
fn rates_follow_the_profile_definitions() {
    // NPC: (A+B) over all items; seed-city: 解决采纳 over replied items.
    for (preset, classes, expect) in [
        ("npc", ["a", "b", "d"], ("solved_or_planned", 2, 3)),
        (
            "seed-city",
            ["resolved", "in_progress", "reference"],
            ("resolution", 1, 3),
        ),
    ] {
        let mut s = Scenario::new(jianyi_core::Profile::preset(preset).unwrap());
        for (i, class) in classes.iter().enumerate() {
            let id = format!("J{i}");
            s.assigned(&id, "D02", "U-EDU");
            s.contact("2022-04-10", &id, "U-EDU");
            let promised = (*class == "b" || *class == "in_progress").then_some("2022-12-31");
            s.reply("2022-04-20", &id, "U-EDU", class, promised);
        }
        s.assigned("J9", "D03", "U-EDU");
        let f = s.ledger.year_figures(2022, d("2022-12-31")).unwrap();
        let rate = f.rates.iter().find(|r| r.id == expect.0).unwrap();
        let den = if preset == "npc" { 4 } else { 3 };
        assert_eq!(
            (rate.count, rate.share.denominator),
            (expect.1, den),
            "{preset}"
        );
    }
}

#[test]
fn the_annual_summary_tells_the_second_round_and_the_rollover() {
    let mut s = Scenario::seed_city();
    s.submit("2021-01-12", "P001", "D04", &[]);
    s.register("2021-01-20", "P001");
    s.assign("2021-02-20", "P001", lead_only("U-HOUSE"));
    s.contact("2021-03-01", "P001", "U-HOUSE");
    s.reply(
        "2021-04-10",
        "P001",
        "U-HOUSE",
        "planned",
        Some("2022-06-30"),
    );
    s.ok(
        "2021-12-31",
        office(),
        Action::Rollover {
            from_year: 2021,
            into_year: 2022,
        },
    );
    s.assigned("J001", "D02", "U-HOUSE");
    s.contact("2022-04-20", "J001", "U-HOUSE");
    s.reply(
        "2022-05-10",
        "J001",
        "U-HOUSE",
        "in_progress",
        Some("2022-10-31"),
    );
    s.ok(
        "2022-08-08",
        office(),
        Action::RequestFollowUp { year: 2022 },
    );
    s.reply("2022-08-30", "J001", "U-HOUSE", "resolved", None);
    s.reply("2022-05-10", "P001", "U-HOUSE", "resolved", None);
    let text = s
        .ledger
        .annual_summary(2022, d("2022-12-31"))
        .unwrap()
        .render_zh();
    assert!(
        text.starts_with("某市2022年人大代表建议办理工作总结"),
        "{text}"
    );
    assert!(
        text.contains("市九届人大一次会议上代表共提出议案0件"),
        "{text}"
    );
    assert!(
        text.contains(
            "8月份即发通知，要求相关承办单位对首次答复为“正在解决”的1件代表建议进行二次答复"
        ),
        "{text}"
    );
    assert!(text.contains("经过二次办理，解决采纳的1件"), "{text}");
    assert!(
        text.contains("对市八届人大五次会议期间的1件“计划解决”类建议进行“回头看”"),
        "{text}"
    );
    assert!(
        text.contains("“关于P001的建议”等建议均通过滚动办理得到较好解决"),
        "{text}"
    );
    assert!(
        text.contains("三是第三方评估：台账中本年度没有第三方评估记录。"),
        "{text}"
    );
    assert!(text.contains("台账中本年度尚无评选记录"), "{text}");
}

#[test]
fn key_items_chosen_in_april_are_supervised_may_to_september_and_the_mayor_leads_items() {
    use jianyi_core::supervision::ActivityKind;
    let mut s = Scenario::seed_city();
    s.leaders("2021-01-01");
    for (id, lead) in [("J001", "D02"), ("J002", "D03"), ("J003", "D04")] {
        s.assigned(id, lead, "U-EDU");
    }
    let key = |id: &str, who: &str| Action::SelectKeyItem {
        item: item(id),
        supervisor: who.parse().unwrap(),
        committee: "C-SOC".parse().unwrap(),
    };
    // 4月份，主任会议确定重点督办建议，由常委会主任、副主任牵头督办 (the seed, section 二).
    s.refused(
        "2022-04-12",
        office(),
        key("J001", "L-CHAIR"),
        "permission.role_not_allowed",
    );
    s.ok(
        "2022-04-12",
        Actor::DirectorsMeeting,
        key("J001", "L-CHAIR"),
    );
    s.ok("2022-04-12", Actor::DirectorsMeeting, key("J002", "L-VICE"));
    // 市长领办, one of them also a key item.
    let led = |id: &str, who: &str| Action::AssignLeaderLed {
        item: item(id),
        leader: who.parse().unwrap(),
    };
    s.refused(
        "2022-04-20",
        Actor::GovernmentOffice,
        led("J001", "L-VICE"),
        "supervision.wrong_leader_post",
    );
    s.ok(
        "2022-04-20",
        Actor::GovernmentOffice,
        led("J001", "L-MAYOR"),
    );
    s.ok(
        "2022-04-20",
        Actor::GovernmentOffice,
        led("J003", "L-VMAYOR"),
    );
    // 5-9月份：座谈、视察、调研.
    let activity = |items: &[&str], kind, led_by: &str, sites, leaders: &[&str], deputies| {
        Action::LogSupervisionActivity {
            items: items.iter().map(|i| item(i)).collect(),
            kind,
            led_by: Some(led_by.parse().unwrap()),
            sites,
            leaders: leaders.iter().map(|l| l.parse().unwrap()).collect(),
            deputies,
        }
    };
    let facts = s.ok(
        "2022-05-18",
        as_committee("C-SOC"),
        activity(
            &["J001", "J002"],
            ActivityKind::Seminar,
            "L-CHAIR",
            0,
            &["L-MAYOR"],
            12,
        ),
    );
    assert_eq!(facts.len(), 2, "one fact per item covered");
    s.ok(
        "2022-07-06",
        as_committee("C-SOC"),
        activity(
            &["J002"],
            ActivityKind::SiteVisit,
            "L-VICE",
            3,
            &["L-VMAYOR"],
            8,
        ),
    );
    s.ok(
        "2022-09-14",
        office(),
        activity(&["J001"], ActivityKind::Survey, "L-CHAIR", 1, &[], 5),
    );
    s.refused(
        "2022-09-20",
        office(),
        activity(&["J001", "J001"], ActivityKind::Visit, "L-CHAIR", 0, &[], 1),
        "directory.duplicate_entry",
    );

    let f = s.ledger.supervision_figures(2022);
    assert_eq!(f.key_items, 2);
    assert_eq!(f.key_chosen_months, [4]);
    assert_eq!(f.key_supervisors, 2);
    assert_eq!(f.activity_months, Some((5, 9)));
    assert_eq!(
        f.activities.get(&ActivityKind::Seminar),
        Some(&1),
        "a seminar on two items counts once"
    );
    assert_eq!((f.sites, f.government_leaders, f.deputies), (4, 2, 25));
    assert_eq!(
        (f.leader_led_items, f.leading_leaders, f.key_and_leader_led),
        (2, 2, 1)
    );

    let text = s
        .ledger
        .annual_summary(2022, d("2022-12-31"))
        .unwrap()
        .render_zh();
    assert!(
        text.contains("4月份，主任会议确定了2件建议作为今年的重点督办建议"),
        "{text}"
    );
    assert!(text.contains("5-9月份常委会各位主任"), "{text}");
    assert!(
        text.contains(
            "共召开重点督办建议座谈会1场，视察现场4处，市政府2位市长、副市长及25人次市人大代表"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "三是市长领办。2位市长、副市长领办建议2件，其中1件同时列为常委会重点督办建议"
        ),
        "{text}"
    );
    let tables = s.ledger.year_tables(2022, d("2022-12-31")).unwrap();
    let jianyi_core::tables::Section::InLedger(key_table) = tables.key_supervision else {
        panic!("key supervision is in the ledger");
    };
    assert_eq!(key_table.rows[0].count, 2);
}

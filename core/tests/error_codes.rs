//! Every committed error code is produced by at least one input here (SPEC §12: "every
//! error variant has a test that produces it"), and every refusal leaves the ledger as it was.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests"
)]

mod common;

use std::collections::BTreeSet;

use common::*;
use jianyi_core::vocab::{Disposition, DisputeStep, ExclusionReason, MotionDecision};
use jianyi_core::{
    Action, Actor, AssignmentPlan, Calendar, Closing, Command, CommandId, Error, HandlingMode,
    ItemId, Ledger, Profile, ProfileCheck, Session, ALL_CODES,
};

struct Seen(BTreeSet<String>);

/// The same ledger in format version 1: the header's version lowered, the links removed.
fn unchained(text: &str) -> String {
    text.lines()
        .map(|l| match jianyi_core::chain::split_line(l) {
            Some((_, event)) => event,
            None => l.replace("\"version\":2", "\"version\":1"),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

impl Seen {
    fn code(&mut self, code: &str) {
        assert!(ALL_CODES.contains(&code), "`{code}` is not in ALL_CODES");
        self.0.insert(code.to_owned());
    }

    fn refused(&mut self, s: &mut Scenario, on: &str, actor: Actor, action: Action) {
        let e = s.run(on, actor, action).expect_err("expected a refusal");
        self.code(e.code().as_str());
    }
}

fn reply_action(id: &str, class: &str, promised: Option<&str>) -> Action {
    Action::IssueReply {
        item: item(id),
        class: class.into(),
        promised_by: promised.map(d),
        signed_by_head: true,
        copied_to: vec![],
        leader_reviewed: false,
    }
}

#[test]
fn every_code_is_produced() {
    let mut seen = Seen(BTreeSet::new());
    let mut s = Scenario::seed_city();

    // input.*
    seen.code(ItemId::new("").unwrap_err().code().as_str());
    seen.refused(
        &mut s,
        "2022-02-23",
        as_deputy("D02"),
        Action::SubmitSuggestion {
            item: item("X"),
            lead: deputy("D02"),
            cosigners: vec![],
            delegation: None,
            text: text(&"长".repeat(201)),
            proposed_unit: None,
        },
    );
    seen.refused(
        &mut s,
        "2022-02-23",
        as_deputy("D02"),
        Action::SubmitSuggestion {
            item: item("X"),
            lead: deputy("D02"),
            cosigners: vec![],
            delegation: None,
            text: jianyi_core::ItemText {
                title: "  ".into(),
                body: String::new(),
            },
            proposed_unit: None,
        },
    );
    // input.malformed is what the bindings return for unreadable JSON commands.
    seen.code(
        jianyi_core::InputError::Malformed {
            what: "command",
            reason: "eof".into(),
        }
        .code()
        .as_str(),
    );

    // profile.*
    for bad in ["{", "{\"id\":1}"] {
        seen.code(Profile::from_json(bad).unwrap_err().code().as_str());
    }
    let mut v = serde_json::to_value(Profile::default()).unwrap();
    v["surprise"] = 1.into();
    seen.code(
        Profile::from_json(&v.to_string())
            .unwrap_err()
            .code()
            .as_str(),
    );
    let mut v = serde_json::to_value(Profile::default()).unwrap();
    v["feedback"]["window"]["amount"] = 0.into();
    seen.code(
        Profile::from_json(&v.to_string())
            .unwrap_err()
            .code()
            .as_str(),
    );
    let mut v = serde_json::to_value(Profile::default()).unwrap();
    v["rollover"]["classes"] = serde_json::json!(["nope"]);
    seen.code(
        Profile::from_json(&v.to_string())
            .unwrap_err()
            .code()
            .as_str(),
    );
    seen.code(Profile::preset("atlantis").unwrap_err().code().as_str());

    // calendar.*
    let out_of_range = Calendar::china()
        .is_working_day(d("2099-01-05"))
        .unwrap_err();
    seen.code(out_of_range.code());
    // Structured details, as every other family has.
    let details: serde_json::Value =
        serde_json::from_str(&jianyi_core::Error::from(out_of_range).details_json()).unwrap();
    assert_eq!(details["error"], "out_of_range");
    assert_eq!(details["date"], "2099-01-05");
    assert!(details["last_year"].as_i64().unwrap() >= 2026);
    seen.code(Calendar::from_json("{\"format\":1}").unwrap_err().code());
    let fallback = Calendar::china().with_weekend_fallback(true);
    seen.code(
        fallback
            .add_working_days(chrono::NaiveDate::MAX, 1)
            .unwrap_err()
            .code(),
    );

    // permission.*, command.*
    seen.refused(
        &mut s,
        "2022-02-23",
        as_unit("U-FIN"),
        Action::Register {
            item: item("J001"),
            topic: "social".into(),
            merge_group: None,
        },
    );
    s.assigned("J001", "D02", "U-EDU");
    seen.refused(
        &mut s,
        "2022-04-02",
        as_unit("U-FIN"),
        Action::RecordContact {
            item: item("J001"),
            method: jianyi_core::ContactMethod::Phone,
        },
    );
    seen.refused(
        &mut s,
        "2022-04-02",
        as_deputy("D05"),
        Action::Withdraw {
            item: item("J001"),
            agreed_by: vec![deputy("D02")],
        },
    );
    seen.refused(
        &mut s,
        "2022-03-01",
        as_unit("U-EDU"),
        Action::RecordContact {
            item: item("J001"),
            method: jianyi_core::ContactMethod::Phone,
        },
    );
    let cmd = Command {
        source: None,
        id: CommandId::new("dup").unwrap(),
        on: d("2022-04-02"),
        actor: as_unit("U-EDU"),
        action: Action::RecordContact {
            item: item("J001"),
            method: jianyi_core::ContactMethod::Phone,
        },
    };
    s.ledger.execute(&cmd).unwrap();
    assert!(s.ledger.execute(&cmd).unwrap().duplicate);
    let mut other = cmd.clone();
    other.on = d("2022-04-03");
    seen.code(s.ledger.execute(&other).unwrap_err().code().as_str());
    s.contact("2022-04-05", "J001", "U-EDU");
    s.reply("2022-04-10", "J001", "U-EDU", "resolved", None);
    seen.refused(
        &mut s,
        "2022-04-12",
        as_deputy("D03"),
        Action::GiveFeedback {
            item: item("J001"),
            level: "satisfied".into(),
            attitude: None,
            result: None,
            comment: None,
        },
    );

    // directory.*
    seen.refused(
        &mut s,
        "2022-04-12",
        as_deputy("D02"),
        Action::SubmitSuggestion {
            item: item("X"),
            lead: deputy("D99"),
            cosigners: vec![],
            delegation: None,
            text: text("关于某事的建议"),
            proposed_unit: None,
        },
    );
    let existing = s.ledger.directory().units.values().next().unwrap().clone();
    seen.refused(
        &mut s,
        "2022-04-12",
        office(),
        Action::RegisterUnit { unit: existing },
    );
    seen.refused(
        &mut s,
        "2022-04-12",
        office(),
        Action::RegisterSession {
            session: Session {
                id: "9-2".parse().unwrap(),
                term: 9,
                number: 2,
                opens: d("2023-02-20"),
                closes: d("2023-02-10"),
            },
        },
    );

    // item.*
    seen.refused(
        &mut s,
        "2022-04-12",
        office(),
        Action::Register {
            item: item("NOPE"),
            topic: "social".into(),
            merge_group: None,
        },
    );
    seen.refused(
        &mut s,
        "2022-04-12",
        as_deputy("D02"),
        Action::SubmitSuggestion {
            item: item("J001"),
            lead: deputy("D02"),
            cosigners: vec![],
            delegation: None,
            text: text("重复"),
            proposed_unit: None,
        },
    );
    seen.refused(
        &mut s,
        "2022-04-12",
        office(),
        Action::Register {
            item: item("J001"),
            topic: "social".into(),
            merge_group: None,
        },
    );
    seen.refused(
        &mut s,
        "2022-04-12",
        Actor::Presidium,
        Action::DecideMotion {
            item: item("J001"),
            decision: MotionDecision::NotListed,
        },
    );

    // submit.*
    let motion = |cos: usize, _on: &str| Action::SubmitMotion {
        item: item("M1"),
        session: "9-1".parse().unwrap(),
        lead: deputy("D01"),
        cosigners: (2..2 + cos).map(|i| deputy(&format!("D{i:02}"))).collect(),
        delegation: None,
        text: text("议案"),
    };
    seen.refused(
        &mut s,
        "2022-02-22",
        as_deputy("D01"),
        motion(3, "2022-02-22"),
    );
    seen.refused(
        &mut s,
        "2022-03-22",
        as_deputy("D01"),
        motion(9, "2022-03-22"),
    );
    let mut early = Scenario::seed_city();
    seen.refused(
        &mut early,
        "2020-05-01",
        as_deputy("D02"),
        Action::SubmitSuggestion {
            item: item("E1"),
            lead: deputy("D02"),
            cosigners: vec![],
            delegation: None,
            text: text("早"),
            proposed_unit: None,
        },
    );
    seen.refused(
        &mut s,
        "2022-04-12",
        as_deputy("D02"),
        Action::SubmitSuggestion {
            item: item("X"),
            lead: deputy("D02"),
            cosigners: vec![deputy("D02")],
            delegation: None,
            text: text("重"),
            proposed_unit: None,
        },
    );
    seen.refused(
        &mut s,
        "2022-04-12",
        as_deputy("D02"),
        Action::Withdraw {
            item: item("J001"),
            agreed_by: vec![],
        },
    );
    let mut strict = Profile::default();
    strict.motion.delegation_may_submit = false;
    let mut st = Scenario::new(strict);
    seen.refused(
        &mut st,
        "2022-02-22",
        Actor::DelegationHead {
            delegation: "DL-EAST".parse().unwrap(),
        },
        Action::SubmitMotion {
            item: item("M1"),
            session: "9-1".parse().unwrap(),
            lead: deputy("D01"),
            cosigners: vec![],
            delegation: Some("DL-EAST".parse().unwrap()),
            text: text("代表团议案"),
        },
    );

    // assign.*
    s.submit("2022-04-12", "J002", "D03", &[]);
    seen.refused(
        &mut s,
        "2022-04-13",
        office(),
        Action::Register {
            item: item("J002"),
            topic: "space".into(),
            merge_group: None,
        },
    );
    s.register("2022-04-13", "J002");
    seen.refused(
        &mut s,
        "2022-04-14",
        office(),
        Action::Assign {
            item: item("J002"),
            plan: AssignmentPlan {
                mode: HandlingMode::LeadWithCo,
                leads: vec![],
                co: vec![],
            },
        },
    );
    seen.refused(
        &mut s,
        "2022-04-14",
        office(),
        Action::Assign {
            item: item("J002"),
            plan: AssignmentPlan {
                mode: HandlingMode::Joint,
                leads: vec![unit("U-EDU")],
                co: vec![],
            },
        },
    );
    for _ in 0..2 {
        s.ok(
            "2022-04-14",
            office(),
            Action::PreAssign {
                item: item("J002"),
                units: vec![unit("U-EDU")],
            },
        );
    }
    seen.refused(
        &mut s,
        "2022-04-14",
        office(),
        Action::PreAssign {
            item: item("J002"),
            units: vec![unit("U-EDU")],
        },
    );
    seen.refused(
        &mut s,
        "2022-04-14",
        office(),
        Action::SettleDispute {
            item: item("J002"),
            step: DisputeStep::Coordination,
            plan: lead_only("U-EDU"),
        },
    );
    s.ok(
        "2022-04-14",
        office(),
        Action::RaiseDispute {
            item: item("J002"),
            reason: "争议".into(),
        },
    );
    seen.refused(
        &mut s,
        "2022-04-14",
        office(),
        Action::Assign {
            item: item("J002"),
            plan: lead_only("U-EDU"),
        },
    );
    s.ok(
        "2022-04-15",
        office(),
        Action::SettleDispute {
            item: item("J002"),
            step: DisputeStep::Coordination,
            plan: AssignmentPlan {
                mode: HandlingMode::LeadWithCo,
                leads: vec![unit("U-HOUSE")],
                co: vec![unit("U-FIN")],
            },
        },
    );
    let ret = Action::RequestReturn {
        item: item("J002"),
        reason: "非本单位职责".into(),
    };
    s.ok("2022-04-18", as_unit("U-HOUSE"), ret.clone());
    seen.refused(&mut s, "2022-04-18", as_unit("U-HOUSE"), ret.clone());
    seen.refused(
        &mut s,
        "2022-04-18",
        office(),
        Action::DecideReturn {
            item: item("J002"),
            unit: unit("U-FIN"),
            approved: true,
        },
    );
    seen.refused(
        &mut s,
        "2022-05-30",
        as_unit("U-FIN"),
        Action::RequestReturn {
            item: item("J002"),
            reason: "迟".into(),
        },
    );

    // handle.*
    seen.refused(
        &mut s,
        "2022-05-30",
        as_unit("U-HOUSE"),
        reply_action("J002", "resolved", None),
    );
    seen.refused(
        &mut s,
        "2022-05-30",
        as_unit("U-HOUSE"),
        Action::SendCoOpinion { item: item("J002") },
    );
    seen.refused(
        &mut s,
        "2022-05-30",
        as_unit("U-HOUSE"),
        Action::ReturnCoOpinion {
            item: item("J002"),
            unit: unit("U-FIN"),
        },
    );
    let ext = |until: &str| Action::RequestExtension {
        item: item("J002"),
        until: d(until),
        reason: "复杂".into(),
    };
    seen.refused(&mut s, "2022-05-30", as_unit("U-HOUSE"), ext("2022-07-01"));
    seen.refused(&mut s, "2022-05-30", as_unit("U-HOUSE"), ext("2023-01-31"));
    s.ok("2022-05-30", as_unit("U-HOUSE"), ext("2022-08-31"));
    seen.refused(&mut s, "2022-05-31", as_unit("U-HOUSE"), ext("2022-09-30"));
    seen.refused(
        &mut s,
        "2022-05-31",
        office(),
        Action::DecideExtension {
            item: item("J002"),
            unit: unit("U-FIN"),
            approved: true,
        },
    );

    // reply.*
    s.contact("2022-06-01", "J002", "U-HOUSE");
    s.contact("2022-06-01", "J002", "U-FIN");
    seen.refused(
        &mut s,
        "2022-06-02",
        as_unit("U-HOUSE"),
        reply_action("J002", "nope", None),
    );
    seen.refused(
        &mut s,
        "2022-06-02",
        as_unit("U-HOUSE"),
        reply_action("J002", "planned", None),
    );
    seen.refused(
        &mut s,
        "2022-06-02",
        as_unit("U-HOUSE"),
        reply_action("J002", "planned", Some("2022-01-01")),
    );
    seen.refused(
        &mut s,
        "2022-06-02",
        as_unit("U-FIN"),
        reply_action("J002", "resolved", None),
    );
    s.reply(
        "2022-06-02",
        "J002",
        "U-HOUSE",
        "in_progress",
        Some("2022-12-31"),
    );
    seen.refused(
        &mut s,
        "2022-06-03",
        as_unit("U-HOUSE"),
        reply_action("J002", "resolved", None),
    );

    // feedback.*
    seen.refused(
        &mut s,
        "2022-06-03",
        as_deputy("D03"),
        Action::GiveFeedback {
            item: item("J002"),
            level: "nope".into(),
            attitude: None,
            result: None,
            comment: None,
        },
    );
    seen.refused(
        &mut s,
        "2022-06-03",
        as_deputy("D03"),
        Action::GiveFeedback {
            item: item("J002"),
            level: "dissatisfied".into(),
            attitude: None,
            result: None,
            comment: None,
        },
    );
    seen.refused(
        &mut s,
        "2022-06-03",
        office(),
        Action::LapseFeedback { item: item("J002") },
    );
    seen.refused(
        &mut s,
        "2022-06-03",
        office(),
        Action::DecideReopen {
            item: item("J002"),
            reopen: true,
        },
    );
    seen.refused(
        &mut s,
        "2022-09-03",
        as_deputy("D03"),
        Action::GiveFeedback {
            item: item("J002"),
            level: "satisfied".into(),
            attitude: None,
            result: None,
            comment: None,
        },
    );
    seen.refused(
        &mut s,
        "2022-06-04",
        as_deputy("D03"),
        Action::GiveFeedback {
            item: item("NOPE"),
            level: "satisfied".into(),
            attitude: None,
            result: None,
            comment: None,
        },
    );
    s.submit("2022-06-05", "J003", "D04", &[]);
    seen.refused(
        &mut s,
        "2022-06-06",
        as_deputy("D04"),
        Action::GiveFeedback {
            item: item("J003"),
            level: "satisfied".into(),
            attitude: None,
            result: None,
            comment: None,
        },
    );
    if !seen.0.contains("feedback.no_reply") {
        s.rate("2022-06-06", "J002", "D03", "satisfied", None);
        seen.refused(
            &mut s,
            "2022-06-07",
            as_deputy("D03"),
            Action::GiveFeedback {
                item: item("J002"),
                level: "satisfied".into(),
                attitude: None,
                result: None,
                comment: None,
            },
        );
    }

    // followup.*
    seen.refused(
        &mut s,
        "2022-08-01",
        office(),
        Action::RequestFollowUp { year: 2030 },
    );
    seen.refused(
        &mut s,
        "2022-08-01",
        as_unit("U-HOUSE"),
        Action::FulfilCommitment {
            item: item("J002"),
            commitment: 7,
        },
    );
    seen.refused(
        &mut s,
        "2022-08-01",
        office(),
        Action::Rollover {
            from_year: 2022,
            into_year: 2023,
        },
    );
    seen.refused(
        &mut s,
        "2023-01-01",
        office(),
        Action::Rollover {
            from_year: 2021,
            into_year: 2022,
        },
    );
    seen.refused(
        &mut s,
        "2023-01-01",
        office(),
        Action::Rollover {
            from_year: 2022,
            into_year: 2022,
        },
    );
    seen.refused(
        &mut s,
        "2023-01-01",
        office(),
        Action::Close {
            item: item("J003"),
            how: Closing::TermEnd {
                explanation: String::new(),
            },
        },
    );
    // A split item with a planned part rolls over; it is not completed.
    let mut parts = Scenario::seed_city().unrecorded();
    parts.submit("2022-02-23", "S1", "D02", &[]);
    parts.register("2022-03-01", "S1");
    parts.assign(
        "2022-03-31",
        "S1",
        jianyi_core::AssignmentPlan {
            mode: jianyi_core::HandlingMode::Split,
            leads: vec![unit("U-EDU"), unit("U-HOUSE")],
            co: vec![],
        },
    );
    for u in ["U-EDU", "U-HOUSE"] {
        parts.contact("2022-04-10", "S1", u);
    }
    parts.reply("2022-04-20", "S1", "U-EDU", "planned", Some("2023-06-30"));
    parts.reply("2022-04-21", "S1", "U-HOUSE", "resolved", None);
    seen.refused(
        &mut parts,
        "2022-12-20",
        office(),
        Action::Close {
            item: item("S1"),
            how: Closing::Completed,
        },
    );
    seen.refused(
        &mut s,
        "2023-01-01",
        office(),
        Action::Reject {
            item: item("J001"),
            reason: ExclusionReason::PersonalMatter,
            disposition: Disposition::ReturnedToDeputy,
        },
    );

    // supervision.*
    let mut capped = Profile::preset("seed-city").unwrap();
    capped.supervision.key_items_max = 1;
    let mut v = Scenario::new(capped).unrecorded();
    v.leaders("2021-01-01");
    v.assigned("K1", "D02", "U-EDU");
    v.assigned("K2", "D03", "U-EDU");
    let key = |id: &str, who: &str| Action::SelectKeyItem {
        item: item(id),
        supervisor: who.parse().unwrap(),
        committee: "C-SOC".parse().unwrap(),
    };
    let meeting = || Actor::DirectorsMeeting;
    seen.refused(&mut v, "2022-04-10", meeting(), key("K1", "L-MAYOR"));
    v.ok("2022-04-10", meeting(), key("K1", "L-CHAIR"));
    seen.refused(&mut v, "2022-04-10", meeting(), key("K1", "L-VICE"));
    seen.refused(&mut v, "2022-04-10", meeting(), key("K2", "L-VICE"));
    let led = |who: &str| Action::AssignLeaderLed {
        item: item("K1"),
        leader: who.parse().unwrap(),
    };
    v.ok("2022-04-12", Actor::GovernmentOffice, led("L-MAYOR"));
    seen.refused(
        &mut v,
        "2022-04-12",
        Actor::GovernmentOffice,
        led("L-VMAYOR"),
    );
    seen.refused(
        &mut v,
        "2022-05-10",
        office(),
        Action::LogSupervisionActivity {
            items: vec![],
            kind: jianyi_core::supervision::ActivityKind::Seminar,
            led_by: None,
            sites: 0,
            leaders: vec![],
            deputies: 0,
        },
    );

    // evaluation.*, assessment.*, excellence.*
    let mut e = Scenario::seed_city().unrecorded();
    for (id, lead, level) in [("V1", "D02", "satisfied"), ("V2", "D03", "satisfied")] {
        e.assigned(id, lead, "U-EDU");
        e.contact("2022-04-10", id, "U-EDU");
        e.reply("2022-04-20", id, "U-EDU", "resolved", None);
        e.rate("2022-05-05", id, lead, level, None);
    }
    seen.refused(
        &mut e,
        "2022-07-15",
        office(),
        Action::RecommendForEvaluation {
            seed: 1,
            items: vec![item("V1")],
        },
    );
    e.ok(
        "2022-06-01",
        as_deputy("D02"),
        Action::RequestEvaluation { item: item("V1") },
    );
    e.ok(
        "2022-07-15",
        office(),
        Action::RecommendForEvaluation {
            seed: 1,
            items: vec![item("V1")],
        },
    );
    seen.refused(
        &mut e,
        "2022-09-07",
        office(),
        Action::DeployEvaluation {
            items: vec![item("V1")],
        },
    );
    e.ok(
        "2022-08-20",
        Actor::DirectorsMeeting,
        Action::SelectForEvaluation {
            area: "教育".into(),
            items: vec![item("V1")],
        },
    );
    e.ok(
        "2022-09-07",
        office(),
        Action::DeployEvaluation {
            items: vec![item("V1")],
        },
    );
    seen.refused(
        &mut e,
        "2022-10-21",
        Actor::DirectorsMeeting,
        Action::ConcludeEvaluation {
            item: item("V1"),
            outcome: "unknown".into(),
            finding: String::new(),
        },
    );
    let score = |ind: &str, milli: i64| Action::RecordAssessmentScore {
        year: 2022,
        unit: unit("U-EDU"),
        indicator: ind.into(),
        points: jianyi_core::profile::Points::from_milli(milli),
        note: String::new(),
    };
    seen.refused(
        &mut e,
        "2022-12-10",
        Actor::Assessor,
        score("on_time", 1000),
    );
    seen.refused(
        &mut e,
        "2022-12-10",
        Actor::Assessor,
        score("staff", 10_500),
    );
    let honour = |sug: &[&str]| Action::HonourExcellence {
        year: 2022,
        suggestions: sug.iter().map(|i| item(i)).collect(),
        deputies: vec![],
    };
    // Two suggestions tie on merit: quota 1, both or neither.
    seen.refused(
        &mut e,
        "2022-12-30",
        Actor::DirectorsMeeting,
        honour(&["V1"]),
    );
    seen.refused(
        &mut e,
        "2022-12-30",
        Actor::DirectorsMeeting,
        honour(&["X9"]),
    );
    e.ok("2022-12-30", Actor::DirectorsMeeting, honour(&["V1", "V2"]));
    seen.refused(
        &mut e,
        "2022-12-30",
        Actor::DirectorsMeeting,
        honour(&["V1"]),
    );
    let mut over = Scenario::seed_city().unrecorded();
    over.assigned("W1", "D02", "U-EDU");
    over.contact("2022-04-10", "W1", "U-EDU");
    over.reply("2022-04-20", "W1", "U-EDU", "resolved", None);
    over.assigned("W2", "D03", "U-EDU");
    over.contact("2022-04-10", "W2", "U-EDU");
    over.reply("2022-04-20", "W2", "U-EDU", "planned", Some("2022-12-31"));
    seen.refused(
        &mut over,
        "2022-12-30",
        Actor::DirectorsMeeting,
        honour(&["W1", "W2"]),
    );

    // ledger.*
    let text_ok = s.ledger.to_jsonl().unwrap();
    let profile = Profile::default;
    let cal = Calendar::china();
    let load =
        |t: &str, p: Profile| Ledger::from_jsonl(t, p, &cal, ProfileCheck::Same).unwrap_err();
    seen.code(load("not json", profile()).code().as_str());
    // Edits that would only break the chain are made on the version-1 form (no links).
    let v1 = unchained(&text_ok);
    let mut lines: Vec<String> = v1.lines().map(str::to_owned).collect();
    let bumped = lines[0].replace("\"version\":1", "\"version\":9");
    seen.code(load(&format!("{bumped}\n"), profile()).code().as_str());
    seen.code(
        load(&text_ok, Profile::preset("shanghai").unwrap())
            .code()
            .as_str(),
    );
    let mut truncated = lines.clone();
    let last = truncated.pop().unwrap();
    truncated.push(last.chars().take(last.chars().count() / 2).collect());
    seen.code(load(&truncated.join("\n"), profile()).code().as_str());
    lines.swap(3, 4);
    seen.code(load(&lines.join("\n"), profile()).code().as_str());
    lines.swap(3, 4);
    let dup = lines[1].replace("\"seq\":1,", "\"seq\":2,");
    let bad: Vec<String> = vec![lines[0].clone(), lines[1].clone(), dup];
    seen.code(load(&bad.join("\n"), profile()).code().as_str());
    // A changed line in a chained ledger breaks the link of the line after it.
    let tampered = text_ok.replacen("\"on\":\"2021-01-01\"", "\"on\":\"2021-01-02\"", 1);
    seen.code(load(&tampered, profile()).code().as_str());

    // ledger.log_not_held and snapshot.*: a ledger reopened from a snapshot, and snapshots
    // that cannot stand for the ledger given (each is refused beside the full read).
    #[cfg(feature = "snapshots")]
    {
        let reopen = |snapshot: &[u8]| {
            Ledger::reopen(
                &text_ok,
                snapshot,
                profile(),
                &cal,
                std::num::NonZeroUsize::MIN,
            )
            .unwrap()
        };
        let snapshot = s.ledger.snapshot();
        let (reopened, refused) = reopen(&snapshot);
        assert_eq!(refused, None);
        seen.code(reopened.to_jsonl().unwrap_err().code().as_str());
        let end = snapshot.iter().position(|b| *b == b'\n').unwrap();
        let (first, body) = (
            std::str::from_utf8(&snapshot[..end]).unwrap(),
            &snapshot[end + 1..],
        );
        let with_header = |header: &str| [header.as_bytes(), b"\n", body].concat();
        let refusal = |snapshot: &[u8]| reopen(snapshot).1.unwrap().code().as_str().to_owned();
        seen.code(&refusal(b"{}"));
        seen.code(&refusal(&with_header(&first.replacen(
            &format!("\"version\":{}", jianyi_core::snapshot::SNAPSHOT_VERSION),
            "\"version\":7",
            1,
        ))));
        let other = Profile::preset("shanghai").unwrap().reference();
        let mut header: serde_json::Value = serde_json::from_str(first).unwrap();
        header["profile"] = serde_json::to_value(&other).unwrap();
        seen.code(&refusal(&with_header(&header.to_string())));
        let mut changed = body.to_vec();
        changed[0] ^= 1;
        seen.code(&refusal(&[first.as_bytes(), b"\n", &changed].concat()));
        let mut other_head = serde_json::from_str::<serde_json::Value>(first).unwrap();
        other_head["head"] = serde_json::Value::from("0".repeat(64));
        seen.code(&refusal(&with_header(&other_head.to_string())));
    }

    // report.* (feature docx): a chart whose label holds a character XML cannot carry is
    // refused, not written into a file Word would have to repair.
    #[cfg(feature = "docx")]
    {
        use jianyi_core::report::charts::{Bar, Category, Chart, Scale};
        let mut doc = jianyi_core::report::Document::new(jianyi_core::report::Lang::Zh, "t".into());
        doc.figure(Chart {
            id: "bad".into(),
            title: "t".into(),
            value_axis: "v".into(),
            category_axis: "c".into(),
            scale: Scale::Count,
            series: vec!["s".into()],
            categories: vec![Category {
                label: "a\u{1}b".into(),
                bars: vec![Bar::count(1)],
            }],
            note: String::new(),
            unit: "件".into(),
            alt: "a".into(),
        });
        let fonts = std::sync::Arc::new(jianyi_core::report::docx::fontdb::Database::new());
        let e = jianyi_core::report::docx::write(&doc, &fonts).unwrap_err();
        seen.code(e.code().as_str());
    }

    let missing: Vec<&&str> = ALL_CODES
        .iter()
        .filter(|c| !seen.0.contains(**c))
        // Only the docx writer returns report.* errors.
        .filter(|c| cfg!(feature = "docx") || !c.starts_with("report."))
        // Only a build with snapshots reopens one (and refuses it).
        .filter(|c| cfg!(feature = "snapshots") || !c.starts_with("snapshot."))
        .collect();
    assert!(missing.is_empty(), "codes never produced: {missing:?}");
    let _ = Error::from(jianyi_core::InputError::EmptyText { field: "x" }).details_json();
}

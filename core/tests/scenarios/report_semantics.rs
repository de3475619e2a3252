//! The annual figures on real semantics (SPEC §4 and §10, issue 16): a split item takes its
//! least-resolved part's class; "as of" reads nothing after the day; a joint reply is one
//! reply; every overlap of the by-system counts is stated; a converted motion is one
//! document. One scenario per rule, named after it.

use jianyi_core::vocab::MotionDecision;
use jianyi_core::{
    Action, Actor, AssignmentPlan, Closing, HandlingMode, Ledger, ReplyRound, System,
};

use crate::common::{as_deputy, as_unit, d, deputy, item, office, text, unit, Scenario};

fn split(a: &str, b: &str) -> AssignmentPlan {
    AssignmentPlan {
        mode: HandlingMode::Split,
        leads: vec![unit(a), unit(b)],
        co: vec![],
    }
}

/// The counts of the year's final classes, in the profile's order.
fn final_classes(ledger: &Ledger, year: i32, as_of: &str) -> Vec<u64> {
    let f = ledger.year_figures(year, d(as_of)).unwrap();
    f.classes_final.iter().map(|r| r.count).collect()
}

/// A split item whose education part is planned and whose housing part is resolved, the
/// parts replying in the order given.
fn planned_and_resolved(first: &str) -> Scenario {
    let mut s = Scenario::seed_city();
    s.submit("2022-02-23", "J001", "D02", &[]);
    s.register("2022-03-01", "J001");
    s.assign("2022-03-31", "J001", split("U-EDU", "U-HOUSE"));
    s.contact("2022-04-10", "J001", "U-EDU");
    s.contact("2022-04-10", "J001", "U-HOUSE");
    let second = if first == "U-EDU" { "U-HOUSE" } else { "U-EDU" };
    for (on, u) in [("2022-04-20", first), ("2022-04-22", second)] {
        if u == "U-EDU" {
            s.reply(on, "J001", u, "planned", Some("2023-06-30"));
        } else {
            s.reply(on, "J001", u, "resolved", None);
        }
    }
    s.rate("2022-04-25", "J001", "D02", "satisfied", None);
    s
}

#[test]
fn a_split_item_takes_the_class_of_its_least_resolved_part() {
    for first in ["U-EDU", "U-HOUSE"] {
        let mut s = planned_and_resolved(first);
        let f = s.ledger.year_figures(2022, d("2022-12-31")).unwrap();
        let planned = |rows: &[jianyi_core::figures::CountShare]| {
            rows.iter().find(|r| r.id == "planned").unwrap().count
        };
        assert_eq!(f.replied, 1);
        assert_eq!(
            planned(&f.classes_first_reply),
            1,
            "first reply, {first} first"
        );
        assert_eq!(planned(&f.classes_final), 1, "final, {first} first");
        // Not completed while a part is planned: it rolls over instead, and only the planned
        // part owes the rollover reply.
        s.refused(
            "2022-12-20",
            office(),
            Action::Close {
                item: item("J001"),
                how: Closing::Completed,
            },
            "followup.still_rolls_over",
        );
        s.ok(
            "2022-12-31",
            office(),
            Action::Rollover {
                from_year: 2022,
                into_year: 2023,
            },
        );
        let it = s.ledger.item(&item("J001")).unwrap();
        assert_eq!(it.rolled_into, vec![2023]);
        let owing: Vec<String> = s
            .ledger
            .obligations(&item("J001"), d("2023-01-05"))
            .unwrap()
            .into_iter()
            .filter(|o| {
                o.status.is_open()
                    && o.kind
                        == (jianyi_core::item::DutyKind::Reply {
                            round: ReplyRound::Rollover,
                        })
            })
            .map(|o| format!("{:?}", o.party))
            .collect();
        assert_eq!(owing.len(), 1, "{owing:?}");
        assert!(owing[0].contains("U-EDU"), "{owing:?}");
        s.refused(
            "2023-03-01",
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
        // Answered again and resolved, the item is completed.
        s.reply("2023-03-01", "J001", "U-EDU", "resolved", None);
        assert_eq!(final_classes(&s.ledger, 2022, "2023-03-01"), [1, 0, 0, 0]);
        s.rate("2023-03-05", "J001", "D02", "satisfied", None);
        s.ok(
            "2023-03-10",
            office(),
            Action::Close {
                item: item("J001"),
                how: Closing::Completed,
            },
        );
    }
}

#[test]
fn a_report_as_of_a_date_reads_only_the_events_dated_on_or_before_it() {
    let mut s = Scenario::seed_city();
    s.submit("2021-01-12", "J2021-1", "D02", &[]);
    s.register("2021-01-20", "J2021-1");
    s.assign("2021-03-31", "J2021-1", crate::common::lead_only("U-FIN"));
    s.contact("2021-04-10", "J2021-1", "U-FIN");
    s.reply(
        "2021-05-10",
        "J2021-1",
        "U-FIN",
        "planned",
        Some("2022-06-30"),
    );
    s.rate("2021-05-20", "J2021-1", "D02", "satisfied", None);
    let before = s.ledger.year_figures(2021, d("2021-12-31")).unwrap();
    let summary_before = s.ledger.annual_summary(2021, d("2021-12-31")).unwrap();
    s.ok(
        "2021-12-31",
        office(),
        Action::Rollover {
            from_year: 2021,
            into_year: 2022,
        },
    );
    // 2022: the rollover reply comes late and says resolved; the deputy is dissatisfied.
    s.reply("2022-09-20", "J2021-1", "U-FIN", "resolved", None);
    s.rate(
        "2022-09-25",
        "J2021-1",
        "D02",
        "dissatisfied",
        Some("答复不具体"),
    );
    let full = &s.ledger;
    let cut = full.as_of(d("2021-12-31")).unwrap();
    assert!(cut.events().len() < full.events().len());
    assert!(cut.events().iter().all(|e| e.on <= d("2021-12-31")));
    // A host that owns the ledger gets the same view from its own events.
    assert_eq!(full.clone().into_as_of(d("2021-12-31")).unwrap(), *cut);
    assert_eq!(full.clone().into_as_of(d("2022-12-31")).unwrap(), *full);
    for ledger in [full, &*cut] {
        let f = ledger.year_figures(2021, d("2021-12-31")).unwrap();
        assert_eq!(f.replies_late, 0);
        assert_eq!(
            f.classes_final.iter().map(|r| r.count).collect::<Vec<_>>(),
            [0, 0, 1, 0]
        );
        assert_eq!(f.satisfaction_rate.count, 1);
        assert_eq!(f.as_of, before.as_of);
    }
    // The rollover decision of 31 December is known on that day: only it differs.
    let after = full.year_figures(2021, d("2021-12-31")).unwrap();
    assert_eq!(after.replied, before.replied);
    assert_eq!(after.classes_final, before.classes_final);
    let summary_after = full.annual_summary(2021, d("2021-12-31")).unwrap();
    assert_eq!(
        summary_after.figures.replies_late,
        summary_before.figures.replies_late
    );
    // As of the end of 2022 the same year reads the later reply and rating.
    let later = full.year_figures(2021, d("2022-12-31")).unwrap();
    assert_eq!(
        later
            .classes_final
            .iter()
            .map(|r| r.count)
            .collect::<Vec<_>>(),
        [1, 0, 0, 0]
    );
    assert_eq!(later.replies_late, 1);
    assert_eq!(later.satisfaction_rate.count, 0);
}

#[test]
fn a_joint_reply_is_one_reply() {
    let mut s = Scenario::seed_city();
    s.submit("2022-02-23", "J001", "D02", &[]);
    s.register("2022-03-01", "J001");
    s.assign(
        "2022-03-31",
        "J001",
        AssignmentPlan {
            mode: HandlingMode::Joint,
            leads: vec![unit("U-FIN"), unit("U-YOUTH")],
            co: vec![],
        },
    );
    s.contact("2022-04-10", "J001", "U-FIN");
    s.contact("2022-04-10", "J001", "U-YOUTH");
    // Three months from 31 March is 30 June: one agreed reply in August is one late reply.
    s.reply("2022-08-01", "J001", "U-FIN", "resolved", None);
    let f = s.ledger.year_figures(2022, d("2022-12-31")).unwrap();
    assert_eq!(f.replied, 1);
    assert_eq!(f.replies_late, 1);
    assert_eq!(f.on_time_rate.count, 0);
    let t = s.ledger.year_tables(2022, d("2022-12-31")).unwrap();
    assert_eq!(t.timeliness.rows[1].count, 1);
}

#[test]
fn every_overlap_of_the_by_system_counts_is_stated() {
    let mut s = Scenario::seed_city();
    s.submit("2022-02-23", "J001", "D02", &[]);
    s.register("2022-03-01", "J001");
    s.assign("2022-03-31", "J001", split("U-FIN", "U-COURT"));
    s.assigned("J002", "D03", "U-FIN");
    let f = s.ledger.year_figures(2022, d("2022-12-31")).unwrap();
    let counted: u64 = f.by_system.iter().map(|r| r.items).sum();
    assert_eq!(counted, 3);
    assert_eq!(f.handled_by_systems, 2);
    assert_eq!(f.system_overlaps.len(), 1);
    let o = &f.system_overlaps[0];
    assert_eq!(o.systems, [System::Government, System::Court]);
    assert_eq!(o.mode, HandlingMode::Split);
    assert_eq!(counted - o.extra_counts(), f.handled_by_systems);
    let summary = s.ledger.annual_summary(2022, d("2022-12-31")).unwrap();
    assert!(summary
        .render_zh()
        .contains("市政府系统与市中级人民法院分办1件"));
    assert!(summary
        .render(
            jianyi_core::report::Lang::En,
            jianyi_core::report::Format::Text
        )
        .contains("1 item split between the city government system and the intermediate court"));
}

#[test]
fn a_converted_motion_is_one_document() {
    let mut s = Scenario::seed_city();
    let signers: Vec<_> = (2..=10).map(|i| deputy(&format!("D{i:02}"))).collect();
    s.ok(
        "2022-02-22",
        as_deputy("D01"),
        Action::SubmitMotion {
            item: item("M1"),
            session: "9-1".parse().unwrap(),
            lead: deputy("D01"),
            cosigners: signers,
            delegation: None,
            text: text("关于切实优化提升营商环境的议案"),
        },
    );
    s.ok(
        "2022-02-24",
        Actor::Presidium,
        Action::DecideMotion {
            item: item("M1"),
            decision: MotionDecision::ConvertToSuggestion {
                suggestion: item("J-M1"),
            },
        },
    );
    s.submit("2022-02-23", "J001", "D02", &[]);
    let t = s.ledger.year_tables(2022, d("2022-12-31")).unwrap();
    // One motion (converted) and one suggestion submitted as such: two documents.
    assert_eq!(t.by_kind.denominator, 2);
    let counts: Vec<u64> = t.by_kind.rows.iter().map(|r| r.count).collect();
    assert_eq!(counts, [1, 1]);
    assert!(t.by_kind.of.zh.contains("只计一次"));
    let f = s.ledger.year_figures(2022, d("2022-12-31")).unwrap();
    assert_eq!(f.suggestions_total, 2);
    assert_eq!(f.motions_converted, 1);
}

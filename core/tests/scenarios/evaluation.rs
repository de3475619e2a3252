//! 评: third-party evaluation on the seed's calendar (三.3), the unit assessment and the
//! excellence honours (四).

use jianyi_core::evaluation::{sampled, CandidateReason};
use jianyi_core::profile::{Points, Proportion};
use jianyi_core::{Action, Actor, Fact, ItemStatus, ReplyRound};

use super::common::*;

fn recommend(seed: u64, items: &[&str]) -> Action {
    Action::RecommendForEvaluation {
        seed,
        items: items.iter().map(|i| item(i)).collect(),
    }
}

fn select(area: &str, items: &[&str]) -> Action {
    Action::SelectForEvaluation {
        area: area.into(),
        items: items.iter().map(|i| item(i)).collect(),
    }
}

fn deploy(items: &[&str]) -> Action {
    Action::DeployEvaluation {
        items: items.iter().map(|i| item(i)).collect(),
    }
}

fn conclude(id: &str, outcome: &str) -> Action {
    Action::ConcludeEvaluation {
        item: item(id),
        outcome: outcome.into(),
        finding: "必要性、可行性分析".into(),
    }
}

/// Submitted in 2022's session, replied on 20 April, rated on 5 May.
fn rated(s: &mut Scenario, id: &str, lead: &str, u: &str, class: &str, level: &str) {
    s.assigned(id, lead, u);
    s.contact("2022-04-10", id, u);
    let promised = (class == "planned").then_some("2022-12-31");
    s.reply("2022-04-20", id, u, class, promised);
    let comment = (level == "dissatisfied").then_some("未实质解决");
    s.rate("2022-05-05", id, lead, level, comment);
}

/// The first seed under which `yes` is sampled and `no` is not (20% each).
fn seed_sampling(yes: &str, no: &str) -> u64 {
    let share = Proportion::from_ppm(200_000).unwrap();
    (0..1000)
        .find(|s| sampled(*s, &item(yes), share) && !sampled(*s, &item(no), share))
        .unwrap()
}

#[test]
fn third_party_evaluation_follows_the_seed_calendar() {
    let mut s = Scenario::seed_city();
    let meeting = || Actor::DirectorsMeeting;

    // Last year: an item evaluated at its deputy's request, concluded "continue handling".
    s.submit("2021-01-12", "E0", "D05", &[]);
    s.register("2021-01-20", "E0");
    s.assign("2021-02-25", "E0", lead_only("U-HOUSE"));
    s.contact("2021-03-10", "E0", "U-HOUSE");
    s.reply("2021-04-12", "E0", "U-HOUSE", "planned", Some("2021-12-31"));
    s.rate("2021-04-22", "E0", "D05", "basically_satisfied", None);
    s.ok(
        "2021-06-10",
        as_deputy("D05"),
        Action::RequestEvaluation { item: item("E0") },
    );
    let facts = s.ok("2021-07-15", office(), recommend(1, &["E0"]));
    assert!(
        matches!(&facts[0], Fact::EvaluationRecommended { reasons, .. }
        if reasons.contains(&CandidateReason::Requested))
    );
    s.ok("2021-08-20", meeting(), select("城市建设", &["E0"]));
    s.ok("2021-09-07", office(), deploy(&["E0"]));
    let facts = s.ok("2021-10-21", meeting(), conclude("E0", "continue"));
    assert!(matches!(
        &facts[0],
        Fact::EvaluationConcluded {
            reopens: true,
            into_year: None,
            ..
        }
    ));
    let e0 = s.ledger.item(&item("E0")).unwrap();
    assert_eq!(e0.status, ItemStatus::Handling);
    assert!(e0.open_reply_duty(&unit("U-HOUSE")).is_some_and(|d| d.kind
        == jianyi_core::item::DutyKind::Reply {
            round: ReplyRound::Rehandle
        }));
    // Handled again and answered "resolved".
    s.reply("2021-11-15", "E0", "U-HOUSE", "resolved", None);

    // This year's candidates: dissatisfied, a sampled basically-satisfied, one requested
    // by its unit; one basically-satisfied outside the sample is no candidate.
    rated(&mut s, "E1", "D02", "U-EDU", "reference", "dissatisfied");
    rated(
        &mut s,
        "E2",
        "D03",
        "U-EDU",
        "planned",
        "basically_satisfied",
    );
    rated(
        &mut s,
        "E3",
        "D04",
        "U-FIN",
        "resolved",
        "basically_satisfied",
    );
    rated(
        &mut s,
        "E4",
        "D06",
        "U-FIN",
        "planned",
        "basically_satisfied",
    );
    s.ok(
        "2022-05-10",
        office(),
        Action::DecideReopen {
            item: item("E1"),
            reopen: false,
        },
    );
    let seed = seed_sampling("E2", "E4");
    s.ok(
        "2022-06-20",
        as_unit("U-FIN"),
        Action::RequestEvaluation { item: item("E3") },
    );
    let candidates = s.ledger.evaluation_candidates(2022, seed);
    let ids: Vec<&str> = candidates.iter().map(|c| c.item.as_str()).collect();
    assert_eq!(ids, ["E1", "E2", "E3"]);
    s.refused(
        "2022-07-15",
        office(),
        recommend(seed, &["E4"]),
        "evaluation.not_candidate",
    );
    let facts = s.ok("2022-07-15", office(), recommend(seed, &["E1", "E2", "E3"]));
    let reasons: Vec<Vec<CandidateReason>> = facts
        .iter()
        .map(|f| match f {
            Fact::EvaluationRecommended { reasons, .. } => reasons.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        reasons,
        [
            vec![CandidateReason::Dissatisfied],
            vec![CandidateReason::SampledBasicallySatisfied],
            vec![CandidateReason::Requested],
        ]
    );
    // August: the directors' meeting selects them in two areas.
    s.refused(
        "2022-08-20",
        office(),
        deploy(&["E1"]),
        "evaluation.wrong_stage",
    );
    s.ok("2022-08-20", meeting(), select("教育发展", &["E1", "E2"]));
    s.ok("2022-08-20", meeting(), select("财政金融", &["E3"]));
    // 7 September: deployed; 21 October: concluded with both outcomes.
    s.ok("2022-09-07", office(), deploy(&["E1", "E2", "E3"]));
    s.refused(
        "2022-10-21",
        meeting(),
        conclude("E1", "invented"),
        "evaluation.unknown_outcome",
    );
    s.ok("2022-10-21", meeting(), conclude("E1", "continue"));
    s.ok(
        "2022-10-21",
        meeting(),
        conclude("E2", "basically_resolved"),
    );
    s.ok(
        "2022-10-21",
        meeting(),
        conclude("E3", "basically_resolved"),
    );
    s.refused(
        "2022-10-22",
        meeting(),
        conclude("E3", "continue"),
        "evaluation.wrong_stage",
    );
    let e1 = s.ledger.item(&item("E1")).unwrap();
    assert_eq!(e1.status, ItemStatus::Handling, "continue handling reopens");
    assert_eq!(
        s.ledger.item(&item("E2")).unwrap().status,
        ItemStatus::Replied
    );

    let f = s.ledger.evaluation_figures(2022);
    assert_eq!((f.recommended, f.selected, f.areas), (3, 3, 2));
    assert_eq!(f.recommended_months, [7]);
    assert_eq!(f.selected_months, [8]);
    assert_eq!(f.deployed_on, [d("2022-09-07")]);
    assert_eq!(f.concluded_on, [d("2022-10-21")]);
    let outcomes: Vec<(&str, u64, u64)> = f
        .outcomes
        .iter()
        .map(|o| (o.outcome.as_str(), o.areas, o.items))
        .collect();
    assert_eq!(outcomes, [("continue", 1, 1), ("basically_resolved", 2, 2)]);
    // Last year's evaluated item followed up: answered "resolved" after its conclusion.
    assert_eq!(f.follow_up.items, 1);
    let resolved = f
        .follow_up
        .by_class
        .iter()
        .find(|(c, _, _)| c == "resolved");
    assert_eq!(resolved.map(|r| r.2), Some(1));
    assert_eq!(s.ledger.evaluation_figures(2021).selected, 1);
    // E1, reopened this year and not yet answered again, is followed up next year.
    let next = s.ledger.evaluation_figures(2023).follow_up;
    assert_eq!((next.items, next.unreplied), (1, 1));
    let text = s
        .ledger
        .annual_summary(2022, d("2022-12-31"))
        .unwrap()
        .render_zh();
    assert!(text.contains("7月份启动评估建议推荐工作，推荐建议3件；8月份主任会议研究确定2个方面3件第三方评估建议；9月7日，召开部署会"), "{text}");
    assert!(text.contains("10月21日，召开联组会议，逐项讨论评估结论，最终确定为“继续办理”的共1个方面1件建议，确定为“基本解决”的共2个方面2件建议。"), "{text}");
}

#[test]
fn last_years_reopened_items_are_followed_up_by_their_new_class() {
    let mut s = Scenario::seed_city();
    let meeting = || Actor::DirectorsMeeting;
    for (id, lead) in [("F1", "D02"), ("F2", "D03")] {
        s.submit("2021-01-12", id, lead, &[]);
        s.register("2021-01-20", id);
        s.assign("2021-02-25", id, lead_only("U-HOUSE"));
        s.contact("2021-03-10", id, "U-HOUSE");
        s.reply("2021-04-12", id, "U-HOUSE", "planned", Some("2021-12-31"));
        s.rate("2021-04-22", id, lead, "basically_satisfied", None);
        s.ok(
            "2021-06-10",
            as_deputy(lead),
            Action::RequestEvaluation { item: item(id) },
        );
    }
    s.ok("2021-07-15", office(), recommend(1, &["F1", "F2"]));
    s.ok("2021-08-20", meeting(), select("城市建设", &["F1", "F2"]));
    s.ok("2021-09-07", office(), deploy(&["F1", "F2"]));
    s.ok("2021-10-21", meeting(), conclude("F1", "continue"));
    s.ok("2021-10-21", meeting(), conclude("F2", "continue"));
    // Re-handled into the new year: one resolved in April, one still planned.
    s.reply("2022-04-08", "F1", "U-HOUSE", "resolved", None);
    let f = s.ledger.evaluation_figures(2022);
    assert_eq!(f.follow_up.items, 2);
    let by: Vec<(&str, u64)> = f
        .follow_up
        .by_class
        .iter()
        .filter(|(_, _, n)| *n > 0)
        .map(|(c, _, n)| (c.as_str(), *n))
        .collect();
    assert_eq!(by, [("resolved", 1)]);
    assert_eq!(f.follow_up.unreplied, 1);
    let summary = s.ledger.annual_summary(2022, d("2022-12-31")).unwrap();
    let text = summary.render_zh();
    assert!(
        text.contains("2件重新办理的建议中，结果为“解决采纳”的1件、尚未答复的1件"),
        "{text}"
    );
}

#[test]
fn continue_handling_after_the_year_has_ended_rolls_into_the_next() {
    let mut s = Scenario::seed_city();
    let meeting = || Actor::DirectorsMeeting;
    rated(
        &mut s,
        "G1",
        "D02",
        "U-EDU",
        "planned",
        "basically_satisfied",
    );
    s.ok(
        "2022-06-01",
        as_deputy("D02"),
        Action::RequestEvaluation { item: item("G1") },
    );
    s.ok("2022-07-15", office(), recommend(3, &["G1"]));
    s.ok("2022-08-20", meeting(), select("教育发展", &["G1"]));
    s.ok("2022-09-07", office(), deploy(&["G1"]));
    let facts = s.ok("2023-01-10", meeting(), conclude("G1", "continue"));
    assert!(matches!(
        &facts[0],
        Fact::EvaluationConcluded {
            into_year: Some(2023),
            ..
        }
    ));
    let g1 = s.ledger.item(&item("G1")).unwrap();
    assert_eq!(g1.rolled_into, [2023]);
    assert!(g1.in_work_list(2023));
}

#[test]
fn assessors_score_units_and_every_lost_point_names_its_items() {
    let mut s = Scenario::seed_city();
    rated(&mut s, "A1", "D02", "U-EDU", "resolved", "satisfied");
    rated(&mut s, "A2", "D03", "U-EDU", "reference", "dissatisfied");
    rated(&mut s, "A3", "D04", "U-FIN", "resolved", "satisfied");
    let score = |u: &str, ind: &str, pts: i64| Action::RecordAssessmentScore {
        year: 2022,
        unit: unit(u),
        indicator: ind.into(),
        points: Points::from_milli(pts),
        note: "查阅制度文件".into(),
    };
    let assessor = || Actor::Assessor;
    s.refused(
        "2022-12-10",
        assessor(),
        score("U-EDU", "nope", 1000),
        "assessment.unknown_indicator",
    );
    s.refused(
        "2022-12-10",
        assessor(),
        score("U-EDU", "contact", 1000),
        "assessment.unknown_indicator",
    );
    s.refused(
        "2022-12-10",
        assessor(),
        score("U-EDU", "rules", 5500),
        "assessment.points_out_of_range",
    );
    for u in ["U-EDU", "U-FIN"] {
        s.ok("2022-12-10", assessor(), score(u, "rules", 5000));
        s.ok("2022-12-10", assessor(), score(u, "plan", 4500));
        s.ok("2022-12-10", assessor(), score(u, "staff", 10_000));
    }
    let a = s.ledger.unit_assessment(2022, d("2022-12-31")).unwrap();
    let edu = a.units.iter().find(|u| u.unit == unit("U-EDU")).unwrap();
    let fin = a.units.iter().find(|u| u.unit == unit("U-FIN")).unwrap();
    // U-FIN: everything met except the co-opinion indicator it has no item for (full).
    let copied = fin.dimensions[3].indicators[2].clone();
    assert_eq!(copied.id, "copied");
    assert_eq!(
        copied.cost_by.len(),
        1,
        "the test city copies to 人事代表工委, not the profile's recipient"
    );
    assert!(fin.vetoes.is_empty());
    assert_eq!(fin.band, fin.band_by_points);
    // U-EDU lost satisfaction and result points on A2, and 0.2 for the dissatisfied item.
    let satisfaction = edu
        .dimensions
        .iter()
        .flat_map(|d| d.indicators.iter())
        .find(|i| i.id == "satisfaction")
        .unwrap();
    assert_eq!(satisfaction.cost_by, [item("A2")]);
    assert_eq!(satisfaction.points, Points::whole(5));
    assert_eq!(edu.deductions.len(), 1);
    assert_eq!(edu.deductions[0].items, [item("A2")]);
    assert_eq!(edu.deductions[0].points, Points::from_milli(200));
    let sum = edu
        .dimensions
        .iter()
        .fold(Points::ZERO, |a, d| a.plus(d.points));
    assert_eq!(edu.total, sum.minus(Points::from_milli(200)));
    // The dissatisfied item vetoes anything above 一般.
    assert_eq!(edu.vetoes.len(), 1);
    assert_eq!(edu.band, "fair");
    // Ranked within the government group, best first.
    assert_eq!(a.units[0].rank_in_group, 1);
    assert!(a.units.iter().all(|u| u.group == "government"));
}

#[test]
fn honours_keep_ties_whole_and_respect_the_quota() {
    let mut s = Scenario::seed_city();
    // Five suggestions: 10% of 5 is 0.5 → floor 0 → at least 1. Two tie at the top.
    rated(&mut s, "H1", "D02", "U-EDU", "resolved", "satisfied");
    rated(&mut s, "H2", "D03", "U-EDU", "resolved", "satisfied");
    rated(
        &mut s,
        "H3",
        "D04",
        "U-FIN",
        "reference",
        "basically_satisfied",
    );
    rated(
        &mut s,
        "H4",
        "D01",
        "U-FIN",
        "planned",
        "basically_satisfied",
    );
    s.submit("2022-02-23", "H5", "D05", &[]);
    let ex = s.ledger.excellence(2022);
    assert_eq!(ex.suggestions.pool, 5);
    assert_eq!(ex.suggestions.quota, 1);
    assert_eq!(ex.suggestions.tied_at_cut, 2);
    assert_eq!(ex.suggestions.allowed, 2);
    let standing: Vec<(&str, &str)> = ex
        .suggestions
        .rows
        .iter()
        .map(|r| (r.id.as_str(), r.standing.label_zh()))
        .collect();
    assert_eq!(standing[0].1, standing[1].1);
    assert_eq!(standing.last().unwrap(), &("H5", "不符合条件"));
    let honour = |sug: &[&str], dep: &[&str]| Action::HonourExcellence {
        year: 2022,
        suggestions: sug.iter().map(|i| item(i)).collect(),
        deputies: dep.iter().map(|i| deputy(i)).collect(),
    };
    let meeting = || Actor::DirectorsMeeting;
    s.refused(
        "2022-12-30",
        meeting(),
        honour(&["H1"], &[]),
        "excellence.tie_split",
    );
    s.refused(
        "2022-12-30",
        meeting(),
        honour(&["H1", "H2", "H3"], &[]),
        "excellence.over_quota",
    );
    s.refused(
        "2022-12-30",
        meeting(),
        honour(&["H5"], &[]),
        "excellence.ineligible",
    );
    s.ok("2022-12-30", meeting(), honour(&["H1", "H2"], &[]));
    s.refused(
        "2022-12-30",
        meeting(),
        honour(&["H1"], &[]),
        "excellence.already_honoured",
    );
    // Deputies: 6% of 12 → 0 → at least 1; D01 holds office and is not eligible; D02 and
    // D03 tie on points (lead, resolved, excellent) and on every tie-breaker.
    let ex = s.ledger.excellence(2022);
    assert_eq!(ex.deputies.quota, 1);
    let d01 = ex.deputies.rows.iter().find(|r| r.id == "D01").unwrap();
    assert_eq!(d01.ineligible.as_deref(), Some("holds a leading office"));
    let top: Vec<&str> = ex.deputies.rows[..2]
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(top, ["D02", "D03"]);
    assert_eq!(ex.deputies.rows[0].rank, ex.deputies.rows[1].rank);
    s.refused(
        "2022-12-30",
        meeting(),
        honour(&[], &["D01"]),
        "excellence.ineligible",
    );
    s.refused(
        "2022-12-30",
        meeting(),
        honour(&[], &["D02"]),
        "excellence.tie_split",
    );
    s.ok("2022-12-30", meeting(), honour(&[], &["D02", "D03"]));
    let f = s.ledger.recognition_figures(2022, d("2022-12-31")).unwrap();
    assert_eq!(
        (f.suggestions.honoured, f.suggestions.tied_honoured),
        (2, 2)
    );
    assert_eq!((f.deputies.honoured, f.deputies.tied_honoured), (2, 2));
    let text = s
        .ledger
        .annual_summary(2022, d("2022-12-31"))
        .unwrap()
        .render_zh();
    assert!(
        text.contains("今年5件建议中评出优秀建议2件（名额1件，含排名并列的2件）"),
        "{text}"
    );
}

//! The bundled presets (SPEC §2): `seed-city` (default), `shanghai`, `chongqing`, `npc`.
//!
//! `shanghai` is the base: the seed's vocabulary matches Shanghai word for word
//! (RULES.md "Model locality"). The others are written as differences from it, so each
//! difference is visible and cites its source.

use crate::actor::ActorRole as R;
use crate::calendar::{Window, WindowUnit};
use crate::command::ActionKind as A;
use crate::error::ProfileError;

use super::{
    AssignmentRules, CalendarRules, Evaluator, ExcellenceRules, ExtensionRules, FeedbackLevelDef,
    FeedbackMeaning, FeedbackRules, FollowUpRules, Grant, HandlingRules, IntakeRules, Label,
    Limits, MonthDay, MotionRules, OutcomeDef, Profile, Proportion, QuotaRounding, RateDef,
    RehandleRules, ReplyAnchor, ResultClassDef, ResultDenominator, ResultMeaning, ResultRules,
    ReturnAnchor, RolloverRules, Rounding, StatisticsRules, SupervisionRules, TermEndRules,
    ThirdPartyRules, TopicDef,
};

/// The preset names, default first.
pub const PRESET_NAMES: [&str; 4] = ["seed-city", "shanghai", "chongqing", "npc"];

pub(super) fn preset(name: &str) -> Result<Profile, ProfileError> {
    match name {
        "seed-city" => Ok(seed_city()),
        "shanghai" => Ok(shanghai()),
        "chongqing" => Ok(chongqing()),
        "npc" => Ok(npc()),
        other => Err(ProfileError::UnknownPreset {
            name: other.to_owned(),
        }),
    }
}

const fn wd(amount: u32) -> Window {
    Window {
        amount,
        unit: WindowUnit::WorkingDays,
    }
}

const fn months(amount: u32) -> Window {
    Window {
        amount,
        unit: WindowUnit::Months,
    }
}

const fn days(amount: u32) -> Window {
    Window {
        amount,
        unit: WindowUnit::CalendarDays,
    }
}

fn ppm(v: u32) -> Proportion {
    Proportion::from_ppm(v).unwrap_or(Proportion(0))
}

fn class(
    id: &str,
    zh: &str,
    en: &str,
    letter: Option<&str>,
    meaning: ResultMeaning,
    promise: bool,
) -> ResultClassDef {
    ResultClassDef {
        id: id.to_owned(),
        label: Label::new(zh, en),
        letter: letter.map(str::to_owned),
        meaning,
        needs_promised_date: promise,
        creates_commitment: promise,
    }
}

fn level(id: &str, zh: &str, en: &str, meaning: FeedbackMeaning) -> FeedbackLevelDef {
    FeedbackLevelDef {
        id: id.to_owned(),
        label: Label::new(zh, en),
        meaning,
    }
}

fn topic(id: &str, zh: &str, en: &str) -> TopicDef {
    TopicDef {
        id: id.to_owned(),
        label: Label::new(zh, en),
    }
}

fn strings(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|s| (*s).to_owned()).collect()
}

/// The authorization table (SPEC §4 "Who may do what"); `assigners` are the bodies that
/// 交办 (RULES.md §2.3: the 代表工委, with the 市府办公厅 in some localities).
fn authorization(assigners: &[R]) -> Vec<Grant> {
    let office = [R::DeputyAffairsOffice];
    let rows: Vec<(A, Vec<R>)> = vec![
        (A::RegisterSession, office.to_vec()),
        (A::RegisterDeputy, office.to_vec()),
        (A::RegisterDelegation, office.to_vec()),
        (A::RegisterUnit, office.to_vec()),
        (A::RegisterCommittee, office.to_vec()),
        (A::RegisterLeader, office.to_vec()),
        (A::SubmitMotion, vec![R::Deputy, R::DelegationHead]),
        (A::DecideMotion, vec![R::Presidium]),
        (A::SubmitSuggestion, vec![R::Deputy, R::DelegationHead]),
        (A::Withdraw, vec![R::Deputy, R::DelegationHead]),
        (A::Reject, vec![R::DeputyAffairsOffice, R::Presidium]),
        (A::Register, vec![R::DeputyAffairsOffice, R::Presidium]),
        (A::PreAssign, vec![R::DeputyAffairsOffice, R::Presidium]),
        (
            A::RaiseDispute,
            vec![R::DeputyAffairsOffice, R::GovernmentOffice, R::Unit],
        ),
        (
            A::SettleDispute,
            vec![R::DeputyAffairsOffice, R::GovernmentOffice, R::Leader],
        ),
        (A::Assign, assigners.to_vec()),
        (A::RequestReturn, vec![R::Unit]),
        (A::DecideReturn, assigners.to_vec()),
        (A::Reassign, assigners.to_vec()),
        (A::RecordContact, vec![R::Unit]),
        (A::SendCoOpinion, vec![R::Unit]),
        (A::ReturnCoOpinion, vec![R::Unit]),
        (A::RequestExtension, vec![R::Unit]),
        (A::DecideExtension, assigners.to_vec()),
        (A::IssueReply, vec![R::Unit]),
        (A::GiveFeedback, vec![R::Deputy, R::DelegationHead]),
        (A::LapseFeedback, office.to_vec()),
        (A::DecideReopen, office.to_vec()),
        (A::RequestFollowUp, office.to_vec()),
        (A::FulfilCommitment, vec![R::Unit]),
        (A::Rollover, office.to_vec()),
        (A::LookBack, vec![R::DeputyAffairsOffice, R::Committee]),
        (A::Close, office.to_vec()),
        (A::SelectKeyItem, vec![R::DirectorsMeeting]),
        (
            A::AssignLeaderLed,
            vec![R::GovernmentOffice, R::DeputyAffairsOffice],
        ),
        (
            A::LogSupervisionActivity,
            vec![R::DeputyAffairsOffice, R::Committee, R::Leader],
        ),
        (
            A::RequestEvaluation,
            vec![R::Deputy, R::DelegationHead, R::Unit],
        ),
        (A::RecommendForEvaluation, office.to_vec()),
        (A::SelectForEvaluation, vec![R::DirectorsMeeting]),
        (
            A::DeployEvaluation,
            vec![R::DeputyAffairsOffice, R::EvaluationPanel],
        ),
        (A::ConcludeEvaluation, vec![R::DirectorsMeeting]),
        (
            A::RecordAssessmentScore,
            vec![R::Assessor, R::DeputyAffairsOffice],
        ),
        (A::HonourExcellence, vec![R::DirectorsMeeting]),
    ];
    rows.into_iter()
        .map(|(action, roles)| Grant { action, roles })
        .collect()
}

fn shanghai_classes() -> Vec<ResultClassDef> {
    use ResultMeaning as M;
    vec![
        class(
            "resolved",
            "解决采纳",
            "resolved or adopted",
            None,
            M::Resolved,
            false,
        ),
        class(
            "in_progress",
            "正在解决",
            "being resolved",
            None,
            M::InProgress,
            true,
        ),
        class("planned", "计划解决", "planned", None, M::Planned, true),
        class(
            "reference",
            "留作参考",
            "kept for reference",
            None,
            M::ForReference,
            false,
        ),
    ]
}

fn three_levels() -> Vec<FeedbackLevelDef> {
    use FeedbackMeaning as F;
    vec![
        level("satisfied", "满意", "satisfied", F::Satisfied),
        level(
            "basically_satisfied",
            "基本满意",
            "basically satisfied",
            F::BasicallySatisfied,
        ),
        level("dissatisfied", "不满意", "dissatisfied", F::Dissatisfied),
    ]
}

/// Shanghai's rules (S-SH; RULES.md §1–§12 where Shanghai has a rule, Chongqing where not).
pub(super) fn shanghai() -> Profile {
    Profile {
        id: "shanghai".to_owned(),
        version: "2016.2".to_owned(),
        name: Label::new("上海市", "Shanghai"),
        based_on: "上海市人民代表大会关于代表建议、批评和意见的规定 (2015, amended 2016); RULES.md"
            .to_owned(),
        motion: MotionRules {
            min_signers: 10,
            delegation_may_submit: true,
        },
        intake: IntakeRules {
            recess_assign_within: wd(7),
            topics: vec![
                topic("finance_economy", "财政经济", "finance and economy"),
                topic("agriculture", "农业农村", "agriculture and rural affairs"),
                topic("social", "社会建设", "social development"),
                topic(
                    "education_culture_health",
                    "教科文卫",
                    "education, science, culture and health",
                ),
                topic(
                    "environment_construction",
                    "环资城建",
                    "environment, resources and urban construction",
                ),
                topic("democracy_law", "民主法制", "democracy and rule of law"),
                topic("other", "其他", "other"),
            ],
        },
        screening: super::intake_presets::generic(),
        assignment: AssignmentRules {
            return_window: wd(7),
            return_anchor: ReturnAnchor::Receipt,
            late_return_refused: true,
            reassign_within: wd(10),
            reply_clock_restarts_on_reassignment: true,
            max_pre_assignment_rounds: 3,
        },
        handling: HandlingRules {
            reply_deadline: months(3),
            reply_anchor: ReplyAnchor::Assignment,
            extension: ExtensionRules {
                max_extensions: 1,
                needs_approval: true,
                hard_maximum: months(6),
            },
            first_contact_within: wd(20),
            contact_required_before_reply: true,
            co_opinion_within: months(1),
            co_opinion_redo_within: wd(5),
        },
        results: ResultRules {
            classes: shanghai_classes(),
        },
        feedback: FeedbackRules {
            levels: three_levels(),
            evaluator: Evaluator::LeadDeputy,
            window: wd(20),
            lapsed_excluded_from_rates: true,
            comment_required_when_dissatisfied: true,
        },
        rehandle: RehandleRules {
            decided_by_office: true,
            deadline: months(1),
        },
        follow_up: FollowUpRules {
            trigger_classes: strings(&["in_progress"]),
            deadline: months(1),
        },
        rollover: RolloverRules {
            cutoff: MonthDay { month: 12, day: 15 },
            classes: strings(&["in_progress", "planned"]),
        },
        term_end: TermEndRules {
            explanation_required: true,
        },
        calendar: CalendarRules {
            holiday_roll_forward: true,
            due_soon_working_days: 5,
            regional_holidays: Vec::new(),
            regional_workdays: Vec::new(),
        },
        supervision: SupervisionRules { key_items_max: 30 },
        third_party: ThirdPartyRules {
            include_dissatisfied: true,
            basically_satisfied_sample: ppm(200_000),
            repeated_years_min: 2,
            outcomes: vec![
                OutcomeDef {
                    id: "continue".to_owned(),
                    label: Label::new("继续办理", "continue handling"),
                    reopens: true,
                },
                OutcomeDef {
                    id: "investigate".to_owned(),
                    label: Label::new("调研反馈", "investigate and report back"),
                    reopens: false,
                },
                OutcomeDef {
                    id: "reference".to_owned(),
                    label: Label::new("留作参考", "keep for reference"),
                    reopens: false,
                },
            ],
        },
        excellence: ExcellenceRules {
            suggestion_ratio: ppm(100_000),
            deputy_ratio: ppm(60_000),
            rounding: QuotaRounding::Floor,
            minimum_one: true,
            include_ties_at_cut: true,
            exclude_office_holders: true,
            suggestion_merits: super::assessment_presets::suggestion_merits(
                &shanghai_classes(),
                &three_levels(),
            ),
        },
        deputy_points: super::assessment_presets::deputy_points(),
        assessment: super::assessment_presets::seed_five(&shanghai_classes(), &three_levels()),
        statistics: StatisticsRules {
            rounding: Rounding::HalfUp,
            decimals: 1,
            force_total_100: false,
            trim_trailing_zeros: false,
            rates: vec![
                RateDef::ResultShare {
                    id: "resolution".to_owned(),
                    label: Label::new("解决采纳率", "resolved or adopted share"),
                    classes: strings(&["resolved"]),
                    over: ResultDenominator::Replied,
                },
                RateDef::Satisfaction {
                    id: "satisfaction".to_owned(),
                    label: Label::new("满意率", "satisfaction rate"),
                    levels: strings(&["satisfied", "basically_satisfied"]),
                },
            ],
        },
        authorization: authorization(&[R::DeputyAffairsOffice, R::GovernmentOffice]),
        limits: Limits {
            max_title_chars: 200,
            max_text_chars: 20_000,
            max_signers: 200,
        },
    }
}

/// The seed's city: Shanghai's rules with the seed's own practice (SEED-NOTES.md).
pub(super) fn seed_city() -> Profile {
    let mut p = shanghai();
    "seed-city".clone_into(&mut p.id);
    "2022.2".clone_into(&mut p.version);
    p.name = Label::new("某市（种子文档）", "the seed city");
    "某市2022年人大代表建议办理工作总结 (the seed); Shanghai where the seed is silent"
        .clone_into(&mut p.based_on);
    // The seed: 代表工委 assigns; the party and government offices join pre-assignment only.
    p.authorization = authorization(&[R::DeputyAffairsOffice]);
    // The seed held two pre-assignment rounds within a month after the session (一.三).
    p.assignment.max_pre_assignment_rounds = 2;
    // 8月 二次答复 for 正在解决 (三.1); 计划解决 roll into next year's work (三.2).
    p.follow_up.trigger_classes = strings(&["in_progress"]);
    p.rollover.classes = strings(&["planned"]);
    p.rollover.cutoff = MonthDay { month: 12, day: 31 };
    // 第三方评估 outcomes 继续办理 / 基本解决 (三.3).
    p.third_party.outcomes = vec![
        OutcomeDef {
            id: "continue".to_owned(),
            label: Label::new("继续办理", "continue handling"),
            reopens: true,
        },
        OutcomeDef {
            id: "basically_resolved".to_owned(),
            label: Label::new("基本解决", "basically resolved"),
            reopens: false,
        },
    ];
    // "今年重点督办建议数量比往年适当减少" (二.2).
    p.supervision.key_items_max = 20;
    // The seed prints integer shares for 留作参考 ("占*%"), one decimal elsewhere is unknown:
    // keep Shanghai's half-up with one decimal, trimmed like the seed's "100%".
    p.statistics.trim_trailing_zeros = true;
    // The sample city's units with their routing keywords (SPEC §5).
    p.screening = super::intake_presets::seed_city();
    p
}

/// Chongqing's regulation (S-CQ, the most detailed).
pub(super) fn chongqing() -> Profile {
    use ResultMeaning as M;
    let mut p = shanghai();
    "chongqing".clone_into(&mut p.id);
    "2018.2".clone_into(&mut p.version);
    p.name = Label::new("重庆市", "Chongqing");
    "重庆市人民代表大会代表建议批评和意见工作条例 (2017)".clone_into(&mut p.based_on);
    p.motion.delegation_may_submit = true;
    p.intake.recess_assign_within = wd(10); // Art 13
    p.assignment.return_window = wd(10); // Art 16
    p.assignment.return_anchor = ReturnAnchor::Assignment;
    p.assignment.reassign_within = wd(10);
    p.authorization = authorization(&[R::DeputyAffairsOffice]);
    p.handling.extension = ExtensionRules {
        max_extensions: 1,
        needs_approval: false, // Art 21: no approval step written
        hard_maximum: months(6),
    };
    p.handling.co_opinion_within = wd(30); // Art 20, from 交办
    p.results.classes = vec![
        class(
            "resolved",
            "已经解决或者采纳",
            "solved or adopted",
            None,
            M::Resolved,
            false,
        ),
        class(
            "researching",
            "正在研究解决",
            "being studied for a solution",
            None,
            M::InProgress,
            true,
        ),
        class(
            "not_feasible",
            "不具备解决条件",
            "conditions not met",
            None,
            M::Deferred,
            false,
        ),
        class(
            "escalated",
            "涉及上级国家机关职权",
            "for a higher authority",
            None,
            M::Escalated,
            false,
        ),
    ];
    p.rehandle.deadline = months(2); // Art 27
    p.follow_up.trigger_classes = strings(&["researching"]);
    p.rollover.classes = strings(&["researching"]);
    p.rollover.cutoff = MonthDay { month: 12, day: 31 };
    p.statistics.rates = vec![
        RateDef::ResultShare {
            id: "resolution".to_owned(),
            label: Label::new("解决采纳率", "solved or adopted share"),
            classes: strings(&["resolved"]),
            over: ResultDenominator::Replied,
        },
        RateDef::Satisfaction {
            id: "satisfaction".to_owned(),
            label: Label::new("满意率", "satisfaction rate"),
            levels: strings(&["satisfied", "basically_satisfied"]),
        },
    ];
    super::assessment_presets::fit(&mut p, "seed-five");
    p
}

/// National NPC practice: A–D classes, (A+B)/all as the headline rate (RULES.md §5.2–§5.3).
pub(super) fn npc() -> Profile {
    use ResultMeaning as M;
    let mut p = shanghai();
    "npc".clone_into(&mut p.id);
    "2019.2".clone_into(&mut p.version);
    p.name = Label::new("全国人大", "National People's Congress");
    "NPC handling practice (A–D marks; (A+B)/all headline rate)".clone_into(&mut p.based_on);
    p.motion.min_signers = 30;
    p.intake.topics = vec![
        topic(
            "education_science",
            "科教文卫",
            "science, education, culture and health",
        ),
        topic(
            "environment_construction",
            "资源环境·城乡建设·农林水利",
            "resources, environment, construction, agriculture",
        ),
        topic("social", "社会及公共事务", "social and public affairs"),
        topic(
            "legal",
            "人大法院检察院工作及法治建设",
            "congress, courts, procuratorates and rule of law",
        ),
        topic("finance", "财政税收金融", "finance, tax and banking"),
        topic(
            "economy",
            "发展规划和综合经济",
            "development planning and economy",
        ),
        topic("other", "其他", "other"),
    ];
    p.screening = super::intake_presets::npc();
    p.assignment.return_window = days(10);
    p.handling.contact_required_before_reply = false;
    p.results.classes = vec![
        class(
            "a",
            "已经解决或基本解决",
            "solved or basically solved",
            Some("A"),
            M::Resolved,
            false,
        ),
        class(
            "b",
            "正在解决或列入计划逐步解决",
            "being solved or planned",
            Some("B"),
            M::InProgress,
            true,
        ),
        class(
            "c",
            "因条件限制需以后解决",
            "to be solved when conditions allow",
            Some("C"),
            M::Deferred,
            false,
        ),
        class(
            "d",
            "留作参考",
            "kept for reference",
            Some("D"),
            M::ForReference,
            false,
        ),
    ];
    p.follow_up.trigger_classes = strings(&["b"]);
    p.rollover.classes = strings(&["b"]);
    p.rollover.cutoff = MonthDay { month: 12, day: 31 };
    p.statistics.decimals = 2;
    p.statistics.rates = vec![
        RateDef::ResultShare {
            id: "solved_or_planned".to_owned(),
            label: Label::new(
                "得到解决或计划逐步解决的比例",
                "solved or planned share of all",
            ),
            classes: strings(&["a", "b"]),
            over: ResultDenominator::All,
        },
        RateDef::Satisfaction {
            id: "satisfaction".to_owned(),
            label: Label::new("满意或基本满意", "satisfied or basically satisfied"),
            levels: strings(&["satisfied", "basically_satisfied"]),
        },
    ];
    super::assessment_presets::fit(&mut p, "seed-five");
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_is_valid() {
        for name in PRESET_NAMES {
            let p = preset(name).unwrap();
            assert_eq!(p.id, name);
            p.validate().unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }

    #[test]
    fn every_action_has_a_grant_in_every_preset() {
        for name in PRESET_NAMES {
            let p = preset(name).unwrap();
            for kind in A::ALL {
                assert!(
                    p.authorization.iter().any(|g| g.action == *kind),
                    "{name}: {kind}"
                );
            }
        }
    }

    #[test]
    fn unknown_preset_is_an_error() {
        let err = preset("atlantis").unwrap_err();
        assert_eq!(err.code().as_str(), "profile.unknown_preset");
    }

    #[test]
    fn presets_round_trip_through_json() {
        for name in PRESET_NAMES {
            let p = preset(name).unwrap();
            let back = Profile::from_json(&p.to_json()).unwrap();
            assert_eq!(back, p);
            assert_eq!(back.content_hash(), p.content_hash());
        }
    }
}

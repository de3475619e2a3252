//! Bundled assessment templates (RULES.md §10), deputies' points tables and merit tables
//! (RULES.md §11). Each is built from a profile's own classes and levels, by their meaning,
//! so the NPC's A–D marks get the same template as Shanghai's four classes.

use crate::directory::System;
use crate::error::ProfileError;

use super::{
    AssessmentRules, BandDef, ClassWeight, DeductionDef, DimensionDef, FeedbackLevelDef,
    FeedbackMeaning, GroupDef, IndicatorDef, IndicatorSource, ItemScope, Label, Measure, Merit,
    MeritRule, PointEvent, PointRule, Points, ResultClassDef, ResultMeaning, Trigger, VetoDef,
};

/// The assessment templates [`AssessmentRules::preset`] knows.
pub const ASSESSMENT_PRESETS: [&str; 3] = ["seed-five", "hainan", "shenzhen"];

/// The reply must be copied to the deputies' affairs office (RULES.md §4.3).
const COPY_TO_OFFICE: &str = "市人大常委会人事代表工委";

impl AssessmentRules {
    /// A bundled template fitted to `classes` and `levels`: `seed-five` (the seed's five
    /// dimensions), `hainan` (per-item scoring, 琼府办〔2002〕30号), `shenzhen` (veto bands,
    /// Shenzhen 2007).
    ///
    /// # Errors
    /// `profile.unknown_preset`.
    pub fn preset(
        name: &str,
        classes: &[ResultClassDef],
        levels: &[FeedbackLevelDef],
    ) -> Result<AssessmentRules, ProfileError> {
        match name {
            "seed-five" => Ok(seed_five(classes, levels)),
            "hainan" => Ok(hainan(classes)),
            "shenzhen" => Ok(shenzhen(levels)),
            other => Err(ProfileError::UnknownPreset {
                name: other.to_owned(),
            }),
        }
    }
}

fn pts(n: i64) -> Points {
    Points::whole(n)
}

fn computed(id: &str, zh: &str, en: &str, points: i64, measure: Measure) -> IndicatorDef {
    IndicatorDef {
        id: id.to_owned(),
        label: Label::new(zh, en),
        points: pts(points),
        source: IndicatorSource::Computed {
            measure,
            over: ItemScope::Lead,
        },
    }
}

fn co_computed(id: &str, zh: &str, en: &str, points: i64, measure: Measure) -> IndicatorDef {
    IndicatorDef {
        id: id.to_owned(),
        label: Label::new(zh, en),
        points: pts(points),
        source: IndicatorSource::Computed {
            measure,
            over: ItemScope::Co,
        },
    }
}

fn manual(id: &str, zh: &str, en: &str, points: i64) -> IndicatorDef {
    IndicatorDef {
        id: id.to_owned(),
        label: Label::new(zh, en),
        points: pts(points),
        source: IndicatorSource::Manual,
    }
}

fn dimension(id: &str, zh: &str, en: &str, indicators: Vec<IndicatorDef>) -> DimensionDef {
    DimensionDef {
        id: id.to_owned(),
        label: Label::new(zh, en),
        indicators,
    }
}

/// Weights by meaning: resolved earns everything, in progress most, planned more than half.
fn class_weights(classes: &[ResultClassDef]) -> Vec<ClassWeight> {
    classes
        .iter()
        .map(|c| ClassWeight {
            class: c.id.clone(),
            permille: match c.meaning {
                ResultMeaning::Resolved => 1000,
                ResultMeaning::InProgress => 800,
                ResultMeaning::Planned => 600,
                ResultMeaning::Deferred | ResultMeaning::Escalated => 400,
                ResultMeaning::ForReference => 200,
            },
        })
        .collect()
}

fn levels_meaning(levels: &[FeedbackLevelDef], meanings: &[FeedbackMeaning]) -> Vec<String> {
    levels
        .iter()
        .filter(|l| meanings.contains(&l.meaning))
        .map(|l| l.id.clone())
        .collect()
}

fn four_bands(max: i64) -> Vec<BandDef> {
    // ≥90 优秀, ≥80 良好, ≥60 一般, <60 较差 (RULES.md §10 default, Baoji's four bands),
    // as percentages of the template's maximum `max`.
    [
        ("excellent", "优秀", "excellent", 90),
        ("good", "良好", "good", 80),
        ("fair", "一般", "fair", 60),
        ("poor", "较差", "poor", 0),
    ]
    .into_iter()
    .map(|(id, zh, en, share)| BandDef {
        id: id.to_owned(),
        label: Label::new(zh, en),
        min: Points::whole(max).share(u64::try_from(share).unwrap_or(0), 100),
    })
    .collect()
}

/// Government departments and the others ranked apart (RULES.md §10.2, Baoji).
fn two_groups() -> Vec<GroupDef> {
    vec![
        GroupDef {
            id: "government".to_owned(),
            label: Label::new("政府部门", "government departments"),
            systems: vec![System::Government],
        },
        GroupDef {
            id: "others".to_owned(),
            label: Label::new("其他单位", "other units"),
            systems: vec![
                System::PartyMass,
                System::Court,
                System::Procuratorate,
                System::Congress,
                System::Other,
            ],
        },
    ]
}

/// The seed's five dimensions (四: 建章立制, 人员配备, 代表沟通, 规范答复, 办理成效), weighted as
/// RULES.md §10.1 finds in practice: organisation and staffing 20, communication 20, reply
/// quality 30, results and satisfaction 30; Baoji's −0.2 per dissatisfied item; the default
/// vetoes (a late reply or a dissatisfied rating caps the band at 一般).
pub(super) fn seed_five(
    classes: &[ResultClassDef],
    levels: &[FeedbackLevelDef],
) -> AssessmentRules {
    let satisfied = levels_meaning(
        levels,
        &[
            FeedbackMeaning::Satisfied,
            FeedbackMeaning::BasicallySatisfied,
        ],
    );
    let dissatisfied = levels_meaning(levels, &[FeedbackMeaning::Dissatisfied]);
    AssessmentRules {
        name: Label::new(
            "建议办理工作考核评价细则",
            "rules for assessing the handling units",
        ),
        dimensions: vec![
            dimension(
                "institution",
                "建章立制",
                "institution building",
                vec![
                    manual("rules", "办理制度健全", "rules and procedures in place", 5),
                    manual("plan", "专题研究部署", "a meeting on the handling plan", 5),
                ],
            ),
            dimension(
                "staffing",
                "人员配备",
                "staffing",
                vec![manual(
                    "staff",
                    "分管领导和经办人员明确",
                    "a leader in charge and case officers named",
                    10,
                )],
            ),
            dimension(
                "communication",
                "代表沟通",
                "communication with deputies",
                vec![
                    computed(
                        "contact",
                        "答复前与代表沟通",
                        "contact before the reply",
                        15,
                        Measure::ContactBeforeReply,
                    ),
                    co_computed(
                        "co_opinion",
                        "会办意见按时送达",
                        "co-handlers' opinions on time",
                        5,
                        Measure::CoOpinionsOnTime,
                    ),
                ],
            ),
            dimension(
                "replies",
                "规范答复",
                "standard replies",
                vec![
                    computed(
                        "on_time",
                        "按时答复",
                        "replies on time",
                        15,
                        Measure::RepliesOnTime,
                    ),
                    computed(
                        "signed",
                        "负责人审核签发",
                        "signed off by the head",
                        10,
                        Measure::SignedByHead,
                    ),
                    computed(
                        "copied",
                        "按规定抄送",
                        "copied as required",
                        5,
                        Measure::CopiedTo {
                            recipients: vec![COPY_TO_OFFICE.to_owned()],
                        },
                    ),
                ],
            ),
            dimension(
                "results",
                "办理成效",
                "results",
                vec![
                    computed(
                        "result_mix",
                        "办理结果",
                        "result classes",
                        15,
                        Measure::ResultMix {
                            weights: class_weights(classes),
                        },
                    ),
                    computed(
                        "satisfaction",
                        "代表满意度",
                        "deputies' satisfaction",
                        10,
                        Measure::Satisfaction { levels: satisfied },
                    ),
                    computed(
                        "not_rehandled",
                        "无重新办理",
                        "no re-handling",
                        5,
                        Measure::NotRehandled,
                    ),
                ],
            ),
        ],
        deductions: vec![DeductionDef {
            id: "dissatisfied".to_owned(),
            label: Label::new("代表不满意", "deputy dissatisfied"),
            per_item: Points::from_milli(200),
            trigger: Trigger::Rated {
                levels: dissatisfied.clone(),
            },
        }],
        bands: four_bands(100),
        vetoes: vec![
            VetoDef {
                id: "late_reply".to_owned(),
                label: Label::new("逾期答复", "a reply past its deadline"),
                cap: "fair".to_owned(),
                trigger: Trigger::LateReply,
            },
            VetoDef {
                id: "dissatisfied".to_owned(),
                label: Label::new("代表不满意未解决", "a deputy left dissatisfied"),
                cap: "fair".to_owned(),
                trigger: Trigger::Rated {
                    levels: dissatisfied,
                },
            },
        ],
        groups: two_groups(),
    }
}

/// Hainan-style per-item scoring (琼府办〔2002〕30号, RULES.md §10.1): each lead item out of
/// 100 — speed 20 (all or nothing: on time or with an approved extension), reply quality 50,
/// result 30 — averaged over the unit's lead items; co-handled items scored apart (10); the
/// organisation scored by assessors (10). Averaging per-item points of yes/no criteria equals
/// points × the share of items meeting each criterion, which is how the indicators compute.
fn hainan(classes: &[ResultClassDef]) -> AssessmentRules {
    AssessmentRules {
        name: Label::new(
            "承办单位办理工作评分（逐件）",
            "per-item scoring of handling units",
        ),
        dimensions: vec![
            dimension(
                "speed",
                "办理速度",
                "speed",
                vec![computed(
                    "on_time",
                    "按时答复",
                    "replies on time",
                    20,
                    Measure::RepliesOnTime,
                )],
            ),
            dimension(
                "quality",
                "答复质量",
                "reply quality",
                vec![
                    computed(
                        "contact",
                        "答复前与代表沟通",
                        "contact before the reply",
                        20,
                        Measure::ContactBeforeReply,
                    ),
                    computed(
                        "signed",
                        "负责人审核签发",
                        "signed off by the head",
                        20,
                        Measure::SignedByHead,
                    ),
                    computed(
                        "copied",
                        "按规定抄送",
                        "copied as required",
                        10,
                        Measure::CopiedTo {
                            recipients: vec![COPY_TO_OFFICE.to_owned()],
                        },
                    ),
                ],
            ),
            dimension(
                "result",
                "办理结果",
                "result",
                vec![computed(
                    "result_mix",
                    "办理结果",
                    "result classes",
                    30,
                    Measure::ResultMix {
                        weights: class_weights(classes),
                    },
                )],
            ),
            dimension(
                "co_items",
                "会办件",
                "co-handled items",
                vec![co_computed(
                    "co_opinion",
                    "会办意见按时送达",
                    "co-handlers' opinions on time",
                    10,
                    Measure::CoOpinionsOnTime,
                )],
            ),
            dimension(
                "organisation",
                "组织领导",
                "organisation",
                vec![manual(
                    "organisation",
                    "组织领导",
                    "organisation and leadership",
                    10,
                )],
            ),
        ],
        deductions: Vec::new(),
        // Bands on the same shares of the maximum (120): 108, 96, 72.
        bands: four_bands(120),
        vetoes: Vec::new(),
        groups: two_groups(),
    }
}

/// Shenzhen 2007 (RULES.md §10.2): three bands 良好/合格/不合格; online sign-off (scored by
/// assessors: the ledger does not see it), timeliness and satisfaction; any reply past its
/// deadline or any 不满意 makes the unit 不合格 whatever its points.
fn shenzhen(levels: &[FeedbackLevelDef]) -> AssessmentRules {
    let satisfied = levels_meaning(levels, &[FeedbackMeaning::Satisfied]);
    let dissatisfied = levels_meaning(levels, &[FeedbackMeaning::Dissatisfied]);
    let band = |id: &str, zh: &str, en: &str, min: i64| BandDef {
        id: id.to_owned(),
        label: Label::new(zh, en),
        min: pts(min),
    };
    AssessmentRules {
        name: Label::new("建议办理考评（深圳式）", "Shenzhen-style assessment"),
        dimensions: vec![dimension(
            "indicators",
            "考评指标",
            "indicators",
            vec![
                manual(
                    "sign_off",
                    "7日内网上签收",
                    "signed off online within 7 days",
                    30,
                ),
                computed(
                    "on_time",
                    "按时答复",
                    "replies on time",
                    40,
                    Measure::RepliesOnTime,
                ),
                computed(
                    "satisfaction",
                    "代表满意",
                    "deputies satisfied",
                    30,
                    Measure::Satisfaction { levels: satisfied },
                ),
            ],
        )],
        deductions: Vec::new(),
        bands: vec![
            band("good", "良好", "good", 80),
            band("pass", "合格", "pass", 60),
            band("fail", "不合格", "fail", 0),
        ],
        vetoes: vec![
            VetoDef {
                id: "late_reply".to_owned(),
                label: Label::new("超期答复", "a reply past its deadline"),
                cap: "fail".to_owned(),
                trigger: Trigger::LateReply,
            },
            VetoDef {
                id: "dissatisfied".to_owned(),
                label: Label::new("代表不满意", "a deputy dissatisfied"),
                cap: "fail".to_owned(),
                trigger: Trigger::Rated {
                    levels: dissatisfied,
                },
            },
        ],
        groups: two_groups(),
    }
}

/// The default points table (RULES.md §11: no source for a city congress; Chongqing Jiangbei
/// gives 3 points per suggestion, CPPCC schemes give co-signers a fifth of the lead's).
pub(super) fn deputy_points() -> Vec<PointRule> {
    [
        (PointEvent::LeadSuggestion, 3_000),
        (PointEvent::CosignedSuggestion, 600),
        (PointEvent::LeadMotion, 5_000),
        (PointEvent::CosignedMotion, 1_000),
        (PointEvent::KeyItem, 2_000),
        (PointEvent::ResolvedSuggestion, 1_000),
        (PointEvent::ExcellentSuggestion, 5_000),
    ]
    .into_iter()
    .map(|(event, milli)| PointRule {
        event,
        points: Points::from_milli(milli),
    })
    .collect()
}

/// The default merit table for excellent suggestions: the result (by meaning), the deputy's
/// rating, key supervision and leader-led handling, a motion converted (a design choice: the
/// 好提案 conditions 选题准确, 针对性强, 成效显著 — RULES.md §9 — read through the ledger).
pub(super) fn suggestion_merits(
    classes: &[ResultClassDef],
    levels: &[FeedbackLevelDef],
) -> Vec<MeritRule> {
    let mut rules: Vec<MeritRule> = classes
        .iter()
        .filter_map(|c| {
            let milli = match c.meaning {
                ResultMeaning::Resolved => 6_000,
                ResultMeaning::InProgress => 4_000,
                ResultMeaning::Planned => 2_000,
                _ => return None,
            };
            Some(MeritRule {
                merit: Merit::Class {
                    class: c.id.clone(),
                },
                points: Points::from_milli(milli),
            })
        })
        .collect();
    rules.extend(levels.iter().filter_map(|l| {
        let milli = match l.meaning {
            FeedbackMeaning::Satisfied => 3_000,
            FeedbackMeaning::BasicallySatisfied => 1_000,
            FeedbackMeaning::Dissatisfied => return None,
        };
        Some(MeritRule {
            merit: Merit::Rated {
                level: l.id.clone(),
            },
            points: Points::from_milli(milli),
        })
    }));
    rules.extend([
        MeritRule {
            merit: Merit::KeyItem,
            points: pts(2),
        },
        MeritRule {
            merit: Merit::LeaderLed,
            points: pts(2),
        },
        MeritRule {
            merit: Merit::ConvertedMotion,
            points: pts(1),
        },
    ]);
    rules
}

/// Fit the assessment, points and merits of `profile` to its classes and levels (after a
/// preset changes them).
pub(super) fn fit(profile: &mut super::Profile, template: &str) {
    let classes = &profile.results.classes;
    let levels = &profile.feedback.levels;
    if let Ok(a) = AssessmentRules::preset(template, classes, levels) {
        profile.assessment = a;
    }
    profile.excellence.suggestion_merits = suggestion_merits(classes, levels);
    profile.deputy_points = deputy_points();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Profile;

    fn bands(name: &str) -> (Points, Vec<(String, Points)>) {
        let p = Profile::default();
        let a = AssessmentRules::preset(name, &p.results.classes, &p.feedback.levels).unwrap();
        let max = a.max_points();
        (max, a.bands.into_iter().map(|b| (b.id, b.min)).collect())
    }

    #[test]
    fn bands_are_shares_of_each_templates_maximum() {
        let w = Points::whole;
        let (max, b) = bands("seed-five");
        assert_eq!(max, w(100));
        assert_eq!(
            b.iter().map(|x| x.1).collect::<Vec<_>>(),
            [w(90), w(80), w(60), w(0)]
        );
        let (max, b) = bands("hainan");
        assert_eq!(max, w(120));
        assert_eq!(
            b.iter().map(|x| x.1).collect::<Vec<_>>(),
            [w(108), w(96), w(72), w(0)]
        );
        let (max, b) = bands("shenzhen");
        assert_eq!(max, w(100));
        assert_eq!(
            b.iter().map(|x| x.1).collect::<Vec<_>>(),
            [w(80), w(60), w(0)]
        );
        let p = Profile::default();
        assert!(AssessmentRules::preset("nope", &p.results.classes, &p.feedback.levels).is_err());
    }
}

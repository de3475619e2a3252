//! The Chinese rendering of the annual summary, sentence by sentence after the seed
//! (`../shared/seed/000_ee06338417210338.txt`).

use std::fmt::Write as _;

use chrono::Datelike;

use crate::directory::System;
use crate::figures::CountShare;
use crate::provenance::Unknown;
use crate::vocab::HandlingMode;

use super::document::{Document, Lang};
use super::AnnualSummary;

/// 一 … 二十 for terms and session numbers.
pub(super) fn cn_number(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let digit = |d: u32| {
        DIGITS
            .get(usize::try_from(d).unwrap_or(0))
            .copied()
            .unwrap_or("")
    };
    match n {
        0..=9 => digit(n).to_owned(),
        10 => "十".to_owned(),
        11..=19 => format!("十{}", digit(n.saturating_sub(10))),
        20..=99 => {
            let ones = n.checked_rem(10).unwrap_or(0);
            let tens = n.checked_div(10).unwrap_or(0);
            format!(
                "{}十{}",
                digit(tens),
                if ones == 0 { "" } else { digit(ones) }
            )
        }
        _ => n.to_string(),
    }
}

/// 市九届人大一次会议.
fn session_name(s: Option<(u32, u32)>) -> String {
    match s {
        // An imported ledger's session has no term or number (the 台账 does not give them).
        Some((term, number)) if term > 0 && number > 0 => {
            format!("市{}届人大{}次会议", cn_number(term), cn_number(number))
        }
        Some(_) | None => "本年度人代会".to_owned(),
    }
}

/// "解决采纳的N件，占P%；计划解决的…" over the non-empty rows.
fn class_sentence(rows: &[CountShare], with_share: bool) -> String {
    let parts: Vec<String> = rows
        .iter()
        .filter(|r| r.count > 0)
        .map(|r| {
            if with_share {
                format!("{}的{}件，占{}%", r.label_zh, r.count, r.percent)
            } else {
                format!("{}的{}件", r.label_zh, r.count)
            }
        })
        .collect();
    parts.join("；")
}

/// Every overlap of the by-system counts, in words (SPEC §10), with the items counted once.
pub(super) fn overlaps(f: &crate::figures::YearFigures) -> String {
    if f.system_overlaps.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = f
        .system_overlaps
        .iter()
        .map(|o| {
            let names: Vec<&str> = o.systems.iter().map(|s| s.label_zh()).collect();
            let how = match o.mode {
                HandlingMode::Joint => "合办",
                HandlingMode::Split => "分办",
                HandlingMode::LeadWithCo => "共同主办",
            };
            format!("{}{how}{}件", names.join("与"), o.items)
        })
        .collect();
    format!(
        "以上各系统承办数有重叠：{}，均在所涉各系统中分别计入；按件计，有承办单位的建议共{}件。",
        parts.join("、"),
        f.handled_by_systems
    )
}

/// The opening paragraph: the year's totals, systems, results and satisfaction.
fn opening(s: &AnnualSummary) -> String {
    let f = &s.figures;
    let facts = &s.facts;
    let mut out = String::new();
    let session = session_name(facts.session);
    let decided = if facts.motions_to_standing_committee.is_empty() {
        format!("其中{}件代表议案转为建议办理", f.motions_converted)
    } else {
        let titles: Vec<String> = facts
            .motions_to_standing_committee
            .iter()
            .map(|t| format!("《{t}》"))
            .collect();
        format!(
            "其中{}交常委会审议，其他{}件代表议案转为建议办理",
            titles.join("、"),
            f.motions_converted
        )
    };
    if f.is_unknown("motions") {
        // An imported 台账 of suggestions: no motions, no conversions to tell apart.
        let _ = write!(out,
            "{session}期间代表共提出建议{}件（台账未载明议案及议案转为建议的情况），闭会期间代表又提出建议{}件，今年的建议总数为{}件。",
            f.suggestions_total.saturating_sub(f.suggestions_in_recess), f.suggestions_in_recess, f.suggestions_total
        );
    } else {
        let _ = write!(out,
            "{session}上代表共提出议案{}件（{decided}）、建议{}件，闭会期间代表又提出建议{}件，今年的建议总数为{}件。",
            f.motions, f.suggestions_at_session, f.suggestions_in_recess, f.suggestions_total
        );
    }
    let systems: Vec<String> = f
        .by_system
        .iter()
        .map(|r| {
            let joint = if r.system != System::PartyMass && r.joint_with_party_mass > 0 {
                format!("（含与党群部门合办{}件）", r.joint_with_party_mass)
            } else {
                String::new()
            };
            format!("{}承办{}件{joint}", r.system.label_zh(), r.items)
        })
        .collect();
    if f.is_unknown("by_system") {
        let _ = write!(
            out,
            "这些建议中已交办{}件（承办单位所属系统台账未载明）。",
            f.handled_by_systems
        );
    } else {
        if !systems.is_empty() {
            let _ = write!(out, "这些建议中{}。", systems.join("、"));
        }
        out.push_str(&overlaps(f));
    }
    out.push_str("市人大常委会高度重视代表建议办理工作，在“提、交、办、督、评”各环节发力，形成代表建议办理工作“全链条”，推动解决了一批代表和群众关心关注的热点难点问题。");
    if f.replied > 0 {
        let _ = write!(
            out,
            "{}件建议中，{}。",
            f.replied,
            class_sentence(&f.classes_final, true)
        );
    }
    let satisfied = f
        .satisfaction_latest
        .iter()
        .filter(|r| r.id != "dissatisfied")
        .map(|r| r.count)
        .fold(0u64, u64::saturating_add);
    if f.rated > 0 {
        let _ = write!(
            out,
            "代表对办理结果表示满意（含基本满意）的{satisfied}件，满意率{}%。",
            f.satisfaction_rate.percent
        );
    }
    out
}

/// 一: registration, pre-assignment rounds and the coordination meeting.
fn section_intake(s: &AnnualSummary) -> String {
    let facts = &s.facts;
    let mut out = String::new();
    let _ = write!(out,
        "严格加强审核把关，确保及时准确交办。{}期间，大会议案组对代表所提议案建议认真分类、登记造册、确定承办单位，并第一时间进行预交办。",
        session_name(facts.session)
    );
    if facts.pre_assignment_rounds > 0 {
        let _ = write!(
            out,
            "会后共开展{}轮预交办。",
            cn_number(facts.pre_assignment_rounds)
        );
    }
    for on in &facts.coordination_meetings {
        let _ = write!(out, "{}月{}日，召开协调会，", on.month(), on.day());
    }
    if facts.disputes_settled > 0 {
        let _ = write!(
            out,
            "研究确定{}件疑难件的承办单位，确保代表建议件件有去处，事事有落实。",
            facts.disputes_settled
        );
    }
    out.push_str("（代表培训和履职资料编印不在台账记录范围内。）");
    out
}

/// 二: counterpart supervision, key supervision with its activities, leader-led items.
fn section_supervision(s: &AnnualSummary) -> Vec<String> {
    let sup = &s.supervision;
    let facts = &s.facts;
    if sup.is_empty() && facts.counterpart_committees == 0 {
        return vec!["台账中尚无对口督办、重点督办、市长领办及督办活动的记录。".to_owned()];
    }
    let mut out = vec!["建议督得深，才能办得实。在做好日常催办、督办工作的同时，市人大常委会充分运用对口督办、重点督办、市长领办等方式，以点及面带动全市面上建议办理工作提质增效。".to_owned()];
    if facts.counterpart_committees > 0 {
        out.push(format!(
            "一是对口督办。按照对口联系部门，将代表提出的建议分交{}个委办室进行对口督办，及时跟踪建议办理进展情况。",
            facts.counterpart_committees
        ));
    } else {
        out.push("一是对口督办：台账中没有承办单位的对口联系委办室记录。".to_owned());
    }
    if sup.key_items > 0 {
        let months: Vec<String> = sup
            .key_chosen_months
            .iter()
            .map(|m| format!("{m}月份"))
            .collect();
        let mut p = format!(
            "二是重点督办。{}，主任会议确定了{}件建议作为今年的重点督办建议，由常委会主任、副主任牵头督办。",
            months.join("、"),
            sup.key_items
        );
        if let Some((from, to)) = sup.activity_months {
            let span = if from == to {
                format!("{from}月份")
            } else {
                format!("{from}-{to}月份")
            };
            let seminars = sup
                .activities
                .get(&crate::supervision::ActivityKind::Seminar)
                .copied()
                .unwrap_or(0);
            let _ = write!(
                p,
                "{span}常委会各位主任分别带领相关委办室通过走访、调研、座谈、视察等形式进行现场督办，共商解决问题的办法和途径。共召开重点督办建议座谈会{seminars}场，视察现场{}处，市政府{}位市长、副市长及{}人次市人大代表参加相关督办活动。",
                sup.sites, sup.government_leaders, sup.deputies
            );
        } else {
            p.push_str("台账中尚无重点督办活动的记录。");
        }
        out.push(p);
    } else {
        out.push("二是重点督办：台账中本年度没有重点督办记录。".to_owned());
    }
    if sup.leader_led_items > 0 {
        let mut p = format!(
            "三是市长领办。{}位市长、副市长领办建议{}件",
            sup.leading_leaders, sup.leader_led_items
        );
        if sup.key_and_leader_led > 0 {
            let _ = write!(
                p,
                "，其中{}件同时列为常委会重点督办建议",
                sup.key_and_leader_led
            );
        }
        p.push('。');
        if !sup.leader_led_examples.is_empty() {
            let titles: Vec<String> = sup
                .leader_led_examples
                .iter()
                .map(|t| format!("“{t}”"))
                .collect();
            let _ = write!(p, "高位推动{}等建议办理取得实效。", titles.join(""));
        }
        out.push(p);
    } else {
        out.push("三是市长领办：台账中本年度没有市长领办记录。".to_owned());
    }
    out
}

/// 三: the second reply, rollover, third-party evaluation and timeliness, one paragraph each.
fn section_follow_up(s: &AnnualSummary) -> Vec<String> {
    let f = &s.figures;
    let facts = &s.facts;
    let mut out = Vec::new();
    if f.second_round_items > 0 {
        // An imported ledger's notice dates are stand-ins: no month is told.
        let month = facts
            .follow_up_notices
            .first()
            .filter(|_| !f.has_unknown(Unknown::Date))
            .map_or(String::new(), |d| format!("{}月份", d.month()));
        out.push(format!(
            "一是抓好二次答复工作。{month}即发通知，要求相关承办单位对首次答复为“正在解决”的{}件代表建议进行二次答复，并将办理进展情况再次答复代表。经过二次办理，{}。",
            f.second_round_items,
            class_sentence(&f.classes_second_round, false)
        ));
    } else {
        out.push("一是二次答复：台账中本年度没有二次答复记录。".to_owned());
    }
    if f.rolled_over_into_year > 0 {
        let mut p = format!(
            "二是抓好滚动办理工作。坚持代表建议办理“换届不放松”，对{}期间的{}件“计划解决”类建议进行“回头看”，并与今年的代表建议同步交办、同步办理、同步考核，确保承办单位将对代表的承诺落到实处。",
            session_name(facts.rollover_from),
            f.rolled_over_into_year
        );
        if !facts.rollover_examples.is_empty() {
            let _ = write!(
                p,
                "“{}”等建议均通过滚动办理得到较好解决。",
                facts.rollover_examples.join("、")
            );
        }
        out.push(p);
    } else {
        out.push("二是滚动办理：台账中没有往年滚动纳入本年度办理的建议。".to_owned());
    }
    out.push(third_party(s));
    if f.timing_unknown > 0 {
        out.push(format!(
            "全年按期答复率{}%，逾期答复{}次（另有{}件已答复建议的交办、答复日期台账未载明，不计入）；截至{}，日期已知的建议中仍有逾期未办事项{}项。",
            f.on_time_rate.percent, f.replies_late, f.timing_unknown, f.as_of, f.overdue_obligations
        ));
    } else {
        out.push(format!(
            "全年按期答复率{}%，逾期答复{}次；截至{}，仍有逾期未办事项{}项。",
            f.on_time_rate.percent, f.replies_late, f.as_of, f.overdue_obligations
        ));
    }
    if !f.unknown.is_empty() {
        let facts: Vec<String> = f
            .unknown
            .iter()
            .map(|u| format!("{}（{}件）", u.label_zh, u.items))
            .collect();
        out.push(format!(
            "说明：本年度数据由台账导入，台账未载明{}，相关数字不计入或标为“台账未载明”，未作推定。",
            facts.join("、")
        ));
    }
    out
}

fn md(d: chrono::NaiveDate) -> String {
    format!("{}月{}日", d.month(), d.day())
}

fn months(ms: &[u32]) -> String {
    ms.iter()
        .map(|m| format!("{m}月份"))
        .collect::<Vec<_>>()
        .join("、")
}

/// 三.3: last year's evaluated items followed up, then this year's cycle (the seed's dates
/// come from the ledger: recommendation, selection, deployment, the joint meeting).
fn third_party(s: &AnnualSummary) -> String {
    let e = &s.evaluation;
    if e.is_empty() {
        return "三是第三方评估：台账中本年度没有第三方评估记录。".to_owned();
    }
    let mut p = "三是抓好第三方评估。".to_owned();
    if e.follow_up.items > 0 {
        let mut parts: Vec<String> = e
            .follow_up
            .by_class
            .iter()
            .filter(|(_, _, n)| *n > 0)
            .enumerate()
            .map(|(i, (_, label, n))| {
                let lead = if i == 0 { "结果为" } else { "" };
                format!("{lead}“{}”的{n}件", label.zh)
            })
            .collect();
        if e.follow_up.unreplied > 0 {
            parts.push(format!("尚未答复的{}件", e.follow_up.unreplied));
        }
        let _ = write!(
            p,
            "一方面，督促承办单位做好去年第三方评估建议的后续办理工作，{}件重新办理的建议中，{}。",
            e.follow_up.items,
            parts.join("、")
        );
    }
    if e.recommended > 0 || e.selected > 0 {
        p.push_str(if e.follow_up.items > 0 {
            "另一方面，"
        } else {
            ""
        });
        p.push_str("做好今年第三方评估建议的推荐、评估等工作");
        if e.recommended > 0 {
            let _ = write!(
                p,
                "，{}启动评估建议推荐工作，推荐建议{}件",
                months(&e.recommended_months),
                e.recommended
            );
        }
        if e.selected > 0 {
            let _ = write!(
                p,
                "；{}主任会议研究确定{}个方面{}件第三方评估建议",
                months(&e.selected_months),
                e.areas,
                e.selected
            );
        }
        if let Some(d) = e.deployed_on.first() {
            let _ = write!(
                p,
                "；{}，召开部署会对评估各方职责、完成时限、具体工作等进行部署，评估组专家通过视察、调研、座谈等方式，对评估建议办理的必要性、可行性等进行分析，形成评估报告",
                md(*d)
            );
        }
        if let Some(d) = e.concluded_on.last() {
            let parts: Vec<String> = e
                .outcomes
                .iter()
                .filter(|o| o.items > 0)
                .map(|o| {
                    format!(
                        "确定为“{}”的共{}个方面{}件建议",
                        o.label.zh, o.areas, o.items
                    )
                })
                .collect();
            let _ = write!(
                p,
                "；{}，召开联组会议，逐项讨论评估结论，最终{}",
                md(*d),
                parts.join("，")
            );
        }
        p.push('。');
    }
    p
}

/// 四: the honours within their quotas, then the unit assessment by grade.
fn section_recognition(s: &AnnualSummary) -> Vec<String> {
    let r = &s.recognition;
    let mut out = Vec::new();
    if r.no_honours() {
        out.push("一方面，优秀建议、优秀代表评选：台账中本年度尚无评选记录。".to_owned());
    } else {
        let honour = |h: &crate::assessment::report::HonourFigures, unit: &str| {
            let tie = if h.tied_honoured > 0 {
                format!("，含排名并列的{}{unit}", h.tied_honoured)
            } else {
                String::new()
            };
            (h.honoured, format!("（名额{}{unit}{tie}）", h.quota))
        };
        let (ns, ts) = honour(&r.suggestions, "件");
        let (nd, td) = honour(&r.deputies, "名");
        out.push(format!(
            "一方面，按照代表建议总数{}%左右的比例评选优秀建议、按照代表总数{}%的比例评选优秀市人大代表：今年{}件建议中评出优秀建议{ns}件{ts}，{}名代表中评出优秀市人大代表{nd}名{td}，在次年的人代会预备会上进行表彰，激发代表提出高质量议案建议的热情。",
            r.suggestions.ratio_percent,
            r.deputies.ratio_percent,
            r.suggestions.pool,
            r.deputies.pool,
        ));
    }
    if r.manual_scores == 0 || r.units == 0 {
        out.push("另一方面，承办单位考核评价：台账中本年度尚无考核评分记录。".to_owned());
    } else {
        let dims: Vec<&str> = r.dimensions.iter().map(|d| d.zh.as_str()).collect();
        let bands: Vec<String> = r
            .by_band
            .iter()
            .filter(|(_, _, n)| *n > 0)
            .map(|(_, l, n)| format!("{}{}家", l.zh, n))
            .collect();
        out.push(format!(
            "另一方面，按照《{}》，从{}等方面对{}家承办单位的建议办理工作进行考核，其中{}，考核结果纳入年终综合考核，提升承办单位办好代表建议的责任感和主动性。",
            r.scheme.zh,
            dims.join("、"),
            r.units,
            bands.join("、")
        ));
    }
    out
}

/// The summary in Chinese, in the seed's structure.
pub(super) fn document(s: &AnnualSummary) -> Document {
    let mut doc = Document::new(
        Lang::Zh,
        format!("某市{}年人大代表建议办理工作总结", s.figures.year),
    );
    doc.paragraph(opening(s));
    doc.heading("一、加强源头把控，助力代表提出高质量建议");
    doc.paragraph(section_intake(s));
    doc.heading("二、坚持多方督办，推动建议办理出实效");
    for p in section_supervision(s) {
        doc.paragraph(p);
    }
    doc.heading("三、紧抓关键环节，提高代表建议解决率");
    for p in section_follow_up(s) {
        doc.paragraph(p);
    }
    doc.heading("四、完善考核机制，助力代表建议两个“高质量”");
    for p in section_recognition(s) {
        doc.paragraph(p);
    }
    doc.paragraph("以上汇报，请各位领导和代表审议。");
    doc
}

#[cfg(test)]
mod tests {
    use super::cn_number;

    #[test]
    fn chinese_numbers() {
        let got: Vec<String> = [1, 9, 10, 11, 19, 20, 21]
            .into_iter()
            .map(cn_number)
            .collect();
        assert_eq!(got, ["一", "九", "十", "十一", "十九", "二十", "二十一"]);
    }
}

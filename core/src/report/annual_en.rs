//! The English rendering of the annual summary: the same structure and figures as the
//! Chinese one (`annual_zh`), sentence for sentence, for readers outside China.

use std::fmt::Write as _;

use chrono::Datelike;

use crate::directory::System;
use crate::figures::CountShare;
use crate::provenance::Unknown;
use crate::vocab::HandlingMode;

use super::document::{Document, Lang};
use super::AnnualSummary;

/// 1st, 2nd, 3rd, 4th … 11th, 12th, 13th, 21st.
fn ordinal(n: u32) -> String {
    let suffix = match (n.checked_rem(10), n.checked_rem(100)) {
        (_, Some(11..=13)) => "th",
        (Some(1), _) => "st",
        (Some(2), _) => "nd",
        (Some(3), _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// "the 1st session of the 9th Municipal People's Congress".
fn session_name(s: Option<(u32, u32)>) -> String {
    match s {
        Some((term, number)) if term > 0 && number > 0 => format!(
            "the {} session of the {} Municipal People's Congress",
            ordinal(number),
            ordinal(term)
        ),
        Some(_) | None => "this year's session of the congress".to_owned(),
    }
}

/// "325 resolved or adopted (73%); 62 planned …" over the non-empty rows.
fn class_sentence(rows: &[CountShare], with_share: bool) -> String {
    let parts: Vec<String> = rows
        .iter()
        .filter(|r| r.count > 0)
        .map(|r| {
            let label = if r.label_en.is_empty() {
                &r.id
            } else {
                &r.label_en
            };
            if with_share {
                format!("{} {label} ({}%)", r.count, r.percent)
            } else {
                format!("{} {label}", r.count)
            }
        })
        .collect();
    parts.join("; ")
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
            let names: Vec<&str> = o.systems.iter().map(|s| s.label_en()).collect();
            let how = match o.mode {
                HandlingMode::Joint => "handled jointly by",
                HandlingMode::Split => "split between",
                HandlingMode::LeadWithCo => "led together by",
            };
            let items = if o.items == 1 { "item" } else { "items" };
            format!("{} {items} {how} the {}", o.items, names.join(" and the "))
        })
        .collect();
    format!(
        " These counts overlap: {}, each counted under every system it names; counted once each, {} suggestions had a handling unit.",
        parts.join("; "),
        f.handled_by_systems
    )
}

/// The opening paragraph: the year's totals, systems, results and satisfaction.
fn opening(s: &AnnualSummary) -> String {
    let f = &s.figures;
    let facts = &s.facts;
    let mut out = String::new();
    let decided = if facts.motions_to_standing_committee.is_empty() {
        format!("{} converted into suggestions", f.motions_converted)
    } else {
        let titles: Vec<String> = facts
            .motions_to_standing_committee
            .iter()
            .map(|t| format!("“{t}”"))
            .collect();
        format!(
            "{} sent to the standing committee for deliberation and the other {} converted into suggestions",
            titles.join(", "),
            f.motions_converted
        )
    };
    if f.is_unknown("motions") {
        let _ = write!(
            out,
            "At {} deputies submitted {} suggestions (the spreadsheet the year was imported from does not give the motions or which suggestions were converted from one); during the recess they submitted another {} suggestions, for a total of {} suggestions this year.",
            session_name(facts.session),
            f.suggestions_total.saturating_sub(f.suggestions_in_recess),
            f.suggestions_in_recess,
            f.suggestions_total
        );
    } else {
        let _ = write!(
            out,
            "At {} deputies submitted {} motions ({decided}) and {} suggestions; during the recess they submitted another {} suggestions, for a total of {} suggestions this year.",
            session_name(facts.session),
            f.motions,
            f.suggestions_at_session,
            f.suggestions_in_recess,
            f.suggestions_total
        );
    }
    let systems: Vec<String> = f
        .by_system
        .iter()
        .map(|r| {
            let joint = if r.system != System::PartyMass && r.joint_with_party_mass > 0 {
                format!(
                    " (including {} handled jointly with party and mass departments)",
                    r.joint_with_party_mass
                )
            } else {
                String::new()
            };
            format!("the {} {}{joint}", r.system.label_en(), r.items)
        })
        .collect();
    if f.is_unknown("by_system") {
        let _ = write!(
            out,
            " {} of them were assigned (the handling units' systems are not in the spreadsheet).",
            f.handled_by_systems
        );
    } else {
        if !systems.is_empty() {
            let _ = write!(out, " Handling units by system: {}.", systems.join(", "));
        }
        out.push_str(&overlaps(f));
    }
    out.push_str(" The standing committee worked on every link of the chain — submit, assign, handle, supervise, evaluate — and helped solve a number of problems that deputies and the public care about.");
    if f.replied > 0 {
        let _ = write!(
            out,
            " Of the {} suggestions replied to: {}.",
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
            " Deputies were satisfied (or basically satisfied) with the result for {satisfied} of them, a satisfaction rate of {}%.",
            f.satisfaction_rate.percent
        );
    }
    out
}

/// 1: registration, pre-assignment rounds and the coordination meeting.
fn section_intake(s: &AnnualSummary) -> String {
    let facts = &s.facts;
    let mut out = String::new();
    let _ = write!(
        out,
        "Every item was checked and assigned promptly. During {}, the motions group classified and registered the deputies' motions and suggestions, chose the handling units and pre-assigned them at once.",
        session_name(facts.session)
    );
    if facts.pre_assignment_rounds > 0 {
        let _ = write!(
            out,
            " After the session, {} round(s) of pre-assignment followed.",
            facts.pre_assignment_rounds
        );
    }
    for on in &facts.coordination_meetings {
        let _ = write!(
            out,
            " On {} {}, a coordination meeting was held;",
            month_name(on.month()),
            on.day()
        );
    }
    if facts.disputes_settled > 0 {
        let _ = write!(
            out,
            " it settled the handling units of {} difficult item(s), so that every suggestion has a unit and every matter is followed up.",
            facts.disputes_settled
        );
    }
    out.push_str(
        " (Deputies' training and the printing of handbooks are not recorded in the ledger.)",
    );
    out
}

fn month_name(month: u32) -> &'static str {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    usize::try_from(month.saturating_sub(1))
        .ok()
        .and_then(|i| MONTHS.get(i))
        .copied()
        .unwrap_or("")
}

/// 2: counterpart supervision, key supervision with its activities, leader-led items.
fn section_supervision(s: &AnnualSummary) -> Vec<String> {
    let sup = &s.supervision;
    let facts = &s.facts;
    if sup.is_empty() && facts.counterpart_committees == 0 {
        return vec!["The ledger holds no records yet of counterpart supervision, key supervision, items led by the mayor or supervision activities.".to_owned()];
    }
    let mut out = vec!["Besides routine reminders, the standing committee used counterpart supervision, key supervision and items led by the mayor to lift the handling of all suggestions.".to_owned()];
    if facts.counterpart_committees > 0 {
        out.push(format!(
            "First, counterpart supervision: following the liaison table, {} committees each followed the items of the units they liaise with.",
            facts.counterpart_committees
        ));
    } else {
        out.push("First, counterpart supervision: the ledger records no liaison committee for the handling units.".to_owned());
    }
    if sup.key_items > 0 {
        let months: Vec<&str> = sup
            .key_chosen_months
            .iter()
            .map(|m| month_name(*m))
            .collect();
        let mut p = format!(
            "Second, key supervision. In {}, the directors' meeting chose {} suggestions for key supervision this year, each led by the chair or a vice-chair.",
            months.join(" and "),
            sup.key_items
        );
        if let Some((from, to)) = sup.activity_months {
            let seminars = sup
                .activities
                .get(&crate::supervision::ActivityKind::Seminar)
                .copied()
                .unwrap_or(0);
            let _ = write!(
                p,
                " From {} to {} they led the committees on visits, surveys, seminars and inspections: {seminars} seminar(s) on key items, {} site(s) inspected, with {} government leader(s) (mayor, vice-mayors) and {} deputy attendance(s).",
                month_name(from),
                month_name(to),
                sup.sites,
                sup.government_leaders,
                sup.deputies
            );
        } else {
            p.push_str(" The ledger records no supervision activity on them yet.");
        }
        out.push(p);
    } else {
        out.push(
            "Second, key supervision: the ledger records no key supervision this year.".to_owned(),
        );
    }
    if sup.leader_led_items > 0 {
        let mut p = format!(
            "Third, items led by the mayor: {} mayor and vice-mayor(s) led {} suggestion(s)",
            sup.leading_leaders, sup.leader_led_items
        );
        if sup.key_and_leader_led > 0 {
            let _ = write!(
                p,
                ", {} of them also under the standing committee's key supervision",
                sup.key_and_leader_led
            );
        }
        p.push('.');
        if !sup.leader_led_examples.is_empty() {
            let titles: Vec<String> = sup
                .leader_led_examples
                .iter()
                .map(|t| format!("“{t}”"))
                .collect();
            let _ = write!(p, " Among them: {}.", titles.join(", "));
        }
        out.push(p);
    } else {
        out.push("Third, items led by the mayor: the ledger records none this year.".to_owned());
    }
    out
}

/// 3: the second reply, rollover, third-party evaluation and timeliness, one paragraph each.
fn section_follow_up(s: &AnnualSummary) -> Vec<String> {
    let f = &s.figures;
    let facts = &s.facts;
    let mut out = Vec::new();
    if f.second_round_items > 0 {
        let when = facts
            .follow_up_notices
            .first()
            .filter(|_| !f.has_unknown(Unknown::Date))
            .map_or(String::new(), |d| format!(" In {}", month_name(d.month())));
        out.push(format!(
            "First, the second reply.{when} a notice asked the handling units to reply a second time on the {} suggestions first answered as “being solved”, telling the deputies how the work had progressed. After the second round: {}.",
            f.second_round_items,
            class_sentence(&f.classes_second_round, false)
        ));
    } else {
        out.push("First, the second reply: the ledger holds no second reply this year.".to_owned());
    }
    if f.rolled_over_into_year > 0 {
        let mut p = format!(
            "Second, rollover. Handling does not stop at the change of term: the {} suggestions of {} answered as “planned” were looked at again, assigned, handled and assessed together with this year's suggestions, so that the units keep their promises to the deputies.",
            f.rolled_over_into_year,
            session_name(facts.rollover_from)
        );
        if !facts.rollover_examples.is_empty() {
            let titles: Vec<String> = facts
                .rollover_examples
                .iter()
                .map(|t| format!("“{t}”"))
                .collect();
            let _ = write!(
                p,
                " Suggestions such as {} were well resolved this way.",
                titles.join(", ")
            );
        }
        out.push(p);
    } else {
        out.push(
            "Second, rollover: the ledger holds no suggestion rolled over from earlier years."
                .to_owned(),
        );
    }
    out.push(third_party(s));
    if f.timing_unknown > 0 {
        out.push(format!(
            "Over the year {}% of replies were on time and {} reply(ies) were late ({} replied item(s) whose assignment and reply dates the ledger does not hold are not counted); as of {}, {} obligation(s) of items with known dates were still overdue.",
            f.on_time_rate.percent, f.replies_late, f.timing_unknown, f.as_of, f.overdue_obligations
        ));
    } else {
        out.push(format!(
            "Over the year {}% of replies were on time and {} reply(ies) were late; as of {}, {} obligation(s) were still overdue.",
            f.on_time_rate.percent, f.replies_late, f.as_of, f.overdue_obligations
        ));
    }
    if !f.unknown.is_empty() {
        let facts: Vec<String> = f
            .unknown
            .iter()
            .map(|u| format!("{} ({} items)", u.label_en, u.items))
            .collect();
        out.push(format!(
            "Note: the year was imported from a spreadsheet that does not give {}; the figures resting on them leave those items out or mark them as not known, never guessed.",
            facts.join("; ")
        ));
    }
    out
}

fn day_month(d: chrono::NaiveDate) -> String {
    format!("{} {}", d.day(), month_name(d.month()))
}

fn month_list(ms: &[u32]) -> String {
    ms.iter()
        .map(|m| month_name(*m))
        .collect::<Vec<_>>()
        .join(" and ")
}

/// 3.3: last year's evaluated items followed up, then this year's cycle.
fn third_party(s: &AnnualSummary) -> String {
    let e = &s.evaluation;
    if e.is_empty() {
        return "Third, third-party evaluation: the ledger holds none this year.".to_owned();
    }
    let mut p = "Third, third-party evaluation.".to_owned();
    if e.follow_up.items > 0 {
        let mut parts: Vec<String> = e
            .follow_up
            .by_class
            .iter()
            .filter(|(_, _, n)| *n > 0)
            .map(|(_, label, n)| format!("{n} “{}”", label.en))
            .collect();
        if e.follow_up.unreplied > 0 {
            parts.push(format!("{} not yet answered", e.follow_up.unreplied));
        }
        let _ = write!(
            p,
            " The units were pressed to follow up last year's evaluated suggestions: of the {} suggestion(s) handled again, {}.",
            e.follow_up.items,
            parts.join(", ")
        );
    }
    if e.recommended > 0 {
        let _ = write!(
            p,
            " In {} the recommendation of this year's candidates began: {} suggestion(s) recommended.",
            month_list(&e.recommended_months),
            e.recommended
        );
    }
    if e.selected > 0 {
        let _ = write!(
            p,
            " In {} the directors' meeting selected {} suggestion(s) in {} area(s) for evaluation.",
            month_list(&e.selected_months),
            e.selected,
            e.areas
        );
    }
    if let Some(d) = e.deployed_on.first() {
        let _ = write!(
            p,
            " On {} a meeting set out each party's duties and deadlines; expert panels then examined the necessity and feasibility of the handling through inspections, surveys and discussions, and reported.",
            day_month(*d)
        );
    }
    if let Some(d) = e.concluded_on.last() {
        let parts: Vec<String> = e
            .outcomes
            .iter()
            .filter(|o| o.items > 0)
            .map(|o| {
                format!(
                    "{} suggestion(s) in {} area(s) “{}”",
                    o.items, o.areas, o.label.en
                )
            })
            .collect();
        let _ = write!(
            p,
            " On {} a joint meeting discussed each conclusion: {}.",
            day_month(*d),
            parts.join("; ")
        );
    }
    p
}

/// 4: the honours within their quotas, then the unit assessment by grade.
fn section_recognition(s: &AnnualSummary) -> Vec<String> {
    let r = &s.recognition;
    let mut out = Vec::new();
    if r.no_honours() {
        out.push("On the one hand, excellent suggestions and deputies: the ledger holds no selection this year.".to_owned());
    } else {
        let tie = |h: &crate::assessment::report::HonourFigures| {
            if h.tied_honoured > 0 {
                format!(", {} of them tied at the cut line", h.tied_honoured)
            } else {
                String::new()
            }
        };
        out.push(format!(
            "On the one hand, about {}% of the year's suggestions are selected as excellent and {}% of all deputies as excellent deputies: of {} suggestions, {} were selected (quota {}{}); of {} deputies, {} were selected (quota {}{}), to be honoured at next year's session.",
            r.suggestions.ratio_percent,
            r.deputies.ratio_percent,
            r.suggestions.pool,
            r.suggestions.honoured,
            r.suggestions.quota,
            tie(&r.suggestions),
            r.deputies.pool,
            r.deputies.honoured,
            r.deputies.quota,
            tie(&r.deputies),
        ));
    }
    if r.manual_scores == 0 || r.units == 0 {
        out.push("On the other hand, the handling units' assessment: the ledger holds no assessors' scores this year.".to_owned());
    } else {
        let dims: Vec<&str> = r.dimensions.iter().map(|d| d.en.as_str()).collect();
        let bands: Vec<String> = r
            .by_band
            .iter()
            .filter(|(_, _, n)| *n > 0)
            .map(|(_, l, n)| format!("{n} {}", l.en))
            .collect();
        out.push(format!(
            "On the other hand, under the {}, {} handling units were assessed on {}: {}. The results count in the city's year-end assessment.",
            r.scheme.en,
            r.units,
            dims.join(", "),
            bands.join(", ")
        ));
    }
    out
}

/// The summary in English, in the seed's structure.
pub(super) fn document(s: &AnnualSummary) -> Document {
    let mut doc = Document::new(
        Lang::En,
        format!(
            "Handling of deputies' suggestions in {}: annual summary",
            s.figures.year
        ),
    );
    doc.paragraph(opening(s));
    doc.heading("1. Control at the source: helping deputies submit good suggestions");
    doc.paragraph(section_intake(s));
    doc.heading("2. Supervision from several sides: making handling effective");
    for p in section_supervision(s) {
        doc.paragraph(p);
    }
    doc.heading("3. The key steps: raising the share of suggestions solved");
    for p in section_follow_up(s) {
        doc.paragraph(p);
    }
    doc.heading("4. Assessment: towards high-quality suggestions and high-quality handling");
    for p in section_recognition(s) {
        doc.paragraph(p);
    }
    doc.paragraph("This report is submitted for your review.");
    doc
}

#[cfg(test)]
mod tests {
    use super::{month_name, ordinal};

    #[test]
    fn ordinals_and_months() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 101]
            .into_iter()
            .map(ordinal)
            .collect();
        assert_eq!(
            got,
            ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st"]
        );
        assert_eq!(month_name(3), "March");
        assert_eq!(month_name(13), "");
    }
}

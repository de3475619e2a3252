//! 交办路由 (unit routing, SPEC §5; RULES.md §2.3–§2.4): candidate lead and co-handling units
//! with reasons, from the unit keyword rules, the item's topic, the deputy's proposed unit and
//! the system rules. Difficult cases (no candidate, or a tie at the top) are flagged for the
//! coordination meeting (协调会) and become a `RaiseDispute` on the core's dispute path.

use serde::{Deserialize, Serialize};

use crate::command::Action;
use crate::directory::System;
use crate::id::{ItemId, UnitId};

use super::classify::{Classification, MatchedTerm};
use super::{Reason, Screener, Submission};

/// 候选承办单位 (a candidate unit with its score and reasons).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitCandidate {
    /// Unit id.
    pub unit: String,
    /// Unit name.
    pub name: String,
    /// Its system.
    pub system: System,
    /// Its department kind (`profile::unit_kinds`), when its name tells one.
    #[serde(default)]
    pub kind: Option<String>,
    /// Total score.
    pub score: u32,
    /// Its keywords that matched.
    pub terms: Vec<MatchedTerm>,
    /// Why it is a candidate (keywords, topic, proposal, system rule).
    pub reasons: Vec<Reason>,
}

/// 疑难件 (why an item needs the coordination meeting, RULES.md §2.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Difficulty {
    /// 无候选单位 (no unit reached the minimum score).
    NoCandidate,
    /// 多个单位同分 (several units equally strong).
    Tie {
        /// The tied units.
        units: Vec<String>,
        /// Why each one is a candidate (its name and reasons), in the order of `units`.
        #[serde(default)]
        why: Vec<String>,
    },
}

impl Difficulty {
    /// The reason text recorded when the dispute is raised.
    pub fn describe(&self) -> String {
        match self {
            Difficulty::NoCandidate => {
                "疑难件：规则未找到承办单位，提交协调会 (no candidate unit; for the coordination meeting)"
                    .to_owned()
            }
            Difficulty::Tie { units, why } => format!(
                "疑难件：{} 同分，提交协调会 (tie between {}; for the coordination meeting)。{}",
                units.join("、"),
                units.join(", "),
                why.join("；")
            ),
        }
    }
}

/// 路由结果 (the routing answer): topic, lead, co-handlers, the systems named, difficulty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutingAnswer {
    /// The topic classification it rests on.
    pub classification: Classification,
    /// 主办 (the proposed lead unit; `None` for difficult items).
    pub lead: Option<UnitCandidate>,
    /// 协办/会办 (proposed co-handlers).
    pub co: Vec<UnitCandidate>,
    /// Every candidate, best first.
    pub candidates: Vec<UnitCandidate>,
    /// Systems whose terms occur (法院 / 检察院 / 人大 / 党群), with the terms.
    pub systems: Vec<(System, Vec<String>)>,
    /// Set when the item must go to the coordination meeting.
    pub difficulty: Option<Difficulty>,
}

impl RoutingAnswer {
    /// The core actions that carry this answer into 预交办 (RULES.md §2.3–§2.4): a
    /// `PreAssign` naming the lead and co-handlers, or, for a difficult item, a
    /// `RaiseDispute` with the reason. Unit ids that are not valid ids are skipped.
    pub fn actions(&self, item: &ItemId) -> Vec<Action> {
        if let Some(d) = &self.difficulty {
            return vec![Action::RaiseDispute {
                item: item.clone(),
                reason: d.describe(),
            }];
        }
        let units: Vec<UnitId> = self
            .lead
            .iter()
            .chain(&self.co)
            .filter_map(|c| UnitId::new(c.unit.as_str()).ok())
            .collect();
        if units.is_empty() {
            return Vec::new();
        }
        vec![Action::PreAssign {
            item: item.clone(),
            units,
        }]
    }
}

fn proposes(s: &Submission, unit: &str, name: &str) -> bool {
    s.proposed_unit.as_deref().is_some_and(|p| {
        let p = p.trim();
        !p.is_empty() && (p == unit || p == name || name.contains(p) || p.contains(name))
    })
}

fn share_of(score: u32, ppm: u32) -> u64 {
    u64::from(score).saturating_mul(u64::from(ppm))
}

impl Screener {
    /// Routes an item: classification, candidate units with reasons, lead and co-handlers,
    /// and the difficulty flag. Every signal a unit gets is a reason: its kind's duties
    /// (title hits count double), the terms its locality adds, the item's topic, the text
    /// naming it, the deputy proposing it, the system terms, and the ledger's history.
    pub fn route(&self, s: &Submission) -> RoutingAnswer {
        let hits = self.hits(s);
        let classification = self.classify_hits(&hits);
        let top_topic = classification.top.topic.as_str();
        let r = &self.rules.routing;
        let systems: Vec<(System, Vec<String>)> = self
            .rules
            .system_terms
            .iter()
            .zip(&self.compiled.systems)
            .filter_map(|(rule, idx)| {
                let found: Vec<String> = idx
                    .iter()
                    .filter(|&&i| hits.any(i))
                    .map(|&i| self.matcher.term(i).to_owned())
                    .collect();
                (!found.is_empty()).then_some((rule.system, found))
            })
            .collect();
        let mut candidates: Vec<UnitCandidate> = Vec::new();
        for (position, unit) in self.units.iter().enumerate() {
            let (duty_score, duty_terms) = self.matched(&hits, &unit.duties);
            let (own_score, own_terms) = self.matched(&hits, &unit.own_terms);
            let mut score = duty_score.saturating_add(own_score);
            let mut reasons = Vec::new();
            if duty_score > 0 {
                let list: Vec<&str> = duty_terms.iter().map(|m| m.term.as_str()).collect();
                let label = unit.kind.as_ref().map_or("", |k| k.label.as_str());
                reasons.push(Reason::new(
                    "unit.duties",
                    format!("{label}部门职责：{}", list.join("、")),
                    format!("duties of a {label} department: {}", list.join(", ")),
                ));
            }
            if own_score > 0 {
                let list: Vec<&str> = own_terms.iter().map(|m| m.term.as_str()).collect();
                reasons.push(Reason::new(
                    "unit.keywords",
                    format!("关键词：{}", list.join("、")),
                    format!("keywords: {}", list.join(", ")),
                ));
            }
            if score > 0 {
                if unit.topics.iter().any(|t| t == top_topic) {
                    score = score.saturating_add(r.topic_bonus);
                    reasons.push(Reason::new(
                        "unit.topic",
                        format!("对口类别：{}", classification.top.label),
                        format!("handles topic {top_topic}"),
                    ));
                }
                if let Some((_, found)) = systems.iter().find(|(sys, _)| *sys == unit.system) {
                    // The text names the unit's system (法院, 检察院, 人大 …).
                    score = score.saturating_add(r.named_bonus);
                    reasons.push(Reason::new(
                        "unit.system",
                        format!("属{}系统：{}", unit.system.label_zh(), found.join("、")),
                        format!("{} system: {}", unit.system.label_en(), found.join(", ")),
                    ));
                }
            }
            if let Some(&named) = unit.names.iter().find(|&&i| hits.any(i)) {
                score = score.saturating_add(r.named_bonus);
                let name = self.matcher.term(named);
                reasons.push(Reason::new(
                    "unit.named",
                    format!("建议中提及：{name}"),
                    format!("the text names {name}"),
                ));
            }
            if proposes(s, &unit.id, &unit.name) {
                score = score.saturating_add(r.proposed_bonus);
                reasons.push(Reason::new(
                    "unit.proposed",
                    "代表建议由该单位承办".to_owned(),
                    "proposed by the deputy".to_owned(),
                ));
            }
            if let Some(e) = self.history.evidence(&hits, position, r.history_min_items) {
                // INVARIANT: e.led ≤ e.items, so the bonus is at most `history_weight`.
                let bonus = u64::from(r.history_weight)
                    .saturating_mul(u64::from(e.led))
                    .checked_div(u64::from(e.items))
                    .unwrap_or(0);
                score = score.saturating_add(u32::try_from(bonus).unwrap_or(r.history_weight));
                let term = self.matcher.term(e.term);
                reasons.push(Reason::new(
                    "unit.history",
                    format!(
                        "此前提及“{term}”的{}件建议中，{}件由{}办理",
                        e.items, e.led, unit.name
                    ),
                    format!(
                        "{} of {} earlier items mentioning {term} were handled by {}",
                        e.led, e.items, unit.name
                    ),
                ));
            }
            if score >= r.min_score {
                candidates.push(UnitCandidate {
                    unit: unit.id.clone(),
                    name: unit.name.clone(),
                    system: unit.system,
                    kind: unit.kind.as_ref().map(|k| k.id.clone()),
                    score,
                    terms: duty_terms.into_iter().chain(own_terms).collect(),
                    reasons,
                });
            }
        }
        // Equal scores are ordered by where the title ends on their terms: a Chinese title
        // narrows from left to right (关于解决某村委会卫生室建设资金的建议 is about the
        // 卫生室, not the 村委会), so the unit whose term comes last heads it.
        let head = |c: &UnitCandidate| -> usize {
            c.terms
                .iter()
                .filter_map(|t| {
                    s.title
                        .rfind(t.term.as_str())
                        .map(|at| at.saturating_add(t.term.len()))
                })
                .max()
                .unwrap_or(0)
        };
        let mut ranked: Vec<(usize, UnitCandidate)> =
            candidates.into_iter().map(|c| (head(&c), c)).collect();
        ranked.sort_by(|(ha, a), (hb, b)| {
            b.score
                .cmp(&a.score)
                .then_with(|| hb.cmp(ha))
                .then_with(|| a.unit.cmp(&b.unit))
        });
        let best = ranked.first().map(|(h, c)| (c.score, *h));
        let tied: Vec<&UnitCandidate> = ranked
            .iter()
            .take_while(|(h, c)| Some((c.score, *h)) == best)
            .map(|(_, c)| c)
            .collect();
        let difficulty = match tied.as_slice() {
            [] => Some(Difficulty::NoCandidate),
            [_] => None,
            many => Some(Difficulty::Tie {
                units: many.iter().map(|c| c.unit.clone()).collect(),
                why: many.iter().map(|c| why(c)).collect(),
            }),
        };
        let best = best.map_or(0, |(score, _)| score);
        let candidates: Vec<UnitCandidate> = ranked.into_iter().map(|(_, c)| c).collect();
        let (lead, co) = if difficulty.is_some() {
            (None, Vec::new())
        } else {
            let bar = share_of(best, r.co_share.ppm());
            let lead_kind = candidates.first().and_then(|c| c.kind.as_deref());
            // 协办 is another department's work: a unit of the lead's own kind (a district's
            // bureau beside the city's) is a candidate, not a co-handler.
            let co = candidates
                .iter()
                .skip(1)
                .filter(|c| lead_kind.is_none() || c.kind.as_deref() != lead_kind)
                .filter(|c| share_of(c.score, crate::profile::Proportion::SCALE) >= bar)
                .take(usize::try_from(r.max_co).unwrap_or(usize::MAX))
                .cloned()
                .collect();
            (candidates.first().cloned(), co)
        };
        RoutingAnswer {
            classification,
            lead,
            co,
            candidates,
            systems,
            difficulty,
        }
    }
}

/// Why a tied unit is a candidate, in one line: its name and its reasons.
fn why(c: &UnitCandidate) -> String {
    let reasons: Vec<&str> = c.reasons.iter().map(|r| r.zh.as_str()).collect();
    format!("{}（{}）", c.name, reasons.join("；"))
}

#[cfg(test)]
mod tests {
    use crate::command::Action;
    use crate::intake::{Difficulty, Screener, Submission};
    use crate::profile::Profile;

    fn screener() -> Screener {
        Screener::new(&Profile::preset("seed-city").unwrap()).unwrap()
    }

    #[test]
    fn lead_with_reasons_and_pre_assign_action() {
        let a = screener().route(&Submission::new(
            "关于加快推进老旧小区加装电梯的建议",
            "老旧小区加装电梯需求迫切，物业管理跟不上。",
        ));
        let lead = a.lead.clone().unwrap();
        assert_eq!(lead.unit, "U-ZJJ");
        assert!(lead.reasons.iter().any(|r| r.code == "unit.keywords"));
        let item = crate::id::ItemId::new("J2022-001").unwrap();
        match a.actions(&item).as_slice() {
            [Action::PreAssign { units, .. }] => assert_eq!(units[0].as_str(), "U-ZJJ"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn proposed_unit_is_considered() {
        let mut s = Submission::new("关于优化营商环境的建议", "营商环境仍需优化。");
        s.proposed_unit = Some("市财政局".to_owned());
        let a = screener().route(&s);
        let cz = a.candidates.iter().find(|c| c.unit == "U-CZJ").unwrap();
        assert!(cz.reasons.iter().any(|r| r.code == "unit.proposed"));
    }

    #[test]
    fn nothing_matched_is_difficult_and_raises_a_dispute() {
        let a = screener().route(&Submission::new("关于某事的建议", "请研究。"));
        assert_eq!(a.difficulty, Some(Difficulty::NoCandidate));
        let item = crate::id::ItemId::new("J2022-002").unwrap();
        assert!(matches!(
            a.actions(&item).as_slice(),
            [Action::RaiseDispute { .. }]
        ));
    }
}

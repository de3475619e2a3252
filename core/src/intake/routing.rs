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
            Difficulty::Tie { units } => format!(
                "疑难件：{} 同分，提交协调会 (tie between {}; for the coordination meeting)",
                units.join("、"),
                units.join(", ")
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
    /// and the difficulty flag.
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
        for (rule, terms) in self.rules.units.iter().zip(&self.compiled.units) {
            let (mut score, matched) = self.matched(&hits, terms);
            let mut reasons = Vec::new();
            if score > 0 {
                let list: Vec<&str> = matched.iter().map(|m| m.term.as_str()).collect();
                reasons.push(Reason::new(
                    "unit.keywords",
                    format!("关键词：{}", list.join("、")),
                    format!("keywords: {}", list.join(", ")),
                ));
                if rule.topics.iter().any(|t| t == top_topic) {
                    score = score.saturating_add(r.topic_bonus);
                    reasons.push(Reason::new(
                        "unit.topic",
                        format!("对口类别：{}", classification.top.label),
                        format!("handles topic {top_topic}"),
                    ));
                }
                if let Some((_, found)) = systems.iter().find(|(sys, _)| *sys == rule.system) {
                    score = score.saturating_add(r.topic_bonus);
                    reasons.push(Reason::new(
                        "unit.system",
                        format!("属{}系统：{}", rule.system.label_zh(), found.join("、")),
                        format!("{} system: {}", rule.system.label_en(), found.join(", ")),
                    ));
                }
            }
            if proposes(s, &rule.unit, &rule.name) {
                score = score.saturating_add(r.proposed_bonus);
                reasons.push(Reason::new(
                    "unit.proposed",
                    "代表建议由该单位承办".to_owned(),
                    "proposed by the deputy".to_owned(),
                ));
            }
            if score >= r.min_score {
                candidates.push(UnitCandidate {
                    unit: rule.unit.clone(),
                    name: rule.name.clone(),
                    system: rule.system,
                    score,
                    terms: matched,
                    reasons,
                });
            }
        }
        candidates.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.unit.cmp(&b.unit)));
        let best = candidates.first().map_or(0, |c| c.score);
        let tied: Vec<String> = candidates
            .iter()
            .take_while(|c| c.score == best)
            .map(|c| c.unit.clone())
            .collect();
        let difficulty = match tied.len() {
            0 => Some(Difficulty::NoCandidate),
            1 => None,
            _ => Some(Difficulty::Tie { units: tied }),
        };
        let (lead, co) = if difficulty.is_some() {
            (None, Vec::new())
        } else {
            let bar = share_of(best, r.co_share.ppm());
            let co = candidates
                .iter()
                .skip(1)
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

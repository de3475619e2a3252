//! The sample city-year's evaluation (the seed's 三.3 and 四): last year's evaluation of four
//! rolled-over items (concluded "继续办理" in October, handled again this year); this year's
//! third-party cycle — candidates recommended in July, a few areas selected in August,
//! deployed on 7 September, concluded on 21 October as "继续办理" or "基本解决", the reopened
//! items answered again in November; assessors' scores for the units in December; and, after
//! the plan has run, the year's excellent suggestions and deputies honoured within their
//! quotas ([`honour`]).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::actor::Actor;
use crate::command::{Action, Command};
use crate::error::Error;
use crate::evaluation::sampled;
use crate::id::{CommandId, DeputyId, ItemId, UnitId};
use crate::ledger::Ledger;
use crate::profile::{IndicatorSource, Points};

use super::story::Planner;
use super::ymd;

/// The previous year's evaluated items (the seed: "4件重新办理的建议").
pub(super) const PREVIOUS_EVALUATED: usize = 4;

/// The areas (方面) of the seed city's topics.
fn area_of(topic: &str) -> &'static str {
    match topic {
        "finance_economy" => "经济发展",
        "agriculture" => "乡村振兴",
        "social" => "社会治理",
        "education_culture_health" => "教育卫生",
        "environment_construction" => "城市建设",
        "democracy_law" => "民主法治",
        _ => "其他事项",
    }
}

impl Planner {
    /// Last year's cycle over the first rolled-over items, already requested by their deputies
    /// (`previous_term` plans the requests): concluded "继续办理", so they are handled again.
    pub(super) fn previous_evaluation(&mut self, items: &[ItemId]) {
        if items.is_empty() {
            return;
        }
        let prev = self.year.saturating_sub(1);
        let on = |m: u32, d: u32| ymd(prev, m, d);
        self.office(
            on(7, 15),
            Action::RecommendForEvaluation {
                seed: u64::try_from(prev).unwrap_or(0),
                items: items.to_vec(),
            },
        );
        self.push(
            on(8, 20),
            Actor::DirectorsMeeting,
            Action::SelectForEvaluation {
                area: "城市建设".to_owned(),
                items: items.to_vec(),
            },
        );
        self.office(
            on(9, 7),
            Action::DeployEvaluation {
                items: items.to_vec(),
            },
        );
        for item in items {
            self.push(
                on(10, 21),
                Actor::DirectorsMeeting,
                Action::ConcludeEvaluation {
                    item: item.clone(),
                    outcome: "continue".to_owned(),
                    finding: "办理措施尚未落实，建议继续办理".to_owned(),
                },
            );
        }
    }

    /// This year's cycle over session items (`pool`: item and topic).
    pub(super) fn third_party(&mut self, pool: &[(ItemId, &'static str)], seed: u64) {
        let year = self.year;
        let on = |m: u32, d: u32| ymd(year, m, d);
        let recommend_on = on(7, 15);
        let share = super::profile().third_party.basically_satisfied_sample;
        let last = self.last_steps();
        // The latest rating of each item before the recommendation, and whether any was 不满意.
        let mut latest: BTreeMap<&ItemId, (&str, NaiveDate)> = BTreeMap::new();
        let mut dissatisfied: BTreeSet<&ItemId> = BTreeSet::new();
        for (item, level, rated) in self.ratings.iter().filter(|r| r.2 < recommend_on) {
            if *level == "dissatisfied" {
                dissatisfied.insert(item);
            }
            let e = latest.entry(item).or_insert((level, *rated));
            if *rated >= e.1 {
                *e = (level, *rated);
            }
        }
        let topics: BTreeMap<&ItemId, &'static str> = pool.iter().map(|(i, t)| (i, *t)).collect();
        // Candidates whose stories end before the joint meeting (so a reopening stays the
        // last word), in item order.
        let candidates: Vec<(ItemId, &'static str)> = latest
            .iter()
            .filter(|(item, _)| topics.contains_key(*item))
            .filter(|(item, _)| last.get(**item).is_some_and(|d| *d < on(10, 1)))
            .filter(|(item, (level, _))| {
                dissatisfied.contains(*item)
                    || (*level == "basically_satisfied" && sampled(seed, item, share))
            })
            .filter(|(item, _)| self.leads.get(**item).is_some_and(|l| !l.is_empty()))
            .filter_map(|(item, _)| topics.get(*item).map(|t| ((*item).clone(), *t)))
            .collect();
        if candidates.len() < 3 {
            return;
        }
        let ids: Vec<ItemId> = candidates.iter().map(|(i, _)| i.clone()).collect();
        self.office(
            recommend_on,
            Action::RecommendForEvaluation { seed, items: ids },
        );
        // 主任会议 selects about half the candidates, at least three, in their areas.
        let wanted = (candidates.len() / 2).clamp(3, 40);
        let mut chosen: Vec<(ItemId, &'static str)> = Vec::new();
        while chosen.len() < wanted {
            let Some(c) = candidates.get(self.rng.index(candidates.len())) else {
                break;
            };
            if !chosen.iter().any(|(i, _)| i == &c.0) {
                chosen.push(c.clone());
            }
        }
        chosen.sort_by(|a, b| (area_of(a.1), &a.0).cmp(&(area_of(b.1), &b.0)));
        let mut areas: BTreeMap<&'static str, Vec<ItemId>> = BTreeMap::new();
        for (item, topic) in &chosen {
            areas.entry(area_of(topic)).or_default().push(item.clone());
        }
        for (area, items) in &areas {
            self.push(
                on(8, 23),
                Actor::DirectorsMeeting,
                Action::SelectForEvaluation {
                    area: (*area).to_owned(),
                    items: items.clone(),
                },
            );
        }
        let all: Vec<ItemId> = chosen.iter().map(|(i, _)| i.clone()).collect();
        self.office(on(9, 7), Action::DeployEvaluation { items: all });
        // 21 October: up to three items of the last areas (never more than half) are 基本解决,
        // the rest 继续办理.
        let basic_max = (chosen.len() / 2).min(3);
        let mut settled = 0usize;
        for (_, items) in areas.iter().rev() {
            for item in items {
                let basically = settled < basic_max;
                if basically {
                    settled = settled.saturating_add(1);
                }
                self.push(
                    on(10, 21),
                    Actor::DirectorsMeeting,
                    Action::ConcludeEvaluation {
                        item: item.clone(),
                        outcome: if basically {
                            "basically_resolved"
                        } else {
                            "continue"
                        }
                        .to_owned(),
                        finding: if basically {
                            "问题已基本解决，办理措施可行".to_owned()
                        } else {
                            "建议必要、可行，办理尚未到位，继续办理".to_owned()
                        },
                    },
                );
                if !basically {
                    self.rehandle(item, on(11, 15));
                }
            }
        }
    }

    /// A reopened item answered again by its lead units (a plan for next year) and rated.
    fn rehandle(&mut self, item: &ItemId, on: NaiveDate) {
        let units = self.leads.get(item).cloned().unwrap_or_default();
        for unit in &units {
            self.unit_act(
                on,
                unit,
                Action::IssueReply {
                    item: item.clone(),
                    // 计划解决 with a promise into next year: it rolls over on 31 December.
                    class: "planned".to_owned(),
                    promised_by: Some(ymd(self.year.saturating_add(1), 6, 30)),
                    signed_by_head: true,
                    copied_to: vec!["市人大常委会人事代表工委".to_owned()],
                    leader_reviewed: true,
                },
            );
        }
        if let Some(rater) = self.raters.get(item).cloned() {
            self.push(
                on.checked_add_days(chrono::Days::new(7)).unwrap_or(on),
                rater,
                Action::GiveFeedback {
                    item: item.clone(),
                    level: "basically_satisfied".to_owned(),
                    attitude: None,
                    result: None,
                    comment: None,
                },
            );
        }
    }

    /// December: assessors score every unit's manual indicators.
    pub(super) fn assessment_scores(&mut self) {
        let year = self.year;
        let profile = super::profile();
        let manual: Vec<(String, Points)> = profile
            .assessment
            .dimensions
            .iter()
            .flat_map(|d| d.indicators.iter())
            .filter(|i| i.source == IndicatorSource::Manual)
            .map(|i| (i.id.clone(), i.points))
            .collect();
        let units: Vec<UnitId> = self.unit_ids();
        for unit in units {
            for (indicator, max) in &manual {
                // 70%–100% of the indicator, in half points.
                let halves = max.milli().checked_div(500).unwrap_or(0);
                let low = halves.saturating_mul(7).checked_div(10).unwrap_or(0);
                let got = low.saturating_add(
                    i64::try_from(self.rng.below(
                        u64::try_from(halves.saturating_sub(low).saturating_add(1)).unwrap_or(1),
                    ))
                    .unwrap_or(0),
                );
                self.push(
                    ymd(year, 12, 18),
                    Actor::Assessor,
                    Action::RecordAssessmentScore {
                        year,
                        unit: unit.clone(),
                        indicator: indicator.clone(),
                        points: Points::from_milli(got.saturating_mul(500)),
                        note: "年终考核评分".to_owned(),
                    },
                );
            }
        }
    }
}

/// After the plan: the directors' meeting honours the year's excellent suggestions, then the
/// excellent deputies (whose points count the honoured suggestions), each within its quota
/// and taking any tie at the cut line whole (the seed 四).
///
/// # Errors
/// A refused command is a generator bug; it is returned.
pub(super) fn honour(ledger: &mut Ledger, year: i32) -> Result<(), Error> {
    let on = ymd(year, 12, 31);
    let suggestions: Vec<ItemId> = picks(&ledger.excellence(year).suggestions)
        .filter_map(|id| id.parse().ok())
        .collect();
    execute(
        ledger,
        on,
        Action::HonourExcellence {
            year,
            suggestions,
            deputies: Vec::new(),
        },
    )?;
    let deputies: Vec<DeputyId> = picks(&ledger.excellence(year).deputies)
        .filter_map(|id| id.parse().ok())
        .collect();
    execute(
        ledger,
        on,
        Action::HonourExcellence {
            year,
            suggestions: Vec::new(),
            deputies,
        },
    )
}

/// Those selected, and the tied group when the profile includes it.
fn picks(ranking: &crate::assessment::excellence::Ranking) -> impl Iterator<Item = &str> {
    use crate::assessment::excellence::Standing;
    let take_tied = ranking.allowed
        > u64::try_from(
            ranking
                .rows
                .iter()
                .filter(|r| r.standing == Standing::Selected)
                .count(),
        )
        .unwrap_or(0);
    ranking
        .rows
        .iter()
        .filter(move |r| {
            r.standing == Standing::Selected || (take_tied && r.standing == Standing::TiedAtCut)
        })
        .map(|r| r.id.as_str())
}

fn execute(ledger: &mut Ledger, on: NaiveDate, action: Action) -> Result<(), Error> {
    let n = ledger.next_seq();
    let id = CommandId::new(format!("h{n:08}"))?;
    ledger.execute(&Command {
        source: None,
        id,
        on,
        actor: Actor::DirectorsMeeting,
        action,
    })?;
    Ok(())
}

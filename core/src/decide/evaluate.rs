//! 评 (evaluate): third-party evaluation (RULES.md §9; the seed's 三.3), assessors' scores
//! for the unit assessment (RULES.md §10) and the excellence honours (RULES.md §11; 四).

use std::collections::BTreeSet;

use chrono::Datelike;

use crate::actor::Actor;
use crate::assessment::excellence::{Ranking, Standing};
use crate::command::Action;
use crate::error::CommandError;
use crate::evaluation::{candidate_reasons, Stage};
use crate::event::Fact;
use crate::id::ItemId;
use crate::item::{Item, ItemStatus};
use crate::profile::{IndicatorSource, Points};

use super::Cx;

/// States in which an item can be evaluated: it has been answered at least once.
const EVALUABLE: &[ItemStatus] = &[ItemStatus::Handling, ItemStatus::Replied];

pub(super) fn decide(cx: &Cx<'_>) -> Result<Vec<Fact>, CommandError> {
    match &cx.command.action {
        Action::RequestEvaluation { item } => request(cx, item),
        Action::RecommendForEvaluation { seed, items } => each_item(cx, items, Stage::None, |it| {
            let reasons = candidate_reasons(&cx.ledger.profile, it, *seed);
            if reasons.is_empty() {
                return Err(CommandError::NotCandidate {
                    item: it.id.clone(),
                });
            }
            Ok(Fact::EvaluationRecommended {
                item: it.id.clone(),
                reasons,
            })
        }),
        Action::SelectForEvaluation { area, items } => {
            if area.trim().is_empty() {
                return Err(crate::error::InputError::EmptyText { field: "area" }.into());
            }
            Cx::check_text("area", area, cx.ledger.profile.limits.max_title_chars)?;
            each_item(cx, items, Stage::Recommended, |it| {
                Ok(Fact::EvaluationSelected {
                    item: it.id.clone(),
                    area: area.clone(),
                })
            })
        }
        Action::DeployEvaluation { items } => each_item(cx, items, Stage::Selected, |it| {
            Ok(Fact::EvaluationDeployed {
                item: it.id.clone(),
            })
        }),
        Action::ConcludeEvaluation {
            item,
            outcome,
            finding,
        } => conclude(cx, item, outcome, finding),
        Action::RecordAssessmentScore {
            year,
            unit,
            indicator,
            points,
            note,
        } => {
            cx.unit_known(unit)?;
            Cx::check_text("note", note, cx.ledger.profile.limits.max_text_chars)?;
            let assessment = &cx.ledger.profile.assessment;
            let def = match assessment.indicator(indicator) {
                Some((_, def)) if def.source == IndicatorSource::Manual => def,
                Some(_) => {
                    return Err(CommandError::UnknownIndicator {
                        indicator: indicator.clone(),
                        reason: " (it is computed from the ledger)",
                    })
                }
                None => {
                    return Err(CommandError::UnknownIndicator {
                        indicator: indicator.clone(),
                        reason: "",
                    })
                }
            };
            if *points < Points::ZERO || *points > def.points {
                return Err(CommandError::PointsOutOfRange {
                    indicator: indicator.clone(),
                    points: points.to_string(),
                    max: def.points.to_string(),
                });
            }
            Ok(vec![Fact::AssessmentScored {
                year: *year,
                unit: unit.clone(),
                indicator: indicator.clone(),
                points: *points,
                note: note.clone(),
            }])
        }
        Action::HonourExcellence {
            year,
            suggestions,
            deputies,
        } => honour(cx, *year, suggestions, deputies),
        _ => Err(super::not_this_stage(cx)),
    }
}

/// A signer (or the delegation of a delegation's item) or a handling unit asks.
fn request(cx: &Cx<'_>, item: &ItemId) -> Result<Vec<Fact>, CommandError> {
    let it = cx.suggestion_in(item, EVALUABLE)?;
    match &cx.command.actor {
        Actor::Unit { .. } => {
            cx.acting_unit(it)?;
        }
        Actor::Deputy { id } if it.signers().any(|s| s == id) => {}
        Actor::DelegationHead { delegation } if it.delegation.as_ref() == Some(delegation) => {}
        other => {
            return Err(CommandError::NotSigner {
                item: item.clone(),
                actor: other.to_string(),
            })
        }
    }
    let stage = stage_of(it);
    if stage != Stage::None {
        return Err(wrong_stage(cx, it, stage, Stage::None));
    }
    Ok(vec![Fact::EvaluationRequested { item: item.clone() }])
}

fn stage_of(it: &Item) -> Stage {
    it.evaluation
        .as_ref()
        .map_or(Stage::None, |evaluation| evaluation.stage())
}

fn wrong_stage(cx: &Cx<'_>, it: &Item, stage: Stage, expected: Stage) -> CommandError {
    CommandError::WrongStage {
        item: it.id.clone(),
        action: cx.command.action.kind(),
        stage: stage.as_str(),
        expected: expected.as_str(),
    }
}

/// One fact per listed item, each at stage `needs`, none listed twice, none dated before
/// its latest fact.
fn each_item(
    cx: &Cx<'_>,
    items: &[ItemId],
    needs: Stage,
    fact: impl Fn(&Item) -> Result<Fact, CommandError>,
) -> Result<Vec<Fact>, CommandError> {
    if items.is_empty() {
        return Err(CommandError::NoItems {
            action: cx.command.action.kind(),
        });
    }
    let mut facts = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let it = cx.suggestion_in(item, EVALUABLE)?;
        if cx.on() < it.last_on {
            return Err(CommandError::DateOutOfOrder {
                item: item.clone(),
                on: cx.on(),
                latest: it.last_on,
            });
        }
        if items.iter().take(i).any(|x| x == item) {
            return Err(CommandError::DuplicateEntry {
                kind: "item",
                id: item.to_string(),
            });
        }
        let stage = stage_of(it);
        if stage != needs {
            return Err(wrong_stage(cx, it, stage, needs));
        }
        facts.push(fact(it)?);
    }
    Ok(facts)
}

fn conclude(
    cx: &Cx<'_>,
    item: &ItemId,
    outcome: &str,
    finding: &str,
) -> Result<Vec<Fact>, CommandError> {
    Cx::check_text("finding", finding, cx.ledger.profile.limits.max_text_chars)?;
    let it = cx.suggestion_in(item, EVALUABLE)?;
    let stage = stage_of(it);
    if stage != Stage::Deployed {
        return Err(wrong_stage(cx, it, stage, Stage::Deployed));
    }
    let def = cx
        .ledger
        .profile
        .third_party
        .outcomes
        .iter()
        .find(|o| o.id == outcome)
        .ok_or_else(|| CommandError::UnknownOutcome {
            outcome: outcome.to_owned(),
        })?;
    // 继续办理 after the item's last work year has ended rolls it into the next (SPEC §8).
    let into_year = def.reopens.then(|| last_work_year(it)).and_then(|year| {
        let ended = cx.on().year() > year;
        ended.then(|| year.saturating_add(1))
    });
    Ok(vec![Fact::EvaluationConcluded {
        item: item.clone(),
        outcome: outcome.to_owned(),
        finding: finding.to_owned(),
        reopens: def.reopens,
        into_year,
    }])
}

fn last_work_year(it: &Item) -> i32 {
    it.rolled_into.iter().copied().fold(it.year, i32::max)
}

/// The named must be eligible, not yet honoured, within the ranking's allowance, and take a
/// tie at the cut line whole.
fn check_named(
    kind: &'static str,
    ranking: &Ranking,
    named: &[String],
) -> Result<(), CommandError> {
    // Rows found by id through sets, the named through a set: a national year names tens of
    // thousands out of a million rows, which a scan per name would make quadratic. (Sets of
    // `&str` only: their code is shared with the profile's checks, which keeps the phone
    // library within its size.)
    let mut candidates: BTreeSet<&str> = BTreeSet::new();
    let mut ineligible: BTreeSet<&str> = BTreeSet::new();
    let mut honoured: BTreeSet<&str> = BTreeSet::new();
    for r in &ranking.rows {
        candidates.insert(r.id.as_str());
        if r.standing == Standing::Ineligible {
            ineligible.insert(r.id.as_str());
        } else if r.honoured {
            honoured.insert(r.id.as_str());
        }
    }
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    for id in named {
        let id_str = id.as_str();
        if !seen.insert(id_str) {
            return Err(CommandError::DuplicateEntry {
                kind: "honour",
                id: id.clone(),
            });
        }
        if !candidates.contains(id_str) {
            return Err(CommandError::Ineligible {
                id: id.clone(),
                reason: "not a candidate of the year",
            });
        }
        if ineligible.contains(id_str) {
            return Err(CommandError::Ineligible {
                id: id.clone(),
                reason: if kind == "deputies" {
                    "office holders are excluded by the profile"
                } else {
                    "withdrawn, not accepted or not yet replied"
                },
            });
        }
        if honoured.contains(id_str) {
            return Err(CommandError::AlreadyHonoured { id: id.clone() });
        }
    }
    let named_count = u64::try_from(named.len()).unwrap_or(u64::MAX);
    if named_count > ranking.allowed {
        return Err(CommandError::OverQuota {
            kind,
            quota: ranking.quota,
            allowed: ranking.allowed,
            named: named_count,
        });
    }
    let tied: Vec<&str> = ranking
        .rows
        .iter()
        .filter(|r| r.standing == Standing::TiedAtCut)
        .map(|r| r.id.as_str())
        .collect();
    let taken = tied.iter().filter(|t| seen.contains(*t)).count();
    if taken > 0 && taken < tied.len() {
        return Err(CommandError::TieSplit {
            kind,
            left_out: tied
                .iter()
                .filter(|t| !seen.contains(*t))
                .map(|t| (*t).to_owned())
                .collect(),
        });
    }
    Ok(())
}

fn honour(
    cx: &Cx<'_>,
    year: i32,
    suggestions: &[ItemId],
    deputies: &[crate::id::DeputyId],
) -> Result<Vec<Fact>, CommandError> {
    if suggestions.is_empty() && deputies.is_empty() {
        return Err(CommandError::NoItems {
            action: cx.command.action.kind(),
        });
    }
    let excellence = cx.ledger.excellence(year);
    let named: Vec<String> = suggestions.iter().map(ToString::to_string).collect();
    check_named("suggestions", &excellence.suggestions, &named)?;
    let named: Vec<String> = deputies.iter().map(ToString::to_string).collect();
    check_named("deputies", &excellence.deputies, &named)?;
    for item in suggestions {
        if let Some(it) = cx.ledger.items.get(item) {
            if cx.on() < it.last_on {
                return Err(CommandError::DateOutOfOrder {
                    item: item.clone(),
                    on: cx.on(),
                    latest: it.last_on,
                });
            }
        }
    }
    Ok(suggestions
        .iter()
        .map(|item| Fact::SuggestionHonoured {
            item: item.clone(),
            year,
        })
        .chain(deputies.iter().map(|deputy| Fact::DeputyHonoured {
            deputy: deputy.clone(),
            year,
        }))
        .collect())
}

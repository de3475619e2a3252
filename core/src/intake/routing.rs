//! 交办路由 (unit routing, SPEC §5; RULES.md §2.3–§2.4): candidate lead and co-handling units
//! with reasons, from the unit keyword rules, the item's topic, the deputy's proposed unit and
//! the system rules. Difficult cases (no candidate, or a tie at the top) are flagged for the
//! coordination meeting (协调会) and become a `RaiseDispute` on the core's dispute path.

use serde::{Deserialize, Serialize};

use crate::command::Action;
use crate::directory::System;
use crate::id::{ItemId, UnitId};

use super::classify::{sort_strongest_first, Classification, MatchedTerm};
use super::history::Evidence;
use super::matcher::{Hits, Matcher};
use super::units::{RoutedUnit, Share};
use super::{Reason, Role, Screener, Submission};

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
    /// The strongest candidates (at most `max_candidates` of the routing rules), best first.
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

/// What one unit gets from an item, before any reason is written.
#[derive(Debug, Clone, Copy, Default)]
struct Signals {
    /// Σ weight × strength of its kind's duties.
    duty: u32,
    /// Σ weight × strength of its locality's terms.
    own: u32,
    /// The first of its names the text uses (term index).
    named: Option<usize>,
    /// How specific its terms are: Σ weight × strength ÷ the number of kinds of department
    /// holding each term, in thousandths (a term only one kind holds says more than one
    /// many hold).
    specific: u32,
    /// The length in characters of its longest term in the title.
    longest: usize,
    /// Where the title ends on its furthest term (the head, for equal scores).
    head: usize,
}

impl Signals {
    /// The order of equal scores: the more specific terms, then the longer title term,
    /// then the later title head.
    fn tie_key(&self) -> TieKey {
        (self.specific, self.longest, self.head)
    }

    /// Whether `unit`'s kind work counts here: a territorial unit's (属地, a township's)
    /// only where the text names its place; every other unit's always.
    fn kind_work_counts(&self, unit: &RoutedUnit) -> bool {
        !unit.territorial || self.named.is_some()
    }
}

/// A unit that reached the minimum score, with what got it there.
struct Scored<'a> {
    position: usize,
    unit: &'a RoutedUnit,
    sig: &'a Signals,
    score: u32,
    topic: bool,
    system: Option<&'a (System, Vec<String>)>,
    proposed: bool,
    history: Option<&'a Evidence>,
    /// Another kind's work it does in some localities: (the unit whose duties matched, the
    /// shared work).
    shared: Option<(&'a RoutedUnit, &'a Share)>,
    /// The order among equal scores ([`Signals::tie_key`]; for a share, its strength).
    key: TieKey,
}

/// Another kind's work a unit does in some localities, as one item shows it.
struct SharedMatch<'a> {
    /// The unit whose duties matched.
    holder: &'a RoutedUnit,
    /// The shared work.
    work: &'a Share,
    /// The holder's matched score.
    matched: u32,
    /// The strength of the share's `when` terms (0 when it needs none): among equal
    /// shares, the one the text speaks of more comes first.
    strength: u32,
}

/// The order among equal scores, greatest first ([`Signals::tie_key`]).
type TieKey = (u32, usize, usize);

/// The scale of [`Signals::specific`].
const SPECIFIC_SCALE: u32 = 1000;

/// A term that counted for a unit: (unit position, term index, weight, locality's own term).
type Contribution = (usize, usize, u32, bool);

/// Every unit's signals, and the terms that counted, grouped by unit in term order.
struct Gathered {
    signals: Vec<Signals>,
    /// Ordered by unit position, then term.
    contributions: Vec<Contribution>,
}

impl Gathered {
    /// The matched terms of the unit at `position`: its kind's duties, then its locality's.
    /// Also the terms among them that one kind of department alone holds (they count
    /// double).
    fn terms<'m>(
        &self,
        position: usize,
        hits: &Hits,
        matcher: &'m Matcher,
        holders: &[u32],
    ) -> ([Vec<MatchedTerm>; 2], Vec<&'m str>) {
        let from = self.contributions.partition_point(|c| c.0 < position);
        let to = self.contributions.partition_point(|c| c.0 <= position);
        let mut out = [Vec::new(), Vec::new()];
        let mut exclusive = Vec::new();
        for &(_, term, weight, own) in self.contributions.get(from..to).unwrap_or(&[]) {
            let Some(h) = hits.hit(term) else {
                continue;
            };
            if holders.get(term).copied() == Some(1) && !exclusive.contains(&matcher.term(term)) {
                exclusive.push(matcher.term(term));
            }
            let list = if own { &mut out[1] } else { &mut out[0] };
            list.push(MatchedTerm {
                term: matcher.term(term).to_owned(),
                weight,
                in_title: h.title_own,
                in_body: h.body_own,
            });
        }
        for list in &mut out {
            sort_strongest_first(list);
        }
        (out, exclusive)
    }
}

impl Screener {
    /// Every unit's signals from the terms that occur: one pass over the item's terms and
    /// the units that hold each one (`postings`), not over every unit's tables.
    fn gather(&self, hits: &Hits) -> Gathered {
        let n = self.units.len();
        let mut signals = vec![Signals::default(); n];
        // Most terms are held by one or two units.
        let mut found: Vec<Contribution> = Vec::with_capacity(hits.len().saturating_mul(2));
        for h in hits.iter() {
            let Some(list) = self.postings.get(h.term) else {
                continue;
            };
            let strength = h.own_strength();
            let holders = self.holders.get(h.term).copied().unwrap_or(1).max(1);
            let share = SPECIFIC_SCALE.checked_div(holders).unwrap_or(0);
            // A term one kind of department alone holds counts double (a rarer word says
            // more about whose work the item is).
            let exclusive = if holders == 1 { 2 } else { 1 };
            let title_length = if h.title_own > 0 {
                self.matcher.term(h.term).chars().count()
            } else {
                0
            };
            for p in list {
                let Some(u) = signals.get_mut(p.unit) else {
                    continue;
                };
                match p.role {
                    Role::Duty(w) | Role::Own(w) if strength > 0 => {
                        let own = matches!(p.role, Role::Own(_));
                        // A locality's own rule for the unit is stronger evidence than the
                        // national duties of its kind, and counts double.
                        let local = if own { 2 } else { 1 };
                        let add = w
                            .saturating_mul(strength)
                            .saturating_mul(exclusive)
                            .saturating_mul(local);
                        u.specific = u.specific.saturating_add(add.saturating_mul(share));
                        if own {
                            u.own = u.own.saturating_add(add);
                        } else {
                            u.duty = u.duty.saturating_add(add);
                        }
                        if h.title_own > 0 {
                            u.head = u.head.max(h.title_end);
                            u.longest = u.longest.max(title_length);
                        }
                        found.push((p.unit, h.term, w, own));
                    }
                    Role::Name => {
                        u.named.get_or_insert(h.term);
                    }
                    Role::Duty(_) | Role::Own(_) => {}
                }
            }
        }
        // Group by unit, a unit's terms in term order.
        found.sort_unstable();
        Gathered {
            signals,
            contributions: found,
        }
    }

    /// Routes an item: classification, candidate units with reasons, lead and co-handlers,
    /// and the difficulty flag. Every signal a unit gets is a reason: its kind's duties
    /// (a title hit counts four times a body hit; a term inside a longer one counts as the
    /// longer one; a term only one kind holds counts double), the
    /// terms its locality adds, the item's topic, the text naming it, the deputy proposing
    /// it, the system terms, and the ledger's history.
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
        let gathered = self.gather(&hits);
        let evidence = self
            .history
            .evidence(&hits, self.units.len(), r.history_min_items);
        // What each unit's terms earn: a territorial unit's duties (a township's) only where
        // the text names its place (属地).
        let matched_of: Vec<u32> = self
            .units
            .iter()
            .zip(&gathered.signals)
            .map(|(unit, sig)| {
                if sig.kind_work_counts(unit) {
                    sig.duty.saturating_add(sig.own)
                } else {
                    sig.own
                }
            })
            .collect();
        let mut holders: Vec<(usize, u32)> = matched_of
            .iter()
            .enumerate()
            .filter(|(_, m)| **m > 0)
            .map(|(p, m)| (p, *m))
            .collect();
        // Strongest first; the sort is stable, so equal scores stay in directory order.
        holders.sort_by_key(|&(_, m)| std::cmp::Reverse(m));
        // Scores first, as numbers; reasons only for the units that make the short list.
        let mut scored: Vec<Scored<'_>> = Vec::new();
        for (position, (unit, sig)) in self.units.iter().zip(&gathered.signals).enumerate() {
            let matched = matched_of.get(position).copied().unwrap_or(0);
            let topic = matched > 0 && unit.topics.iter().any(|t| t == top_topic);
            let system = systems
                .iter()
                .find(|(sys, _)| matched > 0 && *sys == unit.system);
            let proposed = proposes(s, &unit.id, &unit.name);
            let history = evidence.get(position).and_then(Option::as_ref);
            // INVARIANT: e.led ≤ e.items, so the history bonus is at most `history_weight`.
            let history_bonus = history.map_or(0, |e| {
                let bonus = u64::from(r.history_weight)
                    .saturating_mul(u64::from(e.led))
                    .checked_div(u64::from(e.items))
                    .unwrap_or(0);
                u32::try_from(bonus).unwrap_or(r.history_weight)
            });
            let score = matched
                .saturating_add(if topic { r.topic_bonus } else { 0 })
                .saturating_add(if system.is_some() { r.named_bonus } else { 0 })
                .saturating_add(if sig.named.is_some() {
                    r.named_bonus
                } else {
                    0
                })
                .saturating_add(if proposed { r.proposed_bonus } else { 0 })
                .saturating_add(history_bonus);
            // A territorial unit shares work only in its own place.
            let shared = if sig.kind_work_counts(unit) {
                self.shared_work(unit, &holders, &hits)
            } else {
                None
            };
            let shared_score = shared.as_ref().map_or(0, |m| {
                u32::try_from(
                    share_of(m.matched, r.shared_share.ppm())
                        .checked_div(u64::from(crate::profile::Proportion::SCALE))
                        .unwrap_or(0),
                )
                .unwrap_or(u32::MAX)
            });
            // INVARIANT: a share is below the holder's own score, so it never takes the lead
            // from the kind the work is written for; it only lists the unit beside it.
            let (score, shared, key) = match shared {
                Some(m) if shared_score > score => {
                    (shared_score, Some((m.holder, m.work)), (m.strength, 0, 0))
                }
                _ => (score, None, sig.tie_key()),
            };
            if score >= r.min_score {
                scored.push(Scored {
                    position,
                    unit,
                    sig,
                    score,
                    topic,
                    system,
                    proposed,
                    history,
                    shared,
                    key,
                });
            }
        }
        // Equal scores are ordered first by how specific the terms are (退役军人 is only the
        // veterans bureau's; 就业 is many units' work), then by where the title ends on
        // them: a Chinese title narrows from left to right (关于解决某村委会卫生室建设资金的
        // 建议 is about the 卫生室, not the 村委会), so the unit whose term comes last heads it.
        scored.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then_with(|| b.key.cmp(&a.key))
                .then_with(|| a.unit.id.cmp(&b.unit.id))
        });
        scored.truncate(usize::try_from(r.max_candidates).unwrap_or(usize::MAX));
        let mut ranked: Vec<(TieKey, UnitCandidate)> = Vec::with_capacity(scored.len());
        // Listed for another kind's work (交叉职责) only: an alternative to that kind, not a
        // co-handler beside it.
        let mut alternative: Vec<bool> = Vec::with_capacity(scored.len());
        for Scored {
            position,
            unit,
            sig,
            score,
            topic,
            system,
            proposed,
            history,
            shared,
            key,
        } in scored
        {
            // Reasons are written only for the units that are candidates.
            let ([mut duty_terms, own_terms], mut exclusive) =
                gathered.terms(position, &hits, &self.matcher, &self.holders);
            if !sig.kind_work_counts(unit) {
                duty_terms.clear();
                exclusive.clear();
            }
            let mut reasons = Vec::new();
            if !duty_terms.is_empty() {
                let list: Vec<&str> = duty_terms.iter().map(|m| m.term.as_str()).collect();
                let label = unit.kind.as_ref().map_or("", |k| k.label.as_str());
                reasons.push(Reason::new(
                    "unit.duties",
                    format!("{label}部门职责：{}", list.join("、")),
                    format!("duties of a {label} department: {}", list.join(", ")),
                ));
            }
            if !exclusive.is_empty() {
                reasons.push(Reason::new(
                    "unit.exclusive",
                    format!("仅此类部门承担（计双倍）：{}", exclusive.join("、")),
                    format!(
                        "only this kind of department does (counted double): {}",
                        exclusive.join(", ")
                    ),
                ));
            }
            if !own_terms.is_empty() {
                let list: Vec<&str> = own_terms.iter().map(|m| m.term.as_str()).collect();
                reasons.push(Reason::new(
                    "unit.keywords",
                    format!("关键词：{}", list.join("、")),
                    format!("keywords: {}", list.join(", ")),
                ));
            }
            if topic {
                reasons.push(Reason::new(
                    "unit.topic",
                    format!("对口类别：{}", classification.top.label),
                    format!("handles topic {top_topic}"),
                ));
            }
            if let Some((_, found)) = system {
                // The text names the unit's system (法院, 检察院, 人大 …).
                reasons.push(Reason::new(
                    "unit.system",
                    format!("属{}系统：{}", unit.system.label_zh(), found.join("、")),
                    format!("{} system: {}", unit.system.label_en(), found.join(", ")),
                ));
            }
            if let Some(named) = sig.named {
                let name = self.matcher.term(named);
                reasons.push(Reason::new(
                    "unit.named",
                    format!("建议中提及：{name}"),
                    format!("the text names {name}"),
                ));
            }
            if proposed {
                reasons.push(Reason::new(
                    "unit.proposed",
                    "代表建议由该单位承办".to_owned(),
                    "proposed by the deputy".to_owned(),
                ));
            }
            if let Some((holder, work)) = shared {
                let label = holder.kind.as_ref().map_or("", |k| k.label.as_str());
                reasons.push(Reason::new(
                    "unit.shared",
                    format!(
                        "交叉职责：{label}部门（{}）的这类工作在一些地方由此类部门承担（{}）",
                        holder.name, work.source
                    ),
                    format!(
                        "shared work: some localities give this kind of department the {label} work matched for {} ({})",
                        holder.name, work.source
                    ),
                ));
            }
            if let Some(e) = history {
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
            alternative.push(shared.is_some());
            ranked.push((
                key,
                UnitCandidate {
                    unit: unit.id.clone(),
                    name: unit.name.clone(),
                    system: unit.system,
                    kind: unit.kind.as_ref().map(|k| k.id.clone()),
                    score,
                    terms: duty_terms.into_iter().chain(own_terms).collect(),
                    reasons,
                },
            ));
        }
        if ranked.is_empty() {
            ranked = self.by_wording(s);
        }
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
                .enumerate()
                .skip(1)
                .filter(|(i, _)| !alternative.get(*i).copied().unwrap_or(false))
                .map(|(_, c)| c)
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

impl Screener {
    /// The strongest unit whose matched work `unit` does in some localities (交叉职责):
    /// (that unit, the shared work, its matched score). A unit never shares work of a kind
    /// it already does, and a share with `when` terms needs one of them in the text.
    /// `holders` are the units whose duties matched, with their scores, strongest first.
    fn shared_work<'a>(
        &'a self,
        unit: &'a RoutedUnit,
        holders: &[(usize, u32)],
        hits: &Hits,
    ) -> Option<SharedMatch<'a>> {
        let mut best: Option<SharedMatch<'a>> = None;
        for work in &unit.shares {
            // How strongly the text says it is this sort of work: its `when` terms, a title
            // occurrence four times a body one.
            let strength = work
                .when
                .iter()
                .filter_map(|&t| hits.hit(t))
                .fold(0u32, |sum, h| sum.saturating_add(h.strength()));
            if !work.when.is_empty() && strength == 0 {
                continue;
            }
            // INVARIANT: `holders` is strongest first (earlier in the directory among
            // equals), so the first that does the shared work is this work's best.
            for &(position, matched) in holders {
                let stronger = best
                    .as_ref()
                    .is_none_or(|b| (matched, strength) > (b.matched, b.strength));
                if !stronger {
                    break;
                }
                let Some(holder) = self.units.get(position) else {
                    continue;
                };
                let other_work = !holder.kinds.iter().any(|k| unit.kinds.contains(k));
                let listed = work.of.is_empty() || holder.kinds.iter().any(|k| work.of.contains(k));
                if other_work && listed {
                    best = Some(SharedMatch {
                        holder,
                        work,
                        matched,
                        strength,
                    });
                    break;
                }
            }
        }
        best
    }

    /// The units whose duties' wording is close to the title's, when no term of any unit
    /// occurs (`wording`); ranked like the others, the closeness in thousandths as the tie
    /// key so that only an exact tie is a tie.
    fn by_wording(&self, s: &Submission) -> Vec<(TieKey, UnitCandidate)> {
        let r = &self.rules.routing;
        let min = r.min_score.saturating_mul(500);
        self.wording
            .close(&s.title, min)
            .into_iter()
            // A territorial unit (a township) is close only to its own place, which would
            // have named it.
            .filter(|c| self.units.get(c.unit).is_some_and(|u| !u.territorial))
            .take(usize::try_from(r.max_candidates).unwrap_or(usize::MAX))
            .filter_map(|c| {
                let unit = self.units.get(c.unit)?;
                let list = c.pairs.join("、");
                Some((
                    (c.milli, 0, 0),
                    UnitCandidate {
                        unit: unit.id.clone(),
                        name: unit.name.clone(),
                        system: unit.system,
                        kind: unit.kind.as_ref().map(|k| k.id.clone()),
                        score: c.milli / 1000,
                        terms: Vec::new(),
                        reasons: vec![Reason::new(
                            "unit.wording",
                            format!("标题用语接近该类部门职责（无职责词完全匹配）：{list}"),
                            format!(
                                "the title's wording is close to this kind's duties (no duty term matches): {}",
                                c.pairs.join(", ")
                            ),
                        )],
                    },
                ))
            })
            .collect()
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
    fn a_locality_term_overrides_the_national_duties_and_counts_inside_longer_terms() {
        // The seed city gives 排水 to its 城市管理局; nationally 排水管网 is housing's duty.
        let a = screener().route(&Submission::new(
            "关于改造城区排水管网的建议",
            "部分路段排水管网老化。",
        ));
        let lead = a.lead.unwrap();
        assert_eq!(lead.unit, "U-CGJ", "{:?}", a.candidates);
        assert!(lead.reasons.iter().any(|r| r.code == "unit.keywords"));
    }

    #[test]
    fn terms_one_kind_alone_holds_count_double_and_say_so() {
        let a = screener().route(&Submission::new("关于解决农村人畜饮水困难的建议", ""));
        let lead = a.lead.unwrap();
        let why = lead
            .reasons
            .iter()
            .find(|r| r.code == "unit.exclusive")
            .unwrap();
        assert!(why.zh.contains("人畜饮水"), "{why:?}");
    }

    #[test]
    fn an_answer_lists_at_most_max_candidates_each_with_reasons() {
        let mut p = Profile::preset("seed-city").unwrap();
        let busy = Submission::new(
            "关于教育医疗交通住房养老就业食品安全和环境保护的建议",
            "学校、医院、公交、老旧小区、养老院、就业、食品安全、污水、垃圾分类、停车、路灯。",
        );
        let all = Screener::new(&p).unwrap().route(&busy);
        assert_eq!(all.candidates.len(), 8);
        p.screening.routing.max_candidates = 3;
        let short = Screener::new(&p).unwrap().route(&busy);
        assert_eq!(short.candidates.len(), 3);
        assert_eq!(short.candidates[..], all.candidates[..3]);
        assert!(short.candidates.iter().all(|c| !c.reasons.is_empty()));
    }

    #[test]
    fn a_title_no_term_matches_is_routed_by_close_wording_and_says_so() {
        // 人饮池: no duty term, but 人饮 is the water bureau's wording (人饮工程).
        let a = screener().route(&Submission::new("关于修缮村级人饮池的建议", ""));
        let lead = a.lead.unwrap();
        assert_eq!(lead.unit, "U-SLJ");
        assert_eq!(lead.reasons[0].code, "unit.wording");
        assert!(lead.reasons[0].zh.contains("人饮"), "{:?}", lead.reasons);
        // The title's frame (关于……的建议) is no wording: 检察建议 does not pull it in.
        let none = screener().route(&Submission::new("关于昆吾路再提升的建议", ""));
        assert_eq!(none.difficulty, Some(Difficulty::NoCandidate));
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

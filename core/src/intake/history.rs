//! 历史办理经验 (what the ledger's history says about routing): which units handled the
//! earlier items that mention a term.
//!
//! Issue 21: routing learns from the ledger's own history. Each earlier suggestion with an
//! assignment counts once for every duty term it mentions and for each of its final lead
//! units (after any return or reassignment). When a new item mentions the term, the share of
//! those items a unit handled is evidence for it: "7 of 9 earlier items mentioning 饮水 were
//! handled by 市水利局". Built by replaying the ledger's items; pure and deterministic.

use std::collections::BTreeMap;

use crate::id::UnitId;
use crate::ledger::Ledger;
use crate::vocab::ItemKind;

use super::matcher::{Hits, Matcher};
use super::units::RoutedUnit;

/// Per duty term: how many earlier items mentioned it, and how many of them each unit
/// (by its position in the screener's units) led.
#[derive(Debug, Clone, Default)]
pub(crate) struct RoutingHistory {
    terms: BTreeMap<usize, TermHistory>,
}

#[derive(Debug, Clone, Default)]
struct TermHistory {
    items: u32,
    by_unit: BTreeMap<usize, u32>,
}

/// A unit's best evidence from history for an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Evidence {
    /// The term.
    pub(crate) term: usize,
    /// Earlier items mentioning it that the unit led.
    pub(crate) led: u32,
    /// Earlier items mentioning it.
    pub(crate) items: u32,
}

impl RoutingHistory {
    /// Learns from every suggestion of `ledger` with an assignment: its final leads and the
    /// duty terms its title or body mentions.
    pub(crate) fn learn(ledger: &Ledger, matcher: &Matcher, units: &[RoutedUnit]) -> Self {
        let mut history = RoutingHistory::default();
        history.add(
            matcher,
            units,
            ledger
                .items()
                .values()
                .filter(|it| it.kind == ItemKind::Suggestion)
                .filter_map(|it| {
                    // INVARIANT: the current assignment is the final one (a return or
                    // reassignment replaces it), so history learns where items ended up, not
                    // where they started.
                    let a = it.current_assignment()?;
                    Some((
                        it.text.title.as_str(),
                        it.text.body.as_str(),
                        a.plan.leads.iter().map(UnitId::as_str).collect(),
                    ))
                }),
        );
        history
    }

    /// Adds earlier items, each as (title, body, the ids of its final lead units): every
    /// duty term an item mentions counts it once, for each of its leads among `units`. An
    /// item none of whose leads is among `units` teaches nothing. Returns how many taught.
    pub(crate) fn add<'a>(
        &mut self,
        matcher: &Matcher,
        units: &[RoutedUnit],
        items: impl Iterator<Item = (&'a str, &'a str, Vec<&'a str>)>,
    ) -> usize {
        let mut taught = 0_usize;
        let mut is_duty = vec![false; matcher.len()];
        for u in units {
            for &(i, _) in u.duties.iter().chain(&u.own_terms) {
                if let Some(flag) = is_duty.get_mut(i) {
                    *flag = true;
                }
            }
        }
        let position: BTreeMap<&str, usize> = units
            .iter()
            .enumerate()
            .map(|(p, u)| (u.id.as_str(), p))
            .collect();
        for (title, body, lead_ids) in items {
            let leads: Vec<usize> = lead_ids
                .iter()
                .filter_map(|u| position.get(u).copied())
                .collect();
            if leads.is_empty() {
                continue;
            }
            taught = taught.saturating_add(1);
            let hits = matcher.hits(title, body);
            for h in hits.iter().filter(|h| is_duty.get(h.term) == Some(&true)) {
                let t = self.terms.entry(h.term).or_default();
                t.items = t.items.saturating_add(1);
                for &p in &leads {
                    let n = t.by_unit.entry(p).or_default();
                    *n = n.saturating_add(1);
                }
            }
        }
        taught
    }

    /// Each unit's strongest evidence (by its position among `units` units) among the terms
    /// `hits` holds: the largest share of earlier items it led, among terms seen in at least
    /// `min_items`; more items break a tie, then the earlier term.
    pub(crate) fn evidence(
        &self,
        hits: &Hits,
        units: usize,
        min_items: u32,
    ) -> Vec<Option<Evidence>> {
        let mut best: Vec<Option<Evidence>> = vec![None; units];
        if self.terms.is_empty() {
            return best;
        }
        for hit in hits.iter() {
            let Some(h) = self.terms.get(&hit.term) else {
                continue;
            };
            if h.items < min_items.max(1) {
                continue;
            }
            for (&position, &led) in &h.by_unit {
                let Some(slot) = best.get_mut(position) else {
                    continue;
                };
                let better = slot.as_ref().is_none_or(|b| {
                    // led/items > b.led/b.items, exactly; more items break a tie.
                    let lhs = u64::from(led).saturating_mul(u64::from(b.items));
                    let rhs = u64::from(b.led).saturating_mul(u64::from(h.items));
                    lhs > rhs || (lhs == rhs && h.items > b.items)
                });
                if better {
                    *slot = Some(Evidence {
                        term: hit.term,
                        led,
                        items: h.items,
                    });
                }
            }
        }
        best
    }

    /// Terms learnt.
    pub(crate) fn len(&self) -> usize {
        self.terms.len()
    }
}

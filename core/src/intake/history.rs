//! 历史办理经验 (what the ledger's history says about routing): which units handled the
//! earlier items that mention a term.
//!
//! Issue 21: routing learns from the ledger's own history. Each earlier suggestion with an
//! assignment counts once for every duty term it mentions and for each of its final lead
//! units (after any return or reassignment). When a new item mentions the term, the share of
//! those items a unit handled is evidence for it: "7 of 9 earlier items mentioning 饮水 were
//! handled by 市水利局". Built by replaying the ledger's items; pure and deterministic.

use std::collections::BTreeMap;

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
        let mut history = RoutingHistory::default();
        for it in ledger.items().values() {
            if it.kind != ItemKind::Suggestion {
                continue;
            }
            // INVARIANT: the current assignment is the final one (a return or reassignment
            // replaces it), so history learns where items ended up, not where they started.
            let Some(a) = it.current_assignment() else {
                continue;
            };
            let leads: Vec<usize> = a
                .plan
                .leads
                .iter()
                .filter_map(|u| position.get(u.as_str()).copied())
                .collect();
            if leads.is_empty() {
                continue;
            }
            let hits = matcher.hits(&it.text.title, &it.text.body);
            for (term, _) in is_duty
                .iter()
                .enumerate()
                .filter(|(t, d)| **d && hits.any(*t))
            {
                let h = history.terms.entry(term).or_default();
                h.items = h.items.saturating_add(1);
                for &p in &leads {
                    let n = h.by_unit.entry(p).or_default();
                    *n = n.saturating_add(1);
                }
            }
        }
        history
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

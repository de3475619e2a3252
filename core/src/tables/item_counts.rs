//! 逐件计数 (the year tables' pass over the items): what each item adds to the tables the
//! tally does not keep — topics, liaison committees, units led and co-handled, first
//! ratings, contact before the reply, rollover — counted over shares of the items, one per
//! thread, then added up. Every count is a sum, so the shares give the one-pass counts
//! whatever their number (test `the_counts_are_the_same_on_any_number_of_threads`).

use std::collections::BTreeMap;
use std::num::NonZeroUsize;

use crate::id::UnitId;
use crate::item::{HandlerRole, Item};
use crate::item_class::Part;
use crate::ledger::Ledger;
use crate::provenance::Unknown;
use crate::vocab::ItemKind;

/// Items per share at least: a share is worth a thread only when it is this long.
const MIN_SHARE: usize = 8_192;

/// The year's per-item counts.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct ItemCounts<'a> {
    /// Suggestions by topic id (`unclassified` when none).
    pub(super) topics: BTreeMap<&'a str, u64>,
    /// Suggestions whose handling units liaise with each committee.
    pub(super) committees: BTreeMap<&'a str, u64>,
    /// Items each unit leads and co-handles, with its liaison committee.
    pub(super) units: BTreeMap<&'a UnitId, (u64, u64, Option<&'a str>)>,
    /// First ratings by level id (items whose earlier ratings are unknown left out).
    pub(super) first_levels: BTreeMap<&'a str, u64>,
    /// Earlier years' items rolled into the year, by latest class (`unreplied`).
    pub(super) rollover: BTreeMap<&'a str, u64>,
    /// Items with a first rating.
    pub(super) first_rated: u64,
    /// Replied items whose units contacted the deputy before the first reply.
    pub(super) contacted: u64,
    /// Items with a handling unit.
    pub(super) assigned: u64,
    /// Replied items whose contact the source does not know (imported).
    pub(super) contact_unknown: u64,
    /// Rated items whose earlier ratings the source does not know (imported).
    pub(super) first_unknown: u64,
    /// Items whose units liaise with more than one committee.
    pub(super) several_committees: u64,
}

/// Adds `n` to `key`'s count.
pub(super) fn bump<K: Ord>(map: &mut BTreeMap<K, u64>, key: K, n: u64) {
    let e = map.entry(key).or_default();
    *e = e.saturating_add(n);
}

/// Every part's unit contacted the deputy on or before its own first reply (a whole item:
/// any contact on or before the first reply), whatever order the parts replied in.
fn contacted_before_reply(it: &Item) -> bool {
    it.parts().all(|part| {
        let Some(first) = it.replies_of(part).next() else {
            return false;
        };
        it.contacts.iter().any(|(unit, on, _)| {
            *on <= first.on
                && match part {
                    Part::Whole => true,
                    Part::Unit(u) => u == unit,
                }
        })
    })
}

impl<'a> ItemCounts<'a> {
    /// The counts of work year `year` over every item of `ledger`, on up to `threads`
    /// threads.
    pub(super) fn of(ledger: &'a Ledger, year: i32, threads: NonZeroUsize) -> ItemCounts<'a> {
        ItemCounts::in_shares(ledger, year, threads, MIN_SHARE)
    }

    /// [`ItemCounts::of`] with shares of at least `min_share` items.
    fn in_shares(
        ledger: &'a Ledger,
        year: i32,
        threads: NonZeroUsize,
        min_share: usize,
    ) -> ItemCounts<'a> {
        let items: Vec<&'a Item> = ledger.items.values().map(|it| &**it).collect();
        let shares = crate::shares::in_shares(&items, threads, min_share, |share, _| {
            let mut counts = ItemCounts::default();
            // One buffer for every item's committees (an item has one or two).
            let mut liaisons: Vec<&'a str> = Vec::new();
            for it in share {
                counts.count(ledger, year, it, &mut liaisons);
            }
            counts
        });
        let mut total = ItemCounts::default();
        for share in shares {
            total.add(share);
        }
        total
    }

    /// Adds what `it` adds.
    fn count(&mut self, ledger: &'a Ledger, year: i32, it: &'a Item, liaisons: &mut Vec<&'a str>) {
        let results = &ledger.profile.results;
        if it.kind == ItemKind::Motion {
            return;
        }
        if it.year != year {
            if it.rolled_into.contains(&year) {
                bump(
                    &mut self.rollover,
                    it.latest_class(results).unwrap_or("unreplied"),
                    1,
                );
            }
            return;
        }
        bump(
            &mut self.topics,
            it.topic.as_deref().unwrap_or("unclassified"),
            1,
        );
        if !it.handlers.is_empty() {
            self.assigned = self.assigned.saturating_add(1);
        }
        liaisons.clear();
        for (unit, handler) in &it.handlers {
            let entry = self.units.entry(unit).or_insert_with(|| {
                let liaison = ledger
                    .directory
                    .units
                    .get(unit)
                    .and_then(|u| u.liaison_committee.as_ref());
                (0, 0, liaison.map(crate::id::CommitteeId::as_str))
            });
            match handler.role {
                HandlerRole::Lead => entry.0 = entry.0.saturating_add(1),
                HandlerRole::Co => entry.1 = entry.1.saturating_add(1),
            }
            if let Some(c) = entry.2 {
                liaisons.push(c);
            }
        }
        liaisons.sort_unstable();
        liaisons.dedup();
        if liaisons.len() > 1 {
            self.several_committees = self.several_committees.saturating_add(1);
        }
        for c in liaisons.iter() {
            bump(&mut self.committees, *c, 1);
        }
        if let Some(level) = it.first_rating().and_then(|r| r.level.as_deref()) {
            self.first_rated = self.first_rated.saturating_add(1);
            if it.unknown.contains(Unknown::EarlierRatings) {
                self.first_unknown = self.first_unknown.saturating_add(1);
            } else {
                bump(&mut self.first_levels, level, 1);
            }
        }
        if it.is_replied() && contacted_before_reply(it) {
            self.contacted = self.contacted.saturating_add(1);
        } else if it.is_replied() && it.unknown.contains(Unknown::Contact) {
            self.contact_unknown = self.contact_unknown.saturating_add(1);
        }
    }

    /// Adds another share's counts.
    fn add(&mut self, other: ItemCounts<'a>) {
        for (k, n) in other.topics {
            bump(&mut self.topics, k, n);
        }
        for (k, n) in other.committees {
            bump(&mut self.committees, k, n);
        }
        for (k, n) in other.first_levels {
            bump(&mut self.first_levels, k, n);
        }
        for (k, n) in other.rollover {
            bump(&mut self.rollover, k, n);
        }
        for (unit, (lead, co, liaison)) in other.units {
            // INVARIANT: a unit's liaison committee is read from the one directory, so both
            // shares hold the same one.
            let e = self.units.entry(unit).or_insert((0, 0, liaison));
            e.0 = e.0.saturating_add(lead);
            e.1 = e.1.saturating_add(co);
        }
        self.first_rated = self.first_rated.saturating_add(other.first_rated);
        self.contacted = self.contacted.saturating_add(other.contacted);
        self.assigned = self.assigned.saturating_add(other.assigned);
        self.contact_unknown = self.contact_unknown.saturating_add(other.contact_unknown);
        self.first_unknown = self.first_unknown.saturating_add(other.first_unknown);
        self.several_committees = self
            .several_committees
            .saturating_add(other.several_committees);
    }
}

#[cfg(test)]
mod tests {
    use std::num::NonZeroUsize;

    use super::*;
    use crate::generator::{generate, GeneratorConfig};

    #[test]
    fn the_counts_are_the_same_on_any_number_of_threads() {
        let ledger = generate(&GeneratorConfig::scaled(2_000, 7)).unwrap();
        for year in [2021, 2022, 2023] {
            let one = ItemCounts::in_shares(&ledger, year, NonZeroUsize::MIN, 1);
            for threads in [2, 3, 7] {
                let threads = NonZeroUsize::new(threads).unwrap();
                for min_share in [1, 100, 1_000] {
                    let many = ItemCounts::in_shares(&ledger, year, threads, min_share);
                    assert_eq!(
                        one, many,
                        "{year} on {threads} threads, {min_share} a share"
                    );
                }
            }
            if year == 2022 {
                assert!(one.assigned > 1_000 && one.contacted > 0 && !one.units.is_empty());
                assert!(!one.committees.is_empty() && !one.first_levels.is_empty());
            }
        }
    }

    #[test]
    fn the_year_tables_are_the_same_on_any_number_of_threads() {
        let ledger = generate(&GeneratorConfig::scaled(1_500, 11)).unwrap();
        for day in ["2022-06-30", "2022-12-31", "2023-03-31"] {
            let day: chrono::NaiveDate = day.parse().unwrap();
            let one = ledger.year_tables(2022, day).unwrap();
            for threads in [2, 3] {
                let many = ledger
                    .year_tables_on(2022, day, NonZeroUsize::new(threads).unwrap())
                    .unwrap();
                assert_eq!(one, many, "as of {day} on {threads} threads");
            }
        }
    }
}

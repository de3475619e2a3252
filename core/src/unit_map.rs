//! 承办单位表 (the units handling an item): a small map from unit to what it holds, kept as
//! one vector sorted by unit.
//!
//! An item has one lead unit, sometimes a few co-handlers (RULES.md: 主办 and 协办/会办), so
//! its map of handlers holds one to a handful of entries. As a `BTreeMap` each item paid for
//! a whole leaf of eleven slots (≈ 0.5 KB; issue 22, SPEC §13's memory per item); as a
//! sorted vector it holds what it has. The order and the JSON (an object keyed by unit) are
//! the `BTreeMap`'s.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::id::UnitId;

/// A map from unit to `V`, in unit order (the handlers of an item).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitMap<V> {
    // INVARIANT: sorted by unit, each unit once.
    entries: Vec<(UnitId, V)>,
}

impl<V> Default for UnitMap<V> {
    fn default() -> Self {
        UnitMap {
            entries: Vec::new(),
        }
    }
}

impl<V> UnitMap<V> {
    /// An empty map.
    pub fn new() -> Self {
        UnitMap::default()
    }

    /// An empty map with room for `n` units.
    pub fn with_capacity(n: usize) -> Self {
        UnitMap {
            entries: Vec::with_capacity(n),
        }
    }

    /// How many units.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no unit is in the map.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn position(&self, unit: &UnitId) -> Result<usize, usize> {
        self.entries.binary_search_by(|(u, _)| u.cmp(unit))
    }

    /// What `unit` holds.
    pub fn get(&self, unit: &UnitId) -> Option<&V> {
        let at = self.position(unit).ok()?;
        self.entries.get(at).map(|(_, v)| v)
    }

    /// The unit as the map holds it, with what it holds.
    pub fn get_key_value(&self, unit: &UnitId) -> Option<(&UnitId, &V)> {
        let at = self.position(unit).ok()?;
        self.entries.get(at).map(pair)
    }

    /// What `unit` holds, to change.
    pub fn get_mut(&mut self, unit: &UnitId) -> Option<&mut V> {
        let at = self.position(unit).ok()?;
        self.entries.get_mut(at).map(|(_, v)| v)
    }

    /// Whether `unit` is in the map.
    pub fn contains_key(&self, unit: &UnitId) -> bool {
        self.position(unit).is_ok()
    }

    /// Puts `value` for `unit`; returns what it held before.
    pub fn insert(&mut self, unit: UnitId, value: V) -> Option<V> {
        match self.position(&unit) {
            Ok(at) => self
                .entries
                .get_mut(at)
                .map(|(_, old)| std::mem::replace(old, value)),
            Err(at) => {
                self.entries.insert(at, (unit, value));
                None
            }
        }
    }

    /// Takes `unit` out; returns what it held.
    pub fn remove(&mut self, unit: &UnitId) -> Option<V> {
        let at = self.position(unit).ok()?;
        Some(self.entries.remove(at).1)
    }

    /// The units, in order.
    pub fn keys(&self) -> impl Iterator<Item = &UnitId> {
        self.entries.iter().map(|(u, _)| u)
    }

    /// What each unit holds, in unit order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.entries.iter().map(|(_, v)| v)
    }

    /// Each unit and what it holds, in order.
    pub fn iter(&self) -> Iter<'_, V> {
        self.entries.iter().map(pair)
    }
}

/// [`UnitMap::iter`]'s iterator.
pub type Iter<'a, V> = std::iter::Map<std::slice::Iter<'a, (UnitId, V)>, PairOf<'a, V>>;

/// How an entry is lent out by [`UnitMap::iter`].
pub type PairOf<'a, V> = fn(&'a (UnitId, V)) -> (&'a UnitId, &'a V);

fn pair<V>((unit, value): &(UnitId, V)) -> (&UnitId, &V) {
    (unit, value)
}

impl<'a, V> IntoIterator for &'a UnitMap<V> {
    type Item = (&'a UnitId, &'a V);
    type IntoIter = Iter<'a, V>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<V> FromIterator<(UnitId, V)> for UnitMap<V> {
    /// As a `BTreeMap` is collected: a unit given twice keeps its last value.
    fn from_iter<I: IntoIterator<Item = (UnitId, V)>>(iter: I) -> Self {
        let mut map = UnitMap::new();
        for (unit, value) in iter {
            map.insert(unit, value);
        }
        map
    }
}

impl<V: Serialize> Serialize for UnitMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for UnitMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = std::collections::BTreeMap::<UnitId, V>::deserialize(deserializer)?;
        Ok(UnitMap {
            entries: map.into_iter().collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]

    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::*;

    fn unit(n: u8) -> UnitId {
        UnitId::new(format!("U{n:02}")).unwrap()
    }

    #[test]
    fn it_serialises_as_the_btree_map_it_replaces() {
        let map: UnitMap<u32> = [(unit(3), 30), (unit(1), 10)].into_iter().collect();
        let tree: BTreeMap<UnitId, u32> = [(unit(3), 30), (unit(1), 10)].into_iter().collect();
        let json = serde_json::to_string(&map).unwrap();
        assert_eq!(json, serde_json::to_string(&tree).unwrap());
        assert_eq!(json, r#"{"U01":10,"U03":30}"#);
        let back: UnitMap<u32> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, map);
        assert!(serde_json::from_str::<UnitMap<u32>>("[1]").is_err());
    }

    proptest! {
        /// Any sequence of inserts and removals leaves the map a `BTreeMap` would be.
        #[test]
        fn it_answers_as_a_btree_map_does(ops in proptest::collection::vec((any::<bool>(), 0u8..8, any::<u32>()), 0..40)) {
            let mut map = UnitMap::new();
            let mut tree = BTreeMap::new();
            for (put, n, value) in ops {
                if put {
                    prop_assert_eq!(map.insert(unit(n), value), tree.insert(unit(n), value));
                } else {
                    prop_assert_eq!(map.remove(&unit(n)), tree.remove(&unit(n)));
                }
                prop_assert_eq!(map.len(), tree.len());
                prop_assert_eq!(map.is_empty(), tree.is_empty());
                for n in 0..8 {
                    prop_assert_eq!(map.get(&unit(n)), tree.get(&unit(n)));
                    prop_assert_eq!(map.contains_key(&unit(n)), tree.contains_key(&unit(n)));
                    prop_assert_eq!(map.get_key_value(&unit(n)), tree.get_key_value(&unit(n)));
                }
                prop_assert!(map.iter().eq(tree.iter()));
                prop_assert!(map.keys().eq(tree.keys()));
                prop_assert!(map.values().eq(tree.values()));
            }
            let first = map.keys().next().cloned();
            if let Some(first) = first {
                *map.get_mut(&first).unwrap() = 7;
                *tree.get_mut(&first).unwrap() = 7;
                prop_assert!(map.iter().eq(tree.iter()));
            }
        }
    }
}

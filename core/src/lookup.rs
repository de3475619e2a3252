//! 编号索引 (a position index over ids): for the whole-ledger passes that look an id up
//! once per item in a directory of a million entries (deputy points: the lead and every
//! co-signer of every suggestion).
//!
//! A `BTreeMap` search over a million `String` keys compares against ≈ 50 keys, each on its
//! own heap line: at 1 000 000 deputies that was 2 µs a lookup and 11 s for the year's deputy
//! points (BENCHMARKS.md). A hash index hashes once and compares one key.
//!
//! INVARIANT: the index is only looked up, never iterated, so nothing it returns depends on
//! the hash order; outputs keep the order of the map it was built from. The hasher has fixed
//! keys (no randomness, no system call); the ids come from the directory, which only the
//! office registers.

#![allow(
    clippy::disallowed_types,
    reason = "a lookup-only hash index; never iterated (see the invariant above)"
)]

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

/// Each id's position in the sequence the index was built from.
#[derive(Debug, Clone, Default)]
pub(crate) struct PositionIndex<'a> {
    positions: HashMap<&'a str, usize, BuildHasherDefault<DefaultHasher>>,
}

impl<'a> PositionIndex<'a> {
    /// The index of `ids`, in their order (a later duplicate keeps the earlier position).
    pub(crate) fn new(ids: impl IntoIterator<Item = &'a str>) -> PositionIndex<'a> {
        let mut positions: HashMap<&'a str, usize, BuildHasherDefault<DefaultHasher>> =
            HashMap::default();
        for (i, id) in ids.into_iter().enumerate() {
            positions.entry(id).or_insert(i);
        }
        PositionIndex { positions }
    }

    /// The position of `id`, if it was among the ids.
    pub(crate) fn get(&self, id: &str) -> Option<usize> {
        self.positions.get(id).copied()
    }

    /// How many distinct ids.
    pub(crate) fn len(&self) -> usize {
        self.positions.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_follow_the_input_order() {
        let index = PositionIndex::new(["D003", "D001", "D002", "D001"]);
        assert_eq!(index.get("D003"), Some(0));
        assert_eq!(index.get("D001"), Some(1));
        assert_eq!(index.get("D002"), Some(2));
        assert_eq!(index.get("D004"), None);
        assert_eq!(index.len(), 3);
    }

    #[test]
    fn the_same_ids_give_the_same_index() {
        let ids: Vec<String> = (0..1000).map(|i| format!("D{i:06}")).collect();
        let a = PositionIndex::new(ids.iter().map(String::as_str));
        let b = PositionIndex::new(ids.iter().map(String::as_str));
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(a.get(id), Some(i));
            assert_eq!(b.get(id), Some(i));
        }
    }
}

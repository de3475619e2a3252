//! 命令登记簿 (the command book): where each executed command's events sit in the log, for
//! idempotency (a retried command is answered with its first events, a reused id refused).
//!
//! A ledger records one command per few events, a million of them in a large city-year. A
//! view as of a day (`crate::as_of`) differs from its ledger in a handful of commands (those
//! with events after the day); it shares the ledger's records and keeps its own differences
//! beside them instead of copying the million. Whoever records on a shared book gets one of
//! its own first (copy on write).

#[cfg(feature = "view-by-items")]
use std::cmp::Ordering;
use std::collections::BTreeMap;
#[cfg(feature = "view-by-items")]
use std::collections::BTreeSet;
use std::sync::Arc;

use crate::id::{CommandDigest, CommandId};

/// Where a command's events sit in the log (24 bytes: a million of them in a large
/// city-year).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CommandRecord {
    /// The command's digest, as its bytes.
    pub(crate) digest: DigestBytes,
    /// The number of its first event.
    pub(crate) first_seq: u64,
    /// How many events it recorded.
    pub(crate) count: u32,
}

/// A command digest in 8 bytes: the 16 hex digits `crate::ledger::command_digest` writes,
/// decoded; any other text a ledger written elsewhere carries (`CommandDigest` takes any),
/// the first 8 bytes of its SHA-256. Two digests are the same command's when their bytes
/// are equal.
// INVARIANT: a snapshot writes the eight bytes as they are and reads them back, so a
// snapshot of the records reopens to equal records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DigestBytes([u8; 8]);

impl DigestBytes {
    /// The bytes of `digest`.
    pub(crate) fn of(digest: &CommandDigest) -> DigestBytes {
        let text = digest.as_str().as_bytes();
        let mut bytes = [0_u8; 8];
        let mut hex = true;
        if text.len() == 16 {
            for (byte, pair) in bytes.iter_mut().zip(text.chunks_exact(2)) {
                match (nibble(pair.first()), nibble(pair.get(1))) {
                    (Some(high), Some(low)) => *byte = (high << 4) | low,
                    _ => hex = false,
                }
            }
        } else {
            hex = false;
        }
        if !hex {
            use sha2::Digest;
            let hash = sha2::Sha256::digest(text);
            for (byte, h) in bytes.iter_mut().zip(hash.iter()) {
                *byte = *h;
            }
        }
        DigestBytes(bytes)
    }

    /// The eight bytes (a snapshot writes them as they are).
    #[cfg(feature = "snapshots")]
    pub(crate) fn bytes(self) -> [u8; 8] {
        self.0
    }

    /// The digest of eight bytes (as a snapshot wrote them).
    #[cfg(feature = "snapshots")]
    pub(crate) fn from_bytes(bytes: [u8; 8]) -> DigestBytes {
        DigestBytes(bytes)
    }
}

/// The value of a lower-case hex digit.
fn nibble(digit: Option<&u8>) -> Option<u8> {
    match digit? {
        d @ b'0'..=b'9' => Some(d.wrapping_sub(b'0')),
        d @ b'a'..=b'f' => Some(d.wrapping_sub(b'a').wrapping_add(10)),
        _ => None,
    }
}

/// The command records of a ledger, possibly shared with its views.
#[derive(Debug, Clone, Default)]
pub(crate) struct CommandBook {
    base: Arc<BTreeMap<CommandId, CommandRecord>>,
    /// What differs from `base` while it is shared: a record written, or `None` for one
    /// taken out. Only a view writes beside the records (the phone library, without views
    /// by items, leaves this out for its size).
    #[cfg(feature = "view-by-items")]
    changes: BTreeMap<CommandId, Option<CommandRecord>>,
    /// The commands that recorded no event (a replay does not know them).
    #[cfg(feature = "view-by-items")]
    silent: BTreeSet<CommandId>,
}

impl CommandBook {
    /// The record of command `id`.
    pub(crate) fn get(&self, id: &CommandId) -> Option<&CommandRecord> {
        #[cfg(not(feature = "view-by-items"))]
        return self.base.get(id);
        #[cfg(feature = "view-by-items")]
        match self.changes.get(id) {
            Some(changed) => changed.as_ref(),
            None => self.base.get(id),
        }
    }

    /// The records, one book no other shares, for writing in place (copied only when
    /// shared, with the differences folded in). A record written here must count at least
    /// one event: [`CommandBook::insert`] writes the others.
    pub(crate) fn records_mut(&mut self) -> &mut BTreeMap<CommandId, CommandRecord> {
        #[cfg(feature = "view-by-items")]
        if !self.changes.is_empty() || Arc::get_mut(&mut self.base).is_none() {
            let mut own = (*self.base).clone();
            for (id, changed) in std::mem::take(&mut self.changes) {
                match changed {
                    Some(rec) => own.insert(id, rec),
                    None => own.remove(&id),
                };
            }
            self.base = Arc::new(own);
        }
        // Unique now: `make_mut` copies nothing.
        Arc::make_mut(&mut self.base)
    }

    /// Records command `id`.
    pub(crate) fn insert(&mut self, id: CommandId, record: CommandRecord) {
        #[cfg(feature = "view-by-items")]
        if record.count == 0 {
            self.silent.insert(id.clone());
        } else {
            self.silent.remove(&id);
        }
        self.records_mut().insert(id, record);
    }

    /// Writes `record` for command `id`, beside a shared book rather than copying it.
    #[cfg(feature = "view-by-items")]
    pub(crate) fn set(&mut self, id: &CommandId, record: CommandRecord) {
        if record.count == 0 {
            self.silent.insert(id.clone());
        } else {
            self.silent.remove(id);
        }
        match self.unshared() {
            Some(base) => {
                base.insert(id.clone(), record);
            }
            None => {
                self.changes.insert(id.clone(), Some(record));
            }
        }
    }

    /// Takes command `id` out, beside a shared book rather than copying it.
    #[cfg(feature = "view-by-items")]
    pub(crate) fn remove(&mut self, id: &CommandId) {
        self.silent.remove(id);
        match self.unshared() {
            Some(base) => {
                base.remove(id);
            }
            None => {
                self.changes.insert(id.clone(), None);
            }
        }
    }

    /// Takes out the commands that recorded no event.
    #[cfg(feature = "view-by-items")]
    pub(crate) fn remove_silent(&mut self) {
        // INVARIANT: a record counts its events from the first, so one counted 0 is still 0
        // unless an event of the command was folded in since (then it is kept).
        for id in std::mem::take(&mut self.silent) {
            if self.get(&id).is_some_and(|rec| rec.count == 0) {
                self.remove(&id);
            }
        }
    }

    /// The base, when no other book shares it and nothing differs from it.
    #[cfg(feature = "view-by-items")]
    fn unshared(&mut self) -> Option<&mut BTreeMap<CommandId, CommandRecord>> {
        if self.changes.is_empty() {
            Arc::get_mut(&mut self.base)
        } else {
            None
        }
    }

    /// How many commands are recorded.
    pub(crate) fn len(&self) -> usize {
        #[cfg(not(feature = "view-by-items"))]
        return self.base.len();
        #[cfg(feature = "view-by-items")]
        if self.changes.is_empty() {
            self.base.len()
        } else {
            self.iter().count()
        }
    }

    /// The records in command id order.
    #[cfg(not(feature = "view-by-items"))]
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&CommandId, &CommandRecord)> {
        self.base.iter()
    }

    /// The records in command id order.
    #[cfg(feature = "view-by-items")]
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&CommandId, &CommandRecord)> {
        let mut base = self.base.iter().peekable();
        let mut changes = self.changes.iter().peekable();
        std::iter::from_fn(move || loop {
            let order = match (base.peek(), changes.peek()) {
                (None, None) => return None,
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (Some((b, _)), Some((c, _))) => b.cmp(c),
            };
            if order == Ordering::Less {
                return base.next();
            }
            if order == Ordering::Equal {
                base.next();
            }
            if let Some((id, Some(rec))) = changes.next() {
                return Some((id, rec));
            }
        })
    }
}

impl From<BTreeMap<CommandId, CommandRecord>> for CommandBook {
    fn from(records: BTreeMap<CommandId, CommandRecord>) -> CommandBook {
        #[cfg(feature = "view-by-items")]
        let silent = records
            .iter()
            .filter(|(_, rec)| rec.count == 0)
            .map(|(id, _)| id.clone())
            .collect();
        CommandBook {
            base: Arc::new(records),
            #[cfg(feature = "view-by-items")]
            changes: BTreeMap::new(),
            #[cfg(feature = "view-by-items")]
            silent,
        }
    }
}

impl PartialEq for CommandBook {
    fn eq(&self, other: &CommandBook) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for CommandBook {}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::arithmetic_side_effects, reason = "tests")]

    use super::*;

    #[cfg(feature = "view-by-items")]
    fn id(n: u32) -> CommandId {
        format!("c{n:03}").parse().unwrap()
    }

    #[cfg(feature = "view-by-items")]
    fn record(first_seq: u64, count: u32) -> CommandRecord {
        CommandRecord {
            digest: DigestBytes::of(&CommandDigest::new("00")),
            first_seq,
            count,
        }
    }

    #[cfg(feature = "view-by-items")]
    fn book(n: u32) -> CommandBook {
        let mut book = CommandBook::default();
        for i in 0..n {
            book.insert(id(i * 2), record(u64::from(i) + 1, 1));
        }
        book
    }

    #[test]
    #[cfg(feature = "view-by-items")]
    fn a_shared_book_keeps_its_changes_beside_the_records_it_shares() {
        let ledger = book(10);
        let mut view = ledger.clone();
        view.remove(&id(4));
        view.set(&id(6), record(99, 2));
        view.set(&id(7), record(50, 1));
        assert!(
            Arc::ptr_eq(&ledger.base, &view.base),
            "the records are shared"
        );
        assert_eq!(view.get(&id(4)), None);
        assert_eq!(view.get(&id(6)), Some(&record(99, 2)));
        assert_eq!(view.get(&id(7)), Some(&record(50, 1)));
        assert_eq!(view.get(&id(8)), ledger.get(&id(8)));
        assert_eq!(
            ledger.get(&id(4)),
            Some(&record(3, 1)),
            "the ledger's unchanged"
        );
        // Read in id order, as one book.
        let mut expected: BTreeMap<CommandId, CommandRecord> =
            ledger.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        expected.remove(&id(4));
        expected.insert(id(6), record(99, 2));
        expected.insert(id(7), record(50, 1));
        assert!(view.iter().eq(expected.iter()));
        assert_eq!(view.len(), 10);
        assert_eq!(view, CommandBook::from(expected.clone()));
        assert_ne!(view, ledger);
        // Written in place: a book of its own, the same records.
        let mut own = view.clone();
        own.records_mut();
        assert!(own.changes.is_empty() && !Arc::ptr_eq(&ledger.base, &own.base));
        assert_eq!(own, view);
    }

    #[test]
    fn a_digest_is_held_as_its_bytes() {
        let written = CommandDigest::new("0123456789abcdef");
        let bytes = DigestBytes::of(&written);
        assert_eq!(bytes.0, [0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef]);
        assert_eq!(crate::ledger::hex(&bytes.0), written.as_str());
        // Any other text: the first bytes of its SHA-256, never those of a hex digest.
        for other in ["0123456789ABCDEF", "00", "0123456789abcdeg", "摘要", ""] {
            let bytes = DigestBytes::of(&CommandDigest::new(other));
            assert_ne!(bytes, DigestBytes::of(&written), "{other}");
        }
        assert_ne!(
            DigestBytes::of(&CommandDigest::new("a")),
            DigestBytes::of(&CommandDigest::new("b"))
        );
        assert_eq!(std::mem::size_of::<CommandRecord>(), 24);
    }

    #[test]
    #[cfg(feature = "view-by-items")]
    fn an_unshared_book_changes_in_place() {
        let mut ledger = book(3);
        ledger.remove(&id(0));
        ledger.set(&id(1), record(7, 1));
        assert!(ledger.changes.is_empty());
        assert_eq!(ledger.len(), 3);
        assert_eq!(ledger.get(&id(1)), Some(&record(7, 1)));
    }

    #[test]
    #[cfg(feature = "view-by-items")]
    fn commands_that_recorded_nothing_are_taken_out_on_request() {
        let mut ledger = book(3);
        ledger.insert(id(1), record(4, 0));
        ledger.insert(id(3), record(4, 0));
        let mut view = ledger.clone();
        view.remove_silent();
        assert_eq!(view.len(), 3);
        assert!(view.get(&id(1)).is_none() && view.get(&id(3)).is_none());
        assert_eq!(ledger.len(), 5);
        assert_eq!(
            CommandBook::from((*ledger.base).clone()).silent,
            ledger.silent
        );
    }
}

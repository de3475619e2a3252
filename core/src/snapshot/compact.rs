//! 紧凑编码 (the snapshot's compact encoding, format version 4): how an item's state and a
//! command record are written as bytes, and read back (`docs/snapshot-format.md`).
//!
//! JSON spelled out every field name, every date as ten characters and every class as its
//! name: 2.4 KB per item, and reading it was most of a reopen (issue 22). Here a record is its
//! fields in declaration order, without names:
//!
//! - an unsigned number is LEB128 (seven bits a byte, the low bits first); a signed one is
//!   zig-zagged first; `bool` is one byte, 0 or 1;
//! - a date is its day number (`NaiveDate::num_days_from_ce`), signed;
//! - text (ids, titles, class ids) is its length in bytes, then its UTF-8 bytes;
//! - an `Option` is a byte (0 absent, 1 present) then the value; a list or a map is its
//!   length, then its entries;
//! - a fixed set of names (a status, a role, a round) is its position in the enum's
//!   declaration;
//! - the parts few items have (a dispute, key or leader-led supervision, activities, a
//!   third-party evaluation, unknown facts) are their JSON, as text: rare, and too varied to
//!   be worth a layout of their own.
//!
//! Reading never trusts a length: a list cannot claim more entries than bytes remain, text
//! must be UTF-8, ids pass the same checks as in JSON, and a record must be read to its last
//! byte. A snapshot whose bytes do not read is refused (`snapshot.parse`), never a panic.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::command::ItemText;
use crate::command_book::{CommandRecord, DigestBytes};
use crate::directory::{Deputy, Directory};
use crate::id::{CommandId, DelegationId, DeputyId, ItemId, MergeGroupId, SessionId, UnitId};
use crate::item::{
    AssignmentRecord, Commitment, Duty, DutyKind, FeedbackRecord, Handler, HandlerRole, Item,
    ItemStatus, Party, ReplyRecord,
};
use crate::vocab::{
    AssignmentPlan, Closing, ContactMethod, HandlingMode, ItemKind, MotionDecision, Origin, Period,
    ReplyRound,
};

/// Why a record does not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Unreadable(pub(super) String);

fn unreadable(reason: impl Into<String>) -> Unreadable {
    Unreadable(reason.into())
}

/// Bytes being written.
#[derive(Debug, Default)]
pub(super) struct Writer {
    pub(super) bytes: Vec<u8>,
}

impl Writer {
    pub(super) fn unsigned(&mut self, mut value: u64) {
        loop {
            let low = u8::try_from(value & 0x7f).unwrap_or(0);
            value >>= 7;
            if value == 0 {
                self.bytes.push(low);
                return;
            }
            self.bytes.push(low | 0x80);
        }
    }

    fn signed(&mut self, value: i64) {
        // Zig-zag: 0, -1, 1, -2 … as 0, 1, 2, 3 …
        let zigzag = (value << 1) ^ (value >> 63);
        self.unsigned(u64::from_ne_bytes(zigzag.to_ne_bytes()));
    }

    pub(super) fn bytes(&mut self, bytes: &[u8]) {
        self.unsigned(u64::try_from(bytes.len()).unwrap_or(u64::MAX));
        self.bytes.extend_from_slice(bytes);
    }
}

/// Bytes being read: what is left of one record.
#[derive(Debug)]
pub(super) struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { rest: bytes }
    }

    /// Whether every byte was read.
    pub(super) fn is_done(&self) -> bool {
        self.rest.is_empty()
    }

    fn byte(&mut self) -> Result<u8, Unreadable> {
        let (&first, rest) = self
            .rest
            .split_first()
            .ok_or_else(|| unreadable("ends in the middle of a value"))?;
        self.rest = rest;
        Ok(first)
    }

    pub(super) fn unsigned(&mut self) -> Result<u64, Unreadable> {
        let mut value = 0_u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            let bits = u64::from(byte & 0x7f);
            if shift == 63 && bits > 1 {
                break;
            }
            value |= bits << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(unreadable("a number longer than 64 bits"))
    }

    fn signed(&mut self) -> Result<i64, Unreadable> {
        let zigzag = self.unsigned()?;
        let magnitude = i64::from_ne_bytes((zigzag >> 1).to_ne_bytes());
        Ok(if zigzag & 1 == 0 {
            magnitude
        } else {
            !magnitude
        })
    }

    /// A length, no greater than the bytes left (every entry takes at least one).
    fn length(&mut self) -> Result<usize, Unreadable> {
        let n = usize::try_from(self.unsigned()?).unwrap_or(usize::MAX);
        if n > self.rest.len() {
            return Err(unreadable(format!(
                "a length of {n} with {} bytes left",
                self.rest.len()
            )));
        }
        Ok(n)
    }

    pub(super) fn bytes(&mut self) -> Result<&'a [u8], Unreadable> {
        let n = self.length()?;
        let (taken, rest) = self.rest.split_at_checked(n).unwrap_or((self.rest, &[]));
        self.rest = rest;
        Ok(taken)
    }

    pub(super) fn text(&mut self) -> Result<&'a str, Unreadable> {
        std::str::from_utf8(self.bytes()?).map_err(|e| unreadable(format!("text: {e}")))
    }
}

/// A value with a compact encoding.
pub(super) trait Compact: Sized {
    fn put(&self, w: &mut Writer);
    fn take(r: &mut Reader<'_>) -> Result<Self, Unreadable>;
}

impl Compact for u64 {
    fn put(&self, w: &mut Writer) {
        w.unsigned(*self);
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Unreadable> {
        r.unsigned()
    }
}

impl Compact for u32 {
    fn put(&self, w: &mut Writer) {
        w.unsigned(u64::from(*self));
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Unreadable> {
        u32::try_from(r.unsigned()?).map_err(|_| unreadable("a number beyond 32 bits"))
    }
}

impl Compact for i32 {
    fn put(&self, w: &mut Writer) {
        w.signed(i64::from(*self));
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Unreadable> {
        i32::try_from(r.signed()?).map_err(|_| unreadable("a number beyond 32 bits"))
    }
}

impl Compact for bool {
    fn put(&self, w: &mut Writer) {
        w.bytes.push(u8::from(*self));
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Unreadable> {
        match r.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            other => Err(unreadable(format!("{other} is not a yes or no"))),
        }
    }
}

impl Compact for NaiveDate {
    fn put(&self, w: &mut Writer) {
        w.signed(i64::from(self.num_days_from_ce()));
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Unreadable> {
        let day = i32::take(r)?;
        NaiveDate::from_num_days_from_ce_opt(day)
            .ok_or_else(|| unreadable(format!("day {day} is not a date")))
    }
}

impl Compact for String {
    fn put(&self, w: &mut Writer) {
        w.bytes(self.as_bytes());
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Unreadable> {
        Ok(r.text()?.to_owned())
    }
}

impl<T: Compact> Compact for Option<T> {
    fn put(&self, w: &mut Writer) {
        match self {
            None => w.bytes.push(0),
            Some(value) => {
                w.bytes.push(1);
                value.put(w);
            }
        }
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Unreadable> {
        match r.byte()? {
            0 => Ok(None),
            1 => Ok(Some(T::take(r)?)),
            other => Err(unreadable(format!(
                "{other} is not absent (0) or present (1)"
            ))),
        }
    }
}

impl<T: Compact> Compact for Box<T> {
    fn put(&self, w: &mut Writer) {
        (**self).put(w);
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Unreadable> {
        Ok(Box::new(T::take(r)?))
    }
}

impl<T: Compact> Compact for Vec<T> {
    fn put(&self, w: &mut Writer) {
        w.unsigned(u64::try_from(self.len()).unwrap_or(u64::MAX));
        for value in self {
            value.put(w);
        }
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Unreadable> {
        let n = r.length()?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(T::take(r)?);
        }
        Ok(out)
    }
}

/// A map's entries: their count, then each key and its value.
fn put_entries<'a, K: Compact + 'a, V: Compact + 'a>(
    w: &mut Writer,
    len: usize,
    entries: impl IntoIterator<Item = (&'a K, &'a V)>,
) {
    w.unsigned(u64::try_from(len).unwrap_or(u64::MAX));
    for (key, value) in entries {
        key.put(w);
        value.put(w);
    }
}

/// The entries [`put_entries`] wrote, each handed to `insert`.
fn take_entries<K: Compact, V: Compact>(
    r: &mut Reader<'_>,
    mut insert: impl FnMut(K, V),
) -> Result<(), Unreadable> {
    let n = r.length()?;
    for _ in 0..n {
        let key = K::take(r)?;
        insert(key, V::take(r)?);
    }
    Ok(())
}

impl<K: Compact + Ord, V: Compact> Compact for BTreeMap<K, V> {
    fn put(&self, w: &mut Writer) {
        put_entries(w, self.len(), self);
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Unreadable> {
        let mut out = BTreeMap::new();
        take_entries(r, |key, value| {
            out.insert(key, value);
        })?;
        Ok(out)
    }
}

/// As the `BTreeMap` it replaced: the same bytes.
impl<V: Compact> Compact for crate::unit_map::UnitMap<V> {
    fn put(&self, w: &mut Writer) {
        put_entries(w, self.len(), self);
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Unreadable> {
        let mut out = crate::unit_map::UnitMap::new();
        take_entries(r, |key, value| {
            out.insert(key, value);
        })?;
        Ok(out)
    }
}

impl<A: Compact, B: Compact> Compact for (A, B) {
    fn put(&self, w: &mut Writer) {
        self.0.put(w);
        self.1.put(w);
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Unreadable> {
        Ok((A::take(r)?, B::take(r)?))
    }
}

impl<A: Compact, B: Compact, C: Compact> Compact for (A, B, C) {
    fn put(&self, w: &mut Writer) {
        self.0.put(w);
        self.1.put(w);
        self.2.put(w);
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Unreadable> {
        Ok((A::take(r)?, B::take(r)?, C::take(r)?))
    }
}

/// Ids as their text, checked as JSON checks them.
macro_rules! compact_id {
    ($($id:ty),* $(,)?) => {$(
        impl Compact for $id {
            fn put(&self, w: &mut Writer) {
                w.bytes(self.as_str().as_bytes());
            }
            fn take(r: &mut Reader<'_>) -> Result<Self, Unreadable> {
                <$id>::from_text(r.text()?).map_err(|e| unreadable(e.to_string()))
            }
        }
    )*};
}

compact_id!(
    ItemId,
    DeputyId,
    DelegationId,
    UnitId,
    SessionId,
    MergeGroupId,
    CommandId
);

/// A command's digest as its eight bytes, without a length.
impl Compact for DigestBytes {
    fn put(&self, w: &mut Writer) {
        w.bytes.extend_from_slice(&self.bytes());
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Unreadable> {
        let mut bytes = [0_u8; 8];
        for byte in &mut bytes {
            *byte = r.byte()?;
        }
        Ok(DigestBytes::from_bytes(bytes))
    }
}

/// A struct as its fields in order. The pattern names every field (no `..`): a field added
/// to the struct and not here does not compile.
macro_rules! compact_struct {
    ($ty:ident { $($field:ident),* $(,)? }) => {
        impl Compact for $ty {
            fn put(&self, w: &mut Writer) {
                let $ty { $($field),* } = self;
                $( $field.put(w); )*
            }
            fn take(r: &mut Reader<'_>) -> Result<Self, Unreadable> {
                $( let $field = Compact::take(r)?; )*
                Ok($ty { $($field),* })
            }
        }
    };
}

/// An enum of names as its position in the list. The `match` names every variant: one
/// added to the enum and not here does not compile. Positions are the format's: a variant
/// is added at the end, with a new snapshot version.
macro_rules! compact_names {
    ($ty:ident { $($variant:ident),* $(,)? }) => {
        impl Compact for $ty {
            fn put(&self, w: &mut Writer) {
                const ALL: &[$ty] = &[$($ty::$variant),*];
                match self { $($ty::$variant)|* => {} }
                let at = ALL.iter().position(|v| v == self).unwrap_or(0);
                w.unsigned(u64::try_from(at).unwrap_or(0));
            }
            fn take(r: &mut Reader<'_>) -> Result<Self, Unreadable> {
                const ALL: &[$ty] = &[$($ty::$variant),*];
                let at = r.unsigned()?;
                usize::try_from(at)
                    .ok()
                    .and_then(|at| ALL.get(at))
                    .copied()
                    .ok_or_else(|| unreadable(format!(
                        "{at} is not a position of {}", stringify!($ty)
                    )))
            }
        }
    };
}

compact_names!(ItemKind { Motion, Suggestion });
compact_names!(Period { Session, Recess });
compact_names!(ItemStatus {
    MotionPending,
    MotionDecided,
    Submitted,
    Registered,
    Handling,
    Replied,
    Closed,
    Withdrawn,
    Rejected,
});
compact_names!(HandlerRole { Lead, Co });
compact_names!(HandlingMode {
    LeadWithCo,
    Split,
    Joint
});
compact_names!(ContactMethod {
    Visit,
    Meeting,
    Phone,
    Online
});
compact_names!(ReplyRound {
    First,
    FollowUp,
    Rehandle,
    Rollover
});

/// The rare parts as their JSON text (see the module's documentation).
macro_rules! compact_as_json {
    ($($ty:ty),* $(,)?) => {$(
        impl Compact for $ty {
            fn put(&self, w: &mut Writer) {
                // INVARIANT: these types serialise to JSON without error (string keys, no
                // floats); an empty text would be refused on reading, never misread.
                w.bytes(&serde_json::to_vec(self).unwrap_or_default());
            }
            fn take(r: &mut Reader<'_>) -> Result<Self, Unreadable> {
                serde_json::from_slice(r.bytes()?).map_err(|e| unreadable(format!(
                    "{}: {e}", stringify!($ty)
                )))
            }
        }
    )*};
}

compact_as_json!(
    crate::item::Dispute,
    crate::supervision::KeySupervision,
    crate::supervision::LeaderLed,
    crate::supervision::ActivityRecord,
    crate::evaluation::Evaluation,
);

impl Compact for crate::provenance::UnknownSet {
    fn put(&self, w: &mut Writer) {
        // Most items have none: one byte.
        if self.is_empty() {
            w.bytes(&[]);
        } else {
            w.bytes(&serde_json::to_vec(self).unwrap_or_default());
        }
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Unreadable> {
        let bytes = r.bytes()?;
        if bytes.is_empty() {
            return Ok(Self::default());
        }
        serde_json::from_slice(bytes).map_err(|e| unreadable(format!("unknown facts: {e}")))
    }
}

impl Compact for Origin {
    fn put(&self, w: &mut Writer) {
        match self {
            Origin::Direct => w.unsigned(0),
            Origin::ConvertedFromMotion { motion } => {
                w.unsigned(1);
                motion.put(w);
            }
        }
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Unreadable> {
        match r.unsigned()? {
            0 => Ok(Origin::Direct),
            1 => Ok(Origin::ConvertedFromMotion {
                motion: ItemId::take(r)?,
            }),
            other => Err(unreadable(format!("{other} is not a position of Origin"))),
        }
    }
}

impl Compact for MotionDecision {
    fn put(&self, w: &mut Writer) {
        match self {
            MotionDecision::ToStandingCommittee => w.unsigned(0),
            MotionDecision::ToAgenda => w.unsigned(1),
            MotionDecision::ConvertToSuggestion { suggestion } => {
                w.unsigned(2);
                suggestion.put(w);
            }
            MotionDecision::NotListed => w.unsigned(3),
        }
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Unreadable> {
        match r.unsigned()? {
            0 => Ok(MotionDecision::ToStandingCommittee),
            1 => Ok(MotionDecision::ToAgenda),
            2 => Ok(MotionDecision::ConvertToSuggestion {
                suggestion: ItemId::take(r)?,
            }),
            3 => Ok(MotionDecision::NotListed),
            other => Err(unreadable(format!(
                "{other} is not a position of MotionDecision"
            ))),
        }
    }
}

impl Compact for Closing {
    fn put(&self, w: &mut Writer) {
        match self {
            Closing::Completed => w.unsigned(0),
            Closing::TermEnd { explanation } => {
                w.unsigned(1);
                explanation.put(w);
            }
        }
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Unreadable> {
        match r.unsigned()? {
            0 => Ok(Closing::Completed),
            1 => Ok(Closing::TermEnd {
                explanation: String::take(r)?,
            }),
            other => Err(unreadable(format!("{other} is not a position of Closing"))),
        }
    }
}

impl Compact for Party {
    fn put(&self, w: &mut Writer) {
        match self {
            Party::Office => w.unsigned(0),
            Party::Unit { id } => {
                w.unsigned(1);
                id.put(w);
            }
            Party::Deputy { id } => {
                w.unsigned(2);
                id.put(w);
            }
        }
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Unreadable> {
        match r.unsigned()? {
            0 => Ok(Party::Office),
            1 => Ok(Party::Unit {
                id: UnitId::take(r)?,
            }),
            2 => Ok(Party::Deputy {
                id: DeputyId::take(r)?,
            }),
            other => Err(unreadable(format!("{other} is not a position of Party"))),
        }
    }
}

impl Compact for DutyKind {
    fn put(&self, w: &mut Writer) {
        match self {
            DutyKind::RecessAssignment => w.unsigned(0),
            DutyKind::Reassignment => w.unsigned(1),
            DutyKind::FirstContact => w.unsigned(2),
            DutyKind::CoOpinion => w.unsigned(3),
            DutyKind::CoOpinionRedo => w.unsigned(4),
            DutyKind::Reply { round } => {
                w.unsigned(5);
                round.put(w);
            }
            DutyKind::Feedback => w.unsigned(6),
            DutyKind::Commitment { index } => {
                w.unsigned(7);
                index.put(w);
            }
        }
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Unreadable> {
        match r.unsigned()? {
            0 => Ok(DutyKind::RecessAssignment),
            1 => Ok(DutyKind::Reassignment),
            2 => Ok(DutyKind::FirstContact),
            3 => Ok(DutyKind::CoOpinion),
            4 => Ok(DutyKind::CoOpinionRedo),
            5 => Ok(DutyKind::Reply {
                round: ReplyRound::take(r)?,
            }),
            6 => Ok(DutyKind::Feedback),
            7 => Ok(DutyKind::Commitment {
                index: u32::take(r)?,
            }),
            other => Err(unreadable(format!("{other} is not a position of DutyKind"))),
        }
    }
}

compact_struct!(ItemText { title, body });
compact_struct!(Deputy {
    id,
    name,
    delegation,
    office_holder
});

/// The directory: its deputies (most of it: tens of thousands in a large city) compact, one
/// after another in id order; the rest (sessions, delegations, units, committees, leaders: a
/// few hundred entries) as its JSON.
impl Compact for Directory {
    fn put(&self, w: &mut Writer) {
        w.unsigned(u64::try_from(self.deputies.len()).unwrap_or(u64::MAX));
        for deputy in self.deputies.values() {
            deputy.put(w);
        }
        let rest = Directory {
            deputies: BTreeMap::new(),
            ..self.clone()
        };
        w.bytes(&serde_json::to_vec(&rest).unwrap_or_default());
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Unreadable> {
        let n = r.length()?;
        let mut deputies = Vec::with_capacity(n);
        for _ in 0..n {
            let deputy = Deputy::take(r)?;
            if deputies
                .last()
                .is_some_and(|(last, _): &(DeputyId, Deputy)| *last >= deputy.id)
            {
                return Err(unreadable(format!(
                    "deputy {} is not after the one before it",
                    deputy.id
                )));
            }
            deputies.push((deputy.id.clone(), deputy));
        }
        let rest: Directory = serde_json::from_slice(r.bytes()?)
            .map_err(|e| unreadable(format!("directory: {e}")))?;
        if !rest.deputies.is_empty() {
            return Err(unreadable("deputies in the directory's JSON"));
        }
        // INVARIANT: the ids are strictly increasing, so collecting builds the tree in bulk.
        Ok(Directory {
            deputies: deputies.into_iter().collect(),
            ..rest
        })
    }
}
compact_struct!(CommandRecord {
    digest,
    first_seq,
    count
});
compact_struct!(AssignmentPlan { mode, leads, co });
compact_struct!(Handler {
    role,
    received_on,
    return_requested_on,
    extension_requested,
    extensions_used,
    contacted,
    co_opinion_sent,
});
compact_struct!(AssignmentRecord {
    plan,
    on,
    reassignment
});
compact_struct!(ReplyRecord {
    unit,
    round,
    class,
    promised_by,
    on,
    signed_by_head,
    copied_to,
    leader_reviewed,
});
compact_struct!(FeedbackRecord {
    by,
    level,
    on,
    comment
});
compact_struct!(Commitment {
    unit,
    due,
    recorded_on,
    fulfilled_on
});
compact_struct!(Duty {
    kind,
    party,
    anchor,
    fixed_due,
    extended_until,
    done_on,
    cancelled_on,
});
compact_struct!(Item {
    id,
    kind,
    session,
    period,
    year,
    lead,
    cosigners,
    delegation,
    text,
    proposed_unit,
    origin,
    submitted_on,
    status,
    motion_decision,
    topic,
    merge_group,
    pre_assignments,
    dispute,
    assignments,
    handlers,
    contacts,
    replies,
    feedback,
    reopen_pending,
    reopened_on,
    follow_ups,
    commitments,
    rolled_into,
    look_backs,
    key_supervision,
    leader_led,
    activities,
    evaluation,
    honoured,
    closing,
    duties,
    events,
    last_on,
    unknown,
});

/// `value`'s bytes.
#[cfg(test)]
fn encoded(value: &impl Compact) -> Vec<u8> {
    let mut w = Writer::default();
    value.put(&mut w);
    w.bytes
}

/// The value `bytes` hold, every byte read.
pub(super) fn decoded<T: Compact>(bytes: &[u8]) -> Result<T, Unreadable> {
    let mut r = Reader::new(bytes);
    let value = T::take(&mut r)?;
    if r.is_done() {
        Ok(value)
    } else {
        Err(unreadable(format!(
            "{} bytes left after the value",
            r.rest.len()
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_back_at_their_limits() {
        for n in [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            assert_eq!(decoded::<u64>(&encoded(&n)), Ok(n));
        }
        for n in [0, -1, 1, i32::MIN, i32::MAX, 738_000] {
            assert_eq!(decoded::<i32>(&encoded(&n)), Ok(n));
        }
        assert_eq!(encoded(&127_u64), vec![127]);
        assert_eq!(encoded(&128_u64), vec![0x80, 1]);
    }

    #[test]
    fn a_date_is_its_day_number() {
        let day = NaiveDate::from_ymd_opt(2022, 3, 31).unwrap();
        assert_eq!(encoded(&day).len(), 3);
        assert_eq!(decoded::<NaiveDate>(&encoded(&day)), Ok(day));
    }

    #[test]
    fn bad_bytes_are_refused_with_a_reason() {
        // A number that never ends, one past 64 bits, a list longer than its bytes, text that
        // is not UTF-8, a position past the enum, bytes left over, an id JSON would refuse.
        assert!(decoded::<u64>(&[0x80; 3]).is_err());
        assert!(decoded::<u64>(&[0xff; 10]).is_err());
        assert!(decoded::<Vec<u64>>(&[200, 1]).is_err());
        assert!(decoded::<String>(&[2, 0xff, 0xfe]).is_err());
        assert!(decoded::<ItemStatus>(&[9]).is_err());
        assert!(decoded::<bool>(&[1, 0]).is_err());
        assert!(decoded::<UnitId>(&[3, b'a', b' ', b'b']).is_err());
        let Err(Unreadable(reason)) = decoded::<Vec<u64>>(&[200, 1]) else {
            panic!("a list longer than its bytes was read");
        };
        assert!(reason.contains("length of 200"), "{reason}");
    }

    #[test]
    fn every_item_of_a_generated_ledger_reads_back_equal() {
        let config = crate::generator::GeneratorConfig::scaled(60, 7);
        let ledger = crate::generator::generate(&config).unwrap();
        assert!(ledger.items.len() > 50);
        assert_eq!(
            decoded::<Directory>(&encoded(&*ledger.directory)).as_ref(),
            Ok(&*ledger.directory)
        );
        for item in ledger.items.values() {
            let bytes = encoded(&**item);
            assert_eq!(decoded::<Item>(&bytes).as_ref(), Ok(&**item));
            // Every strict prefix is refused, never misread.
            for cut in [0, bytes.len() / 2, bytes.len().saturating_sub(1)] {
                assert!(decoded::<Item>(bytes.get(..cut).unwrap()).is_err());
            }
        }
    }
}

//! 快照 (snapshot): a ledger's state at a chain head, so that a host reopens a ledger it has
//! already read without reading every event again (issue 22, SPEC §13).
//!
//! A snapshot is bytes, versioned like the ledger (`docs/snapshot-format.md`): a header line
//! of JSON, then a body of records, each its length and its bytes (records are numbered from
//! 2, the header being record 1):
//!
//! - the header: the format (`jianyi-snapshot`) and version, the library version that
//!   wrote it, the profile, how many events it covers, the link of the ledger line that
//!   wrote the last of them (its **head**), and the SHA-256 of the body;
//! - record 2, the directory (its deputies compact, the rest as JSON); record 3, the
//!   assessors' records; record 4, the statistics kept current (the year's counts and
//!   section 四's sums, with the digest of the calendar they were summed under: `sums`), or
//!   `null`: these two as JSON;
//! - one record per item (its state in the compact encoding of `compact`: fields in order,
//!   dates as day numbers, names as positions), then one per command record (id, digest
//!   bytes, first event number, count: idempotency).
//!
//! Under the same calendar the stored statistics are taken as they are and the items the
//! lines after the head touch are swapped in them; under another calendar they are summed
//! again from the items.
//!
//! [`Ledger::reopen`] reads the snapshot and the host's ledger file: it finds the line whose
//! link is the head, searching back from the end (a SHA-256 match pins that line and, through
//! the chain, every line before it), then applies only the lines after it. The ledger it
//! returns holds no event before the head ([`Ledger::holds_log`]): the calls that read the
//! whole log say so in their documentation and answer `ledger.log_not_held`. A snapshot that
//! is of another version, profile or ledger, or is damaged, is refused with a stable code and
//! the file is read in full; the refusal is returned beside the ledger.

use std::collections::BTreeMap;
use std::num::NonZeroUsize;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::assessment::{ManualScore, Records};
use crate::calendar::Calendar;
use crate::chain::ChainMark;
use crate::directory::Directory;
use crate::error::{Error, LedgerError};
use crate::id::{CommandId, DeputyId, UnitId};
use crate::item::Item;
use crate::ledger::{CommandRecord, Ledger, LogCut};
use crate::line_reader::Links;
use crate::profile::{Profile, ProfileRef};
use crate::wire::ProfileCheck;

/// The format name in a snapshot's header.
pub const SNAPSHOT_FORMAT: &str = "jianyi-snapshot";
/// The snapshot format version this library writes and reads.
pub const SNAPSHOT_VERSION: u32 = 4;
/// The library version a snapshot must come from: the state's shape and the fold's rules are
/// this version's, so a snapshot of another version is refused and the ledger read in full.
const LIBRARY_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Why a snapshot cannot stand for the ledger given: the ledger is then read in full, and
/// the refusal comes back beside it ([`Ledger::reopen`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum SnapshotError {
    /// A record of the snapshot that does not read, a key out of order, or counts that do
    /// not match its header (`snapshot.parse`).
    #[error("snapshot record {line}: {reason}")]
    Parse {
        /// 1-based record of the snapshot (the header line is record 1).
        line: usize,
        /// Why.
        reason: String,
    },
    /// Another format version, or written by another version of the library
    /// (`snapshot.version`).
    #[error("snapshot is {found}, this library reads {expected}")]
    Version {
        /// What this library reads.
        expected: String,
        /// What the snapshot is.
        found: String,
    },
    /// Taken under another profile than the one given (`snapshot.profile_mismatch`).
    #[error("snapshot was taken under profile `{expected}`, not `{found}`")]
    Profile {
        /// In the snapshot.
        expected: String,
        /// Given.
        found: String,
    },
    /// Its body does not hash to the digest its header names (`snapshot.corrupt`).
    #[error("snapshot body hashes to {found}, its header names {expected}")]
    Corrupt {
        /// Named in the header.
        expected: String,
        /// Computed.
        found: String,
    },
    /// No line of the ledger given links to its head (`snapshot.head_mismatch`).
    #[error("no line of the ledger links to the snapshot's head {head} (event {events})")]
    Head {
        /// The head the snapshot stands at.
        head: String,
        /// The events it covers.
        events: u64,
    },
}

impl SnapshotError {
    /// The stable code (`docs/error-codes.md`).
    pub fn code(&self) -> crate::error::ErrorCode {
        crate::error::ErrorCode::new(match self {
            SnapshotError::Parse { .. } => "snapshot.parse",
            SnapshotError::Version { .. } => "snapshot.version",
            SnapshotError::Profile { .. } => "snapshot.profile_mismatch",
            SnapshotError::Corrupt { .. } => "snapshot.corrupt",
            SnapshotError::Head { .. } => "snapshot.head_mismatch",
        })
    }
}

/// The first line of a snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SnapshotHeader {
    format: String,
    version: u32,
    library: String,
    profile: ProfileRef,
    /// The format version of the ledger's header (2, or 3 for an imported ledger).
    ledger_version: u32,
    /// Events covered.
    events: u64,
    /// The link of the ledger line that wrote the last event covered (the header's if none).
    head: String,
    latest_on: Option<NaiveDate>,
    items: u64,
    commands: u64,
    /// SHA-256 (lower-case hex) of the bytes after the header line.
    body: String,
}

/// The fields read before the rest, so that a snapshot of another version is refused by its
/// version, not by a field this version does not know.
#[derive(Deserialize)]
struct VersionProbe {
    format: String,
    version: u32,
    library: String,
}

/// Line 3: the assessors' records, with their composite keys spelled out.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordsLine {
    scores: Vec<(i32, UnitId, BTreeMap<String, ManualScore>)>,
    honoured: Vec<(i32, Vec<DeputyId>)>,
}

impl Ledger {
    /// The ledger's state as a snapshot (`docs/snapshot-format.md`), standing at its chain
    /// head: what [`Ledger::reopen`] reads with the ledger's file to skip every line up to
    /// here. Deterministic: equal ledgers give equal snapshots.
    pub fn snapshot(&self) -> Vec<u8> {
        let mut body = compact::Writer::default();
        let mut record = compact::Writer::default();
        push_compact(&mut body, &mut record, self.directory.as_ref());
        push_json(&mut body, &records_line(&self.records));
        push_json(&mut body, &sums::sums_line(self));
        for item in self.items.values() {
            push_compact(&mut body, &mut record, &**item);
        }
        for (id, rec) in self.commands.iter() {
            push_compact(&mut body, &mut record, &(id.clone(), rec.clone()));
        }
        let header = SnapshotHeader {
            format: SNAPSHOT_FORMAT.to_owned(),
            version: SNAPSHOT_VERSION,
            library: LIBRARY_VERSION.to_owned(),
            profile: self.profile_ref().clone(),
            ledger_version: self.header().version,
            events: count(self.event_count()),
            head: self.chain_head(),
            latest_on: self.latest_date(),
            items: count(self.items.len()),
            commands: count(self.commands.len()),
            body: crate::chain::digest_hex(&body.bytes),
        };
        let mut out = serde_json::to_vec(&header).unwrap_or_default();
        out.push(b'\n');
        out.extend_from_slice(&body.bytes);
        out
    }

    /// Reopens a ledger from its file `text` and a `snapshot` of it taken earlier: the
    /// snapshot's state, then the lines after its head, checked and applied as
    /// [`Ledger::from_jsonl`] would. The ledger holds only the events after the head
    /// ([`Ledger::holds_log`]).
    ///
    /// A snapshot that cannot stand for `text` under `profile` is refused, and `text` is then
    /// read in full; the refusal comes back beside the ledger: `snapshot.parse`,
    /// `snapshot.version` (another format or library version), `snapshot.profile_mismatch`,
    /// `snapshot.corrupt` (its text changed), `snapshot.head_mismatch` (no line of `text`
    /// links to its head: another ledger, or lines changed before the head).
    ///
    /// # Errors
    /// The profile's validation errors; any error of [`Ledger::from_jsonl`] in the lines read
    /// (after the head, or all of them once the snapshot is refused), with its line.
    pub fn reopen(
        text: &str,
        snapshot: &[u8],
        profile: Profile,
        calendar: &Calendar,
        threads: NonZeroUsize,
    ) -> Result<(Ledger, Option<SnapshotError>), Error> {
        let refusal = match Ledger::reopen_part(text, snapshot, profile.clone(), calendar, threads)?
        {
            Ok(ledger) => return Ok((ledger, None)),
            Err(refusal) => refusal,
        };
        let ledger = Ledger::from_jsonl_observed(
            text,
            profile,
            calendar,
            ProfileCheck::Same,
            threads,
            &mut |_| {},
        )?;
        Ok((ledger, Some(refusal)))
    }

    /// [`Ledger::reopen`] from the end of the ledger file only: `end` is the file from any
    /// line at or before the snapshot's head line to its last line (a host reads a national
    /// ledger's last megabytes, not its gigabytes; the lines before the head are pinned by the
    /// chain). A refusal is returned as it is, nothing read in full: the host then reads more
    /// of the file, or all of it with [`Ledger::reopen`]. Line numbers in errors count from
    /// `end`'s first line.
    ///
    /// # Errors
    /// The profile's validation errors; any error of [`Ledger::from_jsonl`] in the lines
    /// after the head.
    pub fn reopen_part(
        end: &str,
        snapshot: &[u8],
        profile: Profile,
        calendar: &Calendar,
        threads: NonZeroUsize,
    ) -> Result<Result<Ledger, SnapshotError>, Error> {
        let empty = Ledger::new(profile, calendar)?;
        // The head is found before the state is read: a snapshot of another ledger costs the
        // search, not the parse.
        let found = checked(&empty, snapshot).and_then(|(header, body)| {
            match tail_after(end, &header.head) {
                Some(tail) => Ok((header, body, tail)),
                None => Err(SnapshotError::Head {
                    head: header.head,
                    events: header.events,
                }),
            }
        });
        let (header, body, tail) = match found {
            Ok(found) => found,
            Err(refusal) => return Ok(Err(refusal)),
        };
        match state_from(empty, header, body, threads) {
            Ok(state) => Ok(Ok(reapply(state, end, tail, threads)?)),
            Err(refusal) => Ok(Err(refusal)),
        }
    }
}

/// A snapshot's state, in a ledger that does not hold the events before its head.
struct SnapshotState {
    ledger: Ledger,
    head: String,
    /// Whether the stored statistics were taken (summed under the calendar in force).
    sums_taken: bool,
}

/// The bundled preset a snapshot's header names (same id and content hash), if any: how a
/// tool reopens a ledger from its snapshot without being told the profile (and without
/// reading the ledger file's first line, when it reads only the file's end).
pub fn bundled_profile(snapshot: &[u8]) -> Option<Profile> {
    let first = snapshot.split(|b| *b == b'\n').next()?;
    let header = read_header(first).ok()?;
    crate::profile::PRESET_NAMES
        .iter()
        .filter_map(|name| Profile::preset(name).ok())
        .find(|p| {
            let r = p.reference();
            r.id == header.profile.id && r.hash == header.profile.hash
        })
}

/// The snapshot's header and body, checked against the profile of `ledger` and the body's
/// digest.
fn checked<'s>(
    ledger: &Ledger,
    snapshot: &'s [u8],
) -> Result<(SnapshotHeader, &'s [u8]), SnapshotError> {
    let (first, body) = match snapshot.iter().position(|b| *b == b'\n') {
        Some(end) => (
            snapshot.get(..end).unwrap_or_default(),
            snapshot.get(end.saturating_add(1)..).unwrap_or_default(),
        ),
        None => (snapshot, &[][..]),
    };
    let header = read_header(first)?;
    let given = ledger.profile_ref();
    if given.id != header.profile.id || given.hash != header.profile.hash {
        return Err(SnapshotError::Profile {
            expected: format!("{}@{}", header.profile.id, header.profile.hash),
            found: format!("{}@{}", given.id, given.hash),
        });
    }
    let digest = crate::chain::digest_hex(body);
    if digest != header.body {
        return Err(SnapshotError::Corrupt {
            expected: header.body,
            found: digest,
        });
    }
    Ok((header, body))
}

/// `ledger` (empty, under the profile given) filled with the state of a checked snapshot.
fn state_from(
    mut ledger: Ledger,
    header: SnapshotHeader,
    body: &[u8],
    threads: NonZeroUsize,
) -> Result<SnapshotState, SnapshotError> {
    let records = records_of(body)?;
    let items = usize::try_from(header.items).unwrap_or(usize::MAX);
    let commands = usize::try_from(header.commands).unwrap_or(usize::MAX);
    let expected = items.saturating_add(commands).saturating_add(3);
    if records.len() != expected {
        return Err(SnapshotError::Parse {
            line: 1,
            reason: format!(
                "the header names {items} items and {commands} commands ({expected} records after it), the snapshot has {} records after it",
                records.len()
            ),
        });
    }
    let (fixed, rest) = records.split_at(3);
    let (item_records, command_records) = rest.split_at(items);
    let [directory, assessors, sums] = fixed else {
        return Err(parse_error(
            2,
            "no directory, records and statistics records".to_owned(),
        ));
    };
    let directory: Directory = compact::decoded(directory).map_err(|e| parse_error(2, e.0))?;
    let assessors: RecordsLine = parse_json(assessors, 3)?;
    ledger.directory = Arc::new(directory);
    ledger.records = Arc::new(records_from(assessors));
    let item_values: Vec<Item> = decode_all(item_records, 5, threads)?;
    ledger.items = in_key_order(
        item_values
            .into_iter()
            .map(|it| (it.id.clone(), Arc::new(it))),
        5,
    )?;
    let first_command = items.saturating_add(5);
    let command_values: Vec<(CommandId, CommandRecord)> =
        decode_all(command_records, first_command, threads)?;
    ledger.commands = in_key_order(command_values.into_iter(), first_command)?.into();
    let events = usize::try_from(header.events).unwrap_or(usize::MAX);
    ledger.latest_before_log = header.latest_on;
    ledger.log_cut = Some(LogCut {
        events,
        version: header.ledger_version,
    });
    ledger.chain_mark = ChainMark::after(events, header.head.clone());
    // Taken last: the sums are the state's (its directory and items).
    let sums_taken = sums::take(&mut ledger, sums);
    Ok(SnapshotState {
        ledger,
        head: header.head,
        sums_taken,
    })
}

/// `pairs` (written in key order) as a map; the line of the first key out of order (or
/// given twice) is refused. A map built from sorted pairs is built in one pass, without a
/// search per key.
fn in_key_order<K: Ord, V>(
    pairs: impl Iterator<Item = (K, V)>,
    first_line: usize,
) -> Result<BTreeMap<K, V>, SnapshotError> {
    let mut sorted: Vec<(K, V)> = Vec::with_capacity(pairs.size_hint().0);
    for (i, (key, value)) in pairs.enumerate() {
        if sorted.last().is_some_and(|(last, _)| *last >= key) {
            return Err(parse_error(
                first_line.saturating_add(i),
                "not after the line before it in key order (or given twice)".to_owned(),
            ));
        }
        sorted.push((key, value));
    }
    // INVARIANT: the pairs are strictly increasing, so collecting builds the tree in bulk.
    Ok(sorted.into_iter().collect())
}

/// The records of a body: each its length, then its bytes.
fn records_of(body: &[u8]) -> Result<Vec<&[u8]>, SnapshotError> {
    let mut reader = compact::Reader::new(body);
    let mut records = Vec::new();
    while !reader.is_done() {
        let at = records.len().saturating_add(2);
        records.push(reader.bytes().map_err(|e| parse_error(at, e.0))?);
    }
    Ok(records)
}

/// Every record of `records` decoded (the first is record `first` of the snapshot), on up to
/// `threads` threads in contiguous shares; the first record that does not read is the error,
/// whatever the thread count.
fn decode_all<T: compact::Compact + Send>(
    records: &[&[u8]],
    first: usize,
    threads: NonZeroUsize,
) -> Result<Vec<T>, SnapshotError> {
    let shares = crate::shares::in_shares(records, threads, 1024, |share, offset| {
        share
            .iter()
            .enumerate()
            .map(|(i, bytes)| {
                compact::decoded(bytes)
                    .map_err(|e| parse_error(first.saturating_add(offset).saturating_add(i), e.0))
            })
            .collect::<Result<Vec<T>, SnapshotError>>()
    });
    let mut out = Vec::with_capacity(records.len());
    for share in shares {
        out.extend(share?);
    }
    Ok(out)
}

/// The snapshot's header, its format and versions checked first.
fn read_header(first: &[u8]) -> Result<SnapshotHeader, SnapshotError> {
    let probe: VersionProbe = parse_json(first, 1)?;
    if probe.format != SNAPSHOT_FORMAT {
        return Err(parse_error(
            1,
            format!("format is `{}`, not `{SNAPSHOT_FORMAT}`", probe.format),
        ));
    }
    if probe.version != SNAPSHOT_VERSION || probe.library != LIBRARY_VERSION {
        return Err(SnapshotError::Version {
            expected: format!("version {SNAPSHOT_VERSION} of jianyi {LIBRARY_VERSION}"),
            found: format!("version {} of jianyi {}", probe.version, probe.library),
        });
    }
    parse_json(first, 1)
}

/// The text after the line of `text` whose link is `head` (the header line's when the
/// snapshot covers no event), searching from the end: the lines appended since the snapshot
/// are few. `None` when no line links to it.
fn tail_after<'t>(text: &'t str, head: &str) -> Option<&'t str> {
    let mut end = text.len();
    loop {
        let body = text.get(..end)?;
        let start = body.rfind('\n').map_or(0, |n| n.saturating_add(1));
        let line = body.get(start..)?;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if !line.trim().is_empty() && crate::chain::link(line) == head {
            return Some(text.get(end.saturating_add(1)..).unwrap_or(""));
        }
        if start == 0 {
            return None;
        }
        end = start.saturating_sub(1);
    }
}

/// The snapshot's ledger with the lines of `tail` (the end of `text`) applied.
fn reapply(
    state: SnapshotState,
    text: &str,
    tail: &str,
    threads: NonZeroUsize,
) -> Result<Ledger, LedgerError> {
    let SnapshotState {
        mut ledger,
        head,
        sums_taken,
    } = state;
    // Read only when the stored sums were taken: `None` sums every item again.
    let before = if sums_taken {
        sums::before_tail(&ledger, tail)
    } else {
        None
    };
    let applied = ledger.apply_lines(
        tail,
        1,
        &Links::From(head),
        threads,
        &mut |_| {},
        crate::wire::LogKept::Whole,
    );
    if let Err(e) = applied {
        // The tail's line numbers are the file's: the lines before it are counted only here.
        let before = text
            .len()
            .checked_sub(tail.len())
            .and_then(|n| text.get(..n))
            .map_or(0, |head_part| head_part.matches('\n').count());
        return Err(renumber(e, before));
    }
    ledger.settle_tally_after_batch(before, threads);
    Ok(ledger)
}

/// `e`, found at line `n` of the tail, located at line `before + n` of the file.
fn renumber(e: LedgerError, before: usize) -> LedgerError {
    let line = match &e {
        LedgerError::Parse { line, .. }
        | LedgerError::UnsupportedVersion { line, .. }
        | LedgerError::OutOfOrder { line, .. }
        | LedgerError::Inconsistent { line, .. }
        | LedgerError::ChainBroken { line, .. } => *line,
        _ => return e,
    };
    e.at_line(line.saturating_add(before))
}

fn records_line(records: &Records) -> RecordsLine {
    RecordsLine {
        scores: records
            .scores
            .iter()
            .map(|((year, unit), scores)| (*year, unit.clone(), scores.clone()))
            .collect(),
        honoured: records
            .honoured_deputies
            .iter()
            .map(|(year, deputies)| (*year, deputies.iter().cloned().collect()))
            .collect(),
    }
}

fn records_from(line: RecordsLine) -> Records {
    Records {
        scores: line
            .scores
            .into_iter()
            .map(|(year, unit, scores)| ((year, unit), scores))
            .collect(),
        honoured_deputies: line
            .honoured
            .into_iter()
            .map(|(year, deputies)| (year, deputies.into_iter().collect()))
            .collect(),
    }
}

/// `value`'s JSON as the body's next record.
fn push_json(body: &mut compact::Writer, value: &impl Serialize) {
    // INVARIANT: these types serialise to JSON without error (string keys, no non-finite
    // floats); a failure would leave an empty record, refused on reading.
    body.bytes(&serde_json::to_vec(value).unwrap_or_default());
}

/// `value`'s compact encoding as the body's next record (`scratch` reused between records).
fn push_compact(
    body: &mut compact::Writer,
    scratch: &mut compact::Writer,
    value: &impl compact::Compact,
) {
    scratch.bytes.clear();
    value.put(scratch);
    body.bytes(&scratch.bytes);
}

fn parse_json<'a, T: Deserialize<'a>>(bytes: &'a [u8], at: usize) -> Result<T, SnapshotError> {
    serde_json::from_slice(bytes).map_err(|e| parse_error(at, e.to_string()))
}

fn parse_error(line: usize, reason: String) -> SnapshotError {
    SnapshotError::Parse { line, reason }
}

fn count(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

mod compact;
mod sums;
#[cfg(test)]
pub(crate) mod tests;

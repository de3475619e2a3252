//! 台账格式 (the ledger wire format, SPEC §11): JSON Lines, versioned.
//!
//! Line 1 is a header naming the format, its version and the profile the events were
//! decided under; every further line is one [`Event`]. `docs/ledger-format.md` documents
//! it and `docs/ledger.schema.json` is its JSON Schema.

use std::num::NonZeroUsize;

use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::chain::ChainMark;
use crate::error::{Error, LedgerError};
use crate::event::Event;
use crate::ledger::Ledger;
use crate::line_reader::{self, Links, ReadLine};
use crate::profile::{Profile, ProfileRef};

/// The format name in the header.
pub const FORMAT_NAME: &str = "jianyi-ledger";
/// The format version this library writes: 2, every event line chained to the line before
/// it (`crate::chain`). Version 1 (no chain) is still read, through the upcaster path.
pub const FORMAT_VERSION: u32 = 2;
/// The format version of an imported ledger (台账导入): version 2 whose events carry their
/// `source` (file, row, unknown facts). A ledger is written as version 3 when its first
/// event has a source; a reader of version 2 only refuses it by its version.
pub const SOURCED_VERSION: u32 = 3;

/// The first line of a ledger file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// Always `jianyi-ledger`.
    pub format: String,
    /// Format version.
    pub version: u32,
    /// The profile the events were decided under.
    pub profile: ProfileRef,
}

/// How strictly a ledger's profile must match the one given for replay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileCheck {
    /// Same id and content hash (the normal case).
    Same,
    /// Any profile: replay the recorded facts under other rules (what-if analysis).
    WhatIf,
}

/// A replay's ledger, or the error of its first bad line (the reads that keep nothing of a
/// ledger with a bad line).
pub(crate) fn ledger_or_error(
    (ledger, error): (Ledger, Option<LedgerError>),
) -> Result<Ledger, Error> {
    match error {
        Some(e) => Err(e.into()),
        None => Ok(ledger),
    }
}

/// What a read keeps of the event log (日志).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LogKept {
    /// Every event, as it was read (the default).
    Whole,
    /// The state only: each batch of events is folded in, then let go
    /// (`Ledger::from_jsonl_state_only`).
    #[cfg(feature = "snapshots")]
    StateOnly,
}

impl Ledger {
    /// The header line of this ledger.
    pub fn header(&self) -> Header {
        let imported = match self.log_cut {
            Some(cut) => cut.version == SOURCED_VERSION,
            None => self.events().first().is_some_and(|e| e.source.is_some()),
        };
        Header {
            format: FORMAT_NAME.to_owned(),
            version: if imported {
                SOURCED_VERSION
            } else {
                FORMAT_VERSION
            },
            profile: self.profile_ref().clone(),
        }
    }

    /// The whole ledger as JSON Lines (header + one event per line, `\n` after each), each
    /// event line chained to the line before it.
    ///
    /// # Errors
    /// `ledger.log_not_held` for a ledger reopened from a snapshot (its file is the host's;
    /// [`Ledger::chained_lines`] gives the lines a host appends to it).
    pub fn to_jsonl(&self) -> Result<String, LedgerError> {
        self.log("to_jsonl")?;
        let mut out = String::new();
        self.each_line(|line| {
            out.push_str(line);
            out.push('\n');
        });
        Ok(out)
    }

    /// The link the next line written after this ledger's last line must carry. After a
    /// ledger is read, its lines are linked as they were written in the text read; the events
    /// executed since are linked as [`Ledger::to_jsonl`] writes them.
    ///
    /// Only the events after the ledger's last known link are hashed: the head is computed
    /// in time proportional to what was executed since the ledger was read or last appended to.
    pub fn chain_head(&self) -> String {
        let (from, head) = if let Some((n, link)) = self.chain_mark.get() {
            (n, link.to_owned())
        } else {
            (0, crate::chain::link(&self.header_line()))
        };
        self.event_lines_after(from, head, |_| {})
    }

    /// `events` (those [`Ledger::prepare`] returned) written as the chained lines that would
    /// follow this ledger's last line, and the link the line after them must carry: what a
    /// host appends to its own store before it applies the lines (`apply_jsonl_lines`).
    pub fn chained_lines(&self, events: &[Event]) -> (Vec<String>, String) {
        let mut prev = self.chain_head();
        let mut lines = Vec::with_capacity(events.len());
        for e in events {
            let line =
                crate::chain::chained_line(&prev, &serde_json::to_string(e).unwrap_or_default());
            prev = crate::chain::link(&line);
            lines.push(line);
        }
        (lines, prev)
    }

    /// Every line of the written ledger, in order.
    fn each_line(&self, mut sink: impl FnMut(&str)) {
        let header = self.header_line();
        sink(&header);
        self.event_lines_after(0, crate::chain::link(&header), sink);
    }

    /// The header line as written.
    fn header_line(&self) -> String {
        serde_json::to_string(&self.header()).unwrap_or_default()
    }

    /// The lines of the events from number `from` (0-based, held or not) on, the first linked to `prev`; returns the
    /// link of the last (`prev` when there is none).
    fn event_lines_after(
        &self,
        from: usize,
        mut prev: String,
        mut sink: impl FnMut(&str),
    ) -> String {
        // INVARIANT: a reopened ledger's chain mark is never before its first held event.
        let held = from.saturating_sub(self.log_start());
        for e in self.events().get(held..).unwrap_or_default() {
            let line =
                crate::chain::chained_line(&prev, &serde_json::to_string(e).unwrap_or_default());
            sink(&line);
            prev = crate::chain::link(&line);
        }
        prev
    }

    /// Read a ledger from JSON Lines under `profile`.
    ///
    /// # Errors
    /// `ledger.missing_header`, `ledger.unsupported_version`, `ledger.profile_mismatch`,
    /// `ledger.parse`, `ledger.out_of_order`, `ledger.inconsistent` (each with its line), or
    /// the profile's own validation error. Use [`Ledger::replay_jsonl`] to keep the state
    /// read before a bad line.
    pub fn from_jsonl(
        text: &str,
        profile: Profile,
        calendar: &Calendar,
        check: ProfileCheck,
    ) -> Result<Ledger, Error> {
        Ledger::from_jsonl_observed(
            text,
            profile,
            calendar,
            check,
            NonZeroUsize::MIN,
            &mut |_| {},
        )
    }

    /// [`Ledger::from_jsonl`], reading the lines (their links and events) on up to `threads`
    /// threads, and telling `observe` the number of the line reached every [`OBSERVE_EVERY`]
    /// lines (a host's progress bar; the core itself keeps no clock). The links are checked
    /// and the events applied in file order on the calling thread: the ledger, or the first
    /// error and its line, is the same whatever `threads` is. A host gives the cores it may
    /// use (`std::thread::available_parallelism`); a phone gives one.
    ///
    /// # Errors
    /// As [`Ledger::from_jsonl`].
    pub fn from_jsonl_observed(
        text: &str,
        profile: Profile,
        calendar: &Calendar,
        check: ProfileCheck,
        threads: NonZeroUsize,
        observe: &mut dyn FnMut(usize),
    ) -> Result<Ledger, Error> {
        ledger_or_error(Ledger::replay_observed(
            text,
            profile,
            calendar,
            check,
            threads,
            observe,
            LogKept::Whole,
        )?)
    }

    /// Read a ledger from JSON Lines, keeping everything before the first bad line: the
    /// ledger returned is usable and the error (if any) names the line.
    ///
    /// # Errors
    /// Header problems and profile validation, before any event is read.
    pub fn replay_jsonl(
        text: &str,
        profile: Profile,
        calendar: &Calendar,
        check: ProfileCheck,
    ) -> Result<(Ledger, Option<LedgerError>), Error> {
        Ledger::replay_observed(
            text,
            profile,
            calendar,
            check,
            NonZeroUsize::MIN,
            &mut |_| {},
            LogKept::Whole,
        )
    }

    pub(crate) fn replay_observed(
        text: &str,
        profile: Profile,
        calendar: &Calendar,
        check: ProfileCheck,
        threads: NonZeroUsize,
        observe: &mut dyn FnMut(usize),
        log: LogKept,
    ) -> Result<(Ledger, Option<LedgerError>), Error> {
        let first = text.lines().next().unwrap_or_default();
        let header = read_header(first)?;
        // Version 1 has no chain: its event lines are read as they are (the upcaster path).
        let chain = match header.version {
            1 => Links::None,
            FORMAT_VERSION | SOURCED_VERSION => Links::From(crate::chain::link(first)),
            version => {
                return Err(LedgerError::UnsupportedVersion { line: 1, version }.into());
            }
        };
        let given = profile.reference();
        if check == ProfileCheck::Same
            && (given.id != header.profile.id || given.hash != header.profile.hash)
        {
            return Err(LedgerError::ProfileMismatch {
                expected: format!(
                    "{}@{} ({})",
                    header.profile.id, header.profile.version, header.profile.hash
                ),
                found: format!("{}@{} ({})", given.id, given.version, given.hash),
            }
            .into());
        }
        let mut ledger = Ledger::new(profile, calendar)?;
        let body = text.split_once('\n').map_or("", |(_, rest)| rest);
        let error = ledger
            .apply_lines(body, 2, &chain, threads, observe, log)
            .err();
        ledger.refresh_tally_on(threads);
        Ok((ledger, error))
    }

    /// Apply event lines (no header) numbered from `first_line`; stops at the first bad
    /// line, keeping the lines before it applied. A line may carry its `prev` link (as
    /// written by [`Ledger::to_jsonl`]): it must then link to this ledger's last line.
    ///
    /// # Errors
    /// `ledger.parse`, `ledger.out_of_order`, `ledger.inconsistent`, `ledger.chain_broken`
    /// with the line number.
    pub fn apply_jsonl_lines(
        &mut self,
        text: &str,
        first_line: usize,
    ) -> Result<usize, LedgerError> {
        let lines: Vec<&str> = text.lines().collect();
        let reads = line_reader::read_batch(&lines, &Links::IfPresent, NonZeroUsize::MIN);
        self.apply_reads(reads, first_line)
    }

    /// [`Ledger::apply_jsonl_lines`], all or nothing: every line is read, linked and tried on
    /// a copy of what it touches (its items, its command's record, the directory and records
    /// only if it changes them) before any is applied here. On an error nothing changes, so a
    /// host needs no copy of the ledger and no replay to undo a bad batch; a ledger reopened
    /// from a snapshot, which could not be replayed, is safe too.
    ///
    /// # Errors
    /// As [`Ledger::apply_jsonl_lines`]; the ledger is then unchanged.
    pub fn apply_jsonl_lines_atomic(
        &mut self,
        text: &str,
        first_line: usize,
    ) -> Result<usize, LedgerError> {
        // The lines are read once: the trial and this ledger apply the same reads.
        let lines: Vec<&str> = text.lines().collect();
        let reads = line_reader::read_batch(&lines, &Links::IfPresent, NonZeroUsize::MIN);
        // Bad lines are named by the trial, with their numbers.
        let events: Vec<Event> = reads.iter().filter_map(ReadLine::event).cloned().collect();
        let mut trial = self.trial_for(&events);
        trial.apply_read_lines(reads.clone(), first_line)?;
        // INVARIANT: the trial held everything the lines read (`trial_for`), so they apply
        // here as they did there.
        self.apply_reads(reads, first_line)
    }

    /// Applies lines read from a batch (the first numbered `first_line`) up to the first
    /// that does not apply, keeping the statistics current as `execute` does: the touched
    /// items' contributions swapped, not every item summed again (a follower applying a
    /// few lines to a national ledger pays for those lines). A batch touching more than a
    /// quarter of the items is summed afresh instead, as is a ledger whose statistics were
    /// stale.
    fn apply_reads(
        &mut self,
        reads: Vec<ReadLine<'_>>,
        first_line: usize,
    ) -> Result<usize, LedgerError> {
        let before = self.contributions_before_batch(reads.iter().filter_map(ReadLine::event));
        let applied = self.apply_read_lines(reads, first_line);
        // Whatever was applied is counted, the lines after an error not.
        self.settle_tally_after_batch(before, NonZeroUsize::MIN);
        applied
    }

    /// Applies lines read from a batch (the first numbered `first_line`) up to the first
    /// that does not apply; how many events they recorded. The statistics are left stale,
    /// for [`Ledger::apply_reads`] to bring current (a trial that is dropped needs none).
    fn apply_read_lines(
        &mut self,
        reads: Vec<ReadLine<'_>>,
        first_line: usize,
    ) -> Result<usize, LedgerError> {
        let start = self.event_count();
        for (offset, read) in reads.into_iter().enumerate() {
            self.apply_read_line(read, first_line.saturating_add(offset), NonZeroUsize::MIN)?;
        }
        Ok(self.event_count().saturating_sub(start))
    }

    /// Applies `text`'s lines (no header), the first numbered `first_line`.
    pub(crate) fn apply_lines(
        &mut self,
        text: &str,
        first_line: usize,
        links: &Links,
        threads: NonZeroUsize,
        observe: &mut dyn FnMut(usize),
        log: LogKept,
    ) -> Result<usize, LedgerError> {
        if let Links::From(header_link) = links {
            self.chain_mark = ChainMark::after(self.event_count(), header_link.clone());
        }
        let before = self.event_count();
        let mut offset = 0usize;
        let mut applied = Ok(());
        // Links and events are read apart from the ledger (on `threads` threads, a batch
        // ahead of the fold), then checked and applied here in file order: the first bad
        // line is the same.
        line_reader::read_batches(text, links, threads, |reads| {
            for read in reads {
                let line = first_line.saturating_add(offset);
                if offset.is_multiple_of(OBSERVE_EVERY) && offset > 0 {
                    observe(line);
                }
                offset = offset.saturating_add(1);
                applied = self.apply_read_line(read, line, threads);
                if applied.is_err() {
                    break;
                }
            }
            #[cfg(feature = "snapshots")]
            if log == LogKept::StateOnly {
                self.forget_held_log();
            }
            applied.is_ok()
        });
        #[cfg(not(feature = "snapshots"))]
        let _ = log;
        applied?;
        Ok(self.event_count().saturating_sub(before))
    }

    /// Checks one read line against the ledger's last line and applies its event.
    fn apply_read_line(
        &mut self,
        read: ReadLine<'_>,
        line: usize,
        threads: NonZeroUsize,
    ) -> Result<(), LedgerError> {
        let parse_error = |reason: String| LedgerError::Parse { line, reason };
        match read {
            ReadLine::Blank => Ok(()),
            ReadLine::MissingLink => Err(LedgerError::ChainBroken {
                line,
                expected: self.chain_head(),
                found: String::new(),
            }),
            ReadLine::Linked { prev, link, event } => {
                if !self.links_to_head(prev) {
                    return Err(LedgerError::ChainBroken {
                        line,
                        expected: self.chain_head(),
                        found: prev.to_owned(),
                    });
                }
                self.apply_on(event.map_err(parse_error)?, threads)
                    .map_err(|e| e.at_line(line))?;
                // The next batch (`chain_head`) starts from the last line applied with its link.
                self.chain_mark = ChainMark::after(self.event_count(), link);
                Ok(())
            }
            ReadLine::Unlinked { event } => self
                .apply_on(event.map_err(parse_error)?, threads)
                .map_err(|e| e.at_line(line)),
        }
    }

    /// Whether `prev` is the link of this ledger's last line; read from the chain mark
    /// without a copy when the mark is at the end of the log, as it is line after line of a
    /// chained text.
    fn links_to_head(&self, prev: &str) -> bool {
        match self.chain_mark.get() {
            Some((n, link)) if n == self.event_count() => prev == link,
            _ => prev == self.chain_head(),
        }
    }
}

/// The bundled preset a ledger text's header names (same id and content hash), if any: how a
/// tool opens a ledger without being told its profile.
pub fn bundled_profile(text: &str) -> Option<Profile> {
    let header = read_header(text.lines().next()?).ok()?;
    crate::profile::PRESET_NAMES
        .iter()
        .filter_map(|name| Profile::preset(name).ok())
        .find(|p| {
            let r = p.reference();
            r.id == header.profile.id && r.hash == header.profile.hash
        })
}

/// A ledger's first line read as its header: JSON of the header's shape naming this format.
///
/// # Errors
/// `ledger.missing_header`, with the reason.
pub(crate) fn read_header(first: &str) -> Result<Header, LedgerError> {
    let header: Header = serde_json::from_str(first).map_err(|e| LedgerError::MissingHeader {
        reason: e.to_string(),
    })?;
    if header.format != FORMAT_NAME {
        return Err(LedgerError::MissingHeader {
            reason: format!("format is `{}`", header.format),
        });
    }
    Ok(header)
}

/// How often (in lines) [`Ledger::from_jsonl_observed`] reports the line it reached.
pub const OBSERVE_EVERY: usize = 4096;

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects,
        reason = "tests"
    )]

    use super::*;
    use crate::generator::{generate, GeneratorConfig};

    /// The statistics a ledger keeps current are those a count of every item gives.
    fn assert_current(ledger: &Ledger, at: usize) {
        assert_eq!(
            ledger.fresh_tally(),
            Some(&ledger.recount().unwrap()),
            "after line {at}"
        );
        #[cfg(feature = "kept-section-four")]
        assert_eq!(
            ledger.fresh_kept(),
            ledger.recount_section_four().as_ref(),
            "after line {at}"
        );
    }

    #[test]
    fn lines_applied_keep_the_statistics_current_as_a_count_of_every_item_gives_them() {
        let whole = generate(&GeneratorConfig::scaled(30, 5)).unwrap();
        let text = whole.to_jsonl().unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let mut at = 600;
        let head = lines[..at].join("\n") + "\n";
        let mut host = Ledger::from_jsonl(
            &head,
            whole.profile().clone(),
            &Calendar::china(),
            ProfileCheck::Same,
        )
        .unwrap();
        assert_current(&host, at);
        for size in [1_usize, 9, 40, 3, 120].iter().cycle() {
            if at >= lines.len() {
                break;
            }
            let end = (at + size).min(lines.len());
            let batch = &lines[at..end];
            if batch.len() > 2 {
                // A bad line in the middle: the lines before it apply, and are counted.
                let bad = batch.len() / 2;
                let mut broken: Vec<&str> = batch.to_vec();
                broken[bad] = "{not an event";
                let err = host
                    .apply_jsonl_lines(&broken.join("\n"), at + 1)
                    .unwrap_err();
                assert!(
                    err.to_string().contains(&format!("line {}", at + bad + 1)),
                    "{err}"
                );
                assert_current(&host, at + bad);
                at += bad;
            }
            let batch = lines[at..end].join("\n");
            if size % 2 == 0 {
                assert_eq!(
                    host.apply_jsonl_lines_atomic(&batch, at + 1).unwrap(),
                    end - at
                );
            } else {
                assert_eq!(host.apply_jsonl_lines(&batch, at + 1).unwrap(), end - at);
            }
            assert_current(&host, end);
            at = end;
        }
        assert_eq!(host.fresh_tally(), whole.fresh_tally());
        assert_eq!(host.chain_head(), whole.chain_head());
    }
}

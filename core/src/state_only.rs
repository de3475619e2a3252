//! 只读状态 (a state-only read): a ledger read from its file keeping the state, not the log.
//!
//! Issue 22 (SPEC §13, ≤ 1 KiB per item): a host that keeps the ledger's file has the log
//! already; holding every event again in memory is most of a large ledger's size (≈ 9 events
//! per suggestion). [`Ledger::from_jsonl_state_only`] reads and checks every line as
//! [`Ledger::from_jsonl`] does (the chain, every rule), folds each batch of events into the
//! state and then lets the batch go. What it keeps is what a ledger reopened from a snapshot
//! keeps (`crate::snapshot`): the items, the directory, the assessors' records, the
//! statistics kept current, the command records (a retry is still recognised) and the chain
//! head.
//!
//! What needs the whole log answers `ledger.log_not_held` on such a ledger and says so in
//! its documentation: [`Ledger::to_jsonl`], [`Ledger::under_profile`] and every view as of a
//! day before the latest event's ([`Ledger::as_of`], and the figures, tables and summaries
//! asked as of such a day, except a year's figures as of its 31 December kept as the log
//! passed it). Queries as of the latest day, executing commands, [`Ledger::snapshot`] and the
//! lines a host appends ([`Ledger::chained_lines`]) work as on a ledger read in full.

use std::num::NonZeroUsize;

use crate::calendar::Calendar;
use crate::error::Error;
use crate::ledger::{Ledger, LogCut};
use crate::profile::Profile;
use crate::shared_log::SharedLog;
use crate::wire::{LogKept, ProfileCheck};

impl Ledger {
    /// [`Ledger::from_jsonl_observed`] keeping the state only: the same checks, the same
    /// errors with the same lines, and the same state (its [`Ledger::snapshot`] is the full
    /// read's), without the events ([`Ledger::holds_log`] is false).
    ///
    /// # Errors
    /// As [`Ledger::from_jsonl`].
    pub fn from_jsonl_state_only(
        text: &str,
        profile: Profile,
        calendar: &Calendar,
        check: ProfileCheck,
        threads: NonZeroUsize,
    ) -> Result<Ledger, Error> {
        crate::wire::ledger_or_error(Ledger::replay_jsonl_state_only(
            text, profile, calendar, check, threads,
        )?)
    }

    /// [`Ledger::replay_jsonl`] keeping the state only, on up to `threads` threads: the
    /// state of every line before the first bad one, and that line's error (`jianyi verify`
    /// names it and how many events replay before it).
    ///
    /// # Errors
    /// Header problems and profile validation, before any event is read.
    pub fn replay_jsonl_state_only(
        text: &str,
        profile: Profile,
        calendar: &Calendar,
        check: ProfileCheck,
        threads: NonZeroUsize,
    ) -> Result<(Ledger, Option<crate::error::LedgerError>), Error> {
        Ledger::replay_observed(
            text,
            profile,
            calendar,
            check,
            threads,
            &mut |_| {},
            LogKept::StateOnly,
        )
    }

    /// Lets go of the events held, which the state has folded in: the ledger then stands
    /// as one reopened from a snapshot taken here.
    pub(crate) fn forget_held_log(&mut self) {
        if self.events.is_empty() {
            return;
        }
        // INVARIANT: read before the events go: the header's version reads the first event
        // when no event was let go before, and the count and latest date include the held ones.
        let version = self.header().version;
        self.latest_before_log = self.latest_date();
        self.log_cut = Some(LogCut {
            events: self.event_count(),
            version,
        });
        self.events = SharedLog::default();
    }
}

#[cfg(test)]
mod tests;

//! 截至某日 (as of a date): what the ledger knew at the end of a day.
//!
//! SPEC §10: every figure, table and sentence "as of D" reads only the events dated on or
//! before D. A report of 2021 as of 2021-12-31 is the same whether or not the ledger already
//! holds 2022's events: an April-2022 rollover reply is not a late 2021 reply, and a rating
//! given in 2022 is not a 2021 rating. Every public query that takes an `as_of` date reads
//! the view this module builds; when no event is dated after the day asked, the view is the
//! ledger itself and costs nothing.

use std::borrow::Cow;

use chrono::NaiveDate;

use crate::assessment::report::RecognitionFigures;
use crate::assessment::units::Assessment;
use crate::error::{Error, LedgerError};
use crate::figures::YearFigures;
use crate::ledger::Ledger;
use crate::report::AnnualSummary;
use crate::tables::YearTables;

#[cfg(feature = "view-by-items")]
mod by_items;

impl Ledger {
    /// The ledger as it stood at the end of `date`: itself when no event is dated after
    /// `date`, else a replay of the events dated on or before it, in log order (renumbered
    /// from 1 in the view; the view is for reading, not for recording).
    ///
    /// # Errors
    /// `ledger.inconsistent` naming the first event dated on or before `date` that needs a
    /// fact dated after it (say, a reply dated before its unit was registered);
    /// `ledger.log_not_held` when an event is dated after `date` and the ledger was reopened
    /// from a snapshot (the view replays the whole log).
    pub fn as_of(&self, date: NaiveDate) -> Result<Cow<'_, Ledger>, LedgerError> {
        self.as_of_on(date, std::num::NonZeroUsize::MIN)
    }

    /// [`Ledger::as_of`], the view's items built a share per thread on up to `threads`
    /// threads (the same view on any number). A phone gives one.
    ///
    /// # Errors
    /// As [`Ledger::as_of`].
    pub fn as_of_on(
        &self,
        date: NaiveDate,
        threads: std::num::NonZeroUsize,
    ) -> Result<Cow<'_, Ledger>, LedgerError> {
        if self.latest_date().is_none_or(|latest| latest <= date) {
            return Ok(Cow::Borrowed(self));
        }
        let log = self.log("as_of")?;
        #[cfg(feature = "view-by-items")]
        if let Some(plan) = by_items::Plan::of(self, date, most_later(log)) {
            return Ok(Cow::Owned(by_items::view_of(self, &plan, date, threads)?));
        }
        #[cfg(not(feature = "view-by-items"))]
        let _ = threads;
        let mut events = log
            .iter()
            .enumerate()
            .filter(|(_, e)| e.on <= date)
            .map(|(line, e)| (line, e.clone()));
        let mut view = replay_until(self.empty_like(), &mut events, date)?;
        view.year_ends = self.year_ends.for_view(date);
        Ok(Cow::Owned(view))
    }

    /// [`Ledger::as_of`] for a host that no longer needs the ledger itself (a command line
    /// that reports or exports as of a day): the same view, built from the ledger's own
    /// events without copying them, after the rest of its state is freed. The view then
    /// needs the memory of one ledger, not of two.
    ///
    /// # Errors
    /// As [`Ledger::as_of`].
    pub fn into_as_of(self, date: NaiveDate) -> Result<Ledger, LedgerError> {
        if self.latest_date().is_none_or(|latest| latest <= date) {
            return Ok(self);
        }
        let log = self.log("into_as_of")?;
        #[cfg(feature = "view-by-items")]
        if let Some(plan) = by_items::Plan::of(&self, date, most_later(log)) {
            return by_items::into_view(self, &plan, date);
        }
        #[cfg(not(feature = "view-by-items"))]
        let _ = log;
        let year_ends = self.year_ends.for_view(date);
        let (empty, events) = self.into_log();
        let mut view = replay_until(empty, &mut events.into_iter().enumerate(), date)?;
        view.year_ends = year_ends;
        Ok(view)
    }
}

/// The error of the event at log position `line` (numbered `seq`) that does not apply as
/// of `date` without facts dated after it.
fn needs_later(
    date: NaiveDate,
    line: usize,
    seq: u64,
    reason: impl std::fmt::Display,
) -> LedgerError {
    LedgerError::Inconsistent {
        line: line.saturating_add(1),
        seq,
        reason: format!(
            "as of {date}, this event does not apply without facts dated after {date}: {reason}"
        ),
    }
}

/// How many events dated after the day a view re-folds item by item rather than replaying
/// the log: a sixteenth of it (re-folding copies the state and folds the touched items'
/// events again; past this share the replay is as cheap).
#[cfg(feature = "view-by-items")]
fn most_later(log: &[crate::event::Event]) -> usize {
    log.len() / 16
}

/// `view` with the `events` (log position, event) dated on or before `date` applied in log
/// order, renumbered from the view's next sequence number.
fn replay_until(
    mut view: Ledger,
    events: &mut dyn Iterator<Item = (usize, crate::event::Event)>,
    date: NaiveDate,
) -> Result<Ledger, LedgerError> {
    // A view takes no year-end figures as it passes a year: it keeps the ledger's of the
    // years ending on or before `date` (`YearEnds::for_view`), set by the caller once the
    // replay is done (the replay's events, dated in those years, would forget them).
    view.year_ends = crate::year_ends::YearEnds::off();
    // INVARIANT: a command's events share its date, so the view keeps whole commands
    // and its command records stay contiguous.
    for (line, mut event) in events.filter(|(_, e)| e.on <= date) {
        let seq = event.seq;
        event.seq = view.next_seq();
        view.apply(event).map_err(|err| {
            let reason = match err {
                LedgerError::Inconsistent { reason, .. } => reason,
                other => other.to_string(),
            };
            needs_later(date, line, seq, reason)
        })?;
    }
    view.refresh_tally();
    Ok(view)
}

/// The queries "as of a date": each reads [`Ledger::as_of`], never the events after the day.
impl Ledger {
    /// The year in figures for work year `year`, as the ledger knew it at the end of `as_of`
    /// (obligations overdue on that day).
    ///
    /// # Errors
    /// `calendar.out_of_range`; `ledger.inconsistent` ([`Ledger::as_of`]).
    pub fn year_figures(&self, year: i32, as_of: NaiveDate) -> Result<YearFigures, Error> {
        #[cfg(feature = "kept-year-ends")]
        if let Some(kept) = self.year_ends.get(year, as_of) {
            return Ok(kept.clone());
        }
        Ok(self.as_of(as_of)?.compute_year_figures(year, as_of)?)
    }

    /// Every table of SPEC §10 for work year `year`, as the ledger knew it at the end of
    /// `as_of`.
    ///
    /// # Errors
    /// `calendar.out_of_range`; `ledger.inconsistent` ([`Ledger::as_of`]).
    pub fn year_tables(&self, year: i32, as_of: NaiveDate) -> Result<YearTables, Error> {
        self.year_tables_on(year, as_of, std::num::NonZeroUsize::MIN)
    }

    /// [`Ledger::year_tables`], its pass over the items shared among up to `threads`
    /// threads (the counts are sums: the same tables on any number). A phone gives one.
    ///
    /// # Errors
    /// As [`Ledger::year_tables`].
    pub fn year_tables_on(
        &self,
        year: i32,
        as_of: NaiveDate,
        threads: std::num::NonZeroUsize,
    ) -> Result<YearTables, Error> {
        Ok(self
            .as_of_on(as_of, threads)?
            .compute_year_tables(year, as_of, threads)?)
    }

    /// The annual summary of work year `year`, as the ledger knew it at the end of `as_of`.
    ///
    /// # Errors
    /// `calendar.out_of_range`; `ledger.inconsistent` ([`Ledger::as_of`]).
    pub fn annual_summary(&self, year: i32, as_of: NaiveDate) -> Result<AnnualSummary, Error> {
        self.annual_summary_on(year, as_of, std::num::NonZeroUsize::MIN)
    }

    /// [`Ledger::annual_summary`], section 四 computed beside the rest on a second thread
    /// when `threads` allows (every part is computed alone: the same summary on any number).
    /// A phone gives one.
    ///
    /// # Errors
    /// As [`Ledger::annual_summary`].
    pub fn annual_summary_on(
        &self,
        year: i32,
        as_of: NaiveDate,
        threads: std::num::NonZeroUsize,
    ) -> Result<AnnualSummary, Error> {
        let mut summary = self
            .as_of_on(as_of, threads)?
            .compute_annual_summary(year, as_of, threads)?;
        self.add_year_before(&mut summary, as_of)?;
        Ok(summary)
    }

    /// Section 四 in figures: honours and the unit assessment of `year`, as the ledger knew
    /// them at the end of `as_of`.
    ///
    /// # Errors
    /// `calendar.out_of_range`; `ledger.inconsistent` ([`Ledger::as_of`]).
    pub fn recognition_figures(
        &self,
        year: i32,
        as_of: NaiveDate,
    ) -> Result<RecognitionFigures, Error> {
        Ok(self
            .as_of(as_of)?
            .compute_recognition_figures(year, as_of)?)
    }

    /// The unit assessment of work year `year`, as the ledger knew it at the end of `as_of`.
    ///
    /// # Errors
    /// `calendar.out_of_range`; `ledger.inconsistent` ([`Ledger::as_of`]).
    pub fn unit_assessment(&self, year: i32, as_of: NaiveDate) -> Result<Assessment, Error> {
        Ok(self.as_of(as_of)?.compute_unit_assessment(year, as_of)?)
    }
}

//! 年末数字 (year-end figures): each work year's figures as the ledger knew them at the end
//! of its 31 December, taken as the log passes that day.
//!
//! The annual summary states the year before beside the year (SPEC §10, 同比: the seed's
//! "比上年增长"), read as the ledger knew it at its end. Once a ledger holds events dated
//! after that day, the year before is a view as of 31 December: a replay of every event dated
//! on or before it (issue 22: half of the summary's time at 100 000 suggestions), and on a
//! ledger reopened from a snapshot no view at all (`ledger.log_not_held`).
//!
//! Yet the ledger passes that view on its way. When the first event dated after 31 December
//! arrives and no event so far is dated after that day, the ledger as it stands *is* the
//! view as of that day. Its figures are taken then, for each year whose session the
//! directory holds, and kept until an event dated on or before that day is recorded (a
//! backdated reply entered late): the figures are then forgotten and the view is built
//! again when asked. They are a cache of what the view gives: taken or not, every figure is
//! the same (property-tested against the ledger cut after the day). A snapshot stores them
//! with the statistics it keeps, under the same calendar. The phone library takes none
//! (feature `kept-year-ends`).

use std::sync::Arc;

use chrono::{Datelike, NaiveDate};

use crate::figures::YearFigures;
use crate::ledger::Ledger;

/// The figures kept for each work year as of its 31 December.
#[derive(Debug, Clone, Default)]
pub(crate) struct YearEnds {
    /// Each kept year's figures as of its 31 December, in year order, each year once (a
    /// handful: a vector keeps the phone library's code small).
    figures: Vec<Arc<YearFigures>>,
    /// A view as of a day takes none: it is read, not recorded to.
    off: bool,
}

/// A cache takes no part in a ledger's equality: two ledgers of the same events are equal
/// whichever year-end figures they kept (a view keeps those of its earlier years, a replay
/// of the same events those it passed), and every figure they give is the same.
impl PartialEq for YearEnds {
    fn eq(&self, _: &YearEnds) -> bool {
        true
    }
}

impl Eq for YearEnds {}

/// The last day of work year `year`.
fn last_day(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, 12, 31)
}

impl YearEnds {
    /// None kept, and none to be taken (a view as of a day, a trial of lines).
    pub(crate) fn off() -> YearEnds {
        YearEnds {
            figures: Vec::new(),
            off: true,
        }
    }

    /// The figures of `year` as of `as_of`, when kept: only as of its 31 December.
    #[cfg(any(feature = "kept-year-ends", test))]
    pub(crate) fn get(&self, year: i32, as_of: NaiveDate) -> Option<&YearFigures> {
        if Some(as_of) != last_day(year) {
            return None;
        }
        self.figures.iter().find(|f| f.year == year).map(|f| &**f)
    }

    /// The figures a view as of `date` can keep: those of years ending on or before it (the
    /// view holds the same events up to then). The view takes no more.
    pub(crate) fn for_view(&self, date: NaiveDate) -> YearEnds {
        YearEnds {
            figures: self
                .figures
                .iter()
                .filter(|f| last_day(f.year).is_some_and(|end| end <= date))
                .cloned()
                .collect(),
            off: true,
        }
    }

    /// Every kept year's figures, in year order (a snapshot's statistics line).
    #[cfg(feature = "snapshots")]
    pub(crate) fn all(&self) -> impl Iterator<Item = &YearFigures> {
        self.figures.iter().map(|f| &**f)
    }

    /// Keeps `figures` (read from a snapshot taken under the same calendar); those that are
    /// not of a year's 31 December are left out.
    #[cfg(any(feature = "snapshots", test))]
    pub(crate) fn take(&mut self, figures: Vec<YearFigures>) {
        for f in figures {
            if Some(f.as_of) == last_day(f.year) {
                self.keep(f);
            }
        }
    }

    /// Forgets every kept year (a new calendar: lateness moves with it).
    pub(crate) fn clear(&mut self) {
        self.figures.clear();
    }

    /// Forgets the years an event dated `on` changes: those ending on or after it.
    fn forget_from(&mut self, on: NaiveDate) {
        // INVARIANT: year Y ends on or after `on` exactly when Y >= on's year.
        self.figures.retain(|f| f.year < on.year());
    }

    /// Keeps `figures` in place of any kept for its year, in year order.
    fn keep(&mut self, figures: YearFigures) {
        self.figures.retain(|f| f.year != figures.year);
        let at = self.figures.partition_point(|f| f.year < figures.year);
        self.figures.insert(at, Arc::new(figures));
    }
}

/// Year-end figures taken before an event, kept once it has applied.
#[must_use]
pub(crate) struct Taken(Vec<YearFigures>);

impl Ledger {
    /// The figures of the years whose 31 December an event dated `on` passes (on or after
    /// the latest event so far, before `on`), taken from the ledger as it stands: before the
    /// event, the ledger is the view as of each such day. Call before folding the event;
    /// hand the result to [`Ledger::passed_day`] once it has applied.
    pub(crate) fn passing_day(&self, on: NaiveDate, threads: std::num::NonZeroUsize) -> Taken {
        let mut taken = Vec::new();
        // The phone library takes none (feature `kept-year-ends`): it has no figures.
        if self.year_ends.off || cfg!(not(feature = "kept-year-ends")) {
            return Taken(taken);
        }
        let Some(latest) = self.latest_date() else {
            return Taken(taken);
        };
        if on.year() <= latest.year() {
            return Taken(taken);
        }
        // INVARIANT: every event so far is dated on or before `latest`, so for each year
        // from latest's to the one before `on` the ledger is the view as of its 31 December.
        let years: std::collections::BTreeSet<i32> = self
            .directory
            .sessions
            .values()
            .map(crate::directory::Session::year)
            .filter(|y| (latest.year()..on.year()).contains(y))
            .collect();
        if years.is_empty() {
            return Taken(taken);
        }
        // One count of the items for every year passed (a load keeps no count current). A
        // year whose figures cannot be computed (a date outside the calendar) is not kept:
        // asking for it builds the view and reports why.
        let Ok(tally) = self.counts_on(threads) else {
            return Taken(taken);
        };
        for year in years {
            let Some(end) = last_day(year) else { continue };
            if let Ok(f) = self.year_figures_from(&tally, year, end) {
                taken.push(f);
            }
        }
        Taken(taken)
    }

    /// Keeps what [`Ledger::passing_day`] took and forgets the years an event dated `on`
    /// (now applied) changes.
    pub(crate) fn passed_day(&mut self, on: NaiveDate, taken: Taken) {
        self.year_ends.forget_from(on);
        for f in taken.0 {
            self.year_ends.keep(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn figures(ledger: &Ledger, year: i32) -> YearFigures {
        ledger
            .compute_year_figures(year, day(year, 12, 31))
            .unwrap()
    }

    fn years(ends: &YearEnds) -> Vec<i32> {
        ends.figures.iter().map(|f| f.year).collect()
    }

    fn city() -> Ledger {
        crate::generator::generate(&crate::generator::GeneratorConfig::scaled(30, 5)).unwrap()
    }

    #[test]
    fn only_a_year_end_is_kept_and_an_earlier_event_forgets_it() {
        let ledger = city();
        let mut ends = YearEnds::default();
        ends.take(vec![
            figures(&ledger, 2021),
            ledger.compute_year_figures(2022, day(2022, 6, 30)).unwrap(),
        ]);
        assert_eq!(years(&ends), [2021]);
        assert!(ends.get(2021, day(2021, 12, 31)).is_some());
        assert!(ends.get(2021, day(2022, 1, 1)).is_none());
        assert!(ends.get(2022, day(2022, 12, 31)).is_none());
        assert_eq!(ends.for_view(day(2021, 12, 30)).figures.len(), 0);
        let view = ends.for_view(day(2021, 12, 31));
        assert!(view.off && view.figures.len() == 1);
        ends.forget_from(day(2022, 1, 1));
        assert_eq!(ends.figures.len(), 1);
        ends.forget_from(day(2021, 12, 31));
        assert!(ends.figures.is_empty());
    }

    #[test]
    #[cfg(feature = "kept-year-ends")]
    fn the_ledger_keeps_the_year_before_as_it_passes_its_end() {
        let ledger = city();
        // The generated city-year holds 2021's session and events dated in 2022.
        let kept = ledger.year_ends.get(2021, day(2021, 12, 31)).cloned();
        let view = ledger.as_of(day(2021, 12, 31)).unwrap();
        assert_eq!(
            kept,
            Some(view.compute_year_figures(2021, day(2021, 12, 31)).unwrap())
        );
        // The same figures after a replay of the log (taken from a stale tally, recounted).
        let replayed = Ledger::replay(
            ledger.profile().clone(),
            &crate::Calendar::china(),
            ledger.events().to_vec(),
        )
        .unwrap();
        assert_eq!(replayed.year_ends.figures, ledger.year_ends.figures);
        assert!(!ledger.year_ends.figures.is_empty());
    }

    #[test]
    #[cfg(feature = "kept-year-ends")]
    fn a_backdated_event_forgets_the_years_it_changes_and_a_view_takes_none() {
        let ledger = city();
        let events = ledger.events().to_vec();
        let last = events.last().unwrap();
        let mut replayed = Ledger::replay(
            ledger.profile().clone(),
            &crate::Calendar::china(),
            events.clone(),
        )
        .unwrap();
        assert!(replayed.year_ends.get(2021, day(2021, 12, 31)).is_some());
        // An event dated in 2021 recorded now (a late entry) forgets 2021.
        let taken = replayed.passing_day(day(2021, 12, 30), std::num::NonZeroUsize::MIN);
        replayed.passed_day(day(2021, 12, 30), taken);
        assert!(replayed.year_ends.get(2021, day(2021, 12, 31)).is_none());
        // A view as of a day in 2022 keeps the ledger's figures of 2021 (shared, not taken
        // again) and takes none of its own; so does the view built from the ledger given up.
        let mid = day(2022, 6, 30);
        assert!(last.on > mid);
        assert_eq!(years(&ledger.year_ends), [2021]);
        let kept = &ledger.year_ends.figures[0];
        for view in [
            ledger.as_of(mid).unwrap().into_owned(),
            ledger.clone().into_as_of(mid).unwrap(),
        ] {
            assert!(view.year_ends.off);
            assert_eq!(years(&view.year_ends), [2021]);
            assert!(Arc::ptr_eq(&view.year_ends.figures[0], kept));
        }
        // A view as of a day before 2021's end keeps none.
        let view = ledger.as_of(day(2021, 12, 30)).unwrap();
        assert!(view.year_ends.figures.is_empty());
    }
}

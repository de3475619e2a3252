//! 共享日志 (the shared event log): the events a ledger holds, shared with the views built
//! from it instead of copied.
//!
//! A view as of a day (`crate::as_of`) reads the events dated on or before it. When those
//! are a prefix of the log — the usual case: a year's report read after January's replies
//! were recorded — the view holds the ledger's own events, up to that prefix, and copies
//! none of them. Whoever records an event on a shared log gets a log of its own first
//! (copy on write), so neither side ever sees the other's events.

use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;

use crate::event::Event;

/// An event log: the first `head_len` events of a vector that may be shared with other
/// logs, then events of its own.
#[derive(Debug, Default)]
pub(crate) struct SharedLog {
    head: Arc<Vec<Event>>,
    // INVARIANT: `head_len <= head.len()`; the events after `head_len` belong to another
    // log sharing `head`, never to this one.
    head_len: usize,
    tail: Vec<Event>,
    /// Where the log's latest date rose: each new latest date with the position of the first
    /// event dated on it, ascending. The events before such a position are all dated before
    /// its date, so the first event dated after a day is found without reading the log
    /// (`crate::as_of`: the events of January after a year's last day).
    highs: Vec<(NaiveDate, usize)>,
    /// The head's events and the tail's as one slice, built the first time the log is read
    /// whole while it has a tail (a view's log is seldom read).
    joined: OnceLock<Vec<Event>>,
}

impl SharedLog {
    /// The events of this log, in order.
    pub(crate) fn as_slice(&self) -> &[Event] {
        let head = self.head.get(..self.head_len).unwrap_or_default();
        if self.tail.is_empty() {
            return head;
        }
        self.joined
            .get_or_init(|| head.iter().chain(&self.tail).cloned().collect())
    }

    /// The events from position `start` on, without joining a shared head and a tail into
    /// one slice as [`SharedLog::as_slice`] does.
    #[cfg_attr(
        not(feature = "view-by-items"),
        allow(dead_code, reason = "the view by items reads it")
    )]
    pub(crate) fn iter_from(&self, start: usize) -> impl Iterator<Item = &Event> {
        let head = self.head.get(..self.head_len).unwrap_or_default();
        let from_tail = start.saturating_sub(self.head_len);
        head.get(start..)
            .unwrap_or_default()
            .iter()
            .chain(self.tail.get(from_tail..).unwrap_or_default())
    }

    /// The position of the first event dated after `date` (the log's length when none is).
    #[cfg_attr(
        not(feature = "view-by-items"),
        allow(dead_code, reason = "the view by items reads it")
    )]
    pub(crate) fn first_after(&self, date: NaiveDate) -> usize {
        let rose = self.highs.partition_point(|(on, _)| *on <= date);
        self.highs
            .get(rose)
            .map_or(self.len(), |(_, position)| *position)
    }

    /// The date of the log's latest event.
    pub(crate) fn latest(&self) -> Option<NaiveDate> {
        self.highs.last().map(|(on, _)| *on)
    }

    /// Notes the date of the event about to be recorded at position `len`.
    fn note(highs: &mut Vec<(NaiveDate, usize)>, len: usize, on: NaiveDate) {
        if highs.last().is_none_or(|(latest, _)| on > *latest) {
            highs.push((on, len));
        }
    }

    /// How many events this log holds.
    pub(crate) fn len(&self) -> usize {
        self.head_len.saturating_add(self.tail.len())
    }

    /// Whether this log holds no event.
    #[cfg_attr(
        not(feature = "snapshots"),
        allow(dead_code, reason = "a state-only read asks it")
    )]
    pub(crate) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The log of this one's first `len` events (all of them when `len` is larger), sharing
    /// its head rather than copying it.
    #[cfg_attr(
        not(feature = "view-by-items"),
        allow(dead_code, reason = "the view by items reads it")
    )]
    pub(crate) fn prefix(&self, len: usize) -> SharedLog {
        let from_tail = len.saturating_sub(self.head_len);
        let rose = self.highs.partition_point(|(_, position)| *position < len);
        SharedLog {
            head: Arc::clone(&self.head),
            head_len: len.min(self.head_len),
            tail: self.tail.get(..from_tail).unwrap_or(&self.tail).to_vec(),
            highs: self.highs.get(..rose).unwrap_or_default().to_vec(),
            joined: OnceLock::new(),
        }
    }

    /// This log followed by `events`.
    pub(crate) fn then(mut self, events: Vec<Event>) -> SharedLog {
        let len = self.len();
        for (len, e) in (len..).zip(&events) {
            SharedLog::note(&mut self.highs, len, e.on);
        }
        self.tail.extend(events);
        self.joined = OnceLock::new();
        self
    }

    /// Whether this log's head is `other`'s (shared, not copied).
    #[cfg(all(test, feature = "view-by-items"))]
    pub(crate) fn shares_head_with(&self, other: &SharedLog) -> bool {
        Arc::ptr_eq(&self.head, &other.head)
    }

    /// Records `event` after the others.
    pub(crate) fn push(&mut self, event: Event) {
        let len = self.len();
        SharedLog::note(&mut self.highs, len, event.on);
        self.own().push(event);
        self.head_len = self.head_len.saturating_add(1);
    }

    /// The events as a vector of their own: this log's, moved out when nothing shares them,
    /// else copied.
    pub(crate) fn into_vec(mut self) -> Vec<Event> {
        std::mem::take(self.own())
    }

    /// This log's events in one vector no other log shares, the tail moved into it; the
    /// head's events are copied only when another log shares them.
    fn own(&mut self) -> &mut Vec<Event> {
        if Arc::get_mut(&mut self.head).is_none() {
            let all = if let Some(joined) = self.joined.take() {
                // INVARIANT: `joined` is the head's events and the tail's.
                self.tail.clear();
                joined
            } else {
                self.head.get(..self.head_len).unwrap_or_default().to_vec()
            };
            self.head_len = all.len();
            self.head = Arc::new(all);
        }
        let tail = std::mem::take(&mut self.tail);
        self.joined = OnceLock::new();
        // Unique now: `make_mut` copies nothing.
        let all = Arc::make_mut(&mut self.head);
        all.truncate(self.head_len);
        all.extend(tail);
        self.head_len = all.len();
        all
    }

    /// When no other log shares the head, the tail moved into it (no event copied), so that
    /// the log is one vector again and reading it whole copies nothing: a view built from a
    /// ledger given up (`Ledger::into_as_of`) then holds the memory of one log.
    #[cfg_attr(
        not(feature = "view-by-items"),
        allow(dead_code, reason = "the view by items reads it")
    )]
    pub(crate) fn settle(&mut self) {
        if !self.tail.is_empty() && Arc::get_mut(&mut self.head).is_some() {
            self.own();
        }
    }

    /// Whether the log is one vector (no tail of its own after a shared head).
    #[cfg(all(test, feature = "view-by-items"))]
    pub(crate) fn is_one_vector(&self) -> bool {
        self.tail.is_empty()
    }
}

impl SharedLog {
    /// This log with its tail moved into a head of its own.
    fn joined_into_head(mut self) -> SharedLog {
        self.own();
        self
    }
}

/// A copy shares the head; the joined slice is built again if asked for.
impl Clone for SharedLog {
    fn clone(&self) -> SharedLog {
        SharedLog {
            head: Arc::clone(&self.head),
            head_len: self.head_len,
            tail: self.tail.clone(),
            highs: self.highs.clone(),
            joined: OnceLock::new(),
        }
    }
}

impl From<Vec<Event>> for SharedLog {
    fn from(events: Vec<Event>) -> SharedLog {
        SharedLog::default().then(events).joined_into_head()
    }
}

impl PartialEq for SharedLog {
    fn eq(&self, other: &SharedLog) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for SharedLog {}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]

    use super::*;
    use crate::generator::{generate, GeneratorConfig};

    fn events(n: usize) -> Vec<Event> {
        let ledger = generate(&GeneratorConfig::scaled(5, 3)).unwrap();
        ledger.events().iter().take(n).cloned().collect()
    }

    #[test]
    fn a_prefix_shares_the_events_and_sees_only_its_own() {
        let all = events(10);
        let log = SharedLog::from(all.clone());
        let view = log.prefix(4);
        assert_eq!(view.as_slice(), &all[..4]);
        assert_eq!(view.len(), 4);
        assert!(Arc::ptr_eq(&log.head, &view.head), "shared, not copied");
        assert_eq!(log.prefix(99).as_slice(), log.as_slice());
    }

    #[test]
    fn recording_on_a_shared_log_copies_it_first_and_leaves_the_other_alone() {
        let all = events(10);
        let log = SharedLog::from(all.clone());
        let mut view = log.prefix(4);
        view.push(all[9].clone());
        assert_eq!(view.len(), 5);
        assert_eq!(&view.as_slice()[..4], &all[..4]);
        assert_eq!(view.as_slice()[4], all[9]);
        assert_eq!(log.as_slice(), &all[..], "the ledger's log is unchanged");
        assert!(!Arc::ptr_eq(&log.head, &view.head));

        // The ledger records too: its log is its own again once the view is gone.
        let mut log = log;
        drop(view);
        let before = Arc::as_ptr(&log.head);
        log.push(all[0].clone());
        assert_eq!(
            Arc::as_ptr(&log.head),
            before,
            "unshared: recorded in place"
        );
        assert_eq!(log.len(), 11);
    }

    #[test]
    fn a_shared_prefix_taken_as_a_vector_is_copied_without_the_others_events() {
        let all = events(10);
        let log = SharedLog::from(all.clone());
        let view = log.prefix(6);
        assert_eq!(view.into_vec(), all[..6].to_vec());
        assert_eq!(log.clone().into_vec(), all);
        assert_eq!(SharedLog::from(all.clone()), log);
        assert_ne!(log.prefix(3), log);
    }

    #[test]
    fn the_first_event_after_a_day_is_found_by_the_dates_that_rose() {
        let all = events(usize::MAX);
        let log = SharedLog::from(all.clone());
        let mut days: Vec<NaiveDate> = all.iter().map(|e| e.on).collect();
        days.sort_unstable();
        days.dedup();
        for day in days
            .iter()
            .copied()
            .chain(days.first().and_then(NaiveDate::pred_opt))
        {
            let expected = all.iter().position(|e| e.on > day).unwrap_or(all.len());
            assert_eq!(log.first_after(day), expected, "after {day}");
            let kept = log.prefix(expected).then(all[expected..].to_vec());
            assert_eq!(kept.first_after(day), expected);
            assert_eq!(log.iter_from(expected).count(), all.len() - expected);
            assert!(kept.iter_from(expected).eq(&all[expected..]));
        }
        assert_eq!(log.latest(), days.last().copied());
        assert_eq!(log.prefix(0).latest(), None);
    }

    #[test]
    fn a_shared_head_then_events_of_its_own_read_as_one_log() {
        let all = events(10);
        let log = SharedLog::from(all.clone());
        let mut view = log.prefix(4).then(all[7..].to_vec());
        let expected: Vec<Event> = all[..4].iter().chain(&all[7..]).cloned().collect();
        assert_eq!(view.len(), 7);
        assert!(view.iter_from(0).eq(&expected));
        assert!(view.iter_from(5).eq(&expected[5..]));
        assert_eq!(view.as_slice(), &expected[..]);
        assert!(Arc::ptr_eq(&log.head, &view.head), "the head is shared");
        assert_eq!(view.prefix(5).as_slice(), &expected[..5]);
        assert_eq!(view.prefix(2).as_slice(), &expected[..2]);
        assert_eq!(view.clone(), view);
        // Recording on it: one vector of its own, the ledger's untouched.
        view.push(all[0].clone());
        assert_eq!(view.len(), 8);
        assert_eq!(&view.as_slice()[..7], &expected[..]);
        assert!(view.tail.is_empty() && !Arc::ptr_eq(&log.head, &view.head));
        assert_eq!(log.as_slice(), &all[..]);
        assert_eq!(log.prefix(4).then(all[7..].to_vec()).into_vec(), expected);
    }
}

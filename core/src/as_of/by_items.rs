//! 截至某日，只重算改动的事项 (the view as of a day, re-folding only the items that changed
//! after it): when the events dated after the day are few and all about items — a rollover
//! reply or a rating given in January, as a year's report is read — the view is the
//! ledger's state with those items folded again from their own events on or before the day,
//! instead of a replay of the whole log. It is the view the replay builds, field for field
//! (test `the_view_by_items_is_the_replayed_view`).

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::chain::ChainMark;
use crate::error::LedgerError;
use crate::event::Event;
use crate::id::ItemId;
use crate::ledger::Ledger;

/// What a view by items drops and folds again.
pub(super) struct Plan {
    /// The sequence numbers of the events dated after the day, ascending.
    dropped: Vec<u64>,
    /// The items those events are about.
    touched: BTreeSet<ItemId>,
    /// Whether one of them is not about an item (a registration, a score, an honoured
    /// deputy): the directory and the records are then folded again from the facts of their
    /// own on or before the day, and every item with an event after the first such fact in
    /// the log is folded again too (it may have read what that fact registered).
    refold_directory: bool,
}

impl Plan {
    /// The plan for `ledger` (whose whole log is `log`) as of `date`, or `None` when the view
    /// must be replayed: more than `most_later` events are dated after the day (re-folding
    /// would cost what the replay costs), or a command's events straddle the day.
    pub(super) fn of(
        ledger: &Ledger,
        log: &[Event],
        date: NaiveDate,
        most_later: usize,
    ) -> Option<Plan> {
        let mut plan = Plan {
            dropped: Vec::new(),
            touched: BTreeSet::new(),
            refold_directory: false,
        };
        for e in log {
            let later = e.on > date;
            match e.fact.item() {
                Some(id) if later || plan.refold_directory => {
                    plan.touched.insert(id.clone());
                }
                Some(_) => {}
                None => plan.refold_directory |= later,
            }
            if later {
                plan.dropped.push(e.seq);
            }
            if plan.dropped.len() > most_later || plan.touched.len() > most_later {
                return None;
            }
        }
        // INVARIANT: a command's events share its date; should they not, replay.
        let straddles = ledger.commands.values().any(|rec| {
            let dropped = plan.dropped_in(rec.first_seq, rec.count);
            dropped != 0 && dropped != rec.count
        });
        (!straddles).then_some(plan)
    }

    /// The number the replay gives the event numbered `seq` in the ledger: the replay keeps
    /// the events on or before the day and numbers them from 1, in log order.
    fn renumber(&self, seq: u64) -> u64 {
        let before = self.dropped.partition_point(|d| *d < seq);
        seq.saturating_sub(u64::try_from(before).unwrap_or(u64::MAX))
    }

    /// How many of the `count` events from `first` are dropped.
    fn dropped_in(&self, first: u64, count: u64) -> u64 {
        let start = self.dropped.partition_point(|d| *d < first);
        let end = self
            .dropped
            .partition_point(|d| *d < first.saturating_add(count));
        u64::try_from(end.saturating_sub(start)).unwrap_or(u64::MAX)
    }
}

/// `ledger` turned into its view as of `date` by `plan`.
///
/// # Errors
/// `ledger.inconsistent` naming the first event on or before the day that does not apply
/// without facts dated after it: the replay's error, since every other event applies as it
/// did in the ledger.
pub(super) fn into_view(
    mut ledger: Ledger,
    plan: &Plan,
    date: NaiveDate,
) -> Result<Ledger, LedgerError> {
    // What the touched items add to the statistics now, to be swapped for what they add as
    // of the day.
    let before: Option<Vec<_>> = if ledger.tally_fresh {
        plan.touched
            .iter()
            .filter_map(|id| ledger.items.get(id).map(|it| (id, it)))
            .map(|(id, it)| {
                let now = ledger.contribution_of(it).ok()?;
                Some((id.clone(), Some(now)))
            })
            .collect()
    } else {
        None
    };
    for id in &plan.touched {
        ledger.items.remove(id);
    }
    if !plan.dropped.is_empty() {
        for it in ledger.items.values_mut() {
            for seq in &mut it.events {
                *seq = plan.renumber(*seq);
            }
        }
    }
    // The replay knows a command by its events: one that recorded none is not in it.
    ledger
        .commands
        .retain(|_, rec| rec.count > 0 && plan.dropped_in(rec.first_seq, rec.count) == 0);
    for rec in ledger.commands.values_mut() {
        rec.first_seq = plan.renumber(rec.first_seq);
    }
    let log = std::mem::take(&mut ledger.events);
    if plan.refold_directory {
        let empty = ledger.empty_like();
        ledger.directory = empty.directory;
        ledger.records = empty.records;
    }
    let mut kept = Vec::with_capacity(log.len().saturating_sub(plan.dropped.len()));
    // The touched items (and the directory and records, when a fact of theirs is dropped)
    // folded again from their own events, in log order.
    // INVARIANT: an item's event reads no other item but the motion a converted suggestion
    // comes from, whose decision comes before the suggestion in the log: untouched, that
    // motion is already as of the day here; touched, it is folded again first. A fact about
    // no item reads and changes only the directory and the records. An untouched item's
    // events all come before the first dropped fact about no item, so they read a directory
    // of facts on or before the day, which the fold here holds too.
    for (position, mut event) in log.into_iter().enumerate() {
        if event.on > date {
            continue;
        }
        let seq = event.seq;
        event.seq = plan.renumber(seq);
        let refold = event
            .fact
            .item()
            .map_or(plan.refold_directory, |id| plan.touched.contains(id));
        if refold {
            crate::evolve::evolve(&mut ledger, &event)
                .map_err(|reason| super::needs_later(date, position, seq, reason))?;
        }
        kept.push(event);
    }
    ledger.latest_on = kept.iter().map(|e| e.on).max();
    ledger.events = kept;
    ledger.chain_mark = ChainMark::default();
    // The touched items' contributions swapped as `execute` swaps them; every item summed
    // again when the ledger's were stale or one cannot be computed.
    ledger.update_tally(before);
    if !ledger.tally_fresh {
        ledger.refresh_tally();
    }
    Ok(ledger)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::arithmetic_side_effects, reason = "tests")]

    use chrono::Days;

    use super::*;
    use crate::generator::{generate, GeneratorConfig};

    /// The view the replay builds (`Ledger::as_of` without the view by items).
    fn replayed(ledger: &Ledger, date: NaiveDate) -> Result<Ledger, LedgerError> {
        let mut events = ledger.events().iter().cloned().enumerate();
        super::super::replay_until(ledger.empty_like(), &mut events, date)
    }

    #[test]
    fn the_view_by_items_is_the_replayed_view() {
        let mut compared = 0;
        for seed in [3, 11] {
            let ledger = generate(&GeneratorConfig::scaled(40, seed)).unwrap();
            let first = NaiveDate::from_ymd_opt(2021, 12, 1).unwrap();
            for days in (0..430).step_by(3) {
                let date = first + Days::new(days);
                let Some(plan) = Plan::of(&ledger, ledger.events(), date, usize::MAX) else {
                    continue;
                };
                let view = into_view(ledger.clone(), &plan, date);
                assert_eq!(view, replayed(&ledger, date), "seed {seed}, as of {date}");
                compared += 1;
            }
        }
        assert!(compared > 250, "{compared} days compared");
    }

    #[test]
    fn a_view_with_many_events_after_the_day_is_replayed() {
        let ledger = generate(&GeneratorConfig::scaled(10, 2)).unwrap();
        let latest = ledger.latest_date().unwrap();
        let early = NaiveDate::from_ymd_opt(2022, 3, 1).unwrap();
        assert!(Plan::of(&ledger, ledger.events(), early, usize::MAX).is_some());
        assert!(Plan::of(&ledger, ledger.events(), early, 10).is_none());
        // Either way `as_of` gives the replayed view.
        for date in [early, latest.pred_opt().unwrap()] {
            assert_eq!(
                *ledger.as_of(date).unwrap(),
                replayed(&ledger, date).unwrap()
            );
            assert_eq!(
                ledger.clone().into_as_of(date).unwrap(),
                replayed(&ledger, date).unwrap()
            );
        }
    }

    #[test]
    fn a_view_that_needs_a_later_registration_fails_as_the_replay_does() {
        use crate::event::Fact;
        let ledger = generate(&GeneratorConfig::scaled(10, 4)).unwrap();
        let mut events = ledger.events().to_vec();
        // The first assignment's lead unit registered the day after it (a ledger imported
        // with its registrations dated late).
        let (assigned_on, unit) = events
            .iter()
            .find_map(|e| match &e.fact {
                Fact::Assigned { plan, .. } => Some((e.on, plan.leads.first()?.clone())),
                _ => None,
            })
            .unwrap();
        let registration = events
            .iter_mut()
            .find(|e| matches!(&e.fact, Fact::UnitRegistered { unit: u } if u.id == unit))
            .unwrap();
        registration.on = assigned_on.succ_opt().unwrap();
        let late = Ledger::replay((*ledger.profile).clone(), &ledger.calendar, events).unwrap();
        let plan = Plan::of(&late, late.events(), assigned_on, usize::MAX).unwrap();
        let err = into_view(late.clone(), &plan, assigned_on).unwrap_err();
        assert_eq!(Err(err.clone()), replayed(&late, assigned_on));
        assert_eq!(err.code().as_str(), "ledger.inconsistent");
        assert!(
            err.to_string().contains(&format!("as of {assigned_on}")),
            "{err}"
        );
    }
}

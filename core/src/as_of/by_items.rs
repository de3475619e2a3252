//! 截至某日，只重算改动的事项 (the view as of a day, re-folding only the items that changed
//! after it): when the events dated after the day are few and all about items — a rollover
//! reply or a rating given in January, as a year's report is read — the view is the
//! ledger's state with those items folded again from their own events on or before the day,
//! instead of a replay of the whole log. It is the view the replay builds, field for field
//! (test `the_view_by_items_is_the_replayed_view`).
//!
//! The view shares what it does not change with the ledger instead of copying it: the items
//! it does not fold again or renumber (each item is behind its own `Arc`), the log up to the
//! first event dated after the day (`crate::shared_log`), and the command records but those
//! of the commands after that event (`crate::command_book`). Only the log from that event
//! on is read: the dates where the log's latest date rose say where it is.

use std::collections::{BTreeMap, BTreeSet};
use std::num::NonZeroUsize;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::chain::ChainMark;
use crate::error::LedgerError;
use crate::event::Event;
use crate::id::{CommandId, ItemId};
use crate::item::Item;
use crate::ledger::{CommandRecord, Ledger};
use crate::shared_log::SharedLog;

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
    /// The position of the first event dated after the day: the events before it are all
    /// kept, with their numbers.
    start: usize,
    /// The items not folded again with an event after `start`: the replay numbers their
    /// events otherwise.
    renumbered: BTreeSet<ItemId>,
    /// The commands with an event after `start`: dropped, or numbered otherwise.
    commands: BTreeSet<CommandId>,
}

impl Plan {
    /// The plan for `ledger` (whose whole log is `log`) as of `date`, or `None` when the view
    /// must be replayed: more than `most_later` events are dated after the day (re-folding
    /// would cost what the replay costs), or a command's events straddle the day.
    pub(super) fn of(ledger: &Ledger, date: NaiveDate, most_later: usize) -> Option<Plan> {
        let log = &ledger.events;
        let start = log.first_after(date);
        let mut plan = Plan {
            dropped: Vec::new(),
            touched: BTreeSet::new(),
            refold_directory: false,
            start,
            renumbered: BTreeSet::new(),
            commands: BTreeSet::new(),
        };
        // INVARIANT: the events before `start` are dated on or before the day
        // (`SharedLog::first_after`): only the events from it on are read.
        for e in log.iter_from(start) {
            let later = e.on > date;
            match e.fact.item() {
                Some(id) if later || plan.refold_directory => {
                    plan.renumbered.remove(id);
                    plan.touched.insert(id.clone());
                }
                Some(id) if !plan.touched.contains(id) => {
                    plan.renumbered.insert(id.clone());
                }
                Some(_) => {}
                None => plan.refold_directory |= later,
            }
            plan.commands.insert(e.command.clone());
            if later {
                plan.dropped.push(e.seq);
            }
            if plan.dropped.len() > most_later || plan.touched.len() > most_later {
                return None;
            }
        }
        // INVARIANT: a command's events share its date; should they not, replay.
        let straddles = plan.commands.iter().any(|id| {
            ledger.commands.get(id).is_some_and(|rec| {
                let dropped = plan.dropped_in(rec.first_seq, u64::from(rec.count));
                dropped != 0 && dropped != u64::from(rec.count)
            })
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
    let before = touched_contributions(&ledger, plan);
    // The touched items' events, to be folded again.
    let mut refold_seqs: Vec<u64> = Vec::new();
    for id in &plan.touched {
        if let Some(it) = ledger.items.remove(id) {
            refold_seqs.extend(&it.events);
        }
    }
    // Only an item with an event after the first dropped one is numbered otherwise in the
    // replay; the others stay shared with the ledger.
    for id in &plan.renumbered {
        if let Some(it) = ledger.items.get_mut(id) {
            for seq in &mut Arc::make_mut(it).events {
                *seq = plan.renumber(*seq);
            }
        }
    }
    finish_view(ledger, plan, date, before, refold_seqs)
}

/// The view of `ledger` (kept, not given up) as of `date` by `plan`: [`into_view`] of a copy.
/// On more than one thread the ledger's items are not copied first: the view's are built in
/// one pass over them, a share per thread — the touched ones left out, the renumbered ones
/// copied with their new numbers, the others shared. The same view on any number of threads.
///
/// # Errors
/// As [`into_view`].
pub(super) fn view_of(
    ledger: &Ledger,
    plan: &Plan,
    date: NaiveDate,
    threads: NonZeroUsize,
) -> Result<Ledger, LedgerError> {
    // Measured at 100 000 suggestions (the view as of 2022-12-31 of `summary_parts`): on one
    // thread the map's own copy and a renumbering in place are the faster (0.093 s against
    // 0.107), on two the pass in shares (0.085 s against 0.091).
    if threads.get() <= 1 {
        return into_view(ledger.clone(), plan, date);
    }
    view_in_shares(ledger, plan, date, threads, VIEW_SHARE)
}

/// [`view_of`], each thread given `min_share` items at least.
fn view_in_shares(
    ledger: &Ledger,
    plan: &Plan,
    date: NaiveDate,
    threads: NonZeroUsize,
    min_share: usize,
) -> Result<Ledger, LedgerError> {
    let before = touched_contributions(ledger, plan);
    let (items, refold_seqs) = view_items(&ledger.items, plan, threads, min_share);
    finish_view(
        ledger.clone_with_items(items),
        plan,
        date,
        before,
        refold_seqs,
    )
}

/// What the touched items add to the statistics now, to be swapped for what they add as of
/// the day (`None` when the statistics are not kept current).
fn touched_contributions(ledger: &Ledger, plan: &Plan) -> Option<Vec<BeforeView>> {
    if ledger.tally_fresh {
        ledger.contributions_of_ids(plan.touched.iter().collect())
    } else {
        None
    }
}

/// An item's contribution to the statistics before the view (`None`: not in the ledger).
type BeforeView = (ItemId, Option<crate::ledger::Contributions>);

/// The view's items from the ledger's `items` by `plan`, and the events of the touched items
/// to fold again (in no order). The plan's sets and the items are all in id order: each share
/// walks them beside its items, with no search per item.
fn view_items(
    items: &BTreeMap<ItemId, Arc<Item>>,
    plan: &Plan,
    threads: NonZeroUsize,
    min_share: usize,
) -> (BTreeMap<ItemId, Arc<Item>>, Vec<u64>) {
    let all: Vec<(&ItemId, &Arc<Item>)> = items.iter().collect();
    let shares = crate::shares::in_shares(&all, threads, min_share, |share, _| {
        let Some((first, _)) = share.first() else {
            return (Vec::new(), Vec::new());
        };
        let mut touched = plan.touched.range::<ItemId, _>(*first..).peekable();
        let mut renumbered = plan.renumbered.range::<ItemId, _>(*first..).peekable();
        let mut kept = Vec::with_capacity(share.len());
        let mut seqs: Vec<u64> = Vec::new();
        for (id, it) in share {
            while touched.next_if(|t| t < id).is_some() {}
            if touched.next_if(|t| t == id).is_some() {
                seqs.extend(&it.events);
                continue;
            }
            while renumbered.next_if(|r| r < id).is_some() {}
            let it = if renumbered.next_if(|r| r == id).is_some() {
                let mut copy = Item::clone(it);
                for seq in &mut copy.events {
                    *seq = plan.renumber(*seq);
                }
                Arc::new(copy)
            } else {
                Arc::clone(it)
            };
            kept.push(((*id).clone(), it));
        }
        (kept, seqs)
    });
    let mut seqs = Vec::new();
    let mut kept = Vec::with_capacity(all.len());
    for (k, s) in shares {
        kept.extend(k);
        seqs.extend(s);
    }
    // INVARIANT: the shares come back in order, so `kept` is in id order and the map is
    // built from it without a search.
    (kept.into_iter().collect(), seqs)
}

/// The fewest items a thread builds the view's items of.
const VIEW_SHARE: usize = 16_384;

/// The rest of the view once its items are set: the command records, the directory, the
/// touched items folded again, the log, the statistics.
fn finish_view(
    mut ledger: Ledger,
    plan: &Plan,
    date: NaiveDate,
    before: Option<Vec<BeforeView>>,
    refold_seqs: Vec<u64>,
) -> Result<Ledger, LedgerError> {
    ledger.year_ends = ledger.year_ends.for_view(date);
    // The replay knows a command by its events: one with an event dropped is not in it, nor
    // one that recorded none.
    for id in &plan.commands {
        let Some(rec) = ledger.commands.get(id) else {
            continue;
        };
        if plan.dropped_in(rec.first_seq, u64::from(rec.count)) == 0 {
            let rec = CommandRecord {
                first_seq: plan.renumber(rec.first_seq),
                ..rec.clone()
            };
            ledger.commands.set(id, rec);
        } else {
            ledger.commands.remove(id);
        }
    }
    ledger.commands.remove_silent();
    let log = std::mem::take(&mut ledger.events);
    if plan.refold_directory {
        let empty = ledger.empty_like();
        ledger.directory = empty.directory;
        ledger.records = empty.records;
    }
    let mut kept = refold(&mut ledger, plan, &log, refold_seqs, date)?;
    drop(log);
    // Built from a ledger given up (`into_as_of`), the view shares its log with nothing:
    // one vector again, so that reading it whole copies nothing.
    kept.settle();
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

/// The touched items (and the directory and records, when a fact of theirs is dropped)
/// folded again from their own events in `log`, in log order; the view's log returned: the
/// events before the first dropped one shared with the ledger (their numbers do not
/// change), the ones kept after it copied and renumbered. `seqs` are the numbers of the
/// touched items' events, as the items list them.
fn refold(
    ledger: &mut Ledger,
    plan: &Plan,
    log: &SharedLog,
    mut seqs: Vec<u64>,
    date: NaiveDate,
) -> Result<SharedLog, LedgerError> {
    let events = log.as_slice();
    // INVARIANT: a ledger holding its whole log numbers its events from 1
    // (`events[i].seq == i + 1`): the event numbered `seq` is at `seq - 1`.
    let position_of = |seq: u64| usize::try_from(seq.saturating_sub(1)).unwrap_or(usize::MAX);
    let first_dropped = plan.start.min(events.len());
    let needs_refold = |event: &Event| {
        event
            .fact
            .item()
            .map_or(plan.refold_directory, |id| plan.touched.contains(id))
    };
    let fold = |ledger: &mut Ledger, position: usize, event: &Event, seq: u64| {
        crate::evolve::evolve(ledger, event)
            .map_err(|reason| super::needs_later(date, position, seq, reason))
    };
    // INVARIANT: an item's event reads no other item but the motion a converted suggestion
    // comes from, whose decision comes before the suggestion in the log: untouched, that
    // motion is already as of the day here; touched, it is folded again first. A fact about
    // no item reads and changes only the directory and the records. An untouched item's
    // events all come before the first dropped fact about no item, so they read a directory
    // of facts on or before the day, which the fold here holds too.
    let head = events.get(..first_dropped).unwrap_or_default();
    if plan.refold_directory {
        for (position, event) in head.iter().enumerate().filter(|(_, e)| needs_refold(e)) {
            fold(ledger, position, event, event.seq)?;
        }
    } else {
        // Only the touched items' events: found by their numbers, not by reading the log.
        seqs.sort_unstable();
        for seq in seqs {
            let position = position_of(seq);
            if position >= first_dropped {
                break;
            }
            let event = head.get(position).filter(|e| e.seq == seq).ok_or_else(|| {
                super::needs_later(date, position, seq, format!("no event numbered {seq}"))
            })?;
            fold(ledger, position, event, seq)?;
        }
    }
    let after = events.get(first_dropped..).unwrap_or_default();
    let mut tail = Vec::with_capacity(after.len().saturating_sub(plan.dropped.len()));
    for (position, event) in (first_dropped..).zip(after) {
        if event.on > date {
            continue;
        }
        let mut event = event.clone();
        let seq = event.seq;
        event.seq = plan.renumber(seq);
        if needs_refold(&event) {
            fold(ledger, position, &event, seq)?;
        }
        tail.push(event);
    }
    Ok(log.prefix(first_dropped).then(tail))
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

    /// `ledger` with two suggestions recorded last: one dated 5 January 2023, after every
    /// other event, then one dated 5 January 2022. As of a day between the ledger's latest
    /// and the first, the event dropped is followed by events kept.
    fn with_a_backdated_suggestion(mut ledger: Ledger) -> Ledger {
        let lead = ledger.directory().deputies.keys().next().unwrap().clone();
        for (year, n) in [(2022, 1), (2021, 2)] {
            let probe = crate::generator::probe_suggestion(&lead, year, n).unwrap();
            ledger.execute(&probe).unwrap();
        }
        ledger
    }

    /// Every third day from 1 December 2021 to early February 2023, and every day around
    /// the year's end.
    fn days() -> impl Iterator<Item = NaiveDate> {
        let first = NaiveDate::from_ymd_opt(2021, 12, 1).unwrap();
        let year_end = NaiveDate::from_ymd_opt(2022, 12, 28).unwrap();
        (0..430)
            .step_by(3)
            .map(move |d| first + Days::new(d))
            .chain((0..10).map(move |d| year_end + Days::new(d)))
    }

    /// Whether the events `plan` drops are the last of the log.
    fn drops_the_last(plan: &Plan, log: &[Event]) -> bool {
        plan.dropped.first().is_none_or(|first| {
            usize::try_from(*first).unwrap() - 1 + plan.dropped.len() == log.len()
        })
    }

    #[test]
    fn the_view_by_items_is_the_replayed_view() {
        // Views compared: the events after the day the log's last, or followed by events on
        // or before it (renumbered), or facts about no item among them (directory folded).
        let (mut last, mut middle, mut directory) = (0, 0, 0);
        for seed in [3, 11] {
            let generated = generate(&GeneratorConfig::scaled(40, seed)).unwrap();
            for ledger in [generated.clone(), with_a_backdated_suggestion(generated)] {
                for date in days() {
                    let Some(plan) = Plan::of(&ledger, date, usize::MAX) else {
                        continue;
                    };
                    let view = into_view(ledger.clone(), &plan, date);
                    assert_eq!(view, replayed(&ledger, date), "seed {seed}, as of {date}");
                    if plan.refold_directory {
                        directory += 1;
                    } else if drops_the_last(&plan, ledger.events()) {
                        last += 1;
                    } else {
                        middle += 1;
                    }
                }
            }
        }
        assert!(
            last > 20 && middle > 5 && directory > 200,
            "days compared: {last} dropping the last events, {middle} in the middle, {directory} folding the directory"
        );
    }

    #[test]
    fn the_view_of_a_kept_ledger_is_the_same_on_any_number_of_threads() {
        // Shares of one item, of five and of every item, on one to three threads: the view
        // built beside the ledger is the one the ledger given up becomes, and the replay's.
        let mut compared = 0;
        for seed in [3, 11] {
            let generated = generate(&GeneratorConfig::scaled(40, seed)).unwrap();
            for ledger in [generated.clone(), with_a_backdated_suggestion(generated)] {
                for date in days() {
                    let Some(plan) = Plan::of(&ledger, date, usize::MAX) else {
                        continue;
                    };
                    let expected = replayed(&ledger, date);
                    for (threads, min_share) in [(1, 1), (2, 1), (3, 5), (2, usize::MAX)] {
                        let threads = NonZeroUsize::new(threads).unwrap();
                        let view = view_in_shares(&ledger, &plan, date, threads, min_share);
                        assert_eq!(
                            view, expected,
                            "seed {seed}, as of {date}, {threads} threads, shares of {min_share}"
                        );
                        compared += 1;
                    }
                }
            }
        }
        assert!(compared > 800, "{compared} views compared");
    }

    #[test]
    fn a_view_shares_the_items_it_does_not_fold_again_and_the_log_before_the_day() {
        let ledger =
            with_a_backdated_suggestion(generate(&GeneratorConfig::scaled(40, 3)).unwrap());
        let mut checked = 0;
        for date in days() {
            let plan = Plan::of(&ledger, date, usize::MAX).unwrap();
            if plan.refold_directory || plan.dropped.is_empty() {
                continue;
            }
            let view = ledger.as_of(date).unwrap();
            assert!(view.events.shares_head_with(&ledger.events), "as of {date}");
            for (id, it) in ledger.items() {
                let shared = view.items().get(id).is_some_and(|v| Arc::ptr_eq(it, v));
                let renumbered = it.events.last() > plan.dropped.first();
                assert_eq!(
                    shared,
                    !plan.touched.contains(id) && !renumbered,
                    "item {id} as of {date}"
                );
            }
            checked += 1;
        }
        assert!(checked >= 4, "{checked} days");
    }

    #[test]
    fn a_view_built_from_a_ledger_given_up_holds_one_log() {
        let generated =
            with_a_backdated_suggestion(generate(&GeneratorConfig::scaled(40, 3)).unwrap());
        let date = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
        let plan = Plan::of(&generated, date, usize::MAX).unwrap();
        assert!(!plan.refold_directory && !drops_the_last(&plan, generated.events()));
        let expected = replayed(&generated, date).unwrap();
        // Shared with the ledger, the view's log is the ledger's head and a tail of its own.
        let shared = generated.as_of(date).unwrap();
        assert!(!shared.events.is_one_vector());
        assert_eq!(*shared, expected);
        drop(shared);
        // Given up, the ledger's log becomes the view's: one vector, no event copied.
        let head = generated.events().as_ptr();
        let view = generated.into_as_of(date).unwrap();
        assert!(view.events.is_one_vector());
        assert_eq!(view.events().as_ptr(), head);
        assert_eq!(view, expected);
    }

    #[test]
    fn a_view_with_many_events_after_the_day_is_replayed() {
        let ledger = generate(&GeneratorConfig::scaled(10, 2)).unwrap();
        let latest = ledger.latest_date().unwrap();
        let early = NaiveDate::from_ymd_opt(2022, 3, 1).unwrap();
        assert!(Plan::of(&ledger, early, usize::MAX).is_some());
        assert!(Plan::of(&ledger, early, 10).is_none());
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
        let plan = Plan::of(&late, assigned_on, usize::MAX).unwrap();
        let err = into_view(late.clone(), &plan, assigned_on).unwrap_err();
        assert_eq!(Err(err.clone()), replayed(&late, assigned_on));
        assert_eq!(err.code().as_str(), "ledger.inconsistent");
        assert!(
            err.to_string().contains(&format!("as of {assigned_on}")),
            "{err}"
        );
    }
}

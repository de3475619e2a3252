//! 统计计数器 (incremental statistics, SPEC §13): the counts behind the year's figures,
//! kept current as commands are executed and mergeable across partial ledgers.
//!
//! Each item contributes a handful of counts to its work years ([`contribution`]): a new
//! suggestion, its system, its first and latest class, its latest rating, a late reply …
//! The ledger's [`Tally`] is the sum of every item's contribution. Executing a command
//! subtracts the touched items' old contributions and adds their new ones, so the year's
//! figures never rescan the ledger; a replay sums every item once at the end. Tallies of
//! disjoint ledgers merge by addition ([`Tally::merge`]): the shape a distributed engine
//! needs.
//!
//! Only one figure depends on the date asked: obligations overdue as of a day. It is counted
//! when asked, over the items that still owe something.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::calendar::CalendarError;
use crate::directory::System;
use crate::item::{DutyKind, Item, ItemStatus};
use crate::ledger::Ledger;
use crate::obligations::{done_late, duty_status, ObligationStatus};
use crate::vocab::{HandlingMode, ItemKind, MotionDecision, Origin, Period, ReplyRound};

/// What is counted. Class and level counts carry the position of the class or level in
/// the profile (a ledger's profile never changes; what-if replays rebuild their tally).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "count", content = "of", rename_all = "snake_case")]
pub enum Count {
    /// Motions of the year's sessions.
    Motions,
    /// Motions sent to the standing committee.
    MotionsToStandingCommittee,
    /// Motions put on the agenda.
    MotionsToAgenda,
    /// Motions converted into suggestions.
    MotionsConverted,
    /// Suggestions submitted at the session.
    AtSession,
    /// Suggestions submitted in recess.
    InRecess,
    /// New suggestions of the year.
    Suggestions,
    /// Withdrawn.
    Withdrawn,
    /// Rejected.
    Rejected,
    /// Earlier years' items rolled into the year.
    RolledIn,
    /// Items with a lead unit of the system.
    SystemItems(System),
    /// Of those, handled jointly across systems.
    SystemJoint(System),
    /// Of those, jointly with a party-mass unit.
    SystemJointWithPartyMass(System),
    /// Items with at least one lead unit, each counted once (the by-system table's items
    /// without its overlaps).
    WithLeadUnit,
    /// Items whose lead units sit in more than one system, by mode and by the set of
    /// systems ([`system_set`]): each is counted in every one of them (SPEC §10: every
    /// overlap is stated).
    Overlap(HandlingMode, u8),
    /// Replied items.
    Replied,
    /// Class of the first reply (profile position).
    FirstClass(u16),
    /// Items with a second reply.
    SecondRound,
    /// Class of the latest second reply.
    SecondClass(u16),
    /// Class of the latest reply.
    LatestClass(u16),
    /// Rated items.
    Rated,
    /// Level of the latest rating (profile position).
    Level(u16),
    /// Items whose feedback lapsed without a rating.
    Lapsed,
    /// Replies given after their due date.
    RepliesLate,
    /// Replied items whose first reply was on time.
    OnTime,
    /// Replied items whose dates are unknown (imported): neither on time nor late.
    TimingUnknown,
    /// Items for which a fact is unknown (imported from a source that does not give it).
    Unknown(crate::provenance::Unknown),
}

/// What one item adds: `(work year, count, amount)`.
pub type Contribution = Vec<(i32, Count, u64)>;

/// The counts of a ledger, by work year. Mergeable: the tally of two disjoint ledgers is
/// the sum of their tallies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    counts: BTreeMap<(i32, Count), u64>,
}

impl Tally {
    /// The count for `year`.
    pub fn get(&self, year: i32, count: Count) -> u64 {
        self.counts.get(&(year, count)).copied().unwrap_or(0)
    }

    /// Every count of `year`, in key order.
    pub fn of_year(&self, year: i32) -> impl Iterator<Item = (Count, u64)> + '_ {
        self.counts
            .range((year, Count::Motions)..)
            .take_while(move |((y, _), _)| *y == year)
            .map(|((_, c), n)| (*c, *n))
    }

    /// The tally of one item's contribution.
    pub fn from_contribution(c: &Contribution) -> Tally {
        let mut t = Tally::default();
        t.add(c);
        t
    }

    /// Adds another tally (of a disjoint set of items).
    pub fn merge(&mut self, other: &Tally) {
        for (k, n) in &other.counts {
            let e = self.counts.entry(*k).or_default();
            *e = e.saturating_add(*n);
        }
    }

    pub(crate) fn add(&mut self, c: &Contribution) {
        for (year, count, n) in c {
            let e = self.counts.entry((*year, *count)).or_default();
            *e = e.saturating_add(*n);
        }
    }

    /// Every count, in key order: what a snapshot stores (`crate::snapshot`).
    #[cfg(feature = "snapshots")]
    pub(crate) fn entries(&self) -> Contribution {
        self.counts.iter().map(|((y, c), n)| (*y, *c, *n)).collect()
    }

    /// The tally of stored `entries`; `None` when a key is given twice or out of order.
    #[cfg(feature = "snapshots")]
    pub(crate) fn from_entries(entries: Contribution) -> Option<Tally> {
        let mut counts = BTreeMap::new();
        for (year, count, n) in entries {
            if counts
                .last_key_value()
                .is_some_and(|(last, _)| *last >= (year, count))
            {
                return None;
            }
            counts.insert((year, count), n);
        }
        Some(Tally { counts })
    }

    pub(crate) fn remove(&mut self, c: &Contribution) {
        for (year, count, n) in c {
            if let Some(e) = self.counts.get_mut(&(*year, *count)) {
                *e = e.saturating_sub(*n);
                if *e == 0 {
                    self.counts.remove(&(*year, *count));
                }
            }
        }
    }
}

fn position<T>(list: &[T], pred: impl Fn(&T) -> bool) -> Option<u16> {
    list.iter()
        .position(pred)
        .and_then(|i| u16::try_from(i).ok())
}

/// What `item` adds to the counts of its work years (SPEC §10's definitions; RULES.md §12).
///
/// # Errors
/// `calendar.out_of_range` when a reply's due date falls outside the calendar.
pub fn contribution(ledger: &Ledger, it: &Item) -> Result<Contribution, CalendarError> {
    let p = &ledger.profile;
    let mut out: Contribution = Vec::new();
    if it.kind == ItemKind::Motion {
        let Some(year) = ledger
            .directory
            .sessions
            .get(&it.session)
            .map(crate::directory::Session::year)
        else {
            return Ok(out);
        };
        out.push((year, Count::Motions, 1));
        match &it.motion_decision {
            Some(MotionDecision::ToStandingCommittee) => {
                out.push((year, Count::MotionsToStandingCommittee, 1));
            }
            Some(MotionDecision::ToAgenda) => out.push((year, Count::MotionsToAgenda, 1)),
            Some(MotionDecision::ConvertToSuggestion { .. }) => {
                out.push((year, Count::MotionsConverted, 1));
            }
            Some(MotionDecision::NotListed) | None => {}
        }
        return Ok(out);
    }
    let year = it.year;
    for y in it.rolled_into.iter().filter(|y| **y != year) {
        out.push((*y, Count::RolledIn, 1));
    }
    match (it.period, &it.origin) {
        (_, Origin::ConvertedFromMotion { .. }) => {}
        (Period::Session, Origin::Direct) => out.push((year, Count::AtSession, 1)),
        (Period::Recess, Origin::Direct) => out.push((year, Count::InRecess, 1)),
    }
    out.push((year, Count::Suggestions, 1));
    match it.status {
        ItemStatus::Withdrawn => out.push((year, Count::Withdrawn, 1)),
        ItemStatus::Rejected => out.push((year, Count::Rejected, 1)),
        _ => {}
    }
    systems(ledger, it, year, &mut out);
    let class = |id: &str| position(&p.results.classes, |c| c.id == id);
    // An item's classes are its parts' least-resolved (`crate::item_class`, SPEC §4).
    let first_class = it.first_class(&p.results);
    if let (Some(first), Some(latest)) = (first_class, it.latest_class(&p.results)) {
        out.push((year, Count::Replied, 1));
        if let Some(i) = class(first) {
            out.push((year, Count::FirstClass(i), 1));
        }
        if let Some(i) = class(latest) {
            out.push((year, Count::LatestClass(i), 1));
        }
        if let Some(second) = it.second_round_class(&p.results) {
            out.push((year, Count::SecondRound, 1));
            if let Some(i) = class(second) {
                out.push((year, Count::SecondClass(i), 1));
            }
        }
    }
    match it.latest_rating().and_then(|r| r.level.as_deref()) {
        Some(level) => {
            out.push((year, Count::Rated, 1));
            if let Some(i) = position(&p.feedback.levels, |l| l.id == level) {
                out.push((year, Count::Level(i), 1));
            }
        }
        None if it.feedback.iter().any(|r| r.level.is_none()) => {
            out.push((year, Count::Lapsed, 1));
        }
        None => {}
    }
    for u in it.unknown.iter() {
        out.push((year, Count::Unknown(u), 1));
    }
    // INVARIANT: an item whose dates are stand-ins (imported) is neither late nor on time:
    // it is counted as unknown and left out of the on-time rate's denominator.
    if it.unknown.contains(crate::provenance::Unknown::Date) {
        if first_class.is_some() {
            out.push((year, Count::TimingUnknown, 1));
        }
        return Ok(out);
    }
    // Lateness of replies given: their due dates do not depend on the day asked. A reply is
    // one reply (SPEC §10): a joint reply closes every lead's duty but is counted once.
    let mut late = 0u64;
    let mut first_late = false;
    for r in &it.replies {
        if reply_was_late(ledger, it, r)? {
            late = late.saturating_add(1);
            first_late |= r.round == ReplyRound::First;
        }
    }
    if late > 0 {
        out.push((year, Count::RepliesLate, late));
    }
    if first_class.is_some() && !first_late {
        out.push((year, Count::OnTime, 1));
    }
    Ok(out)
}

/// Whether reply `r` came after its due date: the duty it answered is the replying unit's
/// reply duty of its round, done on its day.
fn reply_was_late(
    ledger: &Ledger,
    it: &Item,
    r: &crate::item::ReplyRecord,
) -> Result<bool, CalendarError> {
    let duty = it.duties.iter().find(|d| {
        d.kind == (DutyKind::Reply { round: r.round })
            && d.done_on == Some(r.on)
            && matches!(&d.party, crate::item::Party::Unit { id } if *id == r.unit)
    });
    match duty {
        Some(d) => Ok(done_late(&ledger.profile, &ledger.calendar, d)? == Some(true)),
        None => Ok(false),
    }
}

/// The bit of a system in a set: its position in [`System::ALL`].
fn system_bit(s: System) -> u8 {
    let position = System::ALL.iter().position(|x| *x == s).unwrap_or(0);
    u32::try_from(position)
        .ok()
        .and_then(|p| 1u8.checked_shl(p))
        .unwrap_or(0)
}

/// The bit set of `systems` (positions in [`System::ALL`]).
pub fn system_set(systems: &[System]) -> u8 {
    systems.iter().fold(0u8, |set, s| set | system_bit(*s))
}

/// The systems of a bit set made by [`system_set`], in report order.
pub fn systems_of_set(set: u8) -> Vec<System> {
    System::ALL
        .iter()
        .filter(|s| set & system_bit(**s) != 0)
        .copied()
        .collect()
}

/// The systems of the item's current lead units (合办 across systems counted apart; every
/// cross-system item counted as an overlap).
fn systems(ledger: &Ledger, it: &Item, year: i32, out: &mut Contribution) {
    let Some(a) = it.current_assignment() else {
        return;
    };
    let mut mine: Vec<System> = a
        .plan
        .leads
        .iter()
        .filter_map(|u| ledger.directory.units.get(u).map(|u| u.system))
        .collect();
    mine.sort();
    mine.dedup();
    // 合办: a joint assignment whose leads sit in more than one system.
    let joint = a.plan.mode == crate::vocab::HandlingMode::Joint && mine.len() > 1;
    let with_pm = mine.contains(&System::PartyMass);
    if !mine.is_empty() {
        out.push((year, Count::WithLeadUnit, 1));
    }
    if mine.len() > 1 {
        out.push((year, Count::Overlap(a.plan.mode, system_set(&mine)), 1));
    }
    for s in &mine {
        out.push((year, Count::SystemItems(*s), 1));
        if joint {
            out.push((year, Count::SystemJoint(*s), 1));
            if with_pm && *s != System::PartyMass {
                out.push((year, Count::SystemJointWithPartyMass(*s), 1));
            }
        }
    }
}

impl Ledger {
    /// The tally of every item, summed afresh (what the maintained tally must equal).
    ///
    /// # Errors
    /// `calendar.out_of_range`.
    pub fn recount(&self) -> Result<Tally, CalendarError> {
        let mut t = Tally::default();
        for it in self.items.values() {
            t.add(&contribution(self, it)?);
        }
        Ok(t)
    }

    /// The counts behind the figures: the ones kept current as commands execute, else the
    /// items counted afresh on up to `threads` threads (a tally left stale by a due date
    /// outside the calendar, or not kept during a load).
    ///
    /// # Errors
    /// `calendar.out_of_range`.
    pub(crate) fn counts_on(
        &self,
        threads: std::num::NonZeroUsize,
    ) -> Result<std::borrow::Cow<'_, Tally>, CalendarError> {
        match self.fresh_tally() {
            Some(t) => Ok(std::borrow::Cow::Borrowed(t)),
            None => self.recount_on(threads).map(std::borrow::Cow::Owned),
        }
    }

    /// [`Ledger::recount`] over shares of the items on up to `threads` threads, the shares'
    /// counts then added (every count is a sum: the same tally on any number).
    ///
    /// # Errors
    /// `calendar.out_of_range`.
    pub(crate) fn recount_on(
        &self,
        threads: std::num::NonZeroUsize,
    ) -> Result<Tally, CalendarError> {
        self.recount_in_shares(threads, RECOUNT_SHARE)
    }

    /// [`Ledger::recount_on`], each thread given `min_share` items at least.
    fn recount_in_shares(
        &self,
        threads: std::num::NonZeroUsize,
        min_share: usize,
    ) -> Result<Tally, CalendarError> {
        if threads.get() <= 1 {
            return self.recount();
        }
        let items: Vec<&Item> = self.items.values().map(|it| &**it).collect();
        let shares = crate::shares::in_shares(&items, threads, min_share, |share, _| {
            let mut t = Tally::default();
            for it in share {
                t.add(&contribution(self, it)?);
            }
            Ok::<_, CalendarError>(t)
        });
        let mut t = Tally::default();
        for share in shares {
            t.merge(&share?);
        }
        Ok(t)
    }

    /// The counts behind the figures, current after every executed command.
    pub fn tally(&self) -> &Tally {
        &self.tally
    }

    /// Obligations overdue as of `as_of` on items of work year `year` (counted when asked:
    /// only items that still owe something are looked at).
    ///
    /// # Errors
    /// `calendar.out_of_range`.
    pub(crate) fn overdue_of_year(
        &self,
        year: i32,
        as_of: chrono::NaiveDate,
    ) -> Result<u64, CalendarError> {
        let mut n = 0u64;
        for it in self.items.values().filter(|it| {
            it.kind == ItemKind::Suggestion
                && it.year == year
                // Stand-in dates give no deadline: such items are counted as unknown.
                && !it.unknown.contains(crate::provenance::Unknown::Date)
                && it.duties.iter().any(crate::item::Duty::is_open)
        }) {
            // INVARIANT: only a duty still open can be overdue (done ones are done or done
            // late, cancelled ones are no obligation).
            for duty in it.duties.iter().filter(|d| d.is_open()) {
                if duty_status(&self.profile, &self.calendar, duty, as_of)?
                    == ObligationStatus::Overdue
                {
                    n = n.saturating_add(1);
                }
            }
        }
        Ok(n)
    }
}
/// The fewest items a thread counts in [`Ledger::recount_on`].
const RECOUNT_SHARE: usize = 4_096;

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use std::num::NonZeroUsize;

    use crate::generator::{generate, GeneratorConfig};

    #[test]
    fn a_recount_in_shares_is_the_recount() {
        let ledger = generate(&GeneratorConfig::scaled(300, 5)).unwrap();
        let one = ledger.recount().unwrap();
        // The generator's ledger keeps its tally current: the recount is that tally.
        assert_eq!(&one, ledger.tally());
        for (threads, min_share) in [(2, 1), (3, 7), (2, 100), (7, 1)] {
            let threads = NonZeroUsize::new(threads).unwrap();
            assert_eq!(
                ledger.recount_in_shares(threads, min_share).unwrap(),
                one,
                "{threads} threads, shares of {min_share}"
            );
        }
    }
}

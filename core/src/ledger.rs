//! 台账 (the ledger): directory + items + the event log, under one profile and calendar.
//!
//! `decide` is pure and never mutates; [`Ledger::execute`] decides a command and applies
//! its events; [`Ledger::apply`] folds one stored event in (used by replay). A refused
//! command changes nothing: decide runs against the unchanged ledger, and the events it
//! returns are checked to apply before anything is written.

use std::collections::btree_map::Entry;
use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::calendar::Calendar;
use crate::command::Command;
use crate::directory::Directory;
use crate::error::{CommandError, InputError, LedgerError, ProfileError};
use crate::event::{Event, Fact};
use crate::id::{CommandDigest, CommandId, ItemId};
use crate::item::Item;
use crate::profile::{Profile, ProfileRef};

/// Items whose contributions a recount on several threads computes before summing them.
const RECOUNT_BATCH: usize = 1 << 16;

/// What one item adds to the statistics kept current: the year's counts and section 四.
pub(crate) type Contributions = (crate::tally::Contribution, crate::assessment::kept::Part);

pub(crate) use crate::command_book::{CommandRecord, DigestBytes};

/// What executing a command did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// The events recorded (or, for a retry, recorded the first time).
    pub events: Vec<Event>,
    /// The command id had been executed before with the same content: nothing new
    /// was recorded and `events` are the original ones (none when the ledger was reopened
    /// from a snapshot taken after them: they are in the host's file).
    pub duplicate: bool,
}

/// The ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ledger {
    pub(crate) profile: Arc<Profile>,
    profile_ref: ProfileRef,
    pub(crate) calendar: Arc<Calendar>,
    pub(crate) directory: Arc<Directory>,
    pub(crate) records: Arc<crate::assessment::Records>,
    // Each item behind its own `Arc`: a view as of a day (`crate::as_of`) shares the items
    // it does not fold again instead of copying them; `evolve` copies one only while a view
    // shares it (`Arc::make_mut`).
    pub(crate) items: BTreeMap<ItemId, Arc<Item>>,
    /// The counts behind the figures (`crate::tally`); current when `tally_fresh`.
    pub(crate) tally: crate::tally::Tally,
    /// Section 四's sums (`crate::assessment::kept`); current when `tally_fresh`.
    pub(crate) kept: crate::assessment::kept::Kept,
    pub(crate) tally_fresh: bool,
    pub(crate) commands: crate::command_book::CommandBook,
    pub(crate) events: crate::shared_log::SharedLog,
    /// The date of the latest event among those not held (a ledger reopened from a
    /// snapshot); the held log knows its own latest date (events need not arrive in date
    /// order across items).
    pub(crate) latest_before_log: Option<chrono::NaiveDate>,
    /// Where the chain stood after a prefix of the log (`crate::wire`), in events from the
    /// first (held or not).
    pub(crate) chain_mark: crate::chain::ChainMark,
    /// For a ledger reopened from a snapshot (`crate::snapshot`): the events before the
    /// snapshot's head, which it does not hold. `events` are the events after them.
    pub(crate) log_cut: Option<LogCut>,
    /// Each work year's figures as of its 31 December, taken as the log passed that day
    /// (`crate::year_ends`): the year before of an annual summary without a replay.
    pub(crate) year_ends: crate::year_ends::YearEnds,
}

/// Where a ledger reopened from a snapshot starts holding its log (快照之后的日志).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LogCut {
    /// How many events come before the first one held.
    pub(crate) events: usize,
    /// The format version the ledger's header was written with (2, or 3 for an import).
    pub(crate) version: u32,
}

/// Digest of a command: first 16 hex digits of SHA-256 of its JSON.
pub fn command_digest(command: &Command) -> CommandDigest {
    let text = serde_json::to_string(command).unwrap_or_default();
    let digest = Sha256::digest(text.as_bytes());
    CommandDigest::new(&hex(digest.get(..8).unwrap_or_default()))
}

/// Lower-case hex of `bytes`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    // Two table look-ups a byte: every line read links through this (no formatter).
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len().saturating_mul(2));
    for b in bytes {
        for nibble in [b >> 4, b & 0x0f] {
            out.push(char::from(
                DIGITS.get(usize::from(nibble)).copied().unwrap_or(b'0'),
            ));
        }
    }
    out
}

impl Ledger {
    /// An empty ledger under `profile`, with the national `calendar` (the profile's
    /// regional days are added on top).
    ///
    /// # Errors
    /// The profile's validation errors.
    pub fn new(profile: Profile, calendar: &Calendar) -> Result<Ledger, ProfileError> {
        profile.validate()?;
        let calendar = profile.calendar(calendar);
        Ok(Ledger::empty(Arc::new(profile), Arc::new(calendar)))
    }

    /// An empty ledger under a validated profile and the calendar in force.
    fn empty(profile: Arc<Profile>, calendar: Arc<Calendar>) -> Ledger {
        Ledger {
            profile_ref: profile.reference(),
            profile,
            calendar,
            directory: Arc::new(Directory::default()),
            records: Arc::default(),
            items: BTreeMap::new(),
            tally: crate::tally::Tally::default(),
            kept: crate::assessment::kept::Kept::default(),
            tally_fresh: true,
            commands: crate::command_book::CommandBook::default(),
            events: crate::shared_log::SharedLog::default(),
            latest_before_log: None,
            chain_mark: crate::chain::ChainMark::default(),
            log_cut: None,
            year_ends: crate::year_ends::YearEnds::default(),
        }
    }

    /// The profile.
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// The profile reference the ledger records.
    pub fn profile_ref(&self) -> &ProfileRef {
        &self.profile_ref
    }

    /// The calendar in force (national + the profile's regional days).
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// Replace the calendar (a newer State Council arrangement): every open obligation's
    /// due date follows, since due dates are computed when asked (SPEC §3).
    pub fn set_calendar(&mut self, national: &Calendar) {
        self.calendar = Arc::new(self.profile.calendar(national));
        // Lateness is counted against due dates: recount under the new calendar; the
        // year-end figures were taken under the old one.
        self.refresh_tally();
        self.year_ends.clear();
    }

    /// Recounts the tally from every item (after a replay or a calendar change). Should a
    /// due date fall outside the calendar, the tally stays stale and the figures say why.
    pub(crate) fn refresh_tally(&mut self) {
        self.refresh_tally_on(std::num::NonZeroUsize::MIN);
    }

    /// [`Ledger::refresh_tally`], each item's contribution computed on up to `threads`
    /// threads (they are summed in item order on the calling thread: the same sums).
    pub(crate) fn refresh_tally_on(&mut self, threads: std::num::NonZeroUsize) {
        match self.recount_kept(threads) {
            Ok((t, k)) => {
                self.tally = t;
                self.kept = k;
                self.tally_fresh = true;
            }
            Err(_) => self.tally_fresh = false,
        }
    }

    /// The tally and section 四's sums of every item, summed afresh in one pass.
    fn recount_kept(
        &self,
        threads: std::num::NonZeroUsize,
    ) -> Result<(crate::tally::Tally, crate::assessment::kept::Kept), crate::calendar::CalendarError>
    {
        let mut t = crate::tally::Tally::default();
        let mut k = crate::assessment::kept::Kept::default();
        // The phone library (no `threads`) keeps the one-thread pass only.
        if threads.get() <= 1 || cfg!(not(feature = "threads")) {
            for (id, it) in &self.items {
                let (c, p) = self.contribution_of(it)?;
                t.add(&c);
                k.add(id, &p);
            }
            return Ok((t, k));
        }
        // Contributions a batch at a time, so that a national ledger holds a batch of them,
        // not one per item.
        let items: Vec<(&ItemId, &Item)> = self.items.iter().map(|(id, it)| (id, &**it)).collect();
        for batch in items.chunks(RECOUNT_BATCH) {
            let shares = crate::shares::in_shares(batch, threads, 1024, |share, _| {
                share
                    .iter()
                    .map(|(_, it)| self.contribution_of(it))
                    .collect::<Result<Vec<_>, _>>()
            });
            let mut ids = batch.iter().map(|(id, _)| *id);
            for share in shares {
                for ((c, p), id) in share?.iter().zip(ids.by_ref()) {
                    t.add(c);
                    k.add(id, p);
                }
            }
        }
        Ok((t, k))
    }

    /// What `it` adds to the tally and to section 四's sums.
    pub(crate) fn contribution_of(
        &self,
        it: &Item,
    ) -> Result<Contributions, crate::calendar::CalendarError> {
        Ok((
            crate::tally::contribution(self, it)?,
            crate::assessment::kept::part(self, it)?,
        ))
    }

    /// The maintained tally when current.
    pub(crate) fn fresh_tally(&self) -> Option<&crate::tally::Tally> {
        self.tally_fresh.then_some(&self.tally)
    }

    /// Section 四's maintained sums when current (with the tally).
    #[cfg(feature = "kept-section-four")]
    pub(crate) fn fresh_kept(&self) -> Option<&crate::assessment::kept::Kept> {
        self.tally_fresh.then_some(&self.kept)
    }

    /// Section 四's sums recounted from every item (what the maintained ones must equal);
    /// `None` when a due date falls outside the calendar.
    #[cfg(all(test, feature = "kept-section-four"))]
    pub(crate) fn recount_section_four(&self) -> Option<crate::assessment::kept::Kept> {
        self.recount_kept(std::num::NonZeroUsize::MIN)
            .ok()
            .map(|(_, k)| k)
    }

    /// Contributions of the items `events` touch, as they stand now (`None` for an item
    /// not there yet); `None` overall when one cannot be computed.
    pub(crate) fn contributions_of<'e>(
        &self,
        events: impl IntoIterator<Item = &'e Event>,
    ) -> Option<Vec<(ItemId, Option<Contributions>)>> {
        self.contributions_of_ids(touched_ids(events))
    }

    /// Contributions, before a batch of lines is applied, of the items its `events` touch;
    /// `None` when the statistics are stale or when the batch touches more than a quarter of
    /// the items (summing every item again then costs less). Read by the lines a follower
    /// applies and by a snapshot's tail; [`Ledger::settle_tally_after_batch`] uses them.
    pub(crate) fn contributions_before_batch<'e>(
        &self,
        events: impl IntoIterator<Item = &'e Event>,
    ) -> Option<Vec<(ItemId, Option<Contributions>)>> {
        if !self.tally_fresh {
            return None;
        }
        let ids = touched_ids(events);
        if ids.len() > self.items.len() / 4 {
            return None;
        }
        self.contributions_of_ids(ids)
    }

    /// Brings the statistics current after a batch of lines was applied: the touched
    /// items' old contributions (`before`, [`Ledger::contributions_before_batch`]) out and
    /// their new ones in, otherwise every item summed again on up to `threads` threads.
    pub(crate) fn settle_tally_after_batch(
        &mut self,
        before: Option<Vec<(ItemId, Option<Contributions>)>>,
        threads: std::num::NonZeroUsize,
    ) {
        if let Some(before) = before {
            // INVARIANT: `before` is read only while the statistics are current; applying
            // lines marks them stale only because a replay sums them once at its end.
            self.tally_fresh = true;
            self.update_tally(Some(before));
            if self.tally_fresh {
                return;
            }
        }
        self.refresh_tally_on(threads);
    }

    /// Contributions of the items `ids` (each once) as they stand now (`None` for an item
    /// not there); `None` overall when one cannot be computed.
    pub(crate) fn contributions_of_ids(
        &self,
        ids: Vec<&ItemId>,
    ) -> Option<Vec<(ItemId, Option<Contributions>)>> {
        ids.into_iter()
            .map(|id| match self.items.get(id) {
                Some(it) => self.contribution_of(it).ok().map(|c| (id.clone(), Some(c))),
                None => Some((id.clone(), None)),
            })
            .collect()
    }

    /// The directory.
    pub fn directory(&self) -> &Directory {
        &self.directory
    }

    /// Assessors' scores and honoured deputies.
    pub fn records(&self) -> &crate::assessment::Records {
        &self.records
    }

    /// A copy of this ledger holding `items` instead of its own (a view by items builds its
    /// items itself: copying the map first would touch every item twice).
    #[cfg(feature = "view-by-items")]
    pub(crate) fn clone_with_items(&self, items: BTreeMap<ItemId, Arc<Item>>) -> Ledger {
        Ledger {
            profile: Arc::clone(&self.profile),
            profile_ref: self.profile_ref.clone(),
            calendar: Arc::clone(&self.calendar),
            directory: Arc::clone(&self.directory),
            records: Arc::clone(&self.records),
            items,
            tally: self.tally.clone(),
            kept: self.kept.clone(),
            tally_fresh: self.tally_fresh,
            commands: self.commands.clone(),
            events: self.events.clone(),
            latest_before_log: self.latest_before_log,
            chain_mark: self.chain_mark.clone(),
            log_cut: self.log_cut,
            year_ends: self.year_ends.clone(),
        }
    }

    /// Every item, by id.
    pub fn items(&self) -> &BTreeMap<ItemId, Arc<Item>> {
        &self.items
    }

    /// One item.
    pub fn item(&self, id: &ItemId) -> Option<&Item> {
        self.items.get(id).map(|it| &**it)
    }

    /// The events this ledger holds: its whole log, except for a ledger reopened from a
    /// snapshot ([`Ledger::reopen`]), which holds only the events after the snapshot's head
    /// (numbered from [`Ledger::log_start`]` + 1`). [`Ledger::log`] is the whole log or an error.
    pub fn events(&self) -> &[Event] {
        self.events.as_slice()
    }

    /// The whole event log, for what reads every event (writing the ledger, a replay under
    /// another profile, a view as of an earlier day, an export of the events).
    ///
    /// # Errors
    /// `ledger.log_not_held` for a ledger reopened from a snapshot: its events before the
    /// snapshot's head are in the host's ledger file, not here.
    pub fn log(&self, needed_by: &'static str) -> Result<&[Event], LedgerError> {
        // Only a build with snapshots reopens a ledger without its log.
        #[cfg(feature = "snapshots")]
        if let Some(cut) = self.log_cut {
            return Err(LedgerError::LogNotHeld {
                needed_by,
                held_from: u64::try_from(cut.events)
                    .unwrap_or(u64::MAX)
                    .saturating_add(1),
            });
        }
        #[cfg(not(feature = "snapshots"))]
        let _ = needed_by;
        Ok(self.events.as_slice())
    }

    /// Whether the ledger holds its whole log (every ledger but one reopened from a snapshot).
    pub fn holds_log(&self) -> bool {
        self.log_cut.is_none()
    }

    /// How many events come before the first event held (0 unless reopened from a snapshot).
    pub fn log_start(&self) -> usize {
        self.log_cut.map_or(0, |cut| cut.events)
    }

    /// How many events the ledger has recorded, held or not.
    pub fn event_count(&self) -> usize {
        self.log_start().saturating_add(self.events.len())
    }

    /// The date of the latest event recorded, `None` for an empty log.
    pub fn latest_date(&self) -> Option<chrono::NaiveDate> {
        self.latest_before_log.max(self.events.latest())
    }

    /// The sequence number the next event gets.
    pub fn next_seq(&self) -> u64 {
        u64::try_from(self.event_count())
            .unwrap_or(u64::MAX)
            .saturating_add(1)
    }

    /// Decide a command without changing anything: the facts it would record.
    ///
    /// # Errors
    /// Every refusal, as a [`CommandError`] with a stable code.
    pub fn decide(&self, command: &Command) -> Result<Vec<Fact>, CommandError> {
        crate::decide::decide(self, command)
    }

    /// Decide and record a command. A retry under the same id with the same content
    /// returns the original events (`duplicate = true`); a different command under a used
    /// id is refused with `command.id_reused`.
    ///
    /// # Errors
    /// Every refusal of [`Ledger::decide`]; nothing changes.
    pub fn execute(&mut self, command: &Command) -> Result<Outcome, CommandError> {
        let (outcome, digest) = self.prepare_digested(command)?;
        if !outcome.duplicate {
            self.record(command, digest, &outcome.events);
        }
        Ok(outcome)
    }

    /// What [`Ledger::execute`] would do, without recording anything: the events the
    /// command would record (numbered from [`Ledger::next_seq`], checked to apply), or for a
    /// retry the events recorded the first time (`duplicate = true`). A host that stores the
    /// events elsewhere first (a database shared by several servers) prepares, appends the
    /// events there, and applies them to the ledger only once the append has succeeded.
    ///
    /// # Errors
    /// As [`Ledger::execute`].
    pub fn prepare(&self, command: &Command) -> Result<Outcome, CommandError> {
        self.prepare_digested(command).map(|(outcome, _)| outcome)
    }

    /// [`Ledger::prepare`] and the command's digest, which [`Ledger::record`] keeps.
    fn prepare_digested(&self, command: &Command) -> Result<(Outcome, DigestBytes), CommandError> {
        let digest = command_digest(command);
        let digest_bytes = DigestBytes::of(&digest);
        if let Some(rec) = self.commands.get(&command.id) {
            if rec.digest != digest_bytes {
                return Err(CommandError::IdReused {
                    id: command.id.clone(),
                });
            }
            // INVARIANT: `events[i].seq == log_start + i + 1` (replay and execute both check
            // it), so a command's events are one slice of the log. A ledger reopened from a
            // snapshot answers a retry of a command before it without its events (they are
            // in the host's file, at `first_seq`).
            let start = usize::try_from(rec.first_seq.saturating_sub(1)).unwrap_or(usize::MAX);
            let events = match start.checked_sub(self.log_start()) {
                Some(start) => {
                    let end = start.saturating_add(usize::try_from(rec.count).unwrap_or(0));
                    self.events
                        .as_slice()
                        .get(start..end)
                        .unwrap_or_default()
                        .to_vec()
                }
                None => Vec::new(),
            };
            return Ok((
                Outcome {
                    events,
                    duplicate: true,
                },
                digest_bytes,
            ));
        }
        let facts = self.decide(command)?;
        let first = self.next_seq();
        let events: Vec<Event> = facts
            .into_iter()
            .zip(first..)
            .map(|(fact, seq)| Event {
                seq,
                command: command.id.clone(),
                digest: digest.clone(),
                on: command.on,
                actor: command.actor.clone(),
                fact,
                source: command.source.clone(),
            })
            .collect();
        // INVARIANT: every event decide returns applies to the state decide saw, in order
        // (property-tested as "evolve respects decide"). Should that ever break, we apply
        // to a copy of the touched item first so the ledger stays unchanged.
        // Directory facts only fail on an id registered twice, which decide refuses
        // first; trying them on the scratch copy would clone the whole directory.
        let mut trial = self.scratch_for(&events);
        for e in events.iter().filter(|e| e.fact.item().is_some()) {
            crate::evolve::evolve(&mut trial, e).map_err(|reason| {
                CommandError::Input(InputError::Malformed {
                    what: "decided events",
                    reason,
                })
            })?;
        }
        drop(trial);
        Ok((
            Outcome {
                events,
                duplicate: false,
            },
            digest_bytes,
        ))
    }

    /// Records the events [`Ledger::prepare`] returned for `command` on this same state.
    fn record(&mut self, command: &Command, digest: DigestBytes, events: &[Event]) {
        let first = self.next_seq();
        let before = if self.tally_fresh {
            self.contributions_of(events)
        } else {
            None
        };
        // INVARIANT: a command's events share its date.
        let passing = events
            .first()
            .map(|e| (e.on, self.passing_day(e.on, std::num::NonZeroUsize::MIN)));
        for e in events {
            // Cannot fail: `prepare` applied the same events to an identical copy.
            let _ = crate::evolve::evolve(self, e);
            self.events.push(e.clone());
        }
        self.update_tally(before);
        if let Some((on, taken)) = passing {
            self.passed_day(on, taken);
        }
        // A command that recorded no event is remembered too: its retry is a duplicate.
        self.commands.insert(
            command.id.clone(),
            CommandRecord {
                digest,
                first_seq: first,
                count: u32::try_from(events.len()).unwrap_or(u32::MAX),
            },
        );
    }

    /// Statistics kept current (SPEC §13): the touched items' old contributions out, their
    /// new ones in. A contribution that cannot be computed (a due date outside the
    /// calendar) leaves the tally stale, to be recounted when asked.
    pub(crate) fn update_tally(&mut self, before: Option<Vec<(ItemId, Option<Contributions>)>>) {
        let Some(before) = before.filter(|_| self.tally_fresh) else {
            self.tally_fresh = false;
            return;
        };
        let mut after = Vec::with_capacity(before.len());
        for (id, _) in &before {
            match self.items.get(id).map(|it| self.contribution_of(it)) {
                Some(Ok(c)) => after.push(Some(c)),
                Some(Err(_)) => {
                    self.tally_fresh = false;
                    return;
                }
                None => after.push(None),
            }
        }
        for ((id, old), new) in before.iter().zip(&after) {
            if let Some((old, part)) = old {
                self.tally.remove(old);
                self.kept.remove(id, part);
            }
            if let Some((new, part)) = new {
                self.tally.add(new);
                self.kept.add(id, part);
            }
        }
    }

    /// A small ledger holding just what `events` touch (their items; profile, calendar
    /// and directory are shared), to check that they apply without copying the ledger.
    // INVARIANT: an event reads no item other than the one it names, except a converted
    // suggestion, which reads its motion — named by the `MotionDecided` event before it.
    fn scratch_for(&self, events: &[Event]) -> Ledger {
        let mut items = BTreeMap::new();
        for id in events.iter().filter_map(|e| e.fact.item()) {
            if let Some(item) = self.items.get(id) {
                items.insert(id.clone(), item.clone());
            }
        }
        Ledger {
            profile: Arc::clone(&self.profile),
            profile_ref: self.profile_ref.clone(),
            calendar: Arc::clone(&self.calendar),
            directory: Arc::clone(&self.directory),
            records: Arc::clone(&self.records),
            items,
            tally: crate::tally::Tally::default(),
            kept: crate::assessment::kept::Kept::default(),
            tally_fresh: false,
            commands: crate::command_book::CommandBook::default(),
            events: crate::shared_log::SharedLog::default(),
            latest_before_log: None,
            chain_mark: crate::chain::ChainMark::default(),
            log_cut: None,
            year_ends: crate::year_ends::YearEnds::off(),
        }
    }

    /// A ledger to try lines on before they are applied here (all or nothing): the items the
    /// `events` name and the motions their converted suggestions read, the command records
    /// of their commands, profile, calendar, directory and records shared (copied only if
    /// an event changes them), numbered and chained to continue this ledger.
    pub(crate) fn trial_for(&self, events: &[Event]) -> Ledger {
        let mut trial = self.scratch_for(events);
        for e in events {
            if let Fact::SuggestionSubmitted(fact) = &e.fact {
                if let crate::vocab::Origin::ConvertedFromMotion { motion } = &fact.origin {
                    if let Some(m) = self.items.get(motion) {
                        trial.items.insert(motion.clone(), m.clone());
                    }
                }
            }
            if let Some(rec) = self.commands.get(&e.command) {
                trial.commands.insert(e.command.clone(), rec.clone());
            }
        }
        trial.log_cut = Some(LogCut {
            events: self.event_count(),
            version: self.header().version,
        });
        trial.chain_mark = crate::chain::ChainMark::after(self.event_count(), self.chain_head());
        trial
    }

    /// An empty ledger under the same profile and calendar (shared, not copied).
    pub(crate) fn empty_like(&self) -> Ledger {
        Ledger::empty(Arc::clone(&self.profile), Arc::clone(&self.calendar))
    }

    /// An empty ledger under the same profile and calendar, and this ledger's log; the rest
    /// of its state (items, records, sums) is freed here.
    pub(crate) fn into_log(self) -> (Ledger, Vec<Event>) {
        let empty = self.empty_like();
        let Ledger { events, .. } = self;
        (empty, events.into_vec())
    }

    /// What-if (SPEC §0, analysts): the same events replayed under another profile, with
    /// `national` as the calendar (the new profile's regional days are added to it).
    /// Figures, rates and obligations then follow the other profile's definitions and
    /// windows; the ledger itself is unchanged.
    ///
    /// # Errors
    /// The other profile's validation errors; `ledger.inconsistent` naming the first event
    /// whose result class or feedback level the other profile does not define (its figures
    /// would silently leave such items out); any event that does not apply, with its line.
    pub fn under_profile(
        &self,
        profile: Profile,
        national: &Calendar,
    ) -> Result<Ledger, crate::error::Error> {
        let log = self.log("under_profile")?;
        for (i, e) in log.iter().enumerate() {
            let unknown = match &e.fact {
                Fact::ReplyIssued { class, .. } if profile.class(class).is_none() => {
                    Some(format!("result class `{class}`"))
                }
                Fact::FeedbackGiven(fact) if profile.level(&fact.level).is_none() => {
                    Some(format!("feedback level `{}`", fact.level))
                }
                _ => None,
            };
            if let Some(what) = unknown {
                return Err(LedgerError::Inconsistent {
                    line: i.saturating_add(1),
                    seq: e.seq,
                    reason: format!("{what} is not defined by profile `{}`", profile.id),
                }
                .into());
            }
        }
        Ledger::replay(profile, national, log.iter().cloned())
    }

    /// Rebuild a ledger by folding `events` in order (replay = fold of [`Ledger::apply`]).
    ///
    /// # Errors
    /// The profile's validation errors, or the first event that does not apply
    /// (`ledger.out_of_order`, `ledger.inconsistent`; `line` is the event's 1-based index).
    pub fn replay(
        profile: Profile,
        calendar: &Calendar,
        events: impl IntoIterator<Item = Event>,
    ) -> Result<Ledger, crate::error::Error> {
        let mut ledger = Ledger::new(profile, calendar)?;
        for (i, event) in events.into_iter().enumerate() {
            ledger
                .apply(event)
                .map_err(|e| e.at_line(i.saturating_add(1)))?;
        }
        ledger.refresh_tally();
        Ok(ledger)
    }

    /// Fold one stored event in (replay; the `evolve` of SPEC §4). The event is checked first; on error nothing
    /// changes.
    ///
    /// # Errors
    /// `ledger.out_of_order` or `ledger.inconsistent` (line 0: the caller knows the line).
    pub fn apply(&mut self, event: Event) -> Result<(), LedgerError> {
        self.apply_on(event, std::num::NonZeroUsize::MIN)
    }

    /// [`Ledger::apply`], a year's figures taken as the log passes its 31 December
    /// (`crate::year_ends`) counted on up to `threads` threads when the statistics are not
    /// kept current (a load): the same ledger on any number.
    pub(crate) fn apply_on(
        &mut self,
        event: Event,
        threads: std::num::NonZeroUsize,
    ) -> Result<(), LedgerError> {
        let expected = self.next_seq();
        if event.seq != expected {
            return Err(LedgerError::OutOfOrder {
                line: 0,
                seq: event.seq,
                expected,
            });
        }
        // One search of the commands map per event: the entry is found before the fact
        // applies and written after it has. The map is set aside meanwhile, so the entry and
        // the fold can both borrow.
        // INVARIANT: `evolve` folds the fact into items, directory and tally; it never reads
        // `commands` (idempotency is `execute`'s, before any event exists).
        let mut commands = std::mem::take(self.commands.records_mut());
        let recorded = self.fold_recorded(&mut commands, &event, threads);
        *self.commands.records_mut() = commands;
        recorded?;
        self.events.push(event);
        Ok(())
    }

    /// The checks and fold of [`Ledger::apply`] with the event's command record, which is
    /// created (first event of a command) or counted on only once the fact has applied.
    fn fold_recorded(
        &mut self,
        commands: &mut BTreeMap<CommandId, CommandRecord>,
        event: &Event,
        threads: std::num::NonZeroUsize,
    ) -> Result<(), LedgerError> {
        let inconsistent = |reason: String| LedgerError::Inconsistent {
            line: 0,
            seq: event.seq,
            reason,
        };
        // A clone of an id is a copy of its inline bytes (`crate::id`), not an allocation.
        let entry = commands.entry(event.command.clone());
        if let Entry::Occupied(seen) = &entry {
            let rec = seen.get();
            if rec.digest != DigestBytes::of(&event.digest)
                || rec.first_seq.saturating_add(u64::from(rec.count)) != event.seq
            {
                return Err(inconsistent(format!(
                    "command id `{}` is reused",
                    event.command
                )));
            }
        }
        let taken = self.passing_day(event.on, threads);
        crate::evolve::evolve(self, event).map_err(inconsistent)?;
        self.passed_day(event.on, taken);
        match entry {
            Entry::Occupied(mut seen) => {
                let rec = seen.get_mut();
                rec.count = rec.count.saturating_add(1);
            }
            Entry::Vacant(first) => {
                first.insert(CommandRecord {
                    digest: DigestBytes::of(&event.digest),
                    first_seq: event.seq,
                    count: 1,
                });
            }
        }
        // Replay sums the tally once at the end (`refresh_tally`), not event by event.
        self.tally_fresh = false;
        Ok(())
    }
}

/// The items `events` name, each once, in order.
fn touched_ids<'e>(events: impl IntoIterator<Item = &'e Event>) -> Vec<&'e ItemId> {
    let mut ids: Vec<&ItemId> = events.into_iter().filter_map(|e| e.fact.item()).collect();
    ids.sort();
    ids.dedup();
    ids
}

#[cfg(test)]
mod tests {
    use super::hex;

    #[test]
    fn hex_is_lower_case_two_digits_a_byte() {
        assert_eq!(hex(&[0x00, 0x09, 0x9f, 0xa0, 0xff]), "00099fa0ff");
        assert_eq!(hex(&[]), "");
    }
}

//! `Ledger`: the 台账 as a thread-safe object (ARCHITECTURE.md §6.6).
//!
//! The state is an `Arc<jianyi_core::Ledger>` (and the national calendar it was built on)
//! behind one `Mutex`. Queries take a snapshot (an `Arc` clone) under the lock and run
//! without it, so a long report does not block a command. A change (execute, apply events,
//! load calendar years) holds the lock for its whole step, so concurrent commands on one
//! object are serialised, and decides on the current state.
//!
//! Transactional without copying the ledger per command. §6.6 suggests folding the new
//! state over a clone and assigning it last; a clone of the core ledger is O(items + events)
//! (measured: 4.7 ms per command at 1 000 items, release build), against the core's
//! microseconds. So a change works on the state in place and keeps the guarantee another way:
//! - a refused command changes nothing (the core's contract: `decide` runs on `&self`, events
//!   are checked on a scratch copy before any is applied);
//! - an error after some events were applied (a bad line in `apply_events`), and any panic,
//!   restore the state by replaying the events recorded before the step (replay rebuilds
//!   the same state: the core's founding property); a panic then goes on to uniffi, which
//!   raises `InternalException` / `InternalError`. The lock is released before the panic
//!   resumes, so it is not poisoned; should it ever be, `PoisonError::into_inner` recovers it.
//!
//! `Arc::make_mut` copies the ledger only when a reader still holds a snapshot.

use std::panic::{self, AssertUnwindSafe};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use jianyi_core::{
    Calendar, Command, CommitteeId, DeputyId, ItemId, Profile, ProfileCheck, UnitId,
};

use crate::calendar::{national, HolidayCalendar};
use crate::errors::JianyiError;
#[cfg(feature = "server")]
use crate::types::PreparedAppend;
use crate::types::{
    iso, parse_date, parse_id, signed, to_json, ExecuteOutcome, Holder, ItemSummary,
    ObligationRecord, ProfileInfo, TimelineEntry, WorkList,
};

#[cfg(any(feature = "server", test))]
fn parse_command(json: &str) -> Result<Command, JianyiError> {
    // The same reading as `json_api` (`input.malformed` naming the parser's reason).
    serde_json::from_str(json).map_err(|e| {
        jianyi_core::InputError::Malformed {
            what: "command",
            reason: e.to_string(),
        }
        .into()
    })
}

fn records(list: Vec<jianyi_core::Obligation>) -> Vec<ObligationRecord> {
    list.into_iter().map(ObligationRecord::from).collect()
}

#[derive(Debug)]
struct State {
    ledger: Arc<jianyi_core::Ledger>,
    /// The national calendar the ledger is on (the profile adds its regional days).
    national: Calendar,
    /// Set when a step failed half-way on a ledger that cannot be rebuilt from the events
    /// it holds (one reopened from a snapshot holds none before it): every later call is
    /// refused (`internal.poisoned`) until the host reopens it.
    #[cfg(feature = "server")]
    poisoned: bool,
}

/// Refuses a poisoned ledger. Only a ledger reopened from a snapshot can be poisoned, and
/// the phone library reopens none, so it carries no check.
#[cfg(feature = "server")]
fn refuse_poisoned(state: &State) -> Result<(), JianyiError> {
    if state.poisoned {
        return Err(poisoned());
    }
    Ok(())
}

#[cfg(not(feature = "server"))]
#[expect(
    clippy::unnecessary_wraps,
    reason = "the server build's check returns an error"
)]
fn refuse_poisoned(_: &State) -> Result<(), JianyiError> {
    Ok(())
}

/// The refusal of every call on a poisoned ledger.
#[cfg(feature = "server")]
fn poisoned() -> JianyiError {
    JianyiError::Internal {
        code: "internal.poisoned".to_owned(),
        detail: "a step failed half-way on this ledger reopened from a snapshot, which cannot \
                 be restored from the events it holds; reopen it from its snapshot and file"
            .to_owned(),
        details_json: "{}".to_owned(),
    }
}

impl State {
    /// The state before a step that failed half-way, rebuilt from the events held before
    /// it. A ledger reopened from a snapshot holds none before the snapshot, so it cannot be
    /// rebuilt: it is poisoned instead, and every later call refused.
    fn restored(&mut self, len: usize) -> Result<jianyi_core::Ledger, JianyiError> {
        #[cfg(feature = "server")]
        if !self.ledger.holds_log() {
            self.poisoned = true;
            return Err(poisoned());
        }
        self.rebuilt(len)
    }

    /// The ledger as it was when it held its first `len` events.
    fn rebuilt(&self, len: usize) -> Result<jianyi_core::Ledger, JianyiError> {
        let events = self.ledger.events().get(..len).unwrap_or_default().to_vec();
        jianyi_core::Ledger::replay(self.ledger.profile().clone(), &self.national, events).map_err(
            |e| JianyiError::Internal {
                code: "internal.rollback".to_owned(),
                detail: format!("cannot restore the ledger after a failed step: {e}"),
                details_json: serde_json::json!({ "reason": e.to_string() }).to_string(),
            },
        )
    }
}

/// 台账: a ledger of motions and suggestions under one rules profile and calendar.
#[derive(Debug, uniffi::Object)]
pub struct Ledger {
    state: Mutex<State>,
}

impl Ledger {
    pub(crate) fn wrap(ledger: jianyi_core::Ledger, national: Calendar) -> Arc<Ledger> {
        Arc::new(Ledger {
            state: Mutex::new(State {
                ledger: Arc::new(ledger),
                national,
                #[cfg(feature = "server")]
                poisoned: false,
            }),
        })
    }

    /// The national calendar the ledger was built on (without the profile's regional days),
    /// for a what-if replay on the same days.
    pub(crate) fn national(&self) -> Calendar {
        self.lock().national.clone()
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Executes a command under the lock (all or nothing); the events as ledger lines.
    fn execute_core(&self, command: &Command) -> Result<ExecuteOutcome, JianyiError> {
        self.transact(|ledger| {
            let outcome = ledger.execute(command)?;
            let events_json = outcome
                .events
                .iter()
                .map(|e| to_json("event", e))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(ExecuteOutcome {
                events_json,
                duplicate: outcome.duplicate,
            })
        })
    }

    /// Decides a command on a snapshot: the facts it would record, as JSON.
    fn decide_core(&self, command: &Command) -> Result<Vec<String>, JianyiError> {
        let facts = self.snapshot()?.decide(command)?;
        facts.iter().map(|f| to_json("fact", f)).collect()
    }

    /// The current state, to read without holding the lock; refused once the ledger is
    /// poisoned.
    pub(crate) fn snapshot(&self) -> Result<Arc<jianyi_core::Ledger>, JianyiError> {
        let state = self.lock();
        refuse_poisoned(&state)?;
        Ok(Arc::clone(&state.ledger))
    }

    /// Runs `change` on the current state under the lock, all or nothing: on an error after
    /// events were applied, or on a panic, the state before the step is restored.
    fn transact<T>(
        &self,
        change: impl FnOnce(&mut jianyi_core::Ledger) -> Result<T, JianyiError>,
    ) -> Result<T, JianyiError> {
        let mut guard = self.lock();
        refuse_poisoned(&guard)?;
        let before = guard.ledger.events().len();
        let result = panic::catch_unwind(AssertUnwindSafe(|| {
            change(Arc::make_mut(&mut guard.ledger))
        }));
        match result {
            Ok(Ok(out)) => Ok(out),
            Ok(Err(e)) => {
                if guard.ledger.events().len() != before {
                    let restored = guard.restored(before)?;
                    guard.ledger = Arc::new(restored);
                }
                Err(e)
            }
            Err(payload) => {
                if let Ok(restored) = guard.restored(before) {
                    guard.ledger = Arc::new(restored);
                }
                drop(guard);
                panic::resume_unwind(payload)
            }
        }
    }
}

#[uniffi::export]
impl Ledger {
    /// An empty ledger under a bundled profile preset (`seed-city`, `shanghai`,
    /// `chongqing`, `npc`), on the bundled national calendar plus the years of
    /// `calendar_json`, if given (`jianyi-calendar` format).
    #[uniffi::constructor(default(calendar_json = None))]
    pub fn new(preset: String, calendar_json: Option<String>) -> Result<Arc<Ledger>, JianyiError> {
        let profile = Profile::preset(&preset)?;
        let cal = national(calendar_json.as_deref())?;
        Ok(Ledger::wrap(jianyi_core::Ledger::new(profile, &cal)?, cal))
    }

    /// An empty ledger under a profile given as JSON (validated; errors name the key).
    #[uniffi::constructor(default(calendar_json = None))]
    pub fn with_profile_json(
        profile_json: String,
        calendar_json: Option<String>,
    ) -> Result<Arc<Ledger>, JianyiError> {
        let profile = Profile::from_json(&profile_json)?;
        let cal = national(calendar_json.as_deref())?;
        Ok(Ledger::wrap(jianyi_core::Ledger::new(profile, &cal)?, cal))
    }

    /// Reads a ledger file (JSON Lines: header, then one event per line) decided under the
    /// bundled `preset`. A bad line fails with `ledger.*` naming the line.
    #[uniffi::constructor(default(calendar_json = None))]
    pub fn from_jsonl(
        text: String,
        preset: String,
        calendar_json: Option<String>,
    ) -> Result<Arc<Ledger>, JianyiError> {
        let profile = Profile::preset(&preset)?;
        let cal = national(calendar_json.as_deref())?;
        let ledger = jianyi_core::Ledger::from_jsonl(&text, profile, &cal, ProfileCheck::Same)?;
        Ok(Ledger::wrap(ledger, cal))
    }

    /// Reads a ledger file decided under a profile given as JSON.
    #[uniffi::constructor(default(calendar_json = None))]
    pub fn from_jsonl_with_profile_json(
        text: String,
        profile_json: String,
        calendar_json: Option<String>,
    ) -> Result<Arc<Ledger>, JianyiError> {
        let profile = Profile::from_json(&profile_json)?;
        let cal = national(calendar_json.as_deref())?;
        let ledger = jianyi_core::Ledger::from_jsonl(&text, profile, &cal, ProfileCheck::Same)?;
        Ok(Ledger::wrap(ledger, cal))
    }

    /// The whole ledger as JSON Lines (header + one event per line).
    pub fn to_jsonl(&self) -> Result<String, JianyiError> {
        Ok(self.snapshot()?.to_jsonl()?)
    }

    /// Executes a typed command (no JSON written by the host): as `execute` does with JSON.
    pub fn execute_command(
        &self,
        command: crate::CommandRecord,
    ) -> Result<ExecuteOutcome, JianyiError> {
        let command = command.core()?;
        self.execute_core(&command)
    }

    /// Checks a typed command without recording it: as `decide` does with JSON.
    pub fn decide_command(
        &self,
        command: crate::CommandRecord,
    ) -> Result<Vec<String>, JianyiError> {
        let command = command.core()?;
        self.decide_core(&command)
    }

    /// Applies events received from the server (ledger lines, in order, continuing this
    /// ledger's sequence). All or nothing: on a bad event nothing is applied and the error
    /// names its 1-based position in `events_json`. Returns the number applied.
    pub fn apply_events(&self, events_json: Vec<String>) -> Result<i64, JianyiError> {
        let text = events_json.join("\n");
        // The server build tries the lines on a copy of what they touch first (a ledger
        // reopened from a snapshot cannot be rebuilt by `transact`); the phone library,
        // whose ledgers hold their log, restores a bad batch by rebuilding it.
        #[cfg(feature = "server")]
        let applied =
            self.transact(|ledger| Ok(signed(ledger.apply_jsonl_lines_atomic(&text, 1)?)));
        #[cfg(not(feature = "server"))]
        let applied = self.transact(|ledger| Ok(signed(ledger.apply_jsonl_lines(&text, 1)?)));
        applied
    }

    /// Number of events in the ledger (with those before a snapshot it was reopened from).
    pub fn event_count(&self) -> Result<i64, JianyiError> {
        Ok(signed(self.snapshot()?.event_count()))
    }

    /// The profile the ledger runs under (id, version, content hash).
    pub fn profile_info(&self) -> Result<ProfileInfo, JianyiError> {
        Ok(self.snapshot()?.profile_ref().clone().into())
    }

    /// The profile as JSON.
    pub fn profile_json(&self) -> Result<String, JianyiError> {
        Ok(self.snapshot()?.profile().to_json())
    }

    /// The calendar in force (national + the profile's regional days).
    pub fn calendar(&self) -> Result<Arc<HolidayCalendar>, JianyiError> {
        Ok(HolidayCalendar::wrap(self.snapshot()?.calendar().clone()))
    }

    /// Loads more calendar years (`jianyi-calendar` JSON, e.g. next year's State Council
    /// arrangement) on top of the national calendar: every open obligation's due date
    /// follows, since due dates are computed when asked.
    pub fn add_calendar_years(&self, calendar_json: String) -> Result<(), JianyiError> {
        let more = Calendar::from_json(&calendar_json)?;
        let mut guard = self.lock();
        refuse_poisoned(&guard)?;
        let national = guard.national.with_years(&more);
        let mut next = jianyi_core::Ledger::clone(&guard.ledger);
        next.set_calendar(&national);
        guard.ledger = Arc::new(next);
        guard.national = national;
        Ok(())
    }

    /// Replaces the national calendar (a newer State Council arrangement, or a host's own
    /// calendar object): every open obligation's due date follows. The profile's regional
    /// days stay on top of it.
    pub fn set_calendar(&self, calendar: Arc<HolidayCalendar>) -> Result<(), JianyiError> {
        let national = calendar.inner().clone();
        let mut guard = self.lock();
        refuse_poisoned(&guard)?;
        let mut next = jianyi_core::Ledger::clone(&guard.ledger);
        next.set_calendar(&national);
        guard.ledger = Arc::new(next);
        guard.national = national;
        Ok(())
    }

    /// Every item id, in order.
    pub fn item_ids(&self) -> Result<Vec<String>, JianyiError> {
        Ok(self
            .snapshot()?
            .items()
            .keys()
            .map(ToString::to_string)
            .collect())
    }

    /// A row per item: id, kind, status, year, title, signers, topic, latest class.
    pub fn items(&self) -> Result<Vec<ItemSummary>, JianyiError> {
        let ledger = self.snapshot()?;
        let results = &ledger.profile().results;
        Ok(ledger
            .items()
            .values()
            .map(|it| ItemSummary::of(it, results))
            .collect())
    }

    /// Everything about one item as JSON (assignments, replies, ratings, duties…), or none
    /// for an unknown item.
    pub fn item_json(&self, item: String) -> Result<Option<String>, JianyiError> {
        let id: ItemId = parse_id(&item)?;
        self.snapshot()?
            .item(&id)
            .map(|it| to_json("item", it))
            .transpose()
    }

    /// The item's events in order (its timeline); empty for an unknown item.
    pub fn timeline(&self, item: String) -> Result<Vec<TimelineEntry>, JianyiError> {
        let id: ItemId = parse_id(&item)?;
        let ledger = self.snapshot()?;
        ledger
            .timeline(&id)
            .into_iter()
            .map(TimelineEntry::from_event)
            .collect()
    }

    /// Who holds the item now; none for an unknown item.
    pub fn holder(&self, item: String) -> Result<Option<Holder>, JianyiError> {
        let id: ItemId = parse_id(&item)?;
        Ok(self.snapshot()?.holder(&id).map(Holder::from))
    }

    /// Every obligation of an item with its status as of `as_of` (ISO), due dates explained.
    pub fn obligations(
        &self,
        item: String,
        as_of: String,
    ) -> Result<Vec<ObligationRecord>, JianyiError> {
        let id: ItemId = parse_id(&item)?;
        let on = parse_date("as_of", &as_of)?;
        Ok(records(self.snapshot()?.obligations(&id, on)?))
    }

    /// Every obligation of every item, open or done, with its status as of `as_of` (the
    /// analyst's table: Python's `obligations_table`).
    pub fn every_obligation(&self, as_of: String) -> Result<Vec<ObligationRecord>, JianyiError> {
        let on = parse_date("as_of", &as_of)?;
        Ok(records(self.snapshot()?.every_obligation(on)?))
    }

    /// A unit's worklist: its open obligations as of `as_of`.
    pub fn open_obligations_of_unit(
        &self,
        unit: String,
        as_of: String,
    ) -> Result<Vec<ObligationRecord>, JianyiError> {
        let id: UnitId = parse_id(&unit)?;
        let on = parse_date("as_of", &as_of)?;
        Ok(records(self.snapshot()?.open_obligations_of_unit(&id, on)?))
    }

    /// A deputy's worklist: ratings the deputy owes and open obligations on items the
    /// deputy signed.
    pub fn open_obligations_of_deputy(
        &self,
        deputy: String,
        as_of: String,
    ) -> Result<Vec<ObligationRecord>, JianyiError> {
        let id: DeputyId = parse_id(&deputy)?;
        let on = parse_date("as_of", &as_of)?;
        Ok(records(
            self.snapshot()?.open_obligations_of_deputy(&id, on)?,
        ))
    }

    /// A committee's view (对口督办): open obligations of the units it liaises with.
    pub fn open_obligations_of_committee(
        &self,
        committee: String,
        as_of: String,
    ) -> Result<Vec<ObligationRecord>, JianyiError> {
        let id: CommitteeId = parse_id(&committee)?;
        let on = parse_date("as_of", &as_of)?;
        Ok(records(
            self.snapshot()?.open_obligations_of_committee(&id, on)?,
        ))
    }

    /// The office's open obligations (assignment, reassignment).
    pub fn open_obligations_of_office(
        &self,
        as_of: String,
    ) -> Result<Vec<ObligationRecord>, JianyiError> {
        let on = parse_date("as_of", &as_of)?;
        Ok(records(self.snapshot()?.open_obligations_of_office(on)?))
    }

    /// Every overdue obligation as of `as_of`.
    pub fn overdue(&self, as_of: String) -> Result<Vec<ObligationRecord>, JianyiError> {
        let on = parse_date("as_of", &as_of)?;
        Ok(records(self.snapshot()?.overdue(on)?))
    }

    /// Every obligation due soon (within the profile's working days) as of `as_of`.
    pub fn due_soon(&self, as_of: String) -> Result<Vec<ObligationRecord>, JianyiError> {
        let on = parse_date("as_of", &as_of)?;
        Ok(records(self.snapshot()?.due_soon(on)?))
    }

    /// The work list of `year`: new suggestions and rolled-over ones, kept apart.
    pub fn work_list(&self, year: i32) -> Result<WorkList, JianyiError> {
        Ok(self.snapshot()?.work_list(year).into())
    }

    /// The year in figures (totals, result classes, satisfaction, timeliness, the
    /// profile's rates) as JSON, obligations looked at as of `as_of`.
    pub fn year_figures_json(&self, year: i32, as_of: String) -> Result<String, JianyiError> {
        let on = parse_date("as_of", &as_of)?;
        let figures = self.snapshot()?.year_figures(year, on)?;
        to_json("year figures", &figures)
    }

    /// The last date any event of the ledger carries, ISO (none for an empty ledger).
    pub fn last_event_date(&self) -> Result<Option<String>, JianyiError> {
        Ok(self.snapshot()?.events().last().map(|e| iso(e.on)))
    }
}

/// The JSON entry points, for hosts that already hold commands as JSON (servers, the
/// secretariat). The phone library takes typed commands only (`executeCommand`,
/// `decideCommand`): reading command JSON costs about 100 KiB of parser code that its
/// 3 MiB (SPEC §13) does not hold next to the deputy's offline checks.
#[cfg(feature = "server")]
#[uniffi::export]
impl Ledger {
    /// Decides and records a command given as JSON (`{"id", "on", "actor", "action"}`).
    /// Returns the events to store or send to the server. A retry under the same id with
    /// the same content returns the original events with `duplicate = true`. A refused
    /// command changes nothing and raises `JianyiError.Rejected` with the rule's code.
    pub fn execute(&self, command_json: String) -> Result<ExecuteOutcome, JianyiError> {
        let command = parse_command(&command_json)?;
        self.execute_core(&command)
    }

    /// Checks a command given as JSON without recording it: the facts it would record,
    /// one JSON object each, or the refusal.
    pub fn decide(&self, command_json: String) -> Result<Vec<String>, JianyiError> {
        let command = parse_command(&command_json)?;
        self.decide_core(&command)
    }

    /// The ledger's state at its last line, as a snapshot's bytes
    /// (`docs/snapshot-format.md`): kept beside the ledger's file, it lets `reopenLedger` skip
    /// every line up to here.
    pub fn state_snapshot(&self) -> Result<Vec<u8>, JianyiError> {
        Ok(self.snapshot()?.snapshot())
    }

    /// Whether the ledger holds its whole event log (false once reopened from a snapshot).
    pub fn holds_log(&self) -> Result<bool, JianyiError> {
        Ok(self.snapshot()?.holds_log())
    }

    /// The link the next ledger line must carry: the SHA-256 of the last line (of the
    /// header when there is no event), lower-case hex. A host storing lines elsewhere checks
    /// its store's head against it.
    pub fn chain_head(&self) -> Result<String, JianyiError> {
        Ok(self.snapshot()?.chain_head())
    }

    /// Decides a command given as JSON as `execute` does, without recording it: the events
    /// and the chained lines to append to a host's own store. Once the append succeeded,
    /// `apply_events(lines)` records them (and refuses them if the ledger moved meanwhile);
    /// when another writer appended first, catch up and prepare again. A refused command
    /// raises `JianyiError.Rejected`, as `execute` does.
    pub fn prepare(&self, command_json: String) -> Result<PreparedAppend, JianyiError> {
        let command = parse_command(&command_json)?;
        let ledger = self.snapshot()?;
        let outcome = ledger.prepare(&command)?;
        let events_json = outcome
            .events
            .iter()
            .map(|e| to_json("event", e))
            .collect::<Result<Vec<_>, _>>()?;
        let (lines, head) = if outcome.duplicate {
            (Vec::new(), ledger.chain_head())
        } else {
            ledger.chained_lines(&outcome.events)
        };
        Ok(PreparedAppend {
            events_json,
            lines,
            head,
            duplicate: outcome.duplicate,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jianyi_core::json_api;

    #[test]
    fn commands_are_read_as_json_api_reads_them() {
        let ledger = jianyi_core::Ledger::new(Profile::default(), &Calendar::china()).unwrap();
        for bad in ["{\"id\":", "{}", "[1]"] {
            let ours = parse_command(bad).unwrap_err();
            let core = JianyiError::from(json_api::decide_json(&ledger, bad).unwrap_err());
            assert_eq!(ours, core, "{bad}");
        }
    }

    #[test]
    fn a_refused_command_leaves_the_state_as_it_was() {
        let ledger = Ledger::new("seed-city".into(), None).unwrap();
        let before = ledger.to_jsonl().unwrap();
        let cmd = r#"{"id":"c1","on":"2022-01-05","actor":{"role":"deputy","id":"D1"},
            "action":{"type":"register_committee","committee":{"id":"C1","name":"财经委"}}}"#;
        let e = ledger.execute(cmd.into()).unwrap_err();
        assert_eq!(e.code(), "permission.role_not_allowed");
        assert_eq!(ledger.to_jsonl().unwrap(), before);
    }

    fn committee(id: &str, n: u32) -> String {
        format!(
            r#"{{"id":"c{n}","on":"2022-01-05","actor":{{"role":"deputy_affairs_office"}},
            "action":{{"type":"register_committee","committee":{{"id":"{id}","name":"委"}}}}}}"#
        )
    }

    #[test]
    fn a_panic_in_the_middle_of_a_step_restores_the_state_before_it() {
        let ledger = Ledger::new("seed-city".into(), None).unwrap();
        ledger.execute(committee("C1", 1)).unwrap();
        let before = ledger.to_jsonl().unwrap();
        // A deep copy (holding the snapshot's `Arc` would make the step work on a copy).
        let before_state = jianyi_core::Ledger::clone(&ledger.snapshot().unwrap());
        let caught = std::panic::catch_unwind(AssertUnwindSafe(|| {
            let _: Result<(), _> = ledger.transact(|l| {
                let cmd = parse_command(&committee("C2", 2))?;
                l.execute(&cmd)?;
                assert_eq!(l.events().len(), 2);
                panic!("half-way");
            });
        }));
        assert!(caught.is_err());
        assert!(!ledger.state.is_poisoned());
        assert_eq!(ledger.to_jsonl().unwrap(), before);
        assert_eq!(
            *ledger.snapshot().unwrap(),
            before_state,
            "items, commands and directory too"
        );
        // And the object goes on working.
        assert!(!ledger.execute(committee("C2", 2)).unwrap().duplicate);
        assert_eq!(ledger.event_count().unwrap(), 2);
    }

    #[cfg(feature = "server")]
    #[test]
    fn a_panic_half_way_on_a_reopened_ledger_poisons_it_and_every_later_call_is_refused() {
        let full = Ledger::new("seed-city".into(), None).unwrap();
        for n in 1..=3 {
            full.execute(committee(&format!("C{n}"), n)).unwrap();
        }
        let text = full.to_jsonl().unwrap();
        let snapshot = full.state_snapshot().unwrap();
        let out = crate::replay::reopen_ledger(text, snapshot, None, None).unwrap();
        assert!(out.refusal.is_none());
        let ledger = out.ledger;
        assert!(!ledger.holds_log().unwrap());
        let caught = std::panic::catch_unwind(AssertUnwindSafe(|| {
            let _: Result<(), _> = ledger.transact(|l| {
                let cmd = parse_command(&committee("C4", 4))?;
                l.execute(&cmd)?;
                panic!("half-way");
            });
        }));
        assert!(caught.is_err());
        let code = |e: JianyiError| match e {
            JianyiError::Internal { code, .. } => code,
            other => panic!("{other:?}"),
        };
        assert_eq!(code(ledger.event_count().unwrap_err()), "internal.poisoned");
        assert_eq!(
            code(ledger.execute(committee("C5", 5)).unwrap_err()),
            "internal.poisoned"
        );
        assert_eq!(
            code(ledger.state_snapshot().unwrap_err()),
            "internal.poisoned"
        );
        // A ledger that holds its log is restored instead (the test above).
        assert!(full.event_count().is_ok());
    }

    #[test]
    fn prepared_lines_applied_record_what_execute_records() {
        let direct = Ledger::new("seed-city".into(), None).unwrap();
        let hosted = Ledger::new("seed-city".into(), None).unwrap();
        assert_eq!(hosted.chain_head().unwrap(), direct.chain_head().unwrap());
        for n in 1..=3 {
            let cmd = committee(&format!("C{n}"), n);
            let events = direct.execute(cmd.clone()).unwrap().events_json;
            let prepared = hosted.prepare(cmd.clone()).unwrap();
            assert!(!prepared.duplicate);
            assert_eq!(prepared.events_json, events);
            // Nothing recorded until the lines are applied.
            assert_eq!(hosted.event_count().unwrap(), i64::from(n) - 1);
            assert_eq!(hosted.apply_events(prepared.lines.clone()).unwrap(), 1);
            assert_eq!(hosted.chain_head().unwrap(), prepared.head);
            // A retry is a duplicate with nothing to append.
            let again = hosted.prepare(cmd).unwrap();
            assert!(again.duplicate);
            assert!(again.lines.is_empty());
            assert_eq!(again.events_json, events);
            // Lines prepared on a state that has moved on no longer link.
            let stale = prepared.lines;
            assert_eq!(
                hosted.apply_events(stale).unwrap_err().code(),
                "ledger.chain_broken"
            );
        }
        assert_eq!(hosted.to_jsonl().unwrap(), direct.to_jsonl().unwrap());
        assert_eq!(hosted.chain_head().unwrap(), direct.chain_head().unwrap());
        let refused = hosted.prepare(committee("C1", 9)).unwrap_err();
        assert_eq!(refused.code(), "directory.duplicate_entry");
    }

    #[test]
    fn the_generated_commands_rebuild_the_generated_story() {
        let commands = crate::replay::generated_commands_json(Some(12), 7).unwrap();
        let full = Ledger::generate(Some(12), 7).unwrap();
        let rebuilt = Ledger::new("seed-city".into(), None).unwrap();
        for c in &commands {
            assert!(!rebuilt.execute(c.clone()).unwrap().duplicate);
        }
        // The same events as the generated ledger's, up to the directors' honours after them.
        let n = usize::try_from(rebuilt.event_count().unwrap()).unwrap();
        let full_text = full.to_jsonl().unwrap();
        let ours = rebuilt.to_jsonl().unwrap();
        assert!(n > 100, "{n} events");
        assert!(full_text.starts_with(&ours));
        assert!(full.event_count().unwrap() > rebuilt.event_count().unwrap());
        let e = crate::replay::generated_commands_json(Some(-1), 7).unwrap_err();
        assert_eq!(e.code(), "input.malformed");
    }

    #[test]
    fn apply_events_is_all_or_nothing() {
        let server = Ledger::new("seed-city".into(), None).unwrap();
        let phone = Ledger::new("seed-city".into(), None).unwrap();
        let one = server.execute(committee("C1", 1)).unwrap().events_json;
        let two = server.execute(committee("C2", 2)).unwrap().events_json;
        // The first event applies, the second repeats it: nothing may stay applied.
        let batch = vec![one[0].clone(), one[0].clone()];
        let e = phone.apply_events(batch).unwrap_err();
        assert_eq!(e.code(), "ledger.out_of_order");
        assert!(e.to_string().contains("line 2"), "{e}");
        assert_eq!(phone.event_count().unwrap(), 0);
        assert_eq!(phone.apply_events([one, two].concat()).unwrap(), 2);
        assert_eq!(phone.to_jsonl().unwrap(), server.to_jsonl().unwrap());
    }
}

//! A snapshot plus the lines after it is the ledger read in full; every refusal has its code
//! and falls back to the full read.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests"
)]

use std::num::NonZeroUsize;

use proptest::prelude::*;

use super::*;
use crate::generator::{commands, generate, GeneratorConfig};
use crate::wire::ProfileCheck;

fn one() -> NonZeroUsize {
    NonZeroUsize::MIN
}

fn full(text: &str) -> Ledger {
    Ledger::from_jsonl(
        text,
        Profile::default(),
        &Calendar::china(),
        ProfileCheck::Same,
    )
    .unwrap()
}

/// The ledger read from the header and the first `events` event lines of `text`.
fn prefix(text: &str, events: usize) -> Ledger {
    let lines: Vec<&str> = text.lines().take(events.saturating_add(1)).collect();
    full(&(lines.join("\n") + "\n"))
}

fn reopen(text: &str, snapshot: &[u8], threads: usize) -> (Ledger, Option<SnapshotError>) {
    Ledger::reopen(
        text,
        snapshot,
        Profile::default(),
        &Calendar::china(),
        NonZeroUsize::new(threads).unwrap(),
    )
    .unwrap()
}

/// Everything a reopened ledger (or one read keeping the state only, `crate::state_only`)
/// must share with the ledger read in full: its state (the snapshot of each), the
/// statistics kept current, the year ends, the chain head and the next number.
pub(crate) fn assert_same_state(reopened: &Ledger, whole: &Ledger) {
    assert_eq!(reopened.snapshot(), whole.snapshot());
    assert_eq!(reopened.items, whole.items);
    assert_eq!(reopened.directory, whole.directory);
    assert_eq!(reopened.records, whole.records);
    assert_eq!(reopened.commands, whole.commands);
    assert_eq!(reopened.tally, whole.tally);
    assert_eq!(reopened.kept, whole.kept);
    assert_eq!(reopened.fresh_tally(), whole.fresh_tally());
    assert_eq!(reopened.year_ends, whole.year_ends);
    assert_eq!(reopened.event_count(), whole.event_count());
    assert_eq!(reopened.chain_head(), whole.chain_head());
    assert_eq!(reopened.next_seq(), whole.next_seq());
    assert_eq!(reopened.latest_date(), whole.latest_date());
    assert_eq!(reopened.header(), whole.header());
}

/// A small generated city-year's commands, and the ledger of the first two thirds of them
/// executed: (the commands, how many were executed, that ledger).
pub(crate) fn two_thirds_executed() -> (Vec<crate::command::Command>, usize, Ledger) {
    let plan = commands(&GeneratorConfig::scaled(8, 11)).unwrap();
    let executed = plan.len() * 2 / 3;
    let mut whole = Ledger::new(Profile::default(), &Calendar::china()).unwrap();
    for c in &plan[..executed] {
        whole.execute(c).unwrap();
    }
    (plan, executed, whole)
}

/// `commands` executed on `got` and on the ledger read in full, one by one: the same
/// outcomes, and the lines `got` gives a host to append chain on from the full ledger's head.
pub(crate) fn assert_records_as_the_full_ledger(
    got: &mut Ledger,
    whole: &mut Ledger,
    commands: &[crate::command::Command],
) {
    for c in commands {
        let (lines, head) = got.chained_lines(&got.prepare(c).unwrap().events);
        let expected = whole.execute(c).unwrap();
        assert_eq!(got.execute(c).unwrap(), expected);
        assert_eq!(whole.chained_lines(&[]).1, head);
        assert_eq!(lines.len(), expected.events.len());
    }
    assert_same_state(got, whole);
}

/// The text of a generated city-year of `suggestions` suggestions.
pub(crate) fn sample(suggestions: usize, seed: u64) -> String {
    generate(&GeneratorConfig::scaled(suggestions, seed))
        .unwrap()
        .to_jsonl()
        .unwrap()
}

#[test]
fn a_snapshot_and_the_lines_after_it_are_the_ledger_read_in_full() {
    let text = sample(12, 5);
    let whole = full(&text);
    let events = whole.event_count();
    for cut in [0, 1, events / 3, events / 2, events - 1, events] {
        let snapshot = prefix(&text, cut).snapshot();
        for threads in [1, 2] {
            let (reopened, refused) = reopen(&text, &snapshot, threads);
            assert_eq!(refused, None, "cut {cut}");
            assert_eq!(reopened.log_start(), cut);
            assert_eq!(reopened.events(), &whole.events()[cut..]);
            assert!(!reopened.holds_log());
            assert_same_state(&reopened, &whole);
        }
    }
}

#[test]
fn a_reopened_ledger_records_commands_as_the_full_one_does() {
    let (plan, executed, mut whole) = two_thirds_executed();
    let (before, after) = plan.split_at(executed);
    let text = whole.to_jsonl().unwrap();
    let (mut reopened, refused) = reopen(&text, &whole.snapshot(), 1);
    assert_eq!(refused, None);
    assert_records_as_the_full_ledger(&mut reopened, &mut whole, after);
    // A retry of a command from before the snapshot is a duplicate; its events are the
    // host's (in its file), not held here.
    let retry = reopened.execute(&before[3]).unwrap();
    assert!(retry.duplicate);
    assert!(retry.events.is_empty());
    // A retry of one executed since is answered with its events.
    let retry = reopened.execute(&after[0]).unwrap();
    assert!(retry.duplicate);
    assert!(!retry.events.is_empty());
    // A snapshot of the reopened ledger reopens the full text written since.
    let (again, refused) = reopen(&whole.to_jsonl().unwrap(), &reopened.snapshot(), 2);
    assert_eq!(refused, None);
    assert_same_state(&again, &whole);
}

#[test]
fn what_reads_the_whole_log_says_a_reopened_ledger_does_not_hold_it() {
    let text = sample(6, 2);
    let whole = full(&text);
    let (reopened, _) = reopen(&text, &prefix(&text, 40).snapshot(), 1);
    let code = |e: LedgerError| e.code().as_str().to_owned();
    assert_eq!(
        code(reopened.to_jsonl().unwrap_err()),
        "ledger.log_not_held"
    );
    let err = reopened.log("timeline export").unwrap_err();
    assert!(err.to_string().contains("from 41 on"), "{err}");
    let latest = whole.latest_date().unwrap();
    let earlier = latest.pred_opt().unwrap();
    assert_eq!(
        code(reopened.as_of(earlier).unwrap_err()),
        "ledger.log_not_held"
    );
    assert!(reopened.as_of(latest).is_ok());
    assert_eq!(
        reopened
            .under_profile(Profile::default(), &Calendar::china())
            .unwrap_err()
            .code()
            .as_str(),
        "ledger.log_not_held"
    );
    assert_eq!(
        code(reopened.clone().into_as_of(earlier).unwrap_err()),
        "ledger.log_not_held"
    );
    // The timeline holds the events after the snapshot only.
    let id = whole.items().keys().next().unwrap();
    let held: Vec<u64> = reopened.timeline(id).iter().map(|e| e.seq).collect();
    let all: Vec<u64> = whole.timeline(id).iter().map(|e| e.seq).collect();
    assert!(held.iter().all(|seq| *seq > 40));
    assert_eq!(
        held,
        all.into_iter().filter(|seq| *seq > 40).collect::<Vec<_>>()
    );
}

/// The header line of a snapshot, and its body.
fn split(snapshot: &[u8]) -> (&str, &[u8]) {
    let end = snapshot.iter().position(|b| *b == b'\n').unwrap();
    (
        std::str::from_utf8(&snapshot[..end]).unwrap(),
        &snapshot[end + 1..],
    )
}

/// A snapshot of `header` (a header line) and `body`.
fn joined(header: &str, body: &[u8]) -> Vec<u8> {
    let mut out = header.as_bytes().to_vec();
    out.push(b'\n');
    out.extend_from_slice(body);
    out
}

/// `header` naming the digest of `body` instead of `old`'s.
fn rehashed(header: &str, old: &[u8], body: &[u8]) -> Vec<u8> {
    let header = header.replacen(
        &crate::chain::digest_hex(old),
        &crate::chain::digest_hex(body),
        1,
    );
    joined(&header, body)
}

#[test]
fn every_refusal_has_its_code_and_the_ledger_is_read_in_full() {
    let text = sample(6, 3);
    let whole = full(&text);
    let snapshot = prefix(&text, 30).snapshot();
    let (first, body) = split(&snapshot);
    let refused = |snapshot: &[u8]| {
        let (ledger, refusal) = reopen(&text, snapshot, 1);
        assert!(ledger.holds_log());
        assert_eq!(ledger, whole);
        refusal.expect("refused").code().as_str().to_owned()
    };
    assert_eq!(refused(b"not a snapshot"), "snapshot.parse");
    assert_eq!(refused(&[0xff, 0xfe, b'\n']), "snapshot.parse");
    assert_eq!(
        refused(&joined(
            &first.replacen(SNAPSHOT_FORMAT, "jianyi-ledger", 1),
            body
        )),
        "snapshot.parse"
    );
    let other_version = first.replacen(
        &format!("\"version\":{SNAPSHOT_VERSION}"),
        "\"version\":3",
        1,
    );
    assert_ne!(other_version, first);
    assert_eq!(refused(&joined(&other_version, body)), "snapshot.version");
    let other_library = first.replacen(LIBRARY_VERSION, "0.0.1-old", 1);
    assert_eq!(refused(&joined(&other_library, body)), "snapshot.version");
    // A changed body no longer hashes to the header's digest.
    let mut changed = body.to_vec();
    let last = changed.len() - 1;
    changed[last] ^= 1;
    assert_eq!(refused(&joined(first, &changed)), "snapshot.corrupt");
    // A snapshot of another ledger under the same profile has a head no line links to (the
    // whole ledger: generated ledgers of any seed begin with the same directory lines).
    let other = full(&sample(6, 4)).snapshot();
    assert_eq!(refused(&other), "snapshot.head_mismatch");
    // A body that hashes right but does not read (a host's own damaged writer): a record
    // whose length runs past the end, a changed byte inside the first item, bytes cut off.
    let mut overlong = body.to_vec();
    overlong.extend_from_slice(&[0x7f]);
    assert_eq!(refused(&rehashed(first, body, &overlong)), "snapshot.parse");
    let records = records_of(body).unwrap();
    let item_at = body.len() - records[3..].iter().map(|r| r.len()).sum::<usize>();
    let mut broken = body.to_vec();
    // The first item record's first byte after its length: its id's length.
    broken[item_at + 1] = 0x7f;
    assert_eq!(refused(&rehashed(first, body, &broken)), "snapshot.parse");
    // Records missing from a body that hashes right.
    let short: Vec<u8> = {
        let mut w = compact::Writer::default();
        for record in &records[..5] {
            w.bytes(record);
        }
        w.bytes
    };
    assert_eq!(refused(&rehashed(first, body, &short)), "snapshot.parse");
}

#[test]
fn the_compact_snapshot_is_smaller_than_its_json_and_every_record_reads_back() {
    let text = sample(12, 5);
    let whole = full(&text);
    let snapshot = whole.snapshot();
    let (_, body) = split(&snapshot);
    let records = records_of(body).unwrap();
    assert_eq!(records.len(), 3 + whole.items.len() + whole.commands.len());
    let items: usize = records[3..3 + whole.items.len()]
        .iter()
        .map(|r| r.len())
        .sum();
    let as_json: usize = whole
        .items
        .values()
        .map(|it| serde_json::to_vec(&**it).unwrap().len())
        .sum();
    assert!(
        items * 2 < as_json,
        "{items} bytes against {as_json} as JSON"
    );
    for (record, item) in records[3..].iter().zip(whole.items.values()) {
        assert_eq!(&compact::decoded::<Item>(record).unwrap(), &**item);
    }
}

/// The national calendar with March to December 2022 days off: the due dates of 2022's
/// items move into 2023, and what was late under the national calendar is on time.
fn another_calendar() -> Calendar {
    let year: Vec<NaiveDate> = NaiveDate::from_ymd_opt(2022, 3, 1)
        .unwrap()
        .iter_days()
        .take(306)
        .collect();
    Calendar::china().with_regional("test", &year, &[])
}

#[test]
fn the_stored_statistics_are_taken_only_under_the_calendar_they_were_summed_under() {
    let text = sample(12, 5);
    let whole = full(&text);
    let snapshot = prefix(&text, 120).snapshot();
    let sums_line = records_of(split(&snapshot).1).unwrap()[2];
    assert!(sums_line.starts_with(b"{\"calendar\":"));
    let mut same = Ledger::new(Profile::default(), &Calendar::china()).unwrap();
    assert!(sums::take(&mut same, sums_line));
    let mut other = Ledger::new(Profile::default(), &another_calendar()).unwrap();
    assert!(!sums::take(&mut other, sums_line));
    assert!(!sums::take(&mut other, b"null"));
    // A record this build cannot read is summed again, not refused.
    assert!(!sums::take(&mut same, b"{\"calendar\":1}"));

    // Under another calendar the items are summed again: the same as a full read under it.
    let calendar = another_calendar();
    let under_other = |text: &str| {
        Ledger::from_jsonl(text, Profile::default(), &calendar, ProfileCheck::Same).unwrap()
    };
    let whole_other = under_other(&text);
    assert_ne!(
        (&whole_other.tally, &whole_other.kept),
        (&whole.tally, &whole.kept),
        "the calendar moves a count"
    );
    let (reopened, refused) = Ledger::reopen(
        &text,
        &snapshot,
        Profile::default(),
        &calendar,
        NonZeroUsize::MIN,
    )
    .unwrap();
    assert_eq!(refused, None);
    assert_same_state(&reopened, &whole_other);
    // And under the same one, the stored sums with the tail's items swapped.
    let (reopened, refused) = reopen(&text, &snapshot, 2);
    assert_eq!(refused, None);
    assert_same_state(&reopened, &whole);
}

#[test]
fn a_snapshot_of_stale_statistics_stores_none_and_reopening_sums_them() {
    let text = sample(6, 3);
    let mut stale = prefix(&text, 60);
    stale.tally_fresh = false;
    let snapshot = stale.snapshot();
    assert_eq!(records_of(split(&snapshot).1).unwrap()[2], b"null");
    let (reopened, refused) = reopen(&text, &snapshot, 1);
    assert_eq!(refused, None);
    assert_same_state(&reopened, &full(&text));
}

#[test]
fn the_bundled_profile_a_snapshot_names_is_found_from_its_header() {
    let text = sample(4, 3);
    let snapshot = full(&text).snapshot();
    let found = bundled_profile(&snapshot).unwrap();
    assert_eq!(found.reference(), Profile::default().reference());
    assert!(bundled_profile(b"not a snapshot").is_none());
    // A profile that is not bundled (renamed) is not guessed.
    let mut npc = Profile::preset("npc").unwrap();
    npc.id = "npc-variant".to_owned();
    let renamed = Ledger::new(npc, &Calendar::china()).unwrap().snapshot();
    assert!(bundled_profile(&renamed).is_none());
}

#[test]
fn a_snapshot_under_another_profile_is_refused_by_its_profile() {
    let text = sample(6, 3);
    let mut npc = Profile::preset("npc").unwrap();
    npc.id = "npc-variant".to_owned();
    let snapshot = prefix(&text, 20).snapshot();
    let renamed = Ledger::new(npc, &Calendar::china()).unwrap();
    let err = checked(&renamed, &snapshot).err().unwrap();
    assert_eq!(err.code().as_str(), "snapshot.profile_mismatch");
}

#[test]
fn a_bad_line_after_the_head_is_the_error_of_the_full_read_on_the_same_line() {
    let text = sample(6, 7);
    let snapshot = prefix(&text, 25).snapshot();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines[40] = lines[40].replacen("\"seq\":", "\"seq\":9", 1);
    let bad = lines.join("\n") + "\n";
    let expected = Ledger::from_jsonl(
        &bad,
        Profile::default(),
        &Calendar::china(),
        ProfileCheck::Same,
    )
    .unwrap_err();
    let got = Ledger::reopen(
        &bad,
        &snapshot,
        Profile::default(),
        &Calendar::china(),
        one(),
    )
    .unwrap_err();
    assert_eq!(got, expected);
    assert!(got.to_string().contains("line 41"), "{got}");
}

#[test]
fn the_end_of_the_file_from_a_line_before_the_head_is_enough() {
    let text = sample(8, 9);
    let whole = full(&text);
    let snapshot = prefix(&text, 60).snapshot();
    let lines: Vec<&str> = text.lines().collect();
    let part = |from: usize| lines[from..].join("\n") + "\n";
    let open = |end: &str| {
        Ledger::reopen_part(
            end,
            &snapshot,
            Profile::default(),
            &Calendar::china(),
            one(),
        )
        .unwrap()
    };
    // From line 40 (the head is line 61): the state plus the lines after the head.
    let reopened = open(&part(40)).unwrap();
    assert_same_state(&reopened, &whole);
    // From the head line itself.
    assert_same_state(&open(&part(60)).unwrap(), &whole);
    // From the line after it: the head is not there.
    let refused = open(&part(61)).unwrap_err();
    assert_eq!(refused.code().as_str(), "snapshot.head_mismatch");
    // A bad line after the head is named from the part's first line.
    let mut bad: Vec<String> = lines[40..].iter().map(|l| (*l).to_owned()).collect();
    bad[30] = bad[30].replacen("\"seq\":", "\"seq\":9", 1);
    let err = Ledger::reopen_part(
        &(bad.join("\n") + "\n"),
        &snapshot,
        Profile::default(),
        &Calendar::china(),
        one(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("line 31"), "{err}");
}

#[test]
fn continuation_lines_are_numbered_from_the_line_given() {
    let text = sample(4, 1);
    let lines: Vec<&str> = text.lines().collect();
    let mut host = prefix(&text, 10);
    let rest = lines[11..].join("\n");
    // Every line is applied, whatever number the first is given.
    let applied = host.apply_jsonl_lines(&rest, 12).unwrap();
    assert_eq!(applied, lines.len() - 11);
    assert_eq!(host, full(&text));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Generated ledgers cut anywhere: the snapshot of the prefix plus the lines after it is
    /// the state of the full read, on one thread or two.
    #[test]
    fn snapshot_plus_tail_is_the_full_replay(
        seed in 0u64..1_000,
        suggestions in 3usize..20,
        cut_permille in 0usize..=1000,
        threads in 1usize..3,
    ) {
        let text = sample(suggestions, seed);
        let whole = full(&text);
        let cut = whole.event_count() * cut_permille / 1000;
        let snapshot = prefix(&text, cut).snapshot();
        let (reopened, refused) = reopen(&text, &snapshot, threads);
        prop_assert_eq!(refused, None);
        prop_assert_eq!(reopened.log_start(), cut);
        assert_same_state(&reopened, &whole);
    }
}

#[test]
fn a_batch_of_lines_applies_all_or_nothing_on_a_reopened_ledger() {
    let text = sample(10, 21);
    let whole = full(&text);
    let lines: Vec<&str> = text.lines().collect();
    let (mut reopened, _) = reopen(
        &(lines[..200].join("\n") + "\n"),
        &prefix(&text, 199).snapshot(),
        1,
    );
    let before = reopened.snapshot();
    let mut at = 200;
    for size in [1usize, 7, 50, 3, 400].iter().cycle() {
        if at >= lines.len() {
            break;
        }
        let end = (at + size).min(lines.len());
        let batch = lines[at..end].join("\n");
        // The same batch with its last line broken: refused, nothing applied.
        let mut broken: Vec<String> = lines[at..end].iter().map(|l| (*l).to_owned()).collect();
        let last = broken.len() - 1;
        broken[last] = broken[last].replacen("\"seq\":", "\"seq\":9", 1);
        let state = reopened.snapshot();
        let err = reopened
            .apply_jsonl_lines_atomic(&broken.join("\n"), at + 1)
            .unwrap_err();
        assert!(err.to_string().contains(&format!("line {end}")), "{err}");
        assert_eq!(reopened.snapshot(), state);
        assert_eq!(
            reopened.apply_jsonl_lines_atomic(&batch, at + 1).unwrap(),
            end - at
        );
        at = end;
    }
    assert_ne!(reopened.snapshot(), before);
    assert_same_state(&reopened, &whole);
}

#[test]
#[cfg(feature = "kept-year-ends")]
fn a_reopened_ledger_states_the_year_before_from_the_figures_kept_at_its_end() {
    let text = sample(12, 5);
    let whole = full(&text);
    let latest = whole.latest_date().unwrap();
    let passed = whole
        .events()
        .iter()
        .position(|e| chrono::Datelike::year(&e.on) > 2021)
        .unwrap();
    let expected = whole.annual_summary(2022, latest).unwrap();
    assert!(
        expected.previous.is_some(),
        "the sample holds 2021's session"
    );
    // Snapshots taken before and after the log passed 2021's end.
    for cut in [passed - 1, passed + 10] {
        let (reopened, refused) = reopen(&text, &prefix(&text, cut).snapshot(), 1);
        assert_eq!(refused, None);
        assert!(!reopened.holds_log());
        assert_eq!(
            reopened.annual_summary(2022, latest).unwrap(),
            expected,
            "cut {cut}"
        );
    }
    // A snapshot without statistics keeps no year-end figures: the year before then needs
    // the events before the head.
    let mut stale = prefix(&text, passed + 10);
    stale.tally_fresh = false;
    let (reopened, _) = reopen(&text, &stale.snapshot(), 1);
    assert_eq!(
        reopened
            .annual_summary(2022, latest)
            .unwrap_err()
            .code()
            .as_str(),
        "ledger.log_not_held"
    );
}

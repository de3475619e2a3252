//! A state-only read is the full read without its events: the same state, the same errors
//! on the same lines, the same answers to what does not need the log.
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
use crate::line_reader::BATCH;
use crate::snapshot::tests::{
    assert_records_as_the_full_ledger, assert_same_state, sample, two_thirds_executed,
};

fn threads(n: usize) -> NonZeroUsize {
    NonZeroUsize::new(n).unwrap()
}

fn full(text: &str) -> Result<Ledger, Error> {
    Ledger::from_jsonl(
        text,
        Profile::default(),
        &Calendar::china(),
        ProfileCheck::Same,
    )
}

fn state_only(text: &str, n: usize) -> Result<Ledger, Error> {
    Ledger::from_jsonl_state_only(
        text,
        Profile::default(),
        &Calendar::china(),
        ProfileCheck::Same,
        threads(n),
    )
}

/// The header and the first `events` event lines of `text`.
fn prefix(text: &str, events: usize) -> String {
    let lines: Vec<&str> = text.lines().take(events.saturating_add(1)).collect();
    lines.join("\n") + "\n"
}

#[test]
fn a_state_only_read_over_several_batches_is_the_full_read_without_its_events() {
    let text = sample(1_000, 3);
    let whole = full(&text).unwrap();
    assert!(
        whole.event_count() > BATCH,
        "more than one batch is let go: {}",
        whole.event_count()
    );
    for n in [1, 2] {
        let got = state_only(&text, n).unwrap();
        assert!(!got.holds_log());
        assert!(got.events().is_empty());
        assert_eq!(got.log_start(), whole.event_count());
        assert_same_state(&got, &whole);
        let latest = whole.latest_date().unwrap();
        let year = chrono::Datelike::year(&latest) - 1;
        assert_eq!(
            got.year_figures(year, latest).unwrap(),
            whole.year_figures(year, latest).unwrap()
        );
        assert_eq!(
            got.annual_summary(year, latest).unwrap(),
            whole.annual_summary(year, latest).unwrap()
        );
    }
}

#[test]
fn what_reads_the_whole_log_answers_that_a_state_only_read_does_not_hold_it() {
    let text = sample(6, 2);
    let whole = full(&text).unwrap();
    let got = state_only(&text, 1).unwrap();
    let code = |e: crate::error::LedgerError| e.code().as_str().to_owned();
    assert_eq!(code(got.to_jsonl().unwrap_err()), "ledger.log_not_held");
    let earlier = whole.latest_date().unwrap().pred_opt().unwrap();
    assert_eq!(code(got.as_of(earlier).unwrap_err()), "ledger.log_not_held");
    assert_eq!(
        got.under_profile(Profile::default(), &Calendar::china())
            .unwrap_err()
            .code()
            .as_str(),
        "ledger.log_not_held"
    );
    let err = got.log("events table").unwrap_err();
    assert!(
        err.to_string()
            .contains(&format!("from {} on", whole.event_count() + 1)),
        "{err}"
    );
}

#[test]
fn a_state_only_read_records_commands_as_the_full_read_does() {
    let (plan, executed, mut whole) = two_thirds_executed();
    let (before, after) = plan.split_at(executed);
    let mut got = state_only(&whole.to_jsonl().unwrap(), 1).unwrap();
    assert_records_as_the_full_ledger(&mut got, &mut whole, after);
    // A retry of a command read from the file is recognised; its events are in the file.
    let retry = got.execute(&before[3]).unwrap();
    assert!(retry.duplicate);
    assert!(retry.events.is_empty());
}

#[test]
fn a_bad_line_is_the_full_reads_error_on_the_same_line() {
    let text = sample(6, 7);
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines[40] = lines[40].replacen("\"seq\":", "\"seq\":9", 1);
    let bad = lines.join("\n") + "\n";
    let expected = full(&bad).unwrap_err();
    assert!(expected.to_string().contains("line 41"), "{expected}");
    assert_eq!(state_only(&bad, 1).unwrap_err(), expected);
    assert_eq!(state_only(&bad, 2).unwrap_err(), expected);
    // A broken chain too.
    let mut broken = lines.clone();
    broken.remove(30);
    let broken = broken.join("\n") + "\n";
    let expected = full(&broken).unwrap_err();
    assert_eq!(expected.code().as_str(), "ledger.chain_broken");
    assert_eq!(state_only(&broken, 2).unwrap_err(), expected);
    // Replayed up to the bad line, the state is the full replay's up to it.
    let (whole, whole_error) = Ledger::replay_jsonl(
        &bad,
        Profile::default(),
        &Calendar::china(),
        ProfileCheck::Same,
    )
    .unwrap();
    let (got, got_error) = Ledger::replay_jsonl_state_only(
        &bad,
        Profile::default(),
        &Calendar::china(),
        ProfileCheck::Same,
        threads(2),
    )
    .unwrap();
    assert_eq!(got_error, whole_error);
    assert_eq!(got.event_count(), 39);
    assert_same_state(&got, &whole);
}

#[test]
fn an_empty_ledger_read_state_only_holds_nothing_to_let_go() {
    let text = prefix(&sample(2, 1), 0);
    let got = state_only(&text, 1).unwrap();
    assert!(got.holds_log());
    assert_eq!(got.snapshot(), full(&text).unwrap().snapshot());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Cut anywhere, on any number of threads, a state-only read is the full read's state.
    #[test]
    fn state_only_is_the_full_state_at_every_cut(
        seed in 0u64..1_000,
        permille in 0usize..=1_000,
        n in 1usize..=3,
    ) {
        let text = sample(10, seed);
        let events = text.lines().count() - 1;
        let cut = prefix(&text, events * permille / 1_000);
        let whole = full(&cut).unwrap();
        let got = state_only(&cut, n).unwrap();
        prop_assert_eq!(got.snapshot(), whole.snapshot());
        prop_assert_eq!(&got.year_ends, &whole.year_ends);
        prop_assert_eq!(got.next_seq(), whole.next_seq());
    }
}

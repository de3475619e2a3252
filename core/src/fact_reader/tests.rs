//! The fast reader against [`Fact`]'s derived one: the same acceptance and the same facts on
//! generated events, their fact's keys reordered, and mutations of them; the same ledgers and
//! the same errors (code and line) on generated ledgers and the bad-input corpora.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests"
)]

use std::cell::Cell;
use std::num::NonZeroUsize;
use std::path::Path;
use std::sync::OnceLock;

use chrono::NaiveDate;
use proptest::prelude::*;
use serde::Deserialize;
use serde_json::Value;

use crate::actor::Actor;
use crate::event::{Event, Fact};
use crate::generator::{generate, GeneratorConfig};
use crate::id::{CommandDigest, CommandId};
use crate::provenance::Source;
use crate::{Calendar, Error, Ledger, LedgerError, ProfileCheck};

thread_local! {
    /// Whether this thread's ledger reads use the derived reader (`line_reader`).
    static DERIVED: Cell<bool> = const { Cell::new(false) };
}

/// Whether the ledger being read on this thread reads its facts the derived way.
pub(crate) fn derived_facts() -> bool {
    DERIVED.with(Cell::get)
}

/// [`Event`] read as before the fast reader: its fact by [`Fact`]'s derived reader.
#[derive(Deserialize)]
#[serde(remote = "Event", deny_unknown_fields)]
struct DerivedEvent {
    seq: u64,
    command: CommandId,
    digest: CommandDigest,
    on: NaiveDate,
    actor: Actor,
    fact: Fact,
    #[serde(default)]
    source: Option<Box<Source>>,
}

/// An event line read the derived way (as `line_reader` reads it: the whole text).
pub(crate) fn derived_event(json: &str) -> Result<Event, String> {
    let mut de = serde_json::Deserializer::from_str(json);
    DerivedEvent::deserialize(&mut de)
        .and_then(|event| de.end().map(|()| event))
        .map_err(|e| e.to_string())
}

/// An event line read the fast way.
fn fast_event(json: &str) -> Result<Event, String> {
    serde_json::from_str::<Event>(json).map_err(|e| e.to_string())
}

/// A fact's JSON read both ways: (derived, fast).
fn both_facts(json: &str) -> (Result<Fact, String>, Result<Fact, String>) {
    let derived = serde_json::from_str::<Fact>(json).map_err(|e| e.to_string());
    let mut de = serde_json::Deserializer::from_str(json);
    let fast = super::deserialize(&mut de)
        .and_then(|fact| de.end().map(|()| fact))
        .map_err(|e| e.to_string());
    (derived, fast)
}

/// Same acceptance, same value.
fn assert_same<T: PartialEq + std::fmt::Debug>(
    derived: &Result<T, String>,
    fast: &Result<T, String>,
    what: &str,
) {
    match (derived, fast) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{what}"),
        (Err(_), Err(_)) => {}
        _ => panic!("{what}\nderived: {derived:?}\nfast: {fast:?}"),
    }
}

/// The events of the seed's city-year, of the bundled sample ledger and of the bad-input
/// corpus's base ledger: every kind of fact the library writes.
fn pool() -> &'static [Event] {
    static POOL: OnceLock<Vec<Event>> = OnceLock::new();
    POOL.get_or_init(|| {
        let mut events = generate(&GeneratorConfig::seed_city())
            .unwrap()
            .events()
            .to_vec();
        for text in [
            sample_ledger(),
            repo_file("tests/bad-inputs/base-ledger.jsonl"),
        ] {
            let (ledger, _) = load(&text, false);
            events.extend(ledger.unwrap().events().iter().cloned());
        }
        events
    })
}

fn repo_file(path: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn sample_ledger() -> String {
    repo_file("examples/data/sample-city-2022.jsonl")
}

/// A ledger text read on this thread, its facts the derived way or the fast way: the ledger
/// (or its error), and the error's parse reason apart (serde's words, which may differ).
fn load(text: &str, derived: bool) -> (Result<Ledger, Error>, Option<String>) {
    let profile = crate::wire::bundled_profile(text).unwrap_or_default();
    DERIVED.with(|d| d.set(derived));
    let read = Ledger::from_jsonl_observed(
        text,
        profile,
        &Calendar::china(),
        ProfileCheck::WhatIf,
        NonZeroUsize::MIN,
        &mut |_| {},
    );
    DERIVED.with(|d| d.set(false));
    match read {
        Err(Error::Ledger(LedgerError::Parse { line, reason })) => (
            Err(Error::Ledger(LedgerError::Parse {
                line,
                reason: String::new(),
            })),
            Some(reason),
        ),
        other => (other, None),
    }
}

/// Both reads of a ledger text give the same ledger, or the same error (code, line, and
/// everything but serde's words).
fn assert_same_ledger(text: &str, what: &str) {
    let (derived, _) = load(text, true);
    let (fast, _) = load(text, false);
    match (&derived, &fast) {
        (Ok(a), Ok(b)) => {
            assert!(a == b, "{what}: different ledgers");
            assert_eq!(a.to_jsonl().unwrap(), b.to_jsonl().unwrap(), "{what}");
        }
        (Err(a), Err(b)) => {
            assert_eq!(a.code(), b.code(), "{what}");
            assert_eq!(a, b, "{what}");
        }
        _ => panic!(
            "{what}: derived {:?}, fast {:?}",
            derived.as_ref().err(),
            fast.as_ref().err()
        ),
    }
}

/// What is done to a fact's object.
#[derive(Debug, Clone, Copy)]
enum Mutation {
    /// Nothing: the object as the serializer writes it.
    None,
    /// Its keys in another order (`type` anywhere).
    Shuffle,
    /// A key the fact does not have.
    UnknownField,
    /// A key removed (required or defaulted).
    MissingField,
    /// A field's value of another type.
    WrongType,
    /// A tag no fact has.
    UnknownTag,
    /// A tag that is not a string.
    TagNotString,
    /// A field twice.
    DuplicateField,
    /// The tag twice.
    DuplicateTag,
    /// The tag after a field.
    TagNotFirst,
    /// No tag.
    NoTag,
    /// An unknown key or a wrong value inside a field's own object.
    Nested,
    /// The tag and the values as an array (the derived reader accepts it in field order).
    AsArray,
    /// Not an object (a string, a number, null).
    NotAnObject,
}

const MUTATIONS: [Mutation; 14] = [
    Mutation::None,
    Mutation::Shuffle,
    Mutation::UnknownField,
    Mutation::MissingField,
    Mutation::WrongType,
    Mutation::UnknownTag,
    Mutation::TagNotString,
    Mutation::DuplicateField,
    Mutation::DuplicateTag,
    Mutation::TagNotFirst,
    Mutation::NoTag,
    Mutation::Nested,
    Mutation::AsArray,
    Mutation::NotAnObject,
];

/// A small seeded sequence (splitmix64) for the positions a mutation picks.
struct Picks(u64);

impl Picks {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        usize::try_from(z % u64::try_from(n.max(1)).unwrap()).unwrap()
    }
}

/// Values of every JSON type, for a field given the wrong one.
fn odd_value(picks: &mut Picks) -> Value {
    let values = [
        Value::from(5),
        Value::from(-1),
        Value::from(1.5),
        Value::from("x"),
        Value::from(true),
        Value::Null,
        Value::Array(vec![]),
        Value::Object(serde_json::Map::new()),
    ];
    values[picks.below(values.len())].clone()
}

/// A key written as JSON, with its first letter escaped when `escape` (the reader then gets
/// it copied, not borrowed).
fn key_json(key: &str, escape: bool) -> String {
    match key.chars().next() {
        Some(c) if escape => {
            let rest: String = key.chars().skip(1).collect();
            format!("\"\\u{:04x}{rest}\"", u32::from(c))
        }
        _ => serde_json::to_string(key).unwrap(),
    }
}

/// A fact's JSON, mutated. The object's entries are `type` first, then the fields (in the
/// order of `serde_json::Value`, sorted), before the mutation.
fn mutated(fact: &Fact, mutation: Mutation, picks: &mut Picks, escape: bool) -> String {
    let Value::Object(map) = serde_json::to_value(fact).unwrap() else {
        panic!("a fact is an object")
    };
    let mut entries: Vec<(String, Value)> = map.into_iter().collect();
    let tag = entries.iter().position(|(k, _)| k == "type").unwrap();
    let tag = entries.remove(tag);
    entries.insert(0, tag);
    let field = |picks: &mut Picks, len: usize| 1 + picks.below(len.saturating_sub(1));
    match mutation {
        Mutation::None => return serde_json::to_string(fact).unwrap(),
        Mutation::Shuffle => {
            for i in (1..entries.len()).rev() {
                entries.swap(i, picks.below(i + 1));
            }
        }
        Mutation::UnknownField => {
            let at = picks.below(entries.len() + 1);
            entries.insert(at, ("bogus".to_owned(), Value::from(1)));
        }
        Mutation::MissingField if entries.len() > 1 => {
            let at = field(picks, entries.len());
            entries.remove(at);
        }
        Mutation::WrongType if entries.len() > 1 => {
            let at = field(picks, entries.len());
            entries[at].1 = odd_value(picks);
        }
        Mutation::UnknownTag => entries[0].1 = Value::from("no_such_fact"),
        Mutation::TagNotString => entries[0].1 = odd_value(picks),
        Mutation::DuplicateField if entries.len() > 1 => {
            let copy = entries[field(picks, entries.len())].clone();
            let at = picks.below(entries.len() + 1);
            entries.insert(at, copy);
        }
        Mutation::DuplicateTag => {
            let copy = entries[0].clone();
            let at = 1 + picks.below(entries.len());
            entries.insert(at, copy);
        }
        Mutation::TagNotFirst if entries.len() > 1 => {
            let tag = entries.remove(0);
            let at = 1 + picks.below(entries.len());
            entries.insert(at, tag);
        }
        Mutation::NoTag => {
            entries.remove(0);
        }
        Mutation::Nested => {
            let objects: Vec<usize> = (1..entries.len())
                .filter(|&i| entries[i].1.is_object())
                .collect();
            if let Some(&i) = objects.get(picks.below(objects.len())) {
                let inner = entries[i].1.as_object_mut().unwrap();
                let keys: Vec<String> = inner.keys().cloned().collect();
                match keys.get(picks.below(keys.len() + 1)) {
                    Some(k) if picks.below(2) == 0 => {
                        inner.insert(k.clone(), odd_value(picks));
                    }
                    Some(k) => {
                        inner.remove(k);
                    }
                    None => {
                        inner.insert("bogus".to_owned(), Value::from(1));
                    }
                }
            }
        }
        Mutation::AsArray => {
            let values: Vec<Value> = entries.into_iter().map(|(_, v)| v).collect();
            return Value::Array(values).to_string();
        }
        Mutation::NotAnObject => return odd_value(picks).to_string(),
        // A fact without fields: the mutation has nothing to change.
        Mutation::MissingField
        | Mutation::WrongType
        | Mutation::DuplicateField
        | Mutation::TagNotFirst => {}
    }
    let fields: Vec<String> = entries
        .iter()
        .map(|(k, v)| format!("{}:{v}", key_json(k, escape)))
        .collect();
    format!("{{{}}}", fields.join(","))
}

/// An event's line with its fact's JSON replaced by `fact`.
fn line_with_fact(event: &Event, fact: &str) -> String {
    let line = serde_json::to_string(event).unwrap();
    let written = format!("\"fact\":{}", serde_json::to_string(&event.fact).unwrap());
    assert!(line.contains(&written));
    line.replacen(&written, &format!("\"fact\":{fact}"), 1)
}

/// Small generated ledgers, one a seed.
fn small_ledgers() -> &'static [Ledger] {
    static LEDGERS: OnceLock<Vec<Ledger>> = OnceLock::new();
    LEDGERS.get_or_init(|| {
        (0..4)
            .map(|seed| {
                generate(&GeneratorConfig {
                    seed,
                    suggestions: 12,
                    motions: 2,
                    deputies: 40,
                    unit_copies: 1,
                    ..GeneratorConfig::seed_city()
                })
                .unwrap()
            })
            .collect()
    })
}

/// A small generated ledger, its lines chained again after one event's fact is mutated.
fn ledger_with(seed: usize, index: usize, fact: impl Fn(&Event) -> String) -> String {
    let ledger = &small_ledgers()[seed];
    let text = ledger.to_jsonl().unwrap();
    let header = text.lines().next().unwrap();
    let mut out = format!("{header}\n");
    let mut prev = crate::chain::link(header);
    let events = ledger.events();
    let index = index % events.len();
    for (i, event) in events.iter().enumerate() {
        let json = if i == index {
            line_with_fact(event, &fact(event))
        } else {
            serde_json::to_string(event).unwrap()
        };
        let line = crate::chain::chained_line(&prev, &json);
        prev = crate::chain::link(&line);
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[test]
fn every_kind_of_fact_is_read_both_ways() {
    let mut kinds = std::collections::BTreeSet::new();
    for event in pool() {
        kinds.insert(event.fact.name());
        let json = serde_json::to_string(event).unwrap();
        let fast = fast_event(&json).unwrap();
        assert_eq!(&fast, event);
        assert_eq!(derived_event(&json).unwrap(), fast);
    }
    // Most kinds are written by the generator and the sample; the property below mutates them.
    assert!(kinds.len() >= 35, "{} kinds: {kinds:?}", kinds.len());
}

#[test]
fn lists_are_read_to_their_length() {
    let mut lists = 0;
    for event in pool() {
        let (_, fast) = both_facts(&serde_json::to_string(&event.fact).unwrap());
        let exact = |len: usize, capacity: usize| {
            assert_eq!(len, capacity, "{}", event.fact.name());
            usize::from(len > 1)
        };
        lists += match fast.unwrap() {
            Fact::SuggestionSubmitted(f) => exact(f.cosigners.len(), f.cosigners.capacity()),
            Fact::Assigned { plan, .. } => {
                exact(plan.co.len(), plan.co.capacity())
                    + exact(plan.leads.len(), plan.leads.capacity())
            }
            Fact::ReplyIssued { copied_to, .. } => exact(copied_to.len(), copied_to.capacity()),
            _ => 0,
        };
    }
    assert!(lists > 100, "{lists} lists of two or more");
}

#[test]
fn the_refusals_the_derived_reader_words_are_worded_the_same() {
    for json in [
        r#"{"type":"no_such_fact","item":"X"}"#,
        r#"{"type":5}"#,
        r#"{"type":"withdrawn","type":"withdrawn","item":"X"}"#,
        r#"{"type":"withdrawn","item":"X","type":"withdrawn"}"#,
        r#"{"item":"X"}"#,
        r"{}",
        r#""withdrawn""#,
        "5",
        "null",
        "[]",
    ] {
        // In an event's line, where serde_json names the same column for both.
        let line = line_with_fact(&pool()[0], json);
        let (derived, fast) = (derived_event(&line), fast_event(&line));
        assert!(derived.is_err(), "{json}");
        assert_eq!(derived, fast, "{json}");
    }
    // The derived reader's other forms are read by it: the tag after a field, an array.
    for json in [
        r#"{"item":"X","type":"withdrawn"}"#,
        r#"["withdrawn","X"]"#,
        r#"{"\u0074ype":"withdrawn","\u0069tem":"X"}"#,
    ] {
        let (derived, fast) = both_facts(json);
        assert!(derived.is_ok(), "{json}: {derived:?}");
        assert_eq!(derived, fast, "{json}");
    }
}

#[test]
fn the_bad_input_corpora_read_the_same() {
    let mut count = 0;
    for line in repo_file("tests/bad-inputs/cases.jsonl").lines() {
        let case: Value = serde_json::from_str(line).unwrap();
        if case["kind"] == "ledger" {
            assert_same_ledger(
                case["input"].as_str().unwrap(),
                case["name"].as_str().unwrap(),
            );
            count += 1;
        }
    }
    assert!(count >= 10, "{count} ledger cases");
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus/ledger_replay");
    for entry in std::fs::read_dir(fuzz).unwrap() {
        let path = entry.unwrap().path();
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        assert_same_ledger(&text, &path.display().to_string());
    }
    assert_same_ledger(&sample_ledger(), "sample ledger");
    assert_same_ledger(
        &repo_file("tests/bad-inputs/base-ledger.jsonl"),
        "base ledger",
    );
    assert_same_ledger(&repo_file("core/tests/data/ledger-v1.jsonl"), "version 1");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn a_fact_is_read_the_same_both_ways(
        event in any::<prop::sample::Index>(),
        mutation in prop::sample::select(MUTATIONS.to_vec()),
        picks in any::<u64>(),
        escape in any::<bool>(),
    ) {
        let event = event.get(pool());
        let fact = mutated(&event.fact, mutation, &mut Picks(picks), escape);
        let (derived, fast) = both_facts(&fact);
        assert_same(&derived, &fast, &fact);
        let line = line_with_fact(event, &fact);
        assert_same(&derived_event(&line), &fast_event(&line), &line);
        if matches!(mutation, Mutation::None | Mutation::Shuffle | Mutation::TagNotFirst) {
            prop_assert_eq!(fast, Ok(event.fact.clone()));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn a_ledger_reads_the_same_both_ways(
        seed in 0usize..4,
        index in any::<usize>(),
        mutation in prop::sample::select(MUTATIONS.to_vec()),
        picks in any::<u64>(),
        escape in any::<bool>(),
    ) {
        let text = ledger_with(seed, index, |event| {
            mutated(&event.fact, mutation, &mut Picks(picks), escape)
        });
        assert_same_ledger(&text, &format!("{mutation:?} of event {index}"));
    }
}

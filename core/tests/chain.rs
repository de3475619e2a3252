//! The tamper-evident ledger (SPEC §11–§12): every line links to the one before it; `verify`
//! names the first broken link without replaying; version 1 ledgers are read through the
//! upcaster, and export and import keep the chain.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests"
)]

use jianyi_core::chain::{link, upcast_v1, verify};
use jianyi_core::{Calendar, Ledger, Profile, ProfileCheck};

const V1: &str = include_str!("data/ledger-v1.jsonl");

fn read(text: &str) -> Ledger {
    Ledger::from_jsonl(
        text,
        Profile::default(),
        &Calendar::china(),
        ProfileCheck::Same,
    )
    .unwrap()
}

#[test]
fn a_version_1_ledger_is_read_and_upcast_to_the_same_ledger() {
    assert!(V1.starts_with(r#"{"format":"jianyi-ledger","version":1,"#));
    let from_v1 = read(V1);
    assert_eq!(from_v1.events().len(), V1.lines().count() - 1);
    // The version-1 text has no chain to verify.
    assert_eq!(
        verify(V1).unwrap_err().code().as_str(),
        "ledger.unsupported_version"
    );
    let v2 = upcast_v1(V1).unwrap();
    assert!(v2.starts_with(r#"{"format":"jianyi-ledger","version":2,"#));
    let report = verify(&v2).unwrap();
    assert_eq!(report.broken, None);
    assert_eq!(report.lines, V1.lines().count());
    let from_v2 = read(&v2);
    assert_eq!(from_v2, from_v1);
    // Export writes the current version with the same chain the upcaster wrote.
    assert_eq!(from_v1.to_jsonl().unwrap(), v2);
    assert_eq!(report.head.as_deref(), Some(from_v1.chain_head().as_str()));
    assert_eq!(
        upcast_v1(&v2).unwrap_err().code().as_str(),
        "ledger.unsupported_version"
    );
}

#[test]
fn verify_names_the_first_broken_link() {
    let text = read(V1).to_jsonl().unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let rejoin = |ls: &[String]| ls.join("\n") + "\n";
    let owned: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();

    // A changed fact: the line after it no longer links.
    let mut changed = owned.clone();
    changed[10] = changed[10].replacen("\"on\":\"", "\"on\":\"x", 1);
    let report = verify(&rejoin(&changed)).unwrap();
    let broken = report.broken.unwrap();
    assert_eq!(broken.line, 12);
    assert_eq!(broken.expected, link(&changed[10]));
    assert_eq!(broken.found, link(&owned[10]));

    // A removed line, two swapped lines, an edited header.
    let mut removed = owned.clone();
    removed.remove(20);
    assert_eq!(verify(&rejoin(&removed)).unwrap().broken.unwrap().line, 21);
    let mut swapped = owned.clone();
    swapped.swap(30, 31);
    assert_eq!(verify(&rejoin(&swapped)).unwrap().broken.unwrap().line, 31);
    let mut header = owned.clone();
    header[0] = header[0].replace("seed-city", "seed-cityx");
    assert_eq!(verify(&rejoin(&header)).unwrap().broken.unwrap().line, 2);

    // Reading refuses the first broken line and keeps the lines before it.
    let (partial, err) = Ledger::replay_jsonl(
        &rejoin(&removed),
        Profile::default(),
        &Calendar::china(),
        ProfileCheck::Same,
    )
    .unwrap();
    let err = err.unwrap();
    assert_eq!(err.code().as_str(), "ledger.chain_broken");
    assert!(err.to_string().contains("line 21"), "{err}");
    assert_eq!(partial.events().len(), 19);

    // A line without its link in a version-2 ledger is broken too.
    let mut bare = owned.clone();
    bare[5] = format!("{{{}", bare[5].split_once("\",").unwrap().1);
    assert_eq!(verify(&rejoin(&bare)).unwrap().broken.unwrap().found, "");
}

#[test]
fn continuation_lines_must_link_to_the_ledgers_last_line() {
    let full = read(V1);
    let text = full.to_jsonl().unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // A phone holding the first 100 events receives the next ones, as written by the server.
    let first: String = lines[..101].join("\n") + "\n";
    let mut phone = read(&first);
    let rest = lines[101..].join("\n");
    assert_eq!(
        phone.apply_jsonl_lines(&rest, 1).unwrap(),
        lines.len() - 101
    );
    assert_eq!(phone, full);
    // Lines from another ledger (or out of place) are refused; nothing after them applies.
    let mut phone = read(&first);
    let err = phone
        .apply_jsonl_lines(&lines[102..].join("\n"), 1)
        .unwrap_err();
    assert_eq!(err.code().as_str(), "ledger.chain_broken");
    assert_eq!(phone.events().len(), 100);
}

/// Reading, verifying and upcasting share one header check: another format's header is
/// `ledger.missing_header` to all three.
#[test]
fn a_foreign_header_is_refused_alike_by_read_verify_and_upcast() {
    let foreign = V1.replacen("jianyi-ledger", "other-ledger", 1);
    let read_err = Ledger::from_jsonl(
        &foreign,
        Profile::default(),
        &Calendar::china(),
        ProfileCheck::Same,
    )
    .unwrap_err();
    assert_eq!(read_err.code().as_str(), "ledger.missing_header");
    assert_eq!(
        upcast_v1(&foreign).unwrap_err().code().as_str(),
        "ledger.missing_header"
    );
    let v2 = upcast_v1(V1)
        .unwrap()
        .replacen("jianyi-ledger", "other-ledger", 1);
    assert_eq!(
        verify(&v2).unwrap_err().code().as_str(),
        "ledger.missing_header"
    );
}

/// A host appending a few lines at a time (a server's day of batches) ends with the ledger and
/// the chain head that reading the whole text gives; the head after each batch is the link of
/// the last line applied, a refused batch leaves it where it was, and events appended without
/// links are linked as `to_jsonl` writes them.
#[test]
fn appending_in_batches_keeps_the_chain_head_of_the_text() {
    let full = read(V1);
    let text = full.to_jsonl().unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut host = read(&(lines[..2].join("\n") + "\n"));
    assert_eq!(host.chain_head(), link(lines[1]));
    let mut at = 2;
    while at < lines.len() {
        let end = (at + 7).min(lines.len());
        // A batch from the wrong place is refused and moves nothing.
        if end < lines.len() {
            let wrong = host.apply_jsonl_lines(lines[end], 1).unwrap_err();
            assert_eq!(wrong.code().as_str(), "ledger.chain_broken");
        }
        assert_eq!(host.chain_head(), link(lines[at - 1]));
        let batch = lines[at..end].join("\n");
        assert_eq!(host.apply_jsonl_lines(&batch, 1).unwrap(), end - at);
        assert_eq!(host.chain_head(), link(lines[end - 1]));
        at = end;
    }
    assert_eq!(host, full);
    assert_eq!(host.chain_head(), full.chain_head());

    // The last ten events appended bare (no links): the head is computed as `to_jsonl` links them.
    let cut = lines.len() - 10;
    let mut bare_host = read(&(lines[..cut].join("\n") + "\n"));
    let bare: Vec<String> = lines[cut..]
        .iter()
        .map(|l| format!("{{{}", l.split_once("\",").unwrap().1))
        .collect();
    assert_eq!(
        bare_host.apply_jsonl_lines(&bare.join("\n"), 1).unwrap(),
        10
    );
    assert_eq!(bare_host, full);
    assert_eq!(bare_host.chain_head(), link(lines[lines.len() - 1]));
    assert_eq!(bare_host.to_jsonl().unwrap(), text);
}

#[test]
fn an_observed_replay_reports_its_lines_and_reads_the_same_ledger() {
    let text = include_str!("../../examples/data/sample-city-2022.jsonl");
    let profile = jianyi_core::wire::bundled_profile(text).unwrap();
    let plain = Ledger::from_jsonl(
        text,
        profile.clone(),
        &Calendar::china(),
        ProfileCheck::Same,
    )
    .unwrap();
    let mut seen = Vec::new();
    for threads in [1, 2, 5] {
        seen.clear();
        let observed = Ledger::from_jsonl_observed(
            text,
            profile.clone(),
            &Calendar::china(),
            ProfileCheck::Same,
            std::num::NonZeroUsize::new(threads).unwrap(),
            &mut |line| seen.push(line),
        )
        .unwrap();
        assert_eq!(observed, plain, "{threads} threads");
        assert_eq!(observed.to_jsonl().unwrap(), plain.to_jsonl().unwrap());
    }
    let every = jianyi_core::wire::OBSERVE_EVERY;
    let lines = text.lines().count();
    // Line 2 is the first event line; every OBSERVE_EVERY lines after it is reported.
    let expected: Vec<usize> = (1..=lines / every)
        .map(|k| 2 + k * every)
        .filter(|l| *l <= lines)
        .collect();
    assert!(
        !expected.is_empty(),
        "the sample has more than {every} lines"
    );
    assert_eq!(seen, expected);
}

/// Reading lines on several threads changes nothing a reader sees: a broken text fails on the
/// same line with the same error (a bad link, a line that is not an event, an event the
/// ledger refuses), whatever the thread count.
#[test]
fn a_broken_text_fails_on_the_same_line_on_any_number_of_threads() {
    let text = include_str!("../../examples/data/sample-city-2022.jsonl");
    let profile = jianyi_core::wire::bundled_profile(text).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let with_line = |n: usize, replacement: String| {
        let mut l: Vec<String> = lines.iter().map(|s| (*s).to_owned()).collect();
        l[n] = replacement;
        l.join("\n")
    };
    let broken = [
        // An edited line: the next line's link no longer matches.
        with_line(1500, lines[1500].replacen("2022", "2023", 1)),
        // Not JSON at all.
        with_line(2600, lines[2600].replacen('}', "", 1)),
        // Its link dropped.
        with_line(
            3700,
            format!("{{{}", lines[3700].split_once("\",").unwrap().1),
        ),
        // Two lines swapped: out of order.
        {
            let mut l: Vec<&str> = lines.clone();
            l.swap(4200, 4201);
            l.join("\n")
        },
    ];
    for text in &broken {
        let read = |threads: usize| {
            Ledger::from_jsonl_observed(
                text,
                profile.clone(),
                &Calendar::china(),
                ProfileCheck::Same,
                std::num::NonZeroUsize::new(threads).unwrap(),
                &mut |_| {},
            )
            .unwrap_err()
            .to_string()
        };
        let one = read(1);
        assert!(one.contains("line"), "{one}");
        for threads in [2, 3, 8] {
            assert_eq!(read(threads), one, "{threads} threads");
        }
    }
}

#[test]
fn prepared_events_appended_as_chained_lines_build_the_executed_ledger() {
    use jianyi_core::generator::{commands, GeneratorConfig};
    let config = GeneratorConfig::scaled(10, 3);
    let mut executed = Ledger::new(Profile::default(), &Calendar::china()).unwrap();
    let mut hosted = Ledger::new(Profile::default(), &Calendar::china()).unwrap();
    let plan = commands(&config).unwrap();
    assert!(plan.len() > 50, "{} commands", plan.len());
    for command in &plan {
        let outcome = executed.execute(command).unwrap();
        let prepared = hosted.prepare(command).unwrap();
        assert_eq!(prepared, outcome);
        let before = hosted.events().len();
        let (lines, head) = hosted.chained_lines(&prepared.events);
        // Preparing records nothing.
        assert_eq!(hosted.events().len(), before);
        let applied = hosted.apply_jsonl_lines(&lines.join("\n"), 1).unwrap();
        assert_eq!(applied, lines.len());
        assert_eq!(hosted.chain_head(), head);
        if let Some(last) = lines.last() {
            assert_eq!(link(last), head);
        }
        // A retry prepared on the recorded state is the original events.
        let again = hosted.prepare(command).unwrap();
        assert!(again.duplicate);
        assert_eq!(again.events, outcome.events);
    }
    assert_eq!(hosted.to_jsonl().unwrap(), executed.to_jsonl().unwrap());
    assert_eq!(hosted, executed);
}

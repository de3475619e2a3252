//! The language-neutral bad-input corpus (`tests/bad-inputs/cases.jsonl`, issue 9): every
//! case gives its stable code, nothing panics, and a refused command leaves the ledger as it
//! was. pytest and the uniffi runners read the same file and must give the same codes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use std::path::Path;

use jianyi_core::json_api::execute_json;
use jianyi_core::{Calendar, Ledger, Profile, ProfileCheck};

fn corpus(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/bad-inputs")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_bad_input_gives_its_code_and_changes_nothing() {
    let cal = Calendar::china();
    let base = Ledger::from_jsonl(
        &corpus("base-ledger.jsonl"),
        Profile::default(),
        &cal,
        ProfileCheck::Same,
    )
    .unwrap();
    let before = base.to_jsonl().unwrap();
    let mut wrong = Vec::new();
    let mut count = 0;
    for line in corpus("cases.jsonl").lines() {
        let case: serde_json::Value = serde_json::from_str(line).unwrap();
        let (name, kind, input, code) = (
            case["name"].as_str().unwrap(),
            case["kind"].as_str().unwrap(),
            case["input"].as_str().unwrap(),
            case["code"].as_str().unwrap(),
        );
        count += 1;
        let got = match kind {
            "ledger" => Ledger::from_jsonl(input, Profile::default(), &cal, ProfileCheck::Same)
                .err()
                .map(|e| e.code()),
            "command" => {
                let mut ledger = base.clone();
                let got = execute_json(&mut ledger, input).err().map(|e| e.code());
                if got.is_some() {
                    assert!(
                        ledger.to_jsonl().unwrap() == before,
                        "{name}: a refused command changed the ledger"
                    );
                }
                got
            }
            "profile" => Profile::from_json(input).err().map(|e| e.code()),
            other => panic!("{name}: unknown kind {other}"),
        };
        match got {
            Some(c) if c.as_str() == code => {}
            other => wrong.push(format!("{name}: expected {code}, got {other:?}")),
        }
    }
    assert!(count >= 80, "{count} cases");
    assert!(
        wrong.is_empty(),
        "{} of {count} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

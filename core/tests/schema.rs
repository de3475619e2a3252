//! The committed JSON Schemas (`docs/schema`) match the types; set `JIANYI_BLESS=1` to rewrite.
#![cfg(feature = "schema")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests"
)]

use std::path::PathBuf;

#[test]
fn committed_schemas_are_current() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/schema");
    let bless = std::env::var_os("JIANYI_BLESS").is_some();
    for (name, text) in jianyi_core::schema::all() {
        let path = dir.join(name);
        if bless {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &text).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(committed == text, "{name} is out of date: run JIANYI_BLESS=1 cargo test -p jianyi-core --features schema --test schema");
    }
}

#[test]
fn a_ledger_line_names_its_fact_types_in_the_schema() {
    let (_, event) = jianyi_core::schema::all()
        .into_iter()
        .find(|(n, _)| *n == "ledger-event.schema.json")
        .unwrap();
    for fact in [
        "suggestion_submitted",
        "assigned",
        "reply_issued",
        "rolled_over",
        "feedback_given",
    ] {
        assert!(event.contains(fact), "{fact}");
    }
}

//! 来源 (provenance, issue 18): a command's optional `source` (an imported 台账 row) travels
//! onto its events; the facts it marks unknown waive the checks that rest on them, stay with
//! the item, and the figures leave the item out and say so. Ledgers without sources are
//! written exactly as before (version 2).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests"
)]

mod common;

use common::*;
use jianyi_core::{Action, Calendar, Command, Ledger, Profile, ProfileCheck, Source, Unknown};

fn imported(s: &mut Scenario, n: &str, on: &str, u: &str, action: Action, unknown: &[Unknown]) {
    let cmd = Command {
        id: n.parse().unwrap(),
        on: d(on),
        actor: as_unit(u),
        action,
        source: Some(Box::new(Source {
            file: "台账.xlsx".into(),
            row: 7,
            unknown: unknown.to_vec(),
        })),
    };
    let out = s.ledger.execute(&cmd).unwrap();
    assert!(out.events.iter().all(|e| e.source == cmd.source));
}

fn reply(id: &str) -> Action {
    Action::IssueReply {
        item: item(id),
        class: "resolved".into(),
        promised_by: None,
        signed_by_head: false,
        copied_to: vec![],
        leader_reviewed: false,
    }
}

#[test]
fn an_unknown_contact_waives_the_check_and_the_figures_say_so() {
    let mut s = Scenario::seed_city().unrecorded();
    s.assigned("J001", "D02", "U-FIN");
    s.assigned("J002", "D03", "U-FIN");
    // Seed-city requires a contact before the reply: refused without a source …
    s.refused(
        "2022-05-06",
        as_unit("U-FIN"),
        reply("J001"),
        "handle.contact_required",
    );
    // … and with a source that knows the contact was not made (nothing unknown).
    let cmd = Command {
        id: "imp-0".parse().unwrap(),
        on: d("2022-05-06"),
        actor: as_unit("U-FIN"),
        action: reply("J001"),
        source: Some(Box::new(Source {
            file: "台账.xlsx".into(),
            row: 7,
            unknown: vec![],
        })),
    };
    assert_eq!(
        s.ledger.execute(&cmd).unwrap_err().code().as_str(),
        "handle.contact_required"
    );
    // An imported reply whose contact and dates are unknown is recorded.
    imported(
        &mut s,
        "imp-1",
        "2022-05-06",
        "U-FIN",
        reply("J001"),
        &[Unknown::Date, Unknown::Contact],
    );
    s.contact("2022-05-01", "J002", "U-FIN");
    s.reply("2022-05-06", "J002", "U-FIN", "resolved", None);

    let it = s.ledger.item(&item("J001")).unwrap();
    assert!(it.unknown.contains(Unknown::Contact) && it.unknown.contains(Unknown::Date));
    let f = s.ledger.year_figures(2022, d("2022-12-31")).unwrap();
    assert_eq!(f.replied, 2);
    // J001's timeliness is unknown: left out of the on-time rate, counted apart.
    assert_eq!(f.timing_unknown, 1);
    assert_eq!(f.on_time_rate.share.denominator, 1);
    assert!(f.is_unknown("on_time_rate") && f.is_unknown("contact_before_reply"));
    assert!(!f.is_unknown("by_topic"));
    let t = s.ledger.year_tables(2022, d("2022-12-31")).unwrap();
    let rows: Vec<(&str, u64)> = t
        .contact_before_reply
        .rows
        .iter()
        .map(|r| (r.id.as_str(), r.count))
        .collect();
    assert_eq!(
        rows,
        vec![("contacted", 1), ("not_contacted", 0), ("unknown", 1)]
    );

    // J001 awaits its rating, but its dates are stand-ins: no deadline, so it is on no
    // worklist (J002's rating is).
    let owed = s
        .ledger
        .open_obligations_of_deputy(&deputy("D02"), d("2022-12-31"))
        .unwrap();
    assert!(owed.is_empty(), "{owed:?}");
    let owed = s
        .ledger
        .open_obligations_of_deputy(&deputy("D03"), d("2022-12-31"))
        .unwrap();
    assert_eq!(owed.len(), 1);

    // Written as version 3 only once the first event has a source; read back the same.
    let text = s.ledger.to_jsonl().unwrap();
    assert!(text.starts_with(r#"{"format":"jianyi-ledger","version":2,"#));
    assert!(text.contains(r#""source":{"file":"台账.xlsx","row":7,"unknown":["date","contact"]}"#));
    let again = Ledger::from_jsonl(
        &text,
        Profile::preset("seed-city").unwrap(),
        &Calendar::china(),
        ProfileCheck::Same,
    )
    .unwrap();
    assert_eq!(again.year_figures(2022, d("2022-12-31")).unwrap(), f);
    assert!(jianyi_core::chain::verify(&text).is_ok());
}

#[test]
fn a_ledger_whose_first_event_is_imported_is_version_3() {
    let mut l = Ledger::new(Profile::preset("seed-city").unwrap(), &Calendar::china()).unwrap();
    assert_eq!(l.header().version, 2);
    let cmd: Command = serde_json::from_value(serde_json::json!({
        "id": "imp-dir-1", "on": "2022-01-01", "actor": {"role": "deputy_affairs_office"},
        "action": {"type": "register_committee", "committee": {"id": "C-1", "name": "财经委"}},
        "source": {"file": "t.csv", "row": 2}
    }))
    .unwrap();
    l.execute(&cmd).unwrap();
    assert_eq!(l.header().version, 3);
    let text = l.to_jsonl().unwrap();
    assert!(jianyi_core::chain::verify(&text).is_ok());
    let again = Ledger::from_jsonl(
        &text,
        Profile::preset("seed-city").unwrap(),
        &Calendar::china(),
        ProfileCheck::Same,
    )
    .unwrap();
    assert_eq!(again.events(), l.events());
}

//! Fuzz target bodies (SPEC §12; feature `fuzzing`): each takes arbitrary bytes, drives one
//! public entry point and checks what must always hold. A broken invariant panics, which is
//! what a fuzzer reports; a refused input is fine. The same functions run under cargo-fuzz
//! (`fuzz/fuzz_targets/*`), replay the committed corpus and regressions in `cargo test`
//! (`core/tests/fuzz_replay.rs`), and drive a bounded seeded smoke there.
#![expect(
    clippy::panic,
    clippy::manual_assert,
    clippy::missing_panics_doc,
    reason = "a fuzz target reports a broken invariant by panicking"
)]

use chrono::{Days, NaiveDate};

use crate::calendar::{Calendar, Window, WindowUnit};
use crate::command::Command;
use crate::ledger::Ledger;
use crate::profile::Profile;
use crate::wire::ProfileCheck;

/// A fuzz target: its name (that of `fuzz/fuzz_targets/<name>.rs` and of its corpus
/// directory) and its body.
pub type Target = (&'static str, fn(&[u8]));

/// The fuzz targets: the one list of names and bodies [`run`] dispatches on.
pub const TARGETS: [Target; 5] = [
    ("ledger_replay", ledger_replay),
    ("command_sequence", command_sequence),
    ("profile_json", profile_json),
    ("calendar_arithmetic", calendar_arithmetic),
    ("snapshot_reopen", snapshot_reopen),
];

/// Runs target `name` on `data`; `false` for an unknown name.
pub fn run(name: &str, data: &[u8]) -> bool {
    TARGETS
        .iter()
        .find(|(target, _)| *target == name)
        .map(|(_, body)| body(data))
        .is_some()
}

/// A ledger read from arbitrary text: the part accepted re-reads to the same ledger, and
/// writing it again gives the same text.
pub fn ledger_replay(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let calendar = Calendar::china();
    let Ok((ledger, _error)) =
        Ledger::replay_jsonl(&text, Profile::default(), &calendar, ProfileCheck::WhatIf)
    else {
        return;
    };
    let Ok(written) = ledger.to_jsonl() else {
        panic!("a ledger read in full does not hold its log");
    };
    match Ledger::from_jsonl(
        &written,
        Profile::default(),
        &calendar,
        ProfileCheck::WhatIf,
    ) {
        Ok(again) => {
            if again != ledger || again.to_jsonl().as_deref() != Ok(written.as_str()) {
                panic!("the accepted part of a ledger does not read back to itself");
            }
        }
        Err(e) => panic!("a ledger's own text is refused: {e}"),
    }
}

/// Commands, one JSON object per line, executed in order against an empty seed-city ledger:
/// every refusal has a committed code and leaves the ledger exactly as it was, and the
/// ledger built replays to itself.
pub fn command_sequence(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let calendar = Calendar::china();
    let Ok(mut ledger) = Ledger::new(Profile::default(), &calendar) else {
        panic!("the default profile is invalid");
    };
    for line in text.lines().take(256) {
        let Ok(command) = serde_json::from_str::<Command>(line) else {
            continue;
        };
        let before = ledger.clone();
        if let Err(e) = ledger.execute(&command) {
            if !crate::error::ALL_CODES.contains(&e.code().as_str()) {
                panic!("uncommitted code {}", e.code());
            }
            if ledger != before {
                panic!("a refused command changed the ledger: {}", e.code());
            }
        }
    }
    let Ok(written) = ledger.to_jsonl() else {
        panic!("an executed ledger does not hold its log");
    };
    match Ledger::from_jsonl(&written, Profile::default(), &calendar, ProfileCheck::Same) {
        Ok(again) if again == ledger => {}
        Ok(_) => panic!("replay differs from the executed ledger"),
        Err(e) => panic!("the executed ledger does not replay: {e}"),
    }
}

/// A profile read from arbitrary JSON: once valid, it writes and reads back to itself with
/// the same content hash.
pub fn profile_json(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let Ok(profile) = Profile::from_json(&text) else {
        return;
    };
    match Profile::from_json(&profile.to_json()) {
        Ok(back) => {
            if back != profile || back.content_hash() != profile.content_hash() {
                panic!("a valid profile does not round-trip");
            }
        }
        Err(e) => panic!("a valid profile's own JSON is refused: {e}"),
    }
}

/// Date arithmetic on arbitrary anchors and windows: never a panic; a due date never
/// precedes its anchor; counting the working days back gives the window.
pub fn calendar_arithmetic(data: &[u8]) {
    let mut bytes = [0u8; 8];
    for (dst, src) in bytes.iter_mut().zip(data) {
        *dst = *src;
    }
    let [d0, d1, d2, d3, n0, n1, unit, roll] = bytes;
    // Days from 2004-01-01, about ±90 years; a window of up to 65 535 units.
    let offset = i64::from(i32::from_le_bytes([d0, d1, d2, d3]) >> 8);
    let amount = u32::from(u16::from_le_bytes([n0, n1]));
    let unit = match unit % 3 {
        0 => WindowUnit::CalendarDays,
        1 => WindowUnit::WorkingDays,
        _ => WindowUnit::Months,
    };
    let roll = roll % 2 == 0;
    let Some(epoch) = NaiveDate::from_ymd_opt(2004, 1, 1) else {
        return;
    };
    let anchor = if offset >= 0 {
        epoch.checked_add_days(Days::new(offset.unsigned_abs()))
    } else {
        epoch.checked_sub_days(Days::new(offset.unsigned_abs()))
    };
    let Some(anchor) = anchor else { return };
    let calendar = Calendar::china();
    let window = Window { amount, unit };
    if let Ok(deadline) = calendar.due_date(anchor, window, roll) {
        if deadline.due < anchor {
            panic!("due {} before anchor {anchor}", deadline.due);
        }
        if unit == WindowUnit::WorkingDays && !roll {
            if let Ok(n) = calendar.working_days_between(anchor, deadline.due) {
                if n != i64::from(amount) {
                    panic!(
                        "{amount} working days from {anchor} end on {}, {n} later",
                        deadline.due
                    );
                }
            }
        }
    }
    let _ = calendar.is_working_day(anchor);
    let _ = calendar.add_working_days(anchor, amount);
}

/// A small generated ledger's text, its snapshot's header line and its snapshot's body.
fn base_snapshot() -> Option<(String, String, Vec<u8>)> {
    let config = crate::generator::GeneratorConfig::scaled(3, 1);
    let ledger = crate::generator::generate(&config).ok()?;
    let text = ledger.to_jsonl().ok()?;
    let snapshot = ledger.snapshot();
    let end = snapshot.iter().position(|b| *b == b'\n')?;
    let header = String::from_utf8(snapshot.get(..end)?.to_vec()).ok()?;
    let body = snapshot.get(end.saturating_add(1)..)?.to_vec();
    Some((text, header, body))
}

/// A snapshot whose body is changed at arbitrary bytes, its header naming the changed body's
/// digest (so that the records are read, not refused as corrupt): reopening the valid ledger
/// from it never fails and never panics; a snapshot it refuses leaves the ledger read in
/// full; one it takes gives a state whose own snapshot reopens to the same snapshot.
///
/// `data`: the first byte, when odd, cuts the body (to that many 256ths of it); the rest are
/// edits of three bytes each, a position (two bytes, little-endian, taken modulo the body's
/// length) and the byte to put there.
pub fn snapshot_reopen(data: &[u8]) {
    static BASE: std::sync::OnceLock<Option<(String, String, Vec<u8>)>> =
        std::sync::OnceLock::new();
    let Some((text, header, original)) = BASE.get_or_init(base_snapshot).as_ref() else {
        panic!("the base ledger of the snapshot target does not build");
    };
    let (cut, edits) = data.split_first().map_or((0, &[][..]), |(c, e)| (*c, e));
    let mut body = original.clone();
    for edit in edits.chunks_exact(3) {
        let [low, high, byte] =
            [edit.first(), edit.get(1), edit.get(2)].map(|b| b.copied().unwrap_or(0));
        let at = usize::from(u16::from_le_bytes([low, high]))
            .checked_rem(body.len())
            .unwrap_or(0);
        if let Some(slot) = body.get_mut(at) {
            *slot = byte;
        }
    }
    if cut % 2 == 1 {
        body.truncate(body.len().saturating_mul(usize::from(cut)) / 256);
    }
    let header = header.replacen(
        &crate::chain::digest_hex(original),
        &crate::chain::digest_hex(&body),
        1,
    );
    let snapshot = [header.as_bytes(), b"\n", &body].concat();
    let reopen = |snapshot: &[u8]| {
        Ledger::reopen(
            text,
            snapshot,
            Profile::default(),
            &Calendar::china(),
            std::num::NonZeroUsize::MIN,
        )
    };
    let (ledger, refused) = match reopen(&snapshot) {
        Ok(reopened) => reopened,
        Err(e) => panic!("a valid ledger is refused beside a changed snapshot: {e}"),
    };
    if refused.is_some() {
        if !ledger.holds_log() {
            panic!("a refused snapshot did not leave the ledger read in full");
        }
        return;
    }
    let again = ledger.snapshot();
    match reopen(&again) {
        Ok((back, None)) => {
            if back.snapshot() != again {
                panic!("a taken snapshot's state does not snapshot to itself");
            }
        }
        Ok((_, Some(e))) => panic!("a taken snapshot's own snapshot is refused: {e}"),
        Err(e) => panic!("a taken snapshot's own snapshot fails: {e}"),
    }
}

//! Scenario transcripts: every command a scenario test ran and what the core answered, one
//! JSON line each, committed under `core/tests/golden/scenarios/<test>.jsonl`.
//!
//! The first line is `{"profile": …}`; each further line is
//! `{"command": …, "then": {"events": […]}}` or
//! `{"command": …, "then": {"error": "<code>", "details": {…}}}`. The Python and Kotlin
//! binding tests replay these files through their own surface and must get the same answers
//! (issue 6: "the same scenarios as the Rust scenario tests giving identical answers").

use std::cell::Cell;
use std::path::PathBuf;

use jianyi_core::{Command, CommandError, Error, Outcome};

/// One transcript line.
pub fn line(command: &Command, result: &Result<Outcome, CommandError>) -> String {
    let then = match result {
        Ok(outcome) => serde_json::json!({ "events": outcome.events }),
        Err(e) => {
            let details: serde_json::Value =
                serde_json::from_str(&Error::from(e.clone()).details_json()).unwrap();
            serde_json::json!({ "error": e.code().as_str(), "details": details })
        }
    };
    serde_json::json!({ "command": command, "then": then }).to_string()
}

/// Compares the transcript with the current test's golden file, or writes it when
/// `JIANYI_BLESS=1`.
pub fn check(lines: &[String]) {
    let thread = std::thread::current();
    // libtest names each test's thread after the test; a single-threaded run (`main`)
    // cannot tell the scenarios apart and leaves the files alone.
    let Some(name) = thread.name().filter(|n| *n != "main") else {
        return;
    };
    thread_local! {
        /// Scenarios this test has finished so far: the second one gets `-2`, and so on.
        static FINISHED: Cell<u32> = const { Cell::new(0) };
    }
    let n = FINISHED.with(|f| {
        f.set(f.get() + 1);
        f.get()
    });
    let suffix = if n == 1 {
        String::new()
    } else {
        format!("-{n}")
    };
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/scenarios")
        .join(format!("{}{suffix}.jsonl", name.replace("::", "-")));
    let text = lines.join("\n") + "\n";
    if std::env::var_os("JIANYI_BLESS").is_some() {
        std::fs::write(&path, &text).unwrap();
        return;
    }
    let golden = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run `JIANYI_BLESS=1 cargo test -p jianyi-core --test scenarios`",
            path.display()
        )
    });
    assert!(
        golden == text,
        "{} differs from this run's transcript; review and bless with JIANYI_BLESS=1",
        path.display()
    );
}

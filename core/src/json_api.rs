//! A serialized surface (ARCHITECTURE.md §6.4): commands in, facts or outcomes out, as JSON
//! text. Hosts that store events as text, fuzzers and the bindings' generic paths use it;
//! the typed API stays the main one.

use crate::command::Command;
use crate::error::{Error, InputError};
use crate::ledger::Ledger;

fn parse_command(json: &str) -> Result<Command, Error> {
    serde_json::from_str(json).map_err(|e| {
        InputError::Malformed {
            what: "command",
            reason: e.to_string(),
        }
        .into()
    })
}

/// Decide a JSON command without recording it; returns the facts as a JSON array.
///
/// # Errors
/// `input.malformed` for unreadable JSON, else every code of [`Ledger::decide`].
pub fn decide_json(ledger: &Ledger, command: &str) -> Result<String, Error> {
    let command = parse_command(command)?;
    let facts = ledger.decide(&command)?;
    Ok(serde_json::to_string(&facts).unwrap_or_default())
}

/// Execute a JSON command; returns the [`crate::Outcome`] as JSON
/// (`{"events": [...], "duplicate": false}`).
///
/// # Errors
/// `input.malformed` for unreadable JSON, else every code of [`Ledger::execute`].
pub fn execute_json(ledger: &mut Ledger, command: &str) -> Result<String, Error> {
    let command = parse_command(command)?;
    let outcome = ledger.execute(&command)?;
    Ok(serde_json::to_string(&outcome).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Calendar, Profile};

    #[test]
    fn executes_a_json_command_and_refuses_malformed_ones() {
        let mut ledger = Ledger::new(Profile::default(), &Calendar::china()).unwrap();
        let cmd = r#"{"id":"c1","on":"2022-01-05","actor":{"role":"deputy_affairs_office"},
            "action":{"type":"register_committee","committee":{"id":"C1","name":"财经委"}}}"#;
        let facts = decide_json(&ledger, cmd).unwrap();
        assert!(facts.contains("committee_registered"));
        let out = execute_json(&mut ledger, cmd).unwrap();
        assert!(out.contains("\"duplicate\":false"));
        assert!(execute_json(&mut ledger, cmd)
            .unwrap()
            .contains("\"duplicate\":true"));
        let err = execute_json(&mut ledger, "{\"id\":").unwrap_err();
        assert_eq!(err.code().as_str(), "input.malformed");
        let unknown = cmd.replace("register_committee", "launch_rocket");
        assert_eq!(
            execute_json(&mut ledger, &unknown)
                .unwrap_err()
                .code()
                .as_str(),
            "input.malformed"
        );
        assert_eq!(ledger.events().len(), 1);
    }
}

//! The one error type of the binding (ARCHITECTURE.md §6.3): coarse families, each carrying
//! the core's stable code, its one-line message and its structured details as JSON.
//!
//! Kotlin sees `JianyiException.Rejected` (etc.), Swift `JianyiError.rejected(code:detail:detailsJson:)`,
//! uniffi's Python `JianyiError.Rejected`. The field is `detail`, not `message`: a field named
//! `message` hides `Throwable.message` and the generated Kotlin does not compile.
//!
//! A panic inside Rust does not arrive as this type: uniffi catches it and raises its own
//! `InternalException` (Kotlin) / `InternalError` (Python) / `UniffiInternalError` (Swift).

use jianyi_core::{CommandError, Error, InputError};

/// Every error an exported function or method returns.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum JianyiError {
    /// Bad input: malformed JSON, a bad id, a date that is not ISO `YYYY-MM-DD`, oversized or
    /// empty text (`input.*`).
    #[error("{detail}")]
    Input {
        /// Stable dotted code, e.g. `input.malformed`.
        code: String,
        /// One line naming the field, item or line.
        detail: String,
        /// Structured details (a JSON object).
        details_json: String,
    },
    /// An invalid or unknown rules profile (`profile.*`).
    #[error("{detail}")]
    Profile {
        /// Stable dotted code, e.g. `profile.unknown_preset`.
        code: String,
        /// One line naming the key.
        detail: String,
        /// Structured details (a JSON object).
        details_json: String,
    },
    /// A date outside the calendar's years or bad calendar data (`calendar.*`).
    #[error("{detail}")]
    Calendar {
        /// Stable dotted code, e.g. `calendar.out_of_range`.
        code: String,
        /// One line naming the date or the JSON path.
        detail: String,
        /// Structured details (a JSON object).
        details_json: String,
    },
    /// A refused command (`permission.*`, `item.*`, `assign.*`, `reply.*`, …). Nothing changed.
    #[error("{detail}")]
    Rejected {
        /// Stable dotted code, e.g. `assign.return_window_closed`.
        code: String,
        /// One line naming the item, unit or date.
        detail: String,
        /// Structured details (a JSON object with the variant's fields).
        details_json: String,
    },
    /// A ledger that cannot be read or replayed (`ledger.*`), naming the line.
    #[error("{detail}")]
    Ledger {
        /// Stable dotted code, e.g. `ledger.parse`.
        code: String,
        /// One line naming the line number.
        detail: String,
        /// Structured details (a JSON object).
        details_json: String,
    },
    /// A bug in the binding (a value that could not be serialized). Never a rule.
    #[error("{detail}")]
    Internal {
        /// Stable code (`internal.*`).
        code: String,
        /// What failed.
        detail: String,
        /// Structured details (a JSON object).
        details_json: String,
    },
}

impl JianyiError {
    /// The stable dotted code.
    pub fn code(&self) -> &str {
        match self {
            JianyiError::Input { code, .. }
            | JianyiError::Profile { code, .. }
            | JianyiError::Calendar { code, .. }
            | JianyiError::Rejected { code, .. }
            | JianyiError::Ledger { code, .. }
            | JianyiError::Internal { code, .. } => code,
        }
    }

    /// An internal error: something that should not fail did (serialization of core data).
    pub(crate) fn internal(what: &str, reason: &str) -> JianyiError {
        JianyiError::Internal {
            code: "internal.serialization".to_owned(),
            detail: format!("cannot serialize {what}: {reason}"),
            details_json: serde_json::json!({ "what": what, "reason": reason }).to_string(),
        }
    }
}

impl From<Error> for JianyiError {
    fn from(e: Error) -> JianyiError {
        let code = e.code().as_str().to_owned();
        let detail = e.to_string();
        let details_json = e.details_json();
        // The family follows the code: a command refused for bad input is an input error,
        // one refused for a date outside the calendar a calendar error.
        match e {
            Error::Input(_) | Error::Command(CommandError::Input(_)) => JianyiError::Input {
                code,
                detail,
                details_json,
            },
            Error::Profile(_) => JianyiError::Profile {
                code,
                detail,
                details_json,
            },
            Error::Calendar(_) | Error::Command(CommandError::Calendar(_)) => {
                JianyiError::Calendar {
                    code,
                    detail,
                    details_json,
                }
            }
            Error::Command(_) => JianyiError::Rejected {
                code,
                detail,
                details_json,
            },
            Error::Ledger(_) => JianyiError::Ledger {
                code,
                detail,
                details_json,
            },
        }
    }
}

macro_rules! via_core_error {
    ($($t:ty),*) => {$(
        impl From<$t> for JianyiError {
            fn from(e: $t) -> JianyiError {
                JianyiError::from(Error::from(e))
            }
        }
    )*};
}

via_core_error!(
    InputError,
    jianyi_core::ProfileError,
    jianyi_core::CalendarError,
    CommandError,
    jianyi_core::LedgerError
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_follow_the_code() {
        let e = JianyiError::from(InputError::EmptyText { field: "title" });
        assert!(matches!(e, JianyiError::Input { .. }));
        assert_eq!(e.code(), "input.empty_text");
        let e = JianyiError::from(CommandError::Input(InputError::EmptyText {
            field: "title",
        }));
        assert!(matches!(e, JianyiError::Input { .. }));
        let e = JianyiError::from(CommandError::DelegationNotAllowed);
        assert!(matches!(e, JianyiError::Rejected { .. }));
        assert_eq!(e.code(), "submit.delegation_not_allowed");
        let e = JianyiError::from(jianyi_core::ProfileError::UnknownPreset { name: "x".into() });
        assert!(matches!(e, JianyiError::Profile { .. }));
        let e = JianyiError::internal("facts", "boom");
        assert_eq!(e.code(), "internal.serialization");
    }
}

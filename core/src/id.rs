//! Identifiers (编号) of every thing the ledger names.
//!
//! Ids are short opaque strings chosen by the host system (a vendor's database key, a
//! session's registration number such as `J2022-001`). They are validated once, when they
//! enter the library: non-empty, at most [`MAX_ID_LEN`] bytes, no whitespace or control
//! characters. After that they are cheap to clone and compare.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize};

use crate::error::InputError;

/// The longest id accepted, in bytes.
pub const MAX_ID_LEN: usize = 64;

fn check_id(kind: &'static str, raw: &str) -> Result<(), InputError> {
    if raw.is_empty() {
        return Err(InputError::InvalidId {
            kind,
            id: raw.to_owned(),
            reason: "is empty",
        });
    }
    if raw.len() > MAX_ID_LEN {
        return Err(InputError::InvalidId {
            kind,
            id: raw.chars().take(16).collect::<String>() + "…",
            reason: "is longer than 64 bytes",
        });
    }
    if raw.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(InputError::InvalidId {
            kind,
            id: raw.to_owned(),
            reason: "contains whitespace or control characters",
        });
    }
    Ok(())
}

macro_rules! define_id {
    ($(#[$doc:meta])* $name:ident, $kind:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Validates and wraps an id.
            ///
            /// # Errors
            /// `input.invalid_id` when the id is empty, too long or has whitespace.
            pub fn new(raw: impl Into<String>) -> Result<Self, InputError> {
                let raw = raw.into();
                check_id($kind, &raw)?;
                Ok(Self(raw))
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl FromStr for $name {
            type Err = InputError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::new(s)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let raw = String::deserialize(d)?;
                Self::new(raw).map_err(serde::de::Error::custom)
            }
        }
    };
}

define_id!(
    /// 议案、建议编号 (item id): a motion or a suggestion.
    ItemId,
    "item"
);
define_id!(
    /// 代表 (deputy) id.
    DeputyId,
    "deputy"
);
define_id!(
    /// 代表团 (delegation) id.
    DelegationId,
    "delegation"
);
define_id!(
    /// 承办单位 (handling unit) id.
    UnitId,
    "unit"
);
define_id!(
    /// 委办室 / 专门委员会 (committee) id.
    CommitteeId,
    "committee"
);
define_id!(
    /// 会议 (session) id, e.g. `9-1` for the first session of the ninth congress.
    SessionId,
    "session"
);
define_id!(
    /// 领导 (leader) id: chair, vice-chair, mayor, vice-mayor.
    LeaderId,
    "leader"
);
define_id!(
    /// 指令编号 (command id): makes commands idempotent.
    CommandId,
    "command"
);
define_id!(
    /// 并案组 (merge group) id.
    MergeGroupId,
    "merge_group"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_plain_ids() {
        assert_eq!(ItemId::new("J2022-001").unwrap().as_str(), "J2022-001");
        assert_eq!(
            "U-财政局".parse::<UnitId>().unwrap().to_string(),
            "U-财政局"
        );
    }

    #[test]
    fn rejects_bad_ids() {
        for bad in ["", "a b", "tab\tid", &"x".repeat(65)] {
            let err = ItemId::new(bad).unwrap_err();
            assert_eq!(err.code().as_str(), "input.invalid_id");
        }
    }

    #[test]
    fn deserialising_validates() {
        let ok: DeputyId = serde_json::from_str("\"D001\"").unwrap();
        assert_eq!(ok.as_str(), "D001");
        assert!(serde_json::from_str::<DeputyId>("\"\"").is_err());
    }
}

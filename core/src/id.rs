//! Identifiers (编号) of every thing the ledger names.
//!
//! Ids are short opaque strings chosen by the host system (a vendor's database key, a
//! session's registration number such as `J2022-001`). They are validated once, when they
//! enter the library: non-empty, at most [`MAX_ID_LEN`] bytes, no whitespace or control
//! characters. After that they are cheap to clone and compare: an id of up to 23 bytes (every
//! id the generator writes, and the registration numbers real systems use) is held inline,
//! with no allocation when it is read or cloned (SPEC §13: no per-event allocation on the
//! replay path); a longer one is shared, not copied.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use smol_str::SmolStr;

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

/// Reads an id's text without an intermediate `String`.
struct IdVisitor;

impl Visitor<'_> for IdVisitor {
    type Value = SmolStr;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an id (a string)")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<SmolStr, E> {
        Ok(SmolStr::new(v))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<SmolStr, E> {
        Ok(SmolStr::from(v))
    }
}

macro_rules! define_id {
    ($(#[$doc:meta])* $name:ident, $kind:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[cfg_attr(feature = "schema", schemars(transparent))]
        pub struct $name(#[cfg_attr(feature = "schema", schemars(with = "String"))] SmolStr);

        impl $name {
            /// Validates and wraps an id.
            ///
            /// # Errors
            /// `input.invalid_id` when the id is empty, too long or has whitespace.
            pub fn new(raw: impl Into<String>) -> Result<Self, InputError> {
                let raw: String = raw.into();
                check_id($kind, &raw)?;
                Ok(Self(SmolStr::from(raw)))
            }

            /// Checks and wraps an id read from text in place (a short id is held inline,
            /// never allocated), as reading one from JSON does.
            #[allow(dead_code, reason = "every kind of id has it; a snapshot reads seven of them")]
            pub(crate) fn from_text(raw: &str) -> Result<Self, InputError> {
                check_id($kind, raw)?;
                Ok(Self(SmolStr::new(raw)))
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

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                // Read from the text in place: a short id is copied inline, never allocated.
                let raw = d.deserialize_str(IdVisitor)?;
                check_id($kind, &raw).map_err(de::Error::custom)?;
                Ok(Self(raw))
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

/// 指令摘要 (command digest): the first 16 hex digits of SHA-256 of a command's JSON, carried by
/// each of its events so that a retry is recognised.
// Held inline like a short id: reading an event allocates nothing for it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(transparent))]
pub struct CommandDigest(#[cfg_attr(feature = "schema", schemars(with = "String"))] SmolStr);

impl CommandDigest {
    /// Wraps a digest's text (any text: a ledger written elsewhere is read as it is).
    pub fn new(text: &str) -> CommandDigest {
        CommandDigest(SmolStr::new(text))
    }

    /// The digest as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CommandDigest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for CommandDigest {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for CommandDigest {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(IdVisitor).map(CommandDigest)
    }
}

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
    fn short_and_long_ids_read_back_alike() {
        // 23 bytes are held inline, 24 and more shared: both must read, compare and
        // serialise as the text they came from.
        for raw in ["D1", &"x".repeat(23), &"y".repeat(24), &"z".repeat(64)] {
            let json = format!("\"{raw}\"");
            let id: ItemId = serde_json::from_str(&json).unwrap();
            assert_eq!(id.as_str(), raw);
            assert_eq!(serde_json::to_string(&id).unwrap(), json);
            assert_eq!(id, ItemId::new(raw).unwrap());
            let digest: CommandDigest = serde_json::from_str(&json).unwrap();
            assert_eq!(digest.as_str(), raw);
        }
        // An escaped id is read through serde's own buffer and validated the same way.
        let escaped: DeputyId = serde_json::from_str("\"D\\u4e00\"").unwrap();
        assert_eq!(escaped.as_str(), "D一");
        assert!(serde_json::from_str::<DeputyId>("\"a\\tb\"").is_err());
        // Order is the text's order (outputs sorted by id do not change).
        assert!(ItemId::new("J2").unwrap() < ItemId::new(&*"J3".repeat(20)).unwrap());
    }

    #[test]
    fn deserialising_validates() {
        let ok: DeputyId = serde_json::from_str("\"D001\"").unwrap();
        assert_eq!(ok.as_str(), "D001");
        assert!(serde_json::from_str::<DeputyId>("\"\"").is_err());
    }
}

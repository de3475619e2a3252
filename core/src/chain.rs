//! 防篡改 (the tamper-evident ledger, SPEC §11–§12): from format version 2 every event line
//! starts with `"prev"`, the SHA-256 of the line before it (the header for the first event).
//! Changing, removing or reordering any line breaks the link of the line after it, and
//! [`verify`] names the first broken link without replaying anything.
//!
//! The chain covers the bytes of the lines as written; an event line is
//! `{"prev":"<64 hex digits>",` followed by the event's own JSON without its opening brace.
//! Version 1 ledgers (no chain) are read through the upcaster ([`upcast_v1`]).

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::LedgerError;
use crate::ledger::hex;

/// What every chained event line starts with.
const PREV_OPEN: &str = "{\"prev\":\"";

/// Hex digits of a link.
const LINK_LEN: usize = 64;

/// The link to a line: lower-case hex SHA-256 of its bytes (no newline).
pub fn link(line: &str) -> String {
    hex(&Sha256::digest(line.as_bytes()))
}

/// Lower-case hex SHA-256 of `bytes` (a snapshot's body).
#[cfg(feature = "snapshots")]
pub(crate) fn digest_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// An event's JSON written as a chained line after the line whose link is `prev`.
pub(crate) fn chained_line(prev: &str, event_json: &str) -> String {
    let rest = event_json.strip_prefix('{').unwrap_or(event_json);
    let mut line = String::with_capacity(
        PREV_OPEN
            .len()
            .saturating_add(LINK_LEN)
            .saturating_add(rest.len())
            .saturating_add(2),
    );
    line.push_str(PREV_OPEN);
    line.push_str(prev);
    line.push_str("\",");
    line.push_str(rest);
    line
}

/// Where the chain stood after a prefix of the log: the link of the line that wrote event
/// `events` (the header's when 0). A ledger keeps one so that [`crate::Ledger::chain_head`]
/// hashes only the events after it: a host appending a batch of lines at a time would
/// otherwise re-serialise the whole ledger for every batch (quadratic over a day's batches).
///
/// It is a cache of what the log determines (the log only grows, so a mark for a prefix stays
/// true): two ledgers with equal state are equal whatever their marks.
#[derive(Debug, Clone, Default)]
pub(crate) struct ChainMark(Option<(usize, String)>);

impl ChainMark {
    /// A mark after the first `events` events, whose last line has link `link`.
    pub(crate) fn after(events: usize, link: String) -> ChainMark {
        ChainMark(Some((events, link)))
    }

    /// How many events the mark covers and the link there (`None`: start at the header).
    pub(crate) fn get(&self) -> Option<(usize, &str)> {
        self.0.as_ref().map(|(n, link)| (*n, link.as_str()))
    }
}

impl PartialEq for ChainMark {
    fn eq(&self, _: &ChainMark) -> bool {
        // INVARIANT: a mark only caches what the log determines (see above).
        true
    }
}

impl Eq for ChainMark {}

/// A chained line split into its `prev` link and the event's JSON (`None` when the line
/// does not start with a well-formed link).
pub fn split_line(line: &str) -> Option<(&str, String)> {
    let (prev, fields) = line_parts(line)?;
    let mut event = String::new();
    event_json_into(fields, &mut event);
    Some((prev, event))
}

/// A chained line's `prev` link and the event's fields after it (the event's JSON without its
/// opening brace), borrowed from the line: reading a ledger splits every line, and an
/// allocation per line was a tenth of a replay.
pub(crate) fn line_parts(line: &str) -> Option<(&str, &str)> {
    let after = line.strip_prefix(PREV_OPEN)?;
    let prev = after.get(..LINK_LEN)?;
    if !prev.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let fields = after.get(LINK_LEN..)?.strip_prefix("\",")?;
    Some((prev, fields))
}

/// The event's JSON from the fields [`line_parts`] returned, written into `buf` (cleared
/// first), so that a reader reuses one buffer for every line.
pub(crate) fn event_json_into(fields: &str, buf: &mut String) {
    buf.clear();
    buf.reserve(fields.len().saturating_add(1));
    buf.push('{');
    buf.push_str(fields);
}

/// The first broken link of a ledger text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BrokenLink {
    /// 1-based line whose `prev` does not match the line before it.
    pub line: usize,
    /// The link of the line before.
    pub expected: String,
    /// What the line says (empty when it carries no link).
    pub found: String,
}

/// What [`verify`] found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainReport {
    /// The format version in the header.
    pub version: u32,
    /// Lines read (header included).
    pub lines: usize,
    /// The link of the last line: what the next line must carry (`None` when broken).
    pub head: Option<String>,
    /// The first broken link; `None` when the chain holds.
    pub broken: Option<BrokenLink>,
}

/// Checks the chain of a ledger text without replaying it.
///
/// # Errors
/// `ledger.missing_header` for a text that does not start with a header of this format;
/// `ledger.unsupported_version` for a version before the chain (1: nothing to verify —
/// upcast it first) or after this library's.
pub fn verify(text: &str) -> Result<ChainReport, LedgerError> {
    let mut lines = text.lines();
    let first = lines.next().unwrap_or_default();
    let header = crate::wire::read_header(first)?;
    if header.version != crate::wire::FORMAT_VERSION
        && header.version != crate::wire::SOURCED_VERSION
    {
        return Err(LedgerError::UnsupportedVersion {
            line: 1,
            version: header.version,
        });
    }
    let mut head = link(first);
    let mut count = 1usize;
    for (i, line) in lines.enumerate() {
        count = count.saturating_add(1);
        if line.trim().is_empty() {
            continue;
        }
        let found = line_parts(line)
            .map(|(p, _)| p.to_owned())
            .unwrap_or_default();
        if found != head {
            return Ok(ChainReport {
                version: header.version,
                lines: count,
                head: None,
                broken: Some(BrokenLink {
                    line: i.saturating_add(2),
                    expected: head,
                    found,
                }),
            });
        }
        head = link(line);
    }
    Ok(ChainReport {
        version: header.version,
        lines: count,
        head: Some(head),
        broken: None,
    })
}

/// The upcaster from format version 1 (no chain) to the current version: the header's
/// version is raised and every event line gets its link. The events themselves are
/// unchanged, so the ledger read from the result equals the one read from the original.
///
/// # Errors
/// `ledger.missing_header`; `ledger.unsupported_version` unless the text is version 1;
/// `ledger.parse` naming a line that is not an event object.
pub fn upcast_v1(text: &str) -> Result<String, LedgerError> {
    let mut lines = text.lines();
    let first = lines.next().unwrap_or_default();
    let mut header = crate::wire::read_header(first)?;
    if header.version != 1 {
        return Err(LedgerError::UnsupportedVersion {
            line: 1,
            version: header.version,
        });
    }
    header.version = crate::wire::FORMAT_VERSION;
    let header_line = serde_json::to_string(&header).unwrap_or_default();
    let mut prev = link(&header_line);
    let mut out = header_line;
    out.push('\n');
    for (i, line) in lines.enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        if !line.trim_start().starts_with('{') {
            return Err(LedgerError::Parse {
                line: i.saturating_add(2),
                reason: "an event line must be a JSON object".to_owned(),
            });
        }
        let chained = chained_line(&prev, line.trim());
        prev = link(&chained);
        out.push_str(&chained);
        out.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_splits_back_into_its_link_and_event() {
        let prev = link("header");
        let line = chained_line(&prev, r#"{"seq":1,"on":"2022-01-05"}"#);
        assert!(line.starts_with(r#"{"prev":""#));
        let (p, event) = split_line(&line).unwrap();
        assert_eq!(p, prev);
        assert_eq!(event, r#"{"seq":1,"on":"2022-01-05"}"#);
        assert_eq!(split_line(r#"{"seq":1}"#), None);
        let not_hex = format!("{PREV_OPEN}{}\",\"seq\":1}}", "z".repeat(LINK_LEN));
        assert_eq!(split_line(&not_hex), None);
    }
}

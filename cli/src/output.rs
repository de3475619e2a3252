//! Printing that never panics: a closed pipe (`jianyi report … | head`) ends the output
//! quietly instead of crashing.

use std::io::Write as _;

/// Writes `text` and a newline to standard output.
pub(crate) fn line(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{text}");
}

/// Writes `text` as it is to standard output.
pub(crate) fn text(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// Writes one error line to standard error.
pub(crate) fn error(message: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "jianyi: {message}");
}

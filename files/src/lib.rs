//! 宿主读文件 (a host's files): what the command line and the Python binding both do with a
//! ledger file and its snapshot file. The core reads no file (it is pure); this crate is the
//! one place that reads a ledger file's end.
//!
//! A national ledger's file runs to gigabytes, and the lines appended since its snapshot are
//! few. [`reopen_from_end`] reads the file's last window ([`first_window`] at first) and
//! reopens the ledger from the snapshot and those lines ([`Ledger::reopen_part`]); when the
//! snapshot's head line lies further back it reads eight times more. It gives up (`None`) on
//! any other refusal or error, and when the window would hold the whole file: the caller then
//! reads the whole file with [`Ledger::reopen`], so that a refusal or an error names what it
//! should (a bad line by its number in the file).

use std::io::{Read, Seek, SeekFrom};
use std::num::NonZeroUsize;
use std::path::Path;

use jianyi_core::snapshot::SnapshotError;
use jianyi_core::{Calendar, Ledger, Profile};

/// How much of a ledger file's end is read first: 64 MiB (a city-year of 100 000 suggestions
/// appends about 1 MB a day).
pub const FIRST_WINDOW: u64 = 64 << 20;

/// How much of a ledger file's end is read first: [`FIRST_WINDOW`], or the number of bytes
/// in the environment variable `JIANYI_TAIL_BYTES` (how the command line's and the Python
/// binding's tests read a small file's end).
pub fn first_window() -> u64 {
    std::env::var("JIANYI_TAIL_BYTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(FIRST_WINDOW)
}

/// The last `window` bytes of the file at `path`, from the first line that starts in them;
/// `None` when the file is no longer than `window` (the caller reads it whole).
///
/// # Errors
/// The file cannot be opened or read, or its end is not UTF-8 (`InvalidData`).
pub fn file_end(path: &Path, window: u64) -> std::io::Result<Option<String>> {
    let mut file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size <= window {
        return Ok(None);
    }
    file.seek(SeekFrom::Start(size.saturating_sub(window)))?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    // The window may start inside a line (or a character): it is read from the next line.
    let start = bytes
        .iter()
        .position(|b| *b == b'\n')
        .map_or(bytes.len(), |n| n.saturating_add(1));
    String::from_utf8(bytes.split_off(start))
        .map(Some)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

/// The ledger in the file at `path` reopened from `snapshot` with only the file's end read:
/// `first_window` bytes of it, then eight times more while the snapshot's head line is
/// not in them. `None` when the window grows to the whole file, or the snapshot is refused
/// for another reason, or a line after the head is bad: the caller then reads the whole
/// file ([`Ledger::reopen`]).
///
/// # Errors
/// The file cannot be read, or its end is not UTF-8.
pub fn reopen_from_end(
    path: &Path,
    snapshot: &[u8],
    profile: &Profile,
    calendar: &Calendar,
    threads: NonZeroUsize,
    first_window: u64,
) -> std::io::Result<Option<Ledger>> {
    let mut window = first_window.max(1);
    while let Some(end) = file_end(path, window)? {
        match Ledger::reopen_part(&end, snapshot, profile.clone(), calendar, threads) {
            Ok(Ok(ledger)) => return Ok(Some(ledger)),
            // The head line is further back: read more of the file.
            Ok(Err(SnapshotError::Head { .. })) => window = window.saturating_mul(8),
            // Any other refusal or error: the whole file names it.
            Ok(Err(_)) | Err(_) => return Ok(None),
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]

    use std::path::PathBuf;

    use jianyi_core::generator::{generate, GeneratorConfig};
    use jianyi_core::ProfileCheck;

    use super::*;

    /// A file of `text` in the temporary directory, removed when dropped.
    struct TempFile(PathBuf);

    impl TempFile {
        fn new(name: &str, text: &str) -> TempFile {
            let path =
                std::env::temp_dir().join(format!("jianyi-files-{}-{name}", std::process::id()));
            std::fs::write(&path, text).unwrap();
            TempFile(path)
        }
    }

    impl Drop for TempFile {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }

    fn read(text: &str) -> Ledger {
        Ledger::from_jsonl(
            text,
            Profile::default(),
            &Calendar::china(),
            ProfileCheck::Same,
        )
        .unwrap()
    }

    #[test]
    fn only_the_end_of_the_file_is_read_and_the_state_is_the_full_read() {
        let text = generate(&GeneratorConfig::scaled(8, 3))
            .unwrap()
            .to_jsonl()
            .unwrap();
        let whole = read(&text);
        let lines: Vec<&str> = text.lines().collect();
        let head = lines.len() - 40;
        let snapshot = read(&(lines[..head].join("\n") + "\n")).snapshot();
        let file = TempFile::new("end", &text);
        let one = NonZeroUsize::MIN;
        let open = |window| {
            reopen_from_end(
                &file.0,
                &snapshot,
                &Profile::default(),
                &Calendar::china(),
                one,
                window,
            )
            .unwrap()
        };
        // A window of 200 bytes holds no line after the head: it grows until it does.
        let reopened = open(200).unwrap();
        assert!(!reopened.holds_log());
        assert_eq!(reopened.log_start(), head - 1);
        assert_eq!(reopened.snapshot(), whole.snapshot());
        assert_eq!(reopened.events(), &whole.events()[head - 1..]);
        // A window as large as the file: the caller reads it whole.
        assert!(open(u64::MAX).is_none());
        // A snapshot of another ledger: its head is in no window; the caller reads the file.
        let other = read(
            &generate(&GeneratorConfig::scaled(8, 4))
                .unwrap()
                .to_jsonl()
                .unwrap(),
        )
        .snapshot();
        let refused = reopen_from_end(
            &file.0,
            &other,
            &Profile::default(),
            &Calendar::china(),
            one,
            200,
        )
        .unwrap();
        assert!(refused.is_none());
    }

    #[test]
    fn the_end_starts_at_a_whole_line_and_a_missing_file_is_an_error() {
        let file = TempFile::new("lines", "first line\nsecond\nthird\n");
        assert_eq!(file_end(&file.0, 10).unwrap().as_deref(), Some("third\n"));
        assert_eq!(file_end(&file.0, 100).unwrap(), None);
        let missing = std::env::temp_dir().join("jianyi-files-no-such-file");
        assert!(file_end(&missing, 10).is_err());
        // An end that is not UTF-8 is an error, not a ledger.
        let bad = TempFile::new("bad", "a\n\u{00e9}\n");
        std::fs::write(&bad.0, [b'a', b'\n', 0xff, 0xfe, b'\n']).unwrap();
        let err = file_end(&bad.0, 4).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::InvalidData);
    }
}

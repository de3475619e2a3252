//! 逐行读取 (reading a ledger's lines apart from the ledger): each line's link (SHA-256 of
//! its bytes) and its parsed event, on one thread or several. Nothing here depends on the
//! lines before a line, so the lines of a batch can be read in any order and on any core; the
//! ledger then checks each link against the line before and applies each event in file
//! order, on one thread ([`crate::wire`]). The result is the same whatever the thread count:
//! the same ledger, and for a bad text the same first error on the same line.

use std::num::NonZeroUsize;

use crate::event::Event;

/// How event lines are linked.
#[derive(Debug)]
pub(crate) enum Links {
    /// Version 1: no links.
    None,
    /// Version 2: every line links to the one before, the first to the header's link.
    From(String),
    /// Continuation lines: a line with a link must link to the ledger's last line.
    IfPresent,
}

/// One line, read.
#[derive(Debug, Clone)]
pub(crate) enum ReadLine<'t> {
    /// Blank: skipped.
    Blank,
    /// A chained text's line without its `prev` link.
    MissingLink,
    /// A line with its link to the line before (`prev`), the link it gives the next line,
    /// and its event or serde's reason it has none.
    Linked {
        /// The `prev` the line carries.
        prev: &'t str,
        /// The link of this line.
        link: String,
        /// The event, or why the line is not one.
        event: Result<Event, String>,
    },
    /// A line read without links (version 1, or a continuation line without `prev`).
    Unlinked {
        /// The event, or why the line is not one.
        event: Result<Event, String>,
    },
}

impl ReadLine<'_> {
    /// The line's event, when it is one.
    pub(crate) fn event(&self) -> Option<&Event> {
        match self {
            ReadLine::Linked { event: Ok(e), .. } | ReadLine::Unlinked { event: Ok(e) } => Some(e),
            _ => None,
        }
    }
}

/// Reads one line; `buf` is a scratch buffer reused from line to line.
pub(crate) fn read_line<'t>(raw: &'t str, links: &Links, buf: &mut String) -> ReadLine<'t> {
    if raw.trim().is_empty() {
        return ReadLine::Blank;
    }
    match (crate::chain::line_parts(raw), links) {
        (Some((prev, fields)), Links::From(_) | Links::IfPresent) => {
            crate::chain::event_json_into(fields, buf);
            ReadLine::Linked {
                prev,
                link: crate::chain::link(raw),
                event: parse_event(buf),
            }
        }
        (None, Links::From(_)) => ReadLine::MissingLink,
        (_, Links::None | Links::IfPresent) => ReadLine::Unlinked {
            event: parse_event(raw),
        },
    }
}

/// One event line's JSON parsed, or serde's reason it is not an event.
fn parse_event(json: &str) -> Result<Event, String> {
    // The tests read ledgers again with the fact's derived reader, to compare.
    #[cfg(all(test, feature = "fast-facts"))]
    if crate::fact_reader::tests::derived_facts() {
        return crate::fact_reader::tests::derived_event(json);
    }
    serde_json::from_str::<Event>(json).map_err(|e| e.to_string())
}

/// Lines read per batch: enough that a thread's start costs nothing next to its work, few
/// enough that a batch's events stay a small part of the ledger.
pub(crate) const BATCH: usize = 8192;

/// Reads `batch` in order, on up to `threads` threads (contiguous shares, the first on the
/// calling thread; one thread without the `threads` feature). A share whose thread cannot be
/// joined is read again on the calling thread, so the result never depends on the threads.
pub(crate) fn read_batch<'t>(
    batch: &[&'t str],
    links: &Links,
    threads: NonZeroUsize,
) -> Vec<ReadLine<'t>> {
    let threads = threads.get().min(batch.len().div_ceil(BATCH / 8).max(1));
    if threads <= 1 {
        return read_share(batch, links);
    }
    read_on_threads(batch, links, threads)
}

/// Reads `text`'s lines a batch of [`BATCH`] at a time and hands each batch, read, to `fold`
/// in file order, until `fold` returns `false` or the lines end. On more than one thread the
/// next batch is read (on the other threads) while `fold` folds the one before, on the
/// calling thread: the fold, which is sequential, no longer waits for the reading. `fold` is
/// handed the same batches whatever the number of threads.
pub(crate) fn read_batches<'t>(
    text: &'t str,
    links: &Links,
    threads: NonZeroUsize,
    mut fold: impl FnMut(Vec<ReadLine<'t>>) -> bool,
) {
    #[cfg(feature = "threads")]
    if threads.get() > 1 {
        return read_ahead(text, links, threads, fold);
    }
    read_in_turn(text.lines(), links, threads, &mut fold);
}

/// Reads the `remaining` lines a batch at a time, each read before the next, handing each
/// to `fold`.
fn read_in_turn<'t>(
    mut remaining: impl Iterator<Item = &'t str>,
    links: &Links,
    threads: NonZeroUsize,
    fold: &mut impl FnMut(Vec<ReadLine<'t>>) -> bool,
) {
    let mut batch: Vec<&str> = Vec::with_capacity(BATCH);
    loop {
        batch.clear();
        batch.extend(remaining.by_ref().take(BATCH));
        if batch.is_empty() || !fold(read_batch(&batch, links, threads)) {
            return;
        }
    }
}

/// [`read_batches`] with a reader thread one batch ahead of the fold.
#[cfg(feature = "threads")]
fn read_ahead<'t>(
    text: &'t str,
    links: &Links,
    threads: NonZeroUsize,
    mut fold: impl FnMut(Vec<ReadLine<'t>>) -> bool,
) {
    let readers = NonZeroUsize::new(threads.get().saturating_sub(1)).unwrap_or(NonZeroUsize::MIN);
    std::thread::scope(|scope| {
        // One batch waits read while the next is read and the one before is folded.
        let (ready, batches) = std::sync::mpsc::sync_channel::<Vec<ReadLine<'t>>>(1);
        let reader = scope.spawn(move || {
            read_in_turn(text.lines(), links, readers, &mut |reads| {
                ready.send(reads).is_ok()
            });
        });
        let mut handed = 0usize;
        let mut folding = true;
        // The batches end when the reader has read the last line (or stopped).
        for reads in &batches {
            handed = handed.saturating_add(1);
            if !fold(reads) {
                folding = false;
                break;
            }
        }
        // Dropped, the receiver stops a reader still reading (its next send fails).
        drop(batches);
        // INVARIANT: reading a line cannot panic (serde and SHA-256 return, never unwind);
        // should the reader fail anyway, the batches it did not hand over are read here.
        if reader.join().is_err() && folding {
            let rest = text.lines().skip(handed.saturating_mul(BATCH));
            read_in_turn(rest, links, readers, &mut fold);
        }
    });
}

/// One share of a batch, read on the calling thread.
fn read_share<'t>(share: &[&'t str], links: &Links) -> Vec<ReadLine<'t>> {
    let mut buf = String::new();
    share
        .iter()
        .map(|raw| read_line(raw, links, &mut buf))
        .collect()
}

/// A batch read in `threads` contiguous shares, the first on the calling thread.
#[cfg(feature = "threads")]
fn read_on_threads<'t>(batch: &[&'t str], links: &Links, threads: usize) -> Vec<ReadLine<'t>> {
    let share = batch.len().div_ceil(threads);
    let mut shares = batch.chunks(share.max(1));
    let first = shares.next().unwrap_or_default();
    std::thread::scope(|scope| {
        let rest: Vec<_> = shares
            .map(|s| (s, scope.spawn(move || read_share(s, links))))
            .collect();
        let mut out = read_share(first, links);
        for (s, handle) in rest {
            // INVARIANT: reading a line cannot panic (serde and SHA-256 return, never
            // unwind); should a thread fail anyway, its share is read here.
            out.extend(handle.join().unwrap_or_else(|_| read_share(s, links)));
        }
        out
    })
}

/// Without the `threads` feature (the phone library) a batch is read on the calling thread.
#[cfg(not(feature = "threads"))]
fn read_on_threads<'t>(batch: &[&'t str], links: &Links, _threads: usize) -> Vec<ReadLine<'t>> {
    read_share(batch, links)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]
    use super::*;

    fn one() -> NonZeroUsize {
        NonZeroUsize::MIN
    }

    #[test]
    fn batches_are_handed_in_file_order_on_any_number_of_threads() {
        let text =
            crate::generator::generate(&crate::generator::GeneratorConfig::scaled(1_500, 11))
                .unwrap()
                .to_jsonl()
                .unwrap();
        let body = text.split_once('\n').unwrap().1;
        let linking = Links::IfPresent;
        // Each batch as the fold sees it: its lines' links and sequence numbers; the fold
        // stops after `stop_after` batches.
        let handed = |threads: usize, stop_after: usize| {
            let mut seen: Vec<Vec<String>> = Vec::new();
            read_batches(
                body,
                &linking,
                NonZeroUsize::new(threads).unwrap(),
                |reads| {
                    seen.push(
                        reads
                            .into_iter()
                            .map(|r| match r {
                                ReadLine::Linked { prev, link, event } => {
                                    format!("{prev}>{link}:{:?}", event.map(|e| e.seq))
                                }
                                other => format!("{other:?}"),
                            })
                            .collect(),
                    );
                    seen.len() < stop_after
                },
            );
            seen
        };
        let single = handed(1, usize::MAX);
        assert!(single.len() >= 2, "{} batches", single.len());
        assert_eq!(
            single.iter().map(Vec::len).sum::<usize>(),
            body.lines().count()
        );
        for threads in [2, 3] {
            assert_eq!(handed(threads, usize::MAX), single, "{threads} threads");
            // A fold that stops is handed no batch after.
            assert_eq!(
                handed(threads, 1),
                single[..1],
                "{threads} threads, stopped"
            );
        }
    }

    #[test]
    fn a_batch_reads_the_same_on_any_number_of_threads() {
        let text = crate::generator::generate(&crate::generator::GeneratorConfig::seed_city())
            .unwrap()
            .to_jsonl()
            .unwrap();
        let lines: Vec<&str> = text.lines().skip(1).collect();
        let linking = Links::IfPresent;
        let summary = |read: Vec<ReadLine<'_>>| {
            read.into_iter()
                .map(|r| match r {
                    ReadLine::Linked { prev, link, event } => {
                        format!("{prev}>{link}:{:?}", event.map(|e| e.seq))
                    }
                    other => format!("{other:?}"),
                })
                .collect::<Vec<_>>()
        };
        let single = summary(read_batch(&lines, &linking, one()));
        assert_eq!(single.len(), lines.len());
        for threads in [2, 3, 7] {
            let n = NonZeroUsize::new(threads).unwrap();
            assert_eq!(
                summary(read_batch(&lines, &linking, n)),
                single,
                "{threads}"
            );
        }
    }

    #[test]
    fn each_kind_of_line_is_told_apart() {
        let chained = r#"{"prev":"0000000000000000000000000000000000000000000000000000000000000000","seq":1}"#;
        let mut buf = String::new();
        let from = Links::From(String::new());
        assert!(matches!(read_line("  ", &from, &mut buf), ReadLine::Blank));
        assert!(matches!(
            read_line(r#"{"seq":1}"#, &from, &mut buf),
            ReadLine::MissingLink
        ));
        assert!(matches!(
            read_line(chained, &from, &mut buf),
            ReadLine::Linked { event: Err(_), .. }
        ));
        assert!(matches!(
            read_line(chained, &Links::None, &mut buf),
            ReadLine::Unlinked { event: Err(_) }
        ));
    }
}

//! 进度条 (a progress bar on standard error) for steps that can take over a second:
//! replaying a large ledger, importing a spreadsheet, writing an export.
//!
//! The bar is drawn only when standard error is a terminal, and only once the step has run
//! for a second: scripts, pipes, CI logs and quick runs see nothing.

use std::io::IsTerminal as _;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a step runs before its bar appears.
const SHOW_AFTER: Duration = Duration::from_secs(1);

/// A progress bar of one step.
#[derive(Debug)]
pub(crate) struct Progress {
    bar: ProgressBar,
    started: Instant,
    shown: bool,
    terminal: bool,
}

impl Progress {
    /// A bar of `total` units (lines, rows, files) for the step `what`, hidden so far.
    pub(crate) fn new(what: &str, total: u64) -> Progress {
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
        if let Ok(style) =
            ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({elapsed}, {eta} left)")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(what.to_owned());
        Progress {
            bar,
            started: Instant::now(),
            shown: false,
            terminal: std::io::stderr().is_terminal(),
        }
    }

    /// The step has reached `position`.
    pub(crate) fn set(&mut self, position: u64) {
        if !self.shown && self.terminal && self.started.elapsed() >= SHOW_AFTER {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown = true;
        }
        self.bar.set_position(position);
    }

    /// The step turned out to have `total` units.
    pub(crate) fn set_length(&mut self, total: u64) {
        self.bar.set_length(total);
    }

    /// The step is over: the bar is cleared.
    pub(crate) fn finish(self) {
        self.bar.finish_and_clear();
    }
}

//! 统计随快照保存 (the statistics kept current, stored in a snapshot): the year's counts
//! ([`crate::tally`]) and section 四's sums (`assessment::kept`) as the ledger held them at
//! the snapshot's head, so that reopening does not sum every item again (issue 22: 6.9 s of
//! a 1 000 000-suggestion reopen).
//!
//! The sums depend on the calendar in force (lateness is counted against working-day due
//! dates), so they are stored with the SHA-256 of that calendar's JSON and taken only under
//! the same calendar; under another one, or when the line cannot be read (a build without
//! section 四 kept), the items are summed again as before. The state's lines stay the
//! authority: the sums are a cache of what they give.
//!
//! The same line keeps the year-end figures (`crate::year_ends`): a reopened ledger does not
//! hold the events a view as of an earlier 31 December replays, so without them its annual
//! summary could not state the year before.

use serde::{Deserialize, Serialize};

use crate::assessment::kept::Kept;
use crate::calendar::Calendar;
use crate::figures::YearFigures;
use crate::id::ItemId;
use crate::ledger::{Contributions, Ledger};
use crate::line_reader::{read_line, Links, ReadLine};
use crate::tally::{Contribution, Tally};

/// A snapshot's fourth line: the statistics, or `null` when the ledger held them stale.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SumsLine {
    /// SHA-256 (lower-case hex) of the calendar in force's JSON when they were summed.
    calendar: String,
    /// The year's counts: `[work year, count, amount]` in key order.
    tally: Contribution,
    /// Section 四's sums.
    kept: Kept,
    /// Each work year's figures as of its 31 December, kept as the log passed that day
    /// (`crate::year_ends`), in year order.
    year_ends: Vec<YearFigures>,
}

/// The statistics `ledger` keeps, when current.
pub(super) fn sums_line(ledger: &Ledger) -> Option<SumsLine> {
    ledger.tally_fresh.then(|| SumsLine {
        calendar: calendar_digest(&ledger.calendar),
        tally: ledger.tally.entries(),
        kept: ledger.kept.clone(),
        year_ends: ledger.year_ends.all().cloned().collect(),
    })
}

fn calendar_digest(calendar: &Calendar) -> String {
    crate::chain::link(&calendar.to_json())
}

/// Takes the stored statistics into `ledger` (whose state is the snapshot's) when they were
/// summed under its calendar; whether they were taken.
pub(super) fn take(ledger: &mut Ledger, record: &[u8]) -> bool {
    // A record that does not read is not a refusal: the items give the same sums.
    let Ok(Some(sums)) = serde_json::from_slice::<Option<SumsLine>>(record) else {
        return false;
    };
    if sums.calendar != calendar_digest(&ledger.calendar) {
        return false;
    }
    let Some(tally) = Tally::from_entries(sums.tally) else {
        return false;
    };
    ledger.tally = tally;
    ledger.kept = sums.kept;
    ledger.tally_fresh = true;
    ledger.year_ends.take(sums.year_ends);
    true
}

/// The contributions, before `tail` is applied, of the items its lines touch
/// ([`Ledger::contributions_before_batch`]); `None` when a line does not read (its error is
/// the apply's to report) or when the tail is so long that summing every item again costs
/// less. Counted first by its lines, so that a long tail is not read twice.
pub(super) fn before_tail(
    ledger: &Ledger,
    tail: &str,
) -> Option<Vec<(ItemId, Option<Contributions>)>> {
    let lines: Vec<&str> = tail.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.len() > ledger.items.len() / 4 {
        return None;
    }
    let mut buf = String::new();
    let mut events = Vec::with_capacity(lines.len());
    for raw in lines {
        match read_line(raw, &Links::IfPresent, &mut buf) {
            ReadLine::Linked { event, .. } | ReadLine::Unlinked { event } => {
                events.push(event.ok()?);
            }
            ReadLine::Blank | ReadLine::MissingLink => {}
        }
    }
    ledger.contributions_before_batch(&events)
}

//! 台账明细表 (the ledger's tables): one row per item, per event, per obligation as of a
//! day, and every table of the year's report. The CLI writes them as Parquet and the Python
//! binding hands them to pandas, polars and Arrow; both read them from here.
//!
//! Every value is read from the core's state or queries; nothing here decides a rule.

use std::num::NonZeroUsize;
use std::ops::Range;

use chrono::NaiveDate;
use jianyi_core::id::{DelegationId, DeputyId, ItemId, MergeGroupId, UnitId};
use jianyi_core::item::Party;
use jianyi_core::tables::{CountTable, YearTables};
use jianyi_core::vocab::Origin;
use jianyi_core::{Ledger, System};
use serde::Serialize;

use crate::table::{ClassBuilder, Column, Table, TextBuilder, TextListBuilder};

/// The wire name of a vocabulary value (`"resolved"`, `"lead_with_co"`), or the `kind` or
/// `type` tag of a tagged one.
pub fn name_of<T: Serialize>(value: &T) -> Option<String> {
    match serde_json::to_value(value).ok()? {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Object(map) => map
            .get("kind")
            .or_else(|| map.get("type"))
            .and_then(|v| v.as_str())
            .map(str::to_owned),
        _ => None,
    }
}

/// [`name_of`] remembered by variant, for a table's column of vocabulary values.
// INVARIANT: a vocabulary value's wire name (a unit variant's name, or a tagged variant's
// `kind`/`type` tag) depends on its variant only, never on the data the variant carries.
struct Names<T> {
    seen: Vec<(std::mem::Discriminant<T>, Option<String>)>,
}

impl<T> Default for Names<T> {
    fn default() -> Self {
        Names { seen: Vec::new() }
    }
}

impl<T: Serialize> Names<T> {
    /// The name of `value`'s variant, serialised the first time it is seen.
    fn of(&mut self, value: &T) -> Option<&str> {
        let variant = std::mem::discriminant(value);
        let at = if let Some(at) = self.seen.iter().position(|(v, _)| *v == variant) {
            at
        } else {
            self.seen.push((variant, name_of(value)));
            self.seen.len().saturating_sub(1)
        };
        self.seen.get(at).and_then(|(_, name)| name.as_deref())
    }

    /// The name of `value`'s variant if it was seen before.
    fn get(&self, value: &T) -> Option<&str> {
        let variant = std::mem::discriminant(value);
        self.seen
            .iter()
            .find(|(v, _)| *v == variant)
            .and_then(|(_, name)| name.as_deref())
    }
}

/// One row per item, built a part at a time on each core ([`crate::concat`]).
pub fn items(ledger: &Ledger) -> Table {
    items_on(ledger, crate::concat::cores(), crate::concat::ROWS_PER_PART)
}

/// [`items`] on at most `threads` threads, each part at least `min_part` rows.
fn items_on(ledger: &Ledger, threads: NonZeroUsize, min_part: usize) -> Table {
    crate::concat::built_in_parts_surely(ledger.items().len(), threads, min_part, |rows| {
        items_in(ledger, rows)
    })
}

/// The items at positions `rows` of `ledger`, in id order (a part of a table).
fn items_at(
    ledger: &Ledger,
    rows: Range<usize>,
) -> impl Iterator<Item = &jianyi_core::item::Item> + Clone {
    ledger
        .items()
        .values()
        .skip(rows.start)
        .take(rows.end.saturating_sub(rows.start))
        .map(|it| &**it)
}

/// One row per item, for the items at positions `rows` in id order (a chunk of
/// [`items`]; the export writes a large ledger's items a chunk at a time).
pub fn items_in(ledger: &Ledger, rows: Range<usize>) -> Table {
    let chosen = || items_at(ledger, rows.clone());
    let n = chosen().count();
    // Strings go straight into Arrow's buffers (no `String` per value), and each vocabulary
    // value's name is looked up once per variant, not serialised per row.
    let text = || TextBuilder::with_capacity(n, n.saturating_mul(12));
    let mut id = text();
    let mut kind = ClassBuilder::new();
    let mut year = Vec::with_capacity(n);
    let mut period = ClassBuilder::new();
    let mut origin = ClassBuilder::new();
    let mut converted_from = text();
    let mut session = ClassBuilder::new();
    let mut lead = text();
    let mut n_cosigners = Vec::with_capacity(n);
    let mut cosigners = TextListBuilder::with_capacity(n);
    let mut delegation = ClassBuilder::new();
    let mut title = TextBuilder::with_capacity(n, n.saturating_mul(48));
    let mut topic = ClassBuilder::new();
    let mut merge_group = text();
    let mut proposed_unit = ClassBuilder::new();
    let mut submitted_on = Vec::with_capacity(n);
    let mut status = ClassBuilder::new();
    let mut holder = ClassBuilder::new();
    let mut motion_decision = ClassBuilder::new();
    let mut assigned_on = Vec::with_capacity(n);
    let mut handling_mode = ClassBuilder::new();
    let mut lead_units = TextListBuilder::with_capacity(n);
    let mut co_units = TextListBuilder::with_capacity(n);
    let mut systems = TextListBuilder::with_capacity(n);
    let mut n_reassignments = Vec::with_capacity(n);
    let mut replied_on = Vec::with_capacity(n);
    let mut latest_replied_on = Vec::with_capacity(n);
    let mut n_replies = Vec::with_capacity(n);
    let mut first_class = ClassBuilder::new();
    let mut latest_class = ClassBuilder::new();
    let mut promised_by = Vec::with_capacity(n);
    let mut first_rating = ClassBuilder::new();
    let mut latest_rating = ClassBuilder::new();
    let mut rated_on = Vec::with_capacity(n);
    let mut feedback_lapsed = Vec::with_capacity(n);
    let mut n_reopened = Vec::with_capacity(n);
    let mut n_follow_ups = Vec::with_capacity(n);
    let mut n_commitments = Vec::with_capacity(n);
    let mut rolled_into = Vec::with_capacity(n);
    let mut closing = ClassBuilder::new();
    let mut closed_on = Vec::with_capacity(n);
    let mut n_events = Vec::with_capacity(n);
    let mut last_on = Vec::with_capacity(n);

    let mut kinds = Names::default();
    let mut periods = Names::default();
    let mut origins = Names::default();
    let mut holders = Names::default();
    let mut decisions = Names::default();
    let mut modes = Names::default();
    let mut system_names = Names::default();
    let mut closings = Names::default();
    let directory = ledger.directory();
    let results = &ledger.profile().results;
    for it in chosen() {
        id.push(Some(it.id.as_str()));
        kind.push(kinds.of(&it.kind));
        year.push(Some(i64::from(it.year)));
        period.push(periods.of(&it.period));
        origin.push(origins.of(&it.origin));
        converted_from.push(match &it.origin {
            Origin::Direct => None,
            Origin::ConvertedFromMotion { motion } => Some(motion.as_str()),
        });
        session.push(Some(it.session.as_str()));
        lead.push(Some(it.lead.as_str()));
        n_cosigners.push(i64::try_from(it.cosigners.len()).ok());
        cosigners.push(it.cosigners.iter().map(DeputyId::as_str));
        delegation.push(it.delegation.as_ref().map(DelegationId::as_str));
        title.push(Some(it.text.title.as_str()));
        topic.push(it.topic.as_deref());
        merge_group.push(it.merge_group.as_ref().map(MergeGroupId::as_str));
        proposed_unit.push(it.proposed_unit.as_ref().map(UnitId::as_str));
        submitted_on.push(Some(it.submitted_on));
        status.push(Some(it.status.as_str()));
        holder.push(ledger.holder(&it.id).as_ref().and_then(|h| holders.of(h)));
        motion_decision.push(it.motion_decision.as_ref().and_then(|d| decisions.of(d)));
        let current = it.current_assignment();
        assigned_on.push(current.map(|a| a.on));
        handling_mode.push(current.and_then(|a| modes.of(&a.plan.mode)));
        lead_units.push(
            current
                .iter()
                .flat_map(|a| a.plan.leads.iter().map(UnitId::as_str)),
        );
        co_units.push(
            current
                .iter()
                .flat_map(|a| a.plan.co.iter().map(UnitId::as_str)),
        );
        let mut item_systems: Vec<System> = current
            .map(|a| {
                a.plan
                    .leads
                    .iter()
                    .filter_map(|u| directory.units.get(u).map(|u| u.system))
                    .collect()
            })
            .unwrap_or_default();
        item_systems.sort();
        item_systems.dedup();
        for s in &item_systems {
            system_names.of(s);
        }
        systems.push(item_systems.iter().filter_map(|s| system_names.get(s)));
        n_reassignments
            .push(i64::try_from(it.assignments.iter().filter(|a| a.reassignment).count()).ok());
        replied_on.push(it.replies.first().map(|r| r.on));
        latest_replied_on.push(it.latest_reply().map(|r| r.on));
        n_replies.push(i64::try_from(it.replies.len()).ok());
        first_class.push(it.first_class(results));
        latest_class.push(it.latest_class(results));
        promised_by.push(it.latest_reply().and_then(|r| r.promised_by));
        first_rating.push(it.first_rating().and_then(|r| r.level.as_deref()));
        latest_rating.push(it.latest_rating().and_then(|r| r.level.as_deref()));
        rated_on.push(it.latest_rating().map(|r| r.on));
        feedback_lapsed.push(it.feedback.iter().any(|f| f.level.is_none()));
        n_reopened.push(i64::try_from(it.reopened_on.len()).ok());
        n_follow_ups.push(i64::try_from(it.follow_ups.len()).ok());
        n_commitments.push(i64::try_from(it.commitments.len()).ok());
        rolled_into.push(
            it.rolled_into
                .iter()
                .map(|y| i64::from(*y))
                .collect::<Vec<_>>(),
        );
        closing.push(it.closing.as_ref().and_then(|(how, _)| closings.of(how)));
        closed_on.push(it.closing.as_ref().map(|(_, on)| *on));
        n_events.push(i64::try_from(it.events.len()).ok());
        last_on.push(Some(it.last_on));
    }
    Table::build(
        n,
        vec![
            ("id", id.finish()),
            ("kind", kind.finish()),
            ("year", Column::Int(year)),
            ("period", period.finish()),
            ("origin", origin.finish()),
            ("converted_from", converted_from.finish()),
            ("session", session.finish()),
            ("lead", lead.finish()),
            ("n_cosigners", Column::Int(n_cosigners)),
            ("cosigners", cosigners.finish()),
            ("delegation", delegation.finish()),
            ("title", title.finish()),
            ("topic", topic.finish()),
            ("merge_group", merge_group.finish()),
            ("proposed_unit", proposed_unit.finish()),
            ("submitted_on", Column::Date(submitted_on)),
            ("status", status.finish()),
            ("holder", holder.finish()),
            ("motion_decision", motion_decision.finish()),
            ("assigned_on", Column::Date(assigned_on)),
            ("handling_mode", handling_mode.finish()),
            ("lead_units", lead_units.finish()),
            ("co_units", co_units.finish()),
            ("systems", systems.finish()),
            ("n_reassignments", Column::Int(n_reassignments)),
            ("replied_on", Column::Date(replied_on)),
            ("latest_replied_on", Column::Date(latest_replied_on)),
            ("n_replies", Column::Int(n_replies)),
            ("first_class", first_class.finish()),
            ("latest_class", latest_class.finish()),
            ("promised_by", Column::Date(promised_by)),
            ("first_rating", first_rating.finish()),
            ("latest_rating", latest_rating.finish()),
            ("rated_on", Column::Date(rated_on)),
            ("feedback_lapsed", Column::Bool(feedback_lapsed)),
            ("n_reopened", Column::Int(n_reopened)),
            ("n_follow_ups", Column::Int(n_follow_ups)),
            ("n_commitments", Column::Int(n_commitments)),
            ("rolled_into", Column::IntList(rolled_into)),
            ("closing", closing.finish()),
            ("closed_on", Column::Date(closed_on)),
            ("n_events", Column::Int(n_events)),
            ("last_on", Column::Date(last_on)),
        ],
    )
}

/// One row per event; `fact` is the fact as JSON text. Built a part at a time on each core
/// ([`crate::concat`]).
pub fn events(ledger: &Ledger) -> Table {
    events_on(ledger, crate::concat::cores(), crate::concat::ROWS_PER_PART)
}

/// [`events`] on at most `threads` threads, each part at least `min_part` rows.
fn events_on(ledger: &Ledger, threads: NonZeroUsize, min_part: usize) -> Table {
    crate::concat::built_in_parts_surely(ledger.events().len(), threads, min_part, |rows| {
        events_in(ledger, rows)
    })
}

/// One row per event, for the events at positions `rows` of the log (a chunk of [`events`];
/// a position past the log's end gives no row).
pub fn events_in(ledger: &Ledger, rows: Range<usize>) -> Table {
    let chosen = ledger
        .events()
        .get(rows.start.min(ledger.events().len())..rows.end.min(ledger.events().len()))
        .unwrap_or_default();
    let n = chosen.len();
    let mut seq = Vec::with_capacity(n);
    let mut on = Vec::with_capacity(n);
    // Strings go straight into Arrow's buffers: no `String` per value (a national ledger's
    // events are ten million rows).
    let mut command = TextBuilder::with_capacity(n, n.saturating_mul(12));
    let mut actor_role = ClassBuilder::new();
    let mut actor = ClassBuilder::new();
    let mut kind = ClassBuilder::new();
    let mut item = TextBuilder::with_capacity(n, n.saturating_mul(12));
    let mut unit = ClassBuilder::new();
    let mut fact = TextBuilder::with_capacity(n, n.saturating_mul(160));
    let mut json = Vec::with_capacity(512);
    for e in chosen {
        seq.push(i64::try_from(e.seq).ok());
        on.push(Some(e.on));
        command.push(Some(e.command.as_str()));
        actor_role.push(Some(e.actor.role().as_str()));
        actor.push(e.actor.acting_id());
        kind.push(Some(e.fact.name()));
        item.push(e.fact.item().map(ItemId::as_str));
        unit.push(e.fact.unit().map(UnitId::as_str));
        json.clear();
        fact.push(
            serde_json::to_writer(&mut json, &e.fact)
                .ok()
                .and_then(|()| std::str::from_utf8(&json).ok()),
        );
    }
    Table::build(
        n,
        vec![
            ("seq", Column::Int(seq)),
            ("on", Column::Date(on)),
            ("command", command.finish()),
            ("actor_role", actor_role.finish()),
            ("actor", actor.finish()),
            ("type", kind.finish()),
            ("item", item.finish()),
            ("unit", unit.finish()),
            ("fact", fact.finish()),
        ],
    )
}

/// One row per obligation of every item, status as of `as_of`, read from the ledger as it
/// stood that day ([`Ledger::every_obligation`]).
///
/// # Errors
/// `calendar.out_of_range` when a due date leaves the calendar's years; `ledger.inconsistent`
/// when the ledger as of `as_of` cannot be read.
pub fn obligations(ledger: &Ledger, as_of: NaiveDate) -> Result<Table, jianyi_core::Error> {
    obligations_on(
        ledger,
        as_of,
        crate::concat::cores(),
        ITEMS_PER_OBLIGATIONS_PART,
    )
}

/// Items to a part of the obligations table (four or five obligations each).
const ITEMS_PER_OBLIGATIONS_PART: usize = 4_096;

/// [`obligations`] on at most `threads` threads, each part the obligations of at least
/// `min_part` items: the view as of the day is built once, then each part reads its items
/// ([`Ledger::every_obligation`] is the same rows in the same order).
fn obligations_on(
    ledger: &Ledger,
    as_of: NaiveDate,
    threads: NonZeroUsize,
    min_part: usize,
) -> Result<Table, jianyi_core::Error> {
    let view = ledger.as_of(as_of)?;
    let view: &Ledger = &view;
    crate::concat::built_in_parts(view.items().len(), threads, min_part, |items| {
        obligations_in(view, items, as_of)
    })
}

/// The obligations of the items at positions `items` (in id order) of `view`, the ledger as
/// it stood on `as_of`.
fn obligations_in(
    view: &Ledger,
    items: Range<usize>,
    as_of: NaiveDate,
) -> Result<Table, jianyi_core::Error> {
    let mut every = Vec::new();
    for it in items_at(view, items) {
        every.extend(jianyi_core::obligations::item_obligations(
            view.profile(),
            view.calendar(),
            it,
            as_of,
        )?);
    }
    let n = every.len();
    // Strings go straight into Arrow's buffers, vocabulary values as dictionaries named once
    // per variant: no `String` per value (a national ledger owes millions of obligations).
    let mut item = TextBuilder::with_capacity(n, n.saturating_mul(12));
    let mut party = ClassBuilder::new();
    let mut party_id = ClassBuilder::new();
    let mut kind = ClassBuilder::new();
    let mut label_zh = TextBuilder::with_capacity(n, n.saturating_mul(24));
    let mut anchor = Vec::with_capacity(n);
    let mut window_amount = Vec::with_capacity(n);
    let mut window_unit = ClassBuilder::new();
    let mut due = Vec::with_capacity(n);
    let mut original_due = Vec::with_capacity(n);
    let mut hard_maximum = Vec::with_capacity(n);
    let mut rolled_forward_from = Vec::with_capacity(n);
    let mut done_on = Vec::with_capacity(n);
    let mut status = ClassBuilder::new();
    let mut working_days_left = Vec::with_capacity(n);
    let mut calendar_version = ClassBuilder::new();
    let (mut units, mut statuses) = (Names::default(), Names::default());
    for o in &every {
        item.push(Some(o.item.as_str()));
        let (p, pid) = match &o.party {
            Party::Office => ("office", None),
            Party::Unit { id } => ("unit", Some(id.as_str())),
            Party::Deputy { id } => ("deputy", Some(id.as_str())),
        };
        party.push(Some(p));
        party_id.push(pid);
        kind.push(Some(o.kind.as_str()));
        label_zh.push(Some(&o.label_zh));
        let d = &o.due.deadline;
        anchor.push(Some(d.anchor));
        window_amount.push(Some(i64::from(d.window.amount)));
        window_unit.push(units.of(&d.window.unit));
        due.push(Some(d.due));
        original_due.push(o.due.original_due);
        hard_maximum.push(o.due.hard_maximum);
        rolled_forward_from.push(d.rolled_forward_from);
        done_on.push(o.done_on);
        status.push(statuses.of(&o.status));
        working_days_left.push(Some(o.working_days_left));
        calendar_version.push(Some(&d.calendar_version));
    }
    Ok(Table::build(
        n,
        vec![
            ("item", item.finish()),
            ("party", party.finish()),
            ("party_id", party_id.finish()),
            ("kind", kind.finish()),
            ("label_zh", label_zh.finish()),
            ("anchor", Column::Date(anchor)),
            ("window_amount", Column::Int(window_amount)),
            ("window_unit", window_unit.finish()),
            ("due", Column::Date(due)),
            ("original_due", Column::Date(original_due)),
            ("hard_maximum", Column::Date(hard_maximum)),
            ("rolled_forward_from", Column::Date(rolled_forward_from)),
            ("done_on", Column::Date(done_on)),
            ("status", status.finish()),
            ("working_days_left", Column::Int(working_days_left)),
            ("calendar_version", calendar_version.finish()),
        ],
    ))
}

/// A count table of the report (`id`, labels, count, numerator, denominator, percent).
fn count_table(t: &CountTable) -> Table {
    let rows = t.rows.len();
    let int = |v: u64| i64::try_from(v).ok();
    Table::build(
        rows,
        vec![
            (
                "id",
                Column::Class(t.rows.iter().map(|r| Some(r.id.clone())).collect()),
            ),
            (
                "label_zh",
                Column::Str(t.rows.iter().map(|r| Some(r.label_zh.clone())).collect()),
            ),
            (
                "label_en",
                Column::Str(t.rows.iter().map(|r| Some(r.label_en.clone())).collect()),
            ),
            (
                "count",
                Column::Int(t.rows.iter().map(|r| int(r.count)).collect()),
            ),
            (
                "numerator",
                Column::Int(t.rows.iter().map(|r| int(r.share.numerator)).collect()),
            ),
            (
                "denominator",
                Column::Int(t.rows.iter().map(|r| int(r.share.denominator)).collect()),
            ),
            (
                "percent",
                Column::Str(t.rows.iter().map(|r| Some(r.percent.clone())).collect()),
            ),
        ],
    )
}

/// Every table of the year's report, by id; sections the ledger holds no facts for are
/// left out (`not_in_ledger` lists them).
pub fn report_tables(t: &YearTables) -> (Vec<(String, Table)>, Vec<&'static str>) {
    let int = |v: u64| i64::try_from(v).ok();
    let mut out: Vec<(String, Table)> = [
        &t.by_kind,
        &t.by_period,
        &t.by_origin,
        &t.by_topic,
        &t.by_committee,
        &t.classes_first_reply,
        &t.classes_second_round,
        &t.classes_final,
        &t.satisfaction_first,
        &t.satisfaction_latest,
        &t.timeliness,
        &t.contact_before_reply,
        &t.rollover,
    ]
    .into_iter()
    .map(|c| (c.id.clone(), count_table(c)))
    .collect();
    out.push((
        "by_system".to_owned(),
        Table::build(
            t.by_system.len(),
            vec![
                (
                    "system",
                    Column::Class(t.by_system.iter().map(|r| name_of(&r.system)).collect()),
                ),
                (
                    "items",
                    Column::Int(t.by_system.iter().map(|r| int(r.items)).collect()),
                ),
                (
                    "joint_with_other_systems",
                    Column::Int(
                        t.by_system
                            .iter()
                            .map(|r| int(r.joint_with_other_systems))
                            .collect(),
                    ),
                ),
                (
                    "joint_with_party_mass",
                    Column::Int(
                        t.by_system
                            .iter()
                            .map(|r| int(r.joint_with_party_mass))
                            .collect(),
                    ),
                ),
            ],
        ),
    ));
    out.push((
        "by_unit".to_owned(),
        Table::build(
            t.by_unit.len(),
            vec![
                (
                    "unit",
                    Column::Str(t.by_unit.iter().map(|r| Some(r.unit.to_string())).collect()),
                ),
                (
                    "name",
                    Column::Str(t.by_unit.iter().map(|r| Some(r.name.clone())).collect()),
                ),
                (
                    "system",
                    Column::Class(t.by_unit.iter().map(|r| name_of(&r.system)).collect()),
                ),
                (
                    "lead",
                    Column::Int(t.by_unit.iter().map(|r| int(r.lead)).collect()),
                ),
                (
                    "co",
                    Column::Int(t.by_unit.iter().map(|r| int(r.co)).collect()),
                ),
                (
                    "total",
                    Column::Int(t.by_unit.iter().map(|r| int(r.total)).collect()),
                ),
            ],
        ),
    ));
    for (name, table) in t.sections() {
        if let Some(c) = table {
            out.push((name.to_owned(), count_table(c)));
        }
    }
    let absent = t.sections_not_in_ledger();
    (out, absent)
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::indexing_slicing,
        clippy::panic,
        clippy::arithmetic_side_effects,
        reason = "tests"
    )]

    use super::*;
    use jianyi_core::generator::{generate, GeneratorConfig};

    #[test]
    fn the_items_and_events_built_in_parts_are_those_built_at_once() {
        let ledger = generate(&GeneratorConfig::scaled(60, 4)).unwrap();
        let (n_items, n_events) = (ledger.items().len(), ledger.events().len());
        let whole_items = items_in(&ledger, 0..n_items);
        let whole_events = events_in(&ledger, 0..n_events);
        for threads in [1, 2, 3, 7] {
            let threads = NonZeroUsize::new(threads).unwrap();
            // Parts of a handful of rows, so that a small ledger is cut too.
            assert_eq!(items_on(&ledger, threads, 5), whole_items);
            assert_eq!(events_on(&ledger, threads, 50), whole_events);
        }
        assert_eq!(items(&ledger), whole_items);
        assert_eq!(events(&ledger), whole_events);
    }

    #[test]
    fn the_obligations_built_in_parts_are_every_obligation_in_order() {
        let ledger = generate(&GeneratorConfig::scaled(60, 4)).unwrap();
        let latest = ledger.latest_date().unwrap();
        for as_of in [latest, latest - chrono::Days::new(40)] {
            let every = ledger.every_obligation(as_of).unwrap();
            let whole = obligations_on(&ledger, as_of, NonZeroUsize::MIN, 1).unwrap();
            assert_eq!(whole.rows, every.len());
            let Column::Text(ids) = &whole.columns[0] else {
                panic!("the item column")
            };
            let ids: Vec<&str> = ids.iter().map(Option::unwrap).collect();
            let expected: Vec<&str> = every.iter().map(|o| o.item.as_str()).collect();
            assert_eq!(ids, expected);
            for threads in [2, 3, 7] {
                let threads = NonZeroUsize::new(threads).unwrap();
                assert_eq!(obligations_on(&ledger, as_of, threads, 4).unwrap(), whole);
            }
            assert_eq!(obligations(&ledger, as_of).unwrap(), whole);
        }
    }
}

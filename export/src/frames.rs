//! 台账明细表 (the ledger's tables): one row per item, per event, per obligation as of a
//! day, and every table of the year's report. The CLI writes them as Parquet and the Python
//! binding hands them to pandas, polars and Arrow; both read them from here.
//!
//! Every value is read from the core's state or queries; nothing here decides a rule.

use std::ops::Range;

use chrono::NaiveDate;
use jianyi_core::item::Party;
use jianyi_core::tables::{CountTable, YearTables};
use jianyi_core::vocab::Origin;
use jianyi_core::{Ledger, System};
use serde::Serialize;

use crate::table::{Column, Table};

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

fn names_of<'a, T: std::fmt::Display + 'a>(ids: impl IntoIterator<Item = &'a T>) -> Vec<String> {
    ids.into_iter().map(ToString::to_string).collect()
}

/// One row per item.
pub fn items(ledger: &Ledger) -> Table {
    items_in(ledger, 0..ledger.items().len())
}

/// One row per item, for the items at positions `rows` in id order (a chunk of
/// [`items`]; the export writes a large ledger's items a chunk at a time).
pub fn items_in(ledger: &Ledger, rows: Range<usize>) -> Table {
    let chosen = || {
        ledger
            .items()
            .values()
            .skip(rows.start)
            .take(rows.end.saturating_sub(rows.start))
    };
    let n = chosen().count();
    let mut id = Vec::with_capacity(n);
    let mut kind = Vec::with_capacity(n);
    let mut year = Vec::with_capacity(n);
    let mut period = Vec::with_capacity(n);
    let mut origin = Vec::with_capacity(n);
    let mut converted_from = Vec::with_capacity(n);
    let mut session = Vec::with_capacity(n);
    let mut lead = Vec::with_capacity(n);
    let mut n_cosigners = Vec::with_capacity(n);
    let mut cosigners = Vec::with_capacity(n);
    let mut delegation = Vec::with_capacity(n);
    let mut title = Vec::with_capacity(n);
    let mut topic = Vec::with_capacity(n);
    let mut merge_group = Vec::with_capacity(n);
    let mut proposed_unit = Vec::with_capacity(n);
    let mut submitted_on = Vec::with_capacity(n);
    let mut status = Vec::with_capacity(n);
    let mut holder = Vec::with_capacity(n);
    let mut motion_decision = Vec::with_capacity(n);
    let mut assigned_on = Vec::with_capacity(n);
    let mut handling_mode = Vec::with_capacity(n);
    let mut lead_units = Vec::with_capacity(n);
    let mut co_units = Vec::with_capacity(n);
    let mut systems = Vec::with_capacity(n);
    let mut n_reassignments = Vec::with_capacity(n);
    let mut replied_on = Vec::with_capacity(n);
    let mut latest_replied_on = Vec::with_capacity(n);
    let mut n_replies = Vec::with_capacity(n);
    let mut first_class = Vec::with_capacity(n);
    let mut latest_class = Vec::with_capacity(n);
    let mut promised_by = Vec::with_capacity(n);
    let mut first_rating = Vec::with_capacity(n);
    let mut latest_rating = Vec::with_capacity(n);
    let mut rated_on = Vec::with_capacity(n);
    let mut feedback_lapsed = Vec::with_capacity(n);
    let mut n_reopened = Vec::with_capacity(n);
    let mut n_follow_ups = Vec::with_capacity(n);
    let mut n_commitments = Vec::with_capacity(n);
    let mut rolled_into = Vec::with_capacity(n);
    let mut closing = Vec::with_capacity(n);
    let mut closed_on = Vec::with_capacity(n);
    let mut n_events = Vec::with_capacity(n);
    let mut last_on = Vec::with_capacity(n);

    let directory = ledger.directory();
    for it in chosen() {
        id.push(Some(it.id.to_string()));
        kind.push(name_of(&it.kind));
        year.push(Some(i64::from(it.year)));
        period.push(name_of(&it.period));
        origin.push(name_of(&it.origin));
        converted_from.push(match &it.origin {
            Origin::Direct => None,
            Origin::ConvertedFromMotion { motion } => Some(motion.to_string()),
        });
        session.push(Some(it.session.to_string()));
        lead.push(Some(it.lead.to_string()));
        n_cosigners.push(i64::try_from(it.cosigners.len()).ok());
        cosigners.push(names_of(&it.cosigners));
        delegation.push(it.delegation.as_ref().map(ToString::to_string));
        title.push(Some(it.text.title.clone()));
        topic.push(it.topic.clone());
        merge_group.push(it.merge_group.as_ref().map(ToString::to_string));
        proposed_unit.push(it.proposed_unit.as_ref().map(ToString::to_string));
        submitted_on.push(Some(it.submitted_on));
        status.push(Some(it.status.as_str().to_owned()));
        holder.push(ledger.holder(&it.id).as_ref().and_then(name_of));
        motion_decision.push(it.motion_decision.as_ref().and_then(name_of));
        let current = it.current_assignment();
        assigned_on.push(current.map(|a| a.on));
        handling_mode.push(current.and_then(|a| name_of(&a.plan.mode)));
        lead_units.push(current.map(|a| names_of(&a.plan.leads)).unwrap_or_default());
        co_units.push(current.map(|a| names_of(&a.plan.co)).unwrap_or_default());
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
        systems.push(item_systems.iter().filter_map(name_of).collect::<Vec<_>>());
        n_reassignments
            .push(i64::try_from(it.assignments.iter().filter(|a| a.reassignment).count()).ok());
        replied_on.push(it.replies.first().map(|r| r.on));
        latest_replied_on.push(it.latest_reply().map(|r| r.on));
        n_replies.push(i64::try_from(it.replies.len()).ok());
        first_class.push(it.first_class(&ledger.profile().results).map(str::to_owned));
        latest_class.push(
            it.latest_class(&ledger.profile().results)
                .map(str::to_owned),
        );
        promised_by.push(it.latest_reply().and_then(|r| r.promised_by));
        first_rating.push(it.first_rating().and_then(|r| r.level.clone()));
        latest_rating.push(it.latest_rating().and_then(|r| r.level.clone()));
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
        closing.push(it.closing.as_ref().and_then(|(how, _)| name_of(how)));
        closed_on.push(it.closing.as_ref().map(|(_, on)| *on));
        n_events.push(i64::try_from(it.events.len()).ok());
        last_on.push(Some(it.last_on));
    }
    Table::build(
        n,
        vec![
            ("id", Column::Str(id)),
            ("kind", Column::Class(kind)),
            ("year", Column::Int(year)),
            ("period", Column::Class(period)),
            ("origin", Column::Class(origin)),
            ("converted_from", Column::Str(converted_from)),
            ("session", Column::Class(session)),
            ("lead", Column::Str(lead)),
            ("n_cosigners", Column::Int(n_cosigners)),
            ("cosigners", Column::StrList(cosigners)),
            ("delegation", Column::Class(delegation)),
            ("title", Column::Str(title)),
            ("topic", Column::Class(topic)),
            ("merge_group", Column::Str(merge_group)),
            ("proposed_unit", Column::Class(proposed_unit)),
            ("submitted_on", Column::Date(submitted_on)),
            ("status", Column::Class(status)),
            ("holder", Column::Class(holder)),
            ("motion_decision", Column::Class(motion_decision)),
            ("assigned_on", Column::Date(assigned_on)),
            ("handling_mode", Column::Class(handling_mode)),
            ("lead_units", Column::StrList(lead_units)),
            ("co_units", Column::StrList(co_units)),
            ("systems", Column::StrList(systems)),
            ("n_reassignments", Column::Int(n_reassignments)),
            ("replied_on", Column::Date(replied_on)),
            ("latest_replied_on", Column::Date(latest_replied_on)),
            ("n_replies", Column::Int(n_replies)),
            ("first_class", Column::Class(first_class)),
            ("latest_class", Column::Class(latest_class)),
            ("promised_by", Column::Date(promised_by)),
            ("first_rating", Column::Class(first_rating)),
            ("latest_rating", Column::Class(latest_rating)),
            ("rated_on", Column::Date(rated_on)),
            ("feedback_lapsed", Column::Bool(feedback_lapsed)),
            ("n_reopened", Column::Int(n_reopened)),
            ("n_follow_ups", Column::Int(n_follow_ups)),
            ("n_commitments", Column::Int(n_commitments)),
            ("rolled_into", Column::IntList(rolled_into)),
            ("closing", Column::Class(closing)),
            ("closed_on", Column::Date(closed_on)),
            ("n_events", Column::Int(n_events)),
            ("last_on", Column::Date(last_on)),
        ],
    )
}

/// One row per event; `fact` is the fact as JSON text.
pub fn events(ledger: &Ledger) -> Table {
    events_in(ledger, 0..ledger.events().len())
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
    let mut command = Vec::with_capacity(n);
    let mut actor_role = Vec::with_capacity(n);
    let mut actor = Vec::with_capacity(n);
    let mut kind = Vec::with_capacity(n);
    let mut item = Vec::with_capacity(n);
    let mut unit = Vec::with_capacity(n);
    let mut fact = Vec::with_capacity(n);
    for e in chosen {
        seq.push(i64::try_from(e.seq).ok());
        on.push(Some(e.on));
        command.push(Some(e.command.to_string()));
        actor_role.push(Some(e.actor.role().as_str().to_owned()));
        actor.push(e.actor.acting_id().map(str::to_owned));
        kind.push(Some(e.fact.name().to_owned()));
        item.push(e.fact.item().map(ToString::to_string));
        unit.push(e.fact.unit().map(ToString::to_string));
        fact.push(serde_json::to_string(&e.fact).ok());
    }
    Table::build(
        n,
        vec![
            ("seq", Column::Int(seq)),
            ("on", Column::Date(on)),
            ("command", Column::Str(command)),
            ("actor_role", Column::Class(actor_role)),
            ("actor", Column::Class(actor)),
            ("type", Column::Class(kind)),
            ("item", Column::Str(item)),
            ("unit", Column::Class(unit)),
            ("fact", Column::Str(fact)),
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
    let mut item = Vec::new();
    let mut party = Vec::new();
    let mut party_id = Vec::new();
    let mut kind = Vec::new();
    let mut label_zh = Vec::new();
    let mut anchor = Vec::new();
    let mut window_amount = Vec::new();
    let mut window_unit = Vec::new();
    let mut due = Vec::new();
    let mut original_due = Vec::new();
    let mut hard_maximum = Vec::new();
    let mut rolled_forward_from = Vec::new();
    let mut done_on = Vec::new();
    let mut status = Vec::new();
    let mut working_days_left = Vec::new();
    let mut calendar_version = Vec::new();
    for o in ledger.every_obligation(as_of)? {
        item.push(Some(o.item.to_string()));
        let (p, pid) = match &o.party {
            Party::Office => ("office", None),
            Party::Unit { id } => ("unit", Some(id.to_string())),
            Party::Deputy { id } => ("deputy", Some(id.to_string())),
        };
        party.push(Some(p.to_owned()));
        party_id.push(pid);
        kind.push(Some(o.kind.as_str().to_owned()));
        label_zh.push(Some(o.label_zh.clone()));
        let d = &o.due.deadline;
        anchor.push(Some(d.anchor));
        window_amount.push(Some(i64::from(d.window.amount)));
        window_unit.push(name_of(&d.window.unit));
        due.push(Some(d.due));
        original_due.push(o.due.original_due);
        hard_maximum.push(o.due.hard_maximum);
        rolled_forward_from.push(d.rolled_forward_from);
        done_on.push(o.done_on);
        status.push(name_of(&o.status));
        working_days_left.push(Some(o.working_days_left));
        calendar_version.push(Some(d.calendar_version.clone()));
    }
    let n = item.len();
    Ok(Table::build(
        n,
        vec![
            ("item", Column::Str(item)),
            ("party", Column::Class(party)),
            ("party_id", Column::Class(party_id)),
            ("kind", Column::Class(kind)),
            ("label_zh", Column::Str(label_zh)),
            ("anchor", Column::Date(anchor)),
            ("window_amount", Column::Int(window_amount)),
            ("window_unit", Column::Class(window_unit)),
            ("due", Column::Date(due)),
            ("original_due", Column::Date(original_due)),
            ("hard_maximum", Column::Date(hard_maximum)),
            ("rolled_forward_from", Column::Date(rolled_forward_from)),
            ("done_on", Column::Date(done_on)),
            ("status", Column::Class(status)),
            ("working_days_left", Column::Int(working_days_left)),
            ("calendar_version", Column::Class(calendar_version)),
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

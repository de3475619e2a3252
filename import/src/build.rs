//! 台账成账 (a 台账 as a ledger): the rows read, turned into the core's commands and
//! executed one by one, so that every rule is the core's and a row the core refuses names
//! its row and column.
//!
//! The directory is built from the names found: one deputy per name (with the delegation of
//! the rows they lead), one delegation and one unit per name, and one session for the year.
//! Every command carries its [`Source`]: the file, the row, and the facts the row does not
//! give ([`Unknown`]). Dates the sheet has no column for (submission, assignment, rating) are
//! stand-ins the core is told are unknown; its figures leave such items out of timeliness
//! and overdue counts and say so. Nothing is guessed into a known fact.
//!
//! For each row, in order: 提出 (submit), 登记 (register the topic), 交办 (assign), 答复
//! (reply, by every lead unit owing one), 测评 (rating). Second replies follow once every row
//! is in: a 二次答复通知 (follow-up notice) on each second-reply date, or, for an item the
//! notice does not cover, the office's reopening (the rating that caused it is unknown).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use jianyi_core::{
    Action, Actor, AssignmentPlan, Calendar, Command, CommandId, Delegation, DelegationId, Deputy,
    DeputyId, HandlingMode, ItemId, ItemText, Ledger, Period, Profile, Session, SessionId, Source,
    System, Unit, UnitId, Unknown,
};

use crate::header::{Field, Header};
use crate::{ImportError, Row, Sheet};

/// A 台账 imported: the ledger, how many rows it holds, and the rows left out.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The ledger built through the core's commands.
    pub ledger: Ledger,
    /// Rows imported.
    pub rows: usize,
    /// Rows left out with `keep_going` (bad cells, and rows the core refused), in row order;
    /// empty otherwise.
    pub skipped: Vec<ImportError>,
}

/// What one row failed on: the field (for its column) and the core's refusal.
struct Refusal {
    field: Field,
    code: String,
    reason: String,
}

impl Refusal {
    fn new(field: Field, e: &jianyi_core::CommandError) -> Refusal {
        Refusal {
            field,
            code: e.code().to_string(),
            reason: e.to_string(),
        }
    }

    fn own(field: Field, reason: &str) -> Refusal {
        Refusal {
            field,
            code: "import.refused".to_owned(),
            reason: reason.to_owned(),
        }
    }
}

/// Builds the ledger of work year `year` from `sheet` under `profile` and `calendar`.
/// `progress(done, total)` is called as rows go in.
///
/// By default every row must pass: any bad cell or refused row fails the whole import,
/// with every error found. With `keep_going` the good rows make the ledger and the others
/// are listed in [`Imported::skipped`].
///
/// # Errors
/// `import.bad_cell` and `import.refused`, one per bad row (in row order).
pub fn build(
    sheet: &Sheet,
    profile: &Profile,
    calendar: &Calendar,
    year: i32,
    keep_going: bool,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Imported, Vec<ImportError>> {
    let mut skip: BTreeSet<u64> = BTreeSet::new();
    let mut refused: Vec<ImportError> = Vec::new();
    // A row refused is left out and the ledger rebuilt without it (rows are independent
    // but for the year's follow-up notices, so a second round rarely finds more).
    for _ in 0..4 {
        let (ledger, failures) = attempt(sheet, profile, calendar, year, &skip, progress)?;
        if !keep_going && (!failures.is_empty() || !sheet.bad.is_empty()) {
            // Every bad row, bad cells and refusals alike, in row order.
            let mut all: Vec<ImportError> = sheet.bad.iter().cloned().chain(failures).collect();
            all.sort_by_key(row_of);
            return Err(all);
        }
        if failures.is_empty() {
            let mut skipped: Vec<ImportError> = sheet.bad.iter().cloned().chain(refused).collect();
            skipped.sort_by_key(row_of);
            let rows = sheet.rows.iter().filter(|r| !skip.contains(&r.row)).count();
            return Ok(Imported {
                ledger,
                rows,
                skipped,
            });
        }
        for f in failures {
            skip.insert(row_of(&f));
            refused.push(f);
        }
    }
    Err(refused)
}

fn row_of(e: &ImportError) -> u64 {
    match e {
        ImportError::BadCell { row, .. } | ImportError::Refused { row, .. } => *row,
        _ => 0,
    }
}

/// One pass over the rows not in `skip`: the ledger and every row the core refused.
fn attempt(
    sheet: &Sheet,
    profile: &Profile,
    calendar: &Calendar,
    year: i32,
    skip: &BTreeSet<u64>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<(Ledger, Vec<ImportError>), Vec<ImportError>> {
    let whole = |reason: String| {
        vec![ImportError::Refused {
            file: sheet.file.clone(),
            row: sheet.header.row,
            column: "—".to_owned(),
            code: "import.refused".to_owned(),
            reason,
        }]
    };
    let ledger = Ledger::new(profile.clone(), calendar).map_err(|e| whole(e.to_string()))?;
    let rows: Vec<&Row> = sheet
        .rows
        .iter()
        .filter(|r| !skip.contains(&r.row))
        .collect();
    let mut b = Builder {
        ledger,
        file: &sheet.file,
        year,
        ids: Ids::default(),
    };
    let opens = NaiveDate::from_ymd_opt(year, 1, 1)
        .ok_or_else(|| whole(format!("year {year} is out of range")))?;
    b.directory(&rows, opens).map_err(whole)?;
    let mut failures: BTreeMap<u64, Refusal> = BTreeMap::new();
    let total = rows.len();
    let mut plans: BTreeMap<u64, Handled> = BTreeMap::new();
    for (done, row) in rows.iter().enumerate() {
        match b.first_round(row, opens) {
            Ok(h) => {
                plans.insert(row.row, h);
            }
            Err(r) => {
                failures.insert(row.row, r);
            }
        }
        if done % 256 == 0 {
            progress(done, total);
        }
    }
    // Second replies, by date: a follow-up notice on each date, then the replies of it.
    let mut seconds: Vec<(NaiveDate, &Row)> = rows
        .iter()
        .filter(|r| r.second_reply_class.is_some() && !failures.contains_key(&r.row))
        .filter_map(|r| {
            plans
                .get(&r.row)
                .map(|h| (r.second_reply_on.unwrap_or(h.last), *r))
        })
        .collect();
    seconds.sort_by_key(|(d, r)| (*d, r.row));
    let mut noticed: BTreeSet<NaiveDate> = BTreeSet::new();
    for (on, row) in seconds {
        if noticed.insert(on) {
            b.follow_up_notice(on, row.row);
        }
        if let Some(h) = plans.get(&row.row) {
            if let Err(r) = b.second_round(row, h, on) {
                failures.insert(row.row, r);
            }
        }
    }
    progress(total, total);
    let header = &sheet.header;
    let errors = failures
        .into_iter()
        .map(|(row, r)| ImportError::Refused {
            file: sheet.file.clone(),
            row,
            column: column_of(header, r.field),
            code: r.code,
            reason: r.reason,
        })
        .collect();
    Ok((b.ledger, errors))
}

fn column_of(header: &Header, field: Field) -> String {
    header
        .columns
        .get(&field)
        .map_or_else(|| format!("（{field:?}）"), |i| header.column_name(*i))
}

/// Ids given to the names found, in order of first appearance.
#[derive(Default)]
struct Ids {
    deputies: BTreeMap<String, DeputyId>,
    delegations: BTreeMap<String, DelegationId>,
    units: BTreeMap<String, UnitId>,
    session: Option<SessionId>,
}

/// What the first round left for the second: the item, its lead units, its latest date.
struct Handled {
    item: ItemId,
    leads: Vec<UnitId>,
    last: NaiveDate,
}

struct Builder<'a> {
    ledger: Ledger,
    file: &'a str,
    year: i32,
    ids: Ids,
}

/// The signers of a row as directory keys: a name a row gives twice is two deputies of the
/// same name (同名代表), the second keyed `name#2`; elsewhere a name is its first deputy.
fn signer_keys(row: &Row) -> Vec<(String, &str)> {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    std::iter::once(&row.lead)
        .chain(&row.cosigners)
        .map(|name| {
            let k = seen.entry(name.as_str()).or_insert(0);
            *k = k.saturating_add(1);
            let key = if *k == 1 {
                name.clone()
            } else {
                format!("{name}#{k}")
            };
            (key, name.as_str())
        })
        .collect()
}

fn id<T: std::str::FromStr>(text: &str) -> Result<T, String> {
    text.parse::<T>()
        .map_err(|_| format!("`{text}` is not a valid id"))
}

impl Builder<'_> {
    fn source(&self, row: u64, unknown: &[Unknown]) -> Source {
        Source {
            file: self.file.to_owned(),
            row,
            unknown: unknown.to_vec(),
        }
    }

    fn run(
        &mut self,
        id: &str,
        on: NaiveDate,
        actor: Actor,
        action: Action,
        source: Source,
    ) -> Result<(), jianyi_core::CommandError> {
        let id: CommandId = id.parse().map_err(jianyi_core::CommandError::Input)?;
        self.ledger
            .execute(&Command {
                id,
                on,
                actor,
                action,
                source: Some(Box::new(source)),
            })
            .map(|_| ())
    }

    /// The session of the year (its dates unknown: 1 January stands in) and every name found.
    fn directory(&mut self, rows: &[&Row], opens: NaiveDate) -> Result<(), String> {
        let office = || Actor::DeputyAffairsOffice;
        let session: SessionId = id(&format!("S{}", self.year))?;
        self.run(
            "import-session",
            opens,
            office(),
            Action::RegisterSession {
                session: Session {
                    id: session.clone(),
                    term: 0,
                    number: 0,
                    opens,
                    closes: opens,
                },
            },
            self.source(0, &[Unknown::Date]),
        )
        .map_err(|e| e.to_string())?;
        self.ids.session = Some(session);
        for row in rows {
            if let Some(name) = &row.delegation {
                if !self.ids.delegations.contains_key(name) {
                    let n = self.ids.delegations.len().saturating_add(1);
                    let d: DelegationId = id(&format!("DL{n:03}"))?;
                    self.run(
                        &format!("import-delegation-{d}"),
                        opens,
                        office(),
                        Action::RegisterDelegation {
                            delegation: Delegation {
                                id: d.clone(),
                                name: name.clone(),
                            },
                        },
                        self.source(row.row, &[]),
                    )
                    .map_err(|e| e.to_string())?;
                    self.ids.delegations.insert(name.clone(), d);
                }
            }
        }
        // A deputy's delegation: that of the first row they lead that names one.
        let mut delegation_of: BTreeMap<&str, &str> = BTreeMap::new();
        for row in rows {
            if let Some(d) = &row.delegation {
                delegation_of.entry(row.lead.as_str()).or_insert(d.as_str());
            }
        }
        for row in rows {
            for (key, name) in signer_keys(row) {
                if self.ids.deputies.contains_key(&key) {
                    continue;
                }
                let n = self.ids.deputies.len().saturating_add(1);
                let d: DeputyId = id(&format!("D{n:04}"))?;
                let delegation = delegation_of
                    .get(key.as_str())
                    .and_then(|dl| self.ids.delegations.get(*dl))
                    .cloned();
                self.run(
                    &format!("import-deputy-{d}"),
                    opens,
                    office(),
                    Action::RegisterDeputy {
                        deputy: Deputy {
                            id: d.clone(),
                            name: name.to_owned(),
                            delegation,
                            office_holder: false,
                        },
                    },
                    self.source(row.row, &[]),
                )
                .map_err(|e| e.to_string())?;
                self.ids.deputies.insert(key, d);
            }
        }
        for row in rows {
            for name in row.lead_units.iter().chain(&row.co_units) {
                if self.ids.units.contains_key(name) {
                    continue;
                }
                let n = self.ids.units.len().saturating_add(1);
                let u: UnitId = id(&format!("U{n:03}"))?;
                // The sheet names the unit, not its system or liaison committee: `other`
                // stands in for the system and the figures by system say it is unknown.
                self.run(
                    &format!("import-unit-{u}"),
                    opens,
                    office(),
                    Action::RegisterUnit {
                        unit: Unit {
                            id: u.clone(),
                            name: name.clone(),
                            system: System::Other,
                            liaison_committee: None,
                        },
                    },
                    self.source(row.row, &[Unknown::System, Unknown::Liaison]),
                )
                .map_err(|e| e.to_string())?;
                self.ids.units.insert(name.clone(), u);
            }
        }
        Ok(())
    }

    fn deputy(&self, name: &str) -> Result<DeputyId, Refusal> {
        self.ids
            .deputies
            .get(name)
            .cloned()
            .ok_or_else(|| Refusal::own(Field::Lead, &format!("deputy `{name}` not found")))
    }

    fn units(&self, names: &[String], field: Field) -> Result<Vec<UnitId>, Refusal> {
        names
            .iter()
            .map(|n| {
                self.ids
                    .units
                    .get(n)
                    .cloned()
                    .ok_or_else(|| Refusal::own(field, &format!("unit `{n}` not found")))
            })
            .collect()
    }

    /// Submit, register, assign, first reply and (without a second reply) the rating.
    fn first_round(&mut self, row: &Row, opens: NaiveDate) -> Result<Handled, Refusal> {
        let r = row.row;
        let item: ItemId = row
            .number
            .as_deref()
            .and_then(|n| n.parse().ok())
            .or_else(|| format!("R{r}").parse().ok())
            .ok_or_else(|| Refusal::own(Field::Number, "no valid item number"))?;
        // The session is registered as one day (its dates are unknown): the day itself is
        // the session, the next is the recess.
        let mut unknown = vec![
            Unknown::Date,
            Unknown::Origin,
            Unknown::Status,
            Unknown::Rollover,
        ];
        let on = match row.period {
            Some(Period::Recess) => opens.succ_opt().unwrap_or(opens),
            Some(Period::Session) => opens,
            None => {
                unknown.push(Unknown::Period);
                opens
            }
        };
        // An item number used twice: the core's own refusal (its date check would come
        // first, the stand-in date being earlier than the first item's facts).
        if self.ledger.item(&item).is_some() {
            let e = jianyi_core::CommandError::DuplicateItem { item };
            return Err(Refusal::new(Field::Number, &e));
        }
        let keys = signer_keys(row);
        let lead = self.deputy(&row.lead)?;
        let cosigners = keys
            .iter()
            .skip(1)
            .map(|(key, _)| self.deputy(key))
            .collect::<Result<Vec<_>, _>>()?;
        let source = self.source(r, &unknown);
        self.run(
            &format!("r{r}-submit"),
            on,
            Actor::Deputy { id: lead.clone() },
            Action::SubmitSuggestion {
                item: item.clone(),
                lead,
                cosigners,
                delegation: None,
                text: ItemText {
                    title: row.title.clone(),
                    body: String::new(),
                },
                proposed_unit: None,
            },
            source,
        )
        .map_err(|e| {
            let field = match &e {
                jianyi_core::CommandError::DuplicateItem { .. } => Field::Number,
                jianyi_core::CommandError::DuplicateSigner { .. } => Field::Cosigners,
                jianyi_core::CommandError::Input(_) => Field::Title,
                _ => Field::Lead,
            };
            Refusal::new(field, &e)
        })?;
        let mut handled = Handled {
            item: item.clone(),
            leads: Vec::new(),
            last: on,
        };
        let office = || Actor::DeputyAffairsOffice;
        let stand_in = [Unknown::Date];
        if let Some(topic) = &row.topic {
            let source = self.source(r, &stand_in);
            self.run(
                &format!("r{r}-register"),
                on,
                office(),
                Action::Register {
                    item: item.clone(),
                    topic: topic.clone(),
                    merge_group: None,
                },
                source,
            )
            .map_err(|e| Refusal::new(Field::Topic, &e))?;
        }
        if row.lead_units.is_empty() {
            if !row.co_units.is_empty() {
                return Err(Refusal::own(
                    Field::LeadUnits,
                    "is blank, but 协办单位 is given",
                ));
            }
            if row.reply_class.is_some() || row.reply_on.is_some() {
                return Err(Refusal::own(
                    Field::LeadUnits,
                    "is blank, but the row gives a reply",
                ));
            }
            return Ok(handled);
        }
        if row.topic.is_none() {
            return Err(Refusal::own(
                Field::Topic,
                "is blank, but the item is assigned (an item is registered under a topic before it is assigned)",
            ));
        }
        let leads = self.units(&row.lead_units, Field::LeadUnits)?;
        let co = self.units(&row.co_units, Field::CoUnits)?;
        let mode = match row.mode.as_deref() {
            Some(m) if m.contains("分办") => HandlingMode::Split,
            Some(m) if m.contains("合办") || m.contains("联办") => HandlingMode::Joint,
            Some(m) if m.contains("主") || m.contains("单独") || m.contains("独办") => {
                HandlingMode::LeadWithCo
            }
            Some(m) => {
                return Err(Refusal::own(
                    Field::Mode,
                    &format!("`{m}` is not a handling mode (主协办 / 分办 / 合办)"),
                ))
            }
            None if leads.len() == 1 => HandlingMode::LeadWithCo,
            None => {
                return Err(Refusal::own(
                    Field::Mode,
                    "is blank, but several lead units are named (分办 or 合办?)",
                ))
            }
        };
        // The units' systems and liaison committees are not in the sheet: the item's
        // figures by system and by committee are unknown.
        let source = self.source(r, &[Unknown::Date, Unknown::System, Unknown::Liaison]);
        self.run(
            &format!("r{r}-assign"),
            on,
            office(),
            Action::Assign {
                item: item.clone(),
                plan: AssignmentPlan {
                    mode,
                    leads: leads.clone(),
                    co,
                },
            },
            source,
        )
        .map_err(|e| Refusal::new(Field::LeadUnits, &e))?;
        handled.leads = leads;
        let Some(class) = &row.reply_class else {
            if row.reply_on.is_some() {
                return Err(Refusal::own(
                    Field::ReplyClass,
                    "is blank, but 答复日期 is given",
                ));
            }
            if row.feedback.is_some() {
                return Err(Refusal::own(Field::Feedback, "is given, but no reply is"));
            }
            return Ok(handled);
        };
        let second = row.second_reply_class.is_some();
        let reply_on = row.reply_on.unwrap_or(on);
        let mut unknown = vec![Unknown::Date, Unknown::Contact, Unknown::Signature];
        if row.feedback.is_none() {
            unknown.push(Unknown::Rating);
        }
        self.reply(
            r,
            "reply",
            &handled,
            class,
            reply_on,
            &unknown,
            Field::ReplyClass,
        )?;
        handled.last = reply_on;
        // With a second reply, the rating (the latest) follows it (`second_round`).
        if !second {
            if let Some(level) = &row.feedback {
                self.rate(r, "rate", &item, &row.lead, level, reply_on, &[])?;
            }
        }
        if row.second_reply_on.is_some() && row.second_reply_class.is_none() {
            return Err(Refusal::own(
                Field::SecondReplyClass,
                "is blank, but 二次答复日期 is given",
            ));
        }
        Ok(handled)
    }

    /// A reply by every lead unit that owes one (each part of a split item; a joint reply
    /// closes the other leads' duties).
    #[expect(clippy::too_many_arguments, reason = "one call per round, all named")]
    fn reply(
        &mut self,
        r: u64,
        step: &str,
        h: &Handled,
        class: &str,
        on: NaiveDate,
        unknown: &[Unknown],
        field: Field,
    ) -> Result<(), Refusal> {
        let mut unknown = unknown.to_vec();
        if self
            .ledger
            .profile()
            .class(class)
            .is_some_and(|c| c.needs_promised_date)
        {
            unknown.push(Unknown::Promise);
        }
        let mut replied = false;
        for unit in &h.leads {
            let owes = self
                .ledger
                .item(&h.item)
                .is_some_and(|it| it.open_reply_duty(unit).is_some());
            if !owes {
                continue;
            }
            let source = self.source(r, &unknown);
            self.run(
                &format!("r{r}-{step}-{unit}"),
                on,
                Actor::Unit { id: unit.clone() },
                Action::IssueReply {
                    item: h.item.clone(),
                    class: class.to_owned(),
                    promised_by: None,
                    signed_by_head: false,
                    copied_to: Vec::new(),
                    leader_reviewed: false,
                },
                source,
            )
            .map_err(|e| Refusal::new(field, &e))?;
            replied = true;
        }
        if replied {
            Ok(())
        } else {
            Err(Refusal::own(field, "no lead unit owes a reply"))
        }
    }

    #[expect(clippy::too_many_arguments, reason = "one call per rating, all named")]
    fn rate(
        &mut self,
        r: u64,
        step: &str,
        item: &ItemId,
        lead: &str,
        level: &str,
        on: NaiveDate,
        more: &[Unknown],
    ) -> Result<(), Refusal> {
        let deputy = self.deputy(lead)?;
        let mut unknown = vec![Unknown::Date, Unknown::Comment];
        unknown.extend_from_slice(more);
        let source = self.source(r, &unknown);
        self.run(
            &format!("r{r}-{step}"),
            on,
            Actor::Deputy { id: deputy },
            Action::GiveFeedback {
                item: item.clone(),
                level: level.to_owned(),
                attitude: None,
                result: None,
                comment: None,
            },
            source,
        )
        .map_err(|e| Refusal::new(Field::Feedback, &e))
    }

    /// A 二次答复通知 on `on` for the year's items it covers (none covered: none sent).
    fn follow_up_notice(&mut self, on: NaiveDate, row: u64) {
        let source = self.source(row, &[Unknown::Date]);
        let year = self.year;
        // A notice that covers nothing is refused (`followup.no_items`) and not needed.
        let _ = self.run(
            &format!("import-follow-up-{on}"),
            on,
            Actor::DeputyAffairsOffice,
            Action::RequestFollowUp { year },
            source,
        );
    }

    /// The second reply (after the notice, or after the office's reopening) and the rating.
    fn second_round(&mut self, row: &Row, h: &Handled, on: NaiveDate) -> Result<(), Refusal> {
        let r = row.row;
        let Some(class) = &row.second_reply_class else {
            return Ok(());
        };
        let owes = self
            .ledger
            .item(&h.item)
            .is_some_and(|it| h.leads.iter().any(|u| it.open_reply_duty(u).is_some()));
        if !owes {
            // Not covered by a notice: the office reopened it after a rating the sheet does
            // not keep.
            let source = self.source(r, &[Unknown::Date, Unknown::EarlierRatings]);
            self.run(
                &format!("r{r}-reopen"),
                on,
                Actor::DeputyAffairsOffice,
                Action::DecideReopen {
                    item: h.item.clone(),
                    reopen: true,
                },
                source,
            )
            .map_err(|e| Refusal::new(Field::SecondReplyClass, &e))?;
        }
        let mut unknown = vec![Unknown::Date, Unknown::Contact, Unknown::Signature];
        if row.feedback.is_none() {
            unknown.push(Unknown::Rating);
        }
        self.reply(r, "reply2", h, class, on, &unknown, Field::SecondReplyClass)?;
        if let Some(level) = &row.feedback {
            self.rate(
                r,
                "rate",
                &h.item,
                &row.lead,
                level,
                on,
                &[Unknown::EarlierRatings],
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]
    use super::*;
    use crate::grid::{Cell, Grid};

    fn sheet(rows: &[&[&str]]) -> Sheet {
        let rows = rows
            .iter()
            .zip(1u64..)
            .map(|(r, n)| {
                let cells = r
                    .iter()
                    .map(|c| {
                        if c.is_empty() {
                            Cell::Empty
                        } else {
                            Cell::Text((*c).to_owned())
                        }
                    })
                    .collect();
                (n, cells)
            })
            .collect();
        let grid = Grid {
            file: "t.csv".into(),
            sheet: None,
            rows,
        };
        let profile = Profile::preset("seed-city").unwrap();
        crate::read_grid(grid, &crate::Mapping::new(), &profile).unwrap()
    }

    const HEADER: &[&str] = &[
        "编号",
        "案由",
        "领衔代表",
        "专业分类",
        "主办单位",
        "答复日期",
        "办理结果",
        "代表意见",
    ];

    #[test]
    fn a_refused_row_names_its_column_and_keep_going_leaves_it_out() {
        let s = sheet(&[
            HEADER,
            &[
                "J1",
                "关于加快老旧小区改造的建议",
                "张三",
                "环资城建",
                "市住建局",
                "2022-05-06",
                "A",
                "不满意",
            ],
            &[
                "J1",
                "关于增设公交站点的建议",
                "李四",
                "环资城建",
                "市交通局",
                "",
                "",
                "",
            ],
            &[
                "J3",
                "关于增设路灯的建议",
                "王五",
                "环资城建",
                "",
                "2022-05-06",
                "A",
                "",
            ],
        ]);
        let profile = Profile::preset("seed-city").unwrap();
        let cal = Calendar::china();
        let errors = build(&s, &profile, &cal, 2022, false, &mut |_, _| {}).unwrap_err();
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(
            lines[0].starts_with("t.csv row 3 column A（编号）"),
            "{lines:?}"
        );
        assert!(lines[0].ends_with("[item.duplicate_id]"), "{lines:?}");
        assert!(
            lines[1].starts_with("t.csv row 4 column E（主办单位）"),
            "{lines:?}"
        );
        assert!(errors.iter().all(|e| e.code() == "import.refused"));

        let done = build(&s, &profile, &cal, 2022, true, &mut |_, _| {}).unwrap();
        assert_eq!((done.rows, done.skipped.len()), (1, 2));
        // Seed-city requires a contact before the reply and a comment with 不满意: the
        // import does not know them, so the core records them as unknown instead.
        let item = done.ledger.item(&"J1".parse().unwrap()).unwrap();
        assert!(item.unknown.contains(Unknown::Contact));
        assert!(item.unknown.contains(Unknown::Comment));
        assert_eq!(item.replies.len(), 1);
    }
}

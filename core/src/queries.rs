//! 查询 (queries) a vendor's server and a deputy's app need: an item's timeline and
//! holder, open obligations by unit, committee and deputy, overdue and due-soon lists,
//! and a year's work list (new items and rolled-over items kept apart).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::event::Event;
use crate::id::{CommitteeId, DeputyId, ItemId, UnitId};
use crate::item::{DutyKind, Item, ItemStatus, Party};
use crate::ledger::Ledger;
use crate::obligations::{item_obligations, Obligation, ObligationStatus};

/// Who has the item now (当前办理环节).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Holder {
    /// 主席团 (a motion awaiting decision).
    Presidium,
    /// 代表工委 (registration, assignment, reopen decision, closing).
    Office,
    /// Units owing a reply or an opinion.
    Units {
        /// Units.
        units: Vec<UnitId>,
    },
    /// Deputies whose rating is awaited.
    Deputies {
        /// Deputies.
        deputies: Vec<DeputyId>,
    },
    /// Nobody: withdrawn, rejected, closed or a decided motion.
    Nobody,
}

/// A year's work list (年度办理清单, the seed 三.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkList {
    /// Work year.
    pub year: i32,
    /// This year's new suggestions (converted motions and recess items included).
    pub new_items: Vec<ItemId>,
    /// Earlier years' items rolled into this year: handled and assessed with it, never
    /// counted as its new suggestions.
    pub rolled_over: Vec<ItemId>,
}

impl Ledger {
    /// The item's events in order (its timeline): those the ledger holds, so for a ledger
    /// reopened from a snapshot only those after it ([`Ledger::holds_log`]).
    pub fn timeline(&self, item: &ItemId) -> Vec<&Event> {
        let Some(it) = self.items.get(item) else {
            return Vec::new();
        };
        it.events
            .iter()
            .filter_map(|seq| {
                let idx = usize::try_from(seq.saturating_sub(1)).ok()?;
                self.events().get(idx.checked_sub(self.log_start())?)
            })
            .collect()
    }

    /// Who holds the item now.
    pub fn holder(&self, item: &ItemId) -> Option<Holder> {
        let it = self.items.get(item)?;
        Some(holder_of(it))
    }

    /// Every obligation of an item with its status as of `as_of`.
    ///
    /// # Errors
    /// `calendar.out_of_range`; `ledger.inconsistent` when the ledger as of `as_of` cannot be
    /// read ([`Ledger::as_of`]).
    pub fn obligations(&self, item: &ItemId, as_of: NaiveDate) -> Result<Vec<Obligation>, Error> {
        // What was owed, done or late on `as_of`: the item as the ledger knew it then.
        let view = self.as_of(as_of)?;
        match view.items.get(item) {
            Some(it) => Ok(item_obligations(&view.profile, &view.calendar, it, as_of)?),
            None => Ok(Vec::new()),
        }
    }

    /// Every obligation of every item, open or not, with its status as of `as_of` (read from
    /// the ledger as it stood then: [`Ledger::as_of`]), in item order: the analyst's table.
    ///
    /// # Errors
    /// `calendar.out_of_range`; `ledger.inconsistent` ([`Ledger::as_of`]).
    pub fn every_obligation(&self, as_of: NaiveDate) -> Result<Vec<Obligation>, Error> {
        let view = self.as_of(as_of)?;
        let mut out = Vec::new();
        for it in view.items.values() {
            out.extend(item_obligations(&view.profile, &view.calendar, it, as_of)?);
        }
        Ok(out)
    }

    /// Open obligations matching `party`, as of `as_of` (read from the ledger as it stood
    /// then: [`Ledger::as_of`]), in item order.
    fn open_where(
        &self,
        as_of: NaiveDate,
        keep: impl Fn(&Item, &Party) -> bool,
    ) -> Result<Vec<Obligation>, Error> {
        let view = self.as_of(as_of)?;
        let mut out = Vec::new();
        for it in view.items.values() {
            // INVARIANT: an imported item whose dates are stand-ins has no known deadline: it
            // is left out of worklists, as the year's overdue count leaves it out.
            if it.unknown.contains(crate::provenance::Unknown::Date) {
                continue;
            }
            if !it.duties.iter().any(|d| d.is_open() && keep(it, &d.party)) {
                continue;
            }
            for o in item_obligations(&view.profile, &view.calendar, it, as_of)? {
                if o.status.is_open() && keep(it, &o.party) {
                    out.push(o);
                }
            }
        }
        Ok(out)
    }

    /// A unit's open obligations (its worklist).
    ///
    /// # Errors
    /// `calendar.out_of_range`; `ledger.inconsistent` ([`Ledger::as_of`]).
    pub fn open_obligations_of_unit(
        &self,
        unit: &UnitId,
        as_of: NaiveDate,
    ) -> Result<Vec<Obligation>, Error> {
        self.open_where(as_of, |_, p| matches!(p, Party::Unit { id } if id == unit))
    }

    /// Open obligations of the units a committee liaises with (对口督办 view).
    ///
    /// # Errors
    /// `calendar.out_of_range`; `ledger.inconsistent` ([`Ledger::as_of`]).
    pub fn open_obligations_of_committee(
        &self,
        committee: &CommitteeId,
        as_of: NaiveDate,
    ) -> Result<Vec<Obligation>, Error> {
        let units: Vec<&UnitId> = self
            .directory
            .units_of_committee(committee)
            .map(|u| &u.id)
            .collect();
        self.open_where(
            as_of,
            |_, p| matches!(p, Party::Unit { id } if units.contains(&id)),
        )
    }

    /// A deputy's view: obligations owed by the deputy (ratings) and open obligations on
    /// items the deputy signed.
    ///
    /// # Errors
    /// `calendar.out_of_range`; `ledger.inconsistent` ([`Ledger::as_of`]).
    pub fn open_obligations_of_deputy(
        &self,
        deputy: &DeputyId,
        as_of: NaiveDate,
    ) -> Result<Vec<Obligation>, Error> {
        self.open_where(as_of, |it, p| {
            matches!(p, Party::Deputy { id } if id == deputy) || it.signers().any(|s| s == deputy)
        })
    }

    /// Open obligations of the office (assignment, reassignment).
    ///
    /// # Errors
    /// `calendar.out_of_range`; `ledger.inconsistent` ([`Ledger::as_of`]).
    pub fn open_obligations_of_office(&self, as_of: NaiveDate) -> Result<Vec<Obligation>, Error> {
        self.open_where(as_of, |_, p| *p == Party::Office)
    }

    /// Every overdue obligation as of `as_of`.
    ///
    /// # Errors
    /// `calendar.out_of_range`; `ledger.inconsistent` ([`Ledger::as_of`]).
    pub fn overdue(&self, as_of: NaiveDate) -> Result<Vec<Obligation>, Error> {
        Ok(self
            .open_where(as_of, |_, _| true)?
            .into_iter()
            .filter(|o| o.status == ObligationStatus::Overdue)
            .collect())
    }

    /// Every obligation due soon as of `as_of`.
    ///
    /// # Errors
    /// `calendar.out_of_range`; `ledger.inconsistent` ([`Ledger::as_of`]).
    pub fn due_soon(&self, as_of: NaiveDate) -> Result<Vec<Obligation>, Error> {
        Ok(self
            .open_where(as_of, |_, _| true)?
            .into_iter()
            .filter(|o| o.status == ObligationStatus::DueSoon)
            .collect())
    }

    /// The work list of `year`: new suggestions and rolled-over ones, kept apart.
    pub fn work_list(&self, year: i32) -> WorkList {
        let mut list = WorkList {
            year,
            new_items: Vec::new(),
            rolled_over: Vec::new(),
        };
        for it in self.items.values() {
            if it.kind != crate::vocab::ItemKind::Suggestion {
                continue;
            }
            if it.year == year {
                list.new_items.push(it.id.clone());
            } else if it.rolled_into.contains(&year) {
                list.rolled_over.push(it.id.clone());
            }
        }
        list
    }
}

fn holder_of(it: &Item) -> Holder {
    match it.status {
        ItemStatus::MotionPending => Holder::Presidium,
        ItemStatus::MotionDecided
        | ItemStatus::Closed
        | ItemStatus::Withdrawn
        | ItemStatus::Rejected => Holder::Nobody,
        ItemStatus::Submitted | ItemStatus::Registered => Holder::Office,
        ItemStatus::Handling => {
            let units: Vec<UnitId> = it
                .duties
                .iter()
                .filter(|d| {
                    d.is_open()
                        && matches!(
                            d.kind,
                            DutyKind::Reply { .. } | DutyKind::CoOpinion | DutyKind::CoOpinionRedo
                        )
                })
                .filter_map(|d| match &d.party {
                    Party::Unit { id } => Some(id.clone()),
                    _ => None,
                })
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            if units.is_empty() {
                Holder::Office
            } else {
                Holder::Units { units }
            }
        }
        ItemStatus::Replied => {
            let deputies: Vec<DeputyId> = it
                .duties
                .iter()
                .filter(|d| d.is_open() && d.kind == DutyKind::Feedback)
                .filter_map(|d| match &d.party {
                    Party::Deputy { id } => Some(id.clone()),
                    _ => None,
                })
                .collect();
            if deputies.is_empty() {
                Holder::Office
            } else {
                Holder::Deputies { deputies }
            }
        }
    }
}

//! Follow-up: second reply (二次答复), commitments, rollover (滚动办理), look-back
//! (回头看) and closing (RULES.md §7; the seed 三.1–三.2).

use chrono::NaiveDate;

use crate::command::Action;
use crate::error::CommandError;
use crate::event::Fact;
use crate::id::ItemId;
use crate::item::{Item, ItemStatus};
use crate::ledger::Ledger;
use crate::vocab::Closing;

use super::Cx;

fn owes_reply(item: &Item) -> bool {
    item.lead_units().any(|u| item.open_reply_duty(u).is_some())
}

impl Ledger {
    /// Open items of `year`'s work list with a part whose latest class is one of `classes`
    /// and whose last step is not after `on`, in id order: what the two list actions below
    /// start from. A split item is due when any part is (SPEC §4: it rolls over while any
    /// part is planned), whatever the order its parts replied in.
    fn open_in_work_list<'a>(
        &'a self,
        year: i32,
        classes: &'a [String],
        on: NaiveDate,
    ) -> impl Iterator<Item = &'a Item> + 'a {
        self.items.values().map(|it| &**it).filter(move |it| {
            it.in_work_list(year)
                && !it.status.is_final()
                && it.any_part_in(classes)
                && it.last_on <= on
        })
    }

    /// The items a 二次答复通知 for `year` sent on `on` would cover: every open item of the
    /// year's work list with a part whose latest class is a trigger class and which owes no
    /// reply (the seed 三.1: every item first answered 正在解决). In id order.
    pub fn follow_up_due(&self, year: i32, on: NaiveDate) -> Vec<&ItemId> {
        let triggers = &self.profile.follow_up.trigger_classes;
        self.open_in_work_list(year, triggers, on)
            .filter(|it| !owes_reply(it))
            .map(|it| &it.id)
            .collect()
    }

    /// The items a rollover from `from_year` into `into_year` decided on `on` would carry:
    /// open items of `from_year`'s work list with a part whose latest class rolls over, with
    /// a lead unit, and not yet in `into_year`'s list (the seed 三.2). In id order. The cut-off date is
    /// checked by the command, not here.
    pub fn rollover_due(&self, from_year: i32, into_year: i32, on: NaiveDate) -> Vec<&ItemId> {
        let classes = &self.profile.rollover.classes;
        self.open_in_work_list(from_year, classes, on)
            .filter(|it| !it.rolled_into.contains(&into_year) && it.lead_units().next().is_some())
            .map(|it| &it.id)
            .collect()
    }
}

/// 二次答复通知 covers [`Ledger::follow_up_due`]; a notice that would cover nothing is refused.
fn follow_up(cx: &Cx<'_>, year: i32) -> Result<Vec<Fact>, CommandError> {
    let facts: Vec<Fact> = cx
        .ledger
        .follow_up_due(year, cx.on())
        .into_iter()
        .map(|item| Fact::FollowUpRequested { item: item.clone() })
        .collect();
    if facts.is_empty() {
        return Err(CommandError::NoFollowUpItems { year });
    }
    Ok(facts)
}

/// 滚动办理: at the cut-off, open items of `from_year` whose latest class rolls over are
/// carried into `into_year`'s work list, origin kept; they are handled with that year's
/// items but never counted as its new suggestions (the seed 三.2).
fn rollover(cx: &Cx<'_>, from_year: i32, into_year: i32) -> Result<Vec<Fact>, CommandError> {
    if into_year <= from_year {
        return Err(CommandError::InvalidYears {
            from_year,
            into_year,
        });
    }
    let cut = cx.ledger.profile.rollover.cutoff;
    let cutoff = NaiveDate::from_ymd_opt(from_year, cut.month, cut.day)
        .or_else(|| NaiveDate::from_ymd_opt(from_year, cut.month, 28))
        .ok_or(CommandError::InvalidYears {
            from_year,
            into_year,
        })?;
    if cx.on() < cutoff {
        return Err(CommandError::BeforeCutoff {
            year: from_year,
            cutoff,
        });
    }
    let facts: Vec<Fact> = cx
        .ledger
        .rollover_due(from_year, into_year, cx.on())
        .into_iter()
        .map(|item| Fact::RolledOver {
            item: item.clone(),
            into_year,
        })
        .collect();
    if facts.is_empty() {
        return Err(CommandError::NothingToRollOver { year: from_year });
    }
    Ok(facts)
}

pub(super) fn decide(cx: &Cx<'_>) -> Result<Vec<Fact>, CommandError> {
    match &cx.command.action {
        Action::RequestFollowUp { year } => follow_up(cx, *year),
        Action::Rollover {
            from_year,
            into_year,
        } => rollover(cx, *from_year, *into_year),
        Action::FulfilCommitment { item, commitment } => {
            let it = cx.suggestion_in(
                item,
                &[
                    ItemStatus::Handling,
                    ItemStatus::Replied,
                    ItemStatus::Closed,
                ],
            )?;
            let (unit, _) = cx.acting_unit(it)?;
            let open = usize::try_from(*commitment)
                .ok()
                .and_then(|i| it.commitments.get(i))
                .is_some_and(|c| &c.unit == unit && c.fulfilled_on.is_none());
            if !open {
                return Err(CommandError::UnknownCommitment {
                    item: item.clone(),
                    index: *commitment,
                });
            }
            Ok(vec![Fact::CommitmentFulfilled {
                item: item.clone(),
                index: *commitment,
            }])
        }
        Action::LookBack { item, note } => {
            cx.suggestion_in(
                item,
                &[
                    ItemStatus::Handling,
                    ItemStatus::Replied,
                    ItemStatus::Closed,
                ],
            )?;
            Cx::check_text("note", note, cx.ledger.profile.limits.max_text_chars)?;
            Ok(vec![Fact::LookedBack {
                item: item.clone(),
                note: note.clone(),
            }])
        }
        Action::Close { item, how } => {
            let it = cx.item(item)?;
            match how {
                Closing::Completed => {
                    if it.status != ItemStatus::Replied || it.reopen_pending {
                        return Err(cx.wrong_state(it));
                    }
                    // An item rolls over while any part is planned (SPEC §4): it is not
                    // completed until that part is answered again.
                    let rolling = &cx.ledger.profile.rollover.classes;
                    if let Some(unit) = it.leads_with_class_in(rolling).first() {
                        let class = it
                            .class_for_unit(unit, &cx.ledger.profile.results)
                            .unwrap_or_default();
                        return Err(CommandError::StillRollsOver {
                            item: item.clone(),
                            unit: (*unit).clone(),
                            class: class.to_owned(),
                        });
                    }
                }
                Closing::TermEnd { explanation } => {
                    if it.status.is_final() {
                        return Err(cx.wrong_state(it));
                    }
                    // 换届时仍未解决的，应书面说明 (Shanghai Art 22).
                    if cx.ledger.profile.term_end.explanation_required
                        && explanation.trim().is_empty()
                    {
                        return Err(CommandError::ExplanationRequired { item: item.clone() });
                    }
                    Cx::check_text(
                        "explanation",
                        explanation,
                        cx.ledger.profile.limits.max_text_chars,
                    )?;
                }
            }
            Ok(vec![Fact::Closed {
                item: item.clone(),
                how: how.clone(),
            }])
        }
        _ => Err(super::not_this_stage(cx)),
    }
}

//! 期限届满日 (due dates) that explain themselves (SPEC §3): the anchor, the counting rule,
//! each holiday skipped, each 调休 working weekend counted, and the result.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::civil::add_months;
use super::workdays::Cursor;
use super::{Calendar, CalendarError, DayKind, Window, WindowUnit};

/// 期限 (deadline): a due date with everything needed to explain it to a unit officer who
/// disputes an "overdue" mark (SPEC §3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    /// 起算日 (anchor): 交办日, 收到之日, 闭会之日… (RULES §13). Not itself counted
    /// (Civil Code Art. 201).
    pub anchor: NaiveDate,
    /// 期限 (window) that was applied.
    pub window: Window,
    /// 届满日 (due date): the last day of the period, ending at 24:00 (Civil Code Art. 203).
    pub due: NaiveDate,
    /// 跳过的法定节假日 (official holiday off-days skipped): inside `(anchor, due]` and not
    /// counted (working-day windows), or jumped over by the Art. 203 roll-forward.
    pub holidays_skipped: Vec<NaiveDate>,
    /// 跳过的普通周末 (ordinary weekend days not counted or jumped over).
    pub weekend_days_skipped: u32,
    /// 计入的调休上班日 (调休 working weekends counted as working days).
    pub adjusted_workdays_counted: Vec<NaiveDate>,
    /// 顺延前的届满日 (original end) when Art. 203 moved the end to the next working day.
    pub rolled_forward_from: Option<NaiveDate>,
    /// 日历版本 (calendar version) used, e.g. `cn-2026.1` (SPEC §3).
    pub calendar_version: String,
}

impl Calendar {
    /// 计算届满日 (compute the due date) of `window` from `anchor`, and explain it.
    ///
    /// - Calendar days: `anchor + amount` days (Civil Code Art. 201: the anchor day is not
    ///   counted).
    /// - Working days: [`add_working_days`](Self::add_working_days); holidays and ordinary
    ///   weekends inside `(anchor, due]` are recorded as skipped, 调休 weekends as counted.
    /// - Months: [`add_months_civil`](Self::add_months_civil) (Arts. 201–202).
    ///
    /// With `roll_forward` (the profile flag, default on per RULES §13), an end on a rest day
    /// or statutory holiday moves to the next working day (Art. 203); the days jumped over
    /// are recorded. Without it, calendar-day and month windows need no holiday data and
    /// never return `OutOfRange`.
    pub fn due_date(
        &self,
        anchor: NaiveDate,
        window: Window,
        roll_forward: bool,
    ) -> Result<Deadline, CalendarError> {
        let mut deadline = Deadline {
            anchor,
            window,
            due: anchor,
            holidays_skipped: Vec::new(),
            weekend_days_skipped: 0,
            adjusted_workdays_counted: Vec::new(),
            rolled_forward_from: None,
            calendar_version: self.version().to_owned(),
        };
        let end = self.window_end(anchor, window)?;
        if window.unit == WindowUnit::WorkingDays {
            self.tally(anchor.succ_opt(), end, true, &mut deadline)?;
        }
        deadline.due = end;
        if roll_forward {
            let rolled = self.roll_forward(end)?;
            if rolled != end {
                // Days jumped over: [end, rolled).
                if let Some(last) = rolled.pred_opt() {
                    self.tally(Some(end), last, false, &mut deadline)?;
                }
                deadline.rolled_forward_from = Some(end);
                deadline.due = rolled;
            }
        }
        Ok(deadline)
    }

    /// The due date [`Calendar::due_date`] gives, without its explanation: what a pass over
    /// every duty of a ledger needs (the figures, the unit assessment), with no list of days
    /// nor copy of the calendar's version made for each duty.
    ///
    /// # Errors
    /// As [`Calendar::due_date`].
    pub(crate) fn due_day(
        &self,
        anchor: NaiveDate,
        window: Window,
        roll_forward: bool,
    ) -> Result<NaiveDate, CalendarError> {
        let end = self.window_end(anchor, window)?;
        if roll_forward {
            return self.roll_forward(end);
        }
        Ok(end)
    }

    /// The last day of `window` counted from `anchor`, before any roll-forward (the anchor
    /// day not counted: Civil Code Art. 201).
    fn window_end(&self, anchor: NaiveDate, window: Window) -> Result<NaiveDate, CalendarError> {
        match window.unit {
            WindowUnit::CalendarDays => anchor
                .checked_add_days(Days::new(u64::from(window.amount)))
                .ok_or(CalendarError::Overflow { date: anchor }),
            WindowUnit::WorkingDays => self.add_working_days(anchor, window.amount),
            WindowUnit::Months => add_months(anchor, window.amount),
        }
    }

    /// Records the holidays, ordinary weekend days and (if `count_adjusted`) 调休 days in
    /// `[first, last]` (nothing when `first` is `None` or after `last`).
    fn tally(
        &self,
        first: Option<NaiveDate>,
        last: NaiveDate,
        count_adjusted: bool,
        deadline: &mut Deadline,
    ) -> Result<(), CalendarError> {
        let Some(first) = first else {
            return Ok(());
        };
        let mut cursor = Cursor::new(self);
        for d in first.iter_days().take_while(|d| *d <= last) {
            match cursor.kind(d)? {
                DayKind::Holiday => deadline.holidays_skipped.push(d),
                DayKind::Weekend => {
                    deadline.weekend_days_skipped = deadline.weekend_days_skipped.saturating_add(1);
                }
                DayKind::AdjustedWorkday if count_adjusted => {
                    deadline.adjusted_workdays_counted.push(d);
                }
                DayKind::AdjustedWorkday | DayKind::Workday => {}
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn range(a: NaiveDate, b: NaiveDate) -> Vec<NaiveDate> {
        a.iter_days().take_while(|x| *x <= b).collect()
    }

    #[test]
    fn seven_working_days_across_spring_festival_2026() {
        let c = Calendar::china();
        let dl = c
            .due_date(d(2026, 2, 13), Window::working_days(7), true)
            .unwrap();
        assert_eq!(dl.due, d(2026, 3, 2));
        assert_eq!(dl.holidays_skipped, range(d(2026, 2, 15), d(2026, 2, 23)));
        assert_eq!(
            dl.adjusted_workdays_counted,
            vec![d(2026, 2, 14), d(2026, 2, 28)]
        );
        assert_eq!(dl.weekend_days_skipped, 1); // Sun 1 Mar
        assert_eq!(dl.rolled_forward_from, None);
        assert_eq!(dl.calendar_version, "cn-2026.1");

        let zh = dl.explain_zh();
        assert!(zh.contains("2026年2月13日"), "{zh}");
        assert!(zh.contains("7个工作日"), "{zh}");
        assert!(zh.contains("2026年2月15日至2026年2月23日"), "{zh}");
        assert!(zh.contains("2026年2月14日（星期六）"), "{zh}");
        assert!(zh.contains("2026年2月28日（星期六）"), "{zh}");
        assert!(zh.contains("2026年3月2日（星期一）"), "{zh}");
        assert!(zh.contains("cn-2026.1"), "{zh}");
        let en = dl.explain_en();
        assert!(en.contains("7 working days"), "{en}");
        assert!(en.contains("2026-02-15 to 2026-02-23"), "{en}");
        assert!(en.contains("2026-02-14 (Sat)"), "{en}");
        assert!(en.contains("2026-02-28 (Sat)"), "{en}");
        assert!(en.contains("Due: 2026-03-02 (Mon)"), "{en}");
        assert!(!zh.contains('\n') && !en.contains('\n'));
    }

    #[test]
    fn ten_working_days_before_national_day() {
        let c = Calendar::china();
        let dl = c
            .due_date(d(2026, 9, 18), Window::working_days(10), true)
            .unwrap();
        // 20 Sep (Sun 调休), 21–24, 28–30 = 8, then 8 Oct, 9 Oct.
        assert_eq!(dl.due, d(2026, 10, 9));
        assert_eq!(dl.adjusted_workdays_counted, vec![d(2026, 9, 20)]);
        let mut holidays = range(d(2026, 9, 25), d(2026, 9, 27));
        holidays.extend(range(d(2026, 10, 1), d(2026, 10, 7)));
        assert_eq!(dl.holidays_skipped, holidays);
        assert_eq!(dl.weekend_days_skipped, 1); // Sat 19 Sep
        assert_eq!(c.working_days_between(dl.anchor, dl.due).unwrap(), 10);
    }

    #[test]
    fn months_with_roll_forward() {
        let c = Calendar::china();
        // Lands on 2026-10-01 → moves to 2026-10-08 (Art. 203).
        let dl = c.due_date(d(2026, 7, 1), Window::months(3), true).unwrap();
        assert_eq!(dl.due, d(2026, 10, 8));
        assert_eq!(dl.rolled_forward_from, Some(d(2026, 10, 1)));
        assert_eq!(dl.holidays_skipped, range(d(2026, 10, 1), d(2026, 10, 7)));
        assert_eq!(dl.weekend_days_skipped, 0);
        assert!(dl.adjusted_workdays_counted.is_empty());
        assert!(
            dl.explain_zh().contains("第二百零三条"),
            "{}",
            dl.explain_zh()
        );
        assert!(dl.explain_en().contains("Art. 203"), "{}", dl.explain_en());
        // Without the flag it stays on the holiday.
        let raw = c.due_date(d(2026, 7, 1), Window::months(3), false).unwrap();
        assert_eq!(raw.due, d(2026, 10, 1));
        assert_eq!(raw.rolled_forward_from, None);
        assert!(raw.holidays_skipped.is_empty());
        // Lands on a Sunday → Monday.
        let sun = c.due_date(d(2025, 12, 8), Window::months(3), true).unwrap();
        assert_eq!(sun.rolled_forward_from, Some(d(2026, 3, 8)));
        assert_eq!(sun.due, d(2026, 3, 9));
        assert_eq!(sun.weekend_days_skipped, 1);
        // Lands on an adjusted working Saturday → stays.
        let sat = c
            .due_date(d(2025, 11, 28), Window::months(3), true)
            .unwrap();
        assert_eq!(sat.due, d(2026, 2, 28));
        assert_eq!(sat.rolled_forward_from, None);
        // Civil Code examples through due_date.
        let aug = c.due_date(d(2026, 8, 31), Window::months(1), true).unwrap();
        assert_eq!(aug.due, d(2026, 9, 30));
        let mar = c.due_date(d(2026, 3, 15), Window::months(3), true).unwrap();
        assert_eq!(mar.due, d(2026, 6, 15));
    }

    #[test]
    fn calendar_days() {
        let c = Calendar::china();
        let dl = c
            .due_date(d(2026, 9, 21), Window::calendar_days(10), true)
            .unwrap();
        assert_eq!(dl.rolled_forward_from, Some(d(2026, 10, 1)));
        assert_eq!(dl.due, d(2026, 10, 8));
        let raw = c
            .due_date(d(2026, 9, 21), Window::calendar_days(10), false)
            .unwrap();
        assert_eq!(raw.due, d(2026, 10, 1));
        // No holiday data needed without roll-forward.
        let old = c
            .due_date(d(1999, 1, 1), Window::calendar_days(10), false)
            .unwrap();
        assert_eq!(old.due, d(1999, 1, 11));
        let e = c
            .due_date(d(1999, 1, 1), Window::calendar_days(10), true)
            .unwrap_err();
        assert_eq!(e.code(), "calendar.out_of_range");
        assert!(c
            .due_date(NaiveDate::MAX, Window::calendar_days(1), false)
            .is_err());
        assert!(dl.explain_en().contains("10 calendar days"));
        assert!(dl.explain_zh().contains("10日"));
    }

    #[test]
    fn zero_working_days_on_a_holiday() {
        let c = Calendar::china();
        let dl = c
            .due_date(d(2026, 10, 3), Window::working_days(0), true)
            .unwrap();
        assert_eq!(dl.due, d(2026, 10, 8));
        assert_eq!(dl.rolled_forward_from, Some(d(2026, 10, 3)));
        assert_eq!(dl.holidays_skipped, range(d(2026, 10, 3), d(2026, 10, 7)));
        let stay = c
            .due_date(d(2026, 10, 3), Window::working_days(0), false)
            .unwrap();
        assert_eq!(stay.due, d(2026, 10, 3));
        assert!(stay.holidays_skipped.is_empty());
    }

    #[test]
    fn deadline_serde_round_trip() {
        let dl = Calendar::china()
            .due_date(d(2026, 2, 13), Window::working_days(7), true)
            .unwrap();
        let json = serde_json::to_string(&dl).unwrap();
        assert!(
            json.contains(r#""window":{"amount":7,"unit":"working_days"}"#),
            "{json}"
        );
        assert!(json.contains(r#""anchor":"2026-02-13""#), "{json}");
        let back: Deadline = serde_json::from_str(&json).unwrap();
        assert_eq!(back, dl);
        let bad = json.replacen('{', r#"{"bogus":1,"#, 1);
        assert!(serde_json::from_str::<Deadline>(&bad).is_err());
    }

    #[test]
    fn out_of_range_working_days() {
        let e = Calendar::china()
            .due_date(d(2026, 12, 28), Window::working_days(10), true)
            .unwrap_err();
        assert_eq!(e.code(), "calendar.out_of_range");
    }
}

//! 工作日 (working days) on the official calendar, including 调休 working weekends
//! (`../shared/domain/RULES.md` §13), and Civil Code Art. 203 roll-forward.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::year::{is_weekend, YearData};
use super::{Calendar, CalendarError};

/// 日期类型 (kind of day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// 工作日 (ordinary working day): Monday–Friday, not a holiday.
    Workday,
    /// 休息日 (ordinary weekend day): Saturday or Sunday that is neither a holiday nor 调休.
    Weekend,
    /// 法定节假日 / 放假 (official holiday off-day), including the weekend days of a holiday
    /// block and regional holidays.
    Holiday,
    /// 调休上班 (adjusted working day): a Saturday or Sunday that is a working day.
    AdjustedWorkday,
}

impl DayKind {
    /// 是否工作日 (is this a working day?): `Workday` or `AdjustedWorkday`.
    pub const fn is_working(self) -> bool {
        matches!(self, DayKind::Workday | DayKind::AdjustedWorkday)
    }
}

/// Classifies consecutive dates while caching the current year's data, so scanning
/// day by day costs one map lookup per year, not per day, and allocates nothing.
pub(super) struct Cursor<'a> {
    cal: &'a Calendar,
    year: Option<(i32, Option<&'a YearData>)>,
}

impl<'a> Cursor<'a> {
    pub(super) fn new(cal: &'a Calendar) -> Self {
        Self { cal, year: None }
    }

    pub(super) fn kind(&mut self, d: NaiveDate) -> Result<DayKind, CalendarError> {
        let y = d.year();
        let data = match self.year {
            Some((cached, data)) if cached == y => data,
            _ => {
                let data = self.cal.year_data(y);
                self.year = Some((y, data));
                data
            }
        };
        match data {
            Some(yd) => Ok(yd.kind(d)),
            None if self.cal.inner.weekend_fallback => Ok(if is_weekend(d) {
                DayKind::Weekend
            } else {
                DayKind::Workday
            }),
            None => Err(self.cal.out_of_range(d)),
        }
    }
}

/// 31 December of `d`'s year.
fn last_day_of(d: NaiveDate) -> Result<NaiveDate, CalendarError> {
    NaiveDate::from_ymd_opt(d.year(), 12, 31).ok_or(CalendarError::Overflow { date: d })
}

/// The day of `year` with `ordinal0` `o` (found at or after `from`, of the same year).
fn date_in(year: i32, o: u32, from: NaiveDate) -> Result<NaiveDate, CalendarError> {
    o.checked_add(1)
        .and_then(|ordinal| NaiveDate::from_yo_opt(year, ordinal))
        .ok_or(CalendarError::Overflow { date: from })
}

pub(super) fn next_day(d: NaiveDate) -> Result<NaiveDate, CalendarError> {
    d.succ_opt().ok_or(CalendarError::Overflow { date: d })
}

impl Calendar {
    /// 日期类型 (kind of day): workday, weekend, holiday or 调休 working weekend.
    ///
    /// [`CalendarError::OutOfRange`] when `d`'s year is not covered and the weekend
    /// fallback is off.
    pub fn day_kind(&self, d: NaiveDate) -> Result<DayKind, CalendarError> {
        Cursor::new(self).kind(d)
    }

    /// 是否工作日 (is `d` a working day?) on the official calendar, 调休 included.
    pub fn is_working_day(&self, d: NaiveDate) -> Result<bool, CalendarError> {
        self.day_kind(d).map(DayKind::is_working)
    }

    /// 加工作日 (add working days): the `n`-th working day after `start`. The start day is not
    /// counted (Civil Code Art. 201); `n = 0` returns `start` unchanged. The result is always
    /// a working day when `n > 0`.
    ///
    /// Errors: [`CalendarError::OutOfRange`] when a day to be counted lies in an uncovered
    /// year (without fallback); [`CalendarError::Overflow`] past chrono's last date.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        let mut cursor = Cursor::new(self);
        let mut remaining = n;
        let mut d = start;
        while remaining > 0 {
            let next = next_day(d)?;
            // A covered year is counted a word of days at a time (its working days derived
            // when the calendar was built); an uncovered one day by day.
            if let Some(data) = self.year_data(next.year()) {
                let from = next.ordinal0();
                if let Some(o) = data.working.nth_from(from, remaining) {
                    return date_in(next.year(), o, next);
                }
                remaining = remaining.saturating_sub(data.working.count_in(from, 366));
                d = last_day_of(next)?;
                continue;
            }
            d = next;
            if cursor.kind(d)?.is_working() {
                remaining = remaining.saturating_sub(1);
            }
        }
        Ok(d)
    }

    /// 工作日数 (working days between): the number of working days in `(from, to]`;
    /// negative (minus the count in `(to, from]`) when `to < from`; zero when equal.
    pub fn working_days_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<i64, CalendarError> {
        let (lo, hi, negative) = if to >= from {
            (from, to, false)
        } else {
            (to, from, true)
        };
        let mut cursor = Cursor::new(self);
        let mut count: i64 = 0;
        let mut d = lo;
        while d < hi {
            let next = next_day(d)?;
            if let Some(data) = self.year_data(next.year()) {
                // The days from `next` to `hi` or to the year's end, whichever comes first.
                let end = if hi.year() == next.year() {
                    hi
                } else {
                    last_day_of(next)?
                };
                let days = data
                    .working
                    .count_in(next.ordinal0(), end.ordinal0().saturating_add(1));
                count = count.saturating_add(i64::from(days));
                d = end;
                continue;
            }
            d = next;
            if cursor.kind(d)?.is_working() {
                count = count.saturating_add(1);
            }
        }
        Ok(if negative {
            count.saturating_neg()
        } else {
            count
        })
    }

    /// 顺延 (roll forward), Civil Code Art. 203: if `d` is a rest day or statutory holiday,
    /// the period ends on the first working day after it; otherwise `d`. A 调休 working
    /// weekend is a working day and does not move.
    pub fn roll_forward(&self, d: NaiveDate) -> Result<NaiveDate, CalendarError> {
        let mut cursor = Cursor::new(self);
        let mut day = d;
        while !cursor.kind(day)?.is_working() {
            day = next_day(day)?;
        }
        Ok(day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn day_kinds_2026() {
        let c = Calendar::china();
        assert_eq!(
            c.day_kind(d(2026, 2, 14)).unwrap(),
            DayKind::AdjustedWorkday
        ); // Sat
        assert_eq!(c.day_kind(d(2026, 2, 15)).unwrap(), DayKind::Holiday); // Sun, in block
        assert_eq!(c.day_kind(d(2026, 2, 16)).unwrap(), DayKind::Holiday); // Mon
        assert_eq!(c.day_kind(d(2026, 2, 24)).unwrap(), DayKind::Workday);
        assert_eq!(c.day_kind(d(2026, 3, 7)).unwrap(), DayKind::Weekend);
        assert_eq!(c.day_kind(d(2026, 1, 4)).unwrap(), DayKind::AdjustedWorkday); // Sun
        assert_eq!(
            c.day_kind(d(2026, 9, 20)).unwrap(),
            DayKind::AdjustedWorkday
        ); // Sun
        assert_eq!(
            c.day_kind(d(2026, 10, 10)).unwrap(),
            DayKind::AdjustedWorkday
        ); // Sat
        assert_eq!(c.day_kind(d(2026, 9, 25)).unwrap(), DayKind::Holiday); // 中秋 Fri
        for day in 1..=7 {
            assert_eq!(c.day_kind(d(2026, 10, day)).unwrap(), DayKind::Holiday);
        }
        assert!(DayKind::AdjustedWorkday.is_working());
        assert!(!DayKind::Holiday.is_working());
    }

    #[test]
    fn add_working_days_2026_tiaoxiu() {
        let c = Calendar::china();
        assert_eq!(
            c.add_working_days(d(2026, 2, 13), 1).unwrap(),
            d(2026, 2, 14)
        );
        assert_eq!(
            c.add_working_days(d(2026, 2, 14), 1).unwrap(),
            d(2026, 2, 24)
        );
        assert_eq!(
            c.add_working_days(d(2026, 9, 30), 1).unwrap(),
            d(2026, 10, 8)
        );
        assert_eq!(
            c.add_working_days(d(2026, 10, 9), 1).unwrap(),
            d(2026, 10, 10)
        );
        assert_eq!(c.add_working_days(d(2026, 1, 3), 1).unwrap(), d(2026, 1, 4));
        assert_eq!(
            c.add_working_days(d(2025, 12, 31), 1).unwrap(),
            d(2026, 1, 4)
        );
        assert_eq!(
            c.add_working_days(d(2026, 2, 15), 0).unwrap(),
            d(2026, 2, 15)
        );
        // 7 working days from Fri 13 Feb: 14 (Sat 调休), 24, 25, 26, 27, 28 (Sat 调休), 2 Mar.
        assert_eq!(
            c.add_working_days(d(2026, 2, 13), 7).unwrap(),
            d(2026, 3, 2)
        );
    }

    #[test]
    fn working_days_between_signs() {
        let c = Calendar::china();
        assert_eq!(
            c.working_days_between(d(2026, 2, 13), d(2026, 3, 2))
                .unwrap(),
            7
        );
        assert_eq!(
            c.working_days_between(d(2026, 3, 2), d(2026, 2, 13))
                .unwrap(),
            -7
        );
        assert_eq!(
            c.working_days_between(d(2026, 3, 2), d(2026, 3, 2))
                .unwrap(),
            0
        );
        assert_eq!(
            c.working_days_between(d(2026, 2, 14), d(2026, 2, 23))
                .unwrap(),
            0
        );
        // 1 January is a holiday, so (1 Jan, 31 Dec] holds all 248 working days of 2026.
        assert_eq!(
            c.working_days_between(d(2026, 1, 1), d(2026, 12, 31))
                .unwrap(),
            248
        );
        assert_eq!(
            c.working_days_between(d(2025, 12, 31), d(2026, 12, 31))
                .unwrap(),
            248
        );
    }

    #[test]
    fn roll_forward_art_203() {
        let c = Calendar::china();
        assert_eq!(c.roll_forward(d(2026, 10, 1)).unwrap(), d(2026, 10, 8));
        assert_eq!(c.roll_forward(d(2026, 3, 8)).unwrap(), d(2026, 3, 9)); // Sunday
        assert_eq!(c.roll_forward(d(2026, 2, 28)).unwrap(), d(2026, 2, 28)); // 调休 Saturday
        assert_eq!(c.roll_forward(d(2026, 3, 9)).unwrap(), d(2026, 3, 9));
        assert_eq!(c.roll_forward(d(2026, 2, 15)).unwrap(), d(2026, 2, 24));
    }

    #[test]
    fn out_of_range_and_overflow() {
        let c = Calendar::china();
        let e = c.add_working_days(d(2026, 12, 30), 5).unwrap_err();
        assert_eq!(e.code(), "calendar.out_of_range");
        assert!(matches!(e, CalendarError::OutOfRange { date, .. } if date == d(2027, 1, 1)));
        assert_eq!(
            c.working_days_between(d(2003, 12, 1), d(2004, 1, 5))
                .unwrap_err()
                .code(),
            "calendar.out_of_range"
        );
        assert_eq!(
            c.roll_forward(d(2030, 1, 1)).unwrap_err().code(),
            "calendar.out_of_range"
        );

        let fb = c.with_weekend_fallback(true);
        let near_max = NaiveDate::MAX.pred_opt().unwrap().pred_opt().unwrap();
        let e = fb.add_working_days(near_max, 10).unwrap_err();
        assert_eq!(
            e,
            CalendarError::Overflow {
                date: NaiveDate::MAX
            }
        );
        assert_eq!(e.code(), "calendar.overflow");
        assert_eq!(
            fb.working_days_between(NaiveDate::MIN, NaiveDate::MIN)
                .unwrap(),
            0
        );
        // NaiveDate::MAX is a weekend day? Either way roll_forward must not panic.
        let r = fb.roll_forward(NaiveDate::MAX);
        assert!(r.is_ok() || r.unwrap_err().code() == "calendar.overflow");
    }
}

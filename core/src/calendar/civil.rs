//! 按月计算期间 (periods in months), Civil Code 民法典 Arts. 201–202
//! (`../shared/domain/RULES.md` §13): the start day is not counted; the period ends on the
//! same-numbered day of the final month, or on that month's last day if there is none.
//! Art. 203 roll-forward is separate ([`Calendar::roll_forward`]).

use chrono::{Months, NaiveDate};

use super::{Calendar, CalendarError};

impl Calendar {
    /// 加月 (add months) by the Civil Code (Arts. 201–202): the same-numbered day of the final
    /// month, else that month's last day — 15 Mar + 3 = 15 Jun; 31 Aug + 1 = 30 Sep;
    /// 31 Jan 2024 + 1 = 29 Feb 2024. No holiday roll-forward here (see
    /// [`roll_forward`](Self::roll_forward)). Pure date arithmetic: it never needs the
    /// holiday data, so it never returns `OutOfRange`.
    ///
    /// [`CalendarError::Overflow`] past chrono's last date.
    pub fn add_months_civil(&self, start: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        add_months(start, n)
    }
}

/// Civil Code month arithmetic without a calendar. chrono's `checked_add_months` already
/// clamps to the last day of a shorter month, which is exactly Art. 202's rule.
pub(super) fn add_months(start: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
    start
        .checked_add_months(Months::new(n))
        .ok_or(CalendarError::Overflow { date: start })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn civil_code_month_examples() {
        let c = Calendar::china();
        assert_eq!(
            c.add_months_civil(d(2026, 3, 15), 3).unwrap(),
            d(2026, 6, 15)
        );
        assert_eq!(
            c.add_months_civil(d(2026, 8, 31), 1).unwrap(),
            d(2026, 9, 30)
        );
        assert_eq!(
            c.add_months_civil(d(2024, 1, 31), 1).unwrap(),
            d(2024, 2, 29)
        );
        assert_eq!(
            c.add_months_civil(d(2026, 1, 31), 1).unwrap(),
            d(2026, 2, 28)
        );
        assert_eq!(
            c.add_months_civil(d(2025, 11, 30), 3).unwrap(),
            d(2026, 2, 28)
        );
        assert_eq!(
            c.add_months_civil(d(2023, 11, 30), 3).unwrap(),
            d(2024, 2, 29)
        );
        assert_eq!(
            c.add_months_civil(d(2026, 12, 31), 2).unwrap(),
            d(2027, 2, 28)
        );
        assert_eq!(
            c.add_months_civil(d(2026, 5, 20), 0).unwrap(),
            d(2026, 5, 20)
        );
        assert_eq!(
            c.add_months_civil(d(2026, 5, 20), 12).unwrap(),
            d(2027, 5, 20)
        );
        // No roll-forward: a month end on a holiday stays put here.
        assert_eq!(
            c.add_months_civil(d(2026, 7, 1), 3).unwrap(),
            d(2026, 10, 1)
        );
        // Pure arithmetic: works outside covered years, no OutOfRange.
        assert_eq!(
            c.add_months_civil(d(1990, 1, 31), 1).unwrap(),
            d(1990, 2, 28)
        );
    }

    #[test]
    fn overflow() {
        let e = Calendar::china()
            .add_months_civil(NaiveDate::MAX, 1)
            .unwrap_err();
        assert_eq!(
            e,
            CalendarError::Overflow {
                date: NaiveDate::MAX
            }
        );
        assert_eq!(e.code(), "calendar.overflow");
        assert!(add_months(d(2026, 1, 1), u32::MAX).is_err());
    }
}

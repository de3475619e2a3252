//! 年度安排 (one year's arrangement): the official 放假 days and 调休 working weekends of
//! one calendar year, stored as two 366-bit day-of-year bitmaps (no allocation per lookup).

use chrono::{Datelike, NaiveDate, Weekday};

use super::DayKind;

/// A set of days of one year, indexed by `ordinal0` (0 = 1 January).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct DayBits([u64; 6]);

impl DayBits {
    fn slot(ordinal0: u32) -> Option<(usize, u64)> {
        let word = usize::try_from(ordinal0.checked_div(64)?).ok()?;
        let bit = 1_u64.checked_shl(ordinal0.checked_rem(64)?)?;
        Some((word, bit))
    }

    /// Whether the day with this `ordinal0` is in the set.
    pub(super) fn contains(&self, ordinal0: u32) -> bool {
        Self::slot(ordinal0)
            .and_then(|(w, b)| self.0.get(w).map(|word| word & b != 0))
            .unwrap_or(false)
    }

    /// Adds the day; returns `false` if it was already present.
    pub(super) fn insert(&mut self, ordinal0: u32) -> bool {
        match Self::slot(ordinal0) {
            Some((w, b)) => match self.0.get_mut(w) {
                Some(word) => {
                    let fresh = *word & b == 0;
                    *word |= b;
                    fresh
                }
                None => false,
            },
            None => false,
        }
    }

    /// Removes the day if present.
    pub(super) fn remove(&mut self, ordinal0: u32) {
        if let Some((w, b)) = Self::slot(ordinal0) {
            if let Some(word) = self.0.get_mut(w) {
                *word &= !b;
            }
        }
    }

    /// The dates in the set, in order, for the given year.
    pub(super) fn dates(&self, year: i32) -> impl Iterator<Item = NaiveDate> + '_ {
        (0..366_u32)
            .filter(|o| self.contains(*o))
            .filter_map(move |o| NaiveDate::from_yo_opt(year, o.checked_add(1)?))
    }
}

/// One year of the official calendar.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct YearData {
    /// Which notice(s) the year comes from (free text, for humans).
    pub(super) notice: Option<String>,
    /// 放假 (official off-days), including the weekend days of a holiday block.
    pub(super) off: DayBits,
    /// 调休上班 (weekend days that are working days).
    pub(super) work: DayBits,
}

impl YearData {
    /// Classifies a date of this year.
    pub(super) fn kind(&self, d: NaiveDate) -> DayKind {
        let o = d.ordinal0();
        if self.off.contains(o) {
            DayKind::Holiday
        } else if is_weekend(d) {
            if self.work.contains(o) {
                DayKind::AdjustedWorkday
            } else {
                DayKind::Weekend
            }
        } else {
            DayKind::Workday
        }
    }
}

/// 周末 (weekend): Saturday or Sunday.
pub(super) fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_insert_contains_remove_and_list() {
        let mut b = DayBits::default();
        assert!(b.insert(0));
        assert!(!b.insert(0));
        assert!(b.insert(365));
        assert!(b.insert(64));
        assert!(b.contains(0) && b.contains(64) && b.contains(365));
        assert!(!b.contains(1) && !b.contains(400));
        assert!(!b.insert(400));
        b.remove(64);
        assert!(!b.contains(64));
        let dates: Vec<_> = b.dates(2024).collect();
        assert_eq!(
            dates,
            vec![
                NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
                NaiveDate::from_ymd_opt(2024, 12, 31).unwrap()
            ]
        );
        // Day 366 does not exist in a common year.
        assert_eq!(b.dates(2025).count(), 1);
    }
}

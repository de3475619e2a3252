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

    /// How many days of the set have an `ordinal0` in `[from, to)`.
    pub(super) fn count_in(&self, from: u32, to: u32) -> u32 {
        let mut total = 0_u32;
        for (lo, word) in (0_u32..).step_by(64).zip(self.0) {
            total = total.saturating_add(Self::within(word, lo, from, to).count_ones());
        }
        total
    }

    /// The `ordinal0` of the `n`-th day of the set (`n` from 1) at or after `from`; `None`
    /// when the set has fewer than `n` such days (or `n` is 0).
    pub(super) fn nth_from(&self, from: u32, n: u32) -> Option<u32> {
        let mut left = n;
        for (lo, word) in (0_u32..).step_by(64).zip(self.0) {
            let mut bits = Self::within(word, lo, from, u32::MAX);
            let here = bits.count_ones();
            if left == 0 {
                return None;
            }
            if here < left {
                left = left.saturating_sub(here);
                continue;
            }
            // INVARIANT: 1 <= left <= here <= 64: clear the lowest `left - 1` days.
            for _ in 1..left {
                bits &= bits.wrapping_sub(1);
            }
            return Some(lo.saturating_add(bits.trailing_zeros()));
        }
        None
    }

    /// The bits of `word` (the days from `lo`, 64 of them) whose day is in `[from, to)`.
    fn within(word: u64, lo: u32, from: u32, to: u32) -> u64 {
        let below = |n: u32| -> u64 {
            // The days of the word before day `n`.
            match n.checked_sub(lo) {
                None | Some(0) => 0,
                Some(k) if k >= 64 => u64::MAX,
                Some(k) => 1_u64.checked_shl(k).map_or(u64::MAX, |b| b.wrapping_sub(1)),
            }
        };
        word & !below(from) & below(to)
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
    /// 工作日 (the working days): derived from `off`, `work` and the year's weekdays by
    /// [`YearData::settle`] when the calendar is built, so that counting working days reads
    /// six words instead of classifying each day.
    pub(super) working: DayBits,
}

impl YearData {
    /// Derives `working` for year `year` from the off-days, the 调休 days and the weekdays.
    pub(super) fn settle(&mut self, year: i32) {
        let mut working = DayBits::default();
        let days = NaiveDate::from_yo_opt(year, 1)
            .into_iter()
            .flat_map(|first| first.iter_days())
            .take_while(|d| d.year() == year);
        for d in days {
            if self.kind(d).is_working() {
                working.insert(d.ordinal0());
            }
        }
        self.working = working;
    }

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
    fn days_are_counted_and_found_a_word_at_a_time() {
        let mut bits = DayBits::default();
        for o in [0, 5, 63, 64, 127, 200, 365] {
            bits.insert(o);
        }
        assert_eq!(bits.count_in(0, 366), 7);
        assert_eq!(bits.count_in(1, 64), 2);
        assert_eq!(bits.count_in(63, 65), 2);
        assert_eq!(bits.count_in(64, 64), 0);
        assert_eq!(bits.count_in(300, 200), 0);
        assert_eq!(bits.nth_from(0, 1), Some(0));
        assert_eq!(bits.nth_from(1, 1), Some(5));
        assert_eq!(bits.nth_from(6, 2), Some(64));
        assert_eq!(bits.nth_from(64, 4), Some(365));
        assert_eq!(bits.nth_from(64, 5), None);
        assert_eq!(bits.nth_from(0, 0), None);
        assert_eq!(bits.nth_from(366, 1), None);
    }

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

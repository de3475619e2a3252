//! 领衔提出日期 (the dates of the submissions a deputy led in a year, kept with section 四's
//! sums, `super::kept`): the earliest is the last tie-breaker of the deputies' ranking
//! (`super::excellence`: resolved items, key items, items led, then the earlier submission),
//! and every date is kept with how many were led on it so that an item taken out again (a
//! command executed, a view as of a day) leaves the right earliest date.
//!
//! Most deputies lead one or two submissions a year: the earliest date is held inline and
//! only the later ones in a list, so a deputy's sums need no allocation of their own. A
//! national city-year keeps a million of them, and a view as of a day copies them all.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Dates with how many submissions were led on each, in date order, each date once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct LedOn {
    /// The earliest date and its count.
    // INVARIANT: `None` only when `later` is empty too; every count is at least 1 and the
    // dates of `first` then `later` strictly increase.
    first: Option<(NaiveDate, u64)>,
    /// The later dates and their counts.
    later: Vec<(NaiveDate, u64)>,
}

impl LedOn {
    /// One more submission led on `on`.
    pub(super) fn add(&mut self, on: NaiveDate) {
        match &mut self.first {
            None => self.first = Some((on, 1)),
            Some((d, n)) if *d == on => *n = n.saturating_add(1),
            Some((d, _)) if on < *d => {
                if let Some(was) = self.first.replace((on, 1)) {
                    self.later.insert(0, was);
                }
            }
            Some(_) => match self.later.binary_search_by_key(&on, |(d, _)| *d) {
                Ok(i) => {
                    if let Some((_, n)) = self.later.get_mut(i) {
                        *n = n.saturating_add(1);
                    }
                }
                Err(i) => self.later.insert(i, (on, 1)),
            },
        }
    }

    /// One submission led on `on` taken out (nothing when none was led on it).
    pub(super) fn remove(&mut self, on: NaiveDate) {
        match &mut self.first {
            Some((d, n)) if *d == on => {
                if *n > 1 {
                    *n = n.saturating_sub(1);
                } else if self.later.is_empty() {
                    self.first = None;
                } else {
                    self.first = Some(self.later.remove(0));
                }
            }
            _ => {
                if let Ok(i) = self.later.binary_search_by_key(&on, |(d, _)| *d) {
                    if self.later.get(i).is_some_and(|(_, n)| *n <= 1) {
                        self.later.remove(i);
                    } else if let Some((_, n)) = self.later.get_mut(i) {
                        *n = n.saturating_sub(1);
                    }
                }
            }
        }
    }

    /// The earliest date led.
    pub(super) fn earliest(&self) -> Option<NaiveDate> {
        self.first.map(|(d, _)| d)
    }

    /// Nothing led.
    pub(super) fn is_empty(&self) -> bool {
        self.first.is_none()
    }

    /// Every date with its count, in date order.
    fn pairs(&self) -> impl Iterator<Item = &(NaiveDate, u64)> {
        self.first.iter().chain(&self.later)
    }
}

/// Stored as the list of `[date, count]` pairs in date order (the snapshot's statistics,
/// `crate::snapshot::sums`, as before the earliest was held inline).
impl Serialize for LedOn {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.pairs())
    }
}

impl<'de> Deserialize<'de> for LedOn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let pairs = Vec::<(NaiveDate, u64)>::deserialize(deserializer)?;
        // A snapshot is checked against its chain head, not trusted: dates out of order or a
        // count of zero would break the invariant the earliest date rests on.
        let ordered = pairs.windows(2).all(|w| match w {
            [(a, _), (b, _)] => a < b,
            _ => true,
        });
        if !ordered || pairs.iter().any(|(_, n)| *n == 0) {
            return Err(serde::de::Error::custom(
                "dates led must increase, each with a count of at least 1",
            ));
        }
        let mut rest = pairs.into_iter();
        Ok(LedOn {
            first: rest.next(),
            later: rest.collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects,
        reason = "tests"
    )]
    use super::*;
    use proptest::prelude::*;

    fn day(n: u8) -> NaiveDate {
        NaiveDate::from_ymd_opt(2022, 1, 1).unwrap() + chrono::Days::new(u64::from(n))
    }

    /// The plain list `LedOn` replaces: every date with its count, sorted.
    fn reference(steps: &[(bool, u8)]) -> Vec<(NaiveDate, u64)> {
        let mut v: Vec<(NaiveDate, u64)> = Vec::new();
        for (add, d) in steps {
            let on = day(*d);
            match v.binary_search_by_key(&on, |(d, _)| *d) {
                Ok(i) if *add => v[i].1 += 1,
                Err(i) if *add => v.insert(i, (on, 1)),
                Ok(i) if v[i].1 <= 1 => {
                    v.remove(i);
                }
                Ok(i) => v[i].1 -= 1,
                Err(_) => {}
            }
        }
        v
    }

    proptest! {
        /// Any sequence of submissions led and taken out leaves the dates and counts of the
        /// sorted list, its earliest date first, and stores as that list.
        #[test]
        fn led_on_keeps_the_sorted_dates(steps in proptest::collection::vec((proptest::bool::weighted(0.6), 0u8..6), 0..40)) {
            let mut led = LedOn::default();
            for (add, d) in &steps {
                if *add { led.add(day(*d)) } else { led.remove(day(*d)) }
            }
            let expected = reference(&steps);
            prop_assert_eq!(led.pairs().copied().collect::<Vec<_>>(), expected.clone());
            prop_assert_eq!(led.earliest(), expected.first().map(|(d, _)| *d));
            prop_assert_eq!(led.is_empty(), expected.is_empty());
            let json = serde_json::to_string(&led).unwrap();
            prop_assert_eq!(&json, &serde_json::to_string(&expected).unwrap());
            prop_assert_eq!(serde_json::from_str::<LedOn>(&json).unwrap(), led);
        }
    }

    #[test]
    fn stored_dates_out_of_order_or_counted_zero_are_refused() {
        for bad in [
            r#"[["2022-03-01",1],["2022-02-01",1]]"#,
            r#"[["2022-03-01",1],["2022-03-01",1]]"#,
            r#"[["2022-03-01",0]]"#,
        ] {
            let err = serde_json::from_str::<LedOn>(bad).unwrap_err();
            assert!(
                err.to_string().contains("dates led must increase"),
                "{bad}: {err}"
            );
        }
        let one: LedOn = serde_json::from_str(r#"[["2022-03-01",2]]"#).unwrap();
        assert_eq!(one.earliest(), NaiveDate::from_ymd_opt(2022, 3, 1));
        assert!(one.later.is_empty());
    }
}

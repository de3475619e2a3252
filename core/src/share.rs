//! 占比 (shares) as exact rationals, displayed by the profile's rounding rule
//! (SPEC §10; RULES.md §12). No floats: a share is a numerator over a denominator and
//! the printed percentage is computed in integer arithmetic.

use serde::{Deserialize, Serialize};

use crate::profile::Rounding;

/// An exact share `numerator / denominator`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Share {
    /// Counted items.
    pub numerator: u64,
    /// Items counted over.
    pub denominator: u64,
}

impl Share {
    /// A share.
    pub fn new(numerator: u64, denominator: u64) -> Share {
        Share {
            numerator,
            denominator,
        }
    }

    /// The percentage scaled by `10^decimals`, rounded by `rounding`; `None` when the
    /// denominator is zero.
    pub fn scaled_percent(self, decimals: u8, rounding: Rounding) -> Option<u64> {
        if self.denominator == 0 {
            return None;
        }
        let scale = 10u128.checked_pow(u32::from(decimals).saturating_add(2))?;
        let num = u128::from(self.numerator).checked_mul(scale)?;
        let den = u128::from(self.denominator);
        let q = num.checked_div(den)?;
        let r = num.checked_rem(den)?;
        let twice = r.saturating_mul(2);
        let up = match rounding {
            Rounding::Truncate => false,
            Rounding::HalfUp => twice >= den,
            Rounding::HalfEven => twice > den || (twice == den && q % 2 == 1),
        };
        u64::try_from(if up { q.saturating_add(1) } else { q }).ok()
    }

    /// The percentage as text without the `%` sign, e.g. `60.9`, `100` (trimmed) or `—`
    /// when the denominator is zero.
    pub fn percent_text(self, decimals: u8, rounding: Rounding, trim: bool) -> String {
        match self.scaled_percent(decimals, rounding) {
            Some(v) => format_scaled(v, decimals, trim),
            None => "—".to_owned(),
        }
    }
}

/// Formats a percentage scaled by `10^decimals` (e.g. `609` with one decimal → `60.9`).
pub fn format_scaled(value: u64, decimals: u8, trim: bool) -> String {
    let div = 10u64.pow(u32::from(decimals));
    let whole = value.checked_div(div).unwrap_or(value);
    let frac = value.checked_rem(div).unwrap_or(0);
    if decimals == 0 || (trim && frac == 0) {
        return whole.to_string();
    }
    let mut text = format!("{whole}.{frac:0width$}", width = usize::from(decimals));
    if trim {
        while text.ends_with('0') {
            text.pop();
        }
    }
    text
}

/// Percentages of a set of shares over one denominator, scaled by `10^decimals`.
///
/// With `force_total_100` and counts that add up to the denominator, the largest-remainder
/// method makes the printed shares total exactly 100 (RULES.md §12: published reports nudge
/// figures to 100 by no stated rule; largest remainder is the principled choice). Each share
/// is first truncated; the missing units go to the largest remainders, ties to the larger
/// count, then to the earlier row. Otherwise each share is rounded on its own.
pub fn scaled_set(
    shares: &[Share],
    decimals: u8,
    rounding: Rounding,
    force_total_100: bool,
) -> Vec<Option<u64>> {
    let den = shares.first().map_or(0, |s| s.denominator);
    let same_den = shares.iter().all(|s| s.denominator == den);
    let total: u64 = shares
        .iter()
        .map(|s| s.numerator)
        .fold(0, u64::saturating_add);
    if !force_total_100 || !same_den || den == 0 || total != den {
        return shares
            .iter()
            .map(|s| s.scaled_percent(decimals, rounding))
            .collect();
    }
    let Some(scale) = 10u128.checked_pow(u32::from(decimals).saturating_add(2)) else {
        return shares
            .iter()
            .map(|s| s.scaled_percent(decimals, rounding))
            .collect();
    };
    let den128 = u128::from(den);
    let mut floors: Vec<u128> = Vec::with_capacity(shares.len());
    let mut order: Vec<(u128, u64, usize)> = Vec::with_capacity(shares.len());
    for (i, s) in shares.iter().enumerate() {
        let num = u128::from(s.numerator).saturating_mul(scale);
        floors.push(num.checked_div(den128).unwrap_or(0));
        order.push((num.checked_rem(den128).unwrap_or(0), s.numerator, i));
    }
    let assigned: u128 = floors.iter().fold(0, |a, b| a.saturating_add(*b));
    let missing = usize::try_from(scale.saturating_sub(assigned)).unwrap_or(0);
    // Largest remainder first; ties: larger count, then earlier row.
    order.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    for (_, _, i) in order.iter().take(missing) {
        if let Some(f) = floors.get_mut(*i) {
            *f = f.saturating_add(1);
        }
    }
    floors.into_iter().map(|f| u64::try_from(f).ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shanghai_2014_half_up_one_decimal() {
        // RULES.md §12: 504/43/98/182 of 827 → 60.9 / 5.2 / 11.9 / 22.0.
        let texts: Vec<String> = [504, 43, 98, 182]
            .iter()
            .map(|n| Share::new(*n, 827).percent_text(1, Rounding::HalfUp, false))
            .collect();
        assert_eq!(texts, ["60.9", "5.2", "11.9", "22.0"]);
    }

    #[test]
    fn truncation_and_half_even() {
        // a Henan city truncates 25/93 = 26.88 → 26.8.
        assert_eq!(
            Share::new(25, 93).percent_text(1, Rounding::Truncate, false),
            "26.8"
        );
        assert_eq!(
            Share::new(1, 8).percent_text(1, Rounding::HalfEven, false),
            "12.5"
        );
        assert_eq!(
            Share::new(1, 16).percent_text(1, Rounding::HalfEven, false),
            "6.2"
        );
        assert_eq!(
            Share::new(1, 16).percent_text(1, Rounding::HalfUp, false),
            "6.3"
        );
    }

    #[test]
    fn trimming_and_zero_denominator() {
        assert_eq!(
            Share::new(5, 5).percent_text(1, Rounding::HalfUp, true),
            "100"
        );
        assert_eq!(
            Share::new(5, 5).percent_text(1, Rounding::HalfUp, false),
            "100.0"
        );
        assert_eq!(
            Share::new(0, 0).percent_text(1, Rounding::HalfUp, false),
            "—"
        );
        assert_eq!(
            Share::new(62, 67).percent_text(2, Rounding::HalfUp, false),
            "92.54"
        );
    }

    #[test]
    fn largest_remainder_totals_exactly_100() {
        // NPC 2009 style: three shares whose half-up values total 100.1.
        let shares: Vec<Share> = [1, 1, 1].iter().map(|n| Share::new(*n, 3)).collect();
        let plain = scaled_set(&shares, 1, Rounding::HalfUp, false);
        assert_eq!(plain, vec![Some(333), Some(333), Some(333)]);
        let forced = scaled_set(&shares, 1, Rounding::HalfUp, true);
        assert_eq!(forced.iter().flatten().sum::<u64>(), 1000);
        assert_eq!(forced, vec![Some(334), Some(333), Some(333)]);
        // Counts that do not add up to the denominator are rounded one by one.
        let partial = [Share::new(1, 3), Share::new(1, 3)];
        assert_eq!(
            scaled_set(&partial, 1, Rounding::HalfUp, true),
            vec![Some(333), Some(333)]
        );
    }

    #[test]
    fn shanghai_2014_unchanged_by_largest_remainder() {
        let shares: Vec<Share> = [504, 43, 98, 182]
            .iter()
            .map(|n| Share::new(*n, 827))
            .collect();
        let forced = scaled_set(&shares, 1, Rounding::HalfUp, true);
        let text: Vec<String> = forced
            .into_iter()
            .map(|v| format_scaled(v.unwrap(), 1, false))
            .collect();
        assert_eq!(text, ["60.9", "5.2", "11.9", "22.0"]);
    }

    proptest::proptest! {
        #[test]
        fn forced_shares_always_total_100(counts in proptest::collection::vec(0u64..5000, 1..9), decimals in 0u8..=2) {
            let den: u64 = counts.iter().sum();
            proptest::prop_assume!(den > 0);
            let shares: Vec<Share> = counts.iter().map(|n| Share::new(*n, den)).collect();
            let forced = scaled_set(&shares, decimals, Rounding::HalfUp, true);
            let total: u64 = forced.iter().flatten().sum();
            proptest::prop_assert_eq!(total, 10u64.pow(u32::from(decimals) + 2));
            // Each forced share is within one unit of its exact value.
            for (s, v) in shares.iter().zip(&forced) {
                let t = s.scaled_percent(decimals, Rounding::Truncate).unwrap();
                proptest::prop_assert!(v.unwrap() == t || Some(v.unwrap()) == t.checked_add(1));
            }
        }
    }
}

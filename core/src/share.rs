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
        let Some(v) = self.scaled_percent(decimals, rounding) else {
            return "—".to_owned();
        };
        let div = 10u64.pow(u32::from(decimals));
        let whole = v.checked_div(div).unwrap_or(v);
        let frac = v.checked_rem(div).unwrap_or(0);
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
}

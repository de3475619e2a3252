//! 期限 (windows): an amount and a unit — calendar days, working days or months
//! (`../shared/domain/RULES.md` §13; SPEC §3).

use std::fmt;

use serde::{Deserialize, Serialize};

/// 期限单位 (window unit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum WindowUnit {
    /// 日 / 自然日 (calendar days): every day counts; the start day does not
    /// (Civil Code Art. 201). Zhejiang and Henan "十日内" are calendar days (RULES §13).
    CalendarDays,
    /// 工作日 (working days) on the official State Council calendar, including 调休
    /// working weekends (RULES §13).
    WorkingDays,
    /// 月 (months) by the Civil Code method (Arts. 201–202): same-numbered day of the
    /// final month, else its last day.
    Months,
}

/// 期限 (window): e.g. 7 working days, 3 months. JSON: `{"amount":7,"unit":"working_days"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Window {
    /// 数量 (amount) of units.
    pub amount: u32,
    /// 单位 (unit).
    pub unit: WindowUnit,
}

impl Window {
    /// A window of `amount` 自然日 (calendar days).
    pub const fn calendar_days(amount: u32) -> Self {
        Self {
            amount,
            unit: WindowUnit::CalendarDays,
        }
    }

    /// A window of `amount` 工作日 (working days).
    pub const fn working_days(amount: u32) -> Self {
        Self {
            amount,
            unit: WindowUnit::WorkingDays,
        }
    }

    /// A window of `amount` 月 (months).
    pub const fn months(amount: u32) -> Self {
        Self {
            amount,
            unit: WindowUnit::Months,
        }
    }

    /// 中文表述 (Chinese label): `7个工作日`, `10日`, `3个月`.
    pub fn to_zh(&self) -> String {
        match self.unit {
            WindowUnit::CalendarDays => format!("{}日", self.amount),
            WindowUnit::WorkingDays => format!("{}个工作日", self.amount),
            WindowUnit::Months => format!("{}个月", self.amount),
        }
    }
}

impl fmt::Display for Window {
    /// English label: `7 working days`, `1 month`, `10 calendar days`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let one = self.amount == 1;
        let unit = match (self.unit, one) {
            (WindowUnit::CalendarDays, true) => "calendar day",
            (WindowUnit::CalendarDays, false) => "calendar days",
            (WindowUnit::WorkingDays, true) => "working day",
            (WindowUnit::WorkingDays, false) => "working days",
            (WindowUnit::Months, true) => "month",
            (WindowUnit::Months, false) => "months",
        };
        write!(f, "{} {unit}", self.amount)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_shape_is_snake_case_and_strict() {
        let w = Window::working_days(7);
        assert_eq!(
            serde_json::to_string(&w).unwrap(),
            r#"{"amount":7,"unit":"working_days"}"#
        );
        let back: Window = serde_json::from_str(r#"{"amount":3,"unit":"months"}"#).unwrap();
        assert_eq!(back, Window::months(3));
        let cal: Window = serde_json::from_str(r#"{"amount":10,"unit":"calendar_days"}"#).unwrap();
        assert_eq!(cal, Window::calendar_days(10));
        assert!(serde_json::from_str::<Window>(r#"{"amount":3,"unit":"months","x":1}"#).is_err());
        assert!(serde_json::from_str::<Window>(r#"{"amount":3,"unit":"weeks"}"#).is_err());
        assert!(serde_json::from_str::<Window>(r#"{"amount":-3,"unit":"months"}"#).is_err());
    }

    #[test]
    fn display_and_chinese_labels() {
        assert_eq!(Window::working_days(7).to_string(), "7 working days");
        assert_eq!(Window::working_days(1).to_string(), "1 working day");
        assert_eq!(Window::months(3).to_string(), "3 months");
        assert_eq!(Window::months(1).to_string(), "1 month");
        assert_eq!(Window::calendar_days(10).to_string(), "10 calendar days");
        assert_eq!(Window::calendar_days(1).to_string(), "1 calendar day");
        assert_eq!(Window::working_days(7).to_zh(), "7个工作日");
        assert_eq!(Window::months(3).to_zh(), "3个月");
        assert_eq!(Window::calendar_days(10).to_zh(), "10日");
    }
}

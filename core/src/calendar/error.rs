//! 日历错误 (calendar errors): typed, with stable codes (SPEC §12).

use chrono::NaiveDate;

/// 日历错误 (calendar error).
///
/// Every variant has a stable [`code`](CalendarError::code) and a lowercase one-line
/// message naming the date or the JSON field (SPEC §12). Nothing in this module panics.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum CalendarError {
    /// 超出日历范围 (out of range): the date's year is not covered by the loaded official
    /// calendar and the weekend-only fallback is off (SPEC §3: never a silent guess).
    #[error("date {date} is outside the calendar's covered years ({})", covered(*.first_year, *.last_year))]
    OutOfRange {
        /// The date that could not be classified.
        date: NaiveDate,
        /// First covered year, if any year is loaded.
        first_year: Option<i32>,
        /// Last covered year, if any year is loaded.
        last_year: Option<i32>,
    },
    /// 日历数据无效 (invalid calendar data): a problem found by [`Calendar::from_json`](super::Calendar::from_json).
    #[error("invalid calendar data at {field}: {reason}")]
    InvalidData {
        /// JSON path of the offending value, e.g. `years.2026.off[3]`.
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// 日期溢出 (overflow): date arithmetic went beyond chrono's supported range.
    #[error("date arithmetic from {date} overflows the supported date range")]
    Overflow {
        /// The last date reached before the overflow.
        date: NaiveDate,
    },
}

impl CalendarError {
    /// 错误代码 (stable error code): `calendar.out_of_range`, `calendar.invalid_data`,
    /// `calendar.overflow`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::OutOfRange { .. } => "calendar.out_of_range",
            Self::InvalidData { .. } => "calendar.invalid_data",
            Self::Overflow { .. } => "calendar.overflow",
        }
    }

    pub(crate) fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Self::InvalidData {
            field: field.into(),
            reason: reason.into(),
        }
    }
}

fn covered(first: Option<i32>, last: Option<i32>) -> String {
    match (first, last) {
        (Some(a), Some(b)) if a == b => format!("only {a}"),
        (Some(a), Some(b)) => format!("{a}–{b}"),
        _ => "no years loaded".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn messages_are_lowercase_one_line_and_name_the_subject() {
        let errs = [
            CalendarError::OutOfRange {
                date: d(2003, 12, 31),
                first_year: Some(2004),
                last_year: Some(2026),
            },
            CalendarError::OutOfRange {
                date: d(2003, 12, 31),
                first_year: None,
                last_year: None,
            },
            CalendarError::invalid("years.2026.off[3]", "not a date"),
            CalendarError::Overflow {
                date: NaiveDate::MAX,
            },
        ];
        for e in &errs {
            let msg = e.to_string();
            assert!(!msg.contains('\n'), "{msg}");
            assert_eq!(
                msg.chars().next().map(char::is_lowercase),
                Some(true),
                "{msg}"
            );
        }
        assert!(errs[0].to_string().contains("2003-12-31"));
        assert!(errs[0].to_string().contains("2004–2026"));
        assert!(errs[1].to_string().contains("no years loaded"));
        assert!(errs[2].to_string().contains("years.2026.off[3]"));
        assert_eq!(errs[0].code(), "calendar.out_of_range");
        assert_eq!(errs[2].code(), "calendar.invalid_data");
        assert_eq!(errs[3].code(), "calendar.overflow");
    }
}

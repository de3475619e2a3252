//! `HolidayCalendar`: China's official working-day calendar (调休 included) and Civil Code
//! deadlines, for a phone that shows "7 working days left" without asking a server.
//!
//! Named `HolidayCalendar`, not `Calendar`, so that it does not clash with
//! `java.util.Calendar` in Kotlin or `Foundation.Calendar` in Swift.

use std::sync::Arc;

use jianyi_core::{Calendar, Window};

use crate::errors::JianyiError;
use crate::types::{iso, non_negative, parse_date, DayKind, Deadline, WindowUnit};

/// The national calendar bundled with the library, plus years loaded at run time (`json`
/// in the `jianyi-calendar` format), on top of it.
pub(crate) fn national(json: Option<&str>) -> Result<Calendar, JianyiError> {
    let china = Calendar::china();
    match json {
        None => Ok(china),
        Some(text) => Ok(china.with_years(&Calendar::from_json(text)?)),
    }
}

/// 日历: an immutable official calendar (cheap to share between threads).
#[derive(Debug, uniffi::Object)]
pub struct HolidayCalendar {
    inner: Calendar,
}

impl HolidayCalendar {
    pub(crate) fn wrap(inner: Calendar) -> Arc<HolidayCalendar> {
        Arc::new(HolidayCalendar { inner })
    }

    /// The core calendar.
    pub(crate) fn inner(&self) -> &Calendar {
        &self.inner
    }
}

#[uniffi::export]
impl HolidayCalendar {
    /// The national calendar of China bundled with the library (2004 through the latest
    /// published State Council arrangement).
    #[uniffi::constructor]
    pub fn china() -> Result<Arc<HolidayCalendar>, JianyiError> {
        Ok(HolidayCalendar::wrap(Calendar::china()))
    }

    /// A calendar read from JSON in the `jianyi-calendar` format (only the years it lists).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<HolidayCalendar>, JianyiError> {
        Ok(HolidayCalendar::wrap(Calendar::from_json(&json)?))
    }

    /// This calendar with the years of `json` added or replaced (e.g. next year's
    /// arrangement once the State Council publishes it).
    pub fn with_years(&self, json: String) -> Result<Arc<HolidayCalendar>, JianyiError> {
        let more = Calendar::from_json(&json)?;
        Ok(HolidayCalendar::wrap(self.inner.with_years(&more)))
    }

    /// This calendar with the weekend-only fallback for uncovered years switched on or off
    /// (off by default: an uncovered year is `calendar.out_of_range`, never a guess).
    pub fn with_weekend_fallback(&self, on: bool) -> Result<Arc<HolidayCalendar>, JianyiError> {
        Ok(HolidayCalendar::wrap(self.inner.with_weekend_fallback(on)))
    }

    /// The calendar as JSON in the `jianyi-calendar` format.
    pub fn to_json(&self) -> Result<String, JianyiError> {
        Ok(self.inner.to_json())
    }

    /// Version, e.g. `cn-2026.1` (reports name it).
    pub fn version(&self) -> Result<String, JianyiError> {
        Ok(self.inner.version().to_owned())
    }

    /// First covered year.
    pub fn first_year(&self) -> Result<Option<i32>, JianyiError> {
        Ok(self.inner.first_year())
    }

    /// Last covered year.
    pub fn last_year(&self) -> Result<Option<i32>, JianyiError> {
        Ok(self.inner.last_year())
    }

    /// The kind of `date` (ISO): workday, weekend, holiday or 调休 working weekend.
    pub fn day_kind(&self, date: String) -> Result<DayKind, JianyiError> {
        let d = parse_date("date", &date)?;
        Ok(self.inner.day_kind(d)?.into())
    }

    /// Whether `date` (ISO) is a working day (调休 weekends included).
    pub fn is_working_day(&self, date: String) -> Result<bool, JianyiError> {
        let d = parse_date("date", &date)?;
        Ok(self.inner.is_working_day(d)?)
    }

    /// The `n`-th working day after `start` (the start day is not counted), ISO.
    pub fn add_working_days(&self, start: String, n: i32) -> Result<String, JianyiError> {
        let d = parse_date("start", &start)?;
        let n = non_negative("n", n)?;
        Ok(iso(self.inner.add_working_days(d, n)?))
    }

    /// Working days in `(start, end]`; negative when `end` is before `start`.
    pub fn working_days_between(&self, start: String, end: String) -> Result<i64, JianyiError> {
        let a = parse_date("start", &start)?;
        let b = parse_date("end", &end)?;
        Ok(self.inner.working_days_between(a, b)?)
    }

    /// `n` months after `start` by the Civil Code (same-numbered day, else month end), ISO.
    pub fn add_months(&self, start: String, n: i32) -> Result<String, JianyiError> {
        let d = parse_date("start", &start)?;
        let n = non_negative("n", n)?;
        Ok(iso(self.inner.add_months_civil(d, n)?))
    }

    /// The due date of a window of `amount` `unit`s from `anchor`, explained. With
    /// `roll_forward` an end on a rest day moves to the next working day (Civil Code Art 203).
    pub fn due_date(
        &self,
        anchor: String,
        amount: i32,
        unit: WindowUnit,
        roll_forward: bool,
    ) -> Result<Deadline, JianyiError> {
        let a = parse_date("anchor", &anchor)?;
        let amount = non_negative("amount", amount)?;
        let window = Window {
            amount,
            unit: unit.into(),
        };
        Ok(self.inner.due_date(a, window, roll_forward)?.into())
    }
}

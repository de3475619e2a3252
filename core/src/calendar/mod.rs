//! 日历与期限 (calendar and deadlines).
//!
//! Deadlines are counted in 自然日 (calendar days), 工作日 (working days) on China's official
//! State Council holiday calendar — **including 调休 working weekends** — and 月 (months) by the
//! Civil Code method (民法典 Arts. 200–204). See `../shared/domain/RULES.md` §13 and
//! `../shared/spec/SPEC.md` §3.
//!
//! - The bundled national calendar ([`Calendar::china`]) covers 2004 through the latest
//!   published year; more years load at run time ([`Calendar::from_json`],
//!   [`Calendar::with_years`]); a locality adds its own holidays with
//!   [`Calendar::with_regional`].
//! - A date outside the covered years is a typed error ([`CalendarError::OutOfRange`],
//!   `calendar.out_of_range`), never a silent weekend-only guess, unless the caller opts in
//!   with [`Calendar::with_weekend_fallback`].
//! - [`Calendar::due_date`] returns a [`Deadline`] that explains itself
//!   ([`Deadline::explain_zh`], [`Deadline::explain_en`]).
//!
//! Everything here is pure: no clock, no I/O, no panics.

mod civil;
mod data;
mod deadline;
mod error;
mod explain;
mod window;
mod workdays;
mod year;

#[cfg(test)]
mod bundled_tests;
#[cfg(test)]
mod proptests;

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use chrono::{Datelike, NaiveDate};

pub use deadline::Deadline;
pub use error::CalendarError;
pub use window::{Window, WindowUnit};
pub use workdays::DayKind;

use year::{is_weekend, YearData};

/// The bundled national calendar (China, State Council notices), in the
/// `jianyi-calendar` JSON format.
const BUNDLED_CN: &str = include_str!("../../data/calendar-cn.json");

/// 日历 (calendar): the official 放假 days and 调休 working weekends per year, plus the
/// policy for years it does not cover.
///
/// Cheap to clone (the data is shared); every `with_*` method returns a new calendar and
/// leaves `self` unchanged, so different profiles in one process can hold different
/// calendars (SPEC §3).
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub struct Calendar {
    inner: Arc<Inner>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Inner {
    version: String,
    region: Option<String>,
    source: Option<String>,
    years: BTreeMap<i32, YearData>,
    weekend_fallback: bool,
}

impl Calendar {
    /// 全国日历 (the national calendar of China) bundled with the library: every year from
    /// 2004 through the latest published State Council arrangement (RULES §13).
    ///
    /// Parsed once per process, then shared. The bundled JSON is proven to parse by a unit
    /// test; should it ever fail, this returns an empty calendar (every date then answers
    /// [`CalendarError::OutOfRange`]) rather than panicking.
    pub fn china() -> Calendar {
        static CHINA: OnceLock<Calendar> = OnceLock::new();
        CHINA
            .get_or_init(|| Calendar::from_json(BUNDLED_CN).unwrap_or_else(|_| Calendar::empty()))
            .clone()
    }

    /// 从 JSON 加载 (load from JSON) in the `jianyi-calendar` format: `format`, `version`,
    /// `region`, `source`, optional `weekend_fallback`, and `years` mapping `"2026"` to
    /// `{ "notice", "off": [...], "work": [...] }`, where an entry is `"2026-02-15"` or an
    /// inclusive range `"2026-02-15..2026-02-23"`.
    ///
    /// Validates that every date parses, ranges are ordered, each date's year matches its
    /// year key, no date is listed twice, no date is both off and work, and every `work`
    /// date is a Saturday or Sunday. Errors are [`CalendarError::InvalidData`] naming the
    /// JSON path (e.g. `years.2026.off[3]`).
    pub fn from_json(json: &str) -> Result<Calendar, CalendarError> {
        data::parse(json).map(Calendar::from_inner)
    }

    /// 导出 JSON (export as JSON) in the same format; `from_json(&c.to_json())` gives back
    /// an equal calendar.
    pub fn to_json(&self) -> String {
        data::render(&self.inner)
    }

    /// 增补年度 (add or replace years): the years of `more` are added, replacing any year
    /// `self` already has (e.g. load 2027 when the State Council publishes it). The result's
    /// version is `more`'s version; region, source and fallback policy stay `self`'s.
    ///
    /// Regional days added earlier with [`with_regional`](Self::with_regional) are lost in
    /// replaced years: apply regional days after loading national years.
    pub fn with_years(&self, more: &Calendar) -> Calendar {
        let mut inner = (*self.inner).clone();
        for (y, data) in &more.inner.years {
            inner.years.insert(*y, data.clone());
        }
        inner.version.clone_from(&more.inner.version);
        Calendar::from_inner(inner)
    }

    /// 地方节假日 (regional holidays): a locality's own off days and working days on top of
    /// this calendar (e.g. autonomous regions' festival holidays; SPEC §3). The version gets
    /// `+name`.
    ///
    /// A regional day overrides the national one: an `extra_off` day becomes a holiday even
    /// if it was a 调休 working weekend; an `extra_work` day stops being a holiday (and counts
    /// as a 调休 working day if it is a weekend). Dates in years this calendar does not cover
    /// are ignored, since a regional list cannot extend the national coverage.
    pub fn with_regional(
        &self,
        name: &str,
        extra_off: &[NaiveDate],
        extra_work: &[NaiveDate],
    ) -> Calendar {
        let mut inner = (*self.inner).clone();
        for d in extra_off {
            if let Some(y) = inner.years.get_mut(&d.year()) {
                y.work.remove(d.ordinal0());
                y.off.insert(d.ordinal0());
            }
        }
        for d in extra_work {
            if let Some(y) = inner.years.get_mut(&d.year()) {
                y.off.remove(d.ordinal0());
                if is_weekend(*d) {
                    y.work.insert(d.ordinal0());
                }
            }
        }
        inner.version = format!("{}+{name}", inner.version);
        Calendar::from_inner(inner)
    }

    /// 周末兜底 (weekend-only fallback), an explicit opt-in: when `on`, dates in years the
    /// calendar does not cover count Monday–Friday as working days instead of returning
    /// [`CalendarError::OutOfRange`] (SPEC §3).
    pub fn with_weekend_fallback(&self, on: bool) -> Calendar {
        let mut inner = (*self.inner).clone();
        inner.weekend_fallback = on;
        Calendar::from_inner(inner)
    }

    /// 日历版本 (calendar version), e.g. `cn-2026.1` or `cn-2026.1+xizang`; reports name it
    /// (SPEC §3).
    pub fn version(&self) -> &str {
        &self.inner.version
    }

    /// Whether the weekend-only fallback is on (see
    /// [`with_weekend_fallback`](Self::with_weekend_fallback)).
    pub fn weekend_fallback(&self) -> bool {
        self.inner.weekend_fallback
    }

    /// 起始年 (first covered year), if any.
    pub fn first_year(&self) -> Option<i32> {
        self.inner.years.keys().next().copied()
    }

    /// 最后年 (last covered year), if any.
    pub fn last_year(&self) -> Option<i32> {
        self.inner.years.keys().next_back().copied()
    }

    /// Whether `year` has official data (gaps between covered years are not covered).
    pub fn covers_year(&self, year: i32) -> bool {
        self.inner.years.contains_key(&year)
    }

    fn empty() -> Calendar {
        Calendar::from_inner(Inner::default())
    }

    fn from_inner(mut inner: Inner) -> Calendar {
        // INVARIANT: every calendar is built here, so each year's working days are derived
        // from its off-days and 调休 days as they finally stand.
        for (year, data) in &mut inner.years {
            data.settle(*year);
        }
        Calendar {
            inner: Arc::new(inner),
        }
    }

    fn year_data(&self, year: i32) -> Option<&YearData> {
        self.inner.years.get(&year)
    }

    fn out_of_range(&self, date: NaiveDate) -> CalendarError {
        CalendarError::OutOfRange {
            date,
            first_year: self.first_year(),
            last_year: self.last_year(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn bundled_json_parses() {
        // Proves `Calendar::china()` never takes its empty-calendar branch.
        let cal = Calendar::from_json(BUNDLED_CN).expect("bundled calendar must parse");
        assert_eq!(cal, Calendar::china());
        assert_eq!(cal.version(), "cn-2026.1");
        assert_eq!(cal.first_year(), Some(2004));
        assert_eq!(cal.last_year(), Some(2026));
        assert!(!cal.weekend_fallback());
    }

    #[test]
    fn empty_calendar_is_out_of_range_everywhere() {
        let e = Calendar::empty();
        assert_eq!(e.first_year(), None);
        let err = e.is_working_day(d(2026, 1, 5)).unwrap_err();
        assert_eq!(
            err,
            CalendarError::OutOfRange {
                date: d(2026, 1, 5),
                first_year: None,
                last_year: None
            }
        );
    }

    #[test]
    fn with_years_adds_2027_from_json() {
        let json_2027 = r#"{
            "format": "jianyi-calendar", "version": "cn-2027.1", "region": "CN",
            "years": { "2027": {
                "notice": "test fixture, not the official 2027 arrangement",
                "off": ["2027-01-01..2027-01-03", "2027-02-06..2027-02-12"],
                "work": ["2027-02-13"]
            } }
        }"#;
        let china = Calendar::china();
        assert_eq!(
            china.is_working_day(d(2027, 1, 4)).unwrap_err().code(),
            "calendar.out_of_range"
        );
        let more = Calendar::from_json(json_2027).unwrap();
        let cal = china.with_years(&more);
        assert_eq!(cal.version(), "cn-2027.1");
        assert_eq!(cal.first_year(), Some(2004));
        assert_eq!(cal.last_year(), Some(2027));
        assert!(cal.covers_year(2027));
        assert_eq!(cal.day_kind(d(2027, 1, 1)).unwrap(), DayKind::Holiday);
        assert_eq!(
            cal.day_kind(d(2027, 2, 13)).unwrap(),
            DayKind::AdjustedWorkday
        );
        assert!(cal.is_working_day(d(2027, 1, 4)).unwrap());
        // Across the year boundary: 2026-12-31 (Thu) + 1 working day skips 1–3 Jan 2027.
        assert_eq!(
            cal.add_working_days(d(2026, 12, 31), 1).unwrap(),
            d(2027, 1, 4)
        );
        // The original calendar is untouched.
        assert_eq!(china.last_year(), Some(2026));
    }

    #[test]
    fn with_years_replaces_a_year() {
        let amended = r#"{"format":"jianyi-calendar","version":"cn-2026.2","region":"CN",
            "years":{"2026":{"off":["2026-01-01"],"work":[]}}}"#;
        let cal = Calendar::china().with_years(&Calendar::from_json(amended).unwrap());
        assert_eq!(cal.version(), "cn-2026.2");
        assert!(cal.is_working_day(d(2026, 2, 16)).unwrap());
        assert!(!cal.is_working_day(d(2026, 2, 14)).unwrap());
    }

    #[test]
    fn with_regional_adds_a_local_holiday_and_changes_counts() {
        let china = Calendar::china();
        // A hypothetical local festival on Wed 2026-03-18 and a local working Sunday 2026-03-22.
        let local = china.with_regional("testregion", &[d(2026, 3, 18)], &[d(2026, 3, 22)]);
        assert_eq!(local.version(), "cn-2026.1+testregion");
        assert_eq!(local.day_kind(d(2026, 3, 18)).unwrap(), DayKind::Holiday);
        assert_eq!(
            local.day_kind(d(2026, 3, 22)).unwrap(),
            DayKind::AdjustedWorkday
        );
        assert_eq!(
            china
                .working_days_between(d(2026, 3, 16), d(2026, 3, 20))
                .unwrap(),
            4
        );
        assert_eq!(
            local
                .working_days_between(d(2026, 3, 16), d(2026, 3, 20))
                .unwrap(),
            3
        );
        assert_eq!(
            local
                .working_days_between(d(2026, 3, 16), d(2026, 3, 23))
                .unwrap(),
            5
        );
        // Regional override of national days: a 调休 Saturday becomes off, a holiday becomes work.
        let flip = china.with_regional("flip", &[d(2026, 2, 14)], &[d(2026, 2, 16)]);
        assert_eq!(flip.day_kind(d(2026, 2, 14)).unwrap(), DayKind::Holiday);
        assert_eq!(flip.day_kind(d(2026, 2, 16)).unwrap(), DayKind::Workday);
        // Dates in uncovered years are ignored; the result round-trips through JSON.
        let ignored = china.with_regional("x", &[d(2031, 1, 6)], &[d(2026, 1, 7)]);
        assert!(!ignored.covers_year(2031));
        assert_eq!(Calendar::from_json(&local.to_json()).unwrap(), local);
        assert_eq!(Calendar::from_json(&flip.to_json()).unwrap(), flip);
        assert_eq!(Calendar::from_json(&ignored.to_json()).unwrap(), ignored);
    }

    #[test]
    fn weekend_fallback_is_explicit() {
        let china = Calendar::china();
        let err = china.is_working_day(d(2003, 12, 31)).unwrap_err();
        assert_eq!(err.code(), "calendar.out_of_range");
        assert_eq!(
            err,
            CalendarError::OutOfRange {
                date: d(2003, 12, 31),
                first_year: Some(2004),
                last_year: Some(2026)
            }
        );
        let after = d(2027, 3, 1);
        assert_eq!(
            china.day_kind(after).unwrap_err().code(),
            "calendar.out_of_range"
        );
        let fb = china.with_weekend_fallback(true);
        assert!(fb.weekend_fallback());
        assert!(fb.is_working_day(d(2003, 12, 31)).unwrap()); // Wednesday
        assert_eq!(fb.day_kind(d(2028, 1, 1)).unwrap(), DayKind::Weekend); // Saturday
        assert_eq!(fb.day_kind(d(2028, 1, 3)).unwrap(), DayKind::Workday); // Monday
                                                                           // Covered years still use the official data.
        assert_eq!(
            fb.day_kind(d(2026, 2, 14)).unwrap(),
            DayKind::AdjustedWorkday
        );
        assert!(!fb.with_weekend_fallback(false).weekend_fallback());
    }
}

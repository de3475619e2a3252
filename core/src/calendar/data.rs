//! 日历数据格式 (the `jianyi-calendar` JSON format): parsing with validation, and rendering.
//!
//! ```json
//! {
//!   "format": "jianyi-calendar",
//!   "version": "cn-2026.1",
//!   "region": "CN",
//!   "source": "State Council General Office notices (国务院办公厅关于…部分节假日安排的通知)",
//!   "years": {
//!     "2026": {
//!       "notice": "…",
//!       "off": ["2026-01-01..2026-01-03", "2026-02-15..2026-02-23"],
//!       "work": ["2026-01-04", "2026-02-14"]
//!     }
//!   }
//! }
//! ```
//!
//! `off` lists every 放假 day (including the weekend days of a holiday block), `work` the
//! 调休 weekend working days; an entry is a date or an inclusive range `a..b`. An optional
//! top-level `"weekend_fallback": true` records the fallback policy.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde_json::{Map, Value};

use super::year::{is_weekend, DayBits, YearData};
use super::{CalendarError, Inner};

/// The value of the `format` field.
const FORMAT: &str = "jianyi-calendar";
const TOP_KEYS: [&str; 6] = [
    "format",
    "version",
    "region",
    "source",
    "weekend_fallback",
    "years",
];
const YEAR_KEYS: [&str; 3] = ["notice", "off", "work"];
const DATE_FMT: &str = "%Y-%m-%d";

fn invalid(field: impl Into<String>, reason: impl Into<String>) -> CalendarError {
    CalendarError::invalid(field, reason)
}

/// Parses and validates a calendar document.
pub(super) fn parse(json: &str) -> Result<Inner, CalendarError> {
    let root: Value =
        serde_json::from_str(json).map_err(|e| invalid("json", format!("not valid json: {e}")))?;
    let obj = root
        .as_object()
        .ok_or_else(|| invalid("json", "expected a json object"))?;
    reject_unknown(obj, &TOP_KEYS, "")?;

    let format = required_str(obj, "format", "format")?;
    if format != FORMAT {
        return Err(invalid(
            "format",
            format!("expected \"{FORMAT}\", found \"{format}\""),
        ));
    }
    let version = required_str(obj, "version", "version")?;
    if version.trim().is_empty() {
        return Err(invalid("version", "must not be empty"));
    }
    let region = optional_str(obj, "region", "region")?;
    let source = optional_str(obj, "source", "source")?;
    let weekend_fallback = match obj.get("weekend_fallback") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err(invalid("weekend_fallback", "expected true or false")),
    };
    let years_obj = obj
        .get("years")
        .ok_or_else(|| invalid("years", "missing field"))?
        .as_object()
        .ok_or_else(|| invalid("years", "expected an object keyed by year"))?;

    let mut years = BTreeMap::new();
    for (key, value) in years_obj {
        let path = format!("years.{key}");
        let year = parse_year_key(key, &path)?;
        years.insert(year, parse_year(year, value, &path)?);
    }
    Ok(Inner {
        version: version.to_owned(),
        region: region.map(str::to_owned),
        source: source.map(str::to_owned),
        years,
        weekend_fallback,
    })
}

fn reject_unknown(
    obj: &Map<String, Value>,
    allowed: &[&str],
    prefix: &str,
) -> Result<(), CalendarError> {
    match obj.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(k) => Err(invalid(format!("{prefix}{k}"), "unknown field")),
        None => Ok(()),
    }
}

fn required_str<'a>(
    obj: &'a Map<String, Value>,
    key: &str,
    path: &str,
) -> Result<&'a str, CalendarError> {
    optional_str(obj, key, path)?.ok_or_else(|| invalid(path, "missing field"))
}

fn optional_str<'a>(
    obj: &'a Map<String, Value>,
    key: &str,
    path: &str,
) -> Result<Option<&'a str>, CalendarError> {
    match obj.get(key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str())),
        Some(_) => Err(invalid(path, "expected a string")),
    }
}

fn parse_year_key(key: &str, path: &str) -> Result<i32, CalendarError> {
    let year: i32 = key
        .parse()
        .map_err(|_| invalid(path, format!("year key \"{key}\" is not a year")))?;
    if year.to_string() != key || NaiveDate::from_yo_opt(year, 1).is_none() {
        return Err(invalid(
            path,
            format!("year key \"{key}\" is not a plain year"),
        ));
    }
    Ok(year)
}

fn parse_year(year: i32, value: &Value, path: &str) -> Result<YearData, CalendarError> {
    let obj = value
        .as_object()
        .ok_or_else(|| invalid(path, "expected an object with off and work"))?;
    reject_unknown(obj, &YEAR_KEYS, &format!("{path}."))?;
    let notice = optional_str(obj, "notice", &format!("{path}.notice"))?.map(str::to_owned);

    let mut off = DayBits::default();
    for (entry_path, a, b) in entries(obj, "off", year, path)? {
        for d in days(a, b) {
            if !off.insert(d.ordinal0()) {
                return Err(invalid(entry_path, format!("{d} is listed twice in off")));
            }
        }
    }
    let mut work = DayBits::default();
    for (entry_path, a, b) in entries(obj, "work", year, path)? {
        for d in days(a, b) {
            if !is_weekend(d) {
                return Err(invalid(
                    entry_path,
                    format!("{d} is a weekday; work lists only 调休 saturdays and sundays"),
                ));
            }
            if off.contains(d.ordinal0()) {
                return Err(invalid(entry_path, format!("{d} is both off and work")));
            }
            if !work.insert(d.ordinal0()) {
                return Err(invalid(entry_path, format!("{d} is listed twice in work")));
            }
        }
    }
    Ok(YearData {
        notice,
        off,
        work,
        // Derived when the calendar is built (`Calendar::from_inner`).
        working: DayBits::default(),
    })
}

/// The `(path, first, last)` ranges of one list, each checked for year and order.
fn entries(
    obj: &Map<String, Value>,
    key: &str,
    year: i32,
    path: &str,
) -> Result<Vec<(String, NaiveDate, NaiveDate)>, CalendarError> {
    let list = match obj.get(key) {
        None => return Ok(Vec::new()),
        Some(Value::Array(list)) => list,
        Some(_) => return Err(invalid(format!("{path}.{key}"), "expected an array")),
    };
    let mut out = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        let entry_path = format!("{path}.{key}[{i}]");
        let text = item
            .as_str()
            .ok_or_else(|| invalid(&entry_path, "expected a date string"))?;
        let (a, b) = if let Some((a, b)) = text.split_once("..") {
            (parse_date(a, &entry_path)?, parse_date(b, &entry_path)?)
        } else {
            let d = parse_date(text, &entry_path)?;
            (d, d)
        };
        if a > b {
            return Err(invalid(&entry_path, format!("range {a}..{b} is reversed")));
        }
        for d in [a, b] {
            if d.year() != year {
                return Err(invalid(
                    &entry_path,
                    format!("{d} is not in year {year}; list it under its own year"),
                ));
            }
        }
        out.push((entry_path, a, b));
    }
    Ok(out)
}

fn parse_date(text: &str, path: &str) -> Result<NaiveDate, CalendarError> {
    NaiveDate::parse_from_str(text, DATE_FMT)
        .ok()
        .filter(|d| d.format(DATE_FMT).to_string() == text)
        .ok_or_else(|| invalid(path, format!("\"{text}\" is not a date in yyyy-mm-dd form")))
}

/// Every date in `a..=b` (empty if `a > b`).
fn days(a: NaiveDate, b: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    a.iter_days().take_while(move |d| *d <= b)
}

/// Renders a calendar in the same format (pretty-printed, keys sorted).
pub(super) fn render(inner: &Inner) -> String {
    let mut years = Map::new();
    for (y, data) in &inner.years {
        let mut m = Map::new();
        if let Some(n) = &data.notice {
            m.insert("notice".into(), Value::String(n.clone()));
        }
        m.insert("off".into(), Value::Array(runs(data.off.dates(*y))));
        m.insert(
            "work".into(),
            Value::Array(
                data.work
                    .dates(*y)
                    .map(|d| Value::String(d.format(DATE_FMT).to_string()))
                    .collect(),
            ),
        );
        years.insert(y.to_string(), Value::Object(m));
    }
    let mut root = Map::new();
    root.insert("format".into(), Value::String(FORMAT.into()));
    root.insert("version".into(), Value::String(inner.version.clone()));
    if let Some(r) = &inner.region {
        root.insert("region".into(), Value::String(r.clone()));
    }
    if let Some(s) = &inner.source {
        root.insert("source".into(), Value::String(s.clone()));
    }
    if inner.weekend_fallback {
        root.insert("weekend_fallback".into(), Value::Bool(true));
    }
    root.insert("years".into(), Value::Object(years));
    format!("{:#}", Value::Object(root))
}

/// Compresses sorted dates into `"a"` / `"a..b"` entries of consecutive days.
fn runs(dates: impl Iterator<Item = NaiveDate>) -> Vec<Value> {
    let mut out = Vec::new();
    let mut current: Option<(NaiveDate, NaiveDate)> = None;
    let push = |out: &mut Vec<Value>, (a, b): (NaiveDate, NaiveDate)| {
        let text = if a == b {
            a.format(DATE_FMT).to_string()
        } else {
            format!("{}..{}", a.format(DATE_FMT), b.format(DATE_FMT))
        };
        out.push(Value::String(text));
    };
    for d in dates {
        current = match current {
            Some((a, b)) if b.succ_opt() == Some(d) => Some((a, d)),
            Some(run) => {
                push(&mut out, run);
                Some((d, d))
            }
            None => Some((d, d)),
        };
    }
    if let Some(run) = current {
        push(&mut out, run);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::Calendar;
    use super::*;

    fn doc(years: &str) -> String {
        format!(r#"{{"format":"jianyi-calendar","version":"t1","region":"CN","years":{years}}}"#)
    }

    fn err(json: &str) -> (String, String) {
        match Calendar::from_json(json).unwrap_err() {
            CalendarError::InvalidData { field, reason } => (field, reason),
            other => panic!("expected InvalidData, got {other:?}"),
        }
    }

    #[test]
    fn minimal_document_parses() {
        let c = Calendar::from_json(&doc(r#"{"2026":{"off":["2026-01-01"],"work":[]}}"#)).unwrap();
        assert_eq!(c.version(), "t1");
        assert_eq!(c.first_year(), Some(2026));
        let empty = Calendar::from_json(&doc("{}")).unwrap();
        assert_eq!(empty.first_year(), None);
        // off/work may be omitted.
        assert!(Calendar::from_json(&doc(r#"{"2026":{}}"#)).is_ok());
    }

    #[test]
    fn bad_json_and_bad_top_level() {
        let (f, r) = err("{not json");
        assert_eq!(f, "json");
        assert!(r.starts_with("not valid json"), "{r}");
        assert_eq!(err("[]").0, "json");
        assert_eq!(
            err(r#"{"format":"other","version":"x","years":{}}"#).0,
            "format"
        );
        assert_eq!(err(r#"{"version":"x","years":{}}"#).0, "format");
        assert_eq!(
            err(r#"{"format":"jianyi-calendar","years":{}}"#).0,
            "version"
        );
        assert_eq!(
            err(r#"{"format":"jianyi-calendar","version":" ","years":{}}"#).0,
            "version"
        );
        assert_eq!(
            err(r#"{"format":"jianyi-calendar","version":"x"}"#).0,
            "years"
        );
        assert_eq!(
            err(r#"{"format":"jianyi-calendar","version":"x","years":[]}"#).0,
            "years"
        );
        assert_eq!(
            err(r#"{"format":"jianyi-calendar","version":"x","years":{},"extra":1}"#).0,
            "extra"
        );
        assert_eq!(
            err(r#"{"format":"jianyi-calendar","version":"x","region":5,"years":{}}"#).0,
            "region"
        );
        assert_eq!(
            err(
                r#"{"format":"jianyi-calendar","version":"x","weekend_fallback":"yes","years":{}}"#
            )
            .0,
            "weekend_fallback"
        );
    }

    #[test]
    fn bad_year_entries_name_their_path() {
        assert_eq!(err(&doc(r#"{"20x6":{}}"#)).0, "years.20x6");
        assert_eq!(err(&doc(r#"{"02026":{}}"#)).0, "years.02026");
        assert_eq!(err(&doc(r#"{"2026":[]}"#)).0, "years.2026");
        assert_eq!(err(&doc(r#"{"2026":{"of":[]}}"#)).0, "years.2026.of");
        assert_eq!(
            err(&doc(r#"{"2026":{"off":"2026-01-01"}}"#)).0,
            "years.2026.off"
        );
        assert_eq!(err(&doc(r#"{"2026":{"notice":1}}"#)).0, "years.2026.notice");
        assert_eq!(
            err(&doc(r#"{"2026":{"off":[20260101]}}"#)).0,
            "years.2026.off[0]"
        );

        // A bad date.
        let (f, r) = err(&doc(
            r#"{"2026":{"off":["2026-01-01","2026-01-02","2026-01-03","2026-02-30"]}}"#,
        ));
        assert_eq!(f, "years.2026.off[3]");
        assert!(r.contains("2026-02-30"), "{r}");
        assert_eq!(
            err(&doc(r#"{"2026":{"off":["2026-1-5"]}}"#)).0,
            "years.2026.off[0]"
        );
        assert_eq!(
            err(&doc(r#"{"2026":{"off":["2026-01-05.."]}}"#)).0,
            "years.2026.off[0]"
        );
        // A reversed range.
        let (f, r) = err(&doc(r#"{"2026":{"off":["2026-02-23..2026-02-15"]}}"#));
        assert_eq!(f, "years.2026.off[0]");
        assert!(r.contains("reversed"), "{r}");
        // A date in the wrong year key.
        let (f, r) = err(&doc(r#"{"2026":{"work":["2025-12-27"]}}"#));
        assert_eq!(f, "years.2026.work[0]");
        assert!(r.contains("not in year 2026"), "{r}");
        assert_eq!(
            err(&doc(r#"{"2026":{"off":["2026-12-31..2027-01-01"]}}"#)).0,
            "years.2026.off[0]"
        );
        // A day both off and work.
        let (f, r) = err(&doc(
            r#"{"2026":{"off":["2026-02-14..2026-02-15"],"work":["2026-02-14"]}}"#,
        ));
        assert_eq!(f, "years.2026.work[0]");
        assert!(r.contains("both off and work"), "{r}");
        // Repeats and weekday work days.
        assert!(err(&doc(
            r#"{"2026":{"off":["2026-01-01..2026-01-03","2026-01-03"]}}"#
        ))
        .1
        .contains("twice"));
        assert!(
            err(&doc(r#"{"2026":{"work":["2026-02-14","2026-02-14"]}}"#))
                .1
                .contains("twice")
        );
        assert!(err(&doc(r#"{"2026":{"work":["2026-02-13"]}}"#))
            .1
            .contains("weekday"));
    }

    #[test]
    fn error_code_and_message_for_invalid_data() {
        let e = Calendar::from_json(&doc(r#"{"2026":{"off":["2026-02-30"]}}"#)).unwrap_err();
        assert_eq!(e.code(), "calendar.invalid_data");
        assert_eq!(
            e.to_string(),
            "invalid calendar data at years.2026.off[0]: \"2026-02-30\" is not a date in yyyy-mm-dd form"
        );
    }

    #[test]
    fn render_round_trips_and_compresses_runs() {
        let c = Calendar::china();
        let json = c.to_json();
        assert!(json.contains("\"2026-02-15..2026-02-23\""));
        assert!(json.contains("\"2026-02-14\""));
        assert!(!json.contains("weekend_fallback"));
        assert_eq!(Calendar::from_json(&json).unwrap(), c);
        let fb = c.with_weekend_fallback(true);
        let json = fb.to_json();
        assert!(json.contains("\"weekend_fallback\": true"));
        assert_eq!(Calendar::from_json(&json).unwrap(), fb);
        let bare = Calendar::from_json(r#"{"format":"jianyi-calendar","version":"v","years":{"2026":{"off":["2026-01-01","2026-01-03"]}}}"#).unwrap();
        assert_eq!(Calendar::from_json(&bare.to_json()).unwrap(), bare);
    }
}

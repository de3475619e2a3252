//! 期限说明 (deadline explanations): one readable paragraph in Chinese or English naming the
//! anchor, the counting rule, the holidays skipped, the 调休 days counted and the result
//! (SPEC §3).

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate, Weekday};

use super::{Deadline, WindowUnit};

impl Deadline {
    /// 中文说明 (explanation in Chinese), one paragraph.
    pub fn explain_zh(&self) -> String {
        let mut s = format!(
            "起算日为{}，当日不计入（《民法典》第二百零一条）。",
            zh_date(self.anchor)
        );
        let rule = match self.window.unit {
            WindowUnit::CalendarDays => format!("计算规则：{}（自然日），每日均计入。", self.window.to_zh()),
            WindowUnit::WorkingDays => format!(
                "计算规则：{}，按国务院办公厅公布的放假调休安排计算（日历版本 {}），法定节假日和休息日不计入，调休上班日计入。",
                self.window.to_zh(),
                self.calendar_version
            ),
            WindowUnit::Months => format!(
                "计算规则：{}，依《民法典》第二百零一条、第二百零二条，到期月的对应日为期间的最后一日；没有对应日的，以月末日为期间的最后一日。",
                self.window.to_zh()
            ),
        };
        s.push_str(&rule);
        if self.window.unit == WindowUnit::WorkingDays {
            if self.rolled_forward_from.is_none() {
                push_skipped_zh(
                    &mut s,
                    "期间内",
                    &self.holidays_skipped,
                    self.weekend_days_skipped,
                );
            }
            if self.adjusted_workdays_counted.is_empty() {
                s.push_str("期间内没有调休上班日。");
            } else {
                let _ = write!(
                    s,
                    "计入调休上班日{}天：{}。",
                    self.adjusted_workdays_counted.len(),
                    list(&self.adjusted_workdays_counted, zh_date, "、")
                );
            }
        }
        if let Some(orig) = self.rolled_forward_from {
            let _ = write!(
                s,
                "期间的最后一日{}为法定休假日，依《民法典》第二百零三条顺延至其后的第一个工作日（日历版本 {}）",
                zh_date(orig),
                self.calendar_version
            );
            push_skipped_zh(
                &mut s,
                "，顺延",
                &self.holidays_skipped,
                self.weekend_days_skipped,
            );
        }
        let _ = write!(s, "期限届满日：{}24时。", zh_date(self.due));
        s
    }

    /// English explanation, one paragraph.
    pub fn explain_en(&self) -> String {
        let mut s = format!(
            "Anchor: {}; the anchor day itself is not counted (Civil Code Art. 201). ",
            en_date(self.anchor)
        );
        let rule = match self.window.unit {
            WindowUnit::CalendarDays => format!("Rule: {}, every day counts. ", self.window),
            WindowUnit::WorkingDays => format!(
                "Rule: {} on the official State Council holiday calendar (calendar {}): statutory holidays and rest days are not counted, 调休 (adjusted) working weekends are. ",
                self.window, self.calendar_version
            ),
            WindowUnit::Months => format!(
                "Rule: {} by the Civil Code (Arts. 201–202): the period ends on the same-numbered day of the final month, or on its last day if that month has no such day. ",
                self.window
            ),
        };
        s.push_str(&rule);
        if self.window.unit == WindowUnit::WorkingDays {
            if self.rolled_forward_from.is_none() {
                push_skipped_en(
                    &mut s,
                    "Not counted",
                    &self.holidays_skipped,
                    self.weekend_days_skipped,
                );
            }
            if self.adjusted_workdays_counted.is_empty() {
                s.push_str("No 调休 working weekend fell inside the window. ");
            } else {
                let n = self.adjusted_workdays_counted.len();
                let _ = write!(
                    s,
                    "Counted {n} adjusted working weekend day{} (调休): {}. ",
                    plural(n),
                    list(&self.adjusted_workdays_counted, en_date, ", ")
                );
            }
        }
        if let Some(orig) = self.rolled_forward_from {
            let _ = write!(
                s,
                "The period's last day {} is a rest day or statutory holiday, so under Civil Code Art. 203 it moves to the next working day (calendar {}). ",
                en_date(orig),
                self.calendar_version
            );
            push_skipped_en(
                &mut s,
                "Jumped over",
                &self.holidays_skipped,
                self.weekend_days_skipped,
            );
        }
        let _ = write!(s, "Due: {}, at 24:00.", en_date(self.due));
        s
    }
}

fn push_skipped_zh(s: &mut String, lead: &str, holidays: &[NaiveDate], weekends: u32) {
    if holidays.is_empty() {
        let _ = write!(s, "{lead}没有法定节假日");
    } else {
        let _ = write!(
            s,
            "{lead}跳过法定节假日{}天（{}）",
            holidays.len(),
            runs(holidays, zh_date_plain, "至", "、")
        );
    }
    if weekends > 0 {
        let _ = write!(s, "，跳过普通休息日{weekends}天");
    }
    s.push('。');
}

fn push_skipped_en(s: &mut String, lead: &str, holidays: &[NaiveDate], weekends: u32) {
    let n = holidays.len();
    if n == 0 {
        let _ = write!(s, "{lead}: no official holiday");
    } else {
        let _ = write!(
            s,
            "{lead}: {n} official holiday day{} ({})",
            plural(n),
            runs(holidays, en_date_plain, " to ", ", ")
        );
    }
    let _ = write!(
        s,
        " and {weekends} ordinary weekend day{}. ",
        plural_u32(weekends)
    );
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn plural_u32(n: u32) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn list(dates: &[NaiveDate], f: fn(NaiveDate) -> String, sep: &str) -> String {
    dates.iter().map(|d| f(*d)).collect::<Vec<_>>().join(sep)
}

/// Joins sorted dates, writing consecutive days as `a{to}b`.
fn runs(dates: &[NaiveDate], f: fn(NaiveDate) -> String, to: &str, sep: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut iter = dates.iter().copied();
    let Some(mut start) = iter.next() else {
        return String::new();
    };
    let mut end = start;
    let mut flush = |a: NaiveDate, b: NaiveDate| {
        parts.push(if a == b {
            f(a)
        } else {
            format!("{}{to}{}", f(a), f(b))
        });
    };
    for d in iter {
        if end.succ_opt() == Some(d) {
            end = d;
        } else {
            flush(start, end);
            start = d;
            end = d;
        }
    }
    flush(start, end);
    parts.join(sep)
}

fn zh_weekday(d: NaiveDate) -> &'static str {
    match d.weekday() {
        Weekday::Mon => "星期一",
        Weekday::Tue => "星期二",
        Weekday::Wed => "星期三",
        Weekday::Thu => "星期四",
        Weekday::Fri => "星期五",
        Weekday::Sat => "星期六",
        Weekday::Sun => "星期日",
    }
}

fn zh_date_plain(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

fn zh_date(d: NaiveDate) -> String {
    format!("{}（{}）", zh_date_plain(d), zh_weekday(d))
}

fn en_date_plain(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn en_date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d (%a)").to_string()
}

#[cfg(test)]
mod tests {
    use super::super::{Calendar, Window};
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn runs_compress_consecutive_days() {
        let dates = [
            d(2026, 9, 25),
            d(2026, 9, 26),
            d(2026, 10, 1),
            d(2026, 10, 3),
        ];
        assert_eq!(
            runs(&dates, en_date_plain, " to ", ", "),
            "2026-09-25 to 2026-09-26, 2026-10-01, 2026-10-03"
        );
        assert_eq!(runs(&[], en_date_plain, " to ", ", "), "");
        assert_eq!(zh_date(d(2026, 2, 14)), "2026年2月14日（星期六）");
    }

    #[test]
    fn spring_festival_paragraphs_read_well() {
        let dl = Calendar::china()
            .due_date(d(2026, 2, 13), Window::working_days(7), true)
            .unwrap();
        assert_eq!(
            dl.explain_zh(),
            "起算日为2026年2月13日（星期五），当日不计入（《民法典》第二百零一条）。\
             计算规则：7个工作日，按国务院办公厅公布的放假调休安排计算（日历版本 cn-2026.1），法定节假日和休息日不计入，调休上班日计入。\
             期间内跳过法定节假日9天（2026年2月15日至2026年2月23日），跳过普通休息日1天。\
             计入调休上班日2天：2026年2月14日（星期六）、2026年2月28日（星期六）。\
             期限届满日：2026年3月2日（星期一）24时。"
        );
        assert_eq!(
            dl.explain_en(),
            "Anchor: 2026-02-13 (Fri); the anchor day itself is not counted (Civil Code Art. 201). \
             Rule: 7 working days on the official State Council holiday calendar (calendar cn-2026.1): statutory holidays and rest days are not counted, 调休 (adjusted) working weekends are. \
             Not counted: 9 official holiday days (2026-02-15 to 2026-02-23) and 1 ordinary weekend day. \
             Counted 2 adjusted working weekend days (调休): 2026-02-14 (Sat), 2026-02-28 (Sat). \
             Due: 2026-03-02 (Mon), at 24:00."
        );
    }

    #[test]
    fn roll_forward_paragraphs() {
        let dl = Calendar::china()
            .due_date(d(2026, 7, 1), Window::months(3), true)
            .unwrap();
        let zh = dl.explain_zh();
        assert!(
            zh.contains("期间的最后一日2026年10月1日（星期四）为法定休假日"),
            "{zh}"
        );
        assert!(
            zh.contains("顺延跳过法定节假日7天（2026年10月1日至2026年10月7日）"),
            "{zh}"
        );
        assert!(
            zh.ends_with("期限届满日：2026年10月8日（星期四）24时。"),
            "{zh}"
        );
        let en = dl.explain_en();
        assert!(en.contains("Jumped over: 7 official holiday days (2026-10-01 to 2026-10-07) and 0 ordinary weekend days."), "{en}");
        assert!(en.ends_with("Due: 2026-10-08 (Thu), at 24:00."), "{en}");

        let plain = Calendar::china()
            .due_date(d(2026, 3, 3), Window::working_days(1), true)
            .unwrap();
        assert!(
            plain.explain_zh().contains("期间内没有法定节假日。"),
            "{}",
            plain.explain_zh()
        );
        assert!(plain.explain_zh().contains("期间内没有调休上班日。"));
        assert!(plain
            .explain_en()
            .contains("Not counted: no official holiday and 0 ordinary weekend days."));
        assert!(plain.explain_en().contains("No 调休 working weekend"));
        assert!(plain.explain_en().contains("1 working day on"));
    }
}

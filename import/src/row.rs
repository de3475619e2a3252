//! 台账行 (one row of the office's spreadsheet, one suggestion), read into typed values:
//! result classes and satisfaction levels by the profile's labels (or A/B/C/D by the
//! profile's order), topics by label, dates and lists of names as [`crate::value`] reads
//! them. A blank row is skipped; a bad cell is an error naming its row and column.

use chrono::NaiveDate;
use jianyi_core::{Period, Profile};

use crate::grid::Cell;
use crate::header::{Field, Header};
use crate::value::{date, half_width, names};

/// One suggestion as the office's row gives it. `None` and empty lists are cells the row
/// left blank: the import reports them as unknown, never fills them in.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Row {
    /// The row number in the file.
    pub row: u64,
    /// 编号.
    pub number: Option<String>,
    /// 标题 / 案由.
    pub title: String,
    /// 领衔代表.
    pub lead: String,
    /// 附议代表.
    pub cosigners: Vec<String>,
    /// 代表团.
    pub delegation: Option<String>,
    /// 会议期间 / 闭会期间.
    pub period: Option<Period>,
    /// 类别, as the profile's topic id.
    pub topic: Option<String>,
    /// 主办单位 (names).
    pub lead_units: Vec<String>,
    /// 协办单位 / 会办单位 (names).
    pub co_units: Vec<String>,
    /// 办理方式, as written.
    pub mode: Option<String>,
    /// 答复日期.
    pub reply_on: Option<NaiveDate>,
    /// 答复类别, as the profile's class id.
    pub reply_class: Option<String>,
    /// 代表意见, as the profile's feedback level id.
    pub feedback: Option<String>,
    /// 二次答复日期.
    pub second_reply_on: Option<NaiveDate>,
    /// 二次答复类别, as the profile's class id.
    pub second_reply_class: Option<String>,
}

/// A bad cell: its column (index) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    /// Column index (0-based).
    pub column: usize,
    /// Why.
    pub reason: String,
}

/// One of `choices` (`(id, label)` in the profile's order) named by its label, by a label
/// the text contains (`A类（解决采纳）`), or by its letter (`A` = the first, `B类` …).
fn choose(text: &str, choices: &[(&str, &str)], what: &str) -> Result<String, String> {
    let t = half_width(text);
    let letter = t.trim_end_matches('类');
    if let Some(i) = ["A", "B", "C", "D", "E", "F"]
        .iter()
        .position(|l| l.eq_ignore_ascii_case(letter))
    {
        if let Some((id, _)) = choices.get(i) {
            return Ok((*id).to_owned());
        }
    }
    if let Some((id, _)) = choices.iter().find(|(id, label)| *label == t || *id == t) {
        return Ok((*id).to_owned());
    }
    // The longest label the text contains ("不满意" before "满意").
    choices
        .iter()
        .filter(|(_, label)| !label.is_empty() && t.contains(label))
        .max_by_key(|(_, label)| label.chars().count())
        .map(|(id, _)| (*id).to_owned())
        .ok_or_else(|| {
            let known: Vec<&str> = choices.iter().map(|(_, l)| *l).collect();
            format!("`{text}` is not a {what} ({})", known.join(" / "))
        })
}

/// Reads data row `cells` under `header`; `Ok(None)` for a blank row.
///
/// # Errors
/// Every bad cell of the row.
pub fn read_row(
    row: u64,
    cells: &[Cell],
    header: &Header,
    profile: &Profile,
) -> Result<Option<Row>, Vec<CellError>> {
    if header
        .columns
        .values()
        .all(|i| cells.get(*i).is_none_or(Cell::is_blank))
    {
        return Ok(None);
    }
    let classes: Vec<(&str, &str)> = profile
        .results
        .classes
        .iter()
        .map(|c| (c.id.as_str(), c.label.zh.as_str()))
        .collect();
    let levels: Vec<(&str, &str)> = profile
        .feedback
        .levels
        .iter()
        .map(|l| (l.id.as_str(), l.label.zh.as_str()))
        .collect();
    let topics: Vec<(&str, &str)> = profile
        .intake
        .topics
        .iter()
        .map(|t| (t.id.as_str(), t.label.zh.as_str()))
        .collect();
    let periods = [
        ("session", "会议期间"),
        ("session", "大会期间"),
        ("recess", "闭会期间"),
    ];

    let mut errors = Vec::new();
    let empty = Cell::Empty;
    let cell = |f: Field| {
        header.columns.get(&f).map_or((usize::MAX, &empty), |i| {
            (*i, cells.get(*i).unwrap_or(&empty))
        })
    };
    let text = |f: Field| {
        let (_, c) = cell(f);
        Some(half_width(&c.text())).filter(|t| !t.is_empty())
    };
    let mut pick = |f: Field, choices: &[(&str, &str)], what: &str| -> Option<String> {
        let (i, c) = cell(f);
        if c.is_blank() {
            return None;
        }
        choose(&c.text(), choices, what)
            .map_err(|reason| errors.push(CellError { column: i, reason }))
            .ok()
    };
    let reply_class = pick(Field::ReplyClass, &classes, "result class");
    let second_reply_class = pick(Field::SecondReplyClass, &classes, "result class");
    let feedback = pick(Field::Feedback, &levels, "satisfaction level");
    let topic = pick(Field::Topic, &topics, "topic");
    let period = pick(Field::Period, &periods, "period").map(|p| {
        if p == "recess" {
            Period::Recess
        } else {
            Period::Session
        }
    });
    let mut day = |f: Field| {
        let (i, c) = cell(f);
        date(c)
            .map_err(|reason| errors.push(CellError { column: i, reason }))
            .ok()
            .flatten()
    };
    let reply_on = day(Field::ReplyOn);
    let second_reply_on = day(Field::SecondReplyOn);
    let list = |f: Field| names(cell(f).1);
    let out = Row {
        row,
        number: text(Field::Number),
        title: text(Field::Title).unwrap_or_default(),
        lead: text(Field::Lead).unwrap_or_default(),
        cosigners: list(Field::Cosigners),
        delegation: text(Field::Delegation),
        period,
        topic,
        lead_units: list(Field::LeadUnits),
        co_units: list(Field::CoUnits),
        mode: text(Field::Mode),
        reply_on,
        reply_class,
        feedback,
        second_reply_on,
        second_reply_class,
    };
    for (field, value) in [(Field::Title, &out.title), (Field::Lead, &out.lead)] {
        if value.is_empty() {
            errors.push(CellError {
                column: cell(field).0,
                reason: "is blank (every suggestion has a title and a lead deputy)".to_owned(),
            });
        }
    }
    if errors.is_empty() {
        Ok(Some(out))
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]
    use super::*;
    use crate::grid::Grid;
    use crate::header::{find, Mapping};

    fn t(s: &str) -> Cell {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.to_owned())
        }
    }

    fn header() -> Header {
        let names = [
            "编号",
            "案由",
            "领衔代表",
            "附议代表",
            "提出方式",
            "专业分类",
            "主办单位",
            "会办单位",
            "答复日期",
            "办理结果",
            "满意度",
        ];
        let grid = Grid {
            file: "t.csv".into(),
            sheet: None,
            rows: vec![(1, names.iter().map(|n| t(n)).collect())],
        };
        find(&grid, &Mapping::new()).unwrap()
    }

    #[test]
    fn a_row_as_offices_fill_it_in() {
        let profile = Profile::preset("seed-city").unwrap();
        let cells: Vec<Cell> = [
            "Ｊ２０２２－００３",
            "关于加快老旧小区改造的建议",
            "张三",
            "李四、王五",
            "会议期间",
            "环资城建",
            "市住建局",
            "",
            "2022年5月6日",
            "B类",
            "基本满意",
        ]
        .iter()
        .map(|s| t(s))
        .collect();
        let row = read_row(7, &cells, &header(), &profile).unwrap().unwrap();
        assert_eq!(row.number.as_deref(), Some("J2022-003"));
        assert_eq!(row.cosigners, vec!["李四", "王五"]);
        assert_eq!(row.period, Some(Period::Session));
        assert_eq!(row.topic.as_deref(), Some("environment_construction"));
        assert_eq!(row.reply_on, NaiveDate::from_ymd_opt(2022, 5, 6));
        assert_eq!(row.reply_class.as_deref(), Some("in_progress"));
        assert_eq!(row.feedback.as_deref(), Some("basically_satisfied"));
        assert!(row.co_units.is_empty());
        // The Chinese class names and "不满意" (which contains "满意").
        let mut cells = cells;
        cells[9] = t("留作参考");
        cells[10] = t("不满意");
        let row = read_row(7, &cells, &header(), &profile).unwrap().unwrap();
        assert_eq!(row.reply_class.as_deref(), Some("reference"));
        assert_eq!(row.feedback.as_deref(), Some("dissatisfied"));
    }

    #[test]
    fn blank_rows_are_skipped_and_bad_cells_named() {
        let profile = Profile::preset("seed-city").unwrap();
        let blank = vec![t(""); 11];
        assert_eq!(read_row(3, &blank, &header(), &profile).unwrap(), None);
        let mut cells = blank;
        cells[2] = t("张三");
        cells[8] = t("2022.13.40");
        cells[9] = t("Z类");
        let errors = read_row(9, &cells, &header(), &profile).unwrap_err();
        let columns: Vec<usize> = errors.iter().map(|e| e.column).collect();
        assert_eq!(columns, vec![9, 8, 1], "{errors:?}");
        assert!(errors[0].reason.contains("解决采纳 / 正在解决"));
    }
}

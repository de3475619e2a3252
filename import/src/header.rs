//! 表头 (the header): which column holds which field, found by the Chinese names offices use
//! and their common aliases, over one header row or two (a merged group cell such as
//! "二次答复" above "日期" and "类别"). Other names can be given in a mapping file.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::grid::{Cell, Grid};
use crate::value::half_width;
use crate::ImportError;

/// 字段 (a field of a 台账 row).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// 编号 / 建议号.
    Number,
    /// 标题 / 案由.
    Title,
    /// 领衔代表.
    Lead,
    /// 附议代表.
    Cosigners,
    /// 代表团.
    Delegation,
    /// 提出方式 (会议期间 / 闭会期间).
    Period,
    /// 类别 / 专业分类.
    Topic,
    /// 主办单位.
    LeadUnits,
    /// 协办单位 / 会办单位.
    CoUnits,
    /// 办理方式.
    Mode,
    /// 答复日期.
    ReplyOn,
    /// 答复类别 / 办理结果.
    ReplyClass,
    /// 代表意见 / 满意度.
    Feedback,
    /// 二次答复日期.
    SecondReplyOn,
    /// 二次答复类别.
    SecondReplyClass,
}

/// The names offices give each field (compared after full-width characters, spaces and a
/// trailing note in brackets are removed).
const ALIASES: &[(Field, &[&str])] = &[
    (Field::Number, &["编号", "建议号", "建议编号", "案号"]),
    (
        Field::Title,
        &["标题", "案由", "建议标题", "题目", "建议题目"],
    ),
    (
        Field::Lead,
        &["领衔代表", "领衔人", "提出代表", "领衔代表姓名"],
    ),
    (Field::Cosigners, &["附议代表", "附议人"]),
    (Field::Delegation, &["代表团", "所在代表团"]),
    (
        Field::Period,
        &["提出方式", "提出时间", "提出时段", "会议期间/闭会期间"],
    ),
    (Field::Topic, &["类别", "专业分类", "建议类别", "分类"]),
    (Field::LeadUnits, &["主办单位", "承办单位"]),
    (Field::CoUnits, &["协办单位", "会办单位"]),
    (Field::Mode, &["办理方式"]),
    (Field::ReplyOn, &["答复日期", "答复时间", "首次答复日期"]),
    (
        Field::ReplyClass,
        &["答复类别", "办理结果", "答复结果", "首次答复类别"],
    ),
    (
        Field::Feedback,
        &[
            "代表意见",
            "满意度",
            "代表满意度",
            "测评意见",
            "代表反馈意见",
        ],
    ),
    (Field::SecondReplyOn, &["二次答复日期", "二次答复时间"]),
    (
        Field::SecondReplyClass,
        &["二次答复类别", "二次答复结果", "二次办理结果"],
    ),
];

/// A mapping file: extra header names, `{"承办处室": "lead_units", …}` (JSON).
pub type Mapping = BTreeMap<String, Field>;

/// Reads a mapping file's text.
///
/// # Errors
/// `import.mapping`, with the line and column of the JSON error.
pub fn mapping(file: &str, text: &str) -> Result<Mapping, ImportError> {
    serde_json::from_str::<BTreeMap<String, Field>>(text)
        .map(|m| m.into_iter().map(|(k, v)| (normal(&k), v)).collect())
        .map_err(|e| ImportError::Mapping {
            file: file.to_owned(),
            line: e.line(),
            column: e.column(),
            reason: e.to_string(),
        })
}

/// A header name as compared: half-width, no spaces or line breaks, no trailing `（…）`.
fn normal(name: &str) -> String {
    let text: String = half_width(name)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let cut = text
        .find(['(', '（'])
        .filter(|at| *at > 0)
        .unwrap_or(text.len());
    text.get(..cut).unwrap_or(&text).to_owned()
}

fn field_of(name: &str, mapping: &Mapping) -> Option<Field> {
    let n = normal(name);
    if n.is_empty() {
        return None;
    }
    mapping.get(&n).copied().or_else(|| {
        ALIASES
            .iter()
            .find(|(_, names)| names.contains(&n.as_str()))
            .map(|(f, _)| *f)
    })
}

/// Where the header is and what each column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The row number of the (lower) header row; data start below it.
    pub row: u64,
    /// Column index (0-based) of each field found.
    pub columns: BTreeMap<Field, usize>,
    /// The header of each column as printed (for messages), by index.
    pub names: Vec<String>,
    /// Columns whose header names no field: `(index, name)`, left unread.
    pub ignored: Vec<(usize, String)>,
}

impl Header {
    /// The column letters and header of column `index` (`C（领衔代表）`), for messages.
    pub fn column_name(&self, index: usize) -> String {
        let name = self.names.get(index).map_or("", String::as_str);
        format!("{}（{name}）", column_letters(index))
    }
}

/// `0` → `A`, `25` → `Z`, `26` → `AA`.
pub fn column_letters(index: usize) -> String {
    let mut n = index.saturating_add(1);
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n.saturating_sub(1)) % 26;
        out.push(char::from(
            b'A'.saturating_add(u8::try_from(rem).unwrap_or(0)),
        ));
        n = n.saturating_sub(1) / 26;
    }
    out.iter().rev().collect()
}

/// The columns of one header row (`lower`), with the row above it (`upper`, merged group
/// cells carried right over the cells a merge covers) when there is one.
fn columns_of(
    upper: Option<&[Cell]>,
    lower: &[Cell],
    mapping: &Mapping,
) -> (BTreeMap<Field, usize>, Vec<String>) {
    let width = lower.len().max(upper.map_or(0, <[Cell]>::len));
    let mut group = String::new();
    let mut columns = BTreeMap::new();
    let mut names = Vec::with_capacity(width);
    for i in 0..width {
        let low = lower.get(i).map(Cell::text).unwrap_or_default();
        let up = upper
            .and_then(|u| u.get(i))
            .map(Cell::text)
            .unwrap_or_default();
        if !up.is_empty() {
            group = up;
        } else if upper.is_some() && low.is_empty() {
            group.clear();
        }
        // The most specific reading first: "二次答复" + "类别" before "类别" alone.
        let candidates = [format!("{group}{low}"), low.clone(), group.clone()];
        let found = candidates
            .iter()
            .filter(|c| !c.is_empty())
            .find_map(|c| field_of(c, mapping).map(|f| (f, c.clone())));
        match found {
            Some((field, name)) => {
                columns.entry(field).or_insert(i);
                names.push(name);
            }
            None => names.push(if low.is_empty() { group.clone() } else { low }),
        }
    }
    (columns, names)
}

/// The header of `grid`: among its first rows, the one (with the row above it) that names
/// the most fields; it must name the title and the lead deputy.
///
/// # Errors
/// `import.no_header`, listing the names looked for.
pub fn find(grid: &Grid, mapping: &Mapping) -> Result<Header, ImportError> {
    let mut best: Option<(usize, Header)> = None;
    for (at, (row, cells)) in grid.rows.iter().enumerate().take(12) {
        let upper = at
            .checked_sub(1)
            .and_then(|u| grid.rows.get(u))
            .map(|(_, c)| c.as_slice());
        for up in [upper, None] {
            let (columns, names) = columns_of(up, cells, mapping);
            let score = columns.len();
            if best.as_ref().is_some_and(|(s, _)| *s >= score) {
                continue;
            }
            let ignored = names
                .iter()
                .enumerate()
                .filter(|(i, n)| !n.is_empty() && !columns.values().any(|c| c == i))
                .map(|(i, n)| (i, n.clone()))
                .collect();
            best = Some((
                score,
                Header {
                    row: *row,
                    columns,
                    names,
                    ignored,
                },
            ));
        }
    }
    match best {
        Some((_, h))
            if h.columns.contains_key(&Field::Title) && h.columns.contains_key(&Field::Lead) =>
        {
            Ok(h)
        }
        _ => Err(ImportError::NoHeader {
            file: grid.file.clone(),
            looked_for:
                "标题/案由 and 领衔代表 (and 编号, 主办单位, 答复日期, 答复类别, 代表意见 …)"
                    .to_owned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

    fn row(cells: &[&str]) -> Vec<Cell> {
        cells
            .iter()
            .map(|c| {
                if c.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text((*c).to_owned())
                }
            })
            .collect()
    }

    fn grid(rows: Vec<Vec<Cell>>) -> Grid {
        Grid {
            file: "t.xlsx".into(),
            sheet: None,
            rows: rows.into_iter().zip(1..).map(|(c, n)| (n, c)).collect(),
        }
    }

    #[test]
    fn a_two_row_header_with_merged_group_cells() {
        let g = grid(vec![
            row(&["某市2022年代表建议办理台账"]),
            row(&["建议号", "案由", "领衔代表", "答复情况", "", "二次答复", ""]),
            row(&["", "", "", "答复日期", "办理结果", "日期", "类别"]),
            row(&["1", "关于…", "张三", "2022.3.5", "A", "", ""]),
        ]);
        let h = find(&g, &Mapping::new()).unwrap();
        assert_eq!(h.row, 3);
        assert_eq!(h.columns.get(&Field::Number), Some(&0));
        assert_eq!(h.columns.get(&Field::ReplyClass), Some(&4));
        assert_eq!(h.columns.get(&Field::SecondReplyOn), Some(&5));
        assert_eq!(h.columns.get(&Field::SecondReplyClass), Some(&6));
        assert_eq!(
            h.columns.get(&Field::Topic),
            None,
            "类别 under 二次答复 is not the topic"
        );
        assert_eq!(h.column_name(6), "G（二次答复类别）");
    }

    #[test]
    fn aliases_full_width_notes_and_a_mapping_file() {
        let g = grid(vec![row(&[
            "编 号",
            "标题",
            "领衔代表",
            "承办处室",
            "答复日期（年月日）",
            "备注",
        ])]);
        let h = find(&g, &Mapping::new()).unwrap();
        assert_eq!(h.columns.get(&Field::ReplyOn), Some(&4));
        assert_eq!(h.ignored, vec![(3, "承办处室".into()), (5, "备注".into())]);
        let m = mapping("map.json", r#"{"承办处室": "lead_units"}"#).unwrap();
        let h = find(&g, &m).unwrap();
        assert_eq!(h.columns.get(&Field::LeadUnits), Some(&3));
        let e = mapping("map.json", "{\n  \"承办处室\": \"boss\"\n}").unwrap_err();
        assert!(e.to_string().contains("map.json line 2"), "{e}");
    }

    #[test]
    fn no_header_is_named() {
        let g = grid(vec![row(&["a", "b"]), row(&["1", "2"])]);
        assert_eq!(
            find(&g, &Mapping::new()).unwrap_err().code(),
            "import.no_header"
        );
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(27), "AB");
    }
}

//! 单元格取值 (reading a cell as the office typed it): full-width digits and letters, dates
//! as `2022-03-05`, `2022/3/5`, `2022.3.5`, `2022年3月5日` or Excel's serial days, lists of
//! names separated by `、，,；;` or spaces.

use chrono::NaiveDate;

use crate::grid::Cell;

/// Full-width ASCII (`０-９`, `Ａ-Ｚ`, `．`, `／`, the ideographic space) as ASCII; other
/// characters as they are; trimmed.
pub fn half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => {
                char::from_u32(u32::from(c).saturating_sub(0xFEE0)).unwrap_or(c)
            }
            _ => c,
        })
        .collect::<String>()
        .trim()
        .to_owned()
}

/// Days from Excel's day 0 (1899-12-30 in the 1900 date system, after its leap-year bug) to
/// a date.
fn excel_day(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = format!("{:.0}", serial.floor()).parse::<u64>().ok()?;
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(days))
}

/// A date cell, or `Err` with what was found.
///
/// # Errors
/// The text that is not a date, for the caller to name with its row and column.
pub fn date(cell: &Cell) -> Result<Option<NaiveDate>, String> {
    match cell {
        _ if cell.is_blank() => Ok(None),
        Cell::Date(serial) | Cell::Number(serial) => excel_day(*serial)
            .map(Some)
            .ok_or_else(|| format!("`{}` is not a date", cell.text())),
        _ => date_text(&cell.text()).map(Some),
    }
}

/// `2022-03-05`, `2022/3/5`, `2022.3.5`, `2022年3月5日` (full-width digits too), or a date
/// and a time (`2022-03-05 00:00:00`).
fn date_text(raw: &str) -> Result<NaiveDate, String> {
    let text = half_width(raw);
    let day_part = text.split([' ', 'T']).next().unwrap_or_default();
    let parts: Vec<&str> = day_part
        .split(['-', '/', '.', '年', '月', '日'])
        .filter(|p| !p.is_empty())
        .collect();
    let bad =
        || format!("`{raw}` is not a date (write it as 2022-03-05, 2022.3.5 or 2022年3月5日)");
    let [y, m, d] = parts.as_slice() else {
        return Err(bad());
    };
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return Err(bad());
    };
    if !(1949..=2200).contains(&y) {
        return Err(bad());
    }
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(bad)
}

/// Names in one cell: `张三、李四，王五` → three names (empty pieces dropped).
pub fn names(cell: &Cell) -> Vec<String> {
    cell.text()
        .split(['、', '，', ',', '；', ';', '/', '\n', ' ', '\u{3000}'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn dates_as_offices_type_them() {
        for text in [
            "2022-03-05",
            "2022/3/5",
            "2022.3.5",
            "2022年3月5日",
            "２０２２年３月５日",
            "2022-03-05 00:00:00",
            " 2022.03.05 ",
        ] {
            assert_eq!(
                date(&Cell::Text(text.into())).unwrap(),
                day(2022, 3, 5),
                "{text}"
            );
        }
        // Excel's serial day 44625 is 2022-03-05.
        assert_eq!(date(&Cell::Date(44_625.0)).unwrap(), day(2022, 3, 5));
        assert_eq!(date(&Cell::Empty).unwrap(), None);
        for bad in ["2022.13.5", "3月5日", "明天", "22.3.5"] {
            let e = date(&Cell::Text(bad.into())).unwrap_err();
            assert!(e.contains(bad), "{e}");
        }
    }

    #[test]
    fn full_width_text_and_name_lists() {
        assert_eq!(half_width("Ｂ类　"), "B类");
        assert_eq!(half_width("Ｊ２０２２－００１"), "J2022-001");
        assert_eq!(
            names(&Cell::Text("张三、李四，王五; 赵六".into())),
            vec!["张三", "李四", "王五", "赵六"]
        );
        assert!(names(&Cell::Empty).is_empty());
    }
}

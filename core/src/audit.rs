//! 报表核对 (report audit, SPEC §10): given the counts and printed shares of a
//! human-written report — as numbers or as its text — say which rounding conventions
//! reproduce each table and list every printed figure that none does, with the nearest
//! correct value. Real reports contain such figures (RULES.md §12: Yueyang 2004 prints
//! 39.7 / 48.3 / 7.9 for 56 / 68 / 13 items, which matches no denominator); the secretariat
//! wants them caught before printing.

use serde::{Deserialize, Serialize};

use crate::profile::Rounding;
use crate::share::{format_scaled, scaled_set, Share};

/// One printed figure: a count and the percentage printed beside it (without `%`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintedFigure {
    /// What it counts (a class, a topic …), as printed.
    pub label: String,
    /// The count printed.
    pub count: u64,
    /// The percentage printed, e.g. `60.9`.
    pub printed: String,
}

/// A printed table: figures over one denominator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintedTable {
    /// Name of the table (for the findings).
    pub id: String,
    /// The denominator when the report states it; otherwise the sum of the counts.
    pub denominator: Option<u64>,
    /// The figures.
    pub figures: Vec<PrintedFigure>,
}

/// A way of printing shares: rounding, decimals, and whether the set is forced to total
/// 100 by largest remainder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Convention {
    /// Rounding.
    pub rounding: Rounding,
    /// Decimals (0–2).
    pub decimals: u8,
    /// Largest remainder so the set totals 100.
    pub force_total_100: bool,
}

/// What the audit found for one figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureFinding {
    /// Label.
    pub label: String,
    /// Count.
    pub count: u64,
    /// As printed.
    pub printed: String,
    /// The exact share.
    pub exact: Share,
    /// Some convention prints exactly this.
    pub reproducible: bool,
    /// The value the table's best convention prints (the nearest correct value).
    pub nearest: String,
}

/// What the audit found for one table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableAudit {
    /// Table id.
    pub id: String,
    /// The denominator used.
    pub denominator: u64,
    /// Every convention that reproduces every figure of the table.
    pub reproduced_by: Vec<Convention>,
    /// The convention that reproduces the most figures (the one `nearest` values use).
    pub best: Convention,
    /// Every figure, with its finding.
    pub figures: Vec<FigureFinding>,
}

impl TableAudit {
    /// The figures no convention reproduces: the ones to fix before printing.
    pub fn wrong_figures(&self) -> impl Iterator<Item = &FigureFinding> {
        self.figures.iter().filter(|f| !f.reproducible)
    }
}

/// Every convention tried, the profile default (half-up, one decimal) first.
pub fn conventions() -> Vec<Convention> {
    let mut out = Vec::new();
    for force_total_100 in [false, true] {
        for decimals in [1u8, 0, 2] {
            for rounding in [Rounding::HalfUp, Rounding::HalfEven, Rounding::Truncate] {
                out.push(Convention {
                    rounding,
                    decimals,
                    force_total_100,
                });
            }
        }
    }
    out
}

/// The printed text as a value scaled by `10^decimals`, when it has at most that many
/// decimals ("22.0" and "22" both read as 220 at one decimal).
fn printed_scaled(printed: &str, decimals: u8) -> Option<u64> {
    let text = printed.trim().trim_end_matches(['%', '％']);
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    if frac.len() > usize::from(decimals)
        || whole.is_empty()
        || !whole
            .chars()
            .chain(frac.chars())
            .all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let mut digits = format!("{whole}{frac}");
    for _ in frac.len()..usize::from(decimals) {
        digits.push('0');
    }
    digits.parse().ok()
}

/// The values a convention prints for the table, scaled by `10^decimals`.
fn printed_by(shares: &[Share], c: Convention) -> Vec<Option<u64>> {
    scaled_set(shares, c.decimals, c.rounding, c.force_total_100)
}

/// Audits one printed table.
pub fn audit_table(table: &PrintedTable) -> TableAudit {
    let sum = table
        .figures
        .iter()
        .map(|f| f.count)
        .fold(0u64, u64::saturating_add);
    let denominator = table.denominator.unwrap_or(sum);
    let shares: Vec<Share> = table
        .figures
        .iter()
        .map(|f| Share::new(f.count, denominator))
        .collect();
    let all = conventions();
    // For each convention, which figures it reproduces.
    let matches: Vec<(Convention, Vec<bool>)> = all
        .iter()
        .map(|&c| {
            let values = printed_by(&shares, c);
            let hits = table
                .figures
                .iter()
                .zip(&values)
                .map(|(f, v)| v.is_some() && printed_scaled(&f.printed, c.decimals) == *v)
                .collect();
            (c, hits)
        })
        .collect();
    let reproduced_by: Vec<Convention> = matches
        .iter()
        .filter(|(_, hits)| hits.iter().all(|h| *h))
        .map(|(c, _)| *c)
        .collect();
    // INVARIANT: `all` is non-empty and the first convention wins ties, so the default
    // (half-up, one decimal) is chosen unless another reproduces more figures.
    let hits = |m: &(Convention, Vec<bool>)| m.1.iter().filter(|h| **h).count();
    let best = matches
        .iter()
        .fold(None::<&(Convention, Vec<bool>)>, |acc, m| match acc {
            Some(a) if hits(a) >= hits(m) => Some(a),
            _ => Some(m),
        })
        .map_or(
            Convention {
                rounding: Rounding::HalfUp,
                decimals: 1,
                force_total_100: false,
            },
            |(c, _)| *c,
        );
    let best_values = printed_by(&shares, best);
    let figures = table
        .figures
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let reproducible = matches
                .iter()
                .any(|(_, hits)| hits.get(i).copied().unwrap_or(false));
            let nearest = best_values.get(i).copied().flatten().map_or_else(
                || "—".to_owned(),
                |v| format_scaled(v, best.decimals, false),
            );
            FigureFinding {
                label: f.label.clone(),
                count: f.count,
                printed: f.printed.clone(),
                exact: Share::new(f.count, denominator),
                reproducible,
                nearest,
            }
        })
        .collect();
    TableAudit {
        id: table.id.clone(),
        denominator,
        reproduced_by,
        best,
        figures,
    }
}

/// Reads the tables of a Chinese report's text: in each sentence (up to `。`), every
/// "…N件，占P%" pair is a figure; a sentence that opens with "N件…中" states its
/// denominator. Sentences with fewer than two figures are not tables.
pub fn tables_in_text(text: &str) -> Vec<PrintedTable> {
    let mut tables = Vec::new();
    for (n, sentence) in text.split(['。', '\n']).enumerate() {
        let chars: Vec<char> = sentence.chars().collect();
        let mut figures = Vec::new();
        let mut denominator = None;
        let mut i = 0usize;
        let mut label_start = 0usize;
        while i < chars.len() {
            let Some((count, after)) = number_at(&chars, i) else {
                i = i.saturating_add(1);
                continue;
            };
            if chars.get(after) != Some(&'件') {
                i = after;
                continue;
            }
            // "445件建议中，…": the denominator.
            let window: String = chars.iter().skip(after).take(6).collect();
            if let Some(zhong) = window.chars().position(|c| c == '中') {
                if figures.is_empty() && denominator.is_none() {
                    denominator = count.parse().ok();
                    i = after.saturating_add(zhong).saturating_add(1);
                    label_start = i;
                    continue;
                }
            }
            // "…件，占73%" / "…件（13.9%）": the share within the next few characters.
            let mut j = after.saturating_add(1);
            let limit = after.saturating_add(6).min(chars.len());
            let mut found = None;
            while j < limit {
                if let Some((pct, end)) = number_at(&chars, j) {
                    if matches!(chars.get(end), Some('%' | '％')) {
                        found = Some((pct, end));
                    }
                    break;
                }
                j = j.saturating_add(1);
            }
            if let Some((pct, end)) = found {
                let label: String = chars
                    .get(label_start..i)
                    .unwrap_or_default()
                    .iter()
                    .collect::<String>()
                    .trim_matches(|c: char| "，；、,;：: 的为".contains(c))
                    .to_owned();
                figures.push(PrintedFigure {
                    label,
                    count: count.parse().unwrap_or(0),
                    printed: pct,
                });
                i = end.saturating_add(1);
                label_start = i;
            } else {
                i = after;
            }
        }
        if figures.len() >= 2 {
            tables.push(PrintedTable {
                id: format!("sentence {}", n.saturating_add(1)),
                denominator,
                figures,
            });
        }
    }
    tables
}

/// The decimal number starting at `i` (digits, optionally `.digits`), and where it ends.
fn number_at(chars: &[char], i: usize) -> Option<(String, usize)> {
    let mut end = i;
    while chars.get(end).is_some_and(char::is_ascii_digit) {
        end = end.saturating_add(1);
    }
    if end == i {
        return None;
    }
    if chars.get(end) == Some(&'.')
        && chars
            .get(end.saturating_add(1))
            .is_some_and(char::is_ascii_digit)
    {
        end = end.saturating_add(1);
        while chars.get(end).is_some_and(char::is_ascii_digit) {
            end = end.saturating_add(1);
        }
    }
    Some((chars.get(i..end)?.iter().collect(), end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(den: Option<u64>, rows: &[(u64, &str)]) -> PrintedTable {
        PrintedTable {
            id: "t".to_owned(),
            denominator: den,
            figures: rows
                .iter()
                .enumerate()
                .map(|(i, (count, printed))| PrintedFigure {
                    label: format!("row {i}"),
                    count: *count,
                    printed: (*printed).to_owned(),
                })
                .collect(),
        }
    }

    #[test]
    fn shanghai_2014_is_half_up_one_decimal() {
        let a = audit_table(&table(
            None,
            &[(504, "60.9"), (43, "5.2"), (98, "11.9"), (182, "22.0")],
        ));
        assert_eq!(a.denominator, 827);
        assert_eq!(a.wrong_figures().count(), 0);
        assert!(a.reproduced_by.contains(&Convention {
            rounding: Rounding::HalfUp,
            decimals: 1,
            force_total_100: false
        }));
        assert!(!a
            .reproduced_by
            .iter()
            .any(|c| c.rounding == Rounding::Truncate && !c.force_total_100));
    }

    #[test]
    fn henan_topic_shares_are_truncated() {
        // 25/93 = 26.88 → "26.8", 26/93 = 27.96 → "27.9" (RULES.md §12).
        let a = audit_table(&table(Some(93), &[(25, "26.8"), (26, "27.9")]));
        assert_eq!(a.wrong_figures().count(), 0);
        assert!(a
            .reproduced_by
            .iter()
            .all(|c| c.rounding == Rounding::Truncate && c.decimals == 1));
        assert_eq!(a.best.rounding, Rounding::Truncate);
    }

    #[test]
    fn yueyang_2004_matches_no_convention_and_the_nearest_values_are_given() {
        // 56 / 68 / 13 printed as 39.7 / 48.3 / 7.9: no single denominator fits.
        let a = audit_table(&table(None, &[(56, "39.7"), (68, "48.3"), (13, "7.9")]));
        assert!(a.reproduced_by.is_empty());
        let wrong: Vec<(&str, &str)> = a
            .wrong_figures()
            .map(|f| (f.printed.as_str(), f.nearest.as_str()))
            .collect();
        assert_eq!(wrong, [("39.7", "40.9"), ("48.3", "49.6"), ("7.9", "9.5")]);
    }

    #[test]
    fn the_text_of_a_report_is_read_into_tables() {
        let text = "445件建议中，解决采纳的325件，占73%；计划解决的62件，占13.9%；留作参考的58件，占13%。代表满意的435件。";
        let tables = tables_in_text(text);
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        assert_eq!(t.denominator, Some(445));
        let got: Vec<(&str, u64, &str)> = t
            .figures
            .iter()
            .map(|f| (f.label.as_str(), f.count, f.printed.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("解决采纳", 325, "73"),
                ("计划解决", 62, "13.9"),
                ("留作参考", 58, "13")
            ]
        );
        let a = audit_table(t);
        assert_eq!(a.wrong_figures().count(), 0, "{a:?}");
        // A typo is caught, with the value to print instead.
        let typo = text.replace("13.9%", "14.9%");
        let a = audit_table(&tables_in_text(&typo)[0]);
        let wrong: Vec<(&str, &str)> = a
            .wrong_figures()
            .map(|f| (f.printed.as_str(), f.nearest.as_str()))
            .collect();
        assert_eq!(wrong, [("14.9", "13.9")]);
    }

    #[test]
    fn printed_values_read_at_any_wider_scale() {
        assert_eq!(printed_scaled("22.0", 1), Some(220));
        assert_eq!(printed_scaled("22", 1), Some(220));
        assert_eq!(printed_scaled("22.05", 1), None);
        assert_eq!(printed_scaled("7.9%", 2), Some(790));
        assert_eq!(printed_scaled("abc", 1), None);
    }
}

//! 图表 (charts): horizontal bar charts of the summary's figures, written as SVG by plain
//! string building: no script, no plotting library. A chart is built from the same rows as
//! the table beside it, so its bars and labels use that table's share convention (the
//! printed `percent` of each [`CountShare`], the exact share for the bar's length).
//!
//! Every chart has a title, a labelled value axis and category axis, and a text
//! alternative (说明文字) that gives every number; the SVG carries the title in `<title>`
//! and the alternative in `<desc>` and `aria-label`.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::figures::CountShare;
use crate::share::Share;

use super::document::html_escape;

/// What a bar's length measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    /// 占比: the value axis runs from 0 to 100 %.
    Percent,
    /// 件数: the value axis runs from 0 to the largest count, rounded up.
    Count,
}

/// 柱 (one bar): a count, its exact share and its printed percentage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bar {
    /// Count.
    pub count: u64,
    /// Exact share (its denominator is 0 for a count-only bar).
    pub share: Share,
    /// Printed percentage without `%`, as in the table (`—` when there is none).
    pub percent: String,
}

impl Bar {
    /// A bar from a table row.
    pub fn from_row(row: &CountShare) -> Bar {
        Bar {
            count: row.count,
            share: row.share,
            percent: row.percent.clone(),
        }
    }

    /// A bar with a count and no share.
    pub fn count(count: u64) -> Bar {
        Bar {
            count,
            share: Share::new(count, 0),
            percent: "—".to_owned(),
        }
    }
}

/// 类别 (one category of the chart): a label and one bar per series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    /// Label on the category axis.
    pub label: String,
    /// One bar per series, in the chart's series order.
    pub bars: Vec<Bar>,
}

/// 图 (a chart): a horizontal bar chart with one or more series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chart {
    /// Stable id (`classes`, `satisfaction`, `systems`, `year_on_year`, `bands`); the SVG's
    /// element id is `chart-<id>`.
    pub id: String,
    /// Title.
    pub title: String,
    /// Value axis label (`占比（%）`, `件数`).
    pub value_axis: String,
    /// Category axis label (`办理结果`, `系统`).
    pub category_axis: String,
    /// What the bars measure.
    pub scale: Scale,
    /// Series names, in order (legend).
    pub series: Vec<String>,
    /// Categories, top to bottom.
    pub categories: Vec<Category>,
    /// A note under the chart (overlaps, denominators), empty for none.
    pub note: String,
    /// The unit after a count (`件`, ` items`).
    pub unit: String,
    /// The text alternative: the title and every number, in words.
    pub alt: String,
}

const WIDTH: u64 = 720;
/// The category labels' margin: at least this, more for long labels (up to `MAX_LEFT`).
const MIN_LEFT: u64 = 170;
const MAX_LEFT: u64 = 320;
const RIGHT: u64 = 150;
const TOP: u64 = 56;
const BAR: u64 = 18;
const GAP: u64 = 12;
const FONT: &str = "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','SimHei',sans-serif";
const COLOURS: [&str; 3] = ["#2f5597", "#c55a11", "#548235"];

/// The colour of series `i` (the colours repeat after three series).
fn colour(i: usize) -> &'static str {
    COLOURS
        .get(i.checked_rem(COLOURS.len()).unwrap_or(0))
        .copied()
        .unwrap_or("#2f5597")
}

impl Chart {
    /// The left margin: wide enough for the longest category label at 13 px (a CJK
    /// character about 13 px wide, another about 7 px).
    fn left(&self) -> u64 {
        let longest = self
            .categories
            .iter()
            .map(|c| {
                c.label
                    .chars()
                    .map(|ch| if ch.is_ascii() { 7u64 } else { 13 })
                    .fold(0u64, u64::saturating_add)
            })
            .max()
            .unwrap_or(0);
        longest.saturating_add(24).clamp(MIN_LEFT, MAX_LEFT)
    }

    /// Plot width in pixels.
    fn plot_width(&self) -> u64 {
        WIDTH.saturating_sub(self.left()).saturating_sub(RIGHT)
    }

    /// The value axis' maximum: 100 for percentages; for counts the largest count rounded
    /// up to a multiple of 4 ticks of a "nice" step.
    fn axis_max(&self) -> u64 {
        match self.scale {
            Scale::Percent => 100,
            Scale::Count => {
                let max = self
                    .categories
                    .iter()
                    .flat_map(|c| c.bars.iter().map(|b| b.count))
                    .max()
                    .unwrap_or(0)
                    .max(1);
                let mut step = 1u64;
                while step.saturating_mul(4) < max {
                    step = match step {
                        s if s.to_string().starts_with('1') => s.saturating_mul(2),
                        s if s.to_string().starts_with('2') => s.saturating_mul(5) / 2,
                        s => s.saturating_mul(2),
                    };
                }
                step.saturating_mul(4)
            }
        }
    }

    /// A bar's length in pixels: the exact share of the plot width for percentages, the
    /// count over the axis maximum for counts.
    fn length(&self, bar: &Bar) -> u64 {
        let width = u128::from(self.plot_width());
        let (num, den) = match self.scale {
            Scale::Percent => (bar.share.numerator, bar.share.denominator),
            Scale::Count => (bar.count, self.axis_max()),
        };
        if den == 0 {
            return 0;
        }
        let px = u128::from(num)
            .saturating_mul(width)
            .checked_div(u128::from(den))
            .unwrap_or(0);
        u64::try_from(px).unwrap_or(0).min(self.plot_width())
    }

    /// The label printed at a bar's end, in the table's convention.
    fn bar_label(&self, bar: &Bar) -> String {
        match self.scale {
            Scale::Percent => format!("{}{}，{}%", bar.count, self.unit, bar.percent),
            Scale::Count => format!("{}{}", bar.count, self.unit),
        }
    }

    fn series_count(&self) -> u64 {
        u64::try_from(self.series.len().max(1)).unwrap_or(1)
    }

    /// Height of one category's band of bars.
    fn band(&self) -> u64 {
        self.series_count().saturating_mul(BAR).saturating_add(GAP)
    }

    /// Total height in pixels.
    pub fn height(&self) -> u64 {
        let n = u64::try_from(self.categories.len()).unwrap_or(0);
        let note = if self.note.is_empty() { 0 } else { 22 };
        TOP.saturating_add(n.saturating_mul(self.band()))
            .saturating_add(70)
            .saturating_add(note)
    }

    /// Width in pixels.
    pub fn width(&self) -> u64 {
        WIDTH
    }

    /// The chart as a standalone SVG element (`<svg …>…</svg>`); byte-identical for
    /// identical charts.
    pub fn svg(&self) -> String {
        let height = self.height();
        let plot = self.plot_width();
        let left = self.left();
        let n = u64::try_from(self.categories.len()).unwrap_or(0);
        let plot_bottom = TOP.saturating_add(n.saturating_mul(self.band()));
        let title = html_escape(&self.title);
        let alt = html_escape(&self.alt);
        let mut out = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"chart-{id}\" class=\"jianyi-chart\" \
             role=\"img\" aria-label=\"{alt}\" width=\"{WIDTH}\" height=\"{height}\" \
             viewBox=\"0 0 {WIDTH} {height}\" font-family=\"{FONT}\" font-size=\"13\">\n\
             <title>{title}</title>\n<desc>{alt}</desc>\n\
             <rect width=\"{WIDTH}\" height=\"{height}\" fill=\"#ffffff\"/>\n\
             <text x=\"{mid}\" y=\"24\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\">{title}</text>\n",
            id = html_escape(&self.id),
            mid = WIDTH / 2,
        );
        // Legend, when there are several series.
        if self.series.len() > 1 {
            let mut x = left;
            for (i, name) in self.series.iter().enumerate() {
                let colour = colour(i);
                let _ = writeln!(
                    out,
                    "<rect x=\"{x}\" y=\"34\" width=\"12\" height=\"12\" fill=\"{colour}\"/><text x=\"{}\" y=\"45\">{}</text>",
                    x.saturating_add(16),
                    html_escape(name)
                );
                let chars = u64::try_from(name.chars().count()).unwrap_or(0);
                x = x
                    .saturating_add(40)
                    .saturating_add(chars.saturating_mul(14));
            }
        }
        // Grid lines and ticks of the value axis.
        let max = self.axis_max();
        for k in 0..=4u64 {
            let x = left.saturating_add(plot.saturating_mul(k) / 4);
            let value = max.saturating_mul(k) / 4;
            let _ = writeln!(
                out,
                "<line x1=\"{x}\" y1=\"{TOP}\" x2=\"{x}\" y2=\"{plot_bottom}\" stroke=\"#d9d9d9\"/>\
                 <text x=\"{x}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\">{value}</text>",
                plot_bottom.saturating_add(16)
            );
        }
        // Bars.
        for (c, category) in (0u64..).zip(&self.categories) {
            let y0 = TOP.saturating_add(c.saturating_mul(self.band()));
            let label_y = y0
                .saturating_add(self.series_count().saturating_mul(BAR) / 2)
                .saturating_add(5);
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{label_y}\" text-anchor=\"end\">{}</text>",
                left.saturating_sub(8),
                html_escape(&category.label)
            );
            for (s, bar) in (0u64..).zip(&category.bars) {
                let y = y0.saturating_add(s.saturating_mul(BAR));
                let len = self.length(bar);
                let colour = colour(usize::try_from(s).unwrap_or(0));
                let _ = writeln!(
                    out,
                    "<rect x=\"{left}\" y=\"{y}\" width=\"{len}\" height=\"{}\" fill=\"{colour}\"/>\
                     <text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>",
                    BAR.saturating_sub(3),
                    left.saturating_add(len).saturating_add(6),
                    y.saturating_add(13),
                    html_escape(&self.bar_label(bar))
                );
            }
        }
        // Axes and their labels.
        let _ = writeln!(
            out,
            "<line x1=\"{left}\" y1=\"{TOP}\" x2=\"{left}\" y2=\"{plot_bottom}\" stroke=\"#000000\"/>\
             <line x1=\"{left}\" y1=\"{plot_bottom}\" x2=\"{}\" y2=\"{plot_bottom}\" stroke=\"#000000\"/>\n\
             <text class=\"axis-label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n\
             <text class=\"axis-label\" x=\"16\" y=\"{}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {})\">{}</text>",
            left.saturating_add(plot),
            left.saturating_add(plot / 2),
            plot_bottom.saturating_add(38),
            html_escape(&self.value_axis),
            TOP.saturating_add(plot_bottom) / 2,
            TOP.saturating_add(plot_bottom) / 2,
            html_escape(&self.category_axis),
        );
        if !self.note.is_empty() {
            let _ = writeln!(
                out,
                "<text x=\"16\" y=\"{}\" font-size=\"11\">{}</text>",
                plot_bottom.saturating_add(62),
                html_escape(&self.note)
            );
        }
        out.push_str("</svg>");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(scale: Scale) -> Chart {
        let bar = |count, den, percent: &str| Bar {
            count,
            share: Share::new(count, den),
            percent: percent.to_owned(),
        };
        Chart {
            id: "classes".to_owned(),
            title: "办理结果 <首次与最终>".to_owned(),
            value_axis: "占比（%）".to_owned(),
            category_axis: "办理结果".to_owned(),
            scale,
            series: vec!["首次答复".to_owned(), "最终".to_owned()],
            categories: vec![
                Category {
                    label: "解决采纳".to_owned(),
                    bars: vec![bar(277, 445, "62.2"), bar(315, 445, "70.8")],
                },
                Category {
                    label: "留作参考".to_owned(),
                    bars: vec![bar(0, 445, "0"), bar(62, 445, "13.9")],
                },
            ],
            note: "重叠：合办18件".to_owned(),
            unit: "件".to_owned(),
            alt: "办理结果：解决采纳首次答复277件，占62.2%。".to_owned(),
        }
    }

    #[test]
    fn the_svg_has_its_title_axes_alternative_and_the_tables_figures() {
        let svg = chart(Scale::Percent).svg();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"chart-classes\""));
        assert!(svg.ends_with("</svg>"));
        assert!(
            svg.contains("<title>办理结果 &lt;首次与最终&gt;</title>"),
            "{svg}"
        );
        assert!(svg.contains("<desc>办理结果：解决采纳首次答复277件，占62.2%。</desc>"));
        assert!(svg.contains("aria-label=\"办理结果：解决采纳首次答复277件，占62.2%。\""));
        assert!(svg.contains(">占比（%）</text>") && svg.contains(">办理结果</text>"));
        assert!(svg.contains(">277件，62.2%</text>") && svg.contains(">315件，70.8%</text>"));
        assert!(svg.contains(">首次答复</text>") && svg.contains(">最终</text>"));
        assert!(svg.contains(">重叠：合办18件</text>"));
        // 277/445 of the 400-pixel plot is 248.99 → 248; an empty bar has no length.
        assert!(svg.contains("width=\"248\" height=\"15\""), "{svg}");
        assert!(svg.contains("width=\"0\" height=\"15\""));
        assert_eq!(svg, chart(Scale::Percent).svg(), "deterministic");
    }

    #[test]
    fn a_count_axis_rounds_up_to_four_even_ticks() {
        let mut c = chart(Scale::Count);
        assert_eq!(c.axis_max(), 400);
        let svg = c.svg();
        assert!(svg.contains(">315件</text>"));
        assert!(svg.contains(">100</text>") && svg.contains(">400</text>"));
        c.categories.clear();
        assert_eq!(c.axis_max(), 4);
        assert_eq!(c.plot_width(), 400);
        // A long English label widens the margin, and the plot narrows.
        c.categories.push(Category {
            label: "party and mass departments".to_owned(),
            bars: vec![Bar::count(2)],
        });
        assert_eq!(c.left(), 26 * 7 + 24);
        assert_eq!(c.plot_width(), 720 - 206 - 150);
        // 2 of an axis to 4 is half the plot.
        assert_eq!(c.length(&Bar::count(2)), 182);
    }
}

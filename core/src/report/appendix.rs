//! 附件：数据图表 (the figures' appendix): the summary's figures as charts, each with the
//! table it is drawn from, in Chinese or English. Result classes (first reply against
//! final), satisfaction, items by system (overlaps stated), the year-on-year change when
//! the ledger holds the year before, and units by assessment band.
//!
//! The HTML and `.docx` renderings carry the appendix; the plain text and Markdown ones are
//! the summary alone (the CLI prints every table after them).

use crate::figures::CountShare;
use crate::share::Share;

use super::charts::{Bar, Category, Chart, Scale};
use super::document::{Document, Lang, Table};
use super::{annual_en, annual_zh, AnnualSummary};

/// The Chinese or the English of a fixed phrase.
fn tr(lang: Lang, zh: &str, en: &str) -> String {
    match lang {
        Lang::Zh => zh.to_owned(),
        Lang::En => en.to_owned(),
    }
}

/// A row's label in `lang` (the Chinese one when there is no English).
fn label(row: &CountShare, lang: Lang) -> &str {
    match lang {
        Lang::En if !row.label_en.is_empty() => &row.label_en,
        _ => &row.label_zh,
    }
}

/// "277件，占62.2%" / "277 items, 62.2%".
fn count_share(lang: Lang, count: u64, percent: &str) -> String {
    match lang {
        Lang::Zh => format!("{count}件，占{percent}%"),
        Lang::En => format!("{count} items, {percent}%"),
    }
}

fn unit(lang: Lang) -> String {
    tr(lang, "件", " items")
}

/// 办理结果: first reply against final, over replied items.
fn classes(s: &AnnualSummary, lang: Lang) -> (Chart, Table) {
    let f = &s.figures;
    let mut categories = Vec::new();
    let mut rows = Vec::new();
    let mut said = Vec::new();
    for last in &f.classes_final {
        let first = f
            .classes_first_reply
            .iter()
            .find(|r| r.id == last.id)
            .map_or_else(
                || Bar {
                    count: 0,
                    share: Share::new(0, last.share.denominator),
                    percent: "0".to_owned(),
                },
                Bar::from_row,
            );
        let name = label(last, lang).to_owned();
        said.push(match lang {
            Lang::Zh => format!(
                "{name}，首次答复{}，最终{}",
                count_share(lang, first.count, &first.percent),
                count_share(lang, last.count, &last.percent)
            ),
            Lang::En => format!(
                "{name}: first reply {}, final {}",
                count_share(lang, first.count, &first.percent),
                count_share(lang, last.count, &last.percent)
            ),
        });
        rows.push(vec![
            name.clone(),
            first.count.to_string(),
            first.percent.clone(),
            last.count.to_string(),
            last.percent.clone(),
        ]);
        categories.push(Category {
            label: name,
            bars: vec![first, Bar::from_row(last)],
        });
    }
    let title = tr(
        lang,
        "办理结果：首次答复与最终",
        "Result classes: first reply and final",
    );
    let alt = match lang {
        Lang::Zh => format!(
            "{title}（以答复的{}件建议为分母）：{}。",
            f.replied,
            said.join("；")
        ),
        Lang::En => format!(
            "{title} (of {} replied items): {}.",
            f.replied,
            said.join("; ")
        ),
    };
    let chart = Chart {
        id: "classes".to_owned(),
        title: title.clone(),
        value_axis: tr(lang, "占答复件数的比例（%）", "Share of replied items (%)"),
        category_axis: tr(lang, "办理结果", "Result class"),
        scale: Scale::Percent,
        series: vec![
            tr(lang, "首次答复", "First reply"),
            tr(lang, "最终", "Final"),
        ],
        categories,
        note: String::new(),
        unit: unit(lang),
        alt,
    };
    let header = [
        tr(lang, "办理结果", "Result class"),
        tr(lang, "首次答复（件）", "First reply (items)"),
        tr(lang, "占比（%）", "Share (%)"),
        tr(lang, "最终（件）", "Final (items)"),
        tr(lang, "占比（%）", "Share (%)"),
    ];
    (chart, table(title, &header, rows))
}

/// 满意度测评: the latest ratings over rated items.
fn satisfaction(s: &AnnualSummary, lang: Lang) -> (Chart, Table) {
    let f = &s.figures;
    let rows: Vec<Vec<String>> = f
        .satisfaction_latest
        .iter()
        .map(|r| {
            vec![
                label(r, lang).to_owned(),
                r.count.to_string(),
                r.percent.clone(),
            ]
        })
        .collect();
    let said: Vec<String> = f
        .satisfaction_latest
        .iter()
        .map(|r| match lang {
            Lang::Zh => format!(
                "{}{}",
                label(r, lang),
                count_share(lang, r.count, &r.percent)
            ),
            Lang::En => format!(
                "{} {}",
                label(r, lang),
                count_share(lang, r.count, &r.percent)
            ),
        })
        .collect();
    let title = tr(lang, "代表满意度测评", "Deputies' satisfaction");
    let rate = &f.satisfaction_rate;
    let alt = match lang {
        Lang::Zh => format!(
            "{title}（测评{}件，逾期未测评{}件不计入）：{}；满意率（含基本满意）{}%。",
            f.rated,
            f.lapsed,
            said.join("；"),
            rate.percent
        ),
        Lang::En => format!(
            "{title} ({} items rated; {} lapsed, not counted): {}; satisfied or basically satisfied {}%.",
            f.rated,
            f.lapsed,
            said.join("; "),
            rate.percent
        ),
    };
    let chart = Chart {
        id: "satisfaction".to_owned(),
        title: title.clone(),
        value_axis: tr(lang, "占测评件数的比例（%）", "Share of rated items (%)"),
        category_axis: tr(lang, "测评等次", "Rating"),
        scale: Scale::Percent,
        series: vec![tr(lang, "最新测评", "Latest rating")],
        categories: f
            .satisfaction_latest
            .iter()
            .map(|r| Category {
                label: label(r, lang).to_owned(),
                bars: vec![Bar::from_row(r)],
            })
            .collect(),
        note: String::new(),
        unit: unit(lang),
        alt,
    };
    let header = [
        tr(lang, "测评等次", "Rating"),
        tr(lang, "件数", "Items"),
        tr(lang, "占比（%）", "Share (%)"),
    ];
    (chart, table(title, &header, rows))
}

/// 各系统承办: items per system, overlapping, with every overlap stated.
fn systems(s: &AnnualSummary, lang: Lang) -> (Chart, Table) {
    let f = &s.figures;
    let name = |sys: crate::directory::System| match lang {
        Lang::Zh => sys.label_zh().to_owned(),
        Lang::En => sys.label_en().to_owned(),
    };
    let rows: Vec<Vec<String>> = f
        .by_system
        .iter()
        .map(|r| {
            vec![
                name(r.system),
                r.items.to_string(),
                r.joint_with_other_systems.to_string(),
            ]
        })
        .collect();
    let said: Vec<String> = f
        .by_system
        .iter()
        .map(|r| match lang {
            Lang::Zh => format!("{}{}件", name(r.system), r.items),
            Lang::En => format!("{} {} items", name(r.system), r.items),
        })
        .collect();
    let note = match lang {
        Lang::Zh => annual_zh::overlaps(f),
        Lang::En => annual_en::overlaps(f).trim().to_owned(),
    };
    let title = tr(lang, "各系统承办件数", "Items by system");
    let alt = match lang {
        Lang::Zh => format!("{title}：{}。{note}", said.join("、")),
        Lang::En => format!("{title}: {}. {note}", said.join(", "))
            .trim()
            .to_owned(),
    };
    let chart = Chart {
        id: "systems".to_owned(),
        title: title.clone(),
        value_axis: tr(lang, "承办件数（件）", "Items (count)"),
        category_axis: tr(lang, "系统", "System"),
        scale: Scale::Count,
        series: vec![tr(lang, "承办件数", "Items")],
        categories: f
            .by_system
            .iter()
            .map(|r| Category {
                label: name(r.system),
                bars: vec![Bar::count(r.items)],
            })
            .collect(),
        note: if f.system_overlaps.is_empty() {
            String::new()
        } else {
            match lang {
                Lang::Zh => format!(
                    "各系统承办数有重叠，按件计共{}件，详见说明。",
                    f.handled_by_systems
                ),
                Lang::En => format!(
                    "The counts overlap; counted once each, {} items (see the text).",
                    f.handled_by_systems
                ),
            }
        },
        unit: unit(lang),
        alt,
    };
    let header = [
        tr(lang, "系统", "System"),
        tr(lang, "承办件数", "Items"),
        tr(
            lang,
            "其中与其他系统合办",
            "Of which joint with another system",
        ),
    ];
    (chart, table(title, &header, rows))
}

/// 同比: each rate this year against the year before, when the ledger holds both.
fn year_on_year(s: &AnnualSummary, lang: Lang) -> Option<(Chart, Table)> {
    let before_year = s.previous.as_ref()?;
    let f = &s.figures;
    let rates = |y: &crate::figures::YearFigures| -> Vec<CountShare> {
        y.rates
            .iter()
            .chain([&y.satisfaction_rate, &y.on_time_rate])
            .cloned()
            .collect()
    };
    let (before, after) = (rates(before_year), rates(f));
    let mut categories = Vec::new();
    let mut rows = Vec::new();
    let mut said = Vec::new();
    for change in &s.year_on_year {
        let (Some(b), Some(a)) = (
            before.iter().find(|r| r.id == change.id),
            after.iter().find(|r| r.id == change.id),
        ) else {
            continue;
        };
        let name = label(a, lang).to_owned();
        said.push(match lang {
            Lang::Zh => format!(
                "{name}{}年{}%，{}年{}%，变化{}个百分点",
                before_year.year, b.percent, f.year, a.percent, change.points
            ),
            Lang::En => format!(
                "{name} {} {}%, {} {}%, change {} points",
                before_year.year, b.percent, f.year, a.percent, change.points
            ),
        });
        rows.push(vec![
            name.clone(),
            b.percent.clone(),
            a.percent.clone(),
            change.points.clone(),
        ]);
        categories.push(Category {
            label: name,
            bars: vec![Bar::from_row(b), Bar::from_row(a)],
        });
    }
    if categories.is_empty() {
        return None;
    }
    let title = match lang {
        Lang::Zh => format!("同比变化：{}年与{}年", before_year.year, f.year),
        Lang::En => format!("Year on year: {} and {}", before_year.year, f.year),
    };
    let alt = match lang {
        Lang::Zh => format!("{title}：{}。", said.join("；")),
        Lang::En => format!("{title}: {}.", said.join("; ")),
    };
    let chart = Chart {
        id: "year_on_year".to_owned(),
        title: title.clone(),
        value_axis: tr(lang, "比率（%）", "Rate (%)"),
        category_axis: tr(lang, "指标", "Rate"),
        scale: Scale::Percent,
        series: vec![
            format!("{}{}", before_year.year, tr(lang, "年", "")),
            format!("{}{}", f.year, tr(lang, "年", "")),
        ],
        categories,
        note: String::new(),
        unit: unit(lang),
        alt,
    };
    let header = [
        tr(lang, "指标", "Rate"),
        format!("{}{}（%）", before_year.year, tr(lang, "年", "")),
        format!("{}{}（%）", f.year, tr(lang, "年", "")),
        tr(lang, "变化（百分点）", "Change (points)"),
    ];
    Some((chart, table(title, &header, rows)))
}

/// 承办单位考核: units per assessment band, when units were assessed.
fn bands(s: &AnnualSummary, lang: Lang) -> Option<(Chart, Table)> {
    let r = &s.recognition;
    if r.units == 0 || r.by_band.is_empty() {
        return None;
    }
    let name = |l: &crate::profile::Label| match lang {
        Lang::En if !l.en.is_empty() => l.en.clone(),
        _ => l.zh.clone(),
    };
    let units = tr(lang, "个", " units");
    let rows: Vec<Vec<String>> = r
        .by_band
        .iter()
        .map(|(_, l, n)| vec![name(l), n.to_string()])
        .collect();
    let said: Vec<String> = r
        .by_band
        .iter()
        .map(|(_, l, n)| match lang {
            Lang::Zh => format!("{}{n}个", name(l)),
            Lang::En => format!("{} {n}", name(l)),
        })
        .collect();
    let title = tr(
        lang,
        "承办单位考核等次",
        "Handling units by assessment band",
    );
    let alt = match lang {
        Lang::Zh => format!("{title}（考核{}个单位）：{}。", r.units, said.join("、")),
        Lang::En => format!("{title} ({} units assessed): {}.", r.units, said.join(", ")),
    };
    let chart = Chart {
        id: "bands".to_owned(),
        title: title.clone(),
        value_axis: tr(lang, "单位数（个）", "Units (count)"),
        category_axis: tr(lang, "考核等次", "Band"),
        scale: Scale::Count,
        series: vec![tr(lang, "单位数", "Units")],
        categories: r
            .by_band
            .iter()
            .map(|(_, l, n)| Category {
                label: name(l),
                bars: vec![Bar::count(*n)],
            })
            .collect(),
        note: String::new(),
        unit: units,
        alt,
    };
    let header = [tr(lang, "考核等次", "Band"), tr(lang, "单位数", "Units")];
    Some((chart, table(title, &header, rows)))
}

fn table(caption: String, header: &[String], rows: Vec<Vec<String>>) -> Table {
    Table {
        caption,
        header: header.to_vec(),
        rows,
    }
}

/// Every chart of the summary with the table it is drawn from, in order.
pub(super) fn charts(s: &AnnualSummary, lang: Lang) -> Vec<(Chart, Table)> {
    let mut out = vec![classes(s, lang), satisfaction(s, lang), systems(s, lang)];
    out.extend(year_on_year(s, lang));
    out.extend(bands(s, lang));
    out
}

/// Appends the appendix: a heading, then for each chart a numbered subheading, the chart
/// and its table.
pub(super) fn append(s: &AnnualSummary, doc: &mut Document) {
    let lang = doc.lang;
    doc.appendix(match lang {
        Lang::Zh => format!("附件：{}年建议办理情况数据图表", s.figures.year),
        Lang::En => format!("Appendix: the year {} in charts", s.figures.year),
    });
    for (n, (chart, table)) in (1u32..).zip(charts(s, lang)) {
        doc.subheading(match lang {
            Lang::Zh => format!("（{}）{}", annual_zh::cn_number(n), chart.title),
            Lang::En => format!("({n}) {}", chart.title),
        });
        doc.figure(chart);
        doc.table(table);
    }
}

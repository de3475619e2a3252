//! Assessment and excellence as columnar tables (SPEC §9): one row per unit assessed, one
//! row per candidate of an honour. Every value comes from the core's projections
//! (`Ledger::unit_assessment`, `Ledger::excellence`, `Ledger::deputy_points`).

use jianyi_core::assessment::excellence::{DeputyPoints, Ranking, ScoreLine};
use jianyi_core::assessment::units::Assessment;
use jianyi_core::profile::Points;
use jianyi_export::Column;

use crate::tables::PyTable;

fn value(p: Points) -> f64 {
    #[expect(
        clippy::cast_precision_loss,
        reason = "thousandths of points stay far below 2^53"
    )]
    let x = p.milli() as f64 / 1000.0;
    x
}

fn count(n: u64) -> Option<i64> {
    i64::try_from(n).ok()
}

fn lines(l: &[ScoreLine]) -> Vec<String> {
    l.iter()
        .map(|x| format!("{}×{}={}", x.what, x.times, x.points))
        .collect()
}

/// One row per unit: group, items, one column per dimension, subtotal, deductions, total,
/// bands before and after vetoes, rank in group, the vetoes and the items that cost points.
pub(crate) fn unit_assessment(a: &Assessment, dimension_ids: &[String]) -> PyTable {
    let n = a.units.len();
    let str_col = |f: &dyn Fn(usize) -> String| -> Column {
        Column::Str((0..n).map(|i| Some(f(i))).collect())
    };
    let unit = |i: usize| a.units.get(i);
    let mut columns: Vec<(String, Column)> = vec![
        (
            "unit".into(),
            str_col(&|i| unit(i).map(|u| u.unit.to_string()).unwrap_or_default()),
        ),
        (
            "name".into(),
            str_col(&|i| unit(i).map(|u| u.name.clone()).unwrap_or_default()),
        ),
        (
            "group".into(),
            str_col(&|i| unit(i).map(|u| u.group.clone()).unwrap_or_default()),
        ),
        (
            "lead_items".into(),
            Column::Int(a.units.iter().map(|u| count(u.lead_items)).collect()),
        ),
        (
            "co_items".into(),
            Column::Int(a.units.iter().map(|u| count(u.co_items)).collect()),
        ),
    ];
    for dim in dimension_ids {
        columns.push((
            dim.clone(),
            Column::Float(
                a.units
                    .iter()
                    .map(|u| {
                        u.dimensions
                            .iter()
                            .find(|d| &d.id == dim)
                            .map(|d| value(d.points))
                    })
                    .collect(),
            ),
        ));
    }
    let deducted = |u: &jianyi_core::assessment::units::UnitAssessment| {
        u.deductions
            .iter()
            .fold(Points::ZERO, |acc, d| acc.plus(d.points))
    };
    columns.extend([
        (
            "subtotal".into(),
            Column::Float(a.units.iter().map(|u| Some(value(u.subtotal))).collect()),
        ),
        (
            "deductions".into(),
            Column::Float(a.units.iter().map(|u| Some(value(deducted(u)))).collect()),
        ),
        (
            "total".into(),
            Column::Float(a.units.iter().map(|u| Some(value(u.total))).collect()),
        ),
        (
            "band_by_points".into(),
            str_col(&|i| {
                unit(i)
                    .map(|u| u.band_by_points.clone())
                    .unwrap_or_default()
            }),
        ),
        (
            "band".into(),
            str_col(&|i| unit(i).map(|u| u.band.clone()).unwrap_or_default()),
        ),
        (
            "band_zh".into(),
            str_col(&|i| unit(i).map(|u| u.band_label.zh.clone()).unwrap_or_default()),
        ),
        (
            "rank_in_group".into(),
            Column::Int(a.units.iter().map(|u| count(u.rank_in_group)).collect()),
        ),
        (
            "vetoes".into(),
            Column::StrList(
                a.units
                    .iter()
                    .map(|u| u.vetoes.iter().map(|v| v.id.clone()).collect())
                    .collect(),
            ),
        ),
        (
            "cost_by".into(),
            Column::StrList(
                a.units
                    .iter()
                    .map(|u| {
                        let mut items: Vec<String> = u
                            .dimensions
                            .iter()
                            .flat_map(|d| d.indicators.iter())
                            .flat_map(|i| i.cost_by.iter())
                            .chain(u.deductions.iter().flat_map(|d| d.items.iter()))
                            .map(ToString::to_string)
                            .collect();
                        items.sort();
                        items.dedup();
                        items
                    })
                    .collect(),
            ),
        ),
    ]);
    PyTable::build(n, columns)
}

/// One row per candidate of an honour, in rank order then the ineligible.
pub(crate) fn ranking(r: &Ranking) -> PyTable {
    let rows = &r.rows;
    PyTable::build(
        rows.len(),
        vec![
            (
                "id",
                Column::Str(rows.iter().map(|x| Some(x.id.clone())).collect()),
            ),
            (
                "name",
                Column::Str(rows.iter().map(|x| Some(x.name.clone())).collect()),
            ),
            (
                "score",
                Column::Float(rows.iter().map(|x| Some(value(x.score))).collect()),
            ),
            (
                "rank",
                Column::Int(rows.iter().map(|x| count(x.rank)).collect()),
            ),
            (
                "standing",
                Column::Str(
                    rows.iter()
                        .map(|x| {
                            serde_json::to_value(x.standing)
                                .ok()
                                .and_then(|v| v.as_str().map(str::to_owned))
                        })
                        .collect(),
                ),
            ),
            (
                "ineligible",
                Column::Str(rows.iter().map(|x| x.ineligible.clone()).collect()),
            ),
            (
                "honoured",
                Column::Bool(rows.iter().map(|x| x.honoured).collect()),
            ),
            (
                "reasons",
                Column::StrList(rows.iter().map(|x| lines(&x.reasons)).collect()),
            ),
        ],
    )
}

/// One row per deputy: total points and the lines that make it.
pub(crate) fn deputy_points(list: &[DeputyPoints]) -> PyTable {
    PyTable::build(
        list.len(),
        vec![
            (
                "deputy",
                Column::Str(list.iter().map(|d| Some(d.deputy.to_string())).collect()),
            ),
            (
                "name",
                Column::Str(list.iter().map(|d| Some(d.name.clone())).collect()),
            ),
            (
                "total",
                Column::Float(list.iter().map(|d| Some(value(d.total))).collect()),
            ),
            (
                "lead_items",
                Column::Int(list.iter().map(|d| count(d.lead_items)).collect()),
            ),
            (
                "resolved",
                Column::Int(list.iter().map(|d| count(d.resolved)).collect()),
            ),
            (
                "key_items",
                Column::Int(list.iter().map(|d| count(d.key_items)).collect()),
            ),
            (
                "lines",
                Column::StrList(list.iter().map(|d| lines(&d.lines)).collect()),
            ),
        ],
    )
}

//! 承办单位画像 (units as routing sees them): each unit of a directory with its department
//! kind, recognised from its name, the kind's duties, the terms a locality adds for it, and
//! the names a deputy may call it by.
//!
//! SPEC §5 and issue 21: routing works in any locality's directory without keyword tables,
//! because a unit's name says what kind of department it is (`profile::unit_kinds`).

use std::collections::BTreeMap;

use crate::directory::{Directory, System};
use crate::profile::unit_kinds::{recognise_all, short_name, UnitKind, ANY_KIND};
use crate::profile::{ScreeningRules, UnitRule, WeightedTerm};

use super::matcher::TermTable;

/// A unit's department kind, as routing reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KindOf {
    /// Kind id.
    pub(crate) id: String,
    /// Chinese label.
    pub(crate) label: String,
}

/// A unit compiled for routing.
#[derive(Debug, Clone)]
pub(crate) struct RoutedUnit {
    /// Unit id.
    pub(crate) id: String,
    /// Unit name.
    pub(crate) name: String,
    /// Its system.
    pub(crate) system: System,
    /// Its main kind, when its name tells one.
    pub(crate) kind: Option<KindOf>,
    /// Every kind it does: its main kind, the kinds a merged bureau also names, and the
    /// kinds that are part of it when the directory has no unit of theirs (positions in the
    /// screener's kind table).
    pub(crate) kinds: Vec<usize>,
    /// Topics its locality's rule says it handles.
    pub(crate) topics: Vec<String>,
    /// Its kind's duties: (term index, weight).
    pub(crate) duties: Vec<(usize, u32)>,
    /// Terms its locality's rule adds: (term index, weight).
    pub(crate) own_terms: Vec<(usize, u32)>,
    /// The names a text may call it by (full name, short name, a township's place name).
    pub(crate) names: Vec<usize>,
    /// 属地: its duties count only when the text names it (a township).
    pub(crate) territorial: bool,
    /// Other kinds' work it does in some localities (交叉职责).
    pub(crate) shares: Vec<Share>,
}

/// Another kind's work a unit may do (`UnitKind::shares`), compiled.
#[derive(Debug, Clone)]
pub(crate) struct Share {
    /// The kinds whose work it is, as positions in the kind table; empty for any kind's.
    pub(crate) of: Vec<usize>,
    /// Term indices of which one must occur; empty for none needed.
    pub(crate) when: Vec<usize>,
    /// The rule that divides the work.
    pub(crate) source: String,
}

/// How deputies write "the department of this kind" (建议市场监管部门…, 由公安局牵头…).
const DEPARTMENT_SUFFIXES: [&str; 2] = ["部门", "局"];

/// The ways a text names a unit: its full name, the part from its kind's pattern on
/// (`某县水务局` → `水务局`), its kind's patterns followed by 部门 or 局 (市场监管部门), and
/// for a territorial unit (a township) its place (`青湖镇人民政府` → `青湖镇`).
fn names_of(kind: Option<&UnitKind>, name: &str) -> Vec<String> {
    let mut out = vec![name.to_owned()];
    if let Some(k) = kind.filter(|k| !k.territorial) {
        for pattern in k.names.iter().filter(|p| p.chars().count() >= 2) {
            let bare = pattern.trim_end_matches(['局', '委']);
            if bare.chars().count() >= 2 {
                out.extend(DEPARTMENT_SUFFIXES.iter().map(|s| format!("{bare}{s}")));
            }
        }
    }
    if let Some(k) = kind {
        if k.territorial {
            let place = ["街道", "镇", "乡", "苏木"]
                .iter()
                .filter_map(|m| name.find(m).map(|at| at.saturating_add(m.len())))
                .min()
                .and_then(|end| name.get(..end));
            if let Some(place) = place.filter(|p| p.chars().count() >= 2) {
                out.push(place.to_owned());
            }
        } else if let Some(short) = short_name(k, name) {
            out.push(short.to_owned());
        }
    }
    out.sort();
    out.dedup();
    out
}

/// A unit's terms with their weights; `locality` terms (a locality's own rule) are counted
/// at every occurrence, national duties by longest match.
fn weighted(table: &mut TermTable, terms: &[WeightedTerm], locality: bool) -> Vec<(usize, u32)> {
    let mut by_term: BTreeMap<usize, u32> = BTreeMap::new();
    for t in terms {
        let i = if locality {
            table.add_every_occurrence(&t.term)
        } else {
            table.add_longest(&t.term)
        };
        let w = by_term.entry(i).or_default();
        *w = (*w).max(t.weight);
    }
    by_term.into_iter().collect()
}

/// Compiles units given as (id, name, system), each with its locality's rule if any.
fn compile<'a>(
    kinds_table: &[UnitKind],
    units: impl Iterator<Item = (String, String, System, Option<&'a UnitRule>)>,
    table: &mut TermTable,
) -> Vec<RoutedUnit> {
    let units: Vec<_> = units
        .map(|(id, name, system, rule)| {
            let kinds = recognise_all(kinds_table, &name);
            (id, name, system, rule, kinds)
        })
        .collect();
    // A kind that is part of another (交警 of 公安) is done by its parent's units wherever
    // the directory has no unit of its own.
    let present: Vec<&str> = units
        .iter()
        .filter_map(|u| u.4.first().map(|k| k.id.as_str()))
        .collect();
    let absent_parts = |main: &UnitKind| -> Vec<&UnitKind> {
        kinds_table
            .iter()
            .filter(|k| {
                k.part_of.as_deref() == Some(main.id.as_str()) && !present.contains(&k.id.as_str())
            })
            .collect()
    };
    // INVARIANT: a validated table names only its own kinds in `shares` (`validate`); an
    // unknown one would match no unit (`usize::MAX`), as its id matched none.
    let position_of = |id: &str| kinds_table.iter().position(|k| k.id == id);
    units
        .iter()
        .map(|(id, name, system, rule, kinds)| {
            let mut done: Vec<&UnitKind> = kinds.clone();
            if let Some(main) = kinds.first() {
                done.extend(absent_parts(main));
            }
            let duties: Vec<WeightedTerm> =
                done.iter().flat_map(|k| k.duties.iter().cloned()).collect();
            let main = kinds.first().copied();
            let shares = main
                .map(|k| {
                    k.shares
                        .iter()
                        .map(|w| Share {
                            of: w
                                .of
                                .iter()
                                .filter(|o| *o != ANY_KIND)
                                .map(|o| position_of(o).unwrap_or(usize::MAX))
                                .collect(),
                            when: w.when.iter().map(|t| table.add(t)).collect(),
                            source: w.source.clone(),
                        })
                        .collect()
                })
                .unwrap_or_default();
            RoutedUnit {
                territorial: main.is_some_and(|k| k.territorial),
                shares,
                kind: main.map(|k| KindOf {
                    id: k.id.clone(),
                    label: k.label.zh.clone(),
                }),
                kinds: done.iter().filter_map(|k| position_of(&k.id)).collect(),
                topics: rule.map(|r| r.topics.clone()).unwrap_or_default(),
                own_terms: rule
                    .map(|r| weighted(table, &r.terms, true))
                    .unwrap_or_default(),
                duties: weighted(table, &duties, false),
                names: names_of(main, name).iter().map(|n| table.add(n)).collect(),
                id: id.clone(),
                name: name.clone(),
                system: *system,
            }
        })
        .collect()
}

/// The profile's own unit table (`screening.units`): the seed city's named units.
pub(crate) fn of_rules(
    rules: &ScreeningRules,
    kinds: &[UnitKind],
    table: &mut TermTable,
) -> Vec<RoutedUnit> {
    let units: Vec<_> = rules
        .units
        .iter()
        .map(|r| (r.unit.clone(), r.name.clone(), r.system, Some(r)))
        .collect();
    compile(kinds, units.into_iter(), table)
}

/// Every unit of a directory, with the profile's rule for it when there is one.
pub(crate) fn of_directory(
    rules: &ScreeningRules,
    kinds: &[UnitKind],
    directory: &Directory,
    table: &mut TermTable,
) -> Vec<RoutedUnit> {
    let units: Vec<_> = directory
        .units
        .values()
        .map(|u| {
            let rule = rules.units.iter().find(|r| r.unit == u.id.as_str());
            (u.id.to_string(), u.name.clone(), u.system, rule)
        })
        .collect();
    compile(kinds, units.into_iter(), table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::unit_kinds::national;

    #[test]
    fn a_unit_is_named_by_its_full_name_its_short_name_and_a_township_by_its_place() {
        let kinds = national();
        let water = kinds.iter().find(|k| k.id == "water");
        let names = names_of(water, "某县水务局");
        for name in ["某县水务局", "水务局", "水利部门", "水务部门"] {
            assert!(names.contains(&name.to_owned()), "{name} in {names:?}");
        }
        let town = kinds.iter().find(|k| k.id == "township");
        let names = names_of(town, "青湖镇人民政府");
        assert!(names.contains(&"青湖镇".to_owned()), "{names:?}");
        assert!(names.contains(&"青湖镇人民政府".to_owned()), "{names:?}");
        assert_eq!(names_of(None, "某某公司"), ["某某公司"]);
    }

    #[test]
    fn a_hosts_own_territorial_kind_is_named_by_its_place_too() {
        let mut kinds = national();
        let Some(town) = kinds.iter().find(|k| k.id == "township").cloned() else {
            panic!("the national table has townships");
        };
        // A host's table calls its 街道办事处 a kind of its own, 属地 like a township.
        let subdistrict = UnitKind {
            id: "subdistrict".to_owned(),
            names: vec!["街道办事处".to_owned()],
            ..town
        };
        kinds.push(subdistrict);
        let names = names_of(kinds.last(), "东关街道办事处");
        assert!(names.contains(&"东关街道".to_owned()), "{names:?}");
        // Not territorial: no place name, only its department names.
        let plain = UnitKind {
            territorial: false,
            ..kinds.last().cloned().unwrap_or_else(|| panic!("pushed"))
        };
        assert!(!names_of(Some(&plain), "东关街道办事处").contains(&"东关街道".to_owned()));
    }
}

//! 部门类型 (department kinds): what kind of department a handling unit is, recognised from its
//! name, and the responsibilities vocabulary (职责) of that kind.
//!
//! Local governments are organised alike across China: every county, district and city has
//! an education bureau (教育局, 教育和体育局, 教体局 …), a water bureau (水利局, 水务局 …), a
//! public-security bureau with its traffic police, and so on, each with standard functions
//! (三定方案). A locality names its units its own way; the kind table recognises them, so a
//! new county's directory routes without anyone writing keyword tables (SPEC §5, issue 21).
//! The national table (`unit_kinds.json`) ships with the library, as the national calendar
//! does: a locality adds terms per unit in its profile (`screening.units`), and a host may
//! route with a table of its own (`Screener::with_kinds`). It is not a profile field, so the
//! phone library (which reads profiles but does not route) carries none of it.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::directory::System;
use crate::error::ProfileError;

use super::intake::WeightedTerm;
use super::validate::invalid;
use super::Label;

/// A kind of department (部门类型) with the names that identify it and its duties.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct UnitKind {
    /// Stable id, e.g. `water`.
    pub id: String,
    /// Label.
    pub label: Label,
    /// The system such units belong to.
    pub system: System,
    /// The kind such a unit is part of (交警大队 is part of 公安局): where the directory has
    /// no unit of this kind, units of that kind take its duties too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<String>,
    /// Substrings of a unit's name that make it this kind (水利局, 水务局 …); the longest
    /// pattern found in a name, over every kind, decides.
    pub names: Vec<String>,
    /// 职责: the terms of its standard functions, weighted (3 core, 2 usual, 1 shared).
    pub duties: Vec<WeightedTerm>,
    /// Merged bureaus: a unit of this kind whose name also says `when` does that kind's work
    /// too (文化广电体育和旅游局 does sports; 教育和科技局 science).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<AlsoKind>,
    /// 属地: a unit of this kind answers for its own territory only (a township, a
    /// sub-district), so its duties count only when the text names its place.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub territorial: bool,
    /// 交叉职责: work of other kinds that this kind does in some localities (a 住建局 runs
    /// the street lights another city gives its 城管局; 农田水利 is agriculture's or water's).
    /// Such a unit is a candidate beside the kind whose duties matched, at
    /// `routing.shared_share` of that kind's score, with the rule that divides the work.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shares: Vec<SharedWork>,
}

/// Work another kind holds that this kind does in some localities (交叉职责).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SharedWork {
    /// The kinds whose work it is (`*`: any kind's).
    pub of: Vec<String>,
    /// Only when the text has one of these terms (empty: whenever those kinds' duties
    /// match).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub when: Vec<String>,
    /// The rule or reform that divides the work, as the reason cites it.
    pub source: String,
}

/// The `of` entry that stands for every kind.
pub const ANY_KIND: &str = "*";

/// A second kind a merged bureau's name tells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AlsoKind {
    /// The word in the unit's name (体育).
    pub when: String,
    /// The kind it adds (sports).
    pub kind: String,
}

/// The national table shipped with every preset (`unit_kinds.json`).
pub fn national() -> Vec<UnitKind> {
    // INVARIANT: the bundled table parses (`tests::the_national_table_parses_and_validates`).
    serde_json::from_str(include_str!("unit_kinds.json")).unwrap_or_default()
}

/// Where a kind's longest pattern occurs in a name: (pattern length in characters, start
/// and end byte).
fn occurrence(kind: &UnitKind, name: &str) -> Option<(usize, usize, usize)> {
    kind.names
        .iter()
        .filter_map(|p| {
            let start = name.rfind(p.as_str())?;
            Some((p.chars().count(), start, start.saturating_add(p.len())))
        })
        .max()
}

/// The kinds a unit named `name` is, its main kind first: the kind with the longest name
/// pattern occurring in it (ties: the one further right, as a name narrows from left to
/// right: 公安局交巡警支队), then the kinds a merged bureau's name also tells (its main kind's
/// `also`: 文化广电体育和旅游局 does sports too). Empty when no pattern occurs.
pub fn recognise_all<'a>(kinds: &'a [UnitKind], name: &str) -> Vec<&'a UnitKind> {
    let Some((main, _)) = kinds
        .iter()
        .filter_map(|k| occurrence(k, name).map(|(len, start, _)| (k, (len, start))))
        .max_by_key(|(_, o)| *o)
    else {
        return Vec::new();
    };
    let mut out = vec![main];
    for also in main.also.iter().filter(|a| name.contains(a.when.as_str())) {
        if let Some(k) = kinds.iter().find(|k| k.id == also.kind && k.id != main.id) {
            if !out.iter().any(|o| o.id == k.id) {
                out.push(k);
            }
        }
    }
    out
}

/// The main kind of a unit named `name` ([`recognise_all`]); `None` when no pattern occurs.
pub fn recognise<'a>(kinds: &'a [UnitKind], name: &str) -> Option<&'a UnitKind> {
    recognise_all(kinds, name).into_iter().next()
}

/// The part of a unit's name from its kind's pattern on (`某县水务局` → `水务局`): how a
/// deputy names the unit in a text. `None` when that part is shorter than three characters.
pub fn short_name<'a>(kind: &UnitKind, name: &'a str) -> Option<&'a str> {
    let at = kind
        .names
        .iter()
        .filter_map(|p| name.find(p.as_str()).map(|i| (p.chars().count(), i)))
        .max()
        .map(|(_, i)| i)?;
    let short = name.get(at..)?;
    (short.chars().count() >= 3).then_some(short)
}

/// Validates the kind table: ids unique and not empty, every kind named, terms non-empty
/// with weights of at least 1. Each error names the key.
pub fn validate(kinds: &[UnitKind]) -> Result<(), ProfileError> {
    let mut seen = BTreeSet::new();
    for (i, k) in kinds.iter().enumerate() {
        let key = format!("unit_kinds[{i}]");
        if k.id.trim().is_empty() || !seen.insert(k.id.as_str()) {
            return Err(invalid(
                format!("{key}.id"),
                format!("kind id `{}` is empty or listed twice", k.id),
            ));
        }
        if k.names.is_empty() || k.names.iter().any(|n| n.trim().is_empty()) {
            return Err(invalid(
                format!("{key}.names"),
                "a kind needs names, none of them empty",
            ));
        }
        for (j, a) in k.also.iter().enumerate() {
            if a.when.trim().is_empty() || !kinds.iter().any(|x| x.id == a.kind) {
                return Err(invalid(
                    format!("{key}.also[{j}]"),
                    format!("`{}` needs a word and a kind of the table", a.kind),
                ));
            }
        }
        for (j, w) in k.shares.iter().enumerate() {
            let known =
                |o: &String| o == ANY_KIND || (o != &k.id && kinds.iter().any(|x| &x.id == o));
            if w.of.is_empty()
                || !w.of.iter().all(known)
                || w.source.trim().is_empty()
                || w.when.iter().any(|t| t.trim().is_empty())
            {
                return Err(invalid(
                    format!("{key}.shares[{j}]"),
                    "shared work names other kinds of the table (or `*`), a source, and no empty term",
                ));
            }
        }
        for (j, t) in k.duties.iter().enumerate() {
            if t.term.trim().is_empty() || t.weight == 0 {
                return Err(invalid(
                    format!("{key}.duties[{j}]"),
                    "a term must not be empty and weigh at least 1",
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_national_table_parses_and_validates() {
        let kinds = national();
        assert!(kinds.len() >= 50, "{}", kinds.len());
        validate(&kinds).unwrap();
    }

    #[test]
    fn names_are_recognised_however_a_locality_writes_them() {
        let kinds = national();
        let kind = |name: &str| recognise(&kinds, name).map(|k| k.id.as_str());
        for (name, id) in [
            ("某县教育和体育局", "education"),
            ("某县教体局", "education"),
            ("某市公安局交通警察支队", "traffic_police"),
            ("某县公安局", "public_security"),
            ("某县水务局", "water"),
            ("某市自然资源和规划局", "natural_resources"),
            ("某区城市管理和综合执法局", "urban_management"),
            ("某县住房和城乡建设局", "housing_construction"),
            ("某县医疗保障局", "medical_security"),
            ("某县卫生健康局", "health"),
            ("某镇人民政府", "township"),
            ("某街道办事处", "township"),
            ("某县文化和旅游局", "culture_tourism"),
            ("某县退役军人事务局", "veterans"),
        ] {
            assert_eq!(kind(name), Some(id), "{name}");
        }
        assert_eq!(kind("某某公司"), None);
        // 人民政府 holds 民政 but is no civil-affairs bureau.
        assert_eq!(kind("某市某区人民政府"), None);
        assert_eq!(kind("某区公安局交巡警支队新区大队"), Some("traffic_police"));
    }

    #[test]
    fn a_merged_bureau_is_each_kind_it_names() {
        let kinds = national();
        let all = |name: &str| -> Vec<&str> {
            recognise_all(&kinds, name)
                .iter()
                .map(|k| k.id.as_str())
                .collect()
        };
        assert_eq!(all("某县文化广电旅游体育局"), ["culture_tourism", "sports"]);
        assert_eq!(
            all("某县文化广电体育和旅游局"),
            ["culture_tourism", "sports"]
        );
        assert_eq!(all("某县教育和体育局"), ["education", "sports"]);
        // Merged bureaus of Yunnan counties and cities (屏边县, 弥勒市).
        assert_eq!(
            all("某县农业农村和科学技术局"),
            ["science_tech", "agriculture"]
        );
        assert_eq!(all("某市工业商务和信息化局"), ["commerce", "industry_it"]);
        assert_eq!(all("某市公安局交通警察支队"), ["traffic_police"]);
    }

    #[test]
    fn a_short_name_starts_at_the_kind() {
        let kinds = national();
        let water = kinds.iter().find(|k| k.id == "water").unwrap();
        assert_eq!(short_name(water, "某县水务局"), Some("水务局"));
    }

    #[test]
    fn shared_work_must_name_known_kinds_and_a_source() {
        let mut kinds = national();
        let at = kinds.iter().position(|k| k.id == "finance").unwrap();
        kinds[at].shares.push(SharedWork {
            of: vec!["no_such_kind".into()],
            when: vec![],
            source: "某规定".into(),
        });
        let e = validate(&kinds).unwrap_err();
        assert!(
            e.to_string().contains(&format!("unit_kinds[{at}].shares[")),
            "{e}"
        );
        let mut kinds = national();
        kinds[at].shares.push(SharedWork {
            of: vec![ANY_KIND.into()],
            when: vec![],
            source: " ".into(),
        });
        assert!(validate(&kinds).is_err());
        // The national table's shares each cite their rule, and townships are territorial.
        let kinds = national();
        assert!(kinds.iter().flat_map(|k| &k.shares).count() >= 40);
        assert!(kinds.iter().any(|k| k.id == "township" && k.territorial));
    }

    #[test]
    fn a_duplicate_kind_names_its_key() {
        let mut kinds = national();
        let first = kinds[0].clone();
        kinds.push(first);
        let e = validate(&kinds).unwrap_err();
        assert!(e.to_string().contains("unit_kinds["), "{e}");
    }
}

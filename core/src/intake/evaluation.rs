//! 路由评测 (routing evaluation): how often routing names the right kind of department on
//! real suggestions whose answering unit is known (issue 21's development set,
//! `core/tests/data/routing-dev/`).
//!
//! A case is right at top 1 when the proposed lead unit does the kind of work of the unit that
//! really answered; right at top 3 when one of the first three candidates does. The kinds of
//! the real unit are recognised from its name by the same table routing uses (a merged
//! 文化广电旅游体育局 does culture and sports; a 交警大队 is part of the 公安局, so either
//! answers for the other); a case whose unit name the table does not recognise keeps the kind
//! its collector gave it, and is listed so the table can be checked.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::directory::{Directory, System, Unit};
use crate::id::UnitId;
use crate::profile::unit_kinds::recognise_all;

use super::units::RoutedUnit;
use super::{PastItem, Screener, Submission, UnitCandidate};

/// A real suggestion with the unit that answered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutingCase {
    /// Case id.
    pub id: String,
    /// The suggestion's title.
    pub title: String,
    /// A short excerpt of the deputy's text, if the source quotes one.
    #[serde(default)]
    pub excerpt: String,
    /// The answering lead unit, as the source names it.
    pub lead: String,
    /// Co-handling units the source names.
    #[serde(default)]
    pub co: Vec<String>,
    /// The lead unit's kind, as the collector read its name.
    pub kind: String,
    /// `city`, `county`, `district` or `province`.
    #[serde(default)]
    pub level: String,
    /// Where.
    #[serde(default)]
    pub locality: String,
    /// Year, if known.
    #[serde(default)]
    pub year: Option<i32>,
    /// The source's address.
    #[serde(default)]
    pub source: String,
}

/// Right answers of one kind of department.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindScore {
    /// Cases whose real unit is of this kind.
    pub cases: u64,
    /// Lead of the right kind.
    pub top1: u64,
    /// The right kind among the first three candidates.
    pub top3: u64,
}

/// The evaluation of a set of cases.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutingEvaluation {
    /// Every case.
    pub cases: u64,
    /// Lead of the right kind.
    pub top1: u64,
    /// The right kind among the first three candidates.
    pub top3: u64,
    /// By the real unit's kind.
    pub by_kind: BTreeMap<String, KindScore>,
    /// (real kind, proposed kind or `none`) → cases, for the wrong leads.
    pub confusions: BTreeMap<(String, String), u64>,
    /// The wrong leads: (case id, real kind, proposed kind or `none`).
    pub misses: Vec<(String, String, String)>,
    /// Cases whose unit name the kind table read otherwise than the collector:
    /// (case id, unit name, collector's kind, recognised kind or `none`).
    pub unrecognised: Vec<(String, String, String, String)>,
}

impl RoutingEvaluation {
    /// Adds another evaluation's counts (of other cases) to these.
    pub fn add(&mut self, other: RoutingEvaluation) {
        self.cases = self.cases.saturating_add(other.cases);
        self.top1 = self.top1.saturating_add(other.top1);
        self.top3 = self.top3.saturating_add(other.top3);
        for (kind, k) in other.by_kind {
            let row = self.by_kind.entry(kind).or_default();
            row.cases = row.cases.saturating_add(k.cases);
            row.top1 = row.top1.saturating_add(k.top1);
            row.top3 = row.top3.saturating_add(k.top3);
        }
        for (pair, n) in other.confusions {
            let c = self.confusions.entry(pair).or_default();
            *c = c.saturating_add(n);
        }
        self.misses.extend(other.misses);
        self.unrecognised.extend(other.unrecognised);
    }

    /// Top-1 accuracy in thousandths.
    pub fn top1_permille(&self) -> u64 {
        (self.top1.saturating_mul(1000))
            .checked_div(self.cases)
            .unwrap_or(0)
    }

    /// Top-3 accuracy in thousandths.
    pub fn top3_permille(&self) -> u64 {
        (self.top3.saturating_mul(1000))
            .checked_div(self.cases)
            .unwrap_or(0)
    }
}

/// Characters that end a word, not a place, when they stand just before 镇/乡/街道/苏木
/// (乡镇, 城乡, 集镇, 古镇, 各乡, 全镇 …).
const NOT_A_PLACE: &str =
    "乡镇城村集场圩小重各全本该等和及与个区县市省的在为我两其此每街社古强建到";

/// What follows 乡 in a word that is not a township (乡村, 乡镇, 乡土, 乡场 …).
const AFTER_XIANG: &str = "村镇土愁贤亲情间下里场";

/// The townships (乡镇街道) a text names: the two characters before 镇, 乡, 街道 or 苏木,
/// when they are not the end of a common word (乡镇, 城乡, 古镇 …). 石牛寨镇 gives 牛寨镇,
/// which still finds the place in the text.
pub fn named_townships(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<String> = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        let next = chars.get(i.saturating_add(1)).copied();
        let suffix = match (c, next) {
            ('镇', _) => "镇",
            ('乡', Some(n)) if AFTER_XIANG.contains(n) => continue,
            ('乡', _) => "乡",
            ('街', Some('道')) => "街道",
            ('苏', Some('木')) => "苏木",
            _ => continue,
        };
        let Some(before) = i.checked_sub(2).and_then(|from| chars.get(from..i)) else {
            continue;
        };
        let place_like = before
            .iter()
            .all(|p| ('\u{4e00}'..='\u{9fff}').contains(p) && !NOT_A_PLACE.contains(*p));
        let place: String = before.iter().collect::<String>() + suffix;
        if place_like && !out.contains(&place) {
            out.push(place);
        }
    }
    out
}

/// An evaluation directory as a real county's is: `directory` with a township unit
/// (`…人民政府`, `…办事处`) for every township the cases name. A county's directory holds all
/// its townships; a fictional one holds only a few, so the townships the real cases name are
/// added, for every case alike (whatever unit answered it).
pub fn with_named_townships(directory: &Directory, cases: &[RoutingCase]) -> Directory {
    let mut out = directory.clone();
    let mut places: Vec<String> = cases
        .iter()
        .flat_map(|c| named_townships(&format!("{} {}", c.title, c.excerpt)))
        .collect();
    places.sort();
    places.dedup();
    for (n, place) in places.iter().enumerate() {
        let name = if place.ends_with("街道") {
            format!("{place}办事处")
        } else {
            format!("{place}人民政府")
        };
        let Ok(id) = UnitId::new(format!("TOWN-{n:03}").as_str()) else {
            continue;
        };
        let taken = out.units.values().any(|u| u.name == name);
        if !taken {
            out.units.insert(
                id.clone(),
                Unit {
                    id,
                    name,
                    system: System::Government,
                    liaison_committee: None,
                },
            );
        }
    }
    out
}

impl Screener {
    /// The kinds of work of the unit that answered `case`: those its name tells, or the
    /// collector's kind when the table reads none.
    fn case_kinds<'a>(&'a self, case: &'a RoutingCase) -> Vec<&'a str> {
        let mut kinds: Vec<&str> = recognise_all(&self.kinds, &case.lead)
            .iter()
            .map(|k| k.id.as_str())
            .collect();
        if kinds.is_empty() {
            kinds.push(case.kind.as_str());
        }
        kinds
    }

    /// Whether `unit` does the work of a unit of `kinds`: one of its kinds, the body one of
    /// them is part of, or a part of one of them (a 交警大队 answers for the 公安局 and the
    /// other way round).
    fn does_work_of(&self, unit: &RoutedUnit, kinds: &[&str]) -> bool {
        let part_of = |k: &str| -> Option<&str> {
            self.kinds
                .iter()
                .find(|x| x.id == k)
                .and_then(|x| x.part_of.as_deref())
        };
        unit.kinds
            .iter()
            .filter_map(|&p| self.kinds.get(p))
            .map(|k| k.id.as_str())
            .any(|k| {
                kinds
                    .iter()
                    .any(|t| k == *t || part_of(k) == Some(*t) || part_of(t) == Some(k))
            })
    }

    /// The unit of this screener that stands for the one that answered `case`: the first of
    /// its kind, else the first that does its work (a kind it is part of, or a part of it);
    /// a township only for its own place (the one the text names).
    /// `None` when no unit does (a township case whose text names no township). The
    /// evaluation with history ([`Screener::evaluate_with_history`]) teaches it this way.
    pub fn answered_by(&self, case: &RoutingCase) -> Option<&str> {
        let kinds = self.case_kinds(case);
        let places = named_townships(&format!("{} {}", case.title, case.excerpt));
        let in_place =
            |u: &&RoutedUnit| !u.territorial || places.iter().any(|p| u.name.contains(p.as_str()));
        // A unit of the very kind first (the county's 交警大队 for a 交警大队), then one
        // the kind is part of or that is part of it (its 公安局).
        let same_kind = |u: &&RoutedUnit| {
            u.kinds
                .iter()
                .filter_map(|&p| self.kinds.get(p))
                .any(|k| kinds.contains(&k.id.as_str()))
        };
        self.units
            .iter()
            .filter(in_place)
            .find(same_kind)
            .or_else(|| {
                self.units
                    .iter()
                    .filter(in_place)
                    .find(|u| self.does_work_of(u, &kinds))
            })
            .map(|u| u.id.as_str())
    }

    /// `case` as the record a ledger of this directory would hold of it: its text and the
    /// unit that stands for the one that answered it ([`Screener::answered_by`]); `None`
    /// when no unit does.
    pub fn past_item(&self, case: &RoutingCase) -> Option<PastItem> {
        self.answered_by(case).map(|unit| PastItem {
            title: case.title.clone(),
            body: case.excerpt.clone(),
            leads: vec![unit.to_owned()],
        })
    }

    /// Each case routed after learning from all the others (leave one out): what the
    /// ledger's history (`unit.history`) adds once earlier items of the same kinds are in
    /// it. The others are taught as [`Screener::answered_by`] maps them.
    pub fn evaluate_with_history(&self, cases: &[RoutingCase]) -> RoutingEvaluation {
        let past: Vec<Option<PastItem>> = cases.iter().map(|c| self.past_item(c)).collect();
        let mut total = RoutingEvaluation::default();
        let mut learnt = self.clone();
        for (i, case) in cases.iter().enumerate() {
            let others = past
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .filter_map(|(_, p)| p.as_ref().map(PastItem::parts));
            learnt.history = self.history.clone();
            learnt.history.add(&self.matcher, &self.units, others);
            total.add(learnt.evaluate(std::slice::from_ref(case)));
        }
        total
    }

    /// Routes every case and scores the answers by department kind.
    pub fn evaluate(&self, cases: &[RoutingCase]) -> RoutingEvaluation {
        let mut e = RoutingEvaluation::default();
        for case in cases {
            let recognised = self.unit_kind(&case.lead);
            if recognised != Some(case.kind.as_str()) {
                e.unrecognised.push((
                    case.id.clone(),
                    case.lead.clone(),
                    case.kind.clone(),
                    recognised.unwrap_or("none").to_owned(),
                ));
            }
            let truth = recognised.unwrap_or(case.kind.as_str()).to_owned();
            let truth_kinds = self.case_kinds(case);
            let does = |candidate: &UnitCandidate| -> bool {
                self.units
                    .iter()
                    .find(|u| u.id == candidate.unit)
                    .is_some_and(|u| self.does_work_of(u, &truth_kinds))
            };
            let answer = self.route(&Submission::new(&case.title, &case.excerpt));
            let lead_kind = answer
                .lead
                .as_ref()
                .and_then(|c| c.kind.as_deref())
                .unwrap_or("none");
            let right = answer.lead.as_ref().is_some_and(does);
            let in_top3 = answer.candidates.iter().take(3).any(does);
            let row = e.by_kind.entry(truth.clone()).or_default();
            row.cases = row.cases.saturating_add(1);
            e.cases = e.cases.saturating_add(1);
            if right {
                row.top1 = row.top1.saturating_add(1);
                e.top1 = e.top1.saturating_add(1);
            } else {
                let n = e
                    .confusions
                    .entry((truth.clone(), lead_kind.to_owned()))
                    .or_default();
                *n = n.saturating_add(1);
                e.misses
                    .push((case.id.clone(), truth.clone(), lead_kind.to_owned()));
            }
            if in_top3 {
                row.top3 = row.top3.saturating_add(1);
                e.top3 = e.top3.saturating_add(1);
            }
        }
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn townships_are_read_from_the_text_and_common_words_are_not() {
        assert_eq!(
            named_townships("关于拓宽硬化忠防镇忠防社区与马家洞村交界处村道的建议"),
            ["忠防镇"]
        );
        assert_eq!(
            named_townships("关于加强丹凤街道矣腊社区林业生态保护"),
            ["丹凤街道"]
        );
        assert_eq!(named_townships("代钦塔拉苏木烈士陵园"), ["塔拉苏木"]);
        // 乡镇, 城乡, 乡村, 古镇, 乡场镇, 集镇: words, not places.
        for text in [
            "加强乡镇卫生院建设",
            "城乡居民",
            "乡村振兴",
            "暖泉古镇",
            "确保乡场镇污水处理",
            "梅子集镇",
        ] {
            assert!(
                named_townships(text).is_empty(),
                "{text}: {:?}",
                named_townships(text)
            );
        }
    }
}

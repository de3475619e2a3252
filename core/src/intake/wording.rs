//! 用语相近 (wording close to a unit's duties): the backoff when no duty term occurs.
//!
//! Real titles name things no table lists word for word (某某桥, 某村人饮池, 某路段). When no
//! unit reaches the minimum score, each unit is scored by the character pairs (二字组) the
//! title shares with its duty terms, each pair weighted by how few kinds of department hold
//! it (a pair many kinds hold, such as 建设 or 管理, says nothing). Issue 21: a difficulty
//! flag is for an item with truly no signal; a close wording is a signal, and it is named as
//! such (`unit.wording`), so the person deciding sees how weak it is.

use std::collections::{BTreeMap, BTreeSet};

use super::matcher::Matcher;
use super::units::RoutedUnit;

/// A character pair.
type Pair = (char, char);

/// Pairs held by more kinds than this are ignored.
const MAX_KINDS: u32 = 3;

/// Thousandths in one point of a wording score.
const SCALE: u32 = 1000;

/// The character pairs of every unit's duty and locality terms.
#[derive(Debug, Clone, Default)]
pub(crate) struct Wording {
    /// Per pair: (unit position, the largest weight of its terms holding the pair).
    pairs: BTreeMap<Pair, Vec<(usize, u32)>>,
    /// Per pair: how many kinds of department (or kindless units) hold it.
    kinds: BTreeMap<Pair, u32>,
}

/// A unit's wording score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Close {
    /// The unit's position.
    pub(crate) unit: usize,
    /// Σ weight ÷ kinds holding the pair, in thousandths.
    pub(crate) milli: u32,
    /// The shared pairs, as text, in title order.
    pub(crate) pairs: Vec<String>,
}

/// The words every title wraps itself in (关于……的建议), which say nothing about whose work
/// it is and would otherwise match duties such as 检察建议.
const FRAME_START: [&str; 1] = ["关于"];
const FRAME_END: [&str; 6] = [
    "的意见和建议",
    "的意见建议",
    "的建议",
    "的议案",
    "建议",
    "议案",
];

/// Administrative words any title may use (stop words): they name no one's work.
const STOP_WORDS: [&str; 24] = [
    "事项", "问题", "工作", "情况", "有关", "相关", "部门", "加强", "推进", "加快", "解决", "提升",
    "完善", "建设", "管理", "发展", "规范", "进一", "一步", "推动", "支持", "提高", "落实", "实施",
];

/// A title without its frame (关于……的建议).
fn unframed(title: &str) -> &str {
    let mut t = title.trim();
    for start in FRAME_START {
        t = t.strip_prefix(start).unwrap_or(t);
    }
    for end in FRAME_END {
        if let Some(rest) = t.strip_suffix(end) {
            return rest;
        }
    }
    t
}

fn pairs_of(text: &str) -> Vec<Pair> {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    chars
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some((*a, *b)),
            _ => None,
        })
        .collect()
}

impl Wording {
    /// Collects the pairs of every unit's duty and locality terms.
    pub(crate) fn build(units: &[RoutedUnit], matcher: &Matcher) -> Wording {
        let mut by_pair: BTreeMap<Pair, BTreeMap<usize, u32>> = BTreeMap::new();
        let mut holders: BTreeMap<Pair, BTreeSet<&str>> = BTreeMap::new();
        for (position, u) in units.iter().enumerate() {
            let who = u.kind.as_ref().map_or(u.id.as_str(), |k| k.id.as_str());
            for &(term, weight) in u.duties.iter().chain(&u.own_terms) {
                for pair in pairs_of(matcher.term(term)) {
                    let w = by_pair
                        .entry(pair)
                        .or_default()
                        .entry(position)
                        .or_default();
                    *w = (*w).max(weight);
                    holders.entry(pair).or_default().insert(who);
                }
            }
        }
        Wording {
            pairs: by_pair
                .into_iter()
                .map(|(p, units)| (p, units.into_iter().collect()))
                .collect(),
            kinds: holders
                .into_iter()
                .map(|(p, who)| (p, u32::try_from(who.len()).unwrap_or(u32::MAX)))
                .collect(),
        }
    }

    /// Every unit whose duties share rare pairs with `title`, strongest first (ties: the
    /// earlier unit), with at least `min_milli`.
    pub(crate) fn close(&self, title: &str, min_milli: u32) -> Vec<Close> {
        let mut seen: BTreeSet<Pair> = BTreeSet::new();
        let mut by_unit: BTreeMap<usize, Close> = BTreeMap::new();
        for pair in pairs_of(unframed(title)) {
            if !seen.insert(pair) {
                continue;
            }
            let text: String = [pair.0, pair.1].iter().collect();
            if STOP_WORDS.contains(&text.as_str()) {
                continue;
            }
            let kinds = self.kinds.get(&pair).copied().unwrap_or(0);
            if kinds == 0 || kinds > MAX_KINDS {
                continue;
            }
            for &(unit, weight) in self.pairs.get(&pair).map_or(&[][..], Vec::as_slice) {
                let c = by_unit.entry(unit).or_insert(Close {
                    unit,
                    milli: 0,
                    pairs: Vec::new(),
                });
                let add = weight.saturating_mul(SCALE).checked_div(kinds).unwrap_or(0);
                c.milli = c.milli.saturating_add(add);
                c.pairs.push(text.clone());
            }
        }
        let mut out: Vec<Close> = by_unit
            .into_values()
            .filter(|c| c.milli >= min_milli)
            .collect();
        out.sort_by(|a, b| b.milli.cmp(&a.milli).then_with(|| a.unit.cmp(&b.unit)));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_frame_is_not_wording() {
        assert_eq!(unframed("关于修建跨河便桥的建议"), "修建跨河便桥");
        assert_eq!(unframed("关于开展执法检查的议案"), "开展执法检查");
        assert_eq!(unframed("规范停车"), "规范停车");
    }

    #[test]
    fn pairs_skip_spaces() {
        assert_eq!(pairs_of("水 库桥"), vec![('水', '库'), ('库', '桥')]);
        assert!(pairs_of("桥").is_empty());
    }
}

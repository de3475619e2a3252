//! 关键词匹配 (keyword matching): one Aho–Corasick automaton over every term of the screening
//! rules, so an item's title and body are each scanned once whatever the size of the tables.

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::error::ProfileError;

/// Occurrences counted per term are capped here, so a long text repeating one word does not
/// outweigh a short text naming several.
const MAX_COUNTED: u32 = 3;

/// A title occurrence counts this many times a body occurrence: the title states what the
/// item is about, the body also names where and why.
const TITLE_WEIGHT: u32 = 4;

/// A term list compiled into one automaton; each distinct term has an index.
#[derive(Debug, Clone)]
pub(crate) struct Matcher {
    automaton: AhoCorasick,
    terms: Vec<String>,
    /// Terms counted by longest match (a unit's duties and locality terms): an occurrence
    /// inside a longer occurrence of another such term does not count on its own.
    longest: Vec<bool>,
}

/// Collects distinct terms and hands out their indices while the rule tables are read.
#[derive(Debug, Default)]
pub(crate) struct TermTable {
    index: BTreeMap<String, usize>,
    terms: Vec<String>,
    longest: Vec<bool>,
    /// Terms counted at every occurrence whatever else holds them.
    exempt: std::collections::BTreeSet<usize>,
}

impl TermTable {
    /// The index of `term`, added if new.
    pub(crate) fn add(&mut self, term: &str) -> usize {
        if let Some(&i) = self.index.get(term) {
            return i;
        }
        let i = self.terms.len();
        self.index.insert(term.to_owned(), i);
        self.terms.push(term.to_owned());
        self.longest.push(false);
        i
    }

    /// As [`TermTable::add`], for a term counted by longest match: 饮用水 in a text is the
    /// water bureau's 饮用水, not also the water company's 用水.
    pub(crate) fn add_longest(&mut self, term: &str) -> usize {
        let i = self.add(term);
        if let Some(flag) = self.longest.get_mut(i) {
            *flag = true;
        }
        i
    }

    /// As [`TermTable::add`], for a term a locality gives a unit: it counts at every
    /// occurrence, even inside a longer national term (排水 in 排水管网), whatever else
    /// holds it.
    pub(crate) fn add_every_occurrence(&mut self, term: &str) -> usize {
        let i = self.add(term);
        self.exempt.insert(i);
        i
    }

    /// Compiles the automaton (overlapping matches: 老旧小区 also counts 小区). A DFA: the
    /// tables are a few thousand terms, and a DFA scans fastest.
    pub(crate) fn build(self) -> Result<Matcher, ProfileError> {
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            // The literal prefilters only make a scan faster; without `fast-literals` (the
            // phone) their code is left out.
            .prefilter(cfg!(feature = "fast-literals"))
            .build(&self.terms)
            .map_err(|e| ProfileError::InvalidValue {
                key: "screening".to_owned(),
                reason: format!("the keyword tables cannot be compiled: {e}"),
            })?;
        let mut longest = self.longest;
        for &i in &self.exempt {
            if let Some(flag) = longest.get_mut(i) {
                *flag = false;
            }
        }
        Ok(Matcher {
            automaton,
            terms: self.terms,
            longest,
        })
    }
}

/// One term's occurrences in an item.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Hit {
    /// The term's index.
    pub(crate) term: usize,
    /// Occurrences in the title (every occurrence).
    pub(crate) title: u32,
    /// Occurrences in the body (every occurrence).
    pub(crate) body: u32,
    /// Title occurrences that count by forward maximum matching.
    pub(crate) title_own: u32,
    /// Body occurrences that count by forward maximum matching.
    pub(crate) body_own: u32,
    /// Byte offset just after the term's last occurrence in the title (0 when none): a
    /// Chinese title narrows from left to right, so a later term is nearer its head.
    pub(crate) title_end: usize,
}

impl Hit {
    /// The weight multiplier: a title occurrence counts `TITLE_WEIGHT` times a body one, each
    /// side capped.
    fn strength_of(title: u32, body: u32) -> u32 {
        title
            .min(MAX_COUNTED)
            .saturating_mul(TITLE_WEIGHT)
            .saturating_add(body.min(MAX_COUNTED))
    }

    /// The multiplier of every occurrence (for topic terms).
    pub(crate) fn strength(&self) -> u32 {
        Hit::strength_of(self.title, self.body)
    }

    /// The multiplier by longest match (for a unit's terms).
    pub(crate) fn own_strength(&self) -> u32 {
        Hit::strength_of(self.title_own, self.body_own)
    }
}

/// The terms that occur in an item's title and body: sparse, ordered by term index.
#[derive(Debug, Clone, Default)]
pub(crate) struct Hits {
    hits: Vec<Hit>,
}

impl Hits {
    /// Every term that occurs, by index.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &Hit> {
        self.hits.iter()
    }

    /// Term `i`'s occurrences, if any.
    pub(crate) fn hit(&self, i: usize) -> Option<&Hit> {
        self.hits
            .binary_search_by_key(&i, |h| h.term)
            .ok()
            .and_then(|at| self.hits.get(at))
    }

    /// Body occurrences of term `i`.
    pub(crate) fn in_body(&self, i: usize) -> u32 {
        self.hit(i).map_or(0, |h| h.body)
    }

    /// Whether term `i` occurs anywhere.
    pub(crate) fn any(&self, i: usize) -> bool {
        self.hit(i).is_some()
    }
}

/// Words after a term that make it a place (a landmark the item is near or between), read
/// in titles: 大门, 对面, 附近, and the dashes and 至 of a road section. (周边 is left out:
/// 学校周边 is a duty of its own.)
const PLACE_LOCATORS: [&str; 12] = [
    "大门", "校门", "门口", "门前", "对面", "附近", "周围", "旁", "至", "-", "—", "－",
];

/// One occurrence of a term.
#[derive(Debug, Clone, Copy)]
struct Occurrence {
    term: usize,
    start: usize,
    end: usize,
    title: bool,
    inside: bool,
}

impl Matcher {
    /// Every occurrence in `text`, appended to `out`, each marked when it does not count
    /// by forward maximum matching (it overlaps a longest-match term that counts).
    fn scan(&self, text: &str, title: bool, out: &mut Vec<Occurrence>) {
        let from = out.len();
        out.extend(
            self.automaton
                .find_overlapping_iter(text)
                .map(|m| Occurrence {
                    term: m.pattern().as_usize(),
                    start: m.start(),
                    end: m.end(),
                    title,
                    inside: false,
                }),
        );
        let Some(found) = out.get_mut(from..) else {
            return;
        };
        found.sort_unstable_by_key(|o| (o.start, std::cmp::Reverse(o.end)));
        // Forward maximum matching (正向最大匹配) among the longest-match terms: from the
        // left, the longest term at each place counts, and a term overlapping one that
        // counted does not (外卖食品安全监管 is 食品安全 + 监管, not also 安全监管).
        // INVARIANT: this order puts the longest occurrence at each start first.
        let mut reach = 0_usize;
        for o in found {
            // A term a place locator follows names a place, not the item's subject
            // (綦江中学-转关口大桥 路段照明, 第一高级中学大门对面环境): it counts as body text.
            if title
                && text
                    .get(o.end..)
                    .is_some_and(|rest| PLACE_LOCATORS.iter().any(|l| rest.starts_with(l)))
            {
                o.title = false;
            }
            if self.longest.get(o.term).copied().unwrap_or(false) {
                o.inside = o.start < reach;
                if !o.inside {
                    reach = o.end;
                }
            }
        }
    }

    /// Counts every term in `title` and `body`.
    pub(crate) fn hits(&self, title: &str, body: &str) -> Hits {
        // Dense texts hold about one occurrence per two bytes of Chinese.
        let mut found = Vec::with_capacity(title.len().saturating_add(body.len()) / 2);
        self.scan(title, true, &mut found);
        self.scan(body, false, &mut found);
        found.sort_unstable_by_key(|o| o.term);
        let mut hits: Vec<Hit> = Vec::new();
        for o in found {
            if hits.last().is_none_or(|h| h.term != o.term) {
                hits.push(Hit {
                    term: o.term,
                    ..Hit::default()
                });
            }
            let Some(h) = hits.last_mut() else {
                continue;
            };
            let own = u32::from(!o.inside);
            if o.title {
                h.title = h.title.saturating_add(1);
                h.title_own = h.title_own.saturating_add(own);
                h.title_end = h.title_end.max(o.end);
            } else {
                h.body = h.body.saturating_add(1);
                h.body_own = h.body_own.saturating_add(own);
            }
        }
        Hits { hits }
    }

    /// How many distinct terms.
    pub(crate) fn len(&self) -> usize {
        self.terms.len()
    }

    /// The text of term `i`.
    pub(crate) fn term(&self, i: usize) -> &str {
        self.terms.get(i).map_or("", String::as_str)
    }

    /// Where term `i` first occurs in `text`, with up to `radius` characters either side
    /// (the evidence shown to the person deciding).
    pub(crate) fn context(&self, text: &str, i: usize, radius: usize) -> Option<String> {
        let term = self.term(i);
        let at = text.find(term)?;
        let before: String = {
            let head = text.get(..at).unwrap_or("");
            let skip = head.chars().count().saturating_sub(radius);
            head.chars().skip(skip).collect()
        };
        let after: String = text
            .get(at.saturating_add(term.len())..)
            .unwrap_or("")
            .chars()
            .take(radius)
            .collect();
        Some(format!("…{before}【{term}】{after}…"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_terms_both_count_and_the_title_weighs_more() {
        let mut t = TermTable::default();
        let old = t.add("老旧小区");
        let estate = t.add("小区");
        assert_eq!(t.add("小区"), estate);
        let m = t.build().unwrap();
        let h = m.hits("老旧小区改造", "小区小区小区小区");
        assert_eq!(h.hit(old).unwrap().title, 1);
        assert_eq!(h.in_body(estate), 4);
        assert_eq!(h.hit(estate).unwrap().strength(), TITLE_WEIGHT + 3);
        assert_eq!(h.hit(old).unwrap().strength(), TITLE_WEIGHT);
    }

    #[test]
    fn a_term_a_locator_follows_is_a_place_and_counts_as_body_text() {
        let mut t = TermTable::default();
        let school = t.add_longest("中学");
        let light = t.add_longest("照明");
        let m = t.build().unwrap();
        let h = m.hits("关于治理第一中学大门对面环境和城区照明的建议", "");
        let s = h.hit(school).unwrap();
        assert_eq!((s.title, s.body, s.body_own), (0, 1, 1));
        assert_eq!(s.own_strength(), 1);
        assert_eq!(h.hit(light).unwrap().title_own, 1);
        let h = m.hits("关于綦江中学-转关口大桥路段照明工程的建议", "");
        assert_eq!(h.hit(school).unwrap().title, 0);
        // Without a locator the school is the subject.
        assert_eq!(
            m.hits("关于第一中学扩建的建议", "")
                .hit(school)
                .unwrap()
                .title,
            1
        );
    }

    #[test]
    fn longest_match_terms_count_by_forward_maximum_matching() {
        let mut t = TermTable::default();
        let drinking = t.add_longest("饮用水");
        let using = t.add_longest("用水");
        let food = t.add_longest("食品安全");
        let safety = t.add_longest("安全监管");
        let topic = t.add("用水");
        assert_eq!(topic, using, "one term, one index");
        let m = t.build().unwrap();
        let h = m.hits("关于农村饮用水和外卖食品安全监管的建议", "节约用水");
        let water = h.hit(drinking).unwrap();
        assert_eq!((water.title, water.title_own), (1, 1));
        // 用水 inside 饮用水 does not count for a unit, but is still seen (topics, systems).
        let u = h.hit(using).unwrap();
        assert_eq!((u.title, u.title_own, u.body, u.body_own), (1, 0, 1, 1));
        assert_eq!(u.own_strength(), 1);
        assert_eq!(u.strength(), TITLE_WEIGHT + 1);
        // Overlapping: the leftmost counts (食品安全 + 监管, not also 安全监管).
        assert_eq!(h.hit(food).unwrap().title_own, 1);
        assert_eq!(h.hit(safety).unwrap().title_own, 0);
        // The title's head: where the last counted term ends.
        assert!(h.hit(food).unwrap().title_end > water.title_end);
    }

    #[test]
    fn context_marks_the_term() {
        let mut t = TermTable::default();
        let i = t.add("我单位");
        let m = t.build().unwrap();
        let c = m.context("近年来我单位门口道路破损严重", i, 3).unwrap();
        assert_eq!(c, "…近年来【我单位】门口道…");
    }
}

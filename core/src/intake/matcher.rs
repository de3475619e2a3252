//! 关键词匹配 (keyword matching): one Aho–Corasick automaton over every term of the screening
//! rules, so an item's title and body are each scanned once whatever the size of the tables.

use std::collections::BTreeMap;

use aho_corasick::automaton::Automaton;
use aho_corasick::automaton::StateID;
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind};

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
    automaton: DFA,
    terms: Vec<String>,
    /// The longest term's length in bytes.
    longest_term: usize,
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
    /// tables are a few thousand terms, and a DFA scans fastest. Its states are walked here
    /// byte by byte ([`Matcher::scan`]), without a literal prefilter: Chinese text comes
    /// back to the start state at nearly every character, and a prefilter made no
    /// difference to the routing benchmark.
    pub(crate) fn build(self) -> Result<Matcher, ProfileError> {
        let automaton = DFA::builder()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
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
            longest_term: self.terms.iter().map(String::len).max().unwrap_or(0),
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

    /// How many distinct terms occur.
    pub(crate) fn len(&self) -> usize {
        self.hits.len()
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

/// How many stretches of a long text are walked side by side ([`Matcher::scan`]).
const STREAMS: usize = 4;

/// Texts whose stretches would be shorter than this are walked in one piece.
const MIN_STRETCH: usize = 64;

/// One walk of the automaton over a stretch of text.
#[derive(Debug, Clone, Copy)]
struct Walk {
    state: StateID,
    /// The next byte.
    at: usize,
    /// Terms ending at or before this byte are another stretch's.
    report_after: usize,
    /// Where the walk stops.
    to: usize,
}

/// One occurrence of a term.
#[derive(Debug, Clone, Copy)]
struct Occurrence {
    term: usize,
    start: usize,
    end: usize,
}

impl Matcher {
    /// Every occurrence in `text`, into `out` (cleared first). A long text is cut into
    /// [`STREAMS`] stretches walked side by side: each step of the automaton waits on a
    /// table read, and independent walks let those reads overlap. A stretch starts the
    /// longest term's length early and reports only the terms that end inside it, so each
    /// occurrence is found once, by the stretch it ends in.
    fn scan(&self, text: &str, out: &mut Vec<Occurrence>) {
        out.clear();
        let bytes = text.as_bytes();
        let Ok(start) = self.automaton.start_state(Anchored::No) else {
            return;
        };
        let overlap = self.longest_term.saturating_sub(1);
        let stretch = bytes.len() / STREAMS;
        if stretch < overlap.saturating_mul(2).max(MIN_STRETCH) {
            let mut whole = Walk {
                state: start,
                at: 0,
                report_after: 0,
                to: bytes.len(),
            };
            while whole.at < whole.to {
                self.step(bytes, &mut whole, out);
            }
            return;
        }
        // Stretch k reports the terms ending after `k × stretch`, up to where the next one
        // begins to report (the last, to the end).
        let mut walks: [Walk; STREAMS] = std::array::from_fn(|k| {
            let report_after = k.saturating_mul(stretch);
            Walk {
                state: start,
                at: report_after.saturating_sub(overlap),
                report_after,
                to: if k == STREAMS - 1 {
                    bytes.len()
                } else {
                    report_after.saturating_add(stretch)
                },
            }
        });
        // INVARIANT: every stretch is at least `stretch` bytes long, so each walks `stretch`
        // steps side by side and the rest alone.
        for _ in 0..stretch {
            for w in &mut walks {
                self.step(bytes, w, out);
            }
        }
        for w in &mut walks {
            while w.at < w.to {
                self.step(bytes, w, out);
            }
        }
    }

    /// One byte of a walk: the automaton's next state and, at a match state, every term
    /// that ends here (an overlapping search's matches).
    #[inline]
    fn step(&self, bytes: &[u8], w: &mut Walk, out: &mut Vec<Occurrence>) {
        let automaton = &self.automaton;
        let at = w.at;
        w.at = at.saturating_add(1);
        let Some(&byte) = bytes.get(at) else {
            return;
        };
        w.state = automaton.next_state(Anchored::No, w.state, byte);
        if !automaton.is_special(w.state) || !automaton.is_match(w.state) || w.at <= w.report_after
        {
            return;
        }
        let end = w.at;
        for i in 0..automaton.match_len(w.state) {
            let pattern = automaton.match_pattern(w.state, i);
            out.push(Occurrence {
                term: pattern.as_usize(),
                start: end.saturating_sub(automaton.pattern_len(pattern)),
                end,
            });
        }
    }

    /// Forward maximum matching (正向最大匹配) among the longest-match terms: from the left,
    /// the longest term at each place counts, and a term overlapping one that counted does
    /// not (外卖食品安全监管 is 食品安全 + 监管, not also 安全监管). Leaves in `counted[start]`
    /// the end of the occurrence that counts from `start` (0 when none does).
    fn forward_maximum(&self, text: &str, found: &[Occurrence], counted: &mut Vec<usize>) {
        counted.clear();
        counted.resize(text.len().saturating_add(1), 0);
        for o in found {
            if self.longest.get(o.term).copied().unwrap_or(false) {
                if let Some(end) = counted.get_mut(o.start) {
                    *end = (*end).max(o.end);
                }
            }
        }
        // INVARIANT: `counted[start]` holds the longest occurrence starting there; walking
        // the starts left to right, one that begins inside the reach of a counted one does
        // not count.
        let mut reach = 0_usize;
        for (start, end) in counted.iter_mut().enumerate() {
            if *end == 0 {
                continue;
            }
            if start < reach {
                *end = 0;
            } else {
                reach = *end;
            }
        }
    }

    /// Counts every term in `title` and `body`.
    pub(crate) fn hits(&self, title: &str, body: &str) -> Hits {
        // Where each term's hit is in `hits`, plus one (0: not seen yet).
        let mut slot: Vec<u32> = vec![0; self.terms.len()];
        // Dense texts hold about one occurrence per two bytes of Chinese.
        let mut found: Vec<Occurrence> = Vec::with_capacity(body.len().max(title.len()) / 2);
        let mut counted: Vec<usize> = Vec::new();
        // A term is at least two characters (six bytes), and most occur once.
        let mut hits: Vec<Hit> = Vec::with_capacity(
            title
                .len()
                .saturating_add(body.len())
                .div_ceil(6)
                .min(self.terms.len()),
        );
        for (text, in_title) in [(title, true), (body, false)] {
            self.scan(text, &mut found);
            self.forward_maximum(text, &found, &mut counted);
            for o in &found {
                // A term a place locator follows names a place, not the item's subject
                // (綦江中学-转关口大桥 路段照明, 第一高级中学大门对面环境): it counts as body
                // text.
                let as_title = in_title
                    && !text
                        .get(o.end..)
                        .is_some_and(|rest| PLACE_LOCATORS.iter().any(|l| rest.starts_with(l)));
                let own = !self.longest.get(o.term).copied().unwrap_or(false)
                    || counted.get(o.start) == Some(&o.end);
                let Some(s) = slot.get_mut(o.term) else {
                    continue;
                };
                if *s == 0 {
                    hits.push(Hit {
                        term: o.term,
                        ..Hit::default()
                    });
                    *s = u32::try_from(hits.len()).unwrap_or(u32::MAX);
                }
                let Some(h) = hits.get_mut((*s as usize).saturating_sub(1)) else {
                    continue;
                };
                let own = u32::from(own);
                if as_title {
                    h.title = h.title.saturating_add(1);
                    h.title_own = h.title_own.saturating_add(own);
                    h.title_end = h.title_end.max(o.end);
                } else {
                    h.body = h.body.saturating_add(1);
                    h.body_own = h.body_own.saturating_add(own);
                }
            }
        }
        hits.sort_unstable_by_key(|h| h.term);
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

    /// The count as first written: the automaton's own overlapping search, occurrences
    /// sorted by where they start, forward maximum matching over that order, then sorted by
    /// term. The stretched walk and the per-byte marks must give the same hits.
    fn hits_by_sorting(m: &Matcher, title: &str, body: &str) -> Vec<Hit> {
        use aho_corasick::automaton::OverlappingState;
        use aho_corasick::Input;
        // (term, start, end, in title, inside a longer counted term)
        let mut all: Vec<(usize, usize, usize, bool, bool)> = Vec::new();
        for (text, title) in [(title, true), (body, false)] {
            let mut found = Vec::new();
            let mut state = OverlappingState::start();
            loop {
                m.automaton
                    .try_find_overlapping(&Input::new(text), &mut state)
                    .unwrap();
                let Some(x) = state.get_match() else { break };
                found.push((x.pattern().as_usize(), x.start(), x.end(), title, false));
            }
            found.sort_by_key(|o| (o.1, std::cmp::Reverse(o.2)));
            let mut reach = 0;
            for o in &mut found {
                if title
                    && PLACE_LOCATORS
                        .iter()
                        .any(|l| text.get(o.2..).unwrap().starts_with(l))
                {
                    o.3 = false;
                }
                if m.longest[o.0] {
                    o.4 = o.1 < reach;
                    if !o.4 {
                        reach = o.2;
                    }
                }
            }
            all.extend(found);
        }
        all.sort_by_key(|o| o.0);
        let mut hits: Vec<Hit> = Vec::new();
        for (term, _, end, title, inside) in all {
            if hits.last().is_none_or(|h| h.term != term) {
                hits.push(Hit {
                    term,
                    ..Hit::default()
                });
            }
            let h = hits.last_mut().unwrap();
            let own = u32::from(!inside);
            if title {
                h.title = h.title.saturating_add(1);
                h.title_own = h.title_own.saturating_add(own);
                h.title_end = h.title_end.max(end);
            } else {
                h.body = h.body.saturating_add(1);
                h.body_own = h.body_own.saturating_add(own);
            }
        }
        hits
    }

    const PIECES: [&str; 16] = [
        "饮用水",
        "用水",
        "食品安全",
        "安全监管",
        "老旧小区",
        "小区",
        "中学",
        "照明",
        "农村饮用水安全巩固提升工程",
        "水",
        "和",
        "的",
        "大门",
        "对面",
        "-",
        "a",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        #[test]
        fn the_stretched_walk_counts_as_the_sorted_search_does(
            title in proptest::collection::vec(0..PIECES.len(), 0..12),
            body in proptest::collection::vec(0..PIECES.len(), 0..400),
        ) {
            let mut t = TermTable::default();
            for term in &PIECES[..9] {
                t.add_longest(term);
            }
            t.add("水");
            t.add_every_occurrence("用水");
            let m = t.build().unwrap();
            let title: String = title.iter().map(|&i| PIECES[i]).collect();
            let body: String = body.iter().map(|&i| PIECES[i]).collect();
            let counted: Vec<Hit> = m.hits(&title, &body).iter().copied().collect();
            proptest::prop_assert_eq!(counted, hits_by_sorting(&m, &title, &body));
        }
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

//! 关键词匹配 (keyword matching): one Aho–Corasick automaton over every term of the screening
//! rules, so an item's title and body are each scanned once whatever the size of the tables.

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::error::ProfileError;

/// Occurrences counted per term are capped here, so a long text repeating one word does not
/// outweigh a short text naming several.
const MAX_COUNTED: u32 = 3;

/// A term list compiled into one automaton; each distinct term has an index.
#[derive(Debug, Clone)]
pub(crate) struct Matcher {
    automaton: AhoCorasick,
    terms: Vec<String>,
}

/// Collects distinct terms and hands out their indices while the rule tables are read.
#[derive(Debug, Default)]
pub(crate) struct TermTable {
    index: BTreeMap<String, usize>,
    terms: Vec<String>,
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
        i
    }

    /// Compiles the automaton (overlapping matches: 老旧小区 also counts 小区). A DFA: the
    /// tables are a few thousand terms, and a DFA scans fastest.
    pub(crate) fn build(self) -> Result<Matcher, ProfileError> {
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&self.terms)
            .map_err(|e| ProfileError::InvalidValue {
                key: "screening".to_owned(),
                reason: format!("the keyword tables cannot be compiled: {e}"),
            })?;
        Ok(Matcher {
            automaton,
            terms: self.terms,
        })
    }
}

/// How often each term occurs in an item's title and body.
#[derive(Debug, Clone)]
pub(crate) struct Hits {
    title: Vec<u32>,
    body: Vec<u32>,
}

impl Hits {
    /// Title occurrences of term `i`.
    pub(crate) fn in_title(&self, i: usize) -> u32 {
        self.title.get(i).copied().unwrap_or(0)
    }

    /// Body occurrences of term `i`.
    pub(crate) fn in_body(&self, i: usize) -> u32 {
        self.body.get(i).copied().unwrap_or(0)
    }

    /// Whether term `i` occurs anywhere.
    pub(crate) fn any(&self, i: usize) -> bool {
        self.in_title(i) > 0 || self.in_body(i) > 0
    }

    /// The weight multiplier of term `i`: title occurrences count double, each side capped.
    pub(crate) fn strength(&self, i: usize) -> u32 {
        self.in_title(i)
            .min(MAX_COUNTED)
            .saturating_mul(2)
            .saturating_add(self.in_body(i).min(MAX_COUNTED))
    }
}

impl Matcher {
    fn count(&self, text: &str) -> Vec<u32> {
        let mut counts = vec![0_u32; self.terms.len()];
        for m in self.automaton.find_overlapping_iter(text) {
            if let Some(c) = counts.get_mut(m.pattern().as_usize()) {
                *c = c.saturating_add(1);
            }
        }
        counts
    }

    /// Counts every term in `title` and `body`.
    pub(crate) fn hits(&self, title: &str, body: &str) -> Hits {
        Hits {
            title: self.count(title),
            body: self.count(body),
        }
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
    fn overlapping_terms_both_count_and_title_weighs_double() {
        let mut t = TermTable::default();
        let old = t.add("老旧小区");
        let estate = t.add("小区");
        assert_eq!(t.add("小区"), estate);
        let m = t.build().unwrap();
        let h = m.hits("老旧小区改造", "小区小区小区小区");
        assert_eq!(h.in_title(old), 1);
        assert_eq!(h.in_body(estate), 4);
        assert_eq!(h.strength(estate), 2 + 3);
        assert_eq!(h.strength(old), 2);
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

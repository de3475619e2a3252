//! 相似件 (similar items, SPEC §5; RULES.md §2.1 并案办理): character n-gram similarity among
//! one year's items and against earlier years. The score is a rarity-weighted Dice
//! coefficient: each distinct n-gram weighs ⌊log₂(N/df)⌋ + 1 (integer IDF), so two items that
//! share the common wording of a topic score low and a reworded duplicate, which shares the
//! rare wording, scores high.
//!
//! Candidate generation is not quadratic: an inverted index maps each n-gram to the items
//! holding it; n-grams held by more than `max_gram_share` of the items (建议, 我市 …) are left
//! out of candidate generation, so each item only meets the items that share a rarer n-gram.
//! Candidates are then scored exactly on all their n-grams.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::profile::{Proportion, SimilarityRules};

use super::text::{char_ngrams, gram_text};

/// Rare n-grams two items must share before they are scored.
const MIN_SHARED_RARE: u32 = 3;

/// A stop-gram limit never goes below this many items (small corpora keep every gram).
const MIN_GRAM_LIMIT: usize = 8;

/// Shared n-grams shown as the explanation of a candidate.
const SHOWN_GRAMS: usize = 8;

/// An item to index: its id, work year and text (title and body together).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexedText {
    /// Item id.
    pub id: String,
    /// Work year.
    pub year: i32,
    /// Text.
    pub text: String,
}

/// 并案 (same year) or 重复提出 (raised again after an earlier year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SimilarKind {
    /// Same year: a merge candidate (并案办理，分别答复).
    SameYear,
    /// `b` is from an earlier year: raised again.
    EarlierYear,
}

/// 相似件候选 (a pair with its score and the shared n-grams that explain it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeCandidate {
    /// The later (or, in the same year, the first-indexed) item.
    pub a: String,
    /// The other item.
    pub b: String,
    /// Kind.
    pub kind: SimilarKind,
    /// Rarity-weighted Dice similarity of the n-gram sets.
    pub score: Proportion,
    /// Some shared n-grams (rarest first), as evidence.
    pub shared: Vec<String>,
}

#[derive(Debug, Clone)]
struct Doc {
    id: String,
    year: i32,
    grams: Vec<u128>,
    /// Σ weight of its grams.
    weight: u64,
}

/// 相似件索引 (the index over a set of items).
#[derive(Debug, Clone)]
pub struct SimilarityIndex {
    ngram: usize,
    threshold: Proportion,
    docs: Vec<Doc>,
    /// Items indexed (N of the weights).
    items: usize,
    /// n-gram → indices of the docs holding it, ascending.
    postings: BTreeMap<u128, Vec<u32>>,
    /// Postings longer than this are stop-grams.
    gram_limit: usize,
}

fn intersection(a: &[u128], b: &[u128]) -> Vec<u128> {
    let (mut i, mut j) = (a.iter().peekable(), b.iter().peekable());
    let mut out = Vec::new();
    while let (Some(&&x), Some(&&y)) = (i.peek(), j.peek()) {
        match x.cmp(&y) {
            std::cmp::Ordering::Less => {
                i.next();
            }
            std::cmp::Ordering::Greater => {
                j.next();
            }
            std::cmp::Ordering::Equal => {
                out.push(x);
                i.next();
                j.next();
            }
        }
    }
    out
}

/// Weighted Dice = 2·w(A∩B) / (w(A)+w(B)), in parts per million.
fn dice(shared: u64, a: u64, b: u64) -> Option<Proportion> {
    let num = shared.saturating_mul(2_000_000);
    let den = a.saturating_add(b).max(1);
    let ppm = u32::try_from(num.checked_div(den)?).ok()?;
    Proportion::from_ppm(ppm.min(Proportion::SCALE))
}

impl SimilarityIndex {
    /// Builds the index (n-gram length and thresholds from the profile).
    pub fn build(rules: &SimilarityRules, items: impl IntoIterator<Item = IndexedText>) -> Self {
        let ngram = usize::try_from(rules.ngram).unwrap_or(2);
        let docs: Vec<Doc> = items
            .into_iter()
            .map(|t| Doc {
                grams: char_ngrams(&t.text, ngram),
                id: t.id,
                year: t.year,
                weight: 0,
            })
            .collect();
        let mut postings: BTreeMap<u128, Vec<u32>> = BTreeMap::new();
        for (d, doc) in docs.iter().enumerate() {
            let d = u32::try_from(d).unwrap_or(u32::MAX);
            for &g in &doc.grams {
                postings.entry(g).or_default().push(d);
            }
        }
        let share = u64::try_from(docs.len())
            .unwrap_or(u64::MAX)
            .saturating_mul(u64::from(rules.max_gram_share.ppm()))
            .checked_div(u64::from(Proportion::SCALE))
            .unwrap_or(0);
        let gram_limit = usize::try_from(share)
            .unwrap_or(usize::MAX)
            .max(MIN_GRAM_LIMIT);
        let mut index = SimilarityIndex {
            ngram,
            threshold: rules.threshold,
            items: docs.len(),
            docs,
            postings,
            gram_limit,
        };
        let weights: Vec<u64> = index.docs.iter().map(|d| index.total(&d.grams)).collect();
        for (d, w) in index.docs.iter_mut().zip(weights) {
            d.weight = w;
        }
        index
    }

    /// ⌊log₂(N/df)⌋ + 1: 1 for a gram in every item, more the rarer it is; an unseen gram
    /// counts as seen once.
    fn weight(&self, gram: u128) -> u64 {
        let df = self.postings.get(&gram).map_or(1, Vec::len).max(1);
        let ratio = self.items.checked_div(df).unwrap_or(1).max(1);
        u64::from(ratio.ilog2()).saturating_add(1)
    }

    fn total(&self, grams: &[u128]) -> u64 {
        grams
            .iter()
            .fold(0_u64, |acc, &g| acc.saturating_add(self.weight(g)))
    }

    /// Items indexed.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether the index is empty.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Docs sharing at least `MIN_SHARED_RARE` rare grams with `grams`, ascending. `scratch`
    /// is a dense per-doc counter (all zero on entry and on return) and `touched` the docs it
    /// counted, so each call costs the postings it reads, not the corpus size.
    fn rare_neighbours(
        &self,
        grams: &[u128],
        scratch: &mut Vec<u32>,
        touched: &mut Vec<u32>,
    ) -> Vec<u32> {
        scratch.resize(self.docs.len(), 0);
        touched.clear();
        for g in grams {
            let Some(list) = self.postings.get(g) else {
                continue;
            };
            if list.len() > self.gram_limit {
                continue;
            }
            for &d in list {
                if let Some(c) = scratch.get_mut(usize::try_from(d).unwrap_or(usize::MAX)) {
                    if *c == 0 {
                        touched.push(d);
                    }
                    *c = c.saturating_add(1);
                }
            }
        }
        let mut out = Vec::new();
        for &d in touched.iter() {
            if let Some(c) = scratch.get_mut(usize::try_from(d).unwrap_or(usize::MAX)) {
                if *c >= MIN_SHARED_RARE {
                    out.push(d);
                }
                // INVARIANT: the counter is all zero again when the call returns.
                *c = 0;
            }
        }
        out.sort_unstable();
        out
    }

    fn shared_evidence(&self, shared: &[u128]) -> Vec<String> {
        let mut by_rarity: Vec<(usize, u128)> = shared
            .iter()
            .map(|g| (self.postings.get(g).map_or(0, Vec::len), *g))
            .collect();
        by_rarity.sort_unstable();
        by_rarity
            .into_iter()
            .take(SHOWN_GRAMS)
            .map(|(_, g)| gram_text(g))
            .collect()
    }

    fn pair(&self, a: &Doc, b: &Doc) -> Option<MergeCandidate> {
        let shared = intersection(&a.grams, &b.grams);
        let score = dice(self.total(&shared), a.weight, b.weight)?;
        (score >= self.threshold).then(|| MergeCandidate {
            a: a.id.clone(),
            b: b.id.clone(),
            kind: if a.year == b.year {
                SimilarKind::SameYear
            } else {
                SimilarKind::EarlierYear
            },
            score,
            shared: self.shared_evidence(&shared),
        })
    }

    /// Every pair above the threshold: same-year merge candidates and later items against
    /// earlier years. Best first.
    pub fn candidates(&self) -> Vec<MergeCandidate> {
        let mut out = Vec::new();
        let (mut scratch, mut touched) = (Vec::new(), Vec::new());
        for (i, a) in self.docs.iter().enumerate() {
            for j in self.rare_neighbours(&a.grams, &mut scratch, &mut touched) {
                let j = usize::try_from(j).unwrap_or(usize::MAX);
                let Some(b) = self.docs.get(j) else { continue };
                // Each pair once: same year, lower index first; across years, later year first.
                let keep = if a.year == b.year {
                    j > i
                } else {
                    a.year > b.year
                };
                if keep {
                    out.extend(self.pair(a, b));
                }
            }
        }
        out.sort_by(|x, y| {
            y.score
                .cmp(&x.score)
                .then_with(|| (&x.a, &x.b).cmp(&(&y.a, &y.b)))
        });
        out
    }

    /// Indexed items similar to a new text of `year` (the same year or earlier), best first.
    pub fn similar_to(&self, id: &str, year: i32, text: &str) -> Vec<MergeCandidate> {
        let grams = char_ngrams(text, self.ngram);
        let probe = Doc {
            id: id.to_owned(),
            year,
            weight: self.total(&grams),
            grams,
        };
        let (mut scratch, mut touched) = (Vec::new(), Vec::new());
        let mut out: Vec<MergeCandidate> = self
            .rare_neighbours(&probe.grams, &mut scratch, &mut touched)
            .into_iter()
            .filter_map(|j| self.docs.get(usize::try_from(j).unwrap_or(usize::MAX)))
            .filter(|b| b.year <= year && b.id != id)
            .filter_map(|b| self.pair(&probe, b))
            .collect();
        out.sort_by(|x, y| y.score.cmp(&x.score).then_with(|| x.b.cmp(&y.b)));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Profile;

    fn rules() -> SimilarityRules {
        Profile::preset("seed-city").unwrap().screening.similarity
    }

    fn item(id: &str, year: i32, text: &str) -> IndexedText {
        IndexedText {
            id: id.to_owned(),
            year,
            text: text.to_owned(),
        }
    }

    #[test]
    fn a_reworded_duplicate_is_found_and_an_unrelated_item_is_not() {
        let idx = SimilarityIndex::build(
            &rules(),
            vec![
                item("A", 2022, "关于加快老旧小区加装电梯的建议：老旧小区加装电梯审批流程长，费用分摊难，建议简化审批、设立补贴。"),
                item("B", 2022, "关于推进老旧小区加装电梯工作的建议：加装电梯审批流程繁琐，费用分摊困难，建议简化审批流程并给予补贴。"),
                item("C", 2022, "关于加强农村饮用水安全保障的建议：部分村庄水质不达标，建议改造供水管网。"),
                item("D", 2021, "关于老旧小区加装电梯的建议：审批流程长，费用分摊难，建议设立补贴、简化审批。"),
            ],
        );
        let c = idx.candidates();
        assert!(c
            .iter()
            .any(|m| m.a == "A" && m.b == "B" && m.kind == SimilarKind::SameYear));
        assert!(c
            .iter()
            .any(|m| m.b == "D" && m.kind == SimilarKind::EarlierYear));
        assert!(!c.iter().any(|m| m.a == "C" || m.b == "C"));
        assert!(c[0].shared.iter().any(|g| g.chars().count() == 2));
        let probe = idx.similar_to(
            "E",
            2023,
            "关于老旧小区加装电梯审批流程和费用分摊的建议，建议简化审批并设立补贴",
        );
        assert!(probe.len() >= 2, "{probe:?}");
    }

    #[test]
    fn dice_is_exact() {
        assert_eq!(dice(1, 2, 2).unwrap().ppm(), 500_000);
        assert_eq!(dice(0, 0, 0).unwrap().ppm(), 0);
    }
}

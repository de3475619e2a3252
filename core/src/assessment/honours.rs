//! 评优计数 (the honour counts the annual report prints, SPEC §10; the seed's 四: "评选一批优秀
//! 建议…优秀市人大代表"): for each honour list the pool, the quota, how many were honoured and
//! how many of those from a tie at the cut line.
//!
//! The same rules as the rankings of [`super::excellence`] (eligibility, score, tie-breakers,
//! quota and cut line are its functions), counted without a row, a reason or a label per
//! candidate: the report of a city-year of a million suggestions and deputies needs their
//! counts, not their lists. Tests hold the two to the same answer.

use crate::ledger::Ledger;
use crate::profile::{ExcellenceRules, Proportion};
use crate::vocab::ItemKind;

use super::excellence::{
    count, deputy_ineligible, merit_points, quota, rank_key, suggestion_ineligible,
    suggestion_tie_breaks, tie_across_cut, RankKey,
};

/// One honour list as the annual report counts it (`HonourFigures` without its ratio).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct HonourCounts {
    pub(crate) pool: u64,
    pub(crate) quota: u64,
    pub(crate) honoured: u64,
    pub(crate) tied_honoured: u64,
}

impl HonourCounts {
    /// Counts from every candidate of the pool: its key (`None` when ineligible) and whether
    /// it is honoured. The same quota and cut rule as
    /// [`super::excellence::Ranking::of`], without the rows.
    pub(super) fn of(
        candidates: impl Iterator<Item = (Option<RankKey>, bool)>,
        rules: &ExcellenceRules,
        ratio: Proportion,
    ) -> HonourCounts {
        let mut pool = 0u64;
        let mut keys = Vec::new();
        let mut honoured_keys = Vec::new();
        let mut honoured = 0u64;
        for (key, is_honoured) in candidates {
            pool = pool.saturating_add(1);
            if is_honoured {
                honoured = honoured.saturating_add(1);
            }
            if let Some(k) = key {
                keys.push(k);
                if is_honoured {
                    honoured_keys.push(k);
                }
            }
        }
        let quota = quota(ratio, pool, rules.rounding, rules.minimum_one);
        let cut = tie_across_cut(&mut keys, usize::try_from(quota).unwrap_or(usize::MAX));
        let tied = cut.map_or(0, |c| honoured_keys.iter().filter(|k| **k == c).count());
        HonourCounts {
            pool,
            quota,
            honoured,
            tied_honoured: count(tied),
        }
    }
}

impl Ledger {
    /// What the annual report counts of the year's two honour lists (suggestions, deputies):
    /// pools, quotas, honoured and honoured from a tie at the cut. The same rules as
    /// [`Ledger::excellence`], without a row, a reason or a label per candidate: the report of
    /// a large city-year needs the counts of a million candidates, not their list.
    pub(crate) fn honour_counts(&self, year: i32) -> (HonourCounts, HonourCounts) {
        #[cfg(feature = "kept-section-four")]
        if let Some(kept) = self.fresh_kept() {
            let rules = &self.profile.excellence;
            let suggestions = kept.suggestion_honours(year, rules, rules.suggestion_ratio);
            return (suggestions, self.deputy_honours(year));
        }
        (
            self.count_suggestion_honours(year),
            self.deputy_honours(year),
        )
    }

    /// The year's honoured suggestions counted from the items.
    pub(super) fn count_suggestion_honours(&self, year: i32) -> HonourCounts {
        let p = &self.profile;
        let rules = &p.excellence;
        let suggestions = self
            .items
            .values()
            .filter(|it| it.kind == ItemKind::Suggestion && it.year == year)
            .map(|it| {
                let key = suggestion_ineligible(it)
                    .is_none()
                    .then(|| rank_key(merit_points(p, it), &suggestion_tie_breaks(it)));
                (key, it.honoured == Some(year))
            });
        HonourCounts::of(suggestions, rules, rules.suggestion_ratio)
    }

    /// The year's honoured deputies counted against their quota: one selection over every
    /// registered deputy's points.
    fn deputy_honours(&self, year: i32) -> HonourCounts {
        let p = &self.profile;
        let rules = &p.excellence;
        // The directory and the honoured set are both in id order: one merge, no search.
        let mut honoured = self
            .records
            .honoured_deputies(year)
            .into_iter()
            .flatten()
            .peekable();
        let candidates = self
            .directory
            .deputies
            .iter()
            .zip(self.deputy_tallies(year))
            .map(move |((id, d), t)| {
                let key = deputy_ineligible(rules, d)
                    .is_none()
                    .then(|| rank_key(t.total(p), &t.tie_breaks()));
                // Skip the honoured deputies not (or no longer) in the directory.
                while honoured.next_if(|h| *h < id).is_some() {}
                (key, honoured.next_if(|h| *h == id).is_some())
            });
        HonourCounts::of(candidates, rules, rules.deputy_ratio)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::excellence::{RankRow, Ranking, Standing};
    use crate::profile::{Points, Profile};

    fn ppm(v: u32) -> Proportion {
        Proportion::from_ppm(v).unwrap()
    }

    /// The counts the report prints, as the full ranking gives them.
    fn counted_from(r: &Ranking) -> HonourCounts {
        HonourCounts {
            pool: r.pool,
            quota: r.quota,
            honoured: count(r.rows.iter().filter(|x| x.honoured).count()),
            tied_honoured: count(
                r.rows
                    .iter()
                    .filter(|x| x.honoured && x.standing == Standing::TiedAtCut)
                    .count(),
            ),
        }
    }

    proptest::proptest! {
        /// Counting honours without rows (`HonourCounts::of`) agrees with the ranking the
        /// directors' meeting sees (`Ranking::of`), ties at the cut included: scores and
        /// tie-breakers are drawn from few values so that ties are the rule.
        #[test]
        fn honour_counts_agree_with_the_ranking(
            candidates in proptest::collection::vec(
                (0i64..4, 0i64..3, -2i64..0, proptest::bool::weighted(0.8), proptest::bool::ANY),
                0..60,
            ),
            ratio in 0u32..400_000,
            include_ties in proptest::bool::ANY,
            minimum_one in proptest::bool::ANY,
        ) {
            let rules = ExcellenceRules {
                include_ties_at_cut: include_ties,
                minimum_one,
                ..Profile::default().excellence
            };
            let rows: Vec<RankRow> = candidates
                .iter()
                .enumerate()
                .map(|(i, (score, tie, day, eligible, honoured))| RankRow {
                    id: format!("C{i:03}"),
                    name: String::new(),
                    score: Points::whole(*score),
                    rank: 0,
                    standing: Standing::Below,
                    ineligible: (!eligible).then(|| "no".to_owned()),
                    reasons: Vec::new(),
                    tie_breaks: vec![*tie, *day],
                    honoured: *honoured,
                })
                .collect();
            let lean = HonourCounts::of(
                rows.iter().map(|r| {
                    let key = r.ineligible.is_none().then(|| rank_key(r.score, &r.tie_breaks));
                    (key, r.honoured)
                }),
                &rules,
                ppm(ratio),
            );
            let ranking = Ranking::of(rows, count(candidates.len()), &rules, ppm(ratio));
            proptest::prop_assert_eq!(lean, counted_from(&ranking));
        }
    }

    /// On generated city-years (every rule of the default profile, honours decided by the
    /// generator's directors' meeting), the report's counts are those of the rankings.
    #[cfg(feature = "fuzzing")]
    #[test]
    fn honour_counts_agree_with_the_rankings_of_generated_years() {
        use crate::generator::{generate, GeneratorConfig};
        for (n, seed) in [(300, 1), (1200, 7)] {
            let ledger = generate(&GeneratorConfig::scaled(n, seed)).unwrap();
            let ex = ledger.excellence(2022);
            let (suggestions, deputies) = ledger.honour_counts(2022);
            assert!(suggestions.honoured > 0 && deputies.honoured > 0, "{n}");
            assert_eq!(suggestions, counted_from(&ex.suggestions), "{n}");
            assert_eq!(deputies, counted_from(&ex.deputies), "{n}");
        }
    }
}

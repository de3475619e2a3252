//! What the annual report prints of assessment and excellence (the seed's 四) and the
//! tables of third-party evaluation, excellence and unit assessment (SPEC §10).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::CalendarError;
use crate::ledger::Ledger;
use crate::profile::{Label, Proportion, StatisticsRules};
use crate::tables::{table, CountTable, Section};

use super::honours::HonourCounts;

/// One honour list in figures.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HonourFigures {
    /// The profile's ratio, as a percentage without `%` (`10`, `6`).
    pub ratio_percent: String,
    /// The pool (the year's suggestions; all deputies).
    pub pool: u64,
    /// The quota.
    pub quota: u64,
    /// Honoured.
    pub honoured: u64,
    /// Honoured from a tie at the cut line (over the quota, with the tie kept whole).
    pub tied_honoured: u64,
}

/// The year's excellence and unit assessment in figures (section 四).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecognitionFigures {
    /// 优秀建议.
    pub suggestions: HonourFigures,
    /// 优秀代表.
    pub deputies: HonourFigures,
    /// The assessment scheme's name.
    pub scheme: Label,
    /// The template's dimensions, in order.
    pub dimensions: Vec<Label>,
    /// Units assessed.
    pub units: u64,
    /// Units per band, in the profile's order: (id, label, count).
    pub by_band: Vec<(String, Label, u64)>,
    /// Manual scores recorded.
    pub manual_scores: u64,
}

impl RecognitionFigures {
    /// No honour recorded.
    pub fn no_honours(&self) -> bool {
        self.suggestions.honoured == 0 && self.deputies.honoured == 0
    }
}

fn ratio_percent(p: Proportion) -> String {
    // ppm → percent with up to four decimals, trailing zeros dropped.
    let whole = p.ppm() / 10_000;
    let frac = p.ppm() % 10_000;
    if frac == 0 {
        whole.to_string()
    } else {
        format!("{whole}.{}", format!("{frac:04}").trim_end_matches('0'))
    }
}

fn honour_figures(counts: HonourCounts, ratio: Proportion) -> HonourFigures {
    HonourFigures {
        ratio_percent: ratio_percent(ratio),
        pool: counts.pool,
        quota: counts.quota,
        honoured: counts.honoured,
        tied_honoured: counts.tied_honoured,
    }
}

/// The year's units assessed and how many reach each band (section 四 and the report's
/// table of units by grade).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UnitBands {
    /// Units assessed.
    pub(crate) units: u64,
    /// Units per band, in the profile's order.
    pub(crate) by_band: Vec<(String, Label, u64)>,
}

impl Ledger {
    /// The units assessed for `year` by band, duties taken as of `as_of`: from section 四's
    /// kept sums when they are current (`super::kept`), else from the full assessment
    /// ([`Ledger::compute_unit_assessment`]), with the same answer.
    ///
    /// # Errors
    /// `calendar.out_of_range`.
    pub(crate) fn unit_bands(
        &self,
        year: i32,
        as_of: NaiveDate,
    ) -> Result<UnitBands, CalendarError> {
        #[cfg(feature = "kept-section-four")]
        if let Some(kept) = self.fresh_kept() {
            return self.kept_unit_bands(kept, year, as_of);
        }
        let a = self.compute_unit_assessment(year, as_of)?;
        Ok(UnitBands {
            units: u64::try_from(a.units.len()).unwrap_or(u64::MAX),
            by_band: a.by_band,
        })
    }

    /// Section 四 in figures from this ledger as it stands ([`Ledger::recognition_figures`]
    /// reads the view as of `as_of`).
    ///
    /// # Errors
    /// `calendar.out_of_range`.
    pub(crate) fn compute_recognition_figures(
        &self,
        year: i32,
        as_of: NaiveDate,
    ) -> Result<RecognitionFigures, CalendarError> {
        let rules = &self.profile.excellence;
        let (suggestions, deputies) = self.honour_counts(year);
        let assessment = self.unit_bands(year, as_of)?;
        let manual_scores = self
            .records
            .scores
            .iter()
            .filter(|((y, _), _)| *y == year)
            .map(|(_, s)| s.len())
            .sum::<usize>();
        Ok(RecognitionFigures {
            suggestions: honour_figures(suggestions, rules.suggestion_ratio),
            deputies: honour_figures(deputies, rules.deputy_ratio),
            scheme: self.profile.assessment.name.clone(),
            dimensions: self
                .profile
                .assessment
                .dimensions
                .iter()
                .map(|d| d.label.clone())
                .collect(),
            units: assessment.units,
            by_band: assessment.by_band,
            manual_scores: u64::try_from(manual_scores).unwrap_or(u64::MAX),
        })
    }

    /// 第三方评估: the year's selected items by outcome (`not_concluded` last when any are
    /// still open).
    pub(crate) fn third_party_table(&self, year: i32, st: &StatisticsRules) -> Section<CountTable> {
        let f = self.evaluation_figures(year);
        if f.selected == 0 {
            return Section::NotInLedger;
        }
        let concluded: u64 = f.outcomes.iter().map(|o| o.items).sum();
        let open = Label::new("尚未得出结论", "not yet concluded");
        let mut rows: Vec<(&str, &Label, u64)> = f
            .outcomes
            .iter()
            .map(|o| (o.outcome.as_str(), &o.label, o.items))
            .collect();
        if concluded < f.selected {
            rows.push(("not_concluded", &open, f.selected.saturating_sub(concluded)));
        }
        Section::InLedger(table(
            "third_party",
            Label::new("第三方评估结论", "third-party evaluation outcomes"),
            Label::new("占评估建议", "of evaluated items"),
            f.selected,
            &rows,
            st,
        ))
    }

    /// 优秀建议 (honoured of the year's suggestions) and 优秀代表 (honoured of all deputies).
    pub(crate) fn honour_tables(
        &self,
        year: i32,
        st: &StatisticsRules,
    ) -> (Section<CountTable>, Section<CountTable>) {
        let (suggestions, deputies) = self.honour_counts(year);
        let suggestions = honour_table(
            &suggestions,
            "excellence",
            Label::new("优秀建议", "excellent suggestions"),
            Label::new("占建议总数", "of the year's suggestions"),
            &Label::new("其他建议", "other suggestions"),
            st,
        );
        let deputies = honour_table(
            &deputies,
            "excellent_deputies",
            Label::new("优秀代表", "excellent deputies"),
            Label::new("占代表总数", "of all deputies"),
            &Label::new("其他代表", "other deputies"),
            st,
        );
        (suggestions, deputies)
    }

    /// 承办单位考核: units per band.
    ///
    /// # Errors
    /// `calendar.out_of_range`.
    pub(crate) fn unit_assessment_table(
        &self,
        year: i32,
        as_of: NaiveDate,
        st: &StatisticsRules,
    ) -> Result<Section<CountTable>, CalendarError> {
        let a = self.unit_bands(year, as_of)?;
        let scored = self.records.scores.keys().any(|(y, _)| *y == year);
        if a.units == 0 || !scored {
            return Ok(Section::NotInLedger);
        }
        let rows: Vec<(&str, &Label, u64)> = a
            .by_band
            .iter()
            .map(|(id, label, n)| (id.as_str(), label, *n))
            .collect();
        Ok(Section::InLedger(table(
            "unit_assessment",
            Label::new("承办单位考核等次", "handling units by grade"),
            Label::new("占参评单位", "of units assessed"),
            a.units,
            &rows,
            st,
        )))
    }
}

/// Honoured against the rest of the pool, or `NotInLedger` when nobody is honoured.
fn honour_table(
    r: &HonourCounts,
    id: &str,
    title: Label,
    of: Label,
    others: &Label,
    st: &StatisticsRules,
) -> Section<CountTable> {
    let honoured = r.honoured;
    if honoured == 0 {
        return Section::NotInLedger;
    }
    let yes = title.clone();
    Section::InLedger(table(
        id,
        title,
        of,
        r.pool,
        &[
            ("honoured", &yes, honoured),
            ("others", others, r.pool.saturating_sub(honoured)),
        ],
        st,
    ))
}

//! 年度办理工作总结 (the annual summary, SPEC §10): the seed document regenerated from a
//! ledger, in Chinese or English, from the year's figures and the dated facts behind them.
//! Parts whose facts a ledger does not hold (no key item chosen, no evaluation, no honour)
//! say so plainly rather than inventing numbers. Training deputies and printing guides
//! (the seed's 一) are outside the ledger and are said to be.

mod annual_en;
mod annual_zh;
mod appendix;
pub mod charts;
pub mod document;
#[cfg(feature = "docx")]
pub mod docx;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

pub use charts::Chart;
pub use document::{Block, Document, Format, Lang, Table};

use crate::assessment::report::RecognitionFigures;
use crate::calendar::CalendarError;
use crate::evaluation::EvaluationFigures;
use crate::figures::YearFigures;
use crate::ledger::Ledger;
use crate::supervision::SupervisionFigures;
use crate::tables::Change;
use crate::vocab::{DisputeStep, ItemKind, MotionDecision};

/// A form the summary renders to, and what that form is made of: [`Format`]'s text forms
/// give a `String`; `Format::docx(&fonts)` gives the `.docx` bytes (feature `docx`).
pub trait Rendering {
    /// What the rendering gives.
    type Output;
    /// `summary` in `lang`, in this form.
    fn render(self, summary: &AnnualSummary, lang: Lang) -> Self::Output;
}

impl Rendering for Format {
    type Output = String;

    fn render(self, summary: &AnnualSummary, lang: Lang) -> String {
        match self {
            Format::Text | Format::Markdown => summary.document(lang).render(self),
            Format::Html => summary.document_with_appendix(lang).render(self),
        }
    }
}

/// The facts the summary's sentences need beyond the figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryFacts {
    /// The year's session: (届, 次), when there is one.
    pub session: Option<(u32, u32)>,
    /// Titles of motions sent to the standing committee.
    pub motions_to_standing_committee: Vec<String>,
    /// Most pre-assignment rounds any item had.
    pub pre_assignment_rounds: u32,
    /// Dates of coordination meetings that settled disputes (疑难件).
    pub coordination_meetings: Vec<NaiveDate>,
    /// Disputes settled.
    pub disputes_settled: u64,
    /// Dates of follow-up (二次答复) notices of the year.
    pub follow_up_notices: Vec<NaiveDate>,
    /// The session the rolled-over items came from: (届, 次).
    pub rollover_from: Option<(u32, u32)>,
    /// Committees whose liaised units handle the year's items (对口督办).
    #[serde(default)]
    pub counterpart_committees: u64,
    /// Titles of up to three rolled-over items whose latest class is resolved.
    pub rollover_examples: Vec<String>,
}

/// The annual summary: figures plus the facts for its sentences.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualSummary {
    /// The figures.
    pub figures: YearFigures,
    /// The facts.
    pub facts: SummaryFacts,
    /// Key supervision, activities and leader-led items (section 二).
    #[serde(default)]
    pub supervision: SupervisionFigures,
    /// Third-party evaluation (section 三.3).
    #[serde(default)]
    pub evaluation: EvaluationFigures,
    /// Honours and the unit assessment (section 四).
    #[serde(default)]
    pub recognition: RecognitionFigures,
    /// The year before's figures (同比), when the ledger holds that year's session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<YearFigures>,
    /// Each rate's change from the year before, in percentage points (同比变化).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub year_on_year: Vec<Change>,
}

impl AnnualSummary {
    /// The summary as headings and paragraphs in `lang` (the seed's structure).
    pub fn document(&self, lang: Lang) -> Document {
        match lang {
            Lang::Zh => annual_zh::document(self),
            Lang::En => annual_en::document(self),
        }
    }

    /// The summary followed by the figures' appendix (附件：数据图表): every chart with the
    /// table it is drawn from.
    pub fn document_with_appendix(&self, lang: Lang) -> Document {
        let mut doc = self.document(lang);
        appendix::append(self, &mut doc);
        doc
    }

    /// The summary's charts, each with the table beside it, in the appendix's order.
    pub fn charts(&self, lang: Lang) -> Vec<(Chart, Table)> {
        appendix::charts(self, lang)
    }

    /// The summary in `lang` and `format`; byte-identical for identical inputs. Text and
    /// Markdown are the summary alone; HTML carries the figures' appendix with its charts
    /// inline. A [`Format`] gives a `String`; `Format::docx(&fonts)` (feature `docx`) gives
    /// the Word document's bytes ([`AnnualSummary::render_docx`]).
    pub fn render<R: Rendering>(&self, lang: Lang, format: R) -> R::Output {
        format.render(self, lang)
    }

    /// Plain Chinese text in the seed's structure.
    pub fn render_zh(&self) -> String {
        self.render(Lang::Zh, Format::Text)
    }
}

impl Ledger {
    /// The annual summary of work year `year` from this ledger as it stands
    /// ([`Ledger::annual_summary`] reads the view as of `as_of`).
    ///
    /// # Errors
    /// `calendar.out_of_range`.
    pub(crate) fn compute_annual_summary(
        &self,
        year: i32,
        as_of: NaiveDate,
        threads: std::num::NonZeroUsize,
    ) -> Result<AnnualSummary, CalendarError> {
        // Section 四 (honours, the unit assessment's bands) on a thread of its own when there
        // are two: it is half the summary's time, the passes over the items the other half.
        let ((figures, facts, supervision, evaluation), recognition) = crate::shares::both(
            threads,
            || {
                (
                    self.compute_year_figures(year, as_of),
                    self.summary_facts(year),
                    self.supervision_figures(year),
                    self.evaluation_figures(year),
                )
            },
            || self.compute_recognition_figures(year, as_of),
        );
        Ok(AnnualSummary {
            previous: None,
            year_on_year: Vec::new(),
            figures: figures?,
            facts,
            supervision,
            evaluation,
            recognition: recognition?,
        })
    }

    /// Adds the year before's figures and the year-on-year change to `summary` when this
    /// ledger holds a session of that year; the year before is read as the ledger knew it
    /// at its end (or at `as_of`, if earlier).
    pub(crate) fn add_year_before(
        &self,
        summary: &mut AnnualSummary,
        as_of: NaiveDate,
    ) -> Result<(), crate::Error> {
        let Some(before) = summary.figures.year.checked_sub(1) else {
            return Ok(());
        };
        if !self.directory.sessions.values().any(|s| s.year() == before) {
            return Ok(());
        }
        let Some(end) = NaiveDate::from_ymd_opt(before, 12, 31).map(|d| d.min(as_of)) else {
            return Ok(());
        };
        let previous = self.year_figures(before, end)?;
        summary.year_on_year =
            crate::tables::year_on_year(&previous, &summary.figures, &self.profile.statistics);
        summary.previous = Some(previous);
        Ok(())
    }

    fn summary_facts(&self, year: i32) -> SummaryFacts {
        let session = self
            .directory
            .sessions
            .values()
            .filter(|s| s.year() == year)
            .min_by_key(|s| s.opens)
            .map(|s| (s.term, s.number));
        let mut facts = SummaryFacts {
            session,
            motions_to_standing_committee: Vec::new(),
            pre_assignment_rounds: 0,
            coordination_meetings: Vec::new(),
            disputes_settled: 0,
            follow_up_notices: Vec::new(),
            rollover_from: None,
            rollover_examples: Vec::new(),
            counterpart_committees: 0,
        };
        let mut committees = std::collections::BTreeSet::new();
        for it in self.items.values() {
            if it.kind == ItemKind::Motion && it.year == year {
                if let Some(MotionDecision::ToStandingCommittee) = it.motion_decision {
                    facts
                        .motions_to_standing_committee
                        .push(it.text.title.clone());
                }
                continue;
            }
            if it.year == year {
                committees.extend(it.handlers.keys().filter_map(|u| {
                    self.directory
                        .units
                        .get(u)
                        .and_then(|u| u.liaison_committee.as_ref())
                }));
                let rounds = u32::try_from(it.pre_assignments.len()).unwrap_or(u32::MAX);
                facts.pre_assignment_rounds = facts.pre_assignment_rounds.max(rounds);
                if let Some((step, on)) = it.dispute.as_ref().and_then(|d| d.settled) {
                    facts.disputes_settled = facts.disputes_settled.saturating_add(1);
                    if step == DisputeStep::Coordination
                        && !facts.coordination_meetings.contains(&on)
                    {
                        facts.coordination_meetings.push(on);
                    }
                }
                for on in &it.follow_ups {
                    if on.year() == year && !facts.follow_up_notices.contains(on) {
                        facts.follow_up_notices.push(*on);
                    }
                }
            } else if it.rolled_into.contains(&year) {
                if facts.rollover_from.is_none() {
                    facts.rollover_from = self
                        .directory
                        .sessions
                        .get(&it.session)
                        .map(|s| (s.term, s.number));
                }
                let resolved = it
                    .latest_class(&self.profile.results)
                    .and_then(|c| self.profile.class(c))
                    .is_some_and(|c| c.meaning == crate::profile::ResultMeaning::Resolved);
                if resolved && facts.rollover_examples.len() < 3 {
                    facts.rollover_examples.push(it.text.title.clone());
                }
            }
        }
        facts.counterpart_committees = u64::try_from(committees.len()).unwrap_or(u64::MAX);
        facts.coordination_meetings.sort();
        facts.follow_up_notices.sort();
        facts
    }
}

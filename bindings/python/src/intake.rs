//! `jianyi.Screener`: the intake checks (SPEC §5) for Python — classification, routing with
//! reasons, motion qualification, exclusion flags, the draft check and similar items. Every
//! rule is the core's `jianyi_core::intake`; this file converts arguments and answers.

use jianyi_core::intake::{IndexedText, PastItem, Screener, SimilarityIndex, Submission};
use jianyi_core::ItemId;
use jianyi_export::Column;
use pyo3::prelude::*;

use crate::convert::to_py;
use crate::errors::{guard, malformed, IntoPyResult};
use crate::profile::PyProfile;
use crate::tables::PyTable;

/// A profile's screening rules compiled once, applied to any number of items. Immutable.
#[pyclass(module = "jianyi._core", name = "Screener", frozen)]
#[derive(Debug)]
pub(crate) struct PyScreener {
    inner: Screener,
    /// The profile's id, for `repr`.
    profile: String,
}

fn submission(
    title: &str,
    body: &str,
    proposed_unit: Option<String>,
    signers: u32,
    by_delegation: bool,
) -> Submission {
    Submission {
        proposed_unit,
        signers,
        by_delegation,
        ..Submission::new(title, body)
    }
}

#[pymethods]
impl PyScreener {
    /// The screener of `profile` (default: the `seed-city` preset).
    #[new]
    #[pyo3(signature = (profile = None))]
    fn new(py: Python<'_>, profile: Option<PyRef<'_, PyProfile>>) -> PyResult<Self> {
        let profile = profile.map_or_else(jianyi_core::Profile::default, |p| p.inner.clone());
        guard(py, || {
            Screener::new(&profile).py(py).map(|inner| PyScreener {
                inner,
                profile: profile.id.clone(),
            })
        })
    }

    /// The screener of `ledger`: routes to the units of its directory, each recognised by its
    /// department kind from its name, and learns from the ledger's history which units
    /// handled earlier items with the same terms.
    #[staticmethod]
    fn for_ledger(py: Python<'_>, ledger: &Bound<'_, crate::ledger::PyLedger>) -> PyResult<Self> {
        let held = ledger.try_borrow()?;
        let ledger = held.ledger(py)?;
        guard(py, || {
            Screener::for_ledger(ledger).py(py).map(|inner| PyScreener {
                inner,
                profile: ledger.profile().id.clone(),
            })
        })
    }

    /// A new screener that has also learnt from earlier items kept outside the ledger (a
    /// former system's records): `(title, body, [final lead unit ids])` each, as
    /// `for_ledger` learns from the ledger's own. Items naming no unit it routes to teach
    /// nothing.
    fn learning_from(&self, py: Python<'_>, past: Vec<(String, String, Vec<String>)>) -> Self {
        let past: Vec<PastItem> = past
            .into_iter()
            .map(|(title, body, leads)| PastItem { title, body, leads })
            .collect();
        py.detach(|| {
            let mut inner = self.inner.clone();
            inner.learn_from(&past);
            PyScreener {
                inner,
                profile: self.profile.clone(),
            }
        })
    }

    /// How many duty terms the screener's history holds evidence for (0 unless built by
    /// `for_ledger` or `learning_from`).
    fn history_terms(&self) -> usize {
        self.inner.history_terms()
    }

    /// The department kind (部门类型) a unit of this name is, e.g. `water`; `None` when its
    /// name tells none.
    fn unit_kind(&self, name: &str) -> Option<String> {
        self.inner.unit_kind(name).map(str::to_owned)
    }

    /// The units routed to: `(id, name, kind)` tuples (kind `None` when unrecognised).
    fn units(&self) -> Vec<(String, String, Option<String>)> {
        self.inner
            .units()
            .map(|(id, name, kind)| (id.to_owned(), name.to_owned(), kind.map(str::to_owned)))
            .collect()
    }

    /// 分类: the topic with its score, the runner-up and the matched terms.
    #[pyo3(signature = (title, body = "", proposed_unit = None, signers = 1, by_delegation = false))]
    fn classify<'py>(
        &self,
        py: Python<'py>,
        title: &str,
        body: &str,
        proposed_unit: Option<String>,
        signers: u32,
        by_delegation: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let s = submission(title, body, proposed_unit, signers, by_delegation);
        guard(py, || to_py(py, &self.inner.classify(&s)))
    }

    /// 交办建议: lead and co units with scores and reasons, the systems concerned, and a
    /// difficulty (疑难件) when no unit or a tie.
    #[pyo3(signature = (title, body = "", proposed_unit = None, signers = 1, by_delegation = false))]
    fn route<'py>(
        &self,
        py: Python<'py>,
        title: &str,
        body: &str,
        proposed_unit: Option<String>,
        signers: u32,
        by_delegation: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let s = submission(title, body, proposed_unit, signers, by_delegation);
        guard(py, || to_py(py, &self.inner.route(&s)))
    }

    /// The routing answer as the actions the office would record for `item`: a
    /// `pre_assign` with the units, or a `raise_dispute` for a difficult item (command
    /// `action` dicts for `Ledger.execute`).
    #[pyo3(signature = (item, title, body = "", proposed_unit = None, signers = 1, by_delegation = false))]
    #[expect(
        clippy::too_many_arguments,
        reason = "the submission's fields as keywords"
    )]
    fn route_actions<'py>(
        &self,
        py: Python<'py>,
        item: &str,
        title: &str,
        body: &str,
        proposed_unit: Option<String>,
        signers: u32,
        by_delegation: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let s = submission(title, body, proposed_unit, signers, by_delegation);
        guard(py, || {
            let id = ItemId::new(item).py(py)?;
            to_py(py, &self.inner.route(&s).actions(&id))
        })
    }

    /// 议案 or 建议: whether a text qualifies as a motion, with the reasons.
    #[pyo3(signature = (title, body = "", proposed_unit = None, signers = 1, by_delegation = false))]
    fn qualify_motion<'py>(
        &self,
        py: Python<'py>,
        title: &str,
        body: &str,
        proposed_unit: Option<String>,
        signers: u32,
        by_delegation: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let s = submission(title, body, proposed_unit, signers, by_delegation);
        guard(py, || to_py(py, &self.inner.qualify_motion(&s)))
    }

    /// 不作为建议: exclusion flags with the evidence that raised each.
    #[pyo3(signature = (title, body = ""))]
    fn exclusions<'py>(
        &self,
        py: Python<'py>,
        title: &str,
        body: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let s = Submission::new(title, body);
        guard(py, || to_py(py, &self.inner.exclusions(&s)))
    }

    /// 质量检查: a 0–100 score and fixes in Chinese and English.
    #[pyo3(signature = (title, body = ""))]
    fn check_draft<'py>(
        &self,
        py: Python<'py>,
        title: &str,
        body: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let s = Submission::new(title, body);
        guard(py, || to_py(py, &self.inner.check_draft(&s)))
    }

    /// Routes many items at once: `items` is an iterable of `(id, title, body)`; one row
    /// per item with the topic, lead and co units, the systems and any difficulty.
    fn route_table(
        &self,
        py: Python<'_>,
        items: Vec<(String, String, String)>,
    ) -> PyResult<PyTable> {
        guard(py, || {
            let n = items.len();
            let mut id = Vec::with_capacity(n);
            let mut topic = Vec::with_capacity(n);
            let mut lead = Vec::with_capacity(n);
            let mut co = Vec::with_capacity(n);
            let mut score = Vec::with_capacity(n);
            let mut difficulty = Vec::with_capacity(n);
            let answers = py.detach(|| {
                items
                    .iter()
                    .map(|(_, t, b)| self.inner.route(&Submission::new(t, b)))
                    .collect::<Vec<_>>()
            });
            for ((item, _, _), a) in items.into_iter().zip(answers) {
                id.push(Some(item));
                topic.push(Some(a.classification.top.topic.clone()));
                lead.push(a.lead.as_ref().map(|c| c.unit.clone()));
                score.push(a.lead.as_ref().map(|c| i64::from(c.score)));
                co.push(a.co.iter().map(|c| c.unit.clone()).collect());
                difficulty.push(
                    a.difficulty
                        .as_ref()
                        .map(jianyi_core::intake::Difficulty::describe),
                );
            }
            Ok(PyTable::build(
                n,
                vec![
                    ("item", Column::Str(id)),
                    ("topic", Column::Str(topic)),
                    ("lead", Column::Str(lead)),
                    ("lead_score", Column::Int(score)),
                    ("co", Column::StrList(co)),
                    ("difficulty", Column::Str(difficulty)),
                ],
            ))
        })
    }

    /// 并案 / 重复提出: similar pairs among `items` (`(id, year, text)`), each with its score
    /// and the shared n-grams that explain it.
    fn similar<'py>(
        &self,
        py: Python<'py>,
        items: Vec<(String, i32, String)>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            if let Some((id, _, _)) = items.iter().find(|(id, _, _)| id.trim().is_empty()) {
                return Err(malformed(
                    py,
                    "similar",
                    format!("an item id is empty: {id:?}"),
                ));
            }
            let rules = &self.inner.rules().similarity;
            let candidates = py.detach(|| {
                let texts =
                    items
                        .into_iter()
                        .map(|(id, year, text)| IndexedText { id, year, text });
                SimilarityIndex::build(rules, texts).candidates()
            });
            to_py(py, &candidates)
        })
    }

    fn __repr__(&self) -> String {
        format!("Screener(profile={:?})", self.profile)
    }
}

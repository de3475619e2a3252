//! `Screener` and `SimilarityIndex`: intake intelligence (SPEC §5) as typed records.
//!
//! A deputy's app classifies a draft, checks it, and finds similar earlier items offline
//! ([`Screener::for_deputy`], [`SimilarityIndex`]); the phone library carries that much. The
//! secretariat's routing with its reasons ([`Screener::route`], [`Screener::for_ledger`],
//! [`Screener::for_preset`]) needs the table of department kinds, and is in the `server`
//! feature (the default; the phone build leaves it out to stay within SPEC §13's 3 MiB).
//!
//! A deputy's text crosses as record fields, never spliced into JSON.

use std::sync::Arc;

use jianyi_core::intake as core;
use jianyi_core::Profile;

use crate::errors::JianyiError;
use crate::types::{code_of, non_negative, signed};

/// 待审查的建议或议案: an item as a deputy wrote it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Draft {
    /// 标题.
    pub title: String,
    /// 正文.
    pub body: String,
    /// 建议承办单位: the unit the deputy proposes (an id or a name), if any.
    #[uniffi(default = None)]
    pub proposed_unit: Option<String>,
    /// 联名人数 (signers, the lead included; at least 1).
    #[uniffi(default = 1)]
    pub signers: i32,
    /// 以代表团名义 (submitted by a delegation).
    #[uniffi(default = false)]
    pub by_delegation: bool,
}

impl Draft {
    fn submission(&self) -> Result<core::Submission, JianyiError> {
        Ok(core::Submission {
            title: self.title.clone(),
            body: self.body.clone(),
            proposed_unit: self.proposed_unit.clone(),
            signers: non_negative("signers", self.signers)?,
            by_delegation: self.by_delegation,
        })
    }
}

/// A reason with its stable code, in Chinese and English (理由).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReasonRecord {
    /// Stable code, e.g. `unit.duties`.
    pub code: String,
    /// 中文说明.
    pub zh: String,
    /// English.
    pub en: String,
}

impl From<core::Reason> for ReasonRecord {
    fn from(r: core::Reason) -> Self {
        ReasonRecord {
            code: r.code,
            zh: r.zh,
            en: r.en,
        }
    }
}

fn reasons(list: Vec<core::Reason>) -> Vec<ReasonRecord> {
    list.into_iter().map(ReasonRecord::from).collect()
}

/// A term that matched, with its weight and occurrences.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct MatchedTermRecord {
    /// The term.
    pub term: String,
    /// Its weight in the rule.
    pub weight: i64,
    /// Occurrences in the title.
    pub in_title: i64,
    /// Occurrences in the body.
    pub in_body: i64,
}

fn terms(list: Vec<core::MatchedTerm>) -> Vec<MatchedTermRecord> {
    list.into_iter()
        .map(|t| MatchedTermRecord {
            term: t.term,
            weight: i64::from(t.weight),
            in_title: i64::from(t.in_title),
            in_body: i64::from(t.in_body),
        })
        .collect()
}

/// 分类得分: one topic's score and the terms behind it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TopicScoreRecord {
    /// Topic id.
    pub topic: String,
    /// 中文 label.
    pub label: String,
    /// Σ weight × strength.
    pub score: i64,
    /// The terms that matched, strongest first.
    pub terms: Vec<MatchedTermRecord>,
}

impl From<core::TopicScore> for TopicScoreRecord {
    fn from(t: core::TopicScore) -> Self {
        TopicScoreRecord {
            topic: t.topic,
            label: t.label,
            score: i64::from(t.score),
            terms: terms(t.terms),
        }
    }
}

/// 分类结果: the chosen topic and every topic with a positive score, best first.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ClassificationRecord {
    /// The chosen topic (the fallback topic with no terms when nothing matched).
    pub top: TopicScoreRecord,
    /// Every topic with a positive score, best first.
    pub ranked: Vec<TopicScoreRecord>,
}

impl From<core::Classification> for ClassificationRecord {
    fn from(c: core::Classification) -> Self {
        ClassificationRecord {
            top: c.top.into(),
            ranked: c.ranked.into_iter().map(TopicScoreRecord::from).collect(),
        }
    }
}

/// 草稿质量提示: one fix the draft needs, with the points it costs.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DraftFixRecord {
    /// Stable code.
    pub code: String,
    /// Points it costs.
    pub points: i64,
    /// 中文.
    pub zh: String,
    /// English.
    pub en: String,
}

/// 草稿检查: a score out of 100 and the fixes.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DraftReportRecord {
    /// Score (100 = nothing to fix).
    pub score: i64,
    /// What to fix.
    pub fixes: Vec<DraftFixRecord>,
}

/// 不予立案情形的提示: a suspected exclusion with its evidence (a flag for a person).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ExclusionFlagRecord {
    /// The reason's code (`outside_jurisdiction`, `personal_matter` …).
    pub reason: String,
    /// 中文 label.
    pub label: String,
    /// Each matched term in its context, or the measurement.
    pub evidence: Vec<String>,
}

/// 议案审查: whether a motion qualifies, with what passed and what failed.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct MotionQualificationRecord {
    /// `qualifies` or `should_convert`.
    pub verdict: String,
    /// Each check, with its code.
    pub reasons: Vec<ReasonRecord>,
}

/// 候选承办单位: a candidate unit with its score and reasons.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct UnitCandidateRecord {
    /// Unit id.
    pub unit: String,
    /// Unit name.
    pub name: String,
    /// Its system (`government`, `court` …).
    pub system: String,
    /// Its department kind, when its name tells one.
    pub kind: Option<String>,
    /// Total score.
    pub score: i64,
    /// Its terms that matched.
    pub terms: Vec<MatchedTermRecord>,
    /// Why it is a candidate, one reason per signal.
    pub reasons: Vec<ReasonRecord>,
}

impl From<core::UnitCandidate> for UnitCandidateRecord {
    fn from(c: core::UnitCandidate) -> Self {
        UnitCandidateRecord {
            system: code_of(&c.system),
            unit: c.unit,
            name: c.name,
            kind: c.kind,
            score: i64::from(c.score),
            terms: terms(c.terms),
            reasons: reasons(c.reasons),
        }
    }
}

/// 路由结果: the topic, the proposed lead and co-handlers, the candidates, and whether the
/// item needs the coordination meeting.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RoutingRecord {
    /// The topic classification it rests on.
    pub classification: ClassificationRecord,
    /// 主办: the proposed lead (none for a difficult item).
    pub lead: Option<UnitCandidateRecord>,
    /// 协办/会办: proposed co-handlers.
    pub co: Vec<UnitCandidateRecord>,
    /// The strongest candidates, best first.
    pub candidates: Vec<UnitCandidateRecord>,
    /// 疑难件: `no_candidate` or `tie`, when the item needs the coordination meeting.
    pub difficulty: Option<String>,
    /// The tied units, for a tie.
    pub tied: Vec<String>,
    /// The reason recorded when the dispute is raised (empty when none).
    pub difficulty_reason: String,
}

impl From<core::RoutingAnswer> for RoutingRecord {
    fn from(a: core::RoutingAnswer) -> Self {
        let (difficulty, tied, difficulty_reason) = match &a.difficulty {
            None => (None, Vec::new(), String::new()),
            Some(d @ core::Difficulty::NoCandidate) => {
                (Some("no_candidate".to_owned()), Vec::new(), d.describe())
            }
            Some(d @ core::Difficulty::Tie { units, .. }) => {
                (Some("tie".to_owned()), units.clone(), d.describe())
            }
        };
        RoutingRecord {
            classification: a.classification.into(),
            lead: a.lead.map(UnitCandidateRecord::from),
            co: a.co.into_iter().map(UnitCandidateRecord::from).collect(),
            candidates: a
                .candidates
                .into_iter()
                .map(UnitCandidateRecord::from)
                .collect(),
            difficulty,
            tied,
            difficulty_reason,
        }
    }
}

/// 受理审查器: a profile's screening rules compiled once, then applied to any number of items.
#[derive(Debug, uniffi::Object)]
pub struct Screener {
    inner: core::Screener,
}

#[uniffi::export]
impl Screener {
    /// The deputy's screener under a bundled preset: classification, the draft check, motion
    /// qualification and the exclusion checks, offline; it routes nowhere.
    #[uniffi::constructor]
    pub fn for_deputy(preset: String) -> Result<Arc<Screener>, JianyiError> {
        let profile = Profile::preset(&preset)?;
        Ok(Arc::new(Screener {
            inner: core::Screener::for_deputy(&profile)?,
        }))
    }

    /// As [`Screener::for_deputy`], under a profile given as JSON.
    #[uniffi::constructor]
    pub fn for_deputy_with_profile_json(
        profile_json: String,
    ) -> Result<Arc<Screener>, JianyiError> {
        let profile = Profile::from_json(&profile_json)?;
        Ok(Arc::new(Screener {
            inner: core::Screener::for_deputy(&profile)?,
        }))
    }

    /// 分类: the item's topics, ranked, each with its matched terms.
    pub fn classify(&self, draft: Draft) -> Result<ClassificationRecord, JianyiError> {
        Ok(self.inner.classify(&draft.submission()?).into())
    }

    /// 草稿检查: what the draft lacks (a problem, an analysis, a concrete proposal) and
    /// its vague wording, with a score.
    pub fn check_draft(&self, draft: Draft) -> Result<DraftReportRecord, JianyiError> {
        let r = self.inner.check_draft(&draft.submission()?);
        Ok(DraftReportRecord {
            score: i64::from(r.score),
            fixes: r
                .fixes
                .into_iter()
                .map(|f| DraftFixRecord {
                    code: f.code,
                    points: i64::from(f.points),
                    zh: f.zh,
                    en: f.en,
                })
                .collect(),
        })
    }

    /// 不予立案情形: suspected exclusions, each with its evidence (flags, never a refusal).
    pub fn exclusions(&self, draft: Draft) -> Result<Vec<ExclusionFlagRecord>, JianyiError> {
        Ok(self
            .inner
            .exclusions(&draft.submission()?)
            .into_iter()
            .map(|f| ExclusionFlagRecord {
                reason: code_of(&f.reason),
                label: f.label,
                evidence: f.evidence,
            })
            .collect())
    }

    /// 议案审查: whether a motion qualifies (signers, cause, basis, plan, competence).
    pub fn qualify_motion(&self, draft: Draft) -> Result<MotionQualificationRecord, JianyiError> {
        let q = self.inner.qualify_motion(&draft.submission()?);
        Ok(MotionQualificationRecord {
            verdict: code_of(&q.verdict),
            reasons: reasons(q.reasons),
        })
    }
}

/// A unit as routing sees it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RoutedUnitRecord {
    /// Unit id.
    pub id: String,
    /// Unit name.
    pub name: String,
    /// Its department kind, recognised from its name.
    pub kind: Option<String>,
}

/// 往年办理记录: an earlier item kept outside the ledger, with its final lead units.
#[cfg(feature = "server")]
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PastItemRecord {
    /// 标题.
    pub title: String,
    /// 正文 (may be empty).
    pub body: String,
    /// The final lead units' ids.
    pub leads: Vec<String>,
}

#[cfg(feature = "server")]
#[uniffi::export]
impl Screener {
    /// 交办路由: the lead and co-handlers with every reason (a deputy's screener has no
    /// units: the answer is `no_candidate`).
    pub fn route(&self, draft: Draft) -> Result<RoutingRecord, JianyiError> {
        Ok(self.inner.route(&draft.submission()?).into())
    }

    /// The routing answer as the actions the office would record for `item`: a `PreAssign`
    /// with the units, or a `RaiseDispute` for a difficult item (疑难件); none when no unit
    /// is known. Ready for `Ledger.executeCommand`.
    pub fn route_actions(
        &self,
        item: String,
        draft: Draft,
    ) -> Result<Vec<crate::ActionRecord>, JianyiError> {
        let id: jianyi_core::ItemId = crate::types::parse_id(&item)?;
        self.inner
            .route(&draft.submission()?)
            .actions(&id)
            .iter()
            .map(routed_action)
            .collect()
    }

    /// A new screener that has also learnt from earlier items kept outside the ledger (a
    /// former system's records), as `for_ledger` learns from the ledger's own. Items
    /// naming no unit it routes to teach nothing.
    pub fn learning_from(&self, past: Vec<PastItemRecord>) -> Arc<Screener> {
        let past: Vec<core::PastItem> = past
            .into_iter()
            .map(|p| core::PastItem {
                title: p.title,
                body: p.body,
                leads: p.leads,
            })
            .collect();
        let mut inner = self.inner.clone();
        inner.learn_from(&past);
        Arc::new(Screener { inner })
    }

    /// How many duty terms the screener's history holds evidence for (0 unless built by
    /// `for_ledger` or `learning_from`).
    pub fn history_terms(&self) -> i64 {
        crate::types::signed(self.inner.history_terms())
    }

    /// The units routed to: (id, name, kind) records.
    pub fn units(&self) -> Result<Vec<RoutedUnitRecord>, JianyiError> {
        Ok(self
            .inner
            .units()
            .map(|(id, name, kind)| RoutedUnitRecord {
                id: id.to_owned(),
                name: name.to_owned(),
                kind: kind.map(str::to_owned),
            })
            .collect())
    }

    /// The secretariat's screener under a bundled preset: routes to the profile's own unit
    /// table, each unit also given its department kind's duties.
    #[uniffi::constructor]
    pub fn for_preset(preset: String) -> Result<Arc<Screener>, JianyiError> {
        let profile = Profile::preset(&preset)?;
        Ok(Arc::new(Screener {
            inner: core::Screener::new(&profile)?,
        }))
    }

    /// Routes to the ledger's directory (every unit by its kind, recognised from its name)
    /// and learns from its history: which units handled earlier items with the same terms.
    #[uniffi::constructor]
    pub fn for_ledger(ledger: Arc<crate::Ledger>) -> Result<Arc<Screener>, JianyiError> {
        let state = ledger.snapshot()?;
        Ok(Arc::new(Screener {
            inner: core::Screener::for_ledger(&state)?,
        }))
    }
}

/// A routing action as the typed command action (routing answers with these two only).
#[cfg(feature = "server")]
fn routed_action(action: &jianyi_core::Action) -> Result<crate::ActionRecord, JianyiError> {
    use jianyi_core::Action;
    match action {
        Action::PreAssign { item, units } => Ok(crate::ActionRecord::PreAssign {
            item: item.to_string(),
            units: units.iter().map(ToString::to_string).collect(),
        }),
        Action::RaiseDispute { item, reason } => Ok(crate::ActionRecord::RaiseDispute {
            item: item.to_string(),
            reason: reason.clone(),
        }),
        other => Err(JianyiError::internal(
            "a routing action",
            &format!(
                "routing answered with {}",
                crate::types::to_json("action", other)?
            ),
        )),
    }
}

/// The department kind a unit named `name` is (`education`, `traffic_police` …), from the
/// national table of kinds; none when the name tells no kind.
#[cfg(feature = "server")]
#[uniffi::export]
pub fn unit_kind(name: String) -> Result<Option<String>, JianyiError> {
    let kinds = jianyi_core::profile::unit_kinds::national();
    Ok(jianyi_core::profile::unit_kinds::recognise(&kinds, &name).map(|k| k.id.clone()))
}

/// An item's text for the similarity index.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct IndexedTextRecord {
    /// Item id.
    pub id: String,
    /// Its session year.
    pub year: i32,
    /// Title and body.
    pub text: String,
}

/// 相似件候选: a pair with its score and the shared n-grams that explain it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct MergeCandidateRecord {
    /// The later (or first-indexed) item.
    pub a: String,
    /// The other item.
    pub b: String,
    /// `same_year` (并案) or `earlier_year` (重复提出).
    pub kind: String,
    /// Similarity in millionths.
    pub score_ppm: i64,
    /// Shared n-grams, rarest first.
    pub shared: Vec<String>,
}

fn merge_records(list: Vec<core::MergeCandidate>) -> Vec<MergeCandidateRecord> {
    list.into_iter()
        .map(|c| MergeCandidateRecord {
            kind: code_of(&c.kind),
            a: c.a,
            b: c.b,
            score_ppm: i64::from(c.score.ppm()),
            shared: c.shared,
        })
        .collect()
}

/// 相似件检索: an index of earlier items' texts, for 并案 and 重复提出 checks offline.
#[derive(Debug, uniffi::Object)]
pub struct SimilarityIndex {
    inner: core::SimilarityIndex,
}

#[uniffi::export]
impl SimilarityIndex {
    /// Indexes `items` under a bundled preset's similarity rules.
    #[uniffi::constructor]
    pub fn build(
        preset: String,
        items: Vec<IndexedTextRecord>,
    ) -> Result<Arc<SimilarityIndex>, JianyiError> {
        let profile = Profile::preset(&preset)?;
        let texts = items.into_iter().map(|t| core::IndexedText {
            id: t.id,
            year: t.year,
            text: t.text,
        });
        Ok(Arc::new(SimilarityIndex {
            inner: core::SimilarityIndex::build(&profile.screening.similarity, texts),
        }))
    }

    /// Items indexed.
    pub fn len(&self) -> Result<i64, JianyiError> {
        Ok(signed(self.inner.len()))
    }

    /// Whether no item is indexed.
    pub fn is_empty(&self) -> Result<bool, JianyiError> {
        Ok(self.inner.is_empty())
    }

    /// Every candidate pair among the indexed items.
    pub fn candidates(&self) -> Result<Vec<MergeCandidateRecord>, JianyiError> {
        Ok(merge_records(self.inner.candidates()))
    }

    /// The indexed items similar to a new text (`id` and `year` are the new item's).
    pub fn similar_to(
        &self,
        id: String,
        year: i32,
        text: String,
    ) -> Result<Vec<MergeCandidateRecord>, JianyiError> {
        Ok(merge_records(self.inner.similar_to(&id, year, &text)))
    }
}

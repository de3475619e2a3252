//! 受理审查规则 (screening rules at intake, SPEC §5): the data the intake intelligence
//! (`crate::intake`) runs on. Topic keyword weights, unit keyword rules, exclusion patterns,
//! motion markers, draft-check thresholds and similarity settings. All of it is editable data;
//! the seed-city preset ships a realistic table for the sample city's units.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::directory::System;
use crate::error::ProfileError;

use super::validate::{invalid, undefined};
use super::{Profile, Proportion};

/// A term with its weight (关键词及权重).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WeightedTerm {
    /// The term, matched literally in title and body.
    pub term: String,
    /// Its weight (a title match counts four times a body match).
    pub weight: u32,
}

/// 分类关键词 (keywords of one topic, RULES.md §2.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TopicTerms {
    /// Topic id (from `intake.topics`).
    pub topic: String,
    /// Its weighted terms.
    pub terms: Vec<WeightedTerm>,
}

/// 承办单位规则 (a unit's routing rule, RULES.md §2.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct UnitRule {
    /// The unit's id in the directory.
    pub unit: String,
    /// Its name (matched when a deputy proposes it by name).
    pub name: String,
    /// Its system (党群 / 政府 / 法院 / 检察院 / 人大).
    pub system: System,
    /// Topic ids it handles (a small bonus when the topic is the item's top topic).
    #[serde(default)]
    pub topics: Vec<String>,
    /// Its weighted keywords.
    pub terms: Vec<WeightedTerm>,
}

/// 系统关键词 (terms that put an item in a system, RULES.md §2.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SystemTerms {
    /// The system.
    pub system: System,
    /// Its terms.
    pub terms: Vec<String>,
}

/// 不予受理情形 (exclusion reasons, RULES.md §1.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExclusionReason {
    /// 个人或本单位事项 (personal or own-unit matter).
    PersonalMatter,
    /// 具体司法案件 (a specific judicial case, or one in litigation or arbitration).
    JudicialCase,
    /// 代转来信、信访、检举控告 (forwarded letters, petitions, complaints).
    ForwardedPetition,
    /// 学术探讨、广告或产品推介 (academic discussion, advertising).
    Advertising,
    /// 具体招投标事项 (a specific bid or tender outcome).
    Tender,
    /// 无实质内容 (no substance).
    NoSubstance,
    /// 超出本级职权 (outside this level's jurisdiction).
    OutsideJurisdiction,
}

impl ExclusionReason {
    /// Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            ExclusionReason::PersonalMatter => "个人或本单位事项",
            ExclusionReason::JudicialCase => "具体司法案件",
            ExclusionReason::ForwardedPetition => "代转来信或信访事项",
            ExclusionReason::Advertising => "学术探讨或广告推介",
            ExclusionReason::Tender => "具体招投标事项",
            ExclusionReason::NoSubstance => "无实质内容",
            ExclusionReason::OutsideJurisdiction => "超出本级职权",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            ExclusionReason::PersonalMatter => "personal or own-unit matter",
            ExclusionReason::JudicialCase => "specific judicial case",
            ExclusionReason::ForwardedPetition => "forwarded letter or petition",
            ExclusionReason::Advertising => "academic discussion or advertising",
            ExclusionReason::Tender => "specific tender outcome",
            ExclusionReason::NoSubstance => "no substance",
            ExclusionReason::OutsideJurisdiction => "outside this level's jurisdiction",
        }
    }
}

/// Terms that are evidence of one exclusion reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ExclusionRule {
    /// The reason.
    pub reason: ExclusionReason,
    /// Evidence terms.
    pub terms: Vec<String>,
}

/// 议案审查 markers (RULES.md §1.1: 案由、案据、方案; within the congress's powers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MotionMarkers {
    /// 案由 markers.
    pub cause: Vec<String>,
    /// 案据 markers.
    pub basis: Vec<String>,
    /// 方案 markers.
    pub plan: Vec<String>,
    /// Terms showing the matter is within this congress's competence (制定、修改地方性法规 …).
    pub competence: Vec<String>,
}

/// 建议质量检查 thresholds and markers (RULES.md §1.5; SPEC §5 draft quality check).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DraftRules {
    /// Shortest acceptable title, in characters.
    pub min_title_chars: u32,
    /// Longest acceptable title, in characters.
    pub max_title_chars: u32,
    /// Shortest acceptable body, in characters.
    pub min_body_chars: u32,
    /// Longest acceptable body, in characters.
    pub max_body_chars: u32,
    /// Markers of a problem statement (存在问题 …).
    pub problem_markers: Vec<String>,
    /// Markers of analysis (原因 …).
    pub analysis_markers: Vec<String>,
    /// Markers of concrete proposals (建议 …).
    pub proposal_markers: Vec<String>,
    /// Vague wording (进一步加强 …).
    pub vague_terms: Vec<String>,
    /// Vague terms tolerated before a fix is asked for.
    pub max_vague: u32,
    /// Topics matched with at least this share of the top score count as separate matters.
    pub second_matter_share: Proportion,
}

/// 相似件 (similar items) settings (RULES.md §2.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SimilarityRules {
    /// Character n-gram length (2 = bigrams).
    pub ngram: u32,
    /// Lowest similarity reported as a merge candidate.
    pub threshold: Proportion,
    /// n-grams that occur in more than this share of items are ignored when generating
    /// candidates (stop-grams such as 建议 / 我市).
    pub max_gram_share: Proportion,
}

/// 交办路由 settings (RULES.md §2.3, §2.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RoutingRules {
    /// Lowest unit score that makes a candidate.
    pub min_score: u32,
    /// Bonus for the deputy's proposed unit (the 交办 body must consider it, `S-SH` Art 12).
    pub proposed_bonus: u32,
    /// Bonus for a unit whose topics include the item's top topic.
    pub topic_bonus: u32,
    /// A runner-up with at least this share of the lead's score becomes a co-handler.
    pub co_share: Proportion,
    /// At most this many co-handlers.
    pub max_co: u32,
    /// Bonus for a unit the text names (由县水务局…, 市场监管部门), or whose system it names
    /// (法院, 人大 …).
    #[serde(
        default = "default_named_bonus",
        skip_serializing_if = "is_default_named_bonus"
    )]
    pub named_bonus: u32,
    /// Most a unit gains from the ledger's history (earlier items with the same terms that it
    /// handled), reached when every such item went to it.
    #[serde(
        default = "default_history_weight",
        skip_serializing_if = "is_default_history_weight"
    )]
    pub history_weight: u32,
    /// Earlier items a term needs before its history counts.
    #[serde(
        default = "default_history_min_items",
        skip_serializing_if = "is_default_history_min_items"
    )]
    pub history_min_items: u32,
    /// Most candidates an answer lists (with their reasons), the strongest first: the
    /// person deciding reads a short list, not every unit a word touched.
    #[serde(
        default = "default_max_candidates",
        skip_serializing_if = "is_default_max_candidates"
    )]
    pub max_candidates: u32,
    /// A unit whose kind does another kind's work in some localities (交叉职责,
    /// `unit_kinds` `shares`) is a candidate at this share of that kind's score: below the
    /// kind the work is written for, above a stray word.
    #[serde(
        default = "default_shared_share",
        skip_serializing_if = "is_default_shared_share"
    )]
    pub shared_share: Proportion,
}

fn default_shared_share() -> Proportion {
    // INVARIANT: 500 000 ≤ SCALE.
    Proportion::from_ppm(500_000).unwrap_or(Proportion(0))
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if"
)]
fn is_default_shared_share(v: &Proportion) -> bool {
    *v == default_shared_share()
}

// The defaults are not written out, so a profile's content hash is the same as before these
// settings existed (ledgers name their profile by that hash).
#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if"
)]
fn is_default_named_bonus(v: &u32) -> bool {
    *v == default_named_bonus()
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if"
)]
fn is_default_history_weight(v: &u32) -> bool {
    *v == default_history_weight()
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if"
)]
fn is_default_history_min_items(v: &u32) -> bool {
    *v == default_history_min_items()
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if"
)]
fn is_default_max_candidates(v: &u32) -> bool {
    *v == default_max_candidates()
}

fn default_max_candidates() -> u32 {
    8
}

fn default_named_bonus() -> u32 {
    8
}

fn default_history_weight() -> u32 {
    6
}

fn default_history_min_items() -> u32 {
    3
}

/// 受理审查规则 (the screening section of the profile).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ScreeningRules {
    /// Topic keyword tables.
    pub topic_terms: Vec<TopicTerms>,
    /// The topic given when no keyword matches.
    pub fallback_topic: String,
    /// Unit routing rules: terms a locality adds for one unit of its directory.
    pub units: Vec<UnitRule>,
    /// System terms.
    pub system_terms: Vec<SystemTerms>,
    /// Routing settings.
    pub routing: RoutingRules,
    /// Exclusion evidence.
    pub exclusions: Vec<ExclusionRule>,
    /// Motion markers.
    pub motion: MotionMarkers,
    /// Draft check.
    pub draft: DraftRules,
    /// Similar items.
    pub similarity: SimilarityRules,
}

fn terms_ok(key: &str, terms: &[WeightedTerm]) -> Result<(), ProfileError> {
    for (i, t) in terms.iter().enumerate() {
        if t.term.trim().is_empty() {
            return Err(invalid(
                format!("{key}[{i}].term"),
                "a term must not be empty",
            ));
        }
        if t.weight == 0 {
            return Err(invalid(
                format!("{key}[{i}].weight"),
                "a weight must be at least 1",
            ));
        }
    }
    Ok(())
}

fn words_ok(key: &str, words: &[String]) -> Result<(), ProfileError> {
    match words.iter().position(|w| w.trim().is_empty()) {
        Some(i) => Err(invalid(format!("{key}[{i}]"), "a term must not be empty")),
        None => Ok(()),
    }
}

/// Validates `screening` (SPEC §2): topics defined, units unique, terms non-empty, weights
/// and thresholds in range. Each error names the key.
pub(super) fn validate(p: &Profile) -> Result<(), ProfileError> {
    let s = &p.screening;
    let topics: BTreeSet<&str> = p.intake.topics.iter().map(|t| t.id.as_str()).collect();
    if !topics.contains(s.fallback_topic.as_str()) {
        return Err(undefined("screening.fallback_topic", &s.fallback_topic));
    }
    for (i, t) in s.topic_terms.iter().enumerate() {
        if !topics.contains(t.topic.as_str()) {
            return Err(undefined(
                format!("screening.topic_terms[{i}].topic"),
                &t.topic,
            ));
        }
        terms_ok(&format!("screening.topic_terms[{i}].terms"), &t.terms)?;
    }
    let mut seen = BTreeSet::new();
    for (i, u) in s.units.iter().enumerate() {
        if !seen.insert(u.unit.as_str()) {
            return Err(invalid(
                format!("screening.units[{i}].unit"),
                format!("unit `{}` is listed twice", u.unit),
            ));
        }
        if u.name.trim().is_empty() {
            return Err(invalid(
                format!("screening.units[{i}].name"),
                "a unit needs a name",
            ));
        }
        for (j, t) in u.topics.iter().enumerate() {
            if !topics.contains(t.as_str()) {
                return Err(undefined(format!("screening.units[{i}].topics[{j}]"), t));
            }
        }
        terms_ok(&format!("screening.units[{i}].terms"), &u.terms)?;
    }
    for (i, st) in s.system_terms.iter().enumerate() {
        words_ok(&format!("screening.system_terms[{i}].terms"), &st.terms)?;
    }
    for (i, e) in s.exclusions.iter().enumerate() {
        words_ok(&format!("screening.exclusions[{i}].terms"), &e.terms)?;
    }
    let m = &s.motion;
    words_ok("screening.motion.cause", &m.cause)?;
    words_ok("screening.motion.basis", &m.basis)?;
    words_ok("screening.motion.plan", &m.plan)?;
    words_ok("screening.motion.competence", &m.competence)?;
    let d = &s.draft;
    if d.min_title_chars > d.max_title_chars {
        return Err(invalid(
            "screening.draft.min_title_chars",
            "the shortest title is longer than the longest",
        ));
    }
    if d.min_body_chars > d.max_body_chars {
        return Err(invalid(
            "screening.draft.min_body_chars",
            "the shortest body is longer than the longest",
        ));
    }
    words_ok("screening.draft.problem_markers", &d.problem_markers)?;
    words_ok("screening.draft.analysis_markers", &d.analysis_markers)?;
    words_ok("screening.draft.proposal_markers", &d.proposal_markers)?;
    words_ok("screening.draft.vague_terms", &d.vague_terms)?;
    if !(1..=4).contains(&s.similarity.ngram) {
        return Err(invalid(
            "screening.similarity.ngram",
            "n-grams of 1 to 4 characters",
        ));
    }
    if s.routing.min_score == 0 {
        return Err(invalid("screening.routing.min_score", "must be at least 1"));
    }
    if s.routing.max_candidates <= s.routing.max_co {
        return Err(invalid(
            "screening.routing.max_candidates",
            "must exceed max_co (the lead and its co-handlers are candidates)",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::error::ProfileError;
    use crate::profile::Profile;

    fn edited(edit: impl FnOnce(&mut serde_json::Value)) -> Result<Profile, ProfileError> {
        let p = Profile::preset("seed-city").unwrap();
        let mut v = serde_json::to_value(&p).unwrap();
        edit(&mut v);
        Profile::from_json(&v.to_string())
    }

    fn key(r: Result<Profile, ProfileError>) -> String {
        match r.unwrap_err() {
            ProfileError::InvalidValue { key, .. }
            | ProfileError::UndefinedReference { key, .. } => key,
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn undefined_topic_names_the_key() {
        let k = key(edited(|v| {
            v["screening"]["topic_terms"][2]["topic"] = "nope".into();
        }));
        assert_eq!(k, "screening.topic_terms[2].topic");
    }

    #[test]
    fn too_few_candidates_for_the_co_handlers_names_the_key() {
        let k = key(edited(|v| {
            v["screening"]["routing"]["max_candidates"] = 2.into();
        }));
        assert_eq!(k, "screening.routing.max_candidates");
        let p = edited(|v| v["screening"]["routing"]["max_candidates"] = 3.into()).unwrap();
        assert_eq!(p.screening.routing.max_candidates, 3);
    }

    #[test]
    fn zero_weight_names_the_key() {
        let k = key(edited(|v| {
            v["screening"]["units"][0]["terms"][1]["weight"] = 0.into();
        }));
        assert_eq!(k, "screening.units[0].terms[1].weight");
    }

    #[test]
    fn duplicate_unit_and_bad_ngram() {
        let k = key(edited(|v| {
            let first = v["screening"]["units"][0].clone();
            v["screening"]["units"][3] = first;
        }));
        assert_eq!(k, "screening.units[3].unit");
        let k = key(edited(|v| v["screening"]["similarity"]["ngram"] = 9.into()));
        assert_eq!(k, "screening.similarity.ngram");
    }

    #[test]
    fn seed_city_ships_a_unit_for_every_topic_but_other() {
        let p = Profile::preset("seed-city").unwrap();
        for t in &p.screening.topic_terms {
            assert!(
                p.screening
                    .units
                    .iter()
                    .any(|u| u.topics.contains(&t.topic)),
                "{}",
                t.topic
            );
        }
        assert_eq!(p.screening.units.len(), 36);
    }
}

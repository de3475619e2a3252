//! 规则配置 (the rules profile, SPEC §2): everything that varies between localities.
//!
//! A profile is plain serde data with a stable id and version. It is validated when loaded
//! ([`Profile::from_json`], [`Profile::preset`]); unknown keys, zero windows, ratios outside
//! `0..=1` and undefined references are errors naming the key. Every ledger records the
//! profile's id, version and content hash ([`ProfileRef`]).
//!
//! Defaults and their sources are in `../shared/domain/RULES.md` §15; each field below cites
//! the section it comes from.

mod assessment;
mod assessment_presets;
mod diff;
mod intake;
mod intake_presets;
mod presets;
pub mod unit_kinds;
mod validate;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::actor::ActorRole;
use crate::calendar::Window;
use crate::command::ActionKind;
use crate::error::ProfileError;

pub use assessment::{
    AssessmentRules, BandDef, ClassWeight, DeductionDef, DimensionDef, GroupDef, IndicatorDef,
    IndicatorSource, ItemScope, Measure, Merit, MeritRule, PointEvent, PointRule, Points, Trigger,
    VetoDef,
};
pub use assessment_presets::ASSESSMENT_PRESETS;
pub use diff::ProfileChange;
pub use intake::{
    DraftRules, ExclusionReason, ExclusionRule, MotionMarkers, RoutingRules, ScreeningRules,
    SimilarityRules, SystemTerms, TopicTerms, UnitRule, WeightedTerm,
};
pub use presets::PRESET_NAMES;

/// A label in Chinese (shown first) and English.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Label {
    /// 中文.
    pub zh: String,
    /// English.
    pub en: String,
}

impl Label {
    /// Builds a label.
    pub fn new(zh: &str, en: &str) -> Label {
        Label {
            zh: zh.to_owned(),
            en: en.to_owned(),
        }
    }
}

/// A proportion in `0..=1`, stored exactly in parts per million (no floats in rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Proportion(u32);

impl Proportion {
    /// One million parts: the whole.
    pub const SCALE: u32 = 1_000_000;

    /// From parts per million; `None` above the whole.
    pub fn from_ppm(ppm: u32) -> Option<Proportion> {
        (ppm <= Self::SCALE).then_some(Proportion(ppm))
    }

    /// Parts per million.
    pub fn ppm(self) -> u32 {
        self.0
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Proportion {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Proportion".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "number",
            "minimum": 0,
            "maximum": 1,
            "description": "a proportion in 0..=1, kept exactly to parts per million"
        })
    }
}

impl Serialize for Proportion {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(f64::from(self.0) / f64::from(Self::SCALE))
    }
}

impl<'de> Deserialize<'de> for Proportion {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let x = f64::deserialize(d)?;
        if !(0.0..=1.0).contains(&x) {
            return Err(serde::de::Error::custom(format!(
                "ratio {x} is outside 0..=1"
            )));
        }
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "x is checked to lie in 0..=1, so the product fits in u32"
        )]
        let ppm = (x * f64::from(Self::SCALE)).round() as u32;
        Ok(Proportion(ppm))
    }
}

/// 议案 rules (RULES.md §0, §1.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MotionRules {
    /// Signers needed, the lead included (地方组织法 Art 22: 10 at county level and above).
    pub min_signers: u32,
    /// A delegation may submit in its own name (Beijing rules §3).
    pub delegation_may_submit: bool,
}

/// Intake rules (RULES.md §1.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct IntakeRules {
    /// 闭会建议交办时限 from receipt (Shanghai Art 11: 7 working days).
    pub recess_assign_within: Window,
    /// The topic list (分类, RULES.md §2.2).
    pub topics: Vec<TopicDef>,
}

/// A topic of the classification tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TopicDef {
    /// Stable id.
    pub id: String,
    /// Label.
    pub label: Label,
}

/// What the return window is counted from (RULES.md §3.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReturnAnchor {
    /// 收到之日 (Shanghai).
    Receipt,
    /// 交办之日 (Chongqing).
    Assignment,
}

/// Assignment rules (RULES.md §3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AssignmentRules {
    /// 申请调整时限 (Shanghai Art 14: 7 working days from receipt).
    pub return_window: Window,
    /// What the return window counts from.
    pub return_anchor: ReturnAnchor,
    /// A late return request is refused ("逾期…不作调整", Yulin).
    pub late_return_refused: bool,
    /// 重新交办时限 (Chongqing: 10 working days).
    pub reassign_within: Window,
    /// The reply clock restarts at reassignment (RULES.md §3.3 open question; default yes).
    pub reply_clock_restarts_on_reassignment: bool,
    /// The most pre-assignment rounds (预交办; the seed held two after the session).
    pub max_pre_assignment_rounds: u32,
}

/// What the reply deadline counts from (RULES.md §4.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReplyAnchor {
    /// 交办之日 (代表法 Art 51).
    Assignment,
    /// 闭会之日 (Hainan, Ya'an) for session items; recess items still count from assignment.
    SessionClose,
}

/// Extension rules (RULES.md §4.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ExtensionRules {
    /// How many extensions a unit may get per reply.
    pub max_extensions: u32,
    /// Whether the 交办 body must approve (Shanghai Art 19).
    pub needs_approval: bool,
    /// The hard maximum from the anchor (代表法 Art 51: 6 months).
    pub hard_maximum: Window,
}

/// Handling rules (RULES.md §4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct HandlingRules {
    /// 答复期限 (代表法 Art 51: 3 months).
    pub reply_deadline: Window,
    /// What it counts from.
    pub reply_anchor: ReplyAnchor,
    /// Extensions.
    pub extension: ExtensionRules,
    /// 首次沟通时限 from receipt (Chongqing Art 18: 20 working days).
    pub first_contact_within: Window,
    /// A reply needs a prior contact (RULES.md §4.2; on by default).
    pub contact_required_before_reply: bool,
    /// 协办意见时限 from receipt (Shanghai Art 17: 1 month).
    pub co_opinion_within: Window,
    /// 协办意见重办时限 (Chongqing Art 20: 5 working days).
    pub co_opinion_redo_within: Window,
}

/// What a result class means for statistics and follow-up (RULES.md §5.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ResultMeaning {
    /// 解决采纳 / A.
    Resolved,
    /// 正在解决.
    InProgress,
    /// 计划解决.
    Planned,
    /// 暂缓解决 / 不具备条件.
    Deferred,
    /// 留作参考.
    ForReference,
    /// 涉及上级职权，已报告.
    Escalated,
}

/// A result class (办理结果分类, RULES.md §5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ResultClassDef {
    /// Stable id, used in commands and events.
    pub id: String,
    /// Label.
    pub label: Label,
    /// Letter shown on the reply (NPC A–D), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub letter: Option<String>,
    /// Meaning.
    pub meaning: ResultMeaning,
    /// The reply must give a promised date.
    pub needs_promised_date: bool,
    /// The reply creates a commitment (承诺事项, RULES.md §7).
    pub creates_commitment: bool,
}

/// Result-class rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ResultRules {
    /// The classes, in report order.
    pub classes: Vec<ResultClassDef>,
}

/// What a feedback level means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FeedbackMeaning {
    /// 满意.
    Satisfied,
    /// 基本满意.
    BasicallySatisfied,
    /// 不满意.
    Dissatisfied,
}

/// A feedback level (RULES.md §6.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FeedbackLevelDef {
    /// Stable id.
    pub id: String,
    /// Label.
    pub label: Label,
    /// Meaning.
    pub meaning: FeedbackMeaning,
}

/// Who evaluates a reply (RULES.md §6.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Evaluator {
    /// 领衔代表 (Chongqing Art 26).
    LeadDeputy,
    /// Every signer.
    AllSigners,
}

/// Feedback rules (RULES.md §6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FeedbackRules {
    /// Levels.
    pub levels: Vec<FeedbackLevelDef>,
    /// Evaluator.
    pub evaluator: Evaluator,
    /// Window from the reply (Chongqing Art 27: 20 working days).
    pub window: Window,
    /// Lapsed feedback is excluded from satisfaction denominators (Chongqing Art 29).
    pub lapsed_excluded_from_rates: bool,
    /// A 不满意 rating needs a comment (Shanghai Art 21).
    pub comment_required_when_dissatisfied: bool,
}

/// Re-handling rules (RULES.md §6.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RehandleRules {
    /// The office decides whether to reopen (Shanghai Art 21); otherwise 不满意 reopens at once.
    pub decided_by_office: bool,
    /// New reply deadline from the reopen order (Shanghai: 1 month).
    pub deadline: Window,
}

/// Second-reply rules (二次答复, the seed 三.1; RULES.md §7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FollowUpRules {
    /// Classes whose items the follow-up request covers.
    pub trigger_classes: Vec<String>,
    /// Reply deadline from the notice.
    pub deadline: Window,
}

/// A month and day (a yearly cut-off).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MonthDay {
    /// 1–12.
    pub month: u32,
    /// 1–31.
    pub day: u32,
}

/// Rollover rules (滚动办理, RULES.md §7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RolloverRules {
    /// The cut-off in the year whose items roll over (default 31 Dec).
    pub cutoff: MonthDay,
    /// Classes that roll over.
    pub classes: Vec<String>,
}

/// Term-end rules (换届, RULES.md §7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TermEndRules {
    /// Closing at term end needs a written explanation (Shanghai Art 22).
    pub explanation_required: bool,
}

/// Calendar rules (SPEC §3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CalendarRules {
    /// Civil Code Art 203: a period ending on a rest day ends on the next working day.
    pub holiday_roll_forward: bool,
    /// An open obligation is "due soon" within this many working days.
    pub due_soon_working_days: u32,
    /// A locality's own holidays on top of the national calendar.
    #[serde(default)]
    pub regional_holidays: Vec<chrono::NaiveDate>,
    /// A locality's own extra working days.
    #[serde(default)]
    pub regional_workdays: Vec<chrono::NaiveDate>,
}

/// Supervision rules (RULES.md §8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SupervisionRules {
    /// The most key items the directors' meeting selects in a year (no hard default in
    /// practice; the seed chose "fewer than earlier years").
    pub key_items_max: u32,
}

/// A third-party evaluation outcome (RULES.md §9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OutcomeDef {
    /// Stable id.
    pub id: String,
    /// Label.
    pub label: Label,
    /// The outcome reopens the item for further handling.
    pub reopens: bool,
}

/// Third-party evaluation rules (RULES.md §9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ThirdPartyRules {
    /// Candidates include dissatisfied items.
    pub include_dissatisfied: bool,
    /// Share of basically-satisfied items sampled (seeded).
    pub basically_satisfied_sample: Proportion,
    /// Candidates include items raised in at least this many years without a solution.
    pub repeated_years_min: u32,
    /// Outcomes.
    pub outcomes: Vec<OutcomeDef>,
}

/// How a quota is rounded (RULES.md §11).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum QuotaRounding {
    /// Down.
    Floor,
    /// Half up.
    HalfUp,
    /// Up.
    Ceil,
}

/// Excellence selection (优秀建议 / 优秀代表, the seed 四; RULES.md §11).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ExcellenceRules {
    /// Share of the year's suggestions (seed: about 10%).
    pub suggestion_ratio: Proportion,
    /// Share of all deputies (seed: 6%).
    pub deputy_ratio: Proportion,
    /// Quota rounding.
    pub rounding: QuotaRounding,
    /// At least one when the pool is not empty.
    pub minimum_one: bool,
    /// Include everyone tied at the cut line, flagged.
    pub include_ties_at_cut: bool,
    /// Office holders are not eligible (Yuanjiang).
    pub exclude_office_holders: bool,
    /// What makes a suggestion's merit when excellent suggestions are ranked (no source
    /// states one: RULES.md §11 leaves it to the locality).
    pub suggestion_merits: Vec<MeritRule>,
}

/// Rounding of displayed shares (RULES.md §12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// 四舍五入 (Shanghai).
    HalfUp,
    /// Banker's rounding.
    HalfEven,
    /// 截断 (a Henan city's topic shares).
    Truncate,
}

/// The denominator of a result-class rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ResultDenominator {
    /// Items replied (Shanghai 解决采纳率).
    Replied,
    /// All items of the work list (NPC).
    All,
}

/// A named rate (SPEC §10).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum RateDef {
    /// Items whose latest class is one of `classes`, over `over`.
    ResultShare {
        /// Id.
        id: String,
        /// Label.
        label: Label,
        /// Numerator classes.
        classes: Vec<String>,
        /// Denominator.
        over: ResultDenominator,
    },
    /// Evaluated items whose latest level is one of `levels`, over evaluated items.
    Satisfaction {
        /// Id.
        id: String,
        /// Label.
        label: Label,
        /// Numerator levels.
        levels: Vec<String>,
    },
}

impl RateDef {
    /// The rate's id.
    pub fn id(&self) -> &str {
        match self {
            RateDef::ResultShare { id, .. } | RateDef::Satisfaction { id, .. } => id,
        }
    }
}

/// Statistics display rules (SPEC §10; RULES.md §12).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StatisticsRules {
    /// Rounding.
    pub rounding: Rounding,
    /// Decimals, 0–2.
    pub decimals: u8,
    /// Largest remainder so a set of shares totals exactly 100.
    pub force_total_100: bool,
    /// Print "25%" rather than "25.0%".
    pub trim_trailing_zeros: bool,
    /// Named rates.
    pub rates: Vec<RateDef>,
}

/// One row of the authorization table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Grant {
    /// The command kind.
    pub action: ActionKind,
    /// Roles allowed to issue it.
    pub roles: Vec<ActorRole>,
}

/// Input size limits (SPEC §12 "oversized text").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// Longest title, in characters.
    pub max_title_chars: u32,
    /// Longest body or comment, in characters.
    pub max_text_chars: u32,
    /// Most signers on one item.
    pub max_signers: u32,
}

/// The rules profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Stable id, e.g. `seed-city`.
    pub id: String,
    /// Version of this profile's text.
    pub version: String,
    /// Name.
    pub name: Label,
    /// What it is based on.
    pub based_on: String,
    /// 议案.
    pub motion: MotionRules,
    /// Intake.
    pub intake: IntakeRules,
    /// 受理审查 (screening at intake: classification, routing, checks; SPEC §5).
    pub screening: ScreeningRules,
    /// 交办.
    pub assignment: AssignmentRules,
    /// 办理.
    pub handling: HandlingRules,
    /// Result classes.
    pub results: ResultRules,
    /// Feedback.
    pub feedback: FeedbackRules,
    /// Re-handling.
    pub rehandle: RehandleRules,
    /// Second reply.
    pub follow_up: FollowUpRules,
    /// Rollover.
    pub rollover: RolloverRules,
    /// Term end.
    pub term_end: TermEndRules,
    /// Calendar.
    pub calendar: CalendarRules,
    /// Supervision.
    pub supervision: SupervisionRules,
    /// Third-party evaluation.
    pub third_party: ThirdPartyRules,
    /// Excellence.
    pub excellence: ExcellenceRules,
    /// 履职积分: points per fact for deputies (RULES.md §11).
    pub deputy_points: Vec<PointRule>,
    /// 承办单位考核评价 (RULES.md §10).
    pub assessment: AssessmentRules,
    /// Statistics.
    pub statistics: StatisticsRules,
    /// Who may do what.
    pub authorization: Vec<Grant>,
    /// Input limits.
    pub limits: Limits,
}

/// What a ledger records about the profile its events were decided under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProfileRef {
    /// Profile id.
    pub id: String,
    /// Profile version.
    pub version: String,
    /// `sha256:` + hex digest of the profile's canonical JSON.
    pub hash: String,
}

fn parse_error(key: String, reason: String) -> ProfileError {
    if reason.starts_with("unknown field") {
        ProfileError::UnknownKey { key, reason }
    } else {
        ProfileError::Parse { key, reason }
    }
}

impl Profile {
    /// A bundled preset: `seed-city` (default), `shanghai`, `chongqing`, `npc`.
    ///
    /// # Errors
    /// `profile.unknown_preset`.
    pub fn preset(name: &str) -> Result<Profile, ProfileError> {
        presets::preset(name)
    }

    /// Parses and validates a profile from JSON.
    ///
    /// # Errors
    /// `profile.parse` (malformed JSON), `profile.unknown_key`, `profile.invalid_value`,
    /// `profile.undefined_reference`.
    pub fn from_json(json: &str) -> Result<Profile, ProfileError> {
        let profile = Profile::parse(json)?;
        profile.validate()?;
        Ok(profile)
    }

    /// The profile's shape from JSON; an error names the key (feature `key-paths`).
    #[cfg(feature = "key-paths")]
    fn parse(json: &str) -> Result<Profile, ProfileError> {
        let de = &mut serde_json::Deserializer::from_str(json);
        serde_path_to_error::deserialize(de)
            .map_err(|e| parse_error(e.path().to_string(), e.inner().to_string()))
    }

    /// The profile's shape from JSON; an error names the line and column.
    #[cfg(not(feature = "key-paths"))]
    fn parse(json: &str) -> Result<Profile, ProfileError> {
        serde_json::from_str(json).map_err(|e| {
            parse_error(
                format!("line {} column {}", e.line(), e.column()),
                e.to_string(),
            )
        })
    }

    /// The canonical JSON text (pretty, stable key order).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Checks every rule of SPEC §2.
    ///
    /// # Errors
    /// `profile.invalid_value` or `profile.undefined_reference`, naming the key.
    pub fn validate(&self) -> Result<(), ProfileError> {
        validate::validate(self)
    }

    /// `sha256:` + hex digest of the canonical compact JSON.
    pub fn content_hash(&self) -> String {
        let text = serde_json::to_string(self).unwrap_or_default();
        let digest = Sha256::digest(text.as_bytes());
        format!("sha256:{}", crate::ledger::hex(&digest))
    }

    /// The reference a ledger records.
    pub fn reference(&self) -> ProfileRef {
        ProfileRef {
            id: self.id.clone(),
            version: self.version.clone(),
            hash: self.content_hash(),
        }
    }

    /// Every key whose value differs between `self` and `other`.
    pub fn diff(&self, other: &Profile) -> Vec<ProfileChange> {
        diff::diff(self, other)
    }

    /// The result class with this id.
    pub fn class(&self, id: &str) -> Option<&ResultClassDef> {
        self.results.classes.iter().find(|c| c.id == id)
    }

    /// The feedback level with this id.
    pub fn level(&self, id: &str) -> Option<&FeedbackLevelDef> {
        self.feedback.levels.iter().find(|l| l.id == id)
    }

    /// Whether `role` may issue `action` under the authorization table.
    pub fn allows(&self, action: ActionKind, role: ActorRole) -> bool {
        self.authorization
            .iter()
            .any(|g| g.action == action && g.roles.contains(&role))
    }

    /// The calendar this profile uses: the national one plus its regional days.
    pub fn calendar(&self, national: &crate::calendar::Calendar) -> crate::calendar::Calendar {
        if self.calendar.regional_holidays.is_empty() && self.calendar.regional_workdays.is_empty()
        {
            national.clone()
        } else {
            national.with_regional(
                &self.id,
                &self.calendar.regional_holidays,
                &self.calendar.regional_workdays,
            )
        }
    }
}

impl Default for Profile {
    fn default() -> Self {
        presets::seed_city()
    }
}

//! 考核评价 and 评优 rules in the profile (SPEC §9; RULES.md §10–§11): the handling-unit
//! assessment template, the deputies' points table and what makes a suggestion excellent.
//!
//! Points are exact: [`Points`] keeps thousandths of a point in an integer, so Baoji's
//! "−0.2 per dissatisfied item" and the CPPCC scheme's 1.5 and 2.5 add up without floats.

use serde::{Deserialize, Serialize};

use crate::directory::System;

use super::Label;

/// A number of points, kept exactly in thousandths (written as a JSON number: `20`, `0.2`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Points(i64);

impl Points {
    /// Thousandths in one point.
    pub const SCALE: i64 = 1000;
    /// No points.
    pub const ZERO: Points = Points(0);

    /// From thousandths of a point.
    pub const fn from_milli(milli: i64) -> Points {
        Points(milli)
    }

    /// Whole points.
    pub const fn whole(points: i64) -> Points {
        Points(points.saturating_mul(Self::SCALE))
    }

    /// Thousandths of a point.
    pub const fn milli(self) -> i64 {
        self.0
    }

    /// Sum, saturating.
    #[must_use]
    pub const fn plus(self, other: Points) -> Points {
        Points(self.0.saturating_add(other.0))
    }

    /// Difference, saturating.
    #[must_use]
    pub const fn minus(self, other: Points) -> Points {
        Points(self.0.saturating_sub(other.0))
    }

    /// `self × n`, saturating.
    #[must_use]
    pub fn times(self, n: u64) -> Points {
        Points(self.0.saturating_mul(i64::try_from(n).unwrap_or(i64::MAX)))
    }

    /// `self × num / den`, rounded half away from zero; the whole when `den` is 0.
    #[must_use]
    pub fn share(self, num: u64, den: u64) -> Points {
        if den == 0 {
            return self;
        }
        let (p, n, d) = (i128::from(self.0), i128::from(num), i128::from(den));
        let scaled = p.saturating_mul(n);
        let half = d.checked_div(2).unwrap_or(0);
        let q = if scaled >= 0 {
            scaled.saturating_add(half).checked_div(d).unwrap_or(0)
        } else {
            scaled.saturating_sub(half).checked_div(d).unwrap_or(0)
        };
        Points(i64::try_from(q).unwrap_or(if q < 0 { i64::MIN } else { i64::MAX }))
    }
}

impl std::fmt::Display for Points {
    /// `20`, `19.5`, `-0.2`: at most three decimals, trailing zeros dropped.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let (int, frac) = (abs / 1000, abs % 1000);
        if frac == 0 {
            write!(f, "{sign}{int}")
        } else {
            let digits = format!("{frac:03}");
            write!(f, "{sign}{int}.{}", digits.trim_end_matches('0'))
        }
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Points {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Points".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "number",
            "description": "points, kept exactly to thousandths"
        })
    }
}

impl Serialize for Points {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0 % Self::SCALE == 0 {
            s.serialize_i64(self.0 / Self::SCALE)
        } else {
            #[expect(
                clippy::cast_precision_loss,
                reason = "thousandths of points stay far below 2^53"
            )]
            let x = self.0 as f64 / 1000.0;
            s.serialize_f64(x)
        }
    }
}

impl<'de> Deserialize<'de> for Points {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let x = f64::deserialize(d)?;
        let milli = x * 1000.0;
        if !milli.is_finite() || milli.abs() > 1e12 || (milli - milli.round()).abs() > 1e-6 {
            return Err(serde::de::Error::custom(format!(
                "points {x} must be finite with at most three decimals"
            )));
        }
        #[expect(
            clippy::cast_possible_truncation,
            reason = "checked above to be a whole number of thousandths below 10^12"
        )]
        Ok(Points(milli.round() as i64))
    }
}

/// Which of a unit's items an indicator looks at (Hainan scores 主办件 and 会办件 apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ItemScope {
    /// Items the unit leads (主办件).
    Lead,
    /// Items the unit co-handles (会办件 / 协办件).
    Co,
}

/// A result class's weight in a result-mix indicator (in thousandths: 1000 = full points).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ClassWeight {
    /// Result class id.
    pub class: String,
    /// Share of the points an item of this class earns, in thousandths.
    pub permille: u32,
}

/// What the ledger measures for an indicator: a share of the unit's items of the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "measure", rename_all = "snake_case", deny_unknown_fields)]
pub enum Measure {
    /// Replies given by their due date, extensions included (按时答复; Hainan 办理速度).
    RepliesOnTime,
    /// Items where the unit contacted the deputy before its first reply (见面/沟通, RULES.md §4.2).
    ContactBeforeReply,
    /// Replies signed off by the unit's head (审核签发, RULES.md §4.3).
    SignedByHead,
    /// Replies copied to every listed recipient (抄送, RULES.md §4.3).
    CopiedTo {
        /// The recipients every reply must be copied to.
        recipients: Vec<String>,
    },
    /// The latest reply's class, weighted (办理成效).
    ResultMix {
        /// Weights per class; a class not listed earns nothing.
        weights: Vec<ClassWeight>,
    },
    /// Items whose latest rating is one of `levels` (满意度).
    Satisfaction {
        /// Levels that count as satisfied.
        levels: Vec<String>,
    },
    /// Items never reopened for re-handling (重新办理).
    NotRehandled,
    /// Co-handlers' opinions sent by their due date (协办意见, RULES.md §4.4).
    CoOpinionsOnTime,
}

/// Where an indicator's score comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum IndicatorSource {
    /// Computed from the ledger: points × the share of items that meet the measure.
    Computed {
        /// What is measured.
        measure: Measure,
        /// Over which items.
        over: ItemScope,
    },
    /// Scored by assessors (`record_assessment_score`) for what the ledger cannot see.
    Manual,
}

/// One indicator of a dimension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct IndicatorDef {
    /// Stable id, unique in the template.
    pub id: String,
    /// Label.
    pub label: Label,
    /// Most points.
    pub points: Points,
    /// Source.
    pub source: IndicatorSource,
}

/// A dimension of the template (the seed: 建章立制, 人员配备, 代表沟通, 规范答复, 办理成效).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DimensionDef {
    /// Stable id.
    pub id: String,
    /// Label.
    pub label: Label,
    /// Indicators; the dimension's maximum is their sum.
    pub indicators: Vec<IndicatorDef>,
}

/// What costs a deduction or triggers a veto, item by item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "when", rename_all = "snake_case", deny_unknown_fields)]
pub enum Trigger {
    /// A lead item whose latest rating is one of `levels` (Baoji: 不满意 −0.2 per item).
    Rated {
        /// Levels.
        levels: Vec<String>,
    },
    /// A lead reply given after its due date, or still owed past it (Hainan, Shenzhen).
    LateReply,
    /// A lead item whose latest class is one of `classes` (Baoji: 留作参考 without a plan).
    Class {
        /// Classes.
        classes: Vec<String>,
    },
}

/// 扣分项 (RULES.md §10.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DeductionDef {
    /// Stable id.
    pub id: String,
    /// Label.
    pub label: Label,
    /// Points lost per item that triggers it.
    pub per_item: Points,
    /// Trigger.
    pub trigger: Trigger,
}

/// 一票否决 style cap (Shenzhen 2007; RULES.md §10.2): any triggering item caps the band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VetoDef {
    /// Stable id.
    pub id: String,
    /// Label.
    pub label: Label,
    /// The best band a unit with a triggering item can get.
    pub cap: String,
    /// Trigger.
    pub trigger: Trigger,
}

/// A grade band (优秀/良好/一般/较差), from a minimum total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BandDef {
    /// Stable id.
    pub id: String,
    /// Label.
    pub label: Label,
    /// Lowest total in the band.
    pub min: Points,
}

/// A ranking group (Baoji ranks county governments and city departments apart).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GroupDef {
    /// Stable id.
    pub id: String,
    /// Label.
    pub label: Label,
    /// The systems whose units rank in this group.
    pub systems: Vec<System>,
}

/// 承办单位考核评价 (SPEC §9; RULES.md §10): the template, deductions, vetoes, bands, groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AssessmentRules {
    /// The scheme's name (e.g. 考核评价细则).
    pub name: Label,
    /// Dimensions with their indicators.
    pub dimensions: Vec<DimensionDef>,
    /// Deductions (the total never falls below 0: 扣完为止).
    pub deductions: Vec<DeductionDef>,
    /// Bands, best first; the last must start at 0.
    pub bands: Vec<BandDef>,
    /// Vetoes capping the band.
    pub vetoes: Vec<VetoDef>,
    /// Ranking groups; every system must belong to exactly one.
    pub groups: Vec<GroupDef>,
}

impl AssessmentRules {
    /// The template's maximum: the sum of every indicator's points.
    pub fn max_points(&self) -> Points {
        self.dimensions
            .iter()
            .flat_map(|d| d.indicators.iter())
            .fold(Points::ZERO, |acc, i| acc.plus(i.points))
    }

    /// The indicator with this id and its dimension.
    pub fn indicator(&self, id: &str) -> Option<(&DimensionDef, &IndicatorDef)> {
        self.dimensions
            .iter()
            .find_map(|d| d.indicators.iter().find(|i| i.id == id).map(|i| (d, i)))
    }
}

/// A fact that earns a deputy points (履职积分, RULES.md §11).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PointEvent {
    /// Leading a suggestion of the year (领衔).
    LeadSuggestion,
    /// Co-signing a suggestion (联名).
    CosignedSuggestion,
    /// Leading a motion.
    LeadMotion,
    /// Co-signing a motion.
    CosignedMotion,
    /// Leading a suggestion chosen for key supervision.
    KeyItem,
    /// Leading a suggestion whose latest class means resolved.
    ResolvedSuggestion,
    /// Leading a suggestion honoured as excellent.
    ExcellentSuggestion,
}

impl PointEvent {
    /// Every point event, in declaration order.
    pub const ALL: [PointEvent; 7] = [
        PointEvent::LeadSuggestion,
        PointEvent::CosignedSuggestion,
        PointEvent::LeadMotion,
        PointEvent::CosignedMotion,
        PointEvent::KeyItem,
        PointEvent::ResolvedSuggestion,
        PointEvent::ExcellentSuggestion,
    ];

    /// Position in [`PointEvent::ALL`].
    pub fn ordinal(self) -> usize {
        match self {
            PointEvent::LeadSuggestion => 0,
            PointEvent::CosignedSuggestion => 1,
            PointEvent::LeadMotion => 2,
            PointEvent::CosignedMotion => 3,
            PointEvent::KeyItem => 4,
            PointEvent::ResolvedSuggestion => 5,
            PointEvent::ExcellentSuggestion => 6,
        }
    }

    /// Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            PointEvent::LeadSuggestion => "领衔提出建议",
            PointEvent::CosignedSuggestion => "联名提出建议",
            PointEvent::LeadMotion => "领衔提出议案",
            PointEvent::CosignedMotion => "联名提出议案",
            PointEvent::KeyItem => "建议列为重点督办",
            PointEvent::ResolvedSuggestion => "建议解决采纳",
            PointEvent::ExcellentSuggestion => "优秀建议",
        }
    }
}

/// One row of the points table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PointRule {
    /// The fact.
    pub event: PointEvent,
    /// Points per occurrence.
    pub points: Points,
}

/// What counts towards a suggestion's merit when excellent suggestions are ranked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "when", rename_all = "snake_case", deny_unknown_fields)]
pub enum Merit {
    /// The latest reply's class is `class`.
    Class {
        /// Class id.
        class: String,
    },
    /// The latest rating is `level`.
    Rated {
        /// Level id.
        level: String,
    },
    /// Chosen for key supervision.
    KeyItem,
    /// Led by the mayor or a vice-mayor.
    LeaderLed,
    /// A motion converted into this suggestion (the seed's 议案转建议).
    ConvertedMotion,
}

/// One row of the merit table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MeritRule {
    /// What earns it.
    pub merit: Merit,
    /// Points.
    pub points: Points,
}

/// Validation of the assessment, points and merits (called by `Profile::validate`).
pub(super) fn validate(p: &super::Profile) -> Result<(), crate::error::ProfileError> {
    use super::validate::{invalid, undefined};
    let a = &p.assessment;
    let class_ok = |key: String, id: &str| match p.class(id) {
        Some(_) => Ok(()),
        None => Err(undefined(key, id)),
    };
    let level_ok = |key: String, id: &str| match p.level(id) {
        Some(_) => Ok(()),
        None => Err(undefined(key, id)),
    };
    let mut ids = std::collections::BTreeSet::new();
    if a.dimensions.is_empty() {
        return Err(invalid("assessment.dimensions", "at least one is needed"));
    }
    for (d, dim) in a.dimensions.iter().enumerate() {
        for (i, ind) in dim.indicators.iter().enumerate() {
            let key = format!("assessment.dimensions[{d}].indicators[{i}]");
            if !ids.insert(ind.id.as_str()) {
                return Err(invalid(
                    format!("{key}.id"),
                    format!("`{}` is defined twice", ind.id),
                ));
            }
            if ind.points < Points::ZERO {
                return Err(invalid(format!("{key}.points"), "must not be negative"));
            }
            if let IndicatorSource::Computed { measure, .. } = &ind.source {
                match measure {
                    Measure::ResultMix { weights } => {
                        for (j, w) in weights.iter().enumerate() {
                            class_ok(format!("{key}.source.measure.weights[{j}].class"), &w.class)?;
                            if w.permille > 1000 {
                                return Err(invalid(
                                    format!("{key}.source.measure.weights[{j}].permille"),
                                    format!("{} is above 1000", w.permille),
                                ));
                            }
                        }
                    }
                    Measure::Satisfaction { levels } => {
                        for (j, l) in levels.iter().enumerate() {
                            level_ok(format!("{key}.source.measure.levels[{j}]"), l)?;
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    let trigger_ok = |key: String, t: &Trigger| match t {
        Trigger::Rated { levels } => levels
            .iter()
            .enumerate()
            .try_for_each(|(j, l)| level_ok(format!("{key}.levels[{j}]"), l)),
        Trigger::Class { classes } => classes
            .iter()
            .enumerate()
            .try_for_each(|(j, c)| class_ok(format!("{key}.classes[{j}]"), c)),
        Trigger::LateReply => Ok(()),
    };
    for (i, d) in a.deductions.iter().enumerate() {
        if d.per_item < Points::ZERO {
            return Err(invalid(
                format!("assessment.deductions[{i}].per_item"),
                "must not be negative",
            ));
        }
        trigger_ok(format!("assessment.deductions[{i}].trigger"), &d.trigger)?;
    }
    if a.bands.is_empty() {
        return Err(invalid("assessment.bands", "at least one band is needed"));
    }
    for (i, pair) in a.bands.windows(2).enumerate() {
        if let [hi, lo] = pair {
            if lo.min >= hi.min {
                return Err(invalid(
                    format!("assessment.bands[{}].min", i.saturating_add(1)),
                    "bands go from the best down, each starting lower",
                ));
            }
        }
    }
    if a.bands.last().is_some_and(|b| b.min != Points::ZERO) {
        return Err(invalid(
            format!("assessment.bands[{}].min", a.bands.len().saturating_sub(1)),
            "the last band must start at 0",
        ));
    }
    for (i, v) in a.vetoes.iter().enumerate() {
        if !a.bands.iter().any(|b| b.id == v.cap) {
            return Err(undefined(format!("assessment.vetoes[{i}].cap"), &v.cap));
        }
        trigger_ok(format!("assessment.vetoes[{i}].trigger"), &v.trigger)?;
    }
    for system in System::ALL {
        let n = a
            .groups
            .iter()
            .filter(|g| g.systems.contains(&system))
            .count();
        if n != 1 {
            return Err(invalid(
                "assessment.groups",
                format!(
                    "system `{}` belongs to {n} groups; it must belong to exactly one",
                    system.label_en()
                ),
            ));
        }
    }
    for (i, m) in p.excellence.suggestion_merits.iter().enumerate() {
        let key = format!("excellence.suggestion_merits[{i}].merit");
        match &m.merit {
            Merit::Class { class } => class_ok(format!("{key}.class"), class)?,
            Merit::Rated { level } => level_ok(format!("{key}.level"), level)?,
            Merit::KeyItem | Merit::LeaderLed | Merit::ConvertedMotion => {}
        }
    }
    let mut events = std::collections::BTreeSet::new();
    for (i, r) in p.deputy_points.iter().enumerate() {
        if !events.insert(r.event) {
            return Err(invalid(
                format!("deputy_points[{i}].event"),
                "the same fact is scored twice",
            ));
        }
    }
    Ok(())
}

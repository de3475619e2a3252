//! 不予受理情形检查 (exclusion checks, SPEC §5; RULES.md §1.4): flags with the evidence, for a
//! person to decide. Never an automatic rejection.

use serde::{Deserialize, Serialize};

use crate::profile::ExclusionReason;

use super::{Screener, Submission};

/// Characters of context shown either side of an evidence term.
const EVIDENCE_RADIUS: usize = 8;

/// Below this many meaningful characters a body has no substance (无实质内容).
const NO_SUBSTANCE_CHARS: usize = 20;

/// 疑似不予受理 (a flag: the reason and the evidence found).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExclusionFlag {
    /// The reason suspected.
    pub reason: ExclusionReason,
    /// 中文 label of the reason.
    pub label: String,
    /// Evidence: each matched term in its context, or the measurement that triggered it.
    pub evidence: Vec<String>,
}

impl Screener {
    /// Exclusion flags for an item (empty when nothing is suspected).
    pub fn exclusions(&self, s: &Submission) -> Vec<ExclusionFlag> {
        let hits = self.hits(s);
        let mut flags: Vec<ExclusionFlag> = Vec::new();
        for (rule, idx) in self.rules.exclusions.iter().zip(&self.compiled.exclusions) {
            let evidence: Vec<String> = idx
                .iter()
                .filter(|&&i| hits.any(i))
                .filter_map(|&i| {
                    self.matcher
                        .context(&s.title, i, EVIDENCE_RADIUS)
                        .or_else(|| self.matcher.context(&s.body, i, EVIDENCE_RADIUS))
                })
                .collect();
            if evidence.is_empty() {
                continue;
            }
            match flags.iter_mut().find(|f| f.reason == rule.reason) {
                Some(f) => f.evidence.extend(evidence),
                None => flags.push(ExclusionFlag {
                    reason: rule.reason,
                    label: rule.reason.label_zh().to_owned(),
                    evidence,
                }),
            }
        }
        // 无实质内容: a near-empty body, or one with neither a topic term nor a proposal.
        let meaningful = super::text::meaningful_chars(&s.body);
        let has_topic = self.classify_hits(&hits).top.score > 0;
        let proposes = self.compiled.proposal.iter().any(|&i| hits.in_body(i) > 0);
        let mut evidence = Vec::new();
        if meaningful < NO_SUBSTANCE_CHARS {
            evidence.push(format!(
                "正文仅{meaningful}字 (body has only {meaningful} characters)"
            ));
        } else if !has_topic && !proposes {
            evidence.push(
                "正文既无具体事项也无建议措施 (neither a concrete matter nor a proposal)"
                    .to_owned(),
            );
        }
        if !evidence.is_empty() {
            flags.push(ExclusionFlag {
                reason: ExclusionReason::NoSubstance,
                label: ExclusionReason::NoSubstance.label_zh().to_owned(),
                evidence,
            });
        }
        flags.sort_by_key(|f| f.reason);
        flags
    }
}

#[cfg(test)]
mod tests {
    use crate::intake::{Screener, Submission};
    use crate::profile::{ExclusionReason, Profile};

    fn screener() -> Screener {
        Screener::new(&Profile::preset("seed-city").unwrap()).unwrap()
    }

    #[test]
    fn personal_matter_dressed_as_public_is_flagged_with_evidence() {
        let f = screener().exclusions(&Submission::new(
            "关于改善城市道路通行条件的建议",
            "我单位门口的道路多年未修，车辆出入困难，建议市交通运输局尽快安排资金修缮该路段，方便职工上下班。",
        ));
        let personal = f
            .iter()
            .find(|f| f.reason == ExclusionReason::PersonalMatter)
            .unwrap();
        assert!(personal.evidence[0].contains("【我单位】"));
    }

    #[test]
    fn a_sound_item_has_no_flags() {
        let f = screener().exclusions(&Submission::new(
            "关于推进垃圾分类的建议",
            "我市垃圾分类投放点设置不合理，居民参与率不高。建议一是优化投放点布局，二是加强宣传引导，三是完善收运体系。",
        ));
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn empty_body_has_no_substance() {
        let f = screener().exclusions(&Submission::new("关于若干问题的建议", "望重视。"));
        assert_eq!(f[0].reason, ExclusionReason::NoSubstance);
    }
}

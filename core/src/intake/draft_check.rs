//! 建议质量自查 (draft quality check for the deputy's app, SPEC §5; RULES.md §1.5): one matter
//! per item (一事一议), title and body length, problem / analysis / concrete proposals, vague
//! wording, a proposed unit → a 0–100 score and concrete fixes in Chinese and English.

use serde::{Deserialize, Serialize};

use super::{Screener, Submission};

/// 修改建议 (one concrete fix and the points it costs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftFix {
    /// Stable code, e.g. `draft.no_proposal`.
    pub code: String,
    /// Points deducted.
    pub points: u32,
    /// 中文.
    pub zh: String,
    /// English.
    pub en: String,
}

/// 质量自查结果 (score and fixes; no fixes means 100).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftReport {
    /// 0–100.
    pub score: u32,
    /// What to change, largest deduction first.
    pub fixes: Vec<DraftFix>,
}

fn fix(code: &str, points: u32, zh: String, en: String) -> DraftFix {
    DraftFix {
        code: code.to_owned(),
        points,
        zh,
        en,
    }
}

fn chars(text: &str) -> u32 {
    u32::try_from(text.trim().chars().count()).unwrap_or(u32::MAX)
}

impl Screener {
    /// Checks a draft and scores it.
    pub fn check_draft(&self, s: &Submission) -> DraftReport {
        let d = &self.rules.draft;
        let hits = self.hits(s);
        let mut fixes = Vec::new();
        let title = chars(&s.title);
        if title < d.min_title_chars || title > d.max_title_chars {
            fixes.push(fix(
                "draft.title_length",
                10,
                format!(
                    "标题{title}字，应在{}–{}字之间，写明“关于……的建议”",
                    d.min_title_chars, d.max_title_chars
                ),
                format!(
                    "title has {title} characters; keep it within {}–{}",
                    d.min_title_chars, d.max_title_chars
                ),
            ));
        }
        let body = chars(&s.body);
        if body < d.min_body_chars {
            fixes.push(fix(
                "draft.body_short",
                20,
                format!(
                    "正文仅{body}字，少于{}字，请充实情况和建议",
                    d.min_body_chars
                ),
                format!(
                    "body has {body} characters, fewer than {}",
                    d.min_body_chars
                ),
            ));
        } else if body > d.max_body_chars {
            fixes.push(fix(
                "draft.body_long",
                5,
                format!("正文{body}字，超过{}字，请精简", d.max_body_chars),
                format!("body has {body} characters, more than {}", d.max_body_chars),
            ));
        }
        let present = |idx: &[usize]| idx.iter().any(|&i| hits.in_body(i) > 0);
        if !present(&self.compiled.problem) {
            fixes.push(fix(
                "draft.no_problem",
                15,
                "请写明存在的问题和现状".to_owned(),
                "state the problem and the current situation".to_owned(),
            ));
        }
        if !present(&self.compiled.analysis) {
            fixes.push(fix(
                "draft.no_analysis",
                10,
                "请分析问题产生的原因，最好附数据或调研情况".to_owned(),
                "analyse the causes, with figures or findings if possible".to_owned(),
            ));
        }
        if !present(&self.compiled.proposal) {
            fixes.push(fix(
                "draft.no_proposal",
                20,
                "请提出具体、可操作的建议（如“一是……二是……”）".to_owned(),
                "give concrete, workable proposals (first …, second …)".to_owned(),
            ));
        }
        let vague: Vec<&str> = self
            .compiled
            .vague
            .iter()
            .filter(|&&i| hits.any(i))
            .map(|&i| self.matcher.term(i))
            .collect();
        let vague_count = u32::try_from(vague.len()).unwrap_or(u32::MAX);
        if vague_count > d.max_vague {
            let extra = vague_count.saturating_sub(d.max_vague);
            fixes.push(fix(
                "draft.vague",
                extra.saturating_mul(5).min(15),
                format!(
                    "用语笼统：{}，请改为具体措施、责任主体和时限",
                    vague.join("、")
                ),
                format!(
                    "vague wording: {}; name measures, who and by when",
                    vague.join(", ")
                ),
            ));
        }
        let c = self.classify_hits(&hits);
        if let [first, second, ..] = c.ranked.as_slice() {
            let bar = u64::from(first.score).saturating_mul(u64::from(d.second_matter_share.ppm()));
            let second_share = u64::from(second.score)
                .saturating_mul(u64::from(crate::profile::Proportion::SCALE));
            if second_share >= bar {
                fixes.push(fix(
                    "draft.several_matters",
                    15,
                    format!(
                        "一事一议：同时涉及{}和{}，请拆分为两件建议",
                        first.label, second.label
                    ),
                    format!(
                        "one matter per item: it covers {} and {}; split it",
                        first.topic, second.topic
                    ),
                ));
            }
        }
        if s.proposed_unit
            .as_deref()
            .is_none_or(|u| u.trim().is_empty())
        {
            fixes.push(fix(
                "draft.no_proposed_unit",
                5,
                "可填写建议承办单位，便于准确交办".to_owned(),
                "name a proposed handling unit to speed up assignment".to_owned(),
            ));
        }
        fixes.sort_by(|a, b| b.points.cmp(&a.points).then_with(|| a.code.cmp(&b.code)));
        let lost = fixes
            .iter()
            .fold(0_u32, |acc, f| acc.saturating_add(f.points));
        DraftReport {
            score: 100_u32.saturating_sub(lost),
            fixes,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::intake::{Screener, Submission};
    use crate::profile::Profile;

    fn screener() -> Screener {
        Screener::new(&Profile::preset("seed-city").unwrap()).unwrap()
    }

    #[test]
    fn a_good_draft_scores_high() {
        let mut s = Submission::new(
            "关于加快老旧小区加装电梯的建议",
            &"目前我市老旧小区加装电梯存在问题：审批流程长、居民意见难统一。原因主要是费用分摊机制缺失。\
              建议：一是简化审批流程，二是制定费用分摊指引，三是设立专项补贴。"
                .repeat(3),
        );
        s.proposed_unit = Some("市住房和城乡建设局".to_owned());
        let r = screener().check_draft(&s);
        assert_eq!(r.score, 100, "{r:?}");
    }

    #[test]
    fn a_poor_draft_gets_concrete_fixes() {
        let r = screener().check_draft(&Submission::new(
            "建议",
            "希望有关部门高度重视，进一步加强管理，加大力度，切实解决。",
        ));
        let codes: Vec<&str> = r.fixes.iter().map(|f| f.code.as_str()).collect();
        for c in [
            "draft.title_length",
            "draft.body_short",
            "draft.no_problem",
            "draft.vague",
            "draft.no_proposed_unit",
        ] {
            assert!(codes.contains(&c), "{c} missing in {codes:?}");
        }
        assert!(r.score <= 40, "{}", r.score);
    }
}

//! 议案审查 (motion qualification, SPEC §5; RULES.md §1.1): signer threshold or delegation
//! (profile `motion`), the three parts 案由/案据/方案 (代表法 Art 15), and whether the matter is
//! within this congress's competence. A motion that fails goes the 议案转建议 way: "should be
//! converted", with the reasons; the 主席团 decides.

use serde::{Deserialize, Serialize};

use super::{Reason, Screener, Submission};

/// 审查结论 (the verdict).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MotionVerdict {
    /// 符合议案条件 (qualifies as a motion).
    Qualifies,
    /// 建议转为建议处理 (should be converted to a suggestion).
    ShouldConvert,
}

/// 议案审查结果 (the verdict with its reasons).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MotionQualification {
    /// Verdict.
    pub verdict: MotionVerdict,
    /// What passed and what failed, each with a code.
    pub reasons: Vec<Reason>,
}

impl Screener {
    fn found(&self, s: &Submission, idx: &[usize]) -> Vec<String> {
        let hits = self.hits(s);
        idx.iter()
            .filter(|&&i| hits.any(i))
            .map(|&i| self.matcher.term(i).to_owned())
            .collect()
    }

    /// Checks an item submitted as a 议案.
    pub fn qualify_motion(&self, s: &Submission) -> MotionQualification {
        let mut reasons = Vec::new();
        let mut ok = true;
        let min = self.motion_min_signers;
        if s.by_delegation && self.delegation_may_submit {
            reasons.push(Reason::new(
                "motion.delegation",
                "以代表团名义提出".to_owned(),
                "submitted by a delegation".to_owned(),
            ));
        } else if s.signers >= min {
            reasons.push(Reason::new(
                "motion.signers",
                format!("{}名代表联名，达到{min}人", s.signers),
                format!("{} signers, threshold {min}", s.signers),
            ));
        } else {
            ok = false;
            reasons.push(Reason::new(
                "motion.signers_below_threshold",
                format!("联名代表{}人，不足{min}人", s.signers),
                format!("{} signers, fewer than {min}", s.signers),
            ));
        }
        let parts = [
            ("cause", "案由", &self.compiled.motion_cause),
            ("basis", "案据", &self.compiled.motion_basis),
            ("plan", "方案", &self.compiled.motion_plan),
        ];
        for (code, zh, idx) in parts {
            let found = self.found(s, idx);
            if found.is_empty() {
                ok = false;
                reasons.push(Reason::new(
                    &format!("motion.missing_{code}"),
                    format!("缺少{zh}"),
                    format!("no {code} ({zh}) found"),
                ));
            } else {
                reasons.push(Reason::new(
                    &format!("motion.has_{code}"),
                    format!("{zh}：{}", found.join("、")),
                    format!("{code} ({zh}): {}", found.join(", ")),
                ));
            }
        }
        let competence = self.found(s, &self.compiled.motion_competence);
        if competence.is_empty() {
            ok = false;
            reasons.push(Reason::new(
                "motion.outside_competence",
                "未见属于本级人大职权的事项（如制定、修改地方性法规或重大事项决定）".to_owned(),
                "no matter within this congress's powers (local regulation, major-matters decision)"
                    .to_owned(),
            ));
        } else {
            reasons.push(Reason::new(
                "motion.within_competence",
                format!("属本级人大职权：{}", competence.join("、")),
                format!("within this congress's powers: {}", competence.join(", ")),
            ));
        }
        MotionQualification {
            verdict: if ok {
                MotionVerdict::Qualifies
            } else {
                MotionVerdict::ShouldConvert
            },
            reasons,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::intake::{MotionVerdict, Screener, Submission};
    use crate::profile::Profile;

    fn screener() -> Screener {
        Screener::new(&Profile::preset("seed-city").unwrap()).unwrap()
    }

    const REGULATION: &str =
        "案由：提请制定《某市养犬管理条例》。案据：我市养犬数量快速增长，现行规定层级低，\
        执法依据不足。方案：建议市人大常委会将该条例列入立法计划，主要内容包括登记、免疫和处罚。";

    #[test]
    fn ten_signers_and_three_parts_qualify() {
        let mut s = Submission::new("关于制定《某市养犬管理条例》的议案", REGULATION);
        s.signers = 12;
        let q = screener().qualify_motion(&s);
        assert_eq!(q.verdict, MotionVerdict::Qualifies, "{q:?}");
    }

    #[test]
    fn too_few_signers_should_convert_and_say_why() {
        let mut s = Submission::new("关于制定《某市养犬管理条例》的议案", REGULATION);
        s.signers = 6;
        let q = screener().qualify_motion(&s);
        assert_eq!(q.verdict, MotionVerdict::ShouldConvert);
        assert!(q
            .reasons
            .iter()
            .any(|r| r.code == "motion.signers_below_threshold"));
        s.by_delegation = true;
        assert_eq!(
            screener().qualify_motion(&s).verdict,
            MotionVerdict::Qualifies
        );
    }

    #[test]
    fn an_administrative_request_is_outside_competence() {
        let mut s = Submission::new(
            "关于增设公交线路的议案",
            "案由：某小区出行难。根据调研，居民多。方案：增开一条公交线路。",
        );
        s.signers = 10;
        let q = screener().qualify_motion(&s);
        assert_eq!(q.verdict, MotionVerdict::ShouldConvert);
        assert!(q
            .reasons
            .iter()
            .any(|r| r.code == "motion.outside_competence"));
    }
}

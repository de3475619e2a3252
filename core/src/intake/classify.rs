//! 分类 (topic classification, SPEC §5; RULES.md §2.2): weighted keyword rules from the
//! profile; ranked topics, each with the terms that matched.

use serde::{Deserialize, Serialize};

use super::matcher::Hits;
use super::{Screener, Submission};

/// A term that matched, with its weight and how often it occurred.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchedTerm {
    /// The term.
    pub term: String,
    /// Its weight in the rule.
    pub weight: u32,
    /// Occurrences in the title.
    pub in_title: u32,
    /// Occurrences in the body.
    pub in_body: u32,
}

/// 分类得分 (one topic's score and the terms behind it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicScore {
    /// Topic id.
    pub topic: String,
    /// 中文 label.
    pub label: String,
    /// Σ weight × strength (a title occurrence counts four times a body one, each side
    /// capped at 3).
    pub score: u32,
    /// The terms that matched, strongest first.
    pub terms: Vec<MatchedTerm>,
}

/// 分类结果 (the ranked topics).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Classification {
    /// The chosen topic (the fallback topic with no terms when nothing matched).
    pub top: TopicScore,
    /// Every topic with a positive score, best first; ties keep the profile's order.
    pub ranked: Vec<TopicScore>,
}

/// Orders matched terms by weight × occurrences, then by the term.
pub(super) fn sort_strongest_first(matched: &mut [MatchedTerm]) {
    matched.sort_by(|a, b| {
        let sa = a
            .weight
            .saturating_mul(a.in_title.saturating_add(a.in_body));
        let sb = b
            .weight
            .saturating_mul(b.in_title.saturating_add(b.in_body));
        sb.cmp(&sa).then_with(|| a.term.cmp(&b.term))
    });
}

impl Screener {
    pub(super) fn classify_hits(&self, hits: &Hits) -> Classification {
        // One pass over the terms that occur and the topics holding each (`topic_postings`).
        let mut scores = vec![0_u32; self.topics.len()];
        let mut terms: Vec<Vec<MatchedTerm>> = vec![Vec::new(); self.topics.len()];
        for h in hits.iter() {
            let Some(list) = self.topic_postings.get(h.term) else {
                continue;
            };
            let strength = h.strength();
            for &(topic, weight) in list {
                if let (Some(score), Some(matched)) = (scores.get_mut(topic), terms.get_mut(topic))
                {
                    *score = score.saturating_add(weight.saturating_mul(strength));
                    matched.push(MatchedTerm {
                        term: self.matcher.term(h.term).to_owned(),
                        weight,
                        in_title: h.title,
                        in_body: h.body,
                    });
                }
            }
        }
        let mut ranked: Vec<TopicScore> = self
            .topics
            .iter()
            .zip(scores)
            .zip(terms)
            .filter(|((_, score), _)| *score > 0)
            .map(|(((id, label), score), mut terms)| {
                sort_strongest_first(&mut terms);
                TopicScore {
                    topic: id.clone(),
                    label: label.clone(),
                    score,
                    terms,
                }
            })
            .collect();
        // Stable sort: equal scores keep the profile's topic order.
        ranked.sort_by_key(|t| std::cmp::Reverse(t.score));
        let top = ranked.first().cloned().unwrap_or_else(|| {
            let fallback = &self.rules.fallback_topic;
            TopicScore {
                topic: fallback.clone(),
                label: self
                    .topics
                    .iter()
                    .find(|(id, _)| id == fallback)
                    .map(|(_, l)| l.clone())
                    .unwrap_or_default(),
                score: 0,
                terms: Vec::new(),
            }
        });
        Classification { top, ranked }
    }

    /// Classifies an item into the profile's topics.
    pub fn classify(&self, s: &Submission) -> Classification {
        self.classify_hits(&self.hits(s))
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
    fn title_terms_decide_and_are_listed() {
        let c = screener().classify(&Submission::new(
            "关于推进高标准农田建设的建议",
            "农田水利设施老化，灌溉困难，影响种粮积极性。",
        ));
        assert_eq!(c.top.topic, "agriculture");
        assert_eq!(c.top.label, "农业农村");
        assert!(c
            .top
            .terms
            .iter()
            .any(|t| t.term == "高标准农田" && t.in_title == 1));
    }

    #[test]
    fn a_deputy_screener_classifies_and_checks_but_routes_nowhere() {
        let p = Profile::preset("seed-city").unwrap();
        let deputy = Screener::for_deputy(&p).unwrap();
        let s = Submission::new(
            "关于推进高标准农田建设的建议",
            "农田水利设施老化，灌溉困难。",
        );
        assert_eq!(deputy.classify(&s), screener().classify(&s));
        assert_eq!(deputy.check_draft(&s), screener().check_draft(&s));
        let r = deputy.route(&s);
        assert!(r.candidates.is_empty());
        assert_eq!(r.difficulty, Some(crate::intake::Difficulty::NoCandidate));
        assert_eq!(deputy.units().count(), 0);
    }

    #[test]
    fn no_keyword_falls_back_to_other() {
        let c = screener().classify(&Submission::new("关于某事的建议", "请研究。"));
        assert_eq!(c.top.topic, "other");
        assert!(c.ranked.is_empty());
        assert!(c.top.terms.is_empty());
    }

    #[test]
    fn two_topics_are_both_ranked() {
        let c = screener().classify(&Submission::new(
            "关于加强中小学生近视防控和校园周边交通治理的建议",
            "中小学生近视率上升；学校周边道路拥堵，接送车辆停车混乱。",
        ));
        let topics: Vec<&str> = c.ranked.iter().map(|t| t.topic.as_str()).collect();
        assert!(topics.contains(&"education_culture_health"));
        assert!(topics.contains(&"environment_construction"));
    }
}

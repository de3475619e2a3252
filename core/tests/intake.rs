//! Intake intelligence on realistic Chinese suggestion texts (SPEC §5, issue 4): each case in
//! `data/intake-cases.json` states the expected top topic, lead unit, exclusion flags, and for
//! motions the verdict; near-duplicates name the item they rework. Every mismatch is listed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests"
)]

use std::collections::BTreeSet;

use jianyi_core::intake::{
    IndexedText, MotionVerdict, Screener, SimilarKind, SimilarityIndex, Submission,
};
use jianyi_core::Profile;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    id: String,
    #[serde(default)]
    kind: Option<String>,
    title: String,
    body: String,
    #[serde(default)]
    proposed_unit: Option<String>,
    #[serde(default)]
    signers: Option<u32>,
    #[serde(default)]
    by_delegation: bool,
    topic: String,
    #[serde(default)]
    also_topic: Option<String>,
    unit: Option<String>,
    #[serde(default)]
    difficult: bool,
    flags: Vec<String>,
    #[serde(default)]
    verdict: Option<String>,
    #[serde(default)]
    duplicate_of: Option<String>,
}

impl Case {
    fn submission(&self) -> Submission {
        let mut s = Submission::new(&self.title, &self.body);
        s.proposed_unit.clone_from(&self.proposed_unit);
        s.signers = self.signers.unwrap_or(1);
        s.by_delegation = self.by_delegation;
        s
    }
}

fn cases() -> Vec<Case> {
    serde_json::from_str(include_str!("data/intake-cases.json")).unwrap()
}

fn screener() -> Screener {
    Screener::new(&Profile::preset("seed-city").unwrap()).unwrap()
}

fn snake(v: impl serde::Serialize) -> String {
    serde_json::to_value(v)
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn there_are_at_least_sixty_cases_across_every_topic() {
    let cases = cases();
    assert!(cases.len() >= 60, "{}", cases.len());
    let topics: BTreeSet<&str> = cases.iter().map(|c| c.topic.as_str()).collect();
    for t in [
        "finance_economy",
        "agriculture",
        "social",
        "education_culture_health",
        "environment_construction",
        "democracy_law",
        "other",
    ] {
        assert!(topics.contains(t), "no case for {t}");
    }
}

#[test]
fn topic_unit_and_flags_are_as_expected_and_explained() {
    let s = screener();
    let mut wrong = Vec::new();
    for c in cases() {
        let sub = c.submission();
        let r = s.route(&sub);
        let top = &r.classification.top;
        if top.topic != c.topic {
            wrong.push(format!(
                "{}: topic {} (expected {}) {:?}",
                c.id,
                top.topic,
                c.topic,
                r.classification
                    .ranked
                    .iter()
                    .map(|t| (&t.topic, t.score))
                    .collect::<Vec<_>>()
            ));
        }
        if top.topic != "other" && top.terms.is_empty() {
            wrong.push(format!("{}: topic without terms", c.id));
        }
        if let Some(also) = &c.also_topic {
            if !r
                .classification
                .ranked
                .iter()
                .skip(1)
                .any(|t| &t.topic == also)
            {
                wrong.push(format!("{}: second topic {also} not ranked", c.id));
            }
        }
        let lead = r.lead.as_ref().map(|l| l.unit.clone());
        if lead != c.unit {
            wrong.push(format!(
                "{}: lead {:?} (expected {:?}) {:?}",
                c.id,
                lead,
                c.unit,
                r.candidates
                    .iter()
                    .map(|u| (&u.unit, u.score))
                    .collect::<Vec<_>>()
            ));
        }
        if let Some(l) = &r.lead {
            if l.reasons.is_empty() {
                wrong.push(format!("{}: lead without reasons", c.id));
            }
        }
        if r.difficulty.is_some() != c.difficult {
            wrong.push(format!("{}: difficulty {:?}", c.id, r.difficulty));
        }
        let flags = s.exclusions(&sub);
        let got: BTreeSet<String> = flags.iter().map(|f| snake(f.reason)).collect();
        let want: BTreeSet<String> = c.flags.iter().cloned().collect();
        if got != want {
            wrong.push(format!(
                "{}: flags {got:?} (expected {want:?}) {flags:?}",
                c.id
            ));
        }
        if flags.iter().any(|f| f.evidence.is_empty()) {
            wrong.push(format!("{}: a flag without evidence", c.id));
        }
        if c.kind.as_deref() == Some("motion") {
            let q = s.qualify_motion(&sub);
            let verdict = snake(q.verdict);
            if Some(&verdict) != c.verdict.as_ref() {
                wrong.push(format!("{}: verdict {verdict} {:?}", c.id, q.reasons));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} mismatches:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn reworded_near_duplicates_are_the_only_merge_candidates() {
    let s = screener();
    let cases = cases();
    // The originals of the duplicates are filed a year earlier: "raised again".
    let originals: BTreeSet<&str> = cases
        .iter()
        .filter_map(|c| c.duplicate_of.as_deref())
        .collect();
    let idx = SimilarityIndex::build(
        &s.rules().similarity,
        cases.iter().map(|c| IndexedText {
            id: c.id.clone(),
            year: if originals.contains(c.id.as_str()) {
                2021
            } else {
                2022
            },
            text: format!("{}{}", c.title, c.body),
        }),
    );
    let found = idx.candidates();
    for c in cases.iter().filter(|c| c.duplicate_of.is_some()) {
        let want = c.duplicate_of.as_deref().unwrap();
        let hit = found.iter().find(|m| m.a == c.id && m.b == want);
        let hit = hit.unwrap_or_else(|| panic!("{} ~ {want} not found in {found:?}", c.id));
        assert_eq!(hit.kind, SimilarKind::EarlierYear);
        assert!(!hit.shared.is_empty());
    }
    for m in &found {
        let declared = cases
            .iter()
            .any(|c| c.id == m.a && c.duplicate_of.as_deref() == Some(m.b.as_str()));
        assert!(declared, "unexpected candidate {m:?}");
    }
}

#[test]
fn motions_convert_with_reasons_and_qualify_with_a_delegation() {
    let s = screener();
    for c in cases()
        .iter()
        .filter(|c| c.kind.as_deref() == Some("motion"))
    {
        let q = s.qualify_motion(&c.submission());
        assert!(!q.reasons.is_empty());
        if q.verdict == MotionVerdict::ShouldConvert {
            assert!(q.reasons.iter().any(|r| r.code.contains("missing")
                || r.code.contains("below")
                || r.code.contains("outside")));
        }
    }
}

#[test]
fn every_case_gets_a_draft_score_and_the_empty_one_scores_lowest() {
    let s = screener();
    let cases = cases();
    let scores: Vec<(String, u32)> = cases
        .iter()
        .map(|c| (c.id.clone(), s.check_draft(&c.submission()).score))
        .collect();
    let lowest = scores.iter().min_by_key(|(_, v)| *v).unwrap();
    assert_eq!(lowest.0, "hard05", "{scores:?}");
    let empty = s.check_draft(
        &cases
            .iter()
            .find(|c| c.id == "hard05")
            .unwrap()
            .submission(),
    );
    assert!(empty
        .fixes
        .iter()
        .all(|f| !f.zh.is_empty() && !f.en.is_empty()));
}

/// The sample city-year's 预交办 names the routing answer's units (issue 4: "the sample
/// city-year uses it"): for every pre-assignment of an item whose routing answer is not
/// difficult, the units are exactly the answer's, kept to registered units.
#[test]
fn the_sample_city_year_pre_assigns_by_routing_answer() {
    use jianyi_core::{Action, ItemId, UnitId};
    use serde_json::Value;
    use std::collections::BTreeMap;

    let s = screener();
    let mut texts: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut converted: BTreeMap<String, String> = BTreeMap::new();
    let mut units: BTreeSet<String> = BTreeSet::new();
    let mut pre: Vec<(String, Vec<String>)> = Vec::new();
    for line in include_str!("../../examples/data/sample-city-2022.jsonl")
        .lines()
        .skip(1)
    {
        let v: Value = serde_json::from_str(line).unwrap();
        let f = &v["fact"];
        let str_of = |x: &Value| x.as_str().unwrap_or_default().to_owned();
        match f["type"].as_str().unwrap_or_default() {
            "suggestion_submitted" | "motion_submitted" => {
                let t = &f["text"];
                texts.insert(
                    str_of(&f["item"]),
                    (str_of(&t["title"]), str_of(&t["body"])),
                );
            }
            "motion_decided" => {
                if let Some(sug) = f["decision"]["suggestion"].as_str() {
                    converted.insert(sug.to_owned(), str_of(&f["item"]));
                }
            }
            "unit_registered" => {
                units.insert(str_of(&f["unit"]["id"]));
            }
            "pre_assigned" => pre.push((
                str_of(&f["item"]),
                f["units"].as_array().unwrap().iter().map(str_of).collect(),
            )),
            _ => {}
        }
    }
    let (mut routed, mut fallback) = (0, 0);
    for (item, got) in &pre {
        let source = converted.get(item).unwrap_or(item);
        let (title, body) = &texts[source];
        let answer = s.route(&Submission::new(title, body));
        let Some(Action::PreAssign { units: want, .. }) = answer
            .actions(&ItemId::new(item.as_str()).unwrap())
            .into_iter()
            .next()
        else {
            fallback += 1;
            continue;
        };
        let want: Vec<String> = want
            .iter()
            .map(UnitId::as_str)
            .filter(|u| units.contains(*u))
            .map(str::to_owned)
            .collect();
        assert_eq!(got, &want, "{item}: {title}");
        routed += 1;
    }
    assert!(routed > 100, "{routed} routed, {fallback} fell back");
    assert!(
        fallback * 10 < routed,
        "{routed} routed, {fallback} fell back"
    );
}

//! 受理审查智能 (intake intelligence, SPEC §5): topic classification, unit routing, motion
//! qualification, exclusion checks, a draft quality check and similar-item search.
//!
//! Every answer explains itself: it lists the terms and rules that produced it, so the
//! secretariat can confirm or overrule. Nothing here rejects an item: exclusion checks and
//! difficult routing are flags for a person (RULES.md §1.4, §2.4).
//!
//! ```
//! use jianyi_core::intake::{Screener, Submission};
//! use jianyi_core::Profile;
//!
//! let profile = Profile::preset("seed-city").unwrap();
//! let screener = Screener::new(&profile).unwrap();
//! let s = Submission::new("关于加快老旧小区加装电梯的建议", "我市老旧小区多，老年人上下楼困难……");
//! let routing = screener.route(&s);
//! assert_eq!(routing.classification.top.topic, "environment_construction");
//! assert_eq!(routing.lead.unwrap().unit, "U-ZJJ");
//! ```

mod classify;
mod draft_check;
mod evaluation;
mod exclusion;
mod history;
mod matcher;
mod qualify;
mod routing;
mod similar;
mod text;
mod units;
mod wording;

use serde::{Deserialize, Serialize};

use crate::directory::Directory;
use crate::error::ProfileError;
use crate::ledger::Ledger;
use crate::profile::unit_kinds::{national, UnitKind};
use crate::profile::{Profile, ScreeningRules};

use matcher::{Hits, Matcher, TermTable};

pub use classify::{Classification, MatchedTerm, TopicScore};
pub use draft_check::{DraftFix, DraftReport};
pub use evaluation::{
    named_townships, with_named_townships, KindScore, RoutingCase, RoutingEvaluation,
};
pub use exclusion::ExclusionFlag;
pub use qualify::{MotionQualification, MotionVerdict};
pub use routing::{Difficulty, RoutingAnswer, UnitCandidate};
pub use similar::{IndexedText, MergeCandidate, SimilarKind, SimilarityIndex};
pub use text::char_ngrams;

/// A reason in Chinese and English, with a stable code (理由).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    /// Stable code, e.g. `signers.below_threshold`.
    pub code: String,
    /// 中文说明.
    pub zh: String,
    /// English.
    pub en: String,
}

impl Reason {
    pub(crate) fn new(code: &str, zh: String, en: String) -> Reason {
        Reason {
            code: code.to_owned(),
            zh,
            en,
        }
    }
}

/// 待审查的建议或议案 (an item as submitted, the input of every check).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submission {
    /// 标题.
    pub title: String,
    /// 正文.
    pub body: String,
    /// 建议承办单位 (the deputy's proposed unit: an id or a name), if any.
    #[serde(default)]
    pub proposed_unit: Option<String>,
    /// 联名人数 (signers, the lead included).
    #[serde(default = "one")]
    pub signers: u32,
    /// 以代表团名义 (submitted by a delegation).
    #[serde(default)]
    pub by_delegation: bool,
}

fn one() -> u32 {
    1
}

impl Submission {
    /// A single deputy's item with no proposed unit.
    pub fn new(title: &str, body: &str) -> Submission {
        Submission {
            title: title.to_owned(),
            body: body.to_owned(),
            proposed_unit: None,
            signers: 1,
            by_delegation: false,
        }
    }
}

/// 往年办理记录 (an earlier item kept outside the ledger): its text and the units that
/// finally led it, for [`Screener::learn_from`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastItem {
    /// 标题.
    pub title: String,
    /// 正文 (may be empty).
    #[serde(default)]
    pub body: String,
    /// The final lead units' ids (after any return or reassignment).
    pub leads: Vec<String>,
}

impl PastItem {
    /// (title, body, lead unit ids), as the history counts an item.
    fn parts(&self) -> (&str, &str, Vec<&str>) {
        (
            self.title.as_str(),
            self.body.as_str(),
            self.leads.iter().map(String::as_str).collect(),
        )
    }
}

/// Rule tables resolved to term indices of the shared automaton.
#[derive(Debug, Clone)]
struct Compiled {
    /// Per topic: (term index, weight).
    topics: Vec<Vec<(usize, u32)>>,
    /// Per system rule: term indices.
    systems: Vec<Vec<usize>>,
    /// Per exclusion rule: term indices.
    exclusions: Vec<Vec<usize>>,
    motion_cause: Vec<usize>,
    motion_basis: Vec<usize>,
    motion_plan: Vec<usize>,
    motion_competence: Vec<usize>,
    problem: Vec<usize>,
    analysis: Vec<usize>,
    proposal: Vec<usize>,
    vague: Vec<usize>,
}

/// 受理审查器 (the screener): a profile's screening rules compiled once, then applied to any
/// number of items. Pure: no I/O, no clock.
#[derive(Debug, Clone)]
pub struct Screener {
    rules: ScreeningRules,
    /// (topic id, 中文 label) in profile order.
    topics: Vec<(String, String)>,
    motion_min_signers: u32,
    delegation_may_submit: bool,
    matcher: Matcher,
    compiled: Compiled,
    /// The units routed to, with their kinds and terms.
    units: Vec<units::RoutedUnit>,
    /// Per term index, the units holding it as a duty, a locality term or a name.
    postings: Vec<Vec<Posting>>,
    /// Per term index, how many kinds of department hold it as a duty or a locality term
    /// (a unit without a kind counts as one of its own).
    holders: Vec<u32>,
    /// Per term index, the topics holding it: (topic position, weight).
    topic_postings: Vec<Vec<(usize, u32)>>,
    /// The department kinds in force (the national table, or the host's).
    kinds: Vec<crate::profile::unit_kinds::UnitKind>,
    /// What the ledger's history says (empty unless built from a ledger).
    history: history::RoutingHistory,
    /// The character pairs of the units' terms, for titles no term matches.
    wording: wording::Wording,
}

/// What a term is to a unit that holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// One of its kind's duties, with the weight.
    Duty(u32),
    /// A term its locality adds, with the weight.
    Own(u32),
    /// One of the names a text may call it by.
    Name,
}

/// A unit holding a term (the inverted index routing reads).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Posting {
    /// The unit's position in the screener's units.
    unit: usize,
    role: Role,
}

/// Per term index, the units holding it.
///
/// A term a locality gives a unit (`screening.units[].terms`) overrides the national duties:
/// no unit holds it as a duty any more (the locality has said whose work it is).
fn postings(units: &[units::RoutedUnit], terms: usize) -> Vec<Vec<Posting>> {
    let mut out: Vec<Vec<Posting>> = vec![Vec::new(); terms];
    let local: std::collections::BTreeSet<usize> = units
        .iter()
        .flat_map(|u| u.own_terms.iter().map(|&(i, _)| i))
        .collect();
    for (unit, u) in units.iter().enumerate() {
        let roles = u
            .duties
            .iter()
            .filter(|(i, _)| !local.contains(i))
            .map(|&(i, w)| (i, Role::Duty(w)))
            .chain(u.own_terms.iter().map(|&(i, w)| (i, Role::Own(w))))
            .chain(u.names.iter().map(|&i| (i, Role::Name)));
        for (i, role) in roles {
            if let Some(list) = out.get_mut(i) {
                list.push(Posting { unit, role });
            }
        }
    }
    out
}

/// Per term index, how many distinct kinds (or kindless units) hold it as a duty or a
/// locality term: a city's and a district's bureau of one kind are one holder.
fn holders(units: &[units::RoutedUnit], postings: &[Vec<Posting>]) -> Vec<u32> {
    postings
        .iter()
        .map(|list| {
            let who: std::collections::BTreeSet<&str> = list
                .iter()
                .filter(|p| p.role != Role::Name)
                .filter_map(|p| units.get(p.unit))
                .map(|u| u.kind.as_ref().map_or(u.id.as_str(), |k| k.id.as_str()))
                .collect();
            u32::try_from(who.len()).unwrap_or(u32::MAX)
        })
        .collect()
}

/// Per term index, the topics holding it, in topic order.
fn topic_postings(topics: &[Vec<(usize, u32)>], terms: usize) -> Vec<Vec<(usize, u32)>> {
    let mut out: Vec<Vec<(usize, u32)>> = vec![Vec::new(); terms];
    for (topic, list) in topics.iter().enumerate() {
        for &(i, weight) in list {
            if let Some(p) = out.get_mut(i) {
                p.push((topic, weight));
            }
        }
    }
    out
}

fn weighted(table: &mut TermTable, terms: &[crate::profile::WeightedTerm]) -> Vec<(usize, u32)> {
    terms
        .iter()
        .map(|t| (table.add(&t.term), t.weight))
        .collect()
}

fn plain(table: &mut TermTable, terms: &[String]) -> Vec<usize> {
    terms.iter().map(|t| table.add(t)).collect()
}

impl Screener {
    /// Compiles the profile's screening rules (the profile was validated when loaded),
    /// routing to the units of its own table (`screening.units`), each also recognised by its
    /// department kind.
    pub fn new(profile: &Profile) -> Result<Screener, ProfileError> {
        Screener::build(profile, units::of_rules, national())
    }

    /// Classification, the draft check, motion qualification and the exclusion checks, with
    /// no units to route to (every routing answer is `NoCandidate`): what a deputy's app needs
    /// offline. It does not read the table of department kinds, so a phone library that only
    /// calls this does not carry it.
    pub fn for_deputy(profile: &Profile) -> Result<Screener, ProfileError> {
        Screener::build(profile, |_, _, _| Vec::new(), Vec::new())
    }

    /// Routes to every unit of `directory`: each unit's kind is recognised from its name,
    /// so a locality's own directory routes without keyword tables (issue 21); the
    /// profile's rule for a unit (`screening.units`, matched by id) adds its terms.
    pub fn for_directory(
        profile: &Profile,
        directory: &Directory,
    ) -> Result<Screener, ProfileError> {
        Screener::build(
            profile,
            |r, k, t| units::of_directory(r, k, directory, t),
            national(),
        )
    }

    /// As [`Screener::for_directory`], with a table of department kinds of the host's own
    /// instead of the national one.
    ///
    /// # Errors
    /// `profile.invalid_value` naming the first bad kind (`unit_kinds[i]…`).
    pub fn with_kinds(
        profile: &Profile,
        directory: &Directory,
        kinds: Vec<UnitKind>,
    ) -> Result<Screener, ProfileError> {
        crate::profile::unit_kinds::validate(&kinds)?;
        Screener::build(
            profile,
            |r, k, t| units::of_directory(r, k, directory, t),
            kinds,
        )
    }

    /// Routes to the ledger's directory and learns from its history: which units handled
    /// the earlier items mentioning each term (final leads, after returns and
    /// reassignments).
    pub fn for_ledger(ledger: &Ledger) -> Result<Screener, ProfileError> {
        let mut s = Screener::build(
            ledger.profile(),
            |r, k, t| units::of_directory(r, k, ledger.directory(), t),
            national(),
        )?;
        s.history = history::RoutingHistory::learn(ledger, &s.matcher, &s.units);
        Ok(s)
    }

    /// Learns from earlier items a host keeps outside the ledger (a former system's
    /// records, an earlier term's files) as [`Screener::for_ledger`] learns from the
    /// ledger's own: each item counts once for every duty term it mentions and for each of
    /// its final leads that is one of this screener's units. Adds to what the screener has
    /// learnt; returns how many of `past` taught something (the others name no unit it
    /// routes to).
    pub fn learn_from(&mut self, past: &[PastItem]) -> usize {
        self.history
            .add(&self.matcher, &self.units, past.iter().map(PastItem::parts))
    }

    fn build(
        profile: &Profile,
        units_of: impl FnOnce(&ScreeningRules, &[UnitKind], &mut TermTable) -> Vec<units::RoutedUnit>,
        kinds: Vec<UnitKind>,
    ) -> Result<Screener, ProfileError> {
        let rules = profile.screening.clone();
        let topics: Vec<(String, String)> = profile
            .intake
            .topics
            .iter()
            .map(|t| (t.id.clone(), t.label.zh.clone()))
            .collect();
        let mut table = TermTable::default();
        let topic_terms = topics
            .iter()
            .map(|(id, _)| {
                rules
                    .topic_terms
                    .iter()
                    .filter(|t| &t.topic == id)
                    .flat_map(|t| weighted(&mut table, &t.terms))
                    .collect()
            })
            .collect();
        // A closure, not a value to match on: the deputy's screener (no units) is then
        // compiled without the units' code, which the phone library does not carry.
        let units = units_of(&rules, &kinds, &mut table);
        let systems = rules
            .system_terms
            .iter()
            .map(|s| plain(&mut table, &s.terms))
            .collect();
        let exclusions = rules
            .exclusions
            .iter()
            .map(|e| plain(&mut table, &e.terms))
            .collect();
        let compiled = Compiled {
            topics: topic_terms,
            systems,
            exclusions,
            motion_cause: plain(&mut table, &rules.motion.cause),
            motion_basis: plain(&mut table, &rules.motion.basis),
            motion_plan: plain(&mut table, &rules.motion.plan),
            motion_competence: plain(&mut table, &rules.motion.competence),
            problem: plain(&mut table, &rules.draft.problem_markers),
            analysis: plain(&mut table, &rules.draft.analysis_markers),
            proposal: plain(&mut table, &rules.draft.proposal_markers),
            vague: plain(&mut table, &rules.draft.vague_terms),
        };
        let matcher = table.build()?;
        let postings = postings(&units, matcher.len());
        let wording = wording::Wording::build(&units, &matcher);
        Ok(Screener {
            rules,
            topics,
            motion_min_signers: profile.motion.min_signers,
            delegation_may_submit: profile.motion.delegation_may_submit,
            holders: holders(&units, &postings),
            postings,
            topic_postings: topic_postings(&compiled.topics, matcher.len()),
            matcher,
            compiled,
            units,
            kinds,
            history: history::RoutingHistory::default(),
            wording,
        })
    }

    fn hits(&self, s: &Submission) -> Hits {
        self.matcher.hits(&s.title, &s.body)
    }

    /// The screening rules in use.
    pub fn rules(&self) -> &ScreeningRules {
        &self.rules
    }

    /// The units routed to: (id, name, department kind id when recognised), in order.
    pub fn units(&self) -> impl Iterator<Item = (&str, &str, Option<&str>)> {
        self.units.iter().map(|u| {
            (
                u.id.as_str(),
                u.name.as_str(),
                u.kind.as_ref().map(|k| k.id.as_str()),
            )
        })
    }

    /// The department kind a unit named `name` is (`profile::unit_kinds`): its id.
    pub fn unit_kind(&self, name: &str) -> Option<&str> {
        crate::profile::unit_kinds::recognise(&self.kinds, name).map(|k| k.id.as_str())
    }

    /// Terms the ledger's history holds evidence for (0 unless built by
    /// [`Screener::for_ledger`]).
    pub fn history_terms(&self) -> usize {
        self.history.len()
    }
}

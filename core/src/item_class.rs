//! 办理结果 of an item (an item's result class): its parts and the least-resolved rule.
//!
//! In split mode (分办) each lead unit handles and replies for its own part; in the other
//! modes the item answers as one (a joint reply is one reply, however many leads sign it).
//! SPEC §4: a split item's class is the **least-resolved of its parts' latest classes**, in
//! the profile's class order, whatever the order the parts arrived in; it counts as replied
//! once every part has replied; it rolls over while any part is planned. Every figure, table,
//! follow-up and rollover reads an item's class through this module, never `replies.last()`.

use crate::id::UnitId;
use crate::item::{Item, ReplyRecord};
use crate::profile::ResultRules;
use crate::vocab::{HandlingMode, ReplyRound};

/// One part of an item, as replies go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part<'a> {
    /// The whole item (lead-with-co and joint modes, or no assignment yet).
    Whole,
    /// The part a unit handles in split mode (分办).
    Unit(&'a UnitId),
}

impl Part<'_> {
    /// Whether `reply` answers for this part.
    fn answers(self, reply: &ReplyRecord) -> bool {
        match self {
            Part::Whole => true,
            Part::Unit(u) => &reply.unit == u,
        }
    }
}

/// The position of `class` in the profile's order (report order: most resolved first); a
/// class the profile does not define sorts after every defined one.
fn rank(results: &ResultRules, class: &str) -> usize {
    results
        .classes
        .iter()
        .position(|c| c.id == class)
        .unwrap_or(results.classes.len())
}

/// The least-resolved of the parts' classes; `None` when a part has none.
fn least_resolved<'a>(
    results: &ResultRules,
    classes: impl Iterator<Item = Option<&'a str>>,
) -> Option<&'a str> {
    let mut worst: Option<(usize, &str)> = None;
    for class in classes {
        let class = class?;
        let r = rank(results, class);
        // INVARIANT: ties keep the first part's class; equal ranks are the same class.
        if worst.is_none_or(|(w, _)| r > w) {
            worst = Some((r, class));
        }
    }
    worst.map(|(_, c)| c)
}

impl Item {
    /// Whether the current assignment is split (分办): each lead answers for its part.
    pub fn is_split(&self) -> bool {
        self.current_assignment()
            .is_some_and(|a| a.plan.mode == HandlingMode::Split)
    }

    /// The item's parts: each lead unit of a split assignment, in plan order, or the whole.
    /// Read for every item by every figure, so nothing is allocated.
    pub fn parts(&self) -> impl Iterator<Item = Part<'_>> + Clone {
        let split = self
            .current_assignment()
            .filter(|a| a.plan.mode == HandlingMode::Split);
        let whole = split.is_none().then_some(Part::Whole);
        split
            .into_iter()
            .flat_map(|a| a.plan.leads.iter().map(Part::Unit))
            .chain(whole)
    }

    /// The replies answering for `part`, in the order given.
    pub fn replies_of<'a>(&'a self, part: Part<'a>) -> impl Iterator<Item = &'a ReplyRecord> {
        self.replies.iter().filter(move |r| part.answers(r))
    }

    /// The latest reply of `part` among the first `upto` replies of the item.
    fn latest_of<'a>(&'a self, part: Part<'a>, upto: usize) -> Option<&'a ReplyRecord> {
        self.replies
            .get(..upto.min(self.replies.len()))?
            .iter()
            .rev()
            .find(|r| part.answers(r))
    }

    /// Every part has replied at least once: the item counts as replied (SPEC §4).
    pub fn is_replied(&self) -> bool {
        self.parts().all(|p| self.replies_of(p).next().is_some())
    }

    /// The class after the first reply: the least-resolved of each part's first reply;
    /// `None` until every part has replied.
    pub fn first_class(&self, results: &ResultRules) -> Option<&str> {
        least_resolved(
            results,
            self.parts()
                .map(|p| self.replies_of(p).next().map(|r| r.class.as_str())),
        )
    }

    /// The item's class now: the least-resolved of each part's latest class; `None` until
    /// every part has replied. Final statistics use it (SPEC §4, §10).
    pub fn latest_class(&self, results: &ResultRules) -> Option<&str> {
        self.class_upto(results, self.replies.len())
    }

    /// The class the second round (二次答复) left the item in: the item's class over the
    /// replies up to its latest follow-up reply; `None` without a follow-up reply.
    pub fn second_round_class(&self, results: &ResultRules) -> Option<&str> {
        let last = self
            .replies
            .iter()
            .rposition(|r| r.round == ReplyRound::FollowUp)?;
        self.class_upto(results, last.saturating_add(1))
    }

    /// The item's class over its first `upto` replies.
    fn class_upto(&self, results: &ResultRules, upto: usize) -> Option<&str> {
        least_resolved(
            results,
            self.parts()
                .map(|p| self.latest_of(p, upto).map(|r| r.class.as_str())),
        )
    }

    /// The class a unit answers for: its own part's latest class in split mode (the by-unit
    /// figures count each part under its own class: SPEC §4), else the item's class.
    pub fn class_for_unit<'a>(
        &'a self,
        unit: &'a UnitId,
        results: &ResultRules,
    ) -> Option<&'a str> {
        if self.is_split() {
            self.latest_of(Part::Unit(unit), self.replies.len())
                .map(|r| r.class.as_str())
        } else {
            self.latest_class(results)
        }
    }

    /// The lead units whose part's latest class is one of `classes`: in split mode each part
    /// on its own; otherwise every lead when the item's latest reply is in `classes`. Who owes
    /// the second reply (follow-up) or the rollover reply; empty when nobody does.
    pub fn leads_with_class_in<'a>(&'a self, classes: &[String]) -> Vec<&'a UnitId> {
        let is_in = |r: Option<&ReplyRecord>| r.is_some_and(|r| classes.contains(&r.class));
        if self.is_split() {
            self.parts()
                .filter_map(|p| match p {
                    Part::Unit(u) if is_in(self.latest_of(p, self.replies.len())) => Some(u),
                    _ => None,
                })
                .collect()
        } else if is_in(self.replies.last()) {
            self.lead_units().collect()
        } else {
            Vec::new()
        }
    }

    /// Some part's latest class is one of `classes` (an item rolls over while any part is
    /// planned: SPEC §4).
    pub fn any_part_in(&self, classes: &[String]) -> bool {
        self.parts().any(|p| {
            self.latest_of(p, self.replies.len())
                .is_some_and(|r| classes.contains(&r.class))
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]

    use chrono::NaiveDate;

    use super::*;
    use crate::command::ItemText;
    use crate::item::{AssignmentRecord, ItemStatus};
    use crate::profile::Profile;
    use crate::vocab::{AssignmentPlan, ItemKind, Origin, Period};

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2022, 5, day).unwrap()
    }

    fn item(mode: HandlingMode, leads: &[&str]) -> Item {
        Item {
            id: "J1".parse().unwrap(),
            kind: ItemKind::Suggestion,
            session: "9-1".parse().unwrap(),
            period: Period::Session,
            year: 2022,
            lead: "D1".parse().unwrap(),
            cosigners: vec![],
            delegation: None,
            text: ItemText {
                title: "t".to_owned(),
                body: "b".to_owned(),
            },
            proposed_unit: None,
            origin: Origin::Direct,
            submitted_on: d(1),
            status: ItemStatus::Handling,
            motion_decision: None,
            topic: None,
            merge_group: None,
            pre_assignments: vec![],
            dispute: None,
            assignments: vec![AssignmentRecord {
                plan: AssignmentPlan {
                    mode,
                    leads: leads.iter().map(|u| u.parse().unwrap()).collect(),
                    co: vec![],
                },
                on: d(2),
                reassignment: false,
            }],
            handlers: crate::unit_map::UnitMap::new(),
            contacts: vec![],
            replies: vec![],
            feedback: vec![],
            reopen_pending: false,
            reopened_on: vec![],
            follow_ups: vec![],
            commitments: vec![],
            rolled_into: vec![],
            look_backs: vec![],
            key_supervision: None,
            leader_led: None,
            activities: vec![],
            evaluation: None,
            honoured: None,
            closing: None,
            duties: vec![],
            events: vec![],
            last_on: d(2),
            unknown: crate::provenance::UnknownSet::default(),
        }
    }

    fn reply(it: &mut Item, unit: &str, class: &str, round: ReplyRound, day: u32) {
        it.replies.push(ReplyRecord {
            unit: unit.parse().unwrap(),
            round,
            class: class.to_owned(),
            promised_by: None,
            on: d(day),
            signed_by_head: true,
            copied_to: vec![],
            leader_reviewed: false,
        });
    }

    #[test]
    fn a_split_item_takes_its_least_resolved_part_whatever_the_order() {
        let results = Profile::preset("seed-city").unwrap().results;
        for order in [["U-A", "U-B"], ["U-B", "U-A"]] {
            let mut it = item(HandlingMode::Split, &["U-A", "U-B"]);
            let class = |u: &str| if u == "U-A" { "planned" } else { "resolved" };
            reply(&mut it, order[0], class(order[0]), ReplyRound::First, 10);
            assert!(!it.is_replied());
            assert_eq!(it.first_class(&results), None);
            assert_eq!(it.latest_class(&results), None);
            reply(&mut it, order[1], class(order[1]), ReplyRound::First, 11);
            assert!(it.is_replied());
            assert_eq!(it.first_class(&results), Some("planned"));
            assert_eq!(it.latest_class(&results), Some("planned"));
            assert!(it.any_part_in(&["planned".to_owned()]));
            let owing = it.leads_with_class_in(&["planned".to_owned()]);
            assert_eq!(owing.len(), 1);
            assert_eq!(owing[0].as_str(), "U-A");
        }
    }

    #[test]
    fn a_joint_or_single_item_answers_as_one() {
        let results = Profile::preset("seed-city").unwrap().results;
        let mut it = item(HandlingMode::Joint, &["U-A", "U-B"]);
        reply(&mut it, "U-B", "in_progress", ReplyRound::First, 10);
        assert!(it.is_replied());
        assert_eq!(it.first_class(&results), Some("in_progress"));
        reply(&mut it, "U-B", "resolved", ReplyRound::FollowUp, 20);
        assert_eq!(it.latest_class(&results), Some("resolved"));
        assert_eq!(it.second_round_class(&results), Some("resolved"));
        assert_eq!(it.first_class(&results), Some("in_progress"));
        assert!(it
            .leads_with_class_in(&["in_progress".to_owned()])
            .is_empty());
    }

    #[test]
    fn the_second_round_class_ignores_later_rounds() {
        let results = Profile::preset("seed-city").unwrap().results;
        let mut it = item(HandlingMode::Split, &["U-A", "U-B"]);
        reply(&mut it, "U-A", "in_progress", ReplyRound::First, 10);
        reply(&mut it, "U-B", "resolved", ReplyRound::First, 11);
        assert_eq!(it.second_round_class(&results), None);
        reply(&mut it, "U-A", "planned", ReplyRound::FollowUp, 20);
        reply(&mut it, "U-A", "resolved", ReplyRound::Rollover, 28);
        assert_eq!(it.second_round_class(&results), Some("planned"));
        assert_eq!(it.latest_class(&results), Some("resolved"));
    }

    #[test]
    fn a_class_the_profile_does_not_know_is_least_resolved() {
        let results = Profile::preset("seed-city").unwrap().results;
        let mut it = item(HandlingMode::Split, &["U-A", "U-B"]);
        reply(&mut it, "U-A", "unheard_of", ReplyRound::First, 10);
        reply(&mut it, "U-B", "reference", ReplyRound::First, 11);
        assert_eq!(it.latest_class(&results), Some("unheard_of"));
    }
}

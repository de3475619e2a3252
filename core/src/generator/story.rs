//! Each item's story as dated commands; all stories are merged in date order.

use std::collections::BTreeMap;

use chrono::{Days, Months, NaiveDate};

use crate::actor::Actor;
use crate::command::{Action, Command, ItemText};
use crate::directory::{Committee, Delegation, Deputy, Leader, LeaderPost, Session, System, Unit};
use crate::id::{
    CommandId, CommitteeId, DelegationId, DeputyId, ItemId, LeaderId, MergeGroupId, SessionId,
    UnitId,
};
use crate::vocab::{
    AssignmentPlan, Closing, ContactMethod, Disposition, DisputeStep, ExclusionReason,
    HandlingMode, MotionDecision,
};

use super::names::{person, COMMITTEES, DELEGATIONS, SUBJECTS, UNITS};
use super::rng::Rng;
use super::routed::Router;
use super::{ymd, GeneratorConfig};

/// A command waiting for its date; `order` keeps each story's steps in sequence.
struct Planned {
    on: NaiveDate,
    order: u64,
    actor: Actor,
    action: Action,
}

pub(super) fn id<T: std::str::FromStr>(raw: &str) -> Option<T> {
    raw.parse().ok()
}

fn plus(d: NaiveDate, days: u64) -> NaiveDate {
    d.checked_add_days(Days::new(days)).unwrap_or(d)
}

/// A handling unit of the synthetic city.
#[derive(Clone)]
struct CityUnit {
    id: UnitId,
    system: System,
    topics: &'static [&'static str],
}

pub(super) struct Planner {
    pub(super) rng: Rng,
    pub(super) year: i32,
    steps: Vec<Planned>,
    order: u64,
    units: Vec<CityUnit>,
    deputies: Vec<(DeputyId, Option<DelegationId>)>,
    router: Router,
    /// Every rating planned: (item, level, date), for the third-party candidates.
    pub(super) ratings: Vec<(ItemId, &'static str, NaiveDate)>,
    /// Who rates each item.
    pub(super) raters: BTreeMap<ItemId, Actor>,
    /// Each item's lead units after its last (re)assignment.
    pub(super) leads: BTreeMap<ItemId, Vec<UnitId>>,
}

/// What an item's first reply said, for the stories that follow it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Resolved,
    InProgress,
    Planned,
    Reference,
}

impl Class {
    fn id(self) -> &'static str {
        match self {
            Class::Resolved => "resolved",
            Class::InProgress => "in_progress",
            Class::Planned => "planned",
            Class::Reference => "reference",
        }
    }
}

impl Planner {
    pub(super) fn push(&mut self, on: NaiveDate, actor: Actor, action: Action) {
        self.order = self.order.saturating_add(1);
        self.steps.push(Planned {
            on,
            order: self.order,
            actor,
            action,
        });
    }

    /// The date of each item's last planned step (list actions count for every item).
    pub(super) fn last_steps(&self) -> BTreeMap<ItemId, NaiveDate> {
        let mut last: BTreeMap<ItemId, NaiveDate> = BTreeMap::new();
        for step in &self.steps {
            let items: Vec<&ItemId> = match &step.action {
                Action::LogSupervisionActivity { items, .. } => items.iter().collect(),
                other => other.item().into_iter().collect(),
            };
            for item in items {
                let d = last.entry(item.clone()).or_insert(step.on);
                *d = (*d).max(step.on);
            }
        }
        last
    }

    /// Every unit of the city, in directory order.
    pub(super) fn unit_ids(&self) -> Vec<UnitId> {
        self.units.iter().map(|u| u.id.clone()).collect()
    }

    pub(super) fn office(&mut self, on: NaiveDate, action: Action) {
        self.push(on, Actor::DeputyAffairsOffice, action);
    }

    pub(super) fn unit_act(&mut self, on: NaiveDate, unit: &UnitId, action: Action) {
        self.push(on, Actor::Unit { id: unit.clone() }, action);
    }

    fn units_for(&mut self, topic: &str, system: Option<System>) -> Vec<UnitId> {
        self.units
            .iter()
            .filter(|u| u.topics.contains(&topic) && system.is_none_or(|s| u.system == s))
            .map(|u| u.id.clone())
            .collect()
    }

    fn pick_unit(&mut self, topic: &str, other_than: &[UnitId]) -> Option<UnitId> {
        // Most items go to the government system, as in every report (RULES.md §2.3);
        // legal topics go to the court or the procuratorate now and then.
        let judicial = topic == "democracy_law" && self.rng.chance(250);
        let prefer = if judicial {
            Some(if self.rng.chance(500) {
                System::Court
            } else {
                System::Procuratorate
            })
        } else {
            self.rng.chance(850).then_some(System::Government)
        };
        let mut pool: Vec<UnitId> = self.units_for(topic, prefer);
        pool.retain(|u| !other_than.contains(u));
        if pool.is_empty() {
            pool = self.units_for(topic, None);
        }
        pool.retain(|u| !other_than.contains(u));
        if pool.is_empty() {
            pool = self
                .units
                .iter()
                .map(|u| u.id.clone())
                .filter(|u| !other_than.contains(u))
                .collect();
        }
        let i = self.rng.index(pool.len());
        pool.get(i).cloned()
    }

    fn directory(&mut self, config: &GeneratorConfig) {
        let on = ymd(self.year.saturating_sub(1), 1, 2);
        for (cid, name) in COMMITTEES {
            if let Some(id) = id::<CommitteeId>(cid) {
                self.office(
                    on,
                    Action::RegisterCommittee {
                        committee: Committee {
                            id,
                            name: name.to_owned(),
                        },
                    },
                );
            }
        }
        for (i, name) in DELEGATIONS.iter().enumerate() {
            if let Some(id) = id::<DelegationId>(&format!("DL{:02}", i.saturating_add(1))) {
                self.office(
                    on,
                    Action::RegisterDelegation {
                        delegation: Delegation {
                            id,
                            name: format!("{name}代表团"),
                        },
                    },
                );
            }
        }
        for copy in 0..config.unit_copies.max(1) {
            for (stem, name, system, committee, topics) in UNITS {
                let (uid, uname) = if copy == 0 {
                    (format!("U-{stem}"), name.to_owned())
                } else {
                    let district = DELEGATIONS
                        .get(
                            copy.saturating_sub(1)
                                .checked_rem(DELEGATIONS.len())
                                .unwrap_or(0),
                        )
                        .copied()
                        .unwrap_or("东湖区");
                    (
                        format!("U-{stem}-{copy:02}"),
                        format!("{district}{}", name.trim_start_matches('市')),
                    )
                };
                // Courts, procuratorates and congress organs exist once.
                if copy > 0
                    && matches!(
                        system,
                        System::Court | System::Procuratorate | System::Congress
                    )
                {
                    continue;
                }
                let Some(unit_id) = id::<UnitId>(&uid) else {
                    continue;
                };
                let liaison = COMMITTEES
                    .get(committee)
                    .and_then(|(c, _)| id::<CommitteeId>(c));
                self.units.push(CityUnit {
                    id: unit_id.clone(),
                    system,
                    topics,
                });
                self.office(
                    on,
                    Action::RegisterUnit {
                        unit: Unit {
                            id: unit_id,
                            name: uname,
                            system,
                            liaison_committee: liaison,
                        },
                    },
                );
            }
        }
        for (i, (lid, name, post)) in [
            ("L-CHAIR", "赵建国", LeaderPost::Chair),
            ("L-VC1", "钱文华", LeaderPost::ViceChair),
            ("L-VC2", "孙丽华", LeaderPost::ViceChair),
            ("L-MAYOR", "王进健", LeaderPost::Mayor),
            ("L-VM1", "李振华", LeaderPost::ViceMayor),
            ("L-VM2", "周海燕", LeaderPost::ViceMayor),
        ]
        .into_iter()
        .enumerate()
        {
            let _ = i;
            if let Some(id) = id::<LeaderId>(lid) {
                self.office(
                    on,
                    Action::RegisterLeader {
                        leader: Leader {
                            id,
                            name: name.to_owned(),
                            post,
                        },
                    },
                );
            }
        }
        for i in 0..config.deputies.max(12) {
            let a = self.rng.index(40);
            let b = self.rng.index(40);
            let delegation = id::<DelegationId>(&format!(
                "DL{:02}",
                i.checked_rem(DELEGATIONS.len())
                    .unwrap_or(0)
                    .saturating_add(1)
            ));
            let Some(did) = id::<DeputyId>(&format!("D{:06}", i.saturating_add(1))) else {
                continue;
            };
            let office_holder = self.rng.chance(50);
            self.deputies.push((did.clone(), delegation.clone()));
            self.office(
                on,
                Action::RegisterDeputy {
                    deputy: Deputy {
                        id: did,
                        name: person(a, b),
                        delegation,
                        office_holder,
                    },
                },
            );
        }
        let prev = ymd(self.year.saturating_sub(1), 1, 10);
        let cur = ymd(self.year, 2, 21);
        for (sid, term, number, opens) in [("8-5", 8, 5, prev), ("9-1", 9, 1, cur)] {
            if let Some(id) = id::<SessionId>(sid) {
                self.office(
                    on,
                    Action::RegisterSession {
                        session: Session {
                            id,
                            term,
                            number,
                            opens,
                            closes: plus(opens, 4),
                        },
                    },
                );
            }
        }
    }

    /// Lead deputy, co-signers and the acting deputy or delegation head.
    fn signers(
        &mut self,
        max_cosigners: u64,
    ) -> (DeputyId, Vec<DeputyId>, Option<DelegationId>, Actor) {
        let n = self.deputies.len();
        let lead_i = self.rng.index(n);
        let (lead, delegation) = self.deputies.get(lead_i).cloned().unwrap_or_else(|| {
            (
                DeputyId::new("D000001").unwrap_or_else(|_| unreachable_id()),
                None,
            )
        });
        let mut cos = Vec::new();
        for _ in 0..self.rng.below(max_cosigners.saturating_add(1)) {
            if let Some((d, _)) = self.deputies.get(self.rng.index(n)) {
                if d != &lead && !cos.contains(d) {
                    cos.push(d.clone());
                }
            }
        }
        let by_delegation = delegation.is_some() && self.rng.chance(40);
        let actor = match (&delegation, by_delegation) {
            (Some(dl), true) => Actor::DelegationHead {
                delegation: dl.clone(),
            },
            _ => Actor::Deputy { id: lead.clone() },
        };
        (
            lead,
            cos,
            if by_delegation { delegation } else { None },
            actor,
        )
    }

    fn text(&mut self, topic: &str) -> ItemText {
        let subjects = SUBJECTS
            .iter()
            .find(|(t, _)| *t == topic)
            .map_or(&[][..], |(_, s)| *s);
        let subject = subjects
            .get(self.rng.index(subjects.len()))
            .copied()
            .unwrap_or("完善相关工作");
        ItemText {
            title: format!("关于{subject}的建议"),
            body: format!("问题：{subject}方面仍存在短板，群众反映较多。分析：相关政策和投入有待完善。建议：一是加强统筹；二是加大投入；三是建立长效机制。"),
        }
    }

    fn topic(&mut self) -> &'static str {
        let i = self.rng.index(SUBJECTS.len());
        SUBJECTS.get(i).map_or("other", |(t, _)| *t)
    }
}

fn unreachable_id() -> DeputyId {
    // "D000001" is a valid id; this fallback only satisfies the type checker.
    DeputyId::new("D0").unwrap_or_else(|_| unreachable_id())
}

/// A suggestion on its way through the year.
struct Story {
    item: ItemId,
    topic: &'static str,
    lead: DeputyId,
    rater: Actor,
    recess: bool,
    registered: NaiveDate,
    /// Its text (the routing answer of 预交办 reads it).
    text: ItemText,
}

fn commitments_after(count: &mut u32) -> u32 {
    let i = *count;
    *count = count.saturating_add(1);
    i
}

impl Planner {
    /// Registration through closing for one suggestion.
    #[expect(clippy::many_single_char_names, reason = "one story, step by step")]
    fn handle(&mut self, s: &Story, merge: Option<MergeGroupId>) {
        let year = self.year;
        let y = |m: u32, d: u32| ymd(year, m, d);
        self.office(
            s.registered,
            Action::Register {
                item: s.item.clone(),
                topic: s.topic.to_owned(),
                merge_group: merge,
            },
        );
        let lead_unit = self.pick_unit(s.topic, &[]);
        let Some(lead_unit) = lead_unit else { return };
        let mut assigned = if s.recess {
            plus(s.registered, 3)
        } else {
            y(3, 31)
        };
        // Mode: mostly lead-with-co, some split, a few joint across systems (合办).
        let roll = self.rng.below(1000);
        let plan = if roll < 60 {
            let other = self.pick_unit(s.topic, std::slice::from_ref(&lead_unit));
            AssignmentPlan {
                mode: HandlingMode::Split,
                leads: [Some(lead_unit.clone()), other]
                    .into_iter()
                    .flatten()
                    .collect(),
                co: vec![],
            }
        } else if roll < 100 {
            let gov = self
                .units_for(s.topic, Some(System::Government))
                .first()
                .cloned();
            let pm: Vec<UnitId> = self
                .units
                .iter()
                .filter(|u| u.system == System::PartyMass)
                .map(|u| u.id.clone())
                .collect();
            let pm = pm.get(self.rng.index(pm.len())).cloned();
            match (gov, pm) {
                (Some(g), Some(p)) => AssignmentPlan {
                    mode: HandlingMode::Joint,
                    leads: vec![g, p],
                    co: vec![],
                },
                _ => AssignmentPlan {
                    mode: HandlingMode::LeadWithCo,
                    leads: vec![lead_unit.clone()],
                    co: vec![],
                },
            }
        } else {
            let co = if self.rng.chance(300) {
                self.pick_unit(s.topic, std::slice::from_ref(&lead_unit))
            } else {
                None
            };
            AssignmentPlan {
                mode: HandlingMode::LeadWithCo,
                leads: vec![lead_unit.clone()],
                co: co.into_iter().collect(),
            }
        };
        let mut plan = plan;
        // 预交办 in up to two rounds after the session (一.三); 疑难件 settled by the
        // coordination meeting on 29 March.
        let disputed = !s.recess && {
            if self.rng.chance(300) {
                let known = |u: &UnitId| self.units.iter().any(|c| &c.id == u);
                let units = self
                    .router
                    .pre_assign_units(&s.item, &s.text, known)
                    .unwrap_or_else(|| plan.leads.clone());
                self.office(
                    plus(s.registered, 4),
                    Action::PreAssign {
                        item: s.item.clone(),
                        units: units.clone(),
                    },
                );
                if self.rng.chance(500) {
                    self.office(
                        plus(s.registered, 17),
                        Action::PreAssign {
                            item: s.item.clone(),
                            units,
                        },
                    );
                }
            }
            self.rng.chance(12)
        };
        if disputed {
            self.office(
                plus(s.registered, 22),
                Action::RaiseDispute {
                    item: s.item.clone(),
                    reason: "承办单位存在分歧".to_owned(),
                },
            );
            assigned = y(3, 29);
            self.office(
                assigned,
                Action::SettleDispute {
                    item: s.item.clone(),
                    step: DisputeStep::Coordination,
                    plan: plan.clone(),
                },
            );
        } else {
            self.office(
                assigned,
                Action::Assign {
                    item: s.item.clone(),
                    plan: plan.clone(),
                },
            );
        }
        // A return inside the window, approved, then reassigned (RULES.md §3.3).
        if plan.mode == HandlingMode::LeadWithCo && plan.co.is_empty() && self.rng.chance(20) {
            self.unit_act(
                plus(assigned, 3),
                &lead_unit,
                Action::RequestReturn {
                    item: s.item.clone(),
                    reason: "该事项不属于本单位职责".to_owned(),
                },
            );
            self.office(
                plus(assigned, 4),
                Action::DecideReturn {
                    item: s.item.clone(),
                    unit: lead_unit.clone(),
                    approved: true,
                },
            );
            let new_lead = self
                .pick_unit(s.topic, std::slice::from_ref(&lead_unit))
                .unwrap_or(lead_unit.clone());
            assigned = plus(assigned, 6);
            plan = AssignmentPlan {
                mode: HandlingMode::LeadWithCo,
                leads: vec![new_lead],
                co: vec![],
            };
            self.office(
                assigned,
                Action::Reassign {
                    item: s.item.clone(),
                    plan: plan.clone(),
                },
            );
        }
        for u in plan.leads.clone() {
            let d = self.rng.days(7, 30);
            self.unit_act(
                plus(assigned, d),
                &u,
                Action::RecordContact {
                    item: s.item.clone(),
                    method: ContactMethod::Meeting,
                },
            );
        }
        let first_lead = plan.leads.first().cloned().unwrap_or(lead_unit);
        for co in plan.co.clone() {
            let sent = plus(assigned, self.rng.days(15, 28));
            self.unit_act(
                sent,
                &co,
                Action::SendCoOpinion {
                    item: s.item.clone(),
                },
            );
            if self.rng.chance(80) {
                self.unit_act(
                    plus(sent, 2),
                    &first_lead,
                    Action::ReturnCoOpinion {
                        item: s.item.clone(),
                        unit: co.clone(),
                    },
                );
                self.unit_act(
                    plus(sent, 5),
                    &co,
                    Action::SendCoOpinion {
                        item: s.item.clone(),
                    },
                );
            }
        }
        // Reply date: normal, extended (approved, within 6 months) or late (no extension).
        let single = plan.mode == HandlingMode::LeadWithCo;
        let timing = self.rng.below(1000);
        let replied = if single && timing < 30 {
            let until = assigned
                .checked_add_months(Months::new(4))
                .unwrap_or(assigned);
            self.unit_act(
                plus(assigned, 60),
                &first_lead,
                Action::RequestExtension {
                    item: s.item.clone(),
                    until,
                    reason: "涉及面广、处理难度大".to_owned(),
                },
            );
            self.office(
                plus(assigned, 62),
                Action::DecideExtension {
                    item: s.item.clone(),
                    unit: first_lead.clone(),
                    approved: true,
                },
            );
            plus(assigned, self.rng.days(100, 112))
        } else if timing < 60 {
            plus(assigned, self.rng.days(100, 112))
        } else {
            plus(assigned, self.rng.days(35, 80))
        };
        // Class: 正在解决 only where the August notice will find it (a single reply before 20 July).
        let can_progress = single && replied <= y(7, 20);
        let c = self.rng.below(1000);
        let class = if c < 600 {
            Class::Resolved
        } else if c < 720 {
            if can_progress {
                Class::InProgress
            } else {
                Class::Resolved
            }
        } else if c < 860 {
            Class::Planned
        } else {
            Class::Reference
        };
        let promise = |cl: Class| match cl {
            Class::InProgress => Some(ymd(year, 11, 30)),
            Class::Planned => Some(ymd(year.saturating_add(1), 6, 30)),
            _ => None,
        };
        let mut commitments = 0u32;
        let mut planned_commitment = None;
        let repliers: Vec<UnitId> = if plan.mode == HandlingMode::Joint {
            plan.leads.iter().take(1).cloned().collect()
        } else {
            plan.leads.clone()
        };
        self.leads.insert(s.item.clone(), repliers.clone());
        let mut last_reply = replied;
        for (k, u) in repliers.iter().enumerate() {
            let on = plus(replied, u64::try_from(k).unwrap_or(0));
            last_reply = on;
            let cl = if k == 0 { class } else { Class::Resolved };
            if matches!(cl, Class::InProgress | Class::Planned) {
                let idx = commitments_after(&mut commitments);
                if cl == Class::Planned {
                    planned_commitment = Some((idx, u.clone()));
                }
            }
            let signed_by_head = self.rng.chance(950);
            let leader_reviewed = self.rng.chance(100);
            self.unit_act(
                on,
                u,
                Action::IssueReply {
                    item: s.item.clone(),
                    class: cl.id().to_owned(),
                    promised_by: promise(cl),
                    signed_by_head,
                    copied_to: vec![
                        "市人大常委会人事代表工委".to_owned(),
                        "市政府办公室".to_owned(),
                    ],
                    leader_reviewed,
                },
            );
        }
        // How the deputy reads the answer: a split item by its last part's reply (resolved).
        // The item's own class is its least-resolved part's (SPEC §4): `class`, the first
        // unit's, as the other parts are resolved; the office closes by that.
        let final_class = if repliers.len() > 1 {
            Class::Resolved
        } else {
            class
        };
        let mut item_class = class;
        let rated = plus(last_reply, self.rng.days(3, 12));
        let f = self.rng.below(1000);
        let mut settled = last_reply;
        let mut last_step = rated;
        // INVARIANT: a lapse falls inside the work year; after 31 December a planned item
        // has rolled into next year's list and is being handled again.
        let lapses_on = plus(last_reply, 45);
        if class != Class::InProgress && f < 15 && lapses_on <= ymd(year, 12, 20) {
            // Silence: lapsed after the 20-working-day window (Chongqing Art 29).
            self.office(
                lapses_on,
                Action::LapseFeedback {
                    item: s.item.clone(),
                },
            );
            return;
        } else if matches!(final_class, Class::Planned | Class::Reference) && f < 60 {
            // 不满意 → the office reopens → rehandled within a month → rated again.
            self.rate(
                rated,
                s,
                "dissatisfied",
                Some("答复内容不具体，问题未实质解决"),
            );
            self.office(
                plus(rated, 3),
                Action::DecideReopen {
                    item: s.item.clone(),
                    reopen: true,
                },
            );
            let again = plus(rated, self.rng.days(13, 25));
            let cl = if self.rng.chance(700) {
                Class::Resolved
            } else {
                Class::Reference
            };
            for u in &repliers {
                self.unit_act(
                    again,
                    u,
                    Action::IssueReply {
                        item: s.item.clone(),
                        class: cl.id().to_owned(),
                        promised_by: None,
                        signed_by_head: true,
                        copied_to: vec!["市人大常委会人事代表工委".to_owned()],
                        leader_reviewed: true,
                    },
                );
            }
            if cl == Class::Resolved {
                planned_commitment = None;
            }
            item_class = cl;
            self.rate(plus(again, 5), s, "satisfied", None);
            settled = again;
            last_step = plus(again, 5);
        } else {
            let level = if f < 870 {
                "satisfied"
            } else {
                "basically_satisfied"
            };
            self.rate(rated, s, level, None);
        }
        let mut closable = final_class == Class::Resolved;
        if class == Class::InProgress {
            // 二次答复 after the August notice (三.1): most now resolved, some planned or for reference.
            let second = plus(y(8, 8), self.rng.days(10, 40));
            let r = self.rng.below(1000);
            let cl = if r < 700 {
                Class::Resolved
            } else if r < 900 {
                Class::Planned
            } else {
                Class::Reference
            };
            if cl == Class::Planned {
                planned_commitment =
                    Some((commitments_after(&mut commitments), first_lead.clone()));
            }
            self.unit_act(
                second,
                &first_lead,
                Action::IssueReply {
                    item: s.item.clone(),
                    class: cl.id().to_owned(),
                    promised_by: promise(cl),
                    signed_by_head: true,
                    copied_to: vec!["市人大常委会人事代表工委".to_owned()],
                    leader_reviewed: false,
                },
            );
            self.rate(plus(second, 6), s, "satisfied", None);
            closable = cl == Class::Resolved;
            item_class = cl;
            settled = second;
            last_step = plus(second, 6);
        }
        // Some planned commitments are fulfilled before the year ends.
        if let Some((idx, unit)) = planned_commitment {
            if self.rng.chance(200) {
                self.unit_act(
                    y(11, 20).max(plus(settled, 10)),
                    &unit,
                    Action::FulfilCommitment {
                        item: s.item.clone(),
                        commitment: idx,
                    },
                );
            }
        }
        // An item with a planned part rolls over instead (the core refuses to close it).
        if closable && last_step < y(12, 10) && self.rng.chance(400) && item_class != Class::Planned
        {
            self.office(
                y(12, 20),
                Action::Close {
                    item: s.item.clone(),
                    how: Closing::Completed,
                },
            );
        }
    }

    fn rate(&mut self, on: NaiveDate, s: &Story, level: &'static str, comment: Option<&str>) {
        self.ratings.push((s.item.clone(), level, on));
        self.raters.insert(s.item.clone(), s.rater.clone());
        self.push(
            on,
            s.rater.clone(),
            Action::GiveFeedback {
                item: s.item.clone(),
                level: level.to_owned(),
                attitude: None,
                result: None,
                comment: comment.map(str::to_owned),
            },
        );
        let _ = &s.lead;
    }

    /// The previous term's last session: items answered 计划解决, rolled into this year.
    fn previous_term(&mut self, count: usize) {
        let prev = self.year.saturating_sub(1);
        let mut previously_evaluated = Vec::new();
        for i in 0..count {
            let topic = self.topic();
            let (lead, cos, delegation, actor) = self.signers(3);
            let Some(item) = id::<ItemId>(&format!("P{prev}-{:05}", i.saturating_add(1))) else {
                continue;
            };
            let text = self.text(topic);
            let submitted = ymd(prev, 1, 11);
            self.push(
                submitted,
                actor.clone(),
                Action::SubmitSuggestion {
                    item: item.clone(),
                    lead: lead.clone(),
                    cosigners: cos,
                    delegation,
                    text,
                    proposed_unit: None,
                },
            );
            self.office(
                ymd(prev, 1, 20),
                Action::Register {
                    item: item.clone(),
                    topic: topic.to_owned(),
                    merge_group: None,
                },
            );
            let Some(unit) = self.pick_unit(topic, &[]) else {
                continue;
            };
            self.office(
                ymd(prev, 2, 25),
                Action::Assign {
                    item: item.clone(),
                    plan: AssignmentPlan {
                        mode: HandlingMode::LeadWithCo,
                        leads: vec![unit.clone()],
                        co: vec![],
                    },
                },
            );
            self.unit_act(
                ymd(prev, 3, 10),
                &unit,
                Action::RecordContact {
                    item: item.clone(),
                    method: ContactMethod::Visit,
                },
            );
            self.unit_act(
                ymd(prev, 4, 12),
                &unit,
                Action::IssueReply {
                    item: item.clone(),
                    class: "planned".to_owned(),
                    promised_by: Some(ymd(self.year, 6, 30)),
                    signed_by_head: true,
                    copied_to: vec![],
                    leader_reviewed: false,
                },
            );
            self.push(
                ymd(prev, 4, 22),
                actor.clone(),
                Action::GiveFeedback {
                    item: item.clone(),
                    level: "basically_satisfied".to_owned(),
                    attitude: None,
                    result: None,
                    comment: None,
                },
            );
            // The first few were evaluated by a third party last year, at the deputy's
            // request, and are handled again (the seed 三.3: "4件重新办理的建议").
            let evaluated = i < super::evaluation::PREVIOUS_EVALUATED;
            if evaluated {
                self.push(
                    ymd(prev, 6, 10),
                    actor.clone(),
                    Action::RequestEvaluation { item: item.clone() },
                );
                previously_evaluated.push(item.clone());
            }
            // Handled again with this year's items (同步交办、同步办理、同步考核).
            let on = ymd(self.year, 4, 8).max(plus(ymd(self.year, 4, 1), self.rng.days(0, 30)));
            let chance = self.rng.chance(650);
            let resolved = if evaluated { i % 2 == 0 } else { chance };
            let class = if resolved { "resolved" } else { "planned" };
            let promised = (!resolved).then(|| ymd(self.year.saturating_add(1), 6, 30));
            self.unit_act(
                on,
                &unit,
                Action::IssueReply {
                    item: item.clone(),
                    class: class.to_owned(),
                    promised_by: promised,
                    signed_by_head: true,
                    copied_to: vec![],
                    leader_reviewed: false,
                },
            );
            self.push(
                plus(on, 7),
                actor,
                Action::GiveFeedback {
                    item: item.clone(),
                    level: "satisfied".to_owned(),
                    attitude: None,
                    result: None,
                    comment: None,
                },
            );
        }
        self.previous_evaluation(&previously_evaluated);
        if count > 0 {
            self.office(
                ymd(prev, 12, 31),
                Action::Rollover {
                    from_year: prev,
                    into_year: self.year,
                },
            );
        }
    }
}

/// Plan the whole city-year as commands in date order.
pub(super) fn plan(config: &GeneratorConfig) -> Vec<Command> {
    let mut p = Planner {
        rng: Rng::new(config.seed),
        year: config.year,
        steps: Vec::new(),
        order: 0,
        units: Vec::new(),
        deputies: Vec::new(),
        router: Router::new(),
        ratings: Vec::new(),
        raters: BTreeMap::new(),
        leads: BTreeMap::new(),
    };
    let year = config.year;
    p.directory(config);
    let rolled = config
        .suggestions
        .saturating_mul(usize::try_from(config.rollover_permille).unwrap_or(0))
        / 1000;
    p.previous_term(rolled.max(1));
    // Session items assigned by the end of March: the pool for supervision (section 二).
    let mut supervisable: Vec<(ItemId, &'static str)> = Vec::new();
    let opens = ymd(year, 2, 21);
    let closes = plus(opens, 4);
    // Motions: one to the standing committee, the rest converted (opening paragraph).
    for m in 0..config.motions.max(2) {
        let (lead, _, _, _) = p.signers(0);
        let mut cos = Vec::new();
        while cos.len() < 9 {
            let i = p.rng.index(p.deputies.len());
            if let Some((d, _)) = p.deputies.get(i).cloned() {
                if d != lead && !cos.contains(&d) {
                    cos.push(d);
                }
            }
        }
        let topic = p.topic();
        let Some(item) = id::<ItemId>(&format!("M{year}-{:03}", m.saturating_add(1))) else {
            continue;
        };
        let text = if m == 0 {
            ItemText {
                title: "关于围绕企业发展中的痛点堵点难点，切实优化提升营商环境的议案".to_owned(),
                body: "案由：……案据：……方案：……".to_owned(),
            }
        } else {
            let t = p.text(topic);
            ItemText {
                title: t.title.replace("的建议", "的议案"),
                body: "案由：……案据：……方案：……".to_owned(),
            }
        };
        p.push(
            plus(opens, 1),
            Actor::Deputy { id: lead.clone() },
            Action::SubmitMotion {
                item: item.clone(),
                session: id("9-1").unwrap_or_else(|| {
                    SessionId::new("9-1").unwrap_or_else(|_| unreachable_session())
                }),
                lead: lead.clone(),
                cosigners: cos,
                delegation: None,
                text: text.clone(),
            },
        );
        if m == 0 {
            p.push(
                plus(closes, 0),
                Actor::Presidium,
                Action::DecideMotion {
                    item,
                    decision: MotionDecision::ToStandingCommittee,
                },
            );
        } else {
            let Some(sug) = id::<ItemId>(&format!("J{year}-C{m:03}")) else {
                continue;
            };
            p.push(
                plus(closes, 0),
                Actor::Presidium,
                Action::DecideMotion {
                    item,
                    decision: MotionDecision::ConvertToSuggestion {
                        suggestion: sug.clone(),
                    },
                },
            );
            let story = Story {
                item: sug,
                topic,
                lead: lead.clone(),
                rater: Actor::Deputy { id: lead },
                recess: false,
                registered: plus(closes, 3),
                text: text.clone(),
            };
            supervisable.push((story.item.clone(), topic));
            p.handle(&story, None);
        }
    }
    // Suggestions of the year: at the session, and a few in recess.
    for i in 0..config.suggestions {
        let topic = p.topic();
        // The first two are withdrawn and rejected at the session.
        let recess = p.rng.chance(config.recess_permille) && i > 1;
        let (lead, cos, delegation, actor) = p.signers(6);
        let Some(item) = id::<ItemId>(&format!("J{year}-{:06}", i.saturating_add(1))) else {
            continue;
        };
        let text = p.text(topic);
        let submitted = if recess {
            plus(ymd(year, 4, 1), p.rng.days(0, 150))
        } else {
            plus(opens, p.rng.days(0, 4))
        };
        let proposed = if p.rng.chance(300) {
            p.pick_unit(topic, &[])
        } else {
            None
        };
        p.push(
            submitted,
            actor.clone(),
            Action::SubmitSuggestion {
                item: item.clone(),
                lead: lead.clone(),
                cosigners: cos.clone(),
                delegation,
                text: text.clone(),
                proposed_unit: proposed,
            },
        );
        if i == 0 {
            // 撤回: every signer agrees (Shanghai Art 10).
            let agreed = std::iter::once(lead).chain(cos).collect();
            p.push(
                plus(closes, 1),
                actor,
                Action::Withdraw {
                    item,
                    agreed_by: agreed,
                },
            );
            continue;
        }
        if i == 1 {
            p.office(
                plus(closes, 2),
                Action::Reject {
                    item,
                    reason: ExclusionReason::PersonalMatter,
                    disposition: Disposition::ReturnedToDeputy,
                },
            );
            continue;
        }
        let merge = if p.rng.chance(20) {
            id::<MergeGroupId>(&format!("G{year}-{:04}", i / 40))
        } else {
            None
        };
        let registered = if recess {
            plus(submitted, 2)
        } else {
            plus(closes, 3)
        };
        let story = Story {
            item,
            topic,
            lead,
            rater: actor,
            recess,
            registered,
            text,
        };
        if !recess {
            supervisable.push((story.item.clone(), topic));
        }
        p.handle(&story, merge);
    }
    p.supervision(&supervisable);
    p.third_party(&supervisable, config.seed);
    p.assessment_scores();
    // The August notice (三.1) and the year-end rollover of planned items (三.2).
    p.office(ymd(year, 8, 8), Action::RequestFollowUp { year });
    p.office(
        ymd(year, 12, 31),
        Action::Rollover {
            from_year: year,
            into_year: year.saturating_add(1),
        },
    );

    let mut steps = p.steps;
    steps.sort_by_key(|s| (s.on, s.order));
    steps
        .into_iter()
        .enumerate()
        .filter_map(|(n, s)| {
            let cid = CommandId::new(format!("c{:08}", n.saturating_add(1))).ok()?;
            Some(Command {
                source: None,
                id: cid,
                on: s.on,
                actor: s.actor,
                action: s.action,
            })
        })
        .collect()
}

fn unreachable_session() -> SessionId {
    SessionId::new("9-1").unwrap_or_else(|_| unreachable_session())
}

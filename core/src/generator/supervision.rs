//! The sample city-year's supervision (the seed's section 二): in April the directors'
//! meeting chooses about a dozen key items, each led by the chair or a vice-chair with the
//! committee of its topic; the mayor and the vice-mayors lead items, some of them key
//! items ("高度融合"); from May to September seminars, site visits and surveys take place
//! with government leaders and deputies.

use chrono::NaiveDate;

use crate::actor::Actor;
use crate::command::Action;
use crate::id::{CommitteeId, ItemId, LeaderId};
use crate::supervision::ActivityKind;

use super::story::{id, Planner};
use super::ymd;

/// The committee that supervises a topic (`names::COMMITTEES`).
fn committee_of(topic: &str) -> &'static str {
    match topic {
        "finance_economy" => "C-CJ",
        "agriculture" => "C-NY",
        "social" => "C-SH",
        "education_culture_health" => "C-JK",
        "environment_construction" => "C-HZ",
        "democracy_law" => "C-FZ",
        _ => "C-RS",
    }
}

const SUPERVISORS: [&str; 3] = ["L-CHAIR", "L-VC1", "L-VC2"];
const GOVERNMENT: [&str; 3] = ["L-MAYOR", "L-VM1", "L-VM2"];

impl Planner {
    /// Key supervision, leader-led items and activities over `candidates` (session items
    /// assigned by the end of March, with their topics).
    pub(super) fn supervision(&mut self, candidates: &[(ItemId, &'static str)]) {
        let year = self.year;
        if candidates.is_empty() {
            return;
        }
        let on = |m: u32, d: u32| ymd(year, m, d);
        // 主任会议确定 about one item in 36 (the seed: fewer than in earlier years).
        let wanted = (candidates.len() / 36).clamp(1, 12);
        let mut key: Vec<(ItemId, &'static str)> = Vec::new();
        while key.len() < wanted {
            let Some(c) = candidates.get(self.rng.index(candidates.len())) else {
                break;
            };
            if !key.iter().any(|(k, _)| k == &c.0) {
                key.push(c.clone());
            }
        }
        for (n, (item, topic)) in key.iter().enumerate() {
            let (Some(supervisor), Some(committee)) = (
                id::<LeaderId>(
                    SUPERVISORS
                        .get(n.checked_rem(SUPERVISORS.len()).unwrap_or(0))
                        .copied()
                        .unwrap_or("L-CHAIR"),
                ),
                id::<CommitteeId>(committee_of(topic)),
            ) else {
                continue;
            };
            self.push(
                on(4, 14),
                Actor::DirectorsMeeting,
                Action::SelectKeyItem {
                    item: item.clone(),
                    supervisor,
                    committee,
                },
            );
        }
        // 市长领办: each government leader leads two items; the first of each is a key item.
        let mut led: Vec<(ItemId, LeaderId)> = Vec::new();
        for (n, leader) in GOVERNMENT.iter().enumerate() {
            let Some(leader) = id::<LeaderId>(leader) else {
                continue;
            };
            if let Some((item, _)) = key.get(n) {
                if !led.iter().any(|(i, _)| i == item) {
                    led.push((item.clone(), leader.clone()));
                }
            }
            for _ in 0..8 {
                let Some((item, _)) = candidates.get(self.rng.index(candidates.len())) else {
                    break;
                };
                if !led.iter().any(|(i, _)| i == item) {
                    led.push((item.clone(), leader.clone()));
                    break;
                }
            }
        }
        for (item, leader) in &led {
            self.push(
                on(4, 20),
                Actor::GovernmentOffice,
                Action::AssignLeaderLed {
                    item: item.clone(),
                    leader: leader.clone(),
                },
            );
        }
        // 5-9月份: a seminar on every two key items, a site visit on each, a survey on some.
        for (n, pair) in key.chunks(2).enumerate() {
            let chair = SUPERVISORS
                .get(n.checked_rem(SUPERVISORS.len()).unwrap_or(0))
                .copied()
                .unwrap_or("L-CHAIR");
            let month =
                5u32.saturating_add(u32::try_from(n.checked_rem(5).unwrap_or(0)).unwrap_or(0));
            let items: Vec<ItemId> = pair.iter().map(|(i, _)| i.clone()).collect();
            let government: Vec<LeaderId> = led
                .iter()
                .filter(|(i, _)| items.contains(i))
                .map(|(_, l)| l.clone())
                .collect();
            let deputies = u32::try_from(self.rng.days(8, 16)).unwrap_or(8);
            self.activity(
                on(month, 12),
                items.clone(),
                ActivityKind::Seminar,
                chair,
                0,
                government.clone(),
                deputies,
            );
            for item in items {
                let sites = u32::try_from(self.rng.days(1, 3)).unwrap_or(1);
                let deputies = u32::try_from(self.rng.days(3, 8)).unwrap_or(3);
                let visit = on(month, 25);
                self.activity(
                    visit,
                    vec![item.clone()],
                    ActivityKind::SiteVisit,
                    chair,
                    sites,
                    government.clone(),
                    deputies,
                );
                if self.rng.chance(400) {
                    self.activity(
                        on(9, 15),
                        vec![item],
                        ActivityKind::Survey,
                        chair,
                        0,
                        Vec::new(),
                        4,
                    );
                }
            }
        }
    }

    #[expect(clippy::too_many_arguments, reason = "one activity, all its fields")]
    fn activity(
        &mut self,
        on: NaiveDate,
        items: Vec<ItemId>,
        kind: ActivityKind,
        lead: &str,
        sites: u32,
        leaders: Vec<LeaderId>,
        deputies: u32,
    ) {
        // 人事代表工委配合各委办室做好督办 (the seed): the office committee logs them.
        let Some(committee) = id::<CommitteeId>("C-RS") else {
            return;
        };
        self.push(
            on,
            Actor::Committee { id: committee },
            Action::LogSupervisionActivity {
                items,
                kind,
                led_by: id::<LeaderId>(lead),
                sites,
                leaders,
                deputies,
            },
        );
    }
}

//! 督 (supervise): key supervision chosen by the directors' meeting, items led by the mayor
//! or a vice-mayor, and supervision activities (RULES.md §8; the seed's section 二).

use crate::command::Action;
use crate::directory::LeaderPost;
use crate::error::CommandError;
use crate::event::Fact;
use crate::id::LeaderId;
use crate::item::ItemStatus;

use super::Cx;

/// States in which an item can be supervised: assigned and not yet closed.
const SUPERVISABLE: &[ItemStatus] = &[ItemStatus::Handling, ItemStatus::Replied];

pub(super) fn decide(cx: &Cx<'_>) -> Result<Vec<Fact>, CommandError> {
    match &cx.command.action {
        Action::SelectKeyItem {
            item,
            supervisor,
            committee,
        } => {
            let it = cx.suggestion_in(item, SUPERVISABLE)?;
            // 由常委会主任、副主任牵头督办 (the seed; RULES.md §8.2).
            leader_with_post(cx, supervisor, &[LeaderPost::Chair, LeaderPost::ViceChair])?;
            if !cx.ledger.directory.committees.contains_key(committee) {
                return Err(CommandError::UnknownEntry {
                    kind: "committee",
                    id: committee.to_string(),
                });
            }
            if it.key_supervision.is_some() {
                return Err(CommandError::AlreadyKeyItem { item: item.clone() });
            }
            // The profile caps the year's key items (RULES.md §8.1: no hard default).
            let year = chrono::Datelike::year(&cx.on());
            let max = cx.ledger.profile.supervision.key_items_max;
            if u32::try_from(cx.ledger.key_items_of_year(year)).is_ok_and(|n| n >= max) {
                return Err(CommandError::TooManyKeyItems { year, max });
            }
            Ok(vec![Fact::KeyItemSelected {
                item: item.clone(),
                supervisor: supervisor.clone(),
                committee: committee.clone(),
            }])
        }
        Action::AssignLeaderLed { item, leader } => {
            let it = cx.suggestion_in(item, SUPERVISABLE)?;
            leader_with_post(cx, leader, &[LeaderPost::Mayor, LeaderPost::ViceMayor])?;
            if it.leader_led.is_some() {
                return Err(CommandError::AlreadyLeaderLed { item: item.clone() });
            }
            Ok(vec![Fact::LeaderLedAssigned {
                item: item.clone(),
                leader: leader.clone(),
            }])
        }
        Action::LogSupervisionActivity {
            items,
            kind,
            led_by,
            sites,
            leaders,
            deputies,
        } => {
            if items.is_empty() {
                return Err(CommandError::NoItems {
                    action: cx.command.action.kind(),
                });
            }
            if let Some(l) = led_by {
                leader_with_post(cx, l, &[LeaderPost::Chair, LeaderPost::ViceChair])?;
            }
            for l in leaders {
                leader_with_post(cx, l, &[LeaderPost::Mayor, LeaderPost::ViceMayor])?;
            }
            let mut facts = Vec::with_capacity(items.len());
            for item in items {
                let it = cx.suggestion_in(item, SUPERVISABLE)?;
                if cx.on() < it.last_on {
                    return Err(CommandError::DateOutOfOrder {
                        item: item.clone(),
                        on: cx.on(),
                        latest: it.last_on,
                    });
                }
                if facts
                    .iter()
                    .any(|f: &Fact| f.item().is_some_and(|i| i == item))
                {
                    return Err(CommandError::DuplicateEntry {
                        kind: "item",
                        id: item.to_string(),
                    });
                }
                facts.push(Fact::SupervisionActivityLogged {
                    item: item.clone(),
                    activity: cx.command.id.clone(),
                    kind: *kind,
                    led_by: led_by.clone(),
                    sites: *sites,
                    leaders: leaders.clone(),
                    deputies: *deputies,
                });
            }
            Ok(facts)
        }
        _ => Err(CommandError::RoleNotAllowed {
            action: cx.command.action.kind(),
            role: cx.command.actor.role(),
        }),
    }
}

/// The leader must be registered and hold one of `posts`.
fn leader_with_post(cx: &Cx<'_>, id: &LeaderId, posts: &[LeaderPost]) -> Result<(), CommandError> {
    let leader = cx
        .ledger
        .directory
        .leaders
        .get(id)
        .ok_or_else(|| CommandError::UnknownEntry {
            kind: "leader",
            id: id.to_string(),
        })?;
    if posts.contains(&leader.post) {
        Ok(())
    } else {
        Err(CommandError::WrongLeaderPost {
            leader: id.clone(),
            post: leader.post,
            action: cx.command.action.kind(),
        })
    }
}

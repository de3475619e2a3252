//! Directory commands: register sessions, deputies, delegations, units, committees, leaders.

use crate::command::Action;
use crate::error::CommandError;
use crate::event::Fact;

use super::Cx;

fn duplicate(kind: &'static str, id: &impl ToString) -> CommandError {
    CommandError::DuplicateEntry {
        kind,
        id: id.to_string(),
    }
}

pub(super) fn decide(cx: &Cx<'_>) -> Result<Vec<Fact>, CommandError> {
    let dir = &cx.ledger.directory;
    let fact = match &cx.command.action {
        Action::RegisterSession { session } => {
            if dir.sessions.contains_key(&session.id) {
                return Err(duplicate("session", &session.id));
            }
            if session.closes < session.opens {
                return Err(CommandError::InvalidSession {
                    id: session.id.to_string(),
                });
            }
            Fact::SessionRegistered {
                session: session.clone(),
            }
        }
        Action::RegisterDeputy { deputy } => {
            if dir.deputies.contains_key(&deputy.id) {
                return Err(duplicate("deputy", &deputy.id));
            }
            if let Some(d) = &deputy.delegation {
                if !dir.delegations.contains_key(d) {
                    return Err(CommandError::UnknownEntry {
                        kind: "delegation",
                        id: d.to_string(),
                    });
                }
            }
            Fact::DeputyRegistered {
                deputy: deputy.clone(),
            }
        }
        Action::RegisterDelegation { delegation } => {
            if dir.delegations.contains_key(&delegation.id) {
                return Err(duplicate("delegation", &delegation.id));
            }
            Fact::DelegationRegistered {
                delegation: delegation.clone(),
            }
        }
        Action::RegisterUnit { unit } => {
            if dir.units.contains_key(&unit.id) {
                return Err(duplicate("unit", &unit.id));
            }
            if let Some(c) = &unit.liaison_committee {
                if !dir.committees.contains_key(c) {
                    return Err(CommandError::UnknownEntry {
                        kind: "committee",
                        id: c.to_string(),
                    });
                }
            }
            Fact::UnitRegistered { unit: unit.clone() }
        }
        Action::RegisterCommittee { committee } => {
            if dir.committees.contains_key(&committee.id) {
                return Err(duplicate("committee", &committee.id));
            }
            Fact::CommitteeRegistered {
                committee: committee.clone(),
            }
        }
        Action::RegisterLeader { leader } => {
            if dir.leaders.contains_key(&leader.id) {
                return Err(duplicate("leader", &leader.id));
            }
            Fact::LeaderRegistered {
                leader: leader.clone(),
            }
        }
        _ => return Err(super::not_this_stage(cx)),
    };
    Ok(vec![fact])
}

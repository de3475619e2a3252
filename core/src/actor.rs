//! Actors (办理主体) and the roles the authorization table speaks of.
//!
//! Every command names who issues it (SPEC §4 "Who may do what"). The profile's
//! authorization table decides which [`ActorRole`] may issue which command kind; the
//! decider adds the contextual rules that no table can express (a unit acts only on items
//! assigned to it, only the evaluator gives feedback).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::id::{CommitteeId, DelegationId, DeputyId, LeaderId, UnitId};

/// Who issues a command, with the id where the role has one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "role", rename_all = "snake_case", deny_unknown_fields)]
pub enum Actor {
    /// 代表 (a deputy).
    Deputy {
        /// The deputy.
        id: DeputyId,
    },
    /// 代表团团长 (the head of a delegation, submitting in the delegation's name).
    DelegationHead {
        /// The delegation.
        delegation: DelegationId,
    },
    /// 主席团 / 大会议案组 (the presidium or its motion group).
    Presidium,
    /// 人事代表工委 / 代表工委 (the deputy-affairs office, which runs the process).
    DeputyAffairsOffice,
    /// 市政府办公室 (the government office, which co-assigns in some localities).
    GovernmentOffice,
    /// 承办单位 (a handling unit).
    Unit {
        /// The unit.
        id: UnitId,
    },
    /// 委办室 / 专门委员会 (a standing-committee body).
    Committee {
        /// The committee.
        id: CommitteeId,
    },
    /// 主任会议 (the directors' meeting).
    DirectorsMeeting,
    /// 领导 (a chair, vice-chair, mayor or vice-mayor).
    Leader {
        /// The leader.
        id: LeaderId,
    },
    /// 评估组 (a third-party evaluation panel).
    EvaluationPanel,
    /// 考核人员 (an assessor).
    Assessor,
}

/// The role of an [`Actor`], without its id: the key of the authorization table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActorRole {
    /// 代表.
    Deputy,
    /// 代表团团长.
    DelegationHead,
    /// 主席团.
    Presidium,
    /// 代表工委.
    DeputyAffairsOffice,
    /// 政府办公室.
    GovernmentOffice,
    /// 承办单位.
    Unit,
    /// 委办室.
    Committee,
    /// 主任会议.
    DirectorsMeeting,
    /// 领导.
    Leader,
    /// 评估组.
    EvaluationPanel,
    /// 考核人员.
    Assessor,
}

impl ActorRole {
    /// Every role, in a stable order.
    pub const ALL: [ActorRole; 11] = [
        ActorRole::Deputy,
        ActorRole::DelegationHead,
        ActorRole::Presidium,
        ActorRole::DeputyAffairsOffice,
        ActorRole::GovernmentOffice,
        ActorRole::Unit,
        ActorRole::Committee,
        ActorRole::DirectorsMeeting,
        ActorRole::Leader,
        ActorRole::EvaluationPanel,
        ActorRole::Assessor,
    ];

    /// The stable snake-case name used in profiles and error messages.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorRole::Deputy => "deputy",
            ActorRole::DelegationHead => "delegation_head",
            ActorRole::Presidium => "presidium",
            ActorRole::DeputyAffairsOffice => "deputy_affairs_office",
            ActorRole::GovernmentOffice => "government_office",
            ActorRole::Unit => "unit",
            ActorRole::Committee => "committee",
            ActorRole::DirectorsMeeting => "directors_meeting",
            ActorRole::Leader => "leader",
            ActorRole::EvaluationPanel => "evaluation_panel",
            ActorRole::Assessor => "assessor",
        }
    }
}

impl fmt::Display for ActorRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Actor {
    /// The id the actor acts under (a deputy's, a delegation's, a unit's, a committee's or
    /// a leader's), or `None` for a role that is a single body (the office, the presidium, …).
    pub fn acting_id(&self) -> Option<&str> {
        match self {
            Actor::Deputy { id } => Some(id.as_str()),
            Actor::DelegationHead { delegation } => Some(delegation.as_str()),
            Actor::Unit { id } => Some(id.as_str()),
            Actor::Committee { id } => Some(id.as_str()),
            Actor::Leader { id } => Some(id.as_str()),
            Actor::Presidium
            | Actor::DeputyAffairsOffice
            | Actor::GovernmentOffice
            | Actor::DirectorsMeeting
            | Actor::EvaluationPanel
            | Actor::Assessor => None,
        }
    }

    /// The role this actor acts in.
    pub fn role(&self) -> ActorRole {
        match self {
            Actor::Deputy { .. } => ActorRole::Deputy,
            Actor::DelegationHead { .. } => ActorRole::DelegationHead,
            Actor::Presidium => ActorRole::Presidium,
            Actor::DeputyAffairsOffice => ActorRole::DeputyAffairsOffice,
            Actor::GovernmentOffice => ActorRole::GovernmentOffice,
            Actor::Unit { .. } => ActorRole::Unit,
            Actor::Committee { .. } => ActorRole::Committee,
            Actor::DirectorsMeeting => ActorRole::DirectorsMeeting,
            Actor::Leader { .. } => ActorRole::Leader,
            Actor::EvaluationPanel => ActorRole::EvaluationPanel,
            Actor::Assessor => ActorRole::Assessor,
        }
    }

    /// The unit, when the actor is a handling unit.
    pub fn unit(&self) -> Option<&UnitId> {
        match self {
            Actor::Unit { id } => Some(id),
            _ => None,
        }
    }

    /// The deputy, when the actor is a deputy.
    pub fn deputy(&self) -> Option<&DeputyId> {
        match self {
            Actor::Deputy { id } => Some(id),
            _ => None,
        }
    }
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Actor::Deputy { id } => write!(f, "deputy `{id}`"),
            Actor::DelegationHead { delegation } => write!(f, "head of delegation `{delegation}`"),
            Actor::Unit { id } => write!(f, "unit `{id}`"),
            Actor::Committee { id } => write!(f, "committee `{id}`"),
            Actor::Leader { id } => write!(f, "leader `{id}`"),
            other => f.write_str(other.role().as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_actor_acts_under_its_own_id_or_none_for_a_single_body() {
        let unit = Actor::Unit {
            id: "U-EDU".parse().unwrap(),
        };
        assert_eq!(unit.acting_id(), Some("U-EDU"));
        let head = Actor::DelegationHead {
            delegation: "DL-EAST".parse().unwrap(),
        };
        assert_eq!(head.acting_id(), Some("DL-EAST"));
        assert_eq!(Actor::DeputyAffairsOffice.acting_id(), None);
        assert_eq!(Actor::Presidium.acting_id(), None);
    }
}

//! 名录 (directory): sessions, deputies, delegations, units, committees and leaders.
//!
//! Reference data that commands point at (SPEC §4 "Directory"). It is recorded in the
//! ledger as facts like everything else, so a ledger is self-contained.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::id::{CommitteeId, DelegationId, DeputyId, LeaderId, SessionId, UnitId};

/// 人民代表大会会议 (a session of the congress): 第`term`届 第`number`次.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// The session's id.
    pub id: SessionId,
    /// 届 (term), e.g. 9 for 市九届.
    pub term: u32,
    /// 次 (number within the term), e.g. 1 for 一次会议.
    pub number: u32,
    /// 开幕 (opening day).
    pub opens: NaiveDate,
    /// 闭幕 (closing day).
    pub closes: NaiveDate,
}

impl Session {
    /// The work year the session opens (the year whose items it receives).
    pub fn year(&self) -> i32 {
        chrono::Datelike::year(&self.opens)
    }
}

/// 人大代表 (a deputy).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Deputy {
    /// The deputy's id.
    pub id: DeputyId,
    /// Name.
    pub name: String,
    /// 所在代表团 (delegation), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delegation: Option<DelegationId>,
    /// 领导职务 (office holder): excluded from some honours (RULES.md §11).
    #[serde(default)]
    pub office_holder: bool,
}

/// 代表团 (a delegation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Delegation {
    /// The delegation's id.
    pub id: DelegationId,
    /// Name.
    pub name: String,
}

/// 承办系统 (the system a handling unit belongs to; RULES.md §2.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum System {
    /// 党群部门 (party and mass organisations).
    PartyMass,
    /// 市政府系统 (the city government and its departments).
    Government,
    /// 人民法院 (the court).
    Court,
    /// 人民检察院 (the procuratorate).
    Procuratorate,
    /// 人大机关 (congress organs).
    Congress,
    /// 其他 (other: army units, state-owned enterprises …).
    Other,
}

impl System {
    /// Every system, in report order.
    pub const ALL: [System; 6] = [
        System::PartyMass,
        System::Government,
        System::Court,
        System::Procuratorate,
        System::Congress,
        System::Other,
    ];

    /// Chinese label as used in reports.
    pub fn label_zh(self) -> &'static str {
        match self {
            System::PartyMass => "党群部门",
            System::Government => "市政府系统",
            System::Court => "市中级人民法院",
            System::Procuratorate => "市检察院",
            System::Congress => "人大机关",
            System::Other => "其他单位",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            System::PartyMass => "party and mass departments",
            System::Government => "city government system",
            System::Court => "intermediate court",
            System::Procuratorate => "procuratorate",
            System::Congress => "congress organs",
            System::Other => "other bodies",
        }
    }
}

/// 承办单位 (a handling unit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// The unit's id.
    pub id: UnitId,
    /// Name.
    pub name: String,
    /// The system it belongs to.
    pub system: System,
    /// 对口联系委办室 (the committee that liaises with it and supervises its items).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub liaison_committee: Option<CommitteeId>,
}

/// 委办室 / 专门委员会 / 工作委员会 (a standing-committee body).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Committee {
    /// The committee's id.
    pub id: CommitteeId,
    /// Name.
    pub name: String,
}

/// A leader's post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LeaderPost {
    /// 常委会主任.
    Chair,
    /// 常委会副主任.
    ViceChair,
    /// 市长.
    Mayor,
    /// 副市长.
    ViceMayor,
}

/// 领导 (a leader who supervises or leads items).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Leader {
    /// The leader's id.
    pub id: LeaderId,
    /// Name.
    pub name: String,
    /// Post.
    pub post: LeaderPost,
}

/// The whole directory, keyed by id (ordered maps: outputs never depend on hashing).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Directory {
    /// Sessions.
    pub sessions: BTreeMap<SessionId, Session>,
    /// Deputies.
    pub deputies: BTreeMap<DeputyId, Deputy>,
    /// Delegations.
    pub delegations: BTreeMap<DelegationId, Delegation>,
    /// Units.
    pub units: BTreeMap<UnitId, Unit>,
    /// Committees.
    pub committees: BTreeMap<CommitteeId, Committee>,
    /// Leaders.
    pub leaders: BTreeMap<LeaderId, Leader>,
}

impl Directory {
    /// The session whose period covers `on`: the latest session opened on or before it.
    /// Items submitted after its close are recess (闭会期间) items of that session.
    pub fn session_at(&self, on: NaiveDate) -> Option<&Session> {
        self.sessions
            .values()
            .filter(|s| s.opens <= on)
            .max_by_key(|s| (s.opens, s.id.clone()))
    }

    /// Units liaised by a committee (对口联系).
    pub fn units_of_committee<'a>(
        &'a self,
        committee: &'a CommitteeId,
    ) -> impl Iterator<Item = &'a Unit> + 'a {
        self.units
            .values()
            .filter(move |u| u.liaison_committee.as_ref() == Some(committee))
    }
}

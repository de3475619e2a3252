//! The ledger's own reference data for hosts (all builds): its header line, its directory
//! (名录: sessions, deputies, delegations, units, committees, leaders) as records, and the
//! event log as the ledger's JSON lines. Python's `Ledger.header`, `directory()` and
//! `events()` give the same.

use jianyi_core::directory::{LeaderPost, System};

use crate::commands::{LeaderPostRecord, SystemRecord};
use crate::errors::JianyiError;
use crate::types::{iso, to_json};
use crate::{Ledger, ProfileInfo};

/// The ledger file's header line (`{"format":"jianyi-ledger","version":2,"profile":…}`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HeaderRecord {
    /// Always `jianyi-ledger`.
    pub format: String,
    /// The ledger format version.
    pub version: i32,
    /// The profile the events were decided under.
    pub profile: ProfileInfo,
}

/// 会议: a session of the congress.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SessionRecord {
    /// Session id (`9-1`).
    pub id: String,
    /// 届.
    pub term: i64,
    /// 次.
    pub number: i64,
    /// Opening day.
    pub opens: String,
    /// Closing day.
    pub closes: String,
}

/// 代表: a deputy.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DeputyRecord {
    /// Deputy id.
    pub id: String,
    /// Name.
    pub name: String,
    /// 代表团, if any.
    pub delegation: Option<String>,
    /// Holds a public office (for the excellence rules).
    pub office_holder: bool,
}

/// 代表团: a delegation.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DelegationRecord {
    /// Delegation id.
    pub id: String,
    /// Name.
    pub name: String,
}

/// 承办单位: a handling unit.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct UnitRecord {
    /// Unit id.
    pub id: String,
    /// Name.
    pub name: String,
    /// 系统.
    pub system: SystemRecord,
    /// The committee that liaises with it (对口联系), if any.
    pub liaison_committee: Option<String>,
}

/// 专门委员会 / 工作委员会: a committee.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CommitteeRecord {
    /// Committee id.
    pub id: String,
    /// Name.
    pub name: String,
}

/// 领导: a leader who may lead the handling of key items.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LeaderRecord {
    /// Leader id.
    pub id: String,
    /// Name.
    pub name: String,
    /// 职务.
    pub post: LeaderPostRecord,
}

/// 名录: everything the ledger's directory facts registered, each list in id order.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DirectoryRecord {
    /// Sessions.
    pub sessions: Vec<SessionRecord>,
    /// Deputies.
    pub deputies: Vec<DeputyRecord>,
    /// Delegations.
    pub delegations: Vec<DelegationRecord>,
    /// Units.
    pub units: Vec<UnitRecord>,
    /// Committees.
    pub committees: Vec<CommitteeRecord>,
    /// Leaders.
    pub leaders: Vec<LeaderRecord>,
}

impl From<System> for SystemRecord {
    fn from(s: System) -> SystemRecord {
        match s {
            System::PartyMass => SystemRecord::PartyMass,
            System::Government => SystemRecord::Government,
            System::Court => SystemRecord::Court,
            System::Procuratorate => SystemRecord::Procuratorate,
            System::Congress => SystemRecord::Congress,
            System::Other => SystemRecord::Other,
        }
    }
}

impl From<LeaderPost> for LeaderPostRecord {
    fn from(p: LeaderPost) -> LeaderPostRecord {
        match p {
            LeaderPost::Chair => LeaderPostRecord::Chair,
            LeaderPost::ViceChair => LeaderPostRecord::ViceChair,
            LeaderPost::Mayor => LeaderPostRecord::Mayor,
            LeaderPost::ViceMayor => LeaderPostRecord::ViceMayor,
        }
    }
}

fn directory_record(d: &jianyi_core::Directory) -> DirectoryRecord {
    DirectoryRecord {
        sessions: d
            .sessions
            .values()
            .map(|s| SessionRecord {
                id: s.id.to_string(),
                term: i64::from(s.term),
                number: i64::from(s.number),
                opens: iso(s.opens),
                closes: iso(s.closes),
            })
            .collect(),
        deputies: d
            .deputies
            .values()
            .map(|x| DeputyRecord {
                id: x.id.to_string(),
                name: x.name.clone(),
                delegation: x.delegation.as_ref().map(ToString::to_string),
                office_holder: x.office_holder,
            })
            .collect(),
        delegations: d
            .delegations
            .values()
            .map(|x| DelegationRecord {
                id: x.id.to_string(),
                name: x.name.clone(),
            })
            .collect(),
        units: d
            .units
            .values()
            .map(|u| UnitRecord {
                id: u.id.to_string(),
                name: u.name.clone(),
                system: u.system.into(),
                liaison_committee: u.liaison_committee.as_ref().map(ToString::to_string),
            })
            .collect(),
        committees: d
            .committees
            .values()
            .map(|c| CommitteeRecord {
                id: c.id.to_string(),
                name: c.name.clone(),
            })
            .collect(),
        leaders: d
            .leaders
            .values()
            .map(|l| LeaderRecord {
                id: l.id.to_string(),
                name: l.name.clone(),
                post: l.post.into(),
            })
            .collect(),
    }
}

#[uniffi::export]
impl Ledger {
    /// The header line this ledger writes first: format, version and the profile reference.
    pub fn header(&self) -> Result<HeaderRecord, JianyiError> {
        let h = self.snapshot()?.header();
        Ok(HeaderRecord {
            format: h.format,
            version: i32::try_from(h.version).unwrap_or(i32::MAX),
            profile: h.profile.into(),
        })
    }

    /// The directory the ledger's facts registered (sessions, deputies, delegations, units,
    /// committees, leaders).
    pub fn directory(&self) -> Result<DirectoryRecord, JianyiError> {
        Ok(directory_record(self.snapshot()?.directory()))
    }

    /// Every event in order, each as its ledger JSON (what `toJsonl` writes after the
    /// header, without the chain links).
    pub fn events_json(&self) -> Result<Vec<String>, JianyiError> {
        self.snapshot()?
            .events()
            .iter()
            .map(|e| to_json("event", e))
            .collect()
    }
}

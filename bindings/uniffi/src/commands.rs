//! Typed commands (issue 17): one uniffi enum variant per core action, with its fields, so a
//! host builds a command without writing JSON — a Kotlin sealed class, a Swift enum. A
//! deputy's comment is a field value; nothing is spliced into text.
//!
//! Each record is converted to the core's `Command` field by field: ids and dates are checked
//! by the core's own parsers (`input.invalid_id`, `input.malformed` naming the field), counts
//! are signed for Java and refused when negative. The core then decides as for any command.

use jianyi_core::command::{Action, Command, ItemText};
use jianyi_core::profile::Points;
use jianyi_core::vocab::{Disposition, DisputeStep, ExclusionReason, MotionDecision};
use jianyi_core::{
    Actor, AssignmentPlan, Closing, Committee, ContactMethod, Delegation, Deputy, HandlingMode,
    Leader, LeaderPost, Session, System, Unit,
};

use crate::errors::JianyiError;
use crate::types::{non_negative, parse_date, parse_id};

fn ids<T>(list: &[String]) -> Result<Vec<T>, JianyiError>
where
    T: std::str::FromStr<Err = jianyi_core::InputError>,
{
    list.iter().map(|s| parse_id(s)).collect()
}

fn opt_id<T>(s: Option<&String>) -> Result<Option<T>, JianyiError>
where
    T: std::str::FromStr<Err = jianyi_core::InputError>,
{
    s.map(|s| parse_id(s)).transpose()
}

/// Who acts (SPEC §4).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum ActorRecord {
    /// A deputy.
    Deputy {
        /// Deputy id.
        id: String,
    },
    /// The head of a delegation.
    DelegationHead {
        /// Delegation id.
        delegation: String,
    },
    /// 大会主席团.
    Presidium,
    /// 人大代表工作机构 (the deputy affairs office).
    DeputyAffairsOffice,
    /// 政府办公室 (the government's office).
    GovernmentOffice,
    /// 承办单位.
    Unit {
        /// Unit id.
        id: String,
    },
    /// 专门委员会 / 工作委员会.
    Committee {
        /// Committee id.
        id: String,
    },
    /// 主任会议.
    DirectorsMeeting,
    /// 领导.
    Leader {
        /// Leader id.
        id: String,
    },
    /// 第三方评估组.
    EvaluationPanel,
    /// 考核组.
    Assessor,
}

impl ActorRecord {
    fn core(&self) -> Result<Actor, JianyiError> {
        Ok(match self {
            ActorRecord::Deputy { id } => Actor::Deputy { id: parse_id(id)? },
            ActorRecord::DelegationHead { delegation } => Actor::DelegationHead {
                delegation: parse_id(delegation)?,
            },
            ActorRecord::Presidium => Actor::Presidium,
            ActorRecord::DeputyAffairsOffice => Actor::DeputyAffairsOffice,
            ActorRecord::GovernmentOffice => Actor::GovernmentOffice,
            ActorRecord::Unit { id } => Actor::Unit { id: parse_id(id)? },
            ActorRecord::Committee { id } => Actor::Committee { id: parse_id(id)? },
            ActorRecord::DirectorsMeeting => Actor::DirectorsMeeting,
            ActorRecord::Leader { id } => Actor::Leader { id: parse_id(id)? },
            ActorRecord::EvaluationPanel => Actor::EvaluationPanel,
            ActorRecord::Assessor => Actor::Assessor,
        })
    }
}

/// 办理方式.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum HandlingModeRecord {
    /// 主办 + 协办.
    LeadWithCo,
    /// 分办.
    Split,
    /// 会办.
    Joint,
}

/// 交办方案: the mode, the lead units and the co-handlers.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PlanRecord {
    /// Mode.
    pub mode: HandlingModeRecord,
    /// Lead units.
    pub leads: Vec<String>,
    /// Co-handling units.
    #[uniffi(default = [])]
    pub co: Vec<String>,
}

impl PlanRecord {
    fn core(&self) -> Result<AssignmentPlan, JianyiError> {
        Ok(AssignmentPlan {
            mode: match self.mode {
                HandlingModeRecord::LeadWithCo => HandlingMode::LeadWithCo,
                HandlingModeRecord::Split => HandlingMode::Split,
                HandlingModeRecord::Joint => HandlingMode::Joint,
            },
            leads: ids(&self.leads)?,
            co: ids(&self.co)?,
        })
    }
}

/// 联系代表的方式.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ContactMethodRecord {
    /// 走访.
    Visit,
    /// 座谈.
    Meeting,
    /// 电话.
    Phone,
    /// 网上.
    Online,
}

/// 不予立案的情形.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ExclusionReasonRecord {
    /// 不属于本级职权范围.
    OutsideJurisdiction,
    /// 个人私事.
    PersonalMatter,
    /// 司法个案.
    JudicialCase,
    /// 转交来信.
    ForwardedPetition,
    /// 广告宣传.
    Advertising,
    /// 没有实际内容.
    NoSubstance,
    /// 招投标结果.
    BidOutcome,
    /// 其他.
    Other,
}

/// 不予立案后的处理.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum DispositionRecord {
    /// 退回代表.
    ReturnedToDeputy,
    /// 作为来信处理.
    TreatedAsLetter,
    /// 转有关方面参考.
    ForwardedForReference,
}

/// 交办争议的处理步骤.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum DisputeStepRecord {
    /// 协调.
    Coordination,
    /// 书面异议.
    WrittenObjection,
    /// 领导裁定.
    LeaderRuling,
}

/// 督办活动的形式.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ActivityKindRecord {
    /// 座谈.
    Seminar,
    /// 现场督办.
    SiteVisit,
    /// 调研.
    Survey,
    /// 走访.
    Visit,
}

/// 议案的处理决定.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum MotionDecisionRecord {
    /// 交常委会审议.
    ToStandingCommittee,
    /// 列入大会议程.
    ToAgenda,
    /// 转为建议, under a new suggestion id.
    ConvertToSuggestion {
        /// The suggestion's id.
        suggestion: String,
    },
    /// 不列入议程.
    NotListed,
}

/// 办结方式.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum ClosingRecord {
    /// 办结.
    Completed,
    /// 届末, with the explanation.
    TermEnd {
        /// Why.
        explanation: String,
    },
}

/// 领导职务.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum LeaderPostRecord {
    /// 主任.
    Chair,
    /// 副主任.
    ViceChair,
    /// 市长.
    Mayor,
    /// 副市长.
    ViceMayor,
}

/// 系统.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum SystemRecord {
    /// 党群.
    PartyMass,
    /// 政府.
    Government,
    /// 法院.
    Court,
    /// 检察院.
    Procuratorate,
    /// 人大.
    Congress,
    /// 其他.
    Other,
}

/// A core action with its fields (one variant per action of `docs/ledger-format.md`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
#[expect(
    missing_docs,
    reason = "each field is the core action's field of the same name"
)]
pub enum ActionRecord {
    RegisterSession {
        id: String,
        term: i32,
        number: i32,
        opens: String,
        closes: String,
    },
    RegisterDeputy {
        id: String,
        name: String,
        delegation: Option<String>,
        office_holder: bool,
    },
    RegisterDelegation {
        id: String,
        name: String,
    },
    RegisterUnit {
        id: String,
        name: String,
        system: SystemRecord,
        liaison_committee: Option<String>,
    },
    RegisterCommittee {
        id: String,
        name: String,
    },
    RegisterLeader {
        id: String,
        name: String,
        post: LeaderPostRecord,
    },
    SubmitMotion {
        item: String,
        session: String,
        lead: String,
        cosigners: Vec<String>,
        delegation: Option<String>,
        title: String,
        body: String,
    },
    DecideMotion {
        item: String,
        decision: MotionDecisionRecord,
    },
    SubmitSuggestion {
        item: String,
        lead: String,
        cosigners: Vec<String>,
        delegation: Option<String>,
        title: String,
        body: String,
        proposed_unit: Option<String>,
    },
    Withdraw {
        item: String,
        agreed_by: Vec<String>,
    },
    Reject {
        item: String,
        reason: ExclusionReasonRecord,
        disposition: DispositionRecord,
    },
    Register {
        item: String,
        topic: String,
        merge_group: Option<String>,
    },
    PreAssign {
        item: String,
        units: Vec<String>,
    },
    RaiseDispute {
        item: String,
        reason: String,
    },
    SettleDispute {
        item: String,
        step: DisputeStepRecord,
        plan: PlanRecord,
    },
    Assign {
        item: String,
        plan: PlanRecord,
    },
    RequestReturn {
        item: String,
        reason: String,
    },
    DecideReturn {
        item: String,
        unit: String,
        approved: bool,
    },
    Reassign {
        item: String,
        plan: PlanRecord,
    },
    RecordContact {
        item: String,
        method: ContactMethodRecord,
    },
    SendCoOpinion {
        item: String,
    },
    ReturnCoOpinion {
        item: String,
        unit: String,
    },
    RequestExtension {
        item: String,
        until: String,
        reason: String,
    },
    DecideExtension {
        item: String,
        unit: String,
        approved: bool,
    },
    IssueReply {
        item: String,
        class: String,
        promised_by: Option<String>,
        signed_by_head: bool,
        copied_to: Vec<String>,
        leader_reviewed: bool,
    },
    GiveFeedback {
        item: String,
        level: String,
        attitude: Option<String>,
        result: Option<String>,
        comment: Option<String>,
    },
    LapseFeedback {
        item: String,
    },
    DecideReopen {
        item: String,
        reopen: bool,
    },
    RequestFollowUp {
        year: i32,
    },
    FulfilCommitment {
        item: String,
        commitment: i32,
    },
    Rollover {
        from_year: i32,
        into_year: i32,
    },
    SelectKeyItem {
        item: String,
        supervisor: String,
        committee: String,
    },
    AssignLeaderLed {
        item: String,
        leader: String,
    },
    LogSupervisionActivity {
        items: Vec<String>,
        kind: ActivityKindRecord,
        led_by: Option<String>,
        sites: i32,
        leaders: Vec<String>,
        deputies: i32,
    },
    RequestEvaluation {
        item: String,
    },
    RecommendForEvaluation {
        seed: i64,
        items: Vec<String>,
    },
    SelectForEvaluation {
        area: String,
        items: Vec<String>,
    },
    DeployEvaluation {
        items: Vec<String>,
    },
    ConcludeEvaluation {
        item: String,
        outcome: String,
        finding: String,
    },
    RecordAssessmentScore {
        year: i32,
        unit: String,
        indicator: String,
        points_milli: i64,
        note: String,
    },
    HonourExcellence {
        year: i32,
        suggestions: Vec<String>,
        deputies: Vec<String>,
    },
    LookBack {
        item: String,
        note: String,
    },
    Close {
        item: String,
        how: ClosingRecord,
    },
}

/// A command: who, when, what, under an id the host chooses (a retry with the same id is
/// recorded once).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CommandRecord {
    /// Command id.
    pub id: String,
    /// Its date (ISO).
    pub on: String,
    /// Who acts.
    pub actor: ActorRecord,
    /// What.
    pub action: ActionRecord,
}

impl CommandRecord {
    /// The core command, every field checked.
    pub(crate) fn core(&self) -> Result<Command, JianyiError> {
        Ok(Command {
            source: None,
            id: parse_id(&self.id)?,
            on: parse_date("on", &self.on)?,
            actor: self.actor.core()?,
            action: action(&self.action)?,
        })
    }
}

#[expect(
    clippy::too_many_lines,
    reason = "one arm per core action, each a field-by-field copy"
)]
fn action(a: &ActionRecord) -> Result<Action, JianyiError> {
    use ActionRecord as R;
    let n = |what: &'static str, v: i32| non_negative(what, v);
    Ok(match a {
        R::RegisterSession {
            id,
            term,
            number,
            opens,
            closes,
        } => Action::RegisterSession {
            session: Session {
                id: parse_id(id)?,
                term: n("term", *term)?,
                number: n("number", *number)?,
                opens: parse_date("opens", opens)?,
                closes: parse_date("closes", closes)?,
            },
        },
        R::RegisterDeputy {
            id,
            name,
            delegation,
            office_holder,
        } => Action::RegisterDeputy {
            deputy: Deputy {
                id: parse_id(id)?,
                name: name.clone(),
                delegation: opt_id(delegation.as_ref())?,
                office_holder: *office_holder,
            },
        },
        R::RegisterDelegation { id, name } => Action::RegisterDelegation {
            delegation: Delegation {
                id: parse_id(id)?,
                name: name.clone(),
            },
        },
        R::RegisterUnit {
            id,
            name,
            system,
            liaison_committee,
        } => Action::RegisterUnit {
            unit: Unit {
                id: parse_id(id)?,
                name: name.clone(),
                system: match system {
                    SystemRecord::PartyMass => System::PartyMass,
                    SystemRecord::Government => System::Government,
                    SystemRecord::Court => System::Court,
                    SystemRecord::Procuratorate => System::Procuratorate,
                    SystemRecord::Congress => System::Congress,
                    SystemRecord::Other => System::Other,
                },
                liaison_committee: opt_id(liaison_committee.as_ref())?,
            },
        },
        R::RegisterCommittee { id, name } => Action::RegisterCommittee {
            committee: Committee {
                id: parse_id(id)?,
                name: name.clone(),
            },
        },
        R::RegisterLeader { id, name, post } => Action::RegisterLeader {
            leader: Leader {
                id: parse_id(id)?,
                name: name.clone(),
                post: match post {
                    LeaderPostRecord::Chair => LeaderPost::Chair,
                    LeaderPostRecord::ViceChair => LeaderPost::ViceChair,
                    LeaderPostRecord::Mayor => LeaderPost::Mayor,
                    LeaderPostRecord::ViceMayor => LeaderPost::ViceMayor,
                },
            },
        },
        R::SubmitMotion {
            item,
            session,
            lead,
            cosigners,
            delegation,
            title,
            body,
        } => Action::SubmitMotion {
            item: parse_id(item)?,
            session: parse_id(session)?,
            lead: parse_id(lead)?,
            cosigners: ids(cosigners)?,
            delegation: opt_id(delegation.as_ref())?,
            text: ItemText {
                title: title.clone(),
                body: body.clone(),
            },
        },
        R::DecideMotion { item, decision } => Action::DecideMotion {
            item: parse_id(item)?,
            decision: match decision {
                MotionDecisionRecord::ToStandingCommittee => MotionDecision::ToStandingCommittee,
                MotionDecisionRecord::ToAgenda => MotionDecision::ToAgenda,
                MotionDecisionRecord::ConvertToSuggestion { suggestion } => {
                    MotionDecision::ConvertToSuggestion {
                        suggestion: parse_id(suggestion)?,
                    }
                }
                MotionDecisionRecord::NotListed => MotionDecision::NotListed,
            },
        },
        R::SubmitSuggestion {
            item,
            lead,
            cosigners,
            delegation,
            title,
            body,
            proposed_unit,
        } => Action::SubmitSuggestion {
            item: parse_id(item)?,
            lead: parse_id(lead)?,
            cosigners: ids(cosigners)?,
            delegation: opt_id(delegation.as_ref())?,
            text: ItemText {
                title: title.clone(),
                body: body.clone(),
            },
            proposed_unit: opt_id(proposed_unit.as_ref())?,
        },
        R::Withdraw { item, agreed_by } => Action::Withdraw {
            item: parse_id(item)?,
            agreed_by: ids(agreed_by)?,
        },
        R::Reject {
            item,
            reason,
            disposition,
        } => Action::Reject {
            item: parse_id(item)?,
            reason: match reason {
                ExclusionReasonRecord::OutsideJurisdiction => ExclusionReason::OutsideJurisdiction,
                ExclusionReasonRecord::PersonalMatter => ExclusionReason::PersonalMatter,
                ExclusionReasonRecord::JudicialCase => ExclusionReason::JudicialCase,
                ExclusionReasonRecord::ForwardedPetition => ExclusionReason::ForwardedPetition,
                ExclusionReasonRecord::Advertising => ExclusionReason::Advertising,
                ExclusionReasonRecord::NoSubstance => ExclusionReason::NoSubstance,
                ExclusionReasonRecord::BidOutcome => ExclusionReason::BidOutcome,
                ExclusionReasonRecord::Other => ExclusionReason::Other,
            },
            disposition: match disposition {
                DispositionRecord::ReturnedToDeputy => Disposition::ReturnedToDeputy,
                DispositionRecord::TreatedAsLetter => Disposition::TreatedAsLetter,
                DispositionRecord::ForwardedForReference => Disposition::ForwardedForReference,
            },
        },
        R::Register {
            item,
            topic,
            merge_group,
        } => Action::Register {
            item: parse_id(item)?,
            topic: topic.clone(),
            merge_group: opt_id(merge_group.as_ref())?,
        },
        R::PreAssign { item, units } => Action::PreAssign {
            item: parse_id(item)?,
            units: ids(units)?,
        },
        R::RaiseDispute { item, reason } => Action::RaiseDispute {
            item: parse_id(item)?,
            reason: reason.clone(),
        },
        R::SettleDispute { item, step, plan } => Action::SettleDispute {
            item: parse_id(item)?,
            step: match step {
                DisputeStepRecord::Coordination => DisputeStep::Coordination,
                DisputeStepRecord::WrittenObjection => DisputeStep::WrittenObjection,
                DisputeStepRecord::LeaderRuling => DisputeStep::LeaderRuling,
            },
            plan: plan.core()?,
        },
        R::Assign { item, plan } => Action::Assign {
            item: parse_id(item)?,
            plan: plan.core()?,
        },
        R::RequestReturn { item, reason } => Action::RequestReturn {
            item: parse_id(item)?,
            reason: reason.clone(),
        },
        R::DecideReturn {
            item,
            unit,
            approved,
        } => Action::DecideReturn {
            item: parse_id(item)?,
            unit: parse_id(unit)?,
            approved: *approved,
        },
        R::Reassign { item, plan } => Action::Reassign {
            item: parse_id(item)?,
            plan: plan.core()?,
        },
        R::RecordContact { item, method } => Action::RecordContact {
            item: parse_id(item)?,
            method: match method {
                ContactMethodRecord::Visit => ContactMethod::Visit,
                ContactMethodRecord::Meeting => ContactMethod::Meeting,
                ContactMethodRecord::Phone => ContactMethod::Phone,
                ContactMethodRecord::Online => ContactMethod::Online,
            },
        },
        R::SendCoOpinion { item } => Action::SendCoOpinion {
            item: parse_id(item)?,
        },
        R::ReturnCoOpinion { item, unit } => Action::ReturnCoOpinion {
            item: parse_id(item)?,
            unit: parse_id(unit)?,
        },
        R::RequestExtension {
            item,
            until,
            reason,
        } => Action::RequestExtension {
            item: parse_id(item)?,
            until: parse_date("until", until)?,
            reason: reason.clone(),
        },
        R::DecideExtension {
            item,
            unit,
            approved,
        } => Action::DecideExtension {
            item: parse_id(item)?,
            unit: parse_id(unit)?,
            approved: *approved,
        },
        R::IssueReply {
            item,
            class,
            promised_by,
            signed_by_head,
            copied_to,
            leader_reviewed,
        } => Action::IssueReply {
            item: parse_id(item)?,
            class: class.clone(),
            promised_by: promised_by
                .as_deref()
                .map(|d| parse_date("promised_by", d))
                .transpose()?,
            signed_by_head: *signed_by_head,
            copied_to: copied_to.clone(),
            leader_reviewed: *leader_reviewed,
        },
        R::GiveFeedback {
            item,
            level,
            attitude,
            result,
            comment,
        } => Action::GiveFeedback {
            item: parse_id(item)?,
            level: level.clone(),
            attitude: attitude.clone(),
            result: result.clone(),
            comment: comment.clone(),
        },
        R::LapseFeedback { item } => Action::LapseFeedback {
            item: parse_id(item)?,
        },
        R::DecideReopen { item, reopen } => Action::DecideReopen {
            item: parse_id(item)?,
            reopen: *reopen,
        },
        R::RequestFollowUp { year } => Action::RequestFollowUp { year: *year },
        R::FulfilCommitment { item, commitment } => Action::FulfilCommitment {
            item: parse_id(item)?,
            commitment: n("commitment", *commitment)?,
        },
        R::Rollover {
            from_year,
            into_year,
        } => Action::Rollover {
            from_year: *from_year,
            into_year: *into_year,
        },
        R::SelectKeyItem {
            item,
            supervisor,
            committee,
        } => Action::SelectKeyItem {
            item: parse_id(item)?,
            supervisor: parse_id(supervisor)?,
            committee: parse_id(committee)?,
        },
        R::AssignLeaderLed { item, leader } => Action::AssignLeaderLed {
            item: parse_id(item)?,
            leader: parse_id(leader)?,
        },
        R::LogSupervisionActivity {
            items,
            kind,
            led_by,
            sites,
            leaders,
            deputies,
        } => Action::LogSupervisionActivity {
            items: ids(items)?,
            kind: match kind {
                ActivityKindRecord::Seminar => jianyi_core::supervision::ActivityKind::Seminar,
                ActivityKindRecord::SiteVisit => jianyi_core::supervision::ActivityKind::SiteVisit,
                ActivityKindRecord::Survey => jianyi_core::supervision::ActivityKind::Survey,
                ActivityKindRecord::Visit => jianyi_core::supervision::ActivityKind::Visit,
            },
            led_by: opt_id(led_by.as_ref())?,
            sites: n("sites", *sites)?,
            leaders: ids(leaders)?,
            deputies: n("deputies", *deputies)?,
        },
        R::RequestEvaluation { item } => Action::RequestEvaluation {
            item: parse_id(item)?,
        },
        R::RecommendForEvaluation { seed, items } => Action::RecommendForEvaluation {
            seed: u64::try_from(*seed).map_err(|_| {
                JianyiError::from(jianyi_core::InputError::Malformed {
                    what: "seed",
                    reason: format!("{seed} is negative"),
                })
            })?,
            items: ids(items)?,
        },
        R::SelectForEvaluation { area, items } => Action::SelectForEvaluation {
            area: area.clone(),
            items: ids(items)?,
        },
        R::DeployEvaluation { items } => Action::DeployEvaluation { items: ids(items)? },
        R::ConcludeEvaluation {
            item,
            outcome,
            finding,
        } => Action::ConcludeEvaluation {
            item: parse_id(item)?,
            outcome: outcome.clone(),
            finding: finding.clone(),
        },
        R::RecordAssessmentScore {
            year,
            unit,
            indicator,
            points_milli,
            note,
        } => Action::RecordAssessmentScore {
            year: *year,
            unit: parse_id(unit)?,
            indicator: indicator.clone(),
            points: Points::from_milli(*points_milli),
            note: note.clone(),
        },
        R::HonourExcellence {
            year,
            suggestions,
            deputies,
        } => Action::HonourExcellence {
            year: *year,
            suggestions: ids(suggestions)?,
            deputies: ids(deputies)?,
        },
        R::LookBack { item, note } => Action::LookBack {
            item: parse_id(item)?,
            note: note.clone(),
        },
        R::Close { item, how } => Action::Close {
            item: parse_id(item)?,
            how: match how {
                ClosingRecord::Completed => Closing::Completed,
                ClosingRecord::TermEnd { explanation } => Closing::TermEnd {
                    explanation: explanation.clone(),
                },
            },
        },
    })
}

/// The command as the ledger's wire JSON (what `execute(commandJson)` takes): for hosts
/// that store or send commands as text.
#[uniffi::export]
pub fn command_json(command: CommandRecord) -> Result<String, JianyiError> {
    crate::types::to_json("command", &command.core()?)
}

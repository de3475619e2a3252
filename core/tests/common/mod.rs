//! Given/when/then harness for scenario tests: a small city with one session per year.
#![allow(
    dead_code,
    unreachable_pub,
    reason = "each test file uses part of the harness"
)]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::arithmetic_side_effects,
    reason = "test harness"
)]

use chrono::NaiveDate;
pub mod transcript;

use jianyi_core::{
    Action, Actor, AssignmentPlan, Calendar, Command, CommandError, CommandId, Committee,
    ContactMethod, Delegation, Deputy, DeputyId, Fact, HandlingMode, ItemId, ItemText, Ledger,
    Profile, Session, System, Unit, UnitId,
};

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn item(s: &str) -> ItemId {
    ItemId::new(s).unwrap()
}

pub fn unit(s: &str) -> UnitId {
    UnitId::new(s).unwrap()
}

pub fn deputy(s: &str) -> DeputyId {
    DeputyId::new(s).unwrap()
}

pub fn office() -> Actor {
    Actor::DeputyAffairsOffice
}

pub fn as_unit(s: &str) -> Actor {
    Actor::Unit { id: unit(s) }
}

pub fn as_committee(s: &str) -> Actor {
    Actor::Committee {
        id: s.parse().unwrap(),
    }
}

pub fn as_deputy(s: &str) -> Actor {
    Actor::Deputy { id: deputy(s) }
}

pub fn lead_only(u: &str) -> AssignmentPlan {
    AssignmentPlan {
        mode: HandlingMode::LeadWithCo,
        leads: vec![unit(u)],
        co: vec![],
    }
}

pub fn text(title: &str) -> ItemText {
    ItemText {
        title: title.to_owned(),
        body: "问题：……分析：……建议：……".to_owned(),
    }
}

/// A ledger plus a command counter and the transcript of what it ran.
pub struct Scenario {
    pub ledger: Ledger,
    n: u32,
    /// One JSON line per command with its outcome (see [`transcript`]).
    transcript: Vec<String>,
}

impl Scenario {
    /// The test city under `profile`: sessions 8-5 (2021) and 9-1 (2022), 12 deputies
    /// (D01 office holder), one delegation, units in every system, two committees.
    pub fn new(profile: Profile) -> Scenario {
        let header = serde_json::json!({ "profile": profile });
        let mut s = Scenario {
            ledger: Ledger::new(profile, &Calendar::china()).unwrap(),
            n: 0,
            transcript: vec![header.to_string()],
        };
        let on = "2021-01-01";
        s.ok(
            on,
            office(),
            Action::RegisterCommittee {
                committee: Committee {
                    id: "C-FIN".parse().unwrap(),
                    name: "财经委".into(),
                },
            },
        );
        s.ok(
            on,
            office(),
            Action::RegisterCommittee {
                committee: Committee {
                    id: "C-SOC".parse().unwrap(),
                    name: "社会建设委".into(),
                },
            },
        );
        s.ok(
            on,
            office(),
            Action::RegisterDelegation {
                delegation: Delegation {
                    id: "DL-EAST".parse().unwrap(),
                    name: "东区代表团".into(),
                },
            },
        );
        for (id, name, system, c) in [
            ("U-FIN", "市财政局", System::Government, "C-FIN"),
            ("U-EDU", "市教育局", System::Government, "C-SOC"),
            ("U-HOUSE", "市住建局", System::Government, "C-SOC"),
            ("U-AGRI", "市农业农村局", System::Government, "C-FIN"),
            ("U-YOUTH", "团市委", System::PartyMass, "C-SOC"),
            ("U-COURT", "市中级人民法院", System::Court, "C-SOC"),
            ("U-PROC", "市检察院", System::Procuratorate, "C-SOC"),
        ] {
            s.ok(
                on,
                office(),
                Action::RegisterUnit {
                    unit: Unit {
                        id: unit(id),
                        name: name.into(),
                        system,
                        liaison_committee: Some(c.parse().unwrap()),
                    },
                },
            );
        }
        for i in 1..=12 {
            s.ok(
                on,
                office(),
                Action::RegisterDeputy {
                    deputy: Deputy {
                        id: deputy(&format!("D{i:02}")),
                        name: format!("代表{i}"),
                        delegation: Some("DL-EAST".parse().unwrap()),
                        office_holder: i == 1,
                    },
                },
            );
        }
        s.ok(
            on,
            office(),
            Action::RegisterSession {
                session: Session {
                    id: "8-5".parse().unwrap(),
                    term: 8,
                    number: 5,
                    opens: d("2021-01-10"),
                    closes: d("2021-01-14"),
                },
            },
        );
        s.ok(
            on,
            office(),
            Action::RegisterSession {
                session: Session {
                    id: "9-1".parse().unwrap(),
                    term: 9,
                    number: 1,
                    opens: d("2022-02-21"),
                    closes: d("2022-02-25"),
                },
            },
        );
        s
    }

    /// Wraps an existing ledger.
    pub fn from_ledger(ledger: Ledger) -> Scenario {
        let n = u32::try_from(ledger.events().len()).unwrap();
        // Not replayable from commands alone: no transcript.
        Scenario {
            ledger,
            n,
            transcript: vec![],
        }
    }

    /// Stops recording: for scenarios built by loops too large to be worth a golden file.
    pub fn unrecorded(mut self) -> Scenario {
        self.transcript.clear();
        self
    }

    pub fn seed_city() -> Scenario {
        Scenario::new(Profile::preset("seed-city").unwrap())
    }

    fn command(&mut self, on: &str, actor: Actor, action: Action) -> Command {
        self.n += 1;
        Command {
            source: None,
            id: CommandId::new(format!("c{:05}", self.n)).unwrap(),
            on: d(on),
            actor,
            action,
        }
    }

    /// Runs a command; on refusal checks that the ledger did not change.
    pub fn run(
        &mut self,
        on: &str,
        actor: Actor,
        action: Action,
    ) -> Result<Vec<Fact>, CommandError> {
        self.execute(on, actor, action, true)
    }

    /// Runs a command; with `check_unchanged`, a refusal must leave the ledger as it was
    /// (the copy that check needs is skipped where success is required anyway).
    fn execute(
        &mut self,
        on: &str,
        actor: Actor,
        action: Action,
        check_unchanged: bool,
    ) -> Result<Vec<Fact>, CommandError> {
        let cmd = self.command(on, actor, action);
        let before = check_unchanged.then(|| self.ledger.clone());
        let result = self.ledger.execute(&cmd);
        if !self.transcript.is_empty() {
            self.transcript.push(transcript::line(&cmd, &result));
        }
        match result {
            Ok(outcome) => Ok(outcome.events.into_iter().map(|e| e.fact).collect()),
            Err(e) => {
                if let Some(before) = before {
                    assert_eq!(self.ledger, before, "a refused command changed the ledger");
                }
                Err(e)
            }
        }
    }

    /// Given: the command must succeed.
    pub fn ok(&mut self, on: &str, actor: Actor, action: Action) -> Vec<Fact> {
        let label = format!("{action:?}");
        self.execute(on, actor, action, false)
            .unwrap_or_else(|e| panic!("{label} refused: {e} ({})", e.code()))
    }

    /// Then: the command must be refused with `code`.
    pub fn refused(&mut self, on: &str, actor: Actor, action: Action, code: &str) {
        match self.run(on, actor, action) {
            Ok(facts) => panic!("expected {code}, got {facts:?}"),
            Err(e) => assert_eq!(e.code().as_str(), code, "{e}"),
        }
    }

    // ---- common steps ----

    /// Registers the congress chair and a vice-chair, the mayor and a vice-mayor.
    pub fn leaders(&mut self, on: &str) {
        use jianyi_core::directory::{Leader, LeaderPost};
        for (id, name, post) in [
            ("L-CHAIR", "常委会主任", LeaderPost::Chair),
            ("L-VICE", "常委会副主任", LeaderPost::ViceChair),
            ("L-MAYOR", "市长", LeaderPost::Mayor),
            ("L-VMAYOR", "副市长", LeaderPost::ViceMayor),
        ] {
            self.ok(
                on,
                office(),
                Action::RegisterLeader {
                    leader: Leader {
                        id: id.parse().unwrap(),
                        name: name.into(),
                        post,
                    },
                },
            );
        }
    }

    pub fn submit(&mut self, on: &str, id: &str, lead: &str, cosigners: &[&str]) {
        self.ok(
            on,
            as_deputy(lead),
            Action::SubmitSuggestion {
                item: item(id),
                lead: deputy(lead),
                cosigners: cosigners.iter().map(|c| deputy(c)).collect(),
                delegation: None,
                text: text(&format!("关于{id}的建议")),
                proposed_unit: None,
            },
        );
    }

    pub fn register(&mut self, on: &str, id: &str) {
        self.ok(
            on,
            office(),
            Action::Register {
                item: item(id),
                topic: "social".into(),
                merge_group: None,
            },
        );
    }

    pub fn assign(&mut self, on: &str, id: &str, plan: AssignmentPlan) {
        self.ok(
            on,
            office(),
            Action::Assign {
                item: item(id),
                plan,
            },
        );
    }

    pub fn contact(&mut self, on: &str, id: &str, u: &str) {
        self.ok(
            on,
            as_unit(u),
            Action::RecordContact {
                item: item(id),
                method: ContactMethod::Meeting,
            },
        );
    }

    pub fn reply(
        &mut self,
        on: &str,
        id: &str,
        u: &str,
        class: &str,
        promised: Option<&str>,
    ) -> Vec<Fact> {
        self.ok(
            on,
            as_unit(u),
            Action::IssueReply {
                item: item(id),
                class: class.into(),
                promised_by: promised.map(d),
                signed_by_head: true,
                copied_to: vec!["人事代表工委".into()],
                leader_reviewed: false,
            },
        )
    }

    pub fn rate(
        &mut self,
        on: &str,
        id: &str,
        by: &str,
        level: &str,
        comment: Option<&str>,
    ) -> Vec<Fact> {
        self.ok(
            on,
            as_deputy(by),
            Action::GiveFeedback {
                item: item(id),
                level: level.into(),
                attitude: None,
                result: None,
                comment: comment.map(str::to_owned),
            },
        )
    }

    /// Submit (in session), register and assign to one lead unit.
    pub fn assigned(&mut self, id: &str, lead: &str, u: &str) {
        self.submit("2022-02-23", id, lead, &[]);
        self.register("2022-03-01", id);
        self.assign("2022-03-31", id, lead_only(u));
    }
}

impl Drop for Scenario {
    /// In the `scenarios` test binary, every scenario's transcript must equal its golden
    /// file (bless with `JIANYI_BLESS=1`); the bindings replay those files and must give the
    /// same answers.
    fn drop(&mut self) {
        if env!("CARGO_CRATE_NAME") == "scenarios"
            && !std::thread::panicking()
            && !self.transcript.is_empty()
        {
            transcript::check(&self.transcript);
        }
    }
}

#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod actor;
mod as_of;
pub mod assessment;
pub mod audit;
pub mod calendar;
pub mod chain;
pub mod command;
mod command_book;
mod decide;
pub mod directory;
pub mod error;
pub mod evaluation;
pub mod event;
mod evolve;
mod fact_reader;
pub mod figures;
#[cfg(feature = "fuzzing")]
pub mod fuzzing;
pub mod generator;
pub mod id;
pub mod intake;
pub mod item;
pub mod item_class;
pub mod json_api;
pub mod ledger;
mod line_reader;
mod lookup;
pub mod obligations;
pub mod profile;
pub mod provenance;
pub mod queries;
pub mod report;
#[cfg(feature = "schema")]
pub mod schema;
pub mod share;
mod shared_log;
mod shares;
#[cfg(feature = "snapshots")]
pub mod snapshot;
#[cfg(feature = "snapshots")]
mod state_only;
pub mod supervision;
pub mod tables;
pub mod tally;
pub mod unit_map;
pub mod vocab;
pub mod wire;
mod year_ends;

pub use actor::{Actor, ActorRole};
pub use calendar::{Calendar, CalendarError, Deadline, Window, WindowUnit};
pub use command::{Action, ActionKind, Command, ItemText};
pub use decide::decide;
pub use directory::{
    Committee, Delegation, Deputy, Directory, Leader, LeaderPost, Session, System, Unit,
};
pub use error::{CommandError, Error, ErrorCode, InputError, LedgerError, ProfileError, ALL_CODES};
pub use event::{Event, Fact};
pub use figures::YearFigures;
pub use id::{
    CommandDigest, CommandId, CommitteeId, DelegationId, DeputyId, ItemId, LeaderId, MergeGroupId,
    SessionId, UnitId,
};
pub use item::{Item, ItemStatus};
pub use ledger::{Ledger, Outcome};
pub use obligations::{Obligation, ObligationStatus};
pub use profile::{Profile, ProfileRef};
pub use provenance::{Source, Unknown, UnknownSet};
pub use queries::{Holder, WorkList};
pub use share::Share;
pub use vocab::{
    AssignmentPlan, Closing, ContactMethod, HandlingMode, ItemKind, Period, ReplyRound,
};
pub use wire::{Header, ProfileCheck};

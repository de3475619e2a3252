#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod calendar;

pub use calendar::{Calendar, CalendarError, Deadline, Window, WindowUnit};

//! `jianyi audit REPORT`: the report audit (SPEC §10). Reads a report's text (a `.docx`, or a
//! text file saved from Word in any of its encodings; see [`crate::document`]), finds every sentence of counts and shares, and says for each which
//! printing conventions reproduce it and which figures none does, with the nearest correct
//! value.

use std::path::PathBuf;

use jianyi_core::audit::{audit_table, tables_in_text};

use crate::{document, output, Failure, Outcome};

/// `jianyi audit`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The report: a Word document (.docx) or its text (UTF-8, UTF-16 or GB18030).
    report: PathBuf,
}

pub(crate) fn run(args: &Args) -> Result<Outcome, Failure> {
    let text = document::report_text(&args.report)?;
    let tables = tables_in_text(&text);
    if tables.is_empty() {
        output::line(&format!(
            "{}: no sentence of counts with shares (…N件，占P%) found",
            args.report.display()
        ));
        return Ok(Outcome::Clean);
    }
    let mut wrong = 0usize;
    for table in &tables {
        let audit = audit_table(table);
        let bad: Vec<_> = audit.wrong_figures().collect();
        if bad.is_empty() {
            output::line(&format!(
                "{}: {} figures over {}, reproduced by {} convention(s)",
                audit.id,
                audit.figures.len(),
                audit.denominator,
                audit.reproduced_by.len()
            ));
        }
        for f in bad {
            wrong = wrong.saturating_add(1);
            output::line(&format!(
                "{}: {} {}件 printed {}%, no convention gives it; nearest correct value {}%",
                audit.id, f.label, f.count, f.printed, f.nearest
            ));
        }
    }
    output::line(&format!(
        "{} table(s), {wrong} wrong figure(s)",
        tables.len()
    ));
    Ok(if wrong > 0 {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

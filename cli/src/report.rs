//! `jianyi report LEDGER`: the annual summary and every table of a work year, in Chinese or
//! English, as text, Markdown, HTML (with the charts), JSON, or a Word document (`.docx`,
//! with `-o FILE`).

use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::Arc;

use clap::ValueEnum;
use jianyi_core::report::{Format, Lang};
use jianyi_core::tables::{CountTable, YearTables};

use crate::{input, output, Failure, Outcome};

/// Summary language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum LangArg {
    /// 中文.
    Zh,
    /// English.
    En,
}

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FormatArg {
    /// Plain text.
    Text,
    /// Markdown.
    Md,
    /// HTML.
    Html,
    /// Every figure and table as JSON.
    Json,
    /// The summary and the figures' appendix (charts and tables) as a Word document; needs
    /// `-o FILE`.
    Docx,
}

/// `jianyi report`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The ledger (JSON Lines).
    ledger: PathBuf,
    /// A snapshot of the ledger (`jianyi verify --write-snapshot`): its state is read instead
    /// of every line before its head. Refused (another ledger, version or profile; damaged):
    /// named on standard error, and the ledger is read in full.
    #[arg(long, value_name = "FILE")]
    snapshot: Option<PathBuf>,
    /// Work year (default: the year of the ledger's latest session).
    #[arg(long)]
    year: Option<i32>,
    /// As of this day, ISO (default: 31 December of the year).
    #[arg(long)]
    as_of: Option<String>,
    /// Language.
    #[arg(long, value_enum, default_value = "zh")]
    lang: LangArg,
    /// Format.
    #[arg(long, value_enum, default_value = "text")]
    format: FormatArg,
    /// Write to this file instead of standard output (needed for docx).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
}

/// The system's fonts (fontconfig's directories), for the text of the .docx charts.
fn system_fonts() -> Arc<fontdb::Database> {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    Arc::new(db)
}

pub(crate) fn run(args: &Args) -> Result<Outcome, Failure> {
    let ledger = input::ledger_or_snapshot(&args.ledger, args.snapshot.as_deref())?;
    let (year, as_of) =
        input::year_and_day(args.year, args.as_of.as_deref(), &ledger, &args.ledger)?;
    let mut ledger = input::as_of_view(ledger, as_of, &args.ledger)?;
    let fail =
        |e: jianyi_core::Error| Failure(format!("{}: {e} [{}]", args.ledger.display(), e.code()));
    let threads = crate::input::every_core();
    let year_report = |ledger: &jianyi_core::Ledger| {
        Ok::<_, jianyi_core::Error>((
            ledger.annual_summary_on(year, as_of, threads)?,
            ledger.year_tables_on(year, as_of, threads)?,
        ))
    };
    let (summary, tables) = match year_report(&ledger) {
        // The summary compares with the year before (its figures as of that year's end):
        // a ledger reopened from a snapshot taken since does not hold those days' events.
        Err(e) if e.code().as_str() == "ledger.log_not_held" => {
            output::error(&format!(
                "{}: the report reads events before the snapshot; the ledger is read in full",
                args.ledger.display()
            ));
            ledger = input::as_of_view(input::ledger(&args.ledger)?, as_of, &args.ledger)?;
            year_report(&ledger)
        }
        other => other,
    }
    .map_err(fail)?;
    let lang = match args.lang {
        LangArg::Zh => Lang::Zh,
        LangArg::En => Lang::En,
    };
    let out = match args.format {
        FormatArg::Json => {
            let json = serde_json::json!({ "summary": summary, "tables": tables });
            (serde_json::to_string_pretty(&json).unwrap_or_default() + "\n").into_bytes()
        }
        FormatArg::Text => {
            (summary.render(lang, Format::Text) + &tables_text(&tables, lang, false)).into_bytes()
        }
        FormatArg::Md => (summary.render(lang, Format::Markdown)
            + &tables_text(&tables, lang, true))
            .into_bytes(),
        FormatArg::Html => {
            // The tables go inside the page, after the summary's article.
            let page = summary.render(lang, Format::Html);
            let tables = tables_html(&tables, lang);
            match page.rfind("</body>") {
                Some(at) => [
                    page.get(..at).unwrap_or_default(),
                    &tables,
                    page.get(at..).unwrap_or_default(),
                ]
                .concat(),
                None => page + &tables,
            }
            .into_bytes()
        }
        FormatArg::Docx => {
            if args.output.is_none() {
                return Err(Failure(
                    "--format docx writes a Word file: give -o FILE".to_owned(),
                ));
            }
            summary
                .render_docx(lang, &system_fonts())
                .map_err(|e| Failure(format!("{e} [{}]", e.code())))?
        }
    };
    match &args.output {
        Some(path) => {
            std::fs::write(path, &out).map_err(|e| Failure(format!("{}: {e}", path.display())))?;
        }
        None => output::text(&String::from_utf8_lossy(&out)),
    }
    Ok(Outcome::Clean)
}

fn label(l: &jianyi_core::profile::Label, lang: Lang) -> &str {
    match lang {
        Lang::Zh => &l.zh,
        Lang::En if l.en.is_empty() => &l.zh,
        Lang::En => &l.en,
    }
}

fn row_label(r: &jianyi_core::figures::CountShare, lang: Lang) -> &str {
    match lang {
        Lang::En if !r.label_en.is_empty() => &r.label_en,
        _ => &r.label_zh,
    }
}

fn heading(t: &CountTable, lang: Lang) -> String {
    format!(
        "{} ({} {})",
        label(&t.title, lang),
        label(&t.of, lang),
        t.denominator
    )
}

/// The tables as plain text or Markdown, after the summary.
fn tables_text(tables: &YearTables, lang: Lang, markdown: bool) -> String {
    let mut out = String::from("\n");
    for t in tables.count_tables() {
        if markdown {
            let _ = writeln!(
                out,
                "\n### {}\n\n| | | % |\n|---|---:|---:|",
                heading(t, lang)
            );
            for r in &t.rows {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} |",
                    row_label(r, lang),
                    r.count,
                    r.percent
                );
            }
        } else {
            let _ = writeln!(out, "\n{}", heading(t, lang));
            for r in &t.rows {
                let _ = writeln!(out, "  {}\t{}\t{}%", row_label(r, lang), r.count, r.percent);
            }
        }
    }
    out
}

/// The tables as HTML, after the summary.
fn tables_html(tables: &YearTables, lang: Lang) -> String {
    let esc = jianyi_core::report::document::html_escape;
    let mut out = String::new();
    for t in tables.count_tables() {
        let _ = writeln!(
            out,
            "<table>\n<caption>{}</caption>",
            esc(&heading(t, lang))
        );
        for r in &t.rows {
            let _ = writeln!(
                out,
                "<tr><th>{}</th><td>{}</td><td>{}%</td></tr>",
                esc(row_label(r, lang)),
                r.count,
                esc(&r.percent)
            );
        }
        out.push_str("</table>\n");
    }
    out
}

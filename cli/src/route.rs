//! `jianyi route`: routes one suggestion (`--title`, `--body`) or a CSV of them (columns
//! `id,title,body`, a header row first) and prints the lead, the co-handlers and the
//! reasons. With `--ledger` the ledger's directory and history are used (any locality's
//! units, recognised by their department kind); without, the profile's own unit table.

use std::path::PathBuf;

use jianyi_core::intake::{RoutingAnswer, Screener, Submission};
use jianyi_core::Profile;

use crate::{input, output, Failure, Outcome};

/// `jianyi route`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["title", "csv"])))]
pub(crate) struct Args {
    /// The suggestion's title.
    #[arg(long)]
    title: Option<String>,
    /// Its text.
    #[arg(long, default_value = "", requires = "title")]
    body: String,
    /// A CSV of suggestions: `id,title,body`, header row first.
    #[arg(long)]
    csv: Option<PathBuf>,
    /// Route to this ledger's directory, with its history.
    #[arg(long)]
    ledger: Option<PathBuf>,
    /// Without a ledger: the bundled profile whose unit table to route to.
    #[arg(long, default_value = "seed-city")]
    profile: String,
}

/// The fields of one CSV record (RFC 4180: quoted fields may hold commas, quotes doubled and
/// line breaks).
fn csv_records(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, '\r') => {}
            (_, c) => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records.retain(|r| r.iter().any(|f| !f.trim().is_empty()));
    records
}

fn print(id: &str, title: &str, answer: &RoutingAnswer) {
    let unit = |c: &jianyi_core::intake::UnitCandidate| {
        format!(
            "{} {} ({}, score {})",
            c.unit,
            c.name,
            c.kind.as_deref().unwrap_or("-"),
            c.score
        )
    };
    output::line(&format!("{id}\t{title}"));
    match (&answer.lead, &answer.difficulty) {
        (Some(lead), _) => {
            output::line(&format!("  lead: {}", unit(lead)));
            for r in &lead.reasons {
                output::line(&format!("    {} — {}", r.zh, r.en));
            }
            for c in &answer.co {
                output::line(&format!("  co: {}", unit(c)));
            }
        }
        (None, Some(d)) => output::line(&format!("  difficult: {}", d.describe())),
        (None, None) => output::line("  no lead"),
    }
    let listed =
        |c: &&jianyi_core::intake::UnitCandidate| answer.co.iter().all(|x| x.unit != c.unit);
    for c in answer.candidates.iter().skip(1).filter(listed).take(2) {
        output::line(&format!("  also: {}", unit(c)));
    }
}

pub(crate) fn run(args: &Args) -> Result<Outcome, Failure> {
    let profile_error =
        |e: jianyi_core::ProfileError| Failure(format!("--profile: {e} [{}]", e.code()));
    let screener = match &args.ledger {
        Some(path) => Screener::for_ledger(&input::ledger(path)?)
            .map_err(|e| Failure(format!("{}: {e} [{}]", path.display(), e.code())))?,
        None => Screener::new(&Profile::preset(&args.profile).map_err(profile_error)?)
            .map_err(profile_error)?,
    };
    if let Some(title) = &args.title {
        print(
            "-",
            title,
            &screener.route(&Submission::new(title, &args.body)),
        );
        return Ok(Outcome::Clean);
    }
    let Some(path) = &args.csv else {
        return Ok(Outcome::Clean);
    };
    let records = csv_records(&input::read(path)?);
    for (n, record) in records.iter().enumerate().skip(1) {
        let (Some(id), Some(title)) = (record.first(), record.get(1)) else {
            return Err(Failure(format!(
                "{} row {}: expected id,title,body",
                path.display(),
                n.saturating_add(1)
            )));
        };
        let body = record.get(2).map_or("", String::as_str);
        print(id, title, &screener.route(&Submission::new(title, body)));
    }
    Ok(Outcome::Clean)
}

#[cfg(test)]
mod tests {
    use super::csv_records;

    #[test]
    fn quoted_fields_keep_commas_quotes_and_line_breaks() {
        let r = csv_records(
            "id,title,body\r\nJ1,\"关于A,B的建议\",\"他说\"\"好\"\"\n第二行\"\n\nJ2,t,\n",
        );
        assert_eq!(r.len(), 3);
        assert_eq!(r[1], ["J1", "关于A,B的建议", "他说\"好\"\n第二行"]);
        assert_eq!(r[2], ["J2", "t", ""]);
    }
}

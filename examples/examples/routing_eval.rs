//! Routing on real suggestions (issue 21): routes the development set of real cases
//! (`core/tests/data/routing-dev/part-*.jsonl`) in a county directory no keyword table was
//! written for (`county-directory.json`) and prints top-1 and top-3 accuracy by department
//! kind, the confusions, and — with `--misses` — every wrong lead with its title.
//!
//! ```text
//! cargo run --example routing_eval
//! cargo run --example routing_eval -- --misses
//! cargo run --example routing_eval -- --heldout    # the cases kept out of tuning
//! cargo run --example routing_eval -- --case a028  # one case's candidates and reasons
//! cargo run --example routing_eval -- --history    # with the history of the other cases
//! ```
//!
//! `--history` routes with the ledger's history (`unit.history`) as a county would have it
//! once earlier items are in its ledger: each development case after learning from the
//! other 271 (leave one out), then the held-out cases after learning from the development
//! cases. The directory holds the townships both sets name.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use jianyi_core::intake::{PastItem, RoutingCase, Screener};
use jianyi_core::{Directory, Profile, Unit};

const DATA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../core/tests/data/routing-dev"
);

fn load(dir: &Path, prefix: &str) -> Result<(Directory, Vec<RoutingCase>), String> {
    let read = |p: &Path| std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()));
    let units: Vec<Unit> = serde_json::from_str(&read(&dir.join("county-directory.json"))?)
        .map_err(|e| format!("county-directory.json: {e}"))?;
    let directory = Directory {
        units: units.into_iter().map(|u| (u.id.clone(), u)).collect(),
        ..Directory::default()
    };
    let mut parts: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix))
                && p.extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
        })
        .collect();
    parts.sort();
    let mut cases = Vec::new();
    for part in parts {
        for (n, line) in read(&part)?
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            cases
                .push(serde_json::from_str(line).map_err(|e| {
                    format!("{} line {}: {e}", part.display(), n.saturating_add(1))
                })?);
        }
    }
    Ok((directory, cases))
}

/// Tenths of a percent, exactly.
fn pct(n: u64, d: u64) -> String {
    let tenths = n.saturating_mul(1000).checked_div(d).unwrap_or(0);
    format!("{}.{}", tenths / 10, tenths % 10)
}

fn line(what: &str, e: &jianyi_core::intake::RoutingEvaluation) {
    println!(
        "| {what} | {} | {} % ({}) | {} % ({}) |",
        e.cases,
        pct(e.top1, e.cases),
        e.top1,
        pct(e.top3, e.cases),
        e.top3
    );
}

/// `--history`: what the ledger's history adds, on both sets.
fn with_history() -> Result<(), String> {
    let (directory, dev) = load(Path::new(DATA), "part-")?;
    let (_, heldout) = load(Path::new(DATA), "heldout-")?;
    let both: Vec<_> = dev.iter().chain(&heldout).cloned().collect();
    let directory = jianyi_core::intake::with_named_townships(&directory, &both);
    let screener = Profile::preset("seed-city")
        .and_then(|p| Screener::for_directory(&p, &directory))
        .map_err(|e| format!("[{}] {e}", e.code()))?;
    println!(
        "{} units (the townships of both sets); history from the cases as `answered_by` maps them\n",
        directory.units.len()
    );
    println!("| cases | n | top-1 | top-3 |\n|---|---:|---:|---:|");
    line("development, no history", &screener.evaluate(&dev));
    line(
        "development, each with the other cases' history",
        &screener.evaluate_with_history(&dev),
    );
    line("held-out, no history", &screener.evaluate(&heldout));
    let past: Vec<PastItem> = dev.iter().filter_map(|c| screener.past_item(c)).collect();
    let mut learnt = screener.clone();
    let taught = learnt.learn_from(&past);
    line(
        &format!("held-out, with the history of the development cases ({taught} taught)"),
        &learnt.evaluate(&heldout),
    );
    Ok(())
}

fn main() -> ExitCode {
    if std::env::args().any(|a| a == "--history") {
        return match with_history() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        };
    }
    let misses = std::env::args().any(|a| a == "--misses");
    let prefix = if std::env::args().any(|a| a == "--heldout") {
        "heldout-"
    } else {
        "part-"
    };
    let (directory, cases) = match load(Path::new(DATA), prefix) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    // A real county's directory holds every township; the cases' own are added.
    let directory = jianyi_core::intake::with_named_townships(&directory, &cases);
    let screener =
        match Profile::preset("seed-city").and_then(|p| Screener::for_directory(&p, &directory)) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("error [{}]: {e}", e.code());
                return ExitCode::from(2);
            }
        };
    if let Some(id) = std::env::args().skip_while(|a| a != "--case").nth(1) {
        for case in cases.iter().filter(|c| c.id == id) {
            let answer = screener.route(&jianyi_core::intake::Submission::new(
                &case.title,
                &case.excerpt,
            ));
            println!("{} {} (answered by {})", case.id, case.title, case.lead);
            println!("difficulty: {:?}", answer.difficulty);
            for c in answer.candidates.iter().take(6) {
                let reasons: Vec<&str> = c.reasons.iter().map(|r| r.zh.as_str()).collect();
                println!(
                    "  {} {} {:?}: {}",
                    c.score,
                    c.name,
                    c.kind,
                    reasons.join("；")
                );
            }
        }
        return ExitCode::SUCCESS;
    }
    let e = screener.evaluate(&cases);
    println!(
        "{} real cases, {} units in the county directory: top-1 {} % ({}), top-3 {} % ({})",
        e.cases,
        directory.units.len(),
        pct(e.top1, e.cases),
        e.top1,
        pct(e.top3, e.cases),
        e.top3
    );
    println!("\n| kind | cases | top-1 | top-3 |\n|---|---:|---:|---:|");
    for (kind, k) in &e.by_kind {
        println!("| {kind} | {} | {} | {} |", k.cases, k.top1, k.top3);
    }
    if !e.confusions.is_empty() {
        println!("\nconfusions (real kind → proposed lead's kind):");
        let mut list: Vec<_> = e.confusions.iter().collect();
        list.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        for ((truth, got), n) in list {
            println!("  {truth} → {got}: {n}");
        }
    }
    if !e.unrecognised.is_empty() {
        println!("\nunit names the kind table reads otherwise than their collector:");
        for (id, name, given, seen) in &e.unrecognised {
            println!("  {id} {name}: given {given}, recognised {seen}");
        }
    }
    if misses {
        let titles: BTreeMap<&str, &str> = cases
            .iter()
            .map(|c| (c.id.as_str(), c.title.as_str()))
            .collect();
        println!("\nwrong leads (real kind → lead's kind; the first three candidates' kinds):");
        for (id, truth, got) in &e.misses {
            let first_three: Vec<String> = cases
                .iter()
                .filter(|c| &c.id == id)
                .flat_map(|c| {
                    screener
                        .route(&jianyi_core::intake::Submission::new(&c.title, &c.excerpt))
                        .candidates
                        .into_iter()
                        .take(3)
                        .map(|c| c.kind.unwrap_or_else(|| "none".to_owned()))
                })
                .collect();
            println!(
                "  {id} [{truth} → {got}] {} ({})",
                titles.get(id.as_str()).unwrap_or(&""),
                first_three.join(", ")
            );
        }
    }
    ExitCode::SUCCESS
}

//! The main job: the annual summary and the year in figures of the bundled sample
//! city-year (某市2022年).
//!
//! ```text
//! cargo run --example annual_report               # Chinese summary + figures
//! cargo run --example annual_report -- --json     # every figure as JSON
//! cargo run --example annual_report -- --lang en --format md    # English, Markdown
//! cargo run --example annual_report -- --format html > summary.html
//! cargo run --example annual_report -- path/to/ledger.jsonl 2022
//! ```

use std::fmt::Write as _;
use std::process::ExitCode;

use jianyi_core::figures::{CountShare, YearFigures};
use jianyi_core::report::{Format, Lang};
use jianyi_core::{Calendar, Ledger, Profile, ProfileCheck, System};

const SAMPLE: &str = include_str!("../data/sample-city-2022.jsonl");

fn rows(rows: &[CountShare], sep: &str) -> String {
    rows.iter()
        .map(|r| format!("{} {} 件，占 {}%", r.label_zh, r.count, r.percent))
        .collect::<Vec<_>>()
        .join(sep)
}

fn render_zh(f: &YearFigures) -> String {
    let mut out = String::new();
    let y = f.year;
    let _ = writeln!(
        out,
        "某市{y}年人大代表建议办理情况（样例台账，截至{}）\n",
        f.as_of
    );
    let _ = writeln!(out, "代表共提出议案 {} 件（其中交常委会审议 {} 件，转为建议办理 {} 件），会议期间提出建议 {} 件，闭会期间提出建议 {} 件，今年的建议总数为 {} 件（撤回 {} 件，不予受理 {} 件）。另有往年“计划解决”类建议 {} 件滚动纳入今年办理，不计入今年建议总数。",
        f.motions, f.motions_to_standing_committee, f.motions_converted, f.suggestions_at_session,
        f.suggestions_in_recess, f.suggestions_total, f.withdrawn, f.rejected, f.rolled_over_into_year
    );
    let sys = |s: System| f.by_system.iter().find(|r| r.system == s);
    let mut parts = Vec::new();
    for s in System::ALL {
        if let Some(r) = sys(s) {
            let mut p = format!("{}承办 {} 件", s.label_zh(), r.items);
            if s != System::PartyMass && r.joint_with_party_mass > 0 {
                let _ = write!(p, "（含与党群部门合办 {} 件）", r.joint_with_party_mass);
            }
            parts.push(p);
        }
    }
    let _ = writeln!(out, "承办情况：{}。", parts.join("、"));
    let _ = writeln!(
        out,
        "首次答复（共 {} 件）：{}。",
        f.replied,
        rows(&f.classes_first_reply, "；")
    );
    let _ = writeln!(
        out,
        "二次答复：对首次答复为“正在解决”的 {} 件建议进行二次答复，经二次办理，{}。",
        f.second_round_items,
        f.classes_second_round
            .iter()
            .filter(|r| r.count > 0)
            .map(|r| format!("{}的 {} 件", r.label_zh, r.count))
            .collect::<Vec<_>>()
            .join("，")
    );
    let _ = writeln!(
        out,
        "办理结果（以最新答复计，共 {} 件）：{}。",
        f.replied,
        rows(&f.classes_final, "；")
    );
    let _ = writeln!(
        out,
        "满意度测评：测评 {} 件（逾期未测评 {} 件，不计入分母），{}；满意率（含基本满意）{}%。",
        f.rated,
        f.lapsed,
        rows(&f.satisfaction_latest, "，"),
        f.satisfaction_rate.percent
    );
    let _ = writeln!(
        out,
        "办理时效：按期答复率 {}%（{}/{}），逾期答复 {} 次，截至{}仍逾期未办事项 {} 项。",
        f.on_time_rate.percent,
        f.on_time_rate.count,
        f.replied,
        f.replies_late,
        f.as_of,
        f.overdue_obligations
    );
    let _ = writeln!(out, "（工作日历版本：{}）", f.calendar_version);
    out
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    let option = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i.saturating_add(1)))
    };
    let lang: Lang = match option("--lang").map_or(Ok(Lang::Zh), |l| l.parse()) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let format: Option<Format> = match option("--format").map(|f| f.parse()).transpose() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let values: Vec<&String> = ["--lang", "--format"]
        .iter()
        .filter_map(|name| option(name))
        .collect();
    let positional: Vec<&String> = args
        .iter()
        .filter(|a| !a.starts_with("--") && !values.contains(a))
        .collect();
    let text = match positional.first() {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("cannot read {path}: {e}");
                return ExitCode::FAILURE;
            }
        },
        None => SAMPLE.to_owned(),
    };
    let year: i32 = positional
        .get(1)
        .and_then(|y| y.parse().ok())
        .unwrap_or(2022);
    let result = Profile::preset("seed-city")
        .map_err(jianyi_core::Error::from)
        .and_then(|p| Ledger::from_jsonl(&text, p, &Calendar::china(), ProfileCheck::Same))
        .and_then(|ledger| {
            let as_of = chrono::NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
            ledger.annual_summary(year, as_of)
        });
    match result {
        Ok(summary) => {
            let text = if json {
                serde_json::to_string_pretty(&summary).unwrap_or_default() + "\n"
            } else if lang != Lang::Zh || format.is_some() {
                summary.render(lang, format.unwrap_or(Format::Text))
            } else {
                format!(
                    "{}\n——— 数据明细 ———\n{}",
                    summary.render_zh(),
                    render_zh(&summary.figures)
                )
            };
            // A closed pipe (`| head`) ends the output quietly.
            let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), text.as_bytes());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error [{}]: {e}", e.code());
            ExitCode::FAILURE
        }
    }
}

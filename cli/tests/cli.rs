//! The `jianyi` command line end to end (issue 18): report, verify (a good ledger and a
//! tampered one), worklist, audit (a text with a wrong figure), route, calendar; exit codes
//! 0 ok, 1 findings, 2 bad input with one line naming the file, line or argument.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../examples/data/sample-city-2022.jsonl"
);

fn jianyi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jianyi"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// A file in a directory of this test run's own.
fn scratch(name: &str, text: &str) -> PathBuf {
    scratch_bytes(name, text.as_bytes())
}

fn scratch_bytes(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jianyi-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn report_prints_the_summary_and_the_tables() {
    let o = jianyi(&["report", SAMPLE]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("今年的建议总数为447件"));
    assert!(text.contains("以上各系统承办数有重叠"));
    assert!(text.contains("最终办理结果"));
    let o = jianyi(&["report", SAMPLE, "--lang", "en", "--format", "html"]);
    let html = stdout(&o);
    assert!(html.contains("<table>") && html.trim_end().ends_with("</html>"));
    let o = jianyi(&[
        "report",
        SAMPLE,
        "--format",
        "json",
        "--year",
        "2022",
        "--as-of",
        "2022-12-31",
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["summary"]["figures"]["suggestions_total"], 447);
    assert_eq!(json["tables"]["by_kind"]["denominator"], 448);
    // 2021 as of its last day reads nothing of 2022.
    let o = jianyi(&["report", SAMPLE, "--format", "json", "--year", "2021"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["summary"]["figures"]["replies_late"], 0);
}

#[test]
fn report_writes_a_word_document_and_a_page_with_charts_to_a_file() {
    let dir = scratch("unused.txt", "").parent().unwrap().to_path_buf();
    let docx = dir.join("summary.docx");
    let o = jianyi(&["report", SAMPLE, "--format", "docx", "-o", s(&docx)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let bytes = std::fs::read(&docx).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"), "a zip");
    // The zip's directory names its parts in the clear.
    let names = String::from_utf8_lossy(&bytes);
    assert!(names.contains("word/document.xml") && names.contains("word/media/"));
    // A Word file is not printed to a terminal.
    let o = jianyi(&["report", SAMPLE, "--format", "docx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("give -o FILE"), "{}", stderr(&o));
    let html = dir.join("summary.html");
    let o = jianyi(&["report", SAMPLE, "--format", "html", "--output", s(&html)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = std::fs::read_to_string(&html).unwrap();
    for id in ["classes", "satisfaction", "systems", "bands"] {
        assert!(
            page.contains(&format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"chart-{id}\""
            )),
            "{id}"
        );
    }
}

#[test]
fn verify_passes_a_good_ledger_and_names_the_tampered_line() {
    let o = jianyi(&["verify", SAMPLE]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("the chain holds"));
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    let tampered = text.replacen("\"class\":\"planned\"", "\"class\":\"resolved\"", 1);
    let line = text
        .lines()
        .position(|l| l.contains("\"class\":\"planned\""))
        .unwrap()
        + 1;
    let path = scratch("tampered.jsonl", &tampered);
    let o = jianyi(&["verify", s(&path)]);
    assert_eq!(o.status.code(), Some(1));
    let report = stdout(&o);
    // The edited line still links to the one before it; the next line's link breaks.
    assert!(
        report.contains(&format!("line {}: the chain is broken", line + 1)),
        "{report}"
    );
    assert!(report.contains("ledger.chain_broken"));
    let o = jianyi(&["verify", "/nonexistent/ledger.jsonl"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("/nonexistent/ledger.jsonl: cannot read"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
    let path = scratch("not-a-ledger.jsonl", "{\"hello\":1}\n");
    let o = jianyi(&["verify", s(&path)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("ledger.missing_header"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn worklist_lists_overdue_duties_and_can_fail_on_them() {
    let o = jianyi(&[
        "worklist",
        SAMPLE,
        "--unit",
        "U-JYJ",
        "--as-of",
        "2022-12-31",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    assert!(text.starts_with("as of 2022-12-31: 1 overdue"), "{text}");
    assert!(text.contains("working days left"));
    let o = jianyi(&[
        "worklist",
        SAMPLE,
        "--unit",
        "U-JYJ",
        "--as-of",
        "2022-12-31",
        "--fail-on-overdue",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let o = jianyi(&[
        "worklist",
        SAMPLE,
        "--office",
        "--as-of",
        "2022-12-31",
        "--fail-on-overdue",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let o = jianyi(&[
        "worklist",
        SAMPLE,
        "--unit",
        "U-JYJ",
        "--as-of",
        "31/12/2022",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--as-of"), "{}", stderr(&o));
    // Exactly one of --unit, --deputy, --committee, --office.
    assert_eq!(jianyi(&["worklist", SAMPLE]).status.code(), Some(2));
}

#[test]
fn audit_names_a_wrong_figure_and_its_nearest_value() {
    let good =
        "办理结果：解决采纳的315件，占70.8%；计划解决的68件，占15.3%；留作参考的62件，占13.9%。";
    let path = scratch("good.txt", good);
    let o = jianyi(&["audit", s(&path)]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let path = scratch("typo.txt", &good.replace("占70.8%", "占75%"));
    let o = jianyi(&["audit", s(&path)]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(
        text.contains("解决采纳") && text.contains("printed 75%") && text.contains("70.8%"),
        "{text}"
    );
}

#[test]
fn route_gives_the_lead_with_reasons_for_a_title_or_a_csv() {
    let o = jianyi(&[
        "route",
        "--title",
        "关于解决山区人畜饮水困难的建议",
        "--ledger",
        SAMPLE,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("lead: U-SLJ 市水利局 (water"), "{text}");
    assert!(text.contains("earlier items mentioning 饮水"), "{text}");
    let csv = scratch(
        "items.csv",
        "id,title,body\nJ1,关于在路口安装红绿灯的建议,\n\"J2\",\"关于殡仪馆建设, 以及公墓管理的建议\",\"群众说\"\"难\"\"\"\n",
    );
    let o = jianyi(&["route", "--csv", s(&csv)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("J1\t关于在路口安装红绿灯的建议"), "{text}");
    assert!(
        text.contains("J2\t关于殡仪馆建设, 以及公墓管理的建议"),
        "{text}"
    );
    let bad = scratch("bad.csv", "id,title,body\nJ9\n");
    let o = jianyi(&["route", "--csv", s(&bad)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad.csv row 2"), "{}", stderr(&o));
}

#[test]
fn calendar_adds_counts_and_explains() {
    let o = jianyi(&["calendar", "add", "2022-03-31", "7"]);
    assert!(stdout(&o).starts_with("2022-04-12"));
    let o = jianyi(&["calendar", "between", "2022-03-31", "2022-04-12"]);
    assert!(stdout(&o).starts_with("7\t"));
    let o = jianyi(&["calendar", "due", "2022-03-31", "7"]);
    let text = stdout(&o);
    assert!(
        text.starts_with("2022-04-12") && text.contains("调休"),
        "{text}"
    );
    let o = jianyi(&["calendar", "add", "1999-12-31", "1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("calendar.out_of_range"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        jianyi(&["calendar", "add", "2022-03-31", "-1"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn export_writes_parquet_files_and_names_a_bad_directory() {
    let dir = std::env::temp_dir().join(format!("jianyi-cli-export-{}", std::process::id()));
    let o = jianyi(&["export", SAMPLE, "--to", "parquet", s(&dir)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("items.parquet\t490 rows"), "{text}");
    assert!(
        text.contains("report/classes_final.parquet\t4 rows"),
        "{text}"
    );
    assert!(text.contains("(year 2022, as of 2022-12-31)"), "{text}");
    // Parquet files begin and end with the magic `PAR1`.
    let bytes = std::fs::read(dir.join("items.parquet")).unwrap();
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
    // Stderr is not a terminal here: no progress bar is drawn.
    assert_eq!(stderr(&o), "");
    // As of the session's last day, only the items submitted by then are exported.
    let o = jianyi(&[
        "export",
        SAMPLE,
        "--to",
        "parquet",
        s(&dir),
        "--as-of",
        "2022-01-31",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stdout(&o).contains("items.parquet\t490 rows"));
    let _ = std::fs::remove_dir_all(&dir);

    let blocked = scratch("not-a-directory", "a file");
    let o = jianyi(&["export", SAMPLE, "--to", "parquet", s(&blocked)]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("not-a-directory") && err.contains("[export.io]"),
        "{err}"
    );
    let o = jianyi(&["export", SAMPLE, "--to", "csv", s(&dir)]);
    assert_eq!(o.status.code(), Some(2));
}

/// A minimal Word document whose paragraphs are `paragraphs` (deflated, as Word writes it).
fn docx(name: &str, paragraphs: &[&str]) -> PathBuf {
    use std::io::Write as _;
    let mut body = String::new();
    for p in paragraphs {
        body.push_str("<w:p><w:r><w:t xml:space=\"preserve\">");
        body.push_str(p);
        body.push_str("</w:t></w:r></w:p>");
    }
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}</w:body></w:document>"
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?><Types/>").unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let path = scratch(name, "");
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn audit_reads_a_docx_and_the_text_word_saves() {
    // The figures split over two paragraphs (two sentences), one of them wrong.
    let path = docx(
        "report.docx",
        &[
            "2022年度代表建议办理情况报告",
            "办理结果：解决采纳的315件，占75%；计划解决的68件，占15.3%；留作参考的62件，占13.9%。",
        ],
    );
    let o = jianyi(&["audit", s(&path)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("printed 75%") && text.contains("70.8%"),
        "{text}"
    );

    let good =
        "办理结果：解决采纳的315件，占70.8%；计划解决的68件，占15.3%；留作参考的62件，占13.9%。";
    let o = jianyi(&["audit", s(&docx("good.docx", &[good]))]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("1 table(s), 0 wrong figure(s)"));

    // Word's "Plain Text" on a Chinese Windows: GB18030, CRLF line ends.
    let wrong = good.replace("占70.8%", "占75%");
    let (gb, _, _) = encoding_rs::GB18030.encode(&wrong);
    let path = scratch("report-gb.txt", "");
    std::fs::write(&path, [b"\r\n".as_slice(), &gb, b"\r\n"].concat()).unwrap();
    let o = jianyi(&["audit", s(&path)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("printed 75%"));

    // A zip that is not a Word document, and a broken one: bad input, named.
    let path = scratch("broken.docx", "PK\u{3}\u{4}not really a zip");
    let o = jianyi(&["audit", s(&path)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("broken.docx"), "{}", stderr(&o));
}

const TAIZHANG_CSV: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../examples/data/sample-city-2022-taizhang.csv"
);

#[test]
fn import_writes_a_ledger_only_when_every_row_passes() {
    let out = scratch("imported.jsonl", "");
    std::fs::remove_file(&out).unwrap();
    let args = |file: &str, out: &Path| {
        vec![
            "import".to_owned(),
            file.to_owned(),
            "--profile".to_owned(),
            "seed-city".to_owned(),
            "--year".to_owned(),
            "2022".to_owned(),
            "-o".to_owned(),
            s(out).to_owned(),
        ]
    };
    let run = |a: &[String]| jianyi(&a.iter().map(String::as_str).collect::<Vec<_>>());
    let o = run(&args(TAIZHANG_CSV, &out));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("imported 447 row(s)"), "{err}");
    assert!(err.contains("date (447 items)"), "{err}");
    // The imported ledger is a ledger like any other: verified and reported, with the
    // figures the sheet cannot give said to be unknown.
    assert_eq!(jianyi(&["verify", s(&out)]).status.code(), Some(0));
    let o = jianyi(&["report", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("今年的建议总数为447件"), "{text}");
    assert!(text.contains("台账未载明"), "{text}");
    let o = jianyi(&["worklist", s(&out), "--office", "--as-of", "2022-12-31"]);
    assert!(
        stdout(&o).contains("447 imported item(s) left out"),
        "{}",
        stdout(&o)
    );

    // A bad cell (row 5) and an item number used twice (row 7): nothing written, every bad
    // row named with its column, exit code 2.
    let sample = std::fs::read_to_string(TAIZHANG_CSV).unwrap();
    let mut lines: Vec<String> = sample.lines().map(str::to_owned).collect();
    lines[4] = "J2022-900001,关于测试的建议,张三,,东湖区代表团,会议期间,农业农村,市财政局,,主协办,2022-05-06,Z类,满意,,".to_owned();
    let number = lines[5].split(',').next().unwrap().to_owned();
    let rest: Vec<&str> = lines[6].splitn(2, ',').collect();
    lines[6] = format!("{number},{}", rest[1]);
    let broken = scratch("broken.csv", &(lines.join("\n") + "\n"));
    let bad_out = broken.with_extension("jsonl");
    let o = run(&args(s(&broken), &bad_out));
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("row 5 column L（办理结果）"), "{err}");
    assert!(err.contains("row 7 column A（建议号）"), "{err}");
    assert!(err.contains("[item.duplicate_id]"), "{err}");
    assert!(err.contains("nothing written"), "{err}");
    assert!(!bad_out.exists());

    // --keep-going: the good rows, and the report of the others beside the ledger.
    let mut keep = args(s(&broken), &bad_out);
    keep.push("--keep-going".to_owned());
    let o = run(&keep);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("imported 445 row(s)"), "{}", stderr(&o));
    let skipped = std::fs::read_to_string(bad_out.with_extension("skipped.txt")).unwrap();
    assert_eq!(skipped.lines().count(), 2, "{skipped}");
    assert!(skipped.contains("row 5 column L"), "{skipped}");
    assert_eq!(jianyi(&["verify", s(&bad_out)]).status.code(), Some(0));
}

#[test]
fn verify_writes_a_snapshot_that_report_and_worklist_reopen_from() {
    let full = std::fs::read_to_string(SAMPLE).unwrap();
    let lines: Vec<&str> = full.lines().collect();
    // The snapshot stands at line 3 000; the sample goes on after it.
    let early = scratch("early.jsonl", &(lines[..3000].join("\n") + "\n"));
    let snap = early.with_extension("snap");
    let o = jianyi(&["verify", s(&early), "--write-snapshot", s(&snap)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("snapshot of 2999 events written"),
        "{}",
        stdout(&o)
    );

    let plain = jianyi(&["worklist", SAMPLE, "--office"]);
    let reopened = jianyi(&["worklist", SAMPLE, "--office", "--snapshot", s(&snap)]);
    assert_eq!(reopened.status.code(), plain.status.code());
    assert_eq!(stdout(&reopened), stdout(&plain));
    assert_eq!(stderr(&reopened), "");
    // Reading only the file's end: 2 000 bytes first (the head is not in them), then more.
    let from_end = Command::new(env!("CARGO_BIN_EXE_jianyi"))
        .args(["worklist", SAMPLE, "--office", "--snapshot", s(&snap)])
        .env("JIANYI_TAIL_BYTES", "2000")
        .output()
        .unwrap();
    assert_eq!(stdout(&from_end), stdout(&plain));
    assert_eq!(stderr(&from_end), "");
    // The lines before the head are not read again (they were verified when the snapshot
    // was written): a first event line damaged since fails the full read, not the reopening
    // from the file's end. `jianyi verify` is what checks the whole chain.
    let mut damaged_lines = lines.clone();
    let first_event = damaged_lines[1].replacen("\"seq\":1", "\"seq\":7", 1);
    damaged_lines[1] = &first_event;
    let damaged_start = scratch("damaged-start.jsonl", &(damaged_lines.join("\n") + "\n"));
    let o = jianyi(&["worklist", s(&damaged_start), "--office"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let o = Command::new(env!("CARGO_BIN_EXE_jianyi"))
        .args([
            "worklist",
            s(&damaged_start),
            "--office",
            "--snapshot",
            s(&snap),
        ])
        .env("JIANYI_TAIL_BYTES", "2000")
        .output()
        .unwrap();
    assert_eq!(stdout(&o), stdout(&plain), "{}", stderr(&o));

    // The year's report compares with the year before, as of that year's end: the events
    // of those days are before the snapshot, whose statistics keep that year's figures, so
    // the reopened ledger states it without reading the file in full.
    let plain = jianyi(&["report", SAMPLE, "--format", "json"]);
    let reopened = jianyi(&["report", SAMPLE, "--format", "json", "--snapshot", s(&snap)]);
    assert_eq!(reopened.status.code(), Some(0), "{}", stderr(&reopened));
    assert_eq!(stdout(&reopened), stdout(&plain));
    assert!(
        stdout(&plain).contains("\"previous\": {"),
        "the sample has a year before"
    );
    assert_eq!(stderr(&reopened), "");

    // A damaged snapshot (its last byte changed) is named with its code; the ledger is read
    // in full.
    let mut bytes = std::fs::read(&snap).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    let damaged = scratch_bytes("damaged.snap", &bytes);
    let o = jianyi(&["worklist", SAMPLE, "--office", "--snapshot", s(&damaged)]);
    assert_eq!(
        stdout(&o),
        stdout(&jianyi(&["worklist", SAMPLE, "--office"]))
    );
    assert!(
        stderr(&o).contains("[snapshot.corrupt]; the ledger was read in full"),
        "{}",
        stderr(&o)
    );
    // A snapshot that is not there is bad input.
    let o = jianyi(&[
        "worklist",
        SAMPLE,
        "--office",
        "--snapshot",
        "/nonexistent/x.snap",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("/nonexistent/x.snap: cannot read"),
        "{}",
        stderr(&o)
    );
}

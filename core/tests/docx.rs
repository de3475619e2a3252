//! The annual summary as a Word document (issue 20): the `.docx` is a zip whose
//! `word/document.xml` holds the title, every heading, every paragraph and every table of
//! the same document model the text and HTML renderings use, and one PNG per chart.
//! `JIANYI_DOCX_OUT=dir` also writes the files (`scripts/document-tests` converts them to
//! PDF with `soffice`).
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use std::io::Read as _;
use std::sync::Arc;

use chrono::NaiveDate;
use jianyi_core::generator::{generate, GeneratorConfig};
use jianyi_core::report::docx::fontdb;
use jianyi_core::report::{Block, Lang};

fn entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().to_owned(), data)
        })
        .collect()
}

/// The text of document.xml's runs, paragraph by paragraph, XML entities decoded.
fn paragraphs(xml: &str) -> Vec<String> {
    xml.split("</w:p>")
        .map(|p| {
            p.split("<w:t")
                .skip(1)
                // `<w:t>` or `<w:t xml:space=…>`, not `<w:tbl>`, `<w:tc>`, `<w:tr>` …
                .filter(|t| t.starts_with('>') || t.starts_with(' '))
                .filter_map(|t| t.split_once('>').map(|(_, rest)| rest))
                .filter_map(|t| t.split("</w:t>").next())
                .collect::<String>()
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&")
        })
        .collect()
}

#[test]
fn the_docx_holds_every_block_and_a_picture_per_chart() {
    let ledger = generate(&GeneratorConfig::seed_city()).unwrap();
    let summary = ledger
        .annual_summary(2022, NaiveDate::from_ymd_opt(2022, 12, 31).unwrap())
        .unwrap();
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    let fonts = Arc::new(db);
    for (lang, l) in [(Lang::Zh, "zh"), (Lang::En, "en")] {
        let bytes = summary.render_docx(lang, &fonts).unwrap();
        assert!(bytes.starts_with(b"PK\x03\x04"), "a zip");
        assert_eq!(
            bytes,
            summary.render_docx(lang, &fonts).unwrap(),
            "deterministic"
        );
        if let Some(dir) = std::env::var_os("JIANYI_DOCX_OUT") {
            let path = std::path::Path::new(&dir).join(format!("summary-2022.{l}.docx"));
            std::fs::write(path, &bytes).unwrap();
        }
        let files = entries(&bytes);
        let xml = files
            .iter()
            .find(|(n, _)| n == "word/document.xml")
            .map(|(_, d)| String::from_utf8(d.clone()).unwrap())
            .unwrap();
        let got = paragraphs(&xml);
        let doc = summary.document_with_appendix(lang);
        assert!(got.contains(&doc.title), "title");
        let mut tables = 0;
        let mut charts = 0;
        for block in &doc.blocks {
            match block {
                Block::Heading(t)
                | Block::Appendix(t)
                | Block::Subheading(t)
                | Block::Paragraph(t) => {
                    assert!(got.contains(t), "{l}: missing paragraph {t}");
                }
                Block::Table(t) => {
                    tables += 1;
                    assert!(got.contains(&t.caption));
                    for cell in t.header.iter().chain(t.rows.iter().flatten()) {
                        assert!(got.contains(cell), "{l}: missing cell {cell}");
                    }
                }
                Block::Figure(c) => {
                    charts += 1;
                    assert!(
                        got.contains(&c.alt),
                        "{l}: missing text alternative of {}",
                        c.id
                    );
                }
            }
        }
        assert!(
            charts >= 4 && tables == charts,
            "{charts} charts, {tables} tables"
        );
        assert_eq!(xml.matches("<w:tbl>").count(), tables, "real Word tables");
        let pngs: Vec<&(String, Vec<u8>)> = files
            .iter()
            .filter(|(n, d)| n.starts_with("word/media/") && d.starts_with(b"\x89PNG"))
            .collect();
        assert_eq!(pngs.len(), charts, "one PNG per chart");
        // Official-document fonts and sizes: 仿宋 三号 body, 小标宋 title, two-character indent.
        assert!(xml.contains("w:eastAsia=\"仿宋\"") && xml.contains("方正小标宋简体"));
        assert!(xml.contains("<w:sz w:val=\"32\" />") && xml.contains("w:firstLine=\"640\""));
    }
}

fn system_fonts() -> Arc<fontdb::Database> {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    Arc::new(db)
}

fn part(bytes: &[u8], name: &str) -> String {
    entries(bytes)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, d)| String::from_utf8(d).unwrap())
        .unwrap()
}

#[test]
fn render_with_the_docx_format_gives_the_same_bytes_as_render_docx() {
    let ledger = generate(&GeneratorConfig::seed_city()).unwrap();
    let summary = ledger
        .annual_summary(2022, NaiveDate::from_ymd_opt(2022, 12, 31).unwrap())
        .unwrap();
    let fonts = system_fonts();
    let bytes: Vec<u8> = summary
        .render(Lang::En, jianyi_core::report::Format::docx(&fonts))
        .unwrap();
    assert_eq!(bytes, summary.render_docx(Lang::En, &fonts).unwrap());
    let text: String = summary.render(Lang::En, jianyi_core::report::Format::Text);
    assert!(text.starts_with(&summary.document(Lang::En).title));
}

/// The font table names `SimSun` where 方正小标宋 is missing, and the Windows names of the
/// other official-document faces.
#[test]
fn the_font_table_names_a_fallback_for_each_official_font() {
    let mut doc = jianyi_core::report::Document::new(Lang::Zh, "标题".to_owned());
    doc.paragraph("正文");
    let bytes = jianyi_core::report::docx::write(&doc, &system_fonts()).unwrap();
    let table = part(&bytes, "word/fontTable.xml");
    for (font, alt) in [
        ("方正小标宋简体", "SimSun"),
        ("仿宋", "FangSong"),
        ("黑体", "SimHei"),
        ("楷体", "KaiTi"),
    ] {
        assert!(
            table.contains(&format!(
                r#"<w:font w:name="{font}"><w:altName w:val="{alt}"/>"#
            )),
            "{font} → {alt} in {table}"
        );
    }
    assert!(table.contains(r#"<w:font w:name="Times New Roman">"#));
}

/// Characters XML cannot carry (a control character pasted into a title) leave the file;
/// the rest of the text stays, so the document still opens without a repair prompt.
#[test]
fn characters_xml_cannot_carry_are_dropped_and_the_rest_kept() {
    let mut doc = jianyi_core::report::Document::new(Lang::Zh, "关于\u{1}停车难的建议".to_owned());
    doc.heading("一、办理\u{B}情况");
    doc.paragraph("正文\u{1F}第一段\u{FFFF}。\t保留制表符");
    doc.table(jianyi_core::report::Table {
        caption: "表\u{C}一".to_owned(),
        header: vec!["单位\u{0}".to_owned()],
        rows: vec![vec!["市\u{FFFE}财政局".to_owned()]],
    });
    let bytes = jianyi_core::report::docx::write(&doc, &system_fonts()).unwrap();
    let xml = part(&bytes, "word/document.xml");
    let bad = |c: char| matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}');
    assert!(!xml.chars().any(bad), "no character XML forbids");
    let got = paragraphs(&xml);
    for kept in [
        "关于停车难的建议",
        "一、办理情况",
        "正文第一段。\t保留制表符",
        "表一",
        "单位",
        "市财政局",
    ] {
        assert!(got.iter().any(|p| p == kept), "{kept} in {got:?}");
    }
}

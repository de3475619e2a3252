//! 公文版式的 Word 文档 (the summary as a `.docx` the office edits): the same [`Document`]
//! as the text, Markdown and HTML renderings, written by `docx-rs` in the usual
//! official-document look: the title in 方正小标宋 (`SimSun` for Latin text, and where the
//! machine lacks it: the font table names `SimSun` as its `altName`), body text in 仿宋 三号 (16 pt) with a first-line indent of
//! two characters, headings 一、 in 黑体 and （一） in 楷体, tables as Word tables and each
//! chart as a PNG picture rendered from its SVG by `resvg`, with its text alternative
//! beneath it.
//!
//! Pure: the fonts the charts' text is drawn with are given by the host
//! ([`fontdb::Database`]; a server loads its system fonts once with
//! `Database::load_system_fonts`). The core reads no file.

use std::borrow::Cow;
use std::sync::Arc;

use docx_rs::{
    AlignmentType, BreakType, Docx as WordDocument, LineSpacing, PageMargin, Paragraph, Pic, Run,
    RunFonts, SpecialIndentType, Table as WordTable, TableCell, TableRow,
};
pub use resvg::usvg::fontdb;

use crate::error::ErrorCode;

use super::charts::Chart;
use super::document::{Block, Document, Format, Lang, Table};
use super::{AnnualSummary, Rendering};

/// Why a `.docx` could not be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocxError {
    /// A chart's SVG could not be rendered as a picture.
    #[error("chart `{chart}` could not be rendered: {reason}")]
    ChartRender {
        /// The chart's id.
        chart: String,
        /// What went wrong.
        reason: String,
    },
    /// The document could not be packed into its zip container.
    #[error("the .docx could not be written: {reason}")]
    Write {
        /// What went wrong.
        reason: String,
    },
}

impl DocxError {
    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        ErrorCode::new(match self {
            DocxError::ChartRender { .. } => "report.chart_render",
            DocxError::Write { .. } => "internal.docx_write",
        })
    }
}

/// 三号 is 16 pt; docx sizes are half-points.
const BODY_SIZE: usize = 32;
/// 二号 (22 pt) for the title.
const TITLE_SIZE: usize = 44;
/// Two characters of 16 pt, in twentieths of a point.
const FIRST_LINE_INDENT: i32 = 640;
/// Fixed line pitch of 28 pt (GB/T 9704's 22 lines a page), in twentieths of a point.
const LINE: i32 = 560;
/// Rendered charts are twice their SVG size, for print.
const CHART_SCALE: f32 = 2.0;
/// Picture width on the page: 15 cm in EMU (the type area of A4 less GB/T 9704's margins).
const PICTURE_WIDTH_EMU: u64 = 5_400_000;

const TITLE_FONT: &str = "方正小标宋简体";
const FALLBACK_FONT: &str = "SimSun";
const BODY_FONT: &str = "仿宋";
const HEADING_FONT: &str = "黑体";
const SUBHEADING_FONT: &str = "楷体";

fn run_fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii(FALLBACK_FONT)
        .hi_ansi(FALLBACK_FONT)
        .cs(FALLBACK_FONT)
}

/// A character XML 1.0 allows. The C0 controls other than tab, line feed and carriage
/// return, and U+FFFE and U+FFFF, cannot appear in a `.docx` at all: Word refuses the whole
/// file for one of them in a title a deputy typed.
fn allowed_in_xml(c: char) -> bool {
    !matches!(
        c,
        '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}'
    )
}

/// `text` without the characters XML cannot carry (the rest of it kept as it is).
fn xml_text(text: &str) -> Cow<'_, str> {
    if text.chars().all(allowed_in_xml) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|c| allowed_in_xml(*c)).collect())
    }
}

fn run(text: &str, font: &str, size: usize) -> Run {
    Run::new()
        .add_text(xml_text(text))
        .fonts(run_fonts(font))
        .size(size)
}

/// Each official-document font with the font Word takes where it is missing (`w:altName`),
/// its character set (`86`, GB 2312) and family: the title's 方正小标宋 falls back to `SimSun`
/// (宋体), the others to the names Windows gives the same faces.
const FONT_TABLE: [(&str, &str, &str); 5] = [
    (TITLE_FONT, FALLBACK_FONT, "roman"),
    (BODY_FONT, "FangSong", "modern"),
    (HEADING_FONT, "SimHei", "modern"),
    (SUBHEADING_FONT, "KaiTi", "modern"),
    (FALLBACK_FONT, "宋体", "auto"),
];

/// `word/fontTable.xml` naming the fallbacks of [`FONT_TABLE`]. `docx-rs` writes a fixed
/// table (Times New Roman, Symbol, Arial) with no way to add a font or its `altName`, so
/// this one part is written here, from the constants above only (no text from the ledger).
fn font_table() -> Vec<u8> {
    let official = FONT_TABLE.iter().map(|(name, alt, family)| {
        format!(
            r#"<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/><w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>"#
        )
    });
    // The three docx-rs names, as it writes them.
    let western = [
        ("Times New Roman", "00", "roman"),
        ("Symbol", "02", "roman"),
        ("Arial", "00", "swiss"),
    ]
    .iter()
    .map(|(name, charset, family)| {
        format!(
            r#"<w:font w:name="{name}"><w:charset w:val="{charset}"/><w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>"#
        )
    });
    let fonts: String = official.chain(western).collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{fonts}</w:fonts>"#
    )
    .into_bytes()
}

fn fixed_lines() -> LineSpacing {
    LineSpacing::new()
        .line_rule(docx_rs::LineSpacingType::Exact)
        .line(LINE)
}

/// A paragraph of the official look: 三号 text in `font`, a two-character first-line
/// indent, fixed line spacing.
fn indented(text: &str, font: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, font, BODY_SIZE))
        .indent(
            None,
            Some(SpecialIndentType::FirstLine(FIRST_LINE_INDENT)),
            None,
            None,
        )
        .first_line_chars(200)
        .line_spacing(fixed_lines())
}

fn body(text: &str) -> Paragraph {
    indented(text, BODY_FONT).align(AlignmentType::Both)
}

fn heading(text: &str, font: &str) -> Paragraph {
    indented(text, font).outline_lvl(usize::from(font != HEADING_FONT))
}

fn cell(text: &str, bold: bool) -> TableCell {
    let mut r = run(text, BODY_FONT, 24);
    if bold {
        r = r.bold();
    }
    TableCell::new().add_paragraph(Paragraph::new().add_run(r))
}

/// A table as a Word table: its caption centred above it, a bold header row.
fn word_table(t: &Table) -> (Paragraph, WordTable) {
    let caption = Paragraph::new()
        .add_run(run(&t.caption, HEADING_FONT, 28))
        .align(AlignmentType::Center);
    let mut rows = vec![TableRow::new(
        t.header.iter().map(|h| cell(h, true)).collect(),
    )];
    rows.extend(
        t.rows
            .iter()
            .map(|r| TableRow::new(r.iter().map(|c| cell(c, false)).collect())),
    );
    (
        caption,
        WordTable::new(rows).align(docx_rs::TableAlignmentType::Center),
    )
}

/// A chart's SVG rendered as PNG bytes, with its pixel size.
fn png(chart: &Chart, fonts: &Arc<fontdb::Database>) -> Result<(Vec<u8>, u32, u32), DocxError> {
    let fail = |reason: String| DocxError::ChartRender {
        chart: chart.id.clone(),
        reason,
    };
    let options = resvg::usvg::Options {
        fontdb: Arc::clone(fonts),
        ..resvg::usvg::Options::default()
    };
    let tree =
        resvg::usvg::Tree::from_str(&chart.svg(), &options).map_err(|e| fail(e.to_string()))?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(CHART_SCALE)
        .ok_or_else(|| fail("empty size".to_owned()))?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| fail("empty pixmap".to_owned()))?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(CHART_SCALE, CHART_SCALE),
        &mut pixmap.as_mut(),
    );
    let bytes = pixmap.encode_png().map_err(|e| fail(e.to_string()))?;
    Ok((bytes, size.width(), size.height()))
}

/// A chart as an inline picture the width of the type area, then its text alternative.
fn picture(
    chart: &Chart,
    n: usize,
    fonts: &Arc<fontdb::Database>,
) -> Result<[Paragraph; 2], DocxError> {
    let (bytes, w, h) = png(chart, fonts)?;
    let height = PICTURE_WIDTH_EMU
        .saturating_mul(u64::from(h))
        .checked_div(u64::from(w))
        .unwrap_or(0);
    let pic = Pic::new_with_dimensions(bytes, w, h)
        .id(format!("rIdImage{n}"))
        .size(
            u32::try_from(PICTURE_WIDTH_EMU).unwrap_or(u32::MAX),
            u32::try_from(height).unwrap_or(u32::MAX),
        );
    let image = Paragraph::new()
        .add_run(Run::new().add_image(pic))
        .align(AlignmentType::Center);
    let alt = Paragraph::new()
        .add_run(run(&chart.alt, BODY_FONT, 24))
        .align(AlignmentType::Left);
    Ok([image, alt])
}

/// The document as `.docx` bytes.
///
/// # Errors
/// `report.chart_render`, `internal.docx_write`.
pub fn write(doc: &Document, fonts: &Arc<fontdb::Database>) -> Result<Vec<u8>, DocxError> {
    // A4, margins of GB/T 9704 (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm), in twips.
    let mut docx = WordDocument::new()
        .page_size(11_906, 16_838)
        .page_margin(
            PageMargin::new()
                .top(2_098)
                .bottom(1_984)
                .left(1_588)
                .right(1_474),
        )
        .default_fonts(run_fonts(BODY_FONT))
        .default_size(BODY_SIZE);
    docx = docx.add_paragraph(
        Paragraph::new()
            .add_run(run(&doc.title, TITLE_FONT, TITLE_SIZE))
            .align(AlignmentType::Center)
            .line_spacing(LineSpacing::new().after(LINE.unsigned_abs())),
    );
    let mut pictures = 0usize;
    for block in &doc.blocks {
        docx = match block {
            Block::Appendix(t) => docx.add_paragraph(
                Paragraph::new()
                    .add_run(Run::new().add_break(BreakType::Page))
                    .add_run(run(t, HEADING_FONT, BODY_SIZE))
                    .outline_lvl(0),
            ),
            Block::Heading(t) => docx.add_paragraph(heading(t, HEADING_FONT)),
            Block::Subheading(t) => docx.add_paragraph(heading(t, SUBHEADING_FONT)),
            Block::Paragraph(t) => docx.add_paragraph(body(t)),
            Block::Table(t) => {
                let (caption, table) = word_table(t);
                docx.add_paragraph(caption)
                    .add_table(table)
                    .add_paragraph(Paragraph::new())
            }
            Block::Figure(c) => {
                pictures = pictures.saturating_add(1);
                let [image, alt] = picture(c, pictures, fonts)?;
                docx.add_paragraph(image).add_paragraph(alt)
            }
        };
    }
    let mut out = std::io::Cursor::new(Vec::new());
    let mut parts = docx.build();
    parts.font_table = font_table();
    parts.pack(&mut out).map_err(|e| DocxError::Write {
        reason: e.to_string(),
    })?;
    Ok(out.into_inner())
}

/// The `.docx` form of a summary: `summary.render(lang, Format::docx(&fonts))` gives its
/// bytes, as [`AnnualSummary::render_docx`] does. The core reads no file, so the fonts the
/// charts' text is drawn with come with the format.
#[derive(Debug, Clone, Copy)]
pub struct Docx<'a> {
    fonts: &'a Arc<fontdb::Database>,
}

impl Format {
    /// The Word form, its charts drawn with `fonts` (a host's system fonts, loaded once).
    pub fn docx(fonts: &Arc<fontdb::Database>) -> Docx<'_> {
        Docx { fonts }
    }
}

impl Rendering for Docx<'_> {
    type Output = Result<Vec<u8>, DocxError>;

    fn render(self, summary: &AnnualSummary, lang: Lang) -> Self::Output {
        write(&summary.document_with_appendix(lang), self.fonts)
    }
}

impl AnnualSummary {
    /// The summary with its figures' appendix as a Word document (`.docx` bytes), the
    /// charts' text drawn with `fonts` (give it fonts with the document's script, e.g. the
    /// host's system fonts); byte-identical for identical inputs and fonts.
    ///
    /// # Errors
    /// `report.chart_render`, `internal.docx_write`.
    pub fn render_docx(
        &self,
        lang: Lang,
        fonts: &Arc<fontdb::Database>,
    ) -> Result<Vec<u8>, DocxError> {
        write(&self.document_with_appendix(lang), fonts)
    }
}

//! 文稿 (the rendered document): a summary is built once per language as headings and
//! paragraphs, then written out as plain text, Markdown or HTML. Sentences live in the
//! language modules (`annual_zh`, `annual_en`); formats live here, so a sentence is never
//! written twice for two formats.

use std::fmt::{self, Write as _};
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::charts::Chart;

/// 语言 (language of a rendering).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// 中文 (the seed's language).
    Zh,
    /// English.
    En,
}

/// 格式 (output format).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Plain text: the title, then each heading on its own line followed by its paragraphs.
    Text,
    /// Markdown: `#` title, `##` headings, blank lines between paragraphs.
    Markdown,
    /// A complete HTML5 document; every text from the ledger is escaped.
    Html,
}

/// A language or format name that is not one of the known ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    /// What was being named (`lang`, `format`).
    pub what: &'static str,
    /// The name given.
    pub name: String,
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let known = match self.what {
            "lang" => "zh, en",
            _ => "text, md, html",
        };
        write!(f, "unknown {} `{}` (known: {known})", self.what, self.name)
    }
}

impl std::error::Error for UnknownName {}

impl FromStr for Lang {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Lang, UnknownName> {
        match s {
            "zh" | "zh-CN" => Ok(Lang::Zh),
            "en" => Ok(Lang::En),
            _ => Err(UnknownName {
                what: "lang",
                name: s.to_owned(),
            }),
        }
    }
}

impl FromStr for Format {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Format, UnknownName> {
        match s {
            "text" | "txt" => Ok(Format::Text),
            "md" | "markdown" => Ok(Format::Markdown),
            "html" => Ok(Format::Html),
            _ => Err(UnknownName {
                what: "format",
                name: s.to_owned(),
            }),
        }
    }
}

/// A block of the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "text", rename_all = "snake_case")]
pub enum Block {
    /// A section heading (一、… / 1. …).
    Heading(String),
    /// The heading of an appendix (附件), which starts a new page where there are pages.
    Appendix(String),
    /// A numbered subheading under a heading (（一）… / (1) …).
    Subheading(String),
    /// A paragraph.
    Paragraph(String),
    /// 表 (a table of figures).
    Table(Table),
    /// 图 (a chart; its text alternative stands in for it in text and Markdown).
    Figure(Chart),
}

/// 表 (a table): a caption, a header row and body rows of cells, all text as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// Caption.
    pub caption: String,
    /// Header cells.
    pub header: Vec<String>,
    /// Body rows; each has as many cells as the header.
    pub rows: Vec<Vec<String>>,
}

/// A rendered summary before formatting: its language, title and blocks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Language.
    pub lang: Lang,
    /// Title.
    pub title: String,
    /// Headings and paragraphs, in order.
    pub blocks: Vec<Block>,
}

impl Document {
    /// A document with a title and no blocks yet.
    pub fn new(lang: Lang, title: String) -> Document {
        Document {
            lang,
            title,
            blocks: Vec::new(),
        }
    }

    /// Adds a heading.
    pub fn heading(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Heading(text.into()));
    }

    /// Adds an appendix's heading.
    pub fn appendix(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Appendix(text.into()));
    }

    /// Adds a subheading.
    pub fn subheading(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Subheading(text.into()));
    }

    /// Adds a table.
    pub fn table(&mut self, table: Table) {
        self.blocks.push(Block::Table(table));
    }

    /// Adds a chart.
    pub fn figure(&mut self, chart: Chart) {
        self.blocks.push(Block::Figure(chart));
    }

    /// Adds a paragraph (nothing for an empty one).
    pub fn paragraph(&mut self, text: impl Into<String>) {
        let text = text.into();
        if !text.is_empty() {
            self.blocks.push(Block::Paragraph(text));
        }
    }

    /// The document in `format`.
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Text => self.text(),
            Format::Markdown => self.markdown(),
            Format::Html => self.html(),
        }
    }

    fn text(&self) -> String {
        let mut out = format!("{}\n\n", self.title);
        for block in &self.blocks {
            match block {
                Block::Heading(t)
                | Block::Appendix(t)
                | Block::Subheading(t)
                | Block::Paragraph(t) => {
                    out.push_str(t);
                    out.push('\n');
                }
                Block::Table(t) => {
                    let _ = writeln!(out, "{}", t.caption);
                    for row in std::iter::once(&t.header).chain(&t.rows) {
                        let _ = writeln!(out, "  {}", row.join("\t"));
                    }
                }
                Block::Figure(c) => {
                    let _ = writeln!(out, "{}", c.alt);
                }
            }
        }
        out
    }

    fn markdown(&self) -> String {
        let mut out = format!("# {}\n", markdown_escape(&self.title));
        for block in &self.blocks {
            out.push('\n');
            match block {
                Block::Heading(t) | Block::Appendix(t) => {
                    let _ = writeln!(out, "## {}", markdown_escape(t));
                }
                Block::Subheading(t) => {
                    let _ = writeln!(out, "### {}", markdown_escape(t));
                }
                Block::Paragraph(t) => {
                    out.push_str(&markdown_escape(t));
                    out.push('\n');
                }
                Block::Table(t) => {
                    let cells = |row: &[String]| {
                        let cells: Vec<String> = row.iter().map(|c| markdown_escape(c)).collect();
                        format!("| {} |", cells.join(" | "))
                    };
                    let _ = writeln!(out, "{}\n", markdown_escape(&t.caption));
                    let _ = writeln!(out, "{}", cells(&t.header));
                    let rule: Vec<&str> = t.header.iter().map(|_| "---").collect();
                    let _ = writeln!(out, "|{}|", rule.join("|"));
                    for row in &t.rows {
                        let _ = writeln!(out, "{}", cells(row));
                    }
                }
                Block::Figure(c) => {
                    out.push_str(&markdown_escape(&c.alt));
                    out.push('\n');
                }
            }
        }
        out
    }

    fn html(&self) -> String {
        let lang = match self.lang {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        };
        let title = html_escape(&self.title);
        let mut out = format!(
            "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>table{{border-collapse:collapse;margin:0.5em 0 1.5em}}caption{{font-weight:bold}}th,td{{border:1px solid #999;padding:2px 8px}}td{{text-align:right}}td:first-child{{text-align:left}}figure{{margin:1em 0}}</style>\n</head>\n<body>\n<article>\n<h1>{title}</h1>\n"
        );
        for block in &self.blocks {
            match block {
                Block::Heading(t) | Block::Appendix(t) => {
                    let _ = writeln!(out, "<h2>{}</h2>", html_escape(t));
                }
                Block::Subheading(t) => {
                    let _ = writeln!(out, "<h3>{}</h3>", html_escape(t));
                }
                Block::Paragraph(t) => {
                    let _ = writeln!(out, "<p>{}</p>", html_escape(t));
                }
                Block::Table(t) => {
                    let _ = writeln!(
                        out,
                        "<table>\n<caption>{}</caption>",
                        html_escape(&t.caption)
                    );
                    let head: Vec<String> = t
                        .header
                        .iter()
                        .map(|c| format!("<th>{}</th>", html_escape(c)))
                        .collect();
                    let _ = writeln!(out, "<thead><tr>{}</tr></thead>\n<tbody>", head.concat());
                    for row in &t.rows {
                        let cells: Vec<String> = row
                            .iter()
                            .map(|c| format!("<td>{}</td>", html_escape(c)))
                            .collect();
                        let _ = writeln!(out, "<tr>{}</tr>", cells.concat());
                    }
                    out.push_str("</tbody>\n</table>\n");
                }
                Block::Figure(c) => {
                    let _ = writeln!(
                        out,
                        "<figure>\n{}\n<figcaption>{}</figcaption>\n</figure>",
                        c.svg(),
                        html_escape(&c.alt)
                    );
                }
            }
        }
        out.push_str("</article>\n</body>\n</html>\n");
        out
    }
}

/// Escapes the five HTML-significant characters.
pub fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes the characters Markdown would read as markup (a title from the ledger may hold
/// `*`, `_`, `#` …), so the text reads as written.
pub fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Document {
        let mut d = Document::new(Lang::En, "Summary <2022>".to_owned());
        d.heading("1. Intake");
        d.paragraph("A title with *stars* & <tags>.");
        d.paragraph("");
        d
    }

    #[test]
    fn text_markdown_and_html_carry_the_same_blocks() {
        let d = doc();
        assert_eq!(d.blocks.len(), 2, "an empty paragraph is dropped");
        assert_eq!(
            d.render(Format::Text),
            "Summary <2022>\n\n1. Intake\nA title with *stars* & <tags>.\n"
        );
        assert_eq!(
            d.render(Format::Markdown),
            "# Summary \\<2022\\>\n\n## 1. Intake\n\nA title with \\*stars\\* & \\<tags\\>.\n"
        );
        let html = d.render(Format::Html);
        assert!(html.contains("<h1>Summary &lt;2022&gt;</h1>"), "{html}");
        assert!(
            html.contains("<p>A title with *stars* &amp; &lt;tags&gt;.</p>"),
            "{html}"
        );
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    }

    #[test]
    fn names_parse_and_unknown_ones_say_what_is_known() {
        assert_eq!("zh".parse::<Lang>(), Ok(Lang::Zh));
        assert_eq!("md".parse::<Format>(), Ok(Format::Markdown));
        let err = "fr".parse::<Lang>().unwrap_err();
        assert_eq!(err.to_string(), "unknown lang `fr` (known: zh, en)");
        let err = "pdf".parse::<Format>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown format `pdf` (known: text, md, html)"
        );
    }
}

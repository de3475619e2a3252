//! 报告正文 (a report's text) as the office has it: a Word document (`.docx`), or a text file
//! saved from Word, whose encoding Word chooses (UTF-8 with or without a byte-order mark,
//! "Unicode" = UTF-16 with a mark, or on a Chinese Windows the GB18030 family).
//!
//! A `.docx` is a zip of XML parts: the body is `word/document.xml`, one `<w:p>` per
//! paragraph with its text in `<w:t>` runs. Each paragraph becomes one line, so the audit's
//! sentence reader sees the same text Word shows.

use std::io::Read as _;
use std::path::Path;

use quick_xml::events::Event;
use quick_xml::Reader;

use crate::Failure;

/// The first bytes of a zip archive (every `.docx`).
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
/// The body of a Word document inside its zip.
const BODY: &str = "word/document.xml";
/// The body is read up to this size: a year's report is far smaller.
const MAX_BODY: u64 = 64 * 1024 * 1024;

/// The text of the report at `path`: a `.docx` (recognised by its zip signature, whatever
/// its name) or a text file in any encoding Word saves in.
pub(crate) fn report_text(path: &Path) -> Result<String, Failure> {
    let bytes = std::fs::read(path)
        .map_err(|e| Failure(format!("{}: cannot read: {e}", path.display())))?;
    if bytes.starts_with(ZIP_MAGIC) {
        docx_text(path, &bytes)
    } else {
        decode_text(path, &bytes)
    }
}

/// A text file's bytes as text: a byte-order mark decides (UTF-8, UTF-16LE, UTF-16BE);
/// without one, UTF-8 when the bytes are UTF-8, else GB18030 (Word's "Chinese Simplified"
/// plain text, a superset of GBK and GB2312).
fn decode_text(path: &Path, bytes: &[u8]) -> Result<String, Failure> {
    let (encoding, body) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, bom)) => (encoding, bytes.get(bom..).unwrap_or_default()),
        None if std::str::from_utf8(bytes).is_ok() => (encoding_rs::UTF_8, bytes),
        None => (encoding_rs::GB18030, bytes),
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        return Err(Failure(format!(
            "{}: not text in UTF-8, UTF-16 or GB18030 (the encodings Word saves text in)",
            path.display()
        )));
    }
    Ok(text.into_owned())
}

/// The paragraphs of a `.docx`, one per line.
fn docx_text(path: &Path, bytes: &[u8]) -> Result<String, Failure> {
    let fail = |what: String| Failure(format!("{}: {what}", path.display()));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| fail(format!("not a readable .docx (zip): {e}")))?;
    let part = archive
        .by_name(BODY)
        .map_err(|e| fail(format!("not a Word document: no {BODY} ({e})")))?;
    let mut xml = String::new();
    part.take(MAX_BODY)
        .read_to_string(&mut xml)
        .map_err(|e| fail(format!("{BODY}: cannot read: {e}")))?;
    paragraphs(&xml).map_err(|(at, e)| fail(format!("{BODY} byte {at}: bad XML: {e}")))
}

/// The text of a Word body (`WordprocessingML`): `<w:t>` runs joined, `<w:tab/>` as a tab, `<w:br/>` and
/// `<w:cr/>` and the end of each `<w:p>` as a line break. Deleted text (`<w:delText>`, a
/// tracked change) and field codes (`<w:instrText>`) are not read.
fn paragraphs(xml: &str) -> Result<String, (u64, quick_xml::Error)> {
    let mut reader = Reader::from_str(xml);
    let mut out = String::new();
    let mut in_text = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| (reader.error_position(), e))?;
        match event {
            Event::Start(e) if e.local_name().as_ref() == "t" => in_text = true,
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "p" => out.push('\n'),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "tab" => out.push('\t'),
                "br" | "cr" | "p" => out.push('\n'),
                _ => {}
            },
            Event::Text(t) if in_text => out.push_str(&t.xml10_content()),
            Event::CData(t) if in_text => out.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                let name = r.xml10_content();
                match r.resolve_char_ref() {
                    Ok(Some(c)) => out.push(c),
                    _ => out.push_str(
                        quick_xml::escape::resolve_predefined_entity(&name).unwrap_or_default(),
                    ),
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

    #[test]
    fn paragraphs_become_lines_and_entities_are_resolved() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>解决采纳的</w:t></w:r><w:r><w:t xml:space="preserve">315件，占70.8%</w:t></w:r></w:p>
<w:p><w:r><w:t>A &amp; B&#x3002;</w:t><w:tab/><w:t>C</w:t></w:r><w:r><w:delText>删去</w:delText></w:r></w:p>
<w:p/></w:body></w:document>"#;
        assert_eq!(
            paragraphs(xml).unwrap(),
            "解决采纳的315件，占70.8%\nA & B。\tC\n\n"
        );
        assert!(paragraphs("<w:p><w:t>x</w:p>").is_err());
    }

    #[test]
    fn word_text_encodings_are_read() {
        let p = Path::new("report.txt");
        let text = "占70.8%";
        assert_eq!(decode_text(p, text.as_bytes()).unwrap(), text);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode_text(p, &bom).unwrap(), text);
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode_text(p, &utf16).unwrap(), text);
        // (Two GBK bytes can happen to be UTF-8, "占" = D5 BC = "ռ"; a sentence is not.)
        let sentence = "办理结果：解决采纳的315件，占70.8%";
        let (gb, _, _) = encoding_rs::GB18030.encode(sentence);
        assert!(std::str::from_utf8(&gb).is_err());
        assert_eq!(decode_text(p, &gb).unwrap(), sentence);
        assert!(decode_text(p, &[0xFF, 0x00, 0x81]).is_err());
    }
}

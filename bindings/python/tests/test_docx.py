"""The annual summary as a Word document (issue 20): `summary_docx` returns the bytes of a
`.docx` whose document.xml holds the same headings, paragraphs and tables as the text and
HTML renderings, with one PNG per chart."""

import datetime as dt
import io
import re
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import jianyi

ROOT = Path(__file__).resolve().parents[3]
AS_OF = dt.date(2022, 12, 31)


def paragraphs(xml: str) -> list[str]:
    """The text of each paragraph of document.xml, entities decoded."""
    out = []
    for p in xml.split("</w:p>"):
        runs = re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p)
        text = "".join(runs)
        for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&")):
            text = text.replace(entity, char)
        out.append(text)
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_docx_holds_the_text_rendering_and_a_picture_per_chart(lang: str) -> None:
    ledger = jianyi.Ledger.load(ROOT / "examples" / "data" / "sample-city-2022.jsonl")
    data = ledger.summary_docx(2022, AS_OF, lang)
    assert isinstance(data, bytes) and data[:4] == b"PK\x03\x04"
    assert data == ledger.summary_docx(2022, AS_OF, lang=lang), "deterministic"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        xml = z.read("word/document.xml").decode("utf-8")
        pngs = [n for n in z.namelist() if n.startswith("word/media/") and z.read(n)[:4] == b"\x89PNG"]
        # Every XML part is well-formed (a malformed part is what makes Word offer a repair),
        # and the package declares the PNGs' content type.
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                ET.fromstring(z.read(name))
        assert 'Extension="png"' in z.read("[Content_Types].xml").decode("utf-8")
    got = paragraphs(xml)
    text = ledger.summary_text(2022, AS_OF, lang, "text")
    for line in filter(None, text.splitlines()):
        assert line in got, line
    html = ledger.summary_text(2022, AS_OF, lang, "html")
    charts = re.findall(r'<svg [^>]*id="chart-([a-z_]+)"', html)
    assert len(charts) >= 4
    assert len(pngs) == len(charts), "one picture per chart of the HTML"
    assert xml.count("<w:tbl>") == len(charts), "each chart's table is a Word table"


def test_an_unknown_language_is_a_value_error() -> None:
    ledger = jianyi.Ledger.load(ROOT / "examples" / "data" / "sample-city-2022.jsonl")
    with pytest.raises(ValueError, match="unknown lang `fr`"):
        ledger.summary_docx(2022, AS_OF, lang="fr")

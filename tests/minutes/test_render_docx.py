"""DOCX: read back with python-docx — paragraph order, labels, styles, fonts, page setup."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from lieguan.minutes.model import Minutes
from lieguan.minutes.render.docx import (
    STYLE_CONCLUSION,
    STYLE_HEADER,
    STYLE_ITEM,
    STYLE_SECTION,
    STYLE_TITLE,
    render_docx,
)
from lieguan.minutes.render.layout import BODY_PT, layout
from tests.minutes.render_support import HOSTILE, bureau, hostile, long_minutes, no_django_settings, sample  # noqa: F401


def _open(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def test_paragraphs_are_the_layout_in_order() -> None:
    m = sample()
    d = _open(render_docx(m))
    texts = [p.text for p in d.paragraphs]
    assert texts == list(layout(m).all_text())


def test_styles_of_the_paragraphs() -> None:
    d = _open(render_docx(sample()))
    by_text = {p.text: p for p in d.paragraphs}
    assert by_text["臨海市政府第58次主任秘書會報紀錄"].style.name == STYLE_TITLE
    assert by_text["地點：本府 6 樓第一會議室"].style.name == STYLE_HEADER
    assert by_text["貳、報告事項"].style.name == STYLE_SECTION
    assert by_text["一、主任秘書會報會議結論事項執行情形。（研考會）"].style.name == STYLE_ITEM
    assert by_text["（二）其餘紀錄確定。"].style.name == STYLE_CONCLUSION
    title = d.styles[STYLE_TITLE]
    assert title.paragraph_format.alignment == 1  # centred
    assert title.font.bold
    assert Pt(16) <= title.font.size <= Pt(20)
    assert Pt(12) <= d.styles["Normal"].font.size <= Pt(14)


def test_hanging_indents() -> None:
    d = _open(render_docx(sample()))
    p = next(p for p in d.paragraphs if p.text.startswith("（一）列管編號 56-1"))
    assert p.paragraph_format.left_indent == Pt(5 * BODY_PT)
    assert p.paragraph_format.first_line_indent == Pt(-3 * BODY_PT)
    sub = next(p for p in d.paragraphs if p.text.startswith("1、優先輔導"))
    assert sub.paragraph_format.left_indent == Pt(6.5 * BODY_PT)  # under the text of its （三）
    assert sub.paragraph_format.first_line_indent == Pt(-1.5 * BODY_PT)


def test_east_asian_font_is_declared() -> None:
    data = render_docx(sample())
    d = _open(data)
    for name in ("Normal", STYLE_TITLE, STYLE_CONCLUSION):
        fonts = d.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == "標楷體"
        assert fonts.get(qn("w:eastAsiaTheme")) is None
    defaults = d.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "標楷體"
    assert defaults.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-TW"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        font_table = z.read("word/fontTable.xml").decode()
    assert 'w:name="標楷體"' in font_table
    assert 'w:altName w:val="Noto Serif CJK TC"' in font_table


def test_another_font_can_be_chosen() -> None:
    d = _open(render_docx(sample(), font="Noto Serif CJK TC"))
    fonts = d.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "Noto Serif CJK TC"


def test_a4_page_and_page_numbers() -> None:
    d = _open(render_docx(sample()))
    section = d.sections[0]
    # Word stores lengths in twentieths of a point: A4 is 11906 × 16838.
    assert abs(section.page_width - Mm(210)) < Mm(0.1)
    assert abs(section.page_height - Mm(297)) < Mm(0.1)
    footer = section.footer.paragraphs[0]
    assert footer.text.replace("1", "N") == "第 N 頁，共 N 頁"
    instructions = [el.text.strip() for el in footer._p.iter(qn("w:instrText"))]
    assert [i.split()[0] for i in instructions] == ["PAGE", "NUMPAGES"]


def test_document_properties() -> None:
    d = _open(render_docx(sample()))
    props = d.core_properties
    assert props.title == "臨海市政府第58次主任秘書會報紀錄"
    assert props.subject == "主任秘書會報"
    assert props.author == "臨海市政府"
    assert props.language == "zh-TW"
    assert props.created is not None
    assert props.created.date().isoformat() == "2025-03-20"


def test_bureau_meeting() -> None:
    texts = [p.text for p in _open(render_docx(bureau())).paragraphs]
    assert "五、主席裁示事項" in texts
    assert "（一）智慧路燈案請資安中心於月底前完成弱點掃描。" in texts
    assert texts[-1] == "散會（16時13分）"


def test_hostile_text_is_kept_as_text() -> None:
    m = hostile()
    d = _open(render_docx(m))
    text = "\n".join(p.text for p in d.paragraphs)
    assert text.count(HOSTILE) >= 20
    assert d.core_properties.title.startswith(HOSTILE)


def test_control_characters_do_not_break_the_file() -> None:
    m = sample()
    m.title = "控制\x00字元\x0b測試\ud800紀錄"
    m.sections[0].conclusions[0].text = "a\x07b\tc"
    d = _open(render_docx(m))
    assert d.paragraphs[0].text == "控制字元測試紀錄"
    assert any(p.text.endswith("ab c") for p in d.paragraphs)


def test_long_document() -> None:
    m = long_minutes()
    d = _open(render_docx(m))
    text = "\n".join(p.text for p in d.paragraphs)
    for c in m.all_conclusions():
        assert c.text.split("\n")[0] in text


def test_empty_document() -> None:
    d = _open(render_docx(Minutes(title="")))
    assert [p.text for p in d.paragraphs] == ["會議紀錄", "散會"]

"""ODT: read back with odfpy — text order, named styles, the CJK font, page layout and page numbers."""

from __future__ import annotations

import io

from odf import dc, style, teletype, text
from odf.opendocument import OpenDocument, load

from lieguan.minutes.model import Minutes
from lieguan.minutes.render.layout import BODY_PT, layout
from lieguan.minutes.render.odt import (
    STYLE_CONCLUSION,
    STYLE_HEADER,
    STYLE_ITEM,
    STYLE_SECTION,
    STYLE_TITLE,
    render_odt,
)
from tests.minutes.render_support import (  # noqa: F401
    HOSTILE,
    bureau,
    hostile,
    long_minutes,
    no_django_settings,
    sample,
)


def _open(data: bytes) -> OpenDocument:
    return load(io.BytesIO(data))


def _paragraphs(d: OpenDocument) -> list[tuple[str, str]]:
    return [(p.getAttribute("stylename"), teletype.extractText(p)) for p in d.text.getElementsByType(text.P)]


def _named_styles(d: OpenDocument) -> dict[str, object]:
    return {s.getAttribute("name"): s for s in d.styles.getElementsByType(style.Style)}


def _auto_parents(d: OpenDocument) -> dict[str, str]:
    return {s.getAttribute("name"): s.getAttribute("parentstylename") for s in d.automaticstyles.getElementsByType(style.Style)}


def _base_style(d: OpenDocument, name: str) -> str:
    return _auto_parents(d).get(name) or name


def test_text_is_the_layout_in_order() -> None:
    m = sample()
    d = _open(render_odt(m))
    assert [t for _, t in _paragraphs(d)] == list(layout(m).all_text())


def test_paragraphs_use_named_styles() -> None:
    d = _open(render_odt(sample()))
    styles = {t: _base_style(d, s) for s, t in _paragraphs(d)}
    assert styles["臨海市政府第58次主任秘書會報紀錄"] == STYLE_TITLE
    assert styles["時間：民國 114 年 3 月 20 日（星期四）上午 9 時 30 分"] == STYLE_HEADER
    assert styles["參、討論事項"] == STYLE_SECTION
    assert styles["二、府會聯繫重要事項。（府會聯絡室）"] == STYLE_ITEM
    assert styles["（二）其餘紀錄確定。"] == STYLE_CONCLUSION
    named = _named_styles(d)
    for name in (STYLE_TITLE, STYLE_SECTION, STYLE_ITEM, STYLE_CONCLUSION):
        assert name in named


def test_cjk_font_is_declared_and_used() -> None:
    d = _open(render_odt(sample()))
    faces = {f.getAttribute("name"): f.getAttribute("fontfamily") for f in d.fontfacedecls.getElementsByType(style.FontFace)}
    assert faces["CJK"] == "標楷體"
    for s in d.styles.getElementsByType(style.Style):
        props = s.getElementsByType(style.TextProperties)
        assert props, s.getAttribute("name")
        assert props[0].getAttribute("fontnameasian") == "CJK"
        assert props[0].getAttribute("countryasian") == "TW"
    title = _named_styles(d)[STYLE_TITLE]
    tp = title.getElementsByType(style.TextProperties)[0]  # type: ignore[attr-defined]
    assert tp.getAttribute("fontsize") == "18.00pt"
    assert tp.getAttribute("fontweightasian") == "bold"
    pp = title.getElementsByType(style.ParagraphProperties)[0]  # type: ignore[attr-defined]
    assert pp.getAttribute("textalign") == "center"


def test_another_font_can_be_chosen() -> None:
    d = _open(render_odt(sample(), font="Noto Serif CJK TC"))
    faces = {f.getAttribute("name"): f.getAttribute("fontfamily") for f in d.fontfacedecls.getElementsByType(style.FontFace)}
    assert faces["CJK"] == "Noto Serif CJK TC"


def test_hanging_indents() -> None:
    d = _open(render_odt(sample()))
    name = next(s for s, t in _paragraphs(d) if t.startswith("（一）列管編號 56-1"))
    auto = next(s for s in d.automaticstyles.getElementsByType(style.Style) if s.getAttribute("name") == name)
    pp = auto.getElementsByType(style.ParagraphProperties)[0]
    assert pp.getAttribute("marginleft") == f"{5 * BODY_PT:.2f}pt"
    assert pp.getAttribute("textindent") == f"{-3 * BODY_PT:.2f}pt"


def test_a4_page_and_page_numbers() -> None:
    d = _open(render_odt(sample()))
    layouts = d.automaticstyles.getElementsByType(style.PageLayout)
    props = layouts[0].getElementsByType(style.PageLayoutProperties)[0]
    assert props.getAttribute("pagewidth") == "210mm"
    assert props.getAttribute("pageheight") == "297mm"
    master = d.masterstyles.getElementsByType(style.MasterPage)[0]
    footer = master.getElementsByType(style.Footer)[0]
    assert footer.getElementsByType(text.PageNumber)
    assert footer.getElementsByType(text.PageCount)
    assert teletype.extractText(footer.getElementsByType(text.P)[0]).replace("1", "N") == "第 N 頁，共 N 頁"


def test_metadata() -> None:
    d = _open(render_odt(sample()))
    assert [teletype.extractText(t) for t in d.meta.getElementsByType(dc.Title)] == ["臨海市政府第58次主任秘書會報紀錄"]
    assert [teletype.extractText(t) for t in d.meta.getElementsByType(dc.Subject)] == ["主任秘書會報"]
    assert [teletype.extractText(t) for t in d.meta.getElementsByType(dc.Language)] == ["zh-TW"]


def test_bureau_meeting() -> None:
    texts = [t for _, t in _paragraphs(_open(render_odt(bureau())))]
    assert texts[-1] == "散會（16時13分）"
    assert "（二）同仁特休請妥為安排，以免影響業務。" in texts


def test_hostile_text_and_spaces_are_kept() -> None:
    m = hostile()
    m.location = "本府  3 樓   會議室"
    texts = [t for _, t in _paragraphs(_open(render_odt(m)))]
    assert "\n".join(texts).count(HOSTILE) >= 20
    assert "地點：本府  3 樓   會議室" in texts


def test_long_document() -> None:
    m = long_minutes()
    joined = "\n".join(t for _, t in _paragraphs(_open(render_odt(m))))
    for c in m.all_conclusions():
        assert c.text.split("\n")[0] in joined


def test_empty_document() -> None:
    assert [t for _, t in _paragraphs(_open(render_odt(Minutes(title=""))))] == ["會議紀錄", "散會"]

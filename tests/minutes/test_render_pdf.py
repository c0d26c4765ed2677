"""PDF: text extracted with pdfplumber, fonts and metadata read with pypdf."""

from __future__ import annotations

import io
from typing import Any

import pdfplumber
import pytest
from pypdf import PdfReader

from lieguan.minutes.model import Minutes
from lieguan.minutes.render.html import STYLESHEET, render_html
from lieguan.minutes.render.linebreaks import MARK_KEY, MARK_VALUE, glue_spaces
from lieguan.minutes.render.pdf import render_pdf
from tests.minutes.render_support import (  # noqa: F401
    FOOTER,
    HOSTILE,
    bureau,
    hostile,
    long_minutes,
    no_django_settings,
    pdf_body,
    sample,
    squeeze,
)


def _pages(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


@pytest.fixture(scope="module")
def sample_pdf() -> bytes:
    return render_pdf(sample())


@pytest.fixture(scope="module")
def long_pdf() -> tuple[Minutes, bytes]:
    m = long_minutes()
    return m, render_pdf(m)


def test_is_a_pdf(sample_pdf: bytes) -> None:
    assert sample_pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(sample_pdf))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points


def test_every_conclusion_and_the_header_are_in_the_text(sample_pdf: bytes) -> None:
    m = sample()
    text = squeeze(pdf_body(_pages(sample_pdf)))
    assert squeeze(m.title) in text
    assert squeeze("時間：民國114年3月20日（星期四）上午9時30分") in text
    assert squeeze("主席：林文彥秘書長") in text
    assert squeeze("散會（11時52分）") in text
    for c in m.all_conclusions():
        assert squeeze(c.text) in text, c.text
    for section in m.sections:
        for item in section.items:
            for remark in item.remarks:
                assert squeeze(remark.text) in text


def test_text_comes_in_reading_order(sample_pdf: bytes) -> None:
    text = squeeze(pdf_body(_pages(sample_pdf)))
    markers = [
        "壹、宣讀本府",
        "貳、報告事項",
        "一、主任秘書會報",
        "參、討論事項",
        "說明：一、為落實",
        "辦法：奉核定",
        "肆、臨時動議",
        "伍、綜合會議結論",
    ]
    positions = [text.find(squeeze(mk)) for mk in markers]
    assert all(p >= 0 for p in positions), dict(zip(markers, positions, strict=True))
    assert positions == sorted(positions)


def test_page_numbers_in_the_footer(sample_pdf: bytes) -> None:
    pages = _pages(sample_pdf)
    assert 2 <= len(pages) <= 8
    for n, page in enumerate(pages, start=1):
        assert squeeze(f"第{n}頁，共{len(pages)}頁") in squeeze(page)


def _fonts(reader: PdfReader) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for page in reader.pages:
        resources = page["/Resources"].get_object()
        fonts = resources.get("/Font")
        if fonts is None:
            continue
        for ref in fonts.get_object().values():
            out.append(ref.get_object())
    return out


def _descriptor(font: dict[str, Any]) -> dict[str, Any]:
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor: dict[str, Any] = font["/FontDescriptor"].get_object()
    return descriptor


def test_fonts_are_embedded(sample_pdf: bytes) -> None:
    fonts = _fonts(PdfReader(io.BytesIO(sample_pdf)))
    assert fonts
    names = set()
    for font in fonts:
        d = _descriptor(font)
        assert any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3")), font.get("/BaseFont")
        names.add(str(font.get("/BaseFont")))
    assert any("CJK" in n for n in names), names


def test_metadata(sample_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(sample_pdf))
    assert reader.trailer["/Root"]["/Lang"] == "zh-Hant"
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "臨海市政府第58次主任秘書會報紀錄"
    assert meta.author == "臨海市政府"
    assert meta.subject == "主任秘書會報"


def test_says_in_its_metadata_that_its_lines_break_at_a_space_only_between_latin_letters_or_digits(sample_pdf: bytes) -> None:
    with pdfplumber.open(io.BytesIO(sample_pdf)) as pdf:
        assert pdf.metadata[MARK_KEY] == MARK_VALUE
        assert pdf.metadata["Creator"] == "lieguan"


def test_only_spaces_between_two_latin_letters_or_digits_are_left_breakable() -> None:
    nb = "\u00a0"
    assert glue_spaces("使用 Harbourline App 回報，完成 3 件 (PoC) 與 Wi-Fi 熱點") == (
        f"使用{nb}Harbourline App{nb}回報，完成{nb}3{nb}件{nb}(PoC){nb}與{nb}Wi-Fi{nb}熱點"
    )
    # A run of spaces, or one at an end, is left as HTML shows it: one breakable space, or none.
    assert glue_spaces(" 使用  App ") == " 使用  App "


def test_the_pdf_glues_spaces_and_the_web_page_does_not() -> None:
    m = sample()
    m.sections[0].conclusions[0].text = "請資訊局於 4 月底前完成 App 更新。"
    assert "於\u00a04\u00a0月" in render_html(m, for_pdf=True)
    assert "\u00a0" not in render_html(m)
    assert "於 4 月" in render_html(m)


def test_a_no_break_space_is_as_wide_as_the_space_it_replaces() -> None:
    from weasyprint import HTML

    def right_edge(text: str) -> float:
        html = f"<style>{STYLESHEET}</style><article class=lg-minutes lang=zh-Hant><p>{text}</p></article>"
        with pdfplumber.open(io.BytesIO(HTML(string=html).write_pdf())) as pdf:
            first_line = pdf.pages[0].extract_text_lines()[0]
            assert first_line["text"].startswith("請於")
            return float(first_line["chars"][-1]["x1"])

    text = "請於 4 月底前完成 Harbourline App 更新"
    assert right_edge(glue_spaces(text)) == pytest.approx(right_edge(text), abs=0.01)


def test_long_document_spans_pages(long_pdf: tuple[Minutes, bytes]) -> None:
    m, data = long_pdf
    pages = _pages(data)
    assert len(pages) >= 10
    text = squeeze(pdf_body(pages))
    for c in m.all_conclusions():
        assert squeeze(c.text) in text
    assert squeeze(f"共{len(pages)}頁") in squeeze(pages[-1])
    # No page is empty but for its footer.
    assert all(len(squeeze(FOOTER.sub("", p))) > 20 for p in pages[:-1])


def test_bureau_meeting() -> None:
    text = squeeze("".join(_pages(render_pdf(bureau()))))
    assert squeeze("五、主席裁示事項") in text
    assert squeeze("（一）智慧路燈案") in text
    assert squeeze("民國114年3月11日（星期二）下午2時00分") in text


def test_hostile_text_is_printed_literally() -> None:
    text = "".join(_pages(render_pdf(hostile())))
    assert squeeze(HOSTILE) in squeeze(text)


def test_characters_no_font_has_do_not_hide_the_text() -> None:
    # A rare CJK Extension B character of a name, and an emoji: in no installed font.
    m = sample()
    m.sections = m.sections[:1]
    m.sections[0].conclusions[0].text = "請王𪚥科長於月底前辦理。"
    m.sections[0].conclusions[1].text = "其餘紀錄確定👍"
    text = squeeze(pdf_body(_pages(render_pdf(m))))
    # The first such character comes back; WeasyPrint gives the next ones the
    # same glyph id in a 65,535-glyph font, so only the text around them is certain.
    assert squeeze("（一）請王𪚥科長於月底前辦理。") in text
    assert squeeze("其餘紀錄確定") in text
    assert squeeze("臨海市政府第58次主任秘書會報紀錄") in text
    assert squeeze("散會（11時52分）") in text


def test_empty_document() -> None:
    pages = _pages(render_pdf(Minutes(title="")))
    assert len(pages) == 1
    assert "會議紀錄" in pages[0]

"""Round trip through every format: parsing what the PDF, DOCX and ODT readers give back of a rendered document gives the document.

As tests/minutes/test_roundtrip.py does for text, on the fictional sample. A PDF keeps only lines on a
page, so its reader must put back together the sentences that the page width
and the page breaks cut, with the space that stood between Chinese and Latin
script where the line was broken.
"""

from __future__ import annotations

import copy

import pytest

from lieguan.minutes.model import Attendance, Chair, Conclusion, Item, Minutes, Section
from lieguan.minutes.parser import parse_bytes
from lieguan.minutes.render import render
from lieguan.minutes.render.text import render_text
from tests.minutes.render_support import no_django_settings, sample

__all__ = ["no_django_settings"]

FORMATS = ("pdf", "docx", "odt")


@pytest.mark.parametrize("fmt", FORMATS)
def test_parse_of_the_rendered_sample_file_reads_as_the_sample(fmt: str) -> None:
    # Compared as official text: the sample leaves out what rendering supplies (the 會議結論 heading).
    m = sample()
    assert render_text(parse_bytes(render(m, fmt), f"minutes.{fmt}")) == render_text(m)


def with_long_conclusions() -> Minutes:
    """The sample with conclusions long enough to wrap, each shifted by one character so that some wrap at a Latin word or a number."""
    m = copy.deepcopy(sample())
    item = next(i for s in m.sections for i in s.items if i.conclusions)
    item.conclusions = [
        Conclusion(
            text="請" + "各" * shift + "機關同仁如看見市政大樓有需改善之處，可使用 Harbourline 之線上報修功能，"
            "並於連續 2 個月內完成改善，以提高市政大樓維護品質。",
            label=str(shift + 1),
        )
        for shift in range(12)
    ]
    return m


@pytest.mark.parametrize("fmt", FORMATS)
def test_sentences_wrapped_at_a_latin_word_or_a_number_come_back_whole_with_their_spaces(fmt: str) -> None:
    m = with_long_conclusions()
    got = parse_bytes(render(m, fmt), f"minutes.{fmt}")
    want = [c.text for c in m.all_conclusions()]
    assert [c.text for c in got.all_conclusions()] == want


def with_both_spacing_habits() -> Minutes:
    """The sample with long conclusions that write 使用 App and 完成App, 於 4 月 and 於4月, side by side, each shifted by one character."""
    m = copy.deepcopy(sample())
    item = next(i for s in m.sections for i in s.items if i.conclusions)
    item.conclusions = [
        Conclusion(
            text="請" + "各" * shift + "機關使用 Harbourline App 回報，並完成App更新；於 4 月底前完成 12 件，於4月中旬前完成3件"
            "，逾期者由 PoC 小組協助，Wi-Fi 熱點及5G基地台一併檢視，以 2 週為期。",
            label=str(shift + 1),
        )
        for shift in range(16)
    ]
    return m


def test_a_pdf_gives_back_a_space_between_scripts_where_the_text_had_one_and_nowhere_else() -> None:
    # A document keeping to no habit: only the PDF's own line breaks can tell the reader.
    m = with_both_spacing_habits()
    got = parse_bytes(render(m, "pdf"), "minutes.pdf")
    assert [c.text for c in got.all_conclusions()] == [c.text for c in m.all_conclusions()]


def test_a_short_pdf_none_of_whose_lines_was_wrapped_keeps_its_paragraphs_apart() -> None:
    # Its longest line but the centred title is the item's, so measuring how far the lines reach would take that for the margin.
    item = Item(title="數位服務辦理情形", label="一", presenter="資訊局", body="請資訊局持續推動數位服務。")
    m = Minutes(
        title="主任秘書會報紀錄",
        series="主任秘書會報",
        chair=Chair(name="王志明"),
        recorder="李美玲",
        attendance=Attendance(present="如簽到表", observers="如簽到表", excused="王志明、李美玲、陳俊傑"),
        sections=[
            Section(label="壹", kind="other", heading="主席致詞", items=[item]),
            Section(label="貳", kind="motions", heading="臨時動議"),
        ],
    )
    got = parse_bytes(render(m, "pdf"), "minutes.pdf")
    [back] = got.sections[0].items
    assert (back.title, back.presenter, back.body) == (item.title, item.presenter, item.body)


def test_a_sentence_that_a_word_page_break_cut_into_two_paragraphs_is_one_line_again() -> None:
    import io

    import docx
    from docx.enum.text import WD_BREAK

    from lieguan.minutes.readers import read_bytes

    d = docx.Document()
    d.add_paragraph("請各機關確實填報出勤趟數、時").add_run().add_break(WD_BREAK.PAGE)
    d.add_paragraph("數及里程數。")
    d.add_paragraph("第二段完整。").add_run().add_break(WD_BREAK.COLUMN)
    d.add_paragraph("第三段另起。")
    out = io.BytesIO()
    d.save(out)
    assert read_bytes(out.getvalue(), "x.docx").split("\n") == ["請各機關確實填報出勤趟數、時數及里程數。", "第二段完整。", "第三段另起。"]


def test_a_sentence_that_an_odt_page_break_cut_into_two_paragraphs_is_one_line_again() -> None:
    import io

    from odf.opendocument import OpenDocumentText
    from odf.style import ParagraphProperties, Style
    from odf.text import P

    from lieguan.minutes.readers import read_bytes

    doc = OpenDocumentText()
    style = Style(name="NewPage", family="paragraph")
    style.addElement(ParagraphProperties(breakbefore="page"))
    doc.automaticstyles.addElement(style)
    doc.text.addElement(P(text="請各機關確實填報出勤趟數、時"))
    doc.text.addElement(P(stylename=style, text="數及里程數。"))
    doc.text.addElement(P(stylename=style, text="下一頁的新段落。"))
    out = io.BytesIO()
    doc.write(out)
    assert read_bytes(out.getvalue(), "x.odt").split("\n") == ["請各機關確實填報出勤趟數、時數及里程數。", "下一頁的新段落。"]

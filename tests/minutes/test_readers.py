"""Reading minutes from DOCX, ODT and PDF files generated here, and refusing what cannot be read."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from odf.opendocument import OpenDocumentText
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import H, List, ListItem, ListLevelStyleNumber, ListStyle, P
from PIL import Image

from lieguan.minutes.errors import NotMinutesError, UnreadableDocumentError
from lieguan.minutes.parser import parse_bytes, parse_file
from lieguan.minutes.readers import detect_format, read_bytes, read_path
from lieguan.minutes.readers.pdf import SCANNED_MESSAGE

_HEADER = [("時間", "民國 113 年 3 月 5 日下午 2 時"), ("地點", "市政大樓 5 樓簡報室"), ("主席", "王志明局長"), ("紀錄", "李美玲")]


# ---------------------------------------------------------------- DOCX


def _docx(build: Callable[[Any], None]) -> bytes:
    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


_LIST = "90"


def _number(paragraph: Any, level: int) -> None:
    """Give a paragraph Word's automatic numbering (the list made by ``_chinese_numbering``) at ``level``."""
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = ppr.makeelement(qn("w:numPr"), {})
    num_pr.append(num_pr.makeelement(qn("w:ilvl"), {qn("w:val"): str(level)}))
    num_pr.append(num_pr.makeelement(qn("w:numId"), {qn("w:val"): _LIST}))
    ppr.append(num_pr)


def _chinese_numbering(document: Any) -> None:
    """A two-level list counting 一、 then （一）, as Taiwanese minutes templates define it."""
    numbering = document.part.numbering_part.element
    abstract = numbering.makeelement(qn("w:abstractNum"), {qn("w:abstractNumId"): _LIST})
    for level, text in ((0, "%1、"), (1, "（%2）")):
        lvl = abstract.makeelement(qn("w:lvl"), {qn("w:ilvl"): str(level)})
        for tag, value in (("w:start", "1"), ("w:numFmt", "taiwaneseCountingThousand"), ("w:lvlText", text)):
            lvl.append(lvl.makeelement(qn(tag), {qn("w:val"): value}))
        abstract.append(lvl)
    numbering.insert(0, abstract)
    num = numbering.makeelement(qn("w:num"), {qn("w:numId"): _LIST})
    num.append(num.makeelement(qn("w:abstractNumId"), {qn("w:val"): _LIST}))
    numbering.append(num)


def _minutes_docx(document: Any) -> None:
    _chinese_numbering(document)
    document.add_paragraph("北辰市政府資訊局 113 年第 4 次局務會議紀錄")
    table = document.add_table(rows=len(_HEADER), cols=2)
    for row, (key, value) in zip(table.rows, _HEADER, strict=True):
        row.cells[0].text = key
        row.cells[1].text = value
    document.add_paragraph("壹、報告事項")
    _number(document.add_paragraph("資安演練辦理情形。（資訊局）"), 0)
    document.add_paragraph("會議結論：")
    _number(document.add_paragraph("列管編號 3-1、3-2 案解除列管。"), 1)
    _number(document.add_paragraph("請資訊局於 6 月底前完成弱點修補。"), 1)
    _number(document.add_paragraph("機房搬遷規劃。（資訊局）"), 0)
    document.add_paragraph("會議結論：洽悉。")
    document.add_paragraph("散會：下午 3 時 40 分")


def test_docx_reads_paragraphs_and_tables_in_document_order() -> None:
    def build(document: Any) -> None:
        document.add_paragraph("第一段")
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text = "甲"
        table.cell(0, 1).text = "乙"
        a, b = table.cell(1, 0), table.cell(1, 1)
        a.merge(b).text = "合併"
        document.add_paragraph("最後一段")

    assert read_bytes(_docx(build), "x.docx").split("\n") == ["第一段", "甲", "乙", "合併", "最後一段"]


def test_docx_without_any_numbering_definitions() -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE

    def build(document: Any) -> None:
        rels = document.part.rels
        for rid in [r for r, rel in rels.items() if rel.reltype == RELATIONSHIP_TYPE.NUMBERING]:
            del rels[rid]
        document.add_paragraph("一、請各機關加強宣導。")

    assert read_bytes(_docx(build), "plain.docx") == "一、請各機關加強宣導。"


def test_docx_automatic_numbering_is_written_out() -> None:
    text = read_bytes(_docx(_minutes_docx), "m.docx")
    assert "一、資安演練辦理情形。（資訊局）" in text
    assert "（一）列管編號 3-1、3-2 案解除列管。" in text
    assert "（二）請資訊局於 6 月底前完成弱點修補。" in text
    # The sub-list starts again under the next item.
    assert "二、機房搬遷規劃。（資訊局）" in text


def test_docx_minutes_parse_with_a_header_table_and_numbered_lists() -> None:
    m = parse_bytes(_docx(_minutes_docx), "m.docx")
    assert (m.organisation, m.series, m.session.number, m.session.year) == ("北辰市政府資訊局", "局務會議", 4, 113)
    assert (m.date, m.start_time, m.end_time) == (dt.date(2024, 3, 5), dt.time(14, 0), dt.time(15, 40))
    assert (m.chair.name, m.chair.title, m.recorder, m.location) == ("王志明", "局長", "李美玲", "市政大樓 5 樓簡報室")
    [section] = m.sections
    assert [(i.label, i.title, i.presenter) for i in section.items] == [
        ("一", "資安演練辦理情形", "資訊局"),
        ("二", "機房搬遷規劃", "資訊局"),
    ]
    assert [c.label for c in section.items[0].conclusions] == ["一", "二"]
    assert [(d.case, d.decision) for d in m.case_decisions] == [("3-1", "release"), ("3-2", "release")]
    assert [(d.text, d.date) for d in m.deadlines] == [("6月底前", dt.date(2024, 6, 30))]


# ---------------------------------------------------------------- ODT


def _odt(build: Callable[[Any], None]) -> bytes:
    document = OpenDocumentText()
    build(document.text)
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def _minutes_odt(body: Any) -> None:
    body.addElement(H(outlinelevel=1, text="南嶺市政府第 88 次主任秘書會報紀錄"))
    table = Table(name="head")
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    for key, value in _HEADER:
        row = TableRow()
        for cell_text in (f"{key}：", value):
            cell = TableCell()
            cell.addElement(P(text=cell_text))
            row.addElement(cell)
        table.addElement(row)
    body.addElement(table)
    body.addElement(H(outlinelevel=2, text="壹、綜合會議結論"))
    items = List()
    for text in ("一、請各機關加強資訊安全宣導。", "二、本案列管，請秘書處每月追蹤。"):
        item = ListItem()
        item.addElement(P(text=text))
        items.addElement(item)
    body.addElement(items)
    body.addElement(P(text="散會（11 時 30 分）"))


def test_odt_reads_headings_paragraphs_lists_and_tables_in_order() -> None:
    lines = read_bytes(_odt(_minutes_odt), "m.odt").split("\n")
    assert lines[0] == "南嶺市政府第 88 次主任秘書會報紀錄"
    assert lines[1:3] == ["時間：", "民國 113 年 3 月 5 日下午 2 時"]
    assert lines[-4:] == ["壹、綜合會議結論", "一、請各機關加強資訊安全宣導。", "二、本案列管，請秘書處每月追蹤。", "散會（11 時 30 分）"]


def _numbered_odt(body: Any) -> None:
    """Minutes whose items and conclusions are numbered by an ODT list style, not in the text."""
    document = body.ownerDocument
    style = ListStyle(name="ChineseOutline")
    style.addElement(ListLevelStyleNumber(level=1, numformat="一, 二, 三, ...", numsuffix="、"))
    style.addElement(ListLevelStyleNumber(level=2, numformat="一, 二, 三, ...", numprefix="（", numsuffix="）"))
    document.automaticstyles.addElement(style)
    body.addElement(P(text="南嶺市政府第 88 次主任秘書會報紀錄"))
    body.addElement(P(text="時間：民國 113 年 3 月 5 日下午 2 時"))
    body.addElement(P(text="主席：王志明局長"))
    body.addElement(P(text="壹、報告事項"))
    items = List(stylename=style)
    for title, conclusions in (
        ("資安演練辦理情形。（資訊局）", ["請資訊局持續辦理。", "本案列管。"]),
        ("採購作業。（秘書處）", ["洽悉。"]),
    ):
        item = ListItem()
        item.addElement(P(text=title))
        item.addElement(P(text="會議結論："))
        sub = List()
        for text in conclusions:
            entry = ListItem()
            entry.addElement(P(text=text))
            sub.addElement(entry)
        item.addElement(sub)
        items.addElement(item)
    body.addElement(items)
    body.addElement(P(text="散會（15 時 30 分）"))


def test_odt_list_numbering_is_written_out() -> None:
    lines = read_bytes(_odt(_numbered_odt), "n.odt").split("\n")
    assert lines[4:12] == [
        "一、資安演練辦理情形。（資訊局）",
        "會議結論：",
        "（一）請資訊局持續辦理。",
        "（二）本案列管。",
        "二、採購作業。（秘書處）",
        "會議結論：",
        "（一）洽悉。",
        "散會（15 時 30 分）",
    ]
    m = parse_bytes(_odt(_numbered_odt), "n.odt")
    first, second = m.sections[0].items
    assert [(c.label, c.tracked) for c in first.conclusions] == [("一", False), ("二", True)]
    assert (second.label, second.presenter) == ("二", "秘書處")


def test_odt_minutes_parse() -> None:
    m = parse_bytes(_odt(_minutes_odt), "m.odt")
    assert (m.organisation, m.series, m.session.number) == ("南嶺市政府", "主任秘書會報", 88)
    assert (m.date, m.start_time, m.end_time) == (dt.date(2024, 3, 5), dt.time(14, 0), dt.time(11, 30))
    [section] = m.sections
    assert section.kind == "general_conclusions"
    assert [(c.label, c.tracked) for c in section.conclusions] == [("一", False), ("二", True)]


# ---------------------------------------------------------------- PDF


def _pdf(paragraphs: list[str], title: str, letter_spacing: str = "0") -> bytes:
    import weasyprint

    style = (
        "@page { size: A4; margin: 2cm;"
        f" @top-center {{ content: '{title}'; font-family: 'Noto Sans CJK TC'; font-size: 9pt }}"
        " @bottom-center { content: '- ' counter(page) ' -'; font-family: 'Noto Sans CJK TC'; font-size: 9pt } }"
        f" body {{ font-family: 'Noto Sans CJK TC'; font-size: 14pt; letter-spacing: {letter_spacing} }}"
        " p { margin: 0 0 0.5em 0 }"
    )
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return bytes(weasyprint.HTML(string=f"<html><head><style>{style}</style></head><body>{body}</body></html>").write_pdf())


def test_pdf_with_a_text_layer_parses_across_page_breaks() -> None:
    title = "北辰市政府第 7 次資訊業務會報紀錄"
    long_conclusion = "會議結論：請各機關持續推動公文線上簽核，" + "並請資訊局協助各機關完成系統介接與教育訓練，" * 45 + "以提升行政效率。"
    paragraphs = [
        title,
        "時間：民國 113 年 3 月 5 日 14 時 00 分",
        "地點：市政大樓 5 樓簡報室",
        "主席：王志明局長",
        "紀錄：李美玲",
        "壹、報告事項",
        "一、公文線上簽核推動情形。（秘書處）",
        long_conclusion,
        "二、資訊安全稽核結果。（資訊局）",
        "會議結論：",
        "（一）列管編號 6-1、6-2 案同意解除列管。",
        "（二）請資訊局於 113 年 6 月底前完成弱點修補。",
        "散會（15 時 30 分）",
    ]
    data = _pdf(paragraphs, title)
    assert detect_format(data) == "pdf"
    assert "\f" in read_bytes(data), "the sample should run over a page break"
    m = parse_bytes(data, "m.pdf")
    assert (m.title, m.date, m.end_time) == (title, dt.date(2024, 3, 5), dt.time(15, 30))
    [section] = m.sections
    assert [i.title for i in section.items] == ["公文線上簽核推動情形", "資訊安全稽核結果"]
    [joined] = section.items[0].conclusions
    assert joined.text == long_conclusion.removeprefix("會議結論："), "the conclusion cut by the page break is joined"
    assert [c.label for c in section.items[1].conclusions] == ["一", "二"]
    assert [d.case for d in m.case_decisions] == ["6-1", "6-2"]
    assert [d.date for d in m.deadlines] == [dt.date(2024, 6, 30)]


def test_letter_spaced_pdf_text_is_read_without_a_space_between_every_character() -> None:
    title = "南嶺市政府第 9 次處務會議紀錄"
    data = _pdf(
        [title, "時間：民國 113 年 3 月 5 日", "主席：王志明局長", "壹、綜合會議結論", "一、請各單位導入 Google Workspace。"], title, "4pt"
    )
    lines = read_bytes(data).split("\n")
    assert "主席：王志明局長" in lines
    assert "一、請各單位導入 Google Workspace。" in lines
    m = parse_bytes(data, "spaced.pdf")
    assert (m.chair.name, m.sections[0].conclusions[0].text) == ("王志明", "請各單位導入 Google Workspace。")


@pytest.mark.parametrize(
    "sentence",
    [
        "機關使用 Harbourline App 回報，於 4 月底前完成 12 件，以 2 週為期，並請 PoC 小組於 5 月協助各機關完成驗收。",
        "機關使用Harbourline App回報，於4月底前完成12件，以2週為期，並請PoC小組於5月協助各機關完成驗收。",
    ],
    ids=["spaced", "joined"],
)
def test_a_pdf_from_another_tool_wrapped_between_scripts_follows_the_documents_own_spacing(sentence: str) -> None:
    # Without Lieguan's mark a wrapped line says nothing of a space; the unbroken lines show the habit.
    paragraphs = ["請" + "各" * shift + sentence for shift in range(14)]
    lines = read_bytes(_pdf(paragraphs, "測試")).replace("\f", "\n").split("\n")
    assert [ln for ln in lines if ln.startswith("請")] == paragraphs


def test_scanned_pdf_without_a_text_layer_is_refused_with_advice_to_ocr() -> None:
    image = Image.new("RGB", (600, 800), "white")
    for x in range(100, 500):
        image.putpixel((x, 200), (0, 0, 0))
    out = io.BytesIO()
    image.save(out, format="PDF")
    with pytest.raises(UnreadableDocumentError) as caught:
        parse_bytes(out.getvalue(), "scan.pdf")
    assert str(caught.value) == SCANNED_MESSAGE
    assert "掃描" in str(caught.value) and "OCR" in str(caught.value)


# ---------------------------------------------------------------- what cannot be read


@pytest.mark.parametrize(
    ("data", "name", "words"),
    [
        (b"%PDF-1.7\n1 0 obj garbage", "x.pdf", "PDF 檔已損壞"),
        (b"PK\x03\x04broken zip", "x.docx", "ZIP"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old.doc", ".doc"),
        (b"{\\rtf1\\ansi hello}", "x.rtf", "RTF"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "scan.png", "OCR"),
        (b"\x00\x01\x02\x03binary", "x.bin", "二進位"),
        (b"plain text", "minutes.pdf", "內容卻不是 PDF"),
        (b"\x81\x30\xfe\xff\x80\x80\xff", "x.txt", "編碼"),
    ],
)
def test_unreadable_files_are_refused_with_a_clear_message(data: bytes, name: str, words: str) -> None:
    with pytest.raises(UnreadableDocumentError) as caught:
        parse_bytes(data, name)
    assert words in str(caught.value)


def test_a_zip_that_is_neither_docx_nor_odt_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("readme.txt", "hello")
    with pytest.raises(UnreadableDocumentError, match="不是 DOCX 或 ODT"):
        read_bytes(out.getvalue(), "bundle.zip")


def test_a_damaged_docx_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", "<not-xml")
    with pytest.raises(UnreadableDocumentError, match="DOCX 檔已損壞"):
        read_bytes(out.getvalue(), "m.docx")


def test_a_damaged_odt_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<broken")
    with pytest.raises(UnreadableDocumentError, match="ODT 檔已損壞"):
        read_bytes(out.getvalue(), "m.odt")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp950", "big5", "utf-16"])
def test_text_in_each_encoding_offices_use(encoding: str) -> None:
    text = "北辰市政府第 3 次處務會議紀錄\n主席：王志明\n紀錄：李美玲\n"
    assert read_bytes(text.encode(encoding), "m.txt").replace("\r\n", "\n") == text


def test_missing_files_and_directories(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocumentError, match="找不到檔案"):
        read_path(tmp_path / "none.txt")
    with pytest.raises(UnreadableDocumentError, match="資料夾"):
        parse_file(tmp_path)


def test_an_empty_file_is_not_minutes(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(NotMinutesError):
        parse_file(tmp_path / "empty.txt")

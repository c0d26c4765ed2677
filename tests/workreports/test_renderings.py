"""The downloads of a work report read back: the PDF's 目錄 points at the pages the parts start on, a long
table repeats its header row on every page, and the DOCX and ODT hold the headings and the tables."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
import zlib

import defusedxml.ElementTree
import docx
import pdfplumber
import pytest

from lieguan.minutes.readers import read_bytes
from lieguan.minutes.readers.limits import _inflated_size
from lieguan.minutes.workreport import Section, Table, WorkReport, parse_work_report
from lieguan.minutes.workreport.output import render_work_report
from tests.pages import find, text_of
from tests.shared import SEEDS

SEED = SEEDS / "003_e0154fb9a2a8d755.txt"
ODF = {
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
}


@pytest.fixture(scope="module")
def seed() -> WorkReport:
    return parse_work_report(SEED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_pdf_pages(seed: WorkReport) -> list[str]:
    with pdfplumber.open(io.BytesIO(render_work_report(seed, "pdf"))) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _toc(pages: list[str]) -> list[tuple[str, int]]:
    """The 目錄 page's lines as (heading, printed page number)."""
    toc_page = next(p for p in pages if _flat(p).startswith("目錄"))
    out = []
    for line in toc_page.splitlines():
        found = re.match(r"^(.+?)\s*\.{3,}\s*(\d+)$", line.strip())
        if found:
            out.append((_flat(found.group(1)), int(found.group(2))))
    return out


def test_the_pdf_contents_list_every_part_with_the_page_it_really_starts_on(seed: WorkReport, seed_pdf_pages: list[str]) -> None:
    toc = _toc(seed_pdf_pages)
    # The same lines as the seed's own 目錄: the four parts and the sections under 壹 and 貳.
    assert len(toc) == len(seed.contents) == 4 + 7 + 6
    assert [heading for heading, _ in toc] == [_flat(entry.heading) for entry in seed.contents]
    body = seed_pdf_pages[2:]  # the cover and the 目錄 carry no page number; the greeting's page is 1
    for n, text in enumerate(body, start=1):
        assert text.strip().splitlines()[-1].strip() == str(n), f"page {n} prints another number"
    for heading, page in toc:
        starts = [n for n, text in enumerate(body, start=1) if any(_flat(line).startswith(heading) for line in text.splitlines())]
        assert starts, f"{heading} is printed on no page"
        assert starts[0] == page, f"目錄 says {heading} is on page {page}, it starts on page {starts[0]}"


def test_the_pdf_starts_with_the_cover_and_then_the_contents(seed_pdf_pages: list[str]) -> None:
    cover = _flat(seed_pdf_pages[0])
    assert "中華民國111年3月" in cover and "臺北市議會第13屆第7次定期大會" in cover and "報告人：秘書長兼處長陳志銘" in cover
    assert _flat(seed_pdf_pages[1]).startswith("目錄")


def _long_report(rows: int) -> WorkReport:
    table = Table(
        header=["項次", "辦理事項", "完成日期"], rows=[[str(n), f"第 {n} 處公園照明改善", "115 年 5 月"] for n in range(1, rows + 1)]
    )
    part = Section(label="壹、", heading="重要業務執行成果", level=0)
    part.sections.append(Section(label="一、", heading="公園照明改善", level=1, paragraphs=["本期改善公園照明如下表："], tables=[table]))
    return WorkReport(
        title="臨海市政府工務局 工作報告",
        organisation="臨海市政府工務局",
        audience="臨海市議會第5屆第3次定期大會",
        month="2026-09",
        presenter=None,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 6, 30),
        sections=[part],
    )


def test_a_table_longer_than_a_page_prints_its_header_row_at_the_top_of_every_page_it_runs_onto() -> None:
    report = _long_report(120)
    with pdfplumber.open(io.BytesIO(render_work_report(report, "pdf"))) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    with_rows = [text for text in pages if "處公園照明改善" in text]
    assert len(with_rows) >= 3, "the table should run over several pages"
    for text in with_rows:
        first_row = next(line for line in text.splitlines() if "處公園照明改善" in line or "項次" in line)
        assert _flat(first_row) == "項次辦理事項完成日期", first_row
    printed = [int(m) for text in with_rows for m in re.findall(r"第 ?(\d+) ?處公園照明改善", text)]
    assert printed == list(range(1, 121)), "every row once, in order"


def _headed(report: WorkReport) -> list[Section]:
    # A label with no heading of its own (「（1）本處…」) is printed as a paragraph, not as a heading.
    return [s for s in report.walk() if s.heading]


def test_the_docx_opens_with_the_headings_as_word_headings_and_every_table(seed: WorkReport) -> None:
    document = docx.Document(io.BytesIO(render_work_report(seed, "docx")))
    headings = [_flat(p.text) for p in document.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
    for section in _headed(seed):
        assert _flat(f"{section.label}{section.heading}") in headings
    assert len(document.tables) == len(seed.tables())
    first = seed.tables()[0]
    assert [_flat(c.text) for c in document.tables[0].rows[0].cells] == [_flat(c) for c in first.header]
    assert document.tables[0].rows[0]._tr.xpath("./w:trPr/w:tblHeader"), "the header row repeats across pages"


def test_the_odt_opens_with_the_headings_as_outline_headings_and_every_table(seed: WorkReport) -> None:
    with zipfile.ZipFile(io.BytesIO(render_work_report(seed, "odt"))) as odt:
        assert odt.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        content = defusedxml.ElementTree.fromstring(odt.read("content.xml"))
    headings = [_flat("".join(h.itertext())) for h in content.iter(f"{{{ODF['text']}}}h")]
    for section in _headed(seed):
        assert _flat(f"{section.label}{section.heading}") in headings
    tables = list(content.iter(f"{{{ODF['table']}}}table"))
    assert len(tables) == len(seed.tables())
    assert all(t.find(f"{{{ODF['table']}}}table-header-rows") is not None for t in tables)


def test_a_compressed_stream_followed_by_stray_bytes_is_measured_and_not_inflated_forever() -> None:
    # WeasyPrint's font streams end with bytes after the end of the Flate data; the reader once looped on them.
    assert _inflated_size(zlib.compress("工作報告".encode() * 500) + b"\r\n", 10_000_000) == len("工作報告".encode()) * 500


def test_the_pdf_lieguan_writes_is_read_again_by_the_pdf_reader(seed: WorkReport) -> None:
    text = read_bytes(render_work_report(seed, "pdf"), "report.pdf")
    lines = {_flat(line) for line in text.replace("\f", "\n").splitlines()}
    for section in seed.sections:
        assert _flat(f"{section.label}{section.heading}") in lines


def test_no_page_ends_with_the_sentence_that_leads_into_a_table(seed_pdf_pages: list[str]) -> None:
    # 「…詳如下表：」 at the foot of a page with its table overleaf reads as a missing table.
    for n, text in enumerate(seed_pdf_pages[2:], start=1):
        body = [line for line in text.strip().splitlines() if line.strip() != str(n)]
        assert not _flat(body[-1]).endswith("表："), f"page {n} ends with {body[-1]!r}"
    assert any("詳如下表：" in _flat(text) and "機關名稱件數機關名稱件數" in _flat(text) for text in seed_pdf_pages)


# --- a header of two rows, as the seed prints its monthly tables: 110 年 over the months ---


def _monthly(seed: WorkReport) -> Table:
    return next(t for t in seed.tables() if len(t.header_rows) == 2)


def test_a_two_row_header_spans_the_year_over_its_months_and_the_row_names_over_both_rows(seed: WorkReport) -> None:
    from lieguan.minutes.workreport.layout import header_cells

    upper, lower = header_cells(_monthly(seed).header_rows)
    assert [(c.text, c.column, c.colspan, c.rowspan) for c in upper] == [
        ("類別 \\ 期間", 0, 1, 2),
        ("110 年", 1, 6, 1),
        ("總計 (件)", 7, 1, 2),
    ]
    assert [c.text for c in lower] == ["7 月", "8 月", "9 月", "10 月", "11 月", "12 月"]
    # One row of headings keeps an empty heading as its own cell: nothing below names columns under it.
    assert [(c.text, c.colspan) for c in header_cells([["項次", "說明", ""]])[0]] == [("項次", 1), ("說明", 1), ("", 1)]


def test_the_html_and_pdf_print_the_merged_headings_level_with_the_year(seed: WorkReport, seed_pdf_pages: list[str]) -> None:
    from lieguan.minutes.workreport.html import render_work_report_html

    page = render_work_report_html(seed)
    headings = {text_of(th): dict(th.attrib) for th in find(page, "//th")}  # each heading's attributes by its text
    assert headings["110 年"] == {"scope": "colgroup", "colspan": "6"}
    assert headings["類別 \\ 期間"] == {"scope": "col", "rowspan": "2"}
    lines = [_flat(line) for text in seed_pdf_pages for line in text.splitlines()]
    assert lines.count(_flat("類別 \\ 期間 110 年 總計 (件)")) >= 3, "each monthly table's header, as the seed's text has it"


def test_the_docx_and_odt_merge_the_same_header_cells(seed: WorkReport) -> None:
    at = seed.tables().index(_monthly(seed))
    document = docx.Document(io.BytesIO(render_work_report(seed, "docx")))
    upper = document.tables[at].rows[0]
    distinct = list(dict.fromkeys(id(c._tc) for c in upper.cells))
    assert len(distinct) == 3, "類別 \\ 期間, 110 年 over six months, 總計"
    assert [_flat(c.text) for c in upper.cells] == ["類別\\期間"] + ["110年"] * 6 + ["總計(件)"]
    with zipfile.ZipFile(io.BytesIO(render_work_report(seed, "odt"))) as odt:
        content = defusedxml.ElementTree.fromstring(odt.read("content.xml"))
    table = list(content.iter(f"{{{ODF['table']}}}table"))[at]
    first = table.find(f"{{{ODF['table']}}}table-header-rows")[0]  # type: ignore[index]
    spans = [
        (c.get(f"{{{ODF['table']}}}number-columns-spanned"), c.get(f"{{{ODF['table']}}}number-rows-spanned"))
        for c in first
        if c.tag == f"{{{ODF['table']}}}table-cell"
    ]
    assert spans == [("1", "2"), ("6", "1"), ("1", "2")]
    assert sum(1 for c in first if c.tag == f"{{{ODF['table']}}}covered-table-cell") == 5

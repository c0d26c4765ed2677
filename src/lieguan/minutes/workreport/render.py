"""A ``WorkReport`` written out as text in the layout of the reports agencies hand to the council.

Cover, 目錄 with dotted leaders and page numbers, the greeting and opening,
then every part down the hierarchy 壹、一、（一）1、（1）, one paragraph to a
line with a blank line between, and tables one row to a line with tabs between
cells (the two-line header and the side-by-side column pairs as printed).
Reading the text back with ``parse_work_report`` gives the same report.
"""

from __future__ import annotations

from lieguan.minutes.rocdate import to_roc_year
from lieguan.minutes.workreport.model import Section, Table, WorkReport


def render_work_report_text(report: WorkReport) -> str:
    out: list[str] = []
    if report.month:
        year, month = (int(x) for x in report.month.split("-"))
        out.append(f"中華民國 {to_roc_year(year)} 年 {month} 月")
    out += [x for x in (report.audience, report.title) if x]
    if report.presenter is not None:
        who = " ".join(x for x in (report.presenter.title, report.presenter.name) if x)
        out.append(f"報告人：{who}")
    if report.contents:
        out.append("目 錄")
        out.append("\n".join(f"{e.heading}.....\t{e.page}" for e in report.contents))
    out += [x for x in (report.greeting, *report.opening) if x]
    for section in report.sections:
        out += _section(section)
    if report.closing:
        out.append("\n".join(report.closing))
    return "\n\n".join(out) + "\n"


def _section(section: Section) -> list[str]:
    paragraphs = list(section.paragraphs)
    # A label before a sentence has no heading: the sentence is printed on the label's line.
    offset = 0 if section.heading or not paragraphs else 1
    lines = [f"{section.label}{section.heading or (paragraphs.pop(0) if paragraphs else '')}"]
    tables = sorted(section.tables, key=lambda t: t.after_paragraph)
    for at, paragraph in enumerate(paragraphs, start=offset):
        lines += [_table(t) for t in tables if t.after_paragraph == at]
        lines.append(paragraph)
    lines += [_table(t) for t in tables if t.after_paragraph >= len(paragraphs) + offset]
    for sub in section.sections:
        lines += _section(sub)
    return lines


def _table(table: Table) -> str:
    header_rows = table.header_rows or [table.header]
    body = list(table.totals) + list(table.rows)
    if table.paired:
        width = len(table.header)
        body = [body[i] + (body[i + 1] if i + 1 < len(body) else [""] * width) for i in range(0, len(body), 2)]
    return "\n".join("\t".join(row) for row in [*header_rows, *body])

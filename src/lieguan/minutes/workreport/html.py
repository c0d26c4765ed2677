"""A work report as HTML: the page the web app shows, and the source WeasyPrint typesets into the PDF.

Every string is escaped (parts are written by many hands and imported from
files), and there is no script and no inline style, so the page can be served
under the app's Content-Security-Policy. For print: the cover and the 目錄
form the front matter, without page numbers; the body starts again at page 1
(``@page :nth(1 of body)``), and each 目錄 line ends in a dotted leader and the
page its part really starts on (``target-counter``). A table's ``<thead>`` is
printed again at the top of every page the table runs onto.
"""

from __future__ import annotations

from html import escape

from lieguan.minutes.render.layout import CJK_FONTS
from lieguan.minutes.workreport.layout import (
    AUDIENCE_PT,
    BODY_PT,
    LINE_SPACING,
    PART_PT,
    SECTION_PT,
    TABLE_PT,
    TITLE_PT,
    Block,
    HeaderCell,
    ReportLayout,
    header_cells,
    layout,
)
from lieguan.minutes.workreport.model import Table, WorkReport

_FONT_STACK = ", ".join(f'"{f}"' for f in (*CJK_FONTS, "BiauKai", "Noto Serif TC")) + ", serif"
_HALF_EMS = range(0, 21)
SHORT_HEADING = 4  # characters


def _steps() -> str:
    rules = []
    for n in _HALF_EMS:
        em = n / 2
        rules.append(f".wr .wr-in{n}{{margin-left:{em}em}}")
        rules.append(f".wr .wr-hg{n}{{padding-left:{em}em;text-indent:-{em}em}}")
    return "\n".join(rules)


STYLESHEET = f"""
.wr{{font-family:{_FONT_STACK};font-size:{BODY_PT}pt;line-height:{LINE_SPACING};color:#000;
  overflow-wrap:anywhere;line-break:strict}}
.wr h1,.wr h2,.wr h3,.wr h4,.wr h5,.wr h6,.wr p,.wr ol{{margin:0;padding:0}}
.wr ol{{list-style:none}}
.wr .wr-cover{{text-align:center;break-after:page;page-break-after:always}}
.wr .wr-month{{text-align:right;margin-bottom:4em}}
.wr .wr-audience{{font-size:{AUDIENCE_PT}pt;margin-bottom:3em}}
.wr .wr-title{{font-size:{TITLE_PT}pt;font-weight:bold;letter-spacing:.15em;margin-bottom:6em}}
.wr .wr-presenter{{font-size:{SECTION_PT}pt}}
.wr .wr-toc-title{{font-size:{PART_PT}pt;font-weight:bold;text-align:center;letter-spacing:1em;margin-bottom:1em}}
.wr .wr-toc a{{color:inherit;text-decoration:none;display:block}}
.wr .wr-toc .wr-toc-l1{{margin-left:1em}}
.wr .wr-greeting{{margin-top:0}}
.wr .wr-opening{{text-indent:2em}}
.wr .wr-h{{break-after:avoid;page-break-after:avoid;margin-top:.4em}}
.wr .wr-l0{{font-size:{PART_PT}pt;font-weight:bold;margin-top:.8em}}
.wr .wr-l1{{font-size:{SECTION_PT}pt;font-weight:bold}}
.wr .wr-l2,.wr .wr-l3,.wr .wr-l4{{font-size:{BODY_PT}pt;font-weight:bold}}
.wr .wr-label{{white-space:nowrap}}
.wr .wr-p{{orphans:2;widows:2}}
.wr .wr-table{{margin:.3em 0 .6em}}
.wr table{{border-collapse:collapse;font-size:{TABLE_PT}pt;line-height:1.3;width:100%}}
.wr th,.wr td{{border:1px solid #000;padding:.15em .3em;vertical-align:middle}}
.wr th{{font-weight:bold;text-align:center;background:#eee}}
.wr th.wr-short{{white-space:nowrap}}
/* Level with the row's other headings, as the reports print them (and so read back as one line of text). */
.wr th[rowspan]{{vertical-align:top}}
.wr .wr-lead{{break-after:avoid;page-break-after:avoid}}
.wr tbody tr{{break-inside:avoid;page-break-inside:avoid}}
.wr tfoot td{{font-weight:bold}}
.wr thead{{display:table-header-group}}
.wr .wr-closing{{margin-top:1em}}
.wr .wr-closing p+p{{margin-left:2em}}
{_steps()}
@media screen{{
  .wr{{max-width:46em;margin:1em auto;padding:0 1em}}
  .wr .wr-cover{{border-bottom:1px solid #999;padding-bottom:1em;margin-bottom:1em}}
  .wr .wr-month{{margin-bottom:1em}}.wr .wr-audience,.wr .wr-title{{margin-bottom:1em}}
}}
@media print{{
  .wr .wr-front{{page:front}}
  .wr .wr-body{{page:body}}
  .wr .wr-toc{{break-after:page;page-break-after:always}}
  .wr .wr-toc a::after{{content:leader('.') target-counter(attr(href url), page)}}
  .wr .wr-l0{{break-before:auto}}
}}
@page{{size:A4;margin:25mm 20mm 22mm 25mm;
  @bottom-center{{content:counter(page);font-family:{_FONT_STACK};font-size:10pt}}}}
@page front{{@bottom-center{{content:none}}}}
@page :nth(1 of body){{counter-reset:page 1}}
"""


def stylesheet() -> str:
    """The CSS a fragment (``standalone=False``) needs; the web app serves it from a URL of its own."""
    return STYLESHEET


def _e(text: str) -> str:
    return escape(text, quote=True)


def _half(em: float) -> int:
    return max(_HALF_EMS.start, min(round(em * 2), _HALF_EMS.stop - 1))


def _th(cell: HeaderCell) -> str:
    # A short heading such as 項次 stays on one line: otherwise the narrow first column prints it one character a line.
    short = ' class="wr-short"' if len(cell.text) <= SHORT_HEADING else ""
    scope = "colgroup" if cell.colspan > 1 else "col"
    spans = (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "") + (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "")
    return f'<th scope="{scope}"{spans}{short}>{_e(cell.text)}</th>'


def _table(table: Table) -> list[str]:
    header_rows = table.header_rows or [table.header]
    out = ["<table>", "<thead>"]
    for heading_row in header_cells(header_rows):
        out.append("<tr>" + "".join(_th(c) for c in heading_row) + "</tr>")
    out.append("</thead>")
    body = list(table.totals) + list(table.rows)
    if table.paired:
        width = len(table.header)
        body = [body[i] + (body[i + 1] if i + 1 < len(body) else [""] * width) for i in range(0, len(body), 2)]
    out.append("<tbody>")
    for row in body:
        out.append("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>")
    out += ["</tbody>", "</table>"]
    return out


def _block(block: Block, *, before_table: bool = False) -> list[str]:
    if block.kind == "table" and block.table is not None:
        return [f'<div class="wr-table wr-in{_half(block.indent)}">', *_table(block.table), "</div>"]
    label = f'<span class="wr-label">{_e(block.label)}</span>' if block.label else ""
    if block.kind == "heading":
        tag = f"h{min(block.level + 2, 6)}"
        cls = f"wr-h wr-l{block.level} wr-in{_half(block.indent)} wr-hg{_half(block.hang)}"
        return [f'<{tag} id="{_e(block.anchor)}" class="{cls}">{label}{_e(block.text)}</{tag}>']
    cls = f"wr-p wr-in{_half(block.indent)}" + (f" wr-hg{_half(block.hang)}" if block.label else "")
    if before_table:
        cls += " wr-lead"
    anchor = f' id="{_e(block.anchor)}"' if block.anchor else ""
    return [f'<p{anchor} class="{cls}">{label}{_e(block.text)}</p>']


def article(lay: ReportLayout) -> str:
    c = lay.cover
    out = ['<article class="wr" lang="zh-Hant" aria-labelledby="wr-title">', '<div class="wr-front">', '<div class="wr-cover">']
    if c.month:
        out.append(f'<p class="wr-month">{_e(c.month)}</p>')
    if c.audience:
        out.append(f'<p class="wr-audience">{_e(c.audience)}</p>')
    out.append(f'<h1 id="wr-title" class="wr-title">{_e(c.title or "工作報告")}</h1>')
    if c.presenter:
        out.append(f'<p class="wr-presenter">{_e(c.presenter)}</p>')
    out.append("</div>")
    if lay.toc:
        out += ['<nav class="wr-toc" aria-labelledby="wr-toc-title">', '<h2 id="wr-toc-title" class="wr-toc-title">目 錄</h2>', "<ol>"]
        for line in lay.toc:
            out.append(f'<li class="wr-toc-l{line.level}"><a href="#{_e(line.anchor)}">{_e(line.text)}</a></li>')
        out += ["</ol>", "</nav>"]
    out += ["</div>", '<div class="wr-body">']
    if lay.greeting:
        out.append(f'<p class="wr-p wr-greeting">{_e(lay.greeting)}</p>')
    out += [f'<p class="wr-p wr-opening">{_e(p)}</p>' for p in lay.opening]
    for n, block in enumerate(lay.body):
        following = lay.body[n + 1] if n + 1 < len(lay.body) else None
        out += _block(block, before_table=following is not None and following.kind == "table")
    if lay.closing:
        out.append('<div class="wr-closing">')
        out += [f'<p class="wr-p">{_e(p)}</p>' for p in lay.closing]
        out.append("</div>")
    out += ["</div>", "</article>"]
    return "\n".join(out) + "\n"


def render_work_report_html(report: WorkReport, *, standalone: bool = True) -> str:
    """The report as a whole A4-printable page, or (``standalone=False``) an ``<article>`` needing :func:`stylesheet`."""
    lay = layout(report)
    body = article(lay)
    if not standalone:
        return body
    head = [
        "<!DOCTYPE html>",
        '<html lang="zh-Hant">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{_e(lay.title or '工作報告')}</title>",
    ]
    if lay.organisation:
        head.append(f'<meta name="author" content="{_e(lay.organisation)}">')
    head += ['<meta name="generator" content="lieguan">', f"<style>{STYLESHEET}</style>", "</head>"]
    return "\n".join([*head, "<body>", body, "</body>", "</html>", ""])

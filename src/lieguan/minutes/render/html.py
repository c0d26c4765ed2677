"""Minutes as semantic, accessible HTML — the page the web app shows and the source of the PDF.

Every string of the document is escaped: minutes arrive from uploads and web
forms and may hold any markup. The output holds no scripts and no inline
styles, so it can be served under a strict Content-Security-Policy; indents
are classes (``lg-h4`` = a 2 em hanging label, ``lg-i4`` = children 2 em in)
that :data:`STYLESHEET` defines.
"""

from __future__ import annotations

from html import escape

from lieguan.minutes.model import Minutes
from lieguan.minutes.render.layout import (
    BODY_PT,
    CJK_FONTS,
    LINE_SPACING,
    SECTION_PT,
    TITLE_PT,
    Layout,
    Node,
    layout,
)
from lieguan.minutes.render.linebreaks import RIGHT_MARGIN_MM, glue_spaces

_FONT_STACK = ", ".join(f'"{f}"' for f in (*CJK_FONTS, "BiauKai", "Noto Serif TC")) + ", serif"

# Half-em steps, enough for the deepest label (（十一）= 4 em) and nesting offset.
_HALF_EMS = range(0, 41)


def _size_rules() -> str:
    rules = []
    for n in _HALF_EMS:
        em = n / 2
        rules.append(f".lg-minutes .lg-h{n}{{padding-left:{em}em;text-indent:-{em}em}}")
        rules.append(f".lg-minutes .lg-i{n}{{margin-left:{em}em}}")
        if n:
            rules.append(f".lg-minutes .lg-h{n}>.lg-label{{display:inline-block;min-width:{em}em;text-indent:0}}")
    return "\n".join(rules)


STYLESHEET = f"""
.lg-minutes{{font-family:{_FONT_STACK};font-size:{BODY_PT}pt;line-height:{LINE_SPACING};color:#000;
  overflow-wrap:anywhere;word-break:normal;line-break:strict}}
.lg-minutes h1,.lg-minutes h2,.lg-minutes h3,.lg-minutes p,
.lg-minutes ol,.lg-minutes dl,.lg-minutes dd{{margin:0;padding:0}}
.lg-minutes ol{{list-style:none}}
.lg-minutes .lg-title{{font-size:{TITLE_PT}pt;font-weight:bold;text-align:center;margin:0 0 .8em;line-height:1.4}}
.lg-minutes .lg-meta{{margin:0 0 .8em}}
.lg-minutes .lg-meta div{{padding-left:3em;text-indent:-3em}}
.lg-minutes .lg-meta dt,.lg-minutes .lg-meta dd{{display:inline}}
.lg-minutes h2{{font-size:{SECTION_PT}pt;font-weight:bold;margin-top:.6em;break-after:avoid;page-break-after:avoid}}
.lg-minutes h3{{font-size:{BODY_PT}pt;font-weight:normal;margin-top:.3em;break-after:avoid;page-break-after:avoid}}
.lg-minutes .lg-p{{orphans:2;widows:2;text-align:start}}
.lg-minutes .lg-label{{white-space:nowrap}}
.lg-minutes .lg-adjourn{{margin-top:1em}}
{_size_rules()}
@media screen{{
  .lg-minutes{{max-width:42em;margin:1.5em auto;padding:0 1em}}
  .lg-minutes .lg-tracked>.lg-p::after,.lg-minutes p.lg-tracked::after{{content:"列管";font-size:.7em;
    vertical-align:.15em;margin-left:.5em;padding:0 .35em;border:1px solid #8a5a00;border-radius:.3em;color:#8a5a00;
    text-indent:0;display:inline-block;line-height:1.4}}
}}
@media print{{
  .lg-minutes{{max-width:none;margin:0;padding:0}}
}}
@page{{size:A4;margin:25mm {RIGHT_MARGIN_MM}mm 22mm 25mm;
  @bottom-center{{content:"第 " counter(page) " 頁，共 " counter(pages) " 頁";
    font-family:{_FONT_STACK};font-size:10pt}}}}
"""


def stylesheet() -> str:
    """The CSS the fragment (``standalone=False``) needs; the web app serves it once per page."""
    return STYLESHEET


def _e(text: str) -> str:
    return escape(text, quote=True)


def _half(em: float) -> int:
    n = round(em * 2)
    return max(_HALF_EMS.start, min(n, _HALF_EMS.stop - 1))


class _Writer:
    def __init__(self, id_prefix: str, *, glue: bool = False) -> None:
        self.out: list[str] = []
        self.id_prefix = id_prefix
        self.sections = 0
        self.glue = glue

    def t(self, text: str) -> str:
        """Text shown on the page, escaped; for a PDF with the spaces glued that a line must not break at."""
        return _e(glue_spaces(text) if self.glue else text)

    def w(self, s: str) -> None:
        self.out.append(s)

    def inline(self, node: Node) -> str:
        parts = []
        if node.label:
            parts.append(f'<span class="lg-label">{self.t(node.label)}</span>')
        if node.lead:
            parts.append(f'<span class="lg-lead">{self.t(node.lead)}</span>')
        parts.append(self.t(node.text))
        return "".join(parts)

    def hang(self, node: Node) -> str:
        return f"lg-h{_half(node.hang)}"

    def children(self, node: Node, base: float) -> None:
        """The children of ``node``, nested ``child.indent - base`` em in; items and conclusions as lists."""
        kids = node.children
        n = 0
        while n < len(kids):
            kid = kids[n]
            offset = _half(kid.indent - base)
            if kid.kind in ("item", "conclusion"):
                run = [kid]
                while n + 1 < len(kids) and kids[n + 1].kind == kid.kind and kids[n + 1].indent == kid.indent:
                    n += 1
                    run.append(kids[n])
                cls = "lg-items" if kid.kind == "item" else "lg-conclusion-list"
                self.w(f'<ol class="{cls} lg-i{offset}">')
                for member in run:
                    self.node(member)
                self.w("</ol>")
            else:
                self.w(f'<div class="lg-i{offset}">')
                self.node(kid)
                self.w("</div>")
            n += 1

    def node(self, node: Node) -> None:
        k = node.kind
        if k == "section":
            self.sections += 1
            hid = f"{self.id_prefix}-s{self.sections}"
            self.w(f'<section class="lg-section" aria-labelledby="{_e(hid)}">')
            self.w(f'<h2 id="{_e(hid)}" class="lg-p {self.hang(node)}">{self.inline(node)}</h2>')
            self.children(node, node.indent)
            self.w("</section>")
        elif k == "item":
            self.w('<li class="lg-item">')
            self.w(f'<h3 class="lg-p {self.hang(node)}">{self.inline(node)}</h3>')
            self.children(node, node.indent)
            self.w("</li>")
        elif k == "conclusion":
            tracked = ' lg-tracked" data-tracked="true' if node.tracked else ""
            self.w(f'<li class="lg-conclusion{tracked}">')
            self.w(f'<p class="lg-p {self.hang(node)}">{self.inline(node)}</p>')
            self.children(node, node.indent)
            self.w("</li>")
        elif k == "conclusions":
            tracked = ' lg-tracked" data-tracked="true' if node.tracked else ""
            self.w(f'<div class="lg-conclusions{tracked}">')
            self.w(f'<p class="lg-p lg-conclusions-lead {self.hang(node)}">{self.inline(node)}</p>')
            self.children(node, node.indent)
            self.w("</div>")
        else:  # field, remark, paragraph
            self.w(f'<p class="lg-p lg-{k} {self.hang(node)}">{self.inline(node)}</p>')
            self.children(node, node.indent)

    def article(self, lay: Layout) -> None:
        tid = f"{self.id_prefix}-title"
        self.w(f'<article class="lg-minutes" lang="zh-Hant" aria-labelledby="{_e(tid)}">')
        self.w('<header class="lg-head">')
        self.w(f'<h1 id="{_e(tid)}" class="lg-title">{self.t(lay.title)}</h1>')
        if lay.header:
            self.w('<dl class="lg-meta">')
            for line in lay.header:
                self.w(f'<div class="lg-meta-{_e(line.key)}"><dt>{self.t(line.name)}：</dt><dd>{self.t(line.value)}</dd></div>')
            self.w("</dl>")
        self.w("</header>")
        for section in lay.body:
            self.node(section)
        if lay.adjourn:
            self.w(f'<p class="lg-adjourn">{self.t(lay.adjourn)}</p>')
        self.w("</article>")


def render_html(m: Minutes, *, standalone: bool = True, id_prefix: str = "lg", for_pdf: bool = False) -> str:
    """The minutes as HTML: a whole A4-printable page, or (``standalone=False``) an ``<article>``.

    ``id_prefix`` keeps element ids apart when a page embeds more than one
    fragment; a fragment needs :func:`stylesheet` on its page. ``for_pdf``
    makes the spaces a line must not break at no-break spaces
    (:mod:`lieguan.minutes.render.linebreaks`); the web page keeps plain
    spaces, which is what a reader copying its text expects.
    """
    lay = layout(m)
    writer = _Writer(id_prefix, glue=for_pdf)
    writer.article(lay)
    article = "\n".join(writer.out)
    if not standalone:
        return article + "\n"
    head = [
        "<!DOCTYPE html>",
        '<html lang="zh-Hant">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(lay.title)}</title>",
        f'<meta name="description" content="{_e(lay.subject)}">',
    ]
    if lay.organisation:
        head.append(f'<meta name="author" content="{_e(lay.organisation)}">')
    if m.date is not None:
        head.append(f'<meta name="dcterms.created" content="{m.date.isoformat()}">')
    head.append('<meta name="generator" content="lieguan">')
    head.append(f"<style>{STYLESHEET}</style>")
    head.append("</head>")
    return "\n".join([*head, "<body>", article, "</body>", "</html>", ""])

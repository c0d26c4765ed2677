"""Rendering never crashes, and never loses or invents text, on any document.

Documents come from the parser's ``strategies.minutes_documents()`` (valid
minutes as the parser produces them) and from ``local_minutes_documents()``
(anything the model can hold, hostile text included).
"""

from __future__ import annotations

import functools
import io
import os
import unicodedata
import zipfile
from html.parser import HTMLParser

import docx
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from odf import teletype, text
from odf.opendocument import load

from lieguan.minutes.model import Minutes
from lieguan.minutes.render import FORMATS, render
from lieguan.minutes.render.docx import render_docx
from lieguan.minutes.render.html import render_html
from lieguan.minutes.render.layout import clean, layout, lines
from lieguan.minutes.render.odt import render_odt
from tests.examples import examples
from tests.minutes.render_support import (  # noqa: F401
    local_minutes_documents,
    no_django_settings,
    pdf_body,
    squeeze,
)

try:
    from tests.minutes.strategies import minutes_documents
except ImportError:  # the parser's strategies are not there yet
    minutes_documents = None


def documents() -> st.SearchStrategy[Minutes]:
    if minutes_documents is None:
        return local_minutes_documents()
    return st.one_of(minutes_documents(), local_minutes_documents())


# LIEGUAN_RENDER_EXAMPLES=10 runs ten times as many examples (a thorough run before a release).
_SCALE = max(1, int(os.environ.get("LIEGUAN_RENDER_EXAMPLES", "1")))
FAST = settings(max_examples=examples(_SCALE * 60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
# A PDF takes a second or more: few examples, and no shrinking (which would take many minutes).
SLOW = settings(
    max_examples=examples(_SCALE * 8),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)


def _expected_fragments(m: Minutes) -> list[str]:
    """The text of every conclusion, line by line, as a renderer must print it."""
    out: list[str] = []
    for c in m.all_conclusions():
        out.extend(lines(c.text))
    return out


@FAST
@given(documents())
def test_layout_prints_every_conclusion(m: Minutes) -> None:
    printed = "\n".join(layout(m).all_text())
    for fragment in _expected_fragments(m):
        assert fragment in printed


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attrs: set[str] = set()
        self.data: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attrs.update(a for a, _ in attrs)

    def handle_data(self, data: str) -> None:
        self.data.append(data)


@FAST
@given(documents(), st.booleans())
def test_html_is_always_safe(m: Minutes, standalone: bool) -> None:
    html = render_html(m, standalone=standalone)
    parser = _Tags()
    parser.feed(html)
    parser.close()
    assert parser.tags <= {
        "html", "head", "meta", "title", "style", "body", "article", "header", "h1", "h2", "h3",
        "dl", "div", "dt", "dd", "section", "ol", "li", "p", "span",
    }  # fmt: skip
    assert not {a for a in parser.attrs if a.startswith("on") or a in ("style", "src", "href")}
    body = "".join(parser.data)
    for fragment in _expected_fragments(m):
        assert fragment in body


@FAST
@given(documents())
def test_docx_always_opens_with_the_layout_text(m: Minutes) -> None:
    d = docx.Document(io.BytesIO(render_docx(m)))
    assert [p.text for p in d.paragraphs] == list(layout(m).all_text())


@FAST
@given(documents())
def test_odt_always_opens_with_the_layout_text(m: Minutes) -> None:
    d = load(io.BytesIO(render_odt(m)))
    assert [teletype.extractText(p) for p in d.text.getElementsByType(text.P)] == list(layout(m).all_text())


@functools.cache
def _noto_cmap() -> frozenset[int]:
    from fontTools.ttLib import TTCollection

    path = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
    for font in TTCollection(path).fonts:
        if font["name"].getDebugName(1) == "Noto Serif CJK TC":
            return frozenset(font.getBestCmap())
    raise AssertionError("Noto Serif CJK TC not found")


def _printable_runs(fragment: str) -> list[str]:
    """The runs of a text set in Noto Serif CJK TC.

    Characters outside it may come from another font, or from none (see
    render.pdf._identity_encoding); the runs between them must come back whole.
    """
    covered = _noto_cmap()
    runs: list[str] = []
    current = ""
    for c in fragment:
        if ord(c) in covered and unicodedata.category(c)[0] not in "MC":
            current += c
        else:
            runs.append(current)
            current = ""
    runs.append(current)
    return [r for r in runs if r.strip()]


@SLOW
@given(documents())
def test_pdf_always_renders_with_its_conclusions(m: Minutes) -> None:
    import pdfplumber

    data = render(m, "pdf")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) >= 1
        extracted = squeeze(pdf_body([page.extract_text() or "" for page in pdf.pages]))
    for fragment in _expected_fragments(m):
        for run in _printable_runs(fragment):
            assert squeeze(run) in extracted


@FAST
@given(documents())
def test_json_and_text_formats_round_trip(m: Minutes) -> None:
    import json

    data = json.loads(render(m, "json").decode("utf-8"))
    again = Minutes.from_dict(data)
    assert again.to_dict() == Minutes.from_dict(m.to_dict()).to_dict()


@pytest.mark.parametrize("fmt", ["docx", "odt"])
@SLOW
@given(m=documents())
def test_office_files_are_valid_zip(fmt: str, m: Minutes) -> None:
    data = render(m, fmt)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
    assert FORMATS[fmt].binary


def test_clean_keeps_ordinary_text() -> None:
    assert clean("民國 114 年\n（一）") == "民國 114 年\n（一）"

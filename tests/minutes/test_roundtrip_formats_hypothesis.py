"""Round trip through every format, for any generated minutes: render to PDF, DOCX or ODT, read back, parse.

What the readers give back must parse to the same document as the official
text does (tests/minutes/test_roundtrip.py checks that the text gives the
generated document itself). So every format must number sections, items and
conclusions as the text does, and the readers must put back together what a
page, a column or a line break cut.

A PDF keeps no trace of a space where a line was broken, and between Chinese
and Latin script a break could fall with or without one (使用 App / 完成App),
which a generated document mixes. The PDFs Lieguan writes break a line at a
space only between two Latin letters or digits (minutes/render/linebreaks.py),
so the reader knows, and every space must come back through PDF as well.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings

from lieguan.minutes.model import Chair, Conclusion, Minutes, Section
from lieguan.minutes.parser import parse_bytes, parse_text
from lieguan.minutes.render import render
from lieguan.minutes.render.layout import layout
from lieguan.minutes.render.text import render_text
from tests.examples import examples
from tests.minutes.compare import comparable
from tests.minutes.render_support import no_django_settings
from tests.minutes.strategies import minutes_documents

__all__ = ["no_django_settings"]

_QUICK = settings(
    max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
# WeasyPrint takes about a second a document; 300 examples passed locally, twice, when the PDF came to keep every space.
_SLOW = settings(
    max_examples=examples(10), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)


def _through(fmt: str, m: Minutes) -> tuple[dict[str, Any], dict[str, Any]]:
    """What parsing the rendered ``fmt`` gives, and what parsing the official text gives, as Minutes JSON."""
    return comparable(parse_bytes(render(m, fmt), f"minutes.{fmt}")), comparable(parse_text(render_text(m)))


@_QUICK
@given(minutes_documents())
def test_a_generated_document_comes_back_whole_through_docx(m: Minutes) -> None:
    got, want = _through("docx", m)
    assert got == want


@_QUICK
@given(minutes_documents())
def test_a_generated_document_comes_back_whole_through_odt(m: Minutes) -> None:
    got, want = _through("odt", m)
    assert got == want


@_SLOW
@given(minutes_documents())
def test_a_generated_document_comes_back_whole_through_pdf(m: Minutes) -> None:
    got, want = _through("pdf", m)
    assert got == want


def _bureau_with_decisions() -> Minutes:
    """A bureau meeting (sections 一、二、) whose first section lists its decisions under 決議：, and whose last is headingless."""
    return Minutes(
        title="南港市政府工務局第 12 次局務會議紀錄",
        date=dt.date(2024, 3, 5),
        chair=Chair(name="林志明", title="局長"),
        recorder="陳美玲",
        sections=[
            Section(
                label="一",
                kind="previous_minutes",
                heading="宣讀上次會議紀錄",
                conclusion_heading="決議",
                conclusions=[Conclusion("確認。", label="一"), Conclusion("請養工處於 4 月底前回報辦理情形。", label="二")],
            ),
            Section(
                label="二",
                kind="chair_directives",
                heading="主席裁示事項",
                conclusions=[Conclusion("請各科室落實節能措施。", label="一")],
            ),
        ],
    )


def test_every_format_numbers_decisions_under_a_bureau_section_as_the_text_does() -> None:
    m = _bureau_with_decisions()
    printed = [b.label + b.lead + b.text for b in layout(m).blocks()]
    assert printed[:4] == ["一、宣讀上次會議紀錄", "決議：", "（一）確認。", "（二）請養工處於 4 月底前回報辦理情形。"]
    assert "（一）確認。" in render_text(m)
    for fmt in ("docx", "odt"):
        got, want = _through(fmt, m)
        assert got == want
        assert [c["label"] for c in got["sections"][0]["conclusions"]] == ["一", "二"]

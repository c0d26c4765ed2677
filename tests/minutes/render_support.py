"""Documents and helpers shared by the renderer tests (test_render_*.py).

The sample is fictional (臨海市政府); nothing here is taken from the real seeds.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import unicodedata
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import strategies as st

from lieguan.minutes.model import (
    SECTION_KINDS,
    Attendance,
    Chair,
    Conclusion,
    Item,
    Minutes,
    Remark,
    Section,
    SessionNumber,
)
from lieguan.minutes.numerals import to_chinese


class _AnySettings(SimpleNamespace):
    """Takes any setting and forgets it; a setting never set reads as an empty dict."""

    def __getattr__(self, name: str) -> dict[str, object]:
        return {}


@pytest.fixture(name="settings")
def no_django_settings() -> SimpleNamespace:
    """Stands in for pytest-django's ``settings`` in the renderer tests.

    The renderers touch neither Django nor the database, and their tests run
    with ``-p no:django``; tests/conftest.py's autouse fixtures (isolated media
    files, fast password hashing) only read and set attributes of ``settings``,
    which this stand-in allows. Each test module imports this fixture.
    """
    return _AnySettings()


FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE_JSON = FIXTURES / "sample_minutes.json"

HOSTILE = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>&amp;'<b>"


def sample() -> Minutes:
    """The fictional 臨海市政府第58次主任秘書會報紀錄: every section kind, four pages."""
    return Minutes.from_dict(json.loads(SAMPLE_JSON.read_text(encoding="utf-8")))


def bureau() -> Minutes:
    """A bureau meeting numbering its sections 一、二、 and ending in 主席裁示事項."""
    return Minutes(
        title="臨海市政府資訊局114年第3次局務會議紀錄",
        organisation="臨海市政府資訊局",
        series="局務會議",
        session=SessionNumber(number=3, year=114),
        date=dt.date(2025, 3, 11),
        start_time=dt.time(14, 0),
        end_time=dt.time(16, 13),
        location="本局第二會議室",
        chair=Chair(name="鄭雅文", title="局長"),
        recorder="周冠宇",
        attendance=Attendance(present="如簽到表"),
        sections=[
            Section(
                label="五",
                kind="chair_directives",
                heading="主席裁示事項",
                conclusions=[
                    Conclusion("智慧路燈案請資安中心於月底前完成弱點掃描。", label="一", tracked=True),
                    Conclusion("同仁特休請妥為安排，以免影響業務。", label="二"),
                ],
            ),
            Section(
                label="六",
                kind="reports",
                heading="業務報告",
                items=[
                    Item(
                        label="一",
                        title="資料開放平臺改版進度",
                        presenter="數據中心",
                        conclusions=[Conclusion("洽悉。")],
                    )
                ],
            ),
        ],
    )


def hostile() -> Minutes:
    """The sample with markup in every string the renderers print."""
    m = sample()
    m.title = HOSTILE + m.title
    m.organisation = HOSTILE
    m.series = HOSTILE
    m.location = HOSTILE
    m.chair = Chair(name=HOSTILE, title=HOSTILE)
    m.recorder = HOSTILE
    m.attendance = Attendance(present=HOSTILE, observers=HOSTILE, excused=HOSTILE)
    for section in m.sections:
        section.label = HOSTILE
        section.heading = HOSTILE
        section.conclusion_heading = HOSTILE
        for c in section.conclusions:
            c.text = HOSTILE + c.text
            c.label = HOSTILE
        for item in section.items:
            item.label = HOSTILE
            item.title = HOSTILE
            item.presenter = HOSTILE
            item.body = HOSTILE
            item.explanation = HOSTILE
            item.proposed_action = HOSTILE
            item.conclusion_heading = HOSTILE
            item.remarks.append(Remark(speaker=HOSTILE, text=HOSTILE, kind=HOSTILE))
            for c in item.conclusions:
                c.text = HOSTILE + c.text
                c.label = HOSTILE
    return m


def long_minutes(items: int = 12) -> Minutes:
    """A document far longer than a page: many items, each with a long remark and several conclusions."""
    m = sample()
    reports = next(s for s in m.sections if s.kind == "reports")
    template = next(i for i in reports.items if len(i.conclusions) > 3)
    for n in range(items):
        extra = copy.deepcopy(template)
        extra.label = to_chinese(n + 6)  # after 五
        extra.title = f"第 {n + 1} 項追加專案報告：{template.title}"
        for c in extra.conclusions:
            c.text = f"【第{n + 1}項】{c.text}"
        reports.items.append(extra)
    return m


FOOTER = re.compile(r"\n?第\s*\d+\s*頁，共\s*\d+\s*頁\s*$")


def pdf_body(pages: list[str]) -> str:
    """The text of PDF pages without their footers, so that a paragraph split by a page break reads whole."""
    return "".join(FOOTER.sub("", page) for page in pages)


def squeeze(text: str) -> str:
    """Text as compared across formats: NFKC, no whitespace at all."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


# ---------------------------------------------------------------- a strategy of our own


def local_minutes_documents() -> st.SearchStrategy[Minutes]:
    """Any Minutes the model can hold, with hostile text: markup, control characters, CJK, newlines.

    Used until tests/minutes/strategies.py (the parser's ``minutes_documents()``)
    exists, and alongside it afterwards: it tries shapes a parser would never
    produce, such as labels with markup and empty titles.
    """
    text = st.text(
        alphabet=st.one_of(
            st.characters(codec="utf-8"),
            st.sampled_from("臨海市政府會議結論（一）、。：「」<>&\"'\n\r\t\x00\x0b\ud800\u2028 "),
        ),
        max_size=60,
    )
    short = st.one_of(st.none(), text)
    label = st.one_of(st.none(), st.sampled_from(["一", "二", "十一", "1", "(3)", "壹", ""]), text)
    conclusion = st.builds(Conclusion, text=text, label=label, tracked=st.booleans())
    remark = st.builds(Remark, speaker=text, text=text, kind=short)
    item = st.builds(
        Item,
        title=text,
        label=label,
        presenter=short,
        body=short,
        explanation=short,
        proposed_action=short,
        remarks=st.lists(remark, max_size=2),
        conclusions=st.lists(conclusion, max_size=4),
        conclusion_heading=short,
    )
    section = st.builds(
        Section,
        label=st.one_of(st.sampled_from(["壹", "貳", "參", "一", "五", ""]), text),
        kind=st.sampled_from(list(SECTION_KINDS)),
        heading=text,
        items=st.lists(item, max_size=3),
        conclusions=st.lists(conclusion, max_size=3),
        conclusion_heading=short,
    )
    dates = st.one_of(st.none(), st.dates(min_value=dt.date(1912, 1, 1), max_value=dt.date(2200, 12, 31)))
    times = st.one_of(st.none(), st.times())
    return st.builds(
        Minutes,
        title=text,
        organisation=short,
        series=short,
        session=st.builds(SessionNumber, number=st.one_of(st.none(), st.integers(1, 9999)), year=st.none()),
        date=dates,
        start_time=times,
        end_time=times,
        location=short,
        chair=st.builds(Chair, name=short, title=short),
        recorder=short,
        attendance=st.builds(Attendance, present=short, observers=short, excused=short),
        sections=st.lists(section, max_size=4),
    )

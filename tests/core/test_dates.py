"""Dates in the reader's language: the ROC calendar in Chinese, the Gregorian one in English (issue 19), while
official documents print ROC dates whatever the reader's language."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import translation

from lieguan.core import dates
from lieguan.core.forms import RocDateField

TAIPEI = zoneinfo.ZoneInfo("Asia/Taipei")
MONDAY = dt.date(2026, 12, 7)
# 02:30 UTC is 10:30 in Taipei: the filters show the local time.
MORNING = dt.datetime(2026, 12, 7, 2, 30, tzinfo=dt.UTC)


def render(source: str, **context) -> str:
    return Template("{% load roc %}" + source).render(Context(context))


def test_a_chinese_reader_reads_roc_dates():
    with translation.override("zh-hant"):
        assert dates.long_date(MONDAY) == "115年12月7日"
        assert dates.short_date(MONDAY) == "115/12/07"
        assert dates.weekday(MONDAY) == "一"
        assert dates.date_time(MORNING) == "115年12月7日（一）10時30分"
        assert dates.month(MONDAY) == "115年12月"
        assert dates.month_short(MONDAY) == "115/12"
        assert dates.half_year(2026, 2) == "115 年下半年"
        assert dates.whole_year(2026) == "115 年度"


def test_an_english_reader_reads_gregorian_dates_with_no_chinese_in_them():
    with translation.override("en"):
        assert dates.long_date(MONDAY) == "7 Dec 2026"
        assert dates.short_date(MONDAY) == "2026-12-07"
        assert dates.weekday(MONDAY) == "Mon"
        assert dates.date_time(MORNING) == "Mon 7 Dec 2026, 10:30"
        assert dates.month(MONDAY) == "Dec 2026"
        assert dates.month_short(MONDAY) == "2026-12"
        assert dates.half_year(2026, 1) == "first half of 2026"
        assert dates.whole_year(2026) == "2026"


def test_a_job_with_no_language_writes_the_default_language():
    with translation.override(None):
        assert dates.long_date(MONDAY) == "115年12月7日"


def test_an_aware_moment_is_read_on_taipeis_calendar():
    # 20:00 UTC on the 6th is already the 7th in Taipei.
    late = dt.datetime(2026, 12, 6, 20, 0, tzinfo=dt.UTC)
    with translation.override("en"):
        assert dates.long_date(late) == "7 Dec 2026"
    assert late.astimezone(TAIPEI).date() == MONDAY


@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh-hant", "115年12月7日｜115/12/07｜115年12月7日（一）10時30分｜一"), ("en", "7 Dec 2026｜2026-12-07｜Mon 7 Dec 2026, 10:30｜Mon")],
)
def test_the_page_filters_follow_the_reader(language, expected):
    with translation.override(language):
        shown = render("{{ d|roc_date }}｜{{ d|roc_short }}｜{{ t|roc_datetime }}｜{{ d|roc_weekday }}", d=MONDAY, t=MORNING)
    assert shown == expected


def test_an_official_document_prints_the_roc_date_for_an_english_reader_too():
    with translation.override("en"):
        assert render("{{ t|document_datetime }}", t=MORNING) == "115年12月7日（一）10時30分"


def test_a_date_field_shows_the_readers_calendar_and_reads_both():
    field = RocDateField()
    with translation.override("en"):
        assert field.prepare_value(MONDAY) == "2026-12-07"
        assert field.clean("2026-12-07") == MONDAY
        assert field.clean("115/12/7") == MONDAY
    with translation.override("zh-hant"):
        assert field.prepare_value(MONDAY) == "115/12/07"
        assert field.clean("2026-12-07") == MONDAY

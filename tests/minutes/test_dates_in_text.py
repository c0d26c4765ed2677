"""Dates and clock times in running text (the additions to ``rocdate``: find_date_mentions, parse_clock)."""

from __future__ import annotations

import datetime as dt

import pytest

from lieguan.minutes.rocdate import find_date_mentions, parse_clock


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("民國 111 年 9 月 22 日 10 時", [(2022, 9, 22)]),
        ("中華民國九十二年五月二十二日下午", [(2003, 5, 22)]),
        ("一一四年一月八日前", [(2025, 1, 8)]),
        ("預定9月29日正式啟用，11月26日投票", [(None, 9, 29), (None, 11, 26)]),
        ("2020-12-22 09:00:00", [(2020, 12, 22)]),
        ("111/9/22", [(2022, 9, 22)]),
        ("第 13 屆第 8 次定期大會，2 月 30 日", []),
        ("列管編號 223-1、113 年度預算", []),
    ],
)
def test_find_date_mentions(text: str, found: list[tuple[int | None, int, int]]) -> None:
    assert [(m.year, m.month, m.day) for m in find_date_mentions(text)] == found


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("10 時 00 分", dt.time(10, 0)),
        ("下午 2 時", dt.time(14, 0)),
        ("下午二時三十分", dt.time(14, 30)),
        ("上午十時", dt.time(10, 0)),
        ("中午 12 時 10 分", dt.time(12, 10)),
        ("晚上 7 時半", dt.time(19, 30)),
        ("（11:44）", dt.time(11, 44)),
        ("3 小時", None),
        ("25 時", None),
    ],
)
def test_parse_clock(text: str, time: dt.time | None) -> None:
    found = parse_clock(text)
    assert (found[0] if found else None) == time


def test_a_yearless_date_is_placed_near_the_meeting() -> None:
    [january] = find_date_mentions("1月8日前")
    assert january.resolve(dt.date(2024, 12, 17)) == dt.date(2025, 1, 8)
    [december] = find_date_mentions("12月15日第2121次市政會議")
    assert december.resolve_past(dt.date(2021, 1, 5)) == dt.date(2020, 12, 15)

"""Explicit due dates, resolved against the meeting date; event dates are not deadlines."""

from __future__ import annotations

import datetime as dt

import pytest

from lieguan.minutes.deadlines import add_months, find_deadlines

D = dt.date


@pytest.mark.parametrize(
    ("text", "meeting", "expected"),
    [
        ("請資訊局列管之2案，務必於9月底前完成契約延長。", D(2021, 9, 23), [("9月底前", D(2021, 9, 30))]),
        ("請工務處於6月底前完成。", D(2021, 6, 17), [("6月底前", D(2021, 6, 30))]),
        ("有關資訊局偕同教育局於 111 年底前辦理教育訓練一事。", D(2022, 9, 22), [("111年底前", D(2022, 12, 31))]),
        ("持續列管至 115 年底北水處完成開發後，再行解列。", D(2024, 12, 17), [("115年底", D(2026, 12, 31))]),
        ("請於今年底前完成盤點。", D(2021, 6, 17), [("今年底前", D(2021, 12, 31))]),
        ("請於年底前完成盤點。", D(2021, 6, 17), [("年底前", D(2021, 12, 31))]),
        ("請於今（111）年底前完成盤點。", D(2022, 3, 1), [("今（111）年底前", D(2022, 12, 31))]),
        ("請於明年底前完成。", D(2022, 3, 1), [("明年底前", D(2023, 12, 31))]),
        ("請各單位於 114 年 1 月 8 日前辦理完成。", D(2024, 12, 17), [("114年1月8日前", D(2025, 1, 8))]),
        ("請各單位於 1 月 8 日前辦理完成。", D(2024, 12, 17), [("1月8日前", D(2025, 1, 8))]),
        ("113 年度預算支付截止日期為 114 年 1 月 15 日。", D(2024, 12, 17), [("114年1月15日", D(2025, 1, 15))]),
        ("請於三個月內完成改善。", D(2021, 11, 30), [("三個月內", D(2022, 2, 28))]),
        ("請於3個月內完成改善。", D(2021, 9, 23), [("3個月內", D(2021, 12, 23))]),
        ("請於二週內回報清冊。", D(2003, 5, 22), [("二週內", D(2003, 6, 5))]),
        ("請於 10 日內函復。", D(2024, 1, 2), [("10日內", D(2024, 1, 12))]),
        ("請於本月底前完成。", D(2024, 12, 24), [("本月底前", D(2024, 12, 31))]),
        ("請於下月底前完成。", D(2024, 12, 24), [("下月底前", D(2025, 1, 31))]),
        ("請於下週五前提出改善計畫。", D(2024, 12, 24), [("下週五前", D(2025, 1, 3))]),
        ("請各機關於10月5日提出清冊。", D(2021, 9, 23), [("10月5日", D(2021, 10, 5))]),
        ("請於十二月三十一日前完成。", D(2021, 9, 23), [("十二月三十一日前", D(2021, 12, 31))]),
        ("請於 3 月中旬前完成。", D(2024, 1, 2), [("3月中旬前", D(2024, 3, 20))]),
    ],
)
def test_deadlines(text: str, meeting: dt.date, expected: list[tuple[str, dt.date]]) -> None:
    assert [(d.text, d.date) for d in find_deadlines(text, meeting)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "本市政大樓聯合服務中心預定9月29日正式啟用。",
        "11月26日除地方公職人員選舉外，亦有公民複決投票。",
        "台北熊好券將於 10 月 8 日正式上路。",
        "明日市政會議本局將進行獻獎。",
        "12 月 24 日於公訓處辦理成果發表會。",
        "下載 113 年 11 月 1 日當日財產資料。",
        "市府治理中心預計於本月底完工。",
        "年底將屆，請把握自身權益。",
        "切勿於年底結算時有剩餘數過多情形。",
        "本府各機關契約不可中斷案件截至9月15日前執行情形。",
        "短期（一年內）及中長期（三年）可推動的政策。",
        "近三個月內發生 2 件。",
        "務必徹底檢討。",
        "111 至 115 年每年規劃報廢車輛數。",
    ],
)
def test_dates_that_ask_nothing_of_anyone(text: str) -> None:
    assert find_deadlines(text, D(2022, 9, 22)) == []


def test_working_days_are_left_to_the_working_day_calendar_and_reported() -> None:
    warnings: list[str] = []
    assert find_deadlines("請於 3 個工作日內完成補派車填報。", D(2022, 9, 22), warnings=warnings) == []
    assert warnings == ["「3個工作日內」以工作日計算，須依政府行事曆換算，未列為期限"]


def test_each_deadline_once_in_order() -> None:
    text = "請於 6 月底前完成；另請於 114 年 1 月 8 日前及 6 月底前回報。"
    assert [d.text for d in find_deadlines(text, D(2024, 12, 17))] == ["6月底前", "114年1月8日前"]


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [(D(2021, 1, 31), 1, D(2021, 2, 28)), (D(2024, 1, 31), 1, D(2024, 2, 29)), (D(2024, 11, 15), 3, D(2025, 2, 15))],
)
def test_add_months(start: dt.date, months: int, end: dt.date) -> None:
    assert add_months(start, months) == end


class _WeekdaysOnly:
    """A working-day calendar that knows only weekends, enough to see the deadline counted by it."""

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        day = start
        while days:
            day += dt.timedelta(days=1)
            days -= day.weekday() < 5
        return day


def test_working_days_are_counted_by_the_calendar_when_there_is_one() -> None:
    found = find_deadlines("請於 3 個工作日內回復。", D(2024, 12, 19), working_days=_WeekdaysOnly())
    assert [(d.text, d.date) for d in found] == [("3個工作日內", D(2024, 12, 24))]


def test_working_days_counted_from_an_event_are_not_a_deadline_even_with_a_calendar() -> None:
    warnings: list[str] = []
    text = "若屬臨時緊急調派，亦請於派車事實發生後 3 個工作日內完成補派車填報。"
    assert find_deadlines(text, D(2022, 9, 22), warnings=warnings, working_days=_WeekdaysOnly()) == []
    assert warnings == ["「3個工作日內」自文中所述的事件起算，不是會議日期，未列為期限"]

"""The head of the minutes: title parts, date and time, chair, and the fields around them."""

from __future__ import annotations

import datetime as dt

import pytest

from lieguan.minutes.errors import NotMinutesError
from lieguan.minutes.parser import parse_text
from lieguan.minutes.parser.header import parse_title, split_chair


@pytest.mark.parametrize(
    ("title", "organisation", "series", "number", "year"),
    [
        ("北辰市政府第 224 次主任秘書會報紀錄", "北辰市政府", "主任秘書會報", 224, None),
        ("北辰市政府秘書處第101次處務會議紀錄", "北辰市政府秘書處", "處務會議", 101, None),
        ("北辰市政府資訊局 113 年第 12 次局務會議紀錄", "北辰市政府資訊局", "局務會議", 12, 113),
        ("東籬縣政府第五一二次縣務會議紀錄", "東籬縣政府", "縣務會議", 512, None),
        ("南嶺市政府一一三年度第三次業務檢討會議紀錄", "南嶺市政府", "業務檢討會議", 3, 113),
        ("北辰市議會第 5 屆第 3 次定期大會第 12 次會議紀錄", "北辰市議會", "第5屆第3次定期大會", 12, None),
        ("南嶺市都市計畫委員會第 812 次委員會議紀錄", "南嶺市都市計畫委員會", "委員會議", 812, None),
        ("北辰市政府市政會議紀錄", "北辰市政府", "市政會議", None, None),
        ("北辰市政府研考會工作會報紀錄", "北辰市政府研考會", "工作會報", None, None),
        ("研商公共自行車營運事宜會議紀錄", None, "研商公共自行車營運事宜會議", None, None),
        ("北辰市政府第 9 次市政會議紀錄（修正本）", "北辰市政府", "市政會議", 9, None),
    ],
)
def test_title_parts(title: str, organisation: str | None, series: str, number: int | None, year: int | None) -> None:
    parts = parse_title(title)
    assert (parts.organisation, parts.series, parts.session.number, parts.session.year) == (organisation, series, number, year)


@pytest.mark.parametrize(
    ("value", "name", "title"),
    [
        ("陳志銘秘書長", "陳志銘", "秘書長"),
        ("陳志銘 秘書長", "陳志銘", "秘書長"),
        ("陳志銘", "陳志銘", None),
        ("黃副主任委員景茂", "黃景茂", "副主任委員"),
        ("周市長文德", "周文德", "市長"),
        ("秘書長陳志銘", "陳志銘", "秘書長"),
        ("王美玲主任委員", "王美玲", "主任委員"),
        ("秘書長", None, "秘書長"),
        ("趙式隆局長（李副局長代理）", "趙式隆", "局長"),
    ],
)
def test_chair_name_and_title(value: str, name: str | None, title: str | None) -> None:
    chair = split_chair(value)
    assert (chair.name, chair.title) == (name, title)


def _head(*fields: str) -> str:
    return "\n".join(["北辰市政府第 3 次處務會議紀錄", *fields, "壹、報告事項", "散會"])


@pytest.mark.parametrize(
    ("field", "date", "time"),
    [
        ("時間：民國 111 年 9 月 22 日 10 時 00 分", dt.date(2022, 9, 22), dt.time(10, 0)),
        ("時間：110年9月23日10時0分", dt.date(2021, 9, 23), dt.time(10, 0)),
        ("時間：113 年 12 月 17 日下午 2 時", dt.date(2024, 12, 17), dt.time(14, 0)),
        ("時間：中華民國九十二年五月二十二日下午二時三十分", dt.date(2003, 5, 22), dt.time(14, 30)),
        ("時間：111年9月22日（星期四）上午10時至12時", dt.date(2022, 9, 22), dt.time(10, 0)),
        ("開會時間：2020-12-22 09:00:00", dt.date(2020, 12, 22), dt.time(9, 0)),
        ("時間：111/9/22 中午 12 時 30 分", dt.date(2022, 9, 22), dt.time(12, 30)),
        ("時間：111 年 9 月 22 日晚上 7 時半", dt.date(2022, 9, 22), dt.time(19, 30)),
    ],
)
def test_meeting_date_and_start(field: str, date: dt.date, time: dt.time) -> None:
    m = parse_text(_head(field, "主席：王志明"))
    assert (m.date, m.start_time) == (date, time)


def test_date_and_time_in_separate_fields() -> None:
    m = parse_text(_head("開會日期：113 年 12 月 24 日（星期二）", "開會時間：上午 9 時", "主席：王志明"))
    assert (m.date, m.start_time) == (dt.date(2024, 12, 24), dt.time(9, 0))


def test_chair_and_recorder_on_one_line_and_numbered_fields() -> None:
    m = parse_text(
        _head("一、時間：113 年 1 月 2 日", "二、地點：第一會議室", "三、主席：王志明局長 紀錄：李美玲", "四、出席人員（如簽到表）")
    )
    assert (m.chair.name, m.chair.title, m.recorder, m.location) == ("王志明", "局長", "李美玲", "第一會議室")
    assert m.attendance.present == "如簽到表"
    assert [s.label for s in m.sections] == ["壹"]


def test_attendance_spread_over_several_lines() -> None:
    m = parse_text(_head("主席：王志明", "出席：王委員大明、李委員小華、", "陳委員怡如", "列席", "資訊局", "秘書處", "請假：張委員美玲"))
    assert (m.attendance.present, m.attendance.observers, m.attendance.excused) == (
        "王委員大明、李委員小華、陳委員怡如",
        "資訊局\n秘書處",
        "張委員美玲",
    )


def test_a_date_without_a_year_is_left_out_and_reported() -> None:
    m = parse_text(_head("時間：9 月 22 日上午 10 時", "主席：王志明"))
    assert (m.date, m.start_time) == (None, dt.time(10, 0))
    assert any("沒有年份" in w for w in m.warnings)


@pytest.mark.parametrize(
    ("end", "time"),
    [
        ("散會（11時44分）", dt.time(11, 44)),
        ("散會：下午4時13分", dt.time(16, 13)),
        ("散會 (上午 11 時 12 分)", dt.time(11, 12)),
        ("陸、散會", None),
        ("下午五時二十分散會。", dt.time(17, 20)),
        ("六、 散會：中午12時", dt.time(12, 0)),
    ],
)
def test_adjournment(end: str, time: dt.time | None) -> None:
    m = parse_text("\n".join(["北辰市政府第 3 次處務會議紀錄", "主席：王志明", "紀錄：李美玲", "壹、報告事項", end, "附件：簽到表"]))
    assert m.end_time == time
    assert [s.label for s in m.sections] == ["壹"], "散會 is no section, and what follows it is no part of the minutes"


def test_previous_minutes_from_the_heading() -> None:
    m = parse_text(
        _head("時間：民國 111 年 9 月 22 日", "主席：王志明").replace(
            "壹、報告事項", "壹、宣讀本府 111 年 8 月 24 日第 223 次主任秘書會報紀錄"
        )
    )
    assert m.previous_minutes is not None
    assert (m.previous_minutes.session, m.previous_minutes.date) == (223, dt.date(2022, 8, 24))
    assert m.sections[0].kind == "previous_minutes"


def test_previous_minutes_not_stated_are_inferred_only_from_上次() -> None:
    m = parse_text(_head("主席：王志明").replace("壹、報告事項", "壹、確認上次會議紀錄"))
    assert m.previous_minutes is not None and m.previous_minutes.session == 2
    assert any("推定為第 2 次" in w for w in m.warnings)


def test_a_meeting_notice_is_not_minutes() -> None:
    notice = "北辰市政府開會通知單\n開會事由：研商公共自行車營運事宜\n時間：113年4月9日上午9時30分\n地點：第三會議室\n主持人：高副局長志遠"
    with pytest.raises(NotMinutesError, match="開會通知單"):
        parse_text(notice)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n\n",
        "北辰市政府秘書處 113 年上半年工作報告\n壹、重要業務執行成果\n一、文書管理",
        "這是一封信。\n敬請查照。",
    ],
)
def test_documents_without_the_head_of_minutes_are_refused(text: str) -> None:
    with pytest.raises(NotMinutesError):
        parse_text(text)


def test_a_title_on_two_lines() -> None:
    m = parse_text("北辰市議會第 5 屆第 3 次定期大會\n第 12 次會議紀錄\n時間：113年1月2日\n主席：林議長大同\n壹、報告事項\n散會")
    assert m.title == "北辰市議會第 5 屆第 3 次定期大會第 12 次會議紀錄"
    assert (m.organisation, m.series, m.session.number) == ("北辰市議會", "第5屆第3次定期大會", 12)


def test_minutes_copied_from_a_web_page() -> None:
    page = """跳到主要內容區塊

    南嶺市政府第 305 次市政會議

    發文機關

    南嶺市政府秘書處

    開會日期

    2023-03-14 09:30:00

    開會地點

    市政大樓 10 樓大禮堂

    主席

    吳怡君

    紀錄

    郭家豪

    壹、宣讀本府 3 月 7 日第 304 次市政會議紀錄。
    主席裁示:紀錄確定。
    """
    m = parse_text(page)
    assert (m.title, m.organisation, m.series, m.session.number) == ("南嶺市政府第 305 次市政會議", "南嶺市政府", "市政會議", 305)
    assert (m.date, m.start_time, m.location) == (dt.date(2023, 3, 14), dt.time(9, 30), "市政大樓 10 樓大禮堂")
    assert (m.chair.name, m.recorder) == ("吳怡君", "郭家豪")
    assert m.previous_minutes is not None
    assert (m.previous_minutes.session, m.previous_minutes.date) == (304, dt.date(2023, 3, 7))


def test_a_flattened_header_table_row_with_two_fields_and_no_colons() -> None:
    m = parse_text(_head("時間 113 年 1 月 2 日", "主　　席 黃副主任委員景茂 紀　　錄 蔡宜蓁", "地點 第一會議室"))
    assert (m.chair.name, m.chair.title, m.recorder, m.location) == ("黃景茂", "副主任委員", "蔡宜蓁", "第一會議室")


def test_a_colon_after_the_first_field_keeps_later_field_words_in_its_value() -> None:
    m = parse_text(_head("時間：113 年 1 月 2 日", "出席：各局處主管 列席 人員另詳簽到表", "主席：王志明"))
    assert m.attendance.present == "各局處主管 列席 人員另詳簽到表"

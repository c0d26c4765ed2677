"""What minutes from many bodies do that the seeds never did, each shown on an invented document.

Committees and councils write their minutes otherwise than a city's bureaus:
the recorder on the chair's line, the end in the time range, decisions called
大會決議 or 議決, bills in tables, parts numbered 甲、乙、丙, page marks in the
middle of the text, deadlines counted from the meeting. Every document here is
made up (北辰市, 東籬縣, 南嶺市); none is taken from the shared corpus.
"""

from __future__ import annotations

import datetime as dt

import pytest

from lieguan.minutes.deadlines import find_deadlines
from lieguan.minutes.model import Minutes
from lieguan.minutes.parser import parse_text


def conclusions(m: Minutes) -> list[str]:
    return [c.text for c in m.all_conclusions()]


def council(body: str, head: str = "") -> str:
    """A council sitting's minutes with ``head`` among its fields and ``body`` after them."""
    return (
        "東籬縣議會第 3 屆第 2 次定期大會第 7 次會議紀錄\n"
        "時間：中華民國 110 年 5 月 4 日上午 9 時\n"
        "地點：本會議事廳\n"
        f"{head}"
        "主席：林議長文雄\n"
        "紀錄：周美玲\n"
        f"{body}"
    )


# ---------------------------------------------------------------- the recorder


@pytest.mark.parametrize("word", ["記錄彙整", "彙整", "紀錄", "記錄"])
def test_the_recorder_written_on_the_chairs_line_is_the_recorder(word: str) -> None:
    m = parse_text(
        "南嶺市都市計畫委員會第 801 次委員會議紀錄\n"
        "時間：中華民國 101 年 3 月 8 日上午 9 時\n"
        "地點：市政大樓本會會議室\n"
        f"主席：王兼主任委員大同                {word}：陳小華\n"
        "出席委員：李委員明 張委員華\n"
        "壹、討論事項\n"
        "一、變更南嶺市某區道路用地案\n"
        "決議：照案通過。\n"
    )
    assert m.recorder == "陳小華"
    assert m.chair.name is not None and "陳小華" not in m.chair.name


def test_the_keeper_of_the_verbatim_record_listed_under_the_observers_is_the_recorder() -> None:
    m = parse_text(
        "北辰市議會第 9 屆第 1 次臨時大會第 2 次會議紀錄\n"
        "時間：109年3月2日下午2時30分\n"
        "地點：本會議事廳\n"
        "列席：\n"
        "  市政府：\n"
        "    秘書長：吳志成\n"
        "  本會：\n"
        "    秘書長：趙一德               議事組主任：錢二明\n"
        "                                 總紀錄：孫三平\n"
        "主席：李議長四維\n"
        "甲、報告事項\n"
        "壹、秘書長報告出席議員已足法定人數\n"
        "乙、討論事項\n"
        "壹、審議市府提案\n"
        "決議：照案通過。\n"
    )
    assert m.recorder == "孫三平"


@pytest.mark.parametrize("opening", ["主席宣布開會", "主席宣佈開會", "主席宣告開議"])
def test_the_opening_run_into_the_recorders_line_is_no_part_of_the_name(opening: str) -> None:
    m = parse_text(
        "第 2 次會議紀錄\n"
        "時間：中華民國 105 年 11 月 1 日 10 時 05 分\n"
        "地點：本會議事堂\n"
        "主席：王副議長小明\n"
        f"紀錄：吳美華{opening}\n"
        "甲、報告事項\n"
        "一、秘書長報告出席議員已足開會法定人數。\n"
        "乙、討論事項\n"
        "一、討論一般議案。\n"
        "決議：一般議案 12 案均照案通過。\n"
        "散會：11 時 20 分\n"
    )
    assert m.recorder == "吳美華"
    assert any(opening in w for w in m.warnings)


def test_a_second_line_under_the_chair_does_not_end_the_head() -> None:
    m = parse_text(
        council(
            "一、秘書長報告簽到議員已達法定人數。\n",
            head="",
        ).replace("主席：林議長文雄\n", "主席：林議長文雄\n財政委員會召集人 陳議員大山\n")
    )
    assert m.chair.name == "林文雄"
    assert m.recorder == "周美玲"


# ---------------------------------------------------------------- the end of the meeting


def test_the_end_of_a_time_range_on_the_time_line_is_the_end_when_there_is_no_adjournment() -> None:
    m = parse_text(
        "北辰市議會第 9 屆第 1 次臨時大會第 2 次會議紀錄\n"
        "時間：109年3月2日（星期一）下午2時30分至5時10分\n"
        "地點：本會議事廳\n"
        "主席：李議長四維\n"
        "甲、報告事項\n"
        "壹、主席宣告開會\n"
    )
    assert (m.start_time, m.end_time) == (dt.time(14, 30), dt.time(17, 10))


def test_a_range_from_morning_to_afternoon_ends_in_the_afternoon() -> None:
    text = council("一、秘書長報告簽到議員已達法定人數。\n").replace("上午 9 時", "上午10時59 分至下午4時13分")
    assert parse_text(text).end_time == dt.time(16, 13)


@pytest.mark.parametrize(
    ("line", "end"),
    [
        ("閉會：12 時 15 分 主席：林文雄", dt.time(12, 15)),
        ("丙、散會：下午 7 時 1 分。", dt.time(19, 1)),
        ("肆、散會。（10時40分）", dt.time(10, 40)),
        ("散 會：中午 12 時", dt.time(12, 0)),
    ],
)
def test_the_adjournment_however_it_is_written_gives_the_end(line: str, end: dt.time) -> None:
    m = parse_text(
        council("甲、報告事項\n一、秘書長報告簽到議員已達法定人數。\n乙、討論事項\n一、討論一般議案。\n決議：照案通過。\n" + line + "\n")
    )
    assert m.end_time == end


# ---------------------------------------------------------------- decisions


@pytest.mark.parametrize("word", ["大會決議", "議決", "大會議決", "決 議", "結論", "主席裁定"])
def test_decisions_under_every_label_councils_use_are_conclusions(word: str) -> None:
    m = parse_text(
        council(
            "甲、報告事項\n"
            "一、秘書長報告簽到議員已達法定人數。\n"
            "乙、討論事項\n"
            "一、案由：為修正「東籬縣停車場自治條例」，提請審議。\n"
            f"{word}：交付法規委員會審查。\n"
            "二、案由：為制定「東籬縣路燈管理自治條例」，提請審議。\n"
            f"{word}：照案通過。\n"
        )
    )
    assert conclusions(m) == ["交付法規委員會審查。", "照案通過。"]


def test_a_decision_numbered_on_its_labels_line_keeps_each_part() -> None:
    m = parse_text(
        council(
            "甲、討論事項\n"
            "一、討論春節連續假日交通疏導問題。\n"
            "大會決議：(一)縣政府應提出特別方案加以因應。\n"
            "(二)轉運站之位置應重新檢討。\n"
            "(三)接駁路網應予整體規劃。\n"
        )
    )
    assert [(c.label, c.text) for c in m.all_conclusions()] == [
        ("一", "縣政府應提出特別方案加以因應。"),
        ("二", "轉運站之位置應重新檢討。"),
        ("三", "接駁路網應予整體規劃。"),
    ]


def test_each_part_of_a_budget_decided_on_its_own_line_is_a_conclusion_with_its_rider() -> None:
    m = parse_text(
        council(
            "甲、討論事項\n"
            "一、案由：請審議 111 年度東籬縣地方總預算案。\n"
            "決議：罰款及賠償收入：除第 3 項擱置外，其餘照案通過。\n"
            "附帶決議：違規罰款執行數應達預算數 2 倍。\n"
            "第 27 頁至第 41 頁\n"
            "規費收入：照案通過。\n"
            "財產收入：照案通過。\n"
        )
    )
    assert len(conclusions(m)) == 4
    assert conclusions(m)[1].startswith("違規罰款執行數應達預算數 2 倍。")
    assert conclusions(m)[2:] == ["規費收入：照案通過。", "財產收入：照案通過。"]


def test_an_outcome_in_brackets_after_an_item_is_its_conclusion() -> None:
    m = parse_text(
        council("甲、報告事項\n壹、報告今日議程(予以確定)\n乙、決定事項\n一、主席提議延長開會時間至下午 7 時，請同意案。\n(無異議通過)\n")
    )
    items = [i for s in m.sections for i in s.items]
    assert items[0].title == "報告今日議程"
    assert [c.text for c in items[0].conclusions] == ["予以確定"]
    assert [c.text for c in items[1].conclusions] == ["(無異議通過)"]


def test_a_table_of_bills_drawn_with_bars_gives_an_item_and_a_conclusion_per_bill() -> None:
    m = parse_text(
        council(
            "甲、二讀會\n"
            "壹、審議議員提案\n"
            "|案號   |案由                |審查意見     |議決        |備註       |\n"
            "|20011  |為改善校園周邊交通安|同意。       |照審查意見通|           |\n"
            "|       |全，建請教育局112年 |             |過。        |           |\n"
            "|       |底前完成通學步道。  |             |            |           |\n"
            "|20012  |建請增設公共托嬰中心|請縣府研議。 |暫擱        |           |\n"
            "|       |。                  |             |            |           |\n"
        )
    )
    items = [i for s in m.sections for i in s.items]
    decided = [(i.title, [c.text for c in i.conclusions]) for i in items if i.conclusions]
    assert decided == [
        ("為改善校園周邊交通安全，建請教育局112年底前完成通學步道", ["照審查意見通過。"]),
        ("建請增設公共托嬰中心", ["暫擱"]),
    ]
    # Adopted as reviewed, the bill's own deadline becomes the meeting's.
    assert [(d.text, d.date) for d in m.deadlines] == [("112年底前", dt.date(2023, 12, 31))]


def test_a_table_of_bills_flattened_one_cell_per_line_gives_an_item_per_bill() -> None:
    m = parse_text(
        council(
            "甲、一讀會\n"
            "壹、宣讀提案交付審查\n"
            "案號\n"
            "案由\n"
            "議決\n"
            "20047\n"
            "為修正「東籬縣公園管理自治條例」一案，敬請審議。\n"
            "交付法規委員會審查\n"
            "20048\n"
            "檢送「東籬縣公車票價調整報告」，敬請審議。\n"
            "暫擱\n"
        )
    )
    decided = [(i.title, [c.text for c in i.conclusions]) for s in m.sections for i in s.items if i.conclusions]
    assert decided == [
        ("為修正「東籬縣公園管理自治條例」一案，敬請審議", ["交付法規委員會審查"]),
        ("檢送「東籬縣公車票價調整報告」，敬請審議", ["暫擱"]),
    ]


def test_a_decision_cell_of_a_petition_table_is_a_conclusion_and_the_next_rows_numbers_are_not() -> None:
    m = parse_text(
        "南嶺市都市計畫委員會第 801 次委員會議紀錄\n"
        "時間：中華民國 101 年 3 月 8 日上午 9 時\n"
        "地點：市政大樓本會會議室\n"
        "主席：王兼主任委員大同\n"
        "壹、討論事項\n"
        "討論事項一\n"
        "案名：變更南嶺市某區道路用地案\n"
        "決議：照案通過。\n"
        "編  號１  陳情人 林某某\n"
        "陳 情 理 由 請維持原道路寬度。\n"
        "委 員會決 議 本案照案通過。\n"
        "編  號２  陳情人 張某某\n"
        "1. 請增設人行道。\n"
        "2. 請增設路燈。\n"
    )
    found = conclusions(m)
    assert len(found) == 2
    assert found[0].startswith("照案通過。")
    assert found[1].startswith("本案照案通過。")


# ---------------------------------------------------------------- the parts of a sitting


def test_heavenly_stems_number_the_sections_of_a_sitting_and_the_items_under_them() -> None:
    m = parse_text(
        council(
            "甲、報 告 事 項\n"
            "一、秘書長報告簽到議員已達法定人數。\n"
            "二、宣讀上次會議議事錄。\n"
            "乙、討論事項\n"
            "一、案由：為修正「東籬縣停車場自治條例」，提請審議。\n"
            "決議：照案通過。\n"
            "丙、散會：上午 11 時 56 分\n"
        )
    )
    assert [(s.label, s.kind, len(s.items)) for s in m.sections] == [("甲", "reports", 2), ("乙", "discussions", 1)]
    assert m.end_time == dt.time(11, 56)


def test_a_stem_that_numbers_nothing_is_ordinary_text() -> None:
    m = parse_text(
        "北辰市政府第 30 次市政會議紀錄\n時間：113年1月2日上午9時\n地點：市府大樓\n主席：王市長\n"
        "壹、討論事項\n一、租賃契約修正案。\n會議結論：\n甲、乙雙方同意延長租期一年。\n"
    )
    assert conclusions(m) == ["甲、乙雙方同意延長租期一年。"]


# ---------------------------------------------------------------- header fields and page marks


def test_fields_run_together_on_one_line_are_each_read() -> None:
    m = parse_text(
        "北辰市政府第 5 次防災會報紀錄\n"
        "時間：113年4月1日下午2時 地點：第一會議室\n"
        "主席 王大明 紀錄 李小華\n"
        "壹、報告事項\n一、防汛整備。\n會議結論：洽悉。\n"
    )
    assert (m.location, m.chair.name, m.recorder) == ("第一會議室", "王大明", "李小華")


@pytest.mark.parametrize("mark", ["第 1 頁，共 7 頁", "-3615-", "丁- 156", "第 1/3 頁", "- 2 -"])
def test_page_marks_inside_the_head_and_inside_a_sentence_are_dropped(mark: str) -> None:
    m = parse_text(
        f"{mark}\n"
        "東籬縣議會第 3 屆第 2 次定期大會第 7 次會議紀錄\n"
        "時間：中華民國 110 年 5 月 4 日上午 9 時\n"
        "地點：本會議事廳\n"
        "出席議員：甲議員 乙議員\n"
        f"{mark}\n"
        "列席：縣府各局處首長\n"
        "主席：林議長文雄\n"
        "紀錄：周美玲\n"
        "甲、討論事項\n"
        "一、案由：為修正「東籬縣停車場自治條例」，提請審議。\n"
        "決議：請交通處於下次會議前提出停車費率調整之具體方案，並\n"
        f"{mark}\n"
        "函送本會備查。\n"
    )
    assert m.attendance.observers == "縣府各局處首長"
    assert conclusions(m) == ["請交通處於下次會議前提出停車費率調整之具體方案，並函送本會備查。"]


def test_a_running_head_with_its_page_number_is_dropped_wherever_it_falls() -> None:
    m = parse_text(
        council(
            "甲、討論事項\n"
            "一、案由：審議墊付案。\n"
            "大會議決：\n"
            "第 2 次定期大會 會議紀錄 16\n"
            "均為本會同意墊付。\n"
            "二、案由：追認案報告。\n"
            "第 2 次定期大會 會議紀錄 17\n"
            "大會議決：同意追認。\n"
        )
    )
    assert conclusions(m) == ["均為本會同意墊付。", "同意追認。"]


def test_a_title_that_pdf_extraction_repeated_fragment_by_fragment_is_read_once() -> None:
    stutter = (
        "北辰市議會第\n北辰市議會第\n北辰市議會第\n北辰市議會第2\n\n2屆第\n屆第\n屆第\n屆第6\n"
        "6次臨時會\n次臨時會\n次臨時會\n次臨時會\n第\n第\n第\n第3\n3次會議紀錄\n次會議紀錄\n次會議紀錄\n次會議紀錄\n"
    )
    m = parse_text(stutter + "時間：中華民國 102 年 7 月 31 日上午 10 時\n地點：本會議事廳\n主席：賴議長\n紀錄：王小明\n一、宣布開會。\n")
    assert m.session.number == 3
    assert "北辰市議會第2屆第6次臨時會" in m.title or m.title.endswith("第3次會議紀錄")


# ---------------------------------------------------------------- dates and deadlines


def test_chinese_numeral_dates_and_session_numbers_with_a_circle_for_zero() -> None:
    m = parse_text(
        "南嶺市都市計畫委員會第五三○次委員會議會議紀錄\n"
        "時間：中華民國九十三年六月二十四日上午九時\n"
        "地點：市政大樓本會會議室\n"
        "主席：王兼主任委員大同\n"
        "壹、討論事項\n一、變更某區道路用地案\n決議：照案通過。\n"
    )
    assert (m.session.number, m.date, m.start_time) == (530, dt.date(2004, 6, 24), dt.time(9, 0))


MEETING = dt.date(2012, 10, 18)


@pytest.mark.parametrize(
    ("text", "phrase", "due"),
    [
        ("請交通處於一週內提出改善方案。", "一週內", dt.date(2012, 10, 25)),
        ("本案請發展局於兩星期內邀集相關單位召開協商會議。", "兩星期內", dt.date(2012, 11, 1)),
        ("請工務局於一個月內完成會勘。", "一個月內", dt.date(2012, 11, 18)),
        ("請於101年10月22日開會前送會。", "101年10月22日開會前", dt.date(2012, 10, 22)),
        ("請縣府於年底之前將辦理情形函復本會。", "年底之前", dt.date(2012, 12, 31)),
        ("請各機關於3月底前提報執行情形。", "3月底前", dt.date(2013, 3, 31)),
    ],
)
def test_deadlines_written_relative_to_the_meeting(text: str, phrase: str, due: dt.date) -> None:
    assert [(d.text, d.date) for d in find_deadlines(text, MEETING)] == [(phrase, due)]


def test_a_deadline_before_the_next_sitting_in_a_chair_ruling_is_read_from_the_minutes() -> None:
    m = parse_text(council("甲、主席裁定事項\n一、王議員要求：請交通局提供公車路線調整資料。\n主席裁定：請於110年5月10日開會前送會。\n"))
    assert [(d.text, d.date) for d in m.deadlines] == [("110年5月10日開會前", dt.date(2021, 5, 10))]

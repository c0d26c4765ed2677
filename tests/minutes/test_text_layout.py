"""The official plain-text layout that ``render_text`` writes (the renderer's other formats are tested elsewhere)."""

from __future__ import annotations

import datetime as dt

from lieguan.minutes.model import Attendance, Chair, Conclusion, Item, Minutes, Remark, Section, SessionNumber
from lieguan.minutes.render.text import render_text


def _minutes() -> Minutes:
    return Minutes(
        title="北辰市政府第 8 次處務會議紀錄",
        organisation="北辰市政府",
        series="處務會議",
        session=SessionNumber(8),
        date=dt.date(2022, 9, 22),
        start_time=dt.time(10, 0),
        end_time=dt.time(11, 44),
        location="視訊會議",
        chair=Chair("王志明", "秘書長"),
        recorder="李美玲",
        attendance=Attendance(present="如簽到表", observers="如簽到表"),
        sections=[
            Section(
                "壹",
                "reports",
                "報告事項",
                items=[
                    Item(
                        "公文線上簽核推動情形",
                        label="一",
                        presenter="秘書處",
                        remarks=[Remark("資訊局陳主秘", "系統已完成介接。", "補充說明")],
                        conclusions=[Conclusion("洽悉。")],
                        conclusion_heading="會議結論",
                    ),
                    Item(
                        "資安稽核結果",
                        label="二",
                        conclusions=[Conclusion("請資訊局儘速改善。", "一"), Conclusion("本案列管。", "二", tracked=True)],
                        conclusion_heading="決議",
                    ),
                ],
            ),
            Section("貳", "general_conclusions", "綜合會議結論", conclusions=[Conclusion("請各機關加強宣導。", "一")]),
        ],
    )


def test_the_official_layout() -> None:
    assert render_text(_minutes()).split("\n\n") == [
        "北辰市政府第 8 次處務會議紀錄",
        "時間：民國 111 年 9 月 22 日 10 時 00 分",
        "地點：視訊會議",
        "主席：王志明秘書長",
        "紀錄：李美玲",
        "出席：如簽到表",
        "列席：如簽到表",
        "壹、報告事項",
        "一、公文線上簽核推動情形。（秘書處）",
        "資訊局陳主秘補充說明：系統已完成介接。",
        "會議結論：洽悉。",
        "二、資安稽核結果。",
        "決議：",
        "（一）請資訊局儘速改善。",
        "（二）本案列管。",
        "貳、綜合會議結論",
        "一、請各機關加強宣導。",
        "散會（11 時 44 分）\n",
    ]


def test_fields_that_are_absent_are_left_out() -> None:
    m = Minutes(title="研商公共自行車營運事宜會議紀錄", chair=Chair("王志明"))
    assert render_text(m) == "研商公共自行車營運事宜會議紀錄\n\n主席：王志明\n\n散會\n"

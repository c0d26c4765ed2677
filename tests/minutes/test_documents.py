"""Minutes of other kinds than the seeds (invented documents in fixtures/): each variant the parser must read.

A city council sitting (sections numbered 一、 with Chinese-numeral dates), a
planning committee (flattened header table, 審議事項一 / 案名 / 案情概要說明 /
決議, page furniture in mid-sentence), a county meeting in Markdown (bold
speakers, 第五一二次, OCR slips, ranges and partial decisions), a weekly city
council meeting (頒獎 with remarks, a previous-minutes date without a year,
several presenting agencies), and a work report, which is not minutes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lieguan.minutes.errors import NotMinutesError
from lieguan.minutes.model import Minutes
from lieguan.minutes.parser import parse_file, parse_text

FIXTURES = Path(__file__).parent / "fixtures"


def _parse(name: str) -> Minutes:
    return parse_file(FIXTURES / name)


def test_council_sitting() -> None:
    m = _parse("council_sitting.txt")
    assert (m.organisation, m.series, m.session.number, m.session.year) == ("北辰市議會", "第5屆第3次定期大會", 12, None)
    assert (m.date, m.start_time, m.end_time) == (dt.date(2024, 10, 8), dt.time(10, 0), dt.time(17, 20))
    assert (m.chair.name, m.chair.title, m.recorder, m.location) == ("林大同", "議長", "議事組", "本會議事廳")
    assert m.attendance.observers == "北辰市政府市長周文德、副市長高志遠、秘書長陳怡如及各局處首長"
    assert [(s.label, s.kind) for s in m.sections] == [
        ("一", "previous_minutes"),
        ("二", "reports"),
        ("三", "other"),
        ("四", "discussions"),
        ("五", "motions"),
    ]
    assert m.previous_minutes is not None and m.previous_minutes.session == 11
    assert m.sections[0].conclusion_heading == "決定"
    reports = m.sections[1].items
    assert [(i.label, i.presenter, [r.speaker for r in i.remarks]) for i in reports] == [
        ("一", None, ["市長"]),
        ("二", "工務局", ["工務局局長"]),
    ]
    first, second = m.sections[3].items
    assert first.presenter == "張議員美玲"
    assert first.title == "本會議員提案第 15 號，建請市府於北辰河沿岸增設自行車道案"
    assert (first.explanation, first.proposed_action) == ("北辰河沿岸每逢假日遊客眾多，現有步道人車爭道。", "請市府規劃沿岸自行車道。")
    assert [(c.label, c.text) for c in second.conclusions] == [
        ("1", "修正通過。"),
        ("2", "請交通局於 114 年 3 月底前提出營運評估報告。"),
    ]
    assert m.sections[4].items == []
    assert [(d.text, d.date) for d in m.deadlines] == [("三個月內", dt.date(2025, 1, 8)), ("114年3月底前", dt.date(2025, 3, 31))]


def test_planning_committee_with_a_flattened_header_table_and_page_furniture() -> None:
    m = _parse("planning_committee.txt")
    assert (m.organisation, m.series, m.session.number) == ("南嶺市都市計畫委員會", "委員會議", 812)
    assert (m.date, m.start_time, m.end_time) == (dt.date(2024, 5, 16), dt.time(14, 30), dt.time(17, 10))
    assert (m.chair.name, m.chair.title, m.recorder) == ("黃景茂", "副主任委員", "蔡宜蓁")
    assert (m.attendance.present, m.attendance.observers) == ("詳簽到簿", "詳簽到簿")
    assert [(s.label, s.kind) for s in m.sections] == [("壹", "previous_minutes"), ("貳", "discussions"), ("參", "discussions")]
    assert m.previous_minutes is not None and (m.previous_minutes.session, m.previous_minutes.date) == (811, None)
    first, second = m.sections[1].items
    assert (first.label, first.title) == ("一", "變更南嶺市東區部分住宅區為公園用地細部計畫案")
    assert first.explanation == (
        "一、本案係市府依都市計畫法第 27 條第 1 項第 4 款辦理。\n"
        "二、公開展覽期間共收到公民或團體陳情意見 3 件，經市府逐案研析後彙整如附表。"
    )
    assert [(c.label, c.tracked) for c in first.conclusions] == [("一", False), ("二", False), ("三", True)]
    assert (second.label, second.title) == ("二", "變更南嶺市西區倉儲區為商業區主要計畫案")
    assert [i.presenter for i in m.sections[2].items] == ["都市發展局"]
    assert [(d.text, d.date) for d in m.deadlines] == [
        ("113年7月31日前", dt.date(2024, 7, 31)),
        ("三個月內", dt.date(2024, 8, 16)),
    ]
    assert any("分頁" in w for w in m.warnings)


def test_county_meeting_in_markdown() -> None:
    m = _parse("county_affairs.md")
    assert (m.organisation, m.series, m.session.number) == ("東籬縣政府", "縣務會議", 512)
    assert (m.date, m.start_time, m.end_time) == (dt.date(2003, 5, 22), dt.time(14, 30), dt.time(16, 10))
    assert (m.chair.name, m.chair.title, m.recorder) == ("鄭國樑", "縣長", "謝淑芬")
    assert [(s.label, s.kind) for s in m.sections] == [
        ("壹", "previous_minutes"),
        ("貳", "reports"),
        ("參", "motions"),
        ("肆", "chair_directives"),
    ]
    flood = m.sections[1].items[1]
    assert [(r.speaker, r.kind) for r in flood.remarks] == [("工務處林處長", "補充說明"), ("消防局吳局長", "補充說明")]
    assert flood.remarks[1].text == "(一) 防災演練已辦理 5 場。\n(二) 救災裝備盤點完成。"
    [oral] = m.sections[2].items
    assert (oral.label, oral.presenter, oral.remarks[0].kind) == (None, "農業處", "口頭報告")
    assert [(d.case, d.decision, d.part) for d in m.case_decisions] == [
        ("511-1", "release", None),
        ("511-2", "release", None),
        ("511-3", "release", None),
        ("510-4", "continue", "文化局"),
        ("511-4", "continue", None),
        ("510-4", "release", "觀光局"),
        *[(f"5080{n}", "release", None) for n in range(1, 6)],
    ]
    assert not any(c.tracked for c in m.all_conclusions()), "縣長承諾案件列管情形 mentions tracking, it does not start it"
    assert [(d.text, d.date) for d in m.deadlines] == [("6月底前", dt.date(2003, 6, 30)), ("二週內", dt.date(2003, 6, 5))]
    assert any("廢續列管" in w for w in m.warnings)
    assert any("工作日" in w for w in m.warnings)


def test_weekly_city_council_meeting() -> None:
    m = _parse("city_council_weekly.txt")
    assert (m.organisation, m.series, m.session.number) == ("北辰市政府", "市政會議", 1888)
    assert (m.date, m.start_time, m.end_time) == (dt.date(2024, 12, 24), dt.time(9, 0), dt.time(11, 5))
    assert (m.chair.name, m.chair.title) == ("周文德", "市長")
    assert [(s.label, s.kind) for s in m.sections] == [
        ("壹", "other"),
        ("貳", "previous_minutes"),
        ("參", "discussions"),
        ("肆", "reports"),
    ]
    [award] = m.sections[0].items
    assert award.title == "表揚本市 113 年度績優志工團隊"
    assert [(r.speaker, r.kind) for r in award.remarks] == [("主席", "致詞"), ("社會局陳局長", "口頭報告")]
    assert m.previous_minutes is not None
    assert (m.previous_minutes.session, m.previous_minutes.date) == (1887, dt.date(2024, 12, 17))
    assert m.sections[1].conclusion_heading == "主席裁示"
    assert [i.presenter for i in m.sections[2].items] == ["交通局、法務局", "主計處"]
    [audit] = m.sections[3].items
    assert audit.conclusions[0].tracked
    assert [(d.text, d.date) for d in m.deadlines] == [
        ("114年1月31日前", dt.date(2025, 1, 31)),
        ("本月底前", dt.date(2024, 12, 31)),
        ("下週五前", dt.date(2025, 1, 3)),
    ]


def test_a_work_report_is_not_minutes() -> None:
    with pytest.raises(NotMinutesError, match=r"不是會議紀錄，看來是一份報告（「.*秘書處 工作報告」）"):
        _parse("work_report.txt")


def test_ad_hoc_meeting_numbered_throughout_with_一() -> None:
    m = _parse("adhoc_meeting.txt")
    assert (m.title, m.organisation, m.series, m.session.number) == (
        "北辰市政府研商公共自行車營運事宜會議紀錄",
        "北辰市政府",
        "研商公共自行車營運事宜會議",
        None,
    )
    assert (m.date, m.start_time, m.end_time) == (dt.date(2024, 4, 9), dt.time(9, 30), dt.time(11, 0))
    assert (m.chair.name, m.chair.title, m.recorder) == ("高志遠", "交通局副局長", "林怡君")
    assert m.attendance.present == "詳簽到單"
    # 說明 numbers its points 一、二、 like the sections: they stay in the explanation.
    assert [(s.label, s.kind, s.heading) for s in m.sections] == [
        ("五", "other", "主席致詞"),
        ("六", "reports", "報告事項"),
        ("七", "discussions", "討論事項"),
        ("八", "motions", "臨時動議"),
    ]
    fare = m.sections[2].items[0]
    assert (fare.title, fare.presenter) == ("研議調整公共自行車費率案", "交通局")
    assert fare.explanation == "一、現行費率自 110 年實施迄今。\n二、擬參考鄰近縣市調整。"
    stations = m.sections[1].items[1]
    assert [(c.label, c.tracked) for c in stations.conclusions] == [("1", False), ("2", True)]
    assert m.sections[3].items == []
    assert [(d.text, d.date) for d in m.deadlines] == [("本年6月底前", dt.date(2024, 6, 30))]


def test_bureau_meeting_numbered_per_year_with_記錄_and_a_running_header_in_a_sentence() -> None:
    m = _parse("bureau_meeting.txt")
    assert (m.title, m.organisation, m.series) == ("北辰市政府環境保護局一一三年度第五次局務會議記錄", "北辰市政府環境保護局", "局務會議")
    assert (m.session.number, m.session.year) == (5, 113)
    assert (m.date, m.start_time, m.end_time) == (dt.date(2024, 5, 7), dt.time(14, 0), dt.time(15, 40))
    assert (m.chair.name, m.chair.title, m.recorder) == ("李明哲", "局長", "王小明")
    assert [(s.label, s.kind) for s in m.sections] == [
        ("五", "other"),
        ("六", "reports"),
        ("七", "reports"),
        ("八", "chair_directives"),
    ]
    # The second clause goes on with the list the first one began (列管案號 … ；11206 …), read through an OCR slip.
    assert [(d.case, d.decision, d.part) for d in m.case_decisions] == [
        ("11204", "release", None),
        ("11205", "release", None),
        ("11206", "continue", "清潔隊"),
    ]
    assert any("列菅" in w for w in m.warnings)
    directives = m.sections[3].conclusions
    assert [(c.label, c.tracked) for c in directives] == [("一", True), ("二", False), ("三", False)]
    # The page number and the running header stood between 彙整後 and 陳核.
    assert directives[1].text == "請各科室於二週內提報節能減碳措施，並由秘書室彙整後陳核。"
    assert [(d.text, d.date) for d in m.deadlines] == [("本年6月底前", dt.date(2024, 6, 30)), ("二週內", dt.date(2024, 5, 21))]


def test_planning_committee_discussions_with_案由_說明_辦法_決議_and_a_header_table_in_rows() -> None:
    m = _parse("planning_discussions.txt")
    assert (m.organisation, m.session.number) == ("南嶺市都市計畫委員會", 813)
    assert (m.date, m.start_time, m.end_time) == (dt.date(2024, 6, 20), dt.time(14, 30), dt.time(17, 10))
    # One table row held two fields without colons: 主席 … 紀錄 ….
    assert (m.chair.name, m.chair.title, m.recorder) == ("黃景茂", "副主任委員", "蔡宜蓁")
    assert m.attendance.observers == "都市發展局、工務局、交通局"
    assert [(s.label, s.kind) for s in m.sections] == [("壹", "previous_minutes"), ("貳", "discussions"), ("參", "motions")]
    assert m.previous_minutes is not None and m.previous_minutes.session == 812
    first, second = m.sections[1].items
    assert (first.label, first.title, first.presenter) == ("一", "變更南嶺市北區部分農業區為產業專用區主要計畫案", "都市發展局")
    assert first.explanation == "一、依據都市計畫法第二十七條第一項第三款辦理。\n二、本案公開展覽期間共收到人民陳情意見五件。"
    assert first.proposed_action == "（一）請委員會審議。\n（二）審議通過後報請內政部核定。"
    assert [(c.label, c.tracked) for c in first.conclusions] == [("一", False), ("二", True)]
    assert (second.label, second.title, second.presenter) == ("二", "南嶺市停車場用地多目標使用檢討案", "交通局")
    assert (second.explanation, second.proposed_action) == ("現有停車場用地多數閒置，擬檢討調整為多目標使用。", "提請討論。")
    assert [c.label for c in second.conclusions] == [None]
    assert m.sections[2].items == []
    assert [(d.text, d.date) for d in m.deadlines] == [("三個月內", dt.date(2024, 9, 20)), ("113年9月30日前", dt.date(2024, 9, 30))]


def test_council_gazette_with_a_table_header_and_page_headers_and_footers_inside_sentences() -> None:
    m = _parse("council_gazette.md")
    assert (m.organisation, m.series, m.session.number) == ("北辰市議會", "第5屆第4次臨時大會", 2)
    assert (m.date, m.start_time, m.end_time) == (dt.date(2024, 12, 3), dt.time(10, 0), dt.time(12, 5))
    assert (m.chair.name, m.chair.title, m.recorder, m.location) == ("林大同", "議長", "議事組", "本會議事廳")
    assert [(s.label, s.kind) for s in m.sections] == [("一", "reports"), ("二", "discussions"), ("三", "motions")]
    [agenda] = m.sections[0].items
    assert agenda.title.endswith("請各位議員踴躍發言")
    law, budget = m.sections[1].items
    assert [(c.label, c.text) for c in law.conclusions] == [
        ("１", "照市府原案通過。"),
        ("２", "請工務局於公布施行後六個月內訂定相關作業規定，並送本會備查。"),
    ]
    assert budget.explanation == "本次追加預算計新臺幣 3 億元，主要用於颱風災後復建工程。"
    # Six months after the law is promulgated runs from an event, not from the meeting.
    assert m.deadlines == []
    assert sum("分頁" in w for w in m.warnings) == 2


def test_ocr_slips_of_錄_and_管_are_read_and_reported() -> None:
    m = parse_text(
        "北辰市政府第3次市政會議紀録\n時間：113年1月2日上午9時\n地點：市府\n主席：周市長文德\n記録：王小明\n"
        "壹、報告事項\n一、列管案件執行情形。（研考會）\n決定：列管編號 2-1 解 除 列 管；2-2 賡續列菅。\n"
    )
    assert (m.title, m.recorder) == ("北辰市政府第3次市政會議紀錄", "王小明")
    assert [(d.case, d.decision) for d in m.case_decisions] == [("2-1", "release"), ("2-2", "continue")]
    assert any("紀録" in w for w in m.warnings) and any("列菅" in w for w in m.warnings)

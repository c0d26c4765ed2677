"""Tables of tracked cases flattened by text conversion are read as the meeting's case decisions."""

from __future__ import annotations

from pathlib import Path

from lieguan.minutes.model import Minutes
from lieguan.minutes.parser import parse_file, parse_text
from lieguan.minutes.parser.case_tables import find_case_tables, read_decision_cell

FIXTURES = Path(__file__).parent / "fixtures"


def _decisions(m: Minutes) -> list[tuple[str, str, str | None]]:
    return [(d.case, d.decision, d.part) for d in m.case_decisions]


def test_a_markdown_pipe_table_gives_one_decision_per_case() -> None:
    m = parse_file(FIXTURES / "case_table_pipe.md")
    # 85-3's decision column says 同意: the proposal column (擬解除列管) is what was agreed.
    assert _decisions(m) == [("86-1", "release", None), ("86-2", "continue", None), ("85-3", "release", None)]
    item = m.sections[0].items[0]
    assert item.title == "上次會議結論事項執行情形"
    assert item.body is not None and "86-2 ｜ 請檢討社區巴士路線" in item.body
    # The table's rows are neither items nor conclusions; the 1. in a cell opens nothing.
    assert [i.label for i in m.sections[0].items] == ["一", "二"]
    assert [c.text for c in item.conclusions] == ["洽悉，依決定欄辦理。"]
    assert m.warnings == []


def test_a_tab_separated_table_with_a_range_a_wrapped_row_and_an_ocr_slip() -> None:
    m = parse_file(FIXTURES / "case_table_tab.txt")
    assert _decisions(m) == [
        ("11201", "release", None),
        ("11202", "continue", None),
        ("11203", "release", None),
        ("11204", "release", None),
        ("11205", "release", None),
    ]
    assert any("廢續列管" in w for w in m.warnings)
    assert [s.heading for s in m.sections] == ["上次會議結論執行情形", "業務報告"]
    assert m.sections[0].items[0].body is not None and "尚待議員協調" in m.sections[0].items[0].body


def test_a_table_flattened_one_cell_per_line() -> None:
    m = parse_file(FIXTURES / "case_table_lines.txt")
    assert _decisions(m) == [
        ("113-2-1", "continue", None),
        ("113-2-2", "release", None),
        ("113-3-1", "release", "交通處"),
        ("113-3-1", "continue", "警察局"),
    ]
    # The first row's progress cell runs over two lines: the columns were placed by guess.
    assert any("依位置推定" in w for w in m.warnings)
    items = m.sections[0].items
    assert [(i.label, i.title) for i in items] == [("一", "歷次會議列管事項辦理情形"), ("二", "農損救助發放情形")]
    assert [c.text for c in items[0].conclusions] == ["洽悉。"]


def test_a_per_agency_decision_in_a_space_separated_table() -> None:
    m = parse_file(FIXTURES / "case_table_agency.txt")
    assert _decisions(m) == [("300-1", "release", "捷運局"), ("300-1", "continue", "地政局"), ("300-2", "release", None)]


def test_a_budget_table_is_not_a_table_of_cases() -> None:
    m = parse_file(FIXTURES / "budget_table.md")
    assert m.case_decisions == []
    assert find_case_tables((FIXTURES / "budget_table.md").read_text(encoding="utf-8")) == []
    assert [c.text for c in m.sections[0].items[0].conclusions] == ["請執行率未達 60% 之機關加速執行。"]


def test_decisions_per_agency_on_separate_rows_of_one_case() -> None:
    text = (
        "東林市政府第5次會報紀錄\n時間：民國 113 年 1 月 5 日上午 9 時\n主席：李大同市長\n壹、報告事項\n"
        "一、列管案件辦理情形（研考會）\n"
        "| 案號 | 案由 | 主辦機關 | 辦理情形 | 決定 |\n|---|---|---|---|---|\n"
        "| 4-2 | 市場改建 | 市場處 | 已完工 | 解除列管 |\n"
        "|  |  | 都發局 | 變更中 | 繼續列管 |\n"
        "會議結論：洽悉。\n"
    )
    m = parse_text(text)
    assert _decisions(m) == [("4-2", "release", "市場處"), ("4-2", "continue", "都發局")]
    assert any("依主辦機關欄逐一對應" in w for w in m.warnings)


def test_an_empty_decision_column_falls_back_to_the_proposal_with_a_warning() -> None:
    text = (
        "東林市政府第6次會報紀錄\n時間：民國 113 年 2 月 5 日上午 9 時\n主席：李大同市長\n壹、報告事項\n"
        "一、列管案件辦理情形（研考會）\n"
        "| 案號 | 案由 | 辦理情形 | 擬辦 | 決定 |\n|---|---|---|---|---|\n"
        "| 5-1 | 圖書館延長開放 | 已實施 | 建議解除列管 |  |\n"
        "會議結論：洽悉。\n"
    )
    m = parse_text(text)
    assert _decisions(m) == [("5-1", "release", None)]
    assert any("依擬辦欄判定" in w for w in m.warnings)


def test_a_decision_cell_reads_parts_negations_and_bracketed_parts() -> None:
    warnings: list[str] = []
    assert read_decision_cell("捷運公司部分解除列管；觀傳局及法務局部分賡續列管", warnings) == [
        ("捷運公司", "release"),
        ("觀傳局及法務局", "continue"),
    ]
    assert read_decision_cell("解除列管（捷運公司部分）", warnings) == [("捷運公司", "release")]
    assert read_decision_cell("不同意解除列管", warnings) == [(None, "continue")]
    assert read_decision_cell("已完成驗收", warnings) == []


def test_a_table_and_a_conclusion_on_the_same_case_give_one_decision() -> None:
    text = (
        "東林市政府第7次會報紀錄\n時間：民國 113 年 3 月 5 日上午 9 時\n主席：李大同市長\n壹、報告事項\n"
        "一、列管案件辦理情形（研考會）\n"
        "列管編號\t案由\t辦理情形\t決定\n7-1\t停車場興建\t完工\t解除列管\n"
        "會議結論：列管編號 7-1 解除列管；7-2 賡續列管。\n"
    )
    assert _decisions(parse_text(text)) == [("7-1", "release", None), ("7-2", "continue", None)]

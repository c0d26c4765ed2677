"""The parser remembers its answers about short texts: what it hands out must stay its own."""

from __future__ import annotations

from lieguan.minutes.parser import parse_text
from lieguan.minutes.parser.memo import SHORT, short_text_cache

_MINUTES = """北辰市政府第 3 次業務會議紀錄

時間：民國 113 年 5 月 2 日 14 時 00 分

主席：王志明

紀錄：李美玲

壹、報告事項

一、資訊局業務報告。

會議結論：列管編號 101-1 案解除列管；請資訊局於 6 月底前完成盤點。

散會
"""


def test_changing_one_parse_result_leaves_the_next_parse_of_the_same_text_alone() -> None:
    first = parse_text(_MINUTES)
    assert [d.case for d in first.case_decisions] == ["101-1"]
    assert [d.text for d in first.deadlines] == ["6月底前"]
    first.case_decisions[0].case = "999-9"
    first.case_decisions.clear()
    first.deadlines[0].text = "改掉"
    second = parse_text(_MINUTES)
    assert [d.case for d in second.case_decisions] == ["101-1"]
    assert [d.text for d in second.deadlines] == ["6月底前"]


def test_only_short_texts_are_remembered() -> None:
    calls: list[str] = []

    @short_text_cache
    def length(text: str) -> int:
        calls.append(text)
        return len(text)

    short, long = "洽悉。", "請" * (SHORT + 1)
    assert [length(short), length(short), length(long), length(long)] == [3, 3, SHORT + 1, SHORT + 1]
    assert calls == [short, long, long]

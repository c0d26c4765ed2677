"""Decisions on tracked cases, and conclusions that start tracking, read from the wording of conclusions."""

from __future__ import annotations

import pytest

from lieguan.minutes.parser.tracking import find_case_decisions, starts_tracking


def _decisions(text: str) -> list[tuple[str, str, str | None]]:
    return [(d.case, d.decision, d.part) for d in find_case_decisions(text).decisions]


def test_a_list_joined_by_commas_and_及() -> None:
    assert _decisions("列管編號 204-2、220-1、222-2 及 223-4 等 4 案賡續列管。") == [
        ("204-2", "continue", None),
        ("220-1", "continue", None),
        ("222-2", "continue", None),
        ("223-4", "continue", None),
    ]


def test_two_lists_and_two_decisions_in_one_conclusion() -> None:
    assert _decisions(
        "列管編號 208-1、211-2 (捷運公司部分) 等 2 案解除列管；列管編號 211-2 (觀傳局及法務局部分)、211-3 等 2 案賡續列管。"
    ) == [
        ("208-1", "release", None),
        ("211-2", "release", "捷運公司"),
        ("211-2", "continue", "觀傳局及法務局"),
        ("211-3", "continue", None),
    ]


def test_a_range_expands_to_every_case() -> None:
    assert [c for c, _, _ in _decisions("列管案號 10001 至 10007 均解除列管。")] == [f"1000{n}" for n in range(1, 8)]
    assert [c for c, _, _ in _decisions("列管編號 223-1 至 223-3 同意解列。")] == ["223-1", "223-2", "223-3"]


def test_ocr_slip_for_賡續_is_read_and_reported() -> None:
    found = find_case_decisions("列管編號 222-3 及 223-4 等 2 案廢續列管。")
    assert [(d.case, d.decision) for d in found.decisions] == [("222-3", "continue"), ("223-4", "continue")]
    assert any("廢續列管" in w for w in found.warnings)


def test_lists_before_one_verb_share_it() -> None:
    assert _decisions("列管編號 5-1 案及列管編號 5-2 案，同意解除列管。") == [("5-1", "release", None), ("5-2", "release", None)]


def test_full_width_digits_and_hyphens() -> None:
    assert _decisions("列管編號２２３－１案解除列管。") == [("223-1", "release", None)]


def test_a_count_that_disagrees_with_the_list_is_reported() -> None:
    found = find_case_decisions("列管編號 1-1、1-2 等 3 案解除列管。")
    assert len(found.decisions) == 2
    assert any("數目不符" in w for w in found.warnings)


@pytest.mark.parametrize(
    "text",
    [
        "案號 12601 之列管期限將屆，請儘速安排於 6 月底前開會，並將辦理情形提報市長室列管會議審查。",
        "列管案號 12616 於今年底完工後，將較易處理市政大樓辦公空間中繼及調度問題。",
        "請資訊局列管之2案，務必於9月底前完成契約延長。",
        "111 年度預算經主計處統刪 70 幾萬元，已結案件 3 件。",
        "本府訴願已結案件逾期答辯嚴重之機關應檢討改進，並持續管考。",
    ],
)
def test_sentences_that_decide_nothing(text: str) -> None:
    assert _decisions(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "本案列管，請總務組出納配合改正。",
        "本局協辦之 App 案件，於局務會議持續列管至 115 年底後，再行解列。",
        "請資訊局將稽核缺失列管追蹤。",
        "照案通過，並予以列管。",
        "本案納入列管。",
    ],
)
def test_conclusions_that_start_tracking(text: str) -> None:
    assert starts_tracking(text)


@pytest.mark.parametrize(
    "text",
    [
        "案號 12601 之列管期限將屆，請儘速安排開會。",
        "有關市長承諾案件列管，系統已增加勾選功能。",
        "請資訊局列管之2案，務必於9月底前完成契約延長。",
        "並將辦理情形提報市長室列管會議審查。",
        "洽悉。",
    ],
)
def test_conclusions_that_only_mention_tracking(text: str) -> None:
    assert not starts_tracking(text)


def test_letter_spaced_words_are_read() -> None:
    assert _decisions("列管編號 7-1 解 除 列 管。") == [("7-1", "release", None)]
    assert starts_tracking("本 案 列 管，請工務局追蹤。")


def test_a_later_clause_that_opens_with_a_bare_number_goes_on_with_the_list() -> None:
    assert _decisions("列管案號 11204 解除列管；11206（清潔隊部分）賡續列管。") == [
        ("11204", "release", None),
        ("11206", "continue", "清潔隊"),
    ]


@pytest.mark.parametrize("clause", ["2024 年底前賡續列管", "3000 萬元部分繼續列管", "5 件續管"])
def test_a_quantity_after_a_list_is_no_case(clause: str) -> None:
    assert _decisions(f"列管案號 9805 解除列管；{clause}。") == [("9805", "release", None)]


def test_bare_numbers_without_an_earlier_list_are_no_cases() -> None:
    assert _decisions("本案預算 3000 萬元；11206 賡續列管。") == []

"""Whatever the input, the parser answers with minutes or a ParseError, never anything else, and in linear time."""

from __future__ import annotations

import contextlib
import functools
import time
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lieguan.minutes.errors import ParseError
from lieguan.minutes.model import Minutes
from lieguan.minutes.parser import parse_bytes, parse_text
from tests.shared import minutes_seed_paths, seed_paths

_FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of minutes text, so that random input reaches deep into the parser.
_TOKENS = [
    "\n",
    "\n\n",
    "\f",
    " ",
    "：",
    "、",
    "（",
    "）",
    "(",
    ")",
    "。",
    "，",
    "；",
    "壹、",
    "貳、",
    "一、",
    "二、",
    "（一）",
    "(二)",
    "1、",
    "(1)",
    "十一、",
    "時間：",
    "地點：",
    "主席：",
    "紀錄：",
    "出席：",
    "列席：",
    "會議紀錄",
    "第 12 次",
    "113 年第 3 次",
    "民國 111 年 9 月 22 日",
    "下午 2 時",
    "中華民國九十二年五月二十二日",
    "散會",
    "散會（11時44分）",
    "報告事項",
    "討論事項",
    "臨時動議",
    "綜合會議結論",
    "主席裁示事項",
    "宣讀上次會議紀錄",
    "會議結論：",
    "決議：",
    "案由：",
    "說明：",
    "辦法：",
    "審議事項一",
    "第一案",
    "資訊局陳主秘補充說明：",
    "口頭報告：",
    "**",
    "# ",
    "- ",
    "> ",
    "|",
    "- 3 -",
    "第 3 頁，共 8 頁",
    "列管編號 ",
    "223-1",
    "10001 至 10007",
    "(捷運公司部分)",
    "解除列管",
    "賡續列管",
    "廢續列管",
    "本案列管",
    "9月底前",
    "115年底",
    "今年底前",
    "三個月內",
    "3 個工作日內",
    "下週五前",
    "截止日期為",
    "114年1月8日前",
    "（主計處）",
    "請資訊局",
    "辦理",
    "9" * 12,
    "〇",
    "\u3000",
    "\ufeff",
    "\x00",
]


def _accepts(result: Callable[[], Minutes]) -> None:
    try:
        m = result()
    except ParseError:
        return
    assert isinstance(m, Minutes)
    m.to_dict()


@_FUZZ
@given(st.text())
def test_arbitrary_text(text: str) -> None:
    _accepts(lambda: parse_text(text))


@_FUZZ
@given(st.lists(st.one_of(st.sampled_from(_TOKENS), st.text(max_size=4)), max_size=120).map("".join))
def test_text_made_of_minutes_pieces(text: str) -> None:
    _accepts(lambda: parse_text(text))


@_FUZZ
@given(st.binary(max_size=2000), st.sampled_from([None, "a.txt", "a.pdf", "a.docx", "a.odt", "a.md"]))
def test_arbitrary_bytes(data: bytes, name: str | None) -> None:
    _accepts(lambda: parse_bytes(data, name))


@_FUZZ
@given(st.binary(max_size=600), st.sampled_from([b"%PDF-1.7\n", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe"]))
def test_bytes_that_look_like_a_format(tail: bytes, magic: bytes) -> None:
    _accepts(lambda: parse_bytes(magic + tail, None))


def _seed_lines() -> list[list[str]]:
    return [p.read_text(encoding="utf-8").splitlines() for p in seed_paths()]


_SEEDS = _seed_lines()


@st.composite
def mutated_seeds(draw: st.DrawFn) -> str:
    """A real set of minutes with lines deleted, duplicated, swapped, shuffled, split, mixed with junk, or cut short."""
    lines = list(draw(st.sampled_from(_SEEDS)))
    for _ in range(draw(st.integers(1, 12))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "shuffle", "junk", "truncate", "split"]))
        if op == "delete":
            del lines[at]
        elif op == "duplicate":
            lines.insert(at, lines[at])
        elif op == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif op == "shuffle":
            end = min(len(lines), at + draw(st.integers(2, 12)))
            lines[at:end] = draw(st.permutations(lines[at:end]))
        elif op == "junk":
            lines.insert(at, draw(st.one_of(st.text(max_size=30), st.sampled_from(_TOKENS))))
        elif op == "truncate":
            lines = lines[:at]
        else:
            cut = draw(st.integers(0, len(lines[at])))
            lines[at : at + 1] = [lines[at][:cut], "", lines[at][cut:]]
    return "\n".join(lines)


@_FUZZ
@given(mutated_seeds())
def test_mutated_seeds(text: str) -> None:
    _accepts(lambda: parse_text(text))


# ---------------------------------------------------------------- linear time


def _minutes_of_size(size: int) -> str:
    """A real set of minutes whose body is repeated until the text is ``size`` bytes: one long meeting."""
    seed = minutes_seed_paths()[0].read_text(encoding="utf-8")
    start, end = seed.index("壹、"), seed.rindex("散會")
    head, body = seed[:start], seed[start:end]
    copies = size // len(body.encode("utf-8")) + 1
    return head + body * copies + seed[end:]


def _pathological(kind: str, size: int) -> str:
    """Input built to trip a backtracking regex or a quadratic loop, ``size`` bytes long."""
    unit = {
        "one_line": "會議結論請各機關持續辦理",
        "labels_on_one_line": "(一)",
        "labels_on_lines": "(一)\n",
        "cases_on_one_line": "列管編號 223-1、",
        "deadlines_on_one_line": "請於9月底前及115年底前",
        "dates_among_month_ends": "9月底前、9月1日前、",
        "unique_cases": "",
        "header_words": "主席：時間：紀錄：",
        "open_brackets": "（（（(((",
        # Flattened case tables: rows under a pipe header, and header cells one per line that never get a row.
        "case_table_rows": "| 列管編號 | 案由 | 辦理情形 | 決定 |\n| 223-1 | 甲案 | 完成 | 解除列管 |\n",
        "table_header_lines": "列管編號\n案由\n辦理情形\n決定\n",
    }[kind]
    # After the head, the repeated unit is one conclusion, which tracking and deadlines read too.
    head = "北辰市政府第 1 次業務會議紀錄\n時間：民國 113 年 1 月 2 日\n主席：王志明\n壹、報告事項\n一、報告案。\n會議結論："
    if kind == "one_line":
        head = ""
    if kind == "unique_cases":
        # Every case a different one, so that nothing is deduplicated away.
        count = size // 9
        return head + "列管編號 " + "、".join(f"{n // 90 + 100}-{n % 90 + 10}" for n in range(count)) + " 案解除列管。"
    return head + unit * (size // len(unit.encode("utf-8")) + 1)


def _seconds(text: str, runs: int) -> float:
    """The best of ``runs`` timings: the small input is timed more often, being the more sensitive to noise.

    CPU time of this process, not wall time: the other test worker and other jobs on a shared
    machine would otherwise stretch one of the two timings and not the other.
    """
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        with contextlib.suppress(ParseError):
            parse_text(text)
        best = min(best, time.process_time() - start)
    return best


# Ten times the input may take ten times as long, and some more for the noise of a
# shared machine; a quadratic step would take a hundred times as long.
_RATIO_BOUND = 30


_PATHOLOGICAL = (
    "one_line",
    "labels_on_one_line",
    "labels_on_lines",
    "cases_on_one_line",
    "deadlines_on_one_line",
    "dates_among_month_ends",
    "unique_cases",
    "header_words",
    "open_brackets",
    "case_table_rows",
    "table_header_lines",
)


@pytest.mark.slow
@pytest.mark.parametrize(
    "make",
    [_minutes_of_size, *(functools.partial(_pathological, kind) for kind in _PATHOLOGICAL)],
    ids=["repeated_minutes", *_PATHOLOGICAL],
)
def test_parsing_time_grows_linearly(make: Callable[[int], str]) -> None:
    small, large = make(500_000), make(5_000_000)
    assert len(large.encode("utf-8")) >= 9.5 * len(small.encode("utf-8"))
    ratio = _seconds(large, 1) / _seconds(small, 3)
    assert ratio < _RATIO_BOUND, f"5 MB took {ratio:.1f} times as long as 0.5 MB"

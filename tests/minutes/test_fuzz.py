"""Whatever the input, the parser answers with minutes or a ParseError, never anything else (its linear time: bench/linearity.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lieguan.minutes.errors import ParseError
from lieguan.minutes.model import Minutes
from lieguan.minutes.parser import parse_bytes, parse_text
from tests.examples import examples
from tests.minutes.large_inputs import MAKERS
from tests.shared import seed_paths

_FUZZ = settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])

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


# ---------------------------------------------------------------- large inputs


@pytest.mark.parametrize("make", list(MAKERS.values()), ids=list(MAKERS))
def test_large_and_pathological_inputs_are_accepted_and_grow_with_the_size_asked(make: Callable[[int], str]) -> None:
    # That they parse in linear time is measured by bench/linearity.py (0.5 MB against 5 MB): timing is no
    # test's business on a shared machine. Here: the inputs it times are what they say, and parse at all.
    small, large = make(500_000), make(5_000_000)
    assert len(large.encode("utf-8")) >= 9.5 * len(small.encode("utf-8"))
    _accepts(lambda: parse_text(make(50_000)))

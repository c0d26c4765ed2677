"""Large inputs for the parser: a real meeting repeated, and texts built to trip a backtracking regex or a quadratic loop.

The parser's time must grow linearly with them; `bench/linearity.py` times 0.5 MB against 5 MB
(timing belongs in bench/, not in the test suite), and tests/minutes/test_fuzz.py checks that the
parser accepts every one of them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from tests.shared import minutes_seed_paths


def minutes_of_size(size: int) -> str:
    """A real set of minutes whose body is repeated until the text is ``size`` bytes: one long meeting."""
    seed = minutes_seed_paths()[0].read_text(encoding="utf-8")
    start, end = seed.index("壹、"), seed.rindex("散會")
    head, body = seed[:start], seed[start:end]
    copies = size // len(body.encode("utf-8")) + 1
    return head + body * copies + seed[end:]


def pathological(kind: str, size: int) -> str:
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


PATHOLOGICAL = (
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

# Each kind of large input by name: a function of the size in bytes.
MAKERS: dict[str, Callable[[int], str]] = {
    "repeated_minutes": minutes_of_size,
    **{kind: functools.partial(pathological, kind) for kind in PATHOLOGICAL},
}

"""What the editor sends is kept as written, and the revisions page shows the changes without the rest of the report."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from lieguan.organisations.models import Organisation
from lieguan.workreports import actions
from lieguan.workreports.views import DIFF_CONTEXT, _diff


def test_a_part_typed_in_a_browser_keeps_its_line_breaks_as_single_newlines(db, demo_city):
    secretariat = get_user_model().objects.get(username="secretariat")
    report = actions.do_create_report(secretariat, Organisation.objects.get(code="secretariat"), year=2025, half=2)
    part = report.parts.get(unit__code="sec-docs", kind="results")
    # Browsers send a textarea's lines as CRLF, in a form post and in the autosave's FormData alike.
    saved = actions.do_save_part(secretariat, part, body="（一）公文電子化\r\n本期線上簽核公文 1 萬件。\r\n")
    assert saved.body == "（一）公文電子化\n本期線上簽核公文 1 萬件。\n"
    cover = actions.do_update_cover(secretariat, report, opening="第一段\r\n第二段")
    assert cover.opening == "第一段\n第二段"


def test_the_diff_keeps_a_few_lines_around_each_change_and_counts_the_rest():
    before = [f"第 {n} 行" for n in range(1, 41)]
    after = [*before[:19], "第 20 行（修正）", *before[20:]]
    diff = _diff(before, after)
    assert ("del", "第 20 行") in diff and ("ins", "第 20 行（修正）") in diff
    gaps = [int(line) for kind, line in diff if kind == "gap"]
    assert gaps == [19 - DIFF_CONTEXT, 20 - DIFF_CONTEXT]
    shown = [line for kind, line in diff if kind == "same"]
    assert shown == ["第 18 行", "第 19 行", "第 21 行", "第 22 行"]
    assert sum(gaps) + len(shown) + 1 == len(before)


@pytest.mark.parametrize("count", [1, 2 * DIFF_CONTEXT + 1])
def test_a_short_run_of_unchanged_lines_is_shown_rather_than_counted(count):
    before = ["甲", *[f"同 {n}" for n in range(count)], "乙"]
    after = ["甲（改）", *[f"同 {n}" for n in range(count)], "乙（改）"]
    assert [kind for kind, _ in _diff(before, after)] == ["del", "ins", *["same"] * count, "del", "ins"]

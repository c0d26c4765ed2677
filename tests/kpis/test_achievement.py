"""達成度, met or not, and the sentence stating them, for every kind of target."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from lieguan.kpis.achievement import assess, figure, sentence
from lieguan.kpis.periods import Period


@pytest.mark.parametrize(
    ("direction", "target", "actual", "high", "achievement", "met"),
    [
        (">=", "15", "15", None, "100.00", True),
        (">=", "15", "12", None, "80.00", False),
        (">", "40", "18.18", None, "45.45", False),
        (">", "40", "40", None, "100.00", False),
        ("<=", "5", "4", None, "125.00", True),
        ("<=", "5", "0", None, "100.00", True),
        ("<", "5", "5", None, "100.00", False),
        ("range", "18", "22", "27", "100.00", True),
        ("range", "18", "9", "27", "50.00", False),
        ("range", "18", "30", "27", "90.00", False),
    ],
)
def test_achievement_and_met_follow_the_direction_of_the_target(direction, target, actual, high, achievement, met):
    result = assess(direction, D(target), D(actual), D(high) if high else None)
    assert result.achievement == D(achievement)
    assert result.met is met


def test_without_a_target_nothing_can_be_judged():
    assert assess(">=", None, D(3)).met is None
    assert assess(">=", None, D(3)).achievement is None


def test_figures_are_written_as_the_reports_write_them():
    assert figure(D("15.0000"), "次") == "15 次"
    assert figure(D("18.1800"), "%") == "18.18%"
    assert figure(D("37113"), "件") == "37,113 件"
    assert figure(D("0.005"), "") == "0.01"


def test_a_met_count_target_reads_target_actual_and_achievement():
    text = sentence(period_label=Period(2025, 0).label, name="主動拜訪姊妹市代表處", unit="次", direction=">=", target=D(15), actual=D(15))
    assert text == "114 年度主動拜訪姊妹市代表處目標值 15 次，實際達成 15 次，目標達成度 100%。"


def test_a_missed_percentage_target_says_so():
    text = sentence(period_label="114 年上半年", name="非迭次陳情案件比率", unit="%", direction=">", target=D(40), actual=D("18.18"))
    assert text == "114 年上半年非迭次陳情案件比率目標值大於 40%，實際達成值為 18.18%，目標達成度 45.45%，未達目標。"


def test_a_change_from_the_year_before_is_stated_as_progress_or_decline():
    better = sentence(
        period_label="114 年度",
        name="線上簽核比率",
        unit="%",
        direction=">=",
        target=D(95),
        actual=D("99.71"),
        before=D("91.71"),
        before_label="113 年度",
    )
    assert better.startswith("114 年度線上簽核比率從 113 年度 91.71%進步至 99.71%，目標值 95%")
    # For a ceiling, going down is progress.
    lower = sentence(
        period_label="114 年度", name="點擊率", unit="%", direction="<=", target=D(5), actual=D(3), before=D(4), before_label="113 年度"
    )
    assert "從 113 年度 4%進步至 3%" in lower


def test_a_period_without_an_actual_states_only_its_target():
    assert sentence(period_label="115 年上半年", name="場次", unit="場", direction=">=", target=D(2), actual=None) == (
        "115 年上半年場次目標值 2 場，尚無實際值。"
    )


def test_periods_cover_the_halves_and_parse_their_keys():
    import datetime as dt

    assert Period.parse("2025H2") == Period(2025, 2)
    assert Period.parse("2025").label == "114 年度"
    assert Period(2025, 2).label == "114 年下半年"
    assert (Period(2025, 1).start.isoformat(), Period(2025, 1).end.isoformat()) == ("2025-01-01", "2025-06-30")
    assert Period.covering(dt.date(2021, 7, 1), dt.date(2021, 12, 31)) == Period(2021, 2)
    assert Period.covering(dt.date(2021, 1, 1), dt.date(2021, 12, 31)) == Period(2021, 0)
    with pytest.raises(ValueError, match="not a period"):
        Period.parse("114H1")

"""ROC (民國) years, months and half years, in the forms reports and tables print them."""

from __future__ import annotations

import datetime as dt

import pytest

from lieguan.minutes.rocdate import (
    format_roc_half_year,
    format_roc_month,
    format_roc_month_short,
    format_roc_whole_year,
    from_roc_year,
    to_roc_year,
)


def test_roc_year_1_is_1912_and_the_conversion_goes_both_ways() -> None:
    assert to_roc_year(1912) == 1
    assert to_roc_year(2026) == 115
    assert from_roc_year(115) == 2026
    assert all(from_roc_year(to_roc_year(y)) == y for y in range(1912, 2200))


def test_a_month_is_printed_compact_spaced_or_short_for_tables() -> None:
    march = dt.date(2026, 3, 18)
    assert format_roc_month(march) == "115年3月"
    assert format_roc_month(march, spaced=True) == "115 年 3 月"
    assert format_roc_month_short(march) == "115/03"
    assert format_roc_month_short(dt.date(2011, 12, 1)) == "100/12"


def test_a_half_year_is_named_by_its_roc_year_and_upper_or_lower_half() -> None:
    assert format_roc_half_year(2026, 1) == "115 年上半年"
    assert format_roc_half_year(2025, 2) == "114 年下半年"
    assert format_roc_whole_year(2025) == "114 年度"


@pytest.mark.parametrize("half", [0, 3, -1])
def test_a_half_year_other_than_the_first_or_second_is_refused(half: int) -> None:
    with pytest.raises(ValueError, match="half"):
        format_roc_half_year(2026, half)


def test_a_year_in_either_calendar_is_read_as_its_gregorian_year():
    from lieguan.minutes.rocdate import year_in_either_calendar

    assert [year_in_either_calendar(y) for y in (115, 1, 2026, 1912)] == [2026, 1912, 2026, 1912]
    assert year_in_either_calendar(0) == 0 and year_in_either_calendar(-3) == -3

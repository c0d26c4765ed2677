"""A year is typed in either calendar and shown in the reader's (the KPI and indicator forms)."""

from __future__ import annotations

import pytest
from django import forms
from django.utils import translation

from lieguan.core.forms import YearField


class Form(forms.Form):
    year = YearField(label="年度", earliest=2001, latest=2111)


@pytest.mark.parametrize("typed", ["115", "2026", " 115 "])
def test_a_year_typed_in_either_calendar_is_the_same_year(typed):
    form = Form({"year": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["year"] == 2026


@pytest.mark.parametrize("typed", ["0", "-3", "1500", "89", "2200", "明年"])
def test_a_year_outside_the_range_or_not_a_year_is_refused_with_words_the_reader_understands(typed):
    with translation.override("en"):
        form = Form({"year": typed})
        assert not form.is_valid()
        error = " ".join(form.errors["year"])
    assert "2001" in error or "Enter a year" in error
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in error)


def test_the_year_is_shown_in_the_readers_calendar():
    with translation.override("zh-hant"):
        assert 'value="115"' in str(Form(initial={"year": 2026})["year"])
    with translation.override("en"):
        assert 'value="2026"' in str(Form(initial={"year": 2026})["year"])

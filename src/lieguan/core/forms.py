"""Form fields every app shares."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lieguan.core.dates import reads_roc, short_date
from lieguan.minutes.rocdate import parse_roc_date, to_roc_year, year_in_either_calendar


def translated_choices(choices: Any) -> list[tuple[str, Any]]:
    """A model's choices with their labels in the reader's language: labels the models keep in Chinese (they are
    also written into stored or official text) are looked up in the catalogue when a form shows them."""
    return [(value, _(label)) for value, label in choices]


class RocDateField(forms.Field):
    """A date typed the way people in Taiwan write it: 115/12/17, 民國115年12月17日 (or 2026/12/17, 2026-12-17).
    It is shown in the reader's calendar (`core/dates.py`): 115/12/17 in Chinese, 2026-12-17 in English."""

    widget = forms.TextInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.widget.attrs.update({"autocomplete": "off", "maxlength": "30", "class": "input-date"})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dt.date):
            return short_date(value)
        return value

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, dt.date):
            return value
        text = str(value or "").strip()
        if not text:
            return None
        typed = text[:30]
        try:
            return parse_roc_date(typed)
        except ValueError as error:
            raise ValidationError(_roc_date_error(str(error), typed)) from None


class YearField(forms.IntegerField):
    """A year typed in either calendar, 115 or 2026 (``year_in_either_calendar`` tells them apart),
    cleaned to the Gregorian year; shown in the reader's calendar (115 in Chinese, 2026 in English)."""

    default_error_messages = {"invalid": _("請填寫年度，例如 115 或 2026。")}

    def __init__(self, *, earliest: int = 1912, latest: int = 9999, **kwargs: Any) -> None:
        self.earliest, self.latest = earliest, latest
        kwargs.setdefault("help_text", _("例如 115（或西元 2026）"))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int) and reads_roc():
            return to_roc_year(value)
        return value

    def to_python(self, value: Any) -> int | None:
        typed = super().to_python(value)
        if typed is None:
            return None
        year = year_in_either_calendar(typed)
        if not self.earliest <= year <= self.latest:
            raise ValidationError(
                gettext("年度須在 %(first)s 至 %(last)s 之間（民國 %(roc_first)s 至 %(roc_last)s 年）。")
                % {
                    "first": self.earliest,
                    "last": self.latest,
                    "roc_first": to_roc_year(self.earliest),
                    "roc_last": to_roc_year(self.latest),
                }
            )
        return year


def _roc_date_error(message: str, typed: str) -> str:
    """parse_roc_date's message (Chinese) in the reader's language: the same sentences, marked for translation."""
    if message == f"日期「{typed}」不存在":
        return gettext("日期「%(text)s」不存在") % {"text": typed}
    if message == f"無法辨識的日期「{typed}」，請以「民國年/月/日」輸入，例如 115/3/18":
        return gettext("無法辨識的日期「%(text)s」，請以「民國年/月/日」輸入，例如 115/3/18") % {"text": typed}
    if message == f"無法辨識的日期「{typed}」":
        return gettext("無法辨識的日期「%(text)s」") % {"text": typed}
    return message


class SignInForm(AuthenticationForm):
    """The sign-in form in our own words: Django's default names a 「使用者名稱」 the page never shows."""

    error_messages = {
        "invalid_login": _("帳號或密碼不正確，請再試一次。"),
        "inactive": _("此帳號已停用，請聯絡系統管理者。"),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("帳號")
        self.fields["username"].error_messages["required"] = _("請輸入帳號。")
        self.fields["password"].label = _("密碼")
        self.fields["password"].error_messages["required"] = _("請輸入密碼。")

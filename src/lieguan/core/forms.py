"""Form fields every app shares."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from lieguan.minutes.rocdate import format_roc_short, parse_roc_date


class RocDateField(forms.Field):
    """A date typed the way people in Taiwan write it: 115/12/17, 民國115年12月17日 (or 2026/12/17)."""

    widget = forms.TextInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.widget.attrs.update({"autocomplete": "off", "maxlength": "30", "class": "input-date"})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dt.date):
            return format_roc_short(value)
        return value

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, dt.date):
            return value
        text = str(value or "").strip()
        if not text:
            return None
        try:
            return parse_roc_date(text[:30])
        except ValueError as error:
            raise ValidationError(str(error)) from None

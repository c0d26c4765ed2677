"""Words of tracked cases that pages give their reader."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from lieguan.core.templatetags.records import record
from lieguan.tracking.models import worded_deadline_basis

register = template.Library()


@register.filter
def deadline_basis(basis: str) -> SafeString:
    """A deadline's basis: the system's 「10 個工作日」 in the reader's language, what the minutes said as record data."""
    words, is_record = worded_deadline_basis(basis or "")
    return record(words) if is_record else format_html("{}", words)

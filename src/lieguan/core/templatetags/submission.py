"""``{% submission_token %}``: the hidden one-time token of a create form (see ``lieguan.core.submission``)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from lieguan.core.submission import FIELD, new_token

register = template.Library()


@register.simple_tag
def submission_token(guard: bool = True) -> SafeString:
    """The token; ``guard=False`` for a form whose own script manages its submits (the minutes editor).

    ``data-submission-token`` lets lieguan.js drop a second click while the first is on its way.
    """
    marker = " data-submission-token" if guard else ""
    return format_html('<input type="hidden" name="{}" value="{}"{}>', FIELD, new_token(), SafeString(marker))

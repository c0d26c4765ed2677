"""Mark the records' own words inside a translated sentence.

A translated sentence can name an agency, a person or a date; those stay as the record has them in
either language. ``{{ name|record }}`` wraps the value in ``<span data-record>`` so the English-page
test (and a reader's tools) can tell the record's data from the interface's words.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def record(value: object) -> SafeString:
    if value is None or value == "":
        return format_html("")
    return format_html("<span data-record>{}</span>", value)

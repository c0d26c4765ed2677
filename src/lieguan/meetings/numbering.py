"""Session numbers and tracked-case numbers as a series defines them."""

from __future__ import annotations

import re
import string

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_FIELDS = {"session", "seq", "year"}


def validate_case_number_pattern(pattern: str) -> None:
    """A pattern uses {session} and {seq} (optionally {year}) with Python format specs: {session}{seq:02}."""
    try:
        names = {field[1] for field in string.Formatter().parse(pattern) if field[1] is not None}
    except ValueError as error:
        raise ValidationError(_("列管編號格式有誤：%(error)s") % {"error": error}) from None
    if not {"session", "seq"} <= names or names - _FIELDS:
        raise ValidationError(_("列管編號格式須包含 {session} 與 {seq}，且只能使用 {session}、{seq}、{year}。"))
    try:
        format_case_number(pattern, session=1, seq=1, year=113)
    except (ValueError, KeyError) as error:
        raise ValidationError(_("列管編號格式有誤：%(error)s") % {"error": error}) from None


def format_case_number(pattern: str, *, session: int, seq: int, year: int | None = None) -> str:
    """``{session}-{seq}`` → 224-1; ``{session}{seq:02}`` → 10101."""
    return pattern.format(session=session, seq=seq, year=year or 0)


_SAFE = re.compile(r"^[0-9A-Za-z\-_/]+$")


def is_plain_case_number(text: str) -> bool:
    return bool(_SAFE.match(text))

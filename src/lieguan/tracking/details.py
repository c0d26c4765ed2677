"""A case's descriptive details (來源文號, …): one registry says where each is given and shown (issue 19).

To add a detail to a case, add a model field to ``TrackedCase`` (``lieguan manage makemigrations``) and one
``Detail`` entry to ``CASE_DETAILS`` below. Everything else reads this registry when it runs:

- the create and edit forms (``tracking/forms.py``) take the model field's ``formfield()``;
- ``do_create_case`` / ``do_update_case`` validate what they are given with the model field (``cleaned``); the
  audit entry's snapshot records the change and the case's timeline words it with the detail's label;
- the case page lists the details with a value (``worded``), in the reader's language and calendar;
- the API's ``Case`` carries each as a typed field (``api/schemas.py``: ``make openapi`` regenerates
  ``docs/openapi.json``);
- the status report writes each with a value under the case's text (``printed``), as documents print them;
- on a confidential case, those not entitled get the model field's empty value instead
  (``meetings/confidential.py``, told here through ``register_withheld``).

The label is the model field's ``verbose_name`` (a Chinese msgid: give it English in ``django.po``). The case's
title, text and deadline are not details: their rules (the amendments, the deadline's basis) are their own.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lieguan.core import dates
from lieguan.meetings.confidential import register_withheld
from lieguan.minutes.rocdate import format_roc_date
from lieguan.tracking.models import TrackedCase


class Where(enum.Flag):
    """Where a detail is given and shown."""

    CREATE = enum.auto()  # the create form (cases from other sources) and do_create_case
    EDIT = enum.auto()  # the edit form and do_update_case
    PAGE = enum.auto()  # the case page's facts
    API = enum.auto()  # the API's case
    STATUS_REPORT = enum.auto()  # a line under the case's text in the status report (its page and downloads)
    FORMS = CREATE | EDIT
    SHOWN = PAGE | API | STATUS_REPORT
    EVERYWHERE = FORMS | SHOWN


def _amount(value: Any) -> str:
    """1234567 → 1,234,567 (a Decimal keeps its places: 1,234.50)."""
    return f"{value:,}"


@dataclass(frozen=True)
class Wording:
    """How a value is written: ``read`` on pages, in the reader's language and calendar (115年12月31日 | 31 Dec 2026);
    ``printed`` in the status report, as official documents print it (ROC dates whatever the language)."""

    read: Callable[[Any], str]
    printed: Callable[[Any], str]


TEXT = Wording(read=str, printed=str)
DATE = Wording(read=dates.long_date, printed=format_roc_date)
AMOUNT = Wording(read=_amount, printed=_amount)


@dataclass(frozen=True)
class Detail:
    """One descriptive field of ``TrackedCase``, and where it is given and shown."""

    field: str
    where: Where
    # None: from the model field, a date as DATE, a number as AMOUNT, anything else as TEXT.
    wording: Wording | None = None
    # The form's hint under the field.
    help_text: Any = ""
    # Withheld from those not entitled to a confidential case (they get the field's empty value): the default, so
    # that a new detail is secret on a secret case unless said otherwise.
    withheld: bool = True

    @property
    def model_field(self) -> models.Field[Any, Any]:
        found = TrackedCase._meta.get_field(self.field)
        assert isinstance(found, models.Field)
        return found

    @property
    def label(self) -> str:
        return str(self.model_field.verbose_name)

    @property
    def empty(self) -> Any:
        """The value of a case without it (and of a confidential case, for those not entitled)."""
        return self.model_field.get_default()

    def words(self) -> Wording:
        if self.wording is not None:
            return self.wording
        field = self.model_field
        if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
            return DATE
        if isinstance(field, models.DecimalField | models.IntegerField | models.FloatField) and not field.choices:
            return AMOUNT
        return TEXT

    def value(self, case: TrackedCase) -> Any:
        return getattr(case, self.field)


CASE_DETAILS: tuple[Detail, ...] = (
    # The petition's or request's own reference, given when a case from another source is created and corrected
    # on the edit form (a mistyped 陳情案號 otherwise stays on the case for good).
    Detail("source_reference", Where.FORMS | Where.PAGE | Where.API, help_text=gettext_lazy("例如陳情案號、索資單號。")),
)


def shown_in(where: Where) -> list[Detail]:
    """The details given or shown there, in the registry's order."""
    return [d for d in CASE_DETAILS if where in d.where]


def values(case: TrackedCase, where: Where) -> dict[str, Any]:
    """Each detail's value as it is (the API's JSON, a form's initial values)."""
    return {d.field: d.value(case) for d in shown_in(where)}


def _given(value: Any) -> bool:
    return value is not None and value != ""


def worded(case: TrackedCase, where: Where = Where.PAGE) -> list[tuple[str, str]]:
    """(label, value) of each detail the case has, in the reader's language and calendar (the case page)."""
    return [(d.label, d.words().read(d.value(case))) for d in shown_in(where) if _given(d.value(case))]


def printed(case: TrackedCase, where: Where = Where.STATUS_REPORT) -> list[tuple[str, str]]:
    """(label, value) of each detail the case has, as official documents print them (the status report)."""
    return [(d.label, d.words().printed(d.value(case))) for d in shown_in(where) if _given(d.value(case))]


def worded_snapshot(detail: Detail, value: Any) -> str:
    """A value as an audit entry's snapshot keeps it (JSON), worded for the reader; （無） when there was none."""
    if not _given(value):
        return _("（無）")
    return detail.words().read(detail.model_field.to_python(value))


def changed(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[tuple[Detail, Any, Any]]:
    """The details an audit entry's snapshots differ in, with their values before and after (JSON)."""
    return [(d, before.get(d.field), after.get(d.field)) for d in CASE_DETAILS if before.get(d.field) != after.get(d.field)]


def cleaned(given: Mapping[str, object] | None, where: Where, case: TrackedCase | None = None) -> dict[str, Any]:
    """What an action is given, checked by each detail's model field: an empty value becomes the field's own; a
    value the field refuses raises ValidationError naming the detail; a name that is not a detail given there
    is a mistake of the caller (ValueError)."""
    known = {d.field: d for d in shown_in(where)}
    unknown = sorted(set(given or {}) - set(known))
    if unknown:
        raise ValueError(f"not a case detail given in {where}: {', '.join(unknown)}")
    out: dict[str, Any] = {}
    for name, value in (given or {}).items():
        detail = known[name]
        if isinstance(value, str):
            value = value.strip()
        if not _given(value):
            value = detail.empty
        try:
            out[name] = detail.model_field.clean(value, case)
        except ValidationError as error:
            raise ValidationError(_("%(label)s：%(error)s") % {"label": detail.label, "error": " ".join(error.messages)}) from None
    return out


def withheld() -> dict[str, Any]:
    """The details withheld on a confidential case, each with the value shown instead (read at each redaction)."""
    return {d.field: d.empty for d in CASE_DETAILS if d.withheld}


register_withheld("TrackedCase", withheld)

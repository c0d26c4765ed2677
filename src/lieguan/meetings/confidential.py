"""Confidential items (機密／限閱): what those not entitled see in their place, in every channel.

Who is entitled is one rule, ``meetings.access.can_read_confidential`` (and its
bulk form ``hidden_item_ids``). What the others get instead is one function,
``redact``: the record with its title replaced by 「機密案件」 and every text
emptied. Every channel calls it on what it is about to show, write or send:
the agenda and minutes pages, the minutes document behind every download and
export (``meetings.document.minutes_document``), the notice e-mail and its
.ics, the API and open data, the case list and case page, the status report
and its downloads, the home panels. Search leaves hidden records out of the
results instead (``search.access``), because an excerpt cannot be redacted.

The tracking app owns the cases, so it tells this module which agencies hold
cases from a confidential item (``register_case_agencies``) and which of a
case's details are withheld (``register_withheld``); meetings never imports
tracking.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

# Shown instead of the title; nothing else of the item is shown. The msgid is for what is worded when read (a notification).
CONFIDENTIAL_TITLE_MSGID = gettext_noop("機密案件")
CONFIDENTIAL_TITLE = _(CONFIDENTIAL_TITLE_MSGID)

T = TypeVar("T")

# The fields of each kind of record that carry its substance: the title is replaced, the texts emptied, the
# lists (remarks, conclusions, materials) emptied. Named by class name, so that tracking's case and the
# minutes library's item are covered without this module importing them.
_TITLE_FIELDS = {
    "AgendaItem": ("title",),
    "Item": ("title",),
    "TrackedCase": ("title",),
}
_TEXT_FIELDS = {
    "AgendaItem": ("body", "explanation", "proposed_action", "presenter_text", "conclusion_heading"),
    "Item": ("body", "explanation", "proposed_action", "presenter", "conclusion_heading"),
    "Conclusion": ("text",),
    "Remark": ("text", "speaker"),
    # And its details (來源文號, …), which tracking declares (tracking/details.py): see register_withheld.
    "TrackedCase": ("text", "deadline_basis"),
    "ProgressReport": ("text",),
}
_LIST_FIELDS = {"Item": ("remarks", "conclusions")}
# Links that would name who presents it.
_NULLED_FIELDS = {"AgendaItem": ("presenter_id",)}
# Related rows prefetched on a model instance that go with the substance.
_PREFETCHED = {"AgendaItem": ("remarks", "conclusions", "materials")}


def _empty(value: Any) -> Any:
    return None if value is None else ""


def redact(record: T) -> T:
    """A copy of ``record`` as those not entitled see it: 「機密案件」 and no text (the original is untouched).

    Takes a model instance (agenda item, conclusion, remark, case, progress report) or a ``lieguan.minutes``
    item; a field table per kind says what is withheld.
    """
    name = type(record).__name__
    if name not in _TITLE_FIELDS and name not in _TEXT_FIELDS:
        raise TypeError(f"no confidential fields known for {name}")
    changes: dict[str, Any] = {f: str(CONFIDENTIAL_TITLE) for f in _TITLE_FIELDS.get(name, ())}
    changes.update({f: _empty(getattr(record, f)) for f in _TEXT_FIELDS.get(name, ())})
    changes.update({f: [] for f in _LIST_FIELDS.get(name, ())})
    changes.update(withheld_fields(name))
    changes.update(dict.fromkeys(_NULLED_FIELDS.get(name, ())))
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return dataclasses.replace(record, **changes)
    clone = copy.copy(record)
    # A model instance's caches are dicts shared with the original: the copy gets its own.
    state = getattr(clone, "_state", None)
    if state is not None:
        clone._state = copy.copy(state)  # type: ignore[attr-defined]
        nulled = {f.removesuffix("_id") for f in _NULLED_FIELDS.get(name, ())}
        clone._state.fields_cache = {k: v for k, v in state.fields_cache.items() if k not in nulled}  # type: ignore[attr-defined]
    prefetched = dict(getattr(record, "_prefetched_objects_cache", {}))
    for relation in _PREFETCHED.get(name, ()):
        # Set whether or not it was prefetched: otherwise ``clone.remarks.all()`` would read the real rows.
        prefetched[relation] = getattr(record, relation).none()
    if prefetched:
        clone._prefetched_objects_cache = prefetched  # type: ignore[attr-defined]
    for field_name, value in changes.items():
        setattr(clone, field_name, value)
    # A redacted copy is for showing: saving it would overwrite the record with the placeholder.
    clone.save = _refuse_save  # type: ignore[attr-defined]
    clone.redacted = True  # type: ignore[attr-defined]
    return clone


def _refuse_save(*args: Any, **kwargs: Any) -> None:
    raise RuntimeError("a redacted copy of a confidential record cannot be saved")


def is_redacted(record: Any) -> bool:
    return bool(getattr(record, "redacted", False))


# Fields an app further right declares withheld -----------------------------------------------------------

Withheld = Callable[[], Mapping[str, Any]]
_withheld: dict[str, list[Withheld]] = {}


def register_withheld(kind: str, provider: Withheld) -> Withheld:
    """``provider()`` → {field: the value shown in its place} of the records of ``kind`` (a class name) that are
    withheld besides those listed above: tracking's case details (``tracking/details.py``), asked at each redaction
    so that the registry's entries are always the ones withheld."""
    providers = _withheld.setdefault(kind, [])
    if provider not in providers:
        providers.append(provider)
    return provider


def withheld_fields(kind: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for provider in _withheld.get(kind, []):
        out.update(provider())
    return out


# The agencies holding cases from each confidential item, as the tracking app knows them -------------------

CaseAgencies = Callable[[Iterable[int]], dict[int, set[int]]]
_case_agencies: list[CaseAgencies] = []


def register_case_agencies(provider: CaseAgencies) -> CaseAgencies:
    """``provider(item_ids)`` → {item id: the organisations assigned (lead or co) to the cases from that item}."""
    if provider not in _case_agencies:
        _case_agencies.append(provider)
    return provider


def case_agencies(item_ids: Iterable[int]) -> dict[int, set[int]]:
    ids = list(item_ids)
    out: dict[int, set[int]] = {}
    if not ids:
        return out
    for provider in _case_agencies:
        for item_id, organisations in provider(ids).items():
            out.setdefault(item_id, set()).update(organisations)
    return out

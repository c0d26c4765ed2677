"""Creating and changing meeting series."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lieguan.core import audit
from lieguan.core.actors import Actor
from lieguan.meetings.actions._common import require_runs_series, require_secretariat_of
from lieguan.meetings.audit_events import SERIES_CREATE, SERIES_UPDATE
from lieguan.meetings.models import AgendaSection, MeetingSeries
from lieguan.meetings.numbering import validate_case_number_pattern
from lieguan.organisations.models import Organisation

K = AgendaSection.Kind

# The sections a new series starts with; a series that tracks cases reviews them first.
DEFAULT_TEMPLATE_TRACKING: list[dict[str, Any]] = [
    {"kind": K.PREVIOUS_MINUTES, "heading": "宣讀上次會議紀錄"},
    {"kind": K.REPORTS, "heading": "報告事項", "items": ["上次會議結論事項執行情形"]},
    {"kind": K.DISCUSSIONS, "heading": "討論事項"},
    {"kind": K.MOTIONS, "heading": "臨時動議"},
]
DEFAULT_TEMPLATE_PLAIN: list[dict[str, Any]] = [
    {"kind": K.REPORTS, "heading": "報告事項"},
    {"kind": K.DISCUSSIONS, "heading": "討論事項"},
    {"kind": K.MOTIONS, "heading": "臨時動議"},
]


STATUS_REPORT_TITLE = "上次會議結論事項執行情形"


def ensure_tracking_sections(template: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A series that tracks cases confirms the last minutes, then reports on its open cases, before anything else.

    The template is put in that shape rather than refused: the secretariat asked
    for tracking, and these two steps are what tracking means at a meeting.
    """
    out = [dict(entry, items=list(entry.get("items", []))) for entry in template]
    previous = [e for e in out if e["kind"] == K.PREVIOUS_MINUTES]
    others = [e for e in out if e["kind"] != K.PREVIOUS_MINUTES]
    out = [previous[0] if previous else {"kind": K.PREVIOUS_MINUTES, "heading": "宣讀上次會議紀錄", "items": []}]
    out += others
    reports = next((e for e in out if e["kind"] == K.REPORTS), None)
    if reports is None:
        reports = {"kind": K.REPORTS, "heading": "報告事項", "items": []}
        out.insert(1, reports)
    else:
        # Reports come right after the confirmation of the last minutes.
        out.remove(reports)
        out.insert(1, reports)
    items = [i for i in reports["items"] if "結論事項執行情形" not in i]
    status = next((i for i in reports["items"] if "結論事項執行情形" in i), STATUS_REPORT_TITLE)
    reports["items"] = [status, *items]
    return out


def validate_agenda_template(template: Any) -> list[dict[str, Any]]:
    if not isinstance(template, list):
        raise ValidationError(_("議程範本須為段落清單。"))
    if not template:
        raise ValidationError(_("議程範本至少須有一段。"))
    out = []
    for entry in template:
        if not isinstance(entry, dict) or entry.get("kind") not in K.values or not str(entry.get("heading", "")).strip():
            raise ValidationError(_("議程範本的每一段須有類別與標題。"))
        items = entry.get("items", [])
        if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
            raise ValidationError(_("議程範本的預設案件須為文字清單。"))
        out.append({"kind": entry["kind"], "heading": str(entry["heading"]).strip(), "items": [i.strip() for i in items]})
    return out


SERIES_FIELDS = {
    "name",
    "numbering",
    "level",
    "default_chair",
    "default_recorder",
    "default_location",
    "public",
    "tracks_cases",
    "case_number_pattern",
    "release_after_parent",
    "agenda_template",
    "material_cutoff_days",
    "active",
}


def _free_code(owner: Organisation) -> str:
    """A code for a series created without one: the owner's code and a number (sec-3)."""
    n = MeetingSeries.objects.filter(owner=owner).count() + 1
    while MeetingSeries.objects.filter(code=f"{owner.code}-{n}").exists():
        n += 1
    return f"{owner.code}-{n}"


def do_create_series(actor: Actor, *, owner: Organisation, name: str, code: str = "", **fields: Any) -> MeetingSeries:
    require_secretariat_of(actor, owner)
    unknown = set(fields) - SERIES_FIELDS
    if unknown:
        raise ValueError(f"unknown series fields: {', '.join(sorted(unknown))}")
    tracks = fields.get("tracks_cases", True)
    template = fields.pop("agenda_template", None)
    template = validate_agenda_template(
        template if template is not None else (DEFAULT_TEMPLATE_TRACKING if tracks else DEFAULT_TEMPLATE_PLAIN)
    )
    fields["agenda_template"] = ensure_tracking_sections(template) if tracks else template
    validate_case_number_pattern(fields.get("case_number_pattern", "{session}-{seq}"))
    if not name.strip():
        raise ValidationError(_("會議名稱不可空白。"))
    with transaction.atomic():
        if MeetingSeries.objects.filter(owner=owner, name=name.strip()).exists():
            raise ValidationError(_("%(agency)s已有「%(name)s」。") % {"agency": owner.name, "name": name.strip()})
        series = MeetingSeries(owner=owner, code=code or _free_code(owner), name=name.strip(), **fields)
        series.full_clean()
        series.save()
        audit.record(actor=actor, action=SERIES_CREATE, target=series, after=audit.snapshot(series))
    return series


def do_update_series(actor: Actor, series: MeetingSeries, **changes: Any) -> MeetingSeries:
    require_runs_series(actor, series)
    unknown = set(changes) - SERIES_FIELDS
    if unknown:
        raise ValueError(f"unknown series fields: {', '.join(sorted(unknown))}")
    if "agenda_template" in changes:
        changes["agenda_template"] = validate_agenda_template(changes["agenda_template"])
    if "case_number_pattern" in changes:
        validate_case_number_pattern(changes["case_number_pattern"])
    if "name" in changes:
        changes["name"] = str(changes["name"]).strip()
        if not changes["name"]:
            raise ValidationError(_("會議名稱不可空白。"))
    if "numbering" in changes and changes["numbering"] != series.numbering and series.meetings.exists():
        raise ValidationError(_("此會議已有會次，不能變更編號方式。"))
    with transaction.atomic():
        before = audit.snapshot(series)
        for key, value in changes.items():
            setattr(series, key, value)
        if series.tracks_cases and ("agenda_template" in changes or "tracks_cases" in changes):
            series.agenda_template = ensure_tracking_sections(series.agenda_template)
        if MeetingSeries.objects.filter(owner=series.owner, name=series.name).exclude(pk=series.pk).exists():
            raise ValidationError(_("%(agency)s已有「%(name)s」。") % {"agency": series.owner.name, "name": series.name})
        series.full_clean()
        series.save()
        audit.record(actor=actor, action=SERIES_UPDATE, target=series, before=before, after=audit.snapshot(series))
    return series

"""Applying a confirmed plan: the names decided, the series, and the meeting with all of its minutes.

Called only by ``meetings.actions.importing`` inside the transaction of one
file, so that a file that fails half-way leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from lieguan.core import audit
from lieguan.core.wording import Sentence, in_source_language
from lieguan.meetings.actions.minutes import move_minutes
from lieguan.meetings.actions.schedule import previous_meeting
from lieguan.meetings.actions.series import do_create_series
from lieguan.meetings.audit_events import MEETING_IMPORT
from lieguan.meetings.models import (
    AgendaItem,
    AgendaSection,
    Conclusion,
    ImportFile,
    Meeting,
    MeetingSeries,
    MinutesCaseDecision,
    MinutesRevision,
    Remark,
)
from lieguan.minutes import Minutes
from lieguan.organisations.actions import do_create_organisation, do_create_person
from lieguan.organisations.directory import normalise
from lieguan.organisations.models import Organisation, Person

from .names import CREATE, MATCH, TEXT, NameProposal, presenter_parts
from .plan import Plan, find_duplicate, meeting_year

S = Meeting.MinutesState
K = AgendaSection.Kind


class AlreadyImported(Exception):
    """The document, or its session, is already in the system: importing it again changes nothing.

    ``reason`` is a sentence (``plan.find_duplicate``), worded when read.
    """

    def __init__(self, meeting: Meeting, reason: Sentence) -> None:
        super().__init__(in_source_language(reason))
        self.meeting = meeting
        self.reason = reason


def _clip(value: str | None, model: Any, field: str) -> str:
    limit = model._meta.get_field(field).max_length
    return (value or "").strip()[:limit]


# Names ---------------------------------------------------------------------------------------------------


def _depth(proposal: NameProposal, proposals: dict[str, NameProposal]) -> int:
    depth, key = 0, proposal.parent_key
    while key and key in proposals and depth < 5:
        depth, key = depth + 1, proposals[key].parent_key
    return depth


def _code_for(name: str) -> str:
    base = "imp-" + "".join(f"{ord(c):x}" for c in normalise(name))[:30]
    code, n = base, 1
    while Organisation.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


def _create_organisation(actor: Any, proposal: NameProposal, parent: Organisation | None) -> Organisation:
    kind = proposal.org_kind
    if kind != Organisation.Kind.CITY and parent is None:
        raise ValidationError(
            _("「%(name)s」的上級機關「%(parent)s」沒有建立，無法新增；請改為對應既有機關或僅保留文字。")
            % {"name": proposal.text, "parent": proposal.parent_label}
        )
    name = proposal.full_name or proposal.text
    short = ""
    if kind != Organisation.Kind.CITY:
        short = proposal.text if normalise(proposal.text) != normalise(name) else ""
        if not short and parent is not None and normalise(name).startswith(normalise(parent.name)):
            short = normalise(name)[len(normalise(parent.name)) :]
    try:
        return do_create_organisation(
            actor, code=_code_for(name), name=name, short_name=short[:30], kind=kind, parent=parent, sort_order=900
        )
    except PermissionDenied:
        raise PermissionDenied(_("新增機關「%(name)s」須由系統管理者執行；請改為對應既有機關或僅保留文字。") % {"name": name}) from None


def _create_person(actor: Any, proposal: NameProposal, organisation: Organisation | None) -> Person:
    try:
        return do_create_person(actor, name=proposal.text, title=proposal.title, organisation=organisation)
    except PermissionDenied:
        raise PermissionDenied(
            _("新增人員「%(name)s」須由系統管理者執行；請改為對應既有人員或僅保留文字。") % {"name": proposal.text}
        ) from None


def apply_names(actor: Any, plan: Plan) -> dict[str, Any]:
    """Carry out the decision on every unknown name; the created or chosen entry by proposal key."""
    proposals = plan.names.proposals
    undecided = [p.text for p in proposals.values() if p.decision not in (CREATE, MATCH, TEXT)]
    if undecided:
        raise ValidationError(_("請先確認這些名稱如何處理：%(names)s。") % {"names": _("、").join(undecided)})
    out: dict[str, Any] = {}
    for proposal in sorted(proposals.values(), key=lambda p: (p.kind == "person", _depth(p, proposals))):
        if proposal.decision == TEXT:
            out[proposal.key] = None
            continue
        model = Person if proposal.kind == "person" else Organisation
        if proposal.decision == MATCH:
            chosen = model.objects.filter(pk=proposal.decision_match_id or 0).first()
            if chosen is None:
                if model is Person:
                    raise ValidationError(_("請為「%(name)s」選擇要對應的既有人員。") % {"name": proposal.text})
                raise ValidationError(_("請為「%(name)s」選擇要對應的既有機關。") % {"name": proposal.text})
            out[proposal.key] = chosen
            continue
        parent: Organisation | None = None
        if proposal.parent_id is not None:
            parent = Organisation.objects.filter(pk=proposal.parent_id).first()
        elif proposal.parent_key:
            parent = out.get(proposal.parent_key)
        if proposal.kind == "person":
            out[proposal.key] = _create_person(actor, proposal, parent)
        else:
            out[proposal.key] = _create_organisation(actor, proposal, parent)
    return out


class Resolver:
    """The body or person a name stands for, once the names have been decided."""

    def __init__(self, plan: Plan, decided: dict[str, Any]) -> None:
        self.plan = plan
        self.decided = decided

    def organisation(self, text: str | None) -> Organisation | None:
        if not text:
            return None
        key = normalise(text)
        known = self.plan.names.organisations.get(key)
        return known if known is not None else self.decided.get(f"org:{key}")

    def presenter(self, text: str | None) -> Organisation | None:
        return next((o for o in map(self.organisation, presenter_parts(text)) if o is not None), None)

    def speaker(self, speaker: str) -> Organisation | None:
        return self.organisation(self.plan.names.speakers.get(speaker))

    def person(self, role: str, name: str | None) -> Person | None:
        if role in self.plan.names.people:
            return self.plan.names.people[role]
        return self.decided.get(f"person:{normalise(name)}") if name else None


# Series --------------------------------------------------------------------------------------------------


def apply_series(actor: Any, plan: Plan, resolver: Resolver) -> MeetingSeries:
    choice = plan.series
    if choice.series is not None:
        return choice.series
    if not choice.can_create:
        raise ValidationError(choice.problem or _("找不到要匯入的會議，請指定會議。"))
    owner = choice.owner or resolver.decided.get(choice.owner_key)
    if owner is None:
        raise ValidationError(
            _("會議的主辦機關「%(name)s」須對應至機關名錄（新增或對應既有機關），才能建立會議。") % {"name": choice.owner_label}
        )
    existing = MeetingSeries.objects.filter(code=choice.code).first()
    if existing is not None and existing.owner_id == owner.pk:
        return existing
    # The owner became known only now (matched in the preview): the series of that name it has is the one meant.
    wanted = normalise(choice.name)
    for series in MeetingSeries.objects.filter(owner=owner):
        if normalise(series.name) == wanted:
            return series
    return do_create_series(
        actor,
        owner=owner,
        code=choice.code,
        name=choice.name,
        numbering=choice.numbering,
        level=MeetingSeries.Level.CITY if owner.kind == Organisation.Kind.CITY else MeetingSeries.Level.AGENCY,
        case_number_pattern=choice.case_number_pattern,
    )


# The meeting ---------------------------------------------------------------------------------------------


def _aware(day: dt.date, time: dt.time | None) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time or dt.time(0, 0)))


def _find_previous(series: MeetingSeries, minutes: Minutes, meeting: Meeting) -> Meeting | None:
    """The meeting the minutes confirm (宣讀第223次紀錄), or the one before by date when they name none."""
    ref = minutes.previous_minutes
    if ref is None or ref.session is None:
        return previous_meeting(series, meeting.start, exclude=meeting.pk)
    found = series.meetings.exclude(pk=meeting.pk).filter(number=ref.session, start__lt=meeting.start)
    if ref.date is not None:
        same_day = [m for m in found if timezone.localtime(m.start).date() == ref.date]
        if same_day:
            return same_day[0]
    return found.order_by("-start").first()


def _confirms(section_texts: list[str]) -> bool:
    """紀錄確定 / 其餘紀錄確定: the previous minutes were confirmed, as they were or amended."""
    return any("確定" in t for t in section_texts)


def _build_tree(meeting: Meeting, minutes: Minutes, resolver: Resolver) -> list[Conclusion]:
    """Every section, item, remark and conclusion, labels kept as printed; the conclusions in document order."""
    conclusions: list[Conclusion] = []

    def conclude(rows: list[Any], **owner: Any) -> None:
        for n, c in enumerate(rows, start=1):
            conclusions.append(
                Conclusion.objects.create(**owner, position=n, label=_clip(c.label, Conclusion, "label"), text=c.text, tracked=c.tracked)
            )

    for s_pos, s in enumerate(minutes.sections, start=1):
        section = AgendaSection.objects.create(
            meeting=meeting,
            position=s_pos,
            label=_clip(s.label, AgendaSection, "label"),
            kind=s.kind,
            heading=_clip(s.heading, AgendaSection, "heading") or K(s.kind).label,
            conclusion_heading=_clip(s.conclusion_heading, AgendaSection, "conclusion_heading"),
        )
        conclude(s.conclusions, section=section)
        for i_pos, i in enumerate(s.items, start=1):
            item = AgendaItem.objects.create(
                section=section,
                position=i_pos,
                label=_clip(i.label, AgendaItem, "label"),
                title=i.title,
                presenter=resolver.presenter(i.presenter),
                presenter_text=_clip(i.presenter, AgendaItem, "presenter_text"),
                body=i.body or "",
                explanation=i.explanation or "",
                proposed_action=i.proposed_action or "",
                conclusion_heading=_clip(i.conclusion_heading, AgendaItem, "conclusion_heading"),
            )
            for r_pos, r in enumerate(i.remarks, start=1):
                Remark.objects.create(
                    item=item,
                    position=r_pos,
                    speaker=_clip(r.speaker, Remark, "speaker"),
                    speaker_organisation=resolver.speaker(r.speaker),
                    kind=_clip(r.kind, Remark, "kind"),
                    text=r.text,
                )
            conclude(i.conclusions, item=item)
    return conclusions


_RANGE = re.compile(r"(\d+)(?:至|到|~|～|－|—)(\d+)")


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def conclusion_for_case(case: str, conclusions: list[Conclusion]) -> Conclusion | None:
    """The conclusion that decided on ``case``: it names the case, or a range of plain numbers holding it."""
    pattern = re.compile(rf"(?<![\d-]){re.escape(case)}(?![\d])")
    for c in conclusions:
        if pattern.search(_fold(c.text)):
            return c
    if case.isdigit():
        n = int(case)
        for c in conclusions:
            if any(int(a) <= n <= int(b) for a, b in _RANGE.findall(_fold(c.text))):
                return c
    return None


def confirm_by(actor: Any, previous: Meeting, later: Meeting, texts: list[str]) -> None:
    """``later`` read and confirmed the minutes of ``previous``."""
    if previous.minutes_state == S.PUBLISHED and _confirms(texts):
        move_minutes(actor, previous, S.CONFIRMED, note="\n".join(texts), revision=MinutesRevision.Reason.CONFIRMED, decided_at=later)


def create_meeting(actor: Any, plan: Plan, series: MeetingSeries, resolver: Resolver, *, source_name: str) -> Meeting:
    minutes = plan.minutes
    if minutes.date is None or minutes.session.number is None:
        raise ValidationError(_("紀錄沒有開會日期或會次，無法建立會次。"))
    duplicate, reason = find_duplicate(plan.digest, series, minutes)
    if duplicate is not None:
        raise AlreadyImported(duplicate, reason)
    warnings = list(minutes.warnings)
    if minutes.start_time is None:
        warnings.append("紀錄沒有寫開會時刻，開會時間以當日 0 時記錄。")
    start = _aware(minutes.date, minutes.start_time)
    end = _aware(minutes.date, minutes.end_time) if minutes.end_time else None
    chair, recorder = resolver.person("chair", minutes.chair.name), resolver.person("recorder", minutes.recorder)
    meeting = Meeting.objects.create(
        series=series,
        number=minutes.session.number,
        year=meeting_year(series, minutes),
        start=start,
        end=end if end is None or end >= start else None,
        location=_clip(minutes.location, Meeting, "location"),
        chair=chair,
        chair_name=_clip(minutes.chair.name, Meeting, "chair_name"),
        chair_title=_clip(minutes.chair.title, Meeting, "chair_title"),
        recorder=recorder,
        recorder_name=_clip(minutes.recorder, Meeting, "recorder_name"),
        present_text=_clip(minutes.attendance.present, Meeting, "present_text"),
        observers_text=_clip(minutes.attendance.observers, Meeting, "observers_text"),
        excused_text=_clip(minutes.attendance.excused, Meeting, "excused_text"),
        source=Meeting.Source.IMPORTED,
        source_digest=plan.digest,
        source_name=_clip(source_name, Meeting, "source_name"),
        parse_warnings=warnings,
    )
    conclusions = _build_tree(meeting, minutes, resolver)
    for d in minutes.case_decisions:
        MinutesCaseDecision.objects.create(
            meeting=meeting,
            case_number=_clip(d.case, MinutesCaseDecision, "case_number"),
            decision=d.decision,
            part=_clip(d.part, MinutesCaseDecision, "part"),
            conclusion=conclusion_for_case(d.case, conclusions),
        )
    meeting.previous = _find_previous(series, minutes, meeting)
    meeting.save(update_fields=["previous"])
    audit.record(
        actor=actor,
        action=MEETING_IMPORT,
        target=meeting,
        after={**audit.snapshot(meeting), **plan.counts, "source_name": source_name},
    )
    move_minutes(actor, meeting, S.PUBLISHED, note=f"匯入：{source_name}", revision=MinutesRevision.Reason.PUBLISHED)
    if meeting.previous is not None:
        confirm_by(actor, meeting.previous, meeting, _previous_minutes_texts(meeting))
    _link_later(actor, meeting)
    return meeting


def _previous_minutes_texts(meeting: Meeting) -> list[str]:
    """What the meeting's 宣讀上次會議紀錄 section concluded (紀錄確定, or amendments then 其餘紀錄確定)."""
    texts = []
    for section in meeting.sections.filter(kind=K.PREVIOUS_MINUTES).order_by("position"):
        texts += [c.text for c in section.conclusions.order_by("position")]
        for item in section.items.order_by("position"):
            texts += [c.text for c in item.conclusions.order_by("position")]
    return texts


def _link_later(actor: Any, meeting: Meeting) -> None:
    """A history imported out of date order: a later imported meeting may already name this one as its previous."""
    day = timezone.localtime(meeting.start).date().isoformat()
    later = Meeting.objects.filter(
        series=meeting.series, source=Meeting.Source.IMPORTED, previous__isnull=True, start__gt=meeting.start
    ).order_by("start")
    for candidate in later:
        record = ImportFile.objects.filter(meeting=candidate, status=ImportFile.Status.IMPORTED).first()
        ref = (record.document or {}).get("previous_minutes") if record is not None else None
        if ref is None:
            if previous_meeting(meeting.series, candidate.start, exclude=candidate.pk) != meeting:
                continue
        elif ref.get("session") != meeting.number or ref.get("date") not in (None, day):
            continue
        candidate.previous = meeting
        candidate.save(update_fields=["previous"])
        confirm_by(actor, meeting, candidate, _previous_minutes_texts(candidate))
        return

"""Writing minutes (remarks, conclusions, header), moving them through their states, confirming them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lieguan.core import audit
from lieguan.core.actors import Actor, is_system, signed_in, user_of
from lieguan.meetings import access, notifying
from lieguan.meetings.actions._common import meeting_of, require_runs_series, require_writes_minutes
from lieguan.meetings.audit_events import (
    MINUTES_ADD_CONCLUSION,
    MINUTES_ADD_REMARK,
    MINUTES_AMEND_CONCLUSION,
    MINUTES_COMMENT,
    MINUTES_DELETE_CONCLUSION,
    MINUTES_DELETE_REMARK,
    MINUTES_HEADER,
    MINUTES_RESOLVE_COMMENT,
    MINUTES_TRANSITION,
    MINUTES_UPDATE_CONCLUSION,
    MINUTES_UPDATE_ITEM,
    MINUTES_UPDATE_REMARK,
)
from lieguan.meetings.document import minutes_document
from lieguan.meetings.models import (
    AgendaItem,
    AgendaSection,
    Conclusion,
    Meeting,
    MinutesComment,
    MinutesRevision,
    MinutesTransition,
    Remark,
)
from lieguan.meetings.publishing import unmet_conditions
from lieguan.meetings.signals import (
    meeting_changed,
    minutes_amended,
    minutes_published,
    send_after_commit,
    send_within,
)
from lieguan.meetings.workflow import transition
from lieguan.minutes.numerals import to_chinese
from lieguan.organisations.directory import Directory

S = Meeting.MinutesState


def _changed(meeting: Meeting) -> None:
    send_after_commit(meeting_changed, meeting.pk)


def do_update_minutes_header(actor: Actor, meeting: Meeting, **changes: Any) -> Meeting:
    """The parts of the header written in the minutes: adjournment time and attendance as printed."""
    allowed = {"end", "present_text", "observers_text", "excused_text", "location"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"unknown minutes header fields: {', '.join(sorted(unknown))}")
    require_writes_minutes(actor, meeting)
    with transaction.atomic():
        before = audit.snapshot(meeting, allowed)
        for key, value in changes.items():
            setattr(meeting, key, value)
        if meeting.end and meeting.end < meeting.start:
            raise ValidationError(_("散會時間不可早於開會時間。"))
        if audit.snapshot(meeting, allowed) == before:
            # Autosave sends unchanged fields too; they must not fill the audit trail.
            return meeting
        meeting.save()
        audit.record(actor=actor, action=MINUTES_HEADER, target=meeting, before=before, after=audit.snapshot(meeting, allowed))
        _changed(meeting)
    return meeting


MINUTES_ITEM_FIELDS = {"explanation", "proposed_action", "conclusion_heading"}
# A motion (臨時動議) is raised at the meeting itself, so the minutes are where its title is written.
MOTION_ITEM_FIELDS = {"title", "presenter_text"}
CONCLUSION_HEADINGS = ("會議結論", "決議", "裁示", "結論")


def do_update_item_minutes(actor: Actor, item: AgendaItem, **changes: Any) -> AgendaItem:
    """The parts of an item the minutes record: 說明, 辦法, the heading of its conclusions; a motion's title."""
    allowed = MINUTES_ITEM_FIELDS | (MOTION_ITEM_FIELDS if item.section.kind == AgendaSection.Kind.MOTIONS else set())
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"fields not written in the minutes: {', '.join(sorted(unknown))}")
    meeting = meeting_of(item)
    require_writes_minutes(actor, meeting)
    heading = changes.get("conclusion_heading")
    if heading and heading not in CONCLUSION_HEADINGS:
        raise ValidationError(_("結論標題須為%(headings)s之一。") % {"headings": _("、").join(CONCLUSION_HEADINGS)})
    if "title" in changes and not str(changes["title"]).strip():
        raise ValidationError(_("臨時動議的案由不可空白。"))
    with transaction.atomic():
        before = audit.snapshot(item, allowed)
        for key, value in changes.items():
            setattr(item, key, value.strip() if key in MOTION_ITEM_FIELDS else value)
        if audit.snapshot(item, allowed) == before:
            return item
        item.save()
        audit.record(actor=actor, action=MINUTES_UPDATE_ITEM, target=item, before=before, after=audit.snapshot(item, allowed))
        _changed(meeting)
    return item


def do_add_motion(actor: Actor, meeting: Meeting, *, title: str, presenter: str = "") -> AgendaItem:
    """A 臨時動議 raised at the meeting: an item of the motions section, which is added when missing."""
    from lieguan.meetings.actions.agenda import do_add_item, do_add_section, do_move_section

    require_writes_minutes(actor, meeting)
    if not title.strip():
        raise ValidationError(_("請填寫臨時動議的案由。"))
    with transaction.atomic():
        section = meeting.sections.filter(kind=AgendaSection.Kind.MOTIONS).order_by("position").first()
        if section is None:
            section = do_add_section(actor, meeting, kind=AgendaSection.Kind.MOTIONS, heading="臨時動議")
            # Motions come before the conclusions that close the minutes (綜合會議結論, 主席裁示事項).
            closing = meeting.sections.filter(kind__in=CLOSING_SECTIONS).exclude(pk=section.pk).count()
            if closing:
                do_move_section(actor, section, -closing)
        org = Directory.load().resolve(presenter.strip(), timezone.localtime(meeting.start).date()) if presenter.strip() else None
        item = do_add_item(actor, section, title=title.strip(), presenter=org)
        if presenter.strip() and org is None:
            item = do_update_item_minutes(actor, item, presenter_text=presenter.strip())
        _changed(meeting)
    return item


CLOSING_SECTIONS = (AgendaSection.Kind.GENERAL_CONCLUSIONS, AgendaSection.Kind.CHAIR_DIRECTIVES)
SECTION_HEADINGS: dict[str, str] = {
    AgendaSection.Kind.GENERAL_CONCLUSIONS: "綜合會議結論",
    AgendaSection.Kind.CHAIR_DIRECTIVES: "主席裁示事項",
}


def do_add_conclusion_section(actor: Actor, meeting: Meeting, kind: str) -> AgendaSection:
    """綜合會議結論 or 主席裁示事項: a section that holds conclusions of its own, at the end of the minutes."""
    from lieguan.meetings.actions.agenda import do_add_section

    if kind not in SECTION_HEADINGS:
        raise ValidationError(_("只能新增「綜合會議結論」或「主席裁示事項」段落。"))
    require_writes_minutes(actor, meeting)
    with transaction.atomic():
        existing = meeting.sections.filter(kind=kind).order_by("position").first()
        if existing is not None:
            return existing
        section = do_add_section(actor, meeting, kind=kind, heading=SECTION_HEADINGS[kind])
        _changed(meeting)
    return section


# Remarks -------------------------------------------------------------------------------------------------


def do_add_remark(actor: Actor, item: AgendaItem, *, speaker: str, text: str, kind: str = "補充說明") -> Remark:
    meeting = meeting_of(item)
    require_writes_minutes(actor, meeting)
    if not speaker.strip():
        raise ValidationError(_("請填寫發言人。"))
    with transaction.atomic():
        position = int(item.remarks.aggregate(n=Max("position"))["n"] or 0) + 1
        org, _rest = Directory.load().split_speaker(speaker.strip(), timezone.localtime(meeting.start).date())
        remark = Remark.objects.create(
            item=item, position=position, speaker=speaker.strip(), speaker_organisation=org, kind=kind, text=text
        )
        audit.record(actor=actor, action=MINUTES_ADD_REMARK, target=remark, after=audit.snapshot(remark))
        _changed(meeting)
    return remark


def do_update_remark(
    actor: Actor, remark: Remark, *, speaker: str | None = None, text: str | None = None, kind: str | None = None
) -> Remark:
    meeting = meeting_of(remark)
    require_writes_minutes(actor, meeting)
    with transaction.atomic():
        before = audit.snapshot(remark)
        if speaker is not None:
            if not speaker.strip():
                raise ValidationError(_("請填寫發言人。"))
            remark.speaker = speaker.strip()
            remark.speaker_organisation, _rest = Directory.load().split_speaker(remark.speaker, timezone.localtime(meeting.start).date())
        if text is not None:
            remark.text = text
        if kind is not None:
            remark.kind = kind
        if audit.snapshot(remark) == before:
            return remark
        remark.save()
        audit.record(actor=actor, action=MINUTES_UPDATE_REMARK, target=remark, before=before, after=audit.snapshot(remark))
        _changed(meeting)
    return remark


def do_delete_remark(actor: Actor, remark: Remark) -> None:
    meeting = meeting_of(remark)
    require_writes_minutes(actor, meeting)
    with transaction.atomic():
        audit.record(actor=actor, action=MINUTES_DELETE_REMARK, target=remark, before=audit.snapshot(remark))
        remark.delete()
        _changed(meeting)


# Conclusions ---------------------------------------------------------------------------------------------


def _siblings(conclusion: Conclusion) -> Any:
    if conclusion.item_id:
        return Conclusion.objects.filter(item_id=conclusion.item_id)
    return Conclusion.objects.filter(section_id=conclusion.section_id)


def relabel_conclusions(siblings: Any) -> None:
    """(一)(二)… when there are several; no label for a single conclusion sentence."""
    rows = list(siblings.order_by("position", "id"))
    for n, c in enumerate(rows, start=1):
        label = to_chinese(n) if len(rows) > 1 else ""
        if c.position != n or c.label != label:
            c.position, c.label = n, label
            c.save(update_fields=["position", "label"])


def do_add_conclusion(actor: Actor, owner: AgendaItem | AgendaSection, *, text: str, tracked: bool = False) -> Conclusion:
    meeting = meeting_of(owner)
    require_writes_minutes(actor, meeting)
    with transaction.atomic():
        field = "item" if isinstance(owner, AgendaItem) else "section"
        siblings = Conclusion.objects.filter(**{field: owner})
        position = int(siblings.aggregate(n=Max("position"))["n"] or 0) + 1
        conclusion = Conclusion.objects.create(**{field: owner}, position=position, text=text, tracked=tracked)
        relabel_conclusions(siblings)
        conclusion.refresh_from_db()
        audit.record(actor=actor, action=MINUTES_ADD_CONCLUSION, target=conclusion, after=audit.snapshot(conclusion))
        _changed(meeting)
    return conclusion


def do_update_conclusion(actor: Actor, conclusion: Conclusion, *, text: str | None = None, tracked: bool | None = None) -> Conclusion:
    meeting = meeting_of(conclusion)
    require_writes_minutes(actor, meeting)
    with transaction.atomic():
        before = audit.snapshot(conclusion)
        if text is not None:
            conclusion.text = text
        if tracked is not None:
            conclusion.tracked = tracked
        if audit.snapshot(conclusion) == before:
            return conclusion
        conclusion.save()
        audit.record(actor=actor, action=MINUTES_UPDATE_CONCLUSION, target=conclusion, before=before, after=audit.snapshot(conclusion))
        _changed(meeting)
    return conclusion


def do_delete_conclusion(actor: Actor, conclusion: Conclusion) -> None:
    meeting = meeting_of(conclusion)
    require_writes_minutes(actor, meeting)
    with transaction.atomic():
        siblings = _siblings(conclusion)
        audit.record(actor=actor, action=MINUTES_DELETE_CONCLUSION, target=conclusion, before=audit.snapshot(conclusion))
        conclusion.delete()
        relabel_conclusions(siblings)
        _changed(meeting)


# States --------------------------------------------------------------------------------------------------


def move_minutes(
    actor: Actor,
    meeting: Meeting,
    to_state: str,
    *,
    note: str = "",
    revision: str | None = None,
    revision_note: str | None = None,
    decided_at: Meeting | None = None,
) -> MinutesRevision | None:
    """The one place minutes change state: the state, its transition row, the frozen revision it makes, the audit.

    Callers check the workflow and permission (``do_transition_minutes``, the
    confirmation at the next meeting, an import) and hold the transaction.
    Revisions are numbered 1, 2, … per meeting, whoever made them.
    """
    from_state = meeting.minutes_state
    meeting.minutes_state = to_state
    meeting.save(update_fields=["minutes_state", "updated"])
    user = user_of(actor)
    MinutesTransition.objects.create(meeting=meeting, from_state=from_state, to_state=to_state, by=user, note=note)
    frozen = None
    if revision is not None:
        number = int(meeting.revisions.aggregate(n=Max("number"))["n"] or 0) + 1
        frozen = MinutesRevision.objects.create(
            meeting=meeting,
            number=number,
            reason=revision,
            document=minutes_document(meeting, reader=None).to_dict(),
            note=note if revision_note is None else revision_note,
            decided_at_meeting=decided_at,
            created_by=user,
        )
    audit.record(
        actor=actor,
        action=MINUTES_TRANSITION,
        target=meeting,
        before={"minutes_state": from_state},
        after={"minutes_state": to_state, "note": note, "revision": frozen.number if frozen else None},
    )
    return frozen


def blank_entries(meeting: Meeting) -> list[str]:
    """Where the minutes hold a conclusion or remark still without text (an editor row added, never filled)."""
    out: list[str] = []
    conclusions = Conclusion.objects.filter(Q(item__section__meeting=meeting) | Q(section__meeting=meeting))
    for c in conclusions.select_related("item__section", "section"):
        if not c.text.strip():
            out.append(where_is(c))
    remarks = Remark.objects.filter(item__section__meeting=meeting).select_related("item__section")
    for r in remarks:
        if not r.text.strip():
            out.append(f"{r.item.section.heading}{r.item.label}{r.speaker}{r.kind}")
    return out


def do_transition_minutes(actor: Actor, meeting: Meeting, to_state: str, *, note: str = "") -> Meeting:
    step = transition(meeting.minutes_state, to_state)
    if step is None:
        raise ValidationError(
            _("會議紀錄無法由「%(current)s」改為「%(target)s」。")
            % {"current": S(meeting.minutes_state).label, "target": S(to_state).label if to_state in S.values else to_state}
        )
    access.require_take_minutes_step(actor, meeting, step.who, step.label)
    # A rule for people only: they leave empty rows behind in the editor; an import or the demo records
    # minutes as they were written, and must not be stopped by a blank row of the original.
    if not is_system(actor):
        blanks = blank_entries(meeting) if to_state in (S.CIRCULATED, S.PUBLISHED) else []
        if blanks:
            raise ValidationError(
                _("以下內容尚未填寫，請填寫或刪除後再「%(step)s」：%(blanks)s。") % {"step": step.label, "blanks": _("、").join(blanks)}
            )
    # After the permission check, so that those who may not move the minutes are told that, not the time.
    if to_state in (S.CIRCULATED, S.PUBLISHED) and not access.has_started(meeting):
        raise ValidationError(
            _("%(not_started)s會議開始後才能「%(step)s」會議紀錄。")
            % {"not_started": access.not_started_message(meeting), "step": step.label}
        )
    with transaction.atomic():
        if to_state == S.PUBLISHED and (unmet := unmet_conditions(meeting)):
            # Tracking's condition: every case on this session's status report has a decision.
            raise ValidationError([u.message for u in unmet])
        published = to_state == S.PUBLISHED
        move_minutes(actor, meeting, to_state, note=note, revision=MinutesRevision.Reason.PUBLISHED if published else None)
        notifying.minutes_moved(actor, meeting, to_state)
        if published:
            send_after_commit(minutes_published, meeting.pk)
        _changed(meeting)
    return meeting


# Review comments (會簽意見) -------------------------------------------------------------------------------


def do_add_minutes_comment(actor: Actor, meeting: Meeting, *, text: str) -> MinutesComment:
    from lieguan.organisations.access import viewer_for

    if not access.can_comment_minutes(viewer_for(actor), meeting):
        if meeting.minutes_state != S.CIRCULATED:
            raise PermissionDenied(_("會議紀錄目前不在會簽階段，無法提出會簽意見。"))
        raise PermissionDenied(_("只有與會人員可以對會議紀錄提出會簽意見。"))
    if not text.strip():
        raise ValidationError(_("請填寫會簽意見。"))
    with transaction.atomic():
        comment = MinutesComment.objects.create(meeting=meeting, author=signed_in(actor), text=text.strip())
        audit.record(actor=actor, action=MINUTES_COMMENT, target=comment, after=audit.snapshot(comment))
    return comment


def do_resolve_minutes_comment(actor: Actor, comment: MinutesComment, *, response: str) -> MinutesComment:
    """The recorder (or secretariat) answers a comment and marks it handled."""
    access.require_answer_minutes_comments(actor, comment.meeting)
    if not response.strip():
        raise ValidationError(_("請填寫處理情形。"))
    with transaction.atomic():
        before = audit.snapshot(comment)
        comment.resolved = True
        comment.response = response.strip()
        comment.save(update_fields=["resolved", "response"])
        audit.record(actor=actor, action=MINUTES_RESOLVE_COMMENT, target=comment, before=before, after=audit.snapshot(comment))
    return comment


# Confirmation at the next meeting ------------------------------------------------------------------------


@dataclass(frozen=True)
class Amendment:
    conclusion: Conclusion
    new_text: str


def conclusion_heading_of(item: AgendaItem) -> str:
    """The word printed before an item's conclusions, as the official layout chooses it."""
    if item.conclusion_heading or item.section.conclusion_heading:
        return item.conclusion_heading or item.section.conclusion_heading
    return "決議" if item.section.kind == AgendaSection.Kind.DISCUSSIONS else "會議結論"


def where_is(conclusion: Conclusion) -> str:
    """報告事項三會議結論（二） — how minutes point at one of their conclusions."""
    label = f"（{conclusion.label}）" if conclusion.label else ""
    if conclusion.item_id:
        item = conclusion.item
        assert item is not None
        return f"{item.section.heading}{item.label}{conclusion_heading_of(item)}{label}"
    return f"{conclusion.section.heading}{label}"  # type: ignore[union-attr]


def amendment_sentence(conclusion: Conclusion, new_text: str) -> str:
    """報告事項三會議結論（三）「…」修改為「…」。 — as real minutes record an amendment."""
    return f"{where_is(conclusion)}「{conclusion.text.strip()}」修改為「{new_text.strip()}」。"


def do_confirm_previous_minutes(actor: Actor, meeting: Meeting, amendments: list[Amendment], *, note: str = "") -> Meeting:
    """At ``meeting``, confirm the published minutes of the previous meeting, as they are or amended.

    The amendments change the previous minutes, a new revision keeps the
    amended version beside the published one, and this meeting's 宣讀上次會議紀錄
    section records what was changed followed by 其餘紀錄確定 (or 紀錄確定).
    """
    require_runs_series(actor, meeting.series)
    require_writes_minutes(actor, meeting)
    if not access.has_started(meeting):
        raise ValidationError(_("%(not_started)s上次會議紀錄須於本次會議中確定。") % {"not_started": access.not_started_message(meeting)})
    if meeting.previous_id is None:
        raise ValidationError(_("此會次沒有上次會議紀錄可確定。"))
    with transaction.atomic():
        # Locked and read afresh: two people confirming at once must not both succeed.
        previous = Meeting.objects.select_for_update().get(pk=meeting.previous_id)
        return _confirm(actor, meeting, previous, amendments, note)


def _confirm(actor: Actor, meeting: Meeting, previous: Meeting, amendments: list[Amendment], note: str) -> Meeting:
    if previous.minutes_state == S.CONFIRMED:
        raise ValidationError(_("%(ordinal)s會議紀錄已經確定，不必再確定。") % {"ordinal": previous.ordinal})
    if previous.minutes_state != S.PUBLISHED:
        raise ValidationError(_("上次會議紀錄目前為「%(state)s」，須先發布才能確定。") % {"state": S(previous.minutes_state).label})
    section = meeting.sections.filter(kind=AgendaSection.Kind.PREVIOUS_MINUTES).order_by("position").first()
    if section is None:
        raise ValidationError(_("此會次的議程沒有「宣讀上次會議紀錄」段落。"))
    seen: set[int] = set()
    for amendment in amendments:
        if meeting_of(amendment.conclusion).pk != previous.pk:
            raise ValidationError(_("只能修正上次會議紀錄的會議結論。"))
        if not amendment.new_text.strip():
            raise ValidationError(_("修正後的文字不可空白。"))
        if amendment.new_text.strip() == amendment.conclusion.text.strip():
            raise ValidationError(_("%(where)s修正後的文字與原文相同。") % {"where": where_is(amendment.conclusion)})
        if amendment.conclusion.pk in seen:
            raise ValidationError(_("%(where)s重複修正，請合併為一項。") % {"where": where_is(amendment.conclusion)})
        seen.add(amendment.conclusion.pk)
    with transaction.atomic():
        sentences = []
        changes = []
        for amendment in amendments:
            c = amendment.conclusion
            before = audit.snapshot(c)
            sentences.append(amendment_sentence(c, amendment.new_text))
            changes.append((c, c.text, amendment.new_text.strip()))
            c.text = amendment.new_text.strip()
            c.save(update_fields=["text"])
            audit.record(actor=actor, action=MINUTES_AMEND_CONCLUSION, target=c, before=before, after=audit.snapshot(c))
        if changes:
            # The cases put under tracking from these conclusions follow the amended text (tracking's receiver).
            send_within(minutes_amended, actor=actor, meeting=previous, at_meeting=meeting, changes=changes)
            notifying.minutes_amended(actor, previous, meeting, changes)
        texts = [*sentences, "其餘紀錄確定。" if sentences else "紀錄確定。"]
        for text in texts:
            do_add_conclusion(actor, section, text=text)
        reason = MinutesRevision.Reason.AMENDED if sentences else MinutesRevision.Reason.CONFIRMED
        move_minutes(
            actor, previous, S.CONFIRMED, note="\n".join(sentences) or note or "\n".join(texts), revision=reason, decided_at=meeting
        )
        send_after_commit(minutes_published, previous.pk)
        _changed(previous)
    return previous

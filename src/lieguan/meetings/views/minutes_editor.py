"""The minutes editor: the header, remarks, conclusions and motions, saved as one types.

Without JavaScript the editor is one form whose buttons save everything and
then add or delete a row; with it (minutes-editor.js) every field is also
saved on its own shortly after typing stops, when it loses focus, and when
the page is hidden or closed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lieguan.core.submission import once_per_submission
from lieguan.meetings import access, actions
from lieguan.meetings.actions.minutes import CONCLUSION_HEADINGS, SECTION_HEADINGS, conclusion_heading_of
from lieguan.meetings.actions.minutes_editing import do_delete_minutes_section, do_save_minutes_fields, may_omit_section, omittable_kinds
from lieguan.meetings.document import load_tree
from lieguan.meetings.models import AgendaItem, AgendaSection, Conclusion, Meeting, Remark
from lieguan.meetings.views.minutes_confirm import amendment_formset, confirm_context, more_rows
from lieguan.meetings.views.minutes_review import review_context
from lieguan.meetings.views.minutes_save import (
    HEADER_FIELDS,
    PUBLISHED_MESSAGE,
    format_end,
    refusal,
    writable_minutes,
)
from lieguan.organisations.access import viewer_for

K = AgendaSection.Kind
TEMPLATE = "meetings/minutes_editor.html"
REMARK_KINDS = ("補充說明", "補充報告", "口頭報告")
ITEM_FIELDS = ("title", "presenter_text", "explanation", "proposed_action", "conclusion_heading")
# Sections whose conclusions stand under the section itself rather than under an item.
SECTION_CONCLUSION_KINDS = (K.PREVIOUS_MINUTES, K.GENERAL_CONCLUSIONS, K.CHAIR_DIRECTIVES, K.OTHER)


def _mark(obj: Any, **attributes: Any) -> None:
    """Attributes the editor template reads beside the model's own fields."""
    for name, value in attributes.items():
        setattr(obj, name, value)


def _labelled(where: str, label: str) -> str:
    return f"{where}（{label}）" if label else where


def _annotate(sections: list[AgendaSection], errors: dict[str, str], posted: Any, omittable: tuple[str, ...]) -> None:
    """Give the template what it cannot compute: where each conclusion is, and the errors of each field."""
    for section in sections:
        conclusions = list(section.conclusions.all())
        items = list(section.items.all())
        _mark(
            section,
            holds_conclusions=section.kind in SECTION_CONCLUSION_KINDS or bool(conclusions),
            deletable=may_omit_section(section.kind, omittable, empty=not conclusions and not items),
        )
        for c in conclusions:
            _mark(c, where=_labelled(section.heading, c.label), error=errors.get(f"conclusion-{c.pk}-text", ""))
        for item in items:
            word = conclusion_heading_of(item)
            _mark(
                item,
                is_motion=section.kind == K.MOTIONS,
                is_discussion=section.kind == K.DISCUSSIONS,
                heading_word=word,
                default_heading="決議" if section.kind == K.DISCUSSIONS else "會議結論",
                errors={f: errors.get(f"item-{item.pk}-{f}", "") for f in ITEM_FIELDS},
                new_speaker=posted.get(f"new-remark-{item.pk}-speaker", "") if posted else "",
                new_speaker_error=errors.get(f"new-remark-{item.pk}-speaker", ""),
            )
            for r in item.remarks.all():
                _mark(
                    r,
                    errors={f: errors.get(f"remark-{r.pk}-{f}", "") for f in ("speaker", "kind", "text")},
                    kinds=REMARK_KINDS if r.kind in REMARK_KINDS else (*REMARK_KINDS, r.kind),
                )
            for c in item.conclusions.all():
                where = _labelled(f"{section.heading}{item.label}{word}", c.label)
                _mark(c, where=where, error=errors.get(f"conclusion-{c.pk}-text", ""))


def editor_context(
    request: HttpRequest,
    meeting: Meeting,
    *,
    errors: dict[str, str] | None = None,
    posted: Any = None,
    amendments: Any = None,
) -> dict[str, Any]:
    errors = errors or {}
    sections = load_tree(meeting)
    _annotate(sections, errors, posted, omittable_kinds(meeting))
    kinds = {s.kind for s in sections}
    header = {f: getattr(meeting, f) for f in HEADER_FIELDS if f != "end"}
    header["end"] = format_end(meeting)
    if posted:
        header.update({f: posted[f"header-{f}"] for f in HEADER_FIELDS if f"header-{f}" in posted and f"header-{f}" in errors})
    return {
        "meeting": meeting,
        "series": meeting.series,
        "sections": sections,
        "header": header,
        "header_errors": {f: errors.get(f"header-{f}", "") for f in HEADER_FIELDS},
        "motion_error": errors.get("new-motion-title", ""),
        "error_list": sorted(errors.items()),
        "remark_kinds": REMARK_KINDS,
        "conclusion_headings": CONCLUSION_HEADINGS,
        "missing_closing": [(kind, label) for kind, label in SECTION_HEADINGS.items() if kind not in kinds],
        "has_motions": K.MOTIONS in kinds,
        "new_motion": {k: (posted or {}).get(f"new-motion-{k}", "") for k in ("title", "presenter")},
        "runs": access.runs_series(viewer_for(request.user), meeting.series),
        **confirm_context(request, meeting, amendments),
        **review_context(request, meeting, back="editor"),
    }


@login_required
@require_http_methods(["GET", "POST"])
@once_per_submission
def minutes_editor(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Write the minutes of one meeting while it is in draft or under review."""
    meeting = access.access_minutes(request.user, meeting_id)
    if meeting.minutes_state in access.PUBLISHED_STATES:
        messages.info(request, refusal(meeting) if request.method == "POST" else str(PUBLISHED_MESSAGE))
        return redirect("meetings:minutes", meeting.pk)
    meeting = writable_minutes(request, meeting)
    if request.method == "GET":
        return render(request, TEMPLATE, editor_context(request, meeting))
    op = request.POST.get("op", "save")
    errors = do_save_minutes_fields(request.user, meeting, request.POST, whole_form=True)
    if not errors:
        try:
            anchor = _apply(request, meeting, op)
        except ValidationError as e:
            errors[_error_key(op)] = "；".join(e.messages)
    if errors:
        context = editor_context(request, meeting, errors=errors, posted=request.POST)
        return render(request, TEMPLATE, context, status=400)
    if op == "save":
        messages.success(request, _("已儲存 %(time)s") % {"time": f"{timezone.localtime():%H:%M:%S}"})
    return redirect(reverse("meetings:minutes_edit", args=[meeting.pk]) + anchor)


def _error_key(op: str) -> str:
    verb, _sep, arg = op.partition(":")
    if verb == "add_remark":
        return f"new-remark-{arg}-speaker"
    if verb == "add_motion":
        return "new-motion-title"
    return "op"


def _get(model: type[Any], meeting: Meeting, pk: str) -> Any:
    """A row of this meeting's minutes named by a button; other meetings' ids are not found."""
    lookups = {
        AgendaItem: "section__meeting",
        Remark: "item__section__meeting",
        AgendaSection: "meeting",
    }
    try:
        if model is Conclusion:
            qs = Conclusion.objects.filter(item__section__meeting=meeting) | Conclusion.objects.filter(section__meeting=meeting)
            return qs.get(pk=int(pk))
        return model.objects.get(pk=int(pk), **{lookups[model]: meeting})
    except (model.DoesNotExist, ValueError):
        raise ValidationError(_("找不到要處理的項目，可能已被刪除；請重新整理頁面。")) from None


def _apply(request: HttpRequest, meeting: Meeting, op: str) -> str:
    """Carry out the button pressed; the anchor of the page to come back to."""
    user, post = request.user, request.POST
    verb, _sep, arg = op.partition(":")
    if verb == "save":
        return ""
    if verb == "add_remark":
        item = _get(AgendaItem, meeting, arg)
        kind = post.get(f"new-remark-{arg}-kind", REMARK_KINDS[0])
        remark = actions.do_add_remark(
            user, item, speaker=post.get(f"new-remark-{arg}-speaker", ""), kind=kind if kind in REMARK_KINDS else REMARK_KINDS[0], text=""
        )
        return f"#remark-{remark.pk}-text"
    if verb == "delete_remark":
        remark = _get(Remark, meeting, arg)
        item_pk = remark.item_id
        actions.do_delete_remark(user, remark)
        return f"#item-{item_pk}"
    if verb == "add_conclusion":
        owner_kind, _sep, pk = arg.partition(":")
        owner = _get(AgendaItem if owner_kind == "item" else AgendaSection, meeting, pk)
        conclusion = actions.do_add_conclusion(user, owner, text="")
        return f"#conclusion-{conclusion.pk}-text"
    if verb == "delete_conclusion":
        conclusion = _get(Conclusion, meeting, arg)
        anchor = f"#item-{conclusion.item_id}" if conclusion.item_id else f"#section-{conclusion.section_id}"
        actions.do_delete_conclusion(user, conclusion)
        return anchor
    if verb == "add_motion":
        item = actions.do_add_motion(user, meeting, title=post.get("new-motion-title", ""), presenter=post.get("new-motion-presenter", ""))
        return f"#item-{item.pk}"
    if verb == "delete_section":
        section = _get(AgendaSection, meeting, arg)
        do_delete_minutes_section(user, section)
        return "#header"
    if verb == "add_section":
        section = actions.do_add_conclusion_section(user, meeting, arg)
        conclusion = actions.do_add_conclusion(user, section, text="")
        return f"#conclusion-{conclusion.pk}-text"
    raise ValidationError(_("無法辨識的操作，請重新整理頁面後再試。"))


def _conflict(meeting: Meeting) -> JsonResponse:
    # The minutes left draft and review while the page was open. This is an answer the editor
    # expects, not a failed request (browsers log every 4xx of a fetch as an error): 200, saved nothing.
    return JsonResponse({"conflict": True, "saved_at": None, "error": refusal(meeting), "state": meeting.minutes_state})


@require_POST
def minutes_autosave(request: HttpRequest, meeting_id: int) -> JsonResponse:
    """One autosave from the editor: the changed fields; JSON with the time saved or why not."""
    if not request.user.is_authenticated:
        return JsonResponse(
            {"error": _("登入已逾時：請在另一個分頁重新登入，再回到此頁；畫面上的文字尚未儲存，請勿關閉此頁。")}, status=401
        )
    try:
        meeting = access.access_minutes(request.user, meeting_id)
    except Http404:
        return JsonResponse({"error": _("找不到此會議紀錄。")}, status=404)
    except PermissionDenied as e:
        return JsonResponse({"error": str(e)}, status=403)
    if meeting.minutes_state in access.PUBLISHED_STATES:
        return _conflict(meeting)
    if not access.can_write_minutes(viewer_for(request.user), meeting):
        return JsonResponse({"error": str(access.WHO_WRITES_MINUTES)}, status=403)
    try:
        errors = do_save_minutes_fields(request.user, meeting, request.POST, whole_form=False)
    except PermissionDenied as e:
        meeting.refresh_from_db()
        if meeting.minutes_state in access.PUBLISHED_STATES:
            return _conflict(meeting)
        return JsonResponse({"error": str(e)}, status=403)
    return JsonResponse(
        {
            "saved_at": f"{timezone.localtime():%H:%M:%S}",
            "errors": errors,
            "state": meeting.minutes_state,
            "state_label": _(meeting.get_minutes_state_display()),
        }
    )


@login_required
@require_POST
def confirm_previous(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """At this meeting, confirm the previous minutes: 紀錄確定, or amendments then 其餘紀錄確定."""
    meeting = writable_minutes(request, access.access_minutes(request.user, meeting_id))
    access.require_confirm_previous_minutes(request.user, meeting)
    previous = meeting.previous
    if previous is None:
        raise Http404(_("此會次沒有上次會議。"))
    post = request.POST
    if "more" in post:
        formset = more_rows(previous, post)
        return render(request, TEMPLATE, editor_context(request, meeting, amendments=formset))
    amendments: list[actions.Amendment] = []
    formset = amendment_formset(previous, post)
    if "as_is" not in post:
        if not formset.is_valid():
            return render(request, TEMPLATE, editor_context(request, meeting, amendments=formset), status=400)
        rows = [f.cleaned_data for f in formset if f.cleaned_data.get("conclusion")]
        found = {c.pk: c for c in Conclusion.objects.filter(pk__in=[r["conclusion"] for r in rows])}
        amendments = [actions.Amendment(found[r["conclusion"]], r["new_text"]) for r in rows if r["conclusion"] in found]
        if not amendments:
            formset._non_form_errors = formset.error_class([_("請至少填寫一項修正；若不需修正，請按「紀錄確定（無修正）」。")])
            return render(request, TEMPLATE, editor_context(request, meeting, amendments=formset), status=400)
    try:
        actions.do_confirm_previous_minutes(request.user, meeting, amendments)
    except ValidationError as e:
        formset._non_form_errors = formset.error_class(e.messages)
        return render(request, TEMPLATE, editor_context(request, meeting, amendments=formset), status=400)
    if amendments:
        done = _("%(ordinal)s會議紀錄已修正 %(n)s 處並確定，本次紀錄已記下確定的文字。") % {
            "ordinal": previous.ordinal,
            "n": len(amendments),
        }
    else:
        done = _("%(ordinal)s會議紀錄已確定，本次紀錄已記下確定的文字。") % {"ordinal": previous.ordinal}
    messages.success(request, done)
    section = meeting.sections.filter(kind=K.PREVIOUS_MINUTES).order_by("position").first()
    return redirect(reverse("meetings:minutes_edit", args=[meeting.pk]) + (f"#section-{section.pk}" if section else ""))

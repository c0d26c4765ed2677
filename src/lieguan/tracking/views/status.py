"""The status report (會議結論事項執行情形) of a meeting, its downloads, placing it on the agenda, and the decisions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lieguan.core.builds import built_content, progress_page
from lieguan.core.documents import in_official_language
from lieguan.core.downloads import attachment
from lieguan.meetings import access as meetings_access
from lieguan.meetings.models import Meeting
from lieguan.minutes.tables import TABLE_FORMATS, Column, table_stylesheet
from lieguan.organisations.access import viewer_for
from lieguan.tracking import access, actions, status_report, tasks
from lieguan.tracking.actions import Decide
from lieguan.tracking.forms import decision_field
from lieguan.tracking.models import CaseStatus, Proposal, StatusReport, StatusReportFile
from lieguan.tracking.status_report import StatusReportData, released_before, report_for, report_table
from lieguan.tracking.views._common import error_text

DOWNLOADS = {"docx": gettext_lazy("Word（DOCX）"), "odt": gettext_lazy("ODF 文字（ODT）"), "pdf": "PDF"}


def _widths(columns: list[Column]) -> list[str]:
    """The same width classes as lieguan.minutes.tables.render_table_html, served by ``table_stylesheet``."""
    total = sum(c.weight for c in columns) or 1.0
    return [f"lg-w{round(100 * c.weight / total)}" for c in columns]


@login_required
@require_GET
def status_report_page(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access.access_status_report(request.user, meeting_id)
    data, whole = report_for(request.user, meeting)
    doc = report_table(data)
    columns = doc.columns
    rows = []
    for line, cells in zip(data.lines, doc.rows, strict=True):
        texts = [doc.text(c) for c in cells[1:]]
        rows.append(
            {
                "line": line,
                "number": cells[0],
                "cells": [{"text": t, "numeric": col.numeric, "label": col.header} for t, col in zip(texts, columns[1:], strict=True)],
            }
        )
    viewer = viewer_for(request.user)
    placed = StatusReport.objects.filter(meeting=meeting).select_related("item", "decision_conclusion").first()
    context = {
        "meeting": meeting,
        "series": meeting.series,
        "doc": doc,
        "headers": [{"column": c, "width": w} for c, w in zip(columns, _widths(columns), strict=True)],
        "rows": rows,
        "whole": whole,
        "downloads": DOWNLOADS,
        "placed": placed,
        "may_place": access.can_place_status_report(viewer, meeting),
        "manages": access.manages_owner(viewer, meeting.series.owner_id),
        "missing": [(line, a) for line in data.lines for a in line.missing_reports],
    }
    return render(request, "tracking/status_report.html", context)


@login_required
@require_GET
@in_official_language
def status_report_download(request: HttpRequest, meeting_id: int, fmt: str) -> HttpResponse:
    """The file at once when it was built from the report as it stands; else its build is queued and its progress shown."""
    if fmt not in DOWNLOADS:
        raise Http404(_("不支援此檔案格式。"))
    meeting = access.access_status_report(request.user, meeting_id)
    built = tasks.request_file(request.user, meeting, fmt)
    if built.state != StatusReportFile.State.READY:
        return redirect("tracking:status_report_file", meeting.pk, fmt)
    media_type, extension = TABLE_FORMATS[fmt]
    response = HttpResponse(built_content(built), content_type=media_type)
    filename = f"{meeting.series.full_name}{meeting.ordinal}會議結論事項執行情形{extension}"
    response["Content-Disposition"] = attachment(filename, f"status-report-{meeting.pk}{extension}")
    return response


@login_required
@require_GET
def status_report_file(request: HttpRequest, meeting_id: int, fmt: str) -> HttpResponse:
    """The progress of a download being built, polled by HTMX until it can be downloaded.

    The reader's own file is found from who they are, never from an id in the address: a liaison
    cannot reach the whole report's file, nor another liaison's.
    """
    if fmt not in DOWNLOADS:
        raise Http404(_("不支援此檔案格式。"))
    meeting = access.access_status_report(request.user, meeting_id)
    audience = tasks.audience_of(request.user, status_report.shares_whole_file(request.user, meeting))
    built = StatusReportFile.objects.defer("content").filter(meeting=meeting, fmt=fmt, audience=audience).first()
    if built is None:
        return redirect("tracking:status_report_download", meeting.pk, fmt)
    return progress_page(
        request,
        "tracking/status_report_file.html",
        built,
        poll_url=reverse("tracking:status_report_file", args=[meeting.pk, fmt]),
        download_url=reverse("tracking:status_report_download", args=[meeting.pk, fmt]),
        changed=_("報告內容有變更（新的辦理情形或列管決定）時，下載會重新製作。"),
        meeting=meeting,
        series=meeting.series,
        label=DOWNLOADS[fmt],
    )


@require_GET
@cache_control(max_age=3600, public=True)
def status_report_stylesheet(request: HttpRequest) -> HttpResponse:
    """The table's layout (column widths as classes), served as a file because the CSP allows no inline styles."""
    return HttpResponse(table_stylesheet(), content_type="text/css; charset=utf-8")


@login_required
@require_POST
def status_report_place(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """「放入議程」: the report becomes the first report item of the session."""
    meeting = access.access_tracking_meeting(request.user, meeting_id, for_write=True)
    try:
        placed = actions.do_place_status_report(request.user, meeting)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        item = placed.item
        where = (
            _("%(section)s、%(heading)s　%(label)s、%(title)s")
            % {"section": item.section.label, "heading": item.section.heading, "label": item.label, "title": item.title}
            if item
            else _("報告事項")
        )
        messages.success(
            request, _("已將執行情形報告放入%(ordinal)s會議議程（%(where)s）。") % {"ordinal": meeting.ordinal, "where": where}
        )
    return redirect("tracking:status_report", meeting.pk)


# Decisions ---------------------------------------------------------------------------------------------


def _initial(a: Any) -> str:
    """The decision already taken here, else what the agency proposed for this meeting, else continue."""
    if a.decision is not None:
        return str(a.decision.decision)
    if a.report is not None and a.report.proposal == Proposal.RELEASE:
        return "release"
    return "continue"


def decision_rows(data: StatusReportData, post: Any = None) -> tuple[forms.Form, list[dict[str, Any]]]:
    """One row per case, one radio group per agency still to decide (or decided at this meeting)."""
    form = forms.Form(post)
    rows: list[dict[str, Any]] = []
    for line in data.lines:
        fields: list[dict[str, Any]] = []
        for a in line.agencies:
            if released_before(a):
                continue
            name = f"a{a.assignment.pk}"
            role = _(a.assignment.get_role_display())
            label = _("%(number)s %(agency)s（%(role)s）") % {
                "number": line.case.number,
                "agency": a.assignment.organisation.display_name,
                "role": role,
            }
            form.fields[name] = decision_field(label, _initial(a))
            fields.append({"name": name, "agency": a})
        if not line.agencies:
            existing = line.case.decisions.filter(meeting=data.meeting, assignment__isnull=True).first()
            name = f"c{line.case.pk}"
            form.fields[name] = decision_field(
                _("%(number)s（全案）") % {"number": line.case.number}, existing.decision if existing else "continue"
            )
            fields.append({"name": name, "agency": None})
        rows.append({"line": line, "fields": fields, "released": [a for a in line.agencies if released_before(a)]})
    for row in rows:
        for f in row["fields"]:
            f["bound"] = form[f["name"]]
    return form, rows


def _decisions(data: StatusReportData, cleaned: dict[str, str]) -> list[Decide]:
    """What changed: new decisions and changed ones, grouped per case and kind."""
    out: list[Decide] = []
    for line in data.lines:
        chosen: dict[str, list[Any]] = {"release": [], "continue": []}
        for a in line.agencies:
            value = cleaned.get(f"a{a.assignment.pk}")
            if value is None or (a.decision is not None and a.decision.decision == value):
                continue
            chosen[value].append(a.assignment.organisation)
        for kind, organisations in chosen.items():
            if organisations:
                out.append(Decide(line.case, kind, tuple(organisations)))
        whole = cleaned.get(f"c{line.case.pk}")
        if whole is not None and not line.agencies:
            existing = line.case.decisions.filter(meeting=data.meeting, assignment__isnull=True).first()
            if existing is None or existing.decision != whole:
                out.append(Decide(line.case, whole))
    return out


@login_required
@require_http_methods(["GET", "POST"])
def decisions(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The secretariat records release or continue per case and agency; the minutes get the standard sentence."""
    meeting = access.access_decisions_meeting(request.user, meeting_id)
    refusal = meetings_access.case_decisions_refusal(viewer_for(request.user), meeting)
    writable = refusal is None
    if request.method == "POST" and request.POST.get("accept_all"):
        try:
            recorded = actions.do_accept_proposals(request.user, meeting)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(
                request,
                _("已採納機關擬辦，記錄 %(count)s 項列管決定；會議紀錄寫入：%(sentence)s")
                % {"count": len(recorded), "sentence": _sentence(meeting) or _("（無）")},
            )
        return redirect("tracking:decisions", meeting.pk)
    data = status_report.build(meeting)
    form, rows = decision_rows(data, request.POST or None)
    if request.method == "POST" and form.is_valid():
        chosen = _decisions(data, form.cleaned_data)
        try:
            actions.do_record_decisions(request.user, meeting, chosen)
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            sentence = _sentence(meeting)
            if chosen:
                messages.success(request, _("已記錄列管決定，會議紀錄寫入：%(sentence)s") % {"sentence": sentence or _("（無）")})
            else:
                messages.info(request, _("列管決定沒有變更。"))
            return redirect("tracking:decisions", meeting.pk)
    # Decisions are recorded on the cases themselves; only what the page shows is redacted (in place, rows hold the lines).
    status_report.redact_hidden(request.user, data)
    context = {
        "meeting": meeting,
        "series": meeting.series,
        "form": form,
        "rows": rows,
        "writable": writable,
        "refusal": refusal,
        "pending": actions.pending_decisions(meeting) if writable else [],
        "sentence": _sentence(meeting),
        "released": CaseStatus.RELEASED,
    }
    return render(request, "tracking/decisions.html", context)


def _sentence(meeting: Meeting) -> str:
    placed = StatusReport.objects.filter(meeting=meeting).select_related("decision_conclusion").first()
    if placed is None or placed.decision_conclusion is None:
        return ""
    return placed.decision_conclusion.text

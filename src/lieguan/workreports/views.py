"""The work report pages: thin views over ``access`` (to read) and ``actions`` (to write)."""

from __future__ import annotations

import difflib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lieguan.core.documents import in_official_language
from lieguan.core.uploads import check_upload
from lieguan.core.wording import word_error
from lieguan.minutes.errors import MinutesError
from lieguan.minutes.readers import read_bytes
from lieguan.minutes.workreport import NotWorkReportError, parse_work_report
from lieguan.minutes.workreport.html import render_work_report_html, stylesheet
from lieguan.minutes.workreport.output import REPORT_FORMATS, render_work_report
from lieguan.organisations.access import viewer_for
from lieguan.workreports import access, actions, workflow
from lieguan.workreports.document import build, labelled, revision_lines
from lieguan.workreports.forms import AgencyForm
from lieguan.workreports.models import ReportPart, ReportRevision, WorkReport

DOWNLOADS = ("pdf", "docx", "odt", "txt")
# The buttons' names in the reader's language; the files themselves stay the official Chinese documents.
DOWNLOAD_LABELS = {
    "pdf": gettext_lazy("PDF"),
    "docx": gettext_lazy("Word（DOCX）"),
    "odt": gettext_lazy("ODF 文字文件（ODT）"),
    "txt": gettext_lazy("純文字"),
}


@login_required
@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    agencies = access.managed_agencies(request.user)
    this_year = timezone.localdate().year
    context = {
        "reports": access.visible_reports(request.user),
        "agencies": agencies,
        "agency_form": AgencyForm(agencies=agencies, id_prefix="create"),
        "years": range(this_year + 1, this_year - 6, -1),
    }
    return render(request, "workreports/list.html", context)


@login_required
@require_POST
def report_create(request: HttpRequest) -> HttpResponse:
    access.require_manages_some_agency(request.user)
    agencies = access.managed_agencies(request.user)
    form = AgencyForm(request.POST, agencies=agencies, id_prefix="create")
    try:
        year, half = int(request.POST.get("year", "")), int(request.POST.get("half", ""))
    except ValueError:
        year = half = 0
    if not form.is_valid() or not year or not half:
        messages.error(request, _("請選擇機關、年度及上下半年。"))
        return redirect("workreports:list")
    agency = form.cleaned_data["organisation"]
    try:
        report = actions.do_create_report(request.user, agency, year=year, half=half)
    except ValidationError as e:
        messages.error(request, _("；").join(e.messages))
        return redirect("workreports:list")
    messages.success(request, _("已建立工作報告草稿，各單位可開始撰寫。"))
    return redirect("workreports:report", report.pk)


def _parts(report: WorkReport, viewer: Any) -> list[dict[str, Any]]:
    parts = list(report.parts.select_related("unit", "updated_by__person").order_by("position"))
    return [{"part": p, "label": label, "writable": access.can_write_part(viewer, p, report)} for p, label in labelled(parts)]


@login_required
@require_GET
def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    report = access.access_report(request.user, report_id)
    viewer = viewer_for(request.user)
    parts = _parts(report, viewer)
    return render(
        request,
        "workreports/detail.html",
        {
            "report": report,
            "parts": parts,
            "can_edit": any(p["writable"] for p in parts),
            "transitions": workflow.allowed_transitions(viewer, report),
            "downloads": [{"name": f, "label": DOWNLOAD_LABELS[f]} for f in DOWNLOADS],
            "document": render_work_report_html(build(report), standalone=False),
        },
    )


@require_GET
def report_stylesheet(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(stylesheet(), content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response


def _save(request: HttpRequest, report: WorkReport, data: Any) -> dict[str, str]:
    """Save the named fields (``part-<id>``, ``cover-<field>``); the errors by field name."""
    errors: dict[str, str] = {}
    cover = {k[6:]: data[k] for k in data if k.startswith("cover-") and k[6:] in actions.COVER_FIELDS}
    if cover:
        try:
            actions.do_update_cover(request.user, report, **cover)
        except (ValidationError, PermissionDenied) as e:
            message = "；".join(e.messages) if isinstance(e, ValidationError) else str(e)
            errors.update({f"cover-{k}": message for k in cover})
    ids = [int(k[5:]) for k in data if k.startswith("part-") and k[5:].isdigit()]
    found = {p.pk: p for p in ReportPart.objects.filter(report=report, pk__in=ids)}
    for pk in ids:
        part = found.get(pk)
        if part is None:
            errors[f"part-{pk}"] = _("找不到此段落，請重新整理頁面。")
            continue
        try:
            actions.do_save_part(request.user, part, body=data[f"part-{pk}"])
        except (ValidationError, PermissionDenied) as e:
            errors[f"part-{pk}"] = "；".join(e.messages) if isinstance(e, ValidationError) else str(e)
    return errors


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request: HttpRequest, report_id: int) -> HttpResponse:
    """Write the parts one may write (and, for the secretariat, the cover); saved as one types when scripts run."""
    report = access.access_report(request.user, report_id)
    viewer = viewer_for(request.user)
    parts = _parts(report, viewer)
    access.require_edit_report(viewer, report, [p["part"] for p in parts])
    manager = access.writes_cover(viewer, report)
    errors: dict[str, str] = {}
    if request.method == "POST":
        errors = _save(request, report, request.POST)
        if not errors:
            messages.success(request, _("已儲存 %(time)s") % {"time": f"{timezone.localtime():%H:%M:%S}"})
            return redirect("workreports:edit", report.pk)
        report.refresh_from_db()
        parts = _parts(report, viewer)
    for p in parts:
        p["error"] = errors.get(f"part-{p['part'].pk}", "")
    return render(
        request,
        "workreports/edit.html",
        {
            "report": report,
            "parts": parts,
            "others": [p for p in parts if not p["writable"]],
            "manager": manager,
            "errors": sorted(errors.items()),
        },
        status=400 if errors else 200,
    )


@require_POST
def report_autosave(request: HttpRequest, report_id: int) -> JsonResponse:
    if not request.user.is_authenticated:
        return JsonResponse({"error": _("登入已逾時：請在另一個分頁重新登入；畫面上的文字尚未儲存，請勿關閉此頁。")}, status=401)
    try:
        report = access.access_report(request.user, report_id)
    except Http404:
        return JsonResponse({"error": _("找不到此工作報告。")}, status=404)
    try:
        access.require_edit_report(viewer_for(request.user), report, list(report.parts.all()))
    except PermissionDenied as e:
        return JsonResponse({"error": str(e)}, status=403)
    errors = _save(request, report, request.POST)
    report.refresh_from_db()
    return JsonResponse({"saved_at": f"{timezone.localtime():%H:%M:%S}", "errors": errors, "state": report.state})


@login_required
@require_POST
def report_transition(request: HttpRequest, report_id: int) -> HttpResponse:
    report = access.access_report(request.user, report_id, for_write=True)
    try:
        report = actions.do_transition(request.user, report, request.POST.get("to_state", ""))
    except ValidationError as e:
        messages.error(request, _("；").join(e.messages))
    else:
        messages.success(request, _("工作報告已改為「%(state)s」。") % {"state": report.get_state_display()})
    return redirect("workreports:report", report.pk)


@login_required
@require_GET
@in_official_language
def report_download(request: HttpRequest, report_id: int, fmt: str) -> HttpResponse:
    report = access.access_report(request.user, report_id)
    if fmt not in DOWNLOADS:
        raise Http404(_("不支援的格式。"))
    found = REPORT_FORMATS[fmt]
    response = HttpResponse(render_work_report(build(report), fmt), content_type=found.media_type)
    name = f"workreport-{report.organisation.code}-{report.year}H{report.half}{found.extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


DIFF_CONTEXT = 2  # unchanged lines kept on each side of a change


def _diff(a: list[str], b: list[str]) -> list[tuple[str, str]]:
    """The changed lines with a little context; each longer run of unchanged lines is one ("gap", count) entry.

    A report runs to hundreds of lines and a revision changes a few: shown whole,
    the changes are lost among the rest.
    """
    out: list[tuple[str, str]] = []
    opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for n, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            keep_before = DIFF_CONTEXT if n > 0 else 0
            keep_after = DIFF_CONTEXT if n < len(opcodes) - 1 else 0
            if i2 - i1 > keep_before + keep_after + 1:
                out += [("same", line) for line in a[i1 : i1 + keep_before]]
                out.append(("gap", str(i2 - i1 - keep_before - keep_after)))
                out += [("same", line) for line in a[i2 - keep_after : i2]]
            else:
                out += [("same", line) for line in a[i1:i2]]
            continue
        out += [("del", line) for line in a[i1:i2]]
        out += [("ins", line) for line in b[j1:j2]]
    return out


@login_required
@require_GET
def report_revisions(request: HttpRequest, report_id: int) -> HttpResponse:
    """The revisions frozen at each change of state, and what changed between two of them."""
    report = access.access_report(request.user, report_id)
    revisions = list(report.revisions.select_related("by__person").order_by("number"))
    numbers = [r.number for r in revisions]
    try:
        a = int(request.GET.get("a", numbers[-2] if len(numbers) > 1 else numbers[0]))
        b = int(request.GET.get("b", numbers[-1]))
    except (ValueError, IndexError):
        raise Http404(_("找不到此版本。")) from None
    by_number: dict[int, ReportRevision] = {r.number: r for r in revisions}
    if a not in by_number or b not in by_number:
        raise Http404(_("找不到此版本。"))
    diff = _diff(revision_lines(by_number[a].data), revision_lines(by_number[b].data))
    changed = [d for d in diff if d[0] in ("ins", "del")]
    return render(
        request,
        "workreports/revisions.html",
        {"report": report, "revisions": revisions, "a": a, "b": b, "diff": diff, "changed": len(changed)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_import(request: HttpRequest) -> HttpResponse:
    """Upload a past report, see what it holds and what the KPI register would receive, then import it all at once."""
    access.require_manages_some_agency(request.user)
    agencies = access.managed_agencies(request.user)
    form = AgencyForm(request.POST if request.method == "POST" else None, agencies=agencies, id_prefix="import")
    context: dict[str, Any] = {"agencies": agencies, "agency_form": form}
    if request.method == "GET":
        return render(request, "workreports/import.html", context)
    if not form.is_valid():
        context["error"] = _("請選擇機關。")
        return render(request, "workreports/import.html", context, status=400)
    agency = form.cleaned_data["organisation"]
    context["chosen"] = agency
    text = request.POST.get("text", "")
    name = request.POST.get("source_name", "")
    upload = request.FILES.get("file")
    try:
        if upload is not None:
            checked = check_upload(upload, upload.name or "")
            name = checked.name
            upload.seek(0)
            text = read_bytes(upload.read(), checked.name, table_rows=True)
        if not text.strip():
            raise ValidationError(_("請選擇要匯入的工作報告檔案。"))
        document = parse_work_report(text)
        if request.POST.get("confirm") == "1":
            result = actions.do_import_report(request.user, agency, document, source_name=name)
            assert result.report is not None
            written = len(result.kpis.created) + len(result.kpis.updated)
            messages.success(request, _("已匯入工作報告草稿，並填入 %(n)s 項績效指標實際值。") % {"n": written})
            return redirect("workreports:report", result.report.pk)
        preview = actions.preview_import(request.user, agency, document)
    except (ValidationError, PermissionDenied) as e:
        context["error"] = "；".join(e.messages) if isinstance(e, ValidationError) else str(e)
        return render(request, "workreports/import.html", context, status=400)
    except (NotWorkReportError, MinutesError) as e:
        context["error"] = word_error(e)
        return render(request, "workreports/import.html", context, status=400)
    context.update({"document": document, "preview": preview, "text": text, "source_name": name})
    return render(request, "workreports/import.html", context)

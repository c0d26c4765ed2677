"""Progress reports (辦理情形): the agency's form, its files, and the list of agencies that have not reported."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from lieguan.core.submission import once_per_submission
from lieguan.organisations.access import viewer_for
from lieguan.organisations.models import Role
from lieguan.tracking import access, actions
from lieguan.tracking.cycles import current_cycle
from lieguan.tracking.forms import ReportForm
from lieguan.tracking.models import ProgressReport
from lieguan.tracking.views._common import attachment, error_text
from lieguan.tracking.views.history import cycle_label
from lieguan.tracking.views.queries import missing_reports, open_cases


@login_required
@require_http_methods(["GET", "POST"])
@once_per_submission
def report(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """One agency writes what it did this cycle; writing again in the same cycle revises it."""
    assignment = access.access_assignment(request.user, assignment_id, for_report=True)
    case = assignment.case
    cycle = current_cycle(case)
    current = ProgressReport.objects.filter(assignment=assignment, cycle=cycle.key).prefetch_related("attachments").first()
    earlier = [
        (r, cycle_label(r))
        for r in assignment.reports.exclude(cycle=cycle.key)
        .select_related("cycle_meeting", "submitted_by__person")
        .order_by("-submitted_at")
    ]
    initial = {"text": current.text, "proposal": current.proposal} if current else {}
    form = ReportForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_submit_report(
                request.user,
                assignment,
                text=data["text"],
                proposal=data["proposal"],
                files=[(f, f.name) for f in data["attachments"]],
            )
        except ValidationError as error:
            form.add_error("attachments" if data["attachments"] else None, error_text(error))
        else:
            verb = "修正" if current else "填報"
            messages.success(request, f"已{verb}{assignment.organisation.display_name}{cycle.label}的辦理情形。")
            return redirect("tracking:case", case.pk)
    context = {"form": form, "assignment": assignment, "case": case, "cycle": cycle, "current": current, "earlier": earlier}
    return render(request, "tracking/report_form.html", context)


@login_required
@require_GET
def attachment_download(request: HttpRequest, attachment_id: int) -> FileResponse:
    item = access.access_report_attachment(request.user, attachment_id)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404("找不到此檔案。") from None
    response = FileResponse(handle, content_type=item.content_type)
    extension = item.original_name.rpartition(".")[2] if "." in item.original_name else "bin"
    response["Content-Disposition"] = attachment(item.original_name, f"report-file-{item.pk}.{extension}")
    response["Content-Length"] = str(item.size)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def missing(request: HttpRequest) -> HttpResponse:
    """Open assignments with no report for the current cycle: the secretariat's cases, or a liaison's own."""
    viewer = viewer_for(request.user)
    managed = access.managed_cases(request.user)
    if managed.exists():
        rows = missing_reports(open_cases(managed))
        own = False
    else:
        scope = viewer.scope(Role.LIAISON)
        rows = missing_reports(open_cases(access.visible_cases(request.user)), organisations=scope or frozenset())
        own = True
    return render(request, "tracking/missing_reports.html", {"rows": rows, "own": own})

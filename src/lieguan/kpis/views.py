"""Thin views of the KPI register: read through access, write through actions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lieguan.core.downloads import stored_file
from lieguan.core.submission import once_per_submission
from lieguan.kpis import access, actions
from lieguan.kpis.charts import trend_chart
from lieguan.kpis.forms import ActualForm, ComputeForm, GoalForm, KpiForm, SentenceForm, TargetForm
from lieguan.kpis.models import Kpi, KpiTarget
from lieguan.kpis.periods import Period
from lieguan.kpis.register import rows_for, rows_of
from lieguan.organisations.models import Organisation


def _error_text(error: ValidationError) -> str:
    return "；".join(error.messages)


def _period_initial(request: HttpRequest) -> dict[str, Any]:
    try:
        period = Period.parse(request.GET.get("period", ""))
    except ValueError:
        return {}
    return {"roc_year": period.year, "half": period.half}


@login_required
@require_GET
def goal_list(request: HttpRequest) -> HttpResponse:
    """策略目標與關鍵績效指標: each agency's goals, their KPIs and the latest period of each."""
    viewer = access.require_reader(request.user)
    goals = access.visible_goals(request.user).filter(active=True)
    agencies = Organisation.objects.filter(pk__in=goals.values("organisation_id")).order_by("sort_order", "code")
    chosen = request.GET.get("organisation", "")
    if chosen:
        goals = goals.filter(organisation_id=int(chosen)) if chosen.isdigit() else goals.none()
    kpis = list(access.visible_kpis(request.user).filter(goal__in=goals, active=True).order_by("goal_id", "position", "id"))
    rows = rows_for(kpis)
    by_goal: dict[int, list[dict[str, Any]]] = {}
    for kpi in kpis:
        periods = rows[kpi.pk]
        measured = [r for r in periods if r.actual is not None]
        by_goal.setdefault(kpi.goal_id, []).append({"kpi": kpi, "latest": measured[-1] if measured else None})
    groups: list[dict[str, Any]] = []
    for goal in goals.order_by("organisation__sort_order", "organisation__code", "position", "id"):
        if not groups or groups[-1]["organisation"].pk != goal.organisation_id:
            groups.append({"organisation": goal.organisation, "goals": []})
        groups[-1]["goals"].append({"goal": goal, "kpis": by_goal.get(goal.pk, [])})
    context = {"groups": groups, "agencies": agencies, "chosen": chosen, "manages": access.manages_register(viewer)}
    return render(request, "kpis/goal_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@once_per_submission
def goal_create(request: HttpRequest) -> HttpResponse:
    access.require_manager(request.user)
    form = GoalForm(request.POST or None, initial={"organisation": request.GET.get("organisation")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            goal = actions.do_create_goal(
                request.user, data["organisation"], title=data["title"], description=data["description"], position=data["position"]
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("已新增策略目標「%(title)s」。") % {"title": goal.title})
            return redirect(f"{reverse('kpis:list')}?organisation={goal.organisation_id}")
    return render(request, "kpis/form.html", {"form": form, "title": _("新增策略目標"), "cancel_url": reverse("kpis:list")})


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, goal_id: int) -> HttpResponse:
    goal = access.access_goal(request.user, goal_id, for_write=True)
    initial = {"title": goal.title, "description": goal.description, "position": goal.position, "active": goal.active}
    form = GoalForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_update_goal(
                request.user,
                goal,
                title=data["title"],
                description=data["description"],
                position=data["position"] or goal.position,
                active=data["active"],
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("已儲存策略目標。"))
            return redirect(f"{reverse('kpis:list')}?organisation={goal.organisation_id}")
    context = {
        "form": form,
        "title": _("修改策略目標：%(title)s") % {"title": goal.title},
        "cancel_url": reverse("kpis:list"),
        "goal": goal,
    }
    return render(request, "kpis/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@once_per_submission
def kpi_create(request: HttpRequest, goal_id: int) -> HttpResponse:
    goal = access.access_goal(request.user, goal_id, for_write=True)
    form = KpiForm(request.POST or None, initial={"owner": goal.organisation_id, "direction": ">=", "source": "manual"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            kpi = actions.do_create_kpi(
                request.user,
                goal,
                name=data["name"],
                unit=data["unit"],
                owner=data["owner"],
                direction=data["direction"],
                source=data["source"],
                definition=data["definition"],
                aliases=data["aliases"],
                position=data["position"],
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("已新增績效指標「%(name)s」；請設定各期目標值。") % {"name": kpi.name})
            return redirect("kpis:kpi", kpi.pk)
    context = {
        "form": form,
        "title": _("新增績效指標：%(title)s") % {"title": goal.title},
        "cancel_url": reverse("kpis:list"),
        "goal": goal,
    }
    return render(request, "kpis/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def kpi_edit(request: HttpRequest, kpi_id: int) -> HttpResponse:
    kpi = access.access_kpi(request.user, kpi_id, for_write=True)
    fields = ("name", "definition", "unit", "direction", "source", "aliases", "position", "active")
    form = KpiForm(request.POST or None, initial={**{f: getattr(kpi, f) for f in fields}, "owner": kpi.owner_id}, editing=True)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k in (*fields, "owner")}
        data["position"] = data["position"] or kpi.position
        try:
            actions.do_update_kpi(request.user, kpi, **data)
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("已儲存績效指標。"))
            return redirect("kpis:kpi", kpi.pk)
    context = {
        "form": form,
        "title": _("修改績效指標：%(name)s") % {"name": kpi.name},
        "cancel_url": reverse("kpis:kpi", args=[kpi.pk]),
        "kpi": kpi,
    }
    return render(request, "kpis/form.html", context)


@login_required
@require_GET
def kpi_detail(request: HttpRequest, kpi_id: int) -> HttpResponse:
    """One KPI: its definition, the trend chart, and each period's target, actual (every version), 達成度 and statement."""
    kpi = access.access_kpi(request.user, kpi_id)
    viewer = access.require_reader(request.user)
    rows = rows_of(kpi)
    context = {
        "kpi": kpi,
        "rows": list(reversed(rows)),
        "chart": trend_chart(rows, title=_("%(name)s歷期趨勢") % {"name": kpi.name}, unit=kpi.unit) if rows else None,
        "manages": access.manages_register(viewer),
        "enters": access.can_enter(viewer, kpi),
        "compute_form": ComputeForm(prefix="compute") if kpi.computed else None,
    }
    return render(request, "kpis/kpi_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def target_form(request: HttpRequest, kpi_id: int) -> HttpResponse:
    """Set a period's target (and baseline); a period that already has one is reset, the audit trail keeps the old."""
    kpi = access.access_kpi(request.user, kpi_id, for_write=True)
    initial = _period_initial(request)
    if initial:
        existing = KpiTarget.objects.filter(kpi=kpi, year=initial["roc_year"], half=initial["half"]).first()
        if existing:
            initial.update(baseline=existing.baseline, target=existing.target, target_high=existing.target_high, note=existing.note)
    form = TargetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        period = form.period()
        try:
            actions.do_set_target(
                request.user,
                kpi,
                period,
                target=data["target"],
                baseline=data["baseline"],
                target_high=data["target_high"],
                note=data["note"],
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("已設定%(period)s的目標值。") % {"period": period.worded_label})
            return redirect("kpis:kpi", kpi.pk)
    context = {
        "form": form,
        "title": _("設定目標值：%(name)s") % {"name": kpi.name},
        "cancel_url": reverse("kpis:kpi", args=[kpi.pk]),
        "kpi": kpi,
    }
    return render(request, "kpis/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@once_per_submission
def actual_form(request: HttpRequest, kpi_id: int) -> HttpResponse:
    """The owner unit enters a period's actual with a note and evidence; entering it again is a correction."""
    kpi = access.access_kpi(request.user, kpi_id, for_actual=True)
    form = ActualForm(request.POST or None, request.FILES or None, initial=_period_initial(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        period = form.period()
        try:
            actual = actions.do_record_actual(
                request.user, kpi, period, value=data["value"], note=data["note"], files=[(f, f.name) for f in data["attachments"]]
            )
        except ValidationError as error:
            form.add_error("attachments" if data["attachments"] else None, _error_text(error))
        else:
            done = (
                _("已更正%(period)s的實際值（第 %(version)s 版）。")
                if actual.version > 1
                else _("已填報%(period)s的實際值（第 %(version)s 版）。")
            )
            messages.success(request, done % {"period": period.worded_label, "version": actual.version})
            return redirect("kpis:kpi", kpi.pk)
    context = {
        "form": form,
        "title": _("填報實際值：%(name)s") % {"name": kpi.name},
        "cancel_url": reverse("kpis:kpi", args=[kpi.pk]),
        "kpi": kpi,
        "multipart": True,
    }
    return render(request, "kpis/form.html", context)


@login_required
@require_POST
def compute(request: HttpRequest, kpi_id: int) -> HttpResponse:
    kpi = access.access_kpi(request.user, kpi_id, for_actual=True)
    form = ComputeForm(request.POST, prefix="compute")
    if not form.is_valid():
        messages.error(request, _("請填寫要計算的年度及期間。"))
        return redirect("kpis:kpi", kpi.pk)
    period = form.period()
    try:
        actual = actions.do_compute_actual(request.user, kpi, period)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("已依系統資料計算%(period)s的實際值：%(note)s") % {"period": period.worded_label, "note": actual.note})
    return redirect("kpis:kpi", kpi.pk)


@login_required
@require_http_methods(["GET", "POST"])
def sentence_form(request: HttpRequest, actual_id: int) -> HttpResponse:
    """Rewrite the statement of a period's figure of record, as the work report will print it."""
    actual = access.access_actual(request.user, actual_id, for_write=True)
    kpi: Kpi = actual.kpi
    row = next((r for r in rows_of(kpi) if r.period == actual.period), None)
    if row is None or row.actual is None or row.actual.pk != actual.pk:
        raise Http404(_("只能修改最新版本的敘述。"))
    form = SentenceForm(request.POST or None, initial={"sentence": row.sentence})
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["sentence"]
        # Saving the generated sentence unchanged keeps it generated, so that it follows later corrections of the target.
        actions.do_rewrite_sentence(request.user, actual, "" if text.strip() == row.generated_sentence else text)
        messages.success(request, _("已儲存%(period)s的敘述。") % {"period": actual.period.worded_label})
        return redirect("kpis:kpi", kpi.pk)
    context = {
        "form": form,
        "title": _("修改敘述：%(name)s（%(period)s）") % {"name": kpi.name, "period": actual.period.worded_label},
        "cancel_url": reverse("kpis:kpi", args=[kpi.pk]),
        "kpi": kpi,
        "generated": row.generated_sentence,
    }
    return render(request, "kpis/form.html", context)


@login_required
@require_GET
def evidence_download(request: HttpRequest, evidence_id: int) -> FileResponse:
    item = access.access_evidence(request.user, evidence_id)
    return stored_file(
        item.file, name=item.original_name, content_type=item.content_type, size=item.size, fallback=f"kpi-evidence-{item.pk}"
    )

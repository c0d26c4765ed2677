"""稽催分級規則: the secretariat keeps the escalation rules as data, on one page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lieguan.core.submission import once_per_submission
from lieguan.tracking import access
from lieguan.tracking.actions.escalation import do_delete_escalation_rule, do_save_escalation_rule
from lieguan.tracking.escalation_forms import EscalationRuleForm
from lieguan.tracking.models import EscalationRule
from lieguan.tracking.views._common import error_text


def _require(request: HttpRequest) -> None:
    access.require_edit_escalation_rules(request.user)


def _rule(rule_id: int) -> EscalationRule:
    try:
        return EscalationRule.objects.get(pk=rule_id)
    except EscalationRule.DoesNotExist:
        raise Http404(_("找不到此規則。")) from None


def _save(request: HttpRequest, rule: EscalationRule | None, form: EscalationRuleForm) -> bool:
    if not form.is_valid():
        return False
    try:
        do_save_escalation_rule(request.user, rule, **form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error_text(error))
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
@once_per_submission
def rules(request: HttpRequest) -> HttpResponse:
    """Every rule, each with its own form, and a form for a new one."""
    _require(request)
    existing = list(EscalationRule.objects.order_by("tier"))
    new = EscalationRuleForm.for_rule(None, request.POST if request.method == "POST" else None)
    if request.method == "POST" and _save(request, None, new):
        messages.success(request, _("已新增稽催分級規則。"))
        return redirect("tracking:escalation_rules")
    forms = [(rule, EscalationRuleForm.for_rule(rule)) for rule in existing]
    return render(request, "tracking/escalation_rules.html", {"forms": forms, "new": new})


@login_required
@require_POST
def rule_edit(request: HttpRequest, rule_id: int) -> HttpResponse:
    _require(request)
    rule = _rule(rule_id)
    form = EscalationRuleForm.for_rule(rule, request.POST)
    if _save(request, rule, form):
        messages.success(request, _("已修改第 %(tier)s 級稽催規則。") % {"tier": form.cleaned_data["tier"]})
    else:
        messages.error(
            request, _("規則未修改：%(errors)s") % {"errors": _("；").join(str(e) for errors in form.errors.values() for e in errors)}
        )
    return redirect("tracking:escalation_rules")


@login_required
@require_POST
def rule_delete(request: HttpRequest, rule_id: int) -> HttpResponse:
    _require(request)
    rule = _rule(rule_id)
    do_delete_escalation_rule(request.user, rule)
    messages.success(request, _("已刪除第 %(tier)s 級稽催規則。") % {"tier": rule.tier})
    return redirect("tracking:escalation_rules")

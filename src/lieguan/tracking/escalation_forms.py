"""Typed input of the escalation rules page (稽催分級規則)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lieguan.core.forms import translated_choices
from lieguan.tracking.models import EscalationRecipient, EscalationRule


class EscalationRuleForm(forms.Form):
    tier = forms.IntegerField(label=_("層級"), min_value=1, max_value=9)
    condition = forms.ChoiceField(label=_("條件"), choices=translated_choices(EscalationRule.Condition.choices))
    working_days = forms.IntegerField(label=_("工作日數（N）"), min_value=0, max_value=365)
    recipients = forms.MultipleChoiceField(
        label=_("收件對象"), choices=translated_choices(EscalationRecipient.choices), widget=forms.CheckboxSelectMultiple
    )
    wording = forms.CharField(label=_("稽催用語"), max_length=300, help_text=_("寫在摘要的「稽催層級」之後"))
    active = forms.BooleanField(label=_("啟用"), required=False, initial=True)

    @classmethod
    def for_rule(cls, rule: EscalationRule | None, data: Any = None) -> EscalationRuleForm:
        initial = {f: getattr(rule, f) for f in ("tier", "condition", "working_days", "recipients", "wording", "active")} if rule else None
        return cls(data, initial=initial, prefix=f"rule-{rule.pk}" if rule else "new")

"""Typed input of the indicator pages: an indicator, a target, a month's value, a rule, an import file."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lieguan.core.forms import YearField
from lieguan.indicators.models import Computed, Direction, Indicator, RuleKind, Source, Unit
from lieguan.indicators.months import parse_month
from lieguan.organisations.forms import OrganisationMultipleChoiceField
from lieguan.organisations.models import Organisation

FIGURE: dict[str, Any] = {"max_digits": 16, "decimal_places": 4}


class MonthField(forms.CharField):
    """A month typed as people write it: 115/03 or 2026-03."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=20, help_text=_("例如 115/03 或 2026-03"), **kwargs)

    def clean(self, value: Any) -> Any:
        text = super().clean(value)
        try:
            return parse_month(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("指標名稱"), max_length=100)
    definition = forms.CharField(label=_("定義"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000)
    unit = forms.ChoiceField(label=_("單位"), choices=Unit.choices)
    direction = forms.ChoiceField(label=_("方向"), choices=Direction.choices)
    source = forms.ChoiceField(label=_("資料來源"), choices=Source.choices)
    computed = forms.ChoiceField(label=_("計算方式"), choices=[("", _("（非系統計算）")), *Computed.choices], required=False)
    agencies = OrganisationMultipleChoiceField(
        label=_("適用機關"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.AGENCY, active=True),
        required=False,
        help_text=_("不選表示適用所有機關"),
    )
    position = forms.IntegerField(label=_("排序"), min_value=1, max_value=999, initial=1)


class TargetForm(forms.Form):
    year = YearField(label=_("年度"), earliest=2001, latest=2111)
    target = forms.DecimalField(label=_("目標值"), required=False, **FIGURE)
    threshold = forms.DecimalField(label=_("警戒值"), required=False, **FIGURE)


class ValueForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("指標"), queryset=Indicator.objects.filter(active=True), empty_label=_("（請選擇）"))
    month = MonthField(label=_("年月"))
    value = forms.DecimalField(label=_("數值"), **FIGURE)
    note = forms.CharField(label=_("說明"), max_length=300, required=False)


class RuleForm(forms.Form):
    name = forms.CharField(label=_("規則名稱"), max_length=100)
    kind = forms.ChoiceField(label=_("類型"), choices=RuleKind.choices)
    indicators = forms.ModelMultipleChoiceField(
        label=_("指標"), queryset=Indicator.objects.filter(active=True), widget=forms.CheckboxSelectMultiple
    )
    months = forms.IntegerField(label=_("連續月數（N 或 K）"), min_value=1, max_value=24, initial=2)
    threshold = forms.DecimalField(
        label=_("警戒值"), required=False, help_text=_("「超過警戒值」適用；空白時使用指標當年度的警戒值"), **FIGURE
    )
    deadline_day = forms.IntegerField(label=_("填報期限：次月幾日"), min_value=1, max_value=28, initial=10)
    active = forms.BooleanField(label=_("啟用"), required=False, initial=True)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV 或 XLSX 檔案"), help_text=_("欄位：機關、指標、年月、數值；年月如 115/03 或 2026-03"))
    dry_run = forms.BooleanField(label=_("僅檢查，不匯入"), required=False)

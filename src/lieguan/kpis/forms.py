"""Typed input of the register's pages: goals, indicators, targets, actuals and their statements."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lieguan.core.forms import YearField
from lieguan.kpis.achievement import DIRECTION_CHOICES
from lieguan.kpis.models import Source
from lieguan.kpis.periods import HALF_CHOICES, Period
from lieguan.organisations.forms import OrganisationChoiceField
from lieguan.organisations.models import Organisation
from lieguan.tracking.forms import AgencyField, MultipleFileField

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise as StrPromise
else:
    StrPromise = str


def figure_field(label: str | StrPromise, *, required: bool = True, help_text: str | StrPromise = "") -> forms.DecimalField:
    """A figure as the register stores it (16 digits, 4 decimals)."""
    return forms.DecimalField(label=label, required=required, help_text=help_text, max_digits=16, decimal_places=4)


class AgencyOnlyField(OrganisationChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        qs = Organisation.objects.filter(active=True, kind=Organisation.Kind.AGENCY)
        super().__init__(queryset=qs, empty_label=_("（請選擇）"), **kwargs)


class GoalForm(forms.Form):
    organisation = AgencyOnlyField(label=_("機關"))
    title = forms.CharField(label=_("策略目標"), max_length=200)
    description = forms.CharField(label=_("說明"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000)
    position = forms.IntegerField(
        label=_("排序"), min_value=1, max_value=999, required=False, help_text=_("於工作報告中的順序；空白則排在最後")
    )
    active = forms.BooleanField(label=_("使用中"), required=False, initial=True)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            # A goal stays with its agency: moving it would carry another agency's history along.
            del self.fields["organisation"]
        else:
            del self.fields["active"]


class KpiForm(forms.Form):
    name = forms.CharField(label=_("指標名稱"), max_length=200)
    definition = forms.CharField(label=_("衡量標準"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000)
    unit = forms.CharField(
        label=_("單位"), max_length=10, required=False, help_text=_("例如 %、次、場、件、日；系統計算的指標自動採用其單位")
    )
    direction = forms.ChoiceField(label=_("目標方向"), choices=DIRECTION_CHOICES)
    source = forms.ChoiceField(label=_("資料來源"), choices=Source.choices)
    owner = AgencyField(label=_("主管單位"))
    aliases = forms.CharField(
        label=_("其他名稱"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
        help_text=_("過去工作報告使用的名稱，一行一個；匯入工作報告時據以比對"),
    )
    position = forms.IntegerField(label=_("排序"), min_value=1, max_value=999, required=False)
    active = forms.BooleanField(label=_("使用中"), required=False, initial=True)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["active"]


class PeriodForm(forms.Form):
    # Named for the field people have posted since the start; it takes a year in either calendar (YearField).
    roc_year = YearField(label=_("年度"))
    half = forms.TypedChoiceField(label=_("期間"), choices=HALF_CHOICES, coerce=int, initial=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["roc_year"].initial = timezone.localdate().year

    def period(self) -> Period:
        return Period(self.cleaned_data["roc_year"], self.cleaned_data["half"])


class TargetForm(PeriodForm):
    baseline = figure_field(_("基準值"), required=False, help_text=_("比較的起點，例如前一年度的實績"))
    target = figure_field(_("目標值"), help_text=_("目標區間請填下限"))
    target_high = figure_field(_("目標區間上限"), required=False, help_text=_("只用於「介於目標區間」的指標"))
    note = forms.CharField(label=_("備註"), max_length=300, required=False)


class ActualForm(PeriodForm):
    value = figure_field(_("實際值"))
    note = forms.CharField(label=_("說明"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=5000)
    attachments = MultipleFileField(label=_("佐證資料"), help_text=_("可一次選擇多個檔案：PDF、Word、Excel、ODF、圖片或純文字。"))

    def clean_value(self) -> Decimal:
        value: Decimal = self.cleaned_data["value"]
        if not value.is_finite():
            raise forms.ValidationError(_("請填寫數字。"))
        return value


class ComputeForm(PeriodForm):
    pass


class SentenceForm(forms.Form):
    sentence = forms.CharField(
        label=_("敘述"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
        help_text=_("工作報告中此指標的文字；清空則恢復系統產生的敘述"),
    )

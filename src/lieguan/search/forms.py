"""The search page's input: the words, and filters by series, agency, ROC dates, case status and kind of record."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lieguan.core.forms import RocDateField
from lieguan.organisations.forms import OrganisationChoiceField
from lieguan.organisations.models import Organisation
from lieguan.search.access import may_see_cases, searchable_series
from lieguan.search.models import SearchEntry
from lieguan.search.query import DATE, RELEVANCE, Criteria
from lieguan.search.tokenizer import MAX_QUERY_CHARS
from lieguan.tracking.models import CaseStatus

K = SearchEntry.Kind
PUBLIC_KINDS = (K.CONCLUSION, K.ITEM, K.REMARK)
# The kinds' and the case statuses' names in the reader's language (the models' choices are the Chinese).
KIND_LABELS = {K.CONCLUSION: _("會議結論"), K.ITEM: _("議程案件"), K.REMARK: _("發言"), K.CASE: _("列管案件"), K.REPORT: _("辦理情形")}
STATUS_CHOICES = [("", _("不限")), (CaseStatus.OPEN, _("列管中")), (CaseStatus.RELEASED, _("已解除列管"))]


class SeriesChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.full_name)


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("關鍵字"),
        required=False,
        max_length=MAX_QUERY_CHARS,
        error_messages={"max_length": _("關鍵字最多 %(limit_value)s 個字，請縮短後再查詢。")},
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "enterkeyhint": "search"}),
    )
    series = SeriesChoiceField(
        label=_("會議"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("全部會議"),
        error_messages={"invalid_choice": _("找不到此會議，請重新選擇。")},
    )
    agency = OrganisationChoiceField(
        label=_("機關"),
        required=False,
        empty_label=_("全部機關"),
        error_messages={"invalid_choice": _("找不到此機關，請重新選擇。")},
    )
    date_from = RocDateField(label=_("日期起"), required=False, help_text=_("民國年/月/日，例如 111/9/1"))
    date_to = RocDateField(label=_("日期迄"), required=False, help_text=_("例如 111/12/31"))
    status = forms.ChoiceField(
        label=_("案件狀態"),
        required=False,
        choices=STATUS_CHOICES,
        error_messages={"invalid_choice": _("請選擇列管中或已解除列管。")},
    )
    kinds = forms.MultipleChoiceField(
        label=_("資料類別"),
        required=False,
        choices=[(k, KIND_LABELS[k]) for k in K],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("沒有「%(value)s」這種資料類別。")},
    )
    sort = forms.ChoiceField(
        label=_("排序"),
        required=False,
        choices=[(RELEVANCE, _("相關程度")), (DATE, _("日期（新到舊）"))],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("請選擇依相關程度或依日期排序。")},
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        series_field: Any = self.fields["series"]
        series_field.queryset = searchable_series(user).order_by("owner__sort_order", "name")
        self.cases_shown = may_see_cases(user)
        if self.cases_shown:
            agency_field: Any = self.fields["agency"]
            agency_field.queryset = Organisation.objects.filter(active=True).exclude(kind=Organisation.Kind.CITY)
        else:
            # The public reads published minutes only: no cases, and no directory to choose from.
            del self.fields["agency"]
            del self.fields["status"]
            kinds: Any = self.fields["kinds"]
            kinds.choices = [(k, KIND_LABELS[k]) for k in PUBLIC_KINDS]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("日期迄不可早於日期起。"))
        return data

    @property
    def filtered(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return any(data.get(k) for k in ("series", "agency", "date_from", "date_to", "status", "kinds"))

    def criteria(self) -> Criteria:
        data = self.cleaned_data
        kinds = list(data.get("kinds") or [])
        if not self.cases_shown:
            kinds = [k for k in kinds if k in PUBLIC_KINDS] or list(PUBLIC_KINDS)
        return Criteria(
            q=data.get("q") or "",
            series_id=data["series"].pk if data.get("series") else None,
            agency_id=data["agency"].pk if data.get("agency") else None,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            case_status=data.get("status") or "",
            kinds=kinds,
            sort=data.get("sort") or RELEVANCE,
        )

"""Typed input of the statistics pages: the period as ROC dates, and the series, source and agency filters."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lieguan.core.forms import RocDateField
from lieguan.meetings.models import MeetingSeries
from lieguan.organisations.forms import OrganisationChoiceField
from lieguan.organisations.models import Organisation
from lieguan.reports.grouping import NOW, VIEWS
from lieguan.reports.overview import OverviewFilters
from lieguan.reports.statistics import Filters, agency_choices, series_choices
from lieguan.tracking.models import CaseSource


class SeriesChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: MeetingSeries) -> str:
        return obj.full_name


class _Choices(forms.Form):
    """The filters every page shares; the choices are what the user may see."""

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        series = self.fields["series"]
        assert isinstance(series, forms.ModelChoiceField)
        series.queryset = series_choices(user)
        agency = self.fields["agency"]
        assert isinstance(agency, forms.ModelChoiceField)
        agency.queryset = Organisation.objects.filter(pk__in=[o.pk for o in agency_choices(user)])

    series = SeriesChoiceField(label=_("會議"), queryset=MeetingSeries.objects.none(), required=False, empty_label=_("全部會議"))
    source = forms.ChoiceField(label=_("案件來源"), choices=[("", _("全部來源")), *CaseSource.choices], required=False)
    agency = OrganisationChoiceField(label=_("機關"), required=False, empty_label=_("全部機關"))
    # The toggle above the tables sets it; the form only carries it along when the filters are applied.
    view = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_view(self) -> str:
        """依現在機關 unless 依當時機關 is asked for: a view nobody offered is no error to correct."""
        view = self.cleaned_data.get("view")
        return view if view in VIEWS else NOW


class StatisticsForm(_Choices):
    start = RocDateField(label=_("統計期間起日"), required=False, help_text=_("例如 115/1/1"))
    end = RocDateField(label=_("統計期間迄日"), required=False, help_text=_("例如 115/3/31"))

    field_order = ["start", "end", "series", "source", "agency"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("迄日不可早於起日。"))
        return data

    def filters(self) -> Filters:
        today = timezone.localdate()
        data = self.cleaned_data
        end = data.get("end") or today
        start = data.get("start") or dt.date(end.year, 1, 1)
        return Filters(
            start=start,
            end=end,
            series=data.get("series"),
            source=data.get("source") or "",
            agency=data.get("agency"),
            view=data.get("view") or NOW,
        )


class OverviewForm(_Choices):
    as_of = RocDateField(label=_("截至日期"), required=False, help_text=_("預設為今天，例如 115/3/18"))

    field_order = ["as_of", "series", "source", "agency"]

    def clean_as_of(self) -> dt.date | None:
        day = self.cleaned_data.get("as_of")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("截至日期不可晚於今天。"))
        return day

    def filters(self) -> OverviewFilters:
        data = self.cleaned_data
        return OverviewFilters(
            as_of=data.get("as_of") or timezone.localdate(),
            series=data.get("series"),
            source=data.get("source") or "",
            agency=data.get("agency"),
            view=data.get("view") or NOW,
        )

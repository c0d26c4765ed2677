"""Typed input of the tracking pages: selecting, creating and editing cases, reports, decisions, the calendar."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from lieguan.core.forms import RocDateField, translated_choices
from lieguan.meetings.models import Meeting, MeetingSeries
from lieguan.organisations.forms import OrganisationChoiceField, OrganisationMultipleChoiceField
from lieguan.organisations.models import Organisation
from lieguan.tracking import details
from lieguan.tracking.details import Detail, Where
from lieguan.tracking.models import Assignment, CaseDecision, CaseSource, CaseStatus, Proposal


def assignable() -> QuerySet[Organisation]:
    """The bodies a case can be assigned to: agencies and their units (shown as a tree by the pickers)."""
    return Organisation.objects.filter(active=True).exclude(kind=Organisation.Kind.CITY)


class AgencyField(OrganisationChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("empty_label", _("（請選擇）"))
        super().__init__(queryset=assignable(), **kwargs)


class AgenciesField(OrganisationMultipleChoiceField):
    """Co-organisers as checkboxes (a tablet in a meeting room handles them better than a multiple select)."""

    # The choices are agencies' names, the directory's data: the English page leaves them as they are.
    labels_are_records = True

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(queryset=assignable(), **kwargs)


class DeadlineFields(forms.Form):
    """A deadline as a date (115/12/31) or as a number of working days on the government calendar."""

    deadline = RocDateField(label=_("列管期限"), required=False, help_text=_("民國年/月/日，例如 115/12/31"))
    working_days = forms.IntegerField(
        label=_("或：期限為幾個工作日"),
        required=False,
        min_value=1,
        max_value=366,
        help_text=_("依政府行政機關辦公日曆表計算，週末、國定假日不計，補班日計入。"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("deadline") and data.get("working_days"):
            self.add_error("working_days", _("列管期限請擇一填寫：日期或工作日數。"))
        return data


def _co_without_lead(data: dict[str, Any]) -> list[Organisation]:
    lead = data.get("lead")
    return [o for o in data.get("co") or [] if o != lead]


class SelectCaseForm(DeadlineFields):
    number = forms.CharField(label=_("列管編號"), max_length=30, help_text=_("依本會議的列管編號格式建議，可修改。"))
    title = forms.CharField(label=_("案由"), max_length=300)
    lead = AgencyField(label=_("主辦機關"))
    co = AgenciesField(label=_("協辦機關"))

    field_order = ["number", "title", "lead", "co", "deadline", "working_days"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["co"] = _co_without_lead(data)
        return data


def detail_field(detail: Detail) -> forms.Field:
    """A case detail's form field: its model field's, a date read as people here write it (115/12/31)."""
    model_field = detail.model_field
    kwargs: dict[str, Any] = {"help_text": detail.help_text} if detail.help_text else {}
    if isinstance(model_field, models.DateField) and not isinstance(model_field, models.DateTimeField):
        kwargs["form_class"] = RocDateField
    field = model_field.formfield(**kwargs)
    assert field is not None, f"{detail.field} is not editable"
    return field


class CaseDetailFields(forms.Form):
    """The case details (``tracking/details.py``) the registry gives in this form, after the field ``details_after``."""

    details_where: Where
    details_after: str

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = list(self.fields)
        at = names.index(self.details_after) + 1
        added = {d.field: detail_field(d) for d in details.shown_in(self.details_where)}
        self.fields = {**{n: self.fields[n] for n in names[:at]}, **added, **{n: self.fields[n] for n in names[at:]}}

    def details(self) -> dict[str, Any]:
        """The details as typed, for ``do_create_case`` / ``do_update_case`` (``details=``)."""
        return {d.field: self.cleaned_data[d.field] for d in details.shown_in(self.details_where)}


class CaseCreateForm(CaseDetailFields, DeadlineFields):
    """A case that did not come from minutes: 市長承諾案件, 議員索資, 人民陳情."""

    details_where, details_after = Where.CREATE, "source"

    source = forms.ChoiceField(
        label=_("案件來源"),
        choices=translated_choices([c for c in CaseSource.choices if c[0] != CaseSource.MINUTES]),
        widget=forms.RadioSelect,
    )
    owner = OrganisationChoiceField(label=_("列管機關"), empty_label=None)
    number = forms.CharField(label=_("列管編號"), max_length=30, required=False, help_text=_("空白時自動編號，例如人民陳情 P115-001。"))
    title = forms.CharField(label=_("案由"), max_length=300)
    text = forms.CharField(label=_("列管事項"), widget=forms.Textarea(attrs={"rows": 4, "data-record": True}))
    lead = AgencyField(label=_("主辦機關"))
    co = AgenciesField(label=_("協辦機關"))
    opened_on = RocDateField(label=_("列管日期"), required=False, help_text=_("空白時為今天。"))

    field_order = ["source", "owner", "number", "title", "text", "lead", "co", "opened_on", "deadline", "working_days"]

    def __init__(self, *args: Any, owners: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["co"] = _co_without_lead(data)
        return data


class CaseEditForm(CaseDetailFields, DeadlineFields):
    details_where, details_after = Where.EDIT, "text"

    title = forms.CharField(label=_("案由"), max_length=300)
    text = forms.CharField(label=_("列管事項"), widget=forms.Textarea(attrs={"rows": 4, "data-record": True}))
    clear_deadline = forms.BooleanField(label=_("取消列管期限"), required=False)

    field_order = ["title", "text", "deadline", "working_days", "clear_deadline"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("clear_deadline") and (data.get("deadline") or data.get("working_days")):
            self.add_error("clear_deadline", _("已填寫新的列管期限，請勿同時勾選取消列管期限。"))
        return data


class AssignmentForm(forms.Form):
    organisation = AgencyField(label=_("機關"))
    role = forms.ChoiceField(label=_("角色"), choices=translated_choices(Assignment.Role.choices), initial=Assignment.Role.CO)


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class ReportForm(forms.Form):
    text = forms.CharField(label=_("辦理情形"), widget=forms.Textarea(attrs={"rows": 8, "data-record": True}), max_length=20000)
    proposal = forms.ChoiceField(label=_("擬辦"), choices=translated_choices(Proposal.choices), widget=forms.RadioSelect)
    attachments = MultipleFileField(label=_("附件"), help_text=_("可一次選擇多個檔案：PDF、Word、Excel、ODF、圖片或純文字。"))


class SpawnForm(DeadlineFields):
    """A bureau keeps tracking its part of a city-level case in its own series."""

    meeting = forms.ModelChoiceField(label=_("列管會次"), queryset=Meeting.objects.none(), empty_label=None)
    number = forms.CharField(label=_("列管編號"), max_length=30, required=False, help_text=_("空白時依該會議的列管編號格式自動編號。"))
    lead = AgencyField(label=_("主辦機關（單位）"))
    co = AgenciesField(label=_("協辦機關（單位）"))

    field_order = ["meeting", "number", "lead", "co", "deadline"]

    def __init__(self, *args: Any, series: QuerySet[MeetingSeries], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meetings = Meeting.objects.filter(series__in=series, cancelled=False).select_related("series", "series__owner")
        field = self.fields["meeting"]
        field.queryset = meetings.order_by("-start")  # type: ignore[attr-defined]
        field.label_from_instance = lambda m: f"{m.series.full_name}{m.ordinal}"  # type: ignore[attr-defined]
        del self.fields["working_days"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["co"] = _co_without_lead(data)
        return data


class CalendarUploadForm(forms.Form):
    file = forms.FileField(
        label=_("行事曆檔案（CSV）"),
        help_text=_("政府行政機關辦公日曆表（欄位：西元日期、星期、是否放假、備註），或「日期,上班/放假,說明」。"),
    )


DUE_CHOICES = [("", _("全部")), ("overdue", _("已逾期")), ("soon", _("期限將屆（7 日內）"))]
STATUS_CHOICES = [(CaseStatus.OPEN, _("列管中")), (CaseStatus.RELEASED, _("已解除列管")), ("all", _("全部"))]
SORTS = {"number": _("列管編號"), "deadline": _("列管期限"), "opened": _("列管日期"), "overdue": _("逾期日數")}


class CaseFilterForm(forms.Form):
    """The filters of the case list, read from the query string."""

    series = forms.ModelChoiceField(label=_("會議"), queryset=MeetingSeries.objects.none(), required=False, empty_label=_("全部"))
    source = forms.ChoiceField(label=_("案件來源"), choices=[("", _("全部")), *translated_choices(CaseSource.choices)], required=False)
    status = forms.ChoiceField(label=_("狀態"), choices=STATUS_CHOICES, required=False)
    agency = OrganisationChoiceField(label=_("主協辦機關"), required=False, empty_label=_("全部"))
    due = forms.ChoiceField(label=_("期限"), choices=DUE_CHOICES, required=False)
    sort = forms.ChoiceField(choices=list(SORTS.items()), required=False, widget=forms.HiddenInput)
    order = forms.ChoiceField(choices=[("asc", _("遞增")), ("desc", _("遞減"))], required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, series: QuerySet[MeetingSeries], agencies: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["series"].queryset = series  # type: ignore[attr-defined]
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        """The filters in force: the valid ones, with the defaults (open cases, by number) for the rest."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "series": data.get("series"),
            "source": data.get("source") or "",
            "status": data.get("status") or CaseStatus.OPEN,
            "agency": data.get("agency"),
            "due": data.get("due") or "",
            "sort": data.get("sort") or "number",
            "order": data.get("order") or "asc",
        }


DECISION_CHOICES = translated_choices(CaseDecision.Decision.choices)


def decision_field(label: str, initial: str) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=DECISION_CHOICES, widget=forms.RadioSelect, initial=initial)

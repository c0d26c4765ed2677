"""Typed input of the meetings pages: series, scheduling, agenda, invitations, attendance, materials."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lieguan.core.forms import RocDateField, translated_choices
from lieguan.meetings.actions.attendance import GROUPS
from lieguan.meetings.models import AgendaSection, Invitation, MeetingSeries
from lieguan.meetings.numbering import validate_case_number_pattern
from lieguan.organisations.forms import OrganisationChoiceField, OrganisationMultipleChoiceField
from lieguan.organisations.models import Organisation, Person

K = AgendaSection.Kind


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self) -> None:
        super().__init__(format="%H:%M", attrs={"class": "input-time"})


class PersonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """People of the directory, shown as 資訊局 唐思遠 局長 so that namesakes can be told apart."""

    def __init__(self, **kwargs: Any) -> None:
        people = Person.objects.filter(active=True).select_related("organisation")
        super().__init__(queryset=people.order_by("organisation__sort_order", "organisation__code", "name"), **kwargs)

    def label_from_instance(self, obj: Person) -> str:
        agency = obj.organisation.display_name if obj.organisation else ""
        return f"{agency} {obj.name} {obj.title}".strip()


def agencies() -> QuerySet[Organisation]:
    """The bodies that present items and send people: agencies and their units (the city itself too)."""
    return Organisation.objects.filter(active=True).order_by("sort_order", "code")


# Series ------------------------------------------------------------------------------------------------


class SeriesForm(forms.Form):
    owner = OrganisationChoiceField(label=_("主辦機關"), empty_label=None)
    name = forms.CharField(label=_("會議名稱"), max_length=100, help_text=_("例如：主任秘書會報、處務會議"))
    numbering = forms.ChoiceField(
        label=_("編號方式"), choices=translated_choices(MeetingSeries.Numbering.choices), widget=forms.RadioSelect, initial="sequential"
    )
    level = forms.ChoiceField(label=_("層級"), choices=translated_choices(MeetingSeries.Level.choices), initial="agency")
    default_chair = PersonChoiceField(label=_("預設主席"), required=False, empty_label=_("（未指定）"))
    default_recorder = PersonChoiceField(label=_("預設紀錄"), required=False, empty_label=_("（未指定）"))
    default_location = forms.CharField(label=_("預設地點"), max_length=100, required=False, help_text=_("會議室名稱，或「視訊會議」"))
    public = forms.BooleanField(label=_("會議紀錄公開（發布後所有登入者可閱覽）"), required=False)
    tracks_cases = forms.BooleanField(label=_("列管會議結論（每次會議先宣讀上次紀錄並報告結論事項執行情形）"), required=False, initial=True)
    case_number_pattern = forms.CharField(
        label=_("列管編號格式"),
        max_length=40,
        initial="{session}-{seq}",
        help_text=_(
            "{session} 為會次、{seq} 為該次會議的案件序號；{seq:02} 表示補足兩位數。"
            "例如 {session}-{seq} → 224-1；{session}{seq:02} → 10101。"
        ),
        validators=[validate_case_number_pattern],
    )
    release_after_parent = forms.BooleanField(label=_("府級案件解除列管後，本會議的對應案件始得解除"), required=False)
    material_cutoff_days = forms.IntegerField(
        label=_("會議資料上傳截止（開會前幾個工作日）"),
        min_value=0,
        max_value=30,
        initial=2,
        help_text=_("依人事行政總處行事曆計算，略過週末與國定假日，截止於該工作日下午 5 時；0 表示開會前皆可上傳。"),
    )
    active = forms.BooleanField(label=_("使用中"), required=False, initial=True)

    def __init__(self, *args: Any, owners: QuerySet[Organisation] | None = None, editing: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["owner"]
        else:
            assert owners is not None
            owner = self.fields["owner"]
            assert isinstance(owner, forms.ModelChoiceField)
            owner.queryset = owners
            del self.fields["active"]
        self.fields["case_number_pattern"].widget.attrs.update({"class": "input-code", "spellcheck": "false"})


class TemplateSectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("類別"), choices=translated_choices(K.choices), initial=K.REPORTS)
    heading = forms.CharField(label=_("標題"), max_length=200)
    items = forms.CharField(label=_("預設案件（每行一項）"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_items(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]


class BaseTemplateFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def template(self) -> list[dict[str, Any]]:
        """The sections in the order asked for, without the rows marked for removal or left blank."""
        rows = []
        for form in self.ordered_forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            data = form.cleaned_data
            rows.append({"kind": data["kind"], "heading": data["heading"], "items": data["items"]})
        return rows

    def clean(self) -> None:
        super().clean()
        if not any(self.errors) and not self.template():
            raise ValidationError(_("議程範本至少須有一段。"))


TemplateFormSet = forms.formset_factory(TemplateSectionForm, formset=BaseTemplateFormSet, extra=2, can_delete=True, can_order=True)


def template_initial(template: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"kind": e["kind"], "heading": e["heading"], "items": "\n".join(e.get("items", [])), "ORDER": n}
        for n, e in enumerate(template, start=1)
    ]


# Scheduling --------------------------------------------------------------------------------------------


def _aware(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


class MeetingForm(forms.Form):
    number = forms.IntegerField(label=_("會次"), min_value=1, help_text=_("依上一次會次自動帶入，可修改。"))
    date = RocDateField(label=_("開會日期"), help_text=_("民國年/月/日，例如 115/12/17"))
    time = forms.TimeField(label=_("開會時間"), widget=TimeInput(), initial=dt.time(10, 0))
    location = forms.CharField(label=_("地點"), max_length=100, required=False, help_text=_("會議室名稱，或「視訊會議」"))
    chair = PersonChoiceField(label=_("主席"), required=False, empty_label=_("（未指定）"))
    recorder = PersonChoiceField(label=_("紀錄"), required=False, empty_label=_("（未指定）"))
    cutoff_date = RocDateField(label=_("會議資料上傳截止日期"), required=False)
    cutoff_time = forms.TimeField(label=_("會議資料上傳截止時間"), widget=TimeInput(), required=False)
    # Offered only once the page has shown what is unusual about the date or number.
    confirm = forms.BooleanField(label=_("仍要排定"), required=False)

    def __init__(self, *args: Any, cutoff_days: int = 2, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["location"].widget.attrs["list"] = "location-options"
        if cutoff_days:
            self.fields["cutoff_date"].help_text = _("空白時為開會日前 %(days)s 個工作日的下午 5 時（略過週末與國定假日）。") % {
                "days": cutoff_days
            }
        else:
            self.fields["cutoff_date"].help_text = _("空白時為開會時間。")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("date") and data.get("time"):
            data["start"] = _aware(data["date"], data["time"])
        data["materials_cutoff"] = None
        if data.get("cutoff_date"):
            data["materials_cutoff"] = _aware(data["cutoff_date"], data.get("cutoff_time") or dt.time(17, 0))
            if data.get("start") and data["materials_cutoff"] > data["start"]:
                self.add_error("cutoff_date", _("資料上傳截止不可晚於開會時間。"))
        elif data.get("cutoff_time"):
            self.add_error("cutoff_date", _("請同時填寫截止日期。"))
        return data


# Agenda ------------------------------------------------------------------------------------------------


class SectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("類別"), choices=translated_choices(K.choices), initial=K.REPORTS)
    heading = forms.CharField(label=_("段落標題"), max_length=200)


class ItemForm(forms.Form):
    title = forms.CharField(label=_("案由"), max_length=2000)
    presenter = OrganisationChoiceField(label=_("報告機關"), queryset=agencies(), required=False, empty_label=_("（無）"))


class MoveForm(forms.Form):
    offset = forms.TypedChoiceField(choices=[("-1", _("上移")), ("1", _("下移"))], coerce=int)


# Invitations and attendance ----------------------------------------------------------------------------


class InviteForm(forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.filter(active=True), widget=forms.HiddenInput)
    capacity = forms.ChoiceField(choices=translated_choices(Invitation.Capacity.choices))


class InviteGroupForm(forms.Form):
    organisation = OrganisationChoiceField(label=_("機關"), queryset=agencies())
    group = forms.ChoiceField(label=_("對象"), choices=translated_choices(GROUPS.items()))
    capacity = forms.ChoiceField(label=_("身分"), choices=translated_choices(Invitation.Capacity.choices))


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("搜尋人員（姓名、職稱或機關）"), max_length=50, required=False)


class AttendanceForm(forms.Form):
    attendance = forms.ChoiceField(choices=translated_choices(Invitation.Attendance.choices))
    substitute_name = forms.CharField(label=_("代理人姓名"), max_length=50, required=False)
    substitute_title = forms.CharField(label=_("代理人職稱"), max_length=50, required=False)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("attendance") == Invitation.Attendance.SUBSTITUTED and not data.get("substitute_name", "").strip():
            self.add_error("substitute_name", _("代理出席須填寫代理人姓名。"))
        return data


class MaterialForm(forms.Form):
    file = forms.FileField(label=_("檔案"))


# Confidential items (機密／限閱) ---------------------------------------------------------------------------


class ConfidentialForm(forms.Form):
    """The mark and who else may read: people among the meeting's invitees, and agencies (through their staff).

    The secretariat, the chair, the recorder, the presenting agency and the agencies of the item's cases are
    entitled without being named (``meetings.access.can_read_confidential``).
    """

    confidential = forms.BooleanField(label=_("機密案件（限閱）"), required=False)
    people = forms.ModelMultipleChoiceField(
        label=_("得閱覽人員"), queryset=Person.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    organisations = OrganisationMultipleChoiceField(label=_("得閱覽機關"), queryset=agencies(), required=False)

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people  # type: ignore[attr-defined]
        self.fields["people"].label_from_instance = _person_label  # type: ignore[attr-defined]


def _person_label(person: Person) -> str:
    """馮柏均（教育局主任秘書）: the same name can sit in two agencies."""
    where = person.organisation.display_name if person.organisation is not None else ""
    return f"{person.name}（{where}{person.title}）"

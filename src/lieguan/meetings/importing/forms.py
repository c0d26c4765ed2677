"""Typed input of the import pages: the files to upload, and the decisions of a preview."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lieguan.meetings.models import MeetingSeries
from lieguan.organisations.forms import INDENT, OrganisationSelect
from lieguan.organisations.models import Organisation
from lieguan.organisations.tree import build_tree

from .names import CREATE, MATCH, TEXT, NameProposal
from .plan import Plan
from .reading import ACCEPTED_EXTENSIONS

NEW_SERIES = "new"
MAX_FILES = 100


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(ACCEPTED_EXTENSIONS)}))
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data]
        files = [f for f in files if f]
        if not files:
            raise ValidationError(_("請選擇至少一個檔案。"))
        if len(files) > MAX_FILES:
            raise ValidationError(_("一次最多上傳 %(max)s 個檔案，請分批上傳。") % {"max": MAX_FILES})
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class UploadForm(forms.Form):
    uploads = MultipleFileField(
        label=gettext_lazy("會議紀錄檔案"),
        help_text=gettext_lazy(
            "可一次選擇多個檔案：TXT、MD、DOCX、ODT、PDF（須含文字）或 Minutes JSON。檔案會逐一解析，再依會議日期匯入。"
        ),
    )


class PreviewForm(forms.Form):
    """Which series the minutes go into, and for each unknown name: create it, match it, or keep the text."""

    series = forms.ChoiceField(label=gettext_lazy("匯入至會議"))

    def __init__(self, *args: Any, plan: Plan, series_choices: QuerySet[MeetingSeries], may_create: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.may_create = may_create
        choices: list[tuple[str, str]] = []
        proposed = plan.series
        if proposed.series is None and proposed.can_create:
            # The owner may only be known once matched: a series of that name it already has is used then.
            later = _("（如主辦機關已有同名會議，即匯入該會議）") if proposed.owner is None else ""
            choices.append((NEW_SERIES, _("建立新會議「%(name)s」") % {"name": proposed.label} + later))
        for s in series_choices:
            mark = _("（依紀錄標題比對）") if proposed.series is not None and s.pk == proposed.series.pk else ""
            choices.append((str(s.pk), f"{s.full_name}{mark}"))
        series_field = self.fields["series"]
        assert isinstance(series_field, forms.ChoiceField)
        series_field.choices = choices
        series_field.initial = str(proposed.series.pk) if proposed.series is not None else NEW_SERIES
        self.names: list[tuple[NameProposal, str, str]] = []
        for n, proposal in enumerate(plan.names.unknown):
            action, match = f"name_{n}_action", f"name_{n}_match"
            actions = self._actions(proposal)
            offered = {a for a, _ in actions}
            initial = next((a for a in (proposal.decision, proposal.proposal, MATCH) if a in offered), actions[0][0])
            self.fields[action] = forms.ChoiceField(
                label=_("「%(text)s」如何處理") % {"text": proposal.text}, choices=actions, widget=forms.RadioSelect, initial=initial
            )
            self.fields[match] = forms.TypedChoiceField(
                label=(_("對應「%(text)s」的既有人員") if proposal.kind == "person" else _("對應「%(text)s」的既有機關"))
                % {"text": proposal.text},
                choices=self._matches(proposal),
                coerce=int,
                required=False,
                widget=forms.Select if proposal.kind == "person" else OrganisationSelect,
                initial=proposal.decision_match_id or (proposal.match_ids[0] if proposal.match_ids else None),
            )
            self.names.append((proposal, action, match))

    def _actions(self, proposal: NameProposal) -> list[tuple[str, str]]:
        out = []
        if proposal.can_create and self.may_create:
            out.append((CREATE, proposal.create_label))
        if proposal.kind == "organisation" or proposal.match_ids:
            out.append((MATCH, _("對應至既有項目（請在下方選擇）")))
        # A new series needs its owner in the directory: the body holding the meeting is never kept as text only.
        if not self._is_owner(proposal):
            out.append((TEXT, _("僅保留文字，不連結名錄")))
        return out

    def _is_owner(self, proposal: NameProposal) -> bool:
        return proposal.key == self.plan.names.owner_key and self.plan.series.series is None

    def _matches(self, proposal: NameProposal) -> list[Any]:
        suggested = list(zip(proposal.match_ids, proposal.match_labels, strict=False))
        if proposal.kind == "person":
            return [("", _("（請選擇）")), *suggested]
        taken = {pk for pk, _ in suggested}
        others = [(n.organisation.pk, f"{INDENT * n.depth}{n.organisation.name}") for n in build_tree(Organisation.objects.all())]
        others = [(pk, label) for pk, label in others if pk not in taken]
        groups: list[Any] = [("", _("（請選擇）"))]
        if suggested:
            groups.append((_("建議"), suggested))
        groups.append((_("其他機關"), others))
        return groups

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        existing_series = data.get("series") not in (None, NEW_SERIES)
        for proposal, action, match in self.names:
            if data.get(action) == MATCH and not data.get(match):
                if existing_series and self._is_owner(proposal):
                    # Importing into a series chosen from the list: the owner named in the minutes is only text.
                    data[action] = TEXT
                    continue
                self.add_error(match, _("請選擇「%(text)s」要對應的既有項目。") % {"text": proposal.text})
        return data

    def decisions(self) -> dict[str, tuple[str, int | None]]:
        out = {}
        for proposal, action, match in self.names:
            chosen = self.cleaned_data[action]
            out[proposal.key] = (chosen, self.cleaned_data.get(match) if chosen == MATCH else None)
        return out

    def bound_names(self) -> list[tuple[NameProposal, Any, Any]]:
        return [(p, self[action], self[match]) for p, action, match in self.names]

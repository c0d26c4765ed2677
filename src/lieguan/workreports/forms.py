"""Typed input for the work report pages: which agency a new or imported report is for."""

from __future__ import annotations

from typing import Any

from django import forms

from lieguan.organisations.forms import OrganisationChoiceField


class AgencyForm(forms.Form):
    """The agency, among those the user manages, picked in the directory's tree like every other organisation."""

    organisation = OrganisationChoiceField(label="機關", empty_label=None, error_messages={"invalid_choice": "請選擇您所管理的機關。"})

    def __init__(self, data: Any = None, *, agencies: Any, id_prefix: str) -> None:
        super().__init__(data, auto_id=f"{id_prefix}-%s")
        self.fields["organisation"].queryset = agencies  # type: ignore[attr-defined]

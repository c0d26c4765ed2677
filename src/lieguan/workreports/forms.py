"""Typed input for the work report pages: which agency a new or imported report is for."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lieguan.organisations.forms import OrganisationChoiceField


class AgencyForm(forms.Form):
    """The agency, among those the user manages, picked in the directory's tree like every other organisation."""

    organisation = OrganisationChoiceField(
        label=_("機關"), empty_label=None, error_messages={"invalid_choice": _("請選擇您所管理的機關。")}
    )

    def __init__(self, data: Any = None, *, agencies: Any, id_prefix: str) -> None:
        super().__init__(data, auto_id=f"{id_prefix}-%s")
        self.fields["organisation"].queryset = agencies  # type: ignore[attr-defined]

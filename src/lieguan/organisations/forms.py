"""Typed input of the directory pages, and the organisation pickers every app's forms use."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from lieguan.core.forms import RocDateField
from lieguan.organisations.models import Organisation, OrganisationName, Succession
from lieguan.organisations.tree import build_tree

INDENT = "\u3000"


class TreeChoiceIterator(ModelChoiceIterator):  # type: ignore[type-arg]
    """The field's organisations in tree order (``build_tree``), each carrying what the picker shows and matches on.

    The order comes from the tree, never from the queryset's ordering; each
    instance gets ``tree_depth`` and ``search_text`` (its names, its former
    names, and its parent's names) for the widgets.
    """

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        organisations = list(self.queryset.select_related("parent"))
        former: dict[int, set[str]] = {}
        for org_id, text in OrganisationName.objects.filter(organisation__in=[o.pk for o in organisations]).values_list(
            "organisation_id", "text"
        ):
            former.setdefault(org_id, set()).add(text)
        for node in build_tree(organisations):
            org = node.organisation
            parent = org.parent
            names = [org.display_name, org.name, *sorted(former.get(org.pk, ()))]
            # The parent's names find a unit by its agency; the city's would match every agency under it.
            if parent is not None and parent.kind != Organisation.Kind.CITY:
                names += [parent.display_name, parent.name]
            org.tree_depth = node.depth  # type: ignore[attr-defined]
            org.search_text = " ".join(dict.fromkeys(n for n in names if n))  # type: ignore[attr-defined]
            yield self.choice(org)


def _picker_attrs(value: Any) -> dict[str, str]:
    instance = getattr(value, "instance", None)
    if instance is None or not hasattr(instance, "tree_depth"):
        return {}
    return {"data-org-search": instance.search_text, "data-depth": str(instance.tree_depth)}


def _attrs_html(attrs: dict[str, Any]) -> str:
    # As django/forms/widgets/attrs.html writes them: False leaves the attribute out, True writes its name alone.
    return "".join(
        f" {name}" if value is True else f' {name}="{conditional_escape(value)}"' for name, value in attrs.items() if value is not False
    )


class OrganisationSelect(forms.Select):
    """A plain ``<select>`` showing the tree by indentation; ``org-picker.js`` adds a box that filters it as you type."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"data-org-picker": "", **(attrs or {})})

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        """The same markup as Django's select templates, written here: a city's directory has hundreds of
        organisations, and a template per option was a third of the case list's time."""
        widget = self.get_context(name, value, attrs)["widget"]
        out = [f'<select name="{conditional_escape(widget["name"])}"{_attrs_html(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                out.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in options:
                out.append(
                    f'\n  <option value="{conditional_escape(str(option["value"]))}"{_attrs_html(option["attrs"])}>'
                    f"{conditional_escape(option['label'])}</option>"
                )
            if group_name:
                out.append("\n  </optgroup>")
        out.append("\n</select>")
        return mark_safe("".join(out))  # noqa: S308 — every value above is escaped

    def create_option(self, name: str, value: Any, label: Any, selected: Any, index: int, subindex: Any = None, attrs: Any = None) -> Any:
        extra = _picker_attrs(value)
        if extra:
            label = f"{INDENT * int(extra['data-depth'])}{label}"
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["attrs"].update(extra)
        return option


class CheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes in tree order, nested by depth (CSS), filtered as you type by ``org-picker.js``.

    It keeps Django's class name so that the forms' templates, which lay out
    checkbox groups as a fieldset by ``widget_type``, still recognise it.
    """

    def create_option(self, name: str, value: Any, label: Any, selected: Any, index: int, subindex: Any = None, attrs: Any = None) -> Any:
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["attrs"].update(_picker_attrs(value))
        return option


class OrganisationChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """Every organisation picker: the directory as a tree that can be filtered as you type."""

    iterator = TreeChoiceIterator
    widget = OrganisationSelect

    def __init__(self, queryset: Any = None, **kwargs: Any) -> None:
        super().__init__(queryset=Organisation.objects.none() if queryset is None else queryset, **kwargs)

    def label_from_instance(self, obj: Organisation) -> str:
        return obj.display_name


class OrganisationMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Several organisations at once (co-organisers): checkboxes in the tree, filtered as you type."""

    iterator = TreeChoiceIterator
    widget = CheckboxSelectMultiple

    def __init__(self, queryset: Any = None, **kwargs: Any) -> None:
        super().__init__(queryset=Organisation.objects.none() if queryset is None else queryset, **kwargs)

    def label_from_instance(self, obj: Organisation) -> str:
        return obj.display_name


class SuccessionForm(forms.Form):
    kind = forms.ChoiceField(label=_("改制方式"), choices=Succession.Kind.choices)
    organisation = OrganisationChoiceField(label=_("機關"), empty_label=_("（請選擇）"))
    effective = RocDateField(label=_("生效日"), help_text=_("例如 116/1/1"))
    successors = OrganisationMultipleChoiceField(label=_("承接機關"), required=False, help_text=_("併入、裁撤選一個；分拆選兩個以上"))
    new_parent = OrganisationChoiceField(label=_("新上級機關（改隸）"), required=False, empty_label=_("（不改）"))
    new_name = forms.CharField(label=_("新全銜（更名）"), max_length=100, required=False)
    new_short_name = forms.CharField(label=_("新簡稱（更名）"), max_length=30, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("organisation", "successors", "new_parent"):
            self.fields[name].queryset = Organisation.objects.filter(active=True)  # type: ignore[attr-defined]


class PersonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        org = obj.organisation.display_name if obj.organisation_id else ""
        return f"{obj.name}（{org}{obj.title}）" if org or obj.title else obj.name


class StandInForm(forms.Form):
    person = PersonChoiceField(label=_("請假人"), queryset=Organisation.objects.none(), empty_label=_("（請選擇）"))
    stand_in = PersonChoiceField(label=_("職務代理人"), queryset=Organisation.objects.none(), empty_label=_("（請選擇）"))
    organisation = OrganisationChoiceField(label=_("代理範圍"), empty_label=_("（請選擇）"))
    start = RocDateField(label=_("起日"), help_text=_("例如 115/12/21"))
    end = RocDateField(label=_("迄日"), help_text=_("代理的最後一天"))

    def __init__(self, *args: Any, people: Any, organisations: Any, **kwargs: Any) -> None:
        from lieguan.organisations.models import Person

        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]
        self.fields["stand_in"].queryset = (  # type: ignore[attr-defined]
            Person.objects.filter(active=True, user__isnull=False)
            .select_related("organisation")
            .order_by("organisation__sort_order", "name")
        )
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise ValidationError(_("代理迄日不可早於起日。"))
        return data

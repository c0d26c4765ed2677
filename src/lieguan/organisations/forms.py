"""Typed input of the directory pages: proposing a succession (機關改制)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, When

from lieguan.core.forms import RocDateField
from lieguan.organisations.models import Organisation, Succession


def tree_label(org: Organisation) -> str:
    """An organisation with its place in the tree: units indented under their agency."""
    depth = 0
    node = org.parent
    while node is not None and depth < 5:
        depth += 1
        node = node.parent
    return f"{'　' * max(depth - 1, 0)}{org.display_name}"


def tree_order(organisations: list[Organisation]) -> list[Organisation]:
    """Depth first, each body followed by its units, in directory order."""
    children: dict[int | None, list[Organisation]] = {}
    ids = {o.pk for o in organisations}
    for org in organisations:
        parent = org.parent_id if org.parent_id in ids else None
        children.setdefault(parent, []).append(org)
    out: list[Organisation] = []
    stack = sorted(children.get(None, []), key=lambda o: (o.sort_order, o.code), reverse=True)
    while stack:
        org = stack.pop()
        out.append(org)
        stack.extend(sorted(children.get(org.pk, []), key=lambda o: (o.sort_order, o.code), reverse=True))
    return out


class TreeChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Organisation) -> str:
        return tree_label(obj)


class TreeMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Organisation) -> str:
        return tree_label(obj)


class SuccessionForm(forms.Form):
    kind = forms.ChoiceField(label="改制方式", choices=Succession.Kind.choices)
    organisation = TreeChoiceField(label="機關", queryset=Organisation.objects.none(), empty_label="（請選擇）")
    effective = RocDateField(label="生效日", help_text="例如 116/1/1")
    successors = TreeMultipleChoiceField(
        label="承接機關", queryset=Organisation.objects.none(), required=False, help_text="併入、裁撤選一個；分拆選兩個以上"
    )
    new_parent = TreeChoiceField(label="新上級機關（改隸）", queryset=Organisation.objects.none(), required=False, empty_label="（不改）")
    new_name = forms.CharField(label="新全銜（更名）", max_length=100, required=False)
    new_short_name = forms.CharField(label="新簡稱（更名）", max_length=30, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ordered = tree_order(list(Organisation.objects.filter(active=True)))
        ids = [o.pk for o in ordered]
        preserved = Case(*[When(pk=pk, then=i) for i, pk in enumerate(ids)]) if ids else None
        qs = Organisation.objects.filter(pk__in=ids).select_related("parent__parent__parent")
        qs = qs.order_by(preserved) if preserved is not None else qs
        for name in ("organisation", "successors", "new_parent"):
            self.fields[name].queryset = qs  # type: ignore[attr-defined]


class PersonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        org = obj.organisation.display_name if obj.organisation_id else ""
        return f"{obj.name}（{org}{obj.title}）" if org or obj.title else obj.name


class StandInForm(forms.Form):
    person = PersonChoiceField(label="請假人", queryset=Organisation.objects.none(), empty_label="（請選擇）")
    stand_in = PersonChoiceField(label="職務代理人", queryset=Organisation.objects.none(), empty_label="（請選擇）")
    organisation = TreeChoiceField(label="代理範圍", queryset=Organisation.objects.none(), empty_label="（請選擇）")
    start = RocDateField(label="起日", help_text="例如 115/12/21")
    end = RocDateField(label="迄日", help_text="代理的最後一天")

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
            raise ValidationError("代理迄日不可早於起日。")
        return data

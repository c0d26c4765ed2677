"""The directory as a tree: one function orders and nests it, and every organisation picker shows it that way."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import pytest

from lieguan.organisations import actions as o
from lieguan.organisations.forms import OrganisationChoiceField, OrganisationMultipleChoiceField, SuccessionForm
from lieguan.organisations.models import Organisation
from lieguan.organisations.tree import build_tree, tree_order
from tests.factories import SETUP
from tests.pages import find

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    """Units numbered 1, 2, 3 within their agency, as a directory keeps them: below every agency's own number."""
    org = o.do_create_organisation
    city = org(SETUP, code="harbour", name="港灣市政府", short_name="市府", kind="city")
    office = org(SETUP, code="office", name="港灣市政府總務處", short_name="總務處", kind="agency", parent=city, sort_order=10)
    it = org(SETUP, code="it", name="港灣市政府數位局", short_name="數位局", kind="agency", parent=city, sort_order=30)
    school = org(SETUP, code="school", name="港灣市政府教育局", short_name="教育局", kind="agency", parent=city, sort_order=40)
    units = {
        "文書科": org(SETUP, code="office-docs", name="總務處文書科", short_name="文書科", kind="unit", parent=office, sort_order=1),
        "出納科": org(SETUP, code="office-cash", name="總務處出納科", short_name="出納科", kind="unit", parent=office, sort_order=2),
        "資安科": org(SETUP, code="it-sec", name="數位局資安科", short_name="資安科", kind="unit", parent=it, sort_order=2),
        "創新中心": org(SETUP, code="it-lab", name="數位局創新中心", short_name="創新中心", kind="unit", parent=it, sort_order=9),
        "國小科": org(SETUP, code="school-primary", name="教育局國小科", short_name="國小科", kind="unit", parent=school, sort_order=11),
    }
    return SimpleNamespace(city=city, office=office, it=it, school=school, units=units)


def names(nodes):
    return [(n.organisation.display_name, n.depth) for n in nodes]


def test_each_unit_follows_its_own_agency_whatever_the_sort_numbers(directory):
    assert names(build_tree(Organisation.objects.all())) == [
        ("市府", 0),
        ("總務處", 0),
        ("文書科", 1),
        ("出納科", 1),
        ("數位局", 0),
        ("資安科", 1),
        ("創新中心", 1),
        ("教育局", 0),
        ("國小科", 1),
    ]


def test_a_body_whose_parent_is_left_out_stands_at_the_top_of_the_list(directory):
    d = directory
    shown = [d.units["資安科"], d.school, d.units["國小科"], d.it]
    assert names(build_tree(shown)) == [("數位局", 0), ("資安科", 1), ("教育局", 0), ("國小科", 1)]
    assert names(build_tree([d.units["資安科"], d.units["文書科"]])) == [("文書科", 0), ("資安科", 0)]


def test_a_loop_of_parents_loses_no_body(directory):
    d = directory
    # Saved around the actions, which refuse such a move: the tree must still list both.
    Organisation.objects.filter(pk=d.it.pk).update(parent=d.units["資安科"])
    shown = list(Organisation.objects.filter(pk__in=[d.it.pk, d.units["資安科"].pk]))
    assert sorted(o.display_name for o in tree_order(shown)) == ["數位局", "資安科"]


def test_a_picker_lists_the_tree_with_indentation_and_what_to_filter_on(directory):
    d = directory
    o.do_rename_organisation(SETUP, d.it, name="港灣市政府數位發展局", short_name="數發局", effective=dt.date(2026, 1, 1))
    field = OrganisationChoiceField(queryset=Organisation.objects.exclude(kind="city"), empty_label="（請選擇）")
    html = field.widget.render("organisation", None)
    options = find(html, "//option")
    assert [option.text_content() for option in options] == [
        "（請選擇）",
        "總務處",
        "\u3000文書科",
        "\u3000出納科",
        "數發局",
        "\u3000資安科",
        "\u3000創新中心",
        "教育局",
        "\u3000國小科",
    ]
    attrs = {option.text_content().strip("\u3000"): option.attrib for option in options}
    assert attrs["資安科"]["data-depth"] == "1" and attrs["數發局"]["data-depth"] == "0"
    # A unit is found by its agency's names, an agency by its former names too.
    assert "數發局" in attrs["資安科"]["data-org-search"] and "港灣市政府數位發展局" in attrs["資安科"]["data-org-search"]
    assert "數位局" in attrs["數發局"]["data-org-search"] and "港灣市政府數位局" in attrs["數發局"]["data-org-search"]
    assert [select.get("data-org-picker") for select in find(html, "//select")] == [""]


def test_the_city_does_not_make_every_agency_match_its_name(directory):
    field = OrganisationChoiceField(queryset=Organisation.objects.all())
    html = field.widget.render("organisation", None)
    education = [option for option in find(html, "//option") if option.text_content() == "教育局"]
    assert len(education) == 1 and "市府" not in education[0].get("data-org-search")


def test_the_choice_is_validated_against_the_queryset_not_the_list_shown(directory):
    d = directory
    field = OrganisationChoiceField(queryset=Organisation.objects.filter(kind="agency"))
    assert field.clean(str(d.it.pk)) == d.it
    with pytest.raises(Exception, match="選"):
        field.clean(str(d.units["資安科"].pk))


def test_several_choices_are_checkboxes_in_the_tree(directory):
    d = directory
    field = OrganisationMultipleChoiceField(queryset=Organisation.objects.exclude(kind="city"))
    html = field.widget.render("co", [str(d.units["創新中心"].pk)])
    boxes = find(html, "//input[@type='checkbox']")
    assert len(boxes) == 8
    chosen = next(b for b in boxes if b.get("value") == str(d.units["創新中心"].pk))
    assert chosen.get("checked") is not None and chosen.get("data-depth") == "1" and "數位局" in chosen.get("data-org-search")
    assert field.clean([str(d.units["創新中心"].pk), str(d.school.pk)]).count() == 2


def test_the_succession_form_offers_the_directory_as_a_tree(directory):
    form = SuccessionForm()
    labels = [option.text_content() for option in find(str(form["new_parent"]), "//option")]
    assert labels[:5] == ["（不改）", "市府", "總務處", "\u3000文書科", "\u3000出納科"]


@pytest.mark.parametrize("value", [None, "chosen", "unknown"])
@pytest.mark.parametrize("extra", [{}, {"required": True, "disabled": True, "aria-describedby": 'a "quoted" <id>'}])
def test_the_picker_writes_the_same_markup_as_djangos_select_templates(directory, value, extra):
    from django.forms.widgets import Select

    field = OrganisationChoiceField(queryset=Organisation.objects.all(), empty_label="（全部 & 其他）")
    widget = field.widget
    widget.choices = field.choices
    chosen = {"chosen": Organisation.objects.filter(kind="unit").first().pk, "unknown": 999_999, None: None}[value]
    fast = widget.render("agency", chosen, attrs={"id": "id_agency", **extra})
    by_templates = Select.render(widget, "agency", chosen, attrs={"id": "id_agency", **extra})
    # The same elements, attributes and text; only the blank lines between tags differ. The markup is the point here.
    assert re.sub(r">\s+<", "><", fast) == re.sub(r">\s+<", "><", by_templates)
    assert fast.count("<option") == Organisation.objects.count() + 1

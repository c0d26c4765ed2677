from __future__ import annotations

import datetime as dt

import pytest

from lieguan.organisations import actions
from lieguan.organisations.directory import Directory
from tests.factories import SETUP

pytestmark = pytest.mark.django_db


def test_an_agency_resolves_by_full_name_short_name_and_either_spelling_of_tai(city):
    directory = Directory.load()
    assert directory.resolve("測試市政府資訊局") == city.it
    assert directory.resolve("資訊局") == city.it
    tai = actions.do_create_organisation(SETUP, code="tpe", name="臺灣測試局", short_name="臺測局", kind="agency", parent=city.root)
    assert Directory.load().resolve("台測局") == tai


def test_minutes_from_before_a_rename_still_resolve_the_old_name(city):
    actions.do_rename_organisation(SETUP, city.it, name="測試市政府數位發展局", short_name="數位局", effective=dt.date(2024, 1, 1))
    directory = Directory.load()
    assert directory.resolve("資訊局", on=dt.date(2021, 6, 17)) == city.it
    assert directory.resolve("數位局", on=dt.date(2025, 3, 1)) == city.it
    # Today's minutes that still use the old name (as they often do for a while) find it too.
    assert directory.resolve("資訊局") == city.it
    city.it.refresh_from_db()
    assert (city.it.name, city.it.short_name) == ("測試市政府數位發展局", "數位局")
    periods = {(n.text, n.valid_to) for n in city.it.names.all()}
    assert ("資訊局", dt.date(2023, 12, 31)) in periods


def test_a_name_used_by_two_bodies_at_different_times_resolves_by_date(city):
    actions.do_rename_organisation(SETUP, city.it, name="測試市政府數位局", short_name="數位局", effective=dt.date(2024, 1, 1))
    actions.do_rename_organisation(SETUP, city.edu, name="測試市政府資訊教育局", short_name="資訊局", effective=dt.date(2025, 1, 1))
    directory = Directory.load()
    assert directory.resolve("資訊局", on=dt.date(2022, 1, 1)) == city.it
    assert directory.resolve("資訊局", on=dt.date(2025, 6, 1)) == city.edu


def test_every_agency_named_in_a_conclusion_is_found(city):
    mentions = Directory.load().find_in("請資訊局評估辦理，並請教育局協助學校安排場次；秘書處配合。")
    assert [m.organisation for m in mentions] == [city.it, city.edu, city.secretariat]


def test_a_speaker_is_split_into_agency_and_person(city):
    assert Directory.load().split_speaker("資訊局陳主秘") == (city.it, "陳主秘")
    assert Directory.load().split_speaker("王視察") == (None, "王視察")

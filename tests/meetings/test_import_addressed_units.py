"""Units a conclusion asks to act are proposed under their own agency; words for "the units concerned" are not units."""

from __future__ import annotations

import datetime as dt

import pytest

from lieguan.meetings.importing.names import Book, match_names
from lieguan.minutes import Conclusion, Minutes, Section, SessionNumber
from lieguan.organisations import actions as o
from tests.factories import SETUP

pytestmark = pytest.mark.django_db


@pytest.fixture
def harbour(db):
    city = o.do_create_organisation(SETUP, code="hb", name="港灣市政府", short_name="市府", kind="city")
    o.do_create_organisation(SETUP, code="hb-gen", name="港灣市政府總務處", short_name="總務處", kind="agency", parent=city)
    o.do_create_organisation(SETUP, code="hb-dig", name="港灣市政府數位局", short_name="數位局", kind="agency", parent=city)


def office_meeting(organisation: str, *conclusions: str) -> Minutes:
    return Minutes(
        title=f"{organisation}處務會議紀錄",
        organisation=organisation,
        series="處務會議",
        session=SessionNumber(number=7),
        date=dt.date(2026, 5, 14),
        sections=[Section(label="壹", kind="general_conclusions", heading="會議結論", conclusions=[Conclusion(c) for c in conclusions])],
    )


def test_units_named_in_an_agencys_meeting_go_under_that_agency_and_generic_words_are_skipped(harbour):
    minutes = office_meeting(
        "港灣市政府總務處",
        "請出納科會同相關科室主管於月底前完成零用金盤點。",
        "由權責科研議後，請檔案組及資安中心提出改善方案。",
    )
    proposals = match_names(minutes, Book.load(), may_create=True).proposals
    assert {p.text: (p.org_kind, p.parent_label) for p in proposals.values()} == {
        "出納科": ("unit", "港灣市政府總務處"),
        "檔案組": ("unit", "港灣市政府總務處"),
        "資安中心": ("unit", "港灣市政府總務處"),
    }


def test_a_unit_named_with_its_agency_in_the_citys_meeting_goes_under_that_agency(harbour):
    minutes = office_meeting("港灣市政府", "請數位局資安科會同相關科於月底前完成弱點修補。")
    proposals = match_names(minutes, Book.load(), may_create=True).proposals
    assert {p.text: (p.org_kind, p.parent_label, p.full_name) for p in proposals.values()} == {
        "數位局資安科": ("unit", "港灣市政府數位局", "數位局資安科")
    }

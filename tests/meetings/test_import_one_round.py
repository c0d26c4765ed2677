"""A secretariat imports the four minutes seeds through the import pages in one round, taking the offered defaults.

Two directories: the demo city (臨海市政府), where the issue's walk imported the
seeds of another city, so that every body is matched to the demo's own and the
series it already has are used; and a directory of the seeds' own city that
knows only the bodies holding the series. The secretariat runs the city's
series, 秘書處's and 資訊局's, and may not add to the directory: the defaults it
is offered must import every file, and the work report (003) is refused.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lieguan.meetings.importing.names import Book, match_names
from lieguan.meetings.models import ImportBatch, ImportFile, Meeting, MeetingSeries
from lieguan.minutes import Conclusion, Minutes, Section, SessionNumber
from lieguan.organisations import actions as org_actions
from lieguan.organisations.models import Organisation, Role
from lieguan.tracking.models import TrackedCase
from tests.factories import PASSWORD, SETUP
from tests.pages import checked, find, hrefs
from tests.shared import SEEDS, minutes_seed_paths

pytestmark = pytest.mark.django_db
F = ImportFile.Status


@pytest.fixture
def taipei_secretariat(db):
    org = org_actions.do_create_organisation
    city = org(SETUP, code="tp", name="臺北市政府", short_name="市府", kind="city", aliases=("本府",))
    secretariat = org(SETUP, code="tp-sec", name="臺北市政府秘書處", short_name="秘書處", kind="agency", parent=city)
    it = org(SETUP, code="tp-dit", name="臺北市政府資訊局", short_name="資訊局", kind="agency", parent=city)
    person = org_actions.do_create_person(SETUP, name="許專員", title="專員", organisation=secretariat)
    user = org_actions.do_create_user(SETUP, username="clerk", password=PASSWORD, person=person)
    for body in (city, secretariat, it):
        org_actions.do_grant_role(SETUP, user, Role.SECRETARIAT, body)
    return user


def _defaults(form: Any) -> dict[str, str]:
    """What the preview form (or page) submits untouched: each select's selected option, each radio group's checked one."""
    data: dict[str, str] = {}
    for select in find(form, "//select[@name]"):
        chosen = select.xpath(".//option[@selected]")
        data[select.get("name")] = chosen[0].get("value", "") if chosen else ""
    data.update(checked(form, "radio"))
    return data


@pytest.fixture
def demo_secretariat(demo_city):
    user = get_user_model().objects.get(username="secretariat")
    # The demo's secretariat runs the city's and 秘書處's series; here it is 資訊局's secretariat as well.
    org_actions.do_grant_role(SETUP, user, Role.SECRETARIAT, Organisation.objects.get(code="dit"))
    return user


def _one_round(client, user) -> ImportBatch:
    """Upload, parse, then open each file once in date order and confirm what the preview offers."""
    client.force_login(user)
    paths = [*minutes_seed_paths(), SEEDS / "003_e0154fb9a2a8d755.txt"]
    upload = client.post(reverse("meetings:import"), {"uploads": [SimpleUploadedFile(p.name, p.read_bytes()) for p in paths]})
    assert upload.status_code == 302
    batch = ImportBatch.objects.latest("pk")
    for _ in paths:
        client.post(reverse("meetings:import_step", args=[batch.pk]), headers={"HX-Request": "true"})

    # One round: the batch page in date order, each file previewed once and confirmed as offered.
    page = client.get(reverse("meetings:import_batch", args=[batch.pk])).content.decode()
    order = [found.group(1) for href in hrefs(page) if (found := re.fullmatch(r"/meetings/import/file/(\d+)/", href))]
    assert order, page[:3000]
    confirmed = 0
    for file_id in dict.fromkeys(order):
        import_file = ImportFile.objects.get(pk=file_id)
        if import_file.status != F.PARSED:
            continue
        url = reverse("meetings:import_file", args=[import_file.pk])
        preview = client.get(url).content.decode()
        response = client.post(url, _defaults(preview))
        import_file.refresh_from_db()
        assert import_file.status == F.IMPORTED, (import_file.original_name, import_file.error, response.status_code)
        confirmed += 1

    assert confirmed == 4
    statuses = dict(batch.files.values_list("original_name", "status"))
    assert statuses.pop("003_e0154fb9a2a8d755.txt") == F.FAILED
    assert set(statuses.values()) == {F.IMPORTED}
    return batch


def test_the_four_seeds_import_in_one_round_into_the_demo_citys_series(client, demo_secretariat):
    directory = Organisation.objects.count()
    batch = _one_round(client, demo_secretariat)
    series = {f.original_name[:3]: f.meeting.series.code for f in batch.files.filter(status=F.IMPORTED)}
    # 臨海市政府 already has 主任秘書會報, 秘書處 its 處務會議 and 資訊局 its 局務會議: they are used, not refused.
    assert series == {"000": "chief-secretaries", "001": "chief-secretaries", "002": "secretariat-office", "004": "dit-board"}
    assert Organisation.objects.count() == directory
    assert TrackedCase.objects.get(series__code="chief-secretaries", number="211-1").incomplete


def test_the_four_seeds_import_in_one_round_into_a_directory_of_their_own_city(client, taipei_secretariat):
    _one_round(client, taipei_secretariat)
    assert {str(s) for s in MeetingSeries.objects.all()} == {
        "臺北市政府主任秘書會報",
        "臺北市政府秘書處處務會議",
        "臺北市政府資訊局局務會議",
    }
    assert Meeting.objects.filter(source=Meeting.Source.IMPORTED).count() == 4
    # The cases came with the imports: 211-1 only from a decision, so marked to be completed.
    assert TrackedCase.objects.get(number="211-1").incomplete
    # Nothing was added to the directory by someone who may not add to it.
    assert Organisation.objects.count() == 3


def test_a_secretariat_not_running_the_bureaus_series_is_told_why_and_the_rest_imports(client, demo_city):
    user = get_user_model().objects.get(username="secretariat")
    client.force_login(user)
    seed = next(p for p in minutes_seed_paths() if p.name.startswith("004"))
    client.post(reverse("meetings:import"), {"uploads": [SimpleUploadedFile(seed.name, seed.read_bytes())]})
    batch = ImportBatch.objects.latest("pk")
    client.post(reverse("meetings:import_step", args=[batch.pk]), headers={"HX-Request": "true"})
    import_file = batch.files.get()
    url = reverse("meetings:import_file", args=[import_file.pk])
    page = client.post(url, _defaults(client.get(url).content.decode())).content.decode()
    import_file.refresh_from_db()
    assert import_file.status == F.PARSED
    assert import_file.error.startswith("只有「臨海市政府資訊局局務會議」的會議幕僚可以匯入其會議紀錄")
    assert import_file.error in page


def test_the_units_a_seed_asks_to_act_are_proposed_under_their_agency(taipei_secretariat):
    from lieguan.meetings.actions import importing as imp
    from tests.meetings.import_support import upload

    admin = org_actions.do_create_user(SETUP, username="keeper", password=PASSWORD)
    org_actions.do_grant_role(SETUP, admin, Role.ADMIN, None)
    batch = upload(admin, minutes_seed_paths())

    def proposals(prefix):
        import_file = next(f for f in batch.files.all() if f.original_name.startswith(prefix))
        return {p.text: p for p in imp.preview(admin, import_file).names.unknown}

    it_board = proposals("004")
    for unit in ("策略中心", "資安中心", "創新中心"):
        assert (it_board[unit].org_kind, it_board[unit].parent_label) == ("unit", "臺北市政府資訊局"), unit
    assert it_board["策略中心"].create_label == "在「臺北市政府資訊局」下新增單位「資訊局策略中心」"
    office = proposals("002")
    assert (office["總務組"].org_kind, office["總務組"].parent_label, office["總務組"].proposal) == ("unit", "臺北市政府秘書處", "create")
    # In the city's own meeting a unit is named with its agency; a 中心 there is an agency, not a unit.
    minutes = Minutes(
        title="臺北市政府第 300 次主任秘書會報紀錄",
        organisation="臺北市政府",
        series="主任秘書會報",
        session=SessionNumber(number=300),
        date=dt.date(2026, 3, 5),
        sections=[
            Section(
                label="壹",
                kind="general_conclusions",
                heading="綜合會議結論",
                conclusions=[Conclusion("請公管中心會同秘書處總務組於月底前完成車位清查。"), Conclusion("請同仁至會議室領取資料。")],
            )
        ],
    )
    chiefs = match_names(minutes, Book.load(), may_create=True).proposals
    assert {p.text: (p.org_kind, p.parent_label, p.full_name) for p in chiefs.values()} == {
        "秘書處總務組": ("unit", "臺北市政府秘書處", "秘書處總務組")
    }

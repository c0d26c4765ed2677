"""`lieguan cases`: the cases as administrators' scripts and import checks read them, and the seeds' history rebuilt."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from lieguan.organisations.models import Organisation
from lieguan.tracking import actions as t
from lieguan.tracking.actions import Decide
from tests.factories import SETUP
from tests.shared import minutes_seed_paths

pytestmark = pytest.mark.django_db


def cases(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("cases", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def as_json(*args: str) -> dict[str, dict]:
    return {c["number"]: c for c in json.loads(cases("--json", *args)[0])}


@pytest.fixture
def tracked(council):
    alice = council.city.user("alice")
    one = t.do_select_case(alice, council.it_conclusion, lead=council.city.it, co=[council.city.edu], deadline=dt.date(2026, 10, 31))
    two = t.do_select_case(alice, council.shared_conclusion, lead=council.city.edu)
    t.do_record_decisions(alice, council.second, [Decide(two, "release")])
    petition = t.do_create_case(
        SETUP, source="petition", owner=council.city.rdec, title="人行道破損", text="請教育局查明。", lead=council.city.edu
    )
    return one, two, petition


def test_the_json_gives_number_series_source_deadline_and_each_agencys_role_and_status(tracked):
    one, two, petition = tracked
    data = as_json()
    assert set(data) == {one.number, two.number, petition.number}
    first = data[one.number]
    assert first["series"] == one.series.full_name and first["source"] == "minutes"
    assert first["deadline"] == "2026-10-31" and first["status"] == "open"
    assert first["assignments"] == [
        {"agency": "資訊局", "role": "lead", "status": "open"},
        {"agency": "教育局", "role": "co", "status": "open"},
    ]
    assert data[two.number]["status"] == "released" and data[two.number]["released_on"] == "2026-10-15"
    assert data[petition.number]["series"] is None and data[petition.number]["source"] == "petition"


def test_the_series_and_status_filters_narrow_the_list(tracked):
    one, two, petition = tracked
    assert set(as_json("--status", "open")) == {one.number, petition.number}
    assert set(as_json("--status", "released")) == {two.number}
    assert set(as_json("--series", one.series.name)) == {one.number, two.number}
    assert set(as_json("--series", one.series.code, "--status", "open")) == {one.number}
    assert as_json("--series", "沒有這個會議") == {}


def test_the_table_shows_each_agency_with_its_role_and_status(tracked):
    one, _, _ = tracked
    out, _ = cases("--status", "open")
    line = next(row for row in out.splitlines() if row.startswith(one.number))
    assert "資訊局（主辦，列管中）" in line and "教育局（協辦，列管中）" in line and "2026-10-31" in line
    assert cases("--status", "released", "--series", "沒有這個會議")[0].strip() == "沒有符合條件的列管案件。"


def test_as_a_user_lists_only_what_that_user_may_see(tracked):
    one, _, _ = tracked
    # bob is 資訊局's liaison: the case his agency leads, not 教育局's own cases.
    assert set(as_json("--as", "bob")) == {one.number}
    with pytest.raises(CommandError, match="沒有帳號"):
        cases("--as", "nobody")


def test_the_minutes_seeds_imported_in_date_order_rebuild_their_cases(db, django_capture_on_commit_callbacks):
    # The rebuild follows each import's commit, as the signal is sent on commit.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import", *[str(p) for p in minutes_seed_paths()], "--confirm-new", stdout=StringIO(), stderr=StringIO())
    # 捷運公司 and 觀傳局 appear only in a decision of 第212次, never as a presenter or speaker:
    # the import proposes them too, so that the partial decision finds its agencies.
    assert Organisation.objects.filter(short_name="捷運公司").exists()

    out, _ = cases("--json")
    data = {(c["series"], c["number"]): c for c in json.loads(out)}

    chiefs, office = "臺北市政府主任秘書會報", "臺北市政府秘書處處務會議"
    assert data[chiefs, "204-2"]["status"] == "open"
    split = data[chiefs, "211-2"]
    assert split["status"] == "open"
    assert {a["agency"]: a["status"] for a in split["assignments"]} == {"捷運公司": "released", "觀傳局": "open", "法務局": "open"}
    for number in range(10001, 10008):
        assert data[office, str(number)]["status"] == "released", number
    assert all(c["source"] == "minutes" for c in data.values())
    # The import rebuilt the cases already: rebuilding again applies nothing twice.
    assert "套用 0 項決定" in cases("--rebuild", "--json")[1]


def test_suggest_prints_one_object_per_conclusion_and_is_right_nine_times_in_ten_on_the_seeds(db):
    from lieguan.meetings.models import Meeting
    from tests.tracking.suggestion_labels import SEED_LABELS, Label, Score

    call_command("import", *[str(p) for p in minutes_seed_paths()], "--confirm-new", stdout=StringIO(), stderr=StringIO())
    rows = json.loads(cases("suggest", "--json")[0])
    assert {tuple(sorted(r)) for r in rows} == {("all_agencies", "co", "conclusion", "deadline", "lead", "meeting", "text")}
    by_meeting: dict[int, list[dict]] = {}
    for row in rows:
        by_meeting.setdefault(row["meeting"], []).append(row)
    asked = Score()
    for meeting in Meeting.objects.all():
        labels = SEED_LABELS[meeting.source_name[:3]]
        for n, row in enumerate(by_meeting[meeting.pk]):
            label = labels.get(n, Label())
            if label.names_an_agency:
                got = {k: row[k] for k in ("lead", "co", "all_agencies", "deadline")}
                asked.add(f"{meeting.source_name[:3]}#{n}", label, **got)
    assert len(rows) == 91 and asked.total == 28
    for what in ("lead", "co", "deadline"):
        assert asked.rate(what) >= 0.9, f"{what}: {asked.summary()}\n" + "\n".join(asked.misses)

    # --meeting narrows to one meeting, in the order its minutes print the conclusions.
    bureau = Meeting.objects.get(source_name__startswith="004")
    only = json.loads(cases("suggest", "--json", "--meeting", str(bureau.pk))[0])
    assert [r["conclusion"] for r in only] == [r["conclusion"] for r in by_meeting[bureau.pk]]
    assert {r["meeting"] for r in only} == {bureau.pk}
    strategy = only[1]
    assert (strategy["lead"], strategy["co"], strategy["all_agencies"]) == ("策略中心", [], False)
    with pytest.raises(CommandError, match="沒有編號"):
        cases("suggest", "--json", "--meeting", "999999")

"""Open data: published minutes of public series and the follow-up of their decisions, per series and year."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.test import Client

from lieguan.meetings import actions as m
from lieguan.tracking import actions as t
from tests.factories import SETUP, aware
from tests.pages import links

pytestmark = pytest.mark.django_db

BASE = "/opendata/chiefs/115"


@pytest.fixture
def published(council):
    """Meetings 224 and 225 published in a public series; 224 opened two cases, 225 decided on them; 226 is a draft."""
    city, alice = council.city, council.city.user("alice")
    one = t.do_select_case(alice, council.it_conclusion, lead=city.it, co=[city.edu], deadline=dt.date(2026, 10, 31))
    two = t.do_select_case(alice, council.shared_conclusion, lead=city.edu, deadline=dt.date(2026, 12, 17))
    decide = [t.Decide(one, "release", (city.it,)), t.Decide(one, "continue", (city.edu,)), t.Decide(two, "release")]
    t.do_record_decisions(alice, council.second, decide)
    draft = m.do_schedule_meeting(SETUP, council.series, start=aware("2026-11-19 10:00"))
    t.do_record_decisions(alice, draft, [t.Decide(one, "continue", (city.edu,))])
    m.do_update_series(SETUP, council.series, public=True)
    m.do_transition_minutes(SETUP, council.first, "published")
    m.do_transition_minutes(SETUP, council.second, "published")
    return council, one, two, draft


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def rows(response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    text = response.content.decode("utf-8-sig")
    assert "\r\n" in text
    return list(csv.DictReader(io.StringIO(text)))


def test_the_minutes_of_a_year_are_one_json_file_with_a_header(published, settings):
    council, *_ = published
    settings.PUBLIC_PORTAL = True
    response = Client().get(f"{BASE}/minutes.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert 'filename="chiefs-115-minutes.json"' in response["Content-Disposition"]
    assert "主任秘書會報".encode() in response.content  # Chinese as characters, not \\u escapes
    data = json.loads(response.content)
    header = data["dataset"]
    assert header["title"] == "測試市政府主任秘書會報民國115年會議紀錄"
    assert header["licence"] == {"name": "政府資料開放授權條款－第1版", "url": "https://data.gov.tw/license"}
    assert header["source"] == f"http://testserver{BASE}/minutes.json"
    assert header["roc_year"] == 115 and header["year"] == 2026 and header["count"] == 2
    assert header["format"] == "lieguan.minutes/1"
    assert dt.datetime.fromisoformat(header["generated"]).utcoffset() == dt.timedelta(hours=8)
    assert [x["session"]["number"] for x in data["minutes"]] == [224, 225]
    assert data["minutes"][0]["title"] == council.first.title
    assert all(x["format"] == "lieguan.minutes/1" for x in data["minutes"])


def test_the_decisions_csv_has_a_row_per_recorded_decision_with_the_case_as_it_stands(published, settings):
    council, *_ = published
    settings.PUBLIC_PORTAL = True
    found = rows(Client().get(f"{BASE}/decisions.csv"))
    assert [(r["列管編號"], r["決定"], r["機關（部分）"]) for r in found] == [
        ("224-1", "解除列管", "資訊局"),
        ("224-1", "賡續列管", "教育局"),
        ("224-2", "解除列管", ""),
    ]
    first = found[0]
    assert first["會議日期"] == "2026-10-15" and first["會議日期（民國）"] == "115年10月15日"
    assert first["會議"] == council.second.title
    assert first["案由"] == "本府網路頻寬檢討" and first["目前狀態"] == "列管中"
    assert first["主辦機關"] == "資訊局" and first["協辦機關"] == "教育局"
    assert found[2]["目前狀態"] == "已解除列管"


def test_the_cases_csv_has_the_cases_opened_at_those_meetings(published, settings):
    settings.PUBLIC_PORTAL = True
    found = rows(Client().get(f"{BASE}/cases.csv"))
    assert [r["列管編號"] for r in found] == ["224-1", "224-2"]
    one, two = found
    assert one["列管會議日期"] == "2026-09-17" and one["列管會議日期（民國）"] == "115年9月17日"
    assert one["目前狀態"] == "列管中" and one["列管期限"] == "2026-10-31" and one["列管期限（民國）"] == "115年10月31日"
    assert one["各機關辦理狀態"] == "資訊局：已解除列管（115年10月15日）；教育局：列管中"
    assert one["列管事項"].startswith("請資訊局評估學校網路頻寬擴充方案")
    assert two["目前狀態"] == "已解除列管" and two["解除列管日期"] == "2026-10-15" and two["主辦機關"] == "教育局"


def test_no_draft_ever_appears(published, settings):
    council, _, _, draft = published
    settings.PUBLIC_PORTAL = True
    alice = council.city.user("alice")
    # A case opened at the draft meeting, and the draft's decision: neither is open data until published.
    item = m.do_add_item(SETUP, draft.sections.get(kind="reports"), title="草稿案件")
    conclusion = m.do_add_conclusion(alice, item, text="請資訊局研議。")
    t.do_select_case(alice, conclusion, lead=council.city.it)
    for client in (Client(), signed_in(council.city.user("root")), signed_in(alice)):
        data = json.loads(client.get(f"{BASE}/minutes.json").content)
        assert [x["session"]["number"] for x in data["minutes"]] == [224, 225]
        assert {r["會議日期"] for r in rows(client.get(f"{BASE}/decisions.csv"))} == {"2026-10-15"}
        assert "草稿案件" not in client.get(f"{BASE}/cases.csv").content.decode("utf-8-sig")


def test_only_public_series_are_open(published, settings):
    council, *_ = published
    settings.PUBLIC_PORTAL = True
    closed = m.do_create_series(SETUP, owner=council.city.secretariat, code="office", name="處務會議")
    meeting = m.do_schedule_meeting(SETUP, closed, start=aware("2026-09-10 14:00"))
    m.do_transition_minutes(SETUP, meeting, "published")
    root = signed_in(council.city.user("root"))
    for name in ("minutes.json", "decisions.csv", "cases.csv"):
        assert root.get(f"/opendata/office/115/{name}").status_code == 404
        assert root.get(f"/opendata/chiefs/114/{name}").status_code == 404
        assert root.get(f"/opendata/chiefs/99999/{name}").status_code == 404
    page = root.get("/opendata/").content.decode()
    assert "測試市政府主任秘書會報" in page and "處務會議" not in page
    assert ("CSV：測試市政府主任秘書會報 115 年列管決定", f"{BASE}/decisions.csv") in links(page)


def test_without_the_portal_the_public_is_asked_to_sign_in_and_users_still_download(published, settings):
    council, *_ = published
    settings.PUBLIC_PORTAL = False
    for path in ("/opendata/", f"{BASE}/minutes.json", f"{BASE}/decisions.csv", f"{BASE}/cases.csv"):
        response = Client().get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], path
        assert signed_in(council.city.user("frank")).get(path).status_code == 200, path
    settings.PUBLIC_PORTAL = True
    assert Client().get("/opendata/").status_code == 200


def test_a_meeting_belongs_to_its_year_in_taipei_time(council, settings):
    settings.PUBLIC_PORTAL = True
    m.do_update_series(SETUP, council.series, public=True)
    new_year = m.do_schedule_meeting(SETUP, council.series, start=aware("2026-01-01 07:00"), number=200)  # 2025-12-31 23:00 UTC
    m.do_transition_minutes(SETUP, new_year, "published")
    data = json.loads(Client().get(f"{BASE}/minutes.json").content)
    assert [x["session"]["number"] for x in data["minutes"]] == [200]
    assert Client().get("/opendata/chiefs/114/minutes.json").status_code == 404


def test_text_that_looks_like_a_formula_stays_text_in_excel(published, settings):
    _, one, *_ = published
    settings.PUBLIC_PORTAL = True
    t.do_update_case(SETUP, one, title='=HYPERLINK("http://example.com")')
    found = rows(Client().get(f"{BASE}/cases.csv"))
    assert found[0]["案由"] == '\'=HYPERLINK("http://example.com")'


def test_a_harvester_that_has_the_file_gets_304(published, settings):
    settings.PUBLIC_PORTAL = True
    for name in ("minutes.json", "decisions.csv", "cases.csv"):
        first = Client().get(f"{BASE}/{name}")
        again = Client().get(f"{BASE}/{name}", HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304 and again.content == b"", name


def test_every_column_and_header_field_is_documented():
    from pathlib import Path

    from lieguan.api.opendata import CASE_COLUMNS, DECISION_COLUMNS

    doc = (Path(__file__).resolve().parents[2] / "docs" / "open-data.md").read_text(encoding="utf-8")
    for field, heading in DECISION_COLUMNS + CASE_COLUMNS:
        assert f"`{field}`" in doc and heading in doc, field
    for key in ("title", "publisher", "series", "roc_year", "licence", "source", "generated", "format", "count"):
        assert f"`{key}`" in doc, key

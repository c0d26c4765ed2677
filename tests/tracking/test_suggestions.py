"""Suggestions of 選項列管: who a conclusion asks to act and by when, right at least nine times in ten."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from io import StringIO

import pytest
from django.core.management import call_command

from lieguan.meetings import actions as m
from lieguan.meetings.models import AgendaSection, Conclusion, Meeting
from lieguan.organisations import actions as o
from lieguan.organisations.models import Organisation
from lieguan.tracking import actions as t
from lieguan.tracking.suggestions import conclusions_in_order, suggest_case
from tests.factories import SETUP, aware
from tests.shared import minutes_seed_paths
from tests.tracking.suggestion_labels import INVENTED, SEED_LABELS, Label, Score

pytestmark = pytest.mark.django_db

TARGET = 0.9


@dataclass
class Town:
    orgs: dict[str, Organisation]
    items: dict[str, object]
    meetings: dict[str, Meeting]

    def conclusion(self, series: str, text: str) -> Conclusion:
        return m.do_add_conclusion(SETUP, self.items[series], text=text)


@pytest.fixture
def town(db) -> Town:
    """An invented city whose directory has agencies and units, with one meeting in each of three series."""
    org = o.do_create_organisation
    root = org(SETUP, code="c", name="臨海市政府", short_name="市府", kind="city")
    orgs: dict[str, Organisation] = {"市府": root}
    for code, name, short in [
        ("sec", "臨海市政府秘書處", "秘書處"),
        ("rdec", "臨海市政府研究發展考核委員會", "研考會"),
        ("budget", "臨海市政府主計處", "主計處"),
        ("dit", "臨海市政府資訊局", "資訊局"),
        ("edu", "臨海市政府教育局", "教育局"),
        ("tra", "臨海市政府交通局", "交通局"),
        ("udd", "臨海市政府都市發展局", "都發局"),
        ("health", "臨海市政府衛生局", "衛生局"),
        ("culture", "臨海市政府文化局", "文化局"),
        ("tour", "臨海市政府觀光傳播局", "觀傳局"),
        ("legal", "臨海市政府法務局", "法務局"),
        ("metro", "臨海捷運股份有限公司", "捷運公司"),
    ]:
        orgs[short] = org(SETUP, code=code, name=name, short_name=short, kind="agency", parent=root)
    sec, dit = orgs["秘書處"], orgs["資訊局"]
    orgs["公管中心"] = org(SETUP, code="bmc", name="臨海市政府市政大樓公共事務管理中心", short_name="公管中心", kind="agency", parent=sec)
    orgs["總務組"] = org(SETUP, code="sec-gen", name="秘書處總務組", short_name="總務組", kind="unit", parent=sec)
    orgs["秘書處人事室"] = org(SETUP, code="sec-hr", name="秘書處人事室", short_name="人事室", kind="unit", parent=sec)
    orgs["策略中心"] = org(SETUP, code="dit-s", name="資訊局策略中心", short_name="策略中心", kind="unit", parent=dit)
    orgs["資安中心"] = org(SETUP, code="dit-sec", name="資訊局資安中心", short_name="資安中心", kind="unit", parent=dit)
    orgs["資訊局人事室"] = org(SETUP, code="dit-hr", name="資訊局人事室", short_name="人事室", kind="unit", parent=dit)

    items, meetings = {}, {}
    for key, owner, name, level in [
        ("chiefs", root, "主任秘書會報", "city"),
        ("office", sec, "處務會議", "agency"),
        ("dit", dit, "局務會議", "agency"),
    ]:
        series = m.do_create_series(SETUP, owner=owner, code=key, name=name, level=level)
        meeting = m.do_schedule_meeting(SETUP, series, start=aware("2026-09-17 10:00"), number=224)
        reports = meeting.sections.get(kind=AgendaSection.Kind.REPORTS)
        items[key] = m.do_add_item(SETUP, reports, title="綜合報告")
        meetings[key] = meeting
    # Only the chiefs have their next session scheduled.
    m.do_schedule_meeting(SETUP, meetings["chiefs"].series, start=aware("2026-10-15 10:00"), number=225)
    return Town(orgs, items, meetings)


def score_invented(town: Town) -> Score:
    score = Score()
    for n, case in enumerate(INVENTED):
        s = suggest_case(town.conclusion(case.series, case.text))
        score.add(
            f"invented {n} 「{case.text}」",
            case.label,
            lead=s.lead_name,
            co=s.co_names,
            all_agencies=s.all_agencies,
            deadline=s.deadline.isoformat() if s.deadline else None,
        )
    return score


def test_the_invented_conclusions_are_suggested_right_nine_times_in_ten_on_lead_co_and_deadline(town):
    score = score_invented(town)
    assert score.total >= 50
    for what in ("lead", "co", "deadline"):
        assert score.rate(what) >= TARGET, f"{what}: {score.summary()}\n" + "\n".join(score.misses)


def test_the_seed_conclusions_that_ask_a_named_agency_are_suggested_right_nine_times_in_ten():
    call_command("import", *[str(p) for p in minutes_seed_paths()], "--confirm-new", stdout=StringIO(), stderr=StringIO())
    asked, every = Score(), Score()
    for meeting in Meeting.objects.order_by("start"):
        labels = SEED_LABELS[meeting.source_name[:3]]
        for n, conclusion in enumerate(conclusions_in_order(meeting)):
            label = labels.get(n, Label())
            s = suggest_case(conclusion)
            got = {
                "lead": s.lead_name,
                "co": s.co_names,
                "all_agencies": s.all_agencies,
                "deadline": s.deadline.isoformat() if s.deadline else None,
            }
            every.add(f"{meeting.source_name[:3]}#{n}", label, **got)
            if label.names_an_agency:
                asked.add(f"{meeting.source_name[:3]}#{n}", label, **got)
    # 22 + 19 + 27 + 23 conclusions: a change in how the seeds are read would shift the labels' indexes.
    assert every.total == 91 and asked.total == 28
    for score in (asked, every):
        for what in ("lead", "co", "deadline"):
            assert score.rate(what) >= TARGET, f"{what}: {score.summary()}\n" + "\n".join(score.misses)


def test_a_unit_named_after_its_agency_is_the_one_asked_and_a_coorganiser_follows_會同(town):
    s = suggest_case(town.conclusion("chiefs", "請公管中心會同秘書處總務組於10月底前完成照明改善。"))
    assert s.lead == town.orgs["公管中心"] and s.co == [town.orgs["總務組"]]
    assert s.deadline == dt.date(2026, 10, 31) and s.deadline_basis == "10月底前"


def test_agencies_sent_a_copy_are_not_coorganisers(town):
    s = suggest_case(town.conclusion("chiefs", "請資訊局儘速提出改善計畫，並送研考會及主計處備查。"))
    assert s.lead == town.orgs["資訊局"] and s.co == [] and not s.all_agencies


def test_a_request_to_every_agency_is_all_agencies_not_the_first_agency_written(town):
    s = suggest_case(town.conclusion("chiefs", "感謝資訊局協助，請各機關於11月15日前完成自主檢查。"))
    assert s.all_agencies and s.lead is None and s.co == []
    assert s.deadline == dt.date(2026, 11, 15)


def test_a_release_asks_nobody(town):
    s = suggest_case(town.conclusion("chiefs", "列管編號 211-2（捷運公司部分）解除列管。"))
    assert (s.lead, s.co, s.all_agencies, s.deadline) == (None, [], False, None)


def test_a_thanked_agency_is_not_asked(town):
    s = suggest_case(town.conclusion("chiefs", "感謝公管中心及資訊局協助完成聯合服務中心建置。"))
    assert s.lead is None and s.co == []


def test_a_units_short_name_is_read_inside_the_agency_that_holds_the_meeting(town):
    office = suggest_case(town.conclusion("office", "請人事室統計同仁差勤情形。"))
    bureau = suggest_case(town.conclusion("dit", "請人事室統計同仁差勤情形。"))
    assert office.lead == town.orgs["秘書處人事室"] and bureau.lead == town.orgs["資訊局人事室"]


def test_a_unit_missing_from_the_directory_is_offered_by_name_only(town):
    s = suggest_case(town.conclusion("office", "請市民服務組與廠商協調儘速完成導入作業。"))
    assert s.lead is None and s.lead_name == "市民服務組" and s.unlisted == ["市民服務組"]


def test_working_days_count_on_the_government_calendar(town):
    # From Thursday 2026-09-17: 中秋節 09-25, 教師節 09-28 and 國慶日 (observed 10-09) are off.
    s = suggest_case(town.conclusion("chiefs", "請資訊局於 10 個工作日內提出報告。"))
    assert s.deadline == dt.date(2026, 10, 5) and s.deadline_basis == "10個工作日內"


def test_the_next_meeting_is_the_series_next_scheduled_session_or_none(town):
    chiefs = suggest_case(town.conclusion("chiefs", "請教育局於下次會議提出報告。"))
    assert chiefs.deadline == dt.date(2026, 10, 15) and chiefs.deadline_basis == "於下次會議"
    bureau = suggest_case(town.conclusion("dit", "請策略中心於下次會議提出報告。"))
    assert bureau.deadline is None and bureau.deadline_basis == ""


def test_a_cancelled_next_session_is_not_the_next_meeting(town):
    later = m.do_schedule_meeting(SETUP, town.meetings["chiefs"].series, start=aware("2026-11-12 10:00"), number=226)
    after = Meeting.objects.get(series=later.series, number=225)
    Meeting.objects.filter(pk=after.pk).update(cancelled=True)
    s = suggest_case(town.conclusion("chiefs", "請教育局於下次會議提出報告。"))
    assert s.deadline == dt.date(2026, 11, 12)


def test_suggest_case_stays_importable_from_the_actions(town):
    conclusion = town.conclusion("chiefs", "請資訊局評估。")
    assert t.suggest_case(conclusion).lead == town.orgs["資訊局"]


def test_the_selection_page_says_when_every_agency_or_a_unit_missing_from_the_directory_is_asked(client, council):
    item = council.it_conclusion.item
    every = m.do_add_conclusion(SETUP, item, text="請各機關於10月底前完成盤點。")
    unlisted = m.do_add_conclusion(SETUP, item, text="請市民服務組儘速完成導入作業。")
    client.force_login(council.city.user("alice"))
    page = client.get(f"/cases/select/{every.pk}/").content.decode()
    assert "結論請各機關辦理" in page and "未能辨識主辦機關" not in page
    page = client.get(f"/cases/select/{unlisted.pk}/").content.decode()
    assert "「市民服務組」不在機關名錄中" in page

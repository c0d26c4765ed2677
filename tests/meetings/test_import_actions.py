"""Importing minutes into the demo city: series and names matched, history linked and confirmed, nothing invented."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from lieguan.core.models import AuditEntry
from lieguan.meetings.actions import importing as imp
from lieguan.meetings.models import Meeting, MeetingSeries, MinutesTransition
from lieguan.minutes import Conclusion, Item, Minutes, Section, SessionNumber
from lieguan.minutes.parser import parse_file
from lieguan.organisations.models import Organisation, Person
from lieguan.tracking.models import CaseDecision
from tests.meetings.import_support import CHIEF_83, CHIEF_84, OFFICE_39, WORK_REPORT, F, file_named, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def linhai(demo_city):
    """The demo city (臨海市), copied in from its first load: tests/demo_snapshot.py."""
    User = get_user_model()
    return {name: User.objects.get(username=name) for name in ("secretariat", "admin", "liaison")}


def _import(actor, import_file, **decided):
    """Import with the decisions a person would tick: {"海洋局": "text", "交通處": ("match", org)}."""
    decisions = {}
    for proposal in imp.preview(actor, import_file).names.unknown:
        choice = decided.get(proposal.text, "text")
        if isinstance(choice, tuple):
            decisions[proposal.key] = imp.NameDecision(choice[0], choice[1].pk)
        else:
            decisions[proposal.key] = imp.NameDecision(choice)
    imp.do_import_file(actor, import_file, imp.ImportChoices(names=decisions))
    import_file.refresh_from_db()
    return import_file


def _org(short_name):
    return Organisation.objects.get(short_name=short_name)


def _json_file(tmp_path, minutes, name="minutes.json"):
    path = tmp_path / name
    path.write_text(json.dumps(minutes.to_dict(), ensure_ascii=False), encoding="utf-8")
    return path


def test_a_document_goes_into_the_series_of_its_organisation_and_name(linhai):
    batch = upload(linhai["secretariat"], [CHIEF_83, OFFICE_39])
    assert file_named(batch, CHIEF_83.name).series.code == "chief-secretaries"
    assert file_named(batch, OFFICE_39.name).series.code == "secretariat-office"


def test_known_names_are_matched_on_the_date_of_the_minutes_and_unknown_ones_are_kept_as_text(linhai):
    batch = upload(linhai["secretariat"], [CHIEF_83])
    import_file = _import(linhai["secretariat"], file_named(batch, CHIEF_83.name), 海洋局="text")
    assert import_file.status == F.IMPORTED
    meeting = import_file.meeting
    assert (meeting.chair.name, meeting.recorder.name) == ("林予安", "許文華")
    reports = meeting.sections.get(kind="reports")
    assert reports.items.get(label="二").presenter == _org("都發局")
    assert reports.items.get(label="二").remarks.get().speaker_organisation == _org("交通局")
    ocean = reports.items.get(label="三")
    assert (ocean.presenter, ocean.presenter_text) == (None, "海洋局")
    # 觀傳局 was renamed 觀文局 in 2025; the minutes still use the old short name and find the same body.
    motion = meeting.sections.get(kind="motions").items.get()
    assert motion.label == "" and motion.presenter == Organisation.objects.get(code="tourism")
    assert not Organisation.objects.filter(name__contains="海洋").exists()


def test_labels_headings_and_warnings_are_kept_as_printed(linhai):
    batch = upload(linhai["secretariat"], [CHIEF_83])
    meeting = _import(linhai["secretariat"], file_named(batch, CHIEF_83.name)).meeting
    assert [s.label for s in meeting.sections.order_by("position")] == ["壹", "貳", "參", "肆"]
    assert meeting.sections.get(label="壹").heading == "宣讀本府 115 年 4 月 16 日第 82 次主任秘書會報紀錄"
    general = meeting.sections.get(kind="general_conclusions")
    assert [c.label for c in general.conclusions.order_by("position")] == ["一", "二"]
    assert any("沒有案由" in w for w in meeting.parse_warnings)
    assert (meeting.source, meeting.source_name) == (Meeting.Source.IMPORTED, CHIEF_83.name)
    assert timezone.localtime(meeting.start).strftime("%Y-%m-%d %H:%M") == "2026-05-21 10:00"
    assert timezone.localtime(meeting.end).strftime("%H:%M") == "11:30"


def test_a_later_imported_minutes_confirms_the_earlier_one_and_links_to_it(linhai):
    secretariat = linhai["secretariat"]
    batch = upload(secretariat, [CHIEF_84, CHIEF_83])
    first = _import(secretariat, file_named(batch, CHIEF_83.name))
    assert first.meeting.minutes_state == Meeting.MinutesState.PUBLISHED
    second = _import(secretariat, file_named(batch, CHIEF_84.name), 交通處=("match", _org("交通局")))
    assert second.status == F.IMPORTED, second.error
    earlier, later = Meeting.objects.get(pk=first.meeting_id), second.meeting
    assert later.previous == earlier
    assert (earlier.minutes_state, later.minutes_state) == ("confirmed", "published")
    step = MinutesTransition.objects.filter(meeting=earlier).last()
    assert (step.from_state, step.to_state) == ("published", "confirmed") and "其餘紀錄確定" in step.note
    assert earlier.revisions.last().decided_at_meeting == later
    assert later.sections.get(kind="reports").items.get(label="二").presenter == _org("交通局")


def test_a_history_imported_out_of_date_order_is_still_linked_and_confirmed(linhai):
    secretariat = linhai["secretariat"]
    batch = upload(secretariat, [CHIEF_83, CHIEF_84])
    later = _import(secretariat, file_named(batch, CHIEF_84.name)).meeting
    assert later.previous is None
    earlier = _import(secretariat, file_named(batch, CHIEF_83.name)).meeting
    later.refresh_from_db()
    earlier.refresh_from_db()
    assert later.previous == earlier and earlier.minutes_state == Meeting.MinutesState.CONFIRMED


def test_case_decisions_and_tracked_conclusions_are_recorded_for_the_tracking_app(linhai):
    batch = upload(linhai["secretariat"], [OFFICE_39])
    meeting = _import(linhai["secretariat"], file_named(batch, OFFICE_39.name)).meeting
    decisions = {d.case_number: d for d in meeting.case_decisions.all()}
    assert {k: d.decision for k, d in decisions.items()} == {
        "3801": "release",
        "3802": "release",
        "3803": "release",
        "3704": "continue",
    }
    assert "3801 至 3803" in decisions["3802"].conclusion.text
    assert decisions["3704"].conclusion == decisions["3801"].conclusion
    # Tracking applied them with the import: its own decisions at this meeting, one per case at least.
    assert set(CaseDecision.objects.filter(meeting=meeting).values_list("case__number", flat=True)) == set(decisions)
    tracked = meeting.sections.get(kind="reports").items.get(label="二").conclusions.get(tracked=True)
    assert tracked.text.startswith("本案列管")
    remarks = meeting.sections.get(kind="reports").items.get(label="二").remarks.order_by("position")
    assert [r.speaker_organisation.short_name for r in remarks] == ["總務組", "人事室"]


def test_a_secretariat_may_not_add_bodies_to_the_directory_and_the_failed_file_changes_nothing(linhai):
    secretariat = linhai["secretariat"]
    batch = upload(secretariat, [CHIEF_83])
    import_file = file_named(batch, CHIEF_83.name)
    assert next(p for p in imp.preview(secretariat, import_file).names.unknown).proposal == "text"
    meetings, bodies = Meeting.objects.count(), Organisation.objects.count()
    _import(secretariat, import_file, 海洋局="create")
    assert import_file.status == F.PARSED
    assert "須由系統管理者執行" in import_file.error
    assert (Meeting.objects.count(), Organisation.objects.count()) == (meetings, bodies)
    assert not AuditEntry.objects.filter(action="meeting.import").exists()


def test_an_administrator_may_create_the_proposed_body_under_the_city(linhai):
    admin = linhai["admin"]
    batch = upload(admin, [CHIEF_83])
    import_file = file_named(batch, CHIEF_83.name)
    proposal = next(p for p in imp.preview(admin, import_file).names.unknown)
    assert (proposal.proposal, proposal.create_label) == ("create", "在「臨海市政府」下新增機關「臨海市政府海洋局」")
    meeting = _import(admin, import_file, 海洋局="create").meeting
    ocean = Organisation.objects.get(name="臨海市政府海洋局")
    assert (ocean.short_name, ocean.parent.code, ocean.kind) == ("海洋局", "city", "agency")
    assert meeting.sections.get(kind="reports").items.get(label="三").presenter == ocean


def test_a_name_near_one_of_the_city_is_proposed_as_a_match(linhai):
    batch = upload(linhai["secretariat"], [CHIEF_84])
    proposal = imp.preview(linhai["secretariat"], file_named(batch, CHIEF_84.name)).names.unknown[0]
    assert proposal.text == "交通處"
    assert proposal.proposal == "match" and proposal.match_labels[0] == "臨海市政府交通局"


def test_every_unknown_name_must_be_decided_before_the_file_is_imported(linhai):
    batch = upload(linhai["secretariat"], [CHIEF_84])
    import_file = file_named(batch, CHIEF_84.name)
    imp.do_import_file(linhai["secretariat"], import_file)
    assert import_file.status == F.PARSED and "交通處" in import_file.error
    assert not Meeting.objects.filter(number=84).exists()


def test_a_decision_taken_in_one_file_holds_for_the_same_name_in_the_rest_of_the_batch(linhai, tmp_path):
    other = tmp_path / "linhai_82.txt"
    text = CHIEF_84.read_text(encoding="utf-8").replace("第 84 次", "第 82 次").replace("6 月 18 日", "4 月 16 日")
    other.write_text(text.replace("第 83 次主任秘書會報紀錄。", "第 81 次主任秘書會報紀錄。"), encoding="utf-8")
    secretariat = linhai["secretariat"]
    batch = upload(secretariat, [CHIEF_84, other])
    _import(secretariat, file_named(batch, CHIEF_84.name), 交通處="text")
    waiting = file_named(batch, other.name)
    assert imp.ready_to_import(imp.preview(secretariat, waiting))
    [done] = imp.do_import_ready_files(secretariat, batch)
    assert done.status == F.IMPORTED and done.meeting.number == 82


def test_the_same_session_is_not_imported_twice_even_from_another_file(linhai, tmp_path):
    secretariat = linhai["secretariat"]
    batch = upload(secretariat, [OFFICE_39])
    first = _import(secretariat, file_named(batch, OFFICE_39.name)).meeting
    retyped = parse_file(OFFICE_39)
    retyped.location = "秘書處第一會議室"
    again = upload(secretariat, [_json_file(tmp_path, retyped)]).files.get()
    assert again.status == F.DUPLICATE and again.meeting == first
    assert "已有第39次" in again.error


def test_a_minutes_json_file_imports_like_the_document_it_came_from(linhai, tmp_path):
    path = _json_file(tmp_path, parse_file(OFFICE_39), "office-39.json")
    import_file = upload(linhai["secretariat"], [path]).files.get()
    assert import_file.status == F.PARSED
    meeting = _import(linhai["secretariat"], import_file).meeting
    assert meeting.series.code == "secretariat-office" and meeting.case_decisions.count() == 4


def test_a_new_series_is_proposed_and_created_only_when_confirmed(linhai, tmp_path):
    minutes = Minutes(
        title="臨海市政府 115 年第 3 次市政會議紀錄",
        organisation="臨海市政府",
        series="市政會議",
        session=SessionNumber(number=3, year=115),
        date=timezone.localdate().replace(year=2026, month=3, day=5),
        sections=[
            Section(label="壹", kind="reports", heading="報告事項", items=[Item(title="市政建設進度", label="一")]),
            Section(label="貳", kind="general_conclusions", heading="綜合會議結論", conclusions=[Conclusion("洽悉。")]),
        ],
    )
    secretariat = linhai["secretariat"]
    import_file = upload(secretariat, [_json_file(tmp_path, minutes)]).files.get()
    plan = imp.preview(secretariat, import_file)
    assert plan.series.series is None and plan.series.label == "臨海市政府市政會議"
    assert not imp.ready_to_import(plan)
    imp.do_import_file(secretariat, import_file)
    assert import_file.status == F.PARSED and "尚未建立" in import_file.error
    imp.do_import_file(secretariat, import_file, imp.ImportChoices(create_series=True))
    assert import_file.status == F.IMPORTED, import_file.error
    series = MeetingSeries.objects.get(name="市政會議")
    assert (series.owner.code, series.numbering, series.level) == ("city", "yearly", "city")
    assert (import_file.meeting.year, import_file.meeting.number) == (115, 3)


def test_a_liaison_may_not_import_and_a_secretariat_only_into_series_it_runs(linhai):
    with pytest.raises(PermissionDenied):
        upload(linhai["liaison"], [CHIEF_83])
    admin_only = MeetingSeries.objects.create(owner=_org("資訊局"), code="dit-bureau", name="局務會議")
    batch = upload(linhai["secretariat"], [OFFICE_39])
    import_file = file_named(batch, OFFICE_39.name)
    imp.do_import_file(linhai["secretariat"], import_file, imp.ImportChoices(series=admin_only))
    assert import_file.status == F.PARSED and "幕僚" in import_file.error
    assert not admin_only.meetings.exists()


def test_only_the_uploader_works_on_a_batch(linhai):
    batch = upload(linhai["secretariat"], [CHIEF_83])
    User = get_user_model()
    other = User.objects.create_user(username="other-secretariat", password="x-Long-Password-2026")
    from lieguan.organisations.actions import do_grant_role
    from tests.factories import SETUP

    do_grant_role(SETUP, other, "secretariat", _org("秘書處"))
    with pytest.raises(PermissionDenied):
        imp.do_import_ready_files(other, batch)


def test_files_that_are_not_minutes_or_not_documents_fail_with_why_and_the_batch_goes_on(linhai, tmp_path):
    picture = tmp_path / "scan.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    numberless = tmp_path / "numberless.txt"
    numberless.write_text(CHIEF_83.read_text(encoding="utf-8").replace("第 83 次", ""), encoding="utf-8")
    batch = upload(linhai["secretariat"], [picture, WORK_REPORT, numberless, OFFICE_39])
    assert "無法匯入PNG 圖片檔案" in file_named(batch, "scan.png").error
    assert file_named(batch, WORK_REPORT.name).error.startswith("這份文件不是會議紀錄")
    assert "找不到會次" in file_named(batch, "numberless.txt").error
    assert file_named(batch, OFFICE_39.name).status == F.PARSED
    assert batch.files.filter(status=F.FAILED).count() == 3


def test_a_namesake_outside_the_city_does_not_stop_the_chair_being_matched_in_it(linhai):
    Person.objects.create(name="何佩真", title="處長")
    batch = upload(linhai["secretariat"], [OFFICE_39])
    plan = imp.preview(linhai["secretariat"], file_named(batch, OFFICE_39.name))
    assert plan.names.people["chair"].organisation.code == "secretariat"
    assert not plan.names.unknown


def test_a_file_that_breaks_half_way_through_leaves_nothing_behind_and_the_batch_goes_on(linhai, monkeypatch):
    secretariat = linhai["secretariat"]
    batch = upload(secretariat, [OFFICE_39, CHIEF_83])
    meetings, audit = Meeting.objects.count(), AuditEntry.objects.count()

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(imp, "_propagate", broken)
    broken_file = _import(secretariat, file_named(batch, OFFICE_39.name))
    assert broken_file.status == F.FAILED and "內部錯誤（RuntimeError）" in broken_file.error
    assert broken_file.meeting is None
    assert (Meeting.objects.count(), AuditEntry.objects.count()) == (meetings, audit)
    monkeypatch.undo()
    assert _import(secretariat, file_named(batch, CHIEF_83.name)).status == F.IMPORTED

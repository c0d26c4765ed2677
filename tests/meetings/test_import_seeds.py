"""Issue 4, done when: the real minutes seeds import, in date order, with every item, remark and conclusion.

The seeds are read in place (tests/shared.py). Their city (臺北市政府) is not in
the test directory, so the administrator reviews the proposals and confirms
them, which creates the bodies, people and series, as a person would.
"""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from lieguan.core.models import AuditEntry
from lieguan.meetings.actions import importing as imp
from lieguan.meetings.document import minutes_document
from lieguan.meetings.models import (
    AgendaItem,
    AgendaSection,
    Conclusion,
    Meeting,
    MeetingSeries,
    MinutesCaseDecision,
    Remark,
)
from lieguan.minutes.parser import parse_file
from lieguan.minutes.render.text import render_text
from lieguan.organisations.models import Organisation, Person
from tests.meetings.import_support import F, file_named, import_confirming, upload
from tests.shared import GOLD, SEEDS, minutes_seed_paths

pytestmark = pytest.mark.django_db

WORK_REPORT = SEEDS / "003_e0154fb9a2a8d755.txt"


def _gold(path):
    return json.loads((GOLD / f"{path.stem}.json").read_text(encoding="utf-8"))


def _import_all(actor):
    batch = upload(actor, minutes_seed_paths())
    for import_file in imp.files_in_date_order(batch):
        assert import_file.status == F.PARSED, (import_file.original_name, import_file.error)
        import_confirming(actor, import_file)
        assert import_file.status == F.IMPORTED, (import_file.original_name, import_file.error)
    return batch


def _rows():
    return {
        "meetings": Meeting.objects.count(),
        "sections": AgendaSection.objects.count(),
        "items": AgendaItem.objects.count(),
        "remarks": Remark.objects.count(),
        "conclusions": Conclusion.objects.count(),
        "decisions": MinutesCaseDecision.objects.count(),
        "organisations": Organisation.objects.count(),
        "people": Person.objects.count(),
        "series": MeetingSeries.objects.count(),
    }


def test_the_preview_of_a_seed_proposes_the_unknown_city_and_agencies_instead_of_inventing_them(city):
    batch = upload(city.user("root"), minutes_seed_paths()[:1])
    plan = imp.preview(city.user("root"), batch.files.get())
    proposals = {p.text: p for p in plan.names.unknown}
    assert proposals["臺北市政府"].create_label == "新增市府「臺北市政府」"
    assert proposals["臺北市政府秘書處"].create_label == "在「臺北市政府」下新增機關「臺北市政府秘書處」"
    assert proposals["會計室"].org_kind == "unit" and proposals["會計室"].parent_label == "臺北市政府秘書處"
    assert proposals["陳志銘"].kind == "person"
    assert plan.series.series is None and plan.series.label == "臺北市政府秘書處處務會議"
    assert Organisation.objects.filter(name__startswith="臺北市政府").count() == 0


def test_importing_the_four_minutes_seeds_in_date_order_gives_every_item_remark_and_conclusion(city):
    _import_all(city.user("root"))
    for path in minutes_seed_paths():
        parsed = parse_file(path)
        meeting = Meeting.objects.get(source_name=path.name)
        assert meeting.source == Meeting.Source.IMPORTED
        assert meeting.series.name == parsed.series
        assert meeting.series.owner.name == parsed.organisation
        assert (meeting.number, meeting.year) == (parsed.session.number, parsed.session.year)
        sections = list(meeting.sections.order_by("position"))
        assert [(s.label, s.kind) for s in sections] == [(s.label, s.kind) for s in parsed.sections]
        for section, expected in zip(sections, parsed.sections, strict=True):
            items = list(section.items.order_by("position"))
            assert [i.title for i in items] == [i.title for i in expected.items]
            assert [c.text for c in section.conclusions.order_by("position")] == [c.text for c in expected.conclusions]
            for item, exp in zip(items, expected.items, strict=True):
                assert item.label == (exp.label or "")
                assert item.presenter_text == (exp.presenter or "")
                assert [(r.speaker, r.text) for r in item.remarks.order_by("position")] == [(r.speaker, r.text) for r in exp.remarks]
                assert [(c.label, c.text, c.tracked) for c in item.conclusions.order_by("position")] == [
                    (c.label or "", c.text, c.tracked) for c in exp.conclusions
                ]
        assert meeting.chair_name == (parsed.chair.name or "") and meeting.chair_title == (parsed.chair.title or "")
        assert meeting.recorder_name == (parsed.recorder or "")
        assert meeting.parse_warnings[: len(parsed.warnings)] == parsed.warnings
        decisions = [(d.case_number, d.decision, d.part or None) for d in meeting.case_decisions.all()]
        assert decisions == [(d.case, d.decision, d.part) for d in parsed.case_decisions]


def test_the_imported_seeds_agree_with_the_gold_files(city):
    _import_all(city.user("root"))
    for path in minutes_seed_paths():
        gold = _gold(path)
        meeting = Meeting.objects.get(source_name=path.name)
        sections = list(meeting.sections.order_by("position"))
        assert [s.kind for s in sections] == [s["kind"] for s in gold["sections"]], path.name
        for section, expected in zip(sections, gold["sections"], strict=True):
            assert section.items.count() == len(expected["items"]), (path.name, section.label)
            assert section.conclusions.count() == len(expected["conclusion_prefixes"]), (path.name, section.label)
            for item, exp in zip(section.items.order_by("position"), expected["items"], strict=True):
                assert item.conclusions.count() == len(exp["conclusion_prefixes"]), (path.name, item.title)
        decisions = [{"case": d.case_number, "decision": d.decision, "part": d.part or None} for d in meeting.case_decisions.all()]
        assert decisions == gold["case_decisions"], path.name
        assert timezone.localtime(meeting.start).date().isoformat() == gold["date"]


def test_case_decisions_are_linked_to_the_conclusion_that_took_them_even_in_a_range(city):
    _import_all(city.user("root"))
    office = Meeting.objects.get(series__name="處務會議", number=101)
    ranged = office.case_decisions.get(case_number="10004")
    assert "10001 至 10007" in ranged.conclusion.text
    chief = Meeting.objects.get(series__name="主任秘書會報", number=212)
    partial = chief.case_decisions.get(case_number="211-2", decision="release")
    assert partial.part == "捷運公司" and "211-2" in partial.conclusion.text


def test_tracked_conclusions_stay_tracked_and_the_minutes_render_back_in_the_official_layout(city):
    _import_all(city.user("root"))
    for path in minutes_seed_paths():
        meeting = Meeting.objects.get(source_name=path.name)
        parsed = parse_file(path)
        tracked = [c.text for c in parsed.all_conclusions() if c.tracked]
        assert [c.text for c in Conclusion.objects.filter(tracked=True, pk__in=_conclusion_ids(meeting))] == tracked
        text = render_text(minutes_document(meeting))
        assert meeting.title in text
        for conclusion in parsed.all_conclusions():
            assert conclusion.text.split("\n")[0] in text


def _conclusion_ids(meeting):
    from django.db.models import Q

    return Conclusion.objects.filter(Q(item__section__meeting=meeting) | Q(section__meeting=meeting)).values("pk")


def test_imported_minutes_are_published_with_their_revision_and_keep_the_people_as_printed(city):
    _import_all(city.user("root"))
    meeting = Meeting.objects.get(series__name="主任秘書會報", number=224)
    assert meeting.minutes_state == Meeting.MinutesState.PUBLISHED
    assert meeting.revisions.get().reason == "published"
    assert (meeting.chair_name, meeting.chair_title, meeting.recorder_name) == ("陳志銘", "秘書長", "李壙吉")
    assert meeting.chair is not None and meeting.chair.name == "陳志銘"
    item = meeting.sections.get(kind="reports").items.get(label="四")
    assert item.presenter_text == "主計處" and item.presenter.short_name == "主計處"
    assert AuditEntry.objects.filter(action="meeting.import", object_id=str(meeting.pk)).exists()


def test_the_work_report_is_refused_as_not_minutes_and_changes_nothing(city):
    before = _rows()
    batch = upload(city.user("root"), [WORK_REPORT])
    refused = batch.files.get()
    assert refused.status == F.FAILED
    assert "不是會議紀錄" in refused.error
    assert _rows() == before


def test_importing_the_seeds_twice_changes_nothing_the_second_time(city):
    root = city.user("root")
    _import_all(root)
    before = _rows()
    again = upload(root, minutes_seed_paths())
    assert {f.status for f in again.files.all()} == {F.DUPLICATE}
    for import_file in again.files.all():
        assert import_file.meeting == Meeting.objects.get(source_name=import_file.original_name)
        assert "已於先前匯入" in import_file.error
    assert imp.do_import_ready_files(root, again) == []
    assert _rows() == before


def test_a_history_shares_its_bodies_the_second_seed_of_a_city_finds_what_the_first_created(city):
    root = city.user("root")
    batch = upload(root, minutes_seed_paths())
    first, second = imp.files_in_date_order(batch)[:2]
    import_confirming(root, first)
    plan = imp.preview(root, second)
    unknown = {p.text for p in plan.names.unknown}
    # 臺北市政府 was created with 002 (處務會議), so 001 (主任秘書會報) only proposes what is still new.
    assert "臺北市政府" not in unknown and "陳志銘" not in unknown
    assert {"研考會", "法務局"} <= unknown
    assert file_named(batch, second.original_name).status == F.PARSED

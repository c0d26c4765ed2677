"""Work reports: the drafted skeleton, units writing their own parts, the workflow with revisions, import, renderings."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from lieguan.core.actors import SystemActor
from lieguan.minutes.workreport import parse_work_report
from lieguan.organisations import actions as org
from lieguan.organisations.models import Organisation, Role
from lieguan.workreports import actions
from lieguan.workreports.document import build
from lieguan.workreports.models import ReportPart, WorkReport
from tests.pages import find, table_rows
from tests.shared import SHARED

pytestmark = pytest.mark.django_db
SETUP = SystemActor("test")
SEED = SHARED / "seeds" / "003_e0154fb9a2a8d755.txt"


def _liaison(username: str, unit: Organisation):
    user = org.do_create_user(SETUP, username=username, password="Unit-Writer-Password-2026")
    org.do_grant_role(SETUP, user, Role.LIAISON, unit)
    return user


@pytest.fixture
def report(demo_city):
    agency = Organisation.objects.get(code="secretariat")
    secretariat = get_user_model().objects.get(username="secretariat")
    return actions.do_create_report(secretariat, agency, year=2025, half=2), secretariat


def test_the_drafted_skeleton_has_a_part_per_unit_the_register_goals_and_the_closing_parts(report):
    report, _ = report
    parts = list(report.parts.order_by("position"))
    tops = [p.heading for p in parts if p.level == 0]
    assert tops == ["114 年下半年重要業務執行成果", "策略目標與關鍵績效指標(KPI)之執行情形", "創新作為及未來工作重點", "結語"]
    units = set(Organisation.objects.filter(parent__code="secretariat", kind="unit").values_list("pk", flat=True))
    assert {p.unit_id for p in parts if p.unit_id and p.kind == "results"} == units
    facts = next(p for p in parts if p.heading == "會議及列管業務")
    # The demo's 秘書處 held no meetings in 114 年下半年: said in words, not as an empty table.
    assert "本期本機關未主辦會議。" in facts.body and "| 會議名稱 |" not in facts.body
    assert "| 期末列管中 |" in facts.body
    document = build(report)
    assert document.period_start.isoformat() == "2025-07-01"
    assert report.revisions.count() == 1


def test_the_drafted_report_reads_back_as_a_work_report_of_its_half_year(report):
    from lieguan.minutes.workreport import render_work_report_text

    report, _ = report
    back = parse_work_report(render_work_report_text(build(report)))
    assert (back.period_start, back.period_end) == (report.period_start, report.period_end)
    assert [s.heading for s in back.sections] == [p.heading for p in report.parts.filter(level=0).order_by("position")]
    assert back.tables()[0].header == ["項目", "件數"]


def test_the_meetings_table_counts_the_meetings_held_in_the_half_year_and_not_those_still_to_come(demo_city, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC))
    agency = Organisation.objects.get(code="secretariat")
    secretariat = get_user_model().objects.get(username="secretariat")
    report = actions.do_create_report(secretariat, agency, year=2026, half=2)
    facts = report.parts.get(heading="會議及列管業務").body
    # On 11 月 1 日, 處務會議 第41次 (9 月) and 第42次 (10 月) were held; 第43次 (12 月 10 日) is still to come.
    assert "本期由本機關主辦之會議共召開 2 次，如下表：" in facts
    assert "| 處務會議 | 2 |" in facts
    assert "| 合計 | 2 |" in facts


def test_two_units_write_their_own_parts_and_neither_may_write_the_other(report):
    report, _ = report
    docs_part = ReportPart.objects.get(report=report, unit__code="sec-docs")
    general_part = ReportPart.objects.get(report=report, unit__code="sec-general")
    docs = _liaison("docs-writer", docs_part.unit)
    general = _liaison("general-writer", general_part.unit)
    actions.do_save_part(docs, docs_part, body="（一）收發文\n本期收文 1,200 件。")
    actions.do_save_part(general, general_part, body="（一）採購\n| 項次 | 案件 |\n| 1 | 影印機租賃 |")
    with pytest.raises(PermissionDenied):
        actions.do_save_part(docs, general_part, body="覆寫")
    docs_part.refresh_from_db()
    general_part.refresh_from_db()
    assert "收文 1,200 件" in docs_part.body and "影印機租賃" in general_part.body


def test_the_workflow_freezes_a_revision_at_each_step_and_units_stop_writing_in_review(report):
    report, secretariat = report
    part = ReportPart.objects.get(report=report, unit__code="sec-docs")
    writer = _liaison("docs-writer", part.unit)
    actions.do_save_part(writer, part, body="本期收文 1,200 件。")
    for state in ("review", "approved", "submitted"):
        report = actions.do_transition(secretariat, report, state)
    assert [r.state for r in report.revisions.order_by("number")] == ["draft", "review", "approved", "submitted"]
    assert "本期收文 1,200 件。" in report.revisions.get(number=2).data["parts"][2]["body"] or any(
        "1,200" in p["body"] for p in report.revisions.get(number=2).data["parts"]
    )
    with pytest.raises(PermissionDenied):
        actions.do_save_part(writer, part, body="太晚了")
    with pytest.raises(ValidationError):
        actions.do_transition(secretariat, report, "draft")
    with pytest.raises(PermissionDenied):
        actions.do_transition(writer, report, "approved")


def test_the_revisions_page_shows_what_changed_between_two_revisions(report):
    report, secretariat = report
    part = ReportPart.objects.get(report=report, unit__code="sec-docs")
    actions.do_save_part(secretariat, part, body="新寫的一段話。")
    actions.do_transition(secretariat, report, "review")
    client = Client()
    client.force_login(secretariat)
    page = client.get(f"/work-reports/{report.pk}/revisions/?a=1&b=2").content.decode()
    assert "＋ 　　新寫的一段話。" in [ins.text_content() for ins in find(page, "//ins")]


def test_a_past_report_is_imported_whole_and_its_kpis_previewed_first(demo_city):
    agency = Organisation.objects.get(code="secretariat")
    secretariat = get_user_model().objects.get(username="secretariat")
    document = parse_work_report(SEED.read_text(encoding="utf-8"))
    preview = actions.preview_import(secretariat, agency, document)
    assert WorkReport.objects.filter(organisation=agency, year=2021).count() == 0
    assert len(preview.kpis.rows) == len(document.kpis)
    result = actions.do_import_report(secretariat, agency, document, source_name="seed.txt")
    report = result.report
    assert (report.year, report.half, report.state) == (2021, 2, "draft")
    again = build(report)
    assert [(s.label, s.heading, len(s.sections)) for s in again.sections] == [
        (s.label, s.heading, len(s.sections)) for s in document.sections
    ]
    assert [t.to_dict() for t in again.tables()] == [t.to_dict() for t in document.tables()]
    with pytest.raises(ValidationError):
        actions.do_import_report(secretariat, agency, document)
    assert WorkReport.objects.filter(organisation=agency, year=2021).count() == 1


def test_the_imported_seed_rendered_as_text_reads_back_to_the_same_report(demo_city):
    from lieguan.minutes.workreport import render_work_report_text

    agency = Organisation.objects.get(code="secretariat")
    secretariat = get_user_model().objects.get(username="secretariat")
    document = parse_work_report(SEED.read_text(encoding="utf-8"))
    rendered = build(actions.do_import_report(secretariat, agency, document, source_name="seed.txt").report)
    back = parse_work_report(render_work_report_text(rendered))

    def structure(report):
        # The stored report carries no 目錄 of its own (each download sets its own page numbers), and the
        # organisation is the agency it was imported into, where the title still names the seed's.
        data = report.to_dict()
        for key in ("warnings", "contents", "organisation"):
            del data[key]
        return data

    assert structure(back) == structure(rendered) == structure(document)
    assert back.greeting.startswith("召集人") and len(back.opening) == len(document.opening) == 4


def test_an_import_refused_by_the_register_leaves_no_report_behind(demo_city, monkeypatch):
    from lieguan.workreports.actions import importing

    agency = Organisation.objects.get(code="secretariat")
    secretariat = get_user_model().objects.get(username="secretariat")
    document = parse_work_report(SEED.read_text(encoding="utf-8"))

    def refuse(*args, **kwargs):
        raise PermissionDenied("無權填報")

    monkeypatch.setattr(importing, "do_import_kpi_actuals", refuse)
    with pytest.raises(PermissionDenied):
        actions.do_import_report(secretariat, agency, document)
    assert not WorkReport.objects.filter(organisation=agency, year=2021).exists()


def test_the_imported_seed_rendered_as_pdf_reads_back_with_the_same_sections_cover_and_kpis(demo_city):
    from lieguan.minutes.readers import read_bytes
    from lieguan.minutes.workreport.output import render_work_report

    agency = Organisation.objects.get(code="secretariat")
    secretariat = get_user_model().objects.get(username="secretariat")
    document = parse_work_report(SEED.read_text(encoding="utf-8"))
    report = actions.do_import_report(secretariat, agency, document, source_name="seed.txt").report
    rendered = build(report)
    back = parse_work_report(read_bytes(render_work_report(rendered, "pdf"), "report.pdf"))
    assert [(s.label, s.heading, s.level) for s in back.walk()] == [(s.label, s.heading, s.level) for s in rendered.walk()]
    assert [e.heading for e in back.contents] == [e.heading for e in document.contents]
    assert (back.audience, back.month, back.period_start, back.period_end) == (
        rendered.audience,
        rendered.month,
        rendered.period_start,
        rendered.period_end,
    )
    assert back.presenter == rendered.presenter and back.greeting == rendered.greeting
    assert "".join(back.title.split()) == "".join(rendered.title.split())
    assert [(k.goal, k.name, k.achieved) for k in back.kpis] == [(k.goal, k.name, k.achieved) for k in rendered.kpis]


def test_the_list_names_each_report_s_half_year_in_the_reader_s_calendar(report):
    report, secretariat = report
    client = Client()
    client.force_login(secretariat)
    rows = {tuple(row[:2]) for table in find(client.get("/work-reports/").content.decode(), "//table") for row in table_rows(table)}
    assert ("秘書處", "114 年下半年") in rows
    english = client.get("/work-reports/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ("秘書處", "second half of 2025") in {tuple(row[:2]) for table in find(english, "//table") for row in table_rows(table)}

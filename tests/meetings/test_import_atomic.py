"""An import applies its cases inside its own transaction, as the person importing: all of a file, or none of it."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from lieguan.core.models import AuditEntry
from lieguan.meetings.actions import importing as imp
from lieguan.meetings.models import Meeting, MinutesCaseDecision
from lieguan.organisations.models import Organisation
from lieguan.tracking.actions import history
from lieguan.tracking.models import Assignment, CaseDecision, TrackedCase
from tests.meetings.import_support import CHIEF_83, F, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def linhai(demo_city):
    """The demo city (臨海市), copied in from its first load: tests/demo_snapshot.py."""
    User = get_user_model()
    return {name: User.objects.get(username=name) for name in ("secretariat", "admin")}


def _rows() -> dict[str, int]:
    return {
        "meetings": Meeting.objects.count(),
        "organisations": Organisation.objects.count(),
        "cases": TrackedCase.objects.count(),
        "assignments": Assignment.objects.count(),
        "decisions": CaseDecision.objects.count(),
        "minutes decisions": MinutesCaseDecision.objects.count(),
        "audit": AuditEntry.objects.count(),
    }


def _import_creating_the_ocean_bureau(admin, import_file):
    plan = imp.preview(admin, import_file)
    assert [p.text for p in plan.names.unknown] == ["海洋局"]
    imp.do_import_file(admin, import_file, imp.ImportChoices(names={"org:海洋局": imp.NameDecision("create")}))
    import_file.refresh_from_db()
    return import_file


def _broken(error):
    def apply_decision(*args, **kwargs):
        raise error

    return apply_decision


def test_when_the_cases_cannot_be_applied_nothing_of_the_file_is_committed(linhai, monkeypatch):
    admin = linhai["admin"]
    import_file = upload(admin, [CHIEF_83]).files.get()
    before = _rows()
    monkeypatch.setattr(history, "apply_decision", _broken(RuntimeError("database locked")))

    _import_creating_the_ocean_bureau(admin, import_file)

    assert _rows() == before
    assert not Meeting.objects.filter(series__code="chief-secretaries", number=83).exists()
    assert not Organisation.objects.filter(name__contains="海洋局").exists()
    assert import_file.status == F.FAILED and import_file.meeting is None
    assert "套用列管案件時發生內部錯誤（RuntimeError）" in import_file.error
    assert "此檔案未匯入，系統資料沒有任何變動" in import_file.error


def test_a_case_refused_by_tracking_leaves_the_file_ready_to_import_with_the_reason(linhai, monkeypatch):
    admin = linhai["admin"]
    import_file = upload(admin, [CHIEF_83]).files.get()
    before = _rows()
    monkeypatch.setattr(history, "apply_decision", _broken(ValidationError("81-3 已無列管中的機關。")))

    _import_creating_the_ocean_bureau(admin, import_file)

    assert _rows() == before
    assert import_file.status == F.PARSED
    assert import_file.error == "列管案件無法套用，此檔案未匯入：81-3 已無列管中的機關。"

    monkeypatch.undo()
    _import_creating_the_ocean_bureau(admin, import_file)
    assert import_file.status == F.IMPORTED, import_file.error
    assert Organisation.objects.filter(name="臨海市政府海洋局").exists()


def test_the_cases_of_an_import_are_applied_by_the_person_importing_in_the_same_transaction(linhai):
    secretariat = linhai["secretariat"]
    import_file = upload(secretariat, [CHIEF_83]).files.get()
    imp.do_import_file(secretariat, import_file, imp.ImportChoices(names={"org:海洋局": imp.NameDecision("text")}))
    import_file.refresh_from_db()
    assert import_file.status == F.IMPORTED, import_file.error
    meeting = import_file.meeting

    # 本案列管 under 報告事項二 opens a case; 81-3 is continued and 82-1, 82-2 released at this meeting.
    opened = TrackedCase.objects.get(meeting=meeting)
    assert opened.conclusion.text.startswith("本案列管")
    decided = set(CaseDecision.objects.filter(meeting=meeting).values_list("case__number", "decision"))
    assert {("81-3", "continue"), ("82-1", "release"), ("82-2", "release")} <= decided
    imported = AuditEntry.objects.get(action="meeting.import", object_id=str(meeting.pk))
    applied = AuditEntry.objects.filter(seq__gt=imported.seq, action__in=("case.rebuild", "case.decide", "case.status"))
    assert applied.filter(action="case.decide").count() >= 3
    assert {e.actor_id for e in applied} == {secretariat.pk}

"""`lieguan export`: the minutes of a meeting or a series as files, rendered the way the web pages offer them."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lieguan.meetings.models import Meeting
from lieguan.minutes import Minutes
from tests.meetings.import_support import CHIEF_83, CHIEF_84

pytestmark = pytest.mark.django_db


@pytest.fixture
def linhai(demo_city):
    """The demo city (臨海市), copied in from its first load: tests/demo_snapshot.py."""
    return demo_city


def export(*args):
    out = io.StringIO()
    call_command("export", *[str(a) for a in args], stdout=out, no_color=True)
    return out.getvalue()


def test_a_series_exports_its_published_minutes_as_text_in_the_official_layout(linhai, tmp_path):
    out = export("--series", "chief-secretaries", "--format", "txt", "--out", tmp_path)
    files = sorted(tmp_path.glob("*.txt"))
    published = Meeting.objects.filter(series__code="chief-secretaries", minutes_state__in=["published", "confirmed"])
    assert len(files) == published.count() == 4
    assert "略過 臨海市政府主任秘書會報第89次：紀錄為「草稿」" in out
    text = (tmp_path / "臨海市政府第85次主任秘書會報紀錄（115年7月16日）.txt").read_text(encoding="utf-8")
    assert text.startswith("臨海市政府第85次主任秘書會報紀錄")
    assert "請各機關於颱風警報發布前完成轄管工地及廣告物之巡查加固。" in text


def test_year_limits_a_series_to_the_meetings_held_that_roc_year(linhai, tmp_path):
    call_command("import", CHIEF_83, CHIEF_84, stdout=io.StringIO())
    export("--series", "chief-secretaries", "--year", "115", "--format", "json", "--out", tmp_path)
    assert len(list(tmp_path.glob("*.json"))) == 6
    with pytest.raises(CommandError, match="沒有可匯出"):
        export("--series", "chief-secretaries", "--year", "114", "--format", "json", "--out", tmp_path / "none")


def test_an_imported_meeting_exports_as_minutes_json_that_reads_back(linhai, tmp_path):
    call_command("import", CHIEF_83, stdout=io.StringIO())
    meeting = Meeting.objects.get(series__code="chief-secretaries", number=83)
    export("--meeting", meeting.pk, "--format", "json", "--out", tmp_path)
    [path] = tmp_path.glob("*.json")
    document = Minutes.from_dict(json.loads(path.read_text(encoding="utf-8")))
    assert (document.session.number, document.chair.name) == (83, "林予安")
    assert [s.label for s in document.sections] == ["壹", "貳", "參", "肆"]
    assert [d.case for d in document.case_decisions] == ["82-1", "82-2", "81-3"]


def test_a_draft_meeting_is_exported_when_asked_for_by_id_in_pdf(linhai, tmp_path):
    draft = Meeting.objects.get(series__code="chief-secretaries", number=89)
    export("--meeting", draft.pk, "--format", "pdf", "--out", tmp_path)
    [path] = tmp_path.glob("*.pdf")
    assert path.read_bytes().startswith(b"%PDF-")


def test_wrong_arguments_are_explained(linhai, tmp_path):
    with pytest.raises(CommandError, match="找不到代碼為「nope」的會議"):
        export("--series", "nope", "--out", tmp_path)
    with pytest.raises(CommandError, match="找不到編號 999999 的會次"):
        export("--meeting", 999999, "--out", tmp_path)
    with pytest.raises(CommandError, match="--year 須搭配 --series"):
        export("--meeting", 1, "--year", 115, "--out", tmp_path)

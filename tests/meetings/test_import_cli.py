"""`lieguan import`: files or directories, parsed first and imported in date order, each file on its own."""

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass

import pytest
from django.core.management import call_command, load_command_class
from django.core.management.base import CommandError

from lieguan.core.models import AuditEntry
from lieguan.meetings.models import ImportBatch, Meeting
from lieguan.organisations.models import Organisation
from tests.meetings.import_support import CHIEF_83, CHIEF_84, OFFICE_39, WORK_REPORT
from tests.shared import SEEDS, minutes_seed_paths

pytestmark = pytest.mark.django_db


@pytest.fixture
def linhai(demo_city):
    """The demo city (臨海市), copied in from its first load: tests/demo_snapshot.py."""
    return demo_city


@dataclass
class Run:
    out: str
    err: str
    ok: bool


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import", *[str(a) for a in args], stdout=out, stderr=err, no_color=True)
    except CommandError as error:
        return Run(out.getvalue(), err.getvalue() + str(error), ok=False)
    return Run(out.getvalue(), err.getvalue(), ok=True)


def test_the_help_says_in_plain_words_what_each_option_does():
    parser = load_command_class("lieguan.meetings", "import").create_parser("lieguan", "import")
    text = parser.format_help()
    for words in ("--dry-run", "不寫入", "--confirm-new", "僅保留文字", "--series", "--as", "cli:import", "依會議日期"):
        assert words in text


def test_a_dry_run_previews_each_file_with_its_warnings_and_changes_nothing(linhai):
    meetings, batches = Meeting.objects.count(), ImportBatch.objects.count()
    r = run("--dry-run", CHIEF_83, WORK_REPORT)
    assert r.ok
    assert "臨海市政府主任秘書會報（既有）" in r.out
    assert "解析警告：第 45 行" in r.out
    assert "不在名錄中：「海洋局」" in r.out
    assert "無法匯入：這份文件不是會議紀錄" in r.out
    assert (Meeting.objects.count(), ImportBatch.objects.count()) == (meetings, batches)


def test_without_confirm_new_unknown_names_are_kept_as_text_and_the_cli_says_so(linhai):
    r = run(CHIEF_83)
    assert r.ok, r.err
    assert "已匯入" in r.out and "臨海市政府主任秘書會報第83次（115年5月21日）" in r.out
    assert "「海洋局」：僅保留文字" in r.out and "--confirm-new" in r.out
    assert not Organisation.objects.filter(name__contains="海洋").exists()
    entry = AuditEntry.objects.get(action="meeting.import")
    assert entry.actor_label == "cli:import"


def test_with_confirm_new_the_proposals_are_accepted(linhai):
    r = run("--confirm-new", CHIEF_83, CHIEF_84)
    assert r.ok, r.err
    assert Organisation.objects.get(name="臨海市政府海洋局").parent.code == "city"
    meeting = Meeting.objects.get(series__code="chief-secretaries", number=84)
    # 交通處 was proposed as a match for 交通局, not a new body.
    assert meeting.sections.get(kind="reports").items.get(label="二").presenter.code == "transport"


def test_files_are_imported_in_the_order_of_their_meetings_whatever_the_order_given(linhai, tmp_path):
    folder = tmp_path / "history"
    (folder / "2026").mkdir(parents=True)
    shutil.copy(CHIEF_84, folder / "a.txt")
    shutil.copy(CHIEF_83, folder / "2026" / "z.txt")
    r = run(folder)
    assert r.ok, r.err
    assert r.out.index("z.txt") < r.out.index("a.txt")
    earlier = Meeting.objects.get(series__code="chief-secretaries", number=83)
    assert earlier.minutes_state == Meeting.MinutesState.CONFIRMED
    assert Meeting.objects.get(series__code="chief-secretaries", number=84).previous == earlier


def test_a_file_that_fails_says_why_and_the_others_are_imported(linhai):
    r = run(WORK_REPORT, OFFICE_39)
    assert not r.ok
    assert "無法匯入" in r.err and "不是會議紀錄" in r.err
    assert "已匯入 1、已匯入過 0、無法匯入 1" in r.err
    assert Meeting.objects.filter(series__code="secretariat-office", number=39).exists()


def test_a_date_that_cannot_be_read_is_named_with_its_line_and_nothing_is_created(linhai, tmp_path):
    broken = tmp_path / "第85次.txt"
    broken.write_text(
        CHIEF_84.read_text(encoding="utf-8").replace("時間：民國 115 年 6 月 18 日", "時間：民國 115 年 13 月 45 日", 1), encoding="utf-8"
    )
    line = next(n for n, text in enumerate(broken.read_text(encoding="utf-8").splitlines(), start=1) if "13 月 45 日" in text)
    meetings = Meeting.objects.count()
    r = run(broken)
    assert not r.ok
    assert f"第 {line} 行：讀不出會議日期" in r.err and "無法建立會次" in r.err
    assert Meeting.objects.count() == meetings


def test_importing_again_reports_already_imported(linhai):
    run(OFFICE_39)
    r = run(OFFICE_39)
    assert r.ok
    assert "已匯入過" in r.out and "同一份紀錄已於先前匯入" in r.out
    assert Meeting.objects.filter(series__code="secretariat-office", number=39).count() == 1


def test_series_forces_the_series_and_as_imports_with_a_users_permissions(linhai):
    r = run("--as", "liaison", OFFICE_39)
    assert not r.ok and "沒有匯入會議紀錄的權限" in r.err
    r = run("--series", "no-such-series", OFFICE_39)
    assert not r.ok and "chief-secretaries" in r.err
    r = run("--as", "secretariat", "--series", "chief-secretaries", OFFICE_39)
    assert r.ok, r.err
    meeting = Meeting.objects.get(number=39)
    assert meeting.series.code == "chief-secretaries"
    assert AuditEntry.objects.get(action="meeting.import").actor.username == "secretariat"


def test_a_series_that_does_not_exist_is_created_only_with_confirm_new(db):
    seed = minutes_seed_paths()[0]
    r = run(seed)
    assert not r.ok and "尚未建立" in r.err and "--confirm-new" in r.err
    assert not Meeting.objects.exists()
    r = run("--confirm-new", SEEDS)
    assert not r.ok  # the work report among the seeds
    assert "已匯入 4、已匯入過 0、無法匯入 1" in r.err
    assert Meeting.objects.count() == 4

"""Backups: everything written before a backup is there again after a restore, files byte for byte."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lieguan.core import audit
from lieguan.core.backup import BackupError, backup, read_manifest, restore
from lieguan.core.models import AuditEntry
from lieguan.meetings import actions as m
from lieguan.meetings.models import AgendaSection, Material, Meeting
from lieguan.organisations.models import Person
from tests.factories import SETUP, aware

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n% minutes material\n" + bytes(range(256)) * 40


def _content(city):
    series = m.do_create_series(SETUP, owner=city.root, code="chiefs", name="主任秘書會報")
    meeting = m.do_schedule_meeting(SETUP, series, start=aware("2026-09-17 10:00"))
    item = m.do_add_item(SETUP, meeting.sections.get(kind=AgendaSection.Kind.REPORTS), title="預算執行", presenter=city.it)
    m.do_add_conclusion(SETUP, item, text="請各機關加速執行。")
    material = m.do_upload_material(city.user("alice"), item, io.BytesIO(PDF), "簡報.pdf")
    return meeting, material


def test_a_restore_brings_back_every_row_and_file_after_losses(city, tmp_path, settings):
    meeting, material = _content(city)
    counts = {"people": Person.objects.count(), "audit": AuditEntry.objects.count(), "meetings": Meeting.objects.count()}
    stored = Path(settings.MEDIA_ROOT) / material.file.name

    result = backup(tmp_path / "backups")
    assert result.files == 1

    # Lose things after the backup: a meeting (with its conclusions and material) and the file on disk.
    m.do_delete_material(city.user("alice"), material)
    Meeting.objects.filter(pk=meeting.pk).delete()
    stored.unlink(missing_ok=True)
    assert not Meeting.objects.exists()

    restore(result.path)

    assert {"people": Person.objects.count(), "audit": AuditEntry.objects.count(), "meetings": Meeting.objects.count()} == counts
    restored = Material.objects.get()
    assert (Path(settings.MEDIA_ROOT) / restored.file.name).read_bytes() == PDF
    assert audit.verify()[1] == []


def test_a_tampered_archive_is_refused_before_anything_changes(city, tmp_path):
    _content(city)
    result = backup(tmp_path)
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(result.path) as src, tarfile.open(tampered, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name.startswith("files/"):
                data = data.replace(b"minutes", b"MINUTES")
            member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
    before = Meeting.objects.count()
    with pytest.raises(BackupError, match="不完整或已被更動"):
        restore(tampered)
    assert Meeting.objects.count() == before


def test_an_archive_with_a_path_escaping_the_data_directory_is_refused(tmp_path):
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(evil, "w:gz") as archive:
        data = b"x"
        info = tarfile.TarInfo("../../etc/cron.d/evil")
        info.size = 1
        archive.addfile(info, io.BytesIO(data))
    with pytest.raises(BackupError, match="不安全"):
        read_manifest(evil)


def test_the_commands_back_up_and_restore(city, tmp_path, capsys):
    _content(city)
    call_command("backup", "--out", str(tmp_path))
    out = capsys.readouterr().out
    assert "備份完成" in out
    archive = next(tmp_path.glob("lieguan-backup-*.tar.gz"))
    call_command("restore", str(archive), "--yes")
    assert "還原完成" in capsys.readouterr().out
    with pytest.raises(CommandError, match="找不到備份檔"):
        call_command("restore", str(tmp_path / "none.tar.gz"), "--yes")

"""Backing up and restoring the whole system: the database and every attached file, in one archive.

SQLite is copied with its online backup API (consistent while the service
runs); PostgreSQL with pg_dump's custom format and pg_restore. The archive
carries a manifest with a checksum of every member, checked before a restore
changes anything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = "lieguan-backup/1"
DB_SQLITE = "database.sqlite3"
DB_POSTGRES = "database.pgdump"
FILES = "files/"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why in words."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    vendor: str
    files: int
    size: int


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_env() -> tuple[dict[str, str], list[str]]:
    db = settings.DATABASES["default"]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = ["-h", str(db.get("HOST") or "127.0.0.1"), "-p", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    return env, args


def _dump_database(work: Path) -> str:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(work / DB_SQLITE)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        return DB_SQLITE
    if connection.vendor == "postgresql":
        env, args = _pg_env()
        out = work / DB_POSTGRES
        result = subprocess.run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                *args,
                "-f",
                str(out),
                str(settings.DATABASES["default"]["NAME"]),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise BackupError(_("pg_dump 失敗：%(error)s") % {"error": result.stderr.strip()})
        return DB_POSTGRES
    raise BackupError(_("不支援備份 %(vendor)s 資料庫。") % {"vendor": connection.vendor})


def backup(out_dir: Path) -> BackupResult:
    """Write ``lieguan-backup-<time>.tar.gz`` into ``out_dir`` and return where it is."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    target = out_dir / f"lieguan-backup-{stamp}.tar.gz"
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        db_member = _dump_database(work)
        checksums = {db_member: _sha256(work / db_member)}
        files = sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []
        for path in files:
            checksums[FILES + path.relative_to(media).as_posix()] = _sha256(path)
        manifest = {
            "format": FORMAT,
            "created": timezone.now().isoformat(),
            "vendor": connection.vendor,
            "database": db_member,
            "migrations": sorted(f"{a}.{n}" for a, n in MigrationRecorder(connection).applied_migrations()),
            "checksums": checksums,
        }
        partial = target.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
            info = tarfile.TarInfo("manifest.json")
            info.size, info.mtime = len(data), int(dt.datetime.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
            archive.add(work / db_member, arcname=db_member)
            for path in files:
                archive.add(path, arcname=FILES + path.relative_to(media).as_posix())
        partial.replace(target)  # a half-written archive never carries the final name
    return BackupResult(target, connection.vendor, len(files), target.stat().st_size)


def _safe_members(archive: tarfile.TarFile) -> dict[str, tarfile.TarInfo]:
    members: dict[str, tarfile.TarInfo] = {}
    for member in archive.getmembers():
        name = member.name
        if name.startswith("/") or ".." in Path(name).parts or not (member.isfile() or member.isdir()):
            raise BackupError(_("備份檔含有不安全的項目「%(name)s」，拒絕還原。") % {"name": name})
        if member.isfile():
            members[name] = member
    return members


def read_manifest(path: Path) -> dict[str, Any]:
    try:
        with tarfile.open(path, "r:gz") as archive:
            members = _safe_members(archive)
            if "manifest.json" not in members:
                raise BackupError(_("這不是列管系統的備份檔（缺少 manifest.json）。"))
            extracted = archive.extractfile(members["manifest.json"])
            assert extracted is not None
            manifest: dict[str, Any] = json.loads(extracted.read().decode("utf-8"))
    except (tarfile.TarError, OSError, json.JSONDecodeError, UnicodeDecodeError) as error:
        raise BackupError(_("無法讀取備份檔：%(error)s") % {"error": error}) from None
    if manifest.get("format") != FORMAT:
        raise BackupError(_("不支援的備份格式：%(format)s") % {"format": repr(manifest.get("format"))})
    return manifest


def restore(path: Path) -> dict[str, Any]:
    """Replace the database and the files with the archive's, after checking every checksum."""
    manifest = read_manifest(path)
    if manifest["vendor"] != connection.vendor:
        raise BackupError(
            _("備份來自 %(source)s 資料庫，無法還原到 %(target)s。") % {"source": manifest["vendor"], "target": connection.vendor}
        )
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        with tarfile.open(path, "r:gz") as archive:
            members = _safe_members(archive)
            archive.extractall(work, members=list(members.values()), filter="data")
        for name, expected in manifest["checksums"].items():
            member = work / name
            if not member.is_file() or _sha256(member) != expected:
                raise BackupError(_("備份檔內容不完整或已被更動：%(name)s") % {"name": name})
        _restore_database(work / manifest["database"])
        _restore_files(work / FILES)
    return manifest


def _restore_database(dump: Path) -> None:
    if connection.vendor == "sqlite":
        source = sqlite3.connect(dump)
        try:
            connection.ensure_connection()
            source.backup(connection.connection)
        finally:
            source.close()
        return
    connection.close()  # pg_restore drops and recreates tables this connection may hold plans for
    env, args = _pg_env()
    result = subprocess.run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            *args,
            "-d",
            str(settings.DATABASES["default"]["NAME"]),
            str(dump),
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BackupError(_("pg_restore 失敗：%(error)s") % {"error": result.stderr.strip()})


def _restore_files(source: Path) -> None:
    media = Path(settings.MEDIA_ROOT)
    staging = media.with_name(media.name + ".restoring")
    if staging.exists():
        shutil.rmtree(staging)
    if source.exists():
        shutil.copytree(source, staging)
    else:
        staging.mkdir(parents=True)
    old = media.with_name(media.name + ".replaced")
    if media.exists():
        if old.exists():
            shutil.rmtree(old)
        media.replace(old)
    staging.replace(media)
    if old.exists():
        shutil.rmtree(old)

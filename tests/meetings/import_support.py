"""What the import tests share: the invented minutes of the demo city, and importing files as a person would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lieguan.meetings.actions import importing as imp
from lieguan.meetings.models import ImportBatch, ImportFile

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Invented minutes of 臨海市政府 (the demo city), in the official layout.
CHIEF_83 = FIXTURES / "linhai_chief_secretaries_83.txt"
CHIEF_84 = FIXTURES / "linhai_chief_secretaries_84.txt"
OFFICE_39 = FIXTURES / "linhai_secretariat_office_39.txt"
WORK_REPORT = FIXTURES / "linhai_work_report.txt"

F = ImportFile.Status


def upload(actor: Any, paths: list[Path]) -> ImportBatch:
    """Upload ``paths`` as one batch and parse every file, as the batch page does step by step."""
    batch = imp.do_start_import(actor, [(p.name, p.read_bytes()) for p in paths])
    while (waiting := imp.next_pending(batch)) is not None:
        imp.do_parse_import_file(actor, waiting)
    return batch


def file_named(batch: ImportBatch, name: str) -> ImportFile:
    return batch.files.get(original_name=name)


def import_confirming(actor: Any, import_file: ImportFile, *, create_series: bool = True) -> ImportFile:
    """Import one parsed file, accepting every proposal shown in its preview (create, or match)."""
    imp.do_import_file(actor, import_file, imp.ImportChoices(create_series=create_series, accept_proposals=True))
    import_file.refresh_from_db()
    return import_file

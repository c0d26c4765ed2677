"""Issue 19: every word of the interface goes through the translation machinery, in Python code too.

Chinese written straight into code (not inside a gettext call) is the records' data, never interface: the
wording of official documents, which stay in Chinese by law; text stored on a row and read by others (an
audit entry's description, a generated note; a notification keeps msgids instead, worded when read);
vocabularies and patterns matched against Chinese documents; published formats; and the API's specification,
which is Chinese and translated where the documentation page shows it. Each file's count of such literals is
written below, so that a new message written straight into code fails here: mark it for translation (and give
it English in django.po), or, if it is data, raise the file's count and say why in the group it belongs to.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.pofile import read_po

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "lieguan"
PO = PACKAGE / "locale" / "en" / "LC_MESSAGES" / "django.po"
CJK = re.compile(r"[\u4e00-\u9fff]")
GETTEXT = {"_", "gettext", "gettext_lazy", "gettext_noop", "pgettext", "pgettext_lazy", "ngettext", "ngettext_lazy", "npgettext"}
KEYWORDS = {**DEFAULT_KEYWORDS, "gettext_lazy": None, "pgettext_lazy": ((1, "c"), 2), "ngettext_lazy": (1, 2), "gettext_noop": None}

# The pure minutes library writes and reads official documents and imports nothing of Django; the demo city is
# its own Chinese data; migrations freeze what the models said.
OUTSIDE = ("minutes/", "demo/", "/migrations/")
# What the minutes library says of its input (its errors) is marked all the same, with its own gettext_noop
# (minutes/errors.py), and worded where it is shown: those marks need English like any other.
MARKED_OUTSIDE = ("demo/", "/migrations/")

DATA = {
    # Official documents and the wording they share with pages (stay Chinese by law).
    "workreports/drafting.py": 63,
    "kpis/achievement.py": 27,
    "kpis/register.py": 1,
    "indicators/report.py": 10,
    "reports/overview.py": 16,
    "tracking/status_report.py": 1,
    "tracking/views/status.py": 1,
    "tracking/actions/decisions.py": 2,
    "meetings/exporting.py": 3,
    "meetings/notice.py": 3,
    "meetings/ics.py": 3,
    "meetings/access.py": 1,
    "meetings/actions/agenda.py": 2,
    "meetings/actions/case_decisions.py": 3,
    "meetings/actions/minutes.py": 13,
    "meetings/actions/schedule.py": 10,
    "meetings/actions/series.py": 13,
    "meetings/views/minutes.py": 2,
    "meetings/views/series.py": 4,
    "meetings/views/minutes_editor.py": 5,
    "meetings/views/meeting.py": 1,
    # Stored on rows and read by others: the lines only the reminder e-mail has (sent in Chinese; the inbox words
    # its digest in the reader's language) and the default escalation rules' wording (rows the secretariat edits),
    # notes generated with a figure, model choices kept in Chinese for stored and published text, and model names
    # written into audit entries.
    "tracking/digests.py": 3,
    "tracking/reminders.py": 2,
    "indicators/rules.py": 1,
    "indicators/actions/alerts.py": 6,
    "indicators/actions/computing.py": 1,
    "indicators/actions/pushing.py": 1,
    "kpis/computed.py": 10,
    "workreports/actions/importing.py": 4,
    "workreports/actions/reports.py": 1,
    "tracking/actions/history.py": 4,
    "search/records.py": 2,
    "core/uploads.py": 1,
    "api/models.py": 1,
    "api/views_feeds.py": 1,
    "meetings/models.py": 22,
    "tracking/models.py": 14,
    "indicators/models.py": 5,
    "kpis/models.py": 4,
    "live/models.py": 2,
    "notifications/models.py": 2,
    "organisations/models.py": 1,
    "workreports/models.py": 3,
    # Vocabularies and patterns matched against Chinese documents and stored values.
    "meetings/importing/names.py": 32,
    "meetings/importing/reading.py": 6,
    "meetings/importing/apply.py": 4,
    "meetings/actions/attendance.py": 13,
    "search/tokenizer.py": 20,
    "tracking/suggestions.py": 20,
    "tracking/views/incomplete.py": 1,
    "tracking/views/paging.py": 4,
    "tracking/views/cases.py": 1,
    "tracking/views/reports.py": 1,
    "indicators/months.py": 1,
    "indicators/views.py": 2,
    "kpis/actions/importing.py": 6,
    "organisations/directory.py": 2,
    "core/forms.py": 5,
    # Published formats: open data's columns, the indicator file's columns, the city's name and licence.
    "api/opendata.py": 48,
    "indicators/actions/importing.py": 17,
    "settings.py": 3,
    # The API's specification (Chinese; docs/api.md and the documentation page give it in English).
    "api/api.py": 2,
    "api/auth.py": 1,
    "api/pagination.py": 3,
    "api/schemas.py": 6,
    "api/routers/directory.py": 4,
    "api/routers/indicators.py": 16,
    "api/routers/kpis.py": 14,
    "api/routers/meetings.py": 10,
    "api/routers/search.py": 19,
    "api/routers/tracking.py": 9,
    "search/models.py": 5,
    # Command-line help written in both languages in one text (argparse cannot print a lazy string), and the
    # `lieguan` launcher, which runs before Django can translate.
    "cli.py": 22,
    "core/management/commands/audit.py": 1,
    "core/management/commands/backup.py": 1,
    "core/management/commands/restore.py": 1,
    "core/management/commands/serve.py": 1,
    "core/management/commands/setup.py": 1,
    "core/management/commands/worker.py": 1,
    "indicators/management/commands/indicators.py": 1,
    "tracking/management/commands/cases.py": 2,
    "tracking/management/commands/remind.py": 1,
}


def _python_files(outside: tuple[str, ...] = OUTSIDE) -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py")) if not any(part in p.relative_to(PACKAGE).as_posix() for part in outside)]


def _unmarked_chinese(path: Path) -> int:
    """Chinese string literals outside gettext calls and docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
            if name in GETTEXT:
                skipped |= {id(sub) for sub in ast.walk(node)}
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Module) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skipped.add(id(first.value))
    return sum(
        1
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and CJK.search(node.value) and id(node) not in skipped
    )


def test_chinese_written_straight_into_code_is_only_the_records_data():
    found = Counter({p.relative_to(PACKAGE).as_posix(): n for p in _python_files() if (n := _unmarked_chinese(p))})
    grown = {path: f"{n} (allowed {DATA.get(path, 0)})" for path, n in found.items() if n > DATA.get(path, 0)}
    assert not grown, f"Chinese written into code outside gettext — interface text must be translated: {grown}"
    # A count that fell is written down too, so that the allowance does not hide the next message.
    shrunk = {path: f"{found.get(path, 0)} (allowed {n})" for path, n in DATA.items() if found.get(path, 0) < n}
    assert not shrunk, f"fewer literals than allowed; lower the counts in DATA: {shrunk}"


def test_every_chinese_string_the_code_marks_has_an_english_text():
    catalog = read_po(PO.open(encoding="utf-8"))
    missing = []
    for path in _python_files(MARKED_OUTSIDE):
        for lineno, message, _comments, context in extract_from_file("python", str(path), keywords=KEYWORDS):
            msgid = message[0] if isinstance(message, tuple) else message
            if not msgid or not CJK.search(msgid):
                continue
            entry = catalog.get(msgid, context)
            strings = entry.string if entry else None
            if not strings or (isinstance(strings, tuple) and not all(strings)):
                missing.append(f"{path.relative_to(PACKAGE)}:{lineno}: {msgid}")
    assert not missing, f"no English for: {missing} — add them to {PO} and run `make messages`"

"""ROC (民國) years are converted in one place, lieguan/minutes/rocdate.py; code and templates call it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from django.template import Context, Template

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "lieguan"
HOME = PACKAGE / "minutes" / "rocdate.py"
# The offset itself, not a longer number that happens to contain it (a phone number, an id).
OFFSET = re.compile(r"(?<![0-9])1911(?![0-9])")
SCANNED = ("*.py", "*.html", "*.txt")


def offsets_in(text: str) -> list[int]:
    """The line numbers of ``text`` that write the ROC offset."""
    return [n for n, line in enumerate(text.splitlines(), start=1) if OFFSET.search(line)]


def test_the_scan_finds_the_offset_however_it_is_written_and_nothing_else() -> None:
    text = 'year = d.year - 1911\n{{ y|add:"-1911" }}\nphone = "02-27201911x"\nstart = 1912\n'
    assert offsets_in(text) == [1, 2]
    assert offsets_in("roc = year + 1911  # why") == [1]


def test_no_module_or_template_outside_rocdate_converts_roc_years_itself() -> None:
    assert HOME.is_file()
    found = {
        f"{path.relative_to(PACKAGE)}:{line}"
        for pattern in SCANNED
        for path in PACKAGE.rglob(pattern)
        if path != HOME
        for line in offsets_in(path.read_text(encoding="utf-8"))
    }
    assert sorted(found) == [], "use to_roc_year/from_roc_year (or a format_roc_* helper) from lieguan.minutes.rocdate"


def test_templates_show_a_gregorian_year_or_day_as_its_roc_year() -> None:
    template = Template("{{ year|roc_year }}/{{ day|roc_year }}/{{ moment|roc_year }}/{{ missing|roc_year }}")
    moment = dt.datetime(2025, 12, 31, 17, 0, tzinfo=dt.UTC)  # already 2026-01-01 in Taipei
    rendered = template.render(Context({"year": 2026, "day": dt.date(2011, 10, 10), "moment": moment, "missing": None}))
    assert rendered == "115/100/115/"

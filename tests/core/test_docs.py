"""The documentation names tests and files as proof; a renamed test must not leave it pointing at nothing."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = re.compile(r"(tests/[\w/]+\.py)(?:::(\w+))?")


def _documents() -> list[Path]:
    return [ROOT / "README.md", ROOT / "bench" / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def test_every_test_the_documentation_names_exists() -> None:
    missing = []
    for document in _documents():
        for file, name in REFERENCE.findall(document.read_text(encoding="utf-8")):
            path = ROOT / file
            if not path.is_file():
                missing.append(f"{document.name}: {file}")
            elif name and not re.search(rf"^\s*(async )?def {name}\(", path.read_text(encoding="utf-8"), re.MULTILINE):
                missing.append(f"{document.name}: {file}::{name}")
    assert missing == []


def test_the_documentation_does_name_tests() -> None:
    # Guards the test above against a pattern that silently stops matching.
    assert REFERENCE.search((ROOT / "docs" / "security.md").read_text(encoding="utf-8"))

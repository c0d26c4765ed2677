"""docs/security.md names the rule behind each role; each name must be a rule the code has."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "lieguan"
# `meetings/access.py` (`runs_series`, `can_read_minutes`)  or  `organisations/access.py` (`Viewer.is_admin`)
CITATION = re.compile(r"`(\w+/\w+\.py)` \(((?:`[\w.]+`(?:, )?)+)\)")


def _defined(path: Path) -> set[str]:
    """Top-level functions and classes of a module, and Class.member for the members of its classes."""
    names: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.add(node.name)
        if isinstance(node, ast.ClassDef):
            for member in node.body:
                if isinstance(member, ast.FunctionDef):
                    names.add(f"{node.name}.{member.name}")
                elif isinstance(member, ast.AnnAssign) and isinstance(member.target, ast.Name):
                    names.add(f"{node.name}.{member.target.id}")
    return names


def citations(text: str) -> list[tuple[str, str]]:
    return [(module, name) for module, names in CITATION.findall(text) for name in re.findall(r"`([\w.]+)`", names)]


def test_every_rule_the_security_document_names_exists_in_the_module_it_names() -> None:
    cited = citations((ROOT / "docs" / "security.md").read_text(encoding="utf-8"))
    missing = [f"{module}: {name}" for module, name in cited if name not in _defined(PACKAGE / module)]
    assert missing == []


def test_the_role_table_does_cite_rules() -> None:
    # Guards the test above against a pattern that silently stops matching.
    cited = citations((ROOT / "docs" / "security.md").read_text(encoding="utf-8"))
    assert ("meetings/access.py", "can_approve_minutes") in cited
    assert len(cited) >= 10


def test_a_rule_the_code_does_not_have_is_reported() -> None:
    cited = citations("| chair | publish | `meetings/access.py` (`can_publish_anything`) |")
    assert cited == [("meetings/access.py", "can_publish_anything")]
    assert "can_publish_anything" not in _defined(PACKAGE / "meetings" / "access.py")

"""Views never decide permissions themselves: a refusal comes from the app's access.py, which carries its message.

docs/architecture.md: views call ``access_*`` to read, ``require_*`` to be refused and ``do_*`` to write. A view that
raised PermissionDenied would hold a copy of a rule that its action holds too, and the two drift apart.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "lieguan"


def view_modules() -> list[Path]:
    """Every module of the views: ``views.py``, ``views_*.py`` and the ``views/`` packages, with the project's own."""
    found = set(PACKAGE.rglob("views*.py"))
    found |= {p for folder in PACKAGE.rglob("views") if folder.is_dir() for p in folder.rglob("*.py")}
    return sorted(p for p in found if "migrations" not in p.parts)


def permission_denied_raises(source: str) -> list[int]:
    """The lines that raise PermissionDenied, however it was imported (``PermissionDenied``, ``exceptions.PermissionDenied``)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Raise) or node.exc is None:
            continue
        raised = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
        name = raised.attr if isinstance(raised, ast.Attribute) else getattr(raised, "id", None)
        if name == "PermissionDenied":
            lines.append(node.lineno)
    return lines


def test_the_scan_finds_every_way_of_raising_it() -> None:
    source = (
        "from django.core import exceptions\n"
        "def a() -> None:\n    raise PermissionDenied\n"
        "def b() -> None:\n    raise PermissionDenied('只有會議幕僚可以新增會議。')\n"
        "def c() -> None:\n    raise exceptions.PermissionDenied('x') from None\n"
        "def d() -> None:\n    raise\n"
        "def e() -> None:\n    raise ValueError('PermissionDenied')\n"
    )
    assert permission_denied_raises(source) == [3, 5, 7]


def test_the_scan_covers_the_apps_views_and_the_project_views() -> None:
    names = {p.relative_to(PACKAGE).as_posix() for p in view_modules()}
    assert {"views.py", "meetings/views/minutes_editor.py", "tracking/views/cases.py", "workreports/views.py"} <= names


def test_no_view_raises_permission_denied_itself() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}:{line}"
        for path in view_modules()
        for line in permission_denied_raises(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "call the app's require_*/access_* helper in access.py instead: " + ", ".join(offenders)

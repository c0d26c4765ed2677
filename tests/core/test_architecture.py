"""docs/architecture.md says which way imports point; these tests keep it true."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "lieguan"

# The chain of docs/architecture.md: an app may import only the apps before it.
CHAIN = [
    "core",
    "organisations",
    "notifications",
    "meetings",
    "tracking",
    ("reports", "search", "kpis", "indicators", "live"),
    "workreports",
    "api",
]
APPS = [app for link in CHAIN for app in (link if isinstance(link, tuple) else (link,))]
PROJECT_LEVEL = {"urls", "views", "navigation", "demo", "settings", "wsgi", "asgi", "cli"}


def _imports(path: Path) -> set[str]:
    """Every `lieguan.<part>` that a module imports, at any depth (imports inside functions count too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "lieguan" and len(parts) > 1:
                found.add(parts[1])
    return found


def _modules(part: str) -> list[Path]:
    return [p for p in (PACKAGE / part).rglob("*.py") if "migrations" not in p.parts]


def _allowed(app: str) -> set[str]:
    allowed = {"minutes", "conf", app}
    for link in CHAIN:
        members = set(link) if isinstance(link, tuple) else {link}
        if app in members:
            return allowed
        allowed |= members
    raise AssertionError(f"{app} is not in the chain")


def test_the_minutes_library_imports_no_django_and_nothing_else_of_ours() -> None:
    offending = {}
    for path in _modules("minutes"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                for name in names:
                    if name.split(".")[0] == "django" or (name.startswith("lieguan.") and not name.startswith("lieguan.minutes")):
                        offending[str(path.relative_to(PACKAGE))] = name
    assert offending == {}


@pytest.mark.parametrize("app", APPS)
def test_an_app_imports_only_the_apps_before_it_in_the_chain(app: str) -> None:
    allowed = _allowed(app)
    offending = {str(path.relative_to(PACKAGE)): sorted(_imports(path) - allowed) for path in _modules(app) if _imports(path) - allowed}
    assert offending == {}, f"{app} may import only {sorted(allowed)}"


def test_no_app_imports_the_project_level_modules() -> None:
    apps = [*APPS, "minutes"]
    offending = {
        str(path.relative_to(PACKAGE)): sorted(_imports(path) & PROJECT_LEVEL)
        for app in apps
        for path in _modules(app)
        if _imports(path) & PROJECT_LEVEL
    }
    assert offending == {}


def test_the_chain_checker_notices_a_forbidden_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from lieguan.tracking.models import TrackedCase\n", encoding="utf-8")
    assert _imports(module) - _allowed("meetings") == {"tracking"}

"""Issue 12: one function creates a case (``tracking.actions.opening.open_case``), one moves minutes between
states (``meetings.actions.minutes.move_minutes``). Read from the source, so that a sixth way in cannot creep back."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "lieguan"
CASE_CREATOR = ("tracking/actions/opening.py", "open_case")
MINUTES_MOVER = ("meetings/actions/minutes.py", "move_minutes")
WRITES = {"create", "bulk_create", "get_or_create", "update_or_create", "update", "bulk_update"}


def _functions(tree: ast.AST) -> dict[ast.AST, str]:
    """Every node → the name of the outermost function holding it ("" at module level)."""
    owner: dict[ast.AST, str] = {}
    for top in ast.walk(tree):
        if isinstance(top, ast.FunctionDef | ast.AsyncFunctionDef) and top not in owner:
            for node in ast.walk(top):
                owner.setdefault(node, top.name)
    return owner


def _dotted(node: ast.AST) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


def _case_rows_made(tree: ast.AST) -> list[ast.AST]:
    """``TrackedCase.objects.create(…)`` and the like, and ``x = TrackedCase(…)`` saved in the same function.

    An unsaved ``TrackedCase(pk=…)`` built to read with (the statistics do) makes no row.
    """
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _dotted(node.func)
            if name.startswith("TrackedCase.objects.") and name.rsplit(".", 1)[1] in WRITES - {"update", "bulk_update"}:
                found.append(node)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            built = {
                target.id: sub
                for sub in ast.walk(node)
                if isinstance(sub, ast.Assign) and isinstance(sub.value, ast.Call) and _dotted(sub.value.func) == "TrackedCase"
                for target in sub.targets
                if isinstance(target, ast.Name)
            }
            for sub in ast.walk(node):
                if isinstance(sub, ast.Call) and _dotted(sub.func).endswith(".save") and _dotted(sub.func)[: -len(".save")] in built:
                    found.append(built[_dotted(sub.func)[: -len(".save")]].value)
    return found


def _minutes_state_written(tree: ast.AST) -> list[ast.AST]:
    """``x.minutes_state = …``, ``….update(minutes_state=…)``/``create(minutes_state=…)``, ``setattr(x, "minutes_state", …)``."""
    found: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for sub in ast.walk(target):
                    if isinstance(sub, ast.Attribute) and sub.attr == "minutes_state" and isinstance(sub.ctx, ast.Store):
                        found.append(node)
        elif isinstance(node, ast.Call):
            name = _dotted(node.func)
            if name.rsplit(".", 1)[-1] in WRITES and any(k.arg == "minutes_state" for k in node.keywords):
                found.append(node)
            field = node.args[1] if name == "setattr" and len(node.args) > 1 else None
            if isinstance(field, ast.Constant) and field.value == "minutes_state":
                found.append(node)
    return found


def places(root: Path, finder) -> set[tuple[str, str]]:
    """(file under ``root``, function) for every place ``finder`` finds, migrations aside."""
    out = set()
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        owner = _functions(tree)
        for node in finder(tree):
            out.add((path.relative_to(root).as_posix(), owner.get(node, "")))
    return out


def test_one_function_creates_a_tracked_case():
    assert places(SRC, _case_rows_made) == {CASE_CREATOR}


def test_one_function_moves_minutes_between_states():
    assert places(SRC, _minutes_state_written) == {MINUTES_MOVER}


def test_the_checks_see_the_ways_in_they_are_meant_to_refuse(tmp_path):
    (tmp_path / "bad.py").write_text(
        "def a(m):\n    TrackedCase.objects.create(number='1')\n"
        "def b(m):\n    case = TrackedCase(number='2')\n    case.save()\n"
        "def c(m):\n    m.minutes_state = 'published'\n"
        "def d(qs):\n    qs.update(minutes_state='confirmed')\n"
        "def e(m):\n    Meeting.objects.create(minutes_state='confirmed')\n"
        "def f(r):\n    return TrackedCase(pk=r)\n",
        encoding="utf-8",
    )
    assert places(tmp_path, _case_rows_made) == {("bad.py", "a"), ("bad.py", "b")}
    assert places(tmp_path, _minutes_state_written) == {("bad.py", "c"), ("bad.py", "d"), ("bad.py", "e")}

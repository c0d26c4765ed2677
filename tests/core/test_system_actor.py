"""The system actor passes through one mechanism, not a branch in every action (issue 19).

``core.actors``: actions take an ``Actor``; the raising access helpers they call are decorated with
``@lets_system_through``; ``user_of(actor)`` attributes a write. ``is_system`` is left only where a rule really
differs for the operator's jobs: each such place is listed here with its reason, and a new one fails until it is.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied

from lieguan.core.actors import LETS_SYSTEM_THROUGH, SystemActor, name_of, passes, user_of
from lieguan.tracking import access as tracking_access
from tests.factories import make_city

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "lieguan"
ACTORS = PACKAGE / "core" / "actors.py"

# (module, function) → why the system differs there. Not a permission (that is @lets_system_through) nor
# who a write is attributed to (that is user_of).
ALLOWED = {
    ("meetings/actions/schedule.py", "_require_confirmation"): (
        "imports of past minutes and the demo record meetings as they were held: an odd number, a weekend or a "
        "holiday is no question to ask a job"
    ),
    ("meetings/actions/minutes.py", "do_transition_minutes"): (
        "the blank-rows check is for people editing; an import records the minutes as written, blanks included"
    ),
    ("search/access.py", "reads_everything"): "the operator's search CLI reads every entry: the system's read scope",
    ("search/access.py", "readable_minutes"): "the search CLI reads every meeting's minutes, drafts included",
    ("search/access.py", "confidential_exclusion"): "the search CLI (reindexing, checking) sees confidential items",
    ("search/access.py", "searchable_series"): "the search CLI filters over every series",
}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts and p != ACTORS)


def is_system_calls(source: str) -> list[tuple[str, int]]:
    """(enclosing function, line) of every call of ``is_system``, however it was imported."""
    found: list[tuple[str, int]] = []

    def visit(node: ast.AST, function: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                visit(child, child.name)
                continue
            if isinstance(child, ast.Call):
                called = child.func
                name = called.attr if isinstance(called, ast.Attribute) else getattr(called, "id", None)
                if name == "is_system":
                    found.append((function, child.lineno))
            visit(child, function)

    visit(ast.parse(source), "<module>")
    return found


def action_modules() -> list[Path]:
    return sorted([*PACKAGE.glob("*/actions/*.py"), PACKAGE / "organisations" / "actions.py"])


def untyped_actors(source: str) -> list[tuple[str, int]]:
    """(function, line) of every ``actor`` parameter that is not typed ``Actor`` (``Any``, or no annotation)."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        args = node.args
        for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs]:
            if arg.arg == "actor" and (arg.annotation is None or "Actor" not in ast.unparse(arg.annotation)):
                out.append((node.name, node.lineno))
    return out


def test_the_scans_find_what_they_look_for() -> None:
    source = (
        "from lieguan.core import actors\n"
        "x = actors.is_system(a)\n"
        "def f(actor: Any) -> None:\n    if is_system(actor):\n        return\n"
        "def g(actor) -> None: ...\n"
        "def h(actor: Actor, other: Any) -> None: ...\n"
    )
    assert is_system_calls(source) == [("<module>", 2), ("f", 4)]
    assert untyped_actors(source) == [("f", 3), ("g", 6)]


def test_is_system_is_called_only_where_a_rule_differs_for_the_system() -> None:
    found = {}
    for path in _modules():
        for function, line in is_system_calls(path.read_text(encoding="utf-8")):
            found.setdefault((path.relative_to(PACKAGE).as_posix(), function), []).append(line)
    unexplained = {f"{path}:{lines[0]} ({function})" for (path, function), lines in found.items() if (path, function) not in ALLOWED}
    assert not unexplained, (
        "is_system outside core/actors.py: decorate the access helper with @lets_system_through, attribute with "
        f"user_of(actor), or add the place to ALLOWED with the rule that differs: {sorted(unexplained)}"
    )
    stale = set(ALLOWED) - set(found)
    assert not stale, f"ALLOWED names places that no longer call is_system: {sorted(stale)}"


def test_every_action_takes_a_typed_actor() -> None:
    untyped = [
        f"{path.relative_to(PACKAGE).as_posix()}:{line} {function}"
        for path in action_modules()
        for function, line in untyped_actors(path.read_text(encoding="utf-8"))
    ]
    assert not untyped, f"type the actor as core.actors.Actor, not Any: {untyped}"


@pytest.mark.django_db
def test_the_system_passes_a_decorated_helper_and_a_user_without_the_right_is_refused_with_its_message() -> None:
    city = make_city()
    check = tracking_access.require_edit_escalation_rules
    assert "lieguan.tracking.access.require_edit_escalation_rules" in LETS_SYSTEM_THROUGH

    check(SystemActor("remind"))  # no role at all, and passes
    check(city.user("dave"))  # a tracking officer has the right
    with pytest.raises(PermissionDenied) as refused:
        check(city.user("bob"))  # a liaison has not
    assert str(refused.value) == "只有會議幕僚、研考人員或系統管理者可以修改稽催分級規則。"

    assert passes(check, SystemActor("remind"))
    assert not passes(check, city.user("bob"))


@pytest.mark.django_db
def test_a_write_is_attributed_to_the_user_and_to_no_one_for_the_system() -> None:
    city = make_city()
    alice = city.user("alice")
    assert user_of(alice) == alice
    assert user_of(SystemActor("demo")) is None
    assert name_of(SystemActor("demo")) == "demo"
    assert name_of(alice) == "王小美"

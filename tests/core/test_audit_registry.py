"""Every audit event is declared once in the registry, and nothing records an event the registry does not know."""

from __future__ import annotations

import ast
import logging
from pathlib import Path

import pytest
from django.apps import apps
from django.db import transaction

from lieguan.core import audit, audit_events
from lieguan.core.audit_events import SNAPSHOT, Event, EventFamily, lookup, registered
from lieguan.core.models import AuditEntry
from lieguan.meetings.audit_events import MEETING_NOTICE
from lieguan.meetings.notice import NOTICE_ACTION
from lieguan.tracking import actions as t
from lieguan.tracking.actions import Decide
from tests.factories import SETUP, during

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "lieguan"

# The names stored entries already carry: renaming one would orphan the history written under it.
STORED_NAMES = {
    "agenda.add_item", "agenda.add_section", "agenda.confidential", "agenda.delete_item", "agenda.delete_section", "agenda.move_item",
    "agenda.move_section", "agenda.update_item", "agenda.update_section", "api_token.create", "api_token.revoke",
    "assignment.role", "assignment.status", "calendar.set_day", "calendar_feed.reset", "case.amend", "case.assign",
    "case.complete", "case.create", "case.decide", "case.move", "case.rebuild", "case.reopen", "case.select",
    "case.spawn", "case.status", "case.succession", "case.unassign", "case.update", "escalation_rule.delete",
    "escalation_rule.save", "import.file", "import.parse", "import.start", "indicator.create", "indicator.target",
    "indicator_alert.clear", "indicator_alert.raise", "indicator_alert.track", "indicator_alert.update",
    "indicator_report.attach", "indicator_rule.create", "indicator_rule.update", "indicator_value.correct",
    "indicator_value.record", "kpi.create", "kpi.update", "kpi_actual.attach", "kpi_actual.import", "kpi_actual.record",
    "kpi_actual.sentence", "kpi_goal.create", "kpi_goal.update", "kpi_target.set", "material.delete", "material.upload",
    "meeting.cancel", "meeting.import", "meeting.invite", "meeting.mark_attendance", "meeting.notice",
    "meeting.previous_minutes", "meeting.schedule", "meeting.sign_in", "meeting.uninvite", "meeting.update",
    "minutes.add_conclusion", "minutes.add_remark", "minutes.amend_conclusion", "minutes.case_decisions",
    "minutes.comment", "minutes.decision_sentence", "minutes.delete_conclusion", "minutes.delete_remark",
    "minutes.header", "minutes.mark_tracked", "minutes.resolve_comment", "minutes.transition", "minutes.update_conclusion",
    "minutes.update_item", "minutes.update_remark", "note.save", "notification.read", "notifications.email",
    "notifications.preference", "notifications.read", "notifications.send", "organisation.create", "organisation.end",
    "organisation.move", "organisation.rename", "person.create", "person.link_user", "person.update", "reminder.send",
    "report.attach", "report.revise", "report.submit", "role.grant", "role.revoke", "room.move", "series.create", "series.update",
    "stand_in.appoint", "stand_in.end", "stand_in.withdraw", "status_report.place", "succession.confirm",
    "succession.propose", "succession.withdraw", "user.admin_flags", "user.create", "workreport.create",
    "workreport.import", "workreport.save_part", "workreport.transition", "workreport.update_cover",
}  # fmt: skip


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


def _record_calls(tree: ast.AST) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Attribute) and node.func.attr == "record" and ast.unparse(node.func.value) == "audit")
            or (isinstance(node.func, ast.Name) and node.func.id == "record")
        )
    ]


def _registry_names(tree: ast.AST) -> dict[str, str]:
    """Local name → module, for every name a file imports from an audit_events module."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.endswith(".audit_events"):
            for alias in node.names:
                names[alias.asname or alias.name] = node.module
    return names


def _event_parameters(tree: ast.AST) -> set[str]:
    """Parameters annotated ``Event``: the caller passes the constant (mypy checks each call)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            for arg in [*node.args.args, *node.args.kwonlyargs]:
                if arg.annotation is not None and ast.unparse(arg.annotation) == "Event":
                    found.add(arg.arg)
    return found


def _problems_of(value: ast.expr, imported: dict[str, str], parameters: set[str]) -> list[str]:
    if isinstance(value, ast.IfExp):
        return _problems_of(value.body, imported, parameters) + _problems_of(value.orelse, imported, parameters)
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        if lookup(value.value) is None:
            return [f"{value.value!r} is not in the registry"]
        return [f"{value.value!r} is a string: use the registry's constant"]
    if isinstance(value, ast.Name):
        if value.id in imported:
            module = __import__(imported[value.id], fromlist=[value.id])
            event = getattr(module, value.id, None)
            return [] if isinstance(event, Event) and audit_events.is_known(event) else [f"{value.id} is not a registered event"]
        if value.id in parameters:
            return []
    if (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr == "named"
        and isinstance(value.func.value, ast.Name)
        and value.func.value.id in imported
    ):
        module = __import__(imported[value.func.value.id], fromlist=[value.func.value.id])
        family = getattr(module, value.func.value.id, None)
        return [] if isinstance(family, EventFamily) else [f"{value.func.value.id} is not an event family"]
    return [f"{ast.unparse(value)} is not a registry constant"]


def test_every_call_of_record_names_an_event_of_the_registry():
    problems: dict[str, list[str]] = {}
    calls = 0
    for path in _modules():
        relative = str(path.relative_to(PACKAGE))
        if relative == "core/audit.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported, parameters = _registry_names(tree), _event_parameters(tree)
        for call in _record_calls(tree):
            actions = [k.value for k in call.keywords if k.arg == "action"]
            if not actions:
                continue  # another object's record(), such as a reminder item's
            calls += 1
            found = _problems_of(actions[0], imported, parameters)
            if found:
                problems[f"{relative}:{call.lineno}"] = found
    assert calls > 100
    assert problems == {}


@pytest.mark.parametrize(
    ("source", "refused"),
    [
        ("audit.record(actor=a, action=CASE_ASSIGN, target=x)", False),
        ("audit.record(actor=a, action=CASE_ASSIGN if b else CASE_UNASSIGN, target=x)", False),
        ('audit.record(actor=a, action=ADMIN_CHANGE.named("person.update"), target=x)', False),
        ('audit.record(actor=a, action="case.assign", target=x)', True),
        ('audit.record(actor=a, action=f"case.{verb}", target=x)', True),
        ("audit.record(actor=a, action=NOT_IMPORTED, target=x)", True),
        ('audit.record(actor=a, action=CASE_ASSIGN if b else "case.unassign", target=x)', True),
    ],
)
def test_the_check_refuses_anything_but_a_registry_constant(source, refused):
    header = "from lieguan.core.audit_events import ADMIN_CHANGE\nfrom lieguan.tracking.audit_events import CASE_ASSIGN, CASE_UNASSIGN\n"
    tree = ast.parse(header + source)
    (call,) = _record_calls(tree)
    (action,) = [k.value for k in call.keywords if k.arg == "action"]
    assert bool(_problems_of(action, _registry_names(tree), set())) is refused


def test_the_registry_keeps_every_name_stored_entries_carry_and_each_event_says_what_it_is():
    names = {e.name for e in registered() if not e.name.startswith("admin:")}
    assert names == STORED_NAMES
    for event in registered():
        assert str(event.label).strip(), event.name
        for target in event.targets:
            if target != "*":
                apps.get_model(target)  # raises for a model that does not exist
        for side in (event.before, event.after):
            assert side is None or side == SNAPSHOT or (isinstance(side, tuple) and all(side))


def test_the_strings_other_modules_filter_the_trail_by_are_registered_names():
    assert MEETING_NOTICE.name == NOTICE_ACTION
    # organisations/views.py lists a succession's moves by tracking's event (it may not import tracking).
    assert lookup("case.succession") is not None


def test_an_event_declared_twice_with_other_data_is_refused():
    with pytest.raises(ValueError, match="declared twice"):
        Event("case.decide", "另一種列管決定", "tracking.casedecision")


@pytest.mark.django_db
def test_recording_an_event_the_registry_does_not_know_is_refused_in_tests(city):
    with transaction.atomic(), pytest.raises(audit.UnknownAuditEvent, match=r"case\.undeclared"):
        audit.record(actor=SETUP, action="case.undeclared", target=city.people["bob"])
    assert not AuditEntry.objects.filter(action="case.undeclared").exists()


@pytest.mark.django_db
def test_in_production_an_unknown_event_is_logged_as_an_error_and_still_recorded(city, settings, caplog):
    settings.LIEGUAN_AUDIT_STRICT = False
    with caplog.at_level(logging.ERROR, logger="lieguan.core.audit"), transaction.atomic():
        audit.record(actor=SETUP, action="case.undeclared", target=city.people["bob"])
    assert "case.undeclared" in caplog.text
    assert AuditEntry.objects.filter(action="case.undeclared").count() == 1
    assert audit.verify()[1] == []


@pytest.mark.django_db
def test_the_admin_sites_events_are_one_family_named_after_model_and_verb(city):
    with transaction.atomic():
        entry = audit.record(actor=SETUP, action="admin:calendarday.update", target=city.people["bob"])
    assert entry.action == "admin:calendarday.update"
    assert lookup("admin:") is None


@pytest.mark.django_db
def test_a_run_of_real_actions_records_only_registered_events(council):
    alice, dave = council.city.user("alice"), council.city.user("dave")
    with during(council.first):
        case = t.do_select_case(alice, council.it_conclusion, lead=council.city.it, co=[council.city.edu])
    t.do_submit_report(council.city.user("bob"), case.assignments.get(organisation=council.city.it), text="評估中。", proposal="continue")
    with during(council.second):
        t.do_place_status_report(alice, council.second)
        t.do_record_decisions(dave, council.second, [Decide(case, "release", (council.city.it,))])
    recorded = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"case.select", "case.assign", "report.submit", "case.decide", "assignment.status"} <= recorded
    assert all(lookup(name) is not None for name in recorded)


@pytest.mark.django_db
def test_a_change_through_the_admin_site_records_a_member_of_the_admin_family(admin_client):
    response = admin_client.post("/admin/core/calendarday/add/", {"date": "2026-10-10", "working": "", "note": "颱風假"})
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="admin:calendarday.create")
    assert entry.after["note"] == "颱風假"
    assert lookup(entry.action) is not None and str(lookup(entry.action).label) == "在管理介面修改參考資料"

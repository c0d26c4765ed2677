from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from lieguan.core import audit
from lieguan.core.models import AuditEntry
from lieguan.organisations import actions
from tests.factories import SETUP

pytestmark = pytest.mark.django_db


def _rename_many(city, n):
    for i in range(n):
        actions.do_update_person(SETUP, city.people["bob"], title=f"科員{i}")


def test_every_action_leaves_an_entry_with_before_and_after(city):
    person = city.people["bob"]
    actions.do_update_person(city.user("root"), person, title="股長")
    entry = audit.history(person).last()
    assert entry.action == "person.update"
    assert entry.actor_id == city.user("root").pk
    assert entry.before["title"] == "科員" and entry.after["title"] == "股長"


def test_the_chain_of_an_untouched_log_verifies(city):
    _rename_many(city, 3)
    count, problems = audit.verify()
    assert count == AuditEntry.objects.count() > 10
    assert problems == []


def test_the_database_refuses_to_update_an_audit_entry(city):
    entry = AuditEntry.objects.first()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(actor_label="someone else")


def _tamper(sql, params=()):
    """Change the log behind the application's back, as a rogue administrator with database access could."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER core_auditentry_append_only_update")
        else:
            cursor.execute("ALTER TABLE core_auditentry DISABLE TRIGGER core_auditentry_append_only")
        cursor.execute(sql, params)


def test_an_edited_entry_is_caught(city):
    _rename_many(city, 2)
    victim = AuditEntry.objects.order_by("seq")[3]
    _tamper("UPDATE core_auditentry SET after = %s WHERE id = %s", ['{"title": "forged"}', victim.pk])
    _, problems = audit.verify()
    assert [p.seq for p in problems] == [victim.seq]
    assert "被修改" in problems[0].message


def test_a_deleted_entry_is_caught(city):
    _rename_many(city, 2)
    victim = AuditEntry.objects.order_by("seq")[5]
    _tamper("DELETE FROM core_auditentry WHERE id = %s", [victim.pk])
    _, problems = audit.verify()
    assert problems and any("序號不連續" in p.message for p in problems)


def test_deleting_the_newest_entries_is_caught_by_the_head(city):
    _rename_many(city, 2)
    last = AuditEntry.objects.order_by("-seq").first()
    _tamper("DELETE FROM core_auditentry WHERE id = %s", [last.pk])
    _, problems = audit.verify()
    assert any("鏈尾不符" in p.message for p in problems)


def test_a_rewritten_entry_with_a_recomputed_hash_breaks_the_next_link(city):
    _rename_many(city, 2)
    entries = list(AuditEntry.objects.order_by("seq"))
    victim = entries[4]
    victim.actor_label = "forged"
    victim.hash = audit._digest(audit._hashed_fields(victim))
    _tamper("UPDATE core_auditentry SET actor_label = %s, hash = %s WHERE id = %s", [victim.actor_label, victim.hash, victim.pk])
    _, problems = audit.verify()
    assert [p.seq for p in problems] == [entries[5].seq]


def test_lieguan_audit_verify_reports_success_and_failure(city, capsys):
    call_command("audit", "verify")
    assert "稽核紀錄完整" in capsys.readouterr().out
    _tamper("UPDATE core_auditentry SET object_repr = 'x' WHERE seq = 2")
    with pytest.raises(CommandError, match="稽核紀錄驗證失敗"):
        call_command("audit", "verify")


@pytest.mark.django_db(transaction=True)
def test_recording_outside_a_transaction_is_refused(city):
    with pytest.raises(RuntimeError, match="inside the transaction"):
        audit.record(actor=SETUP, action="x", target=city.people["bob"])

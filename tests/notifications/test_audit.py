"""The audit lists every notification written, every e-mail attempt and every reading."""

from __future__ import annotations

import pytest

from lieguan.core import audit
from lieguan.core.models import AuditEntry
from lieguan.meetings import actions as m
from lieguan.notifications.actions import do_mark_all_read, do_mark_read
from lieguan.notifications.models import Notification
from tests.factories import during

pytestmark = pytest.mark.django_db


def test_each_notification_is_listed_in_the_audit_with_its_kind_and_recipient(concerned, django_capture_on_commit_callbacks):
    first, alice = concerned.council.first, concerned.user("alice")
    with django_capture_on_commit_callbacks(execute=True), during(first):
        m.do_transition_minutes(alice, first, "circulated")
    sent = AuditEntry.objects.filter(action="notifications.send").order_by("seq")
    assert sorted(int(e.object_id) for e in sent) == sorted(Notification.objects.values_list("pk", flat=True))
    frank = Notification.objects.get(user=concerned.user("frank"))
    entry = sent.get(object_id=str(frank.pk))
    assert entry.actor_id == alice.pk and entry.object_type == "notifications.notification"
    assert entry.after == {
        "kind": "minutes.circulated",
        "key": f"minutes.circulated:{first.pk}",
        "user": frank.user_id,
        "person": frank.person_id,
        "in_app": True,
        "email_to": "frank@example.gov.tw",
    }
    # The e-mails were sent by the worker, which the trail names.
    mailed = AuditEntry.objects.get(action="notifications.email", object_id=str(frank.pk))
    assert mailed.actor_label == "notifications" and mailed.after == {"email_state": "sent", "attempts": 1, "error": ""}
    assert audit.verify()[1] == []


def test_reading_is_listed_once_per_notification(concerned):
    first, frank = concerned.council.first, concerned.user("frank")
    with during(first):
        m.do_transition_minutes(concerned.user("alice"), first, "circulated")
        m.do_transition_minutes(concerned.user("alice"), first, "published")
    circulated, published = Notification.objects.filter(user=frank).order_by("id")
    do_mark_read(frank, circulated)
    do_mark_read(frank, circulated)
    assert do_mark_all_read(frank) == 1
    read = AuditEntry.objects.filter(action="notifications.read").order_by("seq")
    assert [e.object_id for e in read] == [str(circulated.pk), str(published.pk)]
    assert all(e.actor_id == frank.pk for e in read)


def test_nobody_marks_another_person_s_notification(concerned):
    from django.core.exceptions import PermissionDenied

    first = concerned.council.first
    with during(first):
        m.do_transition_minutes(concerned.user("alice"), first, "circulated")
    with pytest.raises(PermissionDenied):
        do_mark_read(concerned.user("carol"), Notification.objects.get(user=concerned.user("frank")))

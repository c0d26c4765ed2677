"""Each person chooses, per kind, the app, e-mail, both or neither; the choice is theirs alone and audited."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from lieguan.core.models import AuditEntry
from lieguan.meetings import actions as m
from lieguan.notifications import access
from lieguan.notifications.actions import do_set_preferences
from lieguan.notifications.models import Notification, Preference
from tests.factories import during

pytestmark = pytest.mark.django_db


def _circulate(concerned, capture):
    first = concerned.council.first
    with during(first), capture(execute=True):
        m.do_transition_minutes(concerned.user("alice"), first, "circulated")


def test_with_e_mail_off_no_mail_goes_but_the_inbox_still_has_it(concerned, django_capture_on_commit_callbacks):
    frank = concerned.user("frank")
    do_set_preferences(frank, {"minutes.circulated": (True, False)})
    _circulate(concerned, django_capture_on_commit_callbacks)
    mine = Notification.objects.get(user=frank)
    assert mine.in_app and mine.email_state == "" and mine.email_to == ""
    assert "frank@example.gov.tw" not in [message.to[0] for message in mail.outbox]
    assert "bob@example.gov.tw" in [message.to[0] for message in mail.outbox]  # others keep the default
    assert access.unread_count(frank) == 1


def test_with_the_app_off_the_mail_goes_and_the_inbox_and_header_stay_empty(concerned, django_capture_on_commit_callbacks):
    frank = concerned.user("frank")
    do_set_preferences(frank, {"minutes.circulated": (False, True)})
    _circulate(concerned, django_capture_on_commit_callbacks)
    assert "frank@example.gov.tw" in [message.to[0] for message in mail.outbox]
    assert list(access.visible_notifications(frank)) == [] and access.unread_count(frank) == 0


def test_a_choice_for_one_kind_leaves_the_others_as_they_were(concerned, django_capture_on_commit_callbacks):
    frank = concerned.user("frank")
    do_set_preferences(frank, {"minutes.published": (False, False)})
    _circulate(concerned, django_capture_on_commit_callbacks)
    assert Notification.objects.get(user=frank).email_state == "sent"


def test_each_changed_choice_is_recorded_and_an_unchanged_one_is_not(concerned):
    frank = concerned.user("frank")
    changed = do_set_preferences(frank, {"minutes.circulated": (True, False), "case.assigned": (True, True)})
    assert [p.kind for p in changed] == ["minutes.circulated"]
    assert do_set_preferences(frank, {"minutes.circulated": (True, False)}) == []
    entry = AuditEntry.objects.get(action="notifications.preference")
    assert entry.actor_id == frank.pk and entry.before == {"in_app": True, "email": True}
    assert entry.after == {"in_app": True, "email": False}
    assert Preference.objects.filter(user=frank).count() == 1


def test_an_unknown_kind_and_a_visitor_are_refused(concerned):
    with pytest.raises(ValidationError):
        do_set_preferences(concerned.user("frank"), {"no.such.kind": (True, True)})
    with pytest.raises(PermissionDenied):
        do_set_preferences(AnonymousUser(), {"minutes.circulated": (True, True)})

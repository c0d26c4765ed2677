"""Nothing is told twice: not by running an action again, not to someone reached two ways, not after a rollback."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction

from lieguan.meetings import actions as m
from lieguan.meetings import notifying
from lieguan.notifications.actions import do_notify
from lieguan.notifications.kinds import MINUTES_CIRCULATED, MINUTES_PUBLISHED
from lieguan.notifications.models import Notification
from tests.factories import SETUP, during
from tests.notifications.conftest import told

pytestmark = pytest.mark.django_db


def test_circulating_again_after_a_return_to_draft_tells_nobody_again(concerned):
    first, alice = concerned.council.first, concerned.user("alice")
    with during(first):
        m.do_transition_minutes(alice, first, "circulated")
        m.do_transition_minutes(alice, first, "draft")
        m.do_transition_minutes(alice, first, "circulated")
    assert Notification.objects.filter(kind="minutes.circulated").count() == 4
    assert told(MINUTES_CIRCULATED) == {"frank", "erin", "周議員", "bob"}


def test_telling_of_a_publication_again_adds_nothing(concerned, django_capture_on_commit_callbacks):
    first, alice = concerned.council.first, concerned.user("alice")
    with during(first), django_capture_on_commit_callbacks(execute=True):
        m.do_transition_minutes(alice, first, "published")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        notifying.minutes_moved(alice, first, "published")
    assert Notification.objects.filter(kind="minutes.published").count() == 4
    assert len(mail.outbox) == 4


def test_someone_reached_as_invitee_and_as_liaison_is_told_once(concerned):
    first, alice, city = concerned.council.first, concerned.user("alice"), concerned.council.city
    m.do_invite(alice, first, city.people["bob"])  # bob is also 資訊局's liaison, and 資訊局 presents
    with during(first):
        m.do_transition_minutes(alice, first, "circulated")
    assert Notification.objects.filter(user=city.user("bob")).count() == 1


def test_a_change_rolled_back_leaves_no_notification_and_sends_no_mail(concerned, django_capture_on_commit_callbacks):
    frank = concerned.user("frank")

    def change_that_fails_after_telling():
        with transaction.atomic():
            do_notify(SETUP, MINUTES_PUBLISHED, key="minutes.published:test", subject="紀錄已發布", users=[frank])
            raise RuntimeError("the change failed after telling")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        change_that_fails_after_telling()
    assert not Notification.objects.exists() and mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_notifying_outside_the_change_s_transaction_is_refused():
    with pytest.raises(RuntimeError, match="inside the transaction"):
        do_notify(SETUP, MINUTES_PUBLISHED, key="k", subject="s", users=[])


def test_a_kind_not_declared_is_refused(concerned):
    from lieguan.notifications.kinds import _KINDS, Kind

    stray = Kind("test.stray", "stray", "never")
    del _KINDS[stray.name]
    with pytest.raises(ValueError, match="not declared"), transaction.atomic():
        do_notify(SETUP, stray, key="k", subject="s", users=[concerned.user("frank")])

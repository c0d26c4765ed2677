"""E-mail goes out from the background worker after the change commits; a refusal never loses the notification."""

from __future__ import annotations

import datetime as dt
import smtplib
from unittest.mock import patch

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from lieguan.core.worker import worker_started
from lieguan.meetings import actions as m
from lieguan.notifications import access, tasks
from lieguan.notifications.actions import deliver_email, email_due
from lieguan.notifications.actions.delivery import MAX_ATTEMPTS
from lieguan.notifications.models import Notification
from tests.factories import during
from tests.meetings.test_import_background import DATABASE_QUEUE, WORKER_LOOP, run_worker_once

pytestmark = pytest.mark.django_db

REFUSING = "tests.notifications.test_email.RefusingBackend"


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def _circulate(concerned, capture):
    first = concerned.council.first
    with capture(execute=True), during(first):  # the e-mails go once the clock is back to now
        m.do_transition_minutes(concerned.user("alice"), first, "circulated")


def _frank(concerned) -> Notification:
    return Notification.objects.get(user=concerned.user("frank"))


def test_a_refused_e_mail_keeps_the_notification_in_the_app_and_waits_for_its_next_attempt(
    concerned, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = REFUSING
    _circulate(concerned, django_capture_on_commit_callbacks)
    frank = _frank(concerned)
    assert frank.in_app and access.unread_count(concerned.user("frank")) == 1
    assert (frank.email_state, frank.email_attempts) == ("pending", 1)
    assert frank.email_error == "Connection unexpectedly closed"
    assert frank.email_next_at > timezone.now() and email_due() == []


def test_it_is_tried_again_when_due_and_each_mail_goes_once(concerned, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = REFUSING
    _circulate(concerned, django_capture_on_commit_callbacks)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert tasks.send_due_emails.call() == {}  # not yet due
    with patch("django.utils.timezone.now", return_value=timezone.now() + dt.timedelta(minutes=2)):
        assert tasks.send_due_emails.call() == {"sent": 4}
        assert tasks.send_due_emails.call() == {}
    assert sorted(message.to[0] for message in mail.outbox) == [
        "bob@example.gov.tw",
        "councillor@example.tw",
        "erin@example.gov.tw",
        "frank@example.gov.tw",
    ]
    frank = _frank(concerned)
    assert (frank.email_state, frank.email_attempts, frank.email_error) == ("sent", 2, "")
    assert "http://testserver/meetings/" in mail.outbox[0].body


def test_after_the_last_attempt_the_e_mail_is_given_up_and_the_notification_stays(concerned, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = REFUSING
    _circulate(concerned, django_capture_on_commit_callbacks)
    moment = timezone.now()
    for _ in range(MAX_ATTEMPTS - 1):
        moment += dt.timedelta(hours=9)
        with patch("django.utils.timezone.now", return_value=moment):
            tasks.send_due_emails.call()
    frank = _frank(concerned)
    assert (frank.email_state, frank.email_attempts) == ("failed", MAX_ATTEMPTS)
    assert list(access.visible_notifications(concerned.user("frank"))) == [frank]


def test_a_starting_worker_sends_what_is_due(concerned, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = REFUSING
    _circulate(concerned, django_capture_on_commit_callbacks)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with patch("django.utils.timezone.now", return_value=timezone.now() + dt.timedelta(minutes=2)):
        worker_started.send(sender=None)
    assert len(mail.outbox) == 4


def test_an_e_mail_left_by_a_worker_that_died_is_sent_later_and_one_being_sent_is_not_taken_twice(concerned, settings):
    first = concerned.council.first
    with during(first):
        m.do_transition_minutes(concerned.user("alice"), first, "circulated")  # its e-mails are not queued: no commit
    frank = _frank(concerned)
    Notification.objects.filter(pk=frank.pk).update(email_state="sending", email_claimed_at=timezone.now())
    assert deliver_email(frank.pk) == "sending" and mail.outbox == []
    Notification.objects.filter(pk=frank.pk).update(email_claimed_at=timezone.now() - dt.timedelta(minutes=20))
    assert frank.pk in email_due()
    assert deliver_email(frank.pk) == "sent"
    assert deliver_email(frank.pk) == "sent" and len(mail.outbox) == 1


@WORKER_LOOP
def test_the_request_queues_the_e_mails_once_committed_and_the_worker_sends_them(client, council, settings):
    settings.TASKS = DATABASE_QUEUE
    city = council.city
    from lieguan.meetings.actions import do_invite

    do_invite(city.user("alice"), council.first, city.people["frank"])
    client.force_login(city.user("alice"))
    with during(council.first):
        response = client.post(reverse("meetings:minutes_transition", args=[council.first.pk]), {"to_state": "circulated"})
    assert response.status_code == 302
    # The request wrote the notifications and queued one task; it sent nothing itself.
    assert Notification.objects.filter(email_state="pending").count() == 2  # frank, and bob for 資訊局
    assert list(DBTaskResult.objects.values_list("task_path", "status")) == [("lieguan.notifications.tasks.send_emails", "READY")]
    assert mail.outbox == []
    run_worker_once()
    assert sorted(message.to[0] for message in mail.outbox) == ["bob@example.gov.tw", "frank@example.gov.tw"]
    assert set(Notification.objects.values_list("email_state", flat=True)) == {"sent"}


@WORKER_LOOP
def test_with_the_database_queue_a_refusal_plans_the_next_attempt(council, settings):
    settings.TASKS = DATABASE_QUEUE
    settings.EMAIL_BACKEND = REFUSING
    city = council.city
    m.do_invite(city.user("alice"), council.first, city.people["frank"])
    with during(council.first):
        m.do_transition_minutes(city.user("alice"), council.first, "circulated")
    run_worker_once()
    # (The worker, as it started, also looked for e-mails due: none were yet.)
    later = DBTaskResult.objects.filter(task_path="lieguan.notifications.tasks.send_due_emails", status="READY").get()
    assert later.run_after == Notification.objects.order_by("email_next_at").first().email_next_at

"""Background work of notifications: sending their e-mails, never in a web request.

``do_notify`` queues ``send_emails`` once the change it tells of is committed.
A refused e-mail waits for its next attempt (``delivery.RETRY_DELAYS``): where
the task backend can run a task later (the database queue), the task queues
itself for then; and every worker that starts queues whatever is due, which
also covers e-mails whose queueing was lost with a process that died right
after its commit.
"""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver
from django_tasks import default_task_backend, task

from lieguan.core.worker import worker_started
from lieguan.notifications.actions import deliver_email, email_due, retry_after
from lieguan.notifications.models import Notification


@task()
def send_emails(notification_ids: list[int]) -> dict[str, int]:
    outcome: dict[str, int] = {}
    for pk in notification_ids:
        state = deliver_email(pk)
        outcome[state] = outcome.get(state, 0) + 1
    # One run that met a refusal plans the next attempt (not every run while one waits, or the plans would pile up).
    # The immediate backend (tests) cannot wait: there the next worker start, or a call of send_due_emails, retries.
    later = retry_after() if outcome.get(Notification.EmailState.PENDING) else None
    if later is not None and default_task_backend.supports_defer:
        send_due_emails.using(run_after=later).enqueue()
    return outcome


@task()
def send_due_emails() -> dict[str, int]:
    due = email_due()
    return send_emails.call(due) if due else {}


@receiver(worker_started)
def queue_due_emails(**kwargs: Any) -> None:
    if email_due():
        send_due_emails.enqueue()

"""Sending the reminders that ``tracking.reminders.plan`` found: each digest recorded, notified and e-mailed once.

Planning reads; this writes. Each digest is one transaction (the record, the
in-app notification, the audit entry and the e-mail), so a refused e-mail
leaves nothing recorded and the next run tries again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.core.mail import get_connection
from django.db import transaction
from django.utils.translation import gettext as _

from lieguan.core import audit
from lieguan.core.actors import Actor
from lieguan.core.dates import long_date
from lieguan.notifications.actions import do_notify
from lieguan.notifications.kinds import REMINDER
from lieguan.tracking import access
from lieguan.tracking.audit_events import REMINDER_SEND
from lieguan.tracking.digests import Digest, agency_path
from lieguan.tracking.models import EscalationRecipient, ReminderLog
from lieguan.tracking.reminders import ACTOR, Plan


def do_send_digest(actor: Actor, digest: Digest, *, base_url: str, connection: Any | None = None) -> bool:
    """Record, notify in the app and e-mail one digest, all or nothing; False if it had all been sent already.

    The e-mail goes out inside the transaction: if the mail server refuses it,
    nothing is recorded and the next run tries again.
    """
    access.require_remind_owners(actor, [i.owner_id for i in digest.items])
    User = get_user_model()
    with transaction.atomic():
        # Two runs at once must not both send: the second waits here, then finds the keys taken.
        User.objects.select_for_update().filter(pk=digest.user.pk).first()
        taken = set(ReminderLog.objects.filter(user=digest.user, key__in=digest.keys).values_list("key", flat=True))
        digest.items = [i for i in digest.items if i.key not in taken]
        digest.news = [n for n in digest.news if n.key not in taken]
        if not digest.items and not digest.news:
            return False
        email = digest.email
        records = [(i.key, i.record()) for i in digest.items] + [(n.key, n.record()) for n in digest.news]
        logged = ReminderLog.objects.bulk_create(
            [
                ReminderLog(user=digest.user, organisation=digest.organisation, key=key, cases=[record], emailed=bool(email))
                for key, record in records
            ]
        )
        # In the app like every other notification; the e-mail is this digest's own, sent below with the record.
        digest_key = hashlib.sha256("\n".join(sorted(digest.keys)).encode()).hexdigest()[:16]
        do_notify(
            actor,
            REMINDER,
            key=f"reminder:{digest.organisation.pk}:{digest.today.isoformat()}:{digest_key}",
            words=digest.words,
            link=agency_path(digest.organisation),
            users=[digest.user],
            email=False,
        )
        audit.record(
            actor=actor,
            action=REMINDER_SEND,
            target=logged[0],
            after={
                "user": digest.user.pk,
                "organisation": digest.organisation.pk,
                "date": digest.today.isoformat(),
                "keys": digest.keys,
                "emailed": email,
                "tier": digest.tier,
                "recipient": str(digest.recipient),
                "acting_for": digest.acting_for.pk if digest.acting_for is not None else None,
                "unreached": digest.unreached,
            },
        )
        if email:
            (connection or get_connection()).send_messages([digest.message(base_url)])
    return True


@dataclass
class Outcome:
    digests: int = 0
    emailed: int = 0
    in_app_only: int = 0
    overdue: int = 0
    due_soon: int = 0
    news: int = 0
    failures: list[str] = field(default_factory=list)


def send(reminders: Plan, *, base_url: str, dry_run: bool = False, actor: Actor = ACTOR) -> Outcome:
    """Send every digest of the plan (or, ``dry_run``, only count them); one failing digest does not stop the others."""
    outcome = Outcome()

    def count(digest: Digest) -> None:
        outcome.digests += 1
        outcome.overdue += len(digest.overdue)
        outcome.due_soon += len(digest.due_soon)
        outcome.news += len(digest.news)
        if digest.email:
            outcome.emailed += 1
        else:
            outcome.in_app_only += 1

    if dry_run:
        for digest in reminders.digests:
            count(digest)
        return outcome
    connection = get_connection() if any(d.email for d in reminders.digests) else None
    for digest in reminders.digests:
        try:
            if do_send_digest(actor, digest, base_url=base_url, connection=connection):
                count(digest)
        except (OSError, ConnectionError) as error:  # smtplib's errors are OSErrors
            outcome.failures.append(
                _("%(agency)s %(addressee)s（%(email)s）：%(error)s")
                % {"agency": digest.organisation.display_name, "addressee": digest.addressee, "email": digest.email, "error": error}
            )
    if connection is not None:
        connection.close()
    return outcome


def summary(reminders: Plan, outcome: Outcome, *, dry_run: bool) -> str:
    values = {
        "day": long_date(reminders.today),
        "digests": outcome.digests,
        "emailed": outcome.emailed,
        "in_app_only": outcome.in_app_only,
        "overdue": outcome.overdue,
        "within": reminders.within,
        "due_soon": outcome.due_soon,
        "repeated": reminders.repeated,
    }
    if dry_run:
        first = _(
            "稽催試跑（未寄送、未記錄）：%(day)s，將寄出 %(digests)s 份稽催摘要（電子郵件 %(emailed)s 封、無電子郵件僅站內通知 "
            "%(in_app_only)s 份），共逾期 %(overdue)s 件、%(within)s 個工作日內到期 %(due_soon)s 件；先前已通知而不重寄 %(repeated)s 件"
        )
    else:
        first = _(
            "稽催完成：%(day)s，已寄出 %(digests)s 份稽催摘要（電子郵件 %(emailed)s 封、無電子郵件僅站內通知 "
            "%(in_app_only)s 份），共逾期 %(overdue)s 件、%(within)s 個工作日內到期 %(due_soon)s 件；先前已通知而不重寄 %(repeated)s 件"
        )
    parts = [first % values]
    if outcome.news:
        parts.append(_("另通知指標警示等事項 %(count)s 則") % {"count": outcome.news})
    escalated = sum(1 for d in reminders.digests if d.tier and d.recipient != EscalationRecipient.LIAISON)
    if escalated:
        parts.append(_("其中分級稽催（首長、主席等）%(count)s 份") % {"count": escalated})
    if reminders.unreached:
        named = _("、").join(
            (_("%(agency)s %(count)s 件") if u.told else _("%(agency)s %(count)s 件（亦無會議幕僚可通知）"))
            % {"agency": u.organisation.display_name, "count": u.count}
            for u in reminders.unreached
        )
        parts.append(
            _("無聯絡人可收稽催的機關 %(count)s 個，已通知會議幕僚：%(agencies)s") % {"count": len(reminders.unreached), "agencies": named}
        )
    if outcome.failures:
        parts.append(_("寄送失敗 %(count)s 份") % {"count": len(outcome.failures)})
    return _("；").join(parts) + _("。")

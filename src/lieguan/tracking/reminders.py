"""Reminders (稽催): one digest per liaison and agency of the open cases that are overdue or due soon.

``plan`` finds, for every liaison, the open assignments of their agency (and
its units) whose case is past its deadline or due within N working days on the
government calendar, leaving out what was already sent; ``send`` delivers each
digest in the app and by e-mail, and records it so that it never goes twice.

A reminder is identified by assignment, state and deadline (``ReminderLog.key``):
the same case in the same state is not chased again, but a case that becomes
overdue, or whose deadline is moved, is.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse

from lieguan.core import audit
from lieguan.core.actors import SystemActor, is_system
from lieguan.core.models import Notification
from lieguan.minutes.rocdate import format_roc_date
from lieguan.minutes.sentences import case_sort_key
from lieguan.organisations.access import descendants, require_admin
from lieguan.organisations.models import Organisation, Role, RoleGrant
from lieguan.tracking.calendar import work_calendar
from lieguan.tracking.models import Assignment, CaseStatus, ReminderLog

DEFAULT_WITHIN = 5
ACTOR = SystemActor("remind")
# Keys are looked up in batches: a city has thousands of reminders on record after a few years.
_BATCH = 500


class State(StrEnum):
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"


@dataclass(frozen=True)
class Item:
    """One agency's part of one case, as it appears in a digest."""

    assignment_id: int
    case_id: int
    number: str
    title: str
    deadline: dt.date
    state: State
    organisation: str
    role: str
    days_overdue: int = 0
    working_days_left: int = 0
    due_today: bool = False

    @property
    def key(self) -> str:
        return f"assignment:{self.assignment_id}:{self.state}:{self.deadline.isoformat()}"

    @property
    def when(self) -> str:
        """已逾期 3 日 / 尚餘 2 個工作日 / 今日到期"""
        if self.state == State.OVERDUE:
            return f"已逾期 {self.days_overdue} 日"
        if self.due_today:
            return "今日到期"
        if self.working_days_left == 0:
            return "期限適逢假日，請於今日辦結"
        return f"尚餘 {self.working_days_left} 個工作日"

    def record(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "case": self.case_id,
            "assignment": self.assignment_id,
            "number": self.number,
            "state": str(self.state),
            "deadline": self.deadline.isoformat(),
        }


@dataclass
class Digest:
    """What one liaison is told about one agency's cases in one run."""

    user: Any
    organisation: Organisation
    today: dt.date
    within: int
    items: list[Item] = field(default_factory=list)
    # Cases still due or overdue that earlier reminders already named.
    already: int = 0

    @property
    def email(self) -> str:
        person = getattr(self.user, "person", None)
        return (person.email if person is not None else "") or self.user.email or ""

    @property
    def addressee(self) -> str:
        person = getattr(self.user, "person", None)
        return f"{person.name}{person.title}" if person is not None else self.user.get_username()

    @property
    def overdue(self) -> list[Item]:
        return [i for i in self.items if i.state == State.OVERDUE]

    @property
    def due_soon(self) -> list[Item]:
        return [i for i in self.items if i.state == State.DUE_SOON]

    @property
    def subject(self) -> str:
        counts = []
        if self.overdue:
            counts.append(f"逾期 {len(self.overdue)} 案")
        if self.due_soon:
            counts.append(f"列管期限將屆 {len(self.due_soon)} 案")
        return f"【列管稽催】{self.organisation.display_name}：{'、'.join(counts)}"

    def body(self, base_url: str = "") -> str:
        """The text of the digest; with ``base_url`` (the e-mail) each case carries its full link."""
        lines = [
            f"{self.addressee}　您好：",
            "",
            f"截至{format_roc_date(self.today, prefix='民國')}，{self.organisation.display_name}主辦或協辦的下列列管案件"
            "已逾列管期限或期限將屆，請儘速辦理並填報辦理情形。",
        ]
        sections = (
            (f"已逾列管期限（{len(self.overdue)} 案）", self.overdue),
            (
                f"列管期限將屆：{self.within} 個工作日內到期（{len(self.due_soon)} 案）",
                self.due_soon,
            ),
        )
        for heading, items in sections:
            if not items:
                continue
            lines += ["", f"【{heading}】"]
            for n, item in enumerate(items, start=1):
                lines.append(f"{n}. 列管編號 {item.number}　{item.title}")
                lines.append(f"   列管期限：{format_roc_date(item.deadline)}（{item.when}）")
                lines.append(f"   {item.role}機關：{item.organisation}")
                if base_url:
                    lines.append(f"   {base_url.rstrip('/')}{case_path(item.case_id)}")
        if self.already:
            lines += ["", f"另有 {self.already} 案先前已通知，仍在列管中，請一併辦理。"]
        if base_url:
            lines += ["", f"{self.organisation.display_name}所有列管中案件：{base_url.rstrip('/')}{agency_path(self.organisation)}"]
            lines += ["", "本信由系統依列管期限自動寄發，請勿直接回覆。", f"{settings.CITY_NAME}　會議與列管系統"]
        return "\n".join(lines)

    def message(self, base_url: str) -> EmailMessage:
        return EmailMessage(subject=self.subject, body=self.body(base_url), from_email=settings.DEFAULT_FROM_EMAIL, to=[self.email])


@dataclass
class Plan:
    today: dt.date
    within: int
    digests: list[Digest]
    # Reminders left out because they were sent before.
    repeated: int = 0


def case_path(case_id: int) -> str:
    return reverse("tracking:case", args=[case_id])


def agency_path(organisation: Organisation) -> str:
    return f"{reverse('reports:agencies')}?agency={organisation.pk}"


def _depths(parent_of: dict[int, int | None]) -> dict[int, int]:
    depths: dict[int, int] = {}
    for org in parent_of:
        chain, node, seen = 0, parent_of.get(org), {org}
        while node is not None and node not in seen:
            seen.add(node)
            chain += 1
            node = parent_of.get(node)
        depths[org] = chain
    return depths


def _sent_keys(pairs: set[tuple[int, str]]) -> set[tuple[int, str]]:
    by_user: dict[int, list[str]] = defaultdict(list)
    for user_id, key in pairs:
        by_user[user_id].append(key)
    found: set[tuple[int, str]] = set()
    for user_id, keys in by_user.items():
        for start in range(0, len(keys), _BATCH):
            chunk = keys[start : start + _BATCH]
            found.update(ReminderLog.objects.filter(user_id=user_id, key__in=chunk).values_list("user_id", "key"))
    return found


def plan(today: dt.date, within: int = DEFAULT_WITHIN) -> Plan:
    """The digests to send on ``today``: per liaison and agency, the reminders not sent before."""
    if within < 0:
        raise ValueError("within must not be negative")
    calendar = work_calendar()
    parent_of: dict[int, int | None] = dict(Organisation.objects.values_list("id", "parent_id"))
    depth = _depths(parent_of)
    grants = list(
        RoleGrant.objects.filter(role=Role.LIAISON, organisation__isnull=False, user__is_active=True).select_related(
            "user", "user__person", "organisation"
        )
    )
    # A liaison of an agency and of one of its units hears about the unit's cases once, under the unit.
    grants.sort(key=lambda g: (g.user_id, -depth.get(g.organisation_id or 0, 0), g.organisation_id))
    scopes = {g.pk: descendants(parent_of, [g.organisation_id]) for g in grants if g.organisation_id is not None}
    covered = set().union(*scopes.values()) if scopes else set()
    # Due within N working days: fewer than N + 1 working days away, i.e. before the (N + 1)th working day.
    horizon = calendar.add_working_days(today, within + 1)
    assignments = list(
        Assignment.objects.filter(
            status=CaseStatus.OPEN,
            case__status=CaseStatus.OPEN,
            case__deadline__isnull=False,
            case__deadline__lt=horizon,
            organisation_id__in=covered,
        ).select_related("case", "organisation")
    )
    items_by_org: dict[int, list[Item]] = defaultdict(list)
    for a in assignments:
        deadline = a.case.deadline
        assert deadline is not None
        overdue = deadline < today
        items_by_org[a.organisation_id].append(
            Item(
                assignment_id=a.pk,
                case_id=a.case_id,
                number=a.case.number,
                title=a.case.title,
                deadline=deadline,
                state=State.OVERDUE if overdue else State.DUE_SOON,
                organisation=a.organisation.display_name,
                role=a.get_role_display(),
                days_overdue=(today - deadline).days if overdue else 0,
                working_days_left=0 if overdue else calendar.working_days_between(today, deadline),
                due_today=deadline == today,
            )
        )
    wanted: list[tuple[RoleGrant, list[Item]]] = []
    taken: set[tuple[int, int]] = set()
    for grant in grants:
        items = []
        for org in scopes.get(grant.pk, frozenset()):
            for item in items_by_org.get(org, []):
                if (grant.user_id, item.assignment_id) not in taken:
                    taken.add((grant.user_id, item.assignment_id))
                    items.append(item)
        if items:
            wanted.append((grant, items))
    sent = _sent_keys({(g.user_id, i.key) for g, items in wanted for i in items})
    digests: list[Digest] = []
    repeated = 0
    for grant, items in wanted:
        fresh = [i for i in items if (grant.user_id, i.key) not in sent]
        repeated += len(items) - len(fresh)
        if not fresh:
            continue
        fresh.sort(key=lambda i: (i.state != State.OVERDUE, i.deadline, case_sort_key(i.number), i.organisation))
        assert grant.organisation is not None
        digests.append(Digest(grant.user, grant.organisation, today, within, items=fresh, already=len(items) - len(fresh)))
    digests.sort(key=lambda d: (d.organisation.sort_order, d.organisation.code, d.user.get_username()))
    return Plan(today=today, within=within, digests=digests, repeated=repeated)


def do_send_digest(actor: Any, digest: Digest, *, base_url: str, connection: Any | None = None) -> bool:
    """Record, notify in the app and e-mail one digest, all or nothing; False if it had all been sent already.

    The e-mail goes out inside the transaction: if the mail server refuses it,
    nothing is recorded and the next run tries again.
    """
    if not is_system(actor):
        require_admin(actor)
    User = get_user_model()
    with transaction.atomic():
        # Two runs at once must not both send: the second waits here, then finds the keys taken.
        User.objects.select_for_update().filter(pk=digest.user.pk).first()
        taken = set(ReminderLog.objects.filter(user=digest.user, key__in=[i.key for i in digest.items]).values_list("key", flat=True))
        digest.items = [i for i in digest.items if i.key not in taken]
        if not digest.items:
            return False
        email = digest.email
        ReminderLog.objects.bulk_create(
            [
                ReminderLog(user=digest.user, organisation=digest.organisation, key=i.key, cases=[i.record()], emailed=bool(email))
                for i in digest.items
            ]
        )
        notification = Notification.objects.create(
            user=digest.user, subject=digest.subject[:200], body=digest.body(), link=agency_path(digest.organisation)[:300]
        )
        audit.record(
            actor=actor,
            action="reminder.send",
            target=notification,
            after={
                "user": digest.user.pk,
                "organisation": digest.organisation.pk,
                "date": digest.today.isoformat(),
                "keys": [i.key for i in digest.items],
                "emailed": email,
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
    failures: list[str] = field(default_factory=list)


def send(reminders: Plan, *, base_url: str, dry_run: bool = False, actor: Any = ACTOR) -> Outcome:
    """Send every digest of the plan (or, ``dry_run``, only count them); one failing digest does not stop the others."""
    outcome = Outcome()

    def count(digest: Digest) -> None:
        outcome.digests += 1
        outcome.overdue += len(digest.overdue)
        outcome.due_soon += len(digest.due_soon)
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
            outcome.failures.append(f"{digest.organisation.display_name} {digest.addressee}（{digest.email}）：{error}")
    if connection is not None:
        connection.close()
    return outcome


def summary(reminders: Plan, outcome: Outcome, *, dry_run: bool) -> str:
    day = format_roc_date(reminders.today)
    verb = "將寄出" if dry_run else "已寄出"
    text = (
        f"稽催{'試跑（未寄送、未記錄）' if dry_run else '完成'}：{day}，{verb} {outcome.digests} 份稽催摘要"
        f"（電子郵件 {outcome.emailed} 封、無電子郵件僅站內通知 {outcome.in_app_only} 份），"
        f"共逾期 {outcome.overdue} 件、{reminders.within} 個工作日內到期 {outcome.due_soon} 件；"
        f"先前已通知而不重寄 {reminders.repeated} 件"
    )
    if outcome.failures:
        text += f"；寄送失敗 {len(outcome.failures)} 份"
    return text + "。"

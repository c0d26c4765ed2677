"""Reminders (稽催): one digest per liaison and agency of the open cases that are overdue or due soon.

``plan`` finds, for every liaison, the open assignments of their agency (and
its units) whose case is past its deadline or due within N working days on the
government calendar, leaving out what was already sent; ``tracking.actions.reminding``
delivers each digest in the app and by e-mail, and records it so that it never goes twice.

Three things widen who hears of a case:
- a liaison on leave has a stand-in (職務代理人, ``organisations.access``) who gets their digest;
- the escalation rules (``EscalationRule``, data the secretariat edits) send a case overdue
  long enough, in working days, to the agency's head, the series' chair or the secretariat,
  and every digest states its tier;
- an agency that nobody can be reminded at is reported to the secretariat running the case
  and named in the run's summary, never skipped in silence.

A reminder is identified by assignment, state and deadline (``ReminderLog.key``),
with the tier for an escalation: the same case in the same state is not chased
again, but a case that becomes overdue, climbs a tier, or whose deadline is moved, is.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from lieguan.core.actors import SystemActor
from lieguan.core.calendar import work_calendar
from lieguan.meetings.confidential import CONFIDENTIAL_TITLE_MSGID
from lieguan.minutes.sentences import case_sort_key
from lieguan.notifications.wording import (
    Line,
    Message,
    Sentence,
    choice,
    in_source_language,
    indented,
    lines_in_source_language,
    said,
)
from lieguan.organisations.access import acting_users, descendants, viewer_for
from lieguan.organisations.models import Organisation, Person, Role, RoleGrant
from lieguan.tracking.access import hidden_case_ids
from lieguan.tracking.cycles import current_cycles
from lieguan.tracking.models import Assignment, CaseStatus, EscalationRecipient, EscalationRule, ProgressReport, ReminderLog

DEFAULT_WITHIN = 5
ACTOR = SystemActor("remind")
# Keys are looked up in batches: a city has thousands of reminders on record after a few years.
_BATCH = 500
# Apps further right in the chain add their own news to the digests (indicator alerts) without tracking importing them:
# each source gives, for a day, the news of every agency (see ``News``).
NEWS_SOURCES: list[Callable[[dt.date], list[News]]] = []


class State(StrEnum):
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    # No progress report yet for the coming meeting (an escalation rule's other condition); the item's
    # ``deadline`` is then the meeting's day.
    NO_REPORT = "no_report"


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
    # The agency's part, as its label (主辦 | 協辦).
    role: str
    # The body running the case: who may send its reminders from the web (tracking.access.manages_owner).
    owner_id: int = 0
    organisation_id: int = 0
    # Working days past the deadline, as the escalation rules count them.
    days_overdue: int = 0
    working_days_left: int = 0
    due_today: bool = False
    # The escalation tier the case has reached (0: none yet).
    tier: int = 0
    # Why this recipient hears of it: "" for the agency's own liaison, "tier2" for an escalation,
    # "unreached" for the secretariat told that the agency has nobody to remind.
    channel: str = ""

    @property
    def key(self) -> str:
        base = f"assignment:{self.assignment_id}:{self.state}:{self.deadline.isoformat()}"
        return f"{base}:{self.channel}" if self.channel else base

    @property
    def when_words(self) -> Sentence:
        if self.state == State.OVERDUE:
            return said(gettext_noop("已逾期 %(days)d 個工作日"), days=self.days_overdue)
        if self.state == State.NO_REPORT:
            return said(gettext_noop("距會議 %(days)d 個工作日，尚未填報本期辦理情形"), days=self.working_days_left)
        if self.due_today:
            return said(gettext_noop("今日到期"))
        if self.working_days_left == 0:
            return said(gettext_noop("期限適逢假日，請於今日辦結"))
        return said(gettext_noop("尚餘 %(days)d 個工作日"), days=self.working_days_left)

    @property
    def when(self) -> str:
        """已逾期 3 個工作日 / 尚餘 2 個工作日 / 今日到期"""
        return in_source_language(self.when_words)

    def record(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "case": self.case_id,
            "assignment": self.assignment_id,
            "number": self.number,
            "state": str(self.state),
            "deadline": self.deadline.isoformat(),
            "tier": self.tier,
        }


@dataclass(frozen=True)
class News:
    """Something other than a case that an agency's liaisons are told once, in the same digest (an indicator alert).

    ``key`` is recorded like a case's reminder key, so the same news never goes
    twice; a source that puts what changed into the key (an alert's latest month)
    makes a change news again.
    """

    key: str
    organisation_id: int
    # Short, for the subject line (指標警示 2 則); the section's heading in the body. Both are msgids (gettext_noop),
    # worded in the reader's language; ``text`` is the record's own, as it is.
    label: str
    heading: str
    text: str
    # The page to look at, as a path; the e-mail gives it in full.
    link: str = ""

    def record(self) -> dict[str, Any]:
        return {"key": self.key, "news": self.label, "text": self.text}


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
    # The escalation tier this digest carries (0: an ordinary reminder) and the rule's wording.
    tier: int = 0
    wording: str = ""
    # Who receives it: liaison, head, deputy, chair or secretariat (EscalationRecipient).
    recipient: str = EscalationRecipient.LIAISON
    # The person on leave, when a stand-in receives the digest for them.
    acting_for: Person | None = None
    # The agency has no liaison nor stand-in: this digest tells the secretariat so.
    unreached: bool = False
    news: list[News] = field(default_factory=list)

    @property
    def keys(self) -> list[str]:
        """What the digest carries, as the keys that make sure nothing goes twice."""
        return [i.key for i in self.items] + [n.key for n in self.news]

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
    def unreported(self) -> list[Item]:
        return [i for i in self.items if i.state == State.NO_REPORT]

    @property
    def subject_words(self) -> Sentence:
        counts = []
        if self.overdue:
            counts.append(said(gettext_noop("逾期 %(count)d 案"), count=len(self.overdue)))
        if self.due_soon:
            counts.append(said(gettext_noop("列管期限將屆 %(count)d 案"), count=len(self.due_soon)))
        if self.unreported:
            counts.append(said(gettext_noop("本期未填報 %(count)d 案"), count=len(self.unreported)))
        for label, news in _by(self.news, "label"):
            counts.append(said(gettext_noop("%(label)s %(count)d 則"), label=said(label), count=len(news)))
        agency = self.organisation.display_name
        if self.unreached:
            return said(gettext_noop("【列管稽催・無人可收】%(agency)s：%(counts)s"), agency=agency, counts=counts)
        if self.tier:
            return said(gettext_noop("【列管稽催・第 %(tier)d 級】%(agency)s：%(counts)s"), tier=self.tier, agency=agency, counts=counts)
        return said(gettext_noop("【列管稽催】%(agency)s：%(counts)s"), agency=agency, counts=counts)

    @property
    def subject(self) -> str:
        """The subject in Chinese, as the e-mail says it."""
        return in_source_language(self.subject_words)

    @property
    def tier_words(self) -> Sentence:
        if not self.tier:
            return said(gettext_noop("稽催層級：一般稽催"))
        if self.wording.strip():
            return said(gettext_noop("稽催層級：第 %(tier)d 級。%(rule)s"), tier=self.tier, rule=self.wording.rstrip())
        return said(gettext_noop("稽催層級：第 %(tier)d 級。"), tier=self.tier)

    @property
    def tier_line(self) -> str:
        """The digest's tier in words, e.g. 稽催層級：第 1 級。本案已逾列管期限 5 個工作日，敬請機關首長督促辦理。"""
        return in_source_language(self.tier_words)

    def _opening(self) -> Sentence:
        names = {"day": self.today, "agency": self.organisation.display_name}
        if self.unreached:
            return said(
                gettext_noop(
                    "截至民國%(day)s，%(agency)s沒有機關聯絡人或職務代理人可收受稽催，其主辦或協辦的下列列管案件已逾列管期限或期限將屆。"
                    "請指定聯絡人，並轉知機關辦理。"
                ),
                **names,
            )
        if not self.items:
            return said(gettext_noop("截至民國%(day)s，%(agency)s有下列事項，請查明辦理。"), **names)
        if len(self.unreported) == len(self.items):
            return said(
                gettext_noop("截至民國%(day)s，%(agency)s主辦或協辦的下列列管案件尚未填報本期辦理情形，會議將屆，請儘速填報。"), **names
            )
        return said(
            gettext_noop("截至民國%(day)s，%(agency)s主辦或協辦的下列列管案件已逾列管期限或期限將屆，請儘速辦理並填報辦理情形。"), **names
        )

    def _item_lines(self, item: Item, n: int, title: str | Sentence) -> list[Line]:
        meeting = item.state == State.NO_REPORT
        if item.tier and meeting:
            when = said(
                gettext_noop("會議日期：%(day)s（%(when)s；第 %(tier)d 級稽催）"), day=item.deadline, when=item.when_words, tier=item.tier
            )
        elif item.tier:
            when = said(
                gettext_noop("列管期限：%(day)s（%(when)s；第 %(tier)d 級稽催）"), day=item.deadline, when=item.when_words, tier=item.tier
            )
        elif meeting:
            when = said(gettext_noop("會議日期：%(day)s（%(when)s）"), day=item.deadline, when=item.when_words)
        else:
            when = said(gettext_noop("列管期限：%(day)s（%(when)s）"), day=item.deadline, when=item.when_words)
        return [
            said(gettext_noop("%(n)d. 列管編號 %(number)s　%(title)s"), n=n, number=item.number, title=title),
            indented(when, 3),
            indented(said(gettext_noop("%(role)s機關：%(agency)s"), role=_role(item.role), agency=item.organisation), 3),
        ]

    def body_words(self, base_url: str = "") -> list[Line]:
        """The lines of the digest; with ``base_url`` (the e-mail, in Chinese) each case carries its full link."""
        lines: list[Line] = [said(gettext_noop("%(addressee)s　您好："), addressee=self.addressee)]
        if self.acting_for is not None:
            lines.append(said(gettext_noop("（您為%(person)s的職務代理人，代為收受本通知。）"), person=str(self.acting_for)))
        lines += ["", self._opening()]
        if self.items:
            lines.append(self.tier_words)
        sections = (
            (said(gettext_noop("【已逾列管期限（%(count)d 案）】"), count=len(self.overdue)), self.overdue),
            (
                said(
                    gettext_noop("【列管期限將屆：%(within)d 個工作日內到期（%(count)d 案）】"),
                    within=self.within,
                    count=len(self.due_soon),
                ),
                self.due_soon,
            ),
            (said(gettext_noop("【會議將屆，本期尚未填報辦理情形（%(count)d 案）】"), count=len(self.unreported)), self.unreported),
        )
        # A confidential case reaches an escalation recipient not entitled to it as 「機密案件」 (機密／限閱).
        hidden = hidden_case_ids(viewer_for(self.user), [i.case_id for i in self.items])
        for section, items in sections:
            if not items:
                continue
            lines += ["", section]
            for n, item in enumerate(items, start=1):
                lines += self._item_lines(item, n, said(CONFIDENTIAL_TITLE_MSGID) if item.case_id in hidden else item.title)
                if base_url:
                    lines.append(f"   {base_url.rstrip('/')}{case_path(item.case_id)}")
        if self.already:
            lines += ["", said(gettext_noop("另有 %(count)d 案先前已通知，仍在列管中，請一併辦理。"), count=self.already)]
        for news_heading, news in _by(self.news, "heading"):
            lines += ["", said(gettext_noop("【%(heading)s（%(count)d 則）】"), heading=said(news_heading), count=len(news))]
            lines += [f"{n}. {one.text}" for n, one in enumerate(news, start=1)]
            for link in dict.fromkeys(one.link for one in news if one.link):
                lines.append(indented(said(gettext_noop("詳見 %(link)s"), link=f"{base_url.rstrip('/')}{link}"), 3))
        if base_url:
            # Only the e-mail has these, and it is written in Chinese: they are its text, not the interface's.
            lines += ["", f"{self.organisation.display_name}所有列管中案件：{base_url.rstrip('/')}{agency_path(self.organisation)}"]
            lines += ["", "本信由系統依列管期限自動寄發，請勿直接回覆。", f"{settings.CITY_NAME}　會議與列管系統"]
        return lines

    def body(self, base_url: str = "") -> str:
        """The text of the digest in Chinese, as the e-mail says it; with ``base_url`` each case carries its full link."""
        return lines_in_source_language(self.body_words(base_url))

    @property
    def words(self) -> Message:
        """What the inbox shows, worded in its reader's language when read."""
        return Message(self.subject_words, self.body_words())

    def message(self, base_url: str) -> EmailMessage:
        return EmailMessage(subject=self.subject, body=self.body(base_url), from_email=settings.DEFAULT_FROM_EMAIL, to=[self.email])


@dataclass
class Plan:
    today: dt.date
    within: int
    digests: list[Digest]
    # Reminders left out because they were sent before.
    repeated: int = 0
    # Agencies with due or overdue cases and nobody to remind: (agency, cases, whether a secretariat was told).
    unreached: list[Unreached] = field(default_factory=list)

    def preview(self) -> list[dict[str, Any]]:
        """Who gets what, for the page that asks before sending."""
        return [
            {
                "addressee": d.addressee,
                "email": d.email,
                "recipient": EscalationRecipient(d.recipient).label if not d.unreached else gettext("會議幕僚（機關無人可收）"),
                "organisation": d.organisation,
                "subject": d.subject,
                "tier": d.tier,
                "acting_for": d.acting_for,
                "overdue": len(d.overdue),
                "due_soon": len(d.due_soon),
                "numbers": [i.number for i in d.items],
                "news": len(d.news),
            }
            for d in self.digests
        ]

    def limited(self, keep: Callable[[Item], bool], organisations: frozenset[int] | None = None) -> Plan:
        """The part of the plan with the cases ``keep`` accepts, assigned to ``organisations`` (all when None).

        The web page sends for one agency, and only the reminders of the cases its user manages.
        """

        def wanted(item: Item) -> bool:
            return (organisations is None or item.organisation_id in organisations) and keep(item)

        # Sent from the web, a digest carries only cases: the news is the nightly run's.
        digests = []
        for digest in self.digests:
            items = [i for i in digest.items if wanted(i)]
            if items:
                digests.append(replace(digest, items=items, news=[]))
        unreached = []
        for entry in self.unreached:
            items = [i for i in entry.items if wanted(i)]
            if items:
                unreached.append(replace(entry, items=items))
        return Plan(today=self.today, within=self.within, digests=digests, repeated=self.repeated, unreached=unreached)


@dataclass
class Unreached:
    """An agency with due or overdue cases and nobody to remind, and whether a secretariat was told."""

    organisation: Organisation
    items: list[Item]
    told: bool

    @property
    def count(self) -> int:
        return len({i.assignment_id for i in self.items})


# An item names its agency's part by its label (a plain Chinese label of ``Assignment.Role``): worded by its code.
_ROLE_CODES = {str(label): code for code, label in Assignment.Role.choices}


def _role(label: str) -> dict[str, Any]:
    code = _ROLE_CODES.get(label)
    return choice(Assignment, "role", code) if code is not None else said(label)


def _by(news: list[News], attribute: str) -> list[tuple[str, list[News]]]:
    groups: dict[str, list[News]] = {}
    for one in news:
        groups.setdefault(getattr(one, attribute), []).append(one)
    return list(groups.items())


def case_path(case_id: int) -> str:
    return reverse("tracking:case", args=[case_id])


def agency_path(organisation: Organisation) -> str:
    return f"{reverse('reports:agencies')}?agency={organisation.pk}"


# The rules a city starts with (and gets back if it deletes them all; to stop escalating, deactivate them).
DEFAULT_RULES = (
    (1, EscalationRule.Condition.OVERDUE, 5, [EscalationRecipient.HEAD], "本案已逾列管期限 5 個工作日，敬請機關首長督促辦理。"),
    (2, EscalationRule.Condition.OVERDUE, 15, [EscalationRecipient.CHAIR], "本案已逾列管期限 15 個工作日，陳報會議主席。"),
)


def ensure_default_rules(*args: Any, using: str = "default", **kwargs: Any) -> None:
    """Put in the default escalation rules when there are none (after migrate and flush: a post_migrate receiver)."""
    from django.db import connections

    # Migrating to a point before the rules' table existed: nothing to fill yet.
    if EscalationRule._meta.db_table not in connections[using].introspection.table_names():
        return
    rules = EscalationRule.objects.using(using)
    if rules.exists():
        return
    rules.bulk_create(
        EscalationRule(tier=tier, condition=condition, working_days=days, recipients=[str(r) for r in recipients], wording=wording)
        for tier, condition, days, recipients, wording in DEFAULT_RULES
    )


def within_agency(organisation: Organisation) -> frozenset[int]:
    """An agency and its units: what 「寄送稽催」 for one agency covers."""
    parent_of: dict[int, int | None] = dict(Organisation.objects.values_list("id", "parent_id"))
    return descendants(parent_of, [organisation.pk])


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


def _agency_of(org_id: int, parent_of: dict[int, int | None], kind_of: dict[int, str]) -> int:
    """The agency a unit belongs to (the organisation itself when it is an agency or the city)."""
    node: int | None = org_id
    seen: set[int] = set()
    while node is not None and node not in seen:
        if kind_of.get(node) != Organisation.Kind.UNIT:
            return node
        seen.add(node)
        node = parent_of.get(node)
    return org_id


def _holders(role: str) -> dict[int | None, list[Any]]:
    """Active users holding ``role``, by the organisation it is granted over (None: unscoped)."""
    out: dict[int | None, list[Any]] = defaultdict(list)
    rows = RoleGrant.objects.filter(role=role, user__is_active=True).select_related("user", "user__person")
    for grant in rows.order_by("organisation_id", "user_id"):
        out[grant.organisation_id].append(grant.user)
    return out


def _working_days_late(deadlines: set[dt.date], today: dt.date, calendar: Any) -> dict[dt.date, int]:
    """Working days after each past deadline up to today, in one walk back through the calendar.

    (``working_days_between`` for each deadline would walk the same days again for every one of them:
    seconds for a city with years of overdue cases.)
    """
    out: dict[dt.date, int] = {}
    count, day = 0, today
    for deadline in sorted((d for d in deadlines if d < today), reverse=True):
        while day > deadline:
            count += calendar.is_working_day(day)
            day -= dt.timedelta(days=1)
        out[deadline] = count
    return out


def _unreported(
    today: dt.date, calendar: Any, rules: dict[int, EscalationRule], assignment_of: dict[int, Assignment]
) -> dict[int, list[Item]]:
    """Open assignments with no report for their coming meeting, within the rules' working days of it, by organisation."""
    out: dict[int, list[Item]] = defaultdict(list)
    if not rules:
        return out
    last_day = calendar.add_working_days(today, max(r.working_days for r in rules.values()))
    assignments = list(
        Assignment.objects.filter(status=CaseStatus.OPEN, case__status=CaseStatus.OPEN, case__series__isnull=False)
        .filter(case__series__meetings__start__date__gte=today, case__series__meetings__start__date__lte=last_day)
        .distinct()
        .select_related("case", "case__series", "case__series__default_chair", "organisation")
    )
    cases = {a.case_id: a.case for a in assignments}
    cycles = current_cycles(cases.values(), timezone.make_aware(dt.datetime.combine(today, dt.time.min)))
    keys = {c.key for c in cycles.values()}
    reported = set(
        ProgressReport.objects.filter(assignment__in=[a.pk for a in assignments], cycle__in=keys).values_list("assignment_id", "cycle")
    )
    for a in assignments:
        cycle = cycles[a.case_id]
        if cycle.meeting is None or (a.pk, cycle.key) in reported:
            continue
        meeting_day = timezone.localdate(cycle.meeting.start)
        if meeting_day < today:
            continue
        left = calendar.working_days_between(today, meeting_day)
        tier = max((t for t, r in rules.items() if left <= r.working_days), default=0)
        if not tier:
            continue
        assignment_of.setdefault(a.pk, a)
        out[a.organisation_id].append(
            Item(
                assignment_id=a.pk,
                case_id=a.case_id,
                number=a.case.number,
                title=a.case.title,
                deadline=meeting_day,
                state=State.NO_REPORT,
                organisation=a.organisation.display_name,
                role=a.get_role_display(),
                owner_id=a.case.owner_id,
                organisation_id=a.organisation_id,
                working_days_left=left,
                tier=tier,
            )
        )
    return out


def plan(today: dt.date, within: int = DEFAULT_WITHIN) -> Plan:
    """The digests to send on ``today``: per recipient and agency, the reminders not sent before."""
    if within < 0:
        raise ValueError("within must not be negative")
    calendar = work_calendar()
    parent_of: dict[int, int | None] = {}
    kind_of: dict[int, str] = {}
    for org_id, parent_id, kind in Organisation.objects.values_list("id", "parent_id", "kind"):
        parent_of[org_id] = parent_id
        kind_of[org_id] = kind
    depth = _depths(parent_of)
    organisations = Organisation.objects.in_bulk()
    on_leave = acting_users(today)

    def reach(user: Any, org_id: int) -> tuple[Any, Person | None]:
        """The user who hears of ``org_id``'s cases for ``user``: their stand-in while they are on leave."""
        for stand_in_user, appointment in on_leave.get(user.pk, []):
            if org_id in descendants(parent_of, [appointment.organisation_id]):
                return stand_in_user, appointment.person
        return user, None

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
        ).select_related("case", "case__series", "case__series__default_chair", "organisation")
    )
    all_rules = {r.tier: r for r in EscalationRule.objects.filter(active=True)}
    rules = {t: r for t, r in all_rules.items() if r.condition == EscalationRule.Condition.OVERDUE}
    items_by_org: dict[int, list[Item]] = defaultdict(list)
    assignment_of: dict[int, Assignment] = {}
    late_by = _working_days_late({a.case.deadline for a in assignments if a.case.deadline is not None}, today, calendar)
    for a in assignments:
        deadline = a.case.deadline
        assert deadline is not None
        overdue = deadline < today
        late = late_by.get(deadline, 0)
        tier = max((t for t, r in rules.items() if overdue and late >= r.working_days), default=0)
        assignment_of[a.pk] = a
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
                owner_id=a.case.owner_id,
                organisation_id=a.organisation_id,
                days_overdue=late,
                working_days_left=0 if overdue else calendar.working_days_between(today, deadline),
                due_today=deadline == today,
                tier=tier,
            )
        )

    no_report_rules = {t: r for t, r in all_rules.items() if r.condition == EscalationRule.Condition.NO_REPORT}
    unreported = _unreported(today, calendar, no_report_rules, assignment_of)

    news_by_org: dict[int, list[News]] = defaultdict(list)
    for source in NEWS_SOURCES:
        for one in source(today):
            news_by_org[one.organisation_id].append(one)

    # (recipient user, organisation, tier, recipient kind, acting for, unreached) → items and news
    Bucket = tuple[Any, Organisation, int, str, Person | None, bool]
    wanted: dict[tuple[int, int, int, str, bool], tuple[Bucket, list[Item], list[News]]] = {}
    taken: set[tuple[int, str]] = set()

    def add(bucket: Bucket, item: Item | News) -> None:
        user, organisation, tier, recipient, _acting_for, unreached = bucket
        if (user.pk, item.key) in taken:
            return
        taken.add((user.pk, item.key))
        slot = (user.pk, organisation.pk, tier, recipient, unreached)
        _bucket, items, news = wanted.setdefault(slot, (bucket, [], []))
        if isinstance(item, News):
            news.append(item)
        else:
            items.append(item)

    for grant in grants:
        assert grant.organisation is not None
        user, acting_for = reach(grant.user, grant.organisation.pk)
        for org in scopes.get(grant.pk, frozenset()):
            for item in items_by_org.get(org, []):
                add((user, grant.organisation, 0, EscalationRecipient.LIAISON, acting_for, False), item)
            for one in news_by_org.get(org, []):
                add((user, grant.organisation, 0, EscalationRecipient.LIAISON, acting_for, False), one)

    secretariats = _holders(Role.SECRETARIAT)

    def secretariat_of(owner_id: int) -> list[Any]:
        return [*secretariats.get(owner_id, []), *secretariats.get(None, [])]

    unreached: dict[int, list[Item]] = defaultdict(list)
    for org, items in items_by_org.items():
        if org not in covered:
            unreached[_agency_of(org, parent_of, kind_of)].extend(items)
    told: dict[int, bool] = {}
    for agency_id, items in unreached.items():
        told[agency_id] = False
        for item in items:
            for user in secretariat_of(assignment_of[item.assignment_id].case.owner_id):
                told[agency_id] = True
                add((user, organisations[agency_id], 0, EscalationRecipient.SECRETARIAT, None, True), replace(item, channel="unreached"))

    heads: dict[str, dict[int | None, list[Any]]] = {Role.HEAD: _holders(Role.HEAD), Role.DEPUTY: _holders(Role.DEPUTY)}

    def nearest(role: str, org_id: int) -> list[Any]:
        node: int | None = org_id
        while node is not None:
            if heads[role].get(node):
                return heads[role][node]
            node = parent_of.get(node)
        return []

    def liaisons_of(org_id: int) -> list[tuple[Any, Person | None]]:
        return [reach(g.user, g.organisation_id or 0) for g in grants if org_id in scopes.get(g.pk, frozenset())]

    for org, items in [*items_by_org.items(), *unreported.items()]:
        agency = organisations[_agency_of(org, parent_of, kind_of)]
        for item in items:
            if not item.tier:
                continue
            rule = all_rules[item.tier]
            case = assignment_of[item.assignment_id].case
            escalated = replace(item, channel=f"tier{item.tier}")
            for recipient in rule.recipients:
                people: list[tuple[Any, Person | None]] = []
                # An overdue case's liaison has it in their own digest already; a missing report is news to them.
                if recipient == EscalationRecipient.LIAISON and item.state == State.NO_REPORT:
                    people = liaisons_of(org)
                elif recipient in (EscalationRecipient.HEAD, EscalationRecipient.DEPUTY):
                    people = [reach(u, org) for u in nearest(recipient, org)]
                elif recipient == EscalationRecipient.CHAIR:
                    chair = case.series.default_chair if case.series is not None else None
                    if chair is not None and chair.user is not None and chair.user.is_active:
                        people = [(chair.user, None)]
                elif recipient == EscalationRecipient.SECRETARIAT:
                    people = [(u, None) for u in secretariat_of(case.owner_id)]
                for user, acting_for in people:
                    add((user, agency, item.tier, recipient, acting_for, False), escalated)

    sent = _sent_keys(
        {(bucket[0].pk, key) for bucket, items, news in wanted.values() for key in [*(i.key for i in items), *(n.key for n in news)]}
    )
    digests: list[Digest] = []
    repeated = 0
    for (user, organisation, tier, recipient, acting_for, is_unreached), items, all_news in wanted.values():
        fresh = [i for i in items if (user.pk, i.key) not in sent]
        news = [n for n in all_news if (user.pk, n.key) not in sent]
        repeated += len(items) - len(fresh)
        if not fresh and not news:
            continue
        fresh.sort(key=lambda i: (i.state != State.OVERDUE, i.deadline, case_sort_key(i.number), i.organisation))
        # A liaison's digest states the highest tier among its cases; an escalation's, the tier it was sent for.
        digest_tier = tier or max((i.tier for i in fresh), default=0)
        digests.append(
            Digest(
                user,
                organisation,
                today,
                within,
                items=fresh,
                already=len(items) - len(fresh),
                tier=digest_tier,
                wording=all_rules[digest_tier].wording if digest_tier in all_rules else "",
                recipient=recipient,
                acting_for=acting_for,
                unreached=is_unreached,
                news=news,
            )
        )
    digests.sort(key=lambda d: (d.organisation.sort_order, d.organisation.code, d.unreached, d.tier, d.user.get_username()))
    unreached_list = [
        Unreached(organisations[a], items, told[a])
        for a, items in sorted(unreached.items(), key=lambda kv: organisations[kv[0]].sort_order)
    ]
    return Plan(today=today, within=within, digests=digests, repeated=repeated, unreached=unreached_list)

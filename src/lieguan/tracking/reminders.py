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
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from lieguan.core.actors import SystemActor
from lieguan.core.calendar import work_calendar
from lieguan.minutes.sentences import case_sort_key
from lieguan.organisations.access import acting_users, descendants
from lieguan.organisations.models import Organisation, Person, Role, RoleGrant
from lieguan.tracking.cycles import current_cycles
from lieguan.tracking.digests import Digest, Item, News, State
from lieguan.tracking.models import Assignment, CaseStatus, EscalationRecipient, EscalationRule, ProgressReport, ReminderLog

DEFAULT_WITHIN = 5
ACTOR = SystemActor("remind")
# Keys are looked up in batches: a city has thousands of reminders on record after a few years.
_BATCH = 500
# Apps further right in the chain add their own news to the digests (indicator alerts) without tracking importing them:
# each source gives, for a day, the news of every agency (see ``News``).
NEWS_SOURCES: list[Callable[[dt.date], list[News]]] = []


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
                role=a.role,
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
                role=a.role,
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

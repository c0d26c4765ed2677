"""What one reminder digest says: the cases (``Item``) and other news (``News``) one liaison is told of about one
agency, in its subject and its lines (``Digest``).

``tracking.reminders.plan`` finds who is told what; ``tracking.actions.reminding`` sends it. The digest keeps what it
says as sentences (``core.wording``): the inbox words them in its reader's language, the e-mail in Chinese.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils.translation import gettext_noop

from lieguan.core.wording import (
    Line,
    Message,
    Sentence,
    choice,
    in_source_language,
    indented,
    lines_in_source_language,
    said,
)
from lieguan.meetings.confidential import CONFIDENTIAL_TITLE_MSGID
from lieguan.organisations.access import viewer_for
from lieguan.organisations.models import Organisation, Person
from lieguan.tracking.access import hidden_case_ids
from lieguan.tracking.models import Assignment, EscalationRecipient


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
    # The agency's part, as its code (``Assignment.Role``: lead | co), worded by its label when the digest is read.
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
        role = choice(Assignment, "role", item.role)
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
            indented(said(gettext_noop("%(role)s機關：%(agency)s"), role=role, agency=item.organisation), 3),
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


def _by(news: list[News], attribute: str) -> list[tuple[str, list[News]]]:
    groups: dict[str, list[News]] = {}
    for one in news:
        groups.setdefault(getattr(one, attribute), []).append(one)
    return list(groups.items())


def case_path(case_id: int) -> str:
    return reverse("tracking:case", args=[case_id])


def agency_path(organisation: Organisation) -> str:
    return f"{reverse('reports:agencies')}?agency={organisation.pk}"

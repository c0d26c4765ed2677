"""What importing one parsed document would do: its series, its names, whether it is already imported.

A ``Plan`` is computed again whenever it is shown or applied, so that a body
created while importing one file of a batch is simply known to the next one.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lieguan.core.wording import Sentence, said
from lieguan.meetings.models import Meeting, MeetingSeries
from lieguan.meetings.notifying import ordinal_words
from lieguan.minutes import Minutes
from lieguan.minutes.rocdate import to_roc_year
from lieguan.organisations.directory import normalise
from lieguan.organisations.models import Organisation

from .names import Book, NameMatches, match_names


@dataclass
class SeriesChoice:
    """The series a document goes into: an existing one, or a new one to create."""

    series: MeetingSeries | None = None
    # The user (or --series) named the series rather than the document.
    forced: bool = False
    # A new series: its name, its owner (existing, or the key of the owner's proposal), numbering and level.
    name: str = ""
    owner: Organisation | None = None
    owner_key: str = ""
    owner_label: str = ""
    numbering: str = MeetingSeries.Numbering.SEQUENTIAL
    level: str = MeetingSeries.Level.AGENCY
    case_number_pattern: str = "{session}-{seq}"
    problem: str = ""

    @property
    def can_create(self) -> bool:
        return self.series is None and bool(self.name) and (self.owner is not None or bool(self.owner_key))

    @property
    def label(self) -> str:
        if self.series is not None:
            return self.series.full_name
        return f"{self.owner_label}{self.name}"

    @property
    def code(self) -> str:
        """A code for a new series that stays the same for the same owner and name."""
        basis = f"{normalise(self.owner_label)}|{normalise(self.name)}".encode()
        return f"imported-{hashlib.sha1(basis, usedforsecurity=False).hexdigest()[:10]}"


@dataclass
class Plan:
    minutes: Minutes
    digest: str
    names: NameMatches
    series: SeriesChoice
    duplicate: Meeting | None = None
    # Why it is taken as imported: a sentence, kept on the file's row and worded when read (empty when it is not).
    duplicate_reason: Sentence = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def year(self) -> int | None:
        return meeting_year(self.series.series, self.minutes)

    @property
    def undecided(self) -> list[str]:
        return [p.text for p in self.names.unknown if not p.decision]


def meeting_year(series: MeetingSeries | None, minutes: Minutes) -> int | None:
    """The ROC year of a yearly-numbered session (113年第12次); None for a series numbered straight on."""
    if minutes.session.year is not None:
        return minutes.session.year
    if series is not None and series.numbering == MeetingSeries.Numbering.YEARLY and minutes.date is not None:
        return to_roc_year(minutes.date.year)
    return None


def count(minutes: Minutes) -> dict[str, int]:
    items = [i for s in minutes.sections for i in s.items]
    conclusions = minutes.all_conclusions()
    return {
        "sections": len(minutes.sections),
        "items": len(items),
        "remarks": sum(len(i.remarks) for i in items),
        "conclusions": len(conclusions),
        "tracked": sum(1 for c in conclusions if c.tracked),
        "case_decisions": len(minutes.case_decisions),
        "deadlines": len(minutes.deadlines),
        "warnings": len(minutes.warnings),
    }


def case_number_pattern(minutes: Minutes) -> str:
    """How the series numbers its cases, judged from the decisions: 223-1, or 10001 (session 100, item 01)."""
    cases = [d.case for d in minutes.case_decisions]
    if any(re.fullmatch(r"\d+-\d+", c) for c in cases) or not cases:
        return "{session}-{seq}"
    if all(re.fullmatch(r"\d{3,}", c) for c in cases):
        return "{session}{seq:02}"
    return "{session}-{seq}"


def _choose_series(minutes: Minutes, names: NameMatches, forced: MeetingSeries | None) -> SeriesChoice:
    if forced is not None:
        return SeriesChoice(series=forced, forced=True)
    name = (minutes.series or "").strip()
    if not name:
        return SeriesChoice(problem=_("紀錄的標題中找不到會議名稱（如「主任秘書會報」），請指定要匯入的會議。"))
    owner = names.owner
    if owner is not None:
        wanted = normalise(name)
        for series in MeetingSeries.objects.filter(owner=owner).select_related("owner"):
            if normalise(series.name) == wanted:
                return SeriesChoice(series=series)
    choice = SeriesChoice(
        name=name,
        owner=owner,
        numbering=MeetingSeries.Numbering.YEARLY if minutes.session.year else MeetingSeries.Numbering.SEQUENTIAL,
        case_number_pattern=case_number_pattern(minutes),
    )
    if owner is not None:
        choice.owner_label = owner.name
        choice.level = MeetingSeries.Level.CITY if owner.kind == Organisation.Kind.CITY else MeetingSeries.Level.AGENCY
    elif names.owner_key:
        proposal = names.proposals[names.owner_key]
        choice.owner_key, choice.owner_label = proposal.key, proposal.full_name or proposal.text
        city = proposal.org_kind == Organisation.Kind.CITY
        choice.level = MeetingSeries.Level.CITY if city else MeetingSeries.Level.AGENCY
    else:
        choice.problem = _("紀錄的標題中找不到主辦機關，請指定要匯入的會議。")
    return choice


def find_duplicate(digest: str, series: MeetingSeries | None, minutes: Minutes) -> tuple[Meeting | None, Sentence]:
    """The meeting this document was already imported as (same text), or that already holds its session, and why.

    Why is a sentence (``core.wording``), worded in each reader's language when read: the file's row keeps
    it (``ImportFile.error_words``), and whoever reads the batch may read another language than whoever uploaded it.
    """
    if digest:
        same = Meeting.objects.filter(source_digest=digest).select_related("series__owner").first()
        if same is not None:
            return same, said(
                gettext_noop("同一份紀錄已於先前匯入為「%(series)s%(ordinal)s」。"),
                series=same.series.full_name,
                ordinal=ordinal_words(same),
            )
    if series is not None and minutes.session.number is not None:
        year = meeting_year(series, minutes)
        clash = series.meetings.filter(number=minutes.session.number, year=year).select_related("series__owner").first()
        if clash is not None:
            reason = gettext_noop("「%(series)s」已有%(session)s，視為已匯入。")
            return clash, said(reason, series=series.full_name, session=ordinal_words(clash))
    return None, {}


def plan_import(
    minutes: Minutes,
    digest: str,
    *,
    may_create: bool,
    series: MeetingSeries | None = None,
    book: Book | None = None,
) -> Plan:
    """What importing ``minutes`` would do; ``series`` forces the series, ``may_create`` makes 'create' the proposal."""
    names = match_names(minutes, book or Book.load(), may_create=may_create)
    choice = _choose_series(minutes, names, series)
    duplicate, reason = find_duplicate(digest, choice.series, minutes)
    return Plan(minutes, digest, names, choice, duplicate, reason, count(minutes))

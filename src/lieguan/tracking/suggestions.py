"""What a conclusion most likely asks, read when the secretariat puts it under tracking (選項列管).

A conclusion names many agencies; only some of them are asked to act:

- the agencies right after a request (請資訊局…、由秘書處負責、授權會計室…) are asked; the
  first one leads, the others listed with it (請資安中心及創新中心…) co-organise;
- agencies brought in to work with them (會同、偕同、協同 秘書處總務組) co-organise, and so does
  an agency asked only to help (並請教育局協助…);
- agencies that receive a copy (送研考會及主計處備查), are thanked (感謝公管中心), supervised
  (督導商業處) or merely mentioned are not asked at all;
- 「請各機關…」 asks every agency: ``all_agencies``, not the first agency written elsewhere;
- a release or continuation (列管編號 211-2（捷運公司部分）解除列管) asks nothing of anyone.

Units inside an agency (總務組、策略中心) come from the directory, looked for first inside the
agency that owns the series. A unit-like name the directory does not know yet is still offered by
name (``lead_name``), so that the secretariat sees whom the text asks and can add the unit.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils import timezone

from lieguan.core.calendar import work_calendar
from lieguan.meetings.document import load_tree
from lieguan.meetings.models import Conclusion, Meeting
from lieguan.meetings.numbering import format_case_number
from lieguan.minutes.deadlines import find_deadlines, find_next_meeting_deadline
from lieguan.minutes.workdays import WorkCalendar
from lieguan.organisations.directory import Directory, Mention, normalise
from lieguan.organisations.models import Organisation
from lieguan.tracking.models import TrackedCase


def meeting_of_conclusion(conclusion: Conclusion) -> Meeting:
    return conclusion.item.section.meeting if conclusion.item_id else conclusion.section.meeting  # type: ignore[union-attr]


def next_case_number(meeting: Meeting) -> str:
    """The series' pattern with this meeting's number and the next free sequence number: 224-1, 10101."""
    series = meeting.series
    taken = set(TrackedCase.objects.filter(series=series).values_list("number", flat=True))
    seq = TrackedCase.objects.filter(meeting=meeting).count() + 1
    while True:
        number = format_case_number(series.case_number_pattern, session=meeting.number, seq=seq, year=meeting.year)
        if number not in taken:
            return number
        seq += 1


@dataclass
class Suggestion:
    number: str
    lead: Organisation | None
    co: list[Organisation] = field(default_factory=list)
    deadline: dt.date | None = None
    deadline_basis: str = ""
    title: str = ""
    # 請各機關…: every agency is asked; ``lead`` is then only an agency named besides them.
    all_agencies: bool = False
    # The names as the conclusion wrote them, including units the directory does not know yet.
    lead_name: str | None = None
    co_names: list[str] = field(default_factory=list)

    @property
    def unlisted(self) -> list[str]:
        """Names asked by the conclusion that are not in the directory."""
        listed = {o.display_name for o in ([self.lead] if self.lead else []) + self.co}
        return [n for n in ([self.lead_name] if self.lead_name else []) + self.co_names if n not in listed]


# Reading who is asked --------------------------------------------------------------------------------------

# 請 as a request, not as part of 申請、邀請、提請、請假、請購、請示、請款、請見(系統)…
_REQUEST = re.compile(r"(?<![申邀提聲呈敬])請(?![假購示款見領託益願求])|授權|責成|交由|指派")
# 由秘書處負責: an assignment; 由 alone (由總收文室代為收受) is not.
_BY = re.compile(r"由")
_BY_VERB = re.compile(r"^(?:[^，。；]{0,3}?)(?:負責|主辦|辦理|統籌|主政|主責|處理|彙整|督導|研議|規劃|追蹤|管考|列管)")
_ADVERBS = re.compile(r"(?:務必|務請|儘速|盡速|儘快|持續|再|亦|也|並|仍|即|先)+")
_PREFIX = re.compile(r"(?:本府|本市|全府|市府)")
# Every agency (or every unit, in an agency's own meeting).
_ALL = re.compile(
    r"^(?:各(?:一級)?機關(?:學校)?|各局處(?:會)?|各單位|各組室|各科室|各處室|各局室|各(?:位)?主秘|各(?:位)?主任秘書|各(?:位)?首長|各中心)"
)
# 各派駐機關、相關局處、未達乙等之機關: some agencies, not named and not all.
_SOME = re.compile(r"^(?:各[\u4e00-\u9fff]{1,4}?機關|相關(?:機關|局處|單位)|權管機關|主管機關|局處|機關)")
_SEPARATOR = re.compile(r"^(?:、|，|,|及|以及|與|和|暨|跟)")
_WITH = re.compile(r"^(?:會同|偕同|協同|結合|邀集|邀請|洽)")
_HELPING = re.compile(r"^(?:協助|配合|協辦|支援|共同協助|從旁協助)")
# A unit-like name not in the directory: 市民服務組、策略中心、文化局. Its first character must not
# be a word that starts a verb phrase (請先經局內長官確認), and it holds no particle.
_UNLISTED = re.compile(
    r"(?![先經將把依於在就對向從再亦也並仍務儘即持確注同大各相本該所主歡協配請以提加落])"
    r"(?!會同|偕同|協同|協助|配合|督導|結合|邀集|邀請)(?:(?!安排|學校|事先)[^\W\d_A-Za-z的之及與和、，。；向置放先經將把於在請以提本各該此其]){2,6}?(?:委員會|公司|中心|局|處|組|室|科)"
)
# 列管編號 211-2（捷運公司部分）解除列管: a decision on cases, not a request.
_RELEASE = re.compile(r"(?:列管編號|列管案號|案號|編號).{0,80}?(?:解除列管|解列|賡續列管|廢續列管|繼續列管|續予列管|續管)")
_SENTENCE = re.compile(r"[。；;！!？?\n]")
_CLAUSE = re.compile(r"[，,。；;！!？?\n：:]")
_TOPIC = re.compile(r"(?:另|有關|關於|針對|至於|又|惟)")
_TOPIC_VERB = re.compile(r"^(?:[^，。；]{0,2}?)(?:應|須|需|必須|務必|負責|統籌|主責|作為統籌|如|若)")


@dataclass
class Named:
    """An agency or unit as the conclusion names it; ``organisation`` is None when the directory lacks it."""

    text: str
    organisation: Organisation | None


@dataclass
class _Group:
    """The agencies one request names: 請公管中心會同秘書處總務組 → [公管中心] with [總務組]."""

    names: list[Named]
    together: list[Named] = field(default_factory=list)
    helping: bool = False
    every: bool = False


class _Reader:
    def __init__(self, text: str, directory: Directory, on: dt.date, near: Organisation | None) -> None:
        self.text = normalise(text)
        self.directory = directory
        mentions = directory.find_in(text, on=on, near=near)
        self.at: dict[int, Mention] = {m.start: m for m in mentions if m.organisation.kind != Organisation.Kind.CITY}

    def name_at(self, i: int) -> tuple[Named, int] | None:
        """The agency or unit named at ``i`` (秘書處總務組 read as the unit), and where its name ends."""
        mention = self.at.get(i)
        if mention is not None:
            name, end = Named(mention.organisation.display_name, mention.organisation), mention.end
        else:
            m = _UNLISTED.match(self.text, i)
            if m is None:
                return None
            name, end = Named(m.group(0), None), m.end()
        # A unit right after its agency: the unit is the one asked.
        inner = self.at.get(end)
        if inner is not None and name.organisation is not None and self.directory.within(inner.organisation, name.organisation):
            return Named(inner.organisation.display_name, inner.organisation), inner.end
        if inner is None and name.organisation is not None and name.organisation.kind != Organisation.Kind.UNIT:
            unit = _UNLISTED.match(self.text, end)
            if unit is not None and unit.group(0).endswith(("組", "室", "科", "中心")):
                return Named(unit.group(0), None), unit.end()
        return name, end

    def names_from(self, i: int) -> tuple[list[Named], bool, int]:
        """The names listed from ``i``: (names, whether every agency is asked, end)."""
        i = self._skip(i)
        names: list[Named] = []
        every = False
        while True:
            rest = self.text[i:]
            if m := _ALL.match(rest):
                if names:  # 請公管中心與各機關秘書室主任…: the others are partners, not asked.
                    break
                every, i = True, i + m.end()
            elif m := _SOME.match(rest):
                if names:
                    break
                i += m.end()
            elif found := self.name_at(i):
                name, i = found
                names.append(name)
            else:
                break
            sep = _SEPARATOR.match(self.text[i:])
            if sep is None or sep.group(0) in "，,":
                break
            i += sep.end()
        return names, every, i

    def group_at(self, i: int) -> _Group | None:
        names, every, end = self.names_from(i)
        if not names and not every:
            return None
        group = _Group(names, every=every)
        rest = self.text[end:]
        if m := _WITH.match(rest):
            # 會同各機關: every agency works on it with the lead.
            group.together, with_every, end = self.names_from(end + m.end())
            group.every = group.every or with_every
        elif m := _HELPING.match(rest):
            # 請各機關配合資訊局…: the agency helped leads.
            helped, _, _ = self.names_from(end + m.end())
            if helped:
                return _Group(helped, together=names, every=every)
            group.helping = True
        return group

    def topic(self, i: int) -> _Group | None:
        """The agency a clause is about when its request names nobody: 公管中心如收到訊息請儘速處理."""
        topic = _TOPIC.match(self.text, i)
        start = self._skip(topic.end() if topic else i)
        names, every, end = self.names_from(start)
        if not (names or every):
            return None
        rest = self.text[end:]
        if every and rest.startswith("同仁"):
            end += 2
        if not _TOPIC_VERB.match(self.text[end:]) and not every:
            return None
        return _Group(names, every=every)

    def _assigns(self, i: int) -> bool:
        """由秘書處負責 assigns the work; 由總收文室代為收受 only says who does a step."""
        found = self.name_at(i)
        return found is not None and bool(_BY_VERB.match(self.text[found[1] :]))

    def _skip(self, i: int) -> int:
        m = _ADVERBS.match(self.text, i)
        i = m.end() if m else i
        m = _PREFIX.match(self.text, i)
        return m.end() if m else i

    def groups(self) -> list[_Group]:
        if _RELEASE.search(self.text) and not _REQUEST.search(self.text):
            return []
        groups: list[_Group] = []
        starts = [m.end() for m in _REQUEST.finditer(self.text)]
        starts += [m.end() for m in _BY.finditer(self.text) if self._assigns(m.end())]
        for i in sorted(starts):
            group = self.group_at(i)
            if group is None:
                # Nobody after 請: the clause's, then the sentence's, subject is asked.
                clause = _start_of(_CLAUSE, self.text, i)
                sentence = _start_of(_SENTENCE, self.text, i)
                group = self.topic(clause) or (self.topic(sentence) if sentence != clause else None)
            if group is not None:
                groups.append(group)
        # 請交通局主辦，捷運公司協辦: a clause whose subject is asked to help.
        for m in _CLAUSE.finditer(self.text):
            names, _, end = self.names_from(m.end())
            if names and _HELPING.match(self.text[end:]):
                groups.append(_Group(names, helping=True))
        # 各局處應落實…、資訊局應於10月底前完成…: a sentence whose subject is asked, with no 請 at all.
        for m in re.finditer(r"(?:^|[。；;\n])", self.text):
            group = self.topic(m.end())
            if group is not None and (group.every or not groups):
                groups.append(group)
        return groups


def _start_of(pattern: re.Pattern[str], text: str, i: int) -> int:
    return max((m.end() for m in pattern.finditer(text, 0, max(0, i - 1))), default=0)


@dataclass
class Asked:
    """Who a conclusion asks: the lead, the co-organisers, or every agency."""

    lead: Named | None
    co: list[Named]
    all_agencies: bool


def read_asked(text: str, directory: Directory, on: dt.date, near: Organisation | None = None) -> Asked:
    """Who ``text`` asks to act; ``near`` is the agency whose meeting it is, where unit names are looked for first."""
    groups = _Reader(text, directory, on, near).groups()
    every = any(g.every for g in groups)
    ordered = [g for g in groups if not g.helping] + [g for g in groups if g.helping]
    names: list[Named] = []
    for g in ordered:
        names.extend(g.names)
    lead = names[0] if names else None
    # Everyone else asked, once each, in the order written: those listed with the lead, then those with them.
    seen = {_key(lead)} if lead else set()
    co: list[Named] = []
    for n in (n for g in ordered for n in [*g.names, *g.together]):
        if _key(n) not in seen:
            seen.add(_key(n))
            co.append(n)
    return Asked(lead, co, every)


def _key(name: Named) -> str | int:
    return name.organisation.pk if name.organisation is not None else name.text


# Deadlines ------------------------------------------------------------------------------------------------

# 於今年底完工後，將較易…: the date of an event something else waits for, not a deadline.
_AFTER_EVENT = re.compile(r"^[^，。；,;\s]{0,4}後")


def suggest_deadline(text: str, meeting: Meeting, calendar: WorkCalendar | None = None) -> tuple[dt.date | None, str]:
    """The first deadline the conclusion asks for: a date, N working days, or the series' next session."""
    day = timezone.localtime(meeting.start).date()
    found: list[tuple[int, dt.date | None, str]] = []
    for deadline in find_deadlines(text, day, working_days=calendar or work_calendar()):
        start, end = _span(text, deadline.text)
        if deadline.date < day or _AFTER_EVENT.match(text[end:]):
            continue
        found.append((start, deadline.date, deadline.text))
        break
    nxt = find_next_meeting_deadline(text)
    if nxt is not None:
        session = Meeting.objects.filter(series=meeting.series, start__gt=meeting.start, cancelled=False).order_by("start").first()
        found.append((nxt.start, timezone.localtime(session.start).date() if session else None, nxt.text))
    if not found:
        return None, ""
    _, date, basis = min(found, key=lambda f: f[0])
    return date, basis if date else ""


def _span(text: str, phrase: str) -> tuple[int, int]:
    """Where ``phrase`` (written without spaces) stands in ``text``, which may have spaces inside it."""
    m = re.search(r"\s*".join(re.escape(c) for c in phrase), text)
    return (m.start(), m.end()) if m else (len(text), len(text))


# The suggestion -------------------------------------------------------------------------------------------


def suggest_case(conclusion: Conclusion, directory: Directory | None = None, calendar: WorkCalendar | None = None) -> Suggestion:
    """What the secretariat most likely wants: the number, the agencies asked, the deadline asked for.

    ``directory`` and ``calendar`` may be given when suggesting for many conclusions at once.
    """
    meeting = meeting_of_conclusion(conclusion)
    day = timezone.localtime(meeting.start).date()
    directory = directory or Directory.load()
    asked = read_asked(conclusion.text, directory, day, near=meeting.series.owner)
    deadline, basis = suggest_deadline(conclusion.text, meeting, calendar)
    item = conclusion.item
    return Suggestion(
        number=next_case_number(meeting),
        lead=asked.lead.organisation if asked.lead else None,
        co=[n.organisation for n in asked.co if n.organisation is not None],
        deadline=deadline,
        deadline_basis=basis,
        title=(item.title if item is not None else conclusion.text)[:300],
        all_agencies=asked.all_agencies,
        lead_name=asked.lead.text if asked.lead else None,
        co_names=[n.text for n in asked.co],
    )


def conclusions_in_order(meeting: Meeting) -> list[Conclusion]:
    """A meeting's conclusions in the order the minutes print them: section by section, item by item."""
    out: list[Conclusion] = []
    for section in load_tree(meeting):
        for item in section.items.all():
            out.extend(item.conclusions.all())
        out.extend(section.conclusions.all())
    return out

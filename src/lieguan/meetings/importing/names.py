"""Matching the names in imported minutes to the directory, and proposing what to do with the rest.

Minutes name the body holding the meeting (臺北市政府秘書處), the agency of each
report （主計處）, the agency of a speaker (都發局張主秘) and the chair and
recorder. Each is looked up on the date of the minutes, so old names still
match after a rename, and within the city that holds the meeting, so that a
directory holding two cities never pairs one city's 秘書處 with the other's.

A name the directory does not know is never added silently: it becomes a
``NameProposal`` — create it (under 市府 or the agency holding the meeting),
match it to an existing entry, or keep it as text only — which a person
confirms in the preview, or the CLI with ``--confirm-new``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from lieguan.minutes import Minutes
from lieguan.organisations.directory import NamePeriod, normalise
from lieguan.organisations.models import Organisation, OrganisationName, Person

CREATE, MATCH, TEXT = "create", "match", "text"
ACTIONS = (CREATE, MATCH, TEXT)

_CITY = re.compile(r"^(?P<city>.{1,8}?[市縣]政府)(?P<rest>.*)$")
_UNIT_SUFFIXES = ("室", "組", "科")
# The agency at the start of a speaker: 府會陳慶安副總聯絡人 → 府會; 國際事務組陳組長 → 國際事務組.
# The person part must keep two characters so that 陳處長 is not read as the agency 陳處.
_SPEAKER_AGENCY = re.compile(r"^(?P<org>.{1,12}?(?:中心|公司|局|處|會|室|組|科|所|院|署|館))(?P<person>.{2,})$")
_SEPARATORS = re.compile(r"[、，,及與暨]")


class Book:
    """The directory (organisations with their names over time, and people) as imported minutes look it up."""

    def __init__(self, organisations: list[Organisation], names: list[OrganisationName], people: list[Person]) -> None:
        self.organisations = {o.pk: o for o in organisations}
        self._names: dict[str, list[NamePeriod]] = defaultdict(list)
        for n in names:
            self._names[normalise(n.text)].append(NamePeriod(n.organisation_id, n.valid_from, n.valid_to))
        for o in organisations:
            for text in filter(None, (o.name, o.short_name)):
                key = normalise(text)
                if not any(p.organisation_id == o.pk for p in self._names[key]):
                    self._names[key].append(NamePeriod(o.pk, None, None))
        self._people: dict[str, list[Person]] = defaultdict(list)
        for p in people:
            self._people[normalise(p.name)].append(p)
        self._longest = max((len(k) for k in self._names), default=0)

    @classmethod
    def load(cls) -> Book:
        return cls(list(Organisation.objects.all()), list(OrganisationName.objects.all()), list(Person.objects.all()))

    def root_of(self, organisation_id: int) -> int:
        seen: set[int] = set()
        current = self.organisations[organisation_id]
        while current.parent_id in self.organisations and current.parent_id not in seen:
            seen.add(current.pk)
            current = self.organisations[current.parent_id]
        return current.pk

    def candidates(self, text: str, on: dt.date | None) -> list[Organisation]:
        """Every body called ``text``: those so called on ``on`` if any, else those ever so called."""
        periods = self._names.get(normalise(text), [])
        ids = {p.organisation_id for p in periods if p.valid_on(on)} or {p.organisation_id for p in periods}
        return sorted((self.organisations[i] for i in ids), key=lambda o: (o.sort_order, o.pk))

    def resolve(self, text: str, on: dt.date | None, root: int | None = None) -> Organisation | None:
        """The one body called ``text`` (within the city ``root`` when given)."""
        found = self.candidates(text, on)
        if root is not None:
            found = [o for o in found if self.root_of(o.pk) == root]
        return found[0] if len(found) == 1 else None

    def at_start(self, text: str, on: dt.date | None, root: int | None) -> tuple[Organisation, str] | None:
        """The longest known body named at the start of ``text`` (都發局張主秘 → 都市發展局, 張主秘)."""
        source = normalise(text)
        for length in range(min(self._longest, len(source)), 1, -1):
            org = self.resolve(source[:length], on, root)
            if org is not None:
                return org, source[length:]
        return None

    def similar(self, text: str, root: int | None) -> list[Organisation]:
        """Bodies whose name begins like ``text`` and ends with the same kind of word (交通處 → 交通局)."""
        source = normalise(text)
        if len(source) < 3:
            return []
        out = []
        for org in self.organisations.values():
            if root is not None and self.root_of(org.pk) != root:
                continue
            for name in filter(None, (normalise(org.short_name), normalise(org.name))):
                if name != source and name[:2] == source[:2] and _is_body_word(name) == _is_body_word(source):
                    out.append(org)
                    break
        return sorted(out, key=lambda o: (o.sort_order, o.pk))[:5]

    def people_named(self, name: str) -> list[Person]:
        return list(self._people.get(normalise(name), []))


@dataclass
class NameProposal:
    """One name the directory does not know (in the city holding the meeting), and what to do with it."""

    key: str
    kind: str  # "organisation" or "person"
    text: str
    where: list[str] = field(default_factory=list)
    proposal: str = TEXT
    # For a new organisation: its kind, its official name, and its parent — an existing body or another proposal.
    org_kind: str = ""
    full_name: str = ""
    parent_id: int | None = None
    parent_key: str = ""
    parent_label: str = ""
    # For a new person: the title printed after the name.
    title: str = ""
    # Existing entries it might be, best first.
    match_ids: list[int] = field(default_factory=list)
    match_labels: list[str] = field(default_factory=list)
    # What the person importing decided: one of ACTIONS, and the entry chosen for MATCH.
    decision: str = ""
    decision_match_id: int | None = None

    @property
    def can_create(self) -> bool:
        if self.kind == "person":
            return True
        if self.org_kind == Organisation.Kind.CITY:
            return True
        return bool(self.org_kind) and (self.parent_id is not None or bool(self.parent_key))

    @property
    def create_label(self) -> str:
        if self.kind == "person":
            if self.parent_label:
                return _("新增人員「%(name)s」（%(parent)s）") % {"name": f"{self.text}{self.title}", "parent": self.parent_label}
            return _("新增人員「%(name)s」") % {"name": f"{self.text}{self.title}"}
        if self.org_kind == Organisation.Kind.CITY:
            return _("新增市府「%(name)s」") % {"name": self.full_name}
        if self.org_kind == Organisation.Kind.UNIT:
            return _("在「%(parent)s」下新增單位「%(name)s」") % {"parent": self.parent_label, "name": self.full_name}
        return _("在「%(parent)s」下新增機關「%(name)s」") % {"parent": self.parent_label, "name": self.full_name}

    @property
    def proposal_label(self) -> str:
        if self.proposal == CREATE:
            return self.create_label
        if self.proposal == MATCH and self.match_labels:
            return _("對應至既有的「%(name)s」") % {"name": self.match_labels[0]}
        return _("僅保留文字，不連結名錄")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NameProposal:
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass
class NameMatches:
    """The names of one document: those the directory knows, and proposals for the others."""

    on: dt.date | None
    owner: Organisation | None = None
    owner_key: str = ""
    root: int | None = None
    organisations: dict[str, Organisation] = field(default_factory=dict)  # normalised text → body
    speakers: dict[str, str] = field(default_factory=dict)  # speaker as printed → normalised text of their agency
    people: dict[str, Person] = field(default_factory=dict)  # "chair" / "recorder" → person
    proposals: dict[str, NameProposal] = field(default_factory=dict)

    @property
    def unknown(self) -> list[NameProposal]:
        return list(self.proposals.values())


def _org_key(text: str) -> str:
    return f"org:{normalise(text)}"


class _Matcher:
    def __init__(self, book: Book, minutes: Minutes, may_create: bool) -> None:
        self.book = book
        self.minutes = minutes
        self.may_create = may_create
        self.result = NameMatches(on=minutes.date)

    def _propose(self, proposal: NameProposal, where: str, *, near: bool = False) -> NameProposal:
        """Record ``proposal`` (once per name); ``near``: its first match is in this city, so likely the same body."""
        existing = self.result.proposals.get(proposal.key)
        if existing is not None:
            if where not in existing.where:
                existing.where.append(where)
            return existing
        proposal.where.append(where)
        if near and proposal.match_ids:
            proposal.proposal = MATCH
        elif self.may_create and proposal.can_create:
            proposal.proposal = CREATE
        elif proposal.match_ids:
            proposal.proposal = MATCH
        self.result.proposals[proposal.key] = proposal
        return proposal

    def _with_matches(self, proposal: NameProposal, orgs: list[Organisation]) -> NameProposal:
        for org in orgs:
            if org.pk not in proposal.match_ids:
                proposal.match_ids.append(org.pk)
                proposal.match_labels.append(org.name)
        return proposal

    def owner(self) -> None:
        text = (self.minutes.organisation or "").strip()
        if not text:
            return
        on = self.minutes.date
        org = self.book.resolve(text, on)
        if org is not None:
            self.result.owner, self.result.root = org, self.book.root_of(org.pk)
            return
        where = "主辦機關"
        known_prefix = self.book.at_start(text, on, None)
        city = _CITY.match(normalise(text))
        if known_prefix is not None and known_prefix[1]:
            parent, rest = known_prefix
            proposal = NameProposal(
                key=_org_key(text),
                kind="organisation",
                text=text,
                org_kind=_kind_of(rest),
                full_name=normalise(text),
                parent_id=parent.pk,
                parent_label=parent.name,
            )
            self.result.root = self.book.root_of(parent.pk)
        elif city is not None and city["rest"]:
            city_proposal = self._propose(
                NameProposal(
                    key=_org_key(city["city"]),
                    kind="organisation",
                    text=city["city"],
                    org_kind=Organisation.Kind.CITY,
                    full_name=city["city"],
                ),
                "主辦機關所屬市府",
            )
            proposal = NameProposal(
                key=_org_key(text),
                kind="organisation",
                text=text,
                org_kind=_kind_of(city["rest"]),
                full_name=normalise(text),
                parent_key=city_proposal.key,
                parent_label=city_proposal.full_name,
            )
        elif city is not None:
            proposal = NameProposal(
                key=_org_key(text),
                kind="organisation",
                text=text,
                org_kind=Organisation.Kind.CITY,
                full_name=normalise(text),
            )
        else:
            proposal = NameProposal(key=_org_key(text), kind="organisation", text=text)
        self._with_matches(proposal, self.book.candidates(text, on) + self.book.similar(text, None) + self._same_body_elsewhere(text))
        self.result.owner_key = self._propose(proposal, where).key

    def _same_body_elsewhere(self, text: str) -> list[Organisation]:
        """臺北市政府秘書處 in a directory that knows another city: that city's 秘書處 (or the city itself), to match."""
        city = _CITY.match(normalise(text))
        if city is None:
            return []
        cities = [o for o in self.book.organisations.values() if o.kind == Organisation.Kind.CITY]
        if not city["rest"]:
            return cities
        found = (self.book.resolve(city["rest"], self.minutes.date, c.pk) for c in cities)
        return [o for o in found if o is not None]

    def agency(self, text: str, where: str) -> Organisation | None:
        """The body called ``text`` in this city, or None after proposing what to do with it."""
        text = text.strip()
        if not text:
            return None
        key = normalise(text)
        if key in self.result.organisations:
            return self.result.organisations[key]
        on, root = self.minutes.date, self.result.root
        org = self.book.resolve(text, on, root) if (root is not None or not self.result.owner_key) else None
        if org is not None:
            self.result.organisations[key] = org
            return org
        proposal = NameProposal(key=_org_key(text), kind="organisation", text=text, org_kind=_kind_of(text))
        self._place(proposal, text)
        near = self.book.similar(text, root) if root is not None else []
        self._with_matches(proposal, near + self.book.candidates(text, on) + self.book.similar(text, None))
        self._propose(proposal, where, near=bool(near))
        return None

    def _place(self, proposal: NameProposal, text: str) -> None:
        """Where a new body goes: a unit (室組科) under the agency holding the meeting, anything else under 市府."""
        owner, owner_key = self.result.owner, self.result.owner_key
        owner_proposal = self.result.proposals.get(owner_key) if owner_key else None
        if proposal.org_kind == Organisation.Kind.UNIT and (owner is None or owner.kind != Organisation.Kind.CITY):
            if owner is not None:
                proposal.parent_id, proposal.parent_label = owner.pk, owner.name
            elif owner_proposal is not None and owner_proposal.can_create:
                proposal.parent_key, proposal.parent_label = owner_proposal.key, owner_proposal.full_name
            prefix = owner.short_name if owner is not None and owner.short_name else ""
            proposal.full_name = text if text.startswith(prefix) else f"{prefix}{text}"
            return
        if self.result.root is not None:
            city = self.book.organisations[self.result.root]
            proposal.parent_id, proposal.parent_label = city.pk, city.name
            city_name = city.name
        else:
            city_key = next((p.key for p in self.result.proposals.values() if p.org_kind == Organisation.Kind.CITY), "")
            if not city_key:
                return
            city_name = self.result.proposals[city_key].full_name
            proposal.parent_key, proposal.parent_label = city_key, city_name
        proposal.full_name = text if normalise(text).startswith(normalise(city_name)) else f"{city_name}{text}"

    def speaker(self, speaker: str, where: str) -> None:
        """Note the agency a speaker is introduced with (都發局張主秘 → 都發局), known or proposed."""
        root = self.result.root
        known = self.book.at_start(speaker, self.minutes.date, root) if root is not None else None
        # 人事室補充報告: the agency itself speaks; 都發局張主秘: an official of it.
        if known is not None and (not known[1] or len(known[1]) >= 2):
            org, rest = known
            agency = normalise(speaker)[: len(normalise(speaker)) - len(rest)]
            self.result.organisations[agency] = org
            self.result.speakers[speaker] = agency
            return
        text = normalise(speaker)
        m = _SPEAKER_AGENCY.match(text)
        agency = m["org"] if m is not None else (text if _is_body_word(text) and len(text) >= 3 else "")
        if agency:
            self.agency(agency, where)
            self.result.speakers[speaker] = agency

    def person(self, role: str, name: str | None, title: str | None, where: str) -> None:
        if not name:
            return
        people = self.book.people_named(name)
        root = self.result.root
        mine = [p for p in people if p.organisation_id and self.book.root_of(p.organisation_id) == root]
        if len(mine) == 1:
            self.result.people[role] = mine[0]
            return
        proposal = NameProposal(key=f"person:{normalise(name)}", kind="person", text=name, title=title or "")
        owner = self.result.owner
        if owner is not None:
            proposal.parent_id, proposal.parent_label = owner.pk, owner.name
        elif self.result.owner_key:
            owner_proposal = self.result.proposals[self.result.owner_key]
            proposal.parent_key, proposal.parent_label = owner_proposal.key, owner_proposal.full_name
        for p in people:
            proposal.match_ids.append(p.pk)
            org = self.book.organisations.get(p.organisation_id) if p.organisation_id else None
            proposal.match_labels.append(f"{org.display_name if org else ''}{p.name}{p.title}")
        self._propose(proposal, where)

    def addressed_units(self, text: str, where: str) -> None:
        """Units a conclusion asks to act (請策略中心…, 會同秘書處總務組…): proposed under the agency they belong to.

        A unit named with its agency (秘書處總務組) goes under that agency; one
        named alone goes under the agency holding the meeting, never guessed in
        a meeting of the city government. A 中心 is a unit only in an agency's
        own meeting (資訊局's 策略中心); in the city's it is an agency.
        """
        on, root = self.minutes.date, self.result.root
        owner, owner_key = self.result.owner, self.result.owner_key
        owner_is_agency = (owner is not None and owner.kind != Organisation.Kind.CITY) or (
            owner is None and bool(owner_key) and self.result.proposals[owner_key].org_kind != Organisation.Kind.CITY
        )
        for name in _ADDRESSED.findall(normalise(text)):
            if any(c in _NOT_IN_NAMES for c in name) or name.startswith(_NOT_NAMES) or normalise(name) in self.result.organisations:
                continue
            known = self.book.resolve(name, on, root) if root is not None else None
            if known is not None:
                self.result.organisations[normalise(name)] = known
                continue
            prefix = self.book.at_start(name, on, root)
            if prefix is not None and prefix[1] and _is_unit_word(prefix[1], agency_meeting=True):
                parent, rest = prefix
                if self.book.resolve(rest, on, root) is not None or _org_key(name) in self.result.proposals:
                    continue
                proposal = NameProposal(
                    key=_org_key(name),
                    kind="organisation",
                    text=name,
                    org_kind=Organisation.Kind.UNIT,
                    full_name=f"{parent.short_name or parent.name}{rest}",
                    parent_id=parent.pk,
                    parent_label=parent.name,
                )
                self._with_matches(proposal, self.book.candidates(rest, on))
                self._propose(proposal, where)
            elif owner_is_agency and _is_unit_word(name, agency_meeting=True):
                proposal = NameProposal(key=_org_key(name), kind="organisation", text=name, org_kind=Organisation.Kind.UNIT)
                self._place(proposal, name)
                self._with_matches(proposal, self.book.candidates(name, on))
                self._propose(proposal, where)


# 請策略中心考量…, 請公管中心會同秘書處總務組…, 請資安中心及創新中心確認…: a unit asked to act, at most 10 characters.
_ADDRESSED = re.compile(r"(?:請|由|會同|及|、|與)([\u4e00-\u9fff]{1,8}?(?:中心|組|室|科))")
# Characters that never occur in a body's name but do in the phrases before one (請同仁至會議室, 請各科室).
_NOT_IN_NAMES = set("於至在之的並將就依以為等各本該全所有每其此同仁")
# Words that say which units, not which one: 與相關科室主管協調, 請權責單位.
_NOT_NAMES = ("相關", "權責", "業管", "主管", "承辦")


def _is_unit_word(name: str, *, agency_meeting: bool) -> bool:
    return normalise(name).endswith(_UNIT_SUFFIXES) or (agency_meeting and normalise(name).endswith("中心"))


def _is_body_word(name: str) -> bool:
    return name.endswith(("局", "處", "會", "中心", "室", "組", "科"))


def _kind_of(text: str) -> str:
    return Organisation.Kind.UNIT if normalise(text).endswith(_UNIT_SUFFIXES) else Organisation.Kind.AGENCY


def presenter_parts(text: str | None) -> list[str]:
    """（秘書處、資訊局） names two agencies; the first is the item's presenter."""
    return [p.strip() for p in _SEPARATORS.split(text or "") if p.strip()]


def match_names(minutes: Minutes, book: Book, *, may_create: bool) -> NameMatches:
    """Look up every name of ``minutes``; ``may_create``: whether new entries may be proposed as the default."""
    matcher = _Matcher(book, minutes, may_create)
    matcher.owner()
    matcher.person("chair", minutes.chair.name, minutes.chair.title, "主席")
    matcher.person("recorder", minutes.recorder, None, "紀錄")
    for section in minutes.sections:
        for n, item in enumerate(section.items, start=1):
            place = f"{section.heading}{item.label}" if item.label else f"{section.heading}第 {n} 案"
            for part in presenter_parts(item.presenter):
                matcher.agency(part, f"{place}（報告機關）")
            for remark in item.remarks:
                matcher.speaker(remark.speaker, f"{place}（發言人 {remark.speaker}）")
    for conclusion in minutes.all_conclusions():
        matcher.addressed_units(conclusion.text, "會議結論")
    # 211-2（捷運公司部分）解除列管: the agencies of a partial decision must be in the directory
    # before the case's assignments can be released one by one.
    for decision in minutes.case_decisions:
        for part in presenter_parts(decision.part):
            matcher.agency(part, f"列管編號 {decision.case}（{decision.part}部分）")
    return matcher.result

"""Matching names in minutes text to the organisation directory, on the date of the minutes.

Minutes write agencies in many forms (臺北市政府資訊局, 資訊局, 北市資訊局) and
refer to old names long after a rename. The directory is small (hundreds of
names), so it is loaded once into memory and matched by longest name first.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from lieguan.organisations.models import Organisation, OrganisationName


def normalise(text: str) -> str:
    """Fold the spellings that minutes use interchangeably (台/臺) so they match."""
    return text.replace("台", "臺").replace(" ", "").replace("\u3000", "")


@dataclass(frozen=True)
class NamePeriod:
    """One name of an organisation and the days it was in use (open-ended where None)."""

    organisation_id: int
    valid_from: dt.date | None
    valid_to: dt.date | None

    def valid_on(self, day: dt.date | None) -> bool:
        if day is None:
            return self.valid_to is None
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class Mention:
    organisation: Organisation
    text: str
    start: int
    end: int


class Directory:
    def __init__(self, organisations: list[Organisation], names: list[OrganisationName]) -> None:
        self.organisations = {o.pk: o for o in organisations}
        self._names: dict[str, list[NamePeriod]] = defaultdict(list)
        for n in names:
            self._names[normalise(n.text)].append(NamePeriod(n.organisation_id, n.valid_from, n.valid_to))
        for o in organisations:
            # The current names always resolve, even if no OrganisationName row was written.
            for text in filter(None, (o.name, o.short_name)):
                key = normalise(text)
                if not any(x.organisation_id == o.pk for x in self._names[key]):
                    self._names[key].append(NamePeriod(o.pk, None, None))
        self._longest = max((len(k) for k in self._names), default=0)

    @classmethod
    def load(cls) -> Directory:
        return cls(list(Organisation.objects.all()), list(OrganisationName.objects.all()))

    def resolve(self, text: str, on: dt.date | None = None, near: Organisation | None = None) -> Organisation | None:
        """The organisation called exactly ``text`` on ``on`` (or today's name when no date is given).

        A name that matches no body on that date, but exactly one body at some
        other time, still resolves: minutes are often late to adopt a rename.
        A unit's short name is shared by many agencies (人事室、秘書室): ``near``
        (the agency whose minutes these are, or the agency just named before it)
        picks the one inside that agency.
        """
        candidates = self._names.get(normalise(text), [])
        if not candidates:
            return None
        current = {c.organisation_id for c in candidates if c.valid_on(on)}
        ids = current or {c.organisation_id for c in candidates}
        if len(ids) > 1 and near is not None:
            ids = {i for i in ids if self.within(self.organisations[i], near)} or ids
        if len(ids) != 1:
            return None
        return self.organisations[next(iter(ids))]

    def within(self, organisation: Organisation, ancestor: Organisation) -> bool:
        """Whether ``organisation`` is ``ancestor`` or one of its units, at any depth."""
        current: Organisation | None = organisation
        seen: set[int] = set()
        while current is not None and current.pk not in seen:
            if current.pk == ancestor.pk:
                return True
            seen.add(current.pk)
            current = self.organisations.get(current.parent_id) if current.parent_id else None
        return False

    def find_in(self, text: str, on: dt.date | None = None, near: Organisation | None = None) -> list[Mention]:
        """Every organisation named in ``text``, longest name first at each position, without overlaps.

        A unit written straight after its agency (秘書處總務組) is looked for inside that agency.
        """
        source = normalise(text)
        out: list[Mention] = []
        i = 0
        while i < len(source):
            context = out[-1].organisation if out and out[-1].end == i else near
            for length in range(min(self._longest, len(source) - i), 1, -1):
                piece = source[i : i + length]
                if piece in self._names:
                    org = self.resolve(piece, on, context)
                    if org is not None:
                        out.append(Mention(org, piece, i, i + length))
                        i += length
                        break
            else:
                i += 1
        return out

    def split_speaker(self, speaker: str, on: dt.date | None = None) -> tuple[Organisation | None, str]:
        """都發局張主秘 → (都市發展局, "張主秘"); a speaker without an agency → (None, speaker)."""
        mentions = self.find_in(speaker, on)
        if mentions and mentions[0].start == 0:
            return mentions[0].organisation, normalise(speaker)[mentions[0].end :]
        return None, speaker

"""Which agency a part of a case counts for: by the organisation as it is now (依現在機關) or as it was then (依當時機關).

- now (the default): the part counts for the body that carries its agency on
  today. 觀傳局 merged into 文化局: 觀傳局's closed cases (which keep their
  organisation) count for 文化局, with the open ones that moved there. A body
  split in several keeps its own row, named as split, because its closed cases
  belong to no one successor and are not counted twice; its open cases went to
  the successors case by case and count there. A body abolished with no
  successor keeps its row, named as abolished.
- then: the part counts for whoever held it on the day counted (the end of the
  period, or the as-of day), under the name that body had on that day: open
  cases moved by a succession after that day count for the body they left.

Units count for their agency: the one they belong to now, or (then) the one they
belonged to on the day, before a succession moved them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lieguan.core import dates
from lieguan.organisations.lineage import Lineage
from lieguan.organisations.models import Organisation, OrganisationName, Succession
from lieguan.tracking.succession_receivers import PREFIX

NOW = "now"
THEN = "then"
VIEWS = {NOW: gettext_lazy("依現在機關"), THEN: gettext_lazy("依當時機關")}


def agency_of(org_id: int, orgs: dict[int, tuple[int | None, str]]) -> int:
    """The agency a unit belongs to (a unit's figures count for its agency); agencies are their own."""
    seen = set()
    node = org_id
    while node in orgs and orgs[node][1] == Organisation.Kind.UNIT and orgs[node][0] is not None and node not in seen:
        seen.add(node)
        parent = orgs[node][0]
        assert parent is not None
        node = parent
    return node


def describe_view(view: str, day: dt.date) -> str:
    if view == THEN:
        return _("機關：依當時機關（各案件計入%(day)s當時的主協辦機關及其當時名稱）") % {"day": dates.long_date(day)}
    return _("機關：依現在機關（已改制機關的案件計入現在的承接機關）")


@dataclass
class Grouping:
    """The agency each part counts for, in one view, on one day; loaded once for a whole table."""

    view: str
    day: dt.date
    orgs: dict[int, tuple[int | None, str]]
    lineage: Lineage
    agencies: dict[int, Organisation] = field(default_factory=dict)
    names: dict[int, list[OrganisationName]] = field(default_factory=dict)

    @classmethod
    def load(cls, view: str, day: dt.date) -> Grouping:
        orgs: dict[int, tuple[int | None, str]] = {
            pk: (parent, kind) for pk, parent, kind in Organisation.objects.values_list("id", "parent_id", "kind")
        }
        lineage = Lineage.load()
        if view != THEN:
            return cls(NOW, day, orgs, lineage)
        # Units moved under a successor after the day counted for the agency they left.
        then = {pk: (lineage.parent_on(pk, parent, day), kind) for pk, (parent, kind) in orgs.items()}
        return cls(THEN, day, then, lineage)

    def agency(self, assignment_id: int, organisation_id: int) -> int:
        """The agency a part counts for: see the module's docstring."""
        if self.view == THEN:
            return agency_of(self.lineage.holder_on(f"{PREFIX}{assignment_id}", organisation_id, self.day), self.orgs)
        return self.agency_now(organisation_id)

    def agency_now(self, organisation_id: int) -> int:
        """The agency an organisation's parts count for today: its own, or the one successor of a body merged away."""
        agency = agency_of(organisation_id, self.orgs)
        heirs = self.lineage.current_successors(agency)
        return agency_of(heirs[0], self.orgs) if len(heirs) == 1 else agency

    def scope(self, agency: Organisation) -> frozenset[int]:
        """The organisations whose parts may count for ``agency`` in this view: a superset, narrowed row by row."""
        return self.lineage.family(agency.pk)

    def load_agencies(self, ids: set[int]) -> None:
        """The agencies counted, with the successors a split row names, and (then) the names they had: two queries."""
        wanted = set(ids)
        for pk in ids:
            if self.lineage.ended_how(pk):
                wanted.update(self.lineage.current_successors(pk))
        self.agencies = {o.pk: o for o in Organisation.objects.filter(pk__in=wanted)}
        if self.view == THEN:
            self.names = {}
            for name in OrganisationName.objects.filter(organisation_id__in=ids).order_by("valid_from", "pk"):
                self.names.setdefault(name.organisation_id, []).append(name)

    def label(self, agency_id: int) -> str:
        agency = self.agencies[agency_id]
        if self.view == THEN:
            valid = [n for n in self.names.get(agency_id, []) if n.valid_on(self.day)]
            for kind in (OrganisationName.Kind.SHORT, OrganisationName.Kind.OFFICIAL):
                named = [n.text for n in valid if n.kind == kind]
                if named:
                    return named[-1]
            return agency.display_name
        how = self.lineage.ended_how(agency_id)
        if how == Succession.Kind.SPLIT:
            heirs = _("、").join(self.agencies[pk].display_name for pk in self.lineage.current_successors(agency_id) if pk in self.agencies)
            return _("%(agency)s（已分拆為%(heirs)s）") % {"agency": agency.display_name, "heirs": heirs}
        if how:
            return _("%(agency)s（已裁撤）") % {"agency": agency.display_name}
        return agency.display_name

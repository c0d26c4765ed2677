"""Where an organisation's open work goes when it is merged, split or abolished: the preview the administrator confirms.

All to one successor for a merger or an abolition with a successor; case by case
for a split (``choices`` maps a work key, e.g. ``assignment:42``, to a successor's
id). Closed cases are not open work: they keep the organisation they had. A
rename or a move keeps the organisation, so its work stays where it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from lieguan.organisations.models import Organisation, RoleGrant, Succession
from lieguan.organisations.signals import OpenWork, open_work

# The kinds after which the organisation no longer exists and its work moves.
ENDING = frozenset({Succession.Kind.MERGE, Succession.Kind.SPLIT, Succession.Kind.ABOLISH})


@dataclass
class Row:
    work: OpenWork
    successor: Organisation | None
    problem: str = ""


@dataclass
class Preview:
    succession: Succession
    rows: list[Row] = field(default_factory=list)
    # Units re-parented to the successor; role grants and people carried over to it.
    units: list[Organisation] = field(default_factory=list)
    unit_successor: Organisation | None = None
    grants: list[RoleGrant] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def moves(self) -> dict[str, Organisation]:
        return {row.work.key: row.successor for row in self.rows if row.successor is not None}


def work_of(organisation: Organisation) -> list[OpenWork]:
    found: list[OpenWork] = []
    for _receiver, answer in open_work.send(sender=Organisation, organisation=organisation):
        if isinstance(answer, list):
            found.extend(answer)
    return sorted(found, key=lambda w: w.key)


def preview(succession: Succession, choices: dict[str, int] | None = None) -> Preview:
    """Where each piece of open work would go, and what stands in the way of confirming."""
    org = succession.organisation
    out = Preview(succession)
    if succession.kind not in ENDING:
        if succession.kind == Succession.Kind.MOVE:
            _check_move(succession, out)
        if succession.kind == Succession.Kind.RENAME and not succession.new_name.strip():
            out.problems.append(_("更名須填寫新全銜。"))
        return out
    successors = {o.pk: o for o in succession.successors.all()}
    if org.pk in successors:
        out.problems.append(_("承接機關不可為機關本身。"))
    default = next(iter(successors.values())) if len(successors) == 1 else None
    if succession.kind == Succession.Kind.MERGE and default is None:
        out.problems.append(_("併入須指定一個承接機關。"))
    if succession.kind == Succession.Kind.SPLIT and len(successors) < 2:
        out.problems.append(_("分拆須指定兩個以上的承接機關。"))
    if succession.kind == Succession.Kind.ABOLISH and len(successors) > 1:
        out.problems.append(_("裁撤最多指定一個承接機關。"))
    for work in work_of(org):
        successor = default
        if succession.kind == Succession.Kind.SPLIT:
            chosen = (choices or {}).get(work.key) or (succession.moves or {}).get(work.key)
            successor = successors.get(int(chosen)) if chosen else None
        problem = ""
        if successor is None:
            problem = _("請為%(case)s指定承接機關。") % {"case": work.label}
        elif successor.pk in work.holders:
            problem = _("%(agency)s已是%(case)s的主協辦機關，請改指定其他承接機關，或先調整該案的主協辦機關。") % {
                "agency": successor.display_name,
                "case": work.label,
            }
        out.rows.append(Row(work, successor, problem))
        if problem:
            out.problems.append(problem)
    out.units = list(org.children.filter(active=True).order_by("sort_order", "code"))
    out.unit_successor = default if default is not None else (next(iter(successors.values()), None))
    if out.units and out.unit_successor is None:
        out.problems.append(_("所屬單位須有承接機關：請指定承接機關，或先裁撤各單位。"))
    if default is not None:
        out.grants = list(RoleGrant.objects.filter(organisation=org).select_related("user"))
    return out


def _check_move(succession: Succession, out: Preview) -> None:
    parent = succession.new_parent
    if parent is None:
        out.problems.append(_("改隸須指定新上級機關。"))
        return
    node: Organisation | None = parent
    while node is not None:
        if node.pk == succession.organisation_id:
            out.problems.append(_("新上級機關不可為機關本身或其所屬單位。"))
            return
        node = node.parent

"""The directory as a tree: the one place that decides how organisations are ordered and nested for display.

Units carry small sort orders of their own (1, 2, 3 within their agency), so a
list sorted by ``sort_order`` alone scatters them to the top, under whatever
body happens to come first. Every picker and list that shows bodies with their
units goes through ``build_tree`` instead: depth first, each body followed by
its own units, siblings in directory order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lieguan.organisations.models import Organisation


@dataclass(frozen=True)
class Node:
    """One organisation in its place: ``depth`` 0 for the top of the shown set, 1 for what is nested under it, …

    The city is the root of everything: its agencies stand at its own depth
    rather than all indented under it, and their units are nested one level in.
    """

    organisation: Organisation
    depth: int


def _directory_order(org: Organisation) -> tuple[int, str]:
    return (org.sort_order, org.code)


def build_tree(organisations: Iterable[Organisation]) -> list[Node]:
    """``organisations`` in tree order with their depth within the set.

    A body whose parent is not in the set (the city left out of a list of
    agencies) is a top-level entry. Bodies caught in a cycle of parents, which
    the directory should never hold, are still listed, at the top level, so that
    no choice silently disappears.
    """
    orgs = list(organisations)
    ids = {o.pk for o in orgs}
    children: dict[int | None, list[Organisation]] = {}
    for org in orgs:
        parent = org.parent_id if org.parent_id in ids and org.parent_id != org.pk else None
        children.setdefault(parent, []).append(org)
    for siblings in children.values():
        siblings.sort(key=_directory_order)
    out: list[Node] = []
    seen: set[int] = set()

    def walk(roots: list[Organisation]) -> None:
        stack = [(org, 0) for org in reversed(roots)]
        while stack:
            org, depth = stack.pop()
            if org.pk in seen:
                continue
            seen.add(org.pk)
            out.append(Node(org, depth))
            below = depth if org.kind == Organisation.Kind.CITY else depth + 1
            stack.extend((child, below) for child in reversed(children.get(org.pk, [])))

    walk(children.get(None, []))
    walk(sorted((o for o in orgs if o.pk not in seen), key=_directory_order))
    return out


def tree_order(organisations: Iterable[Organisation]) -> list[Organisation]:
    """Depth first, each body followed by its units, in directory order."""
    return [node.organisation for node in build_tree(organisations)]

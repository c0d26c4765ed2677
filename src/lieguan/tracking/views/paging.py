"""Lists paged in SQL: a count that stops at a cap, the page's keys sliced by the database, a page for the template."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

PAGE_SIZE = 50
# Counting stops here: past it the list says 「超過 10,000 案」 rather than scan every row for the exact figure.
COUNT_CAP = 10_000


@dataclass(frozen=True)
class ListPage:
    """One page of a list paged in SQL; ``num_pages`` is None when the count stopped at COUNT_CAP."""

    number: int
    num_pages: int | None
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next


def page_number(raw: str | None) -> int:
    try:
        # Bounded, so that an absurd ?page= cannot overflow the database's OFFSET.
        return min(max(1, int(raw or 1)), 10**9)
    except ValueError:
        return 1


@dataclass(frozen=True)
class Window:
    """Where the asked-for page of a counted list starts; the number is clamped to the last page when it is known."""

    number: int
    counted: int

    @property
    def exact(self) -> bool:
        return self.counted <= COUNT_CAP

    @property
    def total(self) -> int | None:
        return self.counted if self.exact else None

    def total_label(self, unit: str) -> str:
        """共 12 案, or 超過 10,000 案 when the count stopped at the cap."""
        if unit == "案":
            text = _("共 %(count)s 案") if self.exact else _("超過 %(cap)s 案")
        elif unit == "筆":
            text = _("共 %(count)s 筆") if self.exact else _("超過 %(cap)s 筆")
        else:
            return f"共 {self.counted} {unit}" if self.exact else f"超過 {COUNT_CAP:,} {unit}"
        return text % {"count": self.counted, "cap": f"{COUNT_CAP:,}"}

    def page_of(self, keys: QuerySet[Any, Any]) -> tuple[ListPage, Sequence[Any]]:
        """The page and its keys, from ``keys`` (sorted ``values_list``): one row more than a page tells whether a next one exists."""
        offset = (self.number - 1) * PAGE_SIZE
        found = list(keys[offset : offset + PAGE_SIZE + 1])
        num_pages = max(1, -(-self.counted // PAGE_SIZE)) if self.exact else None
        return ListPage(number=self.number, num_pages=num_pages, has_next=len(found) > PAGE_SIZE), found[:PAGE_SIZE]


def window(rows: QuerySet[Any, Any], raw_page: str | None) -> Window:
    """Count ``rows`` up to the cap (one query) and place the asked-for page."""
    counted = rows.order_by()[: COUNT_CAP + 1].count()
    number = page_number(raw_page)
    if counted <= COUNT_CAP:
        number = min(number, max(1, -(-counted // PAGE_SIZE)))
    return Window(number=number, counted=counted)

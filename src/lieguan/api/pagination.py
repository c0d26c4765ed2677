"""Keyset pagination: stable pages however the data changes between requests.

A page is ``limit`` rows with ids greater than ``after``, in id order; the
response carries ``next`` (the last id of the page, or null at the end), so a
client follows ``?after=<next>`` until ``next`` is null. Rows added or removed
meanwhile never shift a page, as an offset would.
"""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Model, QuerySet
from ninja import Field, Schema

MAX_LIMIT = 200
DEFAULT_LIMIT = 50

M = TypeVar("M", bound=Model)


class Page(Schema):
    next: int | None = Field(None, description="下一頁的 after 值；null 表示沒有下一頁")


class Paging(Schema):
    after: int | None = Field(None, ge=0, le=2**63 - 1, description="上一頁回應的 next 值")
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"每頁筆數（1 至 {MAX_LIMIT}）")


def paginate(qs: QuerySet[M], *, after: int | None, limit: int) -> tuple[list[M], int | None]:
    if after is not None:
        qs = qs.filter(pk__gt=after)
    rows = list(qs.order_by("pk")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (rows[-1].pk if more and rows else None)

"""Full-text search over minutes and cases, with the same access filtering as the search page."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from lieguan.api import schemas as s
from lieguan.api.auth import caller
from lieguan.api.pagination import Page
from lieguan.api.schemas import DbId
from lieguan.search.access import may_search
from lieguan.search.highlight import excerpt
from lieguan.search.query import DATE, RELEVANCE, Criteria, search
from lieguan.search.results import hits
from lieguan.search.tokenizer import MAX_QUERY_CHARS

router = Router(tags=["檢索"])

Kind = Literal["conclusion", "item", "remark", "case", "report"]
# Results are ranked, not in id order, so the cursor is a position; pages beyond this are not useful to anyone.
MAX_POSITION = 10_000
MAX_LIMIT = 50


class SearchFilter(Schema):
    q: str = Field(min_length=1, max_length=MAX_QUERY_CHARS, pattern=s.NO_NUL, description='查詢字詞；以空白分隔者須全部符合，"…" 為詞組')
    kind: Kind | None = Field(None, description="資料類別：conclusion 會議結論、item 議程案件、remark 發言、case 列管案件、report 辦理情形")
    series_id: DbId | None = Field(None, description="只查此會議（系列）")
    agency_id: DbId | None = Field(None, description="只查與此機關（含所屬單位）有關者")
    case_status: Literal["open", "released"] | None = Field(None, description="列管案件狀態")
    sort: Literal["relevance", "date"] = Field("relevance", description="relevance 依相關程度、date 依日期（新到舊）")
    after: int | None = Field(None, ge=0, le=MAX_POSITION, description="上一頁回應的 next 值")
    limit: int = Field(20, ge=1, le=MAX_LIMIT, description=f"每頁筆數（1 至 {MAX_LIMIT}）")


class SearchResult(Schema):
    kind: Kind
    kind_label: str = Field(description="資料類別的中文名稱")
    object_id: int = Field(description="該筆會議結論、議程案件、發言、列管案件或辦理情形的 id")
    title: str = Field(description="會議紀錄名稱，或列管編號與案由")
    context: str = Field(description="在紀錄中的位置，如「報告事項 一、…」或「列管編號 224-1」")
    excerpt: str = Field(description="符合處前後約 120 字")
    text: str
    date: dt.date
    series_id: int | None
    meeting_id: int | None
    case_id: int | None
    case_status: str = Field(description="列管案件及其辦理情形、列管中的會議結論：open 或 released；其他為空字串")
    url: str | None = Field(description="顯示此筆資料的網頁")
    score: float | None = Field(description="相關分數：數值越小越相關，只用於比較同一次查詢的結果")


class SearchPage(Page):
    items: list[SearchResult]


@router.get(
    "/search",
    response={200: SearchPage, **s.ERRORS},
    summary="全文檢索",
    description="檢索會議結論、議程案件、發言、列管案件與辦理情形；只回傳呼叫者可檢視的資料（與檢索頁相同）。"
    "結果依相關程度排序，next 為下一頁的起始位置；查詢字詞只有標點符號時，結果為空。",
)
def search_api(request: HttpRequest, filters: Query[SearchFilter]) -> dict[str, Any]:
    user = caller(request)
    if not may_search(user):
        raise PermissionDenied(_("請先登入後再使用全文檢索。"))
    criteria = Criteria(
        q=filters.q,
        series_id=filters.series_id,
        agency_id=filters.agency_id,
        case_status=filters.case_status or "",
        kinds=[filters.kind] if filters.kind else [],
        sort=DATE if filters.sort == "date" else RELEVANCE,
    )
    query = criteria.query
    if query.empty:
        # Punctuation alone matches nothing (the search page says so; here the page is simply empty).
        return {"items": [], "next": None}
    start = filters.after or 0
    found = search(user, criteria)[start : start + filters.limit + 1]
    more = len(found) > filters.limit
    items = []
    for hit in hits(user, found[: filters.limit], query):
        entry = hit.entry
        items.append(
            {
                "kind": entry.kind,
                "kind_label": hit.kind,
                "object_id": entry.object_id,
                "title": hit.title,
                "context": hit.context,
                "excerpt": "".join(piece for piece, _ in excerpt(entry.text, query)),
                "text": entry.text,
                "date": hit.date,
                "series_id": entry.series_id,
                "meeting_id": entry.meeting_id,
                "case_id": entry.case_id,
                "case_status": entry.case_status,
                "url": request.build_absolute_uri(hit.url) if hit.url else None,
                "score": getattr(entry, "score", None),
            }
        )
    following = start + filters.limit
    return {"items": items, "next": following if more and following <= MAX_POSITION else None}

"""The search page, and the related decisions of a conclusion or a case (a page, or an HTMX fragment)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lieguan.core.decorators import public_or_login
from lieguan.core.templatetags.records import record
from lieguan.meetings.access import access_confidential_item, access_minutes
from lieguan.meetings.models import Conclusion
from lieguan.search.access import require_search
from lieguan.search.forms import SearchForm
from lieguan.search.models import SearchEntry
from lieguan.search.query import RELEVANCE, search
from lieguan.search.related import related_conclusions
from lieguan.search.results import case_url, hits, minutes_url
from lieguan.tracking.access import access_case_text

PER_PAGE = 20


def _require_search(request: HttpRequest) -> None:
    require_search(request.user)


@public_or_login
@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    """全文檢索: the words and filters in the address, results by relevance or date, twenty a page."""
    _require_search(request)
    data = request.GET.copy() if request.GET else None
    if data is not None:
        data.setdefault("sort", RELEVANCE)
    form = SearchForm(data, user=request.user)
    context: dict[str, Any] = {"form": form, "searched": False}
    if request.GET and form.is_valid():
        criteria = form.criteria()
        query = criteria.query
        if query.empty and not form.filtered:
            context["nothing_to_search"] = bool(criteria.q.strip())
        else:
            # Results counts and slices as a queryset does, which is all Paginator asks of it.
            paginator: Paginator[SearchEntry] = Paginator(search(request.user, criteria), PER_PAGE)  # type: ignore[arg-type]
            page = paginator.get_page(request.GET.get("page"))
            params = request.GET.copy()
            params.pop("page", None)
            context.update(
                searched=True,
                page=page,
                hits=hits(request.user, page.object_list, query),
                query_string=params.urlencode(),
            )
    context["filtered"] = form.is_bound and form.is_valid() and form.filtered
    return render(request, "search/search.html", context)


def _in_words(sentence: str, **data: object) -> str:
    """A translated sentence naming a record: the record's words stay marked as data (``data-record``) in either language."""
    return mark_safe(escape(sentence) % {name: record(value) for name, value in data.items()})  # noqa: S308  (escaped above)


def _related(request: HttpRequest, source: Any, *, kind: str, text: str, url: str | None) -> HttpResponse:
    context = {
        "related": related_conclusions(request.user, source),
        "loaded": True,
        "level": 3 if request.GET.get("level") == "3" else 2,
        "source": source,
        "source_kind": kind,
        "source_text": text,
        "source_url": url,
    }
    if request.headers.get("HX-Request"):
        return render(request, "search/_related.html", context)
    return render(request, "search/related.html", context)


@public_or_login
@require_GET
def related_to_conclusion(request: HttpRequest, conclusion_id: int) -> HttpResponse:
    """相關決議 of a conclusion, for whoever may read its minutes."""
    _require_search(request)
    conclusion = Conclusion.objects.select_related("item__section", "section").filter(pk=conclusion_id).first()
    if conclusion is None:
        raise Http404(_("找不到此會議結論。"))
    meeting = access_minutes(request.user, conclusion.meeting_id)
    if conclusion.item_id is not None:
        # A conclusion of a confidential item is not found by those not entitled to it (機密／限閱).
        access_confidential_item(request.user, conclusion.item_id)
    anchor = SearchEntry.objects.filter(kind=SearchEntry.Kind.CONCLUSION, object_id=conclusion.pk).values_list("anchor", flat=True).first()
    return _related(
        request,
        conclusion,
        kind=_in_words(_("%(title)s　會議結論"), title=meeting.title),
        text=conclusion.text,
        url=minutes_url(meeting.pk, anchor or ""),
    )


@public_or_login
@require_GET
def related_to_case(request: HttpRequest, case_id: int) -> HttpResponse:
    """相關決議 of a tracked case, for whoever may see the case."""
    _require_search(request)
    case = access_case_text(request.user, case_id)
    return _related(
        request,
        case,
        kind=_in_words(_("列管案件 %(number)s"), number=case.number),
        text=f"{case.title}\n{case.text}",
        url=case_url(case.pk),
    )

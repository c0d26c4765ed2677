"""Organisations and people: the directory, readable by every signed-in caller."""

from __future__ import annotations

from typing import Literal

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router

from lieguan.api import schemas as s
from lieguan.api.auth import caller
from lieguan.api.pagination import Paging, paginate
from lieguan.api.schemas import DbId
from lieguan.organisations import access
from lieguan.organisations.models import Organisation, OrganisationName, Person

router = Router(tags=["機關與人員"])


def _signed_in(request: HttpRequest) -> None:
    if not caller(request).is_authenticated:
        raise PermissionDenied(_("機關與人員名錄僅供登入使用者查詢。"))


def organisation_out(o: Organisation) -> dict[str, object]:
    return {
        "id": o.pk,
        "code": o.code,
        "name": o.name,
        "short_name": o.short_name,
        "kind": o.kind,
        "parent_id": o.parent_id,
        "active": o.active,
        "names": [{"text": n.text, "kind": n.kind, "valid_from": n.valid_from, "valid_to": n.valid_to} for n in o.names.all()],
    }


class OrganisationFilter(Paging):
    parent_id: DbId | None = None
    kind: Literal["city", "agency", "unit"] | None = None
    name: str | None = Field(None, pattern=s.NO_NUL)


@router.get("/organisations", response={200: s.OrganisationPage, **s.ERRORS}, summary="機關與單位")
def list_organisations(request: HttpRequest, filters: Query[OrganisationFilter]) -> dict[str, object]:
    _signed_in(request)
    qs = Organisation.objects.prefetch_related(Prefetch("names", queryset=OrganisationName.objects.order_by("valid_from", "id")))
    if filters.parent_id is not None:
        qs = qs.filter(parent_id=filters.parent_id)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.name:
        qs = qs.filter(names__text__contains=filters.name).distinct()
    rows, nxt = paginate(qs, after=filters.after, limit=filters.limit)
    return {"items": [organisation_out(o) for o in rows], "next": nxt}


@router.get("/organisations/{organisation_id}", response={200: s.Organisation, **s.ERRORS}, summary="一個機關（含歷來名稱）")
def get_organisation(request: HttpRequest, organisation_id: DbId) -> dict[str, object]:
    _signed_in(request)
    return organisation_out(access.access_organisation(caller(request), organisation_id))


class PersonFilter(Paging):
    organisation_id: DbId | None = None
    name: str | None = Field(None, pattern=s.NO_NUL)


@router.get("/people", response={200: s.PersonPage, **s.ERRORS}, summary="人員")
def list_people(request: HttpRequest, filters: Query[PersonFilter]) -> dict[str, object]:
    _signed_in(request)
    qs = Person.objects.filter(active=True)
    if filters.organisation_id is not None:
        qs = qs.filter(organisation_id=filters.organisation_id)
    if filters.name:
        qs = qs.filter(name__contains=filters.name)
    rows, nxt = paginate(qs, after=filters.after, limit=filters.limit)
    return {"items": [{"id": p.pk, "name": p.name, "title": p.title, "organisation_id": p.organisation_id} for p in rows], "next": nxt}

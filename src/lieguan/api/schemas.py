"""What the API sends and takes. Field names follow ../shared/GLOSSARY.md."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Annotated, Any, Literal

from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.orm.fields import TYPES as MODEL_FIELD_TYPES
from pydantic import BeforeValidator, create_model

from lieguan.api.pagination import Page
from lieguan.tracking import details
from lieguan.tracking.details import Where


def _iso_date_only(value: Any) -> Any:
    # Pydantic would read 0 or 1700000000 as a Unix time; a date in a query is written YYYY-MM-DD.
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(_("日期須為 YYYY-MM-DD"))
    if isinstance(value, int | float):
        raise ValueError(_("日期須為 YYYY-MM-DD"))
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date_only)]
# Database ids: larger numbers cannot exist and would overflow the database's integer.
DbId = Annotated[int, Field(ge=0, le=2**63 - 1)]


class Problem(Schema):
    """RFC 9457 problem details, sent as application/problem+json."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str


# Every route may answer with these; the schema documents them so that clients can rely on the shape.
ERRORS: dict[int, type[Schema]] = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem, 429: Problem}


class OrganisationName(Schema):
    text: str
    kind: Literal["official", "short", "alias"]
    valid_from: dt.date | None
    valid_to: dt.date | None


class Organisation(Schema):
    id: int
    code: str
    name: str
    short_name: str
    kind: Literal["city", "agency", "unit"]
    parent_id: int | None
    active: bool
    names: list[OrganisationName]


class OrganisationPage(Page):
    items: list[Organisation]


class Person(Schema):
    id: int
    name: str
    title: str
    organisation_id: int | None


class PersonPage(Page):
    items: list[Person]


class Series(Schema):
    id: int
    code: str
    name: str
    full_name: str
    owner_id: int
    numbering: Literal["sequential", "yearly"]
    level: Literal["city", "agency"]
    public: bool
    tracks_cases: bool
    case_number_pattern: str


class SeriesPage(Page):
    items: list[Series]


class Meeting(Schema):
    id: int
    series_id: int
    number: int
    year: int | None = Field(description="民國年度，僅用於每年重新編號的會議")
    title: str
    start: dt.datetime
    end: dt.datetime | None
    location: str
    chair_name: str
    chair_title: str
    recorder_name: str
    minutes_state: Literal["draft", "circulated", "published", "confirmed"]
    cancelled: bool
    minutes_url: str | None = Field(description="可讀取會議紀錄（Minutes JSON）時的網址")


class MeetingPage(Page):
    items: list[Meeting]


class AgendaItem(Schema):
    id: int
    meeting_id: int
    section_label: str
    section_kind: str
    section_heading: str
    label: str
    title: str
    presenter_id: int | None
    presenter: str
    # 機密／限閱: for a caller not entitled, title 「機密案件」 and no text.
    confidential: bool = False


class AgendaItemPage(Page):
    items: list[AgendaItem]


class Conclusion(Schema):
    id: int
    meeting_id: int
    item_id: int | None
    section_id: int | None
    label: str
    text: str
    tracked: bool
    confidential: bool = False


class ConclusionPage(Page):
    items: list[Conclusion]


class Assignment(Schema):
    id: int
    organisation_id: int
    organisation: str
    role: Literal["lead", "co"]
    status: Literal["open", "released"]
    released_on: dt.date | None


class CaseFields(Schema):
    """A case without its details (tracking/details.py): ``case_schema`` adds those the registry gives the API."""

    id: int
    number: str
    series_id: int | None
    meeting_id: int | None
    conclusion_id: int | None
    source: Literal["minutes", "mayor", "councillor", "petition", "other"]
    level: Literal["city", "agency"]
    owner_id: int
    parent_id: int | None
    title: str
    text: str
    status: Literal["open", "released"]
    deadline: dt.date | None
    deadline_basis: str
    opened_on: dt.date
    released_on: dt.date | None
    assignments: list[Assignment]
    confidential: bool = False


def detail_fields() -> dict[str, Any]:
    """Each case detail the API shows, typed as its model field (null where the field, or what a confidential
    case shows instead, can be null)."""
    fields: dict[str, Any] = {}
    for detail in details.shown_in(Where.API):
        kind: Any = MODEL_FIELD_TYPES[detail.model_field.get_internal_type()]
        fields[detail.field] = (kind | None if detail.model_field.null or detail.empty is None else kind, ...)
    return fields


def case_schema() -> type[CaseFields]:
    """The API's case: its fields and, after them, its details, read from the registry when the API is built."""
    return create_model("Case", __base__=CaseFields, __module__=__name__, **detail_fields())


if TYPE_CHECKING:
    Case = CaseFields
else:
    Case = case_schema()


class CasePage(Page):
    items: list[Case]


class ProgressReport(Schema):
    id: int
    case_id: int
    assignment_id: int
    organisation: str
    cycle: str
    text: str
    proposal: Literal["release", "continue"]
    submitted_at: dt.datetime
    submitted_by: str


class ProgressReportPage(Page):
    items: list[ProgressReport]


# Text the API stores or searches for: PostgreSQL cannot hold U+0000, and no field of ours has a use for it.
# Declared as a pattern, so that the schema says it and pydantic answers 422 (issue 20, 5).
NO_NUL = r"^[^\x00]*$"


class ProgressReportIn(Schema):
    text: str = Field(min_length=1, max_length=20000, pattern=NO_NUL, description="辦理情形")
    proposal: Literal["release", "continue"] = Field(description="擬辦：release 擬解除列管、continue 擬繼續列管")


class Decision(Schema):
    id: int
    case_id: int
    case_number: str
    assignment_id: int | None
    organisation: str | None
    meeting_id: int | None
    decision: Literal["release", "continue"]
    decided_on: dt.date


class DecisionPage(Page):
    items: list[Decision]


class DecisionIn(Schema):
    case_id: DbId
    decision: Literal["release", "continue"]
    organisation_ids: list[DbId] = Field(default_factory=list, description="只對這些機關的部分決定；空白表示此案所有列管中的機關")


class DecisionsIn(Schema):
    decisions: list[DecisionIn] = Field(min_length=1, max_length=500)


class DecisionsOut(Schema):
    sentence: str = Field(description="寫入會議紀錄的標準文字")
    decisions: list[Decision]

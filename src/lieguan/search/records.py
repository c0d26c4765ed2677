"""What the index says about each record: its text, where it stands, its date and the agencies it concerns.

Built from plain rows (``values()``) rather than model instances, so that
reindexing a million conclusions stays fast; the same builders serve one
meeting after an edit and the whole database in ``lieguan search reindex``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from django.utils import timezone

from lieguan.meetings.models import AgendaItem, AgendaSection, Conclusion, Meeting, Remark
from lieguan.minutes.render.layout import clean_line, lines
from lieguan.organisations.models import Organisation, OrganisationName
from lieguan.search.models import SearchEntry
from lieguan.tracking.models import Assignment, CaseStatus, ProgressReport, TrackedCase

K = SearchEntry.Kind
Row = Mapping[str, Any]  # a row of values(), as the builders read it
# PostgreSQL keeps word positions up to 16383; a longer text is indexed up to there.
MAX_TOKENS = 16000


@dataclass
class Record:
    kind: str
    object_id: int
    date: dt.date
    text: str
    context: str = ""
    meeting_id: int | None = None
    case_id: int | None = None
    series_id: int | None = None
    case_status: str = ""
    anchor: str = ""
    agencies: set[int] = field(default_factory=set)


class AgencyNames:
    """Finds the agencies a text names (請資訊局評估… → 資訊局), by every name they have had."""

    def __init__(self, names: dict[str, int]) -> None:
        self.names = names
        ordered = sorted(names, key=len, reverse=True)
        self.pattern = re.compile("|".join(re.escape(n) for n in ordered)) if ordered else None

    @classmethod
    def load(cls) -> AgencyNames:
        # The city itself (本府, 市政府) is in every text and would say nothing; names shorter than
        # three characters (府會) are too often parts of other words.
        agencies = Organisation.objects.exclude(kind=Organisation.Kind.CITY)
        names: dict[str, int] = {}
        for pk, name, short in agencies.values_list("pk", "name", "short_name"):
            for n in (name, short):
                if n and len(n) >= 3:
                    names.setdefault(n, pk)
        rows = OrganisationName.objects.filter(organisation__in=agencies).values_list("text", "organisation_id")
        for text, pk in rows:
            if text and len(text) >= 3:
                names.setdefault(text, pk)
        return cls(names)

    def find(self, *texts: str) -> set[int]:
        if self.pattern is None:
            return set()
        return {self.names[m.group(0)] for text in texts if text for m in self.pattern.finditer(text)}


def _directive_part(text: str) -> str:
    return quote(text, safe="").replace("-", "%2D")


_CLAUSE_END = "，、。；：！？）」"


def text_directive(line: str) -> str:
    """A URL text directive (``:~:text=…``) that makes the browser scroll to and mark ``line``.

    Browsers match a directive only at word boundaries, which in Chinese they
    find with a dictionary; so a long line is given by its start and end, cut
    at punctuation, which is always a boundary. The browser takes the first
    place the start occurs, so the start is kept as long as allowed (up to 40
    characters): 請各機關 alone would stop at the first conclusion saying it.
    """
    line = " ".join(line.split())
    if not line:
        return ""
    if len(line) <= 60:
        return ":~:text=" + _directive_part(line)
    head = next((i + 1 for i in range(39, 6, -1) if line[i] in _CLAUSE_END), None)
    tail = next((i + 1 for i in range(len(line) - 30, len(line) - 6) if line[i] in _CLAUSE_END), None)
    if head is None or tail is None or tail <= head:
        return ""
    return ":~:text=" + _directive_part(line[:head]) + "," + _directive_part(line[tail:])


def _first_line(text: str | None) -> str:
    found = lines(text)
    return found[0] if found else ""


def _local_date(value: dt.datetime) -> dt.date:
    return timezone.localtime(value).date()


def _join(*parts: str | None) -> str:
    return "\n".join(p for p in parts if p and p.strip())


def _trim(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def meeting_records(meeting_ids: Iterable[int], names: AgencyNames) -> list[Record]:
    """The items, remarks and conclusions of these meetings."""
    ids = list(meeting_ids)
    if not ids:
        return []
    meetings = {m["pk"]: m for m in Meeting.objects.filter(pk__in=ids).values("pk", "start", "series_id")}
    sections = list(
        AgendaSection.objects.filter(meeting_id__in=meetings)
        .order_by("meeting_id", "position", "id")
        .values("pk", "meeting_id", "label", "heading")
    )
    number: dict[int, int] = {}
    seen: dict[int, int] = defaultdict(int)
    for s in sections:
        # The minutes page numbers its sections lg-s1, lg-s2 … in this order (minutes/render/html.py).
        seen[s["meeting_id"]] += 1
        number[s["pk"]] = seen[s["meeting_id"]]
    section_by_id = {s["pk"]: s for s in sections}
    items = {
        i["pk"]: i
        for i in AgendaItem.objects.filter(section_id__in=section_by_id).values(
            "pk", "section_id", "label", "title", "presenter_id", "presenter_text", "body", "explanation", "proposed_action"
        )
    }
    remarks = list(Remark.objects.filter(item_id__in=items).values("pk", "item_id", "speaker", "speaker_organisation_id", "kind", "text"))
    conclusions = list(Conclusion.objects.filter(item_id__in=items).values("pk", "item_id", "section_id", "label", "text")) + list(
        Conclusion.objects.filter(section_id__in=section_by_id).values("pk", "item_id", "section_id", "label", "text")
    )
    case_status, case_agencies = _conclusion_cases([c["pk"] for c in conclusions])

    out: list[Record] = []

    def base(section_id: int) -> tuple[Row, Row]:
        section = section_by_id[section_id]
        return section, meetings[section["meeting_id"]]

    def section_name(section: Row) -> str:
        return clean_line(section["heading"])

    def item_name(item: Row) -> str:
        label = f"{item['label']}、" if item["label"] else ""
        presenter = f"（{item['presenter_text']}）" if item["presenter_text"] else ""
        return f"{label}{clean_line(item['title'])}{presenter}"

    for item in items.values():
        section, meeting = base(item["section_id"])
        text = _join(item["title"], item["body"], item["explanation"], item["proposed_action"])
        agencies = names.find(text)
        if item["presenter_id"]:
            agencies.add(item["presenter_id"])
        out.append(
            Record(
                kind=K.ITEM,
                object_id=item["pk"],
                date=_local_date(meeting["start"]),
                text=text,
                context=_trim(section_name(section)),
                meeting_id=meeting["pk"],
                series_id=meeting["series_id"],
                anchor=f"lg-s{number[section['pk']]}" + text_directive(clean_line(item["title"])),
                agencies=agencies,
            )
        )
    for remark in remarks:
        item = items[remark["item_id"]]
        section, meeting = base(item["section_id"])
        agencies = names.find(remark["text"])
        if remark["speaker_organisation_id"]:
            agencies.add(remark["speaker_organisation_id"])
        out.append(
            Record(
                kind=K.REMARK,
                object_id=remark["pk"],
                date=_local_date(meeting["start"]),
                text=f"{remark['speaker']}{remark['kind']}：{remark['text']}",
                context=_trim(f"{section_name(section)} › {item_name(item)}"),
                meeting_id=meeting["pk"],
                series_id=meeting["series_id"],
                anchor=f"lg-s{number[section['pk']]}" + text_directive(_first_line(remark["text"])),
                agencies=agencies,
            )
        )
    for c in conclusions:
        owner = items.get(c["item_id"]) if c["item_id"] else None
        section, meeting = base(owner["section_id"] if owner else c["section_id"])
        agencies = names.find(c["text"]) | case_agencies.get(c["pk"], set())
        if owner and owner["presenter_id"]:
            agencies.add(owner["presenter_id"])
        context = f"{section_name(section)} › {item_name(owner)}" if owner else section_name(section)
        out.append(
            Record(
                kind=K.CONCLUSION,
                object_id=c["pk"],
                date=_local_date(meeting["start"]),
                text=c["text"],
                context=_trim(context),
                meeting_id=meeting["pk"],
                series_id=meeting["series_id"],
                case_status=case_status.get(c["pk"], ""),
                anchor=f"lg-s{number[section['pk']]}" + text_directive(_first_line(c["text"])),
                agencies=agencies,
            )
        )
    return out


def _conclusion_cases(conclusion_ids: list[int]) -> tuple[dict[int, str], dict[int, set[int]]]:
    """For conclusions under tracking: open if any of their cases is open, and the agencies assigned."""
    status: dict[int, str] = {}
    agencies: dict[int, set[int]] = defaultdict(set)
    if not conclusion_ids:
        return status, agencies
    cases = TrackedCase.objects.filter(conclusion_id__in=conclusion_ids).values("pk", "conclusion_id", "status")
    case_conclusion: dict[int, int] = {}
    for case in cases:
        case_conclusion[case["pk"]] = case["conclusion_id"]
        if status.get(case["conclusion_id"]) != CaseStatus.OPEN:
            status[case["conclusion_id"]] = case["status"]
    for case_id, org in Assignment.objects.filter(case_id__in=case_conclusion).values_list("case_id", "organisation_id"):
        agencies[case_conclusion[case_id]].add(org)
    return status, agencies


def case_records(case_ids: Iterable[int], names: AgencyNames) -> list[Record]:
    """The cases and every progress report of them."""
    ids = list(case_ids)
    if not ids:
        return []
    cases = {
        c["pk"]: c
        for c in TrackedCase.objects.filter(pk__in=ids).values(
            "pk", "number", "title", "text", "series_id", "status", "opened_on", "owner_id"
        )
    }
    assigned: dict[int, set[int]] = defaultdict(set)
    for case_id, org in Assignment.objects.filter(case_id__in=cases).values_list("case_id", "organisation_id"):
        assigned[case_id].add(org)
    out: list[Record] = []
    for case in cases.values():
        title, body = case["title"].strip(), case["text"].strip()
        text = body if title and body.startswith(title) else _join(title, body)
        out.append(
            Record(
                kind=K.CASE,
                object_id=case["pk"],
                date=case["opened_on"],
                text=text,
                context=_trim(f"列管編號 {case['number']}"),
                case_id=case["pk"],
                series_id=case["series_id"],
                case_status=case["status"],
                agencies=assigned[case["pk"]] | names.find(text),
            )
        )
    reports = ProgressReport.objects.filter(assignment__case_id__in=cases).values(
        "pk",
        "assignment__case_id",
        "assignment__organisation_id",
        "assignment__organisation__short_name",
        "assignment__organisation__name",
        "cycle",
        "text",
        "submitted_at",
    )
    for r in reports:
        case = cases[r["assignment__case_id"]]
        agency = r["assignment__organisation__short_name"] or r["assignment__organisation__name"]
        out.append(
            Record(
                kind=K.REPORT,
                object_id=r["pk"],
                date=_local_date(r["submitted_at"]),
                text=r["text"],
                context=_trim(f"列管編號 {case['number']}｜{agency}｜{r['cycle']}"),
                case_id=case["pk"],
                series_id=case["series_id"],
                case_status=case["status"],
                agencies={r["assignment__organisation_id"]},
                anchor=f"report-{r['pk']}",
            )
        )
    return out

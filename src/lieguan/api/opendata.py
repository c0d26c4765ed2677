"""Open data: the published minutes of public series, and the follow-up of their decisions, per series and year.

What is open is decided by the access functions, never here: a meeting is in
the open data when its minutes are readable (``meetings.access.readable_minutes``)
*and* it is a public record: a meeting of a public series (``series.public``,
the city's choice) whose minutes are published or confirmed, not cancelled.
For the public that is everything they may read once the city opens the
portal; a signed-in user gets the same records and never their drafts.

The follow-up of those decisions is public with them: the cases a public
meeting put under tracking, and the cases its decisions were about, with their
title, status, deadline and agencies, but never the agencies' progress reports.

Open data is public whoever downloads it: a confidential item (機密／限閱) and
the cases from it are always given as 「機密案件」 with no text, as the public
reads them (``meetings.confidential``), also to a reader entitled to them.

Formats and fields: docs/open-data.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from lieguan.meetings import access as meetings_access
from lieguan.meetings.confidential import redact
from lieguan.meetings.document import minutes_document
from lieguan.meetings.models import Meeting, MeetingSeries, MinutesCaseDecision
from lieguan.minutes.model import FORMAT
from lieguan.minutes.rocdate import format_roc_date, from_roc_year, to_roc_year
from lieguan.organisations.access import ANONYMOUS, viewer_for
from lieguan.tracking.access import hidden_case_ids
from lieguan.tracking.models import Assignment, CaseStatus, TrackedCase

DECISION_LABELS = dict(MinutesCaseDecision.Decision.choices)
STATUS_LABELS = dict(CaseStatus.choices)

# (field name, CSV heading): the headings are what a person sees in Excel; docs/open-data.md gives both.
DECISION_COLUMNS = [
    ("meeting_date", "會議日期"),
    ("meeting_date_roc", "會議日期（民國）"),
    ("meeting", "會議"),
    ("case_number", "列管編號"),
    ("decision", "決定"),
    ("part", "機關（部分）"),
    ("case_title", "案由"),
    ("case_status", "目前狀態"),
    ("lead", "主辦機關"),
    ("co", "協辦機關"),
]
CASE_COLUMNS = [
    ("case_number", "列管編號"),
    ("case_title", "案由"),
    ("text", "列管事項"),
    ("meeting_date", "列管會議日期"),
    ("meeting_date_roc", "列管會議日期（民國）"),
    ("meeting", "會議"),
    ("status", "目前狀態"),
    ("deadline", "列管期限"),
    ("deadline_roc", "列管期限（民國）"),
    ("deadline_basis", "期限依據"),
    ("released_on", "解除列管日期"),
    ("released_on_roc", "解除列管日期（民國）"),
    ("lead", "主辦機關"),
    ("co", "協辦機關"),
    ("agencies", "各機關辦理狀態"),
]


def may_use(user: Any) -> bool:
    """Signed-in users always; the public only where the city opened the public portal."""
    return viewer_for(user).is_authenticated or bool(settings.PUBLIC_PORTAL)


def open_meetings(user: Any) -> QuerySet[Meeting]:
    """The meetings whose minutes are open data, among those ``user`` may read."""
    return meetings_access.readable_minutes(user).filter(
        series__public=True, minutes_state__in=meetings_access.PUBLISHED_STATES, cancelled=False
    )


@dataclass(frozen=True)
class Year:
    roc_year: int
    meetings: int


@dataclass(frozen=True)
class Entry:
    series: MeetingSeries
    years: list[Year]


def _roc_year(moment: dt.datetime) -> int:
    return to_roc_year(timezone.localtime(moment).year)


def catalogue(user: Any) -> list[Entry]:
    """Each public series with open minutes, and its years (newest first) with their number of meetings."""
    counts: dict[int, Counter[int]] = defaultdict(Counter)
    for series_id, start in open_meetings(user).values_list("series_id", "start"):
        counts[series_id][_roc_year(start)] += 1
    series = MeetingSeries.objects.select_related("owner").filter(pk__in=counts).order_by("owner__sort_order", "name")
    return [Entry(s, [Year(y, n) for y, n in sorted(counts[s.pk].items(), reverse=True)]) for s in series]


def year_meetings(user: Any, series_code: str, roc_year: int) -> list[Meeting]:
    """The open meetings of one series in one ROC year, in date order; not found when there are none."""
    if not 1 <= roc_year <= 8000:
        raise Http404(_("找不到此年度的開放資料。"))
    tz = timezone.get_current_timezone()
    start = dt.datetime(from_roc_year(roc_year), 1, 1, tzinfo=tz)
    end = dt.datetime(from_roc_year(roc_year) + 1, 1, 1, tzinfo=tz)
    meetings = list(open_meetings(user).filter(series__code=series_code, start__gte=start, start__lt=end).order_by("start", "pk"))
    if not meetings:
        raise Http404(_("找不到此會議此年度的開放資料。"))
    return meetings


# --- The downloads ---


def header(series: MeetingSeries, roc_year: int, *, source: str, count: int) -> dict[str, Any]:
    return {
        "title": f"{series.full_name}民國{roc_year}年會議紀錄",
        "publisher": settings.CITY_NAME,
        "series": {"code": series.code, "name": series.name, "full_name": series.full_name, "owner": series.owner.name},
        "roc_year": roc_year,
        "year": from_roc_year(roc_year),
        "licence": {"name": settings.OPEN_DATA_LICENCE, "url": settings.OPEN_DATA_LICENCE_URL},
        "source": source,
        "generated": timezone.localtime().isoformat(timespec="seconds"),
        "format": FORMAT,
        "count": count,
    }


def minutes_dataset(meetings: list[Meeting], roc_year: int, *, source: str) -> dict[str, Any]:
    """{"dataset": header, "minutes": [Minutes JSON, …]} for one series and year."""
    series = meetings[0].series
    return {
        "dataset": header(series, roc_year, source=source, count=len(meetings)),
        "minutes": [minutes_document(m, reader=ANONYMOUS).to_dict() for m in meetings],
    }


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _roc(day: dt.date | None) -> str:
    return format_roc_date(day) if day else ""


def _agencies(case: TrackedCase | None, role: str) -> str:
    if case is None:
        return ""
    return "、".join(a.organisation.display_name for a in case.assignments.all() if a.role == role)


def _agency_statuses(case: TrackedCase) -> str:
    parts = []
    for a in case.assignments.all():
        released = f"（{format_roc_date(a.released_on)}）" if a.released_on else ""
        parts.append(f"{a.organisation.display_name}：{STATUS_LABELS[a.status]}{released}")
    return "；".join(parts)


def _cases(queryset: QuerySet[TrackedCase]) -> QuerySet[TrackedCase]:
    assignments = Assignment.objects.select_related("organisation")
    return queryset.prefetch_related(Prefetch("assignments", queryset=assignments))


def _public(cases: QuerySet[TrackedCase]) -> list[TrackedCase]:
    """The cases as the public reads them: each confidential one redacted."""
    rows = list(cases)
    hidden = hidden_case_ids(ANONYMOUS, [c.pk for c in rows])
    return [redact(c) if c.pk in hidden else c for c in rows]


def _meeting_fields(meeting: Meeting) -> dict[str, str]:
    day = timezone.localtime(meeting.start).date()
    return {"meeting_date": day.isoformat(), "meeting_date_roc": format_roc_date(day), "meeting": meeting.title}


def decision_rows(meetings: list[Meeting]) -> list[dict[str, str]]:
    """One row per decision the minutes record (列管編號 86-1（資訊局部分）解除列管), with the case as it stands now."""
    by_id = {m.pk: m for m in meetings}
    decisions = list(MinutesCaseDecision.objects.filter(meeting_id__in=by_id).order_by("meeting__start", "id"))
    series_ids = {m.series_id for m in meetings}
    numbers = {d.case_number for d in decisions}
    found = _public(_cases(TrackedCase.objects.filter(series_id__in=series_ids, number__in=numbers)))
    cases = {(c.series_id, c.number): c for c in found}
    rows = []
    for d in decisions:
        meeting = by_id[d.meeting_id]
        case = cases.get((meeting.series_id, d.case_number))
        rows.append(
            {
                **_meeting_fields(meeting),
                "case_number": d.case_number,
                "decision": DECISION_LABELS[d.decision],
                "part": d.part,
                "case_title": case.title if case else "",
                "case_status": STATUS_LABELS[case.status] if case else "",
                "lead": _agencies(case, Assignment.Role.LEAD),
                "co": _agencies(case, Assignment.Role.CO),
            }
        )
    return rows


def case_rows(meetings: list[Meeting]) -> list[dict[str, str]]:
    """One row per case these meetings put under tracking, with its status now."""
    by_id = {m.pk: m for m in meetings}
    cases = _public(_cases(TrackedCase.objects.filter(meeting_id__in=by_id)).order_by("meeting__start", "pk"))
    rows = []
    for case in cases:
        assert case.meeting_id is not None
        rows.append(
            {
                "case_number": case.number,
                "case_title": case.title,
                "text": case.text,
                **_meeting_fields(by_id[case.meeting_id]),
                "status": STATUS_LABELS[case.status],
                "deadline": _iso(case.deadline),
                "deadline_roc": _roc(case.deadline),
                "deadline_basis": case.deadline_basis,
                "released_on": _iso(case.released_on),
                "released_on_roc": _roc(case.released_on),
                "lead": _agencies(case, Assignment.Role.LEAD),
                "co": _agencies(case, Assignment.Role.CO),
                "agencies": _agency_statuses(case),
            }
        )
    return rows


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    # Text written into minutes must not become a formula in the spreadsheet of whoever opens the download.
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def to_csv(columns: list[tuple[str, str]], rows: list[dict[str, str]]) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel opens the Chinese text correctly; CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([heading for _field, heading in columns])
    for row in rows:
        writer.writerow([_cell(row[key]) for key, _heading in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# --- The KPI register (issue 13) ---
#
# Targets, actuals, 達成度 and the statements are what agencies report to the
# council in public; the notes, the evidence and who entered what stay in
# Lieguan. Open with the other datasets, to the same readers (``may_use``).

KPI_COLUMNS = [
    ("organisation", "機關"),
    ("goal", "策略目標"),
    ("kpi", "指標"),
    ("definition", "衡量標準"),
    ("unit", "單位"),
    ("direction", "目標方向"),
    ("source", "資料來源"),
    ("owner", "主管單位"),
    ("period", "期間"),
    ("period_roc", "期間（民國）"),
    ("baseline", "基準值"),
    ("target", "目標值"),
    ("target_high", "目標區間上限"),
    ("actual", "實際值"),
    ("achievement", "目標達成度（%）"),
    ("met", "是否達成"),
    ("sentence", "敘述"),
]


def _kpi_register() -> Any:
    # Imported here: only the KPI downloads need the register.
    from lieguan.kpis.models import Kpi

    return Kpi.objects.filter(active=True, goal__active=True).select_related("goal__organisation", "owner")


@dataclass(frozen=True)
class KpiYear:
    roc_year: int
    kpis: int


def kpi_years() -> list[KpiYear]:
    """The ROC years with a target or an actual in the register, newest first, with the number of KPIs of each."""
    from lieguan.kpis.models import KpiActual, KpiTarget

    kpis = _kpi_register().values("pk")
    per_year: dict[int, set[int]] = defaultdict(set)
    for model in (KpiTarget, KpiActual):
        for year, kpi_id in model.objects.filter(kpi__in=kpis).values_list("year", "kpi_id").distinct():
            per_year[year].add(kpi_id)
    return [KpiYear(to_roc_year(y), len(ids)) for y, ids in sorted(per_year.items(), reverse=True)]


def _number(value: Any) -> str:
    from lieguan.kpis.achievement import figure

    return "" if value is None else figure(value)


def _kpi_periods(roc_year: int) -> list[tuple[Any, list[Any]]]:
    from lieguan.kpis.register import rows_for

    if not 1 <= roc_year <= 8000:
        raise Http404(_("找不到此年度的開放資料。"))
    year = from_roc_year(roc_year)
    kpis = list(_kpi_register())
    rows = rows_for(kpis)
    found = [(k, [r for r in rows[k.pk] if r.period.year == year]) for k in kpis]
    found = [(k, periods) for k, periods in found if periods]
    if not found:
        raise Http404(_("找不到此年度的績效指標。"))
    return found


def kpi_rows(roc_year: int) -> list[dict[str, str]]:
    """One row per KPI and period of the year: target, the figure of record, 達成度, met or not, and the statement."""
    out = []
    for kpi, periods in _kpi_periods(roc_year):
        for r in periods:
            result = r.assessment
            out.append(
                {
                    "organisation": kpi.goal.organisation.display_name,
                    "goal": kpi.goal.title,
                    "kpi": kpi.name,
                    "definition": kpi.definition,
                    "unit": kpi.unit,
                    "direction": kpi.get_direction_display(),
                    "source": kpi.get_source_display(),
                    "owner": kpi.owner.display_name,
                    "period": r.period.key,
                    "period_roc": r.period.label,
                    "baseline": _number(r.target.baseline) if r.target else "",
                    "target": _number(r.target.target) if r.target else "",
                    "target_high": _number(r.target.target_high) if r.target else "",
                    "actual": _number(r.actual.value) if r.actual else "",
                    "achievement": _number(result.achievement),
                    "met": {True: "達成", False: "未達成", None: ""}[result.met],
                    "sentence": r.sentence,
                }
            )
    return out


def kpi_dataset(roc_year: int, *, source: str) -> dict[str, Any]:
    """{"dataset": header, "kpis": [KPI with its periods of the year]} for one ROC year."""

    def num(value: Any) -> float | None:
        return None if value is None else float(value)

    kpis = []
    for kpi, periods in _kpi_periods(roc_year):
        kpis.append(
            {
                "organisation": kpi.goal.organisation.display_name,
                "goal": kpi.goal.title,
                "name": kpi.name,
                "definition": kpi.definition,
                "unit": kpi.unit,
                "direction": kpi.direction,
                "source": kpi.source,
                "owner": kpi.owner.display_name,
                "periods": [
                    {
                        "period": r.period.key,
                        "label": r.period.label,
                        "baseline": num(r.target.baseline) if r.target else None,
                        "target": num(r.target.target) if r.target else None,
                        "target_high": num(r.target.target_high) if r.target else None,
                        "actual": num(r.actual.value) if r.actual else None,
                        "achievement": num(r.assessment.achievement),
                        "met": r.assessment.met,
                        "sentence": r.sentence,
                    }
                    for r in periods
                ],
            }
        )
    return {
        "dataset": {
            "title": f"{settings.CITY_NAME}民國{roc_year}年策略目標與關鍵績效指標",
            "publisher": settings.CITY_NAME,
            "roc_year": roc_year,
            "year": from_roc_year(roc_year),
            "licence": {"name": settings.OPEN_DATA_LICENCE, "url": settings.OPEN_DATA_LICENCE_URL},
            "source": source,
            "generated": timezone.localtime().isoformat(timespec="seconds"),
            "format": "lieguan.kpis/1",
            "count": len(kpis),
        },
        "kpis": kpis,
    }

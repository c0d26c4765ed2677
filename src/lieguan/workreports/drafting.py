"""The skeleton Lieguan drafts for a new report, from what it already holds.

The cover names the council (from the city's name), the agency and its head;
the opening states the period (本期) in the sentence the reader of past
reports looks for. Under 壹 come the figures Lieguan keeps itself — the
meetings the agency held, the cases it tracked and released, the progress
reports it filed in the period — and then one part for each of the agency's
units, assigned to it. 貳 is written from the KPI register: a section per
strategic goal, a line per KPI with its sentence for the half year. 參 and
肆 close the report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from lieguan.kpis.models import StrategicGoal
from lieguan.kpis.periods import Period
from lieguan.kpis.register import rows_for
from lieguan.meetings.models import Meeting
from lieguan.minutes.numerals import format_label
from lieguan.minutes.rocdate import format_roc_half_year, to_roc_year
from lieguan.organisations.access import descendants
from lieguan.organisations.models import Organisation, Person
from lieguan.tracking.models import Assignment, CaseStatus, ProgressReport, Proposal
from lieguan.workreports.models import ReportPart

K = ReportPart.Kind
HEAD_TITLES = ("局長", "處長", "主任委員", "主任", "總經理", "館長", "秘書長")


@dataclass
class PartSpec:
    level: int
    kind: str
    heading: str
    body: str = ""
    unit: Organisation | None = None


def half_year(year: int, half: int) -> tuple[dt.date, dt.date]:
    return (dt.date(year, 1, 1), dt.date(year, 6, 30)) if half == 1 else (dt.date(year, 7, 1), dt.date(year, 12, 31))


def roc_day(day: dt.date, *, with_year: bool = True) -> str:
    return f"{to_roc_year(day.year)} 年 {day.month} 月 {day.day} 日" if with_year else f"{day.month} 月 {day.day} 日"


def council_of(agency: Organisation) -> str:
    city = agency
    while city.parent_id is not None and city.kind != Organisation.Kind.CITY:
        city = city.parent  # type: ignore[assignment]
    name = city.name.removesuffix("政府").removesuffix("市府")
    return f"{name}議會" if name.endswith(("市", "縣")) else f"{name}市議會"


def cover_month(end: dt.date) -> str:
    """The council sits some three months after a half year closes: a report on July–December goes in March."""
    month = end.month + 3
    return f"{end.year + (month - 1) // 12}-{(month - 1) % 12 + 1:02d}"


def head_of(agency: Organisation) -> Person | None:
    people = list(Person.objects.filter(organisation=agency, active=True).order_by("id"))
    return next((p for p in people if p.title.endswith(HEAD_TITLES)), people[0] if people else None)


def _subtree(agency: Organisation) -> frozenset[int]:
    return descendants(dict(Organisation.objects.values_list("id", "parent_id")), [agency.pk])


def _row(*cells: object) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def facts_body(agency: Organisation, start: dt.date, end: dt.date) -> str:
    """The tables of figures Lieguan holds for the agency and the period, in part markup."""
    ids = _subtree(agency)
    meetings = list(
        # A report drafted before its half year ends counts the meetings held so far, not those only scheduled.
        Meeting.objects.filter(series__owner_id__in=ids, start__date__gte=start, start__date__lte=end, cancelled=False)
        .filter(start__lte=timezone.now())
        .values("series__name")
        .annotate(n=Count("id", distinct=True), new_cases=Count("cases", distinct=True))
        .order_by("series__name")
    )
    # A table with nothing in it prints as a bare header row: a period without meetings says so in words.
    if meetings:
        out = ["（一）召開會議", f"本期由本機關主辦之會議共召開 {sum(m['n'] for m in meetings)} 次，如下表："]
        out.append(_row("會議名稱", "召開次數", "新增列管案件"))
        out += [_row(m["series__name"], m["n"], m["new_cases"]) for m in meetings]
        out.append(_row("合計", sum(m["n"] for m in meetings), sum(m["new_cases"] for m in meetings)))
    else:
        out = ["（一）召開會議", "本期本機關未主辦會議。"]
    out.append("")
    ours = Assignment.objects.filter(organisation_id__in=ids)
    opened_before = ours.filter(case__opened_on__lt=start).filter(Q(status=CaseStatus.OPEN) | Q(released_on__gte=start)).count()
    opened = ours.filter(case__opened_on__gte=start, case__opened_on__lte=end).count()
    released = ours.filter(status=CaseStatus.RELEASED, released_on__gte=start, released_on__lte=end).count()
    still_open = ours.filter(case__opened_on__lte=end).filter(Q(status=CaseStatus.OPEN) | Q(released_on__gt=end)).count()
    overdue = (
        ours.filter(case__opened_on__lte=end, case__deadline__lt=end).filter(Q(status=CaseStatus.OPEN) | Q(released_on__gt=end)).count()
    )
    out += ["（二）列管案件辦理情形", f"本期本機關主辦或協辦之列管案件解除列管 {released} 件，期末仍列管 {still_open} 件，如下表："]
    out.append(_row("項目", "件數"))
    out += [
        _row("期初列管", opened_before),
        _row("本期新增列管", opened),
        _row("本期解除列管", released),
        _row("期末列管中", still_open),
        _row("期末已逾列管期限", overdue),
    ]
    out.append("")
    reports = ProgressReport.objects.filter(assignment__organisation_id__in=ids, submitted_at__date__gte=start, submitted_at__date__lte=end)
    by_cycle = (
        reports.values("cycle")
        .annotate(
            n=Count("id"), release=Count("id", filter=Q(proposal=Proposal.RELEASE)), go_on=Count("id", filter=Q(proposal=Proposal.CONTINUE))
        )
        .order_by("cycle")
    )
    if not by_cycle:
        return "\n".join([*out, "（三）填報辦理情形", "本期無列管案件辦理情形之填報。"])
    out += ["（三）填報辦理情形", f"本期填報列管案件辦理情形共 {reports.count()} 筆，如下表："]
    out.append(_row("填報期別", "填報筆數", "擬解除列管", "擬繼續列管"))
    out += [_row(r["cycle"], r["n"], r["release"], r["go_on"]) for r in by_cycle]
    return "\n".join(out)


def kpi_parts(agency: Organisation, period: Period) -> list[PartSpec]:
    """貳 from the register: a section per active goal, each KPI's sentence for the period under it."""
    goals = list(StrategicGoal.objects.filter(organisation=agency, active=True).prefetch_related("kpis").order_by("position", "id"))
    kpis = [k for g in goals for k in g.kpis.all() if k.active]
    rows = rows_for(kpis)
    out = []
    for goal in goals:
        lines = []
        owner = None
        for n, kpi in enumerate((k for k in goal.kpis.all() if k.active), start=1):
            row = next((r for r in rows.get(kpi.pk, []) if r.period == period), None)
            sentence = row.sentence if row is not None else f"{period.label}{kpi.name}尚無目標值及實際值。"
            lines.append(f"{format_label(2, n)}{kpi.name}：{sentence}")
            owner = owner or kpi.owner
        out.append(PartSpec(1, K.KPIS, goal.title, "\n".join(lines), owner if owner and owner.kind == Organisation.Kind.UNIT else None))
    return out


def skeleton(agency: Organisation, year: int, half: int) -> tuple[dict[str, str], list[PartSpec]]:
    """The cover fields and the parts of a new report for ``agency`` and the half year."""
    start, end = half_year(year, half)
    period = Period(year, half)
    head = head_of(agency)
    cover = {
        "title": f"{agency.name} 工作報告",
        "audience": f"{council_of(agency)}第○屆第○次定期大會",
        "month": cover_month(end),
        "presenter_title": head.title if head else "",
        "presenter_name": head.name if head else "",
        "greeting": "議長、副議長、各位議員女士、先生：",
        "opening": (
            f"很榮幸受邀於貴會定期大會開議之際，向各位報告{agency.display_name}重要業務執行成果、"
            "策略目標與關鍵績效指標(KPI)之執行情形及未來工作重點。\n"
            f"謹就本機關 {roc_day(start)}至 {roc_day(end, with_year=False)}（以下簡稱本期）之重要業務執行概況報告如後。"
        ),
        "closing": "敬祝\n大會圓滿成功\n各位議員女士、先生身體健康、萬事如意",
    }
    units = Organisation.objects.filter(parent=agency, kind=Organisation.Kind.UNIT, active=True).order_by("sort_order", "code")
    parts = [
        PartSpec(0, K.RESULTS, f"{format_roc_half_year(year, half)}重要業務執行成果"),
        PartSpec(1, K.RESULTS, "會議及列管業務", facts_body(agency, start, end)),
        *(PartSpec(1, K.RESULTS, f"{u.display_name}業務", unit=u) for u in units),
        PartSpec(0, K.KPIS, "策略目標與關鍵績效指標(KPI)之執行情形"),
        *kpi_parts(agency, period),
        PartSpec(0, K.FUTURE, "創新作為及未來工作重點"),
        PartSpec(0, K.CONCLUSION, "結語", "以上報告，敬請各位議員不吝指教，本機關將持續精進各項業務，以回應市民期待。"),
    ]
    return cover, parts

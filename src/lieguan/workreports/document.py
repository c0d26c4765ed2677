"""A stored report as the library's ``WorkReport``, the one form every rendering and revision is made from.

The top parts become 壹、貳、…; the parts under each become 一、二、… with the
subsections their bodies hold. The KPIs are read from the 貳 part as the
library reads them from any report, so what a download states and what an
import would take in agree.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext, gettext_lazy

from lieguan.minutes.numerals import format_label
from lieguan.minutes.workreport import Presenter, Section
from lieguan.minutes.workreport import WorkReport as Document
from lieguan.minutes.workreport.kpis import read_kpis
from lieguan.minutes.workreport.markup import parse_body
from lieguan.workreports.models import ReportPart, WorkReport


def lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.replace("\r\n", "\n").split("\n") if ln.strip()]


def labelled(parts: list[ReportPart]) -> list[tuple[ReportPart, str]]:
    """Each part with its printed label: 壹、貳、 for the top parts, 一、二、 counted afresh under each."""
    out: list[tuple[ReportPart, str]] = []
    top = sub = 0
    for part in parts:
        if part.level == 0:
            top, sub = top + 1, 0
            out.append((part, format_label(0, top)))
        else:
            sub += 1
            out.append((part, format_label(1, sub)))
    return out


def build(report: WorkReport, parts: list[ReportPart] | None = None) -> Document:
    parts = parts if parts is not None else list(report.parts.order_by("position"))
    sections: list[Section] = []
    for part, label in labelled(parts):
        section = parse_body(part.body, Section(label=label, heading=part.heading, level=part.level))
        if part.level == 0 or not sections:
            sections.append(section)
        else:
            sections[-1].sections.append(section)
    presenter = Presenter(name=report.presenter_name, title=report.presenter_title) if report.presenter_name else None
    document = Document(
        title=report.title,
        organisation=report.organisation.name,
        audience=report.audience,
        month=report.month or None,
        presenter=presenter,
        period_start=report.period_start,
        period_end=report.period_end,
        greeting=report.greeting,
        opening=lines(report.opening),
        sections=sections,
        closing=lines(report.closing),
    )
    document.kpis = read_kpis(sections)
    return document


def frozen(report: WorkReport) -> dict[str, Any]:
    """What a revision keeps: the cover and every part as written, and the document made of them."""
    parts = list(report.parts.select_related("unit").order_by("position"))
    return {
        "state": report.state,
        "cover": {
            "title": report.title,
            "audience": report.audience,
            "month": report.month,
            "presenter_title": report.presenter_title,
            "presenter_name": report.presenter_name,
            "greeting": report.greeting,
            "opening": report.opening,
            "closing": report.closing,
        },
        "parts": [
            {
                "id": p.pk,
                "label": label,
                "heading": p.heading,
                "level": p.level,
                "unit": p.unit.display_name if p.unit else "",
                "body": p.body,
            }
            for p, label in labelled(parts)
        ],
        "document": build(report, parts).to_dict(),
    }


COVER_NAMES = {
    "title": gettext_lazy("標題"),
    "audience": gettext_lazy("報告對象"),
    "month": gettext_lazy("封面年月"),
    "presenter_title": gettext_lazy("報告人職稱"),
    "presenter_name": gettext_lazy("報告人"),
    "greeting": gettext_lazy("稱謂"),
    "opening": gettext_lazy("前言"),
    "closing": gettext_lazy("結尾敬語"),
}


def revision_lines(data: dict[str, Any]) -> list[str]:
    """A revision as lines of text to compare: the cover's fields, then each part's heading and body."""
    field = gettext("%(name)s：%(value)s")
    out = [field % {"name": COVER_NAMES.get(k, k), "value": v} for k, v in data.get("cover", {}).items() for v in (lines(str(v)) or [""])]
    for part in data.get("parts", []):
        unit = f"（{part['unit']}）" if part.get("unit") else ""
        out.append(f"{'' if part.get('level') == 0 else '　'}{part['label']}{part['heading']}{unit}")
        out += [f"　　{ln}" for ln in lines(part.get("body", ""))]
    return out

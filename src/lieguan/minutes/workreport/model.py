"""The work report (工作報告) an agency presents to the council each half year, as read from its text.

A report is a cover (month, audience, agency, presenter), a table of contents,
a greeting with a few opening paragraphs, and parts labelled 壹、貳、… nested
down the official hierarchy (一、（一）1、（1）). Each section keeps its
paragraphs and its tables in order; the KPIs stated in the part on strategic
goals are lifted out as ``Kpi`` records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from lieguan.minutes.workreport.amounts import Quantity, parse_quantity, plain_number

FORMAT = "lieguan.workreport/1"
# What the document is. Its Minutes JSON "kind" stays "other" (MINUTES_JSON.md: not minutes), so that a reader
# of that format is never handed a kind it does not know; "document" says which other thing it is.
KIND = "work_report"
NOT_MINUTES = "other"


@dataclass
class Table:
    """One table: ``header`` names each column; ``rows`` hold the cells as printed.

    ``header_rows`` keeps a two-line header as printed (a spanning 110 年 over
    the months); ``paired`` says that the printed table set two column pairs
    side by side, which the reader has put one under the other; ``totals``
    holds the 合計 rows apart from the body; ``stated_total`` is the figure
    the sentence introducing the table gave (計 732 件).
    """

    header: list[str]
    rows: list[list[str]]
    header_rows: list[list[str]] = field(default_factory=list)
    totals: list[list[str]] = field(default_factory=list)
    paired: bool = False
    stated_total: float | None = None
    after_paragraph: int = 0

    def column(self, name: str) -> list[Quantity | None]:
        """The figures of the body in the column called ``name`` (``None`` where a cell is no figure)."""
        at = self.header.index(name)
        return [parse_quantity(r[at]) if at < len(r) else None for r in self.rows]

    def column_sum(self, name: str) -> float:
        return sum(q.value for q in self.column(name) if q is not None)

    def to_dict(self) -> dict[str, object]:
        return {
            "header": self.header,
            "rows": self.rows,
            "totals": self.totals,
            "header_rows": self.header_rows,
            "paired": self.paired,
            "stated_total": None if self.stated_total is None else plain_number(self.stated_total),
            "after_paragraph": self.after_paragraph,
        }


@dataclass
class Section:
    """A labelled part of the report: 壹、 … down to （1）; ``label`` as printed in the official form."""

    label: str
    heading: str
    level: int
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    def walk(self) -> Iterator[Section]:
        yield self
        for s in self.sections:
            yield from s.walk()

    def to_dict(self) -> dict[str, object]:
        return {
            "label": self.label,
            "heading": self.heading,
            "paragraphs": self.paragraphs,
            "tables": [t.to_dict() for t in self.tables],
            "sections": [s.to_dict() for s in self.sections],
        }


@dataclass
class Kpi:
    """A key performance indicator as the report states it: what was aimed at, what was reached, and whether that was enough.

    ``achieved`` is ``None`` when the text gives no target to judge by (a
    year-on-year change alone); ``achievement`` is the 達成度 when stated.
    """

    goal: str
    name: str
    text: str
    target: Quantity | None = None
    comparison: str = ">="
    actual: Quantity | None = None
    baseline: Quantity | None = None
    baseline_period: str = ""
    achievement: Quantity | None = None
    achieved: bool | None = None

    def to_dict(self) -> dict[str, object]:
        def q(x: Quantity | None) -> dict[str, object] | None:
            return None if x is None else x.to_dict()

        return {
            "goal": self.goal,
            "name": self.name,
            "target": None if self.target is None else {**self.target.to_dict(), "comparison": self.comparison},
            "actual": q(self.actual),
            "baseline": None if self.baseline is None else {**self.baseline.to_dict(), "period": self.baseline_period},
            "achievement": q(self.achievement),
            "achieved": self.achieved,
            "text": self.text,
        }


@dataclass
class Presenter:
    name: str
    title: str


@dataclass
class TocEntry:
    heading: str
    page: int


@dataclass
class WorkReport:
    title: str
    organisation: str
    audience: str
    month: str | None  # the cover's month, YYYY-MM
    presenter: Presenter | None
    period_start: dt.date | None
    period_end: dt.date | None
    contents: list[TocEntry] = field(default_factory=list)
    greeting: str = ""
    opening: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    kpis: list[Kpi] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def walk(self) -> Iterator[Section]:
        for s in self.sections:
            yield from s.walk()

    def tables(self) -> list[Table]:
        return [t for s in self.walk() for t in s.tables]

    def to_dict(self, *, kind: str = NOT_MINUTES) -> dict[str, object]:
        """The report as JSON; ``kind`` is "other" for readers of Minutes JSON, "work_report" when asked for a work report."""
        return {
            "format": FORMAT,
            "kind": kind,
            "document": KIND,
            "title": self.title,
            "organisation": self.organisation,
            "audience": self.audience,
            "month": self.month,
            "presenter": None if self.presenter is None else {"name": self.presenter.name, "title": self.presenter.title},
            "period": {
                "start": self.period_start.isoformat() if self.period_start else None,
                "end": self.period_end.isoformat() if self.period_end else None,
            },
            "contents": [{"heading": e.heading, "page": e.page} for e in self.contents],
            "greeting": self.greeting,
            "opening": self.opening,
            "sections": [s.to_dict() for s in self.sections],
            "kpis": [k.to_dict() for k in self.kpis],
            "closing": self.closing,
            "warnings": self.warnings,
        }

"""Minutes documents: model, readers, parser, renderers, ROC dates, numerals, deadlines.

A pure library: it imports nothing else of ``lieguan`` and nothing of Django, so
that the importer, exporter, API, CLI and benchmarks can all share it.
"""

from lieguan.minutes.errors import MinutesError, NotMinutesError, ParseError, UnreadableDocumentError
from lieguan.minutes.model import (
    FORMAT,
    Attendance,
    CaseDecision,
    Chair,
    Conclusion,
    Deadline,
    Item,
    Minutes,
    PreviousMinutes,
    Remark,
    Section,
    SessionNumber,
)

__all__ = [
    "FORMAT",
    "Attendance",
    "CaseDecision",
    "Chair",
    "Conclusion",
    "Deadline",
    "Item",
    "Minutes",
    "MinutesError",
    "NotMinutesError",
    "ParseError",
    "PreviousMinutes",
    "Remark",
    "Section",
    "SessionNumber",
    "UnreadableDocumentError",
]

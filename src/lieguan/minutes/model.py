"""The minutes document model and its Minutes JSON form (format ``lieguan.minutes/1``).

The dataclasses mirror ../shared/MINUTES_JSON.md key for key; keys this project
adds (``explanation``, ``proposed_action``, ``kind`` of a remark, the conclusion
headings, attendance ``excused``) are optional on input so that any Minutes JSON
from another producer still loads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal, cast, get_args

from lieguan.minutes.errors import InvalidMinutesJSON, gettext_noop

FORMAT = "lieguan.minutes/1"

DocumentKind = Literal["minutes", "other"]
SectionKind = Literal[
    "previous_minutes",
    "reports",
    "discussions",
    "motions",
    "general_conclusions",
    "chair_directives",
    "other",
]
SECTION_KINDS: tuple[str, ...] = get_args(SectionKind)
Decision = Literal["release", "continue"]
DECISIONS: tuple[str, ...] = get_args(Decision)

JSONDict = dict[str, Any]


@dataclass(slots=True)
class SessionNumber:
    number: int | None = None
    # ROC year, only where the series restarts its numbering each year (113年第12次).
    year: int | None = None


@dataclass(slots=True)
class Chair:
    name: str | None = None
    title: str | None = None


@dataclass(slots=True)
class Attendance:
    # Minutes mostly say 如簽到表; some list names. Kept as printed.
    present: str | None = None
    observers: str | None = None
    excused: str | None = None


@dataclass(slots=True)
class PreviousMinutes:
    session: int | None = None
    date: dt.date | None = None


@dataclass(slots=True)
class Remark:
    speaker: str
    text: str
    # The word the minutes used: 補充說明, 補充報告, 口頭報告, 發言 …
    kind: str | None = None


@dataclass(slots=True)
class Conclusion:
    text: str
    # The label as printed, without brackets or 、: "一" for (一) or 一、; None for a single sentence.
    label: str | None = None
    # True when the conclusion itself puts something under tracking (本案列管).
    tracked: bool = False


@dataclass(slots=True)
class Item:
    title: str
    label: str | None = None
    presenter: str | None = None
    body: str | None = None
    # 討論事項: 說明 and 辦法; the 案由 is the title, the 決議 are the conclusions.
    explanation: str | None = None
    proposed_action: str | None = None
    remarks: list[Remark] = field(default_factory=list)
    conclusions: list[Conclusion] = field(default_factory=list)
    # The heading printed before the conclusions: 會議結論, 決議, 裁示, 結論.
    conclusion_heading: str | None = None


@dataclass(slots=True)
class Section:
    label: str
    kind: SectionKind
    heading: str
    items: list[Item] = field(default_factory=list)
    conclusions: list[Conclusion] = field(default_factory=list)
    conclusion_heading: str | None = None


@dataclass(slots=True)
class CaseDecision:
    case: str
    decision: Decision
    # The agencies of a partial decision: 211-2 (捷運公司部分) → "捷運公司".
    part: str | None = None


@dataclass(slots=True)
class Deadline:
    text: str
    date: dt.date


@dataclass(slots=True)
class Minutes:
    title: str
    kind: DocumentKind = "minutes"
    organisation: str | None = None
    series: str | None = None
    session: SessionNumber = field(default_factory=SessionNumber)
    date: dt.date | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    location: str | None = None
    chair: Chair = field(default_factory=Chair)
    recorder: str | None = None
    attendance: Attendance = field(default_factory=Attendance)
    previous_minutes: PreviousMinutes | None = None
    sections: list[Section] = field(default_factory=list)
    case_decisions: list[CaseDecision] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def all_conclusions(self) -> list[Conclusion]:
        """Every conclusion in document order, section-level ones before the section's items."""
        out: list[Conclusion] = []
        for section in self.sections:
            out.extend(section.conclusions)
            for item in section.items:
                out.extend(item.conclusions)
        return out

    def to_dict(self) -> JSONDict:
        return {
            "format": FORMAT,
            "kind": self.kind,
            "title": self.title,
            "organisation": self.organisation,
            "series": self.series,
            "session": {"number": self.session.number, "year": self.session.year},
            "date": _iso(self.date),
            "start_time": _hhmm(self.start_time),
            "end_time": _hhmm(self.end_time),
            "location": self.location,
            "chair": {"name": self.chair.name, "title": self.chair.title},
            "recorder": self.recorder,
            "attendance": {
                "present": self.attendance.present,
                "observers": self.attendance.observers,
                "excused": self.attendance.excused,
            },
            "previous_minutes": None
            if self.previous_minutes is None
            else {"session": self.previous_minutes.session, "date": _iso(self.previous_minutes.date)},
            "sections": [_section_to_dict(s) for s in self.sections],
            "case_decisions": [{"case": d.case, "decision": d.decision, "part": d.part} for d in self.case_decisions],
            "deadlines": [{"text": d.text, "date": d.date.isoformat()} for d in self.deadlines],
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, data: object) -> Minutes:
        """Load Minutes JSON; raise ``InvalidMinutesJSON`` naming the first key that is wrong."""
        r = _Reader(data, "$")
        fmt = r.opt_str("format")
        if fmt is not None and fmt != FORMAT:
            raise InvalidMinutesJSON(
                gettext_noop("不支援的格式 %(format)s，應為 %(expected)s"), {"format": repr(fmt), "expected": repr(FORMAT)}
            )
        kind = r.opt_str("kind") or "minutes"
        if kind not in ("minutes", "other"):
            raise InvalidMinutesJSON(
                gettext_noop("%(path)s 應為 'minutes' 或 'other'，而非 %(value)s"), {"path": "$.kind", "value": repr(kind)}
            )
        session = r.obj("session")
        chair = r.obj("chair")
        attendance = r.obj("attendance")
        prev = r.obj_or_none("previous_minutes")
        return cls(
            kind=cast(DocumentKind, kind),
            title=r.opt_str("title") or "",
            organisation=r.opt_str("organisation"),
            series=r.opt_str("series"),
            session=SessionNumber(number=session.opt_int("number"), year=session.opt_int("year")),
            date=r.opt_date("date"),
            start_time=r.opt_time("start_time"),
            end_time=r.opt_time("end_time"),
            location=r.opt_str("location"),
            chair=Chair(name=chair.opt_str("name"), title=chair.opt_str("title")),
            recorder=r.opt_str("recorder"),
            attendance=Attendance(
                present=attendance.opt_str("present"),
                observers=attendance.opt_str("observers"),
                excused=attendance.opt_str("excused"),
            ),
            previous_minutes=None if prev is None else PreviousMinutes(session=prev.opt_int("session"), date=prev.opt_date("date")),
            sections=[_section_from(s) for s in r.each("sections")],
            case_decisions=[_decision_from(d) for d in r.each("case_decisions")],
            deadlines=[Deadline(text=d.text("text"), date=d.date("date")) for d in r.each("deadlines")],
            warnings=[w.as_str() for w in r.each("warnings")],
        )


def _iso(d: dt.date | None) -> str | None:
    return None if d is None else d.isoformat()


def _hhmm(t: dt.time | None) -> str | None:
    return None if t is None else t.strftime("%H:%M")


def _conclusion_to_dict(c: Conclusion) -> JSONDict:
    return {"label": c.label, "text": c.text, "tracked": c.tracked}


def _section_to_dict(s: Section) -> JSONDict:
    return {
        "label": s.label,
        "kind": s.kind,
        "heading": s.heading,
        "conclusion_heading": s.conclusion_heading,
        "conclusions": [_conclusion_to_dict(c) for c in s.conclusions],
        "items": [
            {
                "label": i.label,
                "title": i.title,
                "presenter": i.presenter,
                "body": i.body,
                "explanation": i.explanation,
                "proposed_action": i.proposed_action,
                "remarks": [{"speaker": r.speaker, "text": r.text, "kind": r.kind} for r in i.remarks],
                "conclusion_heading": i.conclusion_heading,
                "conclusions": [_conclusion_to_dict(c) for c in i.conclusions],
            }
            for i in s.items
        ],
    }


def _conclusion_from(r: _Reader) -> Conclusion:
    # score_minutes.py accepts bare strings as conclusions; so do we.
    if isinstance(r.data, str):
        return Conclusion(text=r.data)
    tracked = r.get("tracked")
    if tracked is not None and not isinstance(tracked, bool):
        raise InvalidMinutesJSON(gettext_noop("%(path)s 應為 true 或 false"), {"path": f"{r.path}.tracked"})
    return Conclusion(text=r.text("text"), label=r.opt_str("label"), tracked=bool(tracked))


def _section_from(r: _Reader) -> Section:
    kind = r.text("kind")
    if kind not in SECTION_KINDS:
        raise InvalidMinutesJSON(
            gettext_noop("%(path)s 應為 %(kinds)s 之一，而非 %(value)s"),
            {"path": f"{r.path}.kind", "kinds": ", ".join(SECTION_KINDS), "value": repr(kind)},
        )
    return Section(
        label=r.text("label"),
        kind=cast(SectionKind, kind),
        heading=r.opt_str("heading") or "",
        conclusion_heading=r.opt_str("conclusion_heading"),
        conclusions=[_conclusion_from(c) for c in r.each("conclusions")],
        items=[
            Item(
                label=i.opt_str("label"),
                title=i.opt_str("title") or "",
                presenter=i.opt_str("presenter"),
                body=i.opt_str("body"),
                explanation=i.opt_str("explanation"),
                proposed_action=i.opt_str("proposed_action"),
                remarks=[Remark(speaker=m.text("speaker"), text=m.text("text"), kind=m.opt_str("kind")) for m in i.each("remarks")],
                conclusion_heading=i.opt_str("conclusion_heading"),
                conclusions=[_conclusion_from(c) for c in i.each("conclusions")],
            )
            for i in r.each("items")
        ],
    )


def _decision_from(r: _Reader) -> CaseDecision:
    decision = r.text("decision")
    if decision not in DECISIONS:
        raise InvalidMinutesJSON(
            gettext_noop("%(path)s 應為 'release' 或 'continue'，而非 %(value)s"), {"path": f"{r.path}.decision", "value": repr(decision)}
        )
    return CaseDecision(case=r.text("case"), decision=cast(Decision, decision), part=r.opt_str("part"))


class _Reader:
    """Typed access to one JSON object, with errors that name the path of the bad key."""

    def __init__(self, data: object, path: str) -> None:
        self.data = data
        self.path = path

    def _obj(self) -> dict[str, object]:
        if not isinstance(self.data, dict):
            raise InvalidMinutesJSON(gettext_noop("%(path)s 應為物件（object）"), {"path": self.path})
        return cast(dict[str, object], self.data)

    def get(self, key: str) -> object:
        return self._obj().get(key)

    def as_str(self) -> str:
        if not isinstance(self.data, str):
            raise InvalidMinutesJSON(gettext_noop("%(path)s 應為字串"), {"path": self.path})
        return self.data

    def opt_str(self, key: str) -> str | None:
        value = self.get(key)
        if value is None or isinstance(value, str):
            return value
        raise InvalidMinutesJSON(gettext_noop("%(path)s 應為字串或 null"), {"path": f"{self.path}.{key}"})

    def text(self, key: str) -> str:
        value = self.opt_str(key)
        if value is None:
            raise InvalidMinutesJSON(gettext_noop("%(path)s 不可省略"), {"path": f"{self.path}.{key}"})
        return value

    def opt_int(self, key: str) -> int | None:
        value = self.get(key)
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        raise InvalidMinutesJSON(gettext_noop("%(path)s 應為整數或 null"), {"path": f"{self.path}.{key}"})

    def opt_date(self, key: str) -> dt.date | None:
        value = self.opt_str(key)
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise InvalidMinutesJSON(
                gettext_noop("%(path)s 應為 YYYY-MM-DD 日期，而非 %(value)s"), {"path": f"{self.path}.{key}", "value": repr(value)}
            ) from None

    def date(self, key: str) -> dt.date:
        value = self.opt_date(key)
        if value is None:
            raise InvalidMinutesJSON(gettext_noop("%(path)s 不可省略"), {"path": f"{self.path}.{key}"})
        return value

    def opt_time(self, key: str) -> dt.time | None:
        value = self.opt_str(key)
        if value is None:
            return None
        try:
            return dt.time.fromisoformat(value)
        except ValueError:
            raise InvalidMinutesJSON(
                gettext_noop("%(path)s 應為 HH:MM 時間，而非 %(value)s"), {"path": f"{self.path}.{key}", "value": repr(value)}
            ) from None

    def obj(self, key: str) -> _Reader:
        value = self.get(key)
        return _Reader({} if value is None else value, f"{self.path}.{key}")

    def obj_or_none(self, key: str) -> _Reader | None:
        value = self.get(key)
        return None if value is None else _Reader(value, f"{self.path}.{key}")

    def each(self, key: str) -> list[_Reader]:
        value = self.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise InvalidMinutesJSON(gettext_noop("%(path)s 應為陣列"), {"path": f"{self.path}.{key}"})
        return [_Reader(v, f"{self.path}.{key}[{n}]") for n, v in enumerate(value)]

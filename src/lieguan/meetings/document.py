"""A meeting's minutes as a ``lieguan.minutes`` document, the form every renderer and the API take."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from lieguan.meetings.access import hidden_item_ids
from lieguan.meetings.confidential import redact
from lieguan.meetings.models import AgendaItem, AgendaSection, Meeting
from lieguan.minutes import model as m
from lieguan.minutes.deadlines import find_deadlines
from lieguan.minutes.render.text import render_text
from lieguan.organisations.access import Viewer


def _conclusions(rows: list) -> list[m.Conclusion]:  # type: ignore[type-arg]
    return [m.Conclusion(text=c.text, label=c.label or None, tracked=c.tracked) for c in rows]


def load_tree(meeting: Meeting, reader: Viewer | None = None) -> list[AgendaSection]:
    """Sections with their items, remarks and conclusions in two queries per level, in order.

    With ``reader``, the confidential items they may not read come redacted (``meetings.confidential``);
    without, as recorded: only for those who write the record (the editor, freezing a revision).
    """
    items = AgendaItem.objects.select_related("presenter").prefetch_related("remarks", "conclusions", "materials")
    sections = list(meeting.sections.prefetch_related(Prefetch("items", queryset=items), "conclusions").order_by("position"))
    if reader is not None:
        hidden = hidden_item_ids(reader, [item.pk for section in sections for item in section.items.all()])
        if hidden:
            for section in sections:
                shown = section.items.all()  # the prefetched queryset itself: its rows are replaced in place
                shown._result_cache = [redact(item) if item.pk in hidden else item for item in shown]
    return sections


def hidden_positions(meeting: Meeting, reader: Viewer) -> set[tuple[int, int]]:
    """(section index, item index) of the items ``reader`` sees redacted, to redact a stored revision alike.

    A frozen revision (``MinutesRevision.document``) holds no item ids; amendments change conclusions, not
    the agenda's order, so an item's place identifies it.
    """
    sections = list(meeting.sections.prefetch_related("items").order_by("position"))
    hidden = hidden_item_ids(reader, [item.pk for section in sections for item in section.items.all()])
    return {
        (i, j)
        for i, section in enumerate(sections)
        for j, item in enumerate(sorted(section.items.all(), key=lambda it: it.position))
        if item.pk in hidden
    }


def redact_revision(document: dict[str, Any], meeting: Meeting, reader: Viewer) -> m.Minutes:
    """A stored revision as ``reader`` may read it: their confidential items redacted, deadlines recomputed."""
    minutes = m.Minutes.from_dict(document)
    positions = hidden_positions(meeting, reader)
    if not positions:
        return minutes
    for i, section in enumerate(minutes.sections):
        section.items = [redact(item) if (i, j) in positions else item for j, item in enumerate(section.items)]
    _find_deadlines(minutes, timezone.localtime(meeting.start).date())
    return minutes


def _find_deadlines(document: m.Minutes, day: Any) -> None:
    text = "\n".join(c.text for c in document.all_conclusions())
    document.deadlines = find_deadlines(text, day)


def minutes_document(meeting: Meeting, *, reader: Viewer | None = None) -> m.Minutes:
    """The minutes as ``reader`` may read them; without a reader, as recorded: only to freeze a revision and in
    tests. Every channel passes its reader (``tests/security/test_confidential.py`` checks the calls)."""
    series = meeting.series
    start = timezone.localtime(meeting.start)
    end = timezone.localtime(meeting.end) if meeting.end else None
    previous = meeting.previous
    chair_name = meeting.chair_name or (meeting.chair.name if meeting.chair else "")
    chair_title = meeting.chair_title or (meeting.chair.title if meeting.chair and not meeting.chair_name else "")
    sections: list[m.Section] = []
    for section in load_tree(meeting, reader):
        items = [
            m.Item(
                title=item.title,
                label=item.label or None,
                presenter=item.presenter_text or (item.presenter.display_name if item.presenter else None),
                body=item.body or None,
                explanation=item.explanation or None,
                proposed_action=item.proposed_action or None,
                remarks=[m.Remark(speaker=r.speaker, text=r.text, kind=r.kind or None) for r in item.remarks.all()],
                conclusions=_conclusions(list(item.conclusions.all())),
                conclusion_heading=item.conclusion_heading or None,
            )
            for item in section.items.all()
        ]
        sections.append(
            m.Section(
                label=section.label,
                kind=section.kind,  # type: ignore[arg-type]
                heading=section.heading,
                items=items,
                conclusions=_conclusions(list(section.conclusions.all())),
                conclusion_heading=section.conclusion_heading or None,
            )
        )
    document = m.Minutes(
        title=meeting.title,
        organisation=series.owner.name,
        series=series.name,
        session=m.SessionNumber(number=meeting.number, year=meeting.year),
        date=start.date(),
        start_time=start.time().replace(second=0, microsecond=0),
        end_time=end.time().replace(second=0, microsecond=0) if end else None,
        location=meeting.location or None,
        chair=m.Chair(name=chair_name or None, title=chair_title or None),
        recorder=meeting.recorder_name or (meeting.recorder.name if meeting.recorder else None),
        attendance=m.Attendance(
            present=meeting.present_text or None,
            observers=meeting.observers_text or None,
            excused=meeting.excused_text or None,
        ),
        previous_minutes=m.PreviousMinutes(session=previous.number, date=timezone.localtime(previous.start).date()) if previous else None,
        sections=sections,
        case_decisions=[
            m.CaseDecision(case=d.case_number, decision=d.decision, part=d.part or None)  # type: ignore[arg-type]
            for d in meeting.case_decisions.all()
        ],
    )
    _find_deadlines(document, start.date())
    return document


# Comparing two versions of the minutes ---------------------------------------------------------------------
#
# Revisions are compared on their official plain text, paragraph by paragraph,
# and within a changed paragraph token by token: a Latin word or number is one
# token, every other character (Chinese has no spaces between words) is one.


@dataclass(frozen=True)
class Segment:
    op: str  # "equal", "delete" or "insert"
    text: str


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "same", "changed", "removed" or "added"
    segments: tuple[Segment, ...]


@dataclass
class Hunk:
    lines: list[DiffLine] = field(default_factory=list)


_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[.,:/-][A-Za-z0-9]+)*|\s+|.", re.DOTALL)


def revision_text(document: dict[str, Any], meeting: Meeting | None = None, reader: Viewer | None = None) -> str:
    """The official plain text of a stored Minutes JSON document (as ``reader`` may read it, when given)."""
    if meeting is not None and reader is not None:
        return render_text(redact_revision(document, meeting, reader))
    return render_text(m.Minutes.from_dict(document))


def diff_inline(old: str, new: str) -> tuple[Segment, ...]:
    """What changed within one paragraph: equal runs, then deleted and inserted runs."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    items: list[list[str]] = []  # ["equal", text] or ["change", deleted, inserted]
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            items.append(["equal", "".join(a[i1:i2])])
        else:
            items.append(["change", "".join(a[i1:i2]), "".join(b[j1:j2])])
    # A single character left standing between two changes reads as noise (修「改」為): fold it in.
    merged = True
    while merged:
        merged = False
        for n in range(1, len(items) - 1):
            before, middle, after = items[n - 1], items[n], items[n + 1]
            if middle[0] == "equal" and len(middle[1]) <= 1 and before[0] == after[0] == "change":
                items[n - 1 : n + 2] = [["change", before[1] + middle[1] + after[1], before[2] + middle[1] + after[2]]]
                merged = True
                break
    out: list[Segment] = []
    for entry in items:
        if entry[0] == "equal":
            out.append(Segment("equal", entry[1]))
            continue
        if entry[1]:
            out.append(Segment("delete", entry[1]))
        if entry[2]:
            out.append(Segment("insert", entry[2]))
    return tuple(out)


def _paragraphs(text: str) -> list[str]:
    return [p.strip("\n") for p in text.split("\n\n") if p.strip()]


def diff_lines(old_text: str, new_text: str) -> list[DiffLine]:
    """Every paragraph of the newer text, with the older one's paragraphs that were removed or changed."""
    a, b = _paragraphs(old_text), _paragraphs(new_text)
    out: list[DiffLine] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend(DiffLine("same", (Segment("equal", p),)) for p in a[i1:i2])
            continue
        olds, news = a[i1:i2], b[j1:j2]
        for n in range(max(len(olds), len(news))):
            if n < len(olds) and n < len(news):
                out.append(DiffLine("changed", diff_inline(olds[n], news[n])))
            elif n < len(olds):
                out.append(DiffLine("removed", (Segment("delete", olds[n]),)))
            else:
                out.append(DiffLine("added", (Segment("insert", news[n]),)))
    return out


def diff_hunks(old_text: str, new_text: str, *, context: int = 1) -> list[Hunk]:
    """The changed paragraphs, each run with ``context`` unchanged paragraphs around it."""
    lines = diff_lines(old_text, new_text)
    keep = [False] * len(lines)
    for n, line in enumerate(lines):
        if line.kind != "same":
            for k in range(max(0, n - context), min(len(lines), n + context + 1)):
                keep[k] = True
    hunks: list[Hunk] = []
    previous = -2
    for n, line in enumerate(lines):
        if not keep[n]:
            continue
        if n != previous + 1:
            hunks.append(Hunk())
        hunks[-1].lines.append(line)
        previous = n
    return hunks

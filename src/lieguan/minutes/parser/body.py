"""The body of the minutes: sections, their items, the remarks and the conclusions.

One pass over the paragraphs with a small amount of state: the open section,
the open item, and the open block (a remark, a conclusion list, an item's
explanation …) that an unlabelled paragraph continues. Enumeration levels
decide nesting; where one level serves two purposes (conclusions numbered like
items), the numbering itself decides: (一) after (一) starts a new list only if
the number goes on from where the list stood.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from lieguan.minutes.errors import ParseWarning, gettext_noop
from lieguan.minutes.model import Conclusion, Item, PreviousMinutes, Remark, Section, SectionKind, SessionNumber
from lieguan.minutes.parser import vocabulary as v
from lieguan.minutes.parser.case_tables import Motion
from lieguan.minutes.parser.header import is_placeholder
from lieguan.minutes.parser.items import oral_report_item, previous_minutes, title_and_presenter
from lieguan.minutes.parser.labels import Label, split_label
from lieguan.minutes.parser.lines import Line
from lieguan.minutes.parser.sections import label_number, looks_like_item, section_heading, section_mode
from lieguan.minutes.rocdate import parse_clock

Block = Literal["none", "body", "remark", "explanation", "proposed_action", "conclusion"]
_CONCLUSION_SECTIONS: frozenset[str] = frozenset({"general_conclusions", "chair_directives"})
_INTRODUCES_LIST = re.compile(r"(?:[:：]|如下|如次)$")
# A paragraph that names a part and decides it: 規費收入：照案通過。
_SUB_DECISION = re.compile(r"^[^\s:：，,。；;「」()（）]{2,12}[:：]")
_QUOTE_LIMIT = 20


def _quote(text: str) -> str:
    return text if len(text) <= _QUOTE_LIMIT else text[:_QUOTE_LIMIT] + "…"


@dataclass(slots=True)
class Body:
    sections: list[Section] = field(default_factory=list)
    end_time: dt.time | None = None
    previous_minutes: PreviousMinutes | None = None
    warnings: list[str] = field(default_factory=list)
    # The source line of each case table and the item it was put under.
    tables: list[tuple[int, Item]] = field(default_factory=list)


class _BodyReader:
    def __init__(self, meeting_date: dt.date | None, session: SessionNumber, mode: int | None, motions: Mapping[int, list[Motion]]) -> None:
        self.meeting_date = meeting_date
        self.motions = motions
        self.session = session
        self.mode = mode
        self.out = Body()
        self.section: Section | None = None
        self.section_level: int | None = None
        self.section_number: int | None = None
        self.item: Item | None = None
        self.item_number = 0
        self.item_level: int | None = None
        self.block: Block = "none"
        self.block_number = 0  # the last sub-point number seen in the open block
        self.remark: Remark | None = None
        self.conclusions: list[Conclusion] = []
        self.conclusion_level: int | None = None
        # A decision read from a flattened table row is one cell: numbered lines after it are the next row's.
        self.cell_conclusion = False
        self.line_no = 0
        self.text_owner: object | None = None
        self.text_attribute = ""
        self.text_parts: list[str] = []

    # ------------------------------------------------------------ entry
    def finish(self) -> None:
        self._close()

    def read(self, line: Line) -> bool:
        """Take one paragraph; False once the minutes have ended (散會)."""
        self.line_no = line.number
        if line.table:
            self._table(line)
            return True
        label, rest = split_label(line.text)
        if label is not None and label.level < 0 and self.mode != -1:
            # 甲、乙雙方: a stem that numbers nothing in this document.
            label, rest = None, line.text
        if (label is None or label.level <= 1) and v.END.match(rest):
            clock = parse_clock(rest)
            self.out.end_time = clock[0] if clock else None
            return False
        heading = self._section_heading(label, rest, line.text)
        if heading is not None:
            self._open_section(label, *heading)
            return True
        if self.section is None:
            self.out.warnings.append(ParseWarning(gettext_noop("正文開頭沒有章節標題，先歸入未命名的一節"), line=line.number))
            self._open_section(None, "other", "", "")
        if label is None:
            self._unlabelled(line.text)
        else:
            self._labelled(label, rest, line.text)
        return True

    def _section_heading(self, label: Label | None, rest: str, text: str) -> tuple[SectionKind, str, str] | None:
        if label is None:
            if len(text) <= 20 and not v.CONCLUSION_HEADING.match(text):
                kind = v.section_kind(text, bare=True)
                if kind is not None:
                    return kind, v.clean_heading(text), ""
            return None
        # Where the stems number the sections, 壹、 is a section only outside them (壹、開幕典禮 before 甲、);
        # inside a stem's section it numbers the items.
        stem_section = self.mode == -1 and (label.level < 0 or (label.level == 0 and self.section_level != -1))
        if (self.mode == 0 and label.level == 0) or stem_section:
            return section_heading(rest) or ("other", v.clean_heading(rest), "")
        if self.mode == 1 and label.level == 1:
            # Sections numbered 一、 share their level with the sub-points of a 說明:
            # without a section word, only the next number in the sequence is a section.
            found = section_heading(rest)
            if found is not None:
                return found
            if self.section_number is None or label.number == self.section_number + 1:
                return "other", v.clean_heading(rest), ""
        return None

    def _table(self, line: Line) -> None:
        """A table of tracked cases: the body of the item it stands in, whatever block was open."""
        if self.section is None:
            self.out.warnings.append(ParseWarning(gettext_noop("正文開頭沒有章節標題，先歸入未命名的一節"), line=line.number))
            self._open_section(None, "other", "", "")
        motions = self.motions.get(line.number)
        if motions:
            self._motions(line, motions)
            return
        if self.item is None or self.section is None or self.section.kind in _CONCLUSION_SECTIONS:
            self.out.warnings.append(ParseWarning(gettext_noop("列管案件表不在任何議案之下，另立無標題的議案"), line=line.number))
            self._new_item(None, "")
        assert self.item is not None
        self._close()
        self.block = "body"
        self._append_to_block(line.text)
        self._close()
        self.out.tables.append((line.number, self.item))

    def _motions(self, line: Line, motions: list[Motion]) -> None:
        """A table of bills: each row an item of the open section, the decision column its conclusion."""
        assert self.section is not None
        if self.section.kind in _CONCLUSION_SECTIONS:
            self._open_section(None, "other", "", "")
        first: Item | None = None
        for motion in motions:
            item = self._new_item(None, motion.subject or motion.case)
            item.body = motion.row
            item.conclusion_heading = motion.heading
            item.conclusions.append(Conclusion(text=motion.resolution))
            first = first or item
        self._close()
        if first is not None:
            self.out.tables.append((line.number, first))
        self.out.warnings.append(
            ParseWarning(gettext_noop("議案表的每一列視為一案，「%(column)s」欄為其結論"), {"column": motions[0].heading}, line=line.number)
        )

    # ------------------------------------------------------------ sections and items
    def _open_section(self, label: Label | None, kind: SectionKind, heading: str, inline: str) -> None:
        section = Section(label=label.value if label else "", kind=kind, heading=heading)
        self.section_level = label.level if label is not None else None
        self.section_number = label.number if label is not None else self.section_number
        self.out.sections.append(section)
        self.section = section
        self.item, self.item_level, self.item_number = None, None, 0
        self._close()
        if kind == "previous_minutes" and self.out.previous_minutes is None:
            found, warning = previous_minutes(heading, self.meeting_date, self.session)
            self.out.previous_minutes = found
            if warning:
                self.out.warnings.append(warning.at(self.line_no))
        if kind in _CONCLUSION_SECTIONS:
            self._open_conclusions(None)
        if inline and not is_placeholder(inline):
            if kind in _CONCLUSION_SECTIONS:
                self.conclusions.append(Conclusion(text=inline))
            else:
                self._new_item(None, inline)

    def _new_item(self, label: Label | None, text: str) -> Item:
        assert self.section is not None
        self._close()
        title, presenter = title_and_presenter(text)
        m = v.ITEM_FIELD.match(title)
        if m and v.item_field_key(m.group("word")) == "title":
            title, presenter = title_and_presenter(m.group("rest") or "")
        outcome = v.BRACKETED_OUTCOME.search(title)
        conclusions: list[Conclusion] = []
        if outcome is not None and outcome.start() > 0:
            # 報告今日議程(予以確定): the item and, in brackets, what the meeting made of it.
            title = title[: outcome.start()].rstrip()
            conclusions.append(Conclusion(text=outcome.group("outcome")))
            self.out.warnings.append(
                ParseWarning(
                    gettext_noop("標題後括號中的「%(outcome)s」視為該案的結論"), {"outcome": outcome.group("outcome")}, line=self.line_no
                )
            )
        item = Item(title=title, label=label.value if label else None, presenter=presenter, conclusions=conclusions)
        self._add_item(item, label)
        return item

    def _add_item(self, item: Item, label: Label | None) -> None:
        assert self.section is not None
        self._close()
        self.section.items.append(item)
        self.item = item
        if label is not None:
            self.item_number = label.number
            if self.item_level is None or label.level < self.item_level:
                self.item_level = label.level

    def _oral_item(self, label: Label | None, speaker: str, verb: str, text: str) -> None:
        item = oral_report_item(label.value if label else None, speaker, verb, text)
        self._add_item(item, label)
        self.remark = item.remarks[0]
        self.block, self.block_number = "remark", 0
        self._count_sub_point(text)
        self.out.warnings.append(
            ParseWarning(
                gettext_noop("「%(speaker)s%(verb)s」沒有案由，以報告的第一句作為標題"),
                {"speaker": speaker, "verb": verb},
                line=self.line_no,
            )
        )

    # ------------------------------------------------------------ blocks
    def _close(self) -> None:
        self._flush()
        self.block, self.block_number, self.remark = "none", 0, None
        self.conclusions, self.conclusion_level = [], None
        self.cell_conclusion = False

    def _open_conclusions(self, word: str | None, inline: str = "") -> None:
        assert self.section is not None
        owner = self.item if self.item is not None and self.section.kind not in _CONCLUSION_SECTIONS else None
        self._close()
        target = owner.conclusions if owner is not None else self.section.conclusions
        if word is not None:
            if owner is not None:
                owner.conclusion_heading = owner.conclusion_heading or word
            else:
                self.section.conclusion_heading = self.section.conclusion_heading or word
        self.conclusions = target
        self.block = "conclusion"
        if inline:
            # 決議：(一)…: the first of a numbered list on the label's line.
            label, rest = split_label(inline)
            if label is not None and label.level > 0 and label.number == 1 and rest:
                self.conclusion_level = label.level
                target.append(Conclusion(text=rest, label=label.value))
            else:
                target.append(Conclusion(text=inline))

    def _append_to_block(self, paragraph: str) -> bool:
        """Add ``paragraph`` to the open block; False if no block is open."""
        if self.block == "conclusion" and self.conclusions:
            self._extend(self.conclusions[-1], "text", paragraph)
        elif self.block == "remark" and self.remark is not None:
            self._extend(self.remark, "text", paragraph)
        elif self.block in ("explanation", "proposed_action", "body") and self.item is not None:
            self._extend(self.item, self.block, paragraph)
        else:
            return False
        return True

    def _extend(self, owner: object, attribute: str, paragraph: str) -> None:
        """Collect the paragraphs of one text and write them out once: adding to a str each time would be quadratic."""
        if self.text_owner is not owner or self.text_attribute != attribute:
            self._flush()
            self.text_owner, self.text_attribute = owner, attribute
            existing = getattr(owner, attribute)
            self.text_parts = [existing] if existing else []
        self.text_parts.append(paragraph)

    def _flush(self) -> None:
        if self.text_owner is not None:
            setattr(self.text_owner, self.text_attribute, "\n".join(self.text_parts))
        self.text_owner, self.text_attribute, self.text_parts = None, "", []

    # ------------------------------------------------------------ paragraphs
    def _structural(self, label: Label | None, rest: str, text: str) -> bool:
        """Conclusion headings, discussion fields and remarks, which open a block wherever they stand."""
        m = v.CONCLUSION_HEADING.match(rest) if label is None else None
        if m:
            word, inline, in_cell = v.conclusion_heading(m)
            self._open_conclusions(word, inline)
            self.cell_conclusion = in_cell
            return True
        f = v.ITEM_FIELD.match(rest)
        if f:
            self._field(label, v.item_field_key(f.group("word")), (f.group("rest") or "").strip())
            return True
        r = v.REMARK.match(rest)
        if r and v.is_speaker(r.group("speaker"), r.group("verb")):
            return self._remark(label, r.group("speaker"), r.group("verb"), (r.group("rest") or "").strip(), text)
        return False

    def _field(self, label: Label | None, key: str, value: str) -> None:
        if key == "title":
            if self.item is not None and not self.item.title and not self.item.conclusions:
                title, presenter = title_and_presenter(value)
                self.item.title, self.item.presenter = title, presenter or self.item.presenter
                self._close()
            else:
                self._new_item(label, value)
            return
        if self.item is None:
            self.out.warnings.append(
                ParseWarning(gettext_noop("「%(text)s」不屬於任何議案，另立無標題的議案"), {"text": value[:20]}, line=self.line_no)
            )
            self._new_item(None, "")
        assert self.item is not None
        if key == "presenter":
            self.item.presenter = value or None
            return
        self._close()
        self.block = "explanation" if key == "explanation" else "proposed_action"
        if value:
            self._append_to_block(value)
            self._count_sub_point(value)

    def _remark(self, label: Label | None, speaker: str, verb: str, said: str, text: str) -> bool:
        assert self.section is not None
        at_item_level = label is not None and (self.item_level is None or label.level <= self.item_level)
        if label is not None and not at_item_level:
            return False
        if at_item_level or self.item is None or (self.section.kind == "motions" and self.item.conclusions):
            if self.section.kind in _CONCLUSION_SECTIONS and self.section.conclusions and label is None:
                return self._append_to_block(text)
            self._oral_item(label, speaker, verb, said)
            return True
        self._close()
        self.remark = Remark(speaker=speaker, text=said, kind=verb)
        self.item.remarks.append(self.remark)
        self.block = "remark"
        self._count_sub_point(said)
        return True

    def _count_sub_point(self, text: str) -> None:
        """A block whose first words are a label (說明：一、…) has begun its own enumeration."""
        label = split_label(text)[0]
        if label is not None and label.level == self.item_level:
            self.block_number = label.number

    def _unlabelled(self, text: str) -> None:
        if self._structural(None, text, text):
            return
        heading = v.ITEM_HEADING.match(text)
        if heading and self.section is not None and self.section.kind not in _CONCLUSION_SECTIONS:
            number = heading.group("n1") or heading.group("n2")
            item = self._new_item(None, heading.group("rest") or "")
            item.label = number
            self.item_number = label_number(number)
            return
        if self.block == "conclusion" and self._unlabelled_conclusion(text):
            return
        if self._bracketed_outcome(text):
            return
        if self._append_to_block(text):
            return
        if self.item is not None:
            self.block = "body"
            self._append_to_block(text)
        elif not is_placeholder(text):
            self._new_item(None, text)

    def _unlabelled_conclusion(self, text: str) -> bool:
        """An unlabelled paragraph in a conclusion list: the single conclusion, a continuation, or one more."""
        if not self.conclusions:
            self.conclusions.append(Conclusion(text=text))
            return True
        last = self.conclusions[-1]
        if last.label is None and self.item is None and self.section is not None and self.section.kind in _CONCLUSION_SECTIONS:
            self.conclusions.append(Conclusion(text=text))
            return True
        sub = _SUB_DECISION.match(text)
        if last.label is None and sub is not None and v.OUTCOME_WORDS.search(text, sub.end()):
            # 規費收入：照案通過。 after 罰款收入：…通過。: one decision for each part of a budget or a bill.
            self.conclusions.append(Conclusion(text=text))
            return True
        return False

    def _bracketed_outcome(self, text: str) -> bool:
        """(無異議通過) on a line of its own after an item: that item's conclusion."""
        m = v.BRACKETED_OUTCOME.search(text)
        if m is None or m.start() > 0 or self.item is None or self.item.conclusions or self.block not in ("none", "body"):
            return False
        self._close()
        self.item.conclusions.append(Conclusion(text=text))
        self.out.warnings.append(
            ParseWarning(
                gettext_noop("括號中的「%(outcome)s」視為「%(item)s」的結論"),
                {"outcome": m.group("outcome"), "item": _quote(self.item.title)},
                line=self.line_no,
            )
        )
        return True

    def _labelled(self, label: Label, rest: str, text: str) -> None:
        if self.cell_conclusion:
            self._close()
            self.block = "body"
        if self.block == "conclusion" and self._conclusion_entry(label, rest, text):
            return
        if self._structural(label, rest, text):
            return
        assert self.section is not None
        if self.section.kind in _CONCLUSION_SECTIONS:
            self._open_conclusions(None)
            self._conclusion_entry(label, rest, text)
            return
        if self.item_level is None and self.item is not None and self.block != "none":
            # Items numbered by headings (審議事項一, 第一案) leave every label to their contents.
            self._append_to_block(text)
        elif self.item_level is None or label.level < self.item_level:
            self._new_item(label, rest)
        elif label.level == self.item_level:
            if self._continues_block(label, rest):
                self.block_number = label.number
                self._append_to_block(text)
            else:
                self._new_item(label, rest)
        elif not self._append_to_block(text):
            if self.item is not None:
                self.block = "body"
                self._append_to_block(text)
            else:
                self._new_item(label, rest)

    def _continues_block(self, label: Label, rest: str) -> bool:
        """Whether a label at item level is a sub-point of the open block (說明 一、二、) rather than the next item."""
        if self.block not in ("explanation", "proposed_action", "remark", "body") or looks_like_item(rest):
            return False
        if label.number != self.block_number + 1:
            return False
        return self.block in ("explanation", "proposed_action") or label.number != self.item_number + 1

    def _conclusion_entry(self, label: Label, rest: str, text: str) -> bool:
        """Place a labelled paragraph inside the open conclusion list; False if it belongs elsewhere."""
        owner_level = self._owner_level()
        level = self.conclusion_level
        if level is None:
            self._flush()
            last = self.conclusions[-1] if self.conclusions else None
            if last is not None and _INTRODUCES_LIST.search(last.text) and (owner_level is None or label.level > owner_level):
                self._extend(last, "text", text)
                return True
            fresh = not self.conclusions
            first_entry = label.level == owner_level and label.number == 1 and fresh and not looks_like_item(rest)
            if owner_level is None or label.level > owner_level or first_entry:
                self.conclusion_level = label.level
                self.conclusions.append(Conclusion(text=rest, label=label.value))
                return True
            self._close()
            return False
        if label.level == level:
            last_number = label_number(self.conclusions[-1].label)
            if label.level == owner_level and (label.number != last_number + 1 or looks_like_item(rest)):
                self._close()
                return False
            self.conclusions.append(Conclusion(text=rest, label=label.value))
            return True
        if label.level > level:
            self._extend(self.conclusions[-1], "text", text)
            return True
        self._close()
        return False

    def _owner_level(self) -> int | None:
        """The label level of whatever owns the open conclusions: labels at that level may be the next item.

        Conclusions of a 綜合會議結論 section own every label; those of any other
        section share the level at which the section's items are (or would be) numbered.
        """
        section = self.section
        if section is not None and self.conclusions is section.conclusions:
            if section.kind in _CONCLUSION_SECTIONS:
                return None
            if self.item_level is not None:
                return self.item_level
            return self.section_level + 1 if self.section_level is not None else None
        return self.item_level


def parse_body(
    lines: list[Line], meeting_date: dt.date | None, session: SessionNumber, motions: Mapping[int, list[Motion]] | None = None
) -> Body:
    """The body of the minutes; ``motions`` are the rows of each table of bills, keyed by the table's first source line."""
    reader = _BodyReader(meeting_date, session, section_mode(lines), motions or {})
    for n, line in enumerate(lines):
        if not reader.read(line):
            rest = len(lines) - n - 1
            if rest:
                reader.out.warnings.append(
                    ParseWarning(gettext_noop("散會之後的 %(count)s 段文字未列入紀錄"), {"count": rest}, line=line.number)
                )
            break
    reader.finish()
    return reader.out

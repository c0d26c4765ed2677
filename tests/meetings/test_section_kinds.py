"""A section's kind is one list: the minutes library's SECTION_KINDS, which the agenda's choices follow."""

from __future__ import annotations

from lieguan.meetings.models import AgendaSection
from lieguan.minutes.model import SECTION_KINDS


def test_the_agenda_knows_exactly_the_minutes_librarys_section_kinds_in_its_order() -> None:
    assert tuple(AgendaSection.Kind.values) == SECTION_KINDS


def test_the_kind_column_offers_those_kinds_each_with_a_chinese_label() -> None:
    choices = AgendaSection._meta.get_field("kind").choices
    assert [value for value, _ in choices] == list(SECTION_KINDS)
    assert all(label and not label.isascii() for _, label in choices)
    assert dict(choices)["reports"] == "報告事項"

"""The same minutes in the forms other tools write them all parse to the same document."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from lieguan.minutes.model import Minutes
from lieguan.minutes.parser import parse_bytes, parse_text
from lieguan.minutes.parser.lines import is_full_line, wrap_width
from lieguan.minutes.render.text import render_text
from tests.examples import examples
from tests.minutes.compare import assert_same_minutes
from tests.minutes.strategies import minutes_documents
from tests.minutes.textforms import as_markdown, as_pdf_text

_SETTINGS = settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(minutes_documents(), st.integers(30, 60), st.integers(12, 40))
def test_hard_wrapped_pdf_text_with_page_furniture_parses_the_same(m: Minutes, width: int, page_lines: int) -> None:
    text, wrapped = as_pdf_text(render_text(m), width, page_lines)
    # Text counts as hard-wrapped when it shows it (many lines of one width), and no
    # paragraph happens to end at the margin, which no reader could tell from a wrap.
    # The spaces where lines broke are lost in extraction, so texts compare without spaces.
    detected = wrap_width(text)
    assume(detected is not None)
    assert detected is not None
    assume(not any(is_full_line(w[-1], detected) for w in wrapped))
    assert_same_minutes(parse_text(text), m, text, spaces=False)


@_SETTINGS
@given(minutes_documents())
def test_markdown_from_a_pdf_converter_parses_the_same(m: Minutes) -> None:
    text = as_markdown(render_text(m))
    assert_same_minutes(parse_text(text), m, text)


@_SETTINGS
@given(minutes_documents(), st.sampled_from(["utf-8", "utf-8-sig", "cp950", "utf-16"]), st.booleans())
def test_encodings_and_line_ends_parse_the_same(m: Minutes, encoding: str, crlf: bool) -> None:
    text = render_text(m)
    if crlf:
        text = text.replace("\n", "\r\n")
    assert_same_minutes(parse_bytes(text.encode(encoding), "minutes.txt"), m, text)

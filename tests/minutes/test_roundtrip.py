"""Round trip: for any generated minutes m, parsing the official text of m gives m back.

"The same" means every field of Minutes JSON except ``warnings`` (which say
what the parser guessed, not what the document says). The case decisions,
tracked flags and deadlines are not copied from m: the parser recomputes them
from the conclusions' wording, and the strategy computed its own expectation
independently when it wrote that wording.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from lieguan.minutes.model import Minutes
from lieguan.minutes.parser import parse_text
from lieguan.minutes.render.text import render_text
from tests.examples import examples
from tests.minutes.compare import assert_same_minutes
from tests.minutes.strategies import minutes_documents


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(minutes_documents())
def test_parse_of_rendered_text_gives_the_document_back(m: Minutes) -> None:
    text = render_text(m)
    assert_same_minutes(parse_text(text), m, text)


@settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(minutes_documents())
def test_rendering_is_stable(m: Minutes) -> None:
    text = render_text(m)
    assert render_text(parse_text(text)) == text

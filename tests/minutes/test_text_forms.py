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


def test_a_line_short_of_the_margin_because_a_closing_mark_carried_its_character_down_goes_on():
    # Found by the test above: 「分）、」 may not be split, so the typesetter moved 「分」 down and left the
    # line five columns short of the margin, more than the usual slack for one closing mark.
    text = (
        "主任秘書會報紀錄\n主席：王志明\n一、主席裁示事項\n（一）本案列管，請資訊局持續推動；\n有關數位服務一事，請資訊局持續推\n動。\n"
        "（二）請資訊局持續推動數位服務，有\n關公共工程品質一事，請資訊局持續推\n動。\n（三）本案列管，請資訊局持續推動；\n"
        "請資訊局持續推動數位服務，請資訊局\n持續推動數位服務。\n- 1 -\x0c主任秘書會報紀錄\n（四）列管編號 90-1（資訊局部\n"
        "分）、90-2、90-3 及 90-4 案同意解\n除列管；資訊局已完成數位服務之盤\n點。\n散會\n- 2 -"
    )
    sections = parse_text(text).sections
    conclusions = [c.text for s in sections for c in s.conclusions] + [c.text for s in sections for i in s.items for c in i.conclusions]
    assert conclusions[-1].replace(" ", "") == "列管編號90-1（資訊局部分）、90-2、90-3及90-4案同意解除列管；資訊局已完成數位服務之盤點。"

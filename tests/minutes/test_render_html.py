"""HTML: semantic structure, the official text, and every string escaped."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from lieguan.minutes.model import Minutes
from lieguan.minutes.render.html import STYLESHEET, render_html, stylesheet
from lieguan.minutes.render.layout import layout
from tests.minutes.render_support import HOSTILE, bureau, hostile, no_django_settings, sample, squeeze  # noqa: F401

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "article", "header", "h1", "h2", "h3",
    "dl", "div", "dt", "dd", "section", "ol", "li", "p", "span",
}  # fmt: skip


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self.stack: list[str] = []
        self.unbalanced = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        if tag != "meta":
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.unbalanced = True

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] not in ("style", "title"):
            self.text.append(data)


def _parse(html: str) -> _Collector:
    c = _Collector()
    c.feed(html)
    c.close()
    return c


def test_standalone_page_is_a_whole_document() -> None:
    html = render_html(sample())
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="zh-Hant">' in html
    assert "<title>臨海市政府第58次主任秘書會報紀錄</title>" in html
    assert "size:A4" in html
    assert "counter(page)" in html
    c = _parse(html)
    assert not c.unbalanced
    assert {t for t, _ in c.tags} <= ALLOWED_TAGS
    assert "script" not in {t for t, _ in c.tags}
    # No inline styles or event handlers: fit for a strict Content-Security-Policy.
    assert not [a for _, attrs in c.tags for a, _ in attrs if a == "style" or a.startswith("on")]


def test_headings_and_lists() -> None:
    c = _parse(render_html(sample()))
    names = [t for t, _ in c.tags]
    assert names.count("h1") == 1
    assert names.count("h2") == 5  # 壹 貳 參 肆 伍
    assert names.count("h3") == 8  # the items
    assert names.count("section") == 5
    assert "ol" in names
    assert "li" in names


def test_fragment_is_one_article() -> None:
    html = render_html(sample(), standalone=False, id_prefix="m58")
    assert html.startswith('<article class="lg-minutes" lang="zh-Hant" aria-labelledby="m58-title">')
    assert html.rstrip().endswith("</article>")
    assert "<html" not in html
    assert "<style" not in html
    assert 'id="m58-s1"' in html
    assert not _parse(html).unbalanced
    assert stylesheet() == STYLESHEET


def test_text_is_the_layout_text_in_order() -> None:
    m = sample()
    text = squeeze("".join(_parse(render_html(m)).text))
    position = 0
    for line in layout(m).all_text():
        found = text.find(squeeze(line), position)
        assert found >= 0, line
        position = found + len(squeeze(line))


def test_every_conclusion_text_is_present() -> None:
    m = sample()
    text = squeeze("".join(_parse(render_html(m)).text))
    for c in m.all_conclusions():
        assert squeeze(c.text) in text


def test_tracked_conclusions_are_marked_without_changing_the_text() -> None:
    m = sample()
    html = render_html(m)
    assert html.count('data-tracked="true"') == sum(c.tracked for c in m.all_conclusions())
    assert "列管】" not in "".join(_parse(html).text)
    # The screen-only mark lives in the stylesheet and is not printed.
    screen = STYLESHEET.split("@media screen")[1].split("@media print")[0]
    assert 'content:"列管"' in screen


def test_bureau_meeting() -> None:
    html = render_html(bureau())
    assert "五、</span>主席裁示事項" in html
    assert "（一）</span>智慧路燈案" in html
    assert "民國 114 年 3 月 11 日（星期二）下午 2 時 00 分" in html
    assert "散會（16時13分）" in html


@pytest.mark.parametrize("standalone", [True, False])
def test_hostile_text_is_escaped_everywhere(standalone: bool) -> None:
    m = hostile()
    html = render_html(m, standalone=standalone)
    c = _parse(html)
    assert {t for t, _ in c.tags} <= ALLOWED_TAGS
    assert not any(t in ("script", "img", "b") for t, _ in c.tags)
    assert not [a for _, attrs in c.tags for a, _ in attrs if a.startswith("on")]
    assert not c.unbalanced
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;" in html
    # The hostile text is shown, literally, as text.
    text = "".join(c.text)
    assert text.count(HOSTILE) >= 20


def test_hostile_text_in_head_and_attributes() -> None:
    html = render_html(hostile())
    head = html.split("</head>")[0]
    assert "<script" not in head
    assert '<meta name="author" content="&lt;script&gt;' in head
    assert "<title>&lt;script&gt;" in head


def test_empty_document() -> None:
    html = render_html(Minutes(title=""))
    assert "<h1" in html
    assert "會議紀錄" in html
    assert not _parse(html).unbalanced

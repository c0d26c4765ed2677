"""Reading a page as its reader does: its text, without the markup that carries it (issue 19).

A test that looks for a sentence on a page asks ``page_text(response)``, so that a span marking a name as
the records' data, or any other change of markup, does not break it.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

_SKIPPED = {"script", "style", "template", "head"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in _SKIPPED:
            self.skipping += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED and self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def page_text(response: Any) -> str:
    """The text of a page (a response or its HTML), each run of white space made one space."""
    html = response if isinstance(response, str) else response.content.decode()
    reader = _Text()
    reader.feed(html)
    return " ".join("".join(reader.parts).split())

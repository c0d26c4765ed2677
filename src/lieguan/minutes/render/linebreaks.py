"""Where a line of a PDF that Lieguan writes may break at a space: only between two Latin letters or digits.

A PDF keeps no trace of the space at which a line was broken. Between two
Latin words a break always falls at a space, but between Chinese and Latin
script (使用 App, 完成 3 件) a break may fall with a space or without one
(完成App), and a reader cannot tell which. So the PDF renderer makes every
other space unbreakable (U+00A0 NO-BREAK SPACE, as wide as a space in every
font, Noto CJK included): in such a PDF a line that ends between two Latin
letters or digits lost a space there, and any other line break lost nothing.
The PDF says it follows this rule in its document information dictionary
(:data:`MARK_KEY`), which the PDF reader (``readers/pdf.py``) looks for.

Where its lines wrap is known as well: near the margin :data:`RIGHT_MARGIN_MM`
from the right edge of the page (WeasyPrint stops a line up to about a
character short of it). A reader of another PDF must guess that from how far
its lines reach, which a short document, none of whose lines was wrapped,
does not show.
"""

from __future__ import annotations

import re

MARK_KEY = "LieguanLineBreaks"
MARK_VALUE = "at spaces only between Latin letters or digits"
# The page's right margin (the @page rule of render/html.py), where every line of the minutes wraps.
RIGHT_MARGIN_MM = 20

LATIN = re.compile(r"[A-Za-z0-9]")
# One space between two characters, one of which is not a Latin letter or digit.
_UNBREAKABLE = re.compile(r"(?<=[^\sA-Za-z0-9]) (?=\S)|(?<=\S) (?=[^\sA-Za-z0-9])")


def breakable(left: str, right: str) -> bool:
    """Whether a line may break at a space between the characters ``left`` and ``right``."""
    return bool(LATIN.match(left) and LATIN.match(right))


def glue_spaces(text: str) -> str:
    """``text`` with every single space that :func:`breakable` does not allow a break at made a no-break space.

    A run of spaces is left alone: HTML shows it as one breakable space, and a
    run of no-break spaces would show every one of them.
    """
    return _UNBREAKABLE.sub("\u00a0", text)


def wrap_edge(page_width: float) -> float:
    """Where (points from the left) the lines of a page ``page_width`` points wide wrap."""
    return page_width - RIGHT_MARGIN_MM * 72 / 25.4

"""Text as other tools would have written the same minutes: hard-wrapped PDF extraction, Markdown, CRLF, Big5.

Used by the tests to show that the parser reads every form of a document the same way.
"""

from __future__ import annotations

import unicodedata


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


_NO_LINE_START = frozenset("、。，；：？！）」』】%,.;:?!)")
_NO_LINE_END = frozenset("（「『【(")


def _breakable(left: str, right: str) -> bool:
    """Where a line may break between two characters: not inside a run of Latin letters, digits and signs
    (100-2, Wi-Fi), and not before closing or after opening punctuation (the kinsoku rules)."""
    if right in _NO_LINE_START or left in _NO_LINE_END:
        return False
    return not (left.isascii() and right.isascii())


def wrap(paragraph: str, width: int) -> list[str]:
    """Break one paragraph into lines of at most ``width`` columns, as a PDF page does.

    A line breaks at the last place it may: at a space (which the text
    extractor then drops), or between two characters that allow it. A line
    ends early where the margin falls inside a Latin word or number.
    """
    lines: list[str] = []
    start = 0
    while display_width(paragraph[start:]) > width:
        end, used = start, 0
        while used + display_width(paragraph[end]) <= width:
            used += display_width(paragraph[end])
            end += 1
        cut = end
        while cut > start + 1 and not (paragraph[cut] == " " or _breakable(paragraph[cut - 1], paragraph[cut])):
            cut -= 1
        if cut == start + 1:
            cut = end
        lines.append(paragraph[start:cut].rstrip())
        start = cut
        while start < len(paragraph) and paragraph[start] == " ":
            start += 1
    lines.append(paragraph[start:])
    return [line for line in lines if line.strip()]


def as_pdf_text(text: str, width: int, page_lines: int) -> tuple[str, list[list[str]]]:
    """``text`` hard-wrapped at ``width`` columns without blank lines, in pages of ``page_lines`` lines.

    Each page after the first repeats the title at its top and every page ends
    with a page number (- 2 -); pages are separated by form feeds, as pdftotext
    writes them. Also returns the wrapped lines of each paragraph.
    """
    paragraphs = [p for p in text.split("\n") if p.strip()]
    wrapped = [wrap(p, width) for p in paragraphs]
    lines = [line for w in wrapped for line in w]
    title = lines[0]
    pages = [lines[i : i + page_lines] for i in range(0, len(lines), page_lines)]
    out: list[str] = []
    for n, page in enumerate(pages, 1):
        body = ([title] if n > 1 else []) + page + [f"- {n} -"]
        out.append("\n".join(body))
    return "\f".join(out), wrapped


def as_markdown(text: str) -> str:
    """The same minutes as a PDF-to-Markdown converter writes them: headings, bullets, bold speakers."""
    out: list[str] = []
    for n, line in enumerate(text.split("\n")):
        if n == 0 and line:
            out.append(f"# {line}")
        elif line[:1] in "壹貳參肆伍陸柒捌玖" and line[1:2] == "、":
            out.append(f"## {line}")
        elif line.startswith("（") and "）" in line[:5]:
            out.append(f"- {line}")
        else:
            out.append(line)
    return "\n".join(out)

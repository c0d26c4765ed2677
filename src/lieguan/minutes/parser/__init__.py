"""Minutes documents (TXT/Markdown, DOCX, ODT, PDF with a text layer) → ``Minutes``.

``parse_text`` reads text as converted from a PDF or typed; ``parse_bytes`` and
``parse_file`` first read a document file of any supported format. A document
that is not minutes raises ``NotMinutesError``; a file that cannot be read
raises ``UnreadableDocumentError``; both are ``ParseError``. Whatever the parser
had to guess is listed in ``Minutes.warnings``.
"""

from __future__ import annotations

import os

from lieguan.minutes.model import Minutes
from lieguan.minutes.parser.document import parse_text
from lieguan.minutes.readers import read_bytes, read_path


def parse_bytes(data: bytes, filename: str | None = None) -> Minutes:
    """Parse a minutes document given as the bytes of a file; ``filename`` helps the error messages."""
    return parse_text(read_bytes(data, filename))


def parse_file(path: str | os.PathLike[str]) -> Minutes:
    """Parse the minutes document at ``path`` (TXT, MD, DOCX, ODT or PDF, recognised by content)."""
    return parse_text(read_path(path))


__all__ = ["parse_bytes", "parse_file", "parse_text"]

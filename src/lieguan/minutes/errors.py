"""The only exceptions the minutes library raises on bad input.

Callers (CLI, importer, API) catch ``MinutesError`` and show its message; any
other exception escaping the library is a bug.
"""

from __future__ import annotations


class MinutesError(Exception):
    """Base of every error the library reports about its input."""

    def __init__(self, message: str, *, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        if self.line is not None:
            return f"第 {self.line} 行：{self.message}"
        return self.message


class ParseError(MinutesError):
    """The input could not be read as minutes."""


class NotMinutesError(ParseError):
    """The input is a readable document, but not meeting minutes (e.g. a work report)."""


class UnreadableDocumentError(ParseError):
    """The file itself cannot be read: a scanned PDF without text, a broken DOCX, an unknown format."""


class InvalidMinutesJSON(ParseError):
    """A Minutes JSON document does not follow the format."""

"""The only exceptions the minutes library raises on bad input, and the marker of what they say.

Callers (CLI, importer, API) catch ``MinutesError`` and show its message; any
other exception escaping the library is a bug.

What an error says is kept as a message id and named parameters (``msgid``,
``params``): the Chinese sentence with ``%(name)s`` placeholders, one whole
sentence, never pieces joined, and the values that fill them. The library words
nothing in another language (it imports no Django, so no gettext): ``message``
and ``str(error)`` are the Chinese sentence, and whoever shows the error to a
reader of another language looks ``msgid`` up in its catalogue and fills in
``params`` (the importer does, ``ImportFile.worded_error``). Each msgid is
written where it is raised inside ``gettext_noop(…)`` below, so that the
catalogue tooling (``tests/core/test_code_words.py``, babel) finds it.
"""

from __future__ import annotations

from collections.abc import Mapping


def gettext_noop(msgid: str) -> str:
    """``msgid`` as it is: marks a message id for the catalogue, to be worded in the reader's language by whoever shows it."""
    return msgid


class MinutesError(Exception):
    """Base of every error the library reports about its input.

    ``msgid`` is the sentence in Chinese with ``%(name)s`` placeholders and ``params`` their values (text or
    numbers); ``message`` is the sentence with them filled in. A message without ``params`` is its own msgid.
    """

    def __init__(self, msgid: str, params: Mapping[str, object] | None = None, *, line: int | None = None) -> None:
        self.msgid = msgid
        self.params: Mapping[str, object] = dict(params or {})
        self.message = msgid % self.params if self.params else msgid
        super().__init__(self.message)
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


class ParseWarning(str):
    """A warning of the parser: what it had to guess or leave out, kept as a message id and parameters like the errors.

    It is the Chinese sentence itself (a ``str``: ``第 N 行：…`` when ``line`` is given), so that whatever lists,
    compares or stores warnings as text is unchanged; ``msgid`` and ``params`` say it without the line, for whoever
    words it in the reader's language (the importer, ``ImportFile.worded_warnings``). A warning read back from
    Minutes JSON is a plain ``str`` and is shown as it is.
    """

    msgid: str
    params: Mapping[str, object]
    line: int | None

    def __new__(cls, msgid: str, params: Mapping[str, object] | None = None, *, line: int | None = None) -> ParseWarning:
        values: Mapping[str, object] = dict(params or {})
        message = msgid % values if values else msgid
        self = super().__new__(cls, f"第 {line} 行：{message}" if line is not None else message)
        self.msgid, self.params, self.line = msgid, values, line
        return self

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuilt_warning, (self.msgid, dict(self.params), self.line))

    def at(self, line: int) -> ParseWarning:
        """The same warning, said of line ``line``."""
        return ParseWarning(self.msgid, self.params, line=line)


def _rebuilt_warning(msgid: str, params: Mapping[str, object], line: int | None) -> ParseWarning:
    return ParseWarning(msgid, params, line=line)

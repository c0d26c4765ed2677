"""What a notification says, kept as message ids with parameters and worded in the reader's language when read.

Whoever tells of a change does not know the language of whoever reads of it: a liaison reading English opens the
inbox after a secretariat working in Chinese published the minutes. So the apps that tell (``meetings.notifying``,
``tracking.notifying``, the reminder digest) write what to say rather than sentences:

- a *sentence*: the Chinese source sentence, which is the msgid (marked with ``gettext_noop`` where it is written, so
  that the catalogue checks find it: one sentence with named placeholders, never pieces joined), and its parameters:
  ``said(gettext_noop("%(minutes)s已發布"), minutes=meeting.title)``;
- parameters that belong to no language: record data as it is (a title, an agency's name, a case number, a count); a
  date or a moment as its ISO form (``day``, ``moment``), worded by ``core.dates`` (115年12月7日 in Chinese, 7 Dec 2026
  in English); a code of a model's choices (``choice``), worded by its label; a sentence within a sentence
  (「機密案件」 for a title its reader may not see); a list (``listing``), joined as the language joins them;
- a *body*: lines, each a sentence (``indented`` for a line under another) or text as it is ("" for a blank line).

``Notification.words`` keeps that form (``Message.as_json``). The row's ``subject`` and ``body`` keep it worded in
Chinese, the official language: the e-mail says that, and a row written before ``words`` existed is read as it is
(``worded``). Nothing here names a meeting or a case: the choices are found by the model's label, not imported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext

from lieguan.core.dates import long_date

# {"msgid": "…%(name)s…", "params": {"name": …}}, and "indent" (spaces) for a line of a body.
Sentence = dict[str, Any]
Line = Sentence | str


def said(msgid: str, /, **params: Any) -> Sentence:
    """One sentence: ``msgid`` (the Chinese source, marked with ``gettext_noop``) with its named parameters."""
    if isinstance(msgid, Promise):
        raise TypeError("pass the msgid itself (gettext_noop), not a lazy translation: it is worded when read")
    sentence: Sentence = {"msgid": msgid}
    if params:
        sentence["params"] = {name: _neutral(value) for name, value in params.items()}
    return sentence


def day(value: dt.date) -> dict[str, str]:
    """A day, worded as the reader's calendar writes it (``core.dates.long_date``)."""
    if isinstance(value, dt.datetime):
        raise TypeError("a moment is a moment(): day() takes a date")
    return {"date": value.isoformat()}


def moment(value: dt.datetime) -> dict[str, str]:
    """A moment, worded as its day and its time in Taipei: 115年12月7日 10:00 | 7 Dec 2026 10:00."""
    return {"moment": value.isoformat()}


def choice(model: type[models.Model], field: str, code: str) -> dict[str, str]:
    """A code of ``model.field``'s choices (a role, a state), worded by its label in the reader's language."""
    return {"choice": f"{model._meta.label_lower}.{field}", "code": str(code)}


def listing(values: Iterable[Any]) -> dict[str, list[Any]]:
    """Several values, joined as the reader's language joins them (、 | , )."""
    return {"list": [_neutral(v) for v in values]}


def indented(line: Sentence, spaces: int) -> Sentence:
    """A line of a body set in under the line before it."""
    return {**line, "indent": spaces}


def _neutral(value: Any) -> Any:
    if isinstance(value, Promise):
        raise TypeError("a parameter that is a sentence is said(gettext_noop(…)), not a lazy translation")
    if isinstance(value, dt.datetime):
        return moment(value)
    if isinstance(value, dt.date):
        return day(value)
    if isinstance(value, list | tuple):
        return listing(value)
    if isinstance(value, bool) or not isinstance(value, str | int | float | dict):
        raise TypeError(f"a notification's parameter is text, a number, a date or a sentence, not {type(value).__name__}")
    return value


@dataclass(frozen=True)
class Message:
    """What a notification says: its subject (a sentence) and the lines of its body."""

    subject: Sentence
    body: Sequence[Line] = ()

    def as_json(self) -> dict[str, Any]:
        return {"subject": self.subject, "body": list(self.body)}

    def in_source_language(self) -> tuple[str, str]:
        """The subject and the body in Chinese, as the row stores them and the e-mail says them."""
        with translation.override(settings.LANGUAGE_CODE):
            return word(self.subject), word_lines(self.body)


def in_source_language(value: Any) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return word(value)


def lines_in_source_language(lines: Iterable[Line]) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return word_lines(lines)


def word(value: Any) -> str:
    """A sentence or a parameter, in the active language."""
    worded = _param(value)
    return worded if isinstance(worded, str) else str(worded)


class Said(Protocol):
    """An error that says what it says as a msgid and parameters: ``MinutesError``, a work report's ``NotWorkReportError``."""

    msgid: str
    params: Mapping[str, object]
    line: int | None


def word_error(error: Said) -> str:
    """What the minutes library's ``error`` says (a reading error, a work report's), in the active language, with its
    line: for an error shown at once.

    An error that is kept and read later is kept as its sentence instead (``ImportFile.error_words``).
    """
    try:
        text = word({"msgid": error.msgid, "params": dict(error.params)})
    except (KeyError, TypeError, ValueError):
        return str(error)
    return gettext("第 %(line)s 行：%(text)s") % {"line": error.line, "text": text} if error.line is not None else text


def word_lines(lines: Iterable[Line]) -> str:
    return "\n".join(line if isinstance(line, str) else " " * int(line.get("indent", 0)) + word(line) for line in lines)


def _param(value: Any) -> Any:
    """A parameter as ``%`` takes it: numbers stay numbers (for ``%(count)d``), everything else is worded."""
    if not isinstance(value, Mapping):
        return value
    if "msgid" in value:
        msgid = value["msgid"]
        text = gettext(msgid)
        params = value.get("params")
        return text % {name: _param(v) for name, v in params.items()} if params else text
    if "date" in value:
        return long_date(dt.date.fromisoformat(value["date"]))
    if "moment" in value:
        local = timezone.localtime(dt.datetime.fromisoformat(value["moment"]))
        return f"{long_date(local)} {local:%H:%M}"
    if "choice" in value:
        return _choice_label(value["choice"], value["code"])
    if "list" in value:
        return gettext("、").join(word(v) for v in value["list"])
    raise ValueError(f"not a sentence nor a parameter: {sorted(value)}")


def _choice_label(path: str, code: str) -> str:
    app_label, model_name, field_name = path.split(".")
    try:
        field = apps.get_model(app_label, model_name)._meta.get_field(field_name)
    except (LookupError, FieldDoesNotExist):
        return code
    label = dict(field.flatchoices).get(code)
    # A plain Chinese label (the roles of a case) is a msgid; a lazy one is translated already.
    return gettext(str(label)) if label is not None else code


def worded(value: Any, stored: str) -> str:
    """``value`` (a sentence, or a body's lines) in the active language; ``stored``, the row's Chinese, without it.

    A row written before notifications kept their words has none; one whose words cannot be worded (a catalogue
    whose translation lost a placeholder) is read as stored rather than not at all.
    """
    if not value:
        return stored
    try:
        return word_lines(value) if isinstance(value, list) else word(value)
    except (KeyError, TypeError, ValueError, AttributeError):
        return stored

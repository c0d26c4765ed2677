"""Comparing two ``Minutes`` as the round-trip tests define "the same", with a readable diff on failure."""

from __future__ import annotations

import difflib
import json
from typing import Any

from lieguan.minutes.model import Minutes


def comparable(m: Minutes, *, spaces: bool = True) -> dict[str, Any]:
    """Minutes JSON without ``warnings``: those say what the parser guessed, not what the document says.

    ``spaces=False`` also drops the spaces inside texts: text wrapped at a fixed
    width loses the space at each line break, and no reader can tell it was there.
    """
    data = m.to_dict()
    del data["warnings"]
    return data if spaces else _without_spaces(data)


def _without_spaces(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace(" ", "")
    if isinstance(value, dict):
        return {k: _without_spaces(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_spaces(v) for v in value]
    return value


def assert_same_minutes(got: Minutes, want: Minutes, text: str, *, spaces: bool = True) -> None:
    a, b = comparable(got, spaces=spaces), comparable(want, spaces=spaces)
    if a == b:
        return
    diff = "\n".join(
        difflib.unified_diff(
            json.dumps(b, ensure_ascii=False, indent=1).splitlines(),
            json.dumps(a, ensure_ascii=False, indent=1).splitlines(),
            "generated",
            "parsed",
            lineterm="",
        )
    )
    raise AssertionError(f"parsed minutes differ from the generated ones\n{diff}\n--- text ---\n{text}")

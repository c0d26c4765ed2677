"""render(m, fmt) and FORMATS: every format, its media type and extension, and the JSON form."""

from __future__ import annotations

import json

import pytest

from lieguan.minutes.errors import MinutesError
from lieguan.minutes.model import Minutes
from lieguan.minutes.render import FORMATS, UnsupportedFormatError, format_for_filename, render, render_json
from tests.minutes.render_support import SAMPLE_JSON, no_django_settings, sample  # noqa: F401

MAGIC = {
    "pdf": b"%PDF-",
    "docx": b"PK\x03\x04",
    "odt": b"PK\x03\x04",
    "html": b"<!DOCTYPE html>",
    "json": b"{",
}


def test_formats_are_described() -> None:
    assert set(FORMATS) == {"txt", "html", "docx", "odt", "pdf", "json"}
    assert FORMATS["pdf"].media_type == "application/pdf"
    assert FORMATS["docx"].media_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert FORMATS["odt"].media_type == "application/vnd.oasis.opendocument.text"
    assert FORMATS["html"].media_type.startswith("text/html")
    assert FORMATS["txt"].media_type.startswith("text/plain")
    assert FORMATS["json"].media_type == "application/json"
    for name, fmt in FORMATS.items():
        assert fmt.name == name
        assert fmt.extension == f".{name}"
        assert fmt.label
    assert {n for n, f in FORMATS.items() if f.binary} == {"docx", "odt", "pdf"}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_render_every_format(fmt: str) -> None:
    data = render(sample(), fmt)
    assert isinstance(data, bytes)
    assert data.startswith(MAGIC.get(fmt, b""))
    if not FORMATS[fmt].binary:
        text = data.decode("utf-8")
        assert "臨海市政府第58次主任秘書會報紀錄" in text


def test_odt_carries_its_media_type() -> None:
    data = render(sample(), "odt")
    # The first entry of an ODF package is the uncompressed mimetype.
    assert data[30:38] == b"mimetype"
    assert b"application/vnd.oasis.opendocument.text" in data[:100]


def test_json_is_readable_and_round_trips() -> None:
    m = sample()
    data = render(m, "json")
    text = data.decode("utf-8")
    assert "臨海市政府" in text  # not \u-escaped
    assert text.startswith('{\n  "format": "lieguan.minutes/1"')
    assert Minutes.from_dict(json.loads(text)) == m
    assert json.loads(render_json(m)) == json.loads(SAMPLE_JSON.read_text(encoding="utf-8")) | {"format": "lieguan.minutes/1"}


def test_json_with_a_lone_surrogate_stays_valid() -> None:
    m = sample()
    m.title = "破損\ud800字元"
    data = render(m, "json")
    assert json.loads(data.decode("utf-8"))["title"] == "破損\ud800字元"


def test_unknown_format() -> None:
    with pytest.raises(UnsupportedFormatError, match="不支援的格式"):
        render(sample(), "rtf")
    assert issubclass(UnsupportedFormatError, MinutesError)
    assert issubclass(UnsupportedFormatError, ValueError)


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("紀錄.pdf", "pdf"), ("a.DOCX", "docx"), ("x.odt", "odt"), ("x.htm", "html"), ("x.json", "json"), ("x.txt", "txt")],
)
def test_format_for_filename(name: str, fmt: str) -> None:
    found = format_for_filename(name)
    assert found is not None
    assert found.name == fmt


def test_format_for_unknown_filename() -> None:
    assert format_for_filename("minutes.rtf") is None
    assert format_for_filename("pdf") is None

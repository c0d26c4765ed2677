"""Each uploaded file is parsed in a child process bounded in memory and time; what stops it is said plainly."""

from __future__ import annotations

import time

import pytest

from lieguan.meetings.importing import sandbox
from lieguan.meetings.importing.reading import read_document
from tests.meetings.import_support import CHIEF_83
from tests.reliability import bombs

pytestmark = pytest.mark.slow

NOT_DAMAGED = "並非檔案損壞"


def _heavy_docx() -> bytes:
    """A DOCX well inside the readers' unpacking caps (20 MB of XML) whose tree still takes hundreds of MB, and a minute."""
    paragraph = "<w:p><w:r><w:t>一、本案洽悉，請各機關依限辦理並回報辦理情形。</w:t></w:r></w:p>"
    return bombs.docx_with(("<w:document " + bombs._W + "><w:body>" + paragraph * 200_000 + "</w:body></w:document>").encode())


def test_the_child_reads_a_file_exactly_as_reading_it_here_would():
    data = CHIEF_83.read_bytes()
    child = sandbox.read_limited(data, CHIEF_83.name, seconds=60, memory_mb=1024)
    here = read_document(data, CHIEF_83.name)
    assert child.ok and child.minutes.to_dict() == here.minutes.to_dict() and child.digest == here.digest


def test_a_file_needing_more_memory_than_the_limit_is_refused_as_too_large_not_damaged():
    result = sandbox.read_limited(_heavy_docx(), "heavy.docx", seconds=60, memory_mb=150)
    assert not result.ok
    assert result.words == sandbox.too_large_for_memory(150)
    assert "150 MB" in result.error and NOT_DAMAGED in result.error and "已損壞" not in result.error


def test_a_file_taking_longer_than_the_limit_is_stopped_at_the_limit_with_a_plain_reason():
    started = time.monotonic()
    result = sandbox.read_limited(_heavy_docx(), "heavy.docx", seconds=2, memory_mb=2048)
    assert time.monotonic() - started < 10
    assert result.words == sandbox.too_slow(2)
    assert "2 秒" in result.error and NOT_DAMAGED in result.error


def test_a_damaged_file_is_still_called_damaged():
    result = sandbox.read_limited(b"PK\x03\x04" + b"\x00" * 200, "broken.docx", seconds=60, memory_mb=1024)
    assert "損壞" in result.error and NOT_DAMAGED not in result.error

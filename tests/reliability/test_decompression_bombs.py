"""Decompression bombs are refused quickly, in bounded memory, and called too large rather than damaged (issue 20, 3)."""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lieguan.minutes.readers import limits, read_bytes
from tests.reliability import bombs

GB = 1024 * 1024 * 1024
REFUSED = "解壓縮後過大"


@pytest.mark.parametrize(("make", "name"), [(bombs.docx_bomb, "bomb.docx"), (bombs.odt_bomb, "bomb.odt"), (bombs.pdf_bomb, "bomb.pdf")])
def test_a_small_file_that_unpacks_to_a_gigabyte_is_refused_as_too_large_not_damaged(make, name):
    data = make()
    assert len(data) < 5 * 1024 * 1024
    started = time.monotonic()
    with pytest.raises(limits.DocumentTooLargeError) as refused:
        read_bytes(data, name)
    assert time.monotonic() - started < 30
    assert REFUSED in refused.value.message
    assert "已損壞" not in refused.value.message


def test_the_same_document_small_enough_is_read_so_the_limit_is_what_refuses_the_bomb():
    assert read_bytes(bombs.docx_bomb(filler_mb=2), "small.docx").strip() == ""
    assert read_bytes(bombs.odt_bomb(filler_mb=2), "small.odt").strip() == ""


def test_xml_nested_deeper_than_any_document_is_refused_with_the_depth_named():
    body = b"<w:p><w:r><w:t>" + b"<w:x>" * 5000 + b"</w:x>" * 5000 + b"</w:t></w:r></w:p>"
    xml = b"<w:document " + bombs._W.encode() + b"><w:body>" + body + b"</w:body></w:document>"
    with pytest.raises(limits.DocumentTooLargeError, match="層次過深"):
        read_bytes(bombs.docx_with(xml), "deep.docx")


def test_one_run_of_text_longer_than_the_xml_parser_takes_is_refused_as_too_long_not_damaged():
    xml = b"<w:document " + bombs._W.encode() + b"><w:body><w:p><w:r><w:t>" + b" " * (16 * 1024 * 1024)
    xml += b"</w:t></w:r></w:p></w:body></w:document>"
    with pytest.raises(limits.DocumentTooLargeError, match="文字過長"):
        read_bytes(bombs.docx_with(xml), "long.docx")


def test_a_reader_that_runs_out_of_time_stops_with_a_plain_reason():
    deadline = limits.Deadline(seconds=-1)
    with pytest.raises(limits.DocumentTooLargeError, match="秒"):
        limits.check_zip(bombs.docx_bomb(filler_mb=2), deadline)


def test_lieguan_parse_refuses_the_docx_bomb_within_30_seconds_and_1_gb(tmp_path):
    path = tmp_path / "bomb.docx"
    path.write_bytes(bombs.docx_bomb())
    cli = Path(sys.executable).with_name("lieguan")
    started = time.monotonic()
    done = subprocess.run([str(cli), "parse", str(path)], capture_output=True, text=True, timeout=60)
    elapsed = time.monotonic() - started
    # ru_maxrss of children is the largest child so far, in KB on Linux: an upper bound for this one.
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    assert done.returncode != 0
    assert REFUSED in done.stderr and "已損壞" not in done.stderr
    assert elapsed < 30
    assert peak < GB, f"peak RSS {peak / 2**20:.0f} MB"


@pytest.mark.django_db
def test_the_web_import_marks_the_bomb_failed_as_too_large_not_damaged(demo_city):
    from django.contrib.auth import get_user_model

    from lieguan.meetings.actions import importing as imp
    from lieguan.meetings.models import ImportFile

    secretariat = get_user_model().objects.get(username="secretariat")
    batch = imp.do_start_import(secretariat, [("bomb.docx", bombs.docx_bomb()), ("bomb.odt", bombs.odt_bomb())])
    started = time.monotonic()
    while (waiting := imp.next_pending(batch)) is not None:
        imp.do_parse_import_file(secretariat, waiting)
    assert time.monotonic() - started < 30
    for row in batch.files.all():
        assert row.status == ImportFile.Status.FAILED
        assert REFUSED in row.error and "已損壞" not in row.error


@pytest.mark.django_db
def test_sniffing_the_type_of_an_upload_reads_no_more_than_a_line_of_its_mimetype():
    import tracemalloc

    from lieguan.meetings.actions.importing import check_import_upload

    data = bombs.mimetype_bomb()
    tracemalloc.start()
    try:
        _, refused = check_import_upload("bomb.odt", data)
        with pytest.raises(limits.DocumentTooLargeError):
            read_bytes(data, "bomb.odt")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert refused == ""  # an ODT by its type; the reader refuses it for its size
    assert peak < 64 * 1024 * 1024, f"peak {peak / 2**20:.0f} MB"

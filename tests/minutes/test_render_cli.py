"""``lieguan render``: files in, files out, and one clear line (exit 2) for any bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from lieguan.minutes.render.cli import render_main
from tests.minutes.render_support import SAMPLE_JSON, no_django_settings  # noqa: F401


def test_writes_each_format(tmp_path: Path) -> None:
    for fmt, magic in (("docx", b"PK"), ("odt", b"PK"), ("html", b"<!DOCTYPE"), ("json", b"{"), ("pdf", b"%PDF")):
        out = tmp_path / f"out.{fmt}"
        assert render_main([str(SAMPLE_JSON), "--format", fmt, "-o", str(out)]) == 0
        assert out.read_bytes().startswith(magic)


def test_format_from_the_output_name(tmp_path: Path) -> None:
    out = tmp_path / "第58次.odt"
    assert render_main([str(SAMPLE_JSON), "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"PK")


def test_text_formats_go_to_stdout(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert render_main([str(SAMPLE_JSON), "-f", "html"]) == 0
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert out.startswith("<!DOCTYPE html>")
    assert "臨海市政府第58次主任秘書會報紀錄" in out


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = render_main(argv)
    captured = capsys.readouterr()
    return status, captured.err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "找不到檔案"),
        (b"{not json", "不是有效的 JSON：第 1 行"),
        (b"\xff\xfe\x00", "不是 UTF-8"),
        (b"[1, 2]", "應為 JSON 物件"),
        (b'{"sections": 3}', "$.sections 應為陣列"),
        ('{"sections": [{"label": "壹", "kind": "nonsense"}]}'.encode(), "$.sections[0].kind"),
        (b'{"date": "2025-13-40"}', "$.date 應為 YYYY-MM-DD"),
        (b'{"chair": "x"}', "不是有效的 Minutes JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "JSON"),
    ],
)
def test_bad_input_is_one_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, message: str
) -> None:
    path = tmp_path / "in.json"
    if content is not None:
        path.write_bytes(content)
    status, err = _run([str(path), "-f", "pdf", "-o", str(tmp_path / "x.pdf")], capsys)
    assert status == 2
    assert message in err
    assert "Traceback" not in err
    assert err.startswith("lieguan render：")
    assert not (tmp_path / "x.pdf").exists()


def test_directory_as_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, err = _run([str(tmp_path), "-f", "pdf"], capsys)
    assert status == 2
    assert "目錄" in err


def test_unknown_format(capsys: pytest.CaptureFixture[str]) -> None:
    status, err = _run([str(SAMPLE_JSON), "--format", "rtf"], capsys)
    assert status == 2
    assert "rtf" in err
    assert "Traceback" not in err


def test_no_format_and_no_output(capsys: pytest.CaptureFixture[str]) -> None:
    status, err = _run([str(SAMPLE_JSON)], capsys)
    assert status == 2
    assert "--format" in err


def test_unknown_output_extension(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, err = _run([str(SAMPLE_JSON), "-o", str(tmp_path / "x.rtf")], capsys)
    assert status == 2
    assert "--format" in err


def test_missing_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    status, err = _run([], capsys)
    assert status == 2
    assert "參數錯誤" in err


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert render_main(["--help"]) == 0
    assert "lieguan render" in capsys.readouterr().out


def test_unwritable_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, err = _run([str(SAMPLE_JSON), "-f", "html", "-o", str(tmp_path / "no" / "such" / "dir.html")], capsys)
    assert status == 1
    assert "無法寫入" in err


def test_reads_stdin(monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    data = json.dumps({"title": "標準輸入的紀錄", "sections": []}).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert render_main(["-", "-f", "json"]) == 0
    assert "標準輸入的紀錄" in capsysbinary.readouterr().out.decode("utf-8")


def test_refuses_binary_to_a_terminal(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    status = render_main([str(SAMPLE_JSON), "-f", "pdf"])
    assert status == 2
    assert "-o" in capsys.readouterr().err


def test_as_a_program(tmp_path: Path) -> None:
    out = tmp_path / "sample.docx"
    done = subprocess.run(
        [sys.executable, "-m", "lieguan.minutes.render.cli", str(SAMPLE_JSON), "-o", str(out)],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert out.read_bytes().startswith(b"PK")
    bad = subprocess.run(
        [sys.executable, "-m", "lieguan.minutes.render.cli", str(tmp_path / "missing.json"), "-f", "pdf"],
        capture_output=True,
        check=False,
    )
    assert bad.returncode == 2
    assert b"Traceback" not in bad.stderr

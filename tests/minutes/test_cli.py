"""``lieguan parse FILE [--pretty]`` and ``python -m lieguan.minutes parse FILE``: JSON out, clear refusals, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lieguan.minutes.cli import parse_main
from lieguan.minutes.model import FORMAT
from tests.shared import REPO

FIXTURES = Path(__file__).parent / "fixtures"


def test_minutes_print_minutes_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert parse_main([str(FIXTURES / "city_council_weekly.txt")]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert (data["format"], data["kind"], data["session"]["number"]) == (FORMAT, "minutes", 1888)
    assert "市政會議" in out, "Chinese is printed as it is, not as \\u escapes"
    assert "\n " not in out.strip()


def test_pretty(capsys: pytest.CaptureFixture[str]) -> None:
    assert parse_main([str(FIXTURES / "council_sitting.txt"), "--pretty"]) == 0
    assert '\n  "kind": "minutes"' in capsys.readouterr().out


def test_a_document_that_is_not_minutes_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A work report is no longer refused (it prints as one, tests/minutes/test_work_report.py): a letter is.
    (tmp_path / "letter.txt").write_text("北辰市政府秘書處 函\n\n主旨：檢送會議室借用須知 1 份，請查照。\n", encoding="utf-8")
    assert parse_main([str(tmp_path / "letter.txt")]) == 2
    captured = capsys.readouterr()
    assert "不是會議紀錄" in captured.err
    assert json.loads(captured.out)["kind"] == "other"


def test_an_unreadable_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    assert parse_main([str(tmp_path / "scan.png")]) == 2
    captured = capsys.readouterr()
    assert "OCR" in captured.err and captured.out == ""


def test_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert parse_main([str(tmp_path / "none.txt")]) == 2
    assert "找不到檔案" in capsys.readouterr().err


def test_an_internal_error_is_one_line_not_a_traceback(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def broken(path: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("lieguan.minutes.cli.parse_file", broken)
    assert parse_main([str(FIXTURES / "council_sitting.txt")]) == 70
    err = capsys.readouterr().err
    assert "內部錯誤" in err and "Traceback" not in err


def test_module_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "lieguan.minutes", "parse", str(FIXTURES / "planning_committee.txt")],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["organisation"] == "南嶺市都市計畫委員會"


def test_module_entry_point_without_a_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "lieguan.minutes"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert result.returncode == 2 and "用法" in result.stderr and "Traceback" not in result.stderr

"""`lieguan indicators`: import a file, run the rules, list the alerts; bad input is a message and exit status 1."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lieguan.cli import main
from lieguan.indicators.models import IndicatorValue
from tests.indicators.conftest import csv_bytes

pytestmark = pytest.mark.django_db


def test_importing_a_file_then_listing_alerts_as_json_names_agency_indicator_rule_and_months(register, tmp_path, capsys):
    path = tmp_path / "月報.csv"
    path.write_bytes(csv_bytes(("資訊局", "門禁管理缺失", "115/01", "1"), ("資訊局", "門禁管理缺失", "115/02", "3")))
    call_command("indicators", "import", str(path))
    call_command("indicators", "alerts", "--json")
    out = capsys.readouterr().out
    listed = json.loads(out[out.index("[") :])
    assert [(a["agency"], a["indicator"], a["rule"], a["months"]) for a in listed] == [
        ("資訊局", "門禁管理缺失", "同樣缺失連續 2 個月", ["2026-01", "2026-02"])
    ]


def test_a_bad_file_names_the_row_and_imports_nothing(register, tmp_path, capsys):
    path = tmp_path / "月報.csv"
    path.write_bytes(csv_bytes(("資訊局", "門禁管理缺失", "115/01", "1"), ("資訊局", "門禁管理缺失", "115/13", "3")))
    with pytest.raises(CommandError, match="整份檔案未匯入"):
        call_command("indicators", "import", str(path))
    assert "第 3 列「年月」欄" in capsys.readouterr().err
    assert not IndicatorValue.objects.exists()


def test_the_lieguan_command_exits_with_status_1_and_no_traceback_on_a_missing_file(register, tmp_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["indicators", "import", str(tmp_path / "沒有這個檔.csv")])
    assert stopped.value.code == 1
    err = capsys.readouterr().err
    assert "無法讀取" in err and "Traceback" not in err


def test_the_command_is_listed_in_lieguan_help(capsys):
    main(["--help"])
    assert "indicators" in capsys.readouterr().out

"""The example in docs/api.md runs as written: the documentation of the API cannot rot unnoticed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lieguan.api.schema import current_schema

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"
MARKER = "<!-- docs-script: report_progress.py"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Earlier tests' requests (schemathesis makes thousands) must not count against this test's."""
    from django.core.cache import cache

    cache.clear()


def python_script() -> str:
    text = DOC.read_text(encoding="utf-8")
    after = text.split(MARKER, 1)[1]
    match = re.search(r"```python\n(.*?)```", after, re.DOTALL)
    assert match, "docs/api.md lost its Python example"
    return match.group(1)


def run_script(live_server, token: str, **env: str) -> subprocess.CompletedProcess[str]:
    # -I -S: no site-packages, so the script must need nothing but the standard library.
    return subprocess.run(
        [sys.executable, "-I", "-S", "-c", python_script()],
        env={"PATH": os.environ.get("PATH", ""), "LIEGUAN_URL": live_server.url, "LIEGUAN_TOKEN": token, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def liaison_token(transactional_db):
    from django.contrib.auth import get_user_model

    from lieguan.api.actions import do_create_token
    from tests.demo_snapshot import load_demo_for_test

    load_demo_for_test()
    liaison = get_user_model().objects.get(username="liaison")
    return liaison, do_create_token(liaison, name="文件範例")[1]


@pytest.mark.django_db(transaction=True)
def test_the_python_example_lists_the_agencys_open_cases_and_reports_progress(live_server, liaison_token):
    from lieguan.tracking.models import ProgressReport

    liaison, token = liaison_token
    result = run_script(live_server, token, LIEGUAN_CASE="C115-001")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "資訊局列管中的案件：2 件"
    assert any(line.strip().startswith("C115-001　市府資訊預算執行明細") for line in lines)
    assert lines[-1].startswith("已填報 C115-001（資訊局）")
    report = ProgressReport.objects.get(submitted_by=liaison, assignment__case__number="C115-001")
    assert report.text == "已完成各校網路頻寬盤點，擴充規格研擬中。" and report.proposal == "continue"


@pytest.mark.django_db(transaction=True)
def test_the_python_example_explains_a_refusal_instead_of_a_traceback(live_server, liaison_token):
    result = run_script(live_server, "lg_not-a-real-token")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "失敗（401）：未通過身分驗證" in result.stderr


def test_every_path_the_documentation_calls_exists_in_the_schema():
    text = DOC.read_text(encoding="utf-8")
    operations = {(method.upper(), re.sub(r"\{[^}]+\}", "{}", path)) for path, item in current_schema()["paths"].items() for method in item}
    called = set()
    for block in re.findall(r"```sh\n(.*?)```", text, re.DOTALL):
        for command in block.replace("\\\n", " ").splitlines():
            url = re.search(r"/api/v1(/[^\s\"'?]*)", command)
            if url:
                method = "POST" if " -d " in command else "GET"
                called.add((method, "/api/v1" + re.sub(r"/\d+(?=/|$)", "/{}", url.group(1))))
    assert called == {
        ("GET", "/api/v1/organisations"),
        ("GET", "/api/v1/cases"),
        ("POST", "/api/v1/assignments/{}/progress-reports"),
    }
    assert called <= operations
    for path in re.findall(r"`(?:GET|POST) (?:/api/v1)?(/[a-z/{}-]+)", text):
        assert any(p == "/api/v1" + re.sub(r"\{[^}]+\}", "{}", path) for _, p in operations), path

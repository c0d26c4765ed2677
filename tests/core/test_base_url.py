"""LIEGUAN_BASE_URL: the one public address for links sent away from a request."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from lieguan.conf.env import ConfigError, env_base_url


def test_the_base_url_defaults_to_the_embedded_server_and_loses_its_trailing_slash():
    assert env_base_url("LIEGUAN_BASE_URL", "http://127.0.0.1:8000", {}) == "http://127.0.0.1:8000"
    given = {"LIEGUAN_BASE_URL": "https://lieguan.linhai.gov.tw:8443/"}
    assert env_base_url("LIEGUAN_BASE_URL", "http://127.0.0.1:8000", given) == "https://lieguan.linhai.gov.tw:8443"
    with_path = {"LIEGUAN_BASE_URL": "https://city.example/lieguan/"}
    assert env_base_url("LIEGUAN_BASE_URL", "", with_path) == "https://city.example/lieguan"


@pytest.mark.parametrize(
    "value",
    ["lieguan.linhai.gov.tw", "ftp://files.example", "https://", "http://host:port", "https://x.example/?a=1", "https://u:p@x.example"],
)
def test_a_malformed_base_url_is_refused_with_the_variable_named(value):
    with pytest.raises(ConfigError, match="LIEGUAN_BASE_URL"):
        env_base_url("LIEGUAN_BASE_URL", "http://127.0.0.1:8000", {"LIEGUAN_BASE_URL": value})


def test_the_application_refuses_to_start_on_a_malformed_base_url(tmp_path):
    env = {**os.environ, "LIEGUAN_BASE_URL": "lieguan.linhai.gov.tw", "LIEGUAN_DATA_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "lieguan.cli", "manage", "check"], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "LIEGUAN_BASE_URL" in result.stderr and "absolute http:// or https://" in result.stderr
    assert "Traceback" not in result.stderr


def test_meeting_notice_links_and_calendar_feeds_use_the_base_url_not_the_request_host(client, settings, demo_city):
    from django.contrib.auth import get_user_model

    from lieguan.meetings.views.meeting import base_url

    settings.LIEGUAN_BASE_URL = "https://lieguan.linhai.gov.tw"
    request = client.get("/").wsgi_request
    assert base_url(request) == "https://lieguan.linhai.gov.tw"
    liaison = get_user_model().objects.get(username="liaison")
    client.force_login(liaison)
    page = client.post("/api/calendars/").content.decode()
    assert "https://lieguan.linhai.gov.tw/calendars/" in page
    assert "http://testserver/calendars/" not in page

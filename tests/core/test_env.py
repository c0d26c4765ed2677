from __future__ import annotations

from pathlib import Path

import pytest

from lieguan.conf.env import ConfigError, email_url, env_bool, env_int, env_list, secret_key


def test_a_missing_variable_takes_its_default():
    assert env_bool("X", True, {}) is True
    assert env_int("X", 5, {}) == 5
    assert env_list("X", ["a"], {"X": "  "}) == ["a"]


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("yes", True), ("ON", True), ("0", False), ("off", False)])
def test_yes_no_values_are_read_in_every_usual_spelling(raw, expected):
    assert env_bool("X", not expected, {"X": raw}) is expected


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: env_bool("LIEGUAN_DEBUG", False, {"LIEGUAN_DEBUG": "maybe"}), "LIEGUAN_DEBUG='maybe' is not a yes/no value"),
        (lambda: env_int("PORT", 1, {"PORT": "eighty"}), "PORT='eighty' is not a whole number"),
        (lambda: env_int("N", 10, {"N": "2"}, minimum=5), "below the minimum of 5"),
        (lambda: env_list("ALLOWED_HOSTS", [], {"ALLOWED_HOSTS": ",,"}), "holds no items"),
        (lambda: email_url("EMAIL_URL", "", {"EMAIL_URL": "carrier-pigeon://x"}), "unknown scheme"),
        (lambda: email_url("EMAIL_URL", "", {"EMAIL_URL": "smtp://:25"}), "names no mail server host"),
        (lambda: email_url("EMAIL_URL", "", {"EMAIL_URL": "smtp://host:port"}), "malformed port"),
        (lambda: secret_key("SECRET_KEY", Path("/nonexistent"), {"SECRET_KEY": "short"}), "too short"),
    ],
)
def test_a_malformed_variable_fails_loudly_naming_it(call, message):
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace("[", r"\[")):
        call()


def test_email_url_reads_smtp_with_credentials_and_tls():
    config = email_url("EMAIL_URL", "", {"EMAIL_URL": "smtp://mailer:s%40cret@mail.example.gov.tw:587?tls=1&from=lieguan@example.gov.tw"})
    assert (config.host, config.port, config.user, config.password) == ("mail.example.gov.tw", 587, "mailer", "s@cret")
    assert config.use_tls and not config.use_ssl
    assert config.default_from == "lieguan@example.gov.tw"
    assert config.backend.endswith("smtp.EmailBackend")


def test_without_a_secret_key_one_is_generated_once_and_kept_private(tmp_path):
    first = secret_key("SECRET_KEY", tmp_path, {})
    assert len(first) >= 50
    assert secret_key("SECRET_KEY", tmp_path, {}) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_the_application_refuses_to_start_on_a_malformed_database_url(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "DATABASE_URL": "mysql://nobody@nowhere/db", "LIEGUAN_DATA_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "lieguan.cli", "manage", "check"], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr and "unsupported database" in result.stderr
    assert "Traceback" not in result.stderr

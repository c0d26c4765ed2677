"""`lieguan` speaks the terminal's language: LIEGUAN_LANGUAGE, else the locale; the site's own (Chinese) otherwise."""

from __future__ import annotations

import pytest

from lieguan.cli import main, terminal_language

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({}, None),
        ({"LANG": "C.UTF-8"}, None),
        ({"LANG": "POSIX"}, None),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "zh_TW.UTF-8"}, "zh-hant"),
        ({"LANGUAGE": "en_GB:zh_TW", "LANG": "zh_TW.UTF-8"}, "en"),
        # gettext reads LC_ALL before LANG, and C there means no translation: the site's own language.
        ({"LC_ALL": "C", "LANG": "en_US.UTF-8"}, None),
        ({"LC_ALL": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}, "en"),
        ({"LIEGUAN_LANGUAGE": "zh-hant", "LANG": "en_US.UTF-8"}, "zh-hant"),
        ({"LIEGUAN_LANGUAGE": "EN"}, "en"),
        # An unknown value in our own variable is not guessed past: the site's language, not the locale's.
        ({"LIEGUAN_LANGUAGE": "fr", "LANG": "en_US.UTF-8"}, None),
    ],
)
def test_the_terminal_language_comes_from_our_variable_then_the_locale(environ, language):
    assert terminal_language(environ) == language


def _missing_file_error(tmp_path, capsys) -> str:
    with pytest.raises(SystemExit) as stopped:
        main(["indicators", "import", str(tmp_path / "missing.csv")])
    assert stopped.value.code == 1
    return capsys.readouterr().err


def test_an_english_terminal_reads_the_commands_errors_in_english(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LIEGUAN_LANGUAGE", "en")
    err = _missing_file_error(tmp_path, capsys)
    assert "Cannot read" in err and "無法讀取" not in err


def test_a_terminal_without_a_language_reads_them_in_chinese(tmp_path, capsys, monkeypatch):
    for name in ("LIEGUAN_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    err = _missing_file_error(tmp_path, capsys)
    assert "無法讀取" in err and "Cannot read" not in err

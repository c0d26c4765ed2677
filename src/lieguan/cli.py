"""The ``lieguan`` command: a thin front over Django management commands.

``parse`` and ``render`` work on files alone and run without Django or a
database; every other command is a management command of one of our apps.
"""

from __future__ import annotations

import os
import sys

# The commands we offer, in the order `lieguan --help` lists them; `manage` passes anything to Django.
COMMANDS: dict[str, str] = {
    "serve": "啟動網站服務 / serve the web application",
    "setup": "建立或更新資料庫並準備靜態檔案 / create or update the database",
    "worker": "執行背景工作（serve 已內含一個）/ run background tasks (serve starts one)",
    "demo": "載入示範城市與示範帳號 / load the demo city and its accounts",
    "parse": "將會議紀錄檔案轉為 Minutes JSON / read a minutes file into Minutes JSON",
    "render": "將 Minutes JSON 輸出為正式格式 / write Minutes JSON as TXT, HTML, DOCX, ODT or PDF",
    "import": "匯入歷年會議紀錄 / import minutes files into the system",
    "export": "匯出會議紀錄 / export the minutes of meetings",
    "cases": "列出列管案件 / list tracked cases",
    "remind": "寄送列管案件稽催通知 / send reminder digests for due and overdue cases",
    "indicators": "機關月報指標：匯入數值、執行警示規則、列出警示 / monthly indicators: import, evaluate, alerts",
    "search": "全文檢索 / search minutes, conclusions, cases and reports",
    "audit": "驗證稽核紀錄 / verify the audit trail",
    "backup": "備份資料庫與附件 / back up the database and attachments",
    "restore": "由備份還原 / restore from a backup",
    "manage": "執行任何 Django 管理指令 / run any Django management command",
}


def _help() -> str:
    width = max(len(name) for name in COMMANDS)
    lines = [
        "用法 / usage: lieguan COMMAND [options]",
        "",
        "列管：會議與決議追蹤系統 / Lieguan: meetings and the follow-up of their decisions",
        "",
        "指令 / commands:",
    ]
    lines += [f"  {name.ljust(width)}  {text}" for name, text in COMMANDS.items()]
    lines += ["", "每個指令皆可加上 --help 查看說明 / add --help to any command for its options."]
    return "\n".join(lines)


# The languages of the interface (settings.LANGUAGES), by the prefix a locale name starts with.
_LOCALES = {"zh": "zh-hant", "en": "en"}


def terminal_language(environ: dict[str, str] | os._Environ[str] = os.environ) -> str | None:
    """The language the person at the terminal reads, or None for the site's own (Traditional Chinese).

    ``LIEGUAN_LANGUAGE`` (``en`` or ``zh-hant``) says it outright; otherwise the locale does, as gettext reads it
    (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``), when it names English or Chinese. ``C`` and ``POSIX``,
    a server's usual locale, name no language.
    """
    for name in ("LIEGUAN_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "").split(":")[0].strip().lower()
        if not value:
            continue
        language = _LOCALES.get(value.replace("-", "_").split("_")[0].split(".")[0])
        if language is not None or name == "LIEGUAN_LANGUAGE":
            return language
        # A locale that names no language of ours (C.UTF-8, fr_FR) leaves the choice to the next variable: gettext
        # would read LC_ALL before LANG, and a C there means "no translation", which is the site's own language.
        if value.split(".")[0] in ("c", "posix"):
            return None
    return None


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help", "help"):
        print(_help())
        return 0
    command, rest = args[0], args[1:]
    if command == "parse":
        from lieguan.minutes.cli import parse_main

        return parse_main(rest)
    if command == "render":
        from lieguan.minutes.render.cli import render_main

        return render_main(rest)
    if command not in COMMANDS:
        print(f"lieguan: 沒有「{command}」這個指令 / unknown command {command!r}\n", file=sys.stderr)
        print(_help(), file=sys.stderr)
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lieguan.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    django_args = rest if command == "manage" else [command, *rest]
    try:
        _speak(terminal_language())
        execute_from_command_line(["lieguan", *django_args])
    except ImproperlyConfigured as error:
        print(f"lieguan: {error}", file=sys.stderr)
        return 2
    return 0


def _speak(language: str | None) -> None:
    """Commands print, and their --help reads, in the terminal's language; the web pages choose per request."""
    if language is None:
        return
    import django
    from django.utils import translation

    django.setup()
    translation.activate(language)


if __name__ == "__main__":
    sys.exit(main())

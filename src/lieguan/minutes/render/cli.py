"""``lieguan render FILE.json --format pdf [-o OUT]``: Minutes JSON to an official document.

Bad input — a missing file, text that is not JSON, JSON that is not Minutes
JSON, an unknown format — is reported in one line on stderr with exit status
2, never as a traceback; a file that cannot be written gives status 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import NoReturn

from lieguan.minutes.errors import MinutesError
from lieguan.minutes.model import Minutes
from lieguan.minutes.render import FORMATS, format_for_filename, render

EXIT_OK = 0
EXIT_WRITE_FAILED = 1
EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in Chinese and lets render_main return the status."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        raise _Usage(f"{self.prog}：參數錯誤：{message}")


class _Usage(Exception):
    pass


def _parser() -> _Parser:
    p = _Parser(
        prog="lieguan render",
        description="將 Minutes JSON 轉為正式會議紀錄（純文字、HTML、DOCX、ODT、PDF 或 JSON）。",
    )
    p.add_argument("file", metavar="FILE.json", help="Minutes JSON 檔；「-」表示標準輸入")
    p.add_argument(
        "-f",
        "--format",
        choices=sorted(FORMATS),
        help="輸出格式；省略時依 -o 的副檔名判斷",
    )
    p.add_argument("-o", "--output", metavar="OUT", help="輸出檔；省略或「-」表示標準輸出")
    return p


def _fail(message: str, status: int = EXIT_BAD_INPUT) -> int:
    sys.stderr.write(f"lieguan render：{message}\n")
    return status


def _read(source: str) -> Minutes:
    """Read and check the Minutes JSON; raise MinutesError with a message for the user."""
    try:
        raw = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except FileNotFoundError:
        raise MinutesError(f"找不到檔案 {source}") from None
    except IsADirectoryError:
        raise MinutesError(f"{source} 是目錄，不是檔案") from None
    except OSError as exc:
        raise MinutesError(f"無法讀取 {source}：{exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MinutesError(f"{source} 不是 UTF-8 編碼的文字（第 {exc.start} 位元組）") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MinutesError(f"{source} 不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 欄，{exc.msg}") from None
    except RecursionError:
        raise MinutesError(f"{source} 的 JSON 巢狀過深") from None
    if not isinstance(data, dict):
        raise MinutesError(f"{source} 的內容應為 JSON 物件（{{…}}），而非 {type(data).__name__}")
    try:
        return Minutes.from_dict(data)
    except MinutesError as exc:
        raise MinutesError(f"{source} 不是有效的 Minutes JSON：{exc}") from None
    except (TypeError, ValueError, KeyError, AttributeError, RecursionError) as exc:
        # from_dict should report everything as InvalidMinutesJSON; this is the safety net.
        raise MinutesError(f"{source} 不是有效的 Minutes JSON：{exc}") from None


def render_main(argv: list[str]) -> int:
    """Run ``lieguan render`` with the arguments after ``render``; return the exit status."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except _Usage as exc:
        return _fail(str(exc).removeprefix("lieguan render："))
    except SystemExit as exc:  # --help
        return exc.code if isinstance(exc.code, int) else EXIT_OK

    output: str | None = args.output if args.output not in (None, "-") else None
    fmt_name: str | None = args.format
    if fmt_name is None:
        guessed = format_for_filename(output) if output else None
        if guessed is None:
            return _fail("請以 --format 指定輸出格式（" + "、".join(sorted(FORMATS)) + "）")
        fmt_name = guessed.name
    fmt = FORMATS[fmt_name]
    if output is None and fmt.binary and sys.stdout.isatty():
        return _fail(f"{fmt.name} 是二進位格式，請以 -o 指定輸出檔")

    try:
        minutes = _read(args.file)
    except MinutesError as exc:
        return _fail(str(exc))
    try:
        data = render(minutes, fmt.name)
    except MinutesError as exc:
        return _fail(str(exc))

    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return EXIT_OK
    try:
        Path(output).write_bytes(data)
    except OSError as exc:
        return _fail(f"無法寫入 {output}：{exc.strerror or exc}", EXIT_WRITE_FAILED)
    return EXIT_OK


def main() -> int:
    return render_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())

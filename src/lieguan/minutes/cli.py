"""``lieguan parse FILE [--pretty] [--kind auto|minutes|work-report]``: print the Minutes JSON of a minutes document.

Exit status 0 with Minutes JSON on stdout; 2 with a message on stderr when the
document is not minutes (stdout then carries ``{"kind": "other", …}``) or the
file cannot be read. Never a traceback: an unexpected failure is reported in
one line with exit status 70 (EX_SOFTWARE).

A work report (工作報告) read by the default ``--kind auto`` keeps ``"kind":
"other"`` as Minutes JSON defines it for what is not minutes, and names itself
in ``"document": "work_report"``. ``--kind work-report`` asks for a work report
alone and prints it with ``"kind": "work_report"``, for readers of work reports
rather than of minutes; anything else is refused with status 2.
"""

from __future__ import annotations

import argparse
import json
import sys

from lieguan.minutes.errors import NotMinutesError, ParseError
from lieguan.minutes.model import FORMAT
from lieguan.minutes.parser import parse_file

EXIT_REFUSED = 2
EXIT_INTERNAL = 70


def _arguments(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="lieguan parse", description="把會議紀錄文件（TXT、MD、DOCX、ODT、PDF）轉成 Minutes JSON")
    ap.add_argument("file", help="會議紀錄檔案")
    ap.add_argument("--pretty", action="store_true", help="縮排輸出，方便閱讀")
    ap.add_argument(
        "--kind",
        choices=["auto", "minutes", "work-report"],
        default="auto",
        help=(
            "auto：會議紀錄或工作報告（預設，工作報告的 kind 為 other）；minutes：只讀會議紀錄，其他文件一律拒絕；"
            'work-report：只讀工作報告，輸出 "kind": "work_report"'
        ),
    )
    return ap.parse_args(argv)


def _dump(data: object, pretty: bool) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2 if pretty else None)


def main(argv: list[str]) -> int:
    """``python -m lieguan.minutes COMMAND …``: the one command is ``parse``."""
    if not argv or argv[0] != "parse":
        print("用法：python -m lieguan.minutes parse FILE [--pretty]", file=sys.stderr)
        return EXIT_REFUSED
    return parse_main(argv[1:])


def parse_main(argv: list[str]) -> int:
    """Run ``lieguan parse`` with the arguments after the command name; return the exit status."""
    args = _arguments(argv)
    if args.kind == "work-report":
        return _work_report_only(args)
    try:
        minutes = parse_file(args.file)
    except NotMinutesError as exc:
        if args.kind == "auto" and (status := _work_report(args)) is not None:
            return status
        print(f"{args.file}：{exc}", file=sys.stderr)
        print(_dump({"format": FORMAT, "kind": "other", "warnings": [str(exc)]}, args.pretty))
        return EXIT_REFUSED
    except ParseError as exc:
        print(f"{args.file}：{exc}", file=sys.stderr)
        return EXIT_REFUSED
    except Exception as exc:  # the last line of defence: a bug must not show users a traceback
        print(f"{args.file}：解析時發生內部錯誤（{type(exc).__name__}），請回報此檔案", file=sys.stderr)
        return EXIT_INTERNAL
    print(_dump(minutes.to_dict(), args.pretty))
    return 0


def _work_report(args: argparse.Namespace) -> int | None:
    """Print the document as a work report (工作報告) if it is one; ``None`` leaves the refusal standing."""
    from lieguan.minutes.readers import read_path
    from lieguan.minutes.workreport import looks_like_work_report, parse_work_report

    try:
        # A work report's tables are read a row to a line, as the work report parser reads tables.
        text = read_path(args.file, table_rows=True)
        if not looks_like_work_report(text):
            return None
        report = parse_work_report(text)
    except Exception as exc:  # as for minutes: a bug must not show users a traceback
        print(f"{args.file}：解析工作報告時發生內部錯誤（{type(exc).__name__}），請回報此檔案", file=sys.stderr)
        return EXIT_INTERNAL
    print(_dump(report.to_dict(), args.pretty))
    return 0


def _work_report_only(args: argparse.Namespace) -> int:
    """``--kind work-report``: the document as a work report with ``"kind": "work_report"``, or a refusal."""
    from lieguan.minutes.readers import read_path
    from lieguan.minutes.workreport import KIND, NotWorkReportError, parse_work_report

    try:
        report = parse_work_report(read_path(args.file, table_rows=True))
    except (ParseError, NotWorkReportError) as exc:
        print(f"{args.file}：{exc}", file=sys.stderr)
        return EXIT_REFUSED
    except Exception as exc:  # as for minutes: a bug must not show users a traceback
        print(f"{args.file}：解析工作報告時發生內部錯誤（{type(exc).__name__}），請回報此檔案", file=sys.stderr)
        return EXIT_INTERNAL
    print(_dump(report.to_dict(kind=KIND), args.pretty))
    return 0

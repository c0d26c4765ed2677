"""Reading an uploaded file in a child process bounded in time and memory, so that a hostile file costs only that child.

The readers already refuse what would unpack too far (``minutes.readers.limits``),
but a file can stay under those caps and still make python-docx, odfpy or
pdfminer build a tree of gigabytes, or loop for minutes. The background worker
therefore never parses in its own process: it runs this module as a child with
an address-space limit (``RLIMIT_AS``), a CPU limit and a wall-clock timeout,
and turns whatever stopped the child into a plain reason — too large or too
complex, not damaged. The child imports no Django: it reads bytes on stdin and
writes the ``ReadResult`` as JSON on stdout.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import subprocess
import sys
from typing import Any

from lieguan.meetings.importing.reading import ReadResult, Sentence, said
from lieguan.minutes.errors import gettext_noop

logger = logging.getLogger(__name__)

# The child says it ran out of memory with this exit status (Python's own is 1, as for any error).
_OUT_OF_MEMORY = 3
# The child's last line on stderr: the most memory it held, for the log and for the tests that bound it.
_PEAK = "lieguan-peak-rss-kb:"


# Said by the worker when the child gave no answer; like the child's own reasons, worded in the reader's language when read.
def too_large_for_memory(memory_mb: int) -> Sentence:
    return said(
        gettext_noop(
            "檔案過大或過於複雜，解析所需記憶體超過 %(memory)s MB 的上限，系統已停止解析；並非檔案損壞。"
            "請將檔案分成較小的檔案，或轉存為純文字後再匯入。"
        ),
        memory=memory_mb,
    )


def too_slow(seconds: float) -> Sentence:
    return said(
        gettext_noop(
            "檔案過大或過於複雜，解析超過 %(seconds)s 秒的上限仍未完成，系統已停止解析；並非檔案損壞。"
            "請將檔案分成較小的檔案，或轉存為純文字後再匯入。"
        ),
        seconds=f"{seconds:g}",
    )


def crashed(code: int) -> Sentence:
    return said(gettext_noop("解析程式意外結束（代碼 %(code)s），此檔案未解析；請將此檔案回報系統管理者。"), code=code)


def read_limited(data: bytes, name: str, *, seconds: float, memory_mb: int) -> ReadResult:
    """``read_document(data, name)`` run in a child process that may use ``memory_mb`` of memory and ``seconds`` of time.

    The time counts from the child's start: importing the readers takes well under a second.
    """
    command = [
        sys.executable,
        "-m",
        "lieguan.meetings.importing.sandbox",
        "--name",
        name,
        "--memory-mb",
        str(memory_mb),
        "--seconds",
        str(seconds),
        "--parent",
        str(os.getpid()),
    ]
    try:
        done = subprocess.run(command, input=data, capture_output=True, timeout=seconds, check=False)
    except subprocess.TimeoutExpired:
        # subprocess.run has killed the child already.
        return ReadResult(name, words=too_slow(seconds))
    stderr = done.stderr.decode("utf-8", "replace")
    peak = _peak_from(stderr)
    logger.info("read %s in a bounded child: exit %s, peak %d MB", name, done.returncode, peak // 1024)
    if done.returncode == 0:
        try:
            result = _result_from_json(json.loads(done.stdout))
        except (ValueError, KeyError, TypeError):
            logger.exception("the parsing child of %s answered what is not a result", name)
            return ReadResult(name, words=crashed(done.returncode), peak_kb=peak)
        result.peak_kb = peak
        return result
    if done.returncode == _OUT_OF_MEMORY or "MemoryError" in stderr or "Cannot allocate memory" in stderr:
        return ReadResult(name, words=too_large_for_memory(memory_mb), peak_kb=peak)
    if done.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        return ReadResult(name, words=too_slow(seconds))
    logger.error("the parsing child of %s stopped with %s: %s", name, done.returncode, stderr[-2000:])
    return ReadResult(name, words=crashed(done.returncode), peak_kb=peak)


def _peak_from(stderr: str) -> int:
    for line in reversed(stderr.splitlines()):
        if line.startswith(_PEAK):
            try:
                return int(line[len(_PEAK) :])
            except ValueError:
                return 0
    return 0


def _result_to_json(result: ReadResult) -> dict[str, Any]:
    return {
        "name": result.name,
        "digest": result.digest,
        "minutes": result.minutes.to_dict() if result.minutes is not None else None,
        "words": result.words,
        "warning_words": result.warning_words,
        "line": result.line,
        "not_minutes": result.not_minutes,
    }


def _result_from_json(payload: dict[str, Any]) -> ReadResult:
    from lieguan.minutes import Minutes

    minutes = Minutes.from_dict(payload["minutes"]) if payload["minutes"] is not None else None
    return ReadResult(
        payload["name"],
        digest=payload["digest"],
        minutes=minutes,
        words=payload["words"],
        warning_words=payload.get("warning_words") or [],
        line=payload["line"],
        not_minutes=payload["not_minutes"],
    )


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this child when the worker that started it dies, so that no parse outlives its worker."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the worker died before the request above took effect
        os._exit(1)


def _limit(memory_mb: int, seconds: float) -> None:
    import math
    import resource

    size = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (size, size))
    cpu = max(1, math.ceil(seconds))
    # SIGXCPU at the soft limit, SIGKILL a second later should the child catch the first.
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))


def _status_kb(field: str) -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _peak_mb() -> float:
    """The most address space this process has held (what ``RLIMIT_AS`` limits), in MB."""
    return _status_kb("VmPeak:") / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="lieguan.meetings.importing.sandbox")
    parser.add_argument("--name", required=True)
    parser.add_argument("--memory-mb", type=int, required=True)
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--parent", type=int, required=True)
    options = parser.parse_args(argv)
    _die_with_parent(options.parent)
    _limit(options.memory_mb, options.seconds)
    try:
        return _read(options)
    finally:
        sys.stderr.write(f"\n{_PEAK}{_status_kb('VmHWM:')}\n")


def _read(options: argparse.Namespace) -> int:
    try:
        from lieguan.meetings.importing.reading import read_document

        data = sys.stdin.buffer.read()
        result = read_document(data, options.name)
        payload = json.dumps(_result_to_json(result), ensure_ascii=False)
    except MemoryError:
        return _OUT_OF_MEMORY
    # The readers report any error of a damaged file by its type, and lxml reports a failed allocation
    # as a syntax error: a failure after the child came near its limit is out of memory, not damage.
    if "（MemoryError）" in result.error or (not result.ok and _peak_mb() > options.memory_mb / 2):
        return _OUT_OF_MEMORY
    sys.stdout.write(payload)
    return 0


if __name__ == "__main__":
    sys.exit(main())

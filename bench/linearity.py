"""The parser's time grows linearly with its input: 0.5 MB against 5 MB, for a real meeting and pathological texts.

Each input of tests/minutes/large_inputs.py (a real meeting repeated; one 5 MB line; a million `(一)`
labels; endless case lists; …) is parsed at 0.5 MB (best of three) and at 5 MB (once), in CPU seconds of
this process (`time.process_time`), so that other jobs on a shared machine stretch neither timing. Ten times
the input may take ten times as long, and some more for the noise; a quadratic step would take a hundred
times as long. Exits 1 when any ratio reaches the bound. This was a test in tests/minutes/test_fuzz.py;
timing is no test's business on a shared CI machine, and it took half a minute of every run.

    .venv/bin/python bench/linearity.py [--only one_line,unique_cases] [--bound 30]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "src"), str(REPO)]

from tests.minutes.large_inputs import MAKERS  # noqa: E402

from lieguan.minutes.errors import ParseError  # noqa: E402
from lieguan.minutes.parser import parse_text  # noqa: E402

SMALL, LARGE = 500_000, 5_000_000
# Ten times the input may take ten times as long, and some more for the noise of a shared machine.
BOUND = 30


def cpu_seconds(text: str, runs: int) -> float:
    """The best of ``runs`` timings: the small input is timed more often, being the more sensitive to noise."""
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        with contextlib.suppress(ParseError):
            parse_text(text)
        best = min(best, time.process_time() - start)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", help="comma-separated names of inputs (default: all)")
    ap.add_argument("--bound", type=float, default=BOUND, help=f"largest ratio accepted (default {BOUND})")
    args = ap.parse_args()
    names = args.only.split(",") if args.only else list(MAKERS)
    unknown = [n for n in names if n not in MAKERS]
    if unknown:
        ap.error(f"unknown inputs {unknown}; known: {', '.join(MAKERS)}")

    print(f"load average {' / '.join(f'{x:.1f}' for x in os.getloadavg())}; bound ×{args.bound:g}")
    print(f"{'input':<24} {'0.5 MB':>9} {'5 MB':>9} {'ratio':>7}")
    failed = []
    for name in names:
        small, large = MAKERS[name](SMALL), MAKERS[name](LARGE)
        small_s, large_s = cpu_seconds(small, 3), cpu_seconds(large, 1)
        # A timer tick of zero would make any ratio infinite: a tiny floor keeps trivially fast inputs passing.
        ratio = large_s / max(small_s, 1e-3)
        ok = ratio < args.bound
        if not ok:
            failed.append(name)
        print(f"{name:<24} {small_s:>8.3f}s {large_s:>8.3f}s {ratio:>6.1f}× {'' if ok else ' NOT LINEAR'}")
    if failed:
        print(f"5 MB took {args.bound:g} times as long as 0.5 MB or more: {', '.join(failed)}")
        return 1
    print("every input: linear")
    return 0


if __name__ == "__main__":
    sys.exit(main())

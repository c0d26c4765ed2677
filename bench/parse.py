"""Benchmark of the minutes parser: documents/s and MB/s, against merely reading the same files.

Generates a corpus of minutes with the test strategies (tests/minutes/strategies.py),
each written in four forms — plain text, Markdown as a PDF converter writes it,
hard-wrapped PDF text with page furniture, and Big5 with CRLF line ends — then,
in the same run, times (1) reading every file and splitting it into lines and
(2) parsing every file, plus one long meeting of about 5 MB. Prints the figures
and writes them into the "Parsing" section of bench/README.md.

    .venv/bin/python bench/parse.py [--documents 750] [--no-readme]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "src"), str(REPO)]

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from tests.minutes.strategies import minutes_documents  # noqa: E402
from tests.minutes.textforms import as_markdown, as_pdf_text  # noqa: E402

from lieguan.minutes.model import Minutes  # noqa: E402
from lieguan.minutes.parser import parse_file, parse_text  # noqa: E402
from lieguan.minutes.readers import read_path  # noqa: E402
from lieguan.minutes.render.text import render_text  # noqa: E402

OUT = REPO / "bench" / "out" / "parse"
README = REPO / "bench" / "README.md"
START, END = "<!-- parse:start -->", "<!-- parse:end -->"
ROUNDS = 3


def generate(count: int) -> list[Minutes]:
    documents: list[Minutes] = []

    @settings(
        max_examples=count,
        database=None,
        # The same corpus on every run, so that runs before and after a change compare.
        derandomize=True,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(minutes_documents())
    def collect(m: Minutes) -> None:
        documents.append(m)

    collect()
    return documents


FORMS: dict[str, Callable[[str], bytes]] = {
    "plain.txt": lambda text: text.encode("utf-8"),
    "converted.md": lambda text: as_markdown(text).encode("utf-8"),
    "wrapped.txt": lambda text: as_pdf_text(text, 60, 40)[0].encode("utf-8"),
    "big5.txt": lambda text: text.replace("\n", "\r\n").encode("cp950"),
}


def write_corpus(documents: list[Minutes]) -> list[Path]:
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    paths = []
    for n, m in enumerate(documents):
        text = render_text(m)
        for suffix, encode in FORMS.items():
            path = OUT / f"{n:05d}-{suffix}"
            path.write_bytes(encode(text))
            paths.append(path)
    return paths


def timed(action: Callable[[], object]) -> float:
    """CPU seconds of this process (user and system): other jobs on a shared machine do not count in them."""
    start = time.process_time()
    action()
    return time.process_time() - start


def read_and_split(paths: list[Path]) -> None:
    for p in paths:
        read_path(p).splitlines()


def parse_all(paths: list[Path]) -> None:
    for p in paths:
        parse_file(p)


def long_meeting() -> str:
    """One meeting of about 5 MB: the body of a generated document repeated, one header, one 散會."""
    text = render_text(next(m for m in generate(400) if len(m.sections) >= 3 and m.sections[0].label == "壹"))
    head, _, rest = text.partition("\n\n壹、")
    body, _, _ = ("壹、" + rest).rpartition("\n\n散會")
    copies = 5_000_000 // len(body.encode("utf-8")) + 1
    return head + "\n\n" + "\n\n".join([body] * copies) + "\n\n散會\n"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        model = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    except OSError:
        model = None
    if model:
        cpu = model.group(1).strip()
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{cpu}, {os.cpu_count()} CPUs; {platform.system()} {platform.release()}; Python {platform.python_version()}; load average {load}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--documents", type=int, default=750, help="generated documents (each written in four forms)")
    ap.add_argument("--no-readme", action="store_true", help="print only, do not update bench/README.md")
    args = ap.parse_args()

    started = time.perf_counter()
    paths = write_corpus(generate(args.documents))
    megabytes = sum(p.stat().st_size for p in paths) / 1e6
    generated = time.perf_counter() - started

    read_and_split(paths)  # warm the page cache, so that both timings below read from memory
    # Rounds of reading and parsing alternate, and the best of each counts: on a shared machine a
    # burst of other work then stretches one round, not one of the two timings.
    readings: list[float] = []
    parsings: list[float] = []
    for _ in range(ROUNDS):
        readings.append(timed(lambda: read_and_split(paths)))
        parsings.append(timed(lambda: parse_all(paths)))
    reading, parsing, first_parsing = min(readings), min(parsings), parsings[0]

    big = long_meeting()
    big_mb = len(big.encode("utf-8")) / 1e6
    big_reading = timed(lambda: big.splitlines())
    big_parsing = timed(lambda: parse_text(big))

    rows = [
        ("corpus", f"{len(paths):,} files ({args.documents:,} documents × {len(FORMS)} forms), {megabytes:.1f} MB"),
        ("read + split lines", f"{reading:.2f} s — {len(paths) / reading:,.0f} documents/s, {megabytes / reading:.1f} MB/s"),
        (
            "parse",
            f"{parsing:.2f} s — {len(paths) / parsing:,.0f} documents/s, {megabytes / parsing:.2f} MB/s"
            f" (first round {first_parsing:.2f} s)",
        ),
        ("parse / read", f"×{parsing / reading:.0f}"),
        (
            "one 5 MB meeting",
            f"{big_mb:.1f} MB parsed in {big_parsing:.2f} s ({big_mb / big_parsing:.2f} MB/s; split lines {big_reading:.3f} s)",
        ),
    ]
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")
    print(f"(corpus generated in {generated:.0f} s)")
    if not args.no_readme:
        write_readme(rows)


def write_readme(rows: list[tuple[str, str]]) -> None:
    table = "\n".join(f"| {k} | {v} |" for k, v in rows)
    block = f"{START}\n`bench/parse.py`, {dt.date.today().isoformat()}, on {machine()}.\n\n| | |\n|---|---|\n{table}\n{END}"
    text = README.read_text(encoding="utf-8") if README.exists() else "# Benchmarks\n"
    if START in text:
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, text, flags=re.DOTALL)
    else:
        text = text.rstrip("\n") + "\n\n## Parsing\n\n" + block + "\n"
    README.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()

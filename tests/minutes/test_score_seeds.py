"""Acceptance: the shared scorer gives the parser full marks on the real minutes (read in place, never copied)."""

from __future__ import annotations

import subprocess
import sys

from tests.shared import GOLD, REPO, SCORE_TOOL, seed_paths


def test_score_on_the_seed_minutes_is_full() -> None:
    # The minutes parser's score: a work report (seed 003) is refused as "not minutes", as the gold expects.
    parse = f"{sys.executable} -m lieguan.minutes parse --kind minutes {{file}}"
    result = subprocess.run(
        [sys.executable, str(SCORE_TOOL), "--gold", str(GOLD), "--parse", parse, *map(str, seed_paths())],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"},
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1].endswith("(100.0%)"), result.stdout

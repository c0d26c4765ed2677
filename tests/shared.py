"""Where the shared ground truth (real minutes and their gold files) lives.

The seeds are read in place and never copied into the project. CI and a fresh
clone find them beside the checkout (../shared); LIEGUAN_SHARED_DIR overrides.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _find() -> Path:
    candidates = [os.environ.get("LIEGUAN_SHARED_DIR"), str(REPO.parent / "shared"), "/work/shared"]
    for c in candidates:
        if c and (Path(c) / "seeds").is_dir():
            return Path(c)
    raise RuntimeError("The shared seeds were not found: set LIEGUAN_SHARED_DIR to the directory holding seeds/ and gold/")


SHARED = _find()
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"
SCORE_TOOL = SHARED / "tools" / "score_minutes.py"


def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def minutes_seed_paths() -> list[Path]:
    """The seeds that are minutes, in date order (the work report 003 left out)."""
    import json

    out = []
    for p in seed_paths():
        gold = json.loads((GOLD / f"{p.stem}.json").read_text(encoding="utf-8"))
        if gold["kind"] == "minutes":
            out.append((gold["date"], p))
    return [p for _, p in sorted(out)]

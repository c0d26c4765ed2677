"""``python -m lieguan.minutes parse FILE [--pretty]`` — the minutes library's own command line."""

from __future__ import annotations

import sys

from lieguan.minutes.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

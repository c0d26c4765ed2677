"""How many examples a property test runs: the number it asks for, scaled by the Hypothesis profile.

`make test` and CI run the "ci" profile, each test's own number of examples;
HYPOTHESIS_PROFILE=thorough runs ten times as many (before a release, or after a
change to the parser or the renderers), HYPOTHESIS_PROFILE=quick a fifth while
working. The profiles are registered in tests/conftest.py.
"""

from __future__ import annotations

import os

SCALES = {"ci": 1.0, "quick": 0.2, "thorough": 10.0}
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
if PROFILE not in SCALES:
    raise RuntimeError(f"HYPOTHESIS_PROFILE={PROFILE!r}: the profiles are {', '.join(SCALES)}")


def examples(n: int) -> int:
    """``n`` examples in the "ci" profile, scaled in the others (at least one)."""
    return max(1, round(n * SCALES[PROFILE]))

"""How many examples a property test draws: its CI count, times EVENTWIRE_FUZZ_SCALE.

    @settings(max_examples=examples(40))

`make test` runs the CI counts with fixed draws (tests/conftest.py, profile "ci");
`make fuzz` (profile "fuzz") runs the tests marked ``fuzz`` with random draws and
20x the examples (override with EVENTWIRE_FUZZ_SCALE).
"""
from __future__ import annotations

import os

PROFILE = os.environ.get("EVENTWIRE_HYPOTHESIS", "ci")
SCALE = max(1, int(os.environ.get("EVENTWIRE_FUZZ_SCALE", "20" if PROFILE == "fuzz" else "1")))


def examples(n: int) -> int:
    return n * SCALE

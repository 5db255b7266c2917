"""`several._people` looks for an "and" in the subject's words with one slice test, as
the walk over its tokens did."""

from __future__ import annotations

import random

_WORDS = ["and", "And", "AND", "ı", "İ", "ſ", "K", "ß", "a", ",", "including"]


def test_and_in_the_slice_is_the_walk() -> None:
    rng = random.Random(3)
    for _ in range(20_000):
        low = [rng.choice(_WORDS) for _ in range(rng.randint(0, 8))]
        lo = rng.randint(0, len(low))
        hi = rng.randint(max(lo - 2, -1), len(low) - 1)  # (hi + 1 is a token index)
        walk = any(low[k] == "and" for k in range(lo, hi + 1))
        assert ("and" in low[lo : hi + 1]) == walk

"""lists: `_ends_in_colon` (a paragraph sliced only when it holds a colon) against the
sliced test it stands for, on random text and ranges (negative and past the end
included), with odd white space and ı İ ſ K ß."""

from __future__ import annotations

import random

from talks.extract.lists import _ends_in_colon

_CHARS = [":", " ", "\t", "\n", "\u00a0", "\u3000", "a", "ı", "İ", "ſ", "K", "ß", "：", ".", "1"]


def test_ends_in_colon_is_the_sliced_test() -> None:
    rng = random.Random(3)
    for _ in range(20_000):
        text = "".join(rng.choice(_CHARS) for _ in range(rng.randrange(0, 12)))
        lo, hi = rng.randrange(-14, 15), rng.randrange(-14, 15)
        assert _ends_in_colon(text, lo, hi) == text[lo:hi].rstrip().endswith(":")

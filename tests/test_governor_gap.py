"""`governor._TOO_MANY_TOKENS` against counting the words `TOKEN` finds, on random text."""

from __future__ import annotations

import random

from talks.extract.governor import _MAX_GAP_TOKENS, _TOO_MANY_TOKENS
from talks.extract.stance_doc import TOKEN


def test_too_many_tokens_counts_as_findall() -> None:
    rng = random.Random(13)
    pieces = ["a", "war", "’", "'", "-", "x_1", "ı", "İ", "ſ", "K", "ß", "é", "٣"]
    gaps = [" ", ", ", "\n", ".", "“", "—", "\u2028", "  "]
    for _ in range(20000):
        n = rng.choice((rng.randrange(20), rng.randrange(10, 16)))
        text = "".join(rng.choice(pieces) + rng.choice(gaps) for _ in range(n))
        cut = sorted((rng.randrange(len(text) + 1), rng.randrange(len(text) + 1)))
        for lo, hi in (cut, (0, len(text)), (cut[0], len(text))):
            want = len(TOKEN.findall(text, lo, hi)) > _MAX_GAP_TOKENS
            assert (_TOO_MANY_TOKENS.match(text, lo, hi) is not None) == want, (text, lo, hi)

"""`quotes_indirect._opens_with`, which lowers only a clause's first characters, against
lowering the whole clause, on random text full of characters whose lower case is longer
or depends on what follows (İ, Σ) and case-folding oddities (ı ſ K ß)."""

from __future__ import annotations

import random

import pytest

from talks.extract.quotes_indirect import _opens_with

_CHARS = ["a", "N", "o", "t", " ", "İ", "I", "Σ", "σ", "ς", "ı", "ſ", "K", "ß", "ΟΣ", "A"]
_PHRASES = [
    ("not to be named", "anonymity"),
    ("at", "a"),
    ("i̇", "ss"),
    ("σ", "ος", "ς x"),
    (),
]


@pytest.mark.parametrize("phrases", _PHRASES)
def test_opens_with_is_lowering_the_whole_clause(phrases: tuple[str, ...]) -> None:
    rng = random.Random(len(phrases))
    pool = [*_CHARS, *phrases, *(p.upper() for p in phrases)]
    ascii_only = all(map(str.isascii, phrases))
    longest = max(map(len, phrases), default=0) if ascii_only else -1
    for _ in range(20_000):
        text = "".join(rng.choice(pool) for _ in range(rng.randrange(0, 12)))
        a, b = rng.randrange(0, len(text) + 2), rng.randrange(0, len(text) + 2)
        assert _opens_with(text, a, b, phrases, longest) == text[a:b].lower().startswith(phrases)

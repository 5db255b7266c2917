"""several._separator's test of the last word against the plain reading, on random
text: the same coordinating words before every token, from every sentence start."""

from __future__ import annotations

import random

from talks.extract import several
from talks.extract.tokens import Tokens, vocab_for
from talks.lexicon import shipped

# letters whose case folding is special: ı İ ſ K (Kelvin) ß
_ODD = ["ı", "İ", "ſ", "\u212a", "ß", "AND", "Wıth", "aſ"]
_WORDS = [
    *"Warsaw Tallinn Riga Canada Japan European leaders the of and , together with along".split(),
    *"as well said told including China Moscow Kyiv ministers Tamm Kowalski with as and".split(),
]


def _old_separator(tk: Tokens, j: int, lo: int) -> tuple[int, str] | None:
    """The coordinating words ending at token j: (their count, the first of them)."""
    for words in several._SEPARATORS:
        n = len(words)
        a = j - n + 1
        if a >= lo and tuple(tk.low[a : j + 1]) == words:
            if words == ("and",) and a - 1 >= lo and tk.words[a - 1] == ",":
                return n + 1, "and"  # "A, B, and C"
            return n, words[0]
    return None


def test_separator_reads_as_before() -> None:
    vocab = vocab_for(shipped())
    rng = random.Random(23)
    found = 0
    for _ in range(400):
        n = rng.randint(1, 40)
        words = [rng.choice(_WORDS) if rng.random() < 0.9 else rng.choice(_ODD) for _ in range(n)]
        tk = Tokens(" ".join(words) + ".", vocab)
        for lo in range(0, min(tk.n, 6)):
            for j in range(-2, tk.n):
                new = several._separator(tk, j, lo)
                assert new == _old_separator(tk, j, lo)
                found += new is not None
    assert found > 2000

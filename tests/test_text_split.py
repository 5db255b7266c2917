"""`text._split` (a sentence after another starts where the white space its end saw
stops; only a first one with white space before it, or a long one, goes through _add)
against the split it replaces, on random text of marks, closers, abbreviations,
initials, Unicode white space and ı İ ſ K ß, with MAX_SENTENCE as shipped and small."""

from __future__ import annotations

import random
import re

import pytest

from talks.extract import text
from talks.extract.text import _add, _is_abbreviation, _split

_END_BEFORE = re.compile(r"""[.!?](?<![.!?].)[.!?]*+[”"’'»)\]]*+(?=\s+[“"‘'«(\[]?[A-Z0-9•\-–—])""")


def _split_as_before(chunk_text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    chunk = chunk_text[start:end]
    begin = 0
    for m in _END_BEFORE.finditer(chunk):
        if chunk[m.start()] == "." and _is_abbreviation(chunk, m.start()):
            continue
        _add(out, chunk, start, begin, m.end())
        begin = m.end()
    _add(out, chunk, start, begin, len(chunk))
    return out


_PIECES = [
    "Mr.",
    "Dr.",
    "J.",
    "H.W.",
    "U.S.",
    "p.m.",
    "said",
    "Lavrov",
    "the",
    "ı",
    "İlhan",
    "ſtein",
    "Kelvin",
    "Groß",
    "2024",
    ".",
    "!",
    "?",
    "...",
    "?!",
    "”",
    '"',
    "’",
    "»",
    ")",
    "]",
    "“",
    "«",
    "(",
    "•",
    "-",
    "—",
    "A",
    "b",
    "x.",
    "talks.",
]
_SPACES = [" ", " ", " ", "  ", "\t", "\xa0", "\u2028", "\x1c", "\u3000", ""]


@pytest.mark.parametrize("limit", [text.MAX_SENTENCE, 12, 40])
def test_split_on_random_text(monkeypatch: pytest.MonkeyPatch, limit: int) -> None:
    monkeypatch.setattr(text, "MAX_SENTENCE", limit)
    rng = random.Random(limit)
    for _ in range(3000):
        s = "".join(rng.choice(_PIECES) + rng.choice(_SPACES) for _ in range(rng.randrange(0, 30)))
        lead = rng.choice(["", " ", "\t ", "x"])
        s = lead + s
        start = rng.randrange(0, min(3, len(s) + 1))
        end = rng.randrange(start, len(s) + 1)
        assert _split(s, start, end) == _split_as_before(s, start, end)

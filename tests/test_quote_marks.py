"""`quote_marks`: the mark pattern finds what the plain alternation of marks finds."""

from __future__ import annotations

import random
import re

from talks.extract.quote_marks import _MARK, segments
from talks.extract.text import Range

# The marks, written the plain way: a doubled '' or `` first, then any single mark.
_PLAIN = re.compile(r"''|``|[\"“”„‟«»‘’‚‛‹›']")


def test_mark_pattern_finds_the_plain_alternations_marks() -> None:
    """The pattern starts with one character class (so the engine skips ahead in C) and
    also finds lone backticks, which are passed over: otherwise the same marks."""
    rng = random.Random(5)
    alphabet = "ab '`\"“”«»‘’„‹›\n"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        lo = rng.randint(0, len(text))
        hi = rng.randint(lo, len(text))
        want = [(m.start(), m.group()) for m in _PLAIN.finditer(text, lo, hi)]
        got = [(m.start(), m.group()) for m in _MARK.finditer(text, lo, hi) if m.group() != "`"]
        assert got == want, (text, lo, hi)


def test_lone_backticks_open_nothing() -> None:
    text = "He said `maybe` and ``this is wire copy'' today."
    (seg,) = segments(text, [Range(0, len(text))])
    assert text[seg.start : seg.end] == "this is wire copy"

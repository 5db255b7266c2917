"""The sentence stops found once per text give what searching the text gives."""

from __future__ import annotations

import random

from talks.extract import dates

# stops, closing and opening quotes, white space of several kinds, letters
_ALPHABET = 'ab .!?\n"”’“\t\u00a0\u2028x'


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choices(_ALPHABET, k=rng.randint(0, 60))) for _ in range(n)]


def test_stop_spans_are_the_matches_of_the_stop_pattern() -> None:
    for text in _texts(20_000, seed=1):
        spans = [m.span() for m in dates._STOP.finditer(text)]
        starts, ends = dates._stop_spans(text)
        assert list(zip(starts, ends, strict=True)) == spans, text


def test_sentence_bounds_agree_with_the_scan() -> None:
    for text in _texts(3_000, seed=2):
        for at in range(len(text) + 1):
            assert dates._sentence_bounds(text, at) == dates._sentence_bounds_scan(text, at)


def test_sentence_bounds_agree_with_the_scan_on_long_lines() -> None:
    # stops and newlines far apart: the 600- and 2,000-character reaches decide
    rng = random.Random(3)
    for _ in range(40):
        rare = rng.choice([0.0005, 0.002, 0.01])
        text = "".join(
            rng.choice(". \n!") if rng.random() < rare else rng.choice("ab ")
            for _ in range(rng.randint(0, 6000))
        )
        for at in sorted({rng.randint(0, len(text)) for _ in range(300)}):
            assert dates._sentence_bounds(text, at) == dates._sentence_bounds_scan(text, at)

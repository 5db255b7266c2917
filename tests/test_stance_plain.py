"""The stance reader's case-insensitive look-behinds read in the folded text with their
plain twins (`regex_shapes.plain_twin`): the same answers as in the text itself."""

from __future__ import annotations

import random

import pytest

from talks.extract.governor import _NOMINAL_PLAIN, NOMINAL_BEFORE
from talks.extract.regex_shapes import folded
from talks.extract.stance import _HEDGE, _HEDGE_PLAIN

WORDS = [
    *"a A an An the The THE any its their his her our Our national Historic".split(),
    *"Decisive useful Famous likely Unlikely EXPECTED set poised to To accept".split(),
    *"demand offer ſet ıts lıkely Ka K İ é É ß ıc ical".split(),
]


@pytest.mark.parametrize("pair", [(NOMINAL_BEFORE, _NOMINAL_PLAIN), (_HEDGE, _HEDGE_PLAIN)])
def test_plain_twin_answers_as_the_pattern(pair: tuple) -> None:
    pattern, plain = pair
    assert plain is not None
    rng = random.Random(13)
    hits = 0
    for _ in range(3000):
        seps = [" ", "  ", "\n", "-", "", ", "]
        text = "".join(rng.choice(WORDS) + rng.choice(seps) for _ in range(rng.randint(1, 6)))
        view = folded(text, text.lower())
        if view is None:
            continue
        for hi in range(len(text) + 1):
            lo = max(0, hi - 20)
            want = pattern.search(text, lo, hi)
            assert (plain.search(view, lo, hi) is not None) == (want is not None), (text, hi)
            hits += want is not None
    assert hits > 20  # (hedges are rarer in these texts)

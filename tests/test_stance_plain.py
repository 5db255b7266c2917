"""The stance reader's case-insensitive searches read in the folded text with their
plain twins (`regex_shapes.plain_twin`): the same matches (and groups) as in the text."""

from __future__ import annotations

import random

import pytest

from talks.extract import governor as g
from talks.extract import stance_shapes as sh
from talks.extract.regex_shapes import folded
from talks.extract.stance import _HEDGE, _HEDGE_PLAIN

WORDS = [
    *"a A an An the The THE any its their his her our Our national Historic".split(),
    *"Decisive useful Famous likely Unlikely EXPECTED set poised to To accept".split(),
    *"demand offer ſet ıts lıkely Ka K İ é É ß ıc ical this That such".split(),
    *"only Only after AFTER before once when called Called views regard ſees".split(),
    *"must MUST should has have need needs there will be no not any full".split(),
]
PAIRS = [
    (g.NOMINAL_BEFORE, g._NOMINAL_PLAIN),
    (_HEDGE, _HEDGE_PLAIN),
    (g._DEMONSTRATIVE, g._DEMONSTRATIVE_PLAIN),
    (g._ONLY_AFTER, g._ONLY_AFTER_PLAIN),
    (g._TEMPORAL, g._TEMPORAL_PLAIN),
    (g._JUDGE, g._JUDGE_PLAIN),
    (sh._DEMAND, sh._DEMAND_PLAIN),
]


@pytest.mark.parametrize("pair", PAIRS)
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
            lo = max(0, hi - 40)
            want = pattern.search(text, lo, hi)
            got = plain.search(view, lo, hi)
            spans = [
                (m.span(), *(m.span(k) for k in range(1, m.re.groups + 1)))
                for m in (got, want)
                if m
            ]
            assert len(spans) != 1 and (not spans or spans[0] == spans[1]), (text, hi)
            hits += want is not None
    assert hits > 3  # (some patterns match rarely in these texts)

"""`regex_shapes.matches_at`: patterns tried only at the places `word_starts` gives find
what `finditer` finds, for the lexicon's "the …" patterns that share one list of starts."""

from __future__ import annotations

import random

from talks.extract.regex_shapes import lowered, matches_at, word_starts
from talks.extract.topic_lexicon import compiled
from talks.lexicon import shipped


def test_the_patterns_at_shared_starts_match_as_finditer() -> None:
    comp = compiled(shipped())
    assert comp.the_heads == ("the",)
    words = [
        *"the the the The The THE tHe thE them other the-plan Athe _the 9the".split(),
        *"delegation minister plan draft document text proposal peace latest new".split(),
        *"Russian delegation spokesman said «the» “The” İ ı K ſ é".split(),
    ]
    rng = random.Random(5)
    found = {comp.bare_role: 0, comp.doc_ref: 0}
    for _ in range(3000):
        seps = [" ", "  ", "\n", "-", "", ", ", "(", "\u00a0"]
        text = "".join(rng.choice(words) + rng.choice(seps) for _ in range(rng.randint(1, 12)))
        low = lowered(text)
        assert low == text.lower()
        starts = word_starts(text, low, comp.the_heads)
        for pattern in (comp.bare_role, comp.doc_ref):
            got = [m.span() for m in matches_at(pattern, text, starts)]
            assert got == [m.span() for m in pattern.finditer(text)], text
            found[pattern] += len(got)
    assert min(found.values()) > 50  # (the texts hold matches of both)


def test_lowered_keeps_only_the_latest_text() -> None:
    a, b = "The Plan", "A Draft"
    assert lowered(a) == "the plan" and lowered(a) is lowered(a)
    assert lowered(b) == "a draft"
    assert lowered(a) == "the plan"

"""`regex_shapes`: patterns tried only at the places `word_starts` gives find what
`finditer` finds (the lexicon's "the …" patterns share one list of starts), and a
case-insensitive pattern's plain twin matches in the folded text what it matches in the
text."""

from __future__ import annotations

import random
import re

from talks.extract.regex_shapes import folded, lowered, matches_at, plain_twin, word_starts
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


def test_plain_twin_in_the_folded_view_matches_as_the_pattern_in_the_text() -> None:
    comp = compiled(shipped())
    plain = comp.role_after_plain
    assert plain is not None and not plain.flags & re.I
    words = [
        *"Russian delegation DELEGATION Delegation dElEgation spokesman Spokesman".split(),
        *"chief negotiator presidential aide and its the of planned plan draft".split(),
        *"communiqué COMMUNIQUÉ Communiqué 20-point peace latest ſpokesman ſ ı K".split(),
        *"deıegation mınister İ é É ß σ Σ".split(),
    ]
    rng = random.Random(9)
    matched = 0
    for _ in range(3000):
        seps = [" ", "  ", "\n", "-", "", ", ", "\u00a0"]
        text = "".join(rng.choice(words) + rng.choice(seps) for _ in range(rng.randint(1, 8)))
        view = folded(text, text.lower())
        if view is None:
            continue
        for pos in range(len(text)):
            want = comp.role_after.match(text, pos)
            got = plain.match(view, pos)
            assert (got and got.span()) == (want and want.span()), (text, pos)
            matched += want is not None
    assert matched > 1000


def test_plain_twin_only_for_patterns_it_can_stand_for() -> None:
    assert plain_twin(re.compile("delegation", re.I)) is not None
    assert plain_twin(re.compile("communiqué", re.I)) is not None
    assert plain_twin(re.compile("Delegation", re.I)) is None  # (an upper-case letter)
    assert plain_twin(re.compile(r"\x41", re.I)) is None  # (a code for one)
    assert plain_twin(re.compile("σ", re.I)) is None  # (paired with "ς" beyond its cases)
    assert plain_twin(re.compile("µ", re.I)) is None
    assert plain_twin(re.compile("delegation")) is None  # (nothing to fold)

"""`dispatch.Literals`: the parts looked for apart give the whole pattern's matches."""

from __future__ import annotations

import random

import pytest

from talks.extract.dispatch import Literals

PHRASES = [
    ["the Kremlin", "the West", "tass", "th", "Kremlin", "West", "al-Aiban", "al", "10 Downing"],
    ["delegation of Ukraine", "delegation of the United States", "de", "the United", "United"],
    ["von der Leyen", "von", "Leyen", "von der", "der Leyen", "Von der Leyen"],
]


@pytest.mark.parametrize("phrases", PHRASES)
def test_led_parts_find_what_the_whole_trie_finds(phrases: list[str]) -> None:
    """Lower-case phrases are looked for by first letter, each part led by the first word
    its phrases share ("the", "t" for "the …" and "tass"): a shorter phrase, one that is
    the shared word itself, or one inside a longer one must come out as from one trie."""
    names = Literals(phrases)
    assert names.parts is not None and len(names.parts) > 2
    words = [*sorted({w for p in phrases for w in p.split()}), "x", ",", "-", "thé", "10x"]
    rng = random.Random(11)
    merged = 0
    for _ in range(3000):
        seps = [" ", "  ", "\n", "-", ""]
        text = "".join(rng.choice(words) + rng.choice(seps) for _ in range(rng.randint(1, 10)))
        got = [(h.start, h.end, h.index) for h in names.scan(text)]
        want = [(m.start(), m.end()) for m in names.pattern.finditer(text)]
        assert [(a, b) for a, b, _ in got] == want, text
        assert all(" ".join(text[a:b].split()) == phrases[i] for a, b, i in got), text
        merged += names._apart(text) is not None
    assert merged > 2000  # (the merge answers most texts itself)

"""`Calendar._standing` (the plain first words looked up among the words of the text's
UTF-8 bytes, the others searched for) against the search of the text for every first
word it replaces, on random text: every `_PUNCT` mark, white space that only `str.split`
knows, non-ASCII letters whose case folding is special, lone surrogates, and first
words with marks, hyphens, apostrophes or non-ASCII letters inside."""

from __future__ import annotations

import random

import pytest

from talks.extract.events import _PUNCT, Calendar, _stands_alone
from talks.lexicon import Event, shipped

_PLACES = [
    "Istanbul", "Dolmabahçe Palace", "Çırağan", "Elmendorf-Richardson", "u.s. base",
    "o'hare", "ab", "abc d", "ab.c", "ab-x", "İzmir", "ſtadt", "Kelvin", "straße",
    "ab,c", "x", "café",
]  # fmt: skip
_GLUE = [
    *_PUNCT, " ", "  ", "\n", "\t", "\x1c", "\x1d", "\x1e", "\x1f", "\x0b", "\x0c", "\r",
    "\u00a0", "\u2009", "\u3000", "\u2028", "\x85", "-", "'", "_", "#", "ı", "İ", "ſ", "K",
    "ß", "\ud800", "é", "a", "1",
]  # fmt: skip


def _calendar(rng: random.Random) -> Calendar:
    places = rng.sample(_PLACES, rng.randint(1, len(_PLACES)))
    events = [
        Event.model_validate({"name": f"E{i}", "date": "2022-03-01", "place": p})
        for i, p in enumerate(places)
    ]
    return Calendar(events)


def _text(rng: random.Random, words: list[str]) -> str:
    parts = []
    for _ in range(rng.randint(0, 30)):
        parts.append(rng.choice(words))
        parts.extend(rng.choice(_GLUE) for _ in range(rng.choice((0, 1, 1, 2, 3))))
    return "".join(parts)


@pytest.mark.parametrize("seed", range(60))
def test_standing_is_the_search_for_every_first_word(seed: int) -> None:
    rng = random.Random(seed)
    cal = _calendar(rng) if seed % 4 else Calendar(shipped().events)
    words = [*cal._firsts, *(w.upper() for w in cal._firsts), "the", "talks", "abcd"]
    for _ in range(200):
        low = _text(rng, words).lower()
        want = {k for k in cal._firsts if k in low and _stands_alone(low, k)}
        assert cal._standing(low) == want, repr(low)


def test_the_random_texts_find_first_words_of_each_kind() -> None:
    rng = random.Random(1)
    cal = Calendar([Event.model_validate({"name": "E", "date": "2022-03-01", "place": p})
                    for p in _PLACES])  # fmt: skip
    assert cal._other_firsts and cal._plain_firsts
    found: set[str] = set()
    for _ in range(2000):
        found |= cal._standing(_text(rng, list(cal._firsts)).lower())
    assert found == set(cal._firsts)

"""`Calendar.mention_offsets` finds what the text's own subset pattern finds."""

from __future__ import annotations

import datetime as dt
import random

from talks.extract.events import (
    _PUNCT,
    _TALKS,
    Calendar,
    _names_pattern,
    _stands_alone,
    fold,
)
from talks.extract.regex_shapes import finditer_at, start_heads
from talks.lexicon import Event, shipped

_WORDS = [
    "Istanbul", "ISTANBUL", "istanbul", "Dolmabahce", "Dolmabahçe", "palace", "Palace",
    "first", "First", "round", "video", "videoconference", "link", "conference", "white",
    "House", "east", "room", "joint", "base", "elmendorf-richardson", "Elmendorf-Richardson",
    "Ciragan", "Çırağan", "cıragan", "Geneva", "talks", "Alaska", "summit", "the", "in",
]  # fmt: skip
_GLUE = [" ", "  ", "\n", ", ", ". ", "-", "/", "#", "(", ")", "“", "”", "İ", "ı", "\u00a0"]


def _reference(cal: Calendar, text: str) -> list[int]:
    """The offsets as found before: the text's subset of names as its own pattern."""
    low = text.lower()
    hits = {k for k in cal._firsts if k in low and _stands_alone(low, k)}
    if not hits:
        return []
    names = tuple(sorted(set().union(*(cal._by_first[w] for w in hits))))
    pattern = _names_pattern(names)
    return [m.start() for m in finditer_at(pattern, text, low, start_heads(names))]


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(0, 14)):
            parts += [rng.choice(_WORDS), rng.choice(_GLUE)]
        out.append("".join(parts))
    return out


def test_mention_offsets_match_the_subset_pattern() -> None:
    cal = Calendar(shipped().events)
    for text in _texts(4_000, seed=5):
        assert cal.mention_offsets(text) == _reference(cal, text), text


def _event(name: str, place: str) -> Event:
    return Event.model_validate({"name": name, "date": "2022-03-01", "place": place})


def test_a_name_outside_the_subset_does_not_hide_one_inside() -> None:
    # "ab.c d" and "ab-x y" start where "ab" does, but their first words never stand
    # alone in these texts: they are not looked for, and "ab" still counts (or not)
    cal = Calendar([_event("One", "ab.c d"), _event("Two", "ab-x y"), _event("Three", "ab")])
    texts = ["#ab.c d ab", "#ab-x y ab", "ab.c d ab", "#ab.c d", "x ab ab.c d #ab-x y (ab)"]
    for text in texts:
        assert cal.mention_offsets(text) == _reference(cal, text), text
    assert cal.mention_offsets("#ab.c d ab") == [1, 8]
    assert cal.mention_offsets("#ab-x y ab") == [8]


def _event_in_before(cal: Calendar, sentence: str, published: dt.date | None) -> Event | None:
    """`Calendar.event_in` as it was, each event's tests run in turn (the reference)."""
    folded = fold(sentence)
    words = {w.strip(_PUNCT) for w in folded.split()}
    near = [t for t in cal._terms if not t.firsts.isdisjoint(words)]
    if not near:
        return None
    talks = _TALKS.search(folded) is not None
    terms, named, numbered = [], [], []
    for t in near:
        alias, ordinal = t.alias_in(folded), t.ordinal_in(folded)
        if alias or (talks and (ordinal or t.city_in(folded))):
            terms.append(t)
            if alias:
                named.append(t)
            if ordinal:
                numbered.append(t)
    hits = [t.event for t in (named or numbered or terms)]
    if published is not None:
        hits = [ev for ev in hits if ev.date <= published]
        return max(hits, key=lambda ev: ev.date) if hits else None
    return hits[0] if len(hits) == 1 else None


_SENTENCE_WORDS = [
    *_WORDS,
    "second", "third", "fourth", "Riyadh", "Jeddah", "meeting", "Washington", "Oval", "Office",
    "Anchorage", "at", "near", "Gomel", "region", "Belovezhskaya", "Pushcha", "Antalya",
    "Diplomacy", "Forum", "Ritz-Carlton", "Diriyah", "negotiations", "Istanbul's", "said",
]  # fmt: skip


def test_event_in_gives_what_each_event_tested_in_turn_gives() -> None:
    cal = Calendar(shipped().events)
    rng = random.Random(6)
    days = [
        None,
        dt.date(2022, 3, 1),
        dt.date(2022, 3, 30),
        dt.date(2025, 6, 10),
        dt.date(2026, 1, 1),
    ]
    for _ in range(6_000):
        parts = []
        for _ in range(rng.randint(0, 12)):
            parts += [rng.choice(_SENTENCE_WORDS), rng.choice(_GLUE)]
        sentence = "".join(parts)
        published = rng.choice(days)
        assert cal.event_in(sentence, published) == _event_in_before(cal, sentence, published)

"""`_Reach.stops` and `_Reach.first_end`, worked out per sentence when first asked,
against the walk over every sentence with frames that `_Reach` once did up front, on
random text full of cues (half of the time with each sentence's frames shuffled, so
that the stable sort by start meets ties and disorder)."""

from __future__ import annotations

import random
from copy import copy

import pytest

from talks.extract.document import Doc, read
from talks.extract.frames import Frame
from talks.extract.quotes_indirect import (
    _CLAUSE_OPENERS,
    _after_comma,
    _position_only,
    _Reach,
)
from talks.extract.tokens import PUNCT
from talks.lexicon import shipped
from talks.models import Article

_PIECES = [
    "Kowalski",
    "Jan Kowalski",
    "Tamm",
    "Russia",
    "Kyiv",
    "the minister",
    "officials",
    "Reuters",
    "he",
    "who",
    "said",
    "says",
    "believes",
    "hopes",
    "wants",
    "insisted",
    "added",
    "according to",
    "reported",
    "saying",
    "and",
    "but",
    "yet",
    "as",
    "when",
    "that",
    "the talks",
    "will",
    "go on",
    "was",
    "ı",
    "İstanbul",
    "ſ",
    "K",
    "ß",
    ",",
    ",",
    ".",
    ";",
    "“",
    "”",
    "—",
    "-",
    "\n\n",
]


def _text(rng: random.Random) -> str:
    return " ".join(rng.choice(_PIECES) for _ in range(rng.randrange(5, 160)))


def _eager(doc: Doc) -> tuple[dict[int, list[tuple[int, Frame]]], dict[int, int]]:
    """The stops and first ends of every sentence, as `_Reach` worked them out before."""
    tk = doc.tk
    words = tk.vocab.words
    coordinators = words.get("coordinators", frozenset())
    position_acts = words.get("position_acts", frozenset())
    stops_of: dict[int, list[tuple[int, Frame]]] = {}
    first_end: dict[int, int] = {}
    for s, frames in doc.by_sentence.items():
        stops: list[tuple[int, int, Frame]] = []
        for g in frames:
            lead = g.start - 1
            nested = (
                g.parent is None
                and g.subject is not None
                and not g.inverted
                and not tk.flags[lead] & PUNCT
                and tk.low[lead] not in coordinators
                and tk.low[lead] not in _CLAUSE_OPENERS
            ) or (
                g.parent is not None
                and g.subject is None
                and g.cue.kind in ("belief", "stance")
                and tk.low[lead] in coordinators
                and not (tk.low[lead] in ("but", "yet") and _after_comma(tk, lead))
            )
            if not nested:
                stops.append((g.start, len(stops), g))
        stops.sort(key=lambda t: (t[0], t[1]))
        stops_of[s] = [(t[0], t[2]) for t in stops]
        ends = [
            g.end
            for g in frames
            if not g.outlet_only and not _position_only(g, position_acts) and g.cue.kind != "belief"
        ]
        if ends:
            first_end[s] = min(ends)
    return stops_of, first_end


@pytest.mark.parametrize("seed", range(150))
def test_stops_and_first_ends_are_those_of_the_walk_over_every_sentence(seed: int) -> None:
    rng = random.Random(seed)
    text = _text(rng)
    doc = read(Article(id="t", article="t.txt", path="t.txt", text=text), shipped())
    if seed % 2:  # (frames out of text order, and twins: the sort, its ties kept in order)
        for frames in doc.by_sentence.values():
            frames += [copy(g) for g in frames]
            rng.shuffle(frames)
    stops_of, first_end = _eager(doc)
    reach = _Reach(doc)
    sentences = list(range(-1, len(doc.sent_bounds) + 1))
    rng.shuffle(sentences)
    for s in sentences + sentences:  # (asked twice: the second answer is the kept one)
        starts, frames = reach.stops(s)
        want = stops_of.get(s, [])
        assert starts == [a for a, _ in want]
        assert [id(f) for f in frames] == [id(f) for _, f in want]
        assert reach.first_end(s) == first_end.get(s)


def test_the_random_texts_have_sentences_of_several_frames() -> None:
    several = 0
    for seed in range(150):
        text = _text(random.Random(seed))
        doc = read(Article(id="t", article="t.txt", path="t.txt", text=text), shipped())
        several += sum(len(stops) > 1 for stops in _eager(doc)[0].values())
    assert several > 20

"""`coref._surname_keys` (worked out once per lexicon entry) against the keys the
tracker built for every new entity, on the shipped speakers and random names (ı İ ſ K ß,
hyphens, one word, groups); and the tracker's entities on random text are those of a
second tracker built on the same tokens (the kept keys change nothing)."""

from __future__ import annotations

import random

from talks.extract import coref
from talks.extract.coref import Tracker, _surname_keys
from talks.extract.document import read
from talks.extract.speakers import skeleton
from talks.lexicon import SpeakerEntry, shipped
from talks.models import Article

_PARTS = ["Wang", "Yi", "Mao", "Ning", "ı", "İlhan", "ſtein", "Kelvin", "Groß", "Smith-Jones"]


def _keys_as_before(entry: SpeakerEntry) -> set[str]:
    if entry.kind == "person" and " " in entry.name:
        parts = entry.name.split()
        return {skeleton(parts[0]), skeleton(parts[-1])}
    return set()


def test_surname_keys_are_those_built_per_entity() -> None:
    rng = random.Random(7)
    entries = list(shipped().speakers)
    for _ in range(300):
        name = " ".join(rng.choice(_PARTS) for _ in range(rng.randrange(1, 4)))
        kind = rng.choice(["person", "person", "group"])
        entries.append(SpeakerEntry.model_validate({"name": name, "kind": kind}))
    coref._SURNAMES.clear()
    for _ in range(2):  # (worked out, then kept)
        for entry in entries:
            keys = _surname_keys(entry)
            assert len(keys) == len(set(keys))
            assert set(keys) == _keys_as_before(entry)


def test_trackers_on_the_same_tokens_agree() -> None:
    rng = random.Random(2)
    names = ["Wang Yi", "Wang Wenbin", "Wang", "Sergei Lavrov", "Lavrov", "Mr. Lavrov"]
    words = ["said", "the minister", ",", ".", "and", "he", "foreign minister", "ı", "K"]
    for _ in range(40):
        text = " ".join(rng.choice(names + words) for _ in range(rng.randrange(3, 60)))
        doc = read(Article(id="t", article="t.txt", path="t.txt", text=text), shipped())
        coref._SURNAMES.clear()
        a = Tracker(doc.tk, doc.reader, published=None, skip=set())
        b = Tracker(doc.tk, doc.reader, published=None, skip=set())
        assert [(e.name, sorted(e.roles), e.gender) for e in a.entities] == [
            (e.name, sorted(e.roles), e.gender) for e in b.entities
        ]
        assert {k: [e.name for e in v] for k, v in a._by_surname.items()} == {
            k: [e.name for e in v] for k, v in b._by_surname.items()
        }

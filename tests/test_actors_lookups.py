"""`actors._Lookups`, `actors._addressee` and `stance_doc.Doc.negations_in` against the
plain scans they stand for, on random mentions, words and negations."""

from __future__ import annotations

import itertools
import random

from talks.extract.actors import _ADDRESSEE_VERBS, Mention, _addressee, _Lookups
from talks.extract.ranges import Ordered
from talks.extract.stance_doc import Doc, inside
from talks.extract.topic_lexicon import Hit


def _mentions(rng: random.Random) -> list[Mention]:
    out = []
    for _ in range(rng.randrange(12)):
        start = rng.randrange(60)
        out.append(
            Mention(
                start,
                start + rng.randrange(1, 9),
                rng.choice(("party", "person", "pronoun", "bare")),
                rng.choice((None, "Russia", "Ukraine")),
                None,
                rng.random() < 0.5,
                rng.random() < 0.5,
                document=rng.random() < 0.3,
            )
        )
    if rng.random() < 0.7:
        out.sort(key=lambda m: (m.start, -m.end))
    return out


def test_lookups_marks_match_the_plain_scan() -> None:
    rng = random.Random(7)
    for _ in range(3000):
        mentions = _mentions(rng)
        look = _Lookups([], mentions)
        named = [x for x in mentions if x.kind in ("party", "person")]
        ends, starts = [x.end for x in named], [x.start for x in named]
        assert look.ordered == (
            all(a <= b for a, b in itertools.pairwise(ends))
            and all(a <= b for a, b in itertools.pairwise(starts))
        )
        for key in ("document", "subject", "person"):
            for k in range(len(named) + 1):
                want = max((i for i in range(k) if getattr(named[i], key)), default=-1)
                assert look.last[key][k] == want


class _Negations:
    def __init__(self, hits: list[Hit]) -> None:
        self.negation_index = Ordered(hits)


def test_negations_in_counts_as_the_generator() -> None:
    rng = random.Random(11)
    for _ in range(3000):
        starts = sorted(rng.sample(range(80), rng.randrange(6)))
        hits = [Hit(s, s + rng.randrange(1, 6), 0) for s in starts]
        holder = _Negations(hits)
        lo, hi = sorted((rng.randrange(90), rng.randrange(90)))
        masks = [(a, a + rng.randrange(1, 20)) for a in rng.sample(range(80), rng.randrange(3))]
        for m in (masks, ()):
            want = sum(1 for h in holder.negation_index.within(lo, hi) if not inside(h.start, m))
            assert Doc.negations_in(holder, lo, hi, m) == want  # type: ignore[arg-type]


def _addressee_scan(text: str, pos: int) -> bool:
    """`actors._addressee` as it read the last five words, one by one."""
    for w in reversed(text[max(0, pos - 60) : pos].rsplit(None, 5)[-5:]):
        w = w.strip("“”\"‘’'(,")
        if w.lower() in _ADDRESSEE_VERBS:
            return True
        if not w[:1].isupper():
            return False
    return False


def test_addressee_reads_as_the_scan() -> None:
    rng = random.Random(5)
    words = [
        "told", "Told", "URGED", "asked", "thanked", "French", "President", "Emmanuel",
        "Macron", "the", "said", "“told", "(urged", "Kyiv,", "ı", "İstanbul", "ſaid", "K",
        "ß", "“", "’", "", "x" * 25,
    ]  # fmt: skip
    spaces = [" ", "  ", "\n", "\t", "\x0b", "\u2028", ", ", " “"]
    for _ in range(20000):
        text = "".join(rng.choice(words) + rng.choice(spaces) for _ in range(rng.randrange(12)))
        pos = rng.randrange(len(text) + 1)
        assert _addressee(text, pos) == _addressee_scan(text, pos), (text, pos)

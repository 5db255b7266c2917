"""`turns._labels` passes over a paragraph that does not open with a capital A-Z or
holds no colon; the same labels as trying the three patterns on every paragraph, on
random text (labels, colons, Unicode capitals and case-folding oddities: ı İ ſ K ß),
with paragraph ranges that may be empty, reversed or run past the text."""

from __future__ import annotations

import random
from itertools import pairwise

import pytest

from talks.extract.speakers import fold
from talks.extract.text import Range
from talks.extract.tokens import Vocab, vocab_for
from talks.extract.turns import _CAPS, _QA, _TITLE, _Label, _labels
from talks.lexicon import shipped

_PIECES = [
    "PESKOV:", "DMITRY PESKOV, KREMLIN SPOKESMAN (through translator):", "Q:", "A:",
    "QUESTION:", "Answer:", "Ronen:", "Photo:", "BREAKING:", "UKRAINE:", "REYES:",
    "Tamm said", "the talks", ":", " ", "  ", "\t", "\n", "İ", "ı", "ſ", "K", "ß", "É",
    "“", "a", "Z", "@", "[", "0",
]  # fmt: skip


def _every_paragraph(text: str, paras: list[Range], vocab: Vocab) -> list[_Label]:
    """`_labels` as it was: the three patterns tried on every paragraph."""
    not_names = vocab.words.get("not_names", frozenset())
    labels = vocab.words.get("non_speaker_labels", frozenset())
    out: list[_Label] = []
    for i, (start, end) in enumerate(paras):
        for kind, pattern in (("qa", _QA), ("caps", _CAPS), ("title", _TITLE)):
            m = pattern.match(text, start, end)
            if m is None:
                continue
            if kind == "qa":
                qa = m.group("qa")[0]
                out.append(_Label(i, "qa", qa, m.span("qa"), "", m.end()))
                break
            name = m.group("name")
            words = fold(name).replace(".", " ").split()
            if (
                not words
                or any(w in not_names or w in labels for w in words)
                or fold(name) in labels
                or (vocab.parties.side(name) is not None and vocab.speakers.resolve(name) is None)
            ):
                break
            role = (m.group("role") or "") if kind == "caps" else ""
            out.append(_Label(i, kind, name, m.span("name"), role, m.end()))
            break
    return out


@pytest.mark.parametrize("seed", range(100))
def test_labels_are_those_of_the_patterns_tried_on_every_paragraph(seed: int) -> None:
    rng = random.Random(seed)
    vocab = vocab_for(shipped())
    for _ in range(20):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randrange(0, 40)))
        cuts = sorted(rng.randrange(0, len(text) + 3) for _ in range(rng.randrange(0, 8)))
        paras = [Range(a, b) for a, b in pairwise(cuts)]
        if rng.random() < 0.3:
            paras.append(Range(rng.randrange(-3, len(text) + 3), rng.randrange(-3, len(text) + 3)))
        assert _labels(text, paras, vocab) == _every_paragraph(text, paras, vocab)


def test_the_random_texts_hold_labels_of_each_kind() -> None:
    rng = random.Random(0)
    vocab = vocab_for(shipped())
    kinds: set[str] = set()
    for _ in range(500):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randrange(0, 40)))
        kinds |= {lb.kind for lb in _labels(text, [Range(0, len(text))], vocab)}
    assert kinds == {"qa", "caps", "title"}

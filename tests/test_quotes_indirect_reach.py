"""The per-article answers `quotes_indirect` builds once (`_Reach`) against the plain
walks over every token they replace, on random text: the break marks found by a search
of the text, and the counts of finite verbs, quoted words and words outside quotation
marks between any two tokens (built per sentence when first asked)."""

from __future__ import annotations

import random
from itertools import accumulate

import pytest

from talks.extract.document import read
from talks.extract.frames import QUOTE_PUNCT
from talks.extract.quotes_indirect import _BREAKISH, _breakish, _Reach
from talks.extract.tokens import FINITE, PUNCT, Tokens, vocab_for
from talks.lexicon import shipped
from talks.models import Article, Span

_PIECES = [
    "Kowalski",
    "said",
    "has",
    "will",
    "the",
    "talks",
    "ceasefire",
    "well-known",
    "U.S.",
    "Keller-Sutter",
    "15-point",
    "-",
    "--",
    "—",
    "–",
    ",",
    ";",
    "|",
    ".",
    "“",
    "”",
    '"',
    "«",
    "»",
    "_",
    "__",
    "a_b",
    "-x",
    "x-",
    "“Talks",
    "end.”",
    "\n\n",
    "\n",
]


def _text(rng: random.Random) -> str:
    out = []
    for _ in range(rng.randrange(1, 120)):
        out.append(rng.choice(_PIECES))
        out.append(rng.choice(["", " ", " ", " ", "  ", "\n"]))
    return "".join(out)


@pytest.mark.parametrize("seed", range(300))
def test_breakish_finds_the_tokens_a_walk_over_every_token_finds(seed: int) -> None:
    text = _text(random.Random(seed))
    tk = Tokens(text, vocab_for(shipped()))
    walk = [k for k, w in enumerate(tk.words[: tk.n]) if w in _BREAKISH]
    assert _breakish(text, tk.starts, tk.n) == walk


def _running(ones: list[bool]) -> list[int]:
    return list(accumulate(ones, initial=0))


@pytest.mark.parametrize("seed", range(60))
def test_counts_between_tokens_are_those_of_running_sums_over_the_article(seed: int) -> None:
    rng = random.Random(seed)
    text = "Talks resume.\n\n" + _text(rng) + " Kowalski said the talks will go on."
    noise = (Span(start=0, end=14),) if seed % 3 == 0 else ()
    article = Article(id="t", article="t.txt", path="t.txt", text=text, noise=noise)
    doc = read(article, shipped())
    tk, n = doc.tk, doc.tk.n
    reach = _Reach(doc)
    quote, flags, words = tk.quote[:n], tk.flags[:n], tk.words[:n]
    finite = _running([f & FINITE != 0 for f in flags])
    outside = _running([q < 0 and not f & PUNCT for q, f in zip(quote, flags, strict=True)])
    marks = _running([q >= 0 or w in QUOTE_PUNCT for q, w in zip(quote, words, strict=True)])
    pairs = [(a, b) for a in range(n + 1) for b in range(n + 1)]
    for a, b in rng.sample(pairs, min(len(pairs), 400)) + [(a, a + 1) for a in range(n)]:
        assert reach.finite(a, b) == finite[b] - finite[a]
        assert reach.outside(a, b) == outside[b] - outside[a]
        assert reach.marks(a, b) == marks[b] - marks[a]

"""The per-article answers `quotes_indirect` builds once (`_Reach`) and its clause
scans against the plain walks over every token they replace, on random text: the break
marks found by a search of the text; the counts of finite verbs, quoted words and words
outside quotation marks between any two tokens (built per sentence when first asked, a
short range counted directly); and `_tail_end`, which looks only at the words that can
end a clause."""

from __future__ import annotations

import random
from itertools import accumulate

import pytest

from talks.extract.document import Doc as Document
from talks.extract.document import read
from talks.extract.frames import QUOTE_PUNCT
from talks.extract.quotes_indirect import (
    _BREAKISH,
    _MARKS_SUM,
    _OPENERS,
    _OUTSIDE_SUM,
    _PAST,
    _breakish,
    _Reach,
    _settings,
    _tail_end,
)
from talks.extract.tokens import CAP, FINITE, PUNCT, Tokens, vocab_for
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
        assert reach._count(_OUTSIDE_SUM, a, b) == outside[b] - outside[a]
        assert reach._count(_MARKS_SUM, a, b) == marks[b] - marks[a]


def _tail_end_walk(doc: Document, a: int, b: int) -> int:
    """`_tail_end` as it was: every token of the clause looked at in turn."""
    tk = doc.tk
    cues = tk.vocab.cue_phrases
    settings = _settings(tk)[0]
    for k in range(a + 1, b):
        w = tk.words[k]
        if tk.quote[k] >= 0:
            continue
        if tk.low[k] in settings and any(
            tuple(tk.low[k : k + len(p)]) == p for p in settings[tk.low[k]]
        ):
            return k - 1
        if w == ":" and (tk.words[k + 1] in _OPENERS or tk.quote[k + 1] >= 0):
            return k - 1
        if (
            tk.low[a] == "to"
            and tk.low[k] in ("and", "but")
            and k + 1 <= b
            and not tk.flags[k + 1] & CAP
            and (tk.flags[k + 1] & FINITE or tk.low[k + 1] in _PAST)
        ):
            return k - 1
        if w == "," and tk.low[k + 1] in ("and", "but"):
            for j in range(k + 2, min(b, k + 8) + 1):
                if tk.flags[j] & PUNCT or tk.quote[j] >= 0:
                    break
                if j > k + 2 and tk.low[j] in cues and tk.match(cues, j) is not None:
                    return k - 1
    return b


_CLAUSE_PIECES = [
    "to",
    "and",
    "but",
    "said",
    "stressed",
    "held",
    "Kyiv",
    "would",
    "in",
    "an",
    "interview",
    "on",
    "television",
    "at",
    "a",
    "news",
    "conference",
    ":",
    ",",
    "“It",
    "is”",
    "—",
    "the",
    "talks",
    "stalled",
    ", and he said",
    ", but Kyiv stressed that",
    "to pull back and held",
    "in an interview",
    "at a news conference",
    ": “It is”",
]


@pytest.mark.parametrize("seed", range(40))
def test_tail_end_finds_what_a_walk_over_every_token_finds(seed: int) -> None:
    rng = random.Random(seed)
    words = [rng.choice(_CLAUSE_PIECES) for _ in range(rng.randrange(2, 40))]
    doc = read(Article(id="t", article="t.txt", path="t.txt", text=" ".join(words)), shipped())
    for a, b in doc.sent_bounds:
        for lo in range(a, b + 1):
            for hi in range(lo, b + 1):
                assert _tail_end(doc, lo, hi) == _tail_end_walk(doc, lo, hi)


@pytest.mark.parametrize("seed", range(60))
def test_outside_and_quoted_are_the_running_sums_counts(seed: int) -> None:
    rng = random.Random(seed)
    doc = read(Article(id="t", article="t.txt", path="t.txt", text=_text(rng) + " X."), shipped())
    tk, n = doc.tk, doc.tk.n
    reach = _Reach(doc)
    quote, flags, words = tk.quote[:n], tk.flags[:n], tk.words[:n]
    outside = _running([q < 0 and not f & PUNCT for q, f in zip(quote, flags, strict=True)])
    marks = _running([q >= 0 or w in QUOTE_PUNCT for q, w in zip(quote, words, strict=True)])
    for a in range(n + 1):
        for b in {*range(a, min(n, a + 30) + 1), n}:
            for enough in (1, 2, 4, 100):
                assert reach.outside(a, b, enough) == min(outside[b] - outside[a], enough)
            assert reach.quoted(a, b) == (marks[b] > marks[a])
        for b in range(max(0, a - 5), a):
            assert not reach.quoted(a, b)

"""`coref._sentence_firsts` read off the sentence bounds against the walk over every
token it replaces: on random bounds (empty sentences, gaps of tokens outside any
sentence) and on the sentences `document.read` finds in random text with noise spans
(ı İ ſ K ß among its words)."""

from __future__ import annotations

import itertools
import operator
import random

from talks.extract.coref import _sentence_firsts
from talks.extract.document import read
from talks.lexicon import shipped
from talks.models import Article, Span


def _firsts_as_before(sent: list[int], n: int) -> list[int]:
    firsts = itertools.compress(
        range(1, n), map(operator.ne, itertools.islice(sent, 1, None), sent)
    )
    return list(itertools.chain(range(min(1, n)), firsts))


def test_firsts_on_random_bounds() -> None:
    rng = random.Random(5)
    for _ in range(3000):
        n = rng.randrange(0, 40)
        bounds: list[tuple[int, int]] = []
        k = 0
        while k < n and rng.random() < 0.9:
            k += rng.choice([0, 0, 1, 2])  # a gap outside any sentence
            length = rng.choice([0, 1, 1, 2, 3, 5])  # 0: a sentence with no token
            b = min(n - 1, k + length - 1)
            bounds.append((k, b) if length else (k, k - 1))
            k = b + 1 if length else k
        sent = [-1] * n
        for idx, (a, b) in enumerate(bounds):
            sent[a : b + 1] = [idx] * (b + 1 - a)
        assert _sentence_firsts(sent, n, bounds) == _firsts_as_before(sent, n)
        assert _sentence_firsts(sent, n, None) == _firsts_as_before(sent, n)


_WORDS = ["The", "president", "said", "Lavrov", ".", "!", "“", "”", ",", "ı", "İ", "ſ", "K", "ß"]


def test_firsts_on_read_articles() -> None:
    rng = random.Random(11)
    lexicon = shipped()
    for _ in range(150):
        lines = []
        for _ in range(rng.randrange(1, 6)):
            line = " ".join(rng.choice(_WORDS) for _ in range(rng.randrange(0, 30)))
            lines.append(line)
        text = rng.choice(["\n", "\n\n", "\n \n"]).join(lines)
        noise = []
        if text and rng.random() < 0.5:
            a = rng.randrange(len(text))
            noise.append(Span(start=a, end=min(len(text), a + rng.randrange(1, 40))))
        article = Article(id="t", article="t.txt", path="t.txt", text=text, noise=noise)
        doc = read(article, lexicon)
        sent = doc.tk.sentence
        n = doc.tk.n
        assert _sentence_firsts(sent, n, doc.sent_bounds) == _firsts_as_before(sent, n)

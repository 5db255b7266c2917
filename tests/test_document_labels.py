"""`document._label_tokens` and `document._label_line` (the first ":" of the words after,
found in C) against the walks they replace, on random lines with labels ("Quote:",
"Also read:", "Editor's note:", "• Photo:"), colons anywhere and ı İ ſ K ß among the
words; and `read` on such text gives the same Doc as before (labels skipped)."""

from __future__ import annotations

import random

from talks.extract.document import _label_line, _label_tokens, read
from talks.extract.text import Range
from talks.extract.tokens import PUNCT, Tokens
from talks.lexicon import shipped
from talks.models import Article


def _label_tokens_as_before(tk: Tokens, paras: list[Range]) -> list[int]:
    labels = tk.vocab.words.get("non_speaker_labels", frozenset())
    out: list[int] = []
    for p in paras:
        a = tk.index(p.start)
        while a < tk.n and tk.flags[a] & PUNCT and tk.words[a] != ":":
            a += 1
        for c in range(a + 1, min(a + 4, tk.n)):
            if tk.words[c] == ":":
                if " ".join(tk.low[a:c]) in labels:
                    out.extend(range(a, c))
                break
    return out


def _label_line_as_before(tk: Tokens, a: int, b: int) -> bool:
    labels = tk.vocab.words.get("non_speaker_labels", frozenset())
    for c in range(a + 1, min(b, a + 4) + 1):
        if tk.words[c] == ":":
            return " ".join(tk.low[a:c]) in labels
    return False


_WORDS = (
    "Quote Also read Editor's note Photo Tags said Lavrov : : : • - , . ı İ ſ K ß the"
).split()


def test_labels_on_random_lines() -> None:
    rng = random.Random(9)
    lexicon = shipped()
    hits = 0
    for _ in range(400):
        lines = [
            " ".join(rng.choice(_WORDS) for _ in range(rng.randrange(0, 9)))
            for _ in range(rng.randrange(1, 6))
        ]
        text = "\n".join(lines)
        doc = read(Article(id="t", article="t.txt", path="t.txt", text=text), lexicon)
        tk = doc.tk
        paras = [Range(s, e) for s, e in _paragraphs(text)]
        assert _label_tokens(tk, paras) == _label_tokens_as_before(tk, paras)
        hits += len(_label_tokens_as_before(tk, paras))
        for _ in range(10):
            a = rng.randrange(tk.n + 1)
            b = rng.randrange(a - 1, tk.n) if tk.n else -1
            if a < tk.n:
                assert _label_line(tk, a, b) == _label_line_as_before(tk, a, b)
        for a, b in doc.sent_bounds:
            if a <= b:
                assert _label_line(tk, a, b) == _label_line_as_before(tk, a, b)
    assert hits > 20


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out

"""`quotes_direct._is_title` tests a quoted stretch's stops and the words before it in
C (substring tests, `str.endswith` over the title introducers) and reads the capitals
of its words only when a lower-case word follows it, with the answers of the first
reading."""

from __future__ import annotations

import random
from pathlib import Path

from talks.extract import quotes_direct
from talks.extract.document import Doc, read
from talks.extract.quotes_direct import _close_token, _open_token, _word_count
from talks.extract.tokens import CAP
from talks.ingest import load_path
from talks.lexicon import shipped

_ROOT = Path(__file__).resolve().parents[1]
_LETTERS = ["called", "dubbed", "known as", "the word", "ı", "İ", "ſ", "K", "ß", " ", "x", ".", "!"]


def _is_title_reference(doc: Doc, i: int) -> bool:
    """`_is_title` as first written."""
    tk = doc.tk
    o = _open_token(doc, i)
    content = tk.text[doc.segs[i].start : doc.segs[i].end].rstrip(",.")
    if any(c in content for c in ".!?") or _word_count(doc, i) > 8:
        return False
    before = tk.text[max(0, tk.starts[o] - 24) : tk.starts[o]].lower().rstrip()
    intro = tk.vocab.words.get("title_introducers", frozenset())
    if any(before.endswith(w) for w in intro):
        return True
    a, b = doc.seg_tokens[i]
    if tk.sentence[o] in tk.titled or a > b:
        return False
    major = [k for k in range(a, b + 1) if tk.words[k][0].isalpha() and len(tk.words[k]) > 3]
    after = _close_token(doc, i) + 1
    return (
        len(major) >= 2
        and all(tk.flags[k] & CAP for k in major)
        and after < tk.n
        and tk.words[after][0].islower()
    )


def test_endings_is_any_endswith() -> None:
    rng = random.Random(9)
    for _ in range(5_000):
        words = frozenset(rng.choices(_LETTERS, k=rng.randint(0, 4)))
        text = "".join(rng.choices(_LETTERS, k=rng.randint(0, 6)))
        ends = text.endswith(quotes_direct._endings(words))
        assert ends == any(text.endswith(w) for w in words)


def test_titles_are_those_of_the_first_reading() -> None:
    lexicon = shipped()
    articles = []
    for folder in (_ROOT / "data" / "seeds", _ROOT / "tests" / "fixtures" / "probe" / "articles"):
        for path in sorted(folder.iterdir()):
            if path.is_file() and path.name != "meta.yaml":
                articles.extend(load_path(path, lexicon=lexicon).all_articles())
    segments = 0
    for article in articles:
        doc = read(article, lexicon)
        for i in range(len(doc.segs)):
            assert quotes_direct._is_title(doc, i) == _is_title_reference(doc, i)
            segments += 1
    assert segments > 50

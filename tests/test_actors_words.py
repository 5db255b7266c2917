"""`actors._addressee` and `actors._Covered` against the plain code they replace, on
random text and spans."""

from __future__ import annotations

import random

from talks.extract.actors import _ADDRESSEE_VERBS, _addressee, _Covered


def _addressee_plain(text: str, pos: int) -> bool:
    words = text[max(0, pos - 60) : pos].split()
    for w in reversed(words[-5:]):
        w = w.strip("“”\"‘’'(,")
        if w[:1].isupper() and w.lower() not in _ADDRESSEE_VERBS:
            continue
        return w.lower() in _ADDRESSEE_VERBS
    return False


def test_addressee_as_the_plain_scan() -> None:
    words = [
        *"told Told TOLD urged asked the French President Emmanuel Macron Kyiv".split(),
        *"“Told” (urged ,asked ı İ ſ K ß é Élysée a of".split(),
        "",
    ]
    seps = [" ", "  ", "\n", "\u00a0", "\u2003", ", ", "\t", "", "\x1c"]
    rng = random.Random(17)
    hits = 0
    for _ in range(5000):
        text = "".join(rng.choice(words) + rng.choice(seps) for _ in range(rng.randint(0, 14)))
        for pos in {0, len(text), rng.randint(0, len(text))}:
            want = _addressee_plain(text, pos)
            assert _addressee(text, pos) == want, (text, pos)
            hits += want
    assert hits > 500


def test_covered_as_a_set_of_offsets() -> None:
    rng = random.Random(19)
    for _ in range(2000):
        spans = []
        for _ in range(rng.randint(0, 6)):
            a = rng.randint(0, 40)
            spans.append((a, a + rng.randint(0, 8)))
        taken = {i for a, b in spans for i in range(a, b)}
        covered = _Covered(spans)
        for pos in range(-2, 52):
            assert covered.covers(pos) == (pos in taken), (spans, pos)


def test_prev_word_before_only_white_space_is_none() -> None:
    from talks.extract.actors import _prev_word

    assert _prev_word("\x0bKyiv", 1) == ""
    assert _prev_word("\u2028\r Kyiv", 3) == ""
    assert _prev_word("talks with “Kyiv", 11) == "with"
    assert _prev_word("said the (Kremlin", 9) == "the"


def test_extract_with_only_white_space_before_a_party() -> None:
    from talks.extract import extract
    from talks.ingest import article_id
    from talks.lexicon import shipped
    from talks.models import Article

    text = "\x0bRussia said it would accept a ceasefire. Ukraine rejects the ceasefire."
    article = Article(id=article_id(text), article="x.txt", path="x.txt", text=text)
    _quotes, positions = extract(article, lexicon=shipped())
    assert positions

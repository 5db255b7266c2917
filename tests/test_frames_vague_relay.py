"""frames: the vague-source test kept per wording (`_vague_test`) and `_relay`, which
looks for a relay cue after the frame in C before walking the words, against the plain
tests they stand for, on random wordings and random text (ı İ ſ K ß among them)."""

from __future__ import annotations

import random
from copy import copy

import pytest

from talks.extract import frames
from talks.extract.document import read
from talks.extract.frames import Frame, _phrases_pattern, _relay, _vague_test
from talks.extract.phrases import PhraseReader
from talks.extract.tokens import CUEW, FINITE, Tokens
from talks.lexicon import shipped
from talks.models import Article

_WORDS = [
    "the", "officials", "sources", "people", "familiar", "with", "close", "to", "it", "he",
    "kremlin", "a", "source", "said", "ı", "i̇", "ſ", "k", "ß", "ss", "resources",
]  # fmt: skip


def _plain_vague(vague: frozenset[str], wording: str) -> bool:
    pattern = _phrases_pattern(frozenset(v for v in vague if " " in v))
    return wording.removeprefix("the ") in vague or (
        pattern is not None and pattern.search(wording) is not None
    )


@pytest.mark.parametrize("kept", [1, 3, 1 << 14])
def test_vague_test_is_the_plain_test(monkeypatch: pytest.MonkeyPatch, kept: int) -> None:
    monkeypatch.setattr(frames, "_VAGUE_KEPT", kept)
    rng = random.Random(kept)
    shipped_vague = shipped().words.get("vague_sources", [])
    lists = [
        frozenset(shipped_vague),
        frozenset(),
        frozenset({"officials", "people familiar with", "a source"}),
        frozenset({"ı", "ſ source", "ß"}),
    ]
    for vague in lists:
        frames._VAGUE.clear()
        test = _vague_test(vague)
        assert _vague_test(vague) is test  # (kept for the list)
        pool = [" ".join(rng.choice(_WORDS) for _ in range(rng.randrange(0, 5))) for _ in range(40)]
        pool += [w for v in sorted(vague) for w in (v, "the " + v, "a " + v, v + " said")]
        for _ in range(600):
            wording = rng.choice(pool)
            assert test(wording) == _plain_vague(vague, wording), wording


def _relay_walk(tk: Tokens, reader: PhraseReader, frame: Frame, hi: int) -> None:
    """`_relay` as it was: each word after the frame looked at in turn."""
    relay = tk.vocab.words.get("relay_cues", frozenset())
    s = frame.subject
    if s is not None and not frame.inverted and s.kind == "outlet":
        for k in range(s.end + 1, frame.a):
            if tk.low[k] in relay and tk.words[k - 1] == ",":
                frame.relay = reader.phrase_after(k + 1, frame.a - 1)
                return
    end = frame.end
    for k in range(end + 1, min(hi + 1, end + 8)):
        if tk.low[k] in relay:
            frame.relay = reader.phrase_after(k + 1, hi)
            return
        if tk.flags[k] & (FINITE | CUEW):
            return


_PIECES = [
    "Reuters", "Kowalski", "Tamm", "the minister", "said", "says", "told reporters", "citing",
    "quoting", "according to", "a source", "in the Ukrainian team", "officials", "and", "that",
    "the talks", "will", "go on", ",", ",", ".", "—", "ı", "İ", "ſ", "K", "ß",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(120))
def test_relay_is_the_walk_over_the_words_after_the_frame(seed: int) -> None:
    rng = random.Random(seed)
    text = " ".join(rng.choice(_PIECES) for _ in range(rng.randrange(3, 80)))
    doc = read(Article(id="t", article="t.txt", path="t.txt", text=text), shipped())
    tk = doc.tk
    for f in doc.frames:
        for hi in (doc.sent_bounds[f.sentence][1], tk.n - 1, min(f.end + 2, tk.n - 1)):
            a, b = copy(f), copy(f)
            a.relay = b.relay = None
            _relay(tk, doc.reader, a, hi)
            _relay_walk(tk, doc.reader, b, hi)
            want = None if b.relay is None else (b.relay.start, b.relay.end, b.relay.kind)
            got = None if a.relay is None else (a.relay.start, a.relay.end, a.relay.kind)
            assert got == want


def test_the_random_texts_have_relays() -> None:
    found = 0
    for seed in range(120):
        rng = random.Random(seed)
        text = " ".join(rng.choice(_PIECES) for _ in range(rng.randrange(3, 80)))
        doc = read(Article(id="t", article="t.txt", path="t.txt", text=text), shipped())
        found += sum(f.relay is not None for f in doc.frames)
    assert found > 10

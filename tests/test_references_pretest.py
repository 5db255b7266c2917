"""references' pre-test on the character after a cue against the plain regex chain it
guards, on random text: the same stances, sentence by sentence, as the old reading."""

from __future__ import annotations

import random
import re

import pytest

from talks.extract import extract, positions
from talks.extract import references as refs
from talks.extract.stance_doc import Doc, Found, Spans
from talks.extract.topic_lexicon import Hit
from talks.lexicon import shipped
from talks.models import Article

# letters whose case folding is special: ı İ ſ K (Kelvin) ß, and odd white space
_ODD = ["ı", "İ", "ſ", "\u212a", "ß", "ıt", "İt", "ſuch", "\xa0", "\u2028", "\x0b"]
_WORDS = [
    *"Russia Ukraine Kyiv Moscow Zelensky Peskov Rubio said says wants rejects rejected".split(),
    *"accepts accepted supports opposes backs denied welcomed refused ceasefire NATO".split(),
    *"it this that them the such a an these those idea proposal plan compromise is".split(),
    *"It This That The Such IT THIS would will he they there no any truce talks".split(),
    *"of on but and could be seen as an good step demand membership neutrality".split(),
]


def _text(rng: random.Random, n: int) -> str:
    seps = [" ", " ", " ", "  ", ", ", ". ", ": ", "\n", "\xa0", "\u2028", "", " that "]
    words = [rng.choice(_WORDS) if rng.random() < 0.9 else rng.choice(_ODD) for _ in range(n)]
    return "".join(w + rng.choice(seps) for w in words)


def _old_references(
    doc: Doc,
    s_lo: int,
    s_hi: int,
    masks: Spans,
    recent: list[str],
    signals: list[Hit],
) -> list[Found]:
    """Stances in clauses with no topic of their own that point back to one."""
    text = doc.text
    has_anaphor: bool | None = None  # looked up only when a verdict needs it
    out: list[Found] = []
    cue_info = doc.comp.cue_info
    for cue in doc.cue_index.within(s_lo, s_hi):
        if masks and refs.inside(cue.start, masks):
            continue
        info = cue_info[cue.index]
        verdict = info.verdict
        if info.kind == "neutral":
            continue
        # (the cheap tests first: most cues point back to nothing, and need no clause)
        if verdict:
            if signals:
                continue  # (a topic in the sentence: in the clause, or no verdict on one)
            if has_anaphor is None:
                has_anaphor = doc.comp.anaphor.search(text, s_lo, s_hi) is not None
            if not has_anaphor:
                continue
        elif not refs._OBJECT_IT.match(text, cue.end):
            ws = refs._SPACE.match(text, cue.end)
            if ws is None or not doc.comp.object_ref.match(text, ws.end()):
                continue
        c_lo, c_hi = doc.clause_of(cue.start, s_lo, s_hi)
        if any(c_lo <= s.start < c_hi for s in signals):
            continue  # the clause names its own topic
        earlier = [s for s in signals if s.end <= cue.start]
        if earlier:
            topic = doc.comp.signal_info[earlier[-1].index].topic
        elif verdict:  # "that idea … a compromise": a proposal named a little earlier
            topic = next((t for t in recent if t), "")
        else:  # "Rubio denied it": "it" is what the sentence before said, topic or none
            topic = recent[0] if recent else ""
        if not topic:
            continue
        found = refs._reference(doc, cue, topic, s_lo, s_hi, c_lo)
        if found is not None:
            out.append(found)
            if verdict:
                break  # one verdict per sentence
    return out


def test_references_read_as_the_regex_chain(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = {"all": 0, "found": 0}

    def both(
        doc: Doc, s_lo: int, s_hi: int, masks: Spans, recent: list[str], signals: list[Hit]
    ) -> list[Found]:
        new = refs.references(doc, s_lo, s_hi, masks, recent, signals)
        assert new == _old_references(doc, s_lo, s_hi, masks, recent, signals)
        calls["all"] += 1
        calls["found"] += bool(new)
        return new

    monkeypatch.setattr(positions, "references", both)
    lexicon = shipped()
    rng = random.Random(11)
    for i in range(400):
        text = _text(rng, rng.randint(5, 120))
        extract(
            Article(id=f"r{i}", article=f"r{i}.txt", path=f"r{i}.txt", text=text), lexicon=lexicon
        )
    assert calls["all"] > 1000 and calls["found"] > 20


def test_object_first_holds_every_letter_the_objects_begin_with() -> None:
    letters = {chr(c) for c in range(0x110000) if re.match("[its]", chr(c), re.I)}
    assert letters == refs._OBJECT_FIRST

"""`actors._starts`: the pronoun pattern, the lexicon's "the …" patterns and its document
patterns, tried only at the word starts that one reading of the folded view gives, find
what `finditer` over the whole text finds."""

from __future__ import annotations

import random
import re

from talks.extract.actors import _PRONOUN, _starts
from talks.extract.regex_shapes import folded, lowered, matches_at
from talks.extract.topic_lexicon import compiled
from talks.lexicon import shipped

_WORDS = [
    *"he He HE hE his His her Her she She it It its Its IT they They their Their".split(),
    *"we We our Our I i II Ih the The THE tHe thE them there other with its- -it _he 9it".split(),
    *"hers ı İ K ſ é ß “He” (it) I'm we're ıt ſhe İt Iſ tHe theır".split(),
    *"plan Plan PLAN draft drafted drafts document text peace memorandum communiqué".split(),
    *"handed hand over presented tabled put forward drew draw up set out by BY ſet".split(),
    *"proposed proposes circulated published laid unveiled submitted Russian".split(),
    *"delegation minister spokesman latest new 20-point revised framework roadmap".split(),
    *"the plan|The draft|the Plan|THE PLAN|the new peace plan|the 20-point plan".split("|"),
    *"the text|The document|the latest draft|the latest\u00a0revised  draft".split("|"),
    *"the pro-Kremlin delegation|The Latest draft|the ſide|the sıde|the 7-point-plan".split("|"),
    *"the\nteam|the new new new plan|the state|the Side|the_side|the-side".split("|"),
    *"the delegation|The minister|the Russian delegation|the chief negotiator".split("|"),
    *"plan drafted by|draft, put forward by the|document written by|memorandum sent by".split("|"),
    *"handed over its memorandum|tabled a draft|presented the peace plan|drew up a text".split("|"),
    *"PLAN DRAFTED BY|Draft Prepared By|plan ſubmitted by|handed over a framework".split("|"),
]
_SEPS = [" ", "  ", "\n", "-", "", ", ", "’", "\u00a0", "_", "9", "“", "(", ". ", "\t"]


def test_patterns_at_the_starts_match_as_finditer() -> None:
    comp = compiled(shipped())
    patterns = {
        _PRONOUN: 0,
        comp.doc_ref: 1,
        comp.bare_role: 1,
        comp.doc_by: 2,
        comp.doc_made: 3,
    }
    rng = random.Random(3)
    found = dict.fromkeys(patterns, 0)
    for _ in range(4000):
        text = "".join(rng.choice(_WORDS) + rng.choice(_SEPS) for _ in range(rng.randint(1, 14)))
        view = folded(text, lowered(text))
        starts = _starts(comp, view)
        if view is None:
            assert starts is None
            continue
        assert starts is not None
        for pattern, k in patterns.items():
            want = [m.span() for m in pattern.finditer(text)]
            assert [m.span() for m in matches_at(pattern, text, starts[k])] == want, text
            found[pattern] += len(want)
    assert min(found.values()) > 100, found  # (the texts hold matches of each)


def test_lowering_keeps_word_characters_white_space_and_digits() -> None:
    """What `_starts` relies on: where `str.lower` keeps a character one character, the
    lower-case one is a word character, white space, a digit exactly when it was."""
    classes = [re.compile(r"\w"), re.compile(r"\s"), re.compile(r"\d")]
    for code in range(0x110000):
        ch = chr(code)
        low = ch.lower()
        if len(low) == 1 and low != ch:
            for cls in classes:
                assert bool(cls.match(ch)) == bool(cls.match(low)), hex(code)

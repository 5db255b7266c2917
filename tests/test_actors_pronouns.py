"""`actors._pronouns`: the pronoun pattern tried only where a pronoun's letters stand
finds what `finditer` over the whole text finds."""

from __future__ import annotations

import random

from talks.extract.actors import _PRONOUN, _pronouns


def test_pronouns_at_their_letters_match_as_finditer() -> None:
    words = [
        *"he He HE hE his His her Her she She it It its Its IT they They their Their".split(),
        *"we We our Our I i II Ih the them there other with its- -it _he 9it hers".split(),
        *"ı İ K ſ é “He” (it) I'm we're".split(),
    ]
    rng = random.Random(3)
    found = 0
    for _ in range(3000):
        seps = [" ", "  ", "\n", "-", "", ", ", "’", "\u00a0"]
        text = "".join(rng.choice(words) + rng.choice(seps) for _ in range(rng.randint(1, 12)))
        want = [m.span() for m in _PRONOUN.finditer(text)]
        assert [m.span() for m in _pronouns(text, text.lower())] == want, text
        found += len(want)
    assert found > 3000  # (most texts hold some)

"""`regex_shapes.tagged_trie`: the trie matches where one of its words (with its tail)
does, and its last group names a word that matches there."""

from __future__ import annotations

import random
import re

from talks.extract.regex_shapes import tagged_trie


def test_tagged_trie_matches_where_its_words_do() -> None:
    rng = random.Random(11)
    letters = "abtheı "
    for _ in range(300):
        words = [
            ("".join(rng.choice(letters[:-1]) for _ in range(rng.randint(1, 4))), tail)
            for tail in rng.choices(["", r"\b", r"(?=\s)", "x?"], k=rng.randint(1, 6))
        ]
        trie = re.compile(tagged_trie(words))
        alone = [re.compile(re.escape(w) + tail) for w, tail in words]
        text = "".join(rng.choice(letters) for _ in range(30))
        for pos in range(len(text) + 1):
            m = trie.match(text, pos)
            fits = [i for i, p in enumerate(alone) if p.match(text, pos)]
            assert (m is not None) == bool(fits), (words, text, pos)
            if m is not None:
                assert m.lastgroup is not None
                assert int(m.lastgroup[1:]) in fits
    assert tagged_trie([]) == "(?!)"

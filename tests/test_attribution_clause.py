"""attribution._clause_like's test of the word endings before its verb look-ups
(-s, -ed) against the plain reading, on random text: the same answer at every token."""

from __future__ import annotations

import random

from talks.extract import attribution as attr
from talks.extract.frames import ADJUNCT_STARTS, QUOTE_PUNCT
from talks.extract.tokens import (
    CAP,
    CUEW,
    DET,
    FINITE,
    PREPOSITIONS,
    PRON,
    PUNCT,
    TITLE,
    Tokens,
    vocab_for,
)
from talks.lexicon import shipped

# letters whose case folding is special: ı İ ſ K (Kelvin) ß
_ODD = ["ı", "İ", "ſ", "\u212a", "ß", "markſ", "showeD", "İt", "ıs"]
_WORDS = [
    *"the talks showed new round marks a turning point border checks would resume her".split(),
    *"adviser , Mart Kask travel Mrs. Clinton Mr. Weiner's treatment of women demanded".split(),
    *"involved in by process often leaves already knew they he it rewards there was".split(),
    *'— including A B – said that “ ” " . officials wanted plans passes slowly class'.split(),
]


def _old_clause_like(tk: Tokens, k: int, hi: int) -> bool:
    """Does a zero-that clause start at k ("Russia saw that …", "the talks were …",
    "border checks would resume", "her adviser, Mart Kask, would travel", headline
    "new round marks a turning point")?"""
    f = tk.flags[k]
    if tk.words[k] in QUOTE_PUNCT:
        return True
    low = tk.low[k]
    if low in attr._SUBJECT_PRONOUNS or (f & FINITE and low.split("'")[0] in attr._FUSED_SUBJECTS):
        # "said they know …", "said he'd no longer …": a nominative pronoun (or one
        # fused with its auxiliary) after a cue can only open a clause
        return k + 1 <= hi and not tk.flags[k + 1] & PUNCT
    if low == "it" and k + 2 <= hi and attr._finite_form(tk, k + 1):
        return True  # "said it rewards …" (not "said it." or "called it a trap")
    if not (f & (PRON | CAP | DET) or low in ("there", "the")):
        # a bare plural or adjective subject ("border checks would …"), never an adjunct,
        # an infinitive or an adverb
        if f & (PUNCT | FINITE | CUEW) or low in ADJUNCT_STARTS or low in attr._NOT_SUBJECTS:
            return False
        if low.endswith("ly") or low.endswith("ing"):
            return False
    commas = 0
    plain = True  # only noun-phrase words since k: a verb after them is the clause's
    aside = -1  # the closing dash of an aside between dashes ("— including A, B —")
    for j in range(k, min(hi, k + 14) + 1):
        if j <= aside:
            continue
        if (tk.flags[j] & FINITE and j > k) or (tk.flags[j] & CUEW and j > k):
            return True
        if k < j <= k + 3 and (attr._past_tense(tk, j) or attr._present_verb(tk, j, hi)):
            return True  # "the talks showed …", "new round marks a …"
        if (
            plain
            and k + 3 < j <= k + 8
            and (attr._past_tense(tk, j) or attr._present_verb(tk, j, hi))
            and j + 1 <= hi
            and tk.low[j + 1] not in PREPOSITIONS
            and tk.low[j + 1] != "by"
        ):
            return True  # "Mr. Weiner's treatment of women demanded …", not "… involved in"
        if plain and j > k and attr._adverb_verb(tk, j, hi):
            return True  # "the process often leaves …"
        w = tk.words[j]
        if w == "." and j > k and tk.flags[j - 1] & TITLE and j + 1 <= hi and tk.flags[j + 1] & CAP:
            continue  # "Mrs. Clinton would …": the title's period ends no sentence
        if w in attr._ASIDE_MARKS and j > k and commas == 0 and not tk.glued(j):
            commas += 1  # an apposition or aside: "her adviser, Mart Kask, would …"
            plain = False
            if w != ",":
                aside = next((c for c in range(j + 1, min(hi, j + 20)) if tk.words[c] == w), -1)
            continue
        if w in attr._ASIDE_MARKS and commas == 1:
            commas += 1
            continue
        if tk.flags[j] & PUNCT and w not in QUOTE_PUNCT and w != "-" and not tk.glued(j):
            return False
        if j > k and tk.low[j] in PREPOSITIONS and tk.low[j] != "of":
            plain = False
        if j > k + 11 and commas == 0:
            return False  # (a subject of names and a PP: "a call between President X and Y could")
    return False


def test_clause_like_reads_as_before() -> None:
    vocab = vocab_for(shipped())
    rng = random.Random(31)
    answers = {True: 0, False: 0}
    for _ in range(300):
        n = rng.randint(1, 40)
        words = [rng.choice(_WORDS) if rng.random() < 0.9 else rng.choice(_ODD) for _ in range(n)]
        tk = Tokens(" ".join(words) + ".", vocab)
        for k in range(tk.n):
            for hi in range(k, tk.n):
                new = attr._clause_like(tk, k, hi)
                assert new == _old_clause_like(tk, k, hi)
                answers[new] += 1
    assert answers[True] > 5000 and answers[False] > 5000

"""The matching rules of the scorer (GUIDELINES.md, "How the scorer matches").

Pure functions over strings, shared by `talks.evaluate` and the benchmarks:
quote-text normalisation, token-overlap F1, one-to-one greedy matching, and the
speaker rule (surname or group head noun, up to spelling variants).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache

from rapidfuzz import fuzz

MATCH_F1 = 0.6
"""A predicted quote matches a gold quote of the same kind at this token F1 or above."""

MIN_DIRECT_WORDS = 3
"""Direct quotes with fewer words are not annotated, and ignored on both sides."""

SPEAKER_RATIO = 80.0
"""rapidfuzz ratio at or above which two name tokens are spelling variants."""

# Quotation marks of every style; apostrophes inside words are kept (as ').
_QUOTE_MARKS = '"“”„‟«»‹›〝〞＂'
_APOSTROPHES = "’‘‛ʼ`´"
_QUOTE_RE = re.compile(f"[{re.escape(_QUOTE_MARKS)}]")
_APOS_RE = re.compile(f"[{re.escape(_APOSTROPHES)}]")
_EDGE_PUNCT_RE = re.compile(r"^[^\w]+|[^\w]+$")
_NAME_WORD_RE = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")

# Words after which a speaker phrase's head noun has already been seen:
# "source in the Ukrainian team" -> "source"; "Edward Alden of the Council" -> "Alden".
_POSTMODIFIERS = frozenset(
    "of in from at for with close to on who which that near inside within".split()
)
_NAME_SUFFIXES = frozenset("jr sr ii iii iv".split())
_DETERMINERS = frozenset("the a an".split())


def fold(text: str) -> str:
    """Lower-case `text` and strip diacritics ("Zelenskyy" and "Zelenskýy" fold alike)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokens(text: str) -> list[str]:
    """The scorer's tokens of a quote text.

    Lower-cased; quotation marks removed; every whitespace-separated token
    stripped of surrounding punctuation; tokens left empty are dropped.
    Curly apostrophes become ' so "Russia’s" and "Russia's" are one token.
    """
    text = _QUOTE_RE.sub(" ", text.casefold())
    text = _APOS_RE.sub("'", text)
    out: list[str] = []
    for raw in text.split():
        tok = _EDGE_PUNCT_RE.sub("", raw)
        if tok:
            out.append(tok)
    return out


def normalise(text: str) -> str:
    """A quote text as the scorer compares it: its tokens joined by one space."""
    return " ".join(tokens(text))


def token_f1(a: Sequence[str], b: Sequence[str]) -> float:
    """Bag-of-tokens overlap F1 between two token sequences (0.0 when either is empty)."""
    if not a or not b:
        return 0.0
    common = sum((Counter(a) & Counter(b)).values())
    if common == 0:
        return 0.0
    precision = common / len(b)
    recall = common / len(a)
    return 2 * precision * recall / (precision + recall)


def match_pairs(
    gold: Sequence[Sequence[str]],
    predicted: Sequence[Sequence[str]],
    *,
    threshold: float = MATCH_F1,
    allowed: Callable[[int, int], bool] | None = None,
) -> list[tuple[int, int, float]]:
    """One-to-one matching of token sequences: `(gold index, predicted index, f1)`.

    Every pair at or above `threshold` is a candidate; the best F1 wins first,
    ties broken by gold then predicted index, so the result is deterministic.
    Each gold item and each prediction is used at most once. `allowed(i, j)`,
    when given, vetoes pairs (e.g. ones whose character spans do not overlap).
    """
    candidates: list[tuple[float, int, int]] = []
    gold_counts = [Counter(g) for g in gold]
    for j, p in enumerate(predicted):
        if not p:
            continue
        p_counts = Counter(p)
        for i, g in enumerate(gold):
            if not g or (allowed is not None and not allowed(i, j)):
                continue
            common = sum((gold_counts[i] & p_counts).values())
            if common == 0:
                continue
            precision, recall = common / len(p), common / len(g)
            f1 = 2 * precision * recall / (precision + recall)
            if f1 >= threshold:
                candidates.append((f1, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int, float]] = []
    for f1, i, j in candidates:
        if i in used_gold or j in used_pred:
            continue
        used_gold.add(i)
        used_pred.add(j)
        pairs.append((i, j, f1))
    pairs.sort()
    return pairs


@lru_cache(maxsize=4096)
def name_tokens(name: str) -> tuple[str, ...]:
    """Folded word tokens of a speaker name, without articles and name suffixes."""
    words = [w.removesuffix("'s") for w in _NAME_WORD_RE.findall(_APOS_RE.sub("'", fold(name)))]
    return tuple(w for w in words if w not in _DETERMINERS and w not in _NAME_SUFFIXES)


@lru_cache(maxsize=4096)
def head_token(name: str) -> str:
    """The head of a speaker phrase: the surname of a person, the head noun of a group.

    It is the last token before any post-modifier: "Volodymyr Zelensky" ->
    "zelensky", "Western officials" -> "officials", "source in the Ukrainian
    team" -> "source", "Kremlin representative" -> "representative".
    """
    toks = name_tokens(name.split(",")[0]) or name_tokens(name)
    head: list[str] = []
    for t in toks:
        if t in _POSTMODIFIERS and head:
            break
        head.append(t)
    return head[-1] if head else ""


def _similar(a: str, b: str) -> bool:
    return bool(a) and bool(b) and (a == b or fuzz.ratio(a, b) >= SPEAKER_RATIO)


def speaker_agrees(gold: str, predicted: str) -> bool:
    """Whether a predicted speaker is right for a gold speaker (GUIDELINES rule).

    Right when the gold head (a person's surname, a group's head noun) and the
    predicted head agree up to spelling and diacritics (ratio >= 80), or when
    any token of the predicted name agrees with the gold head ("Zelenskyy" vs
    "Volodymyr Zelensky"; "Western officials" vs "officials").
    """
    g = head_token(gold)
    if not g:
        return False
    if _similar(g, head_token(predicted)):
        return True
    return any(_similar(g, t) for t in name_tokens(predicted))

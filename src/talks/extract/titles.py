"""Titles as a role phrase is matched against them: words, head noun, current or former.

"The Ukrainian foreign minister" means a person whose title has the same head
("minister") and holds every other word ("foreign") as a whole word, held on the
article's date: Kuleba in 2022, Sybiha in 2025 (the lexicon's `since`/`until`).
"The former Estonian prime minister" means a title that ended before that date, or
one the text gives as former ("former president X"). A title whose words only
contain the role ("head of the Office of the President") is not that role: the
head of "X of Y" is X. A few set phrases stand for a title ("head of state" is the
president), from the word list `role_equivalents` ("head of state = president").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from talks.extract.speakers import fold
from talks.extract.tokens import _singular
from talks.lexicon import Role

PREPOSITIONS = frozenset("of for at from in with on to within inside under".split())
_SKIP = frozenset({"the", "a", "an", "and", "&"})
FORMER = frozenset({"former", "ex", "then", "one-time", "onetime", "erstwhile"})


@dataclass(frozen=True, slots=True)
class Title:
    """A title's words (singular, folded), its head noun, and whether it is past."""

    words: frozenset[str]
    head: str
    former: bool = False

    def fits(self, other: Title) -> bool:
        """Whether this title (of a phrase) names a holder of `other`: same head, every
        word found as a whole word, and both current or both former."""
        return self.head == other.head and self.words <= other.words and self.former == other.former

    def same_rank(self, other: Title) -> bool:
        """No lower rank than this title says: "the president" is no vice president,
        "the foreign minister" no deputy foreign minister (a preference: `coref.role`)."""
        return other.words & _RANKS <= self.words


# words that make a title a lower rank of the same office
_RANKS = frozenset("vice deputy assistant acting under junior associate sub".split())


def title_of(words: Sequence[str], *, former: bool = False) -> Title | None:
    """The Title of lower-case title words in order ("head of the Russian delegation",
    "deputy foreign minister"): the head is the last word before the first preposition."""
    kept: list[str] = []
    head: str | None = None
    for raw in words:
        w = _singular(fold(raw).strip(".,"))
        if not w or w in _SKIP:
            continue
        if w in FORMER:
            former = True
            continue
        if w in PREPOSITIONS:
            if head is None and kept:
                head = kept[-1]
            continue
        kept.extend(part for part in w.split("-") if part)
    if not kept:
        return None
    return Title(frozenset(kept), head or kept[-1], former)


def equivalents(lines: Iterable[str]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """The `role_equivalents` word list ("head of state = president") as word tuples."""
    out: dict[tuple[str, ...], tuple[str, ...]] = {}
    for line in lines:
        if "=" not in line:
            continue
        a, b = (tuple(fold(x).split()) for x in line.split("=", 1))
        if a and b:
            out[a] = b
    return out


def rewrite(words: Sequence[str], table: dict[tuple[str, ...], tuple[str, ...]]) -> list[str]:
    """Words with set phrases replaced by the titles they stand for."""
    low = [fold(w) for w in words]
    out: list[str] = []
    i = 0
    while i < len(low):
        for phrase, repl in table.items():
            if tuple(low[i : i + len(phrase)]) == phrase:
                out.extend(repl)
                i += len(phrase)
                break
        else:
            out.append(low[i])
            i += 1
    return out


def lexicon_titles(roles: Iterable[Role], published: dt.date | None) -> list[Title]:
    """A lexicon entry's titles on the article's date: current ones, and ended ones as
    former. With no date, every title counts as current (and none as former)."""
    out = []
    for role in roles:
        if published is not None and role.since is not None and role.since > published:
            continue  # not yet held
        ended = published is not None and role.until is not None and role.until < published
        t = title_of(role.title.split(), former=ended)
        if t is not None:
            out.append(t)
    return out

"""Known speakers and parties: name lookup that tolerates spelling, and sides.

`SpeakerIndex` resolves a mention ("Zelenskyy", "Sergey Lavrov", "Zelenskyhas",
"Dimitri Peskov") to a lexicon entry: exact alias first, then a
transliteration skeleton (diacritics folded, y/i, j/i, kh/h, doubled letters
collapsed), then a word glued on by scraping damage, and last rapidfuzz over the
few entries that share the first letters of the surname. `side_from_phrase`
reads a party off a noun phrase ("Russian negotiator", "Ukraine's President",
"US envoy") and leaves analysts and think tanks without one.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import fuzz

from talks.folding import APOSTROPHES as _APOSTROPHES
from talks.folding import fold as fold
from talks.lexicon import Lexicon, Party, SpeakerEntry

_WORD = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*\.?")
_SKELETON_RULES = (
    (re.compile(r"kh"), "h"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"ck"), "k"),
    (re.compile(r"[yj]"), "i"),
    (re.compile(r"w"), "v"),
    (re.compile(r"ie\b"), "i"),
    (re.compile(r"(.)\1+"), r"\1"),
)
_FUZZY_MIN = 86.0
_CACHE_SIZE = 8
_MEMO_SIZE = 1 << 15


@lru_cache(maxsize=1 << 16)
def skeleton(text: str) -> str:
    """A transliteration-tolerant key: Zelenskyy, Zelenskiy, Zelensky, Zelenski → zelenski."""
    s = re.sub(r"[^a-z ]", "", fold(text).replace("-", " "))
    for pattern, repl in _SKELETON_RULES:
        s = pattern.sub(repl, s)
    return " ".join(s.split())


def _strip_possessive(word: str) -> str:
    w = word.translate(_APOSTROPHES)
    if w.lower().endswith("'s"):
        return word[:-2]
    return word[:-1] if w.endswith("'") else word


def _same_initial(first: str, entry: SpeakerEntry) -> bool:
    """ "Vladimir Zelensky" may be Volodymyr Zelensky; "Melania Trump" is not Donald Trump."""
    initial = skeleton(first)[:1]
    names = (entry.name, *entry.aliases)
    return any(skeleton(n)[:1] == initial for n in names if " " in n)


class _Cache:
    """A small per-lexicon cache that keeps the lexicon alive, so ids are never reused."""

    def __init__(self) -> None:
        self._items: OrderedDict[int, tuple[object, object]] = OrderedDict()

    def get(self, key: object) -> object | None:
        hit = self._items.get(id(key))
        if hit is None or hit[0] is not key:
            return None
        self._items.move_to_end(id(key))
        return hit[1]

    def put(self, key: object, value: object) -> None:
        self._items[id(key)] = (key, value)
        while len(self._items) > _CACHE_SIZE:
            self._items.popitem(last=False)


_INDEX_CACHE = _Cache()
_PARTY_CACHE = _Cache()


class SpeakerIndex:
    """Lookup of lexicon speakers by any alias, spelling variant or surname."""

    def __init__(self, entries: Iterable[SpeakerEntry], *, words: dict[str, list[str]]) -> None:
        self.entries = list(entries)
        self._exact: dict[str, SpeakerEntry | None] = {}
        self._skeleton: dict[str, SpeakerEntry | None] = {}
        self._buckets: dict[str, list[tuple[str, SpeakerEntry]]] = {}
        self._memo: dict[str, SpeakerEntry | None] = {}
        self._titles = frozenset(w.casefold() for w in words.get("titles", ()))
        self._determiners = frozenset(w.casefold() for w in words.get("determiners", ()))
        self._glued = sorted(
            (fold(w) for w in words.get("glued_suffixes", ())), key=len, reverse=True
        )
        for entry in self.entries:
            for alias in (entry.name, *entry.aliases):
                self._add(self._exact, fold(alias), entry)
                key = skeleton(alias)
                if key:
                    self._add(self._skeleton, key, entry)
                    self._buckets.setdefault(key[:2], []).append((key, entry))

    @staticmethod
    def _add(table: dict[str, SpeakerEntry | None], key: str, entry: SpeakerEntry) -> None:
        # an alias two entries share names neither of them
        table[key] = None if key in table and table[key] is not entry else entry

    @classmethod
    def for_lexicon(cls, lexicon: Lexicon) -> SpeakerIndex:
        """The index of `lexicon`'s speakers, built once per lexicon object."""
        hit = _INDEX_CACHE.get(lexicon)
        if isinstance(hit, SpeakerIndex):
            return hit
        index = cls(lexicon.speakers, words=lexicon.words)
        _INDEX_CACHE.put(lexicon, index)
        return index

    def _clean(self, mention: str) -> list[str]:
        words = [_strip_possessive(w) for w in _WORD.findall(mention.translate(_APOSTROPHES))]
        words = [w.rstrip(".") if len(w) > 2 else w for w in words]
        while words and (
            words[0].casefold().rstrip(".") in self._determiners
            or (
                len(words) > 1
                and words[0].casefold().rstrip(".") in self._titles
                and words[0][:1].isupper()
            )
        ):
            words = words[1:]
        return words

    def _lookup(self, words: list[str]) -> SpeakerEntry | None:
        if not words:
            return None
        phrase = " ".join(words)
        hit = self._exact.get(fold(phrase))
        if hit is not None:
            return hit
        return self._skeleton.get(skeleton(phrase))

    def resolve(self, mention: str) -> SpeakerEntry | None:
        """The lexicon entry `mention` names, or None (also when it is ambiguous)."""
        if mention in self._memo:
            return self._memo[mention]
        if len(self._memo) > _MEMO_SIZE:
            self._memo.clear()
        hit = self._resolve(mention)
        self._memo[mention] = hit
        return hit

    def _resolve(self, mention: str) -> SpeakerEntry | None:
        hit = self._exact.get(fold(mention))
        if hit is not None:
            return hit
        words = self._clean(mention)
        if not words:
            return None
        hit = self._lookup(words)
        if hit is not None:
            return hit
        last = words[-1]
        # scraping damage: a function word glued to the name ("Zelenskyhas")
        low = fold(last)
        for suffix in self._glued:
            if low.endswith(suffix) and len(low) - len(suffix) >= 4:
                fixed = [*words[:-1], last[: len(last) - len(suffix)]]
                hit = self._lookup(fixed) or (self._lookup(fixed[-1:]) if len(fixed) > 1 else None)
                if hit is not None:
                    return hit
        if len(words) > 1:
            hit = self._lookup([last])
            if hit is not None and hit.kind == "person" and _same_initial(words[0], hit):
                return hit
        return self._fuzzy(words)

    def _fuzzy(self, words: list[str]) -> SpeakerEntry | None:
        key = skeleton(" ".join(words))
        last = skeleton(words[-1])
        if len(last) < 4:
            return None
        best: tuple[float, SpeakerEntry | None] = (0.0, None)
        probes = [(key, False)] if key == last else [(key, False), (last, True)]
        for probe, surname_only in probes:
            for cand, entry in self._buckets.get(probe[:2], ()):
                if (" " in cand) != (" " in probe):
                    continue
                if surname_only and not _same_initial(words[0], entry):
                    continue  # "Melania Zelensky" is not Volodymyr Zelensky
                score = fuzz.ratio(probe, cand)
                if score > best[0]:
                    best = (score, entry)
                elif score == best[0] and best[1] is not entry:
                    best = (score, None)
        return best[1] if best[0] >= _FUZZY_MIN else None

    def canonical(self, query: str) -> str | None:
        """The canonical name for any alias, spelling variant or surname of a speaker."""
        entry = self.resolve(query)
        return entry.name if entry is not None else None


# --- parties -----------------------------------------------------------------------


class PartyIndex:
    """Words that stand for a party: names, metonyms, adjectives and possessives."""

    def __init__(self, parties: Iterable[Party], *, words: dict[str, list[str]]) -> None:
        parties = list(parties)
        self.by_words: dict[tuple[str, ...], str] = {}
        self._memo: dict[str, str | None] = {}
        for party in parties:
            for form in (party.name, *party.names, *party.adjectives):
                key = tuple(fold(_strip_possessive(w)) for w in form.split())
                if key and key[0] in {"the"} and len(key) > 1:
                    key = key[1:]
                self.by_words.setdefault(key, party.name)
        self.longest = max((len(k) for k in self.by_words), default=1)
        names = {
            tuple(fold(_strip_possessive(w)) for w in form.split())
            for party in parties
            for form in (party.name, *party.names)
        }
        self.adjective_only = (
            frozenset(
                tuple(fold(_strip_possessive(w)) for w in form.split())
                for party in parties
                for form in party.adjectives
            )
            - names
        )
        self.independent = frozenset(fold(w) for w in words.get("independent_words", ()))
        self.role_words = frozenset(
            fold(w)
            for name in ("titles", "role_modifiers", "person_nouns", "group_nouns")
            for w in words.get(name, ())
        )

    @classmethod
    def for_lexicon(cls, lexicon: Lexicon) -> PartyIndex:
        hit = _PARTY_CACHE.get(lexicon)
        if isinstance(hit, PartyIndex):
            return hit
        index = cls(lexicon.parties, words=lexicon.words)
        _PARTY_CACHE.put(lexicon, index)
        return index

    def match(self, words: list[str], at: int) -> tuple[str, int] | None:
        """The party named by the words starting at `at`, and how many words it takes."""
        for n in range(min(self.longest, len(words) - at), 0, -1):
            key = tuple(fold(_strip_possessive(w)) for w in words[at : at + n])
            party = self.by_words.get(key)
            if party is not None:
                return party, n
        return None

    def side(self, phrase: str) -> str | None:
        """The party a noun phrase speaks for; None for none or for an independent."""
        if phrase in self._memo:
            return self._memo[phrase]
        if len(self._memo) > _MEMO_SIZE:
            self._memo.clear()
        side = self._side(phrase)
        self._memo[phrase] = side
        return side

    def _side(self, phrase: str) -> str | None:
        words = [w.rstrip(".") if len(w) > 3 else w for w in _WORD.findall(phrase)]
        folded = [fold(_strip_possessive(w)) for w in words]
        if any(w in self.independent for w in folded):
            return None
        i = 0
        while i < len(words):
            hit = self.match(words, i)
            if hit is None:
                i += 1
                continue
            party, n = hit
            j = i + n
            # "the Russian International Affairs Council": a party word opening a proper
            # name made of other capitalised words is part of an institution's name
            proper = j < len(words) and words[j][:1].isupper() and folded[j] not in self.role_words
            if not proper or self.match(words, j) is not None:
                return party
            i = j
        return None


def side_from_phrase(phrase: str, *, lexicon: Lexicon) -> str | None:
    """The party a noun phrase speaks for ("Russian negotiator" → Russia,
    "Kremlin spokesman" → Russia, "Ukraine's President" → Ukraine, "US envoy" →
    United States), or None when it names no party or an independent source
    (an analyst, a think tank, a university, an outlet)."""
    return PartyIndex.for_lexicon(lexicon).side(phrase)

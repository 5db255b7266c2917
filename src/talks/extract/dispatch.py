"""Matching many lexicon regexes fast: dispatch on the letters each can start with.

One alternation of a hundred patterns makes the regex engine try every branch
at every position of the text; that costs milliseconds per article. Instead,
each pattern's possible first letters (up to three, lower-cased) are worked
out once from its parse tree, and at each word start of the text only the
patterns whose prefix fits are tried. A pattern whose start cannot be told
(`\\w+ly`, a class of letters) is simply run over the whole text.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

# The stdlib's own regex parser (sre_parse before 3.11): a private module, so it is
# reached dynamically and anything unexpected from it just means "cannot dispatch".
try:
    _p: Any = importlib.import_module("re._parser")
    _c: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover
    _p = importlib.import_module("sre_parse")
    _c = importlib.import_module("sre_constants")

_K = 3  # prefix letters used for dispatch
_LIMIT = 400  # prefixes per pattern before giving up on dispatch


class _Unknown(Exception):
    """The pattern can start with too many things to dispatch on."""


Prefixes = set[tuple[str, bool]]  # (letters, may the next item extend them)


def _expand(items: Any, k: int, fold: bool) -> Prefixes:
    results: Prefixes = {("", True)}
    for op, av in list(items):
        new: Prefixes = set()
        for pre, open_ in results:
            if not open_ or len(pre) >= k:
                new.add((pre, False))
                continue
            for piece, piece_open in _first(op, av, k - len(pre), fold):
                word = pre + piece
                new.add((word, piece_open and len(word) < k))
        if len(new) > _LIMIT:
            raise _Unknown
        results = new
    return results


def _first(op: Any, av: Any, k: int, fold: bool) -> Prefixes:
    def ch(code: int) -> str:
        c = chr(code)
        return c.lower() if fold else c

    if op is _c.LITERAL:
        return {(ch(av), True)}
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return {("", True)}
    if op is _c.SUBPATTERN:
        return _expand(av[-1], k, fold)
    if op is _c.BRANCH:
        out: Prefixes = set()
        for branch in av[1]:
            out |= _expand(branch, k, fold)
        return out
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        lo, hi, body = av
        once = _expand(body, k, fold)
        if hi != 1:  # after one round the body may come again: stop there
            once = {(w, False) for w, _ in once}
        return once | {("", True)} if lo == 0 else once
    if op is _c.IN:
        chars = [ch(v) for o, v in av if o is _c.LITERAL]
        if len(chars) == len(av) and len(chars) <= 4:
            return {(c, True) for c in chars}
    return {("", False)}


def prefixes(pattern: str, flags: int = 0, *, fold: bool = True) -> set[str] | None:
    """The letters a match may start with (1-3 each; lower-cased when `fold`), or None
    when that cannot be told."""
    try:
        words = {w for w, _ in _expand(_p.parse(pattern, flags), _K, fold)}
    except (_Unknown, re.error, TypeError, ValueError):
        return None
    if not words or any(not w or not (w[0].isalnum() or w[0] == "_") for w in words):
        return None
    return words


@dataclass(slots=True, unsafe_hash=True)
class Hit:
    """One match of a lexicon entry in the text (treat as immutable: a plain slotted
    class because articles make many and frozen dataclasses are slow to build)."""

    start: int
    end: int
    index: int  # which entry matched


@dataclass(frozen=True)
class Family:
    """Patterns of one kind, matched like one alternation (earlier entries win ties)."""

    patterns: tuple[re.Pattern[str], ...]
    buckets: dict[str, tuple[int, ...]]  # first letters (1-3; lower-cased if fold) -> entries
    always: tuple[int, ...]  # entries whose start cannot be told: run over the whole text
    fold: bool  # matched case-insensitively

    @classmethod
    def build(cls, patterns: Iterable[str], *, flags: int = 0) -> Family:
        """Compile word-bounded `patterns`; work out where each can start."""
        compiled: list[re.Pattern[str]] = []
        buckets: dict[str, list[int]] = {}
        always: list[int] = []
        for i, pat in enumerate(patterns):
            compiled.append(re.compile(rf"(?<![\w-])(?:{pat})(?![\w-])", flags))
            heads = prefixes(pat, flags, fold=bool(flags & re.I))
            if heads is None:
                always.append(i)
                continue
            for h in heads:
                buckets.setdefault(h, []).append(i)
        return cls(
            tuple(compiled),
            {k: tuple(v) for k, v in buckets.items()},
            tuple(always),
            bool(flags & re.I),
        )

    def merge_always(self, text: str, hits: list[Hit]) -> list[Hit]:
        """Add the matches of patterns that cannot be dispatched, keeping leftmost-first."""
        found = list(hits)
        for i in self.always:
            found += [Hit(m.start(), m.end(), i) for m in self.patterns[i].finditer(text)]
        found.sort(key=lambda h: (h.start, h.index))
        out: list[Hit] = []
        end = -1
        for h in found:
            if h.start >= end:
                out.append(h)
                end = h.end
        return out


def _trie(words: Iterable[str]) -> str:
    """A regex that matches any of `words` (as a prefix), shaped as a trie: fast in `re`."""
    tree: dict[str, dict] = {}  # type: ignore[type-arg]
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:  # type: ignore[type-arg]
        if "" in node:
            return ""  # a key ends here: any longer key is not needed to find the position
        parts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items())]
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    return emit(tree) if tree else "(?!)"


class Literals:
    """Plain phrases matched case-sensitively, longest first, through one trie-shaped
    regex (the engine walks it letter by letter instead of trying every phrase)."""

    def __init__(self, phrases: Sequence[str]):
        self.index: dict[str, int] = {}
        for i, ph in enumerate(phrases):
            self.index.setdefault(" ".join(ph.split()), i)
        self.pattern = re.compile(rf"{_word_start_trie(self.index)}(?![\w-])")

    def scan(self, text: str) -> list[Hit]:
        index = self.index
        return [
            Hit(m.start(), m.end(), index[" ".join(m.group().split())])
            for m in self.pattern.finditer(text)
        ]


def _word_start_trie(words: Iterable[str]) -> str:
    """A regex for exactly `words` at a word start, longest alternatives tried first.

    The word-start test (no letter, digit or hyphen before) comes right after the first
    letter, as a look-behind over two characters: that way the pattern starts with plain
    letters, so the engine skips ahead to them in C instead of testing every position.
    """
    tree: dict[str, dict] = {}  # type: ignore[type-arg]
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:  # type: ignore[type-arg]
        parts = [
            (r"\s+" if ch == " " else re.escape(ch)) + emit(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not parts:
            return ""
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        if "" in node:  # a phrase ends here too: try the longer ones first
            return f"(?:{body})?" if len(parts) == 1 else body + "?"
        return body

    if not tree:
        return "(?!)"
    if "" in tree or " " in tree:  # an empty or space-led phrase: test the start first
        return rf"(?<![\w-])(?:{emit(tree)})"
    firsts = [re.escape(ch) + r"(?<![\w-].)" + emit(child) for ch, child in sorted(tree.items())]
    return "(?:" + "|".join(firsts) + ")"


def _ignorecase_extras(chars: str) -> dict[str, str]:
    """Characters other than its own case forms that re.IGNORECASE matches to an ASCII
    letter in `chars` ("ı" for "i", "ſ" for "s"): the regex compiler's own table."""
    try:
        table: dict[int, tuple[int, ...]] = importlib.import_module("re._casefix")._EXTRA_CASES
    except (ImportError, AttributeError):  # pragma: no cover - older layouts
        table = {0x69: (0x131,), 0x73: (0x17F,)}
    out: dict[str, str] = {}
    for k in sorted(set(chars.lower())):
        for extra in table.get(ord(k), ()):
            if not chr(extra).isascii():
                out[chr(extra)] = k
    return out


_Cand = tuple[int, int, re.Pattern[str]]  # family, entry, compiled pattern
_Try = tuple[int, int, Callable[[str, int], "re.Match[str] | None"]]  # family, entry, its match


def _first2(c: _Cand) -> tuple[int, int]:
    return c[0], c[1]


class Scanner:
    """Scans the text once for several families: only word starts whose first letters
    fit some pattern are tried, and found by one trie-shaped regex."""

    def __init__(self, families: Sequence[Family]):
        if len({f.fold for f in families}) > 1:
            raise ValueError("a Scanner's families must all fold case, or none")
        self.families = tuple(families)
        self.fold = bool(families) and families[0].fold
        merged: dict[str, list[tuple[int, int]]] = {}
        for f, fam in enumerate(self.families):
            for key, idxs in fam.buckets.items():
                merged.setdefault(key, []).extend((f, i) for i in idxs)
        self.buckets = {
            k: tuple((f, i, self.families[f].patterns[i]) for f, i in sorted(v))
            for k, v in merged.items()
        }
        self.lengths = tuple(sorted({len(k) for k in merged}, reverse=True))
        self.candidates = re.compile(rf"(?<![\w-])(?:{_trie(merged)})", re.I if self.fold else 0)
        # Case-insensitive matching costs the engine several times more than plain
        # matching, so a folding scanner with ASCII prefixes looks for them in the
        # lower-cased text instead (same offsets, see `_lowered`).
        self.lowered: re.Pattern[str] | None = None
        self.fixes: dict[str, str] = {}
        if self.fold and all(k.isascii() for k in merged):
            self.lowered = re.compile(rf"(?<![\w-])(?:{_trie(merged)})")
            self.fixes = _ignorecase_extras("".join(merged))
        self._memo: dict[str, tuple[_Try, ...]] = {}  # first letters -> patterns to try

    def _candidates(self, key: str) -> tuple[_Try, ...]:
        cands: set[_Cand] = set()
        for n in self.lengths:
            cands.update(self.buckets.get(key[:n], ()))
        return tuple((f, i, pattern.match) for f, i, pattern in sorted(cands, key=_first2))

    def scan(self, text: str) -> list[list[Hit]]:
        """Leftmost, non-overlapping matches per family, as `finditer` over an alternation
        of that family's patterns would give (the earlier entry wins at one start)."""
        found: list[list[Hit]] = [[] for _ in self.families]
        ends = [-1] * len(self.families)
        fold, memo = self.fold, self._memo
        for m in self._starts(text):
            p = m.start()
            key = text[p : p + _K].lower() if fold else text[p : p + _K]
            cands = memo.get(key)
            if cands is None:
                cands = memo[key] = self._candidates(key)
            for f, i, match in cands:
                if p < ends[f]:  # inside this family's last match (or one was found here)
                    continue
                hit = match(text, p)
                if hit is not None and (end := hit.end()) > p:
                    found[f].append(Hit(p, end, i))
                    ends[f] = end
        for f, fam in enumerate(self.families):
            if fam.always:
                found[f] = fam.merge_always(text, found[f])
        return found

    def _starts(self, text: str) -> Iterator[re.Match[str]]:
        """The candidate positions: `candidates.finditer(text)`, the same matches.

        In `low = text.lower()` an ASCII letter k sits exactly where the text has a
        character that matches k under re.IGNORECASE (the engine compares simple
        lower-case forms, plus a few extra pairs such as "ı" for "i", folded here too),
        as long as lowering kept every character one character long ("İ" does not);
        lowering also keeps letters letters, so the word-start test gives the same
        answer. Otherwise the case-insensitive pattern runs on the text itself.
        """
        if self.lowered is not None:
            low = text.lower()
            if len(low) == len(text):
                for extra, k in self.fixes.items():
                    if extra in low:
                        low = low.replace(extra, k)
                return self.lowered.finditer(low)
        return self.candidates.finditer(text)

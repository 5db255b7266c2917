"""The shapes of lexicon regexes: the letters a pattern can start with (read off its
parse tree), and word lists written as trie-shaped alternations.

Both serve `dispatch`: prefixes decide which patterns are worth trying at a word
start; a trie lets the regex engine read each letter once instead of trying every
alternative in turn.
"""

from __future__ import annotations

import importlib
import re
import string
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

# The stdlib's own regex parser (sre_parse before 3.11): a private module, so it is
# reached dynamically and anything unexpected from it just means "cannot dispatch".
try:
    _p: Any = importlib.import_module("re._parser")
    _c: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover
    _p = importlib.import_module("sre_parse")
    _c = importlib.import_module("sre_constants")

K = 3  # prefix letters used for dispatch
K_FINE = 8  # prefix letters that rule out most of the patterns tried at one word start
_LIMIT = 400  # prefixes per pattern before giving up on dispatch


class _Unknown(Exception):
    """The pattern can start with too many things to dispatch on."""


Prefixes = set[tuple[str, bool]]  # (letters, may the next item extend them)

# With `spaces`, a prefix reads every white space character (what `\s` matches, i.e.
# `str.isspace`) as " ": a word start is then told apart by the words after "the " or
# "in ", and the caller tests prefixes with white space read the same way (`SPACES`).
SPACES = {i: " " for i in range(0x3001) if chr(i).isspace()}  # (none above U+3000)
_SPACE_CLASS = [(_c.CATEGORY, _c.CATEGORY_SPACE)]


def _expand(items: Any, k: int, fold: bool, spaces: bool = False) -> Prefixes:
    results: Prefixes = {("", True)}
    for op, av in list(items):
        new: Prefixes = set()
        for pre, open_ in results:
            if not open_ or len(pre) >= k:
                new.add((pre, False))
                continue
            for piece, piece_open in _first(op, av, k - len(pre), fold, spaces):
                word = pre + piece
                new.add((word, piece_open and len(word) < k))
        if len(new) > _LIMIT:
            raise _Unknown
        results = new
    return results


def _first(op: Any, av: Any, k: int, fold: bool, spaces: bool) -> Prefixes:
    def ch(code: int) -> str:
        c = chr(code)
        if spaces and c.isspace():
            return " "
        return c.lower() if fold else c

    if op is _c.LITERAL:
        return {(ch(av), True)}
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return {("", True)}
    if op is _c.SUBPATTERN:
        return _expand(av[-1], k, fold, spaces)
    if op is _c.BRANCH:
        out: Prefixes = set()
        for branch in av[1]:
            out |= _expand(branch, k, fold, spaces)
        return out
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        lo, hi, body = av
        if spaces and hi != 1 and _is_space_class(body):
            # "\s+": one white space and what follows, or a second one (and anything)
            if lo >= 2:
                return {(" ", False)}
            runs = {(" ", True), ("  "[:k], False)}
            return runs | {("", True)} if lo == 0 else runs
        once = _expand(body, k, fold, spaces)
        if hi != 1:  # after one round the body may come again: stop there
            once = {(w, False) for w, _ in once}
        return once | {("", True)} if lo == 0 else once
    if op is _c.IN:
        if spaces and list(av) == _SPACE_CLASS:
            return {(" ", True)}
        chars = [ch(v) for o, v in av if o is _c.LITERAL]
        if len(chars) == len(av) and len(chars) <= 4:
            return {(c, True) for c in chars}
    return {("", False)}


@lru_cache(maxsize=64)
def _parse(pattern: str, flags: int) -> Any:
    """The parse tree of `pattern` (kept a moment: a pattern's prefixes are asked for
    twice, short and long, and parsing is most of the cost; the tree is only read)."""
    return _p.parse(pattern, flags)


def _is_space_class(items: Any) -> bool:
    """True for a repeat body that is exactly a white space class (backslash-s)."""
    body = list(items)
    return len(body) == 1 and body[0][0] is _c.IN and list(body[0][1]) == _SPACE_CLASS


def prefixes(
    pattern: str, flags: int = 0, *, fold: bool = True, k: int = K, spaces: bool = False
) -> set[str] | None:
    """The letters a match may start with (1-`k` each; lower-cased when `fold`), or None
    when that cannot be told. With `spaces`, white space counts as a letter, read as " "
    (see `SPACES`): every match, its white space so read, begins with one of them."""
    try:
        words = {w for w, _ in _expand(_parse(pattern, flags), k, fold, spaces)}
    except (_Unknown, re.error, TypeError, ValueError):
        return None
    if not words or any(not w or not (w[0].isalnum() or w[0] == "_") for w in words):
        return None
    return words


def sees_outside(pattern: str, flags: int = 0) -> bool:
    """False when every match of `pattern` in a slice of a text is a match at the same
    place in the whole text, provided the characters just outside the slice are no
    word characters: the pattern looks at nothing past its match but through `\\b` and
    `\\B`, and backtracks freely. True for negative look-arounds, other anchors,
    possessive repeats and atomic groups (and when that cannot be told)."""
    try:
        return _sees_outside(_p.parse(pattern, flags))
    except (re.error, TypeError, ValueError):
        return True


_INSIDE_AT = frozenset({_c.AT_BOUNDARY, _c.AT_NON_BOUNDARY})
_PLAIN_OPS = frozenset({_c.LITERAL, _c.NOT_LITERAL, _c.IN, _c.ANY})


def _sees_outside(items: Any) -> bool:
    for op, av in list(items):
        if op in _PLAIN_OPS or (op is _c.AT and av in _INSIDE_AT):
            continue
        if op is _c.SUBPATTERN:
            inner = av[-1]
        elif op is _c.ASSERT:  # a positive look-around holds in the whole text too
            inner = av[1]
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            inner = av[2]
        elif op is _c.BRANCH:
            if any(_sees_outside(b) for b in av[1]):
                return True
            continue
        else:  # negative look-arounds, anchors, possessive, atomic, back-references, ...
            return True
        if _sees_outside(inner):
            return True
    return False


def always_digit(pattern: str, flags: int = 0) -> bool:
    """True when every match of `pattern` takes a digit (a character `\\d` matches); False
    when it may not, or when that cannot be told."""
    try:
        return _takes_digit(_p.parse(pattern, flags))
    except (re.error, TypeError, ValueError):
        return False


def _takes_digit(items: Any) -> bool:
    return any(_item_takes_digit(op, av) for op, av in list(items))  # one item of a run


def _item_takes_digit(op: Any, av: Any) -> bool:
    if op is _c.IN:
        return bool(av) and all(
            (o is _c.CATEGORY and v is _c.CATEGORY_DIGIT)
            or (o is _c.RANGE and 48 <= v[0] <= v[1] <= 57)
            or (o is _c.LITERAL and 48 <= v <= 57)
            for o, v in av
        )
    if op is _c.LITERAL:
        return bool(48 <= av <= 57)
    if op is _c.SUBPATTERN:
        return _takes_digit(av[-1])
    if op is _c.BRANCH:
        return all(_takes_digit(branch) for branch in av[1])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        return bool(av[0] >= 1 and _takes_digit(av[2]))
    return False  # look-arounds take nothing; anything else: cannot be told


def trie(words: Iterable[str], *, spaces: bool = False) -> str:
    """A regex that matches any of `words` (as a prefix), shaped as a trie: fast in `re`.
    With `spaces`, a " " in a word stands for any white space character."""
    tree: dict[str, dict] = {}  # type: ignore[type-arg]
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:  # type: ignore[type-arg]
        if "" in node:
            return ""  # a key ends here: any longer key is not needed to find the position
        parts = [
            (r"\s" if spaces and ch == " " else re.escape(ch)) + emit(child)
            for ch, child in sorted(node.items())
        ]
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    return emit(tree) if tree else "(?!)"


def word_start_trie(words: Iterable[str]) -> str:
    """A regex for exactly `words` at a word start, longest alternatives tried first.

    The word-start test (no letter, digit or hyphen before) comes right after the first
    letter, as a look-behind over two characters: that way the pattern starts with plain
    letters, so the engine skips ahead to them in C instead of testing every position.
    """
    tree = _tree(words)
    if not tree:
        return "(?!)"
    if "" in tree or " " in tree:  # an empty or space-led phrase: test the start first
        return rf"(?<![\w-])(?:{_emit(tree)})"
    firsts = [re.escape(ch) + r"(?<![\w-].)" + _emit(child) for ch, child in sorted(tree.items())]
    return "(?:" + "|".join(firsts) + ")"


def phrase_trie(phrases: Iterable[str]) -> str:
    """A regex for any of `phrases` (a space stands for any white space), the longest one
    that fits tried first, as an alternation longest first would; shaped as a trie, so the
    engine reads each letter once instead of trying every phrase. "" for none."""
    return _emit(_tree(phrases))


def tagged_trie(words: Sequence[tuple[str, str]]) -> str:
    """A regex for any of `words`, pairs of letters and a tail (a regex to match after
    them), each pair's match closed by an empty group named "w" and its index in `words`
    (`Match.lastgroup` tells which one matched). Shaped as a trie: the engine reads each
    letter once; where some words end and others go on, those that end are tried first,
    in the order of `words`. "(?!)" for none."""
    tree: dict[str, Any] = {}
    for i, (letters, tail) in enumerate(words):
        node = tree
        for ch in letters:
            node = node.setdefault(ch, {})
        node.setdefault("", []).append(f"{tail}(?P<w{i}>)")

    def emit(node: dict[str, Any]) -> str:
        parts = [*node.get("", [])]
        parts += [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    return emit(tree) if tree else "(?!)"


_Tree = dict[str, "_Tree"]


def _tree(words: Iterable[str]) -> _Tree:
    tree: _Tree = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return tree


def _emit(node: _Tree) -> str:
    parts = [
        (r"\s+" if ch == " " else re.escape(ch)) + _emit(child)
        for ch, child in sorted(node.items())
        if ch
    ]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    if "" in node:  # a phrase ends here too: try the longer ones first
        return f"(?:{body})?" if len(parts) == 1 else body + "?"
    return body


def _extra_cases() -> dict[int, tuple[int, ...]]:
    """The regex compiler's table of the characters re.IGNORECASE matches to a character
    beyond its own case forms."""
    try:
        table: dict[int, tuple[int, ...]] = importlib.import_module("re._casefix")._EXTRA_CASES
    except (ImportError, AttributeError):  # pragma: no cover - older layouts
        table = {0x69: (0x131,), 0x73: (0x17F,), 0x131: (0x69,), 0x17F: (0x73,)}
    return table


def ignorecase_extras(chars: str) -> dict[str, str]:
    """Characters other than its own case forms that re.IGNORECASE matches to an ASCII
    letter in `chars` ("ı" for "i", "ſ" for "s"): the regex compiler's own table."""
    table = _extra_cases()
    out: dict[str, str] = {}
    for k in sorted(set(chars.lower())):
        for extra in table.get(ord(k), ()):
            if not chr(extra).isascii():
                out[chr(extra)] = k
    return out


def ascii_head(word: str) -> str:
    """`word` up to its first character other than ASCII."""
    for j, ch in enumerate(word):
        if not ch.isascii():
            return word[:j]
    return word


_EXTRAS: dict[str, str] | None = None


def start_heads(heads: Iterable[str]) -> tuple[str, ...] | None:
    """What `word_starts` looks for, for matches that begin with one of `heads`
    (lower-case phrases): the leading ASCII letters of each, none that another one
    begins (its places are found with that one's). None when some head has no leading
    ASCII letter: then the places cannot be told."""
    firsts = {ascii_head((h.split() or [""])[0]) for h in heads}
    if "" in firsts:
        return None
    kept: list[str] = []
    for h in sorted(firsts, key=lambda w: (len(w), w)):
        if not any(h.startswith(k) for k in kept):
            kept.append(h)
    return tuple(kept)


def pattern_heads(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """`start_heads` for every match of `pattern` (its prefixes read off the pattern), or
    None when they cannot be told."""
    words = prefixes(pattern.pattern, pattern.flags, fold=True, k=K_FINE)
    return start_heads(words) if words else None


def word_starts(text: str, low: str, firsts: Sequence[str]) -> list[int] | None:
    """Every offset where a case-insensitive match that begins with one of `firsts`
    (from `start_heads`) may start in `text`: where they stand in `low = text.lower()`
    (sorted; a superset). None when lowering changed the text's length."""
    view = folded(text, low)
    return None if view is None else heads_at(view, firsts)


def folded(text: str, low: str) -> str | None:
    """`low` (`text.lower()`) with the letters that re.IGNORECASE pairs with ASCII ones
    folded to them ("ı" matches "i"): each ASCII letter then stands exactly where the text
    has one that the case-insensitive engine sees as it. None when lowering changed the
    text's length (offsets would not agree)."""
    global _EXTRAS
    if len(low) != len(text):
        return None
    if _EXTRAS is None:
        _EXTRAS = ignorecase_extras(string.ascii_lowercase)
    for extra, k in _EXTRAS.items():
        if extra in low:
            low = low.replace(extra, k)
    return low


def heads_at(view: str, firsts: Sequence[str]) -> list[int]:
    """Every offset where one of `firsts` stands in `view` (sorted): `word_starts` when
    `view` is the text's `folded` view."""
    starts: set[int] = set()
    for h in firsts:
        i = view.find(h)
        while i >= 0:
            starts.add(i)
            i = view.find(h, i + 1)
    return sorted(starts)


_UNFOLDABLE = re.compile(r"[A-Z]|\\[0-9xuUN]")  # an upper-case letter, a coded character


def plain_twin(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """`pattern` without re.IGNORECASE, to match in a text's `folded` view what `pattern`
    matches in the text (same offsets; the groups read lower-case). It does for a pattern
    with no upper-case letter (nor a code for one) and no letter the engine pairs with one
    beyond its case forms but the ASCII ones that `folded` folds: the engine compares the
    lower-case form of a character of the text with the pattern's, which is the view's
    character there; and lowering keeps letters, digits and white space what they were.
    None for other patterns."""
    source = pattern.pattern
    if not pattern.flags & re.I or _UNFOLDABLE.search(source):
        return None
    extra = _extra_cases()
    if any(not c.isascii() and (c != c.lower() or ord(c) in extra) for c in set(source)):
        return None
    return re.compile(source, pattern.flags & ~re.I)


def finditer_at(
    pattern: re.Pattern[str], text: str, low: str, firsts: Sequence[str] | None
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a pattern whose every match is not empty and begins
    (case-insensitively) with one of the heads `firsts` stands for (`start_heads`; None:
    unknown), `low` being `text.lower()`: the same matches (leftmost, not overlapping),
    the pattern tried only where `word_starts` allows."""
    return matches_at(pattern, text, word_starts(text, low, firsts) if firsts is not None else None)


def matches_at(
    pattern: re.Pattern[str], text: str, starts: Sequence[int] | None
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a pattern whose every match is not empty and begins at
    one of `starts` (sorted, from `word_starts`; None: anywhere), the pattern tried only
    there (several patterns with the same heads share one list of starts)."""
    if starts is None:
        yield from pattern.finditer(text)
        return
    end = 0
    for p in starts:
        if p >= end and (m := pattern.match(text, p)) is not None:
            yield m
            end = m.end()


_LOWERED: list[tuple[str, str]] = []  # the last text `lowered` was asked for, lower-cased


def lowered(text: str) -> str:
    """`text.lower()`, kept for the last text asked for: the scan of an article's lexicon
    entries and its mention finder both read it (lowering costs about as much as one pass
    of a regex over the text). Only the latest one is kept: memory stays bounded."""
    hit = _LOWERED[0] if _LOWERED else None
    if hit is not None and hit[0] is text:
        return hit[1]
    low = text.lower()
    _LOWERED[:] = [(text, low)]
    return low

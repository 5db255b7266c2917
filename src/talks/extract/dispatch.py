"""Matching many lexicon regexes fast: dispatch on the letters each can start with.

One alternation of a hundred patterns makes the regex engine try every branch
at every position of the text; that costs milliseconds per article. Instead,
each pattern's possible first letters (up to three, lower-cased) are worked
out once from its parse tree (`regex_shapes.prefixes`), and at each word start
of the text only the patterns whose prefix fits are tried. A pattern whose
start cannot be told (`\\w+ly`, a class of letters) is simply run over the
whole text.

Case-insensitive families look for word starts in the lower-cased text with plain
patterns (several times quicker in `re`), and stop only where some pattern's longer
prefix (up to eight letters) begins; the hits are exactly those of the three-letter
dispatch (see `Scanner._scan_fine`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from talks.extract.regex_shapes import (
    K_FINE,
    SPACES,
    K,
    ascii_head,
    ignorecase_extras,
    phrase_trie,
    prefixes,
    trie,
    word_start_trie,
)

__all__ = ["Family", "Hit", "Literals", "Scanner", "prefixes"]


@dataclass(slots=True, unsafe_hash=True)
class Hit:
    """One match of a lexicon entry in the text (treat as immutable: a plain slotted
    class because articles make many and frozen dataclasses are slow to build)."""

    start: int
    end: int
    index: int  # which entry matched


@dataclass(frozen=True)
class Family:
    """Patterns of one kind, matched like one alternation (earlier entries win ties).

    Each entry is compiled when first tried (`pattern`): most runs meet only some of a
    lexicon's entries, and compiling all of them is a good part of start-up."""

    sources: tuple[str, ...]  # each entry's regex, word-bounded
    flags: int
    buckets: dict[str, tuple[int, ...]]  # first letters (1-3; lower-cased if fold) -> entries
    always: tuple[int, ...]  # entries whose start cannot be told: run over the whole text
    fold: bool  # matched case-insensitively
    # per entry, longer prefixes (up to K_FINE letters, each extending one of its
    # bucket keys; white space read as " ", `regex_shapes.SPACES`): a match starts with
    # one of them, so "the " + the next word tells apart entries that start with "the"
    fine: tuple[tuple[str, ...], ...] = ()
    _compiled: list[re.Pattern[str] | None] = field(default_factory=list, compare=False, repr=False)

    def pattern(self, i: int) -> re.Pattern[str]:
        """Entry `i`, compiled (once)."""
        if not self._compiled:
            self._compiled.extend([None] * len(self.sources))
        pat = self._compiled[i]
        if pat is None:
            pat = self._compiled[i] = re.compile(self.sources[i], self.flags)
        return pat

    @property
    def patterns(self) -> tuple[re.Pattern[str], ...]:
        """Every entry, compiled."""
        return tuple(self.pattern(i) for i in range(len(self.sources)))

    @classmethod
    def build(cls, patterns: Iterable[str], *, flags: int = 0) -> Family:
        """Word-bound `patterns` (compiled later); work out where each can start."""
        sources: list[str] = []
        buckets: dict[str, list[int]] = {}
        always: list[int] = []
        fine: list[tuple[str, ...]] = []
        fold = bool(flags & re.I)
        for i, pat in enumerate(patterns):
            sources.append(rf"(?<![\w-])(?:{pat})(?![\w-])")
            heads = prefixes(pat, flags, fold=fold)
            if heads is None:
                always.append(i)
                fine.append(())
                continue
            for h in heads:
                buckets.setdefault(h, []).append(i)
            longer = prefixes(pat, flags, fold=fold, k=K_FINE, spaces=True)
            short = tuple({h.translate(SPACES) for h in heads})  # (read as the longer ones)
            if longer is None or not all(w.startswith(short) for w in longer):
                longer = set(short)  # (cannot be told: the short ones do)
            fine.append(tuple(sorted(longer)))
        return cls(
            tuple(sources),
            flags,
            {k: tuple(v) for k, v in buckets.items()},
            tuple(always),
            fold,
            tuple(fine),
        )

    def merge_always(self, text: str, hits: list[Hit]) -> list[Hit]:
        """Add the matches of patterns that cannot be dispatched, keeping leftmost-first."""
        found = list(hits)
        for i in self.always:
            found += [Hit(m.start(), m.end(), i) for m in self.pattern(i).finditer(text)]
        found.sort(key=lambda h: (h.start, h.index))
        out: list[Hit] = []
        end = -1
        for h in found:
            if h.start >= end:
                out.append(h)
                end = h.end
        return out


class Literals:
    """Plain phrases matched case-sensitively, longest first, through one trie-shaped
    regex (the engine walks it letter by letter instead of trying every phrase).

    The engine stops at every character that can start a phrase: a few phrases that
    start with a small letter ("the Kremlin", "von der Leyen") make it stop at most
    letters of the text. So the phrases that start with a capital are looked for apart
    from the others, and those others by their first letter, each part led by the first
    word its phrases share ("the", "von": the engine then stops only where that word
    stands, `_led_trie`); the lists of matches are merged (`_apart`). At one offset only
    phrases of one part can match (they start with the character there), so the merge
    is what the whole pattern finds, unless a match the merge leaves out reached past
    the one that covers it (it may have hidden a match of its own part from that part's
    search): then the whole pattern is asked.
    """

    def __init__(self, phrases: Sequence[str]):
        self.index: dict[str, int] = {}
        for i, ph in enumerate(phrases):
            self.index.setdefault(" ".join(ph.split()), i)
        capital = [k for k in self.index if k[:1].isupper()]
        other = [k for k in self.index if not k[:1].isupper()]
        self.parts: tuple[re.Pattern[str], ...] | None = None
        if capital and other:
            by_first: dict[str, list[str]] = {}
            for k in other:
                by_first.setdefault(k[:1], []).append(k)
            if "" in by_first or len(by_first) > _LED_PARTS:
                led = [re.compile(rf"{word_start_trie(other)}(?![\w-])")]
            else:
                led = [_led_trie(group) for group in by_first.values()]
            self.parts = (re.compile(rf"{word_start_trie(capital)}(?![\w-])"), *led)

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The whole trie, compiled when first asked for: with parts it is only the
        fallback of the merge, and compiling a large trie is a good part of start-up."""
        return re.compile(rf"{word_start_trie(self.index)}(?![\w-])")

    def _apart(self, text: str) -> list[re.Match[str]] | None:
        """The matches of the whole pattern from the parts' searches (see above), or
        None when the merge cannot tell."""
        assert self.parts is not None
        found = [ms for part in self.parts if (ms := list(part.finditer(text)))]
        if len(found) < 2:
            return found[0] if found else []
        out: list[re.Match[str]] = []
        end = -1
        for m in sorted([m for ms in found for m in ms], key=re.Match.start):
            if m.start() >= end:
                out.append(m)
                end = m.end()
            elif m.end() > end:
                return None
        return out

    def scan(self, text: str) -> list[Hit]:
        index, get = self.index, self.index.get
        out = []
        apart = self._apart(text) if self.parts is not None else None
        for m in apart if apart is not None else self.pattern.finditer(text):
            found = m.group()
            i = get(found)  # (a phrase written with single spaces is its own key)
            out.append(
                Hit(m.start(), m.end(), i if i is not None else index[" ".join(found.split())])
            )
        return out


_LED_PARTS = 8  # first letters of lower-case phrases looked for apart (more: one trie)


def _led_trie(phrases: Sequence[str]) -> re.Pattern[str]:
    """`word_start_trie(phrases) + "(?![\\w-])"` for phrases that start with one letter,
    written to begin with the letters their first words share ("the" of "the Kremlin",
    "the West"), the word-start test after them: a pattern that begins with plain letters
    lets the engine look for those letters in C and stop only where they all stand."""
    firsts = [ph.split(" ")[0] for ph in phrases]
    lead = firsts[0]
    for w in firsts[1:]:
        while not w.startswith(lead):
            lead = lead[:-1]
    head = re.escape(lead)
    rest = phrase_trie([ph[len(lead) :] for ph in phrases])
    return re.compile(rf"{head}(?<![\w-]{head}){rest}(?![\w-])")


_Try = tuple[int, int, Callable[[str, int], "re.Match[str] | None"]]  # family, entry, its match
_TRIES_SIZE = 1 << 16  # windows kept before the table is emptied (memory stays bounded)
_FineTry = tuple[int, int, Callable[[str, int], "re.Match[str] | None"], tuple[str, ...]]
_WORDISH = re.compile(r"[\w-]")


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
        self.buckets = {k: tuple(sorted(v)) for k, v in merged.items()}
        self.lengths = tuple(sorted({len(k) for k in merged}, reverse=True))
        self._short_keys = trie(merged)  # (compiled when first needed: `candidates`)
        # Case-insensitive matching costs the engine several times more than plain
        # matching, so a folding scanner with ASCII prefixes looks for them in the
        # lower-cased text instead (same offsets, see `_lower`).
        self.lowers = self.fold and all(k.isascii() for k in merged)
        self.fixes: dict[str, str] = {}
        if self.lowers:
            self.fixes = ignorecase_extras("".join(merged))
        self._memo: dict[str, tuple[_Try, ...]] = {}  # first letters -> patterns to try
        # In the lower-cased text: the word starts where some entry's longer prefix
        # begins (a match found nowhere else), and the entries worth trying there.
        # (Cut at the first other than ASCII letter: only ASCII ones are known to sit in
        # the lower-cased text where the case-insensitive patterns see them.)
        self.fine: re.Pattern[str] | None = None
        self._fine_memo: dict[str, tuple[_FineTry, ...]] = {}
        self._tries: dict[str, tuple[_Try, ...]] = {}  # K_FINE letters -> entries to try
        self._fine_heads = tuple(
            tuple(tuple(sorted({ascii_head(w) for w in words})) for words in fam.fine)
            for fam in self.families
        )
        fine_keys = {w for fam in self._fine_heads for words in fam for w in words}
        if self.lowers and fine_keys and all(fine_keys):
            # (the character before the word start is matched, not looked behind at: a
            # pattern that starts with a character class lets the engine skip ahead in C)
            self.fine = re.compile(rf"[^\w-](?={trie(fine_keys, spaces=True)})")
        # A candidate match of three letters whose middle one ends a word ("e.u") hides
        # a word start right after it from the short-prefix search: keep that rule.
        self._hiding = frozenset(k[1] for k in merged if len(k) == 3 and not _WORDISH.match(k[1]))

    @cached_property
    def candidates(self) -> re.Pattern[str]:
        """Word starts where some entry's short prefix begins, in the text itself (a
        folding scanner mostly looks in the lower-cased text: compiled when needed)."""
        return re.compile(rf"(?<![\w-])(?:{self._short_keys})", re.I if self.fold else 0)

    @cached_property
    def lowered(self) -> re.Pattern[str]:
        """`candidates` for the lower-cased text of a folding scanner (`lowers`)."""
        return re.compile(rf"(?<![\w-])(?:{self._short_keys})")

    def _candidates(self, key: str) -> tuple[_Try, ...]:
        cands: set[tuple[int, int]] = set()
        for n in self.lengths:
            cands.update(self.buckets.get(key[:n], ()))
        fams = self.families
        return tuple((f, i, fams[f].pattern(i).match) for f, i in sorted(cands))

    def _fine_candidates(self, key: str) -> tuple[_FineTry, ...]:
        return tuple((f, i, match, self._fine_heads[f][i]) for f, i, match in self._candidates(key))

    def scan(self, text: str, low: str | None = None) -> list[list[Hit]]:
        """Leftmost, non-overlapping matches per family, as `finditer` over an alternation
        of that family's patterns would give (the earlier entry wins at one start); `low`:
        `text.lower()`, when the caller has it."""
        found: list[list[Hit]] = [[] for _ in self.families]
        ends = [-1] * len(self.families)
        lowered = self._lower(text, low)
        if lowered is not None and self.fine is not None:
            self._scan_fine(text, lowered[0], lowered[1], found, ends)
        else:
            self._scan_short(text, lowered[0] if lowered else None, found, ends)
        for f, fam in enumerate(self.families):
            if fam.always:
                found[f] = fam.merge_always(text, found[f])
        return found

    def _scan_short(
        self, text: str, low: str | None, found: list[list[Hit]], ends: list[int]
    ) -> None:
        fold, memo = self.fold, self._memo
        starts = self.candidates.finditer(text) if low is None else self._lowered(low)
        for m in starts:
            p = m.start()
            key = text[p : p + K].lower() if fold else text[p : p + K]
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

    def _scan_fine(
        self, text: str, low: str, fixed: bool, found: list[list[Hit]], ends: list[int]
    ) -> None:
        """`_scan_short` over fewer word starts and entries, with the same hits.

        Every word start `_scan_short` tries and where some entry matches is one where
        that entry's longer prefix begins, so it is found here too; and it is not one
        `_scan_short` skips (`_hidden`). There the same entries are tried in the same
        order, less those whose longer prefixes all fail: they could not match.
        """
        assert self.fine is not None
        memo, hiding = self._fine_memo, self._hiding
        starts = [m.end() for m in self.fine.finditer(low)]
        if self.fine.match(" " + low[:K_FINE]):  # (a key is at most K_FINE letters long)
            starts.insert(0, 0)
        # (the lower-cased text gives the same keys where it differs from lowering the
        # slice only in letters other than ASCII, which no key has: unless "ı" was folded)
        keys = text if fixed else low
        # Unless "ı" was folded, the entries worth trying at a start depend only on the
        # K_FINE letters there (the short key is their first K, and the longer prefixes
        # are tested against them): those lists are kept per K_FINE letters.
        tries = None if fixed else self._tries
        if tries is not None and len(tries) > _TRIES_SIZE:
            tries.clear()
        for p in starts:
            if hiding and p > 1 and low[p - 1] in hiding and self._hidden(low, p):
                continue
            if tries is not None:
                window = low[p : p + K_FINE]
                fits = tries.get(window)
                if fits is None:
                    fits = tries[window] = self._fitting(window)
                for f, i, match in fits:
                    if p < ends[f]:
                        continue
                    hit = match(text, p)
                    if hit is not None and (end := hit.end()) > p:
                        found[f].append(Hit(p, end, i))
                        ends[f] = end
                continue
            key = keys[p : p + K].lower() if fixed else keys[p : p + K]
            cands = memo.get(key)
            if cands is None:
                cands = memo[key] = self._fine_candidates(key)
            here = low[p : p + K_FINE].translate(SPACES)
            for f, i, match, heads in cands:
                if p < ends[f] or not here.startswith(heads):
                    continue
                hit = match(text, p)
                if hit is not None and (end := hit.end()) > p:
                    found[f].append(Hit(p, end, i))
                    ends[f] = end

    def _fitting(self, window: str) -> tuple[_Try, ...]:
        """The entries tried at a start where the lower-cased text reads `window` (its
        K_FINE letters): those of its short key whose longer prefixes fit it."""
        key = window[:K]
        cands = self._fine_memo.get(key)
        if cands is None:
            cands = self._fine_memo[key] = self._fine_candidates(key)
        spaced = window.translate(SPACES)  # (the longer prefixes read white space as " ")
        return tuple((f, i, match) for f, i, match, heads in cands if spaced.startswith(heads))

    def _hidden(self, low: str, p: int) -> bool:
        """True when the short-prefix search never reaches word start `p`: a match of
        three letters begins two before it, and is itself reached."""
        covering = 0  # how many matches, each two letters before the next, lead up to p
        q = p
        while q >= 2 and (m := self.lowered.match(low, q - 2)) is not None and m.end() > q:
            covering += 1
            q -= 2
        return covering % 2 == 1  # the first is reached, hides the second, ...

    def _lower(self, text: str, low: str | None = None) -> tuple[str, bool] | None:
        """The text lower-cased for the plain patterns (and whether an extra letter was
        folded), or None when the case-insensitive ones must run on the text itself.

        In `low = text.lower()` an ASCII letter k sits exactly where the text has a
        character that matches k under re.IGNORECASE (the engine compares simple
        lower-case forms, plus a few extra pairs such as "ı" for "i", folded here too),
        as long as lowering kept every character one character long ("İ" does not);
        lowering also keeps letters letters, so word-start tests give the same answers.
        """
        if not self.lowers:
            return None
        if low is None:
            low = text.lower()
        if len(low) != len(text):
            return None
        fixed = False
        for extra, k in self.fixes.items():
            if extra in low:
                low = low.replace(extra, k)
                fixed = True
        return low, fixed

    def _lowered(self, low: str) -> Iterator[re.Match[str]]:
        return self.lowered.finditer(low)

"""Paragraphs and sentences as spans over the original text.

Plain regular expressions rather than a sentence-splitting library: news prose
needs only a handful of rules (abbreviations, initials, quotes that close after
the full stop), and this runs at hundreds of thousands of sentences a second.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from talks.models import Span


class Range(NamedTuple):
    """A (start, end) pair read like a Span (`.start`, `.end`), cheap to make."""

    start: int
    end: int


_PARA = re.compile(r"[^\n]+")
# A sentence ends at . ! ? (optionally followed by closing quotes/brackets), then
# whitespace, then something that can start a sentence. A match starts only at the
# first mark of a run and takes the run whole (no mark or closer can stand where the
# lookahead wants white space, so giving some back never helps): a long run of
# "....." or "!?!?" is then tried once, not once per mark (quadratic). The pattern
# starts with the mark itself and looks back at the character before it only then:
# the engine skips ahead to the marks in C instead of testing every position. Group 1
# is the white space after the end: the next sentence starts where it stops.
_END = re.compile(r"""[.!?](?<![.!?].)[.!?]*+[”"’'»)\]]*+(?=(\s+)[“"‘'«(\[]?[A-Z0-9•\-–—])""")
# The longest sentence in hundreds of real news articles has about 600 characters. A
# longer stretch with no sentence end (a run of "Medinsky said Medinsky said …", a
# scraped table) is cut at white space into pieces of at most this many, which bounds
# the work every later stage does per sentence and keeps the whole run linear.
MAX_SENTENCE = 2000
_ABBREV = frozenset(
    """mr mrs ms dr prof sen rep gov gen lt col maj capt sgt st jr sr inc ltd corp co
    vs etc no nos fig approx dept univ est u.s u.k u.n e.u jan feb mar apr jun jul aug
    sep sept oct nov dec mt ft pres amb adm cmdr gov't govt rev msgr hon""".split()
)


def paragraphs(text: str) -> list[Span]:
    """Non-empty lines, as spans (news scrapes put one paragraph per line)."""
    return [Span(start=s, end=e) for s, e in paragraph_ranges(text)]


def paragraph_ranges(text: str) -> list[tuple[int, int]]:
    """`paragraphs` as (start, end) pairs."""
    cache = _cache_for(text)
    if cache.paragraphs is None:
        cache.paragraphs = [m.span() for m in _PARA.finditer(text) if not m.group().isspace()]
    return list(cache.paragraphs)


_NEAR = 40  # characters looked back for the space before a word (a bound per dot)


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at `dot` closes an abbreviation or an initial."""
    # the word before the dot: letters and dots back to a space, found in C when the
    # space is near (most words), else walked back one character at a time
    space = text.rfind(" ", max(0, dot - _NEAR), dot)
    if space >= 0 and text[space + 1 : dot].replace(".", "").isalpha():
        start = space + 1
    else:
        start = dot
        while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
            start -= 1
    word = text[start:dot].lower()
    if not word:
        return False
    if len(word) == 1 and word.isalpha():  # an initial: "J. Smith"
        return True
    if word in _ABBREV:
        return True
    # middle initials after a first name: "George H.W. Bush" (not "at 9 p.m. The");
    # the word before is found by walking back (a copy of the text before the dot
    # per full stop was quadratic)
    if "." not in word or not all(len(part) == 1 for part in word.split(".")):
        return False  # (no dot in it: a word of two letters or more)
    end = start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if not text[end - 1 : end].isalpha():
        return False
    begin = end
    while begin > 0 and not text[begin - 1].isspace():
        begin -= 1
    return text[begin].isupper()


def sentences(text: str, within: Sequence[Span] | None = None) -> list[Span]:
    """Sentence spans inside each paragraph (or inside `within`), whitespace trimmed."""
    ranges = None if within is None else [(p.start, p.end) for p in within]
    return [Span(start=s, end=e) for s, e in sentence_ranges(text, ranges)]


def sentence_ranges(
    text: str, within: Sequence[tuple[int, int]] | None = None
) -> list[tuple[int, int]]:
    """`sentences` as (start, end) pairs; `within` as (start, end) pairs too.

    The sentences of each paragraph are kept for the latest text seen (the quote and
    position stages of one article both split it)."""
    cache = _cache_for(text)
    done = cache.sentences
    out: list[tuple[int, int]] = []
    for para in paragraph_ranges(text) if within is None else within:
        found = done.get(para)
        if found is None:
            found = done[para] = _split(text, para[0], para[1])
        out += found
    return out


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    chunk = text[start:end]
    begin = 0
    for m in _END.finditer(chunk):
        at = m.start()
        if chunk[at] == "." and _is_abbreviation(chunk, at):
            continue
        stop = m.end()
        # (a sentence ends at its mark or closer and, but for the first, starts where
        # the white space of group 1 stops: only the first can need trimming)
        if stop - begin <= MAX_SENTENCE and not chunk[begin].isspace():
            out.append((start + begin, start + stop))
        else:
            _add(out, chunk, start, begin, stop)
        begin = m.end(1)
    _add(out, chunk, start, begin, len(chunk))
    return out


def _add(out: list[tuple[int, int]], chunk: str, offset: int, begin: int, end: int) -> None:
    while begin < end and chunk[begin].isspace():
        begin += 1
    while end > begin and chunk[end - 1].isspace():
        end -= 1
    while end - begin > MAX_SENTENCE:  # no real sentence: cut at white space
        cut = max(
            chunk.rfind(" ", begin + 1, begin + MAX_SENTENCE),
            chunk.rfind("\t", begin + 1, begin + MAX_SENTENCE),
        )
        cut = cut if cut > begin else begin + MAX_SENTENCE
        _add(out, chunk, offset, begin, cut)
        begin = cut
        while begin < end and chunk[begin].isspace():
            begin += 1
    if end > begin:
        out.append((offset + begin, offset + end))


class _Cache:
    """Paragraphs and per-paragraph sentences of one text."""

    __slots__ = ("paragraphs", "sentences", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.paragraphs: list[tuple[int, int]] | None = None
        self.sentences: dict[tuple[int, int], list[tuple[int, int]]] = {}


_last = _Cache("")


def _cache_for(text: str) -> _Cache:
    """The cache of `text` (the same string object), a fresh one for any other text."""
    global _last
    cache = _last
    if cache.text is not text:
        cache = _last = _Cache(text)
    return cache

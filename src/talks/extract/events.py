"""The calendar of negotiation rounds (`events.yaml`) read against a text.

Three uses, each requiring two cues that agree, because a wrong date costs more
than an unknown one:

- the year of a yearless wire dateline ("ISTANBUL, June 2. /TASS/."): the dateline's
  place names an event held on that day or up to two days before, in exactly one
  year, and the text backs it (a weekday of that date, the event's ordinal or
  alias, or its participants);
- a publication date from a relative day in the opening paragraphs ("the second
  round in Turku opened yesterday, Friday"): a sentence names one event (place,
  alias or ordinal) with a talks word, and its weekday is the event's;
- the round a quote or position refers to: its sentence names the event by an
  alias, by its place with a talks word, or by its ordinal; the latest such event
  on or before the publication date.
"""

from __future__ import annotations

import datetime as dt
import re
import string
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat

from talks.extract.regex_shapes import (
    ascii_head,
    finditer_at,
    ignorecase_extras,
    lowered,
    start_heads,
)
from talks.lexicon import Event, Lexicon, Party

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# how many days a dateline may fall after the event it reports (time zones, next-day copy)
DATELINE_LAG = 2
# where the opening paragraphs end: relative days further down date other things
LEDE_CHARS = 1200
_TALKS_NOUNS = r"talks|round|negotiations|meeting|summit|session|conference|format"
_TALKS = re.compile(
    r"\b(?:talks?|round|negotiat\w*|meeting|met|summit|delegations?|session|conference)\b", re.I
)
# "on Friday", "Friday", "yesterday, Friday", "yesterday (Friday)" (not "last/next/since Friday")
_DAY_EXPR = re.compile(
    r"(?<![\w-])(?:(?P<yest>yesterday)\s*[,(]?\s*)?(?P<on>on\s+)?"
    r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"|(?<![\w-])(?P<yonly>yesterday)\b",
    re.I,
)
_NOT_TODAY = re.compile(r"(?:last|next|since|until|till|by|before|after|every|this|from)\s+$", re.I)
_SENTENCE_SPLIT = re.compile(r"[^.!?\n]+")
_SENTENCE_END = re.compile(r"[.!?][”\"’]?(?:\s+|$)|\n")


_FOLD_TABLE: dict[int, str] = {}


def _fold_char(c: str) -> str:
    base = unicodedata.normalize("NFKD", c)[:1] or c
    low = base.lower()
    return low if len(low) == 1 else base


def fold(text: str) -> str:
    """Lower case without accents, one character for one (offsets stay valid)."""
    if text.isascii():
        return text.lower()
    table = _FOLD_TABLE
    for c in set(text):
        if not c.isascii() and ord(c) not in table:
            table[ord(c)] = _fold_char(c)
    out = text.translate(table).lower()
    if len(out) == len(text):
        return out
    return "".join(_fold_char(c) if not c.isascii() else c.lower() for c in text)


def _words(term: str) -> str:
    return r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in fold(term).split()) + r"(?![\w-])"


@dataclass(frozen=True, slots=True)
class _Terms:
    """The words that name one event."""

    event: Event
    place: re.Pattern[str]  # place, sites and aliases
    city: re.Pattern[str]  # the place as a place: "in Istanbul", "the Istanbul talks"
    alias: re.Pattern[str] | None  # aliases only (name the event without a talks word)
    ordinal: re.Pattern[str] | None
    firsts: frozenset[str]  # the first words of all its names, folded
    # the first (folded) word of the place, of each alias and of the ordinal: a pattern
    # is searched only in a sentence that holds one of its own
    place_head: str = ""
    alias_heads: tuple[str, ...] = ()
    ordinal_head: str = ""

    def alias_in(self, folded: str) -> bool:
        return (
            self.alias is not None
            and any(h in folded for h in self.alias_heads)
            and self.alias.search(folded) is not None
        )

    def city_in(self, folded: str) -> bool:
        return self.place_head in folded and self.city.search(folded) is not None

    def ordinal_in(self, folded: str) -> bool:
        return (
            self.ordinal is not None
            and self.ordinal_head in folded
            and self.ordinal.search(folded) is not None
        )


def _head(term: str) -> str:
    return (fold(term).split() or [""])[0]


class Calendar:
    """The events of one lexicon with their compiled name patterns."""

    def __init__(self, events: Sequence[Event], parties: Sequence[Party] = ()) -> None:
        self.events = list(events)
        # a party's names as one pattern, compiled when first needed (a gazetteer has
        # hundreds of parties; only datelines ever ask for a few of them)
        self._party_words = {p.name: (p.name, *p.names, *p.adjectives) for p in parties}
        self._party: dict[str, re.Pattern[str]] = {}
        terms = []
        every: list[str] = []
        for ev in self.events:
            places = [_words(p) for p in (ev.place, *ev.sites, *ev.aliases)]
            city = _words(ev.place)
            # "talks in Istanbul", "the Istanbul round": not "Washington will now ..."
            city = (
                rf"(?<![\w-])(?:in|at|near)\s+(?:the\s+)?{city}"
                rf"|{city}(?:'s?)?\s+(?:{_TALKS_NOUNS})\b"
            )
            aliases = [_words(a) for a in ev.aliases]
            ordinal = _words(ev.ordinal) if ev.ordinal else None
            every += places + ([ordinal] if ordinal else [])
            terms.append(
                _Terms(
                    ev,
                    re.compile("|".join(places)),
                    re.compile(city),
                    re.compile("|".join(aliases)) if aliases else None,
                    re.compile(ordinal) if ordinal else None,
                    frozenset(
                        fold(n).split()[0]
                        for n in (ev.place, *ev.sites, *ev.aliases, ev.ordinal or "")
                        if n.strip()
                    ),
                    _head(ev.place),
                    tuple(_head(a) for a in ev.aliases),
                    _head(ev.ordinal or ""),
                )
            )
        self._terms = terms
        self._any = re.compile("|".join(every)) if every else None
        # for `event_in`: the events by the first words of their names, and what each
        # one's tests search for (several rounds share a place or an ordinal: searched once)
        self._near: dict[str, tuple[int, ...]] = {}
        for i, t in enumerate(terms):
            for w in t.firsts:
                self._near[w] = (*self._near.get(w, ()), i)
        self._near_words = frozenset(self._near)
        self._tests = [
            (
                t.alias.pattern if t.alias is not None else None,
                t.ordinal.pattern if t.ordinal is not None else None,
                t.city.pattern,
            )
            for t in terms
        ]
        # one pass over a whole text: the words that can start an event's name
        # the names by their first word (lower case, as written and folded): a text's
        # words are looked up in C, and only names whose first word it holds are matched
        self._by_first: dict[str, set[str]] = {}
        for term in self._term_texts():
            for v in {term.lower(), fold(term)}:
                self._by_first.setdefault(v.split()[0], set()).add(v)
        # (a key that starts or ends with one of `_PUNCT` is never a stripped word)
        self._firsts = tuple(k for k in self._by_first if k and k.strip(_PUNCT) == k)
        # the first words of plain ASCII letters (no `_PUNCT` inside), looked up among
        # the words of a text's `_apart` bytes; the others are searched for one by one
        self._plain_firsts = {k.encode(): k for k in self._firsts if _plain(k)}
        self._plain_keys = frozenset(self._plain_firsts)
        self._other_firsts = tuple(k for k in self._firsts if not _plain(k))
        # the names of each first word as one pattern, and where the pattern may start:
        # the first word's leading ASCII letters ("" for one that has none)
        self._key_pattern = {k: _compile_names(_order(vs)) for k, vs in self._by_first.items()}
        self._key_head = {k: ascii_head(k) for k in self._by_first}

    def _term_texts(self) -> list[str]:
        out = []
        for ev in self.events:
            out += [ev.place, *ev.sites, *ev.aliases]
            if ev.ordinal:
                out.append(ev.ordinal)
        return [t for t in out if t.strip()]

    def mention_offsets(self, text: str) -> list[int]:
        """Offsets of the words in `text` that may start an event's name (sorted); a
        record whose sentence holds none of them names no event."""
        low = lowered(text)  # (the lexicon scan of the same text lowered it already)
        hits = self._standing(low)
        if not hits:
            return []
        names = tuple(sorted(set().union(*(self._by_first[w] for w in hits))))
        # (tried only where a name's first letters stand, not at every offset)
        at = self._key_at(text, low, hits)
        if at is None:
            pattern = _names_pattern(names)
            return [m.start() for m in finditer_at(pattern, text, low, start_heads(names))]
        # as `finditer_at` with `_names_pattern(names)`, without compiling that (most
        # texts hold a set of names of their own): where one first word's letters stand,
        # only its names can match, the first in `_order` as in that pattern
        out: list[int] = []
        end = 0
        for p in sorted(at):
            if p >= end:
                key = at[p]
                pattern = self._key_pattern[key] if key else _names_pattern(names)
                if (m := pattern.match(text, p)) is not None:
                    out.append(p)
                    end = m.end()
        return out

    def _standing(self, low: str) -> set[str]:
        """The first words of `_firsts` that `_stands_alone` finds in `low`."""
        plain = self._plain_firsts
        hits = {
            plain[w]
            for w in self._plain_keys.intersection(_apart(low))
            if _stands_alone(low, plain[w])
        }
        hits.update(k for k in self._other_firsts if k in low and _stands_alone(low, k))
        return hits

    def _key_at(self, text: str, low: str, keys: set[str]) -> dict[int, str] | None:
        """Where the leading ASCII letters of each first word in `keys` stand in `low`
        (`text.lower()`), found as `word_starts` finds them: offset -> that word, or ""
        where several stand. None when `word_starts` could not tell the places."""
        if len(low) != len(text) or any(not self._key_head[k] for k in keys):
            return None
        for extra, letter in _EXTRAS.items():  # ("ı" matches "i": see `word_starts`)
            if extra in low:
                low = low.replace(extra, letter)
        at: dict[int, str] = {}
        for k in keys:
            head = self._key_head[k]
            i = low.find(head)
            while i >= 0:
                at[i] = "" if i in at else k
                i = low.find(head, i + 1)
        return at

    def mentioned(self, folded: str) -> bool:
        """Whether folded text names any event's place, alias or ordinal (a fast pre-check)."""
        return self._any is not None and self._any.search(folded) is not None

    # --- yearless datelines ----------------------------------------------------------

    def dateline_year(self, place: str, month: int, day: int, text: str) -> int | None:
        """The year of a yearless dateline at `place` on month/day, or None.

        An event whose place or alias the dateline names, held on that day or up to
        `DATELINE_LAG` days before it, in one year only, and a second cue in the text:
        the weekday of that date in the opening paragraphs, the event's ordinal or an
        alias in the text, or all its participants named in the opening paragraphs.
        """
        where = fold(place)
        folded = fold(text)
        lede = folded[:LEDE_CHARS]
        years: set[int] = set()
        for t in self._terms:
            ev = t.event
            if not t.place.search(where):
                continue
            try:
                on = dt.date(ev.date.year, month, day)
            except ValueError:
                continue
            if not ev.date <= on <= ev.last_day() + dt.timedelta(days=DATELINE_LAG):
                continue
            if self._backed(t, on, lede, folded):
                years.add(on.year)
        return years.pop() if len(years) == 1 else None

    def _backed(self, t: _Terms, on: dt.date, lede: str, folded: str) -> bool:
        weekday = WEEKDAYS[on.weekday()]
        if re.search(rf"\b{weekday}\b", lede):
            return True
        if t.ordinal is not None and t.ordinal.search(folded):
            return True
        if t.alias is not None and t.alias.search(folded):
            return True
        parties = t.event.participants
        return len(parties) >= 2 and all(
            (pat := self._party_pattern(p)) is not None and pat.search(lede) for p in parties
        )

    def _party_pattern(self, party: str) -> re.Pattern[str] | None:
        """Any name of `party` as whole words (None for a party the lexicon lacks)."""
        pat = self._party.get(party)
        if pat is None and party in self._party_words:
            words = self._party_words[party]
            pat = self._party[party] = re.compile("|".join(_words(w) for w in words))
        return pat

    # --- relative days ---------------------------------------------------------------

    def relative_published(
        self, text: str, start: int = 0, *, dateline: str = ""
    ) -> tuple[dt.date, int, int] | None:
        """A publication date from the opening paragraphs (from `start`, `LEDE_CHARS`
        long): a sentence with a talks word naming an event twice over (its ordinal and
        its place, or its place under an undated place `dateline` such as "ISTANBUL (AP)
        —"), with a weekday that is the event's ("on Friday": that day; "yesterday,
        Friday": the day after). One date or None; with the span of the weekday."""
        where = fold(dateline)
        end = min(len(text), start + LEDE_CHARS)
        found: dict[dt.date, tuple[int, int]] = {}
        pos = start
        while pos < end:
            m = _SENTENCE_END.search(text, pos, end)
            s_end = m.end() if m else end
            sentence = fold(text[pos:s_end])
            if _TALKS.search(sentence):
                for when, a, b in self._sentence_dates(sentence, where):
                    found.setdefault(when, (pos + a, pos + b))
            pos = s_end if s_end > pos else pos + 1
        if len(found) != 1:
            return None
        ((when, (a, b)),) = found.items()
        return when, a, b

    def _sentence_dates(self, sentence: str, where: str) -> list[tuple[dt.date, int, int]]:
        if self._any is None or not self._any.search(sentence):
            return []
        events = [
            t.event
            for t in self._terms
            if self._names(t, sentence)
            and (
                (where and t.place.search(where))
                or (
                    t.ordinal is not None
                    and t.ordinal.search(sentence)
                    and t.place.search(sentence)
                )
            )
        ]
        out = []
        for m in _DAY_EXPR.finditer(sentence):
            if m.group("yonly") or _NOT_TODAY.search(sentence[max(0, m.start() - 8) : m.start()]):
                continue
            weekday = WEEKDAYS.index(m.group("weekday").lower())
            after = 1 if m.group("yest") else 0
            for ev in events:
                day = ev.date
                while day <= ev.last_day():
                    if day.weekday() == weekday:
                        out.append((day + dt.timedelta(days=after), m.start(), m.end()))
                    day += dt.timedelta(days=1)
        return out

    def later_event_named(self, text: str, when: dt.date) -> bool:
        """Whether the text names (by an alias, or its place in a sentence with a talks
        word) an event held after `when` and not also one held on or before it."""
        folded = fold(text)
        if self._any is None or not self._any.search(folded):
            return False
        for m in _SENTENCE_SPLIT.finditer(folded):
            sentence = m.group()
            talks = _TALKS.search(sentence) is not None
            named = [
                t.event
                for t in self._terms
                if (t.alias is not None and t.alias.search(sentence))
                or (talks and self._names(t, sentence))
            ]
            if named and all(ev.date > when for ev in named):
                return True
        return False

    @staticmethod
    def _names(t: _Terms, folded: str) -> bool:
        """Whether a (folded) sentence names the event: its place or an alias, or its
        ordinal ("the second round")."""
        if t.place.search(folded):
            return True
        return t.ordinal is not None and t.ordinal.search(folded) is not None

    # --- the round a record refers to ------------------------------------------------

    def event_in(self, sentence: str, published: dt.date | None) -> Event | None:
        """The event a sentence refers to: named by an alias, by its place ("talks in
        Istanbul"; a site such as "the White House" names no meeting) or its ordinal
        next to a talks word. Of several, the one named by an alias or ordinal, else the
        latest on or before `published`; with no publication date, only a single one."""
        folded = fold(sentence)
        found = set(map(str.strip, folded.split(), repeat(_PUNCT))) & self._near_words
        if not found:
            return None
        if len(found) == 1:
            near = self._near[found.pop()]
        else:
            near = tuple(sorted(set().union(*(self._near[w] for w in found))))
        talks = _TALKS.search(folded) is not None
        terms: list[_Terms] = []
        named: list[_Terms] = []
        numbered: list[_Terms] = []
        # each pattern searched once: a test's answer by its pattern (None: no such test)
        seen: dict[str | None, bool] = {None: False}
        for i in near:
            t = self._terms[i]
            alias_key, ordinal_key, city_key = self._tests[i]
            alias = seen.get(alias_key)
            if alias is None:
                alias = seen[alias_key] = t.alias_in(folded)
            ordinal = seen.get(ordinal_key)
            if ordinal is None:
                ordinal = seen[ordinal_key] = t.ordinal_in(folded)
            city: bool | None = False
            if not alias and talks and not ordinal:
                city = seen.get(city_key)
                if city is None:
                    city = seen[city_key] = t.city_in(folded)
            if alias or (talks and (ordinal or city)):
                terms.append(t)
                if alias:
                    named.append(t)
                if ordinal:
                    numbered.append(t)
        # "the second round in Istanbul": the round with that ordinal, if one is named
        hits = [t.event for t in (named or numbered or terms)]
        if published is not None:
            hits = [ev for ev in hits if ev.date <= published]
            return max(hits, key=lambda ev: ev.date) if hits else None
        return hits[0] if len(hits) == 1 else None


_PUNCT = "\"'“”‘’«»„()[]{},.;:!?/|…—–*•"


def _stands_alone(low: str, word: str) -> bool:
    """Whether some white-space separated word of `low`, stripped of `_PUNCT`, is `word`
    (which neither starts nor ends with one of `_PUNCT`)."""
    n = len(low)
    i = low.find(word)
    while i >= 0:
        a, b = i, i + len(word)
        while a > 0 and not low[a - 1].isspace() and low[a - 1] in _PUNCT:
            a -= 1
        while b < n and not low[b].isspace() and low[b] in _PUNCT:
            b += 1
        if (a == 0 or low[a - 1].isspace()) and (b == n or low[b].isspace()):
            return True
        i = low.find(word, i + 1)
    return False


# every byte that is no ASCII letter of a word: the bytes of non-ASCII characters,
# ASCII white space that `str.split` knows and `bytes.split` does not, `_PUNCT`'s ASCII
_APART = bytes(32 if b >= 0x80 or 0x1C <= b <= 0x1F or chr(b) in _PUNCT else b for b in range(256))


def _plain(word: str) -> bool:
    return word.isascii() and not any(c in _PUNCT or c.isspace() for c in word)


def _apart(low: str) -> list[bytes]:
    """The words of `low` in UTF-8 with every byte of `_APART` read as white space: a
    word of `low` that is a `_plain` word once stripped of `_PUNCT` is one of them (a
    quick look-up in C, where a search of the text per word cost more)."""
    return low.encode("utf-8", "surrogatepass").translate(_APART).split()


def _order(names: set[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Names in the order they are tried: the longest first, then alphabetically."""
    return tuple(sorted(sorted(names), key=len, reverse=True))


@lru_cache(maxsize=256)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """Any of these (lower-case) names as whole words, ignoring case (a space is any
    white space), tried in `_order`."""
    return _compile_names(_order(names))


def _compile_names(ordered: tuple[str, ...]) -> re.Pattern[str]:
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.I)


_EXTRAS = ignorecase_extras(string.ascii_lowercase)


class _Cache:
    """One Calendar per event list (kept alive with it, so ids are never reused)."""

    def __init__(self) -> None:
        self._items: dict[int, tuple[object, Calendar]] = {}

    def get(self, events: list[Event], parties: list[Party]) -> Calendar:
        hit = self._items.get(id(events))
        if hit is not None and hit[0] is events:
            return hit[1]
        if len(self._items) > 8:
            self._items.clear()
        cal = Calendar(events, parties)
        self._items[id(events)] = (events, cal)
        return cal


_CACHE = _Cache()


def calendar(lexicon: Lexicon) -> Calendar:
    """The (cached) Calendar of a lexicon's events and parties."""
    return _CACHE.get(lexicon.events, lexicon.parties)

"""Positions: which party supports or opposes which proposition, and where it says so.

Topics, their signals and the stance cues are data (`lexicons/topics.yaml`).
Each sentence is read clause by clause (`stance`): a topic signal, the chain of
cues that governs it and the holder make one position. Two constructions reach
past one clause (`references`): an appositive that re-attributes the
proposition before it, and a clause that judges or answers a proposal named
earlier ("that idea … a compromise", "Russia rejects it").

Statement dates come from the quote a position stands in, else from the
sentence (`dates.statement_date`), else the publication date.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from collections.abc import Callable, Sequence

from talks.extract import record_id
from talks.extract.dates import statement_date
from talks.extract.lists import Intro, inline_items, item_positions, list_items, own_voice
from talks.extract.references import APPOSITIVE, appositives, references
from talks.extract.speakers import _Cache
from talks.extract.stance import Doc, Found, inside, positions_at
from talks.extract.stance_shapes import PARTICIPIAL
from talks.extract.text import sentence_ranges
from talks.extract.topic_lexicon import Compiled, Hit, compiled, scan_signals
from talks.lexicon import Lexicon
from talks.models import Article, DateBasis, Position, Quote, Span

_PAREN = re.compile(r"\([^()]*\)")
# a dash-delimited aside: "European leaders – including A, B and NATO's C – pressed for …"
_DASHES = re.compile(r"\s[–—]\s[^–—\n]{1,200}?\s[–—]\s")
_WITH_PHRASE = re.compile(r",\s+(?:together\s+|along\s+)?with\s+[^,;.]{1,60},")
_LOOKBACK_SENTENCES = 3  # how far back "that idea" may refer
# records validated from a dict of their fields by the models' own validators: what
# `Model(**fields)` does, without the Python frame of BaseModel.__init__
_new_span: Callable[[dict[str, int]], Span] = Span.__pydantic_validator__.validate_python
_new_position: Callable[[dict[str, object]], Position] = (
    Position.__pydantic_validator__.validate_python
)


def topics_in(text: str, *, lexicon: Lexicon) -> tuple[str, ...]:
    """The topic keys whose signals occur in `text`, in lexicon order."""
    comp = compiled(lexicon)
    hits = scan_signals(comp, text)
    if not hits:
        return ()
    found = {comp.signal_info[h.index].topic for h in hits}
    return tuple(k for k in comp.topic_keys if k in found)


def _wordish(c: str) -> bool:
    """Whether the character `c` is a word character or a hyphen (what `[\\w-]` matches)."""
    return c.isalnum() or c == "_" or c == "-"


class _Reading:
    """What `QuoteTopics` reads of one compiled lexicon, worked out once for it: the
    rank in `topic_keys` of each signal's topic (None when the keys repeat), and for each
    outlier entry its pattern and a search for the heads it may start with (None: any
    quote is tried), with a search for all those heads."""

    def __init__(self, comp: Compiled) -> None:
        first: dict[str, int] = {}
        for r, key in enumerate(comp.topic_keys):
            first.setdefault(key, r)
        self.keys = comp.topic_keys
        self.rank: list[int] | None = None
        if len(first) == len(comp.topic_keys):
            self.rank = [first.get(info.topic, -1) for info in comp.signal_info]
        self.outliers: list[tuple[re.Pattern[str], re.Pattern[str] | None]] = []
        every: list[str] = []
        for i, heads in comp.signal_outliers:
            look = None
            if heads is not None:
                look = re.compile("|".join(map(re.escape, heads)) or "(?!)")
                every += heads
            self.outliers.append((comp.signals.pattern(i), look))
        # (None when some outlier is tried on any quote)
        self.any_head: re.Pattern[str] | None = None
        if all(look is not None for _, look in self.outliers):
            self.any_head = re.compile("|".join(map(re.escape, every)) or "(?!)")

    def topics(self, comp: Compiled, hits: Sequence[Hit]) -> tuple[str, ...]:
        """The topic keys of `hits`, in lexicon order."""
        rank = self.rank
        if rank is None:
            found = {comp.signal_info[h.index].topic for h in hits}
            return tuple(k for k in comp.topic_keys if k in found)
        keys = self.keys
        return tuple([keys[r] for r in sorted({rank[h.index] for h in hits}) if r >= 0])


_READINGS = _Cache()


def _reading(comp: Compiled) -> _Reading:
    hit = _READINGS.get(comp)
    if isinstance(hit, _Reading):
        return hit
    reading = _Reading(comp)
    _READINGS.put(comp, reading)
    return reading


class QuoteTopics:
    """`topics_in` for the quotes of one text, read off the signals found in the whole
    text (`scan_all`, done once for the position stage anyway) where that gives the same.

    A quote of one span that stands apart from the words around it (no word character
    or hyphen just outside) holds the signals the whole text's scan found inside it, and
    no others, when none of them crosses its edges: a match in the quote is a match at
    the same place in the whole text, and scanning left to right each one starts where
    the whole text's scan is free too. That fails only for entries that look past their
    match: those a quote may match on its own (`Compiled.signal_outliers`) are tried on
    the quote itself, and a hit of one that looks ahead or behind
    (`Compiled.signal_lookers`) sends the quote to a scan of its own, as a crossing hit
    or a quote of several spans does.
    """

    def __init__(self, text: str, signals: Sequence[Hit], *, lexicon: Lexicon) -> None:
        self.text = text
        self.lexicon = lexicon
        self.comp = compiled(lexicon)
        self.reading = _reading(self.comp)
        self.hits = list(signals)
        self.starts = [h.start for h in self.hits]
        self.ends = [h.end for h in self.hits]
        # (one family's hits never overlap: should they, every quote is scanned)
        self.apart = all(a.end <= b.start for a, b in itertools.pairwise(self.hits))

    def of(self, words: str, spans: Sequence[tuple[int, int]]) -> tuple[str, ...]:
        """`topics_in(words)` for the quote text `words` taken from `spans`."""
        inside = self._inside(*spans[0], words) if len(spans) == 1 else None
        if inside is None:
            inside = scan_signals(self.comp, words)
        if not inside:
            return ()
        return self.reading.topics(self.comp, inside)

    def _inside(self, start: int, end: int, words: str | None = None) -> list[Hit] | None:
        """The whole text's signals in [start, end) (the quote `words`, when the caller has
        them) when they are the quote's own (see above), else None."""
        text = self.text
        if not self.apart:
            return None
        if (start > 0 and _wordish(text[start - 1])) or (end < len(text) and _wordish(text[end])):
            return None
        # the hits that overlap [start, end) (their starts and ends both ascend)
        a = bisect.bisect_right(self.ends, start)
        inside = self.hits[a : bisect.bisect_left(self.starts, end, a)]
        if inside:
            if inside[0].start < start or inside[-1].end > end:
                return None
            lookers = self.comp.signal_lookers
            for h in inside:
                if h.index in lookers:
                    return None
        reading = self.reading
        if words is None:
            words = text[start:end]
        # (an ASCII quote holds a match only where one of the entry's first letters stand)
        low = words.lower() if words.isascii() else None
        if low is not None and reading.any_head is not None and not reading.any_head.search(low):
            return inside
        for pattern, look in reading.outliers:
            if low is not None and look is not None and not look.search(low):
                continue
            if pattern.search(words):
                return None
        return inside


def extract_positions(
    article: Article,
    quotes: Sequence[Quote],
    *,
    lexicon: Lexicon,
    scanned: tuple[list[Hit], ...] | None = None,
) -> list[Position]:
    """Every position stated in `article`, in text order (`scanned`: what `scan_all` finds
    in its text, when the caller has it)."""
    comp = compiled(lexicon)
    doc = Doc(article, quotes, comp, comp.party_names, scanned)
    if not doc.signals:
        return []
    found: list[Found] = []
    items = list_items(doc)  # paragraphs of colon-introduced lists, with their intro
    recent: list[str] = []  # the first topic of each recent sentence ("" when none)
    for lo, hi in sentence_ranges(doc.text):
        starting = doc.signal_index.starting(lo, hi)
        if not starting and not doc.cue_index.within(lo, hi):
            # no topic, no cue: nothing below can fire (positions_at needs a signal,
            # appositives and references a cue of this sentence); keep this in step
            recent = ["", *recent][:_LOOKBACK_SENTENCES]
            continue
        masks, apps = _masks(doc.text, lo, hi)
        signals = [h for h in starting if not inside(h.start, masks)] if masks else starting
        here: list[Found] = []
        intro = _intro_of(items, lo)
        if intro is not None and intro.document and own_voice(doc, lo, hi):
            intro = None  # "• Russia said it would …": the item's own view, not the document's
        if intro is not None:
            here += item_positions(doc, lo, hi, intro)
        else:
            inline = inline_items(doc, lo, hi)  # "Moscow's demands: a neutral Ukraine, no …"
            if inline is not None:
                here += inline[1]
            for sig in signals:
                if inline is None or sig.start < inline[0]:
                    here += positions_at(doc, sig, lo, hi, masks)
        here += appositives(doc, lo, hi, here, apps)
        here += references(doc, lo, hi, masks, recent, signals)
        topic = comp.signal_info[signals[0].index].topic if signals else ""
        recent = [topic, *recent][:_LOOKBACK_SENTENCES]
        found += here
    return _records(article, doc, found)


def _masks(text: str, lo: int, hi: int) -> tuple[list[tuple[int, int]], list[re.Match[str]]]:
    """The stretches of the sentence [lo, hi) that comment on its clause and do not govern
    it: parentheticals, dashed asides, appositives, participles with an agent and "with"
    phrases; with the appositives' matches."""
    # (each shape is looked for only where the marks and the word it needs stand)
    masks: list[tuple[int, int]] = []
    if text.find("(", lo, hi) >= 0:
        masks += [(m.start(), m.end()) for m in _PAREN.finditer(text, lo, hi)]
    if text.find("–", lo, hi) >= 0 or text.find("—", lo, hi) >= 0:
        masks += [(m.start() + 1, m.end() - 1) for m in _DASHES.finditer(text, lo, hi)]
    apps: list[re.Match[str]] = []
    if text.find(",", lo, hi) < 0:
        return masks, apps
    if text.find("that", lo, hi) >= 0 or text.find("which", lo, hi) >= 0:
        apps = list(APPOSITIVE.finditer(text, lo, hi))
        masks += [(m.start(), m.end()) for m in apps]
    # "…, backed by Warsaw, …": a co-holder (stance.positions_at), not a governor
    if text.find("by", lo, hi) >= 0:
        masks += [(m.start(), m.end()) for m in PARTICIPIAL.finditer(text, lo, hi)]
    # "France stood ready, with its European partners, to …": company, not the holder
    if text.find("with", lo, hi) >= 0:
        masks += [(m.start(), m.end()) for m in _WITH_PHRASE.finditer(text, lo, hi)]
    return masks, apps


def _intro_of(items: dict[tuple[int, int], Intro], pos: int) -> Intro | None:
    """The intro of the list item paragraph that holds `pos`, if any."""
    for (a, b), intro in items.items():
        if a <= pos < b:
            return intro
    return None


def _records(article: Article, doc: Doc, found: list[Found]) -> list[Position]:
    text = doc.text
    out: list[Position] = []
    seen: dict[tuple[str, str, str], list[tuple[int, int]]] = {}
    dates: dict[int, tuple[dt.date | None, DateBasis]] = {}  # (co-holders share a start)
    for f in found:
        start, end = f.start, f.end
        while start < end and (text[start].isspace() or text[start] in ",;:"):
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        # one record per triple and stretch of text: "an Austrian or Swedish version of a
        # neutral state" names neutrality twice
        spans = seen.setdefault((f.actor.party, f.topic, f.stance), [])
        if start >= end or any(a < end and start < b for a, b in spans):
            continue
        spans.append((start, end))
        date: dt.date | None
        basis: DateBasis
        if f.quote is not None and f.quote.date is not None:
            date, basis = f.quote.date, f.quote.date_basis
        else:
            dated = dates.get(start)
            if dated is None:
                dated = dates[start] = statement_date(text, start, article.published)
            date, basis = dated
        party = f.actor.party
        out.append(
            _new_position(
                {
                    # (the parts joined as record_id joins them: the same id)
                    "id": record_id(
                        "p",
                        f"{article.id}\x1f{party}\x1f{f.topic}\x1f{f.stance}\x1f{start}\x1f{end}",
                    ),
                    "article": article.article,
                    "article_id": article.id,
                    "path": article.path,
                    "actor": party,
                    "topic": f.topic,
                    "stance": f.stance,
                    "conditional": f.conditional,
                    "holder": f.actor.holder,
                    "date": date,
                    "date_basis": basis,
                    "evidence": text[start:end],
                    "span": _new_span({"start": start, "end": end}),
                    "quote_id": f.quote.id if f.quote is not None else None,
                }
            )
        )
    out.sort(key=lambda p: (p.span.start, p.span.end, p.topic))
    return out

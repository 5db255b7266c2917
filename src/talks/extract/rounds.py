"""The negotiation round a quote or position refers to (`event`), when its sentence
names one: by an alias ("the Alaska summit"), or by its place or ordinal next to a
talks word ("the talks in Istanbul", "the second round"). Of several rounds with
that name, the latest held on or before the article's date; with no date, only a
name that fits one round. A position without a round of its own takes its quote's.

Cost: one look-up of the text's words finds the few sentences that may name a round
(most texts name none); records are then placed among those sentences by offset, and
only a sentence that holds a record is read for its round.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from itertools import pairwise

from talks.extract.dates import sentence_bounds
from talks.extract.events import calendar
from talks.lexicon import Lexicon
from talks.models import Article, Position, Quote


def with_events(
    article: Article, quotes: Sequence[Quote], positions: Sequence[Position], *, lexicon: Lexicon
) -> tuple[list[Quote], list[Position]]:
    """The records with `event` set where their sentence names a known round."""
    if not quotes and not positions:
        return [], []
    cal = calendar(lexicon)
    text = article.text
    found = sorted({sentence_bounds(text, m) for m in cal.mention_offsets(text)})
    if not found:
        return list(quotes), list(positions)  # most articles name no known round
    names: dict[tuple[int, int], str] = {}  # (start, end) of a sentence -> round or ""

    def name_of(bounds: tuple[int, int]) -> str:
        name = names.get(bounds)
        if name is None:
            ev = cal.event_in(text[bounds[0] : bounds[1]], article.published)
            name = names[bounds] = ev.name if ev is not None else ""
        return name

    event_at = _event_at(found, name_of)
    out_quotes: list[Quote] = []
    by_id: dict[str, str | None] = {}
    for q in quotes:
        name = event_at(q.spans[0].start, q.spans[-1].end) if q.spans else None
        by_id[q.id] = name
        out_quotes.append(q.model_copy(update={"event": name}) if name else q)
    out_positions: list[Position] = []
    for p in positions:
        name = event_at(p.span.start, p.span.end) or (by_id.get(p.quote_id) if p.quote_id else None)
        out_positions.append(p.model_copy(update={"event": name}) if name else p)
    return out_quotes, out_positions


def _event_at(
    found: list[tuple[int, int]], name_of: Callable[[tuple[int, int]], str]
) -> Callable[[int, int], str | None]:
    """The round of the first sentence of `found` (sorted) that names one and overlaps
    [start, end). A sentence is read (`name_of`) only when a record overlaps it, as long
    as the sentences do not overlap each other (they may past a line's reach: then all
    are read first)."""
    if all(b <= a for (_, b), (a, _) in pairwise(found)):
        ends = [b for _, b in found]

        def lazily(start: int, end: int) -> str | None:
            i = bisect_left(ends, start + 1)
            while i < len(found) and found[i][0] < end:
                if name := name_of(found[i]):
                    return name
                i += 1
            return None

        return lazily
    named = [(a, b, name) for a, b in found if (name := name_of((a, b)))]
    named_ends = [b for _, b, _ in named]

    def at(start: int, end: int) -> str | None:
        i = bisect_left(named_ends, start + 1)
        if i < len(named) and named[i][0] < end:
            return named[i][2]
        return None

    return at

"""The negotiation round a quote or position refers to (`event`), when its sentence
names one: by an alias ("the Alaska summit"), or by its place or ordinal next to a
talks word ("the talks in Istanbul", "the second round"). Of several rounds with
that name, the latest held on or before the article's date; with no date, only a
name that fits one round. A position without a round of its own takes its quote's.

Cost: one look-up of the text's words finds the few sentences that name a round
(most texts name none); records are then placed among those sentences by offset.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from talks.extract.dates import sentence_bounds
from talks.extract.events import calendar
from talks.lexicon import Lexicon
from talks.models import Article, Position, Quote


def with_events(
    article: Article, quotes: Sequence[Quote], positions: Sequence[Position], *, lexicon: Lexicon
) -> tuple[list[Quote], list[Position]]:
    """The records with `event` set where their sentence names a known round."""
    cal = calendar(lexicon)
    text = article.text
    sentences: dict[tuple[int, int], str] = {}  # (start, end) of a sentence -> round
    for m in cal.mention_offsets(text):
        bounds = sentence_bounds(text, m)
        if bounds not in sentences:
            ev = cal.event_in(text[bounds[0] : bounds[1]], article.published)
            sentences[bounds] = ev.name if ev is not None else ""
    named = sorted((a, b, name) for (a, b), name in sentences.items() if name)
    if not named:
        return list(quotes), list(positions)  # most articles name no known round
    ends = [b for _, b, _ in named]

    def event_at(start: int, end: int) -> str | None:
        """The round of the first naming sentence that overlaps [start, end)."""
        i = bisect_left(ends, start + 1)
        if i < len(named) and named[i][0] < end:
            return named[i][2]
        return None

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

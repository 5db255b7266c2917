"""The negotiation round a quote or position refers to (`event`), when its sentence
names one: by an alias ("the Alaska summit"), or by its place or ordinal next to a
talks word ("the talks in Istanbul", "the second round"). Of several rounds with
that name, the latest held on or before the article's date; with no date, only a
name that fits one round. A position without a round of its own takes its quote's.
"""

from __future__ import annotations

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
    memo: dict[tuple[int, int], str | None] = {}
    mentions = cal.mentions(text)

    def event_at(start: int, end: int) -> str | None:
        a, _ = sentence_bounds(text, start)
        _, b = sentence_bounds(text, max(start, end - 1))
        key = (a, b)
        if key not in memo:
            named = mentions.may_name(a, b)
            ev = cal.event_in(text[a:b], article.published) if named else None
            memo[key] = ev.name if ev is not None else None
        return memo[key]

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

"""`rounds.with_events` reads only the sentences records stand in, with the same result
as reading every sentence that may name a round."""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect_left
from collections.abc import Sequence

from talks.extract import holders, masked
from talks.extract.dates import sentence_bounds
from talks.extract.events import calendar
from talks.extract.positions import extract_positions
from talks.extract.quotes import extract_quotes
from talks.extract.rounds import with_events
from talks.extract.topic_lexicon import compiled, scan_all
from talks.ingest import article_id
from talks.lexicon import Lexicon, shipped
from talks.models import Article, Position, Quote, Span

_SENTENCES = [
    "“The talks in Istanbul were hard,” Sergei Lavrov said.",
    "The delegations met in the Dolmabahce palace on Friday.",
    "Dmytro Kuleba said the second round in Istanbul brought nothing.",
    "“We met at the Alaska summit and agreed on nothing,” Donald Trump told reporters.",
    "Russia demands that Ukraine renounce its bid to join NATO.",
    "Ukraine insists on the restoration of its internationally recognised borders.",
    "Diplomats said the next round could take place in Istanbul or Geneva.",
    "Fighting continued in the east of the country while the talks went on.",
    "Volodymyr Zelensky said the Geneva talks were constructive.",
    "Kuleba said Ukraine rejects any deployment of foreign troops on its soil.",
    "The meeting in the White House ended early, a Kremlin representative said.",
    "Markets reacted cautiously to the news.",
]


def _before(
    article: Article, quotes: Sequence[Quote], positions: Sequence[Position], lexicon: Lexicon
) -> tuple[list[Quote], list[Position]]:
    """`with_events` as it was: every sentence that may name a round read first."""
    cal = calendar(lexicon)
    text = article.text
    sentences: dict[tuple[int, int], str] = {}
    for m in cal.mention_offsets(text):
        bounds = sentence_bounds(text, m)
        if bounds not in sentences:
            ev = cal.event_in(text[bounds[0] : bounds[1]], article.published)
            sentences[bounds] = ev.name if ev is not None else ""
    named = sorted((a, b, name) for (a, b), name in sentences.items() if name)
    if not named:
        return list(quotes), list(positions)
    ends = [b for _, b, _ in named]

    def event_at(start: int, end: int) -> str | None:
        i = bisect_left(ends, start + 1)
        if i < len(named) and named[i][0] < end:
            return named[i][2]
        return None

    out_quotes, by_id = [], {}
    for q in quotes:
        name = event_at(q.spans[0].start, q.spans[-1].end) if q.spans else None
        by_id[q.id] = name
        out_quotes.append(q.model_copy(update={"event": name}) if name else q)
    out_positions = []
    for p in positions:
        name = event_at(p.span.start, p.span.end) or (by_id.get(p.quote_id) if p.quote_id else None)
        out_positions.append(p.model_copy(update={"event": name}) if name else p)
    return out_quotes, out_positions


def _records(article: Article, lexicon: Lexicon) -> tuple[list[Quote], list[Position]]:
    view = masked(article)
    scanned = scan_all(compiled(lexicon), view.text)
    quotes = extract_quotes(view, lexicon=lexicon, topics=True, signals=scanned[0])
    return quotes, extract_positions(view, holders(quotes), lexicon=lexicon, scanned=scanned)


def _shifted(rng: random.Random, quotes: list[Quote], n: int) -> list[Quote]:
    """Copies of quotes at random places of a text `n` characters long."""
    out = []
    for q in quotes:
        a = rng.randrange(n)
        b = min(n, a + rng.randint(1, 300))
        out.append(q.model_copy(update={"spans": (Span(start=a, end=b),)}))
    return out


def test_with_events_reads_only_what_it_needs_and_gives_what_reading_all_gives() -> None:
    lex = shipped()
    rng = random.Random(8)
    days = [None, dt.date(2022, 3, 30), dt.date(2025, 6, 10), dt.date(2025, 12, 1)]
    named = 0
    for i in range(24):
        picked = rng.choices(_SENTENCES, k=rng.randint(1, 14))
        if i % 3 == 2:  # one long line without stops: sentences cut at the reach overlap
            text = ", ".join(s.rstrip(".") for s in picked * 6) + ".\n"
        else:
            text = "\n\n".join(" ".join(picked[j : j + 3]) for j in range(0, len(picked), 3))
        article = Article(
            id=article_id(text),
            article="a.txt",
            path="a.txt",
            text=text,
            published=rng.choice(days),
        )
        quotes, positions = _records(article, lex)
        quotes += _shifted(rng, quotes, len(text))
        got = with_events(article, quotes, positions, lexicon=lex)
        assert got == _before(article, quotes, positions, lex)
        named += sum(q.event is not None for q in got[0])
    assert named > 0
    assert with_events(article, [], [], lexicon=lex) == ([], [])

"""Extraction: pure functions from an Article to quotes and positions.

One family per module (`quotes`, `speakers`, `dates`, `positions`); each takes
keyword-only options, does no I/O and returns records whose spans index into
`article.text`.
"""

from __future__ import annotations

from hashlib import sha1
from operator import attrgetter

from talks.lexicon import Lexicon
from talks.models import Article, Position, Quote, Span


def record_id(prefix: str, *parts: object) -> str:
    """A stable id from the parts that identify a record (article id, spans, ...)."""
    key = parts[0] if len(parts) == 1 and type(parts[0]) is str else "\x1f".join(map(str, parts))
    return prefix + sha1(key.encode()).hexdigest()[:12]


def extract(article: Article, *, lexicon: Lexicon) -> tuple[list[Quote], list[Position]]:
    """Everything `talks` takes out of one article."""
    from talks.extract.positions import extract_positions
    from talks.extract.quotes import extract_quotes
    from talks.extract.topic_lexicon import compiled, scan_all

    view = masked(article)
    # the lexicon's topic signals and stance cues, found once: the quotes' topics and
    # the positions both read them
    scanned = scan_all(compiled(lexicon), view.text)
    quotes = extract_quotes(view, lexicon=lexicon, topics=True, signals=scanned[0])
    positions = extract_positions(view, holders(quotes), lexicon=lexicon, scanned=scanned)
    if lexicon.events:
        from talks.extract.rounds import with_events

        quotes, positions = with_events(view, quotes, positions, lexicon=lexicon)
    return quotes, positions


def holders(quotes: list[Quote]) -> list[Quote]:
    """The quotes that positions read: of one statement by coordinated speakers ("Warsaw
    and Tallinn said …", one record each), the one whose speaker stands nearest the
    cue, the grammatical subject; the stance reader finds the others it is coordinated
    with itself (copies that share one speaker phrase, "a joint statement", all stay)."""
    # a statement is its kind and the ranges of its spans (equal spans, equal ranges),
    # numbered in order of first sight
    slots: dict[tuple[object, ...], int] = {}
    best: list[Quote] = []
    group = []
    for q in quotes:
        key = (q.kind, *map(_range, q.spans))
        g = slots.get(key)
        if g is None:
            g = slots[key] = len(best)
            best.append(q)
        elif _start(q) > _start(best[g]):
            best[g] = q
        group.append(g)
    return [
        q
        for g, q in zip(group, quotes, strict=True)
        if (p := best[g]) is q or _same(q.speaker_span, p.speaker_span)
    ]


_range = attrgetter("start", "end")


def _start(q: Quote) -> int:
    return q.speaker_span.start if q.speaker_span is not None else -1


def _same(a: Span | None, b: Span | None) -> bool:
    """`a == b` for two spans or None (two spans are equal when their ranges are)."""
    return a is b or (a is not None and b is not None and a.start == b.start and a.end == b.end)


def masked(article: Article) -> Article:
    """The article with its noise spans (front matter, scraping debris) blanked out.

    Characters become spaces one for one and newlines stay, so every offset in
    the masked text is an offset in the original: extractors never see debris and
    their spans still index into `article.text`.
    """
    if not article.noise:
        return article
    chars = list(article.text)
    for span in article.noise:
        for i in range(span.start, min(span.end, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "
    return article.model_copy(update={"text": "".join(chars)})

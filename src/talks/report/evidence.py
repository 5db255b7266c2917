"""Evidence excerpts: the paragraph around a record's spans, with the sentence and
the spans marked, as plain data (offsets into the excerpt) for the page to escape
and render. Offsets come straight from the store's spans, so the marked characters
are exactly `text[start:end]` of the article."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from talks.extract.text import sentence_ranges
from talks.models import Article, Position, Quote, Span

MAX_CONTEXT = 600  # characters kept on each side of the marked spans in a long paragraph


@dataclass(frozen=True)
class Excerpt:
    """`text` is a slice of the article; marks are (start, end, css class) into it."""

    text: str
    marks: tuple[tuple[int, int, str], ...]
    clipped_before: bool = False
    clipped_after: bool = False


@dataclass(frozen=True)
class Evidence:
    """What a reader needs to check one record against its source."""

    id: str  # the HTML id of its block
    kind: str  # "position" or "statement"
    heading: str  # e.g. "Russia · oppose · nato"
    who: str | None  # the speaker or holder
    outlet: str | None
    article: str
    title: str | None
    published: dt.date | None
    date: dt.date | None
    date_basis: str
    url: str | None
    excerpt: Excerpt
    record_id: str


def _paragraph(text: str, first: int, last: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, first) + 1
    end = text.find("\n", last)
    return start, len(text) if end == -1 else end


def excerpt(text: str, spans: Sequence[Span], extra: Sequence[tuple[Span, str]] = ()) -> Excerpt:
    """The paragraph(s) holding `spans` (class "span"), the sentence holding the
    first span (class "sentence") and `extra` (span, class) marks, clipped to
    MAX_CONTEXT characters on each side of the spans."""
    first = min(s.start for s in spans)
    last = max(s.end for s in spans)
    start, end = _paragraph(text, first, last)
    sentence = next(
        ((a, b) for a, b in sentence_ranges(text, [(start, end)]) if a <= first < b), None
    )
    lo, hi = max(start, first - MAX_CONTEXT), min(end, last + MAX_CONTEXT)
    if sentence is not None:
        lo, hi = min(lo, max(start, sentence[0])), max(hi, min(end, sentence[1]))
    marks: list[tuple[int, int, str]] = []
    if sentence is not None:
        marks.append((sentence[0] - lo, sentence[1] - lo, "sentence"))
    for span, cls in extra:
        if lo <= span.start and span.end <= hi:
            marks.append((span.start - lo, span.end - lo, cls))
    marks += [(s.start - lo, s.end - lo, "span") for s in spans]
    return Excerpt(text[lo:hi], tuple(marks), lo > start, hi < end)


def _evidence(
    record: Position | Quote,
    article: Article,
    *,
    html_id: str,
    kind: str,
    heading: str,
    who: str | None,
    excerpt: Excerpt,
) -> Evidence:
    """The evidence block of `record` in `article`: the record's own date and id, the
    article's source fields."""
    return Evidence(
        id=html_id,
        kind=kind,
        heading=heading,
        who=who,
        outlet=article.outlet,
        article=article.article,
        title=article.title,
        published=article.published,
        date=record.date,
        date_basis=record.date_basis,
        url=article.url,
        excerpt=excerpt,
        record_id=record.id,
    )


def for_position(p: Position, article: Article, *, html_id: str) -> Evidence:
    return _evidence(
        p,
        article,
        html_id=html_id,
        kind="position",
        heading=f"{p.actor} · {p.stance}{' (conditional)' if p.conditional else ''} · {p.topic}",
        who=p.holder,
        excerpt=excerpt(article.text, [p.span]),
    )


def for_quote(q: Quote, article: Article, *, html_id: str, heading: str) -> Evidence:
    extra = [(q.speaker_span, "speaker")] if q.speaker_span else []
    if q.cue_span:
        extra.append((q.cue_span, "cue"))
    return _evidence(
        q,
        article,
        html_id=html_id,
        kind="statement",
        heading=heading,
        who=q.speaker,
        excerpt=excerpt(article.text, q.spans, extra),
    )

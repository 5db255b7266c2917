"""Models to the store's rows: value encodings and an article's record rows.

`record_rows` runs where an article was extracted (an ingest worker), so the
writer only inserts plain tuples; a value equal to the article's own characters
at its span is stored as NULL (the views read it back from the article).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from talks.store.schema_v6 import _CODE

if TYPE_CHECKING:  # models are built only by the readers that return them (imported
    # there): a listing streamed as dicts never loads pydantic (~0.1 s at start-up)
    from talks.models import Article, Position, Quote, Span


def _spans(values: Iterable[Span]) -> str:
    return json.dumps([[s.start, s.end] for s in values], separators=(",", ":"))


def _unspans(value: str) -> tuple[Span, ...]:
    from talks.models import Span

    return tuple(Span(start=a, end=b) for a, b in json.loads(value))


def _pair(start: int | None, end: int | None) -> Span | None:
    from talks.models import Span

    return None if start is None or end is None else Span(start=start, end=end)


def _source(path: str) -> str:
    """A file's identity: its absolute path, whichever folder the command ran from."""
    return path if path == "-" else os.path.abspath(path)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _iso(d: dt.date | None) -> str | None:
    return None if d is None else d.isoformat()


def _date(v: str | None) -> dt.date | None:
    return None if v is None else dt.date.fromisoformat(v)


def _unless_at(value: str | None, span: Span | None, text: str | None) -> str | None:
    """`value`, or None when it is exactly the article's characters at `span` (the
    readers give those back from the article: the store keeps one copy). `text` is
    None for an article holding a NUL character, whose values are all kept: SQLite's
    substr() stops at the first NUL."""
    if text is not None and value is not None and span is not None and span.of(text) == value:
        return None
    return value


@dataclass(frozen=True)
class RecordRows:
    """An article's quotes and positions as the store's rows, without the article's
    and speakers' rowids (only the writer knows them). Built where the article was
    extracted (an ingest worker), they cross to the writer as plain tuples, far
    cheaper to unpickle than the models, and the writer only inserts them."""

    speakers: tuple[tuple[str, str], ...]  # (name, side) of each quote, in order
    quotes: tuple[tuple[Any, ...], ...]  # each quote's row, less its two rowids
    positions: tuple[tuple[Any, ...], ...]  # each position's row, less the article rowid


def record_rows(a: Article, quotes: Sequence[Quote], positions: Sequence[Position]) -> RecordRows:
    """The rows `Store.put` writes for these records of article `a`."""
    text: str | None = None if "\x00" in a.text else a.text
    return RecordRows(
        speakers=tuple((q.speaker, q.side) for q in quotes),
        quotes=tuple(
            (
                q.id,
                _unless_at(q.speaker_mention, q.speaker_span, text),
                None if q.speaker_span is None else q.speaker_span.start,
                None if q.speaker_span is None else q.speaker_span.end,
                _CODE["kind"][q.kind],
                q.text,
                q.spans[0].start,
                q.spans[-1].end,
                _spans(q.spans) if len(q.spans) > 1 else None,
                _unless_at(q.cue, q.cue_span, text),
                None if q.cue_span is None else q.cue_span.start,
                None if q.cue_span is None else q.cue_span.end,
                _iso(q.date),
                _CODE["date_basis"][q.date_basis],
                json.dumps(list(q.topics), ensure_ascii=False),
                q.event,
            )
            for q in quotes
        ),
        positions=tuple(
            (
                p.id,
                p.actor,
                p.topic,
                _CODE["stance"][p.stance],
                int(p.conditional),
                p.holder,
                _iso(p.date),
                _CODE["date_basis"][p.date_basis],
                _unless_at(p.evidence, p.span, text),
                p.span.start,
                p.span.end,
                p.quote_id,
                p.event,
            )
            for p in positions
        ),
    )

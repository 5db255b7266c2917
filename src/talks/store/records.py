"""The listings' rows (the `quote_list` and `position_list` views) as output.

Each row becomes a model (`Quote`, `Position`), a dict equal to the model's JSON
dump without building the model (streamed listings), or a flat dict with one
value per cell (spreadsheets).
"""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from talks.models import Position, Quote


def _span_dict(start: int | None, end: int | None) -> dict[str, int] | None:
    return None if start is None or end is None else {"start": start, "end": end}


def _spans_of(r: sqlite3.Row) -> list[list[int]]:
    return json.loads(r["spans"])  # type: ignore[no-any-return]


def _quote_dict(r: sqlite3.Row) -> dict[str, Any]:
    """A `quote_list` row as `Quote.model_dump(mode="json")` would give it."""
    return {
        "id": r["id"],
        "article": r["article"],
        "article_id": r["article_id"],
        "path": r["path"],
        "speaker": r["speaker"],
        "speaker_mention": r["speaker_mention"],
        "speaker_span": _span_dict(r["speaker_start"], r["speaker_end"]),
        "side": r["side"],
        "kind": r["kind"],
        "text": r["text"],
        "spans": [{"start": a, "end": b} for a, b in _spans_of(r)],
        "cue": r["cue"],
        "cue_span": _span_dict(r["cue_start"], r["cue_end"]),
        "date": r["date"],
        "date_basis": r["date_basis"],
        "topics": json.loads(r["topics"]),
        "event": r["event"],
    }


def _position_dict(r: sqlite3.Row) -> dict[str, Any]:
    """A `position_list` row as `Position.model_dump(mode="json")` would give it."""
    return {
        "id": r["id"],
        "article": r["article"],
        "article_id": r["article_id"],
        "path": r["path"],
        "actor": r["actor"],
        "topic": r["topic"],
        "stance": r["stance"],
        "conditional": bool(r["conditional"]),
        "holder": r["holder"],
        "date": r["date"],
        "date_basis": r["date_basis"],
        "evidence": r["evidence"],
        "span": {"start": r["start"], "end": r["end"]},
        "quote_id": r["quote_id"],
        "event": r["event"],
    }


def _quote(r: sqlite3.Row) -> Quote:
    """A `quote_list` row as a `Quote`: validated from its JSON dump, so the model and
    the streamed dict can never disagree."""
    from talks.models import Quote

    return Quote.model_validate(_quote_dict(r))


def _position(r: sqlite3.Row) -> Position:
    """A `position_list` row as a `Position` (see `_quote`)."""
    from talks.models import Position

    return Position.model_validate(_position_dict(r))


_ARTICLE_FIELDS = ("published", "title", "outlet", "url")


def _flat_quote(r: sqlite3.Row) -> dict[str, Any]:
    """A quote for a spreadsheet: the contract's fields in their order, one value per
    cell (spans as start/end numbers, lists joined by "; "), then its article's
    publication date, title, outlet and URL."""
    row: dict[str, Any] = {}
    for k in (
        "id article article_id path speaker speaker_mention speaker_start speaker_end side "
        "kind text start end spans cue cue_start cue_end date date_basis topics event"
    ).split():
        row[k] = r[k]
    row["spans"] = "; ".join(f"{a}-{b}" for a, b in _spans_of(r))
    row["topics"] = "; ".join(json.loads(r["topics"]))
    row.update((k, r[k]) for k in _ARTICLE_FIELDS)
    return row


def _flat_position(r: sqlite3.Row) -> dict[str, Any]:
    """A position for a spreadsheet (see `_flat_quote`)."""
    row: dict[str, Any] = {}
    for k in (
        "id article article_id path actor topic stance conditional holder date date_basis "
        "evidence start end quote_id event"
    ).split():
        row[k] = r[k]
    row["conditional"] = bool(r["conditional"])
    if "reports" in r.keys():  # noqa: SIM118 - sqlite3.Row has keys(), not __contains__
        row["reports"] = r["reports"]
    row.update((k, r[k]) for k in _ARTICLE_FIELDS)
    return row

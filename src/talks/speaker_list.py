"""The rows of `talks speakers`: the store's per-speaker summary joined with the
lexicon's facts (kind, roles, aliases), as JSON-ready dicts.

Kept light on imports (no pydantic, no rapidfuzz, no full lexicon): the command
reads the lexicon's cached summary and the store's `speaker_summary` table, and
groups quotes into statements (talks.statements) only for speakers whose summary
row a write dropped. `talks.query.speakers` builds `Speaker` models from the same
rows for library callers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from talks.folding import fold

if TYPE_CHECKING:
    from talks.lexicon_cache import SpeakerInfo
    from talks.store import Store

FIELDS = ("name", "side", "kind", "roles", "aliases", "quotes", "statements", "spellings")
"""The fields of a row, in the order of `talks.models.Speaker`."""

_PRONOUNS = frozenset("he she they it we i him her them who this that".split())


def spellings(mentions: Iterable[str]) -> list[str]:
    """The names a speaker was seen under: pronouns and case repeats left out."""
    seen: dict[str, str] = {}
    for m in mentions:
        key = fold(m)
        if key and key not in _PRONOUNS and key not in seen:
            seen[key] = m
    return list(seen.values())


def _count_statements(quotes: list[tuple[str, str]]) -> int:
    from talks.statements import count_statements

    return count_statements(quotes)


def rows(
    store: Store, facts: Iterable[SpeakerInfo], *, side: str | None = None
) -> list[dict[str, Any]]:
    """Every speaker with quotes, most statements first (then most quotes, name):
    `quotes` counts every report, `statements` each set of copies once. `facts`
    are the lexicon's speakers (the first entry of a name counts)."""
    known: dict[str, SpeakerInfo] = {}
    for info in facts:
        known.setdefault(fold(info.name), info)
    out: list[dict[str, Any]] = []
    for row in store.refresh_speaker_summary(_count_statements):
        if side is not None and fold(row["side"]) != fold(side):
            continue
        entry = known.get(fold(row["name"]))
        out.append(
            {
                "name": row["name"],
                "side": row["side"],
                "kind": entry.kind if entry else "person",
                "roles": list(entry.roles) if entry else [],
                "aliases": list(entry.aliases) if entry else [],
                "quotes": row["quotes"],
                "statements": row["statements"],
                "spellings": spellings(row["spellings"]),
            }
        )
    out.sort(key=lambda s: (-s["statements"], -s["quotes"], s["name"]))
    return out

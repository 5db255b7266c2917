"""A page of search results found by walking quotes in listing order.

Sorting every match of a search to keep one page costs time in proportion to the
matches; walking the quotes in listing order and asking the full-text index about
each costs in proportion to the quotes passed. The functions here decide when the
walk is worth it (`_walk_floor`, `_walk_cap`) and `_walk_page` runs it.
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections.abc import Sequence
from typing import Any

import talks.store as _store  # _walk_cap is read from the package when used
from talks.errors import QueryError
from talks.store.connection import StoreBase
from talks.store.schema_v6 import CODES
from talks.store.sql import _where

_WALK = (
    "FROM articles a INDEXED BY articles_order CROSS JOIN quotes q ON q.article_rowid = a.rowid "
    "CROSS JOIN speakers s ON s.rowid = q.speaker_rowid "
    "ORDER BY a.published IS NULL, a.published, a.article, q.rowid"
)
"""Every quote (`quote_list`'s rows: each has its article and speaker) in listing
order, without sorting them all: articles in `articles_order`, each one's quotes by
`quotes_article`; SQLite sorts only the quotes of articles tied on date and name."""


WALK_PER_QUOTE = 8
"""What the listing-order walk of a search page spends on each quote it passes
(finding it, asking the full-text index), in units of what sorting one match costs
the plain query (measured on a 1.7M-quote store: ≈ 11 µs and 1.4 µs)."""


WALK_SLACK = 4
"""How many times the expected number of quotes the walk may pass before giving up
(matches are not spread evenly through the listing)."""


def _walk_floor(need: int, total: int) -> int:
    """How many matches a search needs before walking `total` quotes in listing order
    for a page of `need` can beat sorting the matches: the walk passes up to
    WALK_SLACK * need * total / matches quotes at WALK_PER_QUOTE each, the sort costs
    one per match, so walking pays when matches² > WALK_PER_QUOTE * WALK_SLACK *
    need * total."""
    return math.isqrt(WALK_PER_QUOTE * WALK_SLACK * need * total) + 1


def _walk_cap(need: int, total: int, found: int, floor: int) -> int | None:
    """How many quotes the walk may pass for a page of `need` when the search matched
    at least `found` of `total` quotes (counted up to `floor`), or None to sort the
    matches instead."""
    if found < floor:
        return None
    return WALK_SLACK * need * total // found + need


def _prefix_search(match: str) -> bool:
    """Whether an FTS5 query (`talks.search.fts_query`'s: quoted strings, `OR`) has a
    prefix term: a `*` after a quoted string (which holds no quote of its own)."""
    return any(re.findall(r'"[^"]*"(\*?)', match))


class SearchWalkMixin(StoreBase):
    """`Store`'s search-page walk, and the cursor that words the index's refusals."""

    def _walk_page(
        self, conds: Sequence[tuple[str, Any]], topic: str | None, match: str, need: int
    ) -> list[int] | None:
        """The rowids of the first `need` quotes matching a search (and `conds`,
        written over `quote_list`'s column names) in listing order, found by walking
        the quotes in that order and asking the full-text index about each; None
        when the walk is not worth it or did not fill the page.

        Sorting every match to keep a page costs time in proportion to the matches
        (162,861 quotes hold "neutral" in a 1.7M-quote store: 0.22 s), while the walk
        costs in proportion to the quotes it passes, about `need` times the store's
        quotes per match. So the walk runs only when the search matches many quotes
        (`_walk_cap`, from a count of the matches that stops at the threshold) and
        gives up after `cap` quotes (other filters, or matches crowded late in the
        listing, can leave the page unfilled): the caller then runs the plain query.
        The first `need` matching quotes of a prefix of the listing are the first
        `need` of the whole listing, so a filled page is the plain query's page."""
        total = self.db.execute("SELECT max(rowid) FROM quotes").fetchone()[0] or 0
        floor = _walk_floor(need, total)
        found = self._select(
            "SELECT count(*) FROM (SELECT 1 FROM quotes_fts WHERE quotes_fts MATCH ? LIMIT ?)",
            (match, floor),
            search=True,
        ).fetchone()[0]
        cap = _store._walk_cap(need, total, found, floor)
        if cap is None:
            return None
        # Cheap tests first: SQLite codes the correlated subqueries (topic, search)
        # after the others, and the search last, as written. A prefix search is
        # answered once into a list instead: FTS5 merges every word of the prefix
        # again for each question (a millisecond each for `neutr*`).
        search = (
            "w.quote_rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)"
            if _prefix_search(match)
            else "EXISTS (SELECT 1 FROM quotes_fts f WHERE quotes_fts MATCH ? "
            "AND f.rowid = w.quote_rowid)"
        )
        where, args = _where(
            [
                *conds,
                (
                    "EXISTS (SELECT 1 FROM quote_topics t WHERE t.topic = ? "
                    "AND t.quote_rowid = w.quote_rowid)",
                    topic,
                ),
                (search, match),
            ]
        )
        kind = " ".join(f"WHEN {i} THEN '{word}'" for i, word in enumerate(CODES["kind"]))
        sql = (
            "SELECT quote_rowid FROM (SELECT q.rowid AS quote_rowid, q.speaker_rowid, "
            f"CASE q.kind {kind} END AS kind, q.date, a.article, a.id AS article_id, q.event "
            f"{_WALK} LIMIT ?) AS w {where} LIMIT ?"
        )
        rowids = [r[0] for r in self._select(sql, [cap, *args, need], search=True)]
        return rowids if len(rowids) == need else None

    def _select(self, sql: str, args: Sequence[Any], *, search: bool) -> sqlite3.Cursor:
        try:
            return self.db.execute(sql, args)
        except sqlite3.OperationalError as exc:
            if search:  # FTS5 refused a query that fts_query let through
                raise QueryError(f"--contains: the index refuses this query ({exc})") from None
            raise

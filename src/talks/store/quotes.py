"""The quote listing (`talks quotes`): filters to SQL over the `quote_list` view.

A page is found by its rows' sort keys before the view builds those rows alone;
a search page may instead be found by walking quotes in listing order (`walk.py`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

import talks.store as _store  # fts_query is read from the package when used
from talks.store.records import _flat_quote, _quote, _quote_dict
from talks.store.rows import _iso
from talks.store.sql import _page, _where
from talks.store.walk import _WALK, SearchWalkMixin

if TYPE_CHECKING:
    from talks.models import Quote


class QuoteFilters(TypedDict, total=False):
    """The filters of the quote listing (`Store.quotes`, `Store.quote_rows`), all
    optional and combined: `speakers` exact names (any case), `side` the speaker's
    party, `kind` direct or indirect, `topic` a topic key, `since`/`until` the
    statement date (inclusive), `article` a file name or id, `contains` a search query
    (`talks.search`: words match their other forms, `prefix*`, `OR`, "phrases"; a
    malformed one is a QueryError), `event` part of the name of the round a quote
    refers to ("Istanbul", "second round"); `limit` and `offset` pick a page."""

    speakers: Sequence[str] | None
    side: str | None
    kind: str | None
    topic: str | None
    since: dt.date | None
    until: dt.date | None
    article: str | None
    contains: str | None
    limit: int | None
    offset: int
    event: str | None


class QuotesMixin(SearchWalkMixin):
    """`Store`'s quote methods."""

    def _quote_query(
        self,
        *,
        speakers: Sequence[str] | None = None,
        side: str | None = None,
        kind: str | None = None,
        topic: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        article: str | None = None,
        contains: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        event: str | None = None,
    ) -> tuple[str, list[Any]]:
        """The SQL and arguments of a listing; its keywords are `QuoteFilters` (a
        name that is none of them is a TypeError, as it was for `quotes`)."""
        match = None if contains is None else _store.fts_query(contains)
        conds: list[tuple[str, Any]] = [
            (
                "speaker_rowid IN (SELECT rowid FROM speakers WHERE side = ? COLLATE NOCASE)",
                side,
            ),
            ("kind = ?", kind),
            ("date >= ?", _iso(since)),
            ("date <= ?", _iso(until)),
            ("(article = ? OR article_id = ?)", article),
            ("event LIKE ?", f"%{event}%" if event else None),
        ]
        if speakers is not None:
            marks = ",".join("?" * len(speakers)) or "NULL"
            conds.append(
                (
                    "speaker_rowid IN (SELECT rowid FROM speakers WHERE name COLLATE NOCASE "
                    f"IN ({marks}))",
                    tuple(speakers),
                )
            )
        where, args = _where(
            [
                *conds,
                ("quote_rowid IN (SELECT quote_rowid FROM quote_topics WHERE topic = ?)", topic),
                ("quote_rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)", match),
            ]
        )
        order = "ORDER BY published IS NULL, published, article, quote_rowid"
        if limit is None and not offset:
            return f"SELECT * FROM quote_list {where} {order}", args
        if not where and limit is not None:
            # No filter: the page is the first quotes in listing order, found by
            # walking them in that order (36,000 of 1.7M: 0.03 s instead of 0.8 s).
            page = f"SELECT q.rowid {_WALK}" + _page(limit, offset)
            return f"SELECT * FROM quote_list WHERE quote_rowid IN ({page}) {order}", args
        if match is not None and limit is not None and limit > 0 and article is None:
            rowids = self._walk_page(conds, topic, match, offset + limit)
            if rowids is not None:
                # one JSON list, not a mark per row: a page may have more rows than
                # SQLite allows marks (32,766)
                sql = (
                    "SELECT * FROM quote_list WHERE quote_rowid IN "
                    f"(SELECT value FROM json_each(?)) {order}"
                )
                return sql, [json.dumps(rowids[offset:])]
        # A page: find its rows by their sort keys alone, then build just those rows
        # (the view's text-derived columns would otherwise be read for every match).
        page = f"SELECT quote_rowid FROM quote_list {where} {order}" + _page(limit, offset)
        return f"SELECT * FROM quote_list WHERE quote_rowid IN ({page}) {order}", args

    def quotes(self, **filters: Unpack[QuoteFilters]) -> list[Quote]:
        """Quotes in article date order, then text order (see `QuoteFilters`)."""
        sql, args = self._quote_query(**filters)
        search = filters.get("contains") is not None
        return [_quote(r) for r in self._select(sql, args, search=search)]

    def quote_rows(
        self, *, flat: bool = False, **filters: Unpack[QuoteFilters]
    ) -> Iterator[dict[str, Any]]:
        """`quotes(**filters)` as JSON-ready dicts (the same fields), streamed from the
        cursor without building a model per row. With `flat`, the rows of the
        `quote_list` view instead: one value per column (spans as start/end numbers,
        the article's title, outlet, URL and publication date), for spreadsheets."""
        sql, args = self._quote_query(**filters)
        rows = self._select(sql, args, search=filters.get("contains") is not None)
        if flat:
            return (_flat_quote(r) for r in rows)
        return (_quote_dict(r) for r in rows)

    def quote(self, quote_id: str) -> Quote | None:
        """One quote by id (a unique prefix of at least 6 characters is enough)."""
        rows = self.db.execute(
            "SELECT * FROM quote_list WHERE id = ? OR (length(?) >= 6 AND id >= ? "
            "AND id < ? || char(1114111)) LIMIT 2",
            (quote_id, quote_id, quote_id, quote_id),
        ).fetchall()
        exact = [r for r in rows if r["id"] == quote_id]
        if exact:
            return _quote(exact[0])
        return _quote(rows[0]) if len(rows) == 1 else None

"""The position listing (`talks positions`): filters to SQL over `position_list`.

A page is found by its rows' sort keys (dated rows only up to the page's last date)
before the view builds those rows alone, with `reports` when asked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from talks.store.connection import StoreBase
from talks.store.records import _flat_position, _position, _position_dict
from talks.store.rows import _iso
from talks.store.schema_v6 import CODES
from talks.store.sql import _and, _page, _where

if TYPE_CHECKING:
    from talks.models import Position


class PositionFilters(TypedDict, total=False):
    """The filters of the position listing (`Store.positions`, `Store.position_rows`),
    all optional and combined: `topic` a topic key, `actor` the party holding the view
    (any case), `stance` support or oppose, `holder` part of the name of the person
    who voiced it, `since`/`until` the statement date (inclusive), `article` a file
    name or id, `event` part of the name of the round a position refers to;
    `limit` and `offset` pick a page."""

    topic: str | None
    actor: str | None
    stance: str | None
    holder: str | None
    since: dt.date | None
    until: dt.date | None
    article: str | None
    limit: int | None
    offset: int
    event: str | None


class PositionsMixin(StoreBase):
    """`Store`'s position listing methods."""

    def _position_query(
        self,
        *,
        topic: str | None = None,
        actor: str | None = None,
        stance: str | None = None,
        holder: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        article: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        event: str | None = None,
        reports: bool = False,
    ) -> tuple[str, list[Any]]:
        """The SQL and arguments of a listing; its keywords are `PositionFilters` and
        `reports` (a name that is none of them is a TypeError)."""

        def conds(v: str, stance_value: str | int | None) -> list[tuple[str, Any]]:
            # the same filters on the view (`v` = "v.") or the positions table ("",
            # which stores the stance as its code and is asked only without `article`)
            return [
                (f"{v}topic = ?", topic),
                (f"{v}actor = ? COLLATE NOCASE", actor),
                (f"{v}stance = ?", stance_value),
                (f"{v}holder LIKE ?", f"%{holder}%" if holder else None),
                (f"{v}date >= ?", _iso(since)),
                (f"{v}date <= ?", _iso(until)),
                (f"({v}article = ? OR {v}article_id = ?)", article),
                (f"{v}event LIKE ?", f"%{event}%" if event else None),
            ]

        where, args = _where(conds("v.", stance))
        # reports: how many distinct articles state the same actor, topic, stance
        # and date (1 when undated), by an indexed subquery per row
        extra = (
            ", CASE WHEN v.date IS NULL THEN 1 ELSE (SELECT COUNT(DISTINCT r.article_rowid) "
            "FROM positions o, positions r WHERE o.rowid = v.position_rowid "
            "AND r.topic = o.topic AND r.actor = o.actor AND r.date = o.date "
            "AND r.stance = o.stance) END AS reports"
            if reports
            else ""
        )
        order = "ORDER BY v.date IS NULL, v.date, v.article, v.position_rowid"
        if limit is None and not offset:
            return f"SELECT v.*{extra} FROM position_list v {where} {order}", args
        # A page: find its rows by their sort keys alone, then build just those rows
        # (evidence and reports would otherwise be computed for every match).
        if limit is not None and article is None:
            # Dated rows sort first: when the page ends among them, no row after the
            # date of its last row can be on it, so only rows up to that date need
            # the join to their article (for the tie-break by file name).
            code = None if stance is None else CODES["stance"].index(stance)
            raw, raw_args = _where(conds("", code))
            raw = _and(raw, "date IS NOT NULL")
            cutoff = self.db.execute(
                f"SELECT date FROM positions {raw} ORDER BY date LIMIT 1 OFFSET ?",
                [*raw_args, offset + limit - 1],
            ).fetchone()
            if cutoff is not None:
                where = _and(where, "v.date <= ?")
                args = [*args, cutoff[0]]
        page = f"SELECT v.position_rowid FROM position_list v {where} {order}" + _page(
            limit, offset
        )
        sql = f"SELECT v.*{extra} FROM position_list v WHERE v.position_rowid IN ({page}) {order}"
        return sql, args

    def positions(self, **filters: Unpack[PositionFilters]) -> list[Position]:
        """Positions in date order (undated last), then article and text order (see
        `PositionFilters`)."""
        sql, args = self._position_query(**filters)
        return [_position(r) for r in self.db.execute(sql, args)]

    def position_rows(
        self, *, reports: bool = False, flat: bool = False, **filters: Unpack[PositionFilters]
    ) -> Iterator[dict[str, Any]]:
        """`positions(**filters)` as JSON-ready dicts, streamed from the cursor. With
        `reports`, each also has `reports`: how many distinct articles in the store
        state the same actor, topic, stance and date (1 when undated). With `flat`,
        the rows of the `position_list` view instead (see `quote_rows`)."""
        sql, args = self._position_query(reports=reports, **filters)
        rows = self.db.execute(sql, args)
        if flat:
            return (_flat_position(r) for r in rows)
        if reports:
            return ({**_position_dict(r), "reports": r["reports"]} for r in rows)
        return (_position_dict(r) for r in rows)

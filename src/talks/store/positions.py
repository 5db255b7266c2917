"""The position listing (`talks positions`): filters to SQL over `position_list`.

A page is found by its rows' sort keys (dated rows only up to the page's last date)
before the view builds those rows alone, with `reports` when asked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from talks.store.connection import StoreBase
from talks.store.records import _flat_position, _position, _position_dict
from talks.store.rows import _iso
from talks.store.schema_v6 import CODES
from talks.store.sql import _page, _where

if TYPE_CHECKING:
    from talks.models import Position


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
        where, args = _where(
            [
                ("v.topic = ?", topic),
                ("v.actor = ? COLLATE NOCASE", actor),
                ("v.stance = ?", stance),
                ("v.holder LIKE ?", f"%{holder}%" if holder else None),
                ("v.date >= ?", _iso(since)),
                ("v.date <= ?", _iso(until)),
                ("(v.article = ? OR v.article_id = ?)", article),
                ("v.event LIKE ?", f"%{event}%" if event else None),
            ]
        )
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
            raw, raw_args = _where(
                [
                    ("topic = ?", topic),
                    ("actor = ? COLLATE NOCASE", actor),
                    ("stance = ?", None if stance is None else CODES["stance"].index(stance)),
                    ("holder LIKE ?", f"%{holder}%" if holder else None),
                    ("date >= ?", _iso(since)),
                    ("date <= ?", _iso(until)),
                    ("event LIKE ?", f"%{event}%" if event else None),
                ]
            )
            raw = (raw + " AND" if raw else "WHERE") + " date IS NOT NULL"
            cutoff = self.db.execute(
                f"SELECT date FROM positions {raw} ORDER BY date LIMIT 1 OFFSET ?",
                [*raw_args, offset + limit - 1],
            ).fetchone()
            if cutoff is not None:
                where = (where + " AND" if where else "WHERE") + " v.date <= ?"
                args = [*args, cutoff[0]]
        page = f"SELECT v.position_rowid FROM position_list v {where} {order}" + _page(
            limit, offset
        )
        sql = f"SELECT v.*{extra} FROM position_list v WHERE v.position_rowid IN ({page}) {order}"
        return sql, args

    def positions(
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
    ) -> list[Position]:
        """Positions in date order (undated last), then article and text order; `event`
        matches part of the name of the round a position refers to."""
        sql, args = self._position_query(
            topic=topic,
            actor=actor,
            stance=stance,
            holder=holder,
            since=since,
            until=until,
            article=article,
            limit=limit,
            offset=offset,
            event=event,
        )
        return [_position(r) for r in self.db.execute(sql, args)]

    def position_rows(
        self, *, reports: bool = False, flat: bool = False, **filters: Any
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

"""Positions over time, for `talks diff` and `talks timeline`: the latest as of a
date, counts and last stances per period, and which actors and topics there are.
Counted and grouped in SQL, so only the candidate positions are built."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from talks.store.connection import StoreBase
from talks.store.records import _position, _position_dict
from talks.store.rows import _iso
from talks.store.schema_v6 import CODES
from talks.store.sql import _and, _where

if TYPE_CHECKING:
    from talks.models import Position


class TimelineMixin(StoreBase):
    """`Store`'s methods over positions in time."""

    def positions_as_of(
        self, when: dt.date, *, topic: str | None = None, actor: str | None = None
    ) -> list[Position]:
        """Per actor × topic, the positions on its latest date on or before `when`
        (the candidates `talks.diff` picks the stance as of `when` from)."""
        where, args = _where(
            [("date <= ?", _iso(when)), ("topic = ?", topic), ("actor = ?", actor)]
        )
        sql = (
            "SELECT v.* FROM position_list v JOIN (SELECT actor, topic, MAX(date) AS d "
            f"FROM positions {where} GROUP BY actor, topic) m "
            "ON v.actor = m.actor AND v.topic = m.topic AND v.date = m.d "
            "ORDER BY v.date, v.article, v.position_rowid"
        )
        return [_position(r) for r in self.db.execute(sql, args)]

    def count_dated(self, *, topic: str | None = None, actor: str | None = None) -> int:
        """How many positions (of this topic and actor) have a date."""
        return self._count(topic, actor, "date IS NOT NULL")

    def _count(self, topic: str | None, actor: str | None, cond: str) -> int:
        where, args = _where([("topic = ?", topic), ("actor = ?", actor)])
        sql = f"SELECT COUNT(*) FROM positions {_and(where, cond)}"
        return int(self.db.execute(sql, args).fetchone()[0])

    def period_groups(
        self, *, topic: str, actor: str | None = None, chars: int
    ) -> list[dict[str, Any]]:
        """Per actor and period (the first `chars` characters of the ISO date: 7 a
        month, 10 a day): support and oppose counts, and the positions on the
        period's last date (as `position_rows` gives them), the candidates for the
        period's last stance. Counted in SQL, so only those candidates are built."""
        where, args = _where([("topic = ?", topic), ("actor = ?", actor)])
        where = _and(where, "date IS NOT NULL")
        support, oppose = (CODES["stance"].index(w) for w in ("support", "oppose"))
        groups = self.db.execute(
            f"SELECT actor, substr(date, 1, {int(chars)}) AS period, "
            f"SUM(stance = {support}) AS support, SUM(stance = {oppose}) AS oppose, "
            f"MAX(date) AS last FROM positions {where} GROUP BY actor, period",
            args,
        ).fetchall()
        out: list[dict[str, Any]] = []
        for g in groups:
            rows = self.db.execute(
                "SELECT v.* FROM position_list v WHERE v.topic = ? AND v.actor = ? AND v.date = ?",
                (topic, g["actor"], g["last"]),
            )
            out.append(
                {
                    "actor": g["actor"],
                    "period": g["period"],
                    "support": g["support"],
                    "oppose": g["oppose"],
                    "last": [_position_dict(r) for r in rows],
                }
            )
        return out

    def count_undated(self, *, topic: str | None = None, actor: str | None = None) -> int:
        """How many positions (of this topic and actor) have no date."""
        return self._count(topic, actor, "date IS NULL")

    def actors(self) -> list[str]:
        """The parties that hold positions in the store, sorted."""
        return [r[0] for r in self.db.execute("SELECT DISTINCT actor FROM positions ORDER BY 1")]

    def topics(self) -> list[str]:
        """The topics positions in the store are about, sorted."""
        return [r[0] for r in self.db.execute("SELECT DISTINCT topic FROM positions ORDER BY 1")]

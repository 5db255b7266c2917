"""Clause builders the listings share: WHERE from optional filters, LIMIT/OFFSET."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def _where(conds: Sequence[tuple[str, Any]]) -> tuple[str, list[Any]]:
    parts: list[str] = []
    args: list[Any] = []
    for sql, value in conds:
        if value is None:
            continue
        parts.append(sql)
        if isinstance(value, tuple):  # one value per mark
            args.extend(value)
        else:
            args.extend([value] * sql.count("?"))
    return ("WHERE " + " AND ".join(parts)) if parts else "", args


def _and(where: str, cond: str) -> str:
    """The WHERE clause `where` (from `_where`, maybe empty) with `cond` added."""
    return f"{where} AND {cond}" if where else f"WHERE {cond}"


def _page(limit: int | None, offset: int) -> str:
    """A LIMIT/OFFSET clause (empty when neither is given)."""
    if limit is None and not offset:
        return ""
    return f" LIMIT {-1 if limit is None else int(limit)} OFFSET {int(offset)}"

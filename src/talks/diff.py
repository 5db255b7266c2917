"""How positions move: each actor's stance on each topic as of two dates, compared.

Pure functions over Position records (no store, no I/O). The stance of an actor
on a topic *as of* a date is the one its latest dated evidence on or before
that date states. Positions whose date is unknown cannot be placed in time:
`compare` leaves them out and counts them in `DiffResult.undated`, `timeline`
leaves them out.

Ties (several positions of one actor on one topic on the same latest date) are
decided deterministically: a non-conditional statement beats a conditional
one, then the later one in the article wins (articles compared by id, then the
position's place in the text), since a later sentence usually reports the
newer state of a position.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict

from talks.models import ChangeStatus, Position, PositionChange

if TYPE_CHECKING:
    from talks.store import Store


class DiffResult(BaseModel):
    """What changed between two dates, one row per actor x topic, sorted."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    changes: list[PositionChange]
    undated: int = 0  # positions left out because their date is unknown


def _order(p: Position) -> tuple[dt.date, bool, str, int, int]:
    """Sort key: date, then non-conditional over conditional, then place in the text."""
    assert p.date is not None
    return (p.date, not p.conditional, p.article_id, p.span.start, p.span.end)


def _as_of(positions: Sequence[Position], when: dt.date) -> Position | None:
    dated = [p for p in positions if p.date is not None and p.date <= when]
    return max(dated, key=_order) if dated else None


def _status(before: Position | None, after: Position | None) -> ChangeStatus | None:
    if before is None and after is None:
        return None
    if before is None:
        return "new"
    if after is None:
        return "dropped"
    return "same" if before.stance == after.stance else "changed"


def compare(
    positions: Sequence[Position],
    *,
    from_date: dt.date,
    to_date: dt.date,
    topic: str | None = None,
    actor: str | None = None,
) -> DiffResult:
    """Each actor's stance on each topic as of `from_date` and as of `to_date`.

    changed: both dates have a stance and they differ; new: only `to_date` has
    one; dropped: only `from_date` has one (possible when `to_date` is the
    earlier date); same: equal stances. Pairs with no stance at either date are
    left out. Rows are sorted by actor, then topic.
    """
    groups: dict[tuple[str, str], list[Position]] = defaultdict(list)
    undated = 0
    for p in positions:
        if (topic is not None and p.topic != topic) or (actor is not None and p.actor != actor):
            continue
        if p.date is None:
            undated += 1
            continue
        groups[(p.actor, p.topic)].append(p)
    changes: list[PositionChange] = []
    for (who, what), group in sorted(groups.items()):
        before, after = _as_of(group, from_date), _as_of(group, to_date)
        status = _status(before, after)
        if status is not None:
            changes.append(
                PositionChange(actor=who, topic=what, status=status, before=before, after=after)
            )
    return DiffResult(changes=changes, undated=undated)


def timeline(
    positions: Sequence[Position], *, topic: str, actor: str | None = None
) -> dict[str, list[Position]]:
    """Per actor (sorted by name), the dated positions on `topic` in date order.

    Positions with an unknown date are left out: they cannot be placed. Ties keep
    the order `compare` uses to pick the latest (the last one listed wins).
    """
    out: dict[str, list[Position]] = defaultdict(list)
    for p in positions:
        if p.topic != topic or p.date is None or (actor is not None and p.actor != actor):
            continue
        out[p.actor].append(p)
    return {who: sorted(out[who], key=_order) for who in sorted(out)}


def has_changes(result: DiffResult) -> bool:
    """True when any actor's stance changed, appeared or was dropped between the dates."""
    return any(c.status != "same" for c in result.changes)


def compare_store(
    store: Store,
    *,
    from_date: dt.date,
    to_date: dt.date,
    topic: str | None = None,
    actor: str | None = None,
) -> DiffResult:
    """`compare` over a store, reading only the positions that can decide it: per
    actor × topic, those on the latest date on or before each of the two dates
    (indexed queries, so a large store answers as fast as a small one)."""
    seen: dict[str, Position] = {}
    for when in (from_date, to_date):
        for p in store.positions_as_of(when, topic=topic, actor=actor):
            seen.setdefault(p.id, p)
    result = compare(
        list(seen.values()), from_date=from_date, to_date=to_date, topic=topic, actor=actor
    )
    undated = store.count_undated(topic=topic, actor=actor)
    return result.model_copy(update={"undated": undated})


def _side(p: Position | None, prefix: str) -> dict[str, object]:
    return {
        f"{prefix}_stance": p.stance if p else None,
        f"{prefix}_conditional": p.conditional if p else None,
        f"{prefix}_date": p.date.isoformat() if p and p.date else None,
        f"{prefix}_evidence": p.evidence if p else None,
        f"{prefix}_article": p.article if p else None,
        f"{prefix}_id": p.id if p else None,
    }


def change_rows(
    result: DiffResult, *, from_date: dt.date, to_date: dt.date
) -> list[dict[str, object]]:
    """One flat row per actor × topic (for csv, jsonl and tables): the two dates,
    the status, and stance, date, evidence, article and id on each side."""
    return [
        {
            "from": from_date.isoformat(),
            "to": to_date.isoformat(),
            "actor": c.actor,
            "topic": c.topic,
            "status": c.status,
            **_side(c.before, "before"),
            **_side(c.after, "after"),
        }
        for c in result.changes
    ]


Period = Literal["day", "week", "month"]
TIMELINE_POINTS = 60  # more dated points than this are grouped by month unless --by says


def _period(date: str, by: Period) -> str:
    if by == "day":
        return date
    if by == "month":
        return date[:7]
    y, w, _ = dt.date.fromisoformat(date).isocalendar()
    return f"{y}-W{w:02d}"


def _row_order(r: dict[str, Any]) -> tuple[str, bool, str, int, int]:
    return (r["date"], not r["conditional"], r["article_id"], r["span"]["start"], r["span"]["end"])


def _period_row(
    actor: str, topic: str, period: str, support: int, oppose: int, last: dict[str, Any]
) -> dict[str, Any]:
    """One timeline row for a period: its counts and its last position's stance and evidence
    (the same fields whether the grouping ran in Python or in SQL)."""
    return {
        "actor": actor,
        "topic": topic,
        "period": period,
        "support": support,
        "oppose": oppose,
        "stance": last["stance"],
        "conditional": last["conditional"],
        "date": last["date"],
        "evidence": last["evidence"],
        "article": last["article"],
        "id": last["id"],
    }


def timeline_rows(
    rows: Iterable[dict[str, Any]], *, by: Period | None = None
) -> tuple[list[dict[str, Any]], int, Period | None]:
    """Per actor (sorted), its dated positions in date order; grouped per period
    (`by`) into one row each — support/oppose counts and the period's last stance
    with its evidence — when asked, or when there are more than TIMELINE_POINTS
    points. Returns (rows, undated count, the grouping used)."""
    per_actor: dict[str, list[dict[str, Any]]] = defaultdict(list)
    undated = 0
    for r in rows:
        if r["date"] is None:
            undated += 1
        else:
            per_actor[r["actor"]].append(r)
    points = sum(len(v) for v in per_actor.values())
    if by is None and points > TIMELINE_POINTS:
        by = "month"
    out: list[dict[str, Any]] = []
    for who in sorted(per_actor):
        series = sorted(per_actor[who], key=_row_order)
        if by is None:
            out.extend(series)
            continue
        groups: dict[str, list[dict[str, Any]]] = {}
        for r in series:
            groups.setdefault(_period(r["date"], by), []).append(r)
        for period, group in groups.items():
            last = group[-1]
            support = sum(r["stance"] == "support" for r in group)
            oppose = sum(r["stance"] == "oppose" for r in group)
            out.append(_period_row(who, last["topic"], period, support, oppose, last))
    return out, undated, by


def timeline_store(
    store: Store, *, topic: str, actor: str | None = None, by: Period | None = None
) -> tuple[list[dict[str, Any]], int, Period | None]:
    """`timeline_rows` over a store. Grouped per day or month (asked for, or more
    than TIMELINE_POINTS points), the counting is done in SQL and only each
    period's last-date positions are read; otherwise every dated point is read."""
    undated = store.count_undated(topic=topic, actor=actor)
    if by is None and store.count_dated(topic=topic, actor=actor) > TIMELINE_POINTS:
        by = "month"
    if by not in ("day", "month"):
        rows, _, used = timeline_rows(store.position_rows(topic=topic, actor=actor), by=by)
        return rows, undated, used
    out: list[dict[str, Any]] = []
    groups = store.period_groups(topic=topic, actor=actor, chars=7 if by == "month" else 10)
    for g in sorted(groups, key=lambda g: (g["actor"], g["period"])):
        last = max(g["last"], key=_row_order)
        out.append(_period_row(g["actor"], topic, g["period"], g["support"], g["oppose"], last))
    return out, undated, by

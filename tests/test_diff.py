"""diff: stances as of two dates, compared; timelines; and the seeds' NATO shift."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from talks.diff import DiffResult, compare, has_changes, timeline
from talks.extract.positions import extract_positions
from talks.lexicon import load
from talks.models import Article, Position, Span, Stance

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
D = dt.date


def pos(
    actor: str,
    topic: str,
    stance: Stance,
    date: dt.date | None,
    *,
    start: int = 0,
    article: str = "a",
    conditional: bool = False,
) -> Position:
    return Position(
        id=f"p-{actor}-{topic}-{stance}-{date}-{article}-{start}",
        article=f"{article}.txt",
        article_id=article,
        path=f"{article}.txt",
        actor=actor,
        topic=topic,
        stance=stance,
        conditional=conditional,
        date=date,
        date_basis="published" if date else "unknown",
        evidence="x",
        span=Span(start=start, end=start + 1),
    )


def statuses(result: DiffResult) -> dict[tuple[str, str], str]:
    return {(c.actor, c.topic): c.status for c in result.changes}


def test_every_status_and_the_undated_count() -> None:
    ps = [
        pos("Ukraine", "nato", "oppose", D(2022, 3, 30)),
        pos("Ukraine", "nato", "support", D(2025, 6, 3)),  # changed
        pos("Russia", "nato", "oppose", D(2022, 3, 16)),
        pos("Russia", "nato", "oppose", D(2025, 6, 3)),  # same
        pos("United States", "sanctions", "support", D(2024, 1, 1)),  # new
        pos("Turkey", "ceasefire", "support", D(2022, 3, 1)),  # same: nothing later replaces it
        pos("China", "ceasefire", "support", D(2026, 1, 1)),  # after both dates: left out
        pos("Ukraine", "neutrality", "support", None),  # undated
        pos("Russia", "neutrality", "support", None),  # undated
    ]
    r = compare(ps, from_date=D(2022, 4, 30), to_date=D(2025, 12, 31))
    assert statuses(r) == {
        ("Russia", "nato"): "same",
        ("Turkey", "ceasefire"): "same",
        ("Ukraine", "nato"): "changed",
        ("United States", "sanctions"): "new",
    }
    assert r.undated == 2
    assert [(c.actor, c.topic) for c in r.changes] == sorted((c.actor, c.topic) for c in r.changes)
    ukraine = next(c for c in r.changes if c.actor == "Ukraine")
    assert ukraine.before is not None and ukraine.before.stance == "oppose"
    assert ukraine.after is not None and ukraine.after.stance == "support"
    assert has_changes(r)


def test_dropped_when_comparing_backwards() -> None:
    ps = [pos("Ukraine", "eu_membership", "support", D(2023, 1, 1))]
    r = compare(ps, from_date=D(2024, 1, 1), to_date=D(2022, 1, 1))
    assert statuses(r) == {("Ukraine", "eu_membership"): "dropped"}
    assert r.changes[0].after is None and r.changes[0].before is not None


def test_only_same_is_no_change() -> None:
    ps = [
        pos("Russia", "nato", "oppose", D(2022, 1, 1)),
        pos("Russia", "nato", "oppose", D(2023, 1, 1)),
    ]
    r = compare(ps, from_date=D(2022, 6, 1), to_date=D(2023, 6, 1))
    assert statuses(r) == {("Russia", "nato"): "same"}
    assert not has_changes(r)
    assert not has_changes(compare([], from_date=D(2022, 1, 1), to_date=D(2023, 1, 1)))


def test_filters_by_topic_and_actor_and_counts_only_matching_undated() -> None:
    ps = [
        pos("Ukraine", "nato", "oppose", D(2022, 1, 1)),
        pos("Russia", "nato", "oppose", D(2022, 1, 1)),
        pos("Ukraine", "ceasefire", "support", D(2022, 1, 1)),
        pos("Ukraine", "nato", "support", None),
        pos("Russia", "ceasefire", "support", None),
    ]
    r = compare(ps, from_date=D(2021, 1, 1), to_date=D(2023, 1, 1), topic="nato", actor="Ukraine")
    assert statuses(r) == {("Ukraine", "nato"): "new"}
    assert r.undated == 1


def test_ties_prefer_unconditional_then_later_in_text() -> None:
    day = D(2022, 3, 29)
    ps = [
        pos("Russia", "ceasefire", "oppose", day, start=10),
        pos("Russia", "ceasefire", "support", day, start=50, conditional=True),
    ]
    r = compare(ps, from_date=D(2022, 1, 1), to_date=D(2022, 12, 31))
    assert r.changes[0].after is not None and r.changes[0].after.stance == "oppose"
    ps2 = [
        pos("Russia", "ceasefire", "oppose", day, start=10),
        pos("Russia", "ceasefire", "support", day, start=50),
    ]
    r2 = compare(ps2, from_date=D(2022, 1, 1), to_date=D(2022, 12, 31))
    assert r2.changes[0].after is not None and r2.changes[0].after.stance == "support"
    # the same inputs in another order give the same answer
    r3 = compare(list(reversed(ps2)), from_date=D(2022, 1, 1), to_date=D(2022, 12, 31))
    assert r3 == r2


def test_timeline_orders_by_date_and_drops_undated() -> None:
    ps = [
        pos("Ukraine", "nato", "support", D(2025, 6, 3)),
        pos("Ukraine", "nato", "oppose", D(2022, 3, 30)),
        pos("Ukraine", "nato", "oppose", None),
        pos("Russia", "nato", "oppose", D(2022, 3, 16)),
        pos("Russia", "ceasefire", "support", D(2022, 3, 16)),
    ]
    t = timeline(ps, topic="nato")
    assert list(t) == ["Russia", "Ukraine"]
    assert [p.stance for p in t["Ukraine"]] == ["oppose", "support"]
    assert all(p.topic == "nato" and p.date is not None for ps_ in t.values() for p in ps_)
    assert list(timeline(ps, topic="nato", actor="Russia")) == ["Russia"]


def test_seeds_nato_shift_between_2022_and_2025() -> None:
    """Ukraine moves from oppose (Istanbul, March 2022) to support (June 2025); Russia stays."""
    lexicon = load()
    meta = {
        m["file"]: m.get("published") for m in yaml.safe_load((SEEDS / "meta.yaml").read_text())
    }
    found: list[Position] = []
    for path in sorted(SEEDS.glob("*.txt")):
        a = Article(
            id=path.stem,
            article=path.name,
            path=str(path),
            text=path.read_text(encoding="utf-8"),
            published=meta.get(path.name),
        )
        found += extract_positions(a, [], lexicon=lexicon)
    r = compare(found, from_date=D(2022, 4, 30), to_date=D(2025, 12, 31), topic="nato")
    by_actor = {c.actor: c for c in r.changes}
    ukraine, russia = by_actor["Ukraine"], by_actor["Russia"]
    assert ukraine.status == "changed"
    assert ukraine.before is not None and ukraine.after is not None
    assert (ukraine.before.stance, ukraine.after.stance) == ("oppose", "support")
    assert "NATO" in ukraine.before.evidence and "NATO" in ukraine.after.evidence
    assert ukraine.before.date == D(2022, 3, 30) and ukraine.after.date == D(2025, 6, 3)
    assert russia.status == "same"
    assert russia.after is not None and russia.after.stance == "oppose"
    assert r.undated > 0  # the seeds without a known date


@pytest.mark.parametrize("bad", ["", "x"])
def test_compare_on_unknown_topic_is_empty(bad: str) -> None:
    ps = [pos("Ukraine", "nato", "oppose", D(2022, 1, 1))]
    assert compare(ps, from_date=D(2021, 1, 1), to_date=D(2023, 1, 1), topic=bad).changes == []

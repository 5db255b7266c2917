"""The shipped calendar of negotiation rounds (`events.yaml`) and its schema."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from talks import lexicon as lx
from talks.errors import LexiconError
from talks.extract.events import calendar

EVENTS = lx.shipped().events


def test_the_calendar_is_shipped_with_the_2022_and_2025_rounds() -> None:
    years = {ev.date.year for ev in EVENTS}
    assert {2022, 2025} <= years
    assert any(ev.ordinal == "second round" for ev in EVENTS)


@pytest.mark.parametrize("event", EVENTS, ids=lambda ev: ev.name)
def test_every_shipped_event_is_well_formed(event: lx.Event) -> None:
    parties = {p.name for p in lx.shipped().parties}
    assert set(event.participants) <= parties, event.participants
    assert len(event.participants) >= 2
    assert event.last_day() >= event.date
    assert event.last_day() - event.date <= dt.timedelta(days=7)
    assert event.place.strip() and event.place not in event.aliases
    # an alias names this event in one year only: no two years share it
    for alias in event.aliases:
        years = {e.date.year for e in EVENTS if alias in e.aliases}
        assert years == {event.date.year}, alias


def test_event_names_are_unique_and_the_calendar_compiles() -> None:
    names = [ev.name.casefold() for ev in EVENTS]
    assert len(names) == len(set(names))
    assert calendar(lx.shipped()).events == EVENTS


def _error(tmp_path: Path, body: str) -> str:
    path = tmp_path / "user.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(LexiconError) as exc:
        lx.load([path])
    return str(exc.value)


def test_an_event_ending_before_it_starts_is_an_error(tmp_path: Path) -> None:
    msg = _error(
        tmp_path,
        "events:\n  - {name: X talks, date: 2024-06-14, until: 2024-06-13, place: X,"
        " participants: [Finland, Estonia]}\n",
    )
    assert "events[0] (X talks)" in msg and "until" in msg


def test_an_event_with_an_unknown_participant_is_an_error(tmp_path: Path) -> None:
    msg = _error(
        tmp_path,
        "events:\n  - {name: X talks, date: 2024-06-14, place: X, participants: [Atlantis]}\n",
    )
    assert "events[0] (X talks)" in msg and "Atlantis" in msg


def test_an_ordinal_must_be_plain_words(tmp_path: Path) -> None:
    msg = _error(
        tmp_path, "events:\n  - {name: X talks, date: 2024-06-14, place: X, ordinal: 2nd}\n"
    )
    assert "ordinal" in msg


def test_a_user_event_extends_the_calendar(tmp_path: Path) -> None:
    path = tmp_path / "user.yaml"
    path.write_text(
        "events:\n  - {name: Turku talks, date: 2024-06-14, place: Turku,"
        " ordinal: second round, participants: [Finland, Estonia]}\n",
        encoding="utf-8",
    )
    lex = lx.load([path])
    assert lex.events[-1].name == "Turku talks"
    assert len(lex.events) == len(EVENTS) + 1

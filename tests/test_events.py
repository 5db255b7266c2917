"""The round a quote or position refers to (`event`): extraction, store, CLI."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from conftest import Run
from talks.extract import extract
from talks.extract.events import Calendar
from talks.ingest import build_article
from talks.lexicon import Event, Lexicon, shipped
from talks.store import MIGRATIONS, Store

D = dt.date

TURKU = Event(
    name="Turku talks, second round",
    date=D(2024, 6, 14),
    place="Turku",
    aliases=["Turku Castle"],
    ordinal="second round",
    participants=["Finland", "Estonia"],
)
TALLINN = Event(
    name="Tallinn talks, third round",
    date=D(2024, 7, 5),
    place="Tallinn",
    ordinal="third round",
    participants=["Finland", "Estonia"],
)
EARLIER_TURKU = Event(
    name="Turku talks, first round",
    date=D(2024, 5, 2),
    place="Turku",
    ordinal="first round",
    participants=["Finland", "Estonia"],
)
CAL = Calendar([EARLIER_TURKU, TURKU, TALLINN], shipped().parties)


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        ("Tamm said the talks in Turku were useful.", D(2024, 6, 20), TURKU.name),
        ("Tamm said the Turku talks were useful.", D(2024, 5, 20), EARLIER_TURKU.name),
        ("Tamm said the second round was useful.", D(2024, 8, 1), TURKU.name),
        ("Tamm said the first round in Turku was useful.", D(2024, 8, 1), EARLIER_TURKU.name),
        ("Tamm said the meeting at Turku Castle was useful.", None, TURKU.name),
        ("Tamm said the third round would be decisive.", D(2024, 7, 1), None),  # not yet held
        ("Tamm said Turku would decide.", D(2024, 8, 1), None),  # a place, no talks
        ("Turku said the talks were useful.", D(2024, 8, 1), None),  # a metonym, not a place
        ("Tamm said the talks in Turku were useful.", None, None),  # two Turku rounds, no date
        ("Tamm said the talks were useful.", D(2024, 8, 1), None),
    ],
)
def test_the_round_a_sentence_names(
    sentence: str, published: dt.date | None, expected: str | None
) -> None:
    ev = CAL.event_in(sentence, published)
    assert (ev.name if ev else None) == expected


def _lexicon() -> Lexicon:
    return shipped().model_copy(update={"events": [EARLIER_TURKU, TURKU, TALLINN]})


def test_quotes_and_positions_get_the_round_their_sentence_names() -> None:
    lex = _lexicon()
    text = (
        "Talks went on\n\nTURKU, June 14, 2024 (Nordwire) - Delegates met.\n\n"
        '"The second round was useful," Estonian Foreign Minister Liisa Tamm said.\n\n'
        "Tamm said Estonia would sign the text next week.\n"
    )
    article = build_article(text, name="a.txt", path="a.txt", lexicon=lex)
    quotes, _ = extract(article, lexicon=lex)
    by_text = {q.text: q.event for q in quotes}
    assert by_text["The second round was useful"] == TURKU.name
    assert by_text["Estonia would sign the text next week"] is None


def test_the_event_column_is_added_by_a_migration_on_an_old_store(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    con = sqlite3.connect(db)
    con.executescript(MIGRATIONS[0])
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()
    with Store(db) as store:
        cols = {r[1] for r in store.db.execute("PRAGMA table_info(quotes)")}
        assert "event" in cols
        cols = {r[1] for r in store.db.execute("PRAGMA table_info(positions)")}
        assert "event" in cols
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    con.close()


def test_store_round_trips_and_filters_the_event(tmp_path: Path) -> None:
    lex = _lexicon()
    text = (
        "Talks went on\n\nTURKU, June 14, 2024 (Nordwire) - Delegates met.\n\n"
        '"The second round was useful," Estonian Foreign Minister Liisa Tamm said.\n'
    )
    article = build_article(text, name="a.txt", path="a.txt", lexicon=lex)
    quotes, positions = extract(article, lexicon=lex)
    with Store(tmp_path / "s.db") as store:
        store.put(article, quotes, positions, digest="x")
        assert store.quotes() == quotes
        assert [q.event for q in store.quotes(event="second round")] == [TURKU.name]
        assert store.quotes(event="Tallinn") == []


def test_cli_event_option_and_json_field(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Talks went on\n\nISTANBUL, May 16, 2025 (Nordwire) - Delegates met.\n\n"
        '"The talks in Istanbul were hard but useful," Russian negotiator Vladimir Medinsky '
        "said.\n\nMedinsky said Russia wanted a truce.\n",
        encoding="utf-8",
    )
    db = tmp_path / "s.db"
    assert run("ingest", folder, "--db", db).exit_code == 0
    result = run("quotes", "--event", "istanbul", "--db", db, "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["event"] for r in rows] == ["Russia–Ukraine talks, first round (Istanbul, 2025)"]
    every = json.loads(run("quotes", "--db", db, "--format", "json").stdout)
    assert len(every) == 2 and "event" in every[1] and every[1]["event"] is None
    result = run("positions", "--event", "Alaska", "--db", db, "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []

"""Full-text search over quotes: the `--contains` query language, the external-content
FTS5 index kept in sync by triggers, and the tools journalists point at the file
(sqlite-utils, Datasette)."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from conftest import sql
from talks.errors import QueryError, UsageError
from talks.models import Article
from talks.search import fts_query
from talks.store import Store
from test_store import make_article, make_quote

TEXT = (
    "Day two. “We need security guarantees from our partners,” Zelensky said. "
    "“Neutrality is possible, but only with guarantees,” Podolyak said. "
    "“Sanctions stay until the last soldier leaves,” Kuleba said. "
    "“The talks were slow-going and hard,” Medinsky said."
)
FRAGMENTS = {
    "Volodymyr Zelensky": "We need security guarantees from our partners",
    "Mykhailo Podolyak": "Neutrality is possible, but only with guarantees",
    "Dmytro Kuleba": "Sanctions stay until the last soldier leaves",
    "Vladimir Medinsky": "The talks were slow-going and hard",
}


def fill(store: Store, text: str = TEXT, name: str = "a.txt") -> Article:
    article = make_article(text, name=name, path=f"in/{name}")
    quotes = [
        make_quote(article, fragment, speaker=speaker)
        for speaker, fragment in FRAGMENTS.items()
        if fragment in text
    ]
    store.put(article, quotes, [], digest="d-" + name)
    return article


@pytest.fixture
def store(db: Path) -> Any:
    with Store(db) as s:
        fill(s)
        yield s


def who(store: Store, query: str) -> list[str]:
    return [q.speaker for q in store.quotes(contains=query)]


# --- the query language -----------------------------------------------------------


def test_words_are_quoted_so_punctuation_is_never_syntax() -> None:
    assert fts_query("guarantee") == '"guarantee"'
    assert fts_query("slow-going U.S.") == '"slow-going" "U.S."'
    assert fts_query("secur*") == '"secur"*'
    assert fts_query('"security guarantees" OR neutral*') == ('"security guarantees" OR "neutral"*')
    assert fts_query('"Kremlin\'s line"*') == '"Kremlin\'s line"*'


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ('"security guarantees', "not closed"),
        ("OR guarantees", "OR needs a term"),
        ("guarantees OR", "OR needs a term"),
        ("neutral OR OR guarantees", "OR needs a term"),
        ("*", "holds no word"),
        ("--", "holds no word"),
        ("gua*rantee", "may only end a word"),
    ],
)
def test_a_malformed_query_is_one_clear_line(query: str, problem: str) -> None:
    with pytest.raises(QueryError, match=problem) as info:
        fts_query(query)
    assert "\n" not in str(info.value)
    assert isinstance(info.value, UsageError)  # exit status 2 at the command line


# --- searching the store ----------------------------------------------------------


def test_a_word_finds_its_other_forms(store: Store) -> None:
    assert who(store, "guarantee") == ["Volodymyr Zelensky", "Mykhailo Podolyak"]
    assert who(store, "GUARANTEED") == ["Volodymyr Zelensky", "Mykhailo Podolyak"]
    assert who(store, "soldiers") == ["Dmytro Kuleba"]
    assert who(store, "ceasefire") == []


def test_prefixes_or_and_phrases(store: Store) -> None:
    assert who(store, "neutral*") == ["Mykhailo Podolyak"]
    assert who(store, "sanction* OR neutrality") == ["Mykhailo Podolyak", "Dmytro Kuleba"]
    assert who(store, "guarantees partners") == ["Volodymyr Zelensky"]  # all the words
    assert who(store, '"security guarantees"') == ["Volodymyr Zelensky"]
    assert who(store, '"guarantees security"') == []
    assert who(store, "slow-going") == ["Vladimir Medinsky"]
    assert who(store, '"last sold"*') == ["Dmytro Kuleba"]


def test_search_combines_with_the_other_filters(store: Store) -> None:
    assert [
        q.speaker for q in store.quotes(contains="guarantees", speakers=["Mykhailo Podolyak"])
    ] == ["Mykhailo Podolyak"]
    assert store.quotes(contains="guarantees", limit=1)[0].speaker == "Volodymyr Zelensky"


def test_accents_and_case_do_not_matter(db: Path) -> None:
    text = "Кремль. “Ukraïna will decide,” Zelensky said. “Мы готовы к переговорам,” Песков сказал."
    with Store(db) as s:
        article = make_article(text)
        s.put(
            article,
            [
                make_quote(article, "Ukraïna will decide", speaker="Volodymyr Zelensky"),
                make_quote(article, "Мы готовы к переговорам", speaker="Dmitry Peskov"),
            ],
            [],
            digest="d",
        )
        assert who(s, "ukraina") == ["Volodymyr Zelensky"]
        assert who(s, "ГОТОВЫ") == ["Dmitry Peskov"]


def test_the_index_follows_replaced_and_removed_articles(db: Path) -> None:
    with Store(db) as s:
        fill(s)
        assert who(s, "guarantees") == ["Volodymyr Zelensky", "Mykhailo Podolyak"]
        # the same file with new content: its old quotes leave the index
        fill(s, "New day. “Sanctions stay until the last soldier leaves,” Kuleba said.")
        assert who(s, "guarantees") == []
        assert who(s, "sanctions") == ["Dmytro Kuleba"]
        s.db.execute("INSERT INTO quotes_fts (quotes_fts) VALUES ('integrity-check')")
        assert sql(db, "SELECT COUNT(*) FROM quote_topics") == [(1,)]


def test_rowids_survive_vacuum(db: Path) -> None:
    with Store(db) as s:
        fill(s, name="a.txt")
        fill(s, TEXT.replace("Day two", "Day three"), name="b.txt")
        fill(s, TEXT.replace("Day two", "Day four"), name="c.txt")
        s.put(
            make_article(TEXT.replace("Day two", "Day three"), name="b.txt", path="in/b.txt"),
            [],
            [],
            digest="x",
        )
        before = [(q.id, q.text) for q in s.quotes(contains="sanctions")]
    con = sqlite3.connect(db)
    con.execute("VACUUM")
    con.close()
    with Store(db) as s:
        assert [(q.id, q.text) for q in s.quotes(contains="sanctions")] == before
        assert len(before) == 2
        s.db.execute("INSERT INTO quotes_fts (quotes_fts) VALUES ('integrity-check')")


def test_a_query_the_index_refuses_is_a_query_error(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import talks.store as store_mod

    monkeypatch.setattr(store_mod, "fts_query", lambda q: q)  # raw FTS5 syntax, unchecked
    with pytest.raises(QueryError, match="--contains"):
        store.quotes(contains='"unclosed')


# --- other tools on the same file ---------------------------------------------------


def test_sqlite_utils_search(store: Store, db: Path) -> None:
    import sqlite_utils  # the dev extra installs it: a missing one fails, never skips
    from click.testing import CliRunner
    from sqlite_utils.cli import cli

    table = sqlite_utils.Database(db)["quotes"]
    assert table.detect_fts() == "quotes_fts"
    found = [r["text"] for r in table.search("guarantee")]
    assert sorted(found) == sorted(
        [FRAGMENTS["Volodymyr Zelensky"], FRAGMENTS["Mykhailo Podolyak"]]
    )
    result = CliRunner().invoke(cli, ["search", str(db), "quotes", "soldier", "-c", "text"])
    assert result.exit_code == 0, result.output
    assert FRAGMENTS["Dmytro Kuleba"] in result.output
    assert FRAGMENTS["Volodymyr Zelensky"] not in result.output


def datasette_get(db: Path, path: str, **kw: Any) -> Any:
    from datasette import app as datasette_app  # the web extra; never skipped

    async def get() -> Any:
        ds = datasette_app.Datasette([str(db)], **kw)
        response = await ds.client.get(path)
        assert response.status_code == 200, response.text
        return response.json()

    return asyncio.run(get())


def test_datasette_search_box(store: Store, db: Path) -> None:
    rows = datasette_get(db, f"/{db.stem}/quotes.json?_search=guarantee&_shape=array")
    assert sorted(r["text"] for r in rows) == sorted(
        [FRAGMENTS["Volodymyr Zelensky"], FRAGMENTS["Mykhailo Podolyak"]]
    )
    everything = datasette_get(db, f"/{db.stem}/quotes.json?_shape=array")
    assert len(everything) == len(FRAGMENTS)

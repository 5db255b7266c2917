"""A page of a search (`quotes --contains ... --limit N`) found by walking the quotes in
listing order and asking the full-text index about each (`Store._walk_page`) is the
page the plain query (every match sorted) gives, for every filter and page, on a
store whose rowids are not in listing order and whose articles tie on date and name."""

from __future__ import annotations

import datetime as dt
import random
from itertools import product
from pathlib import Path
from typing import Any

import pytest

from talks import store as store_mod
from talks.store import Store
from test_store import make_article, make_quote

WORDS = ["neutral"] * 6 + ["neutrality"] * 2 + ["peace"] * 3 + ["nato", "guarantees", "soldiers"]
SPEAKERS = [
    ("Vladimir Medinsky", "Russia"),
    ("Dmitry Peskov", "Russia"),
    ("Volodymyr Zelensky", "Ukraine"),
    ("Mykhailo Podolyak", "Ukraine"),
    ("Recep Erdogan", "Turkey"),
]
DATES = [dt.date(2022, 3, d) for d in (1, 2, 2, 3, 10)] + [None]
NAMES = ["a.txt", "b.txt", "b.txt", "c.txt"]  # in several folders: ties on date and name
EVENTS = [None, None, "Istanbul round", "Belarus round"]


def _article(rng: random.Random, n: int) -> tuple[Any, list[Any]]:
    fragments = []
    for j in range(rng.randint(0, 7)):
        words = rng.choices(WORDS, k=rng.randint(1, 4))
        fragments.append(f"item{n}x{j} " + " ".join(words))
    text = f"Report {n}. " + " ".join(f"“{f},” he said." for f in fragments)
    name = rng.choice(NAMES)
    published = rng.choice(DATES)
    article = make_article(text, name=name, path=f"f{n}/{name}", published=published)
    quotes = []
    for fragment in fragments:
        speaker, side = rng.choice(SPEAKERS)
        date = rng.choice([published, published, None, dt.date(2022, 3, rng.randint(1, 12))])
        quotes.append(
            make_quote(
                article,
                fragment,
                speaker=speaker,
                side=side,
                kind=rng.choice(["direct", "indirect"]),
                date=date,
                date_basis="unknown" if date is None else "explicit",
                topics=tuple(sorted(set(rng.choices(["peace", "nato", "neutrality"], k=2)))),
                event=rng.choice(EVENTS),
            )
        )
    return article, quotes


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Any:
    rng = random.Random(11)
    s = Store(Path(tmp_path_factory.mktemp("page")) / "talks.db")
    for n in range(90):
        article, quotes = _article(rng, n)
        s.put(article, quotes, [], digest=f"d{n}")
    # replaced and removed articles leave rowid gaps and move rowids out of order
    for n in (3, 17, 40):
        article, quotes = _article(rng, 1000 + n)
        replaced = s.db.execute(
            "SELECT path, article FROM articles WHERE rowid = ?", (n,)
        ).fetchone()
        article = article.model_copy(update={"path": replaced[0], "article": replaced[1]})
        s.put(article, quotes, [], digest=f"r{n}")
    s.remove([s.db.execute("SELECT id FROM articles WHERE rowid = 9").fetchone()[0]])
    # quote rowids out of their articles' order (the triggers keep the index in step)
    columns = ", ".join(r[1] for r in s.db.execute("PRAGMA table_info(quotes)") if r[1] != "rowid")
    s.db.executescript(
        "CREATE TEMP TABLE moved AS SELECT * FROM quotes WHERE article_rowid % 4 = 0;"
        "DELETE FROM quotes WHERE article_rowid % 4 = 0;"
        f"INSERT INTO quotes (rowid, {columns}) SELECT 100000 - rowid, {columns} FROM moved;"
    )
    yield s
    s.close()


FILTERS: list[dict[str, Any]] = [
    {},
    {"speakers": ["vladimir medinsky"]},
    {"speakers": ["Dmitry Peskov", "Recep Erdogan"]},
    {"speakers": []},
    {"side": "ukraine"},
    {"kind": "indirect"},
    {"topic": "nato"},
    {"since": dt.date(2022, 3, 2)},
    {"until": dt.date(2022, 3, 3)},
    {"since": dt.date(2022, 3, 2), "until": dt.date(2022, 3, 2)},
    {"event": "istanbul"},
    {"side": "Russia", "kind": "direct", "topic": "peace"},
    {"speakers": ["Volodymyr Zelensky"], "since": dt.date(2022, 3, 3)},
    {"article": "b.txt"},
]
SEARCHES = ["neutral", "neutral*", "peace OR nato", '"neutral peace"', "soldiers", "nothing"]
PAGES = [(1, 0), (5, 0), (7, 3), (40, 0), (500, 0), (3, 100)]


def _rows(store: Store, **kw: Any) -> list[dict[str, Any]]:
    return list(store.quote_rows(**kw))


def test_the_store_has_the_ties_and_disorder_the_comparison_needs(store: Store) -> None:
    listed = [
        r[0]
        for r in store.db.execute(
            "SELECT quote_rowid FROM quote_list "
            "ORDER BY published IS NULL, published, article, quote_rowid"
        )
    ]
    assert len(listed) > 150
    assert listed != sorted(listed)  # insertion order is not listing order
    ties = store.db.execute(
        "SELECT COUNT(*) FROM (SELECT published, article FROM articles "
        "WHERE rowid IN (SELECT article_rowid FROM quotes) "
        "GROUP BY 1, 2 HAVING COUNT(*) > 1)"
    ).fetchone()[0]
    assert ties > 3  # articles of one date and name: their quotes interleave by rowid
    assert store.db.execute(
        "SELECT COUNT(*) FROM quotes q, quotes r WHERE q.article_rowid < r.article_rowid "
        "AND q.rowid > r.rowid"
    ).fetchone()[0]  # an earlier article's quotes can come after a later one's


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: ",".join(f) or "none")
def test_a_walked_page_is_the_plain_page(
    store: Store, filters: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    walked: list[bool] = []
    walk = Store._walk_page

    def spy(self: Store, *args: Any) -> list[int] | None:
        found = walk(self, *args)
        walked.append(found is not None)
        return found

    monkeypatch.setattr(Store, "_walk_page", spy)
    full = False  # some page had all its rows: a walk that passes every quote fills it
    for search, (limit, offset) in product(SEARCHES, PAGES):
        kw = dict(filters, contains=search, limit=limit, offset=offset)
        with monkeypatch.context() as m:
            m.setattr(store_mod, "_walk_cap", lambda *a: None)
            plain = _rows(store, **kw)
        full = full or len(plain) == limit
        assert plain == _rows(store, **kw)  # the planner's choice
        for cap in (1, 4, 25, 10**9):  # give up early, late, never
            with monkeypatch.context() as m:
                m.setattr(store_mod, "_walk_cap", lambda *a, cap=cap: cap)
                assert _rows(store, **kw) == plain, (search, limit, offset, cap)
    if full and "article" not in filters:
        assert any(walked), "the walk never filled a page"
        assert not all(walked), "the walk never gave up"


def test_a_walked_page_of_models_is_the_plain_page(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as m:
        m.setattr(store_mod, "_walk_cap", lambda *a: None)
        plain = store.quotes(contains="neutral", side="russia", limit=6, offset=2)
    monkeypatch.setattr(store_mod, "_walk_cap", lambda *a: 10**9)
    assert store.quotes(contains="neutral", side="russia", limit=6, offset=2) == plain
    assert len(plain) == 6


def test_the_walk_is_chosen_only_for_common_searches() -> None:
    total, need = 1_724_174, 20
    floor = store_mod._walk_floor(need, total)
    assert store_mod._walk_cap(need, total, 162_861, floor) is not None  # "neutral"
    assert store_mod._walk_cap(need, total, min(floor, 162_861), floor) is not None
    assert store_mod._walk_cap(need, total, floor - 1, floor) is None
    assert store_mod._walk_cap(need, total, 500, floor) is None
    # a page of 1,000 rows needs more matches than a page of 20 before walking pays
    assert store_mod._walk_floor(1000, total) > floor
    cap = store_mod._walk_cap(need, total, floor, floor)
    assert cap is not None and need < cap < floor  # passes fewer quotes than it would sort


def test_a_search_refused_by_the_index_is_still_a_query_error(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from talks.errors import QueryError

    monkeypatch.setattr(store_mod, "fts_query", lambda q: '"a" AND OR')
    with pytest.raises(QueryError, match="--contains"):
        _rows(store, contains="x", limit=5)


def test_prefix_searches_are_told_apart() -> None:
    from talks.search import fts_query

    assert store_mod._prefix_search(fts_query("neutr*"))
    assert store_mod._prefix_search(fts_query('peace OR "security guar"*'))
    assert not store_mod._prefix_search(fts_query("neutral"))
    assert not store_mod._prefix_search(fts_query('"*b" peace'))
    assert not store_mod._prefix_search(fts_query('a "*b"'))


def test_a_walked_page_may_hold_more_rows_than_sqlite_allows_marks(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    with monkeypatch.context() as m:
        m.setattr(store_mod, "_walk_cap", lambda *a: None)
        plain = _rows(store, contains="neutral", limit=40)
    monkeypatch.setattr(store_mod, "_walk_cap", lambda *a: 10**9)
    old = store.db.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 8)
    try:
        assert _rows(store, contains="neutral", limit=40) == plain
    finally:
        store.db.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, old)
    assert len(plain) == 40


@pytest.mark.parametrize(
    ("limit", "offset"), [(1, 0), (5, 0), (7, 3), (40, 11), (10_000, 0), (3, 10_000)]
)
def test_an_unfiltered_page_is_a_slice_of_the_sorted_listing(
    store: Store, limit: int, offset: int
) -> None:
    listing = _rows(store)  # every quote, sorted by the plain query
    assert _rows(store, limit=limit, offset=offset) == listing[offset : offset + limit]
    assert store.quotes(limit=limit, offset=offset) == store.quotes()[offset : offset + limit]

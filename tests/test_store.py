"""The SQLite store: a plain file, numbered migrations, atomic per-article writes,
and readers that give back exactly the records that went in."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import platformdirs
import pytest

from conftest import sql
from talks import config
from talks import store as store_mod
from talks.errors import StoreError
from talks.extract import record_id
from talks.models import Article, Position, Quote, Span
from talks.store import MIGRATIONS, Store


def make_article(
    text: str = "Talks went on. “We want peace now,” Medinsky said. Kyiv wants guarantees.",
    *,
    name: str = "a.txt",
    path: str = "in/a.txt",
    published: dt.date | None = dt.date(2022, 3, 30),
    outlet: str | None = "Reuters",
) -> Article:
    from talks.ingest import article_id

    return Article(
        id=article_id(text),
        article=name,
        path=path,
        title=text.split(".")[0],
        outlet=outlet,
        url="https://example.org/a",
        published=published,
        published_basis="dateline" if published else "unknown",
        text=text,
        encoding="cp1252",
        title_span=Span(start=0, end=13),
        noise=(Span(start=0, end=5),),
        warnings=("a warning",),
    )


def make_quote(
    article: Article, fragment: str, *, speaker: str = "Vladimir Medinsky", **kw: object
) -> Quote:
    start = article.text.index(fragment)
    span = Span(start=start, end=start + len(fragment))
    fields: dict[str, object] = {
        "id": record_id("q", article.id, start),
        "article": article.article,
        "article_id": article.id,
        "path": article.path,
        "speaker": speaker,
        "speaker_mention": speaker.split()[-1],
        "speaker_span": None,
        "side": "Russia",
        "kind": "direct",
        "text": fragment,
        "spans": (span,),
        "cue": "said",
        "cue_span": None,
        "date": article.published,
        "date_basis": "published" if article.published else "unknown",
        "topics": ("peace",),
    }
    fields.update(kw)
    return Quote.model_validate(fields)


def make_position(article: Article, fragment: str, **kw: object) -> Position:
    start = article.text.index(fragment)
    fields: dict[str, object] = {
        "id": record_id("p", article.id, start),
        "article": article.article,
        "article_id": article.id,
        "path": article.path,
        "actor": "Ukraine",
        "topic": "security_guarantees",
        "stance": "support",
        "conditional": True,
        "holder": None,
        "date": article.published,
        "date_basis": "published",
        "evidence": fragment,
        "span": Span(start=start, end=start + len(fragment)),
    }
    fields.update(kw)
    return Position.model_validate(fields)


@pytest.fixture
def store(db: Path) -> Iterator[Store]:
    s = Store(db)
    yield s
    s.close()


# --- the file and its schema ------------------------------------------------------


def test_store_is_a_plain_sqlite_file(db: Path) -> None:
    article = make_article()
    with Store(db) as s:
        s.put(article, [make_quote(article, "We want peace now")], [], digest="d1")
    assert db.is_file()
    assert db.read_bytes()[:16] == b"SQLite format 3\x00"
    tables = {r[0] for r in sql(db, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "quotes", "positions"} <= tables
    rows = sql(db, "SELECT id, article, path, published, text FROM articles")
    assert rows == [(article.id, "a.txt", "in/a.txt", "2022-03-30", article.text)]
    assert sql(db, "SELECT speaker, text FROM quote_list") == [
        ("Vladimir Medinsky", "We want peace now")
    ]


def test_the_page_cache_is_bounded_in_kib_on_new_and_existing_stores(db: Path) -> None:
    # SQLite sizes its cache in pages when the connection is made, from the default
    # 4 KB page: a new store given 32 KB pages must be bounded again, in KiB
    from talks.store import CACHE_KIB

    for _ in range(2):  # new, then existing
        with Store(db) as s:
            assert s.db.execute("PRAGMA page_size").fetchone()[0] == 32768
            assert s.db.execute("PRAGMA cache_size").fetchone()[0] == -CACHE_KIB
            s.cache(16384)
            assert s.db.execute("PRAGMA cache_size").fetchone()[0] == -16384


def test_migrations_set_user_version(db: Path) -> None:
    Store(db).close()
    assert sql(db, "PRAGMA user_version") == [(len(MIGRATIONS),)]


def test_reopening_does_not_rerun_migrations(db: Path) -> None:
    article = make_article()
    with Store(db) as s:
        s.put(article, [], [], digest="d1")
    with Store(db) as s:  # migration 1 would fail on existing tables if it ran again
        assert s.counts()["articles"] == 1
    assert sql(db, "PRAGMA user_version") == [(len(MIGRATIONS),)]


def test_only_new_migrations_run_on_an_old_store(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(db) as s:
        s.put(make_article(), [], [], digest="d1")
    extra = [*MIGRATIONS, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"]
    monkeypatch.setattr(store_mod, "MIGRATIONS", extra)
    Store(db).close()
    assert sql(db, "PRAGMA user_version") == [(len(extra),)]
    assert sql(db, "SELECT COUNT(*) FROM notes") == [(0,)]
    Store(db).close()  # CREATE TABLE notes would fail if it ran twice
    assert sql(db, "SELECT COUNT(*) FROM articles") == [(1,)]


def test_a_store_from_a_newer_talks_is_refused(db: Path) -> None:
    Store(db).close()
    con = sqlite3.connect(db)
    con.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    con.close()
    with pytest.raises(StoreError, match=r"newer"):
        Store(db)


def test_a_file_that_is_not_a_store_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match=r"junk\.db"):
        Store(path)


def test_store_creates_its_folder(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "t.db"
    Store(path).close()
    assert path.is_file()


# --- where the store lives --------------------------------------------------------


def test_default_db_path_is_in_the_user_data_dir() -> None:
    default = config.default_db_path()
    assert default.parent == Path(platformdirs.user_data_dir("talks", appauthor=False))
    assert default.suffix == ".db"


def test_db_path_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    explicit, env = tmp_path / "explicit.db", tmp_path / "env.db"
    assert config.db_path() == config.default_db_path()
    monkeypatch.setenv("TALKS_DB", str(env))
    assert config.db_path() == env
    assert config.db_path(explicit) == explicit


# --- writing ----------------------------------------------------------------------


def test_records_round_trip_unchanged(store: Store) -> None:
    article = make_article()
    quotes = [
        make_quote(
            article,
            "We want peace now",
            speaker_span=Span(start=36, end=44),
            cue_span=Span(start=45, end=49),
        )
    ]
    positions = [make_position(article, "Kyiv wants guarantees", quote_id=quotes[0].id)]
    store.put(article, quotes, positions, digest="d1")
    assert store.article(article.id) == article
    assert store.article("a.txt") == article
    assert store.articles() == [article]
    assert store.quotes() == quotes
    assert store.positions() == positions
    assert store.counts() == {"articles": 1, "quotes": 1, "positions": 1}


def test_values_read_back_exactly_from_a_text_holding_a_nul(store: Store) -> None:
    # SQLite's substr() stops at a NUL: mention, cue and evidence must not be cut from it
    article = make_article(
        "Talks\x00 went. “We want peace now,” Medinsky said. Kyiv wants guarantees."
    )
    start = article.text.index("Medinsky")
    quotes = [
        make_quote(
            article,
            "We want peace now",
            speaker_mention="Medinsky",
            speaker_span=Span(start=start, end=start + 8),
            cue_span=Span(start=start + 9, end=start + 13),
        )
    ]
    positions = [make_position(article, "Kyiv wants guarantees", quote_id=quotes[0].id)]
    store.put(article, quotes, positions, digest="d1")
    assert store.quotes() == quotes
    assert store.positions() == positions


def test_articles_without_text(store: Store) -> None:
    article = make_article()
    store.put(article, [], [], digest="d1")
    (listed,) = store.articles(with_text=False)
    assert listed.text == ""
    assert listed.model_copy(update={"text": article.text}) == article


def test_status_new_unchanged_updated(store: Store) -> None:
    article = make_article()
    assert store.status_of(article, "d1") == "new"
    store.put(article, [], [], digest="d1")
    assert store.status_of(article, "d1") == "unchanged"
    assert store.status_of(article, "d2") == "updated"
    changed = make_article("Other text. Nothing said.")
    assert store.status_of(changed, "d3") == "updated"  # same source, new content


def test_put_replaces_what_the_source_had(store: Store) -> None:
    old = make_article()
    store.put(
        old,
        [make_quote(old, "We want peace now"), make_quote(old, "Kyiv wants guarantees")],
        [make_position(old, "Kyiv wants guarantees")],
        digest="d1",
    )
    new = make_article("Talks stalled. “We will not give up land,” Podolyak said.")
    store.put(
        new,
        [make_quote(new, "We will not give up land", speaker="Mykhailo Podolyak")],
        [],
        digest="d2",
    )
    assert store.counts() == {"articles": 1, "quotes": 1, "positions": 0}
    assert [a.id for a in store.articles()] == [new.id]
    assert [q.speaker for q in store.quotes()] == ["Mykhailo Podolyak"]
    assert store.quotes(contains="peace") == []
    assert store.quotes(topic="peace") == store.quotes()
    assert sql(store.path, "SELECT COUNT(*) FROM quote_topics") == [(1,)]


def test_put_is_all_or_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    old = make_article()
    old_quotes = [make_quote(old, "We want peace now")]
    store.put(old, old_quotes, [], digest="d1")
    new = make_article("Changed text. “Peace,” he said.")

    def boom(*args: object) -> None:
        raise sqlite3.OperationalError("disk I/O error (simulated)")

    monkeypatch.setattr(Store, "_insert", boom)
    with pytest.raises(StoreError, match="disk I/O error"):
        store.put(new, [], [], digest="d2")
    monkeypatch.undo()
    assert [a.id for a in store.articles()] == [old.id]
    assert store.quotes() == old_quotes
    reopened = Store(store.path)
    assert reopened.quotes() == old_quotes
    reopened.close()


def test_a_failed_article_inside_a_batch_leaves_the_others(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = make_article(name="a.txt", path="in/a.txt")
    b = make_article("Another text. Said nothing.", name="b.txt", path="in/b.txt")
    real_insert = Store._insert

    def flaky(self: Store, article: Article, *rest: object) -> None:
        if article.article == "b.txt":
            raise sqlite3.OperationalError("simulated")
        real_insert(self, article, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "_insert", flaky)
    store.begin()
    store.put(a, [make_quote(a, "We want peace now")], [], digest="d1")
    with pytest.raises(StoreError, match="simulated"):
        store.put(b, [], [], digest="d2")
    store.commit()
    assert [x.article for x in store.articles()] == ["a.txt"]
    assert store.counts()["quotes"] == 1


def test_closing_inside_a_batch_rolls_it_back(db: Path) -> None:
    s = Store(db)
    s.begin()
    s.put(make_article(), [], [], digest="d1")
    s.close()
    assert sql(db, "SELECT COUNT(*) FROM articles") == [(0,)]


def test_batch_is_visible_to_other_readers_only_after_commit(db: Path) -> None:
    s = Store(db)
    s.begin()
    s.put(make_article(), [], [], digest="d1")
    assert sql(db, "SELECT COUNT(*) FROM articles") == [(0,)]
    s.commit()
    assert sql(db, "SELECT COUNT(*) FROM articles") == [(1,)]
    s.close()


# --- reading ----------------------------------------------------------------------


@pytest.fixture
def filled(store: Store) -> Store:
    a = make_article(name="a.txt", path="in/a.txt", published=dt.date(2022, 3, 16))
    b = make_article(
        "Later text. “No NATO,” Peskov said. Moscow wants neutrality.",
        name="b.txt",
        path="in/b.txt",
        published=dt.date(2022, 3, 30),
        outlet="TASS",
    )
    c = make_article(
        "Undated text. “Maybe,” Zelensky said.", name="c.txt", path="in/c.txt", published=None
    )
    store.put(a, [make_quote(a, "We want peace now")], [], digest="a")
    store.put(
        b,
        [make_quote(b, "No NATO", speaker="Dmitry Peskov", topics=("nato",))],
        [make_position(b, "Moscow wants neutrality", actor="Russia", topic="neutrality")],
        digest="b",
    )
    store.put(
        c,
        [make_quote(c, "Maybe", speaker="Volodymyr Zelensky", side="Ukraine", kind="indirect")],
        [make_position(c, "Maybe", stance="oppose")],
        digest="c",
    )
    return store


def test_articles_in_date_order_undated_last(filled: Store) -> None:
    assert [a.article for a in filled.articles()] == ["a.txt", "b.txt", "c.txt"]


def test_article_filters(filled: Store) -> None:
    def names(**kw: object) -> list[str]:
        return [a.article for a in filled.articles(**kw)]  # type: ignore[arg-type]

    assert names(since=dt.date(2022, 3, 20)) == ["b.txt"]
    assert names(until=dt.date(2022, 3, 20)) == ["a.txt"]
    assert names(since=dt.date(2022, 3, 16), until=dt.date(2022, 3, 30)) == ["a.txt", "b.txt"]
    assert names(outlet="tas") == ["b.txt"]
    assert names(article="c.txt") == ["c.txt"]
    assert filled.article("nope") is None


def test_quote_filters(filled: Store) -> None:
    def speakers(**kw: object) -> list[str]:
        return [q.speaker for q in filled.quotes(**kw)]  # type: ignore[arg-type]

    assert speakers() == ["Vladimir Medinsky", "Dmitry Peskov", "Volodymyr Zelensky"]
    assert speakers(speakers=["dmitry peskov"]) == ["Dmitry Peskov"]
    assert speakers(speakers=[]) == []
    assert speakers(side="ukraine") == ["Volodymyr Zelensky"]
    assert speakers(kind="indirect") == ["Volodymyr Zelensky"]
    assert speakers(topic="nato") == ["Dmitry Peskov"]
    assert speakers(since=dt.date(2022, 3, 20)) == ["Dmitry Peskov"]
    assert speakers(until=dt.date(2022, 3, 20)) == ["Vladimir Medinsky"]
    assert speakers(article="b.txt") == ["Dmitry Peskov"]
    assert speakers(contains="want peace") == ["Vladimir Medinsky"]
    assert speakers(contains="peace want") == ["Vladimir Medinsky"]  # loose words: all
    assert speakers(contains='"peace want"') == []  # a phrase: in this order
    assert speakers(contains='"want peace"') == ["Vladimir Medinsky"]
    assert speakers(limit=2) == ["Vladimir Medinsky", "Dmitry Peskov"]


def test_quote_by_id_or_unique_prefix(filled: Store) -> None:
    quotes = filled.quotes()
    q = quotes[1]
    assert filled.quote(q.id) == q
    assert filled.quote(q.id[:8]) == q
    assert filled.quote(q.id[:3]) is None  # too short to be a prefix
    assert filled.quote("q") is None  # every id starts with q: not unique, too short
    assert filled.quote("nothing-like-it") is None


def test_position_filters(filled: Store) -> None:
    def topics(**kw: object) -> list[tuple[str, str]]:
        return [(p.actor, p.topic) for p in filled.positions(**kw)]  # type: ignore[arg-type]

    assert topics() == [("Russia", "neutrality"), ("Ukraine", "security_guarantees")]
    assert topics(topic="neutrality") == [("Russia", "neutrality")]
    assert topics(actor="ukraine") == [("Ukraine", "security_guarantees")]
    assert topics(stance="oppose") == [("Ukraine", "security_guarantees")]
    assert topics(since=dt.date(2022, 3, 1)) == [("Russia", "neutrality")]
    assert topics(article="c.txt") == [("Ukraine", "security_guarantees")]


def test_speaker_summary(filled: Store) -> None:
    stats = {s["name"]: s for s in filled.refresh_speaker_summary(len)}
    stats["Dmitry Peskov"].pop("rowid")
    assert stats["Dmitry Peskov"] == {
        "name": "Dmitry Peskov",
        "side": "Russia",
        "quotes": 1,
        "statements": 1,
        "spellings": ["Peskov"],
    }
    assert sorted(filled.speaker_names()) == sorted(stats)

"""The store's shape for other tools: views a journalist can browse without joins,
the speakers table with the lexicon's facts, one copy of every text, and the
migration that brings a v1 store to this shape without losing a field."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

from conftest import sql
from talks.lexicon import shipped
from talks.models import Article, Position, Quote, Span
from talks.pipeline import ingest_paths
from talks.store import MIGRATIONS, Store
from test_store import make_article, make_position, make_quote

TEXT = (
    "Kyiv talks 😀 résumé. “We want peace now,” Medinsky said. "
    "“No NATO,” he added, “and no bases.” Kyiv wants guarantees."
)


def at(fragment: str, text: str = TEXT) -> Span:
    start = text.index(fragment)
    return Span(start=start, end=start + len(fragment))


def filled(db: Path) -> tuple[Article, list[Quote], list[Position]]:
    article = make_article(TEXT)
    first = make_quote(
        article,
        "We want peace now",
        speaker_span=at("Medinsky"),
        cue_span=at("said"),
    )
    start = TEXT.index("No NATO")
    second = make_quote(
        article,
        "No NATO",
        speaker="Vladimir Medinsky",
        speaker_mention="he",
        speaker_span=at("he"),
        cue="added",
        cue_span=at("added"),
        text="No NATO and no bases",
        spans=(Span(start=start, end=start + 7), at("and no bases")),
        topics=("nato", "foreign_troops"),
    )
    position = make_position(article, "Kyiv wants guarantees")
    with Store(db) as s:
        s.put(article, [first, second], [position], digest="d")
    return article, [first, second], [position]


def test_records_come_back_whole_with_non_ascii_before_their_spans(db: Path) -> None:
    article, quotes, positions = filled(db)
    with Store(db) as s:
        assert s.quotes() == quotes
        assert s.positions() == positions
        assert s.articles() == [article]
        assert s.quote(quotes[1].id) == quotes[1]


def test_texts_at_a_span_are_stored_once(db: Path) -> None:
    filled(db)
    # the mention "Medinsky", the cue "said" and the evidence are the article's own
    # characters at their spans: the store keeps them only in the article text
    assert sql(db, "SELECT speaker_mention, cue FROM quotes ORDER BY rowid") == [
        (None, None),
        (None, None),
    ]
    assert sql(db, "SELECT evidence FROM positions") == [(None,)]
    assert sql(db, "SELECT start, end, spans FROM quotes ORDER BY rowid")[0][2] is None
    assert "quotes_fts_content" not in {
        r[0] for r in sql(db, "SELECT name FROM sqlite_master WHERE type = 'table'")
    }


def test_a_mention_unlike_its_span_is_kept(db: Path) -> None:
    article = make_article(TEXT)
    q = make_quote(article, "We want peace now", speaker_mention="Vladimir Medinsky")
    with Store(db) as s:
        s.put(article, [q], [], digest="d")
        assert s.quotes() == [q]
    assert sql(db, "SELECT speaker_mention FROM quotes") == [("Vladimir Medinsky",)]


def test_views_give_every_record_with_its_article(db: Path) -> None:
    article, quotes, _ = filled(db)
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    rows = [dict(r) for r in con.execute("SELECT * FROM quote_list ORDER BY quote_rowid")]
    assert [r["id"] for r in rows] == [q.id for q in quotes]
    second = rows[1]
    assert second["speaker"] == "Vladimir Medinsky"
    assert second["speaker_mention"] == "he"
    assert second["cue"] == "added"
    assert second["text"] == "No NATO and no bases"
    assert json.loads(second["spans"]) == [[s.start, s.end] for s in quotes[1].spans]
    assert (second["start"], second["end"]) == (quotes[1].spans[0].start, quotes[1].spans[-1].end)
    for row in rows:
        assert row["title"] == article.title
        assert row["outlet"] == "Reuters"
        assert row["url"] == "https://example.org/a"
        assert row["published"] == "2022-03-30"
        assert row["article"] == "a.txt"
        assert row["article_id"] == article.id
    (pos,) = [dict(r) for r in con.execute("SELECT * FROM position_list")]
    assert pos["evidence"] == "Kyiv wants guarantees"
    assert TEXT[pos["start"] : pos["end"]] == "Kyiv wants guarantees"
    assert (pos["title"], pos["outlet"], pos["published"]) == (
        article.title,
        "Reuters",
        "2022-03-30",
    )
    con.close()


def test_speakers_table_holds_the_lexicon_facts_and_counts(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    body = "Talks resumed on Tuesday.\n\n“We want peace now,” Vladimir Medinsky said.\n"
    (folder / "a.txt").write_text("Round one\n\n" + body, encoding="utf-8")
    (folder / "b.txt").write_text("Round two\n\n" + body, encoding="utf-8")
    with Store(db) as s:
        ingest_paths(s, [folder], lexicon=shipped())
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    (row,) = [
        dict(r) for r in con.execute("SELECT * FROM speaker_list WHERE name LIKE '%Medinsky'")
    ]
    con.close()
    assert row["side"] == "Russia"
    assert (row["quotes"], row["statements"], row["articles"]) == (2, 1, 2)
    entry = next(e for e in shipped().speakers if e.name == row["name"])
    roles = json.loads(row["roles"])
    assert [r["title"] for r in roles] == [r.title for r in entry.roles]
    assert [r["since"] for r in roles] == [r.since and r.since.isoformat() for r in entry.roles]
    assert json.loads(row["aliases"]) == list(entry.aliases)


def test_a_new_store_uses_large_pages(db: Path) -> None:
    Store(db).close()
    assert sql(db, "PRAGMA page_size")[0][0] >= 16384


# --- migration from v1 ------------------------------------------------------------

V1_ROWS = """  -- v1 rows, with the spans of fragments of TEXT filled in
INSERT INTO articles VALUES ('a1', 'a.txt', 'in/a.txt', 'Title', 'Reuters', 'https://x.org/a',
  '2022-03-30', 'dateline', 'utf-8', '[0, 5]', '[[6, 8]]', '["w"]', :text, 'd1',
  '2022-04-01T00:00:00+00:00', '/abs/in/a.txt');
INSERT INTO quotes VALUES ('q1', 'a1', 0, 'a.txt', 'in/a.txt', 'Vladimir Medinsky', 'Medinsky',
  '{medinsky}', 'Russia', 'direct', 'We want peace now', '[{want}]', 'said', '{said}',
  '2022-03-30', 'published', '["peace"]');
INSERT INTO quotes VALUES ('q2', 'a1', 1, 'a.txt', 'in/a.txt', 'Vladimir Medinsky', 'he',
  '{he}', 'Russia', 'direct', 'No NATO and no bases', '[{nato}, {bases}]', 'added',
  '{added}', NULL, 'unknown', '["nato","foreign_troops"]');
INSERT INTO quote_topics VALUES ('q1', 'peace'), ('q2', 'nato'), ('q2', 'foreign_troops');
INSERT INTO positions VALUES ('p1', 'a1', 0, 'a.txt', 'in/a.txt', 'Ukraine', 'security_guarantees',
  'support', 1, NULL, '2022-03-30', 'published', 'Kyiv wants guarantees', '{kyiv}', NULL);
INSERT INTO quotes_fts (rowid, text) SELECT rowid, text FROM quotes;
"""


def test_a_v1_store_migrates_without_losing_a_field(db: Path) -> None:
    text = TEXT
    spans = {
        key: json.dumps([at(fragment).start, at(fragment).end])
        for key, fragment in {
            "medinsky": "Medinsky",
            "want": "We want peace now",
            "said": "said",
            "he": "he",
            "nato": "No NATO",
            "bases": "and no bases",
            "added": "added",
            "kyiv": "Kyiv wants guarantees",
        }.items()
    }
    db.parent.mkdir(parents=True)
    con = sqlite3.connect(db)
    con.executescript(MIGRATIONS[0])
    con.execute(
        "CREATE VIRTUAL TABLE quotes_fts USING fts5(text, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    for statement in V1_ROWS.format(**spans).split(";\n"):
        if statement.strip():
            con.execute(statement, {"text": text} if ":text" in statement else {})
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()

    with Store(db) as s:
        (article,) = s.articles()
        assert article.title_span == Span(start=0, end=5)
        assert article.noise == (Span(start=6, end=8),)
        assert article.warnings == ("w",)
        assert article.published == dt.date(2022, 3, 30)
        q1, q2 = s.quotes()
        assert (q1.id, q1.article, q1.article_id, q1.path) == ("q1", "a.txt", "a1", "in/a.txt")
        assert (q1.speaker_mention, q1.speaker_span) == ("Medinsky", at("Medinsky"))
        assert (q1.cue, q1.cue_span, q1.topics) == ("said", at("said"), ("peace",))
        assert q2.spans == (at("No NATO"), at("and no bases"))
        assert (q2.speaker_mention, q2.cue, q2.date) == ("he", "added", None)
        assert q2.topics == ("nato", "foreign_troops")
        (p,) = s.positions()
        assert (p.evidence, p.span, p.conditional) == (
            "Kyiv wants guarantees",
            at("Kyiv wants guarantees"),
            True,
        )
        assert [q.id for q in s.quotes(topic="nato")] == ["q2"]
        assert [q.id for q in s.quotes(contains="wanted")] == ["q1"]  # stems now
        assert s.db.execute("PRAGMA foreign_key_check").fetchall() == []
        s.db.execute("INSERT INTO quotes_fts (quotes_fts) VALUES ('integrity-check')")
    assert sql(db, "PRAGMA user_version") == [(len(MIGRATIONS),)]


def test_every_word_of_a_coded_field_has_its_code() -> None:
    """kind, stance and date_basis are stored as codes: a new word in the models
    needs a migration that decodes it (this fails until there is one)."""
    from typing import get_args

    from talks.models import DateBasis, QuoteKind, Stance
    from talks.store import CODES

    assert set(CODES["kind"]) == set(get_args(QuoteKind))
    assert set(CODES["stance"]) == set(get_args(Stance))
    assert set(CODES["date_basis"]) == set(get_args(DateBasis))

"""The SQLite store: one plain file that sqlite3, Datasette or sqlite-utils can open.

All SQL lives here. The schema is created and upgraded by numbered migrations
applied on open. Each article is written with its quotes and positions in one
transaction, so an interrupted ingest never leaves half an article behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import os
import re
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal

from talks.errors import QueryError, StoreError
from talks.search import fts_query

if TYPE_CHECKING:  # models are built only by the readers that return them (imported
    # there): a listing streamed as dicts never loads pydantic (~0.1 s at start-up)
    from talks.lexicon import SpeakerEntry
    from talks.models import Article, Position, Quote, Span

Status = Literal["new", "unchanged", "updated"]

MIGRATIONS: list[str] = [
    # 1: articles, quotes, positions
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        article TEXT NOT NULL,
        path TEXT NOT NULL,
        title TEXT,
        outlet TEXT,
        url TEXT,
        published TEXT,
        published_basis TEXT NOT NULL,
        encoding TEXT NOT NULL,
        title_span TEXT,
        noise TEXT NOT NULL,
        warnings TEXT NOT NULL,
        text TEXT NOT NULL,
        digest TEXT NOT NULL,
        ingested_at TEXT NOT NULL,
        source TEXT NOT NULL
    );
    CREATE UNIQUE INDEX articles_source ON articles(source, article);
    CREATE INDEX articles_published ON articles(published);
    CREATE TABLE quotes (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        article TEXT NOT NULL,
        path TEXT NOT NULL,
        speaker TEXT NOT NULL,
        speaker_mention TEXT NOT NULL,
        speaker_span TEXT,
        side TEXT NOT NULL,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        spans TEXT NOT NULL,
        cue TEXT,
        cue_span TEXT,
        date TEXT,
        date_basis TEXT NOT NULL,
        topics TEXT NOT NULL
    );
    CREATE INDEX quotes_article ON quotes(article_id, seq);
    CREATE INDEX quotes_speaker ON quotes(speaker COLLATE NOCASE);
    CREATE INDEX quotes_date ON quotes(date);
    CREATE TABLE quote_topics (
        quote_id TEXT NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
        topic TEXT NOT NULL,
        PRIMARY KEY (topic, quote_id)
    );
    CREATE INDEX quote_topics_quote ON quote_topics(quote_id);
    CREATE TABLE positions (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        article TEXT NOT NULL,
        path TEXT NOT NULL,
        actor TEXT NOT NULL,
        topic TEXT NOT NULL,
        stance TEXT NOT NULL,
        conditional INTEGER NOT NULL,
        holder TEXT,
        date TEXT,
        date_basis TEXT NOT NULL,
        evidence TEXT NOT NULL,
        span TEXT NOT NULL,
        quote_id TEXT
    );
    CREATE INDEX positions_topic ON positions(topic, actor);
    CREATE INDEX positions_article ON positions(article_id, seq);
    """,
    # 2: the negotiation round a quote or position refers to (events.yaml name)
    """
    ALTER TABLE quotes ADD COLUMN event TEXT;
    ALTER TABLE positions ADD COLUMN event TEXT;
    CREATE INDEX quotes_event ON quotes(event);
    CREATE INDEX positions_event ON positions(event);
    """,
    # 3: when a web archive's crawler fetched the page (ISO date-time; NULL for files)
    """
    ALTER TABLE articles ADD COLUMN crawled TEXT;
    """,
    # 4: what the store was built with (lexicon fingerprint, ...) and, per article,
    # the lexicon its records were extracted with
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    ALTER TABLE articles ADD COLUMN lexicon TEXT;
    CREATE INDEX positions_topic_actor_date ON positions(topic, actor, date);
    CREATE INDEX positions_actor_date ON positions(actor, date);
    CREATE INDEX positions_date ON positions(date);
    CREATE INDEX quotes_side ON quotes(side COLLATE NOCASE);
    CREATE INDEX articles_order ON articles(published IS NULL, published, article);
    """,
    # 5: one copy of everything (issues 8 and 9). Integer keys (`rowid`, stable
    # across VACUUM) link quotes and positions to their article and speaker; file name
    # and path live only in `articles`; spans are integer columns; a mention, cue or
    # evidence equal to the article's characters at its span is stored as NULL;
    # quote_topics and the full-text index are kept in sync from `quotes` by
    # triggers; the index is external-content (porter stems), so the quote text is
    # stored once. Views give every record with its article's title, outlet, URL
    # and date for browsing without joins.
    """
    CREATE TABLE articles2 (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        article TEXT NOT NULL,
        path TEXT NOT NULL,
        title TEXT,
        outlet TEXT,
        url TEXT,
        published TEXT,
        published_basis TEXT NOT NULL,
        encoding TEXT NOT NULL,
        title_start INTEGER,
        title_end INTEGER,
        noise TEXT NOT NULL,
        warnings TEXT NOT NULL,
        text TEXT NOT NULL,
        digest TEXT NOT NULL,
        ingested_at TEXT NOT NULL,
        source TEXT NOT NULL,
        crawled TEXT,
        lexicon TEXT
    );
    INSERT INTO articles2 (id, article, path, title, outlet, url, published, published_basis,
        encoding, title_start, title_end, noise, warnings, text, digest, ingested_at, source,
        crawled, lexicon)
    SELECT id, article, path, title, outlet, url, published, published_basis, encoding,
        json_extract(title_span, '$[0]'), json_extract(title_span, '$[1]'), noise, warnings,
        text, digest, ingested_at, source, crawled, lexicon
    FROM articles ORDER BY rowid;
    CREATE TABLE speakers (
        rowid INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        side TEXT NOT NULL,
        kind TEXT,
        roles TEXT,
        aliases TEXT,
        UNIQUE (name, side)
    );
    INSERT INTO speakers (name, side) SELECT DISTINCT speaker, side FROM quotes ORDER BY 1, 2;
    CREATE TABLE quotes2 (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        article_rowid INTEGER NOT NULL REFERENCES articles2(rowid) ON DELETE CASCADE,
        speaker_rowid INTEGER NOT NULL REFERENCES speakers(rowid),
        speaker_mention TEXT,
        speaker_start INTEGER,
        speaker_end INTEGER,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        spans TEXT,
        cue TEXT,
        cue_start INTEGER,
        cue_end INTEGER,
        date TEXT,
        date_basis TEXT NOT NULL,
        topics TEXT NOT NULL,
        event TEXT
    );
    INSERT INTO quotes2 (id, article_rowid, speaker_rowid, speaker_mention, speaker_start,
        speaker_end, kind, text, start, end, spans, cue, cue_start, cue_end, date, date_basis,
        topics, event)
    SELECT q.id, a.rowid, s.rowid, q.speaker_mention, json_extract(q.speaker_span, '$[0]'),
        json_extract(q.speaker_span, '$[1]'), q.kind, q.text, json_extract(q.spans, '$[0][0]'),
        json_extract(q.spans, '$[#-1][1]'),
        CASE WHEN json_array_length(q.spans) > 1 THEN json(q.spans) END, q.cue,
        json_extract(q.cue_span, '$[0]'), json_extract(q.cue_span, '$[1]'), q.date,
        q.date_basis, q.topics, q.event
    FROM quotes q JOIN articles2 a ON a.id = q.article_id
    JOIN speakers s ON s.name = q.speaker AND s.side = q.side
    ORDER BY a.rowid, q.seq;
    CREATE TABLE positions2 (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        article_rowid INTEGER NOT NULL REFERENCES articles2(rowid) ON DELETE CASCADE,
        actor TEXT NOT NULL,
        topic TEXT NOT NULL,
        stance TEXT NOT NULL,
        conditional INTEGER NOT NULL,
        holder TEXT,
        date TEXT,
        date_basis TEXT NOT NULL,
        evidence TEXT,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        quote_id TEXT,
        event TEXT
    );
    INSERT INTO positions2 (id, article_rowid, actor, topic, stance, conditional, holder, date,
        date_basis, evidence, start, end, quote_id, event)
    SELECT p.id, a.rowid, p.actor, p.topic, p.stance, p.conditional, p.holder, p.date,
        p.date_basis, p.evidence, json_extract(p.span, '$[0]'), json_extract(p.span, '$[1]'),
        p.quote_id, p.event
    FROM positions p JOIN articles2 a ON a.id = p.article_id
    ORDER BY a.rowid, p.seq;
    DROP TABLE IF EXISTS quotes_fts;
    DROP TABLE quote_topics;
    DROP TABLE quotes;
    DROP TABLE positions;
    DROP TABLE articles;
    ALTER TABLE articles2 RENAME TO articles;
    ALTER TABLE quotes2 RENAME TO quotes;
    ALTER TABLE positions2 RENAME TO positions;
    UPDATE quotes SET speaker_mention = NULL
    WHERE speaker_start IS NOT NULL AND speaker_mention = (SELECT substr(a.text,
        quotes.speaker_start + 1, quotes.speaker_end - quotes.speaker_start)
        FROM articles a WHERE a.rowid = quotes.article_rowid);
    UPDATE quotes SET cue = NULL
    WHERE cue_start IS NOT NULL AND cue = (SELECT substr(a.text, quotes.cue_start + 1,
        quotes.cue_end - quotes.cue_start) FROM articles a WHERE a.rowid = quotes.article_rowid);
    UPDATE positions SET evidence = NULL
    WHERE evidence = (SELECT substr(a.text, positions.start + 1, positions.end - positions.start)
        FROM articles a WHERE a.rowid = positions.article_rowid);
    CREATE UNIQUE INDEX articles_source ON articles(source, article);
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_order ON articles(published IS NULL, published, article);
    CREATE INDEX quotes_article ON quotes(article_rowid);
    CREATE INDEX quotes_speaker ON quotes(speaker_rowid);
    CREATE INDEX positions_topic_actor_date ON positions(topic, actor, date);
    CREATE INDEX positions_actor_date ON positions(actor, date);
    CREATE INDEX positions_date ON positions(date);
    CREATE INDEX positions_article ON positions(article_rowid);
    CREATE INDEX quotes_event ON quotes(event) WHERE event IS NOT NULL;
    CREATE INDEX positions_event ON positions(event) WHERE event IS NOT NULL;
    CREATE TABLE quote_topics (
        topic TEXT NOT NULL,
        quote_rowid INTEGER NOT NULL,
        PRIMARY KEY (topic, quote_rowid)
    ) WITHOUT ROWID;
    INSERT OR IGNORE INTO quote_topics SELECT j.value, q.rowid FROM quotes q, json_each(q.topics) j;
    CREATE VIRTUAL TABLE quotes_fts USING fts5(
        text, content="quotes", content_rowid="rowid", columnsize=0,
        tokenize="porter unicode61 remove_diacritics 2"
    );
    INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild');
    CREATE TRIGGER quotes_insert AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts (rowid, text) VALUES (new.rowid, new.text);
        INSERT OR IGNORE INTO quote_topics SELECT value, new.rowid FROM json_each(new.topics);
    END;
    CREATE TRIGGER quotes_delete AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
        DELETE FROM quote_topics
        WHERE topic IN (SELECT value FROM json_each(old.topics)) AND quote_rowid = old.rowid;
    END;
    CREATE TRIGGER quotes_update AFTER UPDATE OF text, topics ON quotes BEGIN
        INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
        INSERT INTO quotes_fts (rowid, text) VALUES (new.rowid, new.text);
        DELETE FROM quote_topics
        WHERE topic IN (SELECT value FROM json_each(old.topics)) AND quote_rowid = old.rowid;
        INSERT OR IGNORE INTO quote_topics SELECT value, new.rowid FROM json_each(new.topics);
    END;
    CREATE VIEW quote_list AS
    SELECT q.id, q.date, s.name AS speaker, s.side, q.kind, q.text, q.topics,
        coalesce(q.speaker_mention, substr(a.text, q.speaker_start + 1,
            q.speaker_end - q.speaker_start)) AS speaker_mention,
        coalesce(q.cue, substr(a.text, q.cue_start + 1, q.cue_end - q.cue_start)) AS cue,
        q.date_basis, q.start, q.end, coalesce(q.spans, json_array(json_array(q.start, q.end)))
            AS spans, q.speaker_start, q.speaker_end, q.cue_start, q.cue_end,
        a.published, a.title, a.outlet, a.url, a.article, a.id AS article_id, a.path,
        q.event, q.rowid AS quote_rowid, q.article_rowid, q.speaker_rowid
    FROM quotes q JOIN articles a ON a.rowid = q.article_rowid
    JOIN speakers s ON s.rowid = q.speaker_rowid;
    CREATE VIEW position_list AS
    SELECT p.id, p.date, p.actor, p.topic, p.stance, p.conditional, p.holder,
        coalesce(p.evidence, substr(a.text, p.start + 1, p.end - p.start)) AS evidence,
        p.date_basis, p.start, p.end, p.quote_id,
        a.published, a.title, a.outlet, a.url, a.article, a.id AS article_id, a.path,
        p.event, p.rowid AS position_rowid, p.article_rowid
    FROM positions p JOIN articles a ON a.rowid = p.article_rowid;
    CREATE VIEW speaker_list AS
    SELECT s.name, s.side, s.kind, s.roles, s.aliases, COUNT(*) AS quotes,
        COUNT(DISTINCT lower(q.text)) AS statements,
        COUNT(DISTINCT q.article_rowid) AS articles,
        MIN(q.date) AS first_quoted, MAX(q.date) AS last_quoted
    FROM speakers s JOIN quotes q ON q.speaker_rowid = s.rowid
    GROUP BY s.rowid;
    """,
    # 6: smaller rows (issue 8): kind, stance and date_basis as small integer codes
    # (0 and 1 take no bytes in a row; the views and readers give the words back:
    # CODES below), and no unique index on position ids (no query looks a position
    # up by id; ids are hashes of the article and span, unique by construction).
    """
    DROP VIEW quote_list;
    DROP VIEW position_list;
    DROP VIEW speaker_list;
    DROP TRIGGER quotes_insert;
    DROP TRIGGER quotes_delete;
    DROP TRIGGER quotes_update;
    CREATE TABLE quotes2 (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        speaker_rowid INTEGER NOT NULL REFERENCES speakers(rowid),
        speaker_mention TEXT,
        speaker_start INTEGER,
        speaker_end INTEGER,
        kind INTEGER NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        spans TEXT,
        cue TEXT,
        cue_start INTEGER,
        cue_end INTEGER,
        date TEXT,
        date_basis INTEGER NOT NULL,
        topics TEXT NOT NULL,
        event TEXT
    );
    INSERT INTO quotes2 SELECT rowid, id, article_rowid, speaker_rowid, speaker_mention,
        speaker_start, speaker_end,
        CASE kind WHEN 'direct' THEN 0 WHEN 'indirect' THEN 1 END,
        text, start, end, spans, cue, cue_start, cue_end, date,
        CASE date_basis WHEN 'unknown' THEN 0 WHEN 'published' THEN 1 WHEN 'explicit' THEN 2
            WHEN 'relative' THEN 3 END,
        topics, event
    FROM quotes;
    DROP TABLE quotes;
    ALTER TABLE quotes2 RENAME TO quotes;
    CREATE INDEX quotes_article ON quotes(article_rowid);
    CREATE INDEX quotes_speaker ON quotes(speaker_rowid);
    CREATE INDEX quotes_event ON quotes(event) WHERE event IS NOT NULL;
    CREATE TABLE positions2 (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL,
        article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        actor TEXT NOT NULL,
        topic TEXT NOT NULL,
        stance INTEGER NOT NULL,
        conditional INTEGER NOT NULL,
        holder TEXT,
        date TEXT,
        date_basis INTEGER NOT NULL,
        evidence TEXT,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        quote_id TEXT,
        event TEXT
    );
    INSERT INTO positions2 SELECT rowid, id, article_rowid, actor, topic,
        CASE stance WHEN 'support' THEN 0 WHEN 'oppose' THEN 1 END,
        conditional, holder, date,
        CASE date_basis WHEN 'unknown' THEN 0 WHEN 'published' THEN 1 WHEN 'explicit' THEN 2
            WHEN 'relative' THEN 3 END,
        evidence, start, end, quote_id, event
    FROM positions;
    DROP TABLE positions;
    ALTER TABLE positions2 RENAME TO positions;
    CREATE INDEX positions_topic_actor_date ON positions(topic, actor, date);
    CREATE INDEX positions_actor_date ON positions(actor, date);
    CREATE INDEX positions_date ON positions(date);
    CREATE INDEX positions_article ON positions(article_rowid);
    CREATE INDEX positions_event ON positions(event) WHERE event IS NOT NULL;
    CREATE TRIGGER quotes_insert AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts (rowid, text) VALUES (new.rowid, new.text);
        INSERT OR IGNORE INTO quote_topics SELECT value, new.rowid FROM json_each(new.topics);
    END;
    CREATE TRIGGER quotes_delete AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
        DELETE FROM quote_topics
        WHERE topic IN (SELECT value FROM json_each(old.topics)) AND quote_rowid = old.rowid;
    END;
    CREATE TRIGGER quotes_update AFTER UPDATE OF text, topics ON quotes BEGIN
        INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
        INSERT INTO quotes_fts (rowid, text) VALUES (new.rowid, new.text);
        DELETE FROM quote_topics
        WHERE topic IN (SELECT value FROM json_each(old.topics)) AND quote_rowid = old.rowid;
        INSERT OR IGNORE INTO quote_topics SELECT value, new.rowid FROM json_each(new.topics);
    END;
    CREATE VIEW quote_list AS
    SELECT q.id, q.date, s.name AS speaker, s.side,
        CASE q.kind WHEN 0 THEN 'direct' WHEN 1 THEN 'indirect' END AS kind,
        q.text, q.topics,
        coalesce(q.speaker_mention, substr(a.text, q.speaker_start + 1,
            q.speaker_end - q.speaker_start)) AS speaker_mention,
        coalesce(q.cue, substr(a.text, q.cue_start + 1, q.cue_end - q.cue_start)) AS cue,
        CASE q.date_basis WHEN 0 THEN 'unknown' WHEN 1 THEN 'published' WHEN 2 THEN 'explicit'
            WHEN 3 THEN 'relative' END AS date_basis,
        q.start, q.end, coalesce(q.spans, json_array(json_array(q.start, q.end))) AS spans,
        q.speaker_start, q.speaker_end, q.cue_start, q.cue_end,
        a.published, a.title, a.outlet, a.url, a.article, a.id AS article_id, a.path,
        q.event, q.rowid AS quote_rowid, q.article_rowid, q.speaker_rowid
    FROM quotes q JOIN articles a ON a.rowid = q.article_rowid
    JOIN speakers s ON s.rowid = q.speaker_rowid;
    CREATE VIEW position_list AS
    SELECT p.id, p.date, p.actor, p.topic,
        CASE p.stance WHEN 0 THEN 'support' WHEN 1 THEN 'oppose' END AS stance,
        p.conditional, p.holder,
        coalesce(p.evidence, substr(a.text, p.start + 1, p.end - p.start)) AS evidence,
        CASE p.date_basis WHEN 0 THEN 'unknown' WHEN 1 THEN 'published' WHEN 2 THEN 'explicit'
            WHEN 3 THEN 'relative' END AS date_basis,
        p.start, p.end, p.quote_id,
        a.published, a.title, a.outlet, a.url, a.article, a.id AS article_id, a.path,
        p.event, p.rowid AS position_rowid, p.article_rowid
    FROM positions p JOIN articles a ON a.rowid = p.article_rowid;
    CREATE VIEW speaker_list AS
    SELECT s.name, s.side, s.kind, s.roles, s.aliases, COUNT(*) AS quotes,
        COUNT(DISTINCT lower(q.text)) AS statements,
        COUNT(DISTINCT q.article_rowid) AS articles,
        MIN(q.date) AS first_quoted, MAX(q.date) AS last_quoted
    FROM speakers s JOIN quotes q ON q.speaker_rowid = s.rowid
    GROUP BY s.rowid;
    """,
    # 7: what `talks speakers` lists, kept per speaker (issue 10): quotes, statements
    # (grouped in Python: talks.statements) and the mentions seen. Grouping every
    # quote of a large store at each call took half a minute; now a speaker's row
    # is dropped by these triggers whenever one of its quotes (or a quote of a
    # speaker of the same name: statements are counted per name) is added, removed
    # or changed, and the reader recomputes only the missing rows
    # (`Store.refresh_speaker_summary`). An old store starts with no rows.
    """
    CREATE TABLE speaker_summary (
        speaker_rowid INTEGER PRIMARY KEY REFERENCES speakers(rowid),
        quotes INTEGER NOT NULL,
        statements INTEGER NOT NULL,
        spellings TEXT NOT NULL
    );
    CREATE TRIGGER speaker_summary_insert AFTER INSERT ON quotes BEGIN
        DELETE FROM speaker_summary WHERE speaker_rowid IN (SELECT b.rowid FROM speakers a
            JOIN speakers b ON b.name = a.name WHERE a.rowid = new.speaker_rowid);
    END;
    CREATE TRIGGER speaker_summary_delete AFTER DELETE ON quotes BEGIN
        DELETE FROM speaker_summary WHERE speaker_rowid IN (SELECT b.rowid FROM speakers a
            JOIN speakers b ON b.name = a.name WHERE a.rowid = old.speaker_rowid);
    END;
    CREATE TRIGGER speaker_summary_update AFTER UPDATE OF speaker_rowid, text,
        speaker_mention, speaker_start, speaker_end, article_rowid ON quotes BEGIN
        DELETE FROM speaker_summary WHERE speaker_rowid IN (SELECT b.rowid FROM speakers a
            JOIN speakers b ON b.name = a.name
            WHERE a.rowid IN (old.speaker_rowid, new.speaker_rowid));
    END;
    CREATE TRIGGER speaker_summary_article AFTER UPDATE OF text ON articles BEGIN
        DELETE FROM speaker_summary WHERE speaker_rowid IN (SELECT b.rowid FROM quotes q
            JOIN speakers a ON a.rowid = q.speaker_rowid JOIN speakers b ON b.name = a.name
            WHERE q.article_rowid = new.rowid);
    END;
    CREATE TRIGGER speaker_summary_speaker AFTER UPDATE OF name ON speakers BEGIN
        DELETE FROM speaker_summary WHERE speaker_rowid IN (SELECT rowid FROM speakers
            WHERE name IN (old.name, new.name));
    END;
    """,
]

CODES: dict[str, tuple[str, ...]] = {
    "kind": ("direct", "indirect"),
    "stance": ("support", "oppose"),
    "date_basis": ("unknown", "published", "explicit", "relative"),
}
"""The words stored as integer codes (the index in each tuple), as migration 6 and
its views decode them."""
_CODE = {field: {word: i for i, word in enumerate(words)} for field, words in CODES.items()}

PAGE_SIZE = 32768
"""Page size of a new store. An article row (2-4 KB of text plus its fields) fills a
4 KB page alone, leaving the rest empty; nine share a 32 KB page. Existing stores
keep theirs (`VACUUM` in rollback-journal mode after `PRAGMA page_size` changes it)."""

CACHE_KIB = 2000
"""SQLite's page cache per connection, in KiB (SQLite's default, set explicitly: the
cache is sized in pages when it is made, from the default 4 KB page, so a new store
given 32 KB pages got eight times the cache, 16 MB, and an existing one 2 MB).
`Store.cache` sets another bound (the ingest writer's)."""


def _spans(values: Iterable[Span]) -> str:
    return json.dumps([[s.start, s.end] for s in values], separators=(",", ":"))


def _unspans(value: str) -> tuple[Span, ...]:
    from talks.models import Span

    return tuple(Span(start=a, end=b) for a, b in json.loads(value))


def _pair(start: int | None, end: int | None) -> Span | None:
    from talks.models import Span

    return None if start is None or end is None else Span(start=start, end=end)


def _source(path: str) -> str:
    """A file's identity: its absolute path, whichever folder the command ran from."""
    return path if path == "-" else os.path.abspath(path)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _iso(d: dt.date | None) -> str | None:
    return None if d is None else d.isoformat()


def _date(v: str | None) -> dt.date | None:
    return None if v is None else dt.date.fromisoformat(v)


def _unless_at(value: str | None, span: Span | None, text: str | None) -> str | None:
    """`value`, or None when it is exactly the article's characters at `span` (the
    readers give those back from the article: the store keeps one copy). `text` is
    None for an article holding a NUL character, whose values are all kept: SQLite's
    substr() stops at the first NUL."""
    if text is not None and value is not None and span is not None and span.of(text) == value:
        return None
    return value


@dataclass(frozen=True)
class RecordRows:
    """An article's quotes and positions as the store's rows, without the article's
    and speakers' rowids (only the writer knows them). Built where the article was
    extracted (an ingest worker), they cross to the writer as plain tuples, far
    cheaper to unpickle than the models, and the writer only inserts them."""

    speakers: tuple[tuple[str, str], ...]  # (name, side) of each quote, in order
    quotes: tuple[tuple[Any, ...], ...]  # each quote's row, less its two rowids
    positions: tuple[tuple[Any, ...], ...]  # each position's row, less the article rowid


def record_rows(a: Article, quotes: Sequence[Quote], positions: Sequence[Position]) -> RecordRows:
    """The rows `Store.put` writes for these records of article `a`."""
    text: str | None = None if "\x00" in a.text else a.text
    return RecordRows(
        speakers=tuple((q.speaker, q.side) for q in quotes),
        quotes=tuple(
            (
                q.id,
                _unless_at(q.speaker_mention, q.speaker_span, text),
                None if q.speaker_span is None else q.speaker_span.start,
                None if q.speaker_span is None else q.speaker_span.end,
                _CODE["kind"][q.kind],
                q.text,
                q.spans[0].start,
                q.spans[-1].end,
                _spans(q.spans) if len(q.spans) > 1 else None,
                _unless_at(q.cue, q.cue_span, text),
                None if q.cue_span is None else q.cue_span.start,
                None if q.cue_span is None else q.cue_span.end,
                _iso(q.date),
                _CODE["date_basis"][q.date_basis],
                json.dumps(list(q.topics), ensure_ascii=False),
                q.event,
            )
            for q in quotes
        ),
        positions=tuple(
            (
                p.id,
                p.actor,
                p.topic,
                _CODE["stance"][p.stance],
                int(p.conditional),
                p.holder,
                _iso(p.date),
                _CODE["date_basis"][p.date_basis],
                _unless_at(p.evidence, p.span, text),
                p.span.start,
                p.span.end,
                p.quote_id,
                p.event,
            )
            for p in positions
        ),
    )


def _statements(script: str) -> Iterator[str]:
    """The complete SQL statements of `script` (trigger bodies hold semicolons)."""
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n\t;"):
                yield pending
            pending = ""
    if pending.strip(" \n\t;"):
        yield pending


_ARTICLE_NO_TEXT = (
    "rowid, id, article, path, title, outlet, url, published, published_basis, encoding, "
    "title_start, title_end, noise, warnings, '' AS text, digest, ingested_at, source, crawled, "
    "lexicon"
)


# How long a writer waits for another one to finish its batch before giving up (ms):
# concurrent ingests into one store queue behind each other's short transactions.
BUSY_TIMEOUT_MS = 60_000


def explain(path: Path, exc: sqlite3.Error) -> StoreError:
    """A one-line StoreError saying what happened to the store and what to do."""
    text = str(exc)
    low = text.lower()
    code = getattr(exc, "sqlite_errorcode", None)
    if code == sqlite3.SQLITE_FULL or "disk is full" in low or "disk full" in low:
        return StoreError(
            f"{path}: the disk is full (or the store reached its size limit); the batch being "
            "written was rolled back and everything committed before it is kept. Free some "
            "space and run the same ingest again: stored files are skipped"
        )
    if "readonly" in low or "read-only" in low or code == getattr(sqlite3, "SQLITE_READONLY", -1):
        return StoreError(
            f"{path}: the store is read-only; make the file and its folder writable, "
            "or use --db to write to another store"
        )
    if "locked" in low or "busy" in low:
        return StoreError(
            f"{path}: the store stayed locked by another program for "
            f"{BUSY_TIMEOUT_MS // 1000} s; try again when it has finished"
        )
    if "unable to open" in low:
        return StoreError(
            f"{path}: cannot open or create the store; check that its folder exists and "
            "is writable, or use --db to pick another path"
        )
    return StoreError(f"{path}: not a usable talks store ({text})")


class Store:
    """A talks store at `path`: created with its schema when missing, unless
    `create=False` (read commands), which raises StoreError instead and never
    creates a file or folder.

    The store is opened in WAL mode: readers never block a writer or each other,
    and a second writer waits (up to BUSY_TIMEOUT_MS) instead of failing. Every
    SQLite error of opening and writing is a one-line StoreError (`explain`).
    """

    def __init__(self, path: Path | str, *, create: bool = True) -> None:
        self.path = Path(path)
        memory = str(path) == ":memory:"
        if not memory and not create and not self.path.is_file():
            raise StoreError(f"{self.path}: no store here")
        if not memory and create:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{self.path}: cannot create the store's folder: {exc}") from None
        self._in_batch = False
        try:
            if create or memory:
                self.db = sqlite3.connect(str(path), isolation_level=None)
            else:  # mode=rw: opening never creates the file
                uri = self.path.resolve().as_uri() + "?mode=rw"
                self.db = sqlite3.connect(uri, uri=True, isolation_level=None)
        except sqlite3.Error as exc:
            raise explain(self.path, exc) from None
        try:
            self.db.row_factory = sqlite3.Row
            if self.db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] == 0:
                self.db.execute(f"PRAGMA page_size = {PAGE_SIZE}")  # before WAL fixes it
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.cache(CACHE_KIB)
            if str(path) != ":memory:":
                # Readers (queries, ingest workers) never wait for the writer; a
                # read-only store is still readable in its own journal mode.
                with contextlib.suppress(sqlite3.OperationalError):
                    self.db.execute("PRAGMA journal_mode = WAL")
            self._migrate()
            self.db.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as exc:
            self.db.close()
            raise explain(self.path, exc) from None

    # --- lifecycle ------------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.rollback()
        self.db.close()

    def cache(self, kib: int) -> None:
        """Bound SQLite's page cache of this connection to `kib` KiB (of whatever
        page size the store has); never fails (the bound is only a bound)."""
        with contextlib.suppress(sqlite3.Error):
            self.db.execute(f"PRAGMA cache_size = {-int(kib)}")

    def rollback(self) -> None:
        """Drop the open batch, if any (safe after SQLite rolled it back itself)."""
        self._in_batch = False
        if self.db.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self.db.execute("ROLLBACK")

    def _migrate(self) -> None:
        """Apply the migrations this store has not had, in one transaction (foreign
        keys are off meanwhile, so a migration can rebuild a table)."""
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise StoreError(
                f"{self.path}: store schema v{version} is newer than this talks "
                f"(v{len(MIGRATIONS)}); upgrade talks"
            )
        if version < len(MIGRATIONS):
            self.db.execute("PRAGMA foreign_keys = OFF")
            # Under the write lock, from the version read inside it: two programs
            # opening a new store at once migrate it once, one after the other.
            self.db.execute("BEGIN IMMEDIATE")
            try:
                version = self.db.execute("PRAGMA user_version").fetchone()[0]
                for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                    for statement in _statements(script):
                        self.db.execute(statement)
                    self.db.execute(f"PRAGMA user_version = {number}")
                self.db.execute("COMMIT")
            except sqlite3.Error:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise

    # --- writing --------------------------------------------------------------

    def begin(self) -> None:
        """Start a batch: everything until `commit()` lands together or not at all."""
        if not self._in_batch:
            try:
                self.db.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise explain(self.path, exc) from None
            self._in_batch = True

    def commit(self) -> None:
        """Commit the batch; on failure (full disk) it is rolled back and StoreError raised."""
        if self._in_batch:
            try:
                self.db.execute("COMMIT")
            except sqlite3.Error as exc:
                self.rollback()
                raise explain(self.path, exc) from None
            self._in_batch = False

    def stored(self, article: Article) -> tuple[str, str | None] | None:
        """(digest, lexicon fingerprint) of what the store holds for `article`'s
        source (or its id), None when it holds nothing."""
        try:
            return self._stored(article)
        except sqlite3.Error as exc:
            raise explain(self.path, exc) from None

    def _stored(self, article: Article) -> tuple[str, str | None] | None:
        row = self.db.execute(
            "SELECT digest, lexicon FROM articles WHERE source = ? AND article = ?",
            (_source(article.path), article.article),
        ).fetchone()
        if row is None:
            row = self.db.execute(
                "SELECT digest, lexicon FROM articles WHERE id = ?", (article.id,)
            ).fetchone()
        return None if row is None else (row["digest"], row["lexicon"])

    def status_of(self, article: Article, digest: str) -> Status:
        """What storing `article` would be: new, unchanged (same content and
        extraction), or updated (the same source with other content)."""
        try:
            row = self.stored(article)
        except sqlite3.Error as exc:
            raise explain(self.path, exc) from None
        if row is None:
            return "new"
        return "unchanged" if row[0] == digest else "updated"

    def get_meta(self, key: str) -> str | None:
        try:
            row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            raise explain(self.path, exc) from None
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        try:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))
        except sqlite3.Error as exc:
            raise explain(self.path, exc) from None

    def put(
        self,
        article: Article,
        quotes: Sequence[Quote],
        positions: Sequence[Position],
        *,
        digest: str,
        lexicon: str | None = None,
        rows: RecordRows | None = None,
    ) -> None:
        """Store an article with its records, replacing what its source had before.
        `lexicon` is the fingerprint of the lexicon the records were extracted with.
        `rows` (from `record_rows`) stand for `quotes` and `positions` when given.

        Raises StoreError. The article is rolled back; so is the batch when SQLite
        dropped it (a full disk), otherwise the batch's other articles stay."""
        own = not self._in_batch
        if own:
            self.begin()
        try:
            self._put(article, quotes, positions, digest, lexicon, rows)
        except sqlite3.Error as exc:
            if not self.db.in_transaction:  # SQLite rolled the batch back (SQLITE_FULL)
                self._in_batch = False
            elif own:
                self.rollback()
            raise explain(self.path, exc) from None
        if own:
            self.commit()

    def _put(
        self,
        article: Article,
        quotes: Sequence[Quote],
        positions: Sequence[Position],
        digest: str,
        lexicon: str | None,
        rows: RecordRows | None = None,
    ) -> None:
        # A savepoint makes each article all-or-nothing even inside a larger batch.
        self.db.execute("SAVEPOINT put_article")
        try:
            # Its quotes and positions go by cascade; triggers clean the search index.
            self.db.execute(
                "DELETE FROM articles WHERE (source = ? AND article = ?) OR id = ?",
                (_source(article.path), article.article, article.id),
            )
            self._insert(article, quotes, positions, digest, lexicon, rows)
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK TO put_article")
                self.db.execute("RELEASE put_article")
            raise
        self.db.execute("RELEASE put_article")

    def _speaker_rowids(self, speakers: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
        pairs = sorted(set(speakers))
        self.db.executemany("INSERT OR IGNORE INTO speakers (name, side) VALUES (?, ?)", pairs)
        return {
            pair: self.db.execute(
                "SELECT rowid FROM speakers WHERE name = ? AND side = ?", pair
            ).fetchone()[0]
            for pair in pairs
        }

    def _insert(
        self,
        a: Article,
        quotes: Sequence[Quote],
        positions: Sequence[Position],
        digest: str,
        lexicon: str | None = None,
        rows: RecordRows | None = None,
    ) -> None:
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        title = a.title_span
        cursor = self.db.execute(
            "INSERT INTO articles (id, article, path, title, outlet, url, published, "
            "published_basis, encoding, title_start, title_end, noise, warnings, text, digest, "
            "ingested_at, source, crawled, lexicon) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                a.id,
                a.article,
                a.path,
                a.title,
                a.outlet,
                a.url,
                _iso(a.published),
                a.published_basis,
                a.encoding,
                None if title is None else title.start,
                None if title is None else title.end,
                _spans(a.noise),
                json.dumps(list(a.warnings), ensure_ascii=False),
                a.text,
                digest,
                now,
                _source(a.path),
                None if a.crawled is None else a.crawled.isoformat(),
                lexicon,
            ),
        )
        article_rowid = cursor.lastrowid
        if rows is None:
            rows = record_rows(a, quotes, positions)
        speakers = self._speaker_rowids(rows.speakers)
        self.db.executemany(
            "INSERT INTO quotes (id, article_rowid, speaker_rowid, speaker_mention, "
            "speaker_start, speaker_end, kind, text, start, end, spans, cue, cue_start, cue_end, "
            "date, date_basis, topics, event) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (row[0], article_rowid, speakers[who], *row[1:])
                for row, who in zip(rows.quotes, rows.speakers, strict=True)
            ],
        )
        self.db.executemany(
            "INSERT INTO positions (id, article_rowid, actor, topic, stance, conditional, "
            "holder, date, date_basis, evidence, start, end, quote_id, event) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(row[0], article_rowid, *row[1:]) for row in rows.positions],
        )

    def describe_speakers(self, entries: Iterable[SpeakerEntry]) -> None:
        """Record the lexicon's facts (kind, roles with dates, aliases) on the stored
        speakers of those names, so the store tells them without the lexicon."""
        rows = [
            (
                e.kind,
                json.dumps(
                    [
                        {"title": r.title, "since": _iso(r.since), "until": _iso(r.until)}
                        for r in e.roles
                    ],
                    ensure_ascii=False,
                ),
                json.dumps(list(e.aliases), ensure_ascii=False),
                e.name,
            )
            for e in entries
        ]
        own = not self._in_batch
        if own:
            self.begin()
        self.db.executemany(
            "UPDATE speakers SET kind = ?, roles = ?, aliases = ? WHERE name = ? "
            "AND (kind, roles, aliases) IS NOT (?1, ?2, ?3)",
            rows,
        )
        if own:
            self.commit()

    # --- reading --------------------------------------------------------------

    @staticmethod
    def _article(row: sqlite3.Row, *, with_text: bool = True) -> Article:
        from talks.models import Article

        return Article(
            id=row["id"],
            article=row["article"],
            path=row["path"],
            title=row["title"],
            outlet=row["outlet"],
            url=row["url"],
            published=_date(row["published"]),
            published_basis=row["published_basis"],
            text=row["text"] if with_text else "",
            encoding=row["encoding"],
            title_span=_pair(row["title_start"], row["title_end"]),
            noise=_unspans(row["noise"]),
            warnings=tuple(json.loads(row["warnings"])),
            crawled=None if row["crawled"] is None else dt.datetime.fromisoformat(row["crawled"]),
        )

    def articles(
        self,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        outlet: str | None = None,
        article: str | None = None,
        with_text: bool = True,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Article]:
        """Articles in publication order (undated last), filtered."""
        where, args = _where(
            [
                ("published >= ?", _iso(since)),
                ("published <= ?", _iso(until)),
                ("outlet LIKE ?", f"%{outlet}%" if outlet else None),
                ("(article = ? OR id = ?)", article),
            ]
        )
        columns = "*" if with_text else _ARTICLE_NO_TEXT
        rows = self.db.execute(
            f"SELECT {columns} FROM articles {where} "
            "ORDER BY published IS NULL, published, article" + _page(limit, offset),
            args,
        )
        return [self._article(r, with_text=with_text) for r in rows]

    def article_rows(
        self,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        outlet: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> Iterator[dict[str, Any]]:
        """The `talks articles` listing: articles' metadata (no text), streamed."""
        where, args = _where(
            [
                ("published >= ?", _iso(since)),
                ("published <= ?", _iso(until)),
                ("outlet LIKE ?", f"%{outlet}%" if outlet else None),
            ]
        )
        rows = self.db.execute(
            "SELECT id, article, path, title, outlet, url, published, published_basis, crawled, "
            f"encoding FROM articles {where} ORDER BY published IS NULL, published, article"
            + _page(limit, offset),
            args,
        )
        return (dict(r) for r in rows)

    def remove(self, refs: Sequence[str]) -> dict[str, int]:
        """Remove articles (by id or file name) with their quotes and positions, all
        or nothing: a reference that names no stored article is a UsageError and
        nothing is removed. Returns how many articles, quotes and positions went."""
        from talks.errors import UsageError

        ids: list[str] = []
        missing: list[str] = []
        for ref in refs:
            found = [
                r[0]
                for r in self.db.execute(
                    "SELECT id FROM articles WHERE id = ? OR article = ?", (ref, ref)
                )
            ]
            if found:
                ids.extend(i for i in found if i not in ids)
            else:
                missing.append(ref)
        if missing:
            raise UsageError(
                f"no article {', '.join(map(repr, missing))} in {self.path} "
                "(ids and file names are listed by `talks articles`); nothing removed"
            )
        marks = ",".join("?" * len(ids))
        counts = {
            "articles": len(ids),
            "quotes": self.db.execute(
                "SELECT COUNT(*) FROM quotes WHERE article_rowid IN "
                f"(SELECT rowid FROM articles WHERE id IN ({marks}))",
                ids,
            ).fetchone()[0],
            "positions": self.db.execute(
                "SELECT COUNT(*) FROM positions WHERE article_rowid IN "
                f"(SELECT rowid FROM articles WHERE id IN ({marks}))",
                ids,
            ).fetchone()[0],
        }
        self.begin()
        try:
            self.db.execute(f"DELETE FROM articles WHERE id IN ({marks})", ids)
        except sqlite3.Error as exc:
            self.rollback()
            raise explain(self.path, exc) from None
        self.commit()
        return counts

    def article(self, id_or_name: str) -> Article | None:
        """One article by id, else by file name. Two lookups, so the id one uses the
        primary key (an OR of both would scan the table on every call)."""
        row = self.db.execute("SELECT * FROM articles WHERE id = ?", (id_or_name,)).fetchone()
        if row is None:
            row = self.db.execute(
                "SELECT * FROM articles WHERE article = ? LIMIT 1", (id_or_name,)
            ).fetchone()
        return None if row is None else self._article(row)

    def _quote_query(
        self,
        *,
        speakers: Sequence[str] | None = None,
        side: str | None = None,
        kind: str | None = None,
        topic: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        article: str | None = None,
        contains: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        event: str | None = None,
    ) -> tuple[str, list[Any]]:
        match = None if contains is None else fts_query(contains)
        conds: list[tuple[str, Any]] = [
            (
                "speaker_rowid IN (SELECT rowid FROM speakers WHERE side = ? COLLATE NOCASE)",
                side,
            ),
            ("kind = ?", kind),
            ("date >= ?", _iso(since)),
            ("date <= ?", _iso(until)),
            ("(article = ? OR article_id = ?)", article),
            ("event LIKE ?", f"%{event}%" if event else None),
        ]
        if speakers is not None:
            marks = ",".join("?" * len(speakers)) or "NULL"
            conds.append(
                (
                    "speaker_rowid IN (SELECT rowid FROM speakers WHERE name COLLATE NOCASE "
                    f"IN ({marks}))",
                    tuple(speakers),
                )
            )
        where, args = _where(
            [
                *conds,
                ("quote_rowid IN (SELECT quote_rowid FROM quote_topics WHERE topic = ?)", topic),
                ("quote_rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)", match),
            ]
        )
        order = "ORDER BY published IS NULL, published, article, quote_rowid"
        if limit is None and not offset:
            return f"SELECT * FROM quote_list {where} {order}", args
        if not where and limit is not None:
            # No filter: the page is the first quotes in listing order, found by
            # walking them in that order (36,000 of 1.7M: 0.03 s instead of 0.8 s).
            page = f"SELECT q.rowid {_WALK}" + _page(limit, offset)
            return f"SELECT * FROM quote_list WHERE quote_rowid IN ({page}) {order}", args
        if match is not None and limit is not None and limit > 0 and article is None:
            rowids = self._walk_page(conds, topic, match, offset + limit)
            if rowids is not None:
                # one JSON list, not a mark per row: a page may have more rows than
                # SQLite allows marks (32,766)
                sql = (
                    "SELECT * FROM quote_list WHERE quote_rowid IN "
                    f"(SELECT value FROM json_each(?)) {order}"
                )
                return sql, [json.dumps(rowids[offset:])]
        # A page: find its rows by their sort keys alone, then build just those rows
        # (the view's text-derived columns would otherwise be read for every match).
        page = f"SELECT quote_rowid FROM quote_list {where} {order}" + _page(limit, offset)
        return f"SELECT * FROM quote_list WHERE quote_rowid IN ({page}) {order}", args

    def _walk_page(
        self, conds: Sequence[tuple[str, Any]], topic: str | None, match: str, need: int
    ) -> list[int] | None:
        """The rowids of the first `need` quotes matching a search (and `conds`,
        written over `quote_list`'s column names) in listing order, found by walking
        the quotes in that order and asking the full-text index about each; None
        when the walk is not worth it or did not fill the page.

        Sorting every match to keep a page costs time in proportion to the matches
        (162,861 quotes hold "neutral" in a 1.7M-quote store: 0.22 s), while the walk
        costs in proportion to the quotes it passes, about `need` times the store's
        quotes per match. So the walk runs only when the search matches many quotes
        (`_walk_cap`, from a count of the matches that stops at the threshold) and
        gives up after `cap` quotes (other filters, or matches crowded late in the
        listing, can leave the page unfilled): the caller then runs the plain query.
        The first `need` matching quotes of a prefix of the listing are the first
        `need` of the whole listing, so a filled page is the plain query's page."""
        total = self.db.execute("SELECT max(rowid) FROM quotes").fetchone()[0] or 0
        floor = _walk_floor(need, total)
        found = self._select(
            "SELECT count(*) FROM (SELECT 1 FROM quotes_fts WHERE quotes_fts MATCH ? LIMIT ?)",
            (match, floor),
            search=True,
        ).fetchone()[0]
        cap = _walk_cap(need, total, found, floor)
        if cap is None:
            return None
        # Cheap tests first: SQLite codes the correlated subqueries (topic, search)
        # after the others, and the search last, as written. A prefix search is
        # answered once into a list instead: FTS5 merges every word of the prefix
        # again for each question (a millisecond each for `neutr*`).
        search = (
            "w.quote_rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)"
            if _prefix_search(match)
            else "EXISTS (SELECT 1 FROM quotes_fts f WHERE quotes_fts MATCH ? "
            "AND f.rowid = w.quote_rowid)"
        )
        where, args = _where(
            [
                *conds,
                (
                    "EXISTS (SELECT 1 FROM quote_topics t WHERE t.topic = ? "
                    "AND t.quote_rowid = w.quote_rowid)",
                    topic,
                ),
                (search, match),
            ]
        )
        kind = " ".join(f"WHEN {i} THEN '{word}'" for i, word in enumerate(CODES["kind"]))
        sql = (
            "SELECT quote_rowid FROM (SELECT q.rowid AS quote_rowid, q.speaker_rowid, "
            f"CASE q.kind {kind} END AS kind, q.date, a.article, a.id AS article_id, q.event "
            f"{_WALK} LIMIT ?) AS w {where} LIMIT ?"
        )
        rowids = [r[0] for r in self._select(sql, [cap, *args, need], search=True)]
        return rowids if len(rowids) == need else None

    def _select(self, sql: str, args: Sequence[Any], *, search: bool) -> sqlite3.Cursor:
        try:
            return self.db.execute(sql, args)
        except sqlite3.OperationalError as exc:
            if search:  # FTS5 refused a query that fts_query let through
                raise QueryError(f"--contains: the index refuses this query ({exc})") from None
            raise

    def quotes(
        self,
        *,
        speakers: Sequence[str] | None = None,
        side: str | None = None,
        kind: str | None = None,
        topic: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        article: str | None = None,
        contains: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        event: str | None = None,
    ) -> list[Quote]:
        """Quotes in article date order, then text order. `speakers` are exact names
        (any case); `contains` is a search query (`talks.search`: words match their
        other forms, `prefix*`, `OR`, "phrases"; a malformed one is a QueryError);
        `event` matches part of the name of the round a quote refers to ("Istanbul",
        "second round")."""
        sql, args = self._quote_query(
            speakers=speakers,
            side=side,
            kind=kind,
            topic=topic,
            since=since,
            until=until,
            article=article,
            contains=contains,
            limit=limit,
            offset=offset,
            event=event,
        )
        return [_quote(r) for r in self._select(sql, args, search=contains is not None)]

    def quote_rows(self, *, flat: bool = False, **filters: Any) -> Iterator[dict[str, Any]]:
        """`quotes(**filters)` as JSON-ready dicts (the same fields), streamed from the
        cursor without building a model per row. With `flat`, the rows of the
        `quote_list` view instead: one value per column (spans as start/end numbers,
        the article's title, outlet, URL and publication date), for spreadsheets."""
        sql, args = self._quote_query(**filters)
        rows = self._select(sql, args, search=filters.get("contains") is not None)
        if flat:
            return (_flat_quote(r) for r in rows)
        return (_quote_dict(r) for r in rows)

    def quote(self, quote_id: str) -> Quote | None:
        """One quote by id (a unique prefix of at least 6 characters is enough)."""
        rows = self.db.execute(
            "SELECT * FROM quote_list WHERE id = ? OR (length(?) >= 6 AND id >= ? "
            "AND id < ? || char(1114111)) LIMIT 2",
            (quote_id, quote_id, quote_id, quote_id),
        ).fetchall()
        exact = [r for r in rows if r["id"] == quote_id]
        if exact:
            return _quote(exact[0])
        return _quote(rows[0]) if len(rows) == 1 else None

    def _position_query(
        self,
        *,
        topic: str | None = None,
        actor: str | None = None,
        stance: str | None = None,
        holder: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        article: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        event: str | None = None,
        reports: bool = False,
    ) -> tuple[str, list[Any]]:
        where, args = _where(
            [
                ("v.topic = ?", topic),
                ("v.actor = ? COLLATE NOCASE", actor),
                ("v.stance = ?", stance),
                ("v.holder LIKE ?", f"%{holder}%" if holder else None),
                ("v.date >= ?", _iso(since)),
                ("v.date <= ?", _iso(until)),
                ("(v.article = ? OR v.article_id = ?)", article),
                ("v.event LIKE ?", f"%{event}%" if event else None),
            ]
        )
        # reports: how many distinct articles state the same actor, topic, stance
        # and date (1 when undated), by an indexed subquery per row
        extra = (
            ", CASE WHEN v.date IS NULL THEN 1 ELSE (SELECT COUNT(DISTINCT r.article_rowid) "
            "FROM positions o, positions r WHERE o.rowid = v.position_rowid "
            "AND r.topic = o.topic AND r.actor = o.actor AND r.date = o.date "
            "AND r.stance = o.stance) END AS reports"
            if reports
            else ""
        )
        order = "ORDER BY v.date IS NULL, v.date, v.article, v.position_rowid"
        if limit is None and not offset:
            return f"SELECT v.*{extra} FROM position_list v {where} {order}", args
        # A page: find its rows by their sort keys alone, then build just those rows
        # (evidence and reports would otherwise be computed for every match).
        if limit is not None and article is None:
            # Dated rows sort first: when the page ends among them, no row after the
            # date of its last row can be on it, so only rows up to that date need
            # the join to their article (for the tie-break by file name).
            raw, raw_args = _where(
                [
                    ("topic = ?", topic),
                    ("actor = ? COLLATE NOCASE", actor),
                    ("stance = ?", None if stance is None else CODES["stance"].index(stance)),
                    ("holder LIKE ?", f"%{holder}%" if holder else None),
                    ("date >= ?", _iso(since)),
                    ("date <= ?", _iso(until)),
                    ("event LIKE ?", f"%{event}%" if event else None),
                ]
            )
            raw = (raw + " AND" if raw else "WHERE") + " date IS NOT NULL"
            cutoff = self.db.execute(
                f"SELECT date FROM positions {raw} ORDER BY date LIMIT 1 OFFSET ?",
                [*raw_args, offset + limit - 1],
            ).fetchone()
            if cutoff is not None:
                where = (where + " AND" if where else "WHERE") + " v.date <= ?"
                args = [*args, cutoff[0]]
        page = f"SELECT v.position_rowid FROM position_list v {where} {order}" + _page(
            limit, offset
        )
        sql = f"SELECT v.*{extra} FROM position_list v WHERE v.position_rowid IN ({page}) {order}"
        return sql, args

    def positions(
        self,
        *,
        topic: str | None = None,
        actor: str | None = None,
        stance: str | None = None,
        holder: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        article: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        event: str | None = None,
    ) -> list[Position]:
        """Positions in date order (undated last), then article and text order; `event`
        matches part of the name of the round a position refers to."""
        sql, args = self._position_query(
            topic=topic,
            actor=actor,
            stance=stance,
            holder=holder,
            since=since,
            until=until,
            article=article,
            limit=limit,
            offset=offset,
            event=event,
        )
        return [_position(r) for r in self.db.execute(sql, args)]

    def position_rows(
        self, *, reports: bool = False, flat: bool = False, **filters: Any
    ) -> Iterator[dict[str, Any]]:
        """`positions(**filters)` as JSON-ready dicts, streamed from the cursor. With
        `reports`, each also has `reports`: how many distinct articles in the store
        state the same actor, topic, stance and date (1 when undated). With `flat`,
        the rows of the `position_list` view instead (see `quote_rows`)."""
        sql, args = self._position_query(reports=reports, **filters)
        rows = self.db.execute(sql, args)
        if flat:
            return (_flat_position(r) for r in rows)
        if reports:
            return ({**_position_dict(r), "reports": r["reports"]} for r in rows)
        return (_position_dict(r) for r in rows)

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
        where, args = _where([("topic = ?", topic), ("actor = ?", actor)])
        where = (where + " AND" if where else "WHERE") + " date IS NOT NULL"
        return int(self.db.execute(f"SELECT COUNT(*) FROM positions {where}", args).fetchone()[0])

    def period_groups(
        self, *, topic: str, actor: str | None = None, chars: int
    ) -> list[dict[str, Any]]:
        """Per actor and period (the first `chars` characters of the ISO date: 7 a
        month, 10 a day): support and oppose counts, and the positions on the
        period's last date (as `position_rows` gives them), the candidates for the
        period's last stance. Counted in SQL, so only those candidates are built."""
        where, args = _where([("topic = ?", topic), ("actor = ?", actor)])
        where = (where + " AND" if where else "WHERE") + " date IS NOT NULL"
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
        where, args = _where([("topic = ?", topic), ("actor = ?", actor)])
        where = (where + " AND" if where else "WHERE") + " date IS NULL"
        return int(self.db.execute(f"SELECT COUNT(*) FROM positions {where}", args).fetchone()[0])

    def refresh_speaker_summary(
        self, count_statements: Callable[[list[tuple[str, str]]], int]
    ) -> list[dict[str, Any]]:
        """Per speaker (name and side): quotes, statements and the mentions seen (most
        frequent first), most quoted first, from the `speaker_summary` table
        (migration 7) after its missing rows are computed and stored.

        `count_statements` gets one name's quotes as (id, text) pairs and returns its
        number of statements. Missing rows are computed inside one read transaction
        and written in it: if another program wrote meanwhile (or the store is
        read-only) nothing is stored, and the rows computed from the snapshot are
        returned all the same.
        """
        own = not self._in_batch and not self.db.in_transaction
        if own:
            self.db.execute("BEGIN")
        try:
            fresh = self._speaker_summary_missing(count_statements)
            if fresh and own:
                try:
                    self.db.executemany(
                        "INSERT OR REPLACE INTO speaker_summary VALUES (?, ?, ?, ?)",
                        [
                            (r["rowid"], r["quotes"], r["statements"], _json(r["spellings"]))
                            for r in fresh
                        ],
                    )
                    self.db.execute("COMMIT")
                except sqlite3.Error:  # read-only, or the store changed since the read
                    self.rollback()
            kept = self.db.execute(
                "SELECT m.speaker_rowid, s.name, s.side, m.quotes, m.statements, m.spellings "
                "FROM speaker_summary m JOIN speakers s ON s.rowid = m.speaker_rowid"
            ).fetchall()
        finally:
            if own and self.db.in_transaction:
                self.db.execute("ROLLBACK")
        out = {
            r[0]: {
                "rowid": r[0],
                "name": r[1],
                "side": r[2],
                "quotes": r[3],
                "statements": r[4],
                "spellings": json.loads(r[5]),
            }
            for r in kept
        }
        out.update((r["rowid"], r) for r in fresh)
        return sorted(out.values(), key=lambda r: (-r["quotes"], r["name"], r["side"]))

    def _speaker_summary_missing(
        self, count_statements: Callable[[list[tuple[str, str]]], int]
    ) -> list[dict[str, Any]]:
        """The summary rows of every speaker with quotes but no row; statements and
        mentions are counted per name (over all its sides)."""
        names = [
            r[0]
            for r in self.db.execute(
                "SELECT DISTINCT s.name FROM speakers s WHERE NOT EXISTS "
                "(SELECT 1 FROM speaker_summary m WHERE m.speaker_rowid = s.rowid) "
                "AND EXISTS (SELECT 1 FROM quotes q WHERE q.speaker_rowid = s.rowid) ORDER BY 1"
            )
        ]
        out: list[dict[str, Any]] = []
        for name in names:
            per_side: Counter[tuple[int, str]] = Counter()
            mentions: Counter[str] = Counter()
            texts: list[tuple[str, str]] = []
            # Mentions stored as NULL are the article's characters at their span.
            for rowid, side, qid, text, mention in self.db.execute(
                "SELECT s.rowid, s.side, q.id, q.text, coalesce(q.speaker_mention, "
                "substr(a.text, q.speaker_start + 1, q.speaker_end - q.speaker_start)) "
                "FROM speakers s JOIN quotes q ON q.speaker_rowid = s.rowid "
                "JOIN articles a ON a.rowid = q.article_rowid WHERE s.name = ? ORDER BY q.rowid",
                (name,),
            ):
                per_side[rowid, side] += 1
                mentions[mention] += 1
                texts.append((qid, text))
            statements = count_statements(texts)
            seen = [m for m, _ in sorted(mentions.items(), key=lambda kv: (-kv[1], kv[0]))]
            out += [
                {
                    "rowid": rowid,
                    "name": name,
                    "side": side,
                    "quotes": n,
                    "statements": statements,
                    "spellings": seen,
                }
                for (rowid, side), n in sorted(per_side.items())
            ]
        return out

    def speaker_names(self) -> list[str]:
        """Names of the speakers with quotes (one index probe per speaker, not a scan
        of every quote)."""
        return [
            r[0]
            for r in self.db.execute(
                "SELECT DISTINCT name FROM speakers s WHERE EXISTS "
                "(SELECT 1 FROM quotes q WHERE q.speaker_rowid = s.rowid)"
            )
        ]

    def summary(self) -> dict[str, Any]:
        """Dates, last ingest and per-lexicon article counts, for `talks info`."""
        row = self.db.execute(
            "SELECT MIN(published), MAX(published), MAX(ingested_at) FROM articles"
        ).fetchone()
        by_lexicon = {
            r[0]: r[1]
            for r in self.db.execute(
                "SELECT lexicon, COUNT(*) FROM articles GROUP BY lexicon ORDER BY 2 DESC"
            )
        }
        return {
            "schema": self.db.execute("PRAGMA user_version").fetchone()[0],
            "first_published": row[0],
            "last_published": row[1],
            "last_ingest": row[2],
            "articles_by_lexicon": by_lexicon,
        }

    def actors(self) -> list[str]:
        """The parties that hold positions in the store, sorted."""
        return [r[0] for r in self.db.execute("SELECT DISTINCT actor FROM positions ORDER BY 1")]

    def topics(self) -> list[str]:
        """The topics positions in the store are about, sorted."""
        return [r[0] for r in self.db.execute("SELECT DISTINCT topic FROM positions ORDER BY 1")]

    def counts(self) -> dict[str, int]:
        return {
            t: self.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("articles", "quotes", "positions")
        }


def stored_digest(db: sqlite3.Connection, article: Article) -> str | None:
    """The digest stored for `article` (by source and name, else by id), on any
    connection to a store: workers ask it read-only to skip unchanged articles."""
    row = db.execute(
        "SELECT digest FROM articles WHERE source = ? AND article = ?",
        (_source(article.path), article.article),
    ).fetchone()
    if row is None:
        row = db.execute("SELECT digest FROM articles WHERE id = ?", (article.id,)).fetchone()
    return None if row is None else str(row[0])


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


_WALK = (
    "FROM articles a INDEXED BY articles_order CROSS JOIN quotes q ON q.article_rowid = a.rowid "
    "CROSS JOIN speakers s ON s.rowid = q.speaker_rowid "
    "ORDER BY a.published IS NULL, a.published, a.article, q.rowid"
)
"""Every quote (`quote_list`'s rows: each has its article and speaker) in listing
order, without sorting them all: articles in `articles_order`, each one's quotes by
`quotes_article`; SQLite sorts only the quotes of articles tied on date and name."""

WALK_PER_QUOTE = 8
"""What the listing-order walk of a search page spends on each quote it passes
(finding it, asking the full-text index), in units of what sorting one match costs
the plain query (measured on a 1.7M-quote store: ≈ 11 µs and 1.4 µs)."""

WALK_SLACK = 4
"""How many times the expected number of quotes the walk may pass before giving up
(matches are not spread evenly through the listing)."""


def _walk_floor(need: int, total: int) -> int:
    """How many matches a search needs before walking `total` quotes in listing order
    for a page of `need` can beat sorting the matches: the walk passes up to
    WALK_SLACK * need * total / matches quotes at WALK_PER_QUOTE each, the sort costs
    one per match, so walking pays when matches² > WALK_PER_QUOTE * WALK_SLACK *
    need * total."""
    return math.isqrt(WALK_PER_QUOTE * WALK_SLACK * need * total) + 1


def _walk_cap(need: int, total: int, found: int, floor: int) -> int | None:
    """How many quotes the walk may pass for a page of `need` when the search matched
    at least `found` of `total` quotes (counted up to `floor`), or None to sort the
    matches instead."""
    if found < floor:
        return None
    return WALK_SLACK * need * total // found + need


def _prefix_search(match: str) -> bool:
    """Whether an FTS5 query (`talks.search.fts_query`'s: quoted strings, `OR`) has a
    prefix term: a `*` after a quoted string (which holds no quote of its own)."""
    return any(re.findall(r'"[^"]*"(\*?)', match))


def _page(limit: int | None, offset: int) -> str:
    """A LIMIT/OFFSET clause (empty when neither is given)."""
    if limit is None and not offset:
        return ""
    return f" LIMIT {-1 if limit is None else int(limit)} OFFSET {int(offset)}"


def _span_dict(start: int | None, end: int | None) -> dict[str, int] | None:
    return None if start is None or end is None else {"start": start, "end": end}


def _spans_of(r: sqlite3.Row) -> list[list[int]]:
    return json.loads(r["spans"])  # type: ignore[no-any-return]


def _quote(r: sqlite3.Row) -> Quote:
    from talks.models import Quote, Span

    return Quote(
        id=r["id"],
        article=r["article"],
        article_id=r["article_id"],
        path=r["path"],
        speaker=r["speaker"],
        speaker_mention=r["speaker_mention"],
        speaker_span=_pair(r["speaker_start"], r["speaker_end"]),
        side=r["side"],
        kind=r["kind"],
        text=r["text"],
        spans=tuple(Span(start=a, end=b) for a, b in _spans_of(r)),
        cue=r["cue"],
        cue_span=_pair(r["cue_start"], r["cue_end"]),
        date=_date(r["date"]),
        date_basis=r["date_basis"],
        topics=tuple(json.loads(r["topics"])),
        event=r["event"],
    )


def _quote_dict(r: sqlite3.Row) -> dict[str, Any]:
    """A `quote_list` row as `Quote.model_dump(mode="json")` would give it."""
    return {
        "id": r["id"],
        "article": r["article"],
        "article_id": r["article_id"],
        "path": r["path"],
        "speaker": r["speaker"],
        "speaker_mention": r["speaker_mention"],
        "speaker_span": _span_dict(r["speaker_start"], r["speaker_end"]),
        "side": r["side"],
        "kind": r["kind"],
        "text": r["text"],
        "spans": [{"start": a, "end": b} for a, b in _spans_of(r)],
        "cue": r["cue"],
        "cue_span": _span_dict(r["cue_start"], r["cue_end"]),
        "date": r["date"],
        "date_basis": r["date_basis"],
        "topics": json.loads(r["topics"]),
        "event": r["event"],
    }


def _position(r: sqlite3.Row) -> Position:
    from talks.models import Position, Span

    return Position(
        id=r["id"],
        article=r["article"],
        article_id=r["article_id"],
        path=r["path"],
        actor=r["actor"],
        topic=r["topic"],
        stance=r["stance"],
        conditional=bool(r["conditional"]),
        holder=r["holder"],
        date=_date(r["date"]),
        date_basis=r["date_basis"],
        evidence=r["evidence"],
        span=Span(start=r["start"], end=r["end"]),
        quote_id=r["quote_id"],
        event=r["event"],
    )


def _position_dict(r: sqlite3.Row) -> dict[str, Any]:
    """A `position_list` row as `Position.model_dump(mode="json")` would give it."""
    return {
        "id": r["id"],
        "article": r["article"],
        "article_id": r["article_id"],
        "path": r["path"],
        "actor": r["actor"],
        "topic": r["topic"],
        "stance": r["stance"],
        "conditional": bool(r["conditional"]),
        "holder": r["holder"],
        "date": r["date"],
        "date_basis": r["date_basis"],
        "evidence": r["evidence"],
        "span": {"start": r["start"], "end": r["end"]},
        "quote_id": r["quote_id"],
        "event": r["event"],
    }


_ARTICLE_FIELDS = ("published", "title", "outlet", "url")


def _flat_quote(r: sqlite3.Row) -> dict[str, Any]:
    """A quote for a spreadsheet: the contract's fields in their order, one value per
    cell (spans as start/end numbers, lists joined by "; "), then its article's
    publication date, title, outlet and URL."""
    row: dict[str, Any] = {}
    for k in (
        "id article article_id path speaker speaker_mention speaker_start speaker_end side "
        "kind text start end spans cue cue_start cue_end date date_basis topics event"
    ).split():
        row[k] = r[k]
    row["spans"] = "; ".join(f"{a}-{b}" for a, b in _spans_of(r))
    row["topics"] = "; ".join(json.loads(r["topics"]))
    row.update((k, r[k]) for k in _ARTICLE_FIELDS)
    return row


def _flat_position(r: sqlite3.Row) -> dict[str, Any]:
    """A position for a spreadsheet (see `_flat_quote`)."""
    row: dict[str, Any] = {}
    for k in (
        "id article article_id path actor topic stance conditional holder date date_basis "
        "evidence start end quote_id event"
    ).split():
        row[k] = r[k]
    row["conditional"] = bool(r["conditional"])
    if "reports" in r.keys():  # noqa: SIM118 - sqlite3.Row has keys(), not __contains__
        row["reports"] = r["reports"]
    row.update((k, r[k]) for k in _ARTICLE_FIELDS)
    return row


# Canned queries for `talks serve` (Datasette runs them with named :parameters; an
# empty parameter means "any"). Each answers a question without a join.
QUERIES: dict[str, dict[str, str]] = {
    "speaker_statements": {
        "title": "A speaker's statements",
        "description": "Every quote of the speakers whose name contains :speaker (any case), "
        "oldest article first, with the article each comes from.",
        "sql": """SELECT date, speaker, side, kind, text, outlet, title, published, url,
    article, id
FROM quote_list
WHERE speaker LIKE '%' || :speaker || '%'
ORDER BY published IS NULL, published, article, quote_rowid""",
    },
    "topic_positions": {
        "title": "Positions on a topic over time",
        "description": "Each party's stances on :topic (a topic key such as nato or "
        "neutrality) in date order, undated last, with their evidence and source.",
        "sql": """SELECT date, actor, stance, conditional, holder, evidence, outlet, title,
    published, url, article, id
FROM position_list
WHERE topic = :topic
ORDER BY date IS NULL, date, actor, article, position_rowid""",
    },
    "what_changed": {
        "title": "What changed between two dates",
        "description": "Per party and topic (:topic, or every topic when empty), the "
        "latest stance on or before :from and on or before :to (dates as YYYY-MM-DD), "
        "marked changed, new or same. `talks diff` gives the same with every tie.",
        "sql": """WITH ranked AS (
    SELECT p.*, w.side AS side_of_date,
        ROW_NUMBER() OVER (PARTITION BY w.side, p.actor, p.topic
            ORDER BY p.date DESC, p.article DESC, p.position_rowid DESC) AS n
    FROM position_list p
    JOIN (SELECT 'from' AS side, :from AS d UNION ALL SELECT 'to', :to) w ON p.date <= w.d
    WHERE p.date IS NOT NULL AND (:topic = '' OR p.topic = :topic)
)
SELECT a.actor, a.topic,
    CASE WHEN b.stance IS NULL THEN 'new'
        WHEN a.stance != b.stance OR a.conditional != b.conditional THEN 'changed'
        ELSE 'same' END AS status,
    b.stance AS stance_before, b.date AS date_before, b.evidence AS evidence_before,
    b.url AS url_before,
    a.stance AS stance_after, a.date AS date_after, a.evidence AS evidence_after,
    a.url AS url_after
FROM ranked a
LEFT JOIN ranked b ON b.side_of_date = 'from' AND b.n = 1 AND b.actor = a.actor
    AND b.topic = a.topic
WHERE a.side_of_date = 'to' AND a.n = 1
ORDER BY status = 'same', a.actor, a.topic""",
    },
}

"""The store's schema as numbered migrations, applied in order on open.

A store records how many it has had (`PRAGMA user_version`); opening applies the
rest in one transaction. A migration that has landed is never edited: stores in
use have run it. New ones are appended to `schema_v6.MIGRATIONS_FROM_6`.
Migrations 1-5 are here: the tables, the listing views and the full-text index.
"""

from __future__ import annotations

from talks.store.schema_v6 import MIGRATIONS_FROM_6

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
    *MIGRATIONS_FROM_6,
]

"""Migrations from 6 on (see `schema.py`), and the words migration 6 stores as codes.

6 stores kind, stance and date basis as small integers that its views decode
(CODES); 7 keeps the `talks speakers` summary per speaker. Append new migrations
at the end of MIGRATIONS_FROM_6; never edit one that has landed.
"""

from __future__ import annotations

CODES: dict[str, tuple[str, ...]] = {
    "kind": ("direct", "indirect"),
    "stance": ("support", "oppose"),
    "date_basis": ("unknown", "published", "explicit", "relative"),
}
"""The words stored as integer codes (the index in each tuple), as migration 6 and
its views decode them."""


_CODE = {field: {word: i for i, word in enumerate(words)} for field, words in CODES.items()}

MIGRATIONS_FROM_6: list[str] = [
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
